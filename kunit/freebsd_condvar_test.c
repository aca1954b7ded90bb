// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: FreeBSD condvar(9) as bsdcompat implements it, with the test-only
 * locks of freebsd_test_locks.h as interlocks.
 *
 * The waiters are kthreads. bsdcompat's sleep queues have no spurious
 * wakeups for a thread that gets no signal, so a waiter that returns 0 was
 * woken by exactly one cv_signal()/cv_broadcast(), and cv_waiters counts
 * the queued ones exactly.
 */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>

#include <sys/param.h>
#include <sys/condvar.h>
#include <sys/kernel.h>
#include <sys/systm.h>
#include <bsdcompat/biglock.h>

#include "freebsd_test_locks.h"
#include "kunit_helpers.h"

#define CV_ERR	"Condition variable error: "

enum cvw_op { CVW_WAIT, CVW_WAIT_SIG, CVW_WAIT_UNLOCK, CVW_TIMED,
	      CVW_TIMED_SIG, CVW_SX_SHARED };

/* A kthread that waits on a condvar once. */
struct cvw {
	struct cv		*cv;
	struct test_mtx		*mtx;
	struct test_sx		*sx;
	enum cvw_op		op;
	int			ticks;
	int			ret;
	bool			owned;	/* held the interlock on return */
	struct task_struct	*task;
	struct completion	done;
};

static int cvw_fn(void *arg)
{
	struct cvw *w = arg;

	allow_signal(SIGUSR1);
	allow_signal(SIGKILL);
	if (w->op == CVW_SX_SHARED) {
		test_sx_slock(w->sx);
		w->ret = cv_timedwait_sig(w->cv, w->sx, w->ticks);
		w->owned = atomic_read(&w->sx->readers) == 1;
		test_sx_unlock(w->sx);
		complete(&w->done);
		return 0;
	}
	test_mtx_lock(w->mtx);
	switch (w->op) {
	case CVW_WAIT:
		cv_wait(w->cv, w->mtx);
		w->ret = 0;
		break;
	case CVW_WAIT_SIG:
		w->ret = cv_wait_sig(w->cv, w->mtx);
		break;
	case CVW_WAIT_UNLOCK:
		cv_wait_unlock(w->cv, w->mtx);
		w->ret = 0;
		break;
	case CVW_TIMED:
		w->ret = cv_timedwait(w->cv, w->mtx, w->ticks);
		break;
	default:
		w->ret = cv_timedwait_sig(w->cv, w->mtx, w->ticks);
		break;
	}
	w->owned = test_mtx_owned(w->mtx);
	if (w->owned)
		test_mtx_unlock(w->mtx);
	complete(&w->done);
	return 0;
}

static void cvw_start(struct kunit *test, struct cvw *w, struct cv *cv,
		      struct test_mtx *mtx, enum cvw_op op, int ticks)
{
	w->cv = cv;
	w->mtx = mtx;
	w->op = op;
	w->ticks = ticks;
	w->ret = -1;
	init_completion(&w->done);
	w->task = kthread_run(cvw_fn, w, "fbsd-cvw");
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
static void wait_waiters(struct kunit *test, struct cv *cv, unsigned int n)
{
	int i;

	for (i = 0; i < 10000 && READ_ONCE(cv->cv_waiters) != n; i++)
		usleep_range(500, 1000);
	KUNIT_ASSERT_EQ(test, READ_ONCE(cv->cv_waiters), n);
}

static void cv_signal_wakes_one(struct kunit *test)
{
	struct test_mtx mtx;
	struct cvw w[3];
	struct cv cv;
	int i;

	test_mtx_init(&mtx, "sc->mtx");
	cv_init(&cv, "one");
	KUNIT_EXPECT_STREQ(test, cv_wmesg(&cv), "one");
	for (i = 0; i < 3; i++)
		cvw_start(test, &w[i], &cv, &mtx, CVW_WAIT, 0);
	wait_waiters(test, &cv, 3);
	test_mtx_lock(&mtx);
	cv_signal(&cv);
	KUNIT_EXPECT_EQ(test, cv.cv_waiters, 2u);
	cv_signal(&cv);
	KUNIT_EXPECT_EQ(test, cv.cv_waiters, 1u);
	test_mtx_unlock(&mtx);
	wait_waiters(test, &cv, 1);
	test_mtx_lock(&mtx);
	cv_signal(&cv);
	KUNIT_EXPECT_EQ(test, cv.cv_waiters, 0u);
	cv_signal(&cv);		/* nobody left: a no-op */
	test_mtx_unlock(&mtx);
	for (i = 0; i < 3; i++) {
		cvw_join(&w[i]);
		KUNIT_EXPECT_EQ(test, w[i].ret, 0);
		KUNIT_EXPECT_TRUE(test, w[i].owned);
	}
	cv_destroy(&cv);
}

static void cv_broadcast_wakes_all(struct kunit *test)
{
	struct test_mtx mtx;
	struct cvw w[4];
	struct cv cv;
	int i;

	test_mtx_init(&mtx, "sc->mtx");
	cv_init(&cv, "all");
	for (i = 0; i < 4; i++)
		cvw_start(test, &w[i], &cv, &mtx, i % 2 ? CVW_WAIT : CVW_TIMED,
			  100 * hz);
	wait_waiters(test, &cv, 4);
	test_mtx_lock(&mtx);
	cv_broadcast(&cv);
	KUNIT_EXPECT_EQ(test, cv.cv_waiters, 0u);
	test_mtx_unlock(&mtx);
	for (i = 0; i < 4; i++) {
		cvw_join(&w[i]);
		KUNIT_EXPECT_EQ(test, w[i].ret, 0);
		KUNIT_EXPECT_TRUE(test, w[i].owned);
	}
	/* cv_broadcastpri() is cv_broadcast(): the priority is ignored. */
	cvw_start(test, &w[0], &cv, &mtx, CVW_WAIT_SIG, 0);
	wait_waiters(test, &cv, 1);
	cv_broadcastpri(&cv, PWAIT);
	cvw_join(&w[0]);
	KUNIT_EXPECT_EQ(test, w[0].ret, 0);
	cv_destroy(&cv);
}

static void cv_wait_unlock_returns_unlocked(struct kunit *test)
{
	struct test_mtx mtx;
	struct cvw w;
	struct cv cv;

	test_mtx_init(&mtx, "sc->mtx");
	cv_init(&cv, "unlock");
	cvw_start(test, &w, &cv, &mtx, CVW_WAIT_UNLOCK, 0);
	wait_waiters(test, &cv, 1);
	test_mtx_lock(&mtx);
	cv_signal(&cv);
	test_mtx_unlock(&mtx);
	cvw_join(&w);
	KUNIT_EXPECT_FALSE(test, w.owned);
	KUNIT_EXPECT_TRUE(test, mutex_trylock(&mtx.m));
	mutex_unlock(&mtx.m);
	cv_destroy(&cv);
}

/* A shared hold is given up for the wait and taken back shared. */
static void cv_wait_sx_shared(struct kunit *test)
{
	struct test_sx sx;
	struct cvw w = { };
	struct cv cv;

	test_sx_init(&sx, "sc->sx");
	cv_init(&cv, "sx");
	w.sx = &sx;
	cvw_start(test, &w, &cv, NULL, CVW_SX_SHARED, 100 * hz);
	wait_waiters(test, &cv, 1);
	test_sx_xlock(&sx);	/* possible only while it waits */
	cv_signal(&cv);
	test_sx_unlock(&sx);
	cvw_join(&w);
	KUNIT_EXPECT_EQ(test, w.ret, 0);
	KUNIT_EXPECT_TRUE(test, w.owned);
	cv_destroy(&cv);
}

static void cv_timedwait_times_out(struct kunit *test)
{
	struct test_mtx mtx;
	struct cv cv;

	test_mtx_init(&mtx, "sc->mtx");
	cv_init(&cv, "tmo");
	test_mtx_lock(&mtx);
	KUNIT_EXPECT_EQ(test, cv_timedwait(&cv, &mtx, 1), EWOULDBLOCK);
	KUNIT_EXPECT_TRUE(test, test_mtx_owned(&mtx));
	KUNIT_EXPECT_EQ(test, cv_timedwait_sig(&cv, &mtx, 2), EWOULDBLOCK);
	KUNIT_EXPECT_TRUE(test, test_mtx_owned(&mtx));
	/* Zero has expired already. */
	KUNIT_EXPECT_EQ(test, cv_timedwait(&cv, &mtx, 0), EWOULDBLOCK);
	KUNIT_EXPECT_EQ(test, cv_timedwait_sbt(&cv, &mtx, SBT_1MS, SBT_1US,
					       0), EWOULDBLOCK);
	KUNIT_EXPECT_EQ(test, cv_timedwait_sig_sbt(&cv, &mtx, SBT_1MS, 0,
						   C_PREL(1)), EWOULDBLOCK);
	KUNIT_EXPECT_TRUE(test, test_mtx_owned(&mtx));
	KUNIT_EXPECT_EQ(test, cv.cv_waiters, 0u);
	test_mtx_unlock(&mtx);
	cv_destroy(&cv);
}

/* What SIGKILL does to a user thread (a kthread handles signals itself). */
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
	struct test_mtx mtx;
	struct cvw w[3];
	struct cv cv;

	test_mtx_init(&mtx, "sc->mtx");
	cv_init(&cv, "sig");
	cvw_start(test, &w[0], &cv, &mtx, CVW_WAIT_SIG, 0);
	cvw_start(test, &w[1], &cv, &mtx, CVW_TIMED_SIG, 100 * hz);
	cvw_start(test, &w[2], &cv, &mtx, CVW_WAIT, 0);
	wait_waiters(test, &cv, 3);
	send_sig(SIGUSR1, w[0].task, 1);
	kill_kthread(w[1].task);
	send_sig(SIGUSR1, w[2].task, 1);	/* cv_wait(): waits on */
	cvw_join(&w[0]);
	cvw_join(&w[1]);
	KUNIT_EXPECT_EQ(test, w[0].ret, ERESTART);
	KUNIT_EXPECT_EQ(test, w[1].ret, EINTR);
	KUNIT_EXPECT_TRUE(test, w[0].owned);
	KUNIT_EXPECT_TRUE(test, w[1].owned);
	wait_waiters(test, &cv, 1);
	test_mtx_lock(&mtx);
	cv_signal(&cv);
	test_mtx_unlock(&mtx);
	cvw_join(&w[2]);
	KUNIT_EXPECT_EQ(test, w[2].ret, 0);
	cv_destroy(&cv);
}

/* The big lock is given up for the wait and taken back. */
static int big_lock_waiter(void *arg)
{
	struct cvw *w = arg;

	bsd_kernel_lock(1, _THIS_IP_);
	test_mtx_lock(w->mtx);
	cv_wait(w->cv, w->mtx);
	w->owned = bsd_kernel_locked_p() && test_mtx_owned(w->mtx);
	test_mtx_unlock(w->mtx);
	bsd_kernel_unlock(1, NULL, _THIS_IP_);
	complete(&w->done);
	return 0;
}

static void cv_wait_gives_up_big_lock(struct kunit *test)
{
	struct test_mtx mtx;
	struct cvw w = { };
	struct cv cv;

	test_mtx_init(&mtx, "sc->mtx");
	cv_init(&cv, "giant");
	w.cv = &cv;
	w.mtx = &mtx;
	init_completion(&w.done);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(big_lock_waiter, &w,
						    "fbsd-cvgiant")));
	wait_waiters(test, &cv, 1);
	bsd_kernel_lock(1, _THIS_IP_);	/* possible only while it waits */
	cv_signal(&cv);
	bsd_kernel_unlock(1, NULL, _THIS_IP_);
	wait_for_completion(&w.done);
	KUNIT_EXPECT_TRUE(test, w.owned);
	cv_destroy(&cv);
}

/*
 * cv_broadcast(); cv_destroy(); and the condvar's memory reused at once:
 * no woken (or timing-out) waiter may write to it afterwards. Round 0
 * fills the memory with a pattern that must survive the waiters' exit;
 * round 1 frees it, and on KASAN any later access fails the run.
 */
struct cv_obj {
	struct cv	cv;
	u8		pad[64];
};

static void cv_broadcast_destroy_free(struct kunit *test)
{
	struct test_mtx mtx;
	struct cv_obj *obj;
	struct cvw w[4];
	int round, i, bad;

	test_mtx_init(&mtx, "sc->mtx");
	for (round = 0; round < 2; round++) {
		obj = kzalloc(sizeof(*obj), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, obj);
		cv_init(&obj->cv, "dying");
		for (i = 0; i < 4; i++)
			cvw_start(test, &w[i], &obj->cv, &mtx,
				  i % 2 ? CVW_WAIT_SIG : CVW_TIMED, 100 * hz);
		wait_waiters(test, &obj->cv, 4);

		test_mtx_lock(&mtx);
		cv_broadcast(&obj->cv);
		cv_destroy(&obj->cv);
		if (round == 0)
			memset(obj, 0x6b, sizeof(*obj));
		else
			kfree(obj);
		test_mtx_unlock(&mtx);

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
}

/* Producer/consumer through cv_wait_sig(): nothing lost, nothing twice. */
#define PC_ITEMS	2000
#define PC_SLOTS	4

struct pc {
	struct test_mtx		mtx;
	struct cv		notempty, notfull;
	int			buf[PC_SLOTS];
	int			head, count;
	long			sum_in, sum_out;
	int			consumed, errors;
	struct completion	done;
};

static int pc_producer(void *arg)
{
	struct pc *pc = arg;
	int i;

	test_mtx_lock(&pc->mtx);
	for (i = 1; i <= PC_ITEMS; i++) {
		while (pc->count == PC_SLOTS)
			if (cv_wait_sig(&pc->notfull, &pc->mtx))
				pc->errors++;
		pc->buf[(pc->head + pc->count++) % PC_SLOTS] = i;
		pc->sum_in += i;
		cv_signal(&pc->notempty);
	}
	test_mtx_unlock(&pc->mtx);
	complete(&pc->done);
	return 0;
}

static int pc_consumer(void *arg)
{
	struct pc *pc = arg;

	test_mtx_lock(&pc->mtx);
	while (pc->consumed < PC_ITEMS) {
		while (pc->count == 0)
			if (cv_wait_sig(&pc->notempty, &pc->mtx))
				pc->errors++;
		pc->sum_out += pc->buf[pc->head];
		pc->head = (pc->head + 1) % PC_SLOTS;
		pc->count--;
		pc->consumed++;
		cv_broadcast(&pc->notfull);
	}
	test_mtx_unlock(&pc->mtx);
	complete(&pc->done);
	return 0;
}

static void cv_producer_consumer(struct kunit *test)
{
	struct pc *pc = kunit_kzalloc(test, sizeof(*pc), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, pc);
	test_mtx_init(&pc->mtx, "sc->mtx");
	cv_init(&pc->notempty, "notempty");
	cv_init(&pc->notfull, "notfull");
	init_completion(&pc->done);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(pc_consumer, pc,
						    "fbsd-cvcons")));
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(pc_producer, pc,
						    "fbsd-cvprod")));
	wait_for_completion(&pc->done);
	wait_for_completion(&pc->done);
	KUNIT_EXPECT_EQ(test, pc->consumed, PC_ITEMS);
	KUNIT_EXPECT_EQ(test, pc->sum_out, pc->sum_in);
	KUNIT_EXPECT_EQ(test, pc->sum_in, (long)PC_ITEMS * (PC_ITEMS + 1) / 2);
	KUNIT_EXPECT_EQ(test, pc->errors, 0);
	cv_destroy(&pc->notempty);
	cv_destroy(&pc->notfull);
}

static void misuse_cv_wait_interlock_not_held(struct kunit *test)
{
	struct test_mtx mtx;
	unsigned long n;
	struct cv cv;

	test_mtx_init(&mtx, "sc->mtx");
	cv_init(&cv, "nolock");
	n = bsd_lockdebug_count();
	cv_wait(&cv, &mtx);
	EXPECT_REPORT(test, n,
		      CV_ERR "cv_wait: interlock not held by current thread",
		      "lock \"nolock\"");
	KUNIT_EXPECT_FALSE(test, test_mtx_owned(&mtx));
	KUNIT_EXPECT_EQ(test, cv_timedwait(&cv, &mtx, 1), EWOULDBLOCK);
	KUNIT_EXPECT_EQ(test, cv_wait_sig(&cv, &mtx), 0);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 3);
	cv_destroy(&cv);
}

static void misuse_cv_wait_unlock_refused_still_unlocks(struct kunit *test)
{
	struct test_mtx mtx;
	unsigned long n;
	struct cv cv;
	int x;

	test_mtx_init(&mtx, "sc->mtx");
	cv_init(&cv, "refused");
	bsd_witness_acquire(&x, "sc->other", "rw", false, _THIS_IP_);
	test_mtx_lock(&mtx);
	n = bsd_lockdebug_count();
	cv_wait_unlock(&cv, &mtx);
	bsd_witness_release(&x);
	EXPECT_REPORT(test, n,
		      CV_ERR "cv_wait_unlock: sleeping thread owns a non-sleepable lock: rw \"sc->other\"",
		      "lock \"refused\"");
	KUNIT_EXPECT_FALSE(test, test_mtx_owned(&mtx));
	KUNIT_EXPECT_EQ(test, bsd_witness_held(false), 0u);
	cv_destroy(&cv);
}

static void misuse_cv_destroy_with_waiters(struct kunit *test)
{
	struct test_mtx mtx;
	unsigned long n;
	struct cvw w;
	struct cv cv;

	test_mtx_init(&mtx, "sc->mtx");
	cv_init(&cv, "busy");
	cvw_start(test, &w, &cv, &mtx, CVW_WAIT, 0);
	wait_waiters(test, &cv, 1);
	n = bsd_lockdebug_count();
	cv_destroy(&cv);
	EXPECT_REPORT(test, n, CV_ERR "cv_destroy: condition variable has waiters",
		      "lock \"busy\"");
	test_mtx_lock(&mtx);
	cv_signal(&cv);		/* refused above: still usable */
	test_mtx_unlock(&mtx);
	cvw_join(&w);
	KUNIT_EXPECT_EQ(test, w.ret, 0);
	cv_destroy(&cv);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);
}

static void misuse_cv_two_interlocks(struct kunit *test)
{
	struct test_mtx m1, m2;
	unsigned long n;
	struct cvw w;
	struct cv cv;
	int ret;

	test_mtx_init(&m1, "sc->mtx1");
	test_mtx_init(&m2, "sc->mtx2");
	cv_init(&cv, "two");
	cvw_start(test, &w, &cv, &m1, CVW_WAIT, 0);
	wait_waiters(test, &cv, 1);
	n = bsd_lockdebug_count();
	test_mtx_lock(&m2);
	ret = cv_timedwait(&cv, &m2, 1);
	KUNIT_EXPECT_TRUE(test, test_mtx_owned(&m2));
	test_mtx_unlock(&m2);
	KUNIT_EXPECT_EQ(test, ret, EWOULDBLOCK);
	EXPECT_REPORT(test, n,
		      CV_ERR "cv_timedwait: condition variable used with two different locks",
		      "lock \"two\"");
	/* The first waiter is still there and still wakes. */
	test_mtx_lock(&m1);
	cv_broadcast(&cv);
	test_mtx_unlock(&m1);
	cvw_join(&w);
	KUNIT_EXPECT_EQ(test, w.ret, 0);
	/* Without waiters, another lock is fine. */
	test_mtx_lock(&m2);
	KUNIT_EXPECT_EQ(test, cv_timedwait(&cv, &m2, 1), EWOULDBLOCK);
	test_mtx_unlock(&m2);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);
	cv_destroy(&cv);
}

static void misuse_cv_spin_interlock(struct kunit *test)
{
	struct test_spin spin;
	unsigned long n;
	struct cv cv;
	bool held;
	int ret;

	test_spin_init(&spin, "sc->spin");
	cv_init(&cv, "spun");
	test_spin_lock(&spin);
	n = bsd_lockdebug_count();
	ret = cv_timedwait(&cv, &spin, 1);
	held = test_spin_lc_owned(&spin.lock_object);
	test_spin_unlock(&spin);
	KUNIT_EXPECT_EQ(test, ret, EWOULDBLOCK);
	KUNIT_EXPECT_TRUE(test, held);
	EXPECT_REPORT(test, n, CV_ERR "cv_timedwait: interlock is a spin mutex",
		      "lock \"spun\"");
	cv_destroy(&cv);
}

static void misuse_cv_spin_lock_held(struct kunit *test)
{
	struct test_mtx mtx;
	unsigned long n;
	struct cv cv;
	bool owned;
	int ret;

	test_mtx_init(&mtx, "sc->mtx");
	cv_init(&cv, "spinheld");
	test_mtx_lock(&mtx);
	freebsd_test_other_spin_enter();
	n = bsd_lockdebug_count();
	ret = cv_timedwait_sig(&cv, &mtx, 1);
	owned = test_mtx_owned(&mtx);
	freebsd_test_other_spin_exit();
	test_mtx_unlock(&mtx);
	KUNIT_EXPECT_EQ(test, ret, EWOULDBLOCK);
	KUNIT_EXPECT_TRUE(test, owned);
	EXPECT_REPORT(test, n, CV_ERR "cv_timedwait_sig: spin lock held",
		      "lock \"spinheld\"");
	cv_destroy(&cv);
}

static void misuse_cv_negative_timeout(struct kunit *test)
{
	struct test_mtx mtx;
	unsigned long n;
	struct cv cv;

	test_mtx_init(&mtx, "sc->mtx");
	cv_init(&cv, "neg");
	test_mtx_lock(&mtx);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, cv_timedwait(&cv, &mtx, -1), EWOULDBLOCK);
	EXPECT_REPORT(test, n, CV_ERR "cv_timedwait: negative timeout",
		      "lock \"neg\"");
	KUNIT_EXPECT_EQ(test, cv_timedwait_sig_sbt(&cv, &mtx, -SBT_1S, 0, 0),
			EWOULDBLOCK);
	EXPECT_REPORT(test, n + 1,
		      CV_ERR "cv_timedwait_sig_sbt: negative timeout",
		      "lock \"neg\"");
	KUNIT_EXPECT_TRUE(test, test_mtx_owned(&mtx));
	test_mtx_unlock(&mtx);
	cv_destroy(&cv);
}

static void misuse_cv_uninitialized_and_destroyed(struct kunit *test)
{
	struct test_mtx mtx;
	struct cv cv = { };
	unsigned long n;

	test_mtx_init(&mtx, "sc->mtx");
	test_mtx_lock(&mtx);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, cv_timedwait(&cv, &mtx, 1), EWOULDBLOCK);
	EXPECT_REPORT(test, n,
		      CV_ERR "cv_timedwait: uninitialized condition variable",
		      "lock \"\"");
	cv_init(&cv, "dead");
	cv_destroy(&cv);
	KUNIT_EXPECT_EQ(test, cv_wait_sig(&cv, &mtx), 0);
	EXPECT_REPORT(test, n + 1,
		      CV_ERR "cv_wait_sig: destroyed condition variable",
		      "lock \"dead\"");
	KUNIT_EXPECT_TRUE(test, test_mtx_owned(&mtx));
	test_mtx_unlock(&mtx);
	cv_signal(&cv);
	EXPECT_REPORT(test, n + 2,
		      CV_ERR "cv_signal: destroyed condition variable",
		      "lock \"dead\"");
}

struct irq_cv {
	struct cv		cv;
	struct test_spin	spin;
	int			ret;
	struct hrtimer		timer;
	struct completion	done;
};

static enum hrtimer_restart irq_cv_timer(struct hrtimer *t)
{
	struct irq_cv *ic = container_of(t, struct irq_cv, timer);

	test_spin_lock(&ic->spin);
	ic->ret = cv_timedwait(&ic->cv, &ic->spin, 1);
	test_spin_unlock(&ic->spin);
	cv_broadcast(&ic->cv);		/* legal from any context */
	complete(&ic->done);
	return HRTIMER_NORESTART;
}

static void misuse_cv_wait_from_interrupt(struct kunit *test)
{
	struct irq_cv *ic = kunit_kzalloc(test, sizeof(*ic), GFP_KERNEL);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, ic);
	test_spin_init(&ic->spin, "sc->spin");
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
}

static struct kunit_case freebsd_condvar_cases[] = {
	KUNIT_CASE(cv_signal_wakes_one),
	KUNIT_CASE(cv_broadcast_wakes_all),
	KUNIT_CASE(cv_wait_unlock_returns_unlocked),
	KUNIT_CASE(cv_wait_sx_shared),
	KUNIT_CASE(cv_timedwait_times_out),
	KUNIT_CASE(cv_wait_sig_signals),
	KUNIT_CASE(cv_wait_gives_up_big_lock),
	KUNIT_CASE(cv_broadcast_destroy_free),
	KUNIT_CASE(cv_producer_consumer),
	KUNIT_CASE(misuse_cv_wait_interlock_not_held),
	KUNIT_CASE(misuse_cv_wait_unlock_refused_still_unlocks),
	KUNIT_CASE(misuse_cv_destroy_with_waiters),
	KUNIT_CASE(misuse_cv_two_interlocks),
	KUNIT_CASE(misuse_cv_spin_interlock),
	KUNIT_CASE(misuse_cv_spin_lock_held),
	KUNIT_CASE(misuse_cv_negative_timeout),
	KUNIT_CASE(misuse_cv_uninitialized_and_destroyed),
	KUNIT_CASE(misuse_cv_wait_from_interrupt),
	{}
};

static struct kunit_suite freebsd_condvar_suite = {
	.name = "freebsd_condvar",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = freebsd_condvar_cases,
};
kunit_test_suite(freebsd_condvar_suite);
