// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: FreeBSD callout(9) as bsdcompat implements it.
 *
 * The handlers report through a struct fco and completions; the cases wait
 * with generous bounds (to fail rather than hang), never for a time they
 * expect. A case that checks that a handler did not run waits for
 * callout_drain(), which returns once nothing is armed or running.
 */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/random.h>
#include <linux/slab.h>

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/callout.h>
#include <sys/mutex.h>
#include <sys/rwlock.h>
#include <bsdcompat/biglock.h>

#include "kunit_helpers.h"

MODULE_IMPORT_NS(BSDCOMPAT);

#define FCO_ERR		"callout error: "
#define FCO_WAIT	(10 * HZ)	/* a bound against hangs, no more */
#define FCO_LONG	(60 * hz)	/* a time that never comes in a case */

struct fco {
	struct callout		c;
	struct mtx		mtx;
	struct rwlock		rw;
	atomic_t		fired;
	struct completion	entered;
	struct completion	ran;
	struct completion	go;	/* a blocking handler waits here */
	bool			block;
	bool			unlock_self;	/* CALLOUT_RETURNUNLOCKED */
	bool			drain_self;
	struct completion	*freed;	/* kfree() itself, then complete */
	int			rearm;
	/* What the handler saw. */
	bool			giant;
	bool			mtx_owned;
	bool			rw_wowned;
	bool			rw_held;
	bool			pending;
	bool			active;
	int			cpu;
	/* The race case: armed under the mutex, checked by the handler. */
	bool			armed;
	atomic_t		late;
};

static void fco_handler(void *arg)
{
	struct fco *t = arg;

	t->giant = bsd_kernel_locked_p();
	t->mtx_owned = mtx_initialized(&t->mtx) && mtx_owned(&t->mtx);
	t->rw_wowned = rw_initialized(&t->rw) && rw_wowned(&t->rw);
	t->rw_held = rw_initialized(&t->rw) &&
		     t->rw.lock_object.lo_class->lc_owned(&t->rw.lock_object);
	t->pending = callout_pending(&t->c);
	t->active = callout_active(&t->c);
	t->cpu = raw_smp_processor_id();
	complete(&t->entered);
	if (t->block)
		wait_for_completion_timeout(&t->go, FCO_WAIT);
	if (t->unlock_self)
		mtx_unlock(&t->mtx);
	if (t->rearm > 0) {
		t->rearm--;
		callout_schedule(&t->c, 1);
	}
	if (t->drain_self)
		callout_drain(&t->c);
	atomic_inc(&t->fired);
	if (t->freed) {
		struct completion *freed = t->freed;

		callout_stop(&t->c);
		kfree(t);
		complete(freed);
		return;
	}
	complete(&t->ran);
}

static struct fco *fco_new(struct kunit *test)
{
	struct fco *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	init_completion(&t->entered);
	init_completion(&t->ran);
	init_completion(&t->go);
	return t;
}

static void fco_wait(struct kunit *test, struct completion *x)
{
	KUNIT_ASSERT_GT_MSG(test, wait_for_completion_timeout(x, FCO_WAIT), 0,
			    "callout handler did not run");
}

/* Reset, fire once; PENDING cleared by the fire, ACTIVE kept. */
static void callout_fires_once(struct kunit *test)
{
	struct fco *t = fco_new(test);

	callout_init(&t->c, 1);
	KUNIT_EXPECT_FALSE(test, callout_pending(&t->c));
	KUNIT_EXPECT_FALSE(test, callout_active(&t->c));
	KUNIT_EXPECT_EQ(test, callout_reset(&t->c, 1, fco_handler, t), 0);
	fco_wait(test, &t->ran);
	KUNIT_EXPECT_FALSE(test, t->pending);
	KUNIT_EXPECT_TRUE(test, t->active);
	KUNIT_EXPECT_TRUE(test, callout_active(&t->c));
	callout_deactivate(&t->c);
	KUNIT_EXPECT_FALSE(test, callout_active(&t->c));
	KUNIT_EXPECT_EQ(test, callout_drain(&t->c), -1);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->fired), 1);
}

/* callout_reset() returns 1 when it replaces a pending callout. */
static void callout_reset_returns(struct kunit *test)
{
	struct fco *t = fco_new(test);

	callout_init(&t->c, 1);
	KUNIT_EXPECT_EQ(test, callout_reset(&t->c, FCO_LONG, fco_handler, t), 0);
	KUNIT_EXPECT_TRUE(test, callout_pending(&t->c));
	KUNIT_EXPECT_EQ(test, callout_reset(&t->c, 1, fco_handler, t), 1);
	fco_wait(test, &t->ran);
	callout_drain(&t->c);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->fired), 1);

	/* callout_schedule() reuses the handler. */
	reinit_completion(&t->ran);
	KUNIT_EXPECT_EQ(test, callout_schedule(&t->c, FCO_LONG), 0);
	KUNIT_EXPECT_EQ(test, callout_schedule(&t->c, 0), 1);
	fco_wait(test, &t->ran);
	KUNIT_EXPECT_EQ(test, callout_drain(&t->c), -1);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->fired), 2);
}

/* callout_stop(): 1 pending, -1 nothing to stop, 0 running. */
static void callout_stop_returns(struct kunit *test)
{
	struct fco *t = fco_new(test);

	callout_init(&t->c, 1);
	KUNIT_EXPECT_EQ(test, callout_stop(&t->c), -1);
	callout_reset(&t->c, FCO_LONG, fco_handler, t);
	KUNIT_EXPECT_EQ(test, callout_stop(&t->c), 1);
	KUNIT_EXPECT_FALSE(test, callout_pending(&t->c));
	KUNIT_EXPECT_FALSE(test, callout_active(&t->c));
	KUNIT_EXPECT_EQ(test, callout_stop(&t->c), -1);

	/* Running: 0; running and armed again: 0, and disarmed. */
	t->block = true;
	callout_reset(&t->c, 1, fco_handler, t);
	fco_wait(test, &t->entered);
	KUNIT_EXPECT_EQ(test, callout_stop(&t->c), 0);
	KUNIT_EXPECT_FALSE(test, callout_active(&t->c));
	KUNIT_EXPECT_EQ(test, callout_reset(&t->c, FCO_LONG, fco_handler, t), 0);
	KUNIT_EXPECT_EQ(test, callout_stop(&t->c), 0);
	KUNIT_EXPECT_FALSE(test, callout_pending(&t->c));
	complete(&t->go);
	fco_wait(test, &t->ran);
	KUNIT_EXPECT_EQ(test, callout_drain(&t->c), -1);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->fired), 1);
}

/* callout_drain() waits for a running handler; Giant is given up. */
static void callout_drain_waits(struct kunit *test)
{
	struct fco *t = fco_new(test);

	callout_init(&t->c, 0);
	t->block = true;
	callout_reset(&t->c, 1, fco_handler, t);
	fco_wait(test, &t->entered);
	complete(&t->go);
	mtx_lock(&Giant);
	KUNIT_EXPECT_EQ(test, callout_drain(&t->c), -1);
	KUNIT_EXPECT_TRUE(test, mtx_owned(&Giant));
	mtx_unlock(&Giant);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->fired), 1);
	KUNIT_EXPECT_TRUE(test, completion_done(&t->ran));

	/* Pending, not running: 1. */
	callout_reset(&t->c, FCO_LONG, fco_handler, t);
	KUNIT_EXPECT_EQ(test, callout_drain(&t->c), 1);
}

/* callout_init(c, 0): the handler holds Giant; callout_init(c, 1): not. */
static void callout_giant(struct kunit *test)
{
	struct fco *t = fco_new(test);

	callout_init(&t->c, 0);
	callout_reset(&t->c, 1, fco_handler, t);
	fco_wait(test, &t->ran);
	KUNIT_EXPECT_TRUE(test, t->giant);
	callout_drain(&t->c);

	t = fco_new(test);
	callout_init(&t->c, 1);
	callout_reset(&t->c, 1, fco_handler, t);
	fco_wait(test, &t->ran);
	KUNIT_EXPECT_FALSE(test, t->giant);
	callout_drain(&t->c);
}

/* callout_init_mtx(): the handler runs holding the mutex. */
static void callout_mtx_held(struct kunit *test)
{
	struct fco *t = fco_new(test);

	mtx_init(&t->mtx, "fco", NULL, MTX_DEF);
	callout_init_mtx(&t->c, &t->mtx, 0);
	mtx_lock(&t->mtx);
	callout_reset(&t->c, 1, fco_handler, t);
	mtx_unlock(&t->mtx);
	fco_wait(test, &t->ran);
	KUNIT_EXPECT_TRUE(test, t->mtx_owned);
	KUNIT_EXPECT_FALSE(test, t->giant);
	KUNIT_EXPECT_FALSE(test, mtx_owned(&t->mtx));
	callout_drain(&t->c);

	/* CALLOUT_RETURNUNLOCKED: the handler releases it itself. */
	reinit_completion(&t->ran);
	callout_init_mtx(&t->c, &t->mtx, CALLOUT_RETURNUNLOCKED);
	t->unlock_self = true;
	mtx_lock(&t->mtx);
	callout_reset(&t->c, 1, fco_handler, t);
	mtx_unlock(&t->mtx);
	fco_wait(test, &t->ran);
	KUNIT_EXPECT_TRUE(test, t->mtx_owned);
	callout_drain(&t->c);
	mtx_lock(&t->mtx);	/* and it is free */
	mtx_unlock(&t->mtx);
	mtx_destroy(&t->mtx);
}

/* callout_init_rw(): held exclusive, or shared with CALLOUT_SHAREDLOCK. */
static void callout_rw_held(struct kunit *test)
{
	struct fco *t = fco_new(test);

	rw_init(&t->rw, "fco_rw");
	callout_init_rw(&t->c, &t->rw, 0);
	rw_wlock(&t->rw);
	callout_reset(&t->c, 1, fco_handler, t);
	rw_wunlock(&t->rw);
	fco_wait(test, &t->ran);
	KUNIT_EXPECT_TRUE(test, t->rw_wowned);
	callout_drain(&t->c);

	reinit_completion(&t->ran);
	callout_init_rw(&t->c, &t->rw, CALLOUT_SHAREDLOCK);
	rw_wlock(&t->rw);
	callout_reset(&t->c, 1, fco_handler, t);
	rw_wunlock(&t->rw);
	fco_wait(test, &t->ran);
	KUNIT_EXPECT_FALSE(test, t->rw_wowned);
	KUNIT_EXPECT_TRUE(test, t->rw_held);
	callout_drain(&t->c);
	rw_destroy(&t->rw);
}

/* Wait until the work function has taken the callout (PENDING clear). */
static void fco_wait_taken(struct kunit *test, struct fco *t)
{
	int i;

	for (i = 0; i < 10000 && callout_pending(&t->c); i++)
		usleep_range(100, 200);
	KUNIT_ASSERT_FALSE(test, callout_pending(&t->c));
	usleep_range(1000, 2000);	/* and is blocked on the mutex */
}

/*
 * The associated-lock guarantee, made to happen: the handler is due and
 * waiting for the mutex the test holds; callout_stop() with the mutex held
 * returns 1 and the handler never runs. callout_reset() in the same state
 * cancels it too: the handler runs once, for the new time.
 */
static void callout_mtx_stop_cancels_waiting_handler(struct kunit *test)
{
	struct fco *t = fco_new(test);

	mtx_init(&t->mtx, "fco", NULL, MTX_DEF);
	callout_init_mtx(&t->c, &t->mtx, 0);
	mtx_lock(&t->mtx);
	callout_reset(&t->c, 1, fco_handler, t);
	fco_wait_taken(test, t);
	KUNIT_EXPECT_EQ(test, callout_stop(&t->c), 1);
	KUNIT_EXPECT_FALSE(test, callout_active(&t->c));
	mtx_unlock(&t->mtx);
	KUNIT_EXPECT_EQ(test, callout_drain(&t->c), -1);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->fired), 0);

	mtx_lock(&t->mtx);
	callout_reset(&t->c, 1, fco_handler, t);
	fco_wait_taken(test, t);
	KUNIT_EXPECT_EQ(test, callout_reset(&t->c, 2, fco_handler, t), 1);
	mtx_unlock(&t->mtx);
	fco_wait(test, &t->ran);
	callout_drain(&t->c);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->fired), 1);
	mtx_destroy(&t->mtx);
}

/* The same for Giant: a non-MPSAFE callout stopped by a Giant holder. */
static void callout_giant_stop_cancels_waiting_handler(struct kunit *test)
{
	struct fco *t = fco_new(test);

	callout_init(&t->c, 0);
	mtx_lock(&Giant);
	callout_reset(&t->c, 1, fco_handler, t);
	fco_wait_taken(test, t);
	KUNIT_EXPECT_EQ(test, callout_stop(&t->c), 1);
	mtx_unlock(&Giant);
	KUNIT_EXPECT_EQ(test, callout_drain(&t->c), -1);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->fired), 0);
}

/*
 * The guarantee under a race: threads arm and stop the callout under its
 * mutex at random moments, marking it armed/stopped under the mutex; the
 * handler (holding the mutex) counts every run that finds it stopped.
 */
#define RACE_ROUNDS	200

static void race_handler(void *arg)
{
	struct fco *t = arg;

	if (!t->armed)
		atomic_inc(&t->late);
	t->armed = false;
	atomic_inc(&t->fired);
}

static void race_thread(void *arg, unsigned int i)
{
	struct fco *t = arg;
	int k;

	for (k = 0; k < RACE_ROUNDS; k++) {
		mtx_lock(&t->mtx);
		callout_reset(&t->c, 1, race_handler, t);
		t->armed = true;
		mtx_unlock(&t->mtx);
		usleep_range(get_random_u32() % (2 * jiffies_to_usecs(1)) + 1,
			     2 * jiffies_to_usecs(1) + 2);
		mtx_lock(&t->mtx);
		callout_stop(&t->c);
		t->armed = false;
		mtx_unlock(&t->mtx);
	}
}

static void callout_mtx_stop_race(struct kunit *test)
{
	struct fco *t = fco_new(test);

	mtx_init(&t->mtx, "fco_race", NULL, MTX_DEF);
	callout_init_mtx(&t->c, &t->mtx, 0);
	bsd_kunit_run_threads(test, 2, race_thread, t, "fcorace", true);
	callout_drain(&t->c);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->late), 0);
	kunit_info(test, "%d handler runs in %d rounds\n",
		   atomic_read(&t->fired), 2 * RACE_ROUNDS);
	mtx_destroy(&t->mtx);
}

/*
 * Unlocked reset/stop races (an MP-safe callout): whatever the
 * interleaving, after callout_drain() nothing is armed or runs again.
 */
static void unlocked_race_thread(void *arg, unsigned int i)
{
	struct fco *t = arg;
	int k;

	for (k = 0; k < RACE_ROUNDS; k++) {
		if ((k + i) % 3)
			callout_reset(&t->c, k % 2, race_handler, t);
		else
			callout_stop(&t->c);
		if (k % 16 == 0)
			usleep_range(100, 300);
	}
}

static void callout_reset_stop_race(struct kunit *test)
{
	struct fco *t = fco_new(test);
	int n;

	callout_init(&t->c, 1);
	bsd_kunit_run_threads(test, 2 * num_online_cpus(), unlocked_race_thread,
			      t, "fcoreset", true);
	callout_drain(&t->c);
	KUNIT_EXPECT_FALSE(test, callout_pending(&t->c));
	KUNIT_EXPECT_FALSE(test, callout_active(&t->c));
	n = atomic_read(&t->fired);
	schedule_timeout_uninterruptible(3);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->fired), n);
}

/* A handler that re-arms itself is stopped for good by callout_drain(). */
static void callout_drain_stops_rearming_handler(struct kunit *test)
{
	struct fco *t = fco_new(test);

	callout_init(&t->c, 1);
	t->rearm = 1000000;
	callout_reset(&t->c, 1, fco_handler, t);
	fco_wait(test, &t->entered);
	callout_drain(&t->c);
	KUNIT_EXPECT_FALSE(test, callout_pending(&t->c));
	KUNIT_EXPECT_FALSE(test, callout_active(&t->c));
	reinit_completion(&t->entered);
	schedule_timeout_uninterruptible(3);
	KUNIT_EXPECT_FALSE(test, completion_done(&t->entered));
}

/* The _sbt forms, relative and absolute, and the _on forms' CPU. */
static void callout_sbt_and_cpu(struct kunit *test)
{
	struct fco *t = fco_new(test);
	int cpu = bsd_kunit_thread_cpu(1);

	callout_init(&t->c, 1);
	callout_reset_sbt(&t->c, SBT_1MS, 0, fco_handler, t, 0);
	fco_wait(test, &t->ran);
	reinit_completion(&t->ran);
	callout_reset_sbt(&t->c, ktime_get_ns() * (SBT_1S / NSEC_PER_SEC), 0,
			  fco_handler, t, C_ABSOLUTE);
	fco_wait(test, &t->ran);
	reinit_completion(&t->ran);
	callout_reset_on(&t->c, 1, fco_handler, t, cpu);
	fco_wait(test, &t->ran);
	KUNIT_EXPECT_EQ(test, t->cpu, cpu);
	KUNIT_EXPECT_EQ(test, callout_drain(&t->c), -1);
}

/* A handler may free its own callout (after stopping it), as on FreeBSD. */
static void callout_handler_frees_callout(struct kunit *test)
{
	struct fco *t = kzalloc(sizeof(*t), GFP_KERNEL);
	struct completion ran;

	KUNIT_ASSERT_NOT_NULL(test, t);
	init_completion(&ran);
	init_completion(&t->entered);
	t->freed = &ran;
	callout_init(&t->c, 1);
	callout_reset(&t->c, 1, fco_handler, t);
	fco_wait(test, &ran);
}

/*
 * A driver's detach path: drain every callout before the memory goes.
 * After callout_drain() the callout is idle and its memory may be freed
 * (KASAN checks the handler does not come back).
 */
static void callout_drain_then_free(struct kunit *test)
{
	struct fco *t = kzalloc(sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	init_completion(&t->entered);
	init_completion(&t->ran);
	init_completion(&t->go);
	mtx_init(&t->mtx, "fco_detach", NULL, MTX_DEF);
	callout_init_mtx(&t->c, &t->mtx, 0);
	t->rearm = 1000000;
	mtx_lock(&t->mtx);
	callout_reset(&t->c, 1, fco_handler, t);
	mtx_unlock(&t->mtx);
	fco_wait(test, &t->entered);
	callout_drain(&t->c);
	mtx_destroy(&t->mtx);
	kfree(t);
	schedule_timeout_uninterruptible(3);
}

static void misuse_callout_uninitialized(struct kunit *test)
{
	struct callout *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, c);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, callout_stop(c), -1);
	EXPECT_REPORT(test, n, FCO_ERR "callout_stop: uninitialized callout",
		      "lock \"\"");
}

static void misuse_callout_reset_lock_not_owned(struct kunit *test)
{
	struct fco *t = fco_new(test);
	unsigned long n;

	mtx_init(&t->mtx, "fco_nl", NULL, MTX_DEF);
	callout_init_mtx(&t->c, &t->mtx, 0);
	n = bsd_lockdebug_count();
	callout_reset(&t->c, FCO_LONG, fco_handler, t);
	EXPECT_REPORT(test, n, FCO_ERR "callout_reset: associated lock not owned",
		      "lock \"fco_nl\"");
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, callout_stop(&t->c), 1);
	EXPECT_REPORT(test, n, FCO_ERR "callout_stop: associated lock not owned",
		      "lock \"fco_nl\"");
	callout_drain(&t->c);
	mtx_destroy(&t->mtx);
}

static void misuse_callout_drain_from_handler(struct kunit *test)
{
	struct fco *t = fco_new(test);
	unsigned long n;

	callout_init(&t->c, 1);
	t->drain_self = true;
	n = bsd_lockdebug_count();
	callout_reset(&t->c, 1, fco_handler, t);
	fco_wait(test, &t->ran);
	EXPECT_REPORT(test, n,
		      FCO_ERR "callout_drain: called from the callout's own handler",
		      "lock \"\"");
	t->drain_self = false;
	callout_drain(&t->c);
}

static void misuse_callout_drain_lock_held(struct kunit *test)
{
	struct fco *t = fco_new(test);
	unsigned long n;

	mtx_init(&t->mtx, "fco_dl", NULL, MTX_DEF);
	callout_init_mtx(&t->c, &t->mtx, 0);
	mtx_lock(&t->mtx);
	callout_reset(&t->c, FCO_LONG, fco_handler, t);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, callout_drain(&t->c), 1);
	EXPECT_REPORT(test, n,
		      FCO_ERR "callout_drain: called with the associated lock held",
		      "lock \"fco_dl\"");
	mtx_unlock(&t->mtx);
	callout_drain(&t->c);
	mtx_destroy(&t->mtx);
}

static void misuse_callout_init_lock(struct kunit *test)
{
	struct fco *t = fco_new(test);
	struct mtx spin;
	unsigned long n;

	n = bsd_lockdebug_count();
	callout_init_mtx(&t->c, NULL, CALLOUT_RETURNUNLOCKED);
	EXPECT_REPORT(test, n,
		      FCO_ERR "callout_init_lock: CALLOUT_RETURNUNLOCKED with no lock",
		      "lock \"\"");
	n = bsd_lockdebug_count();
	callout_init_mtx(&t->c, NULL, 0x4000);
	EXPECT_REPORT(test, n, FCO_ERR "callout_init_lock: bad flags",
		      "lock \"\"");
	mtx_init(&spin, "fco_spin", NULL, MTX_SPIN);
	n = bsd_lockdebug_count();
	callout_init_mtx(&t->c, &spin, 0);
	EXPECT_REPORT(test, n, FCO_ERR "callout_init_lock: invalid lock class",
		      "lock \"\"");
	/* Initialised without a lock: it works, MP-safe. */
	callout_reset(&t->c, 1, fco_handler, t);
	fco_wait(test, &t->ran);
	KUNIT_EXPECT_FALSE(test, t->giant);
	callout_drain(&t->c);
	mtx_destroy(&spin);
}

static void misuse_callout_schedule_without_func(struct kunit *test)
{
	struct fco *t = fco_new(test);
	unsigned long n;

	callout_init(&t->c, 1);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, callout_schedule(&t->c, 1), 0);
	EXPECT_REPORT(test, n, FCO_ERR "callout_schedule: no function set",
		      "lock \"\"");
	KUNIT_EXPECT_FALSE(test, callout_pending(&t->c));
}

static struct kunit_case freebsd_callout_cases[] = {
	KUNIT_CASE(callout_fires_once),
	KUNIT_CASE(callout_reset_returns),
	KUNIT_CASE(callout_stop_returns),
	KUNIT_CASE(callout_drain_waits),
	KUNIT_CASE(callout_giant),
	KUNIT_CASE(callout_mtx_held),
	KUNIT_CASE(callout_rw_held),
	KUNIT_CASE(callout_mtx_stop_cancels_waiting_handler),
	KUNIT_CASE(callout_giant_stop_cancels_waiting_handler),
	KUNIT_CASE(callout_mtx_stop_race),
	KUNIT_CASE(callout_reset_stop_race),
	KUNIT_CASE(callout_drain_stops_rearming_handler),
	KUNIT_CASE(callout_sbt_and_cpu),
	KUNIT_CASE(callout_handler_frees_callout),
	KUNIT_CASE(callout_drain_then_free),
	KUNIT_CASE(misuse_callout_uninitialized),
	KUNIT_CASE(misuse_callout_reset_lock_not_owned),
	KUNIT_CASE(misuse_callout_drain_from_handler),
	KUNIT_CASE(misuse_callout_drain_lock_held),
	KUNIT_CASE(misuse_callout_init_lock),
	KUNIT_CASE(misuse_callout_schedule_without_func),
	{}
};

static struct kunit_suite freebsd_callout_suite = {
	.name = "freebsd_callout",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = freebsd_callout_cases,
};
kunit_test_suite(freebsd_callout_suite);
