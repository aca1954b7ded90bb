// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: NetBSD KERNEL_LOCK(9), and that every sleeping bsdcompat primitive
 * gives the kernel lock up for the sleep and takes it back at the same
 * depth.
 *
 * The release test: a thread takes the kernel lock three deep, sets the
 * phase to 1 and sleeps in the primitive under test. A prober thread takes
 * the kernel lock and records the phase it saw. The sleeper sets the phase
 * to 2 only once it is back, holding the lock again; so the prober sees 1
 * only if it got the lock while the sleeper slept. If the lock were kept,
 * the prober would wait until the sleeper is woken (after a 10 s liveness
 * bound) and see 2.
 */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>

#include <sys/condvar.h>
#include <sys/kmem.h>
#include <sys/kernel.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/rwlock.h>
#include <sys/systm.h>

#include "kunit_helpers.h"

#define KL_ERR	"Kernel lock error: "

static void kl_recursive_depth(struct kunit *test)
{
	struct bsd_biglock_stats before, after;
	int n;

	bsd_biglock_stats(&before);
	KUNIT_EXPECT_FALSE(test, KERNEL_LOCKED_P());
	KERNEL_LOCK(1, NULL);
	KERNEL_LOCK(2, curlwp);
	KUNIT_EXPECT_TRUE(test, KERNEL_LOCKED_P());
	KUNIT_EXPECT_EQ(test, bsd_kernel_lock_depth(), 3);
	KERNEL_UNLOCK_ONE(NULL);
	KUNIT_EXPECT_EQ(test, bsd_kernel_lock_depth(), 2);
	KERNEL_LOCK(0, NULL);		/* nothing */
	KERNEL_UNLOCK_ALL(NULL, &n);
	KUNIT_EXPECT_EQ(test, n, 2);
	KUNIT_EXPECT_FALSE(test, KERNEL_LOCKED_P());
	KERNEL_UNLOCK_ALL(NULL, &n);	/* not held: count 0, no report */
	KUNIT_EXPECT_EQ(test, n, 0);
	KERNEL_LOCK(1, NULL);
	KERNEL_UNLOCK_LAST(NULL);
	KUNIT_EXPECT_FALSE(test, KERNEL_LOCKED_P());
	bsd_biglock_stats(&after);
	KUNIT_EXPECT_EQ(test, after.bs_fast - before.bs_fast, 2);
	KUNIT_EXPECT_EQ(test, after.bs_recursive - before.bs_recursive, 1);
}

struct kl_taker {
	bool			got;
	struct completion	done;
};

static int kl_taker_fn(void *arg)
{
	struct kl_taker *t = arg;

	KERNEL_LOCK(1, NULL);
	WRITE_ONCE(t->got, true);
	KERNEL_UNLOCK_ONE(NULL);
	complete(&t->done);
	return 0;
}

/* A Linux sleep (msleep) keeps the kernel lock: others wait. */
static void kl_excludes_other_threads(struct kunit *test)
{
	struct bsd_biglock_stats before, after;
	struct kl_taker t = { .got = false };

	init_completion(&t.done);
	bsd_biglock_stats(&before);
	KERNEL_LOCK(1, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(kl_taker_fn, &t, "kl-taker")));
	msleep(20);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(t.got));
	KERNEL_UNLOCK_ONE(NULL);
	wait_for_completion(&t.done);
	KUNIT_EXPECT_TRUE(test, t.got);
	bsd_biglock_stats(&after);
	KUNIT_EXPECT_GE(test, after.bs_contended - before.bs_contended, 1);
}

/* Taking it in both orders with a mutex is no deadlock, and lockdep agrees. */
static void kl_lockdep_both_orders(struct kunit *test)
{
	kmutex_t mtx;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	KERNEL_LOCK(1, NULL);
	mutex_enter(&mtx);
	mutex_exit(&mtx);
	KERNEL_UNLOCK_ONE(NULL);
	mutex_enter(&mtx);
	KERNEL_LOCK(1, NULL);
	KERNEL_UNLOCK_ONE(NULL);
	mutex_exit(&mtx);
	KUNIT_EXPECT_FALSE(test, KERNEL_LOCKED_P());
	mutex_destroy(&mtx);
}

enum kl_prim {
	KL_MUTEX, KL_RWLOCK, KL_CV_WAIT, KL_CV_TIMEDWAIT, KL_TSLEEP,
	KL_MTSLEEP, KL_KPAUSE,
};

struct kl_sleep {
	enum kl_prim		prim;
	kmutex_t		mtx;
	krwlock_t		rw;
	kcondvar_t		cv;
	int			chan;
	int			phase;
	int			probe_phase;
	int			depth_after;
	int			count_after;
	int			ret;
	struct completion	holder_in, holder_go, holder_done;
	struct completion	probe_done, sleeper_done;
};

/* Holds the mutex or rwlock the sleeper will block on. */
static int kl_holder_fn(void *arg)
{
	struct kl_sleep *k = arg;

	if (k->prim == KL_MUTEX)
		mutex_enter(&k->mtx);
	else
		rw_enter(&k->rw, RW_WRITER);
	complete(&k->holder_in);
	wait_for_completion(&k->holder_go);
	if (k->prim == KL_MUTEX)
		mutex_exit(&k->mtx);
	else
		rw_exit(&k->rw);
	complete(&k->holder_done);
	return 0;
}

static int kl_sleeper_fn(void *arg)
{
	struct kl_sleep *k = arg;

	KERNEL_LOCK(1, NULL);
	KERNEL_LOCK(2, NULL);
	if (k->prim != KL_MUTEX && k->prim != KL_RWLOCK &&
	    k->prim != KL_TSLEEP)
		mutex_enter(&k->mtx);
	WRITE_ONCE(k->phase, 1);
	switch (k->prim) {
	case KL_MUTEX:
		mutex_enter(&k->mtx);
		break;
	case KL_RWLOCK:
		rw_enter(&k->rw, RW_READER);
		break;
	case KL_CV_WAIT:
		cv_wait(&k->cv, &k->mtx);
		break;
	case KL_CV_TIMEDWAIT:
		k->ret = cv_timedwait(&k->cv, &k->mtx, mstohz(200));
		break;
	case KL_TSLEEP:
		k->ret = tsleep(&k->chan, PWAIT, "kltest", 0);
		break;
	case KL_MTSLEEP:
		k->ret = mtsleep(&k->chan, PWAIT, "kltest", 0, &k->mtx);
		break;
	case KL_KPAUSE:
		k->ret = kpause("kltest", false, mstohz(200), &k->mtx);
		break;
	}
	WRITE_ONCE(k->phase, 2);	/* back, and the kernel lock with it */
	k->depth_after = bsd_kernel_lock_depth();
	if (k->prim == KL_RWLOCK)
		rw_exit(&k->rw);
	else if (k->prim != KL_TSLEEP)
		mutex_exit(&k->mtx);
	KERNEL_UNLOCK_ALL(NULL, &k->count_after);
	complete(&k->sleeper_done);
	return 0;
}

static int kl_probe_fn(void *arg)
{
	struct kl_sleep *k = arg;

	KERNEL_LOCK(1, NULL);
	k->probe_phase = READ_ONCE(k->phase);
	KERNEL_UNLOCK_ONE(NULL);
	complete(&k->probe_done);
	return 0;
}

static void kl_released_across(struct kunit *test, enum kl_prim prim)
{
	struct kl_sleep *k = kunit_kzalloc(test, sizeof(*k), GFP_KERNEL);
	bool probed;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, k);
	k->prim = prim;
	mutex_init(&k->mtx, MUTEX_DEFAULT, IPL_NONE);
	rw_init(&k->rw);
	cv_init(&k->cv, "klcv");
	init_completion(&k->holder_in);
	init_completion(&k->holder_go);
	init_completion(&k->holder_done);
	init_completion(&k->probe_done);
	init_completion(&k->sleeper_done);
	if (prim == KL_MUTEX || prim == KL_RWLOCK) {
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(kl_holder_fn, k,
							    "kl-holder")));
		wait_for_completion(&k->holder_in);
	}
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(kl_sleeper_fn, k,
						    "kl-sleeper")));
	for (i = 0; i < 10000 && !READ_ONCE(k->phase); i++)
		usleep_range(100, 200);
	KUNIT_ASSERT_EQ(test, READ_ONCE(k->phase), 1);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(kl_probe_fn, k, "kl-probe")));

	/* A liveness bound: the prober gets in while the sleeper sleeps. */
	probed = wait_for_completion_timeout(&k->probe_done, 10 * HZ);

	/* Wake the sleeper. */
	switch (prim) {
	case KL_MUTEX:
	case KL_RWLOCK:
		complete(&k->holder_go);
		wait_for_completion(&k->holder_done);
		break;
	case KL_CV_WAIT:
		mutex_enter(&k->mtx);
		cv_signal(&k->cv);
		mutex_exit(&k->mtx);
		break;
	case KL_TSLEEP:
	case KL_MTSLEEP:
		wakeup(&k->chan);
		break;
	case KL_CV_TIMEDWAIT:
	case KL_KPAUSE:
		break;		/* they time out */
	}
	wait_for_completion(&k->sleeper_done);
	if (!probed)
		wait_for_completion(&k->probe_done);

	KUNIT_EXPECT_TRUE(test, probed);
	KUNIT_EXPECT_EQ(test, k->probe_phase, 1);
	KUNIT_EXPECT_EQ(test, k->depth_after, 3);
	KUNIT_EXPECT_EQ(test, k->count_after, 3);
	if (prim == KL_CV_TIMEDWAIT || prim == KL_KPAUSE)
		KUNIT_EXPECT_EQ(test, k->ret, EWOULDBLOCK);
	else
		KUNIT_EXPECT_EQ(test, k->ret, 0);
	cv_destroy(&k->cv);
	rw_destroy(&k->rw);
	mutex_destroy(&k->mtx);
}

static void kl_released_across_mutex_enter(struct kunit *test)
{
	kl_released_across(test, KL_MUTEX);
}

static void kl_released_across_rw_enter(struct kunit *test)
{
	kl_released_across(test, KL_RWLOCK);
}

static void kl_released_across_cv_wait(struct kunit *test)
{
	kl_released_across(test, KL_CV_WAIT);
}

static void kl_released_across_cv_timedwait(struct kunit *test)
{
	kl_released_across(test, KL_CV_TIMEDWAIT);
}

static void kl_released_across_tsleep(struct kunit *test)
{
	kl_released_across(test, KL_TSLEEP);
}

static void kl_released_across_mtsleep(struct kunit *test)
{
	kl_released_across(test, KL_MTSLEEP);
}

static void kl_released_across_kpause(struct kunit *test)
{
	kl_released_across(test, KL_KPAUSE);
}

/*
 * kmem_alloc(KM_SLEEP) may sleep anywhere inside Linux's allocator, so it
 * gives the kernel lock up around the whole allocation.
 */
static void kl_released_around_kmem_sleep(struct kunit *test)
{
	struct bsd_biglock_stats before, after;
	void *p;

	KERNEL_LOCK(3, NULL);
	bsd_biglock_stats(&before);
	p = kmem_alloc(64, KM_SLEEP);
	bsd_biglock_stats(&after);
	KUNIT_EXPECT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, bsd_kernel_lock_depth(), 3);
	KUNIT_EXPECT_EQ(test, after.bs_sleeps - before.bs_sleeps, 1);
	kmem_free(p, 64);
	KERNEL_UNLOCK_ALL(NULL, NULL);
	KUNIT_EXPECT_FALSE(test, KERNEL_LOCKED_P());
}

static void misuse_kl_unlock_unheld(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();

	KERNEL_UNLOCK_ONE(NULL);
	EXPECT_REPORT(test, n, KL_ERR "KERNEL_UNLOCK: not locked",
		      "lock \"kernel_lock\"");
	KUNIT_EXPECT_FALSE(test, KERNEL_LOCKED_P());
}

static void misuse_kl_unlock_last_deep(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();

	KERNEL_LOCK(2, NULL);
	KERNEL_UNLOCK_LAST(NULL);
	EXPECT_REPORT(test, n,
		      KL_ERR "KERNEL_UNLOCK_LAST: assertion failed: olocks == 1 (held 2 times)",
		      "lock \"kernel_lock\"");
	KUNIT_EXPECT_FALSE(test, KERNEL_LOCKED_P());	/* all of it let go */
}

static void misuse_kl_unlock_too_many(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();
	int count;

	KERNEL_LOCK(1, NULL);
	KERNEL_UNLOCK(3, NULL, &count);
	EXPECT_REPORT(test, n,
		      KL_ERR "KERNEL_UNLOCK: releasing more holds than held (1)",
		      "lock \"kernel_lock\"");
	KUNIT_EXPECT_EQ(test, count, 1);
	KUNIT_EXPECT_FALSE(test, KERNEL_LOCKED_P());
}

static void misuse_kl_wrong_lwp(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();
	int other;

	KERNEL_LOCK(1, (struct lwp *)&other);
	EXPECT_REPORT(test, n,
		      KL_ERR "KERNEL_LOCK: assertion failed: l == NULL || l == curlwp",
		      "lock \"kernel_lock\"");
	KUNIT_EXPECT_TRUE(test, KERNEL_LOCKED_P());
	KERNEL_UNLOCK_ONE(NULL);
}

struct kl_unlocker {
	struct completion	done;
};

static int kl_unlocker_fn(void *arg)
{
	struct kl_unlocker *u = arg;

	KERNEL_UNLOCK_ONE(NULL);
	complete(&u->done);
	return 0;
}

static void misuse_kl_unlock_by_other_thread(struct kunit *test)
{
	struct kl_unlocker u;
	unsigned long n;

	init_completion(&u.done);
	KERNEL_LOCK(1, NULL);
	n = bsd_lockdebug_count();
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(kl_unlocker_fn, &u,
						    "kl-unlocker")));
	wait_for_completion(&u.done);
	EXPECT_REPORT(test, n, KL_ERR "KERNEL_UNLOCK: not held by current LWP",
		      "lock \"kernel_lock\"");
	KUNIT_EXPECT_TRUE(test, KERNEL_LOCKED_P());	/* refused */
	KERNEL_UNLOCK_ONE(NULL);
}

static void misuse_kl_with_spin_mutex_held(struct kunit *test)
{
	unsigned long n;
	kmutex_t spin;

	mutex_init(&spin, MUTEX_DEFAULT, IPL_VM);
	mutex_enter(&spin);
	n = bsd_lockdebug_count();
	KERNEL_LOCK(1, NULL);
	EXPECT_REPORT(test, n,
		      KL_ERR "KERNEL_LOCK: acquiring kernel lock with spin mutex held",
		      "lock \"kernel_lock\"");
	KUNIT_EXPECT_TRUE(test, KERNEL_LOCKED_P());	/* it was free */
	KERNEL_UNLOCK_ONE(NULL);
	mutex_exit(&spin);
	KUNIT_EXPECT_FALSE(test, KERNEL_LOCKED_P());
	mutex_destroy(&spin);
}

struct irq_kl {
	bool			held;
	bool			released;
	struct hrtimer		timer;
	struct completion	done;
};

static enum hrtimer_restart irq_kl_timer(struct hrtimer *t)
{
	struct irq_kl *ik = container_of(t, struct irq_kl, timer);

	KERNEL_LOCK(1, NULL);
	ik->held = KERNEL_LOCKED_P();
	KERNEL_UNLOCK_ONE(NULL);
	ik->released = !KERNEL_LOCKED_P();
	complete(&ik->done);
	return HRTIMER_NORESTART;
}

static void misuse_kl_from_interrupt(struct kunit *test)
{
	struct irq_kl *ik = kunit_kzalloc(test, sizeof(*ik), GFP_KERNEL);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, ik);
	init_completion(&ik->done);
	hrtimer_init(&ik->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	ik->timer.function = irq_kl_timer;
	n = bsd_lockdebug_count();
	hrtimer_start(&ik->timer, ns_to_ktime(NSEC_PER_MSEC),
		      HRTIMER_MODE_REL_HARD);
	wait_for_completion(&ik->done);
	EXPECT_REPORT(test, n,
		      KL_ERR "KERNEL_LOCK: acquiring kernel lock from interrupt context",
		      "lock \"kernel_lock\"");
	KUNIT_EXPECT_TRUE(test, ik->held);
	KUNIT_EXPECT_TRUE(test, ik->released);
	KUNIT_EXPECT_FALSE(test, KERNEL_LOCKED_P());
}

static struct kunit_case netbsd_kernel_lock_cases[] = {
	KUNIT_CASE(kl_recursive_depth),
	KUNIT_CASE(kl_excludes_other_threads),
	KUNIT_CASE(kl_lockdep_both_orders),
	KUNIT_CASE(kl_released_across_mutex_enter),
	KUNIT_CASE(kl_released_across_rw_enter),
	KUNIT_CASE(kl_released_across_cv_wait),
	KUNIT_CASE(kl_released_across_cv_timedwait),
	KUNIT_CASE(kl_released_across_tsleep),
	KUNIT_CASE(kl_released_across_mtsleep),
	KUNIT_CASE(kl_released_across_kpause),
	KUNIT_CASE(kl_released_around_kmem_sleep),
	KUNIT_CASE(misuse_kl_unlock_unheld),
	KUNIT_CASE(misuse_kl_unlock_last_deep),
	KUNIT_CASE(misuse_kl_unlock_too_many),
	KUNIT_CASE(misuse_kl_wrong_lwp),
	KUNIT_CASE(misuse_kl_unlock_by_other_thread),
	KUNIT_CASE(misuse_kl_with_spin_mutex_held),
	KUNIT_CASE(misuse_kl_from_interrupt),
	{}
};

static struct kunit_suite netbsd_kernel_lock_suite = {
	.name = "netbsd_kernel_lock",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = netbsd_kernel_lock_cases,
};
kunit_test_suite(netbsd_kernel_lock_suite);
