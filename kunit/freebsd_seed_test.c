// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: the FreeBSD USB driver's read path that started this work.
 *
 * Its author wrote mtx_lock(&sc->mtx); if (no data) tsleep(...);
 * mtx_unlock(&sc->mtx); and under load FreeBSD panicked: a sleeping thread
 * held a non-sleepable lock. Here the right patterns must hold up under
 * load, against producers where FreeBSD would have them: an interrupt
 * thread (a kthread: FreeBSD runs ithreads and USB callbacks in threads,
 * which may take sleep mutexes) for mtx_sleep() and cv_wait_sig(), and a
 * hard interrupt (an hrtimer) for msleep_spin() on a spin mutex. Every item
 * produced is consumed exactly once, a signal ends a PCATCH wait, and the
 * wrong pattern is one WITNESS-style report and a refused sleep, not a
 * hang.
 */
#include <kunit/test.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>

#include <sys/param.h>
#include <sys/lock.h>
#include <sys/mutex.h>
#include <sys/condvar.h>
#include <sys/systm.h>
#include <bsdcompat/witness.h>

#include "kunit_helpers.h"

MODULE_IMPORT_NS(BSDCOMPAT);

#define SEED_ITEMS	12000
#define SEED_READERS	6

enum seed_how { SEED_MTX_SLEEP, SEED_CV_WAIT_SIG, SEED_MSLEEP_SPIN };

struct seed_sc {
	struct mtx	mtx;		/* sleep or spin, per the case */
	struct cv	cv;
	enum seed_how	how;
	unsigned int	avail;		/* produced, not yet consumed */
	unsigned int	produced;
	unsigned int	consumed;
	unsigned int	sleeps;
	unsigned int	errors;		/* unexpected returns */
	unsigned int	per_reader[SEED_READERS];
	struct hrtimer	timer;		/* the hard-interrupt producer */
};

static bool seed_done(struct seed_sc *sc)
{
	return sc->produced == SEED_ITEMS && !sc->avail;
}

/* A reader: take one item at a time, sleeping while there is none. */
static void seed_reader(void *arg, unsigned int i)
{
	struct seed_sc *sc = arg;
	bool spin = sc->how == SEED_MSLEEP_SPIN;
	int error;

	for (;;) {
		if (spin)
			mtx_lock_spin(&sc->mtx);
		else
			mtx_lock(&sc->mtx);
		while (!sc->avail && !seed_done(sc)) {
			sc->sleeps++;
			if (sc->how == SEED_MTX_SLEEP)
				error = mtx_sleep(&sc->avail, &sc->mtx, PCATCH,
						  "rd", 0);
			else if (sc->how == SEED_CV_WAIT_SIG)
				error = cv_wait_sig(&sc->cv, &sc->mtx);
			else
				error = msleep_spin(&sc->avail, &sc->mtx, "rd",
						    0);
			if (error)
				sc->errors++;
		}
		if (!sc->avail) {
			if (spin)
				mtx_unlock_spin(&sc->mtx);
			else
				mtx_unlock(&sc->mtx);
			return;
		}
		sc->avail--;
		sc->consumed++;
		sc->per_reader[i]++;
		if (spin)
			mtx_unlock_spin(&sc->mtx);
		else
			mtx_unlock(&sc->mtx);
	}
}

/* Hand one item over under the mutex; the last one wakes everybody. */
static void seed_put_locked(struct seed_sc *sc)
{
	sc->avail++;
	sc->produced++;
	if (sc->how == SEED_CV_WAIT_SIG) {
		if (sc->produced == SEED_ITEMS)
			cv_broadcast(&sc->cv);
		else
			cv_signal(&sc->cv);
	} else if (sc->produced == SEED_ITEMS) {
		wakeup(&sc->avail);
	} else {
		wakeup_one(&sc->avail);
	}
}

/* The interrupt thread: thread 0 of the run produces, the others read. */
static void seed_thread(void *arg, unsigned int i)
{
	struct seed_sc *sc = arg;
	unsigned int n;

	if (i > 0) {
		seed_reader(sc, i - 1);
		return;
	}
	for (n = 0; n < SEED_ITEMS; n++) {
		mtx_lock(&sc->mtx);
		seed_put_locked(sc);
		mtx_unlock(&sc->mtx);
		if (n % 64 == 0)
			cond_resched();
	}
}

static enum hrtimer_restart seed_intr(struct hrtimer *t)
{
	struct seed_sc *sc = container_of(t, struct seed_sc, timer);
	bool more;
	int n;

	mtx_lock_spin(&sc->mtx);
	for (n = 0; n < 4 && sc->produced < SEED_ITEMS; n++)
		seed_put_locked(sc);
	more = sc->produced < SEED_ITEMS;
	mtx_unlock_spin(&sc->mtx);
	if (!more)
		return HRTIMER_NORESTART;
	/* Slower than the readers: they run dry and sleep between ticks. */
	hrtimer_forward_now(t, ns_to_ktime(100 * NSEC_PER_USEC));
	return HRTIMER_RESTART;
}

static void seed_check(struct kunit *test, struct seed_sc *sc)
{
	unsigned int i, sum = 0;

	for (i = 0; i < SEED_READERS; i++)
		sum += sc->per_reader[i];
	KUNIT_EXPECT_EQ(test, sc->produced, SEED_ITEMS);
	KUNIT_EXPECT_EQ(test, sc->consumed, SEED_ITEMS);
	KUNIT_EXPECT_EQ(test, sum, SEED_ITEMS);
	KUNIT_EXPECT_EQ(test, sc->avail, 0U);
	KUNIT_EXPECT_EQ(test, sc->errors, 0U);
	kunit_info(test, "%u items to %d readers, %u sleeps\n",
		   sc->consumed, SEED_READERS, sc->sleeps);
}

/* mtx_sleep(&sc->data, &sc->mtx, PCATCH, "rd", 0) against an ithread. */
static void seed_mtx_sleep_under_load(struct kunit *test)
{
	struct seed_sc *sc = kunit_kzalloc(test, sizeof(*sc), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, sc);
	mtx_init(&sc->mtx, "sc->mtx", NULL, MTX_DEF);
	sc->how = SEED_MTX_SLEEP;
	bsd_kunit_run_threads(test, SEED_READERS + 1, seed_thread, sc,
			      "seed-mtx", true);
	seed_check(test, sc);
	mtx_destroy(&sc->mtx);
}

/* cv_wait_sig(&sc->cv, &sc->mtx) against an ithread. */
static void seed_cv_wait_sig_under_load(struct kunit *test)
{
	struct seed_sc *sc = kunit_kzalloc(test, sizeof(*sc), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, sc);
	mtx_init(&sc->mtx, "sc->mtx", NULL, MTX_DEF);
	cv_init(&sc->cv, "rd");
	sc->how = SEED_CV_WAIT_SIG;
	bsd_kunit_run_threads(test, SEED_READERS + 1, seed_thread, sc,
			      "seed-cv", true);
	seed_check(test, sc);
	cv_destroy(&sc->cv);
	mtx_destroy(&sc->mtx);
}

/* msleep_spin() on an MTX_SPIN mutex against a hard-interrupt producer. */
static void seed_msleep_spin_vs_interrupt(struct kunit *test)
{
	struct seed_sc *sc = kunit_kzalloc(test, sizeof(*sc), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, sc);
	mtx_init(&sc->mtx, "sc->intr_mtx", NULL, MTX_SPIN);
	sc->how = SEED_MSLEEP_SPIN;
	hrtimer_init(&sc->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	sc->timer.function = seed_intr;
	hrtimer_start(&sc->timer, ns_to_ktime(20 * NSEC_PER_USEC),
		      HRTIMER_MODE_REL_HARD);
	bsd_kunit_run_threads(test, SEED_READERS, seed_reader, sc, "seed-spin",
			      true);
	hrtimer_cancel(&sc->timer);
	seed_check(test, sc);
	mtx_destroy(&sc->mtx);
}

/* A signal ends a PCATCH wait; the mutex is held again on return. */
struct seed_sig {
	struct mtx		mtx;
	struct cv		cv;
	bool			use_cv;
	bool			waiting;
	int			error;
	bool			owned;
	struct task_struct	*task;
	struct completion	done;
};

static int seed_sig_fn(void *arg)
{
	struct seed_sig *ss = arg;
	int chan;

	allow_signal(SIGUSR1);
	mtx_lock(&ss->mtx);
	WRITE_ONCE(ss->waiting, true);
	if (ss->use_cv)
		ss->error = cv_wait_sig(&ss->cv, &ss->mtx);
	else
		ss->error = mtx_sleep(&chan, &ss->mtx, PCATCH, "rd", 0);
	ss->owned = mtx_owned(&ss->mtx);
	mtx_unlock(&ss->mtx);
	complete(&ss->done);
	return 0;
}

static void seed_signal_ends_wait(struct kunit *test)
{
	struct seed_sig *ss = kunit_kzalloc(test, sizeof(*ss), GFP_KERNEL);
	int round;

	KUNIT_ASSERT_NOT_NULL(test, ss);
	mtx_init(&ss->mtx, "sc->mtx", NULL, MTX_DEF);
	cv_init(&ss->cv, "rd");
	for (round = 0; round < 2; round++) {
		ss->use_cv = round;
		ss->waiting = false;
		init_completion(&ss->done);
		ss->task = kthread_run(seed_sig_fn, ss, "seed-sig");
		KUNIT_ASSERT_FALSE(test, IS_ERR(ss->task));
		get_task_struct(ss->task);
		while (!READ_ONCE(ss->waiting))
			usleep_range(1000, 2000);
		/* Queued once the mutex is free again: then signal it. */
		mtx_lock(&ss->mtx);
		mtx_unlock(&ss->mtx);
		send_sig(SIGUSR1, ss->task, 1);
		wait_for_completion(&ss->done);
		put_task_struct(ss->task);
		KUNIT_EXPECT_EQ(test, ss->error, ERESTART);
		KUNIT_EXPECT_TRUE(test, ss->owned);
	}
	cv_destroy(&ss->cv);
	mtx_destroy(&ss->mtx);
}

/*
 * The wrong pattern: tsleep() with the mutex held. One report naming the
 * mutex and where it was taken; the sleep is refused (EWOULDBLOCK at once,
 * no hang) and the mutex is still the caller's.
 */
static void seed_misuse_tsleep_with_mutex(struct kunit *test)
{
	unsigned long before = bsd_lockdebug_count();
	struct mtx *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	int chan, error;

	KUNIT_ASSERT_NOT_NULL(test, m);
	if (!bsd_witness_enabled())
		kunit_skip(test, "witness is off");
	mtx_init(m, "sc->mtx", NULL, MTX_DEF);
	mtx_lock(m);
	error = tsleep(&chan, 0, "rd", hz);
	KUNIT_EXPECT_TRUE(test, mtx_owned(m));
	mtx_unlock(m);
	KUNIT_EXPECT_EQ(test, error, EWOULDBLOCK);
	EXPECT_REPORT(test, before,
		      "Sleep error: tsleep: sleeping thread owns a non-sleepable lock: sleep mutex \"sc->mtx\" locked at ",
		      "lock \"rd\"");
	mtx_destroy(m);
}

static struct kunit_case freebsd_seed_cases[] = {
	KUNIT_CASE(seed_mtx_sleep_under_load),
	KUNIT_CASE(seed_cv_wait_sig_under_load),
	KUNIT_CASE(seed_msleep_spin_vs_interrupt),
	KUNIT_CASE(seed_signal_ends_wait),
	KUNIT_CASE(seed_misuse_tsleep_with_mutex),
	{}
};

static struct kunit_suite freebsd_seed_suite = {
	.name = "freebsd_seed",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = freebsd_seed_cases,
};
kunit_test_suite(freebsd_seed_suite);
