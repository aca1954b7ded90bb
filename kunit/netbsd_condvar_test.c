// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: NetBSD condvar(9) as bsdcompat implements it.
 *
 * The waiters are kthreads. bsdcompat's sleep queues have no spurious
 * wakeups for a thread that gets no signal, so a waiter that returns was
 * woken by exactly one cv_signal()/cv_broadcast() or timed out, and the
 * cases can count wakeups exactly.
 */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>

#include <sys/condvar.h>
#include <sys/kernel.h>
#include <sys/mutex.h>

#include "kunit_helpers.h"

#define CV_ERR	"Condition variable error: "

enum cvw_op { CVW_WAIT, CVW_WAIT_SIG, CVW_TIMED, CVW_TIMED_SIG };

/* A kthread that waits on a condvar once. */
struct cvw {
	kcondvar_t		*cv;
	kmutex_t		*mtx;
	enum cvw_op		op;
	int			ticks;
	int			ret;
	bool			owned;	/* held the interlock on return */
	int			ipl;	/* the IPL on return */
	struct task_struct	*task;
	struct completion	done;
};

static int cvw_fn(void *arg)
{
	struct cvw *w = arg;

	allow_signal(SIGUSR1);
	allow_signal(SIGKILL);
	mutex_enter(w->mtx);
	switch (w->op) {
	case CVW_WAIT:
		cv_wait(w->cv, w->mtx);
		w->ret = 0;
		break;
	case CVW_WAIT_SIG:
		w->ret = cv_wait_sig(w->cv, w->mtx);
		break;
	case CVW_TIMED:
		w->ret = cv_timedwait(w->cv, w->mtx, w->ticks);
		break;
	case CVW_TIMED_SIG:
		w->ret = cv_timedwait_sig(w->cv, w->mtx, w->ticks);
		break;
	}
	w->owned = mutex_owned(w->mtx);
	w->ipl = bsd_curipl();
	mutex_exit(w->mtx);
	complete(&w->done);
	return 0;
}

static void cvw_start(struct kunit *test, struct cvw *w, kcondvar_t *cv,
		      kmutex_t *mtx, enum cvw_op op, int ticks)
{
	w->cv = cv;
	w->mtx = mtx;
	w->op = op;
	w->ticks = ticks;
	w->ret = -1;
	init_completion(&w->done);
	w->task = kthread_run(cvw_fn, w, "cv-waiter");
	KUNIT_ASSERT_FALSE(test, IS_ERR(w->task));
	get_task_struct(w->task);
}

/* The task is pinned, so a signal sent to it after it exits goes nowhere. */
static void cvw_join(struct cvw *w)
{
	wait_for_completion(&w->done);
	put_task_struct(w->task);
}

/* Wait (a liveness bound, not a timing check) for @n threads on @cv. */
static void wait_waiters(struct kunit *test, kcondvar_t *cv, unsigned int n)
{
	int i;

	for (i = 0; i < 10000 && READ_ONCE(cv->cv_waiters) != n; i++)
		usleep_range(500, 1000);
	KUNIT_ASSERT_EQ(test, READ_ONCE(cv->cv_waiters), n);
}

static void cv_signal_wakes_one(struct kunit *test)
{
	struct cvw w[3];
	kcondvar_t cv;
	kmutex_t mtx;
	int i, done;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&cv, "one");
	for (i = 0; i < 3; i++)
		cvw_start(test, &w[i], &cv, &mtx, CVW_WAIT, 0);
	wait_waiters(test, &cv, 3);
	KUNIT_EXPECT_TRUE(test, cv_has_waiters(&cv));

	mutex_enter(&mtx);
	cv_signal(&cv);
	KUNIT_EXPECT_EQ(test, cv.cv_waiters, 2u);
	mutex_exit(&mtx);
	/* Exactly one returns; the other two stay queued. */
	for (done = 0; done == 0; ) {
		for (i = 0; i < 3; i++)
			done += completion_done(&w[i].done);
		usleep_range(100, 200);
	}
	msleep(20);
	for (done = 0, i = 0; i < 3; i++)
		done += completion_done(&w[i].done);
	KUNIT_EXPECT_EQ(test, done, 1);
	KUNIT_EXPECT_EQ(test, READ_ONCE(cv.cv_waiters), 2u);

	mutex_enter(&mtx);
	cv_signal(&cv);
	cv_signal(&cv);
	KUNIT_EXPECT_FALSE(test, cv_has_waiters(&cv));
	cv_signal(&cv);		/* nobody left: a no-op */
	mutex_exit(&mtx);
	for (i = 0; i < 3; i++) {
		cvw_join(&w[i]);
		KUNIT_EXPECT_EQ(test, w[i].ret, 0);
		KUNIT_EXPECT_TRUE(test, w[i].owned);
	}
	cv_destroy(&cv);
	mutex_destroy(&mtx);
}

static void cv_broadcast_wakes_all(struct kunit *test)
{
	struct cvw w[4];
	kcondvar_t cv;
	kmutex_t mtx;
	int i;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&cv, "all");
	for (i = 0; i < 4; i++)
		cvw_start(test, &w[i], &cv, &mtx, i % 2 ? CVW_WAIT : CVW_TIMED,
			  100 * hz);
	wait_waiters(test, &cv, 4);
	mutex_enter(&mtx);
	cv_broadcast(&cv);
	KUNIT_EXPECT_FALSE(test, cv_has_waiters(&cv));
	mutex_exit(&mtx);
	for (i = 0; i < 4; i++) {
		cvw_join(&w[i]);
		KUNIT_EXPECT_EQ(test, w[i].ret, 0);
		KUNIT_EXPECT_TRUE(test, w[i].owned);
	}
	cv_destroy(&cv);
	mutex_destroy(&mtx);
}

static void cv_timedwait_times_out(struct kunit *test)
{
	kcondvar_t cv;
	kmutex_t mtx;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&cv, "tmo");
	mutex_enter(&mtx);
	KUNIT_EXPECT_EQ(test, cv_timedwait(&cv, &mtx, 1), EWOULDBLOCK);
	KUNIT_EXPECT_TRUE(test, mutex_owned(&mtx));
	KUNIT_EXPECT_EQ(test, cv_timedwait_sig(&cv, &mtx, mstohz(2)),
			EWOULDBLOCK);
	KUNIT_EXPECT_TRUE(test, mutex_owned(&mtx));
	KUNIT_EXPECT_FALSE(test, cv_has_waiters(&cv));
	mutex_exit(&mtx);
	cv_destroy(&cv);
	mutex_destroy(&mtx);
}

/* A spin interlock: the waiter gets the mutex and its IPL back. */
static void cv_spin_interlock_restores_ipl(struct kunit *test)
{
	bool irqs_off;
	struct cvw w;
	kcondvar_t cv;
	kmutex_t spin;

	mutex_init(&spin, MUTEX_DEFAULT, IPL_VM);
	cv_init(&cv, "spin");
	cvw_start(test, &w, &cv, &spin, CVW_TIMED, 100 * hz);
	wait_waiters(test, &cv, 1);
	mutex_enter(&spin);
	cv_signal(&cv);
	mutex_exit(&spin);
	cvw_join(&w);
	KUNIT_EXPECT_EQ(test, w.ret, 0);
	KUNIT_EXPECT_TRUE(test, w.owned);
	KUNIT_EXPECT_EQ(test, w.ipl, IPL_VM);

	/* And a timeout, in this thread; expectations once at IPL_NONE. */
	mutex_enter(&spin);
	w.ret = cv_timedwait(&cv, &spin, 1);
	w.owned = mutex_owned(&spin);
	w.ipl = bsd_curipl();
	irqs_off = irqs_disabled();
	mutex_exit(&spin);
	KUNIT_EXPECT_EQ(test, w.ret, EWOULDBLOCK);
	KUNIT_EXPECT_TRUE(test, w.owned);
	KUNIT_EXPECT_EQ(test, w.ipl, IPL_VM);
	KUNIT_EXPECT_TRUE(test, irqs_off);
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_NONE);
	cv_destroy(&cv);
	mutex_destroy(&spin);
}

/* A thread at splbio() with an adaptive interlock sleeps at IPL_NONE. */
/* A thread at splbio() with an adaptive interlock sleeps at IPL_NONE. */
static void cv_wait_at_raised_ipl(struct kunit *test)
{
	bool irqs_off;
	kcondvar_t cv;
	kmutex_t mtx;
	int s, ret, ipl;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&cv, "ipl");
	s = splbio();
	mutex_enter(&mtx);
	ret = cv_timedwait(&cv, &mtx, 1);
	ipl = bsd_curipl();
	irqs_off = irqs_disabled();
	mutex_exit(&mtx);
	splx(s);
	/* Expectations only now: a failing one allocates, which may sleep. */
	KUNIT_EXPECT_EQ(test, ret, EWOULDBLOCK);
	KUNIT_EXPECT_EQ(test, ipl, IPL_BIO);
	KUNIT_EXPECT_TRUE(test, irqs_off);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	cv_destroy(&cv);
	mutex_destroy(&mtx);
}

/*
 * What SIGKILL does to a user thread: a kthread that allows signals handles
 * them itself, so send_sig() would not make SIGKILL fatal for it.
 */
static void kill_kthread(struct task_struct *t)
{
	spin_lock_irq(&t->sighand->siglock);
	sigaddset(&t->pending.signal, SIGKILL);
	set_tsk_thread_flag(t, TIF_SIGPENDING);
	spin_unlock_irq(&t->sighand->siglock);
	wake_up_process(t);
}

static void cv_wait_sig_signals(struct kunit *test)
{
	struct cvw w[2];
	kcondvar_t cv;
	kmutex_t mtx;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&cv, "sig");
	cvw_start(test, &w[0], &cv, &mtx, CVW_WAIT_SIG, 0);
	cvw_start(test, &w[1], &cv, &mtx, CVW_TIMED_SIG, 100 * hz);
	wait_waiters(test, &cv, 2);
	send_sig(SIGUSR1, w[0].task, 1);
	kill_kthread(w[1].task);
	cvw_join(&w[0]);
	cvw_join(&w[1]);
	KUNIT_EXPECT_EQ(test, w[0].ret, ERESTART);
	KUNIT_EXPECT_EQ(test, w[1].ret, EINTR);
	KUNIT_EXPECT_TRUE(test, w[0].owned);
	KUNIT_EXPECT_TRUE(test, w[1].owned);
	KUNIT_EXPECT_FALSE(test, cv_has_waiters(&cv));
	cv_destroy(&cv);
	mutex_destroy(&mtx);
}

static void cv_timedwaitbt_remaining(struct kunit *test)
{
	struct bintime bt, eps = { .sec = 0, .frac = 0 };
	kcondvar_t cv;
	kmutex_t mtx;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&cv, "bt");
	mutex_enter(&mtx);

	/* Times out: the time left is not positive. */
	ns2bintime(5 * NSEC_PER_MSEC, &bt);
	KUNIT_EXPECT_EQ(test, cv_timedwaitbt(&cv, &mtx, &bt, &eps), EWOULDBLOCK);
	KUNIT_EXPECT_LE(test, bintime2ns(&bt), 0);
	KUNIT_EXPECT_TRUE(test, mutex_owned(&mtx));

	/* Zero: times out at once. */
	bt.sec = 0;
	bt.frac = 0;
	KUNIT_EXPECT_EQ(test, cv_timedwaitbt_sig(&cv, &mtx, &bt, &eps),
			EWOULDBLOCK);
	mutex_exit(&mtx);

	/* Conversions both ways, with a negative time. */
	ns2bintime(-1500 * NSEC_PER_MSEC, &bt);
	KUNIT_EXPECT_EQ(test, bt.sec, -2);
	KUNIT_EXPECT_EQ(test, bintime2ns(&bt), -1500 * (s64)NSEC_PER_MSEC);
	cv_destroy(&cv);
	mutex_destroy(&mtx);
}

struct bt_waiter {
	kcondvar_t		cv;
	kmutex_t		mtx;
	struct bintime		bt;
	int			ret;
	struct completion	done;
};

static int bt_waiter_fn(void *arg)
{
	struct bt_waiter *b = arg;
	struct bintime eps = { .sec = 0, .frac = 0 };

	mutex_enter(&b->mtx);
	b->ret = cv_timedwaitbt(&b->cv, &b->mtx, &b->bt, &eps);
	mutex_exit(&b->mtx);
	complete(&b->done);
	return 0;
}

static void cv_timedwaitbt_woken(struct kunit *test)
{
	struct bt_waiter *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	s64 left;

	KUNIT_ASSERT_NOT_NULL(test, b);
	mutex_init(&b->mtx, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&b->cv, "btw");
	b->bt.sec = 100;
	init_completion(&b->done);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(bt_waiter_fn, b, "cv-bt")));
	wait_waiters(test, &b->cv, 1);
	mutex_enter(&b->mtx);
	cv_signal(&b->cv);
	mutex_exit(&b->mtx);
	wait_for_completion(&b->done);
	left = bintime2ns(&b->bt);
	KUNIT_EXPECT_EQ(test, b->ret, 0);
	KUNIT_EXPECT_GT(test, left, 0);
	KUNIT_EXPECT_LT(test, left, 100 * (s64)NSEC_PER_SEC);
	cv_destroy(&b->cv);
	mutex_destroy(&b->mtx);
}

/*
 * cv_broadcast(); cv_destroy(); and the condvar's memory reused at once:
 * no woken (or timing-out) waiter may write to it afterwards. The memory is
 * filled with a pattern, which must survive the waiters' exit; on a KASAN
 * kernel the second round frees it instead, and any later access is a
 * report that fails the run.
 */
struct cv_obj {
	kcondvar_t	cv;
	u8		pad[64];
};

static void cv_broadcast_destroy_reuse(struct kunit *test)
{
	struct cvw w[4];
	struct cv_obj *obj;
	kmutex_t mtx;
	int round, i, bad;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	for (round = 0; round < 2; round++) {
		obj = kzalloc(sizeof(*obj), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, obj);
		cv_init(&obj->cv, "dying");
		for (i = 0; i < 4; i++)
			cvw_start(test, &w[i], &obj->cv, &mtx,
				  i % 2 ? CVW_WAIT : CVW_TIMED, 100 * hz);
		wait_waiters(test, &obj->cv, 4);

		mutex_enter(&mtx);
		cv_broadcast(&obj->cv);
		cv_destroy(&obj->cv);
		KUNIT_EXPECT_FALSE(test, cv_is_valid(&obj->cv));
		if (round == 0)
			memset(obj, 0x6b, sizeof(*obj));
		else
			kfree(obj);
		mutex_exit(&mtx);

		for (i = 0; i < 4; i++) {
			cvw_join(&w[i]);
			KUNIT_EXPECT_EQ(test, w[i].ret, 0);
		}
		if (round == 0) {
			for (bad = 0, i = 0; i < sizeof(*obj); i++)
				bad += ((u8 *)obj)[i] != 0x6b;
			KUNIT_EXPECT_EQ(test, bad, 0);
			kfree(obj);
		}
	}
	mutex_destroy(&mtx);
}

static void misuse_cv_wait_without_interlock(struct kunit *test)
{
	unsigned long n;
	kcondvar_t cv;
	kmutex_t mtx;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&cv, "nolock");
	n = bsd_lockdebug_count();
	cv_wait(&cv, &mtx);
	EXPECT_REPORT(test, n, CV_ERR "cv_wait: interlock not held by current LWP",
		      "lock \"nolock\"");
	KUNIT_EXPECT_FALSE(test, mutex_owned(&mtx));
	KUNIT_EXPECT_EQ(test, cv_timedwait(&cv, &mtx, 1), EWOULDBLOCK);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 2);
	cv_destroy(&cv);
	mutex_destroy(&mtx);
}

static void misuse_cv_destroy_with_waiters(struct kunit *test)
{
	unsigned long n;
	struct cvw w;
	kcondvar_t cv;
	kmutex_t mtx;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&cv, "busy");
	cvw_start(test, &w, &cv, &mtx, CVW_WAIT, 0);
	wait_waiters(test, &cv, 1);
	n = bsd_lockdebug_count();
	cv_destroy(&cv);
	EXPECT_REPORT(test, n, CV_ERR "cv_destroy: is locked or in use",
		      "lock \"busy\"");
	KUNIT_EXPECT_TRUE(test, cv_is_valid(&cv));	/* refused */
	mutex_enter(&mtx);
	cv_signal(&cv);
	mutex_exit(&mtx);
	cvw_join(&w);
	KUNIT_EXPECT_EQ(test, w.ret, 0);
	cv_destroy(&cv);
	KUNIT_EXPECT_FALSE(test, cv_is_valid(&cv));
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);
	mutex_destroy(&mtx);
}

static void misuse_cv_two_interlocks(struct kunit *test)
{
	unsigned long n;
	kmutex_t m1, m2;
	struct cvw w;
	kcondvar_t cv;

	mutex_init(&m1, MUTEX_DEFAULT, IPL_NONE);
	mutex_init(&m2, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&cv, "two");
	cvw_start(test, &w, &cv, &m1, CVW_WAIT, 0);
	wait_waiters(test, &cv, 1);
	n = bsd_lockdebug_count();
	mutex_enter(&m2);
	KUNIT_EXPECT_EQ(test, cv_timedwait(&cv, &m2, 1), EWOULDBLOCK);
	mutex_exit(&m2);
	EXPECT_REPORT(test, n,
		      CV_ERR "cv_timedwait: multiple locks used with condition variable",
		      "lock \"two\"");
	/* The first waiter is still there and still wakes. */
	mutex_enter(&m1);
	cv_broadcast(&cv);
	mutex_exit(&m1);
	cvw_join(&w);
	KUNIT_EXPECT_EQ(test, w.ret, 0);
	cv_destroy(&cv);
	mutex_destroy(&m2);
	mutex_destroy(&m1);
}

static void misuse_cv_signal_without_interlock(struct kunit *test)
{
	unsigned long n;
	struct cvw w;
	kcondvar_t cv;
	kmutex_t mtx;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&cv, "unlocked");
	cvw_start(test, &w, &cv, &mtx, CVW_WAIT, 0);
	wait_waiters(test, &cv, 1);
	n = bsd_lockdebug_count();
	cv_signal(&cv);
	EXPECT_REPORT(test, n,
		      CV_ERR "cv_signal: interlocking mutex not held during wakeup",
		      "lock \"unlocked\"");
	cvw_join(&w);		/* woken all the same */
	KUNIT_EXPECT_EQ(test, w.ret, 0);
	cv_destroy(&cv);
	mutex_destroy(&mtx);
}

static void misuse_cv_wait_with_spin_mutex_held(struct kunit *test)
{
	unsigned long n;
	kmutex_t mtx, spin;
	kcondvar_t cv;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	mutex_init(&spin, MUTEX_DEFAULT, IPL_VM);
	cv_init(&cv, "spinheld");
	mutex_enter(&mtx);
	mutex_enter(&spin);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, cv_timedwait(&cv, &mtx, 1), EWOULDBLOCK);
	EXPECT_REPORT(test, n, CV_ERR "cv_timedwait: spin lock held",
		      "lock \"spinheld\"");
	KUNIT_EXPECT_TRUE(test, mutex_owned(&mtx));
	mutex_exit(&spin);
	mutex_exit(&mtx);
	cv_destroy(&cv);
	mutex_destroy(&spin);
	mutex_destroy(&mtx);
}

struct irq_cv {
	kcondvar_t		cv;
	kmutex_t		spin;
	int			ret;
	struct hrtimer		timer;
	struct completion	done;
};

static enum hrtimer_restart irq_cv_timer(struct hrtimer *t)
{
	struct irq_cv *ic = container_of(t, struct irq_cv, timer);

	mutex_spin_enter(&ic->spin);
	ic->ret = cv_timedwait(&ic->cv, &ic->spin, 1);
	mutex_spin_exit(&ic->spin);
	complete(&ic->done);
	return HRTIMER_NORESTART;
}

static void misuse_cv_wait_from_interrupt(struct kunit *test)
{
	struct irq_cv *ic = kunit_kzalloc(test, sizeof(*ic), GFP_KERNEL);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, ic);
	mutex_init(&ic->spin, MUTEX_DEFAULT, IPL_HIGH);
	cv_init(&ic->cv, "intr");
	init_completion(&ic->done);
	hrtimer_init(&ic->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	ic->timer.function = irq_cv_timer;
	n = bsd_lockdebug_count();
	hrtimer_start(&ic->timer, ns_to_ktime(NSEC_PER_MSEC),
		      HRTIMER_MODE_REL_HARD);
	wait_for_completion(&ic->done);
	EXPECT_REPORT(test, n,
		      CV_ERR "cv_timedwait: sleeping from interrupt context",
		      "lock \"intr\"");
	KUNIT_EXPECT_EQ(test, ic->ret, EWOULDBLOCK);
	cv_destroy(&ic->cv);
	mutex_destroy(&ic->spin);
}

static void misuse_cv_bad_arguments(struct kunit *test)
{
	struct bintime bt = { .sec = -1, .frac = 0 };
	unsigned long n;
	kcondvar_t cv;
	kmutex_t mtx;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&cv, "args");
	mutex_enter(&mtx);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, cv_timedwait(&cv, &mtx, -1), EWOULDBLOCK);
	EXPECT_REPORT(test, n, CV_ERR "cv_timedwait: negative timeout",
		      "lock \"args\"");
	KUNIT_EXPECT_EQ(test, cv_timedwaitbt(&cv, &mtx, &bt, &bt), EWOULDBLOCK);
	EXPECT_REPORT(test, n + 1, CV_ERR "cv_timedwaitbt: negative timeout",
		      "lock \"args\"");
	bt.sec = 0;
	bt.frac = 1ULL << 56;
	KUNIT_EXPECT_EQ(test, cv_timedwaitbt(&cv, &mtx, &bt, NULL), EWOULDBLOCK);
	EXPECT_REPORT(test, n + 2,
		      CV_ERR "cv_timedwaitbt: specify maximum requested delay",
		      "lock \"args\"");
	KUNIT_EXPECT_TRUE(test, mutex_owned(&mtx));
	mutex_exit(&mtx);
	cv_destroy(&cv);

	/* A destroyed condvar is refused. */
	cv_signal(&cv);
	EXPECT_REPORT(test, n + 3, CV_ERR "cv_signal: destroyed condition variable",
		      "lock \"deadcv\"");
	mutex_destroy(&mtx);
}

static struct kunit_case netbsd_condvar_cases[] = {
	KUNIT_CASE(cv_signal_wakes_one),
	KUNIT_CASE(cv_broadcast_wakes_all),
	KUNIT_CASE(cv_timedwait_times_out),
	KUNIT_CASE(cv_spin_interlock_restores_ipl),
	KUNIT_CASE(cv_wait_at_raised_ipl),
	KUNIT_CASE(cv_wait_sig_signals),
	KUNIT_CASE(cv_timedwaitbt_remaining),
	KUNIT_CASE(cv_timedwaitbt_woken),
	KUNIT_CASE(cv_broadcast_destroy_reuse),
	KUNIT_CASE(misuse_cv_wait_without_interlock),
	KUNIT_CASE(misuse_cv_destroy_with_waiters),
	KUNIT_CASE(misuse_cv_two_interlocks),
	KUNIT_CASE(misuse_cv_signal_without_interlock),
	KUNIT_CASE(misuse_cv_wait_with_spin_mutex_held),
	KUNIT_CASE(misuse_cv_wait_from_interrupt),
	KUNIT_CASE(misuse_cv_bad_arguments),
	{}
};

static struct kunit_suite netbsd_condvar_suite = {
	.name = "netbsd_condvar",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = netbsd_condvar_cases,
};
kunit_test_suite(netbsd_condvar_suite);
