// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: NetBSD callout(9) as bsdcompat implements it.
 *
 * The handlers report through a struct co and a completion; the cases wait
 * for them with generous bounds (to fail rather than hang), never for a
 * time they expect. A case that checks that a handler did not run waits
 * for callout_halt(), which returns once nothing is armed or running.
 */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/slab.h>

#include <sys/callout.h>
#include <sys/kernel.h>
#include <sys/mutex.h>
#include <bsdcompat/biglock.h>

#include "kunit_helpers.h"

MODULE_IMPORT_NS(BSDCOMPAT);

#define CO_ERR		"Callout error: "
#define CO_WAIT		(10 * HZ)	/* a bound against hangs, no more */
#define CO_LONG		(60 * hz)	/* a time that never comes in a case */

struct co {
	callout_t		c;
	atomic_t		fired;
	struct completion	ran;	/* the handler returned */
	struct completion	entered; /* the handler was called */
	kmutex_t		*mtx;	/* taken by the handler, if set */
	bool			trylock; /* take it by polling, for halt */
	bool			halt_self;
	bool			destroy_self;
	bool			ack;
	int			rearm;	/* times to reschedule itself */
	/* What the handler saw. */
	bool			klocked;
	bool			invoking;
	bool			expired;
	bool			pending;
	bool			got_mtx;
	bool			halt_ret;
	bool			finished;
};

static void co_handler(void *arg)
{
	struct co *t = arg;
	int i;

	t->klocked = bsd_kernel_locked_p();
	t->invoking = callout_invoking(&t->c);
	t->expired = callout_expired(&t->c);
	t->pending = callout_pending(&t->c);
	complete(&t->entered);
	if (t->mtx && t->trylock) {
		/* Poll, so that a callout_halt() that keeps it fails, not hangs. */
		for (i = 0; i < 10000 && !t->got_mtx; i++) {
			t->got_mtx = mutex_tryenter(t->mtx);
			if (!t->got_mtx)
				usleep_range(500, 1000);
		}
		if (t->got_mtx) {
			msleep(20);	/* halt must wait for this */
			mutex_exit(t->mtx);
		}
	} else if (t->mtx) {
		mutex_enter(t->mtx);
		t->got_mtx = mutex_owned(t->mtx);
		mutex_exit(t->mtx);
	}
	if (t->ack)
		callout_ack(&t->c);
	if (t->rearm > 0) {
		t->rearm--;
		callout_schedule(&t->c, 1);
	}
	if (t->halt_self)
		t->halt_ret = callout_halt(&t->c, NULL);
	if (t->destroy_self)
		callout_destroy(&t->c);
	t->finished = true;
	atomic_inc(&t->fired);
	complete(&t->ran);
}

static struct co *co_new(struct kunit *test, unsigned int flags)
{
	struct co *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	callout_init(&t->c, flags);
	init_completion(&t->ran);
	init_completion(&t->entered);
	return t;
}

static void co_wait(struct kunit *test, struct completion *x)
{
	KUNIT_ASSERT_GT_MSG(test, wait_for_completion_timeout(x, CO_WAIT), 0,
			    "callout handler did not run");
}

static void co_done(struct co *t)
{
	callout_halt(&t->c, NULL);
	callout_destroy(&t->c);
}

/* callout_reset(): the handler runs once, and the flags say it fired. */
static void callout_fires_once(struct kunit *test)
{
	struct co *t = co_new(test, CALLOUT_MPSAFE);

	KUNIT_EXPECT_FALSE(test, callout_pending(&t->c));
	KUNIT_EXPECT_FALSE(test, callout_active(&t->c));
	callout_reset(&t->c, 1, co_handler, t);
	co_wait(test, &t->ran);
	KUNIT_EXPECT_TRUE(test, t->invoking);
	KUNIT_EXPECT_TRUE(test, t->expired);
	KUNIT_EXPECT_FALSE(test, t->pending);
	callout_halt(&t->c, NULL);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->fired), 1);
	callout_destroy(&t->c);
}

/* Flags after a fire: expired, active, invoking until acked, not pending. */
static void callout_flags_after_fire(struct kunit *test)
{
	struct co *t = co_new(test, CALLOUT_MPSAFE);

	callout_reset(&t->c, 0, co_handler, t);
	co_wait(test, &t->ran);
	KUNIT_EXPECT_FALSE(test, callout_pending(&t->c));
	KUNIT_EXPECT_TRUE(test, callout_expired(&t->c));
	KUNIT_EXPECT_TRUE(test, callout_active(&t->c));
	KUNIT_EXPECT_TRUE(test, callout_invoking(&t->c));
	callout_ack(&t->c);
	KUNIT_EXPECT_FALSE(test, callout_invoking(&t->c));

	/* A handler that acks itself leaves invoking clear. */
	reinit_completion(&t->ran);
	t->ack = true;
	callout_reset(&t->c, 0, co_handler, t);
	KUNIT_EXPECT_FALSE(test, callout_expired(&t->c));
	co_wait(test, &t->ran);
	KUNIT_EXPECT_TRUE(test, t->invoking);
	KUNIT_EXPECT_FALSE(test, callout_invoking(&t->c));
	co_done(t);
}

/* callout_reset() on a pending callout moves it: one fire, not two. */
static void callout_reset_reschedules(struct kunit *test)
{
	struct co *t = co_new(test, CALLOUT_MPSAFE);

	callout_reset(&t->c, CO_LONG, co_handler, t);
	KUNIT_EXPECT_TRUE(test, callout_pending(&t->c));
	callout_reset(&t->c, 1, co_handler, t);
	co_wait(test, &t->ran);
	callout_halt(&t->c, NULL);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->fired), 1);

	/* callout_setfunc() and callout_schedule() do the same. */
	reinit_completion(&t->ran);
	callout_setfunc(&t->c, co_handler, t);
	callout_schedule(&t->c, CO_LONG);
	callout_schedule(&t->c, 1);
	co_wait(test, &t->ran);
	callout_halt(&t->c, NULL);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->fired), 2);
	callout_destroy(&t->c);
}

/* callout_stop() before the fire: false, and the handler never runs. */
static void callout_stop_before_fire(struct kunit *test)
{
	struct co *t = co_new(test, CALLOUT_MPSAFE);

	callout_reset(&t->c, CO_LONG, co_handler, t);
	KUNIT_EXPECT_TRUE(test, callout_pending(&t->c));
	KUNIT_EXPECT_TRUE(test, callout_active(&t->c));
	KUNIT_EXPECT_FALSE(test, callout_expired(&t->c));
	KUNIT_EXPECT_FALSE(test, callout_stop(&t->c));
	KUNIT_EXPECT_FALSE(test, callout_pending(&t->c));
	KUNIT_EXPECT_FALSE(test, callout_active(&t->c));

	/* Stopped on its way to expiry: a short one, checked after halt. */
	callout_reset(&t->c, 1, co_handler, t);
	if (!callout_stop(&t->c)) {
		msleep(jiffies_to_msecs(3));
		callout_halt(&t->c, NULL);
		KUNIT_EXPECT_EQ(test, atomic_read(&t->fired), 0);
	}
	/* Stopping a stopped or never armed callout is harmless. */
	KUNIT_EXPECT_FALSE(test, callout_stop(&t->c));
	KUNIT_EXPECT_FALSE(test, callout_halt(&t->c, NULL));
	callout_destroy(&t->c);
}

/* callout_stop() after the fire: true (it had expired), then false. */
static void callout_stop_after_fire(struct kunit *test)
{
	struct co *t = co_new(test, CALLOUT_MPSAFE);

	callout_reset(&t->c, 1, co_handler, t);
	co_wait(test, &t->ran);
	KUNIT_EXPECT_TRUE(test, callout_stop(&t->c));
	KUNIT_EXPECT_FALSE(test, callout_expired(&t->c));
	KUNIT_EXPECT_FALSE(test, callout_active(&t->c));
	KUNIT_EXPECT_FALSE(test, callout_stop(&t->c));

	/* callout_halt() says the same. */
	reinit_completion(&t->ran);
	callout_reset(&t->c, 1, co_handler, t);
	co_wait(test, &t->ran);
	KUNIT_EXPECT_TRUE(test, callout_halt(&t->c, NULL));
	callout_destroy(&t->c);
}

/*
 * callout_halt() waits for a running handler and gives the interlock up
 * meanwhile: the handler needs the interlock to finish.
 */
static void callout_halt_waits_releasing_interlock(struct kunit *test)
{
	struct co *t = co_new(test, CALLOUT_MPSAFE);
	kmutex_t mtx;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	t->mtx = &mtx;
	t->trylock = true;
	mutex_enter(&mtx);
	callout_reset(&t->c, 1, co_handler, t);
	co_wait(test, &t->entered);
	KUNIT_EXPECT_TRUE(test, callout_halt(&t->c, &mtx));
	KUNIT_EXPECT_TRUE(test, mutex_owned(&mtx));
	KUNIT_EXPECT_TRUE(test, t->got_mtx);
	KUNIT_EXPECT_TRUE(test, t->finished);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->fired), 1);
	mutex_exit(&mtx);
	callout_destroy(&t->c);
	mutex_destroy(&mtx);
}

/* A handler may block on an adaptive kmutex: it runs in a thread. */
static void callout_handler_takes_adaptive_mutex(struct kunit *test)
{
	struct co *t = co_new(test, CALLOUT_MPSAFE);
	kmutex_t mtx;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	t->mtx = &mtx;
	mutex_enter(&mtx);
	callout_reset(&t->c, 1, co_handler, t);
	co_wait(test, &t->entered);
	msleep(20);		/* let it block on the mutex */
	mutex_exit(&mtx);
	co_wait(test, &t->ran);
	KUNIT_EXPECT_TRUE(test, t->got_mtx);
	co_done(t);
	mutex_destroy(&mtx);
}

/* Without CALLOUT_MPSAFE the handler holds the kernel lock; with, not. */
static void callout_kernel_lock(struct kunit *test)
{
	struct co *big = co_new(test, 0);
	struct co *mp = co_new(test, CALLOUT_MPSAFE);

	callout_reset(&big->c, 1, co_handler, big);
	callout_reset(&mp->c, 1, co_handler, mp);
	co_wait(test, &big->ran);
	co_wait(test, &mp->ran);
	KUNIT_EXPECT_TRUE(test, big->klocked);
	KUNIT_EXPECT_FALSE(test, mp->klocked);
	co_done(big);
	co_done(mp);
}

/* callout_halt() with the kernel lock held gives it to the handler. */
static void callout_halt_releases_kernel_lock(struct kunit *test)
{
	struct co *t = co_new(test, 0);

	bsd_kernel_lock(1, _THIS_IP_);
	callout_reset(&t->c, 1, co_handler, t);
	/* The handler cannot start before halt gives the lock up. */
	callout_halt(&t->c, NULL);
	KUNIT_EXPECT_TRUE(test, bsd_kernel_locked_p());
	bsd_kernel_unlock(1, NULL, _THIS_IP_);
	KUNIT_EXPECT_LE(test, atomic_read(&t->fired), 1);
	callout_destroy(&t->c);
}

/* callout_halt() and callout_destroy() from the handler do not wait. */
static void callout_halt_from_own_handler(struct kunit *test)
{
	struct co *t = co_new(test, CALLOUT_MPSAFE);

	t->halt_self = true;
	t->destroy_self = true;
	callout_reset(&t->c, 1, co_handler, t);
	co_wait(test, &t->ran);
	KUNIT_EXPECT_TRUE(test, t->halt_ret);
	KUNIT_EXPECT_TRUE(test, t->finished);
}

/*
 * Halt, destroy, free: nothing touches the callout afterwards (KASAN),
 * even one that reschedules itself from its handler.
 */
static void callout_halt_destroy_free(struct kunit *test)
{
	struct co *t = kzalloc(sizeof(*t), GFP_KERNEL);
	int fired;

	KUNIT_ASSERT_NOT_NULL(test, t);
	callout_init(&t->c, CALLOUT_MPSAFE);
	init_completion(&t->ran);
	init_completion(&t->entered);
	t->rearm = INT_MAX;
	callout_reset(&t->c, 1, co_handler, t);
	co_wait(test, &t->ran);
	callout_halt(&t->c, NULL);
	KUNIT_EXPECT_FALSE(test, callout_pending(&t->c));
	fired = atomic_read(&t->fired);
	msleep(jiffies_to_msecs(3));
	KUNIT_EXPECT_EQ(test, atomic_read(&t->fired), fired);
	callout_destroy(&t->c);
	kfree(t);
}

static void misuse_callout_uninitialized(struct kunit *test)
{
	callout_t *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, c);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_FALSE(test, callout_stop(c));
	EXPECT_REPORT(test, n, CO_ERR "callout_stop: uninitialized callout",
		      "lock \"\"");
}

static void misuse_callout_destroyed(struct kunit *test)
{
	struct co *t = co_new(test, CALLOUT_MPSAFE);
	unsigned long n;

	callout_destroy(&t->c);
	n = bsd_lockdebug_count();
	callout_reset(&t->c, 1, co_handler, t);
	EXPECT_REPORT(test, n, CO_ERR "callout_reset: destroyed callout",
		      "lock \"\"");
	KUNIT_EXPECT_EQ(test, atomic_read(&t->fired), 0);
}

static void misuse_callout_destroy_pending(struct kunit *test)
{
	struct co *t = co_new(test, CALLOUT_MPSAFE);
	unsigned long n;

	callout_reset(&t->c, CO_LONG, co_handler, t);
	n = bsd_lockdebug_count();
	callout_destroy(&t->c);
	EXPECT_REPORT(test, n, CO_ERR "callout_destroy: destroyed while pending",
		      "lock \"\"");
	/* It was stopped, so the memory may go. */
	KUNIT_EXPECT_FALSE(test, delayed_work_pending(&t->c.c_work));
}

static void misuse_callout_schedule_without_func(struct kunit *test)
{
	struct co *t = co_new(test, CALLOUT_MPSAFE);
	unsigned long n;

	n = bsd_lockdebug_count();
	callout_schedule(&t->c, 1);
	EXPECT_REPORT(test, n, CO_ERR "callout_schedule: no function set",
		      "lock \"\"");
	KUNIT_EXPECT_FALSE(test, callout_pending(&t->c));
	callout_destroy(&t->c);
}

static void misuse_callout_null_func(struct kunit *test)
{
	struct co *t = co_new(test, CALLOUT_MPSAFE);
	unsigned long n;

	n = bsd_lockdebug_count();
	callout_reset(&t->c, 1, NULL, t);
	EXPECT_REPORT(test, n, CO_ERR "callout_reset: assertion failed: func != NULL",
		      "lock \"\"");
	callout_setfunc(&t->c, NULL, t);
	EXPECT_REPORT(test, n + 1,
		      CO_ERR "callout_setfunc: assertion failed: func != NULL",
		      "lock \"\"");
	KUNIT_EXPECT_FALSE(test, callout_pending(&t->c));
	callout_destroy(&t->c);
}

static void misuse_callout_negative_ticks(struct kunit *test)
{
	struct co *t = co_new(test, CALLOUT_MPSAFE);
	unsigned long n;

	n = bsd_lockdebug_count();
	callout_reset(&t->c, -1, co_handler, t);
	EXPECT_REPORT(test, n, CO_ERR "callout_reset: assertion failed: ticks >= 0",
		      "lock \"\"");
	/* Taken as the next tick. */
	co_wait(test, &t->ran);
	co_done(t);
}

static void misuse_callout_bad_flags(struct kunit *test)
{
	callout_t *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, c);
	n = bsd_lockdebug_count();
	callout_init(c, CALLOUT_MPSAFE | 1);
	EXPECT_REPORT(test, n, CO_ERR "callout_init: assertion failed",
		      "lock \"\"");
	callout_destroy(c);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);
}

static void misuse_callout_halt_interlock_not_held(struct kunit *test)
{
	struct co *t = co_new(test, CALLOUT_MPSAFE);
	unsigned long n;
	kmutex_t mtx;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	callout_reset(&t->c, CO_LONG, co_handler, t);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_FALSE(test, callout_halt(&t->c, &mtx));
	EXPECT_REPORT(test, n,
		      CO_ERR "callout_halt: interlock not held by current LWP",
		      "lock \"\"");
	KUNIT_EXPECT_FALSE(test, callout_pending(&t->c));
	KUNIT_EXPECT_FALSE(test, mutex_owned(&mtx));
	callout_destroy(&t->c);
	mutex_destroy(&mtx);
}

struct irq_co {
	struct co		*t;
	bool			ret;
	struct hrtimer		timer;
	struct completion	done;
};

static enum hrtimer_restart irq_co_timer(struct hrtimer *timer)
{
	struct irq_co *ic = container_of(timer, struct irq_co, timer);

	ic->ret = callout_halt(&ic->t->c, NULL);
	complete(&ic->done);
	return HRTIMER_NORESTART;
}

static void misuse_callout_halt_from_interrupt(struct kunit *test)
{
	struct irq_co *ic = kunit_kzalloc(test, sizeof(*ic), GFP_KERNEL);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, ic);
	ic->t = co_new(test, CALLOUT_MPSAFE);
	ic->ret = true;
	init_completion(&ic->done);
	callout_reset(&ic->t->c, CO_LONG, co_handler, ic->t);
	hrtimer_init(&ic->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	ic->timer.function = irq_co_timer;
	n = bsd_lockdebug_count();
	hrtimer_start(&ic->timer, ns_to_ktime(NSEC_PER_MSEC),
		      HRTIMER_MODE_REL_HARD);
	wait_for_completion(&ic->done);
	EXPECT_REPORT(test, n,
		      CO_ERR "callout_halt: called from interrupt context",
		      "lock \"\"");
	/* It still stopped the callout, as callout_stop() would. */
	KUNIT_EXPECT_FALSE(test, ic->ret);
	KUNIT_EXPECT_FALSE(test, callout_pending(&ic->t->c));
	callout_destroy(&ic->t->c);
}

static struct kunit_case netbsd_callout_cases[] = {
	KUNIT_CASE(callout_fires_once),
	KUNIT_CASE(callout_flags_after_fire),
	KUNIT_CASE(callout_reset_reschedules),
	KUNIT_CASE(callout_stop_before_fire),
	KUNIT_CASE(callout_stop_after_fire),
	KUNIT_CASE(callout_halt_waits_releasing_interlock),
	KUNIT_CASE(callout_handler_takes_adaptive_mutex),
	KUNIT_CASE(callout_kernel_lock),
	KUNIT_CASE(callout_halt_releases_kernel_lock),
	KUNIT_CASE(callout_halt_from_own_handler),
	KUNIT_CASE(callout_halt_destroy_free),
	KUNIT_CASE(misuse_callout_uninitialized),
	KUNIT_CASE(misuse_callout_destroyed),
	KUNIT_CASE(misuse_callout_destroy_pending),
	KUNIT_CASE(misuse_callout_schedule_without_func),
	KUNIT_CASE(misuse_callout_null_func),
	KUNIT_CASE(misuse_callout_negative_ticks),
	KUNIT_CASE(misuse_callout_bad_flags),
	KUNIT_CASE(misuse_callout_halt_from_interrupt),
	KUNIT_CASE(misuse_callout_halt_interlock_not_held),
	{}
};

static struct kunit_suite netbsd_callout_suite = {
	.name = "netbsd_callout",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = netbsd_callout_cases,
};
kunit_test_suite(netbsd_callout_suite);
