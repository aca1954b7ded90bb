// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: lock statistics (core/lockstat.c) as kmutexes and krwlocks feed
 * them. Exact counts for what a case does itself; for times only "some
 * time passed" (> 0) and the relation of maximum to mean, never a bound.
 *
 * Contention is made certain, not likely: a holder kthread takes the lock,
 * says so (a completion), and lets go only once lockstat has counted the
 * other thread's contended attempt. It polls for that between short naps;
 * how long the nap is decides nothing.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/timekeeping.h>

#include <sys/mutex.h>
#include <sys/rwlock.h>
#include <bsdcompat/lockstat.h>

#include "kunit_helpers.h"

MODULE_IMPORT_NS(BSDCOMPAT);

#define LS_LOOPS	100

/* A key per case: bsd_lockstat_read() finds a class by its key. */
static struct lock_class_key ls_key_uncontended, ls_key_off, ls_key_never,
	ls_key_clear, ls_key_hold, ls_key_contended, ls_key_spin, ls_key_rw;

/* Recording, from zero. The suite's exit switches it off again. */
static void ls_start(void)
{
	bsd_lockstat_enable();
	bsd_lockstat_clear();
}

static struct bsd_lockstat_stats ls_get(struct kunit *test,
					const struct lock_class_key *key)
{
	struct bsd_lockstat_stats st = {};

	KUNIT_EXPECT_EQ(test, bsd_lockstat_read(key, &st), 0);
	return st;
}

/* ---------------------------------------------------------------------- */
/* A kthread that holds a lock until the other side's contention shows.     */

struct ls_holder {
	kmutex_t			*mtx;
	krwlock_t			*rw;		/* or this, for write */
	const struct lock_class_key	*key;
	bool				shared;		/* the waiter reads */
	bool				spin;		/* busy-wait, don't nap */
	bool				saw_contention;
	struct completion		held;
	struct completion		done;
};

static u64 ls_contended(const struct ls_holder *h)
{
	struct bsd_lockstat_stats st;

	if (bsd_lockstat_read(h->key, &st))
		return 0;
	return h->shared ? st.shared.contended : st.excl.contended;
}

static int ls_holder_fn(void *arg)
{
	struct ls_holder *h = arg;
	/* Only so that a broken hook fails the case instead of hanging it. */
	u64 give_up = ktime_get_ns() + 20 * NSEC_PER_SEC;

	if (h->rw)
		rw_enter(h->rw, RW_WRITER);
	else
		mutex_enter(h->mtx);
	complete(&h->held);
	for (;;) {
		h->saw_contention = ls_contended(h) > 0;
		if (h->saw_contention || ktime_get_ns() > give_up)
			break;
		if (h->spin)
			cpu_relax();
		else
			usleep_range(500, 1000);
	}
	if (h->rw)
		rw_exit(h->rw);
	else
		mutex_exit(h->mtx);
	complete(&h->done);
	return 0;
}

static void ls_holder_start(struct kunit *test, struct ls_holder *h)
{
	struct task_struct *t;

	init_completion(&h->held);
	init_completion(&h->done);
	t = kthread_create(ls_holder_fn, h, "lockstat-holder");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	if (h->spin)
		kthread_bind(t, cpumask_any_but(cpu_online_mask,
						raw_smp_processor_id()));
	wake_up_process(t);
	wait_for_completion(&h->held);
}

/* ---------------------------------------------------------------------- */
/* Cases                                                                   */

static void lockstat_uncontended_counts_exactly(struct kunit *test)
{
	struct bsd_lockstat_stats st;
	kmutex_t m;
	int i;

	netbsd_mutex_init(&m, MUTEX_DEFAULT, IPL_NONE, "ls_uncontended", &ls_key_uncontended);
	ls_start();
	for (i = 0; i < LS_LOOPS; i++) {
		mutex_enter(&m);
		mutex_exit(&m);
	}
	KUNIT_ASSERT_TRUE(test, mutex_tryenter(&m));
	mutex_exit(&m);

	st = ls_get(test, &ls_key_uncontended);
	KUNIT_EXPECT_EQ(test, st.kind, BSD_LOCKSTAT_ADAPTIVE);
	KUNIT_EXPECT_EQ(test, st.excl.acquired, (u64)LS_LOOPS + 1);
	KUNIT_EXPECT_EQ(test, st.excl.contended, 0ULL);
	KUNIT_EXPECT_EQ(test, st.excl.wait_ns, 0ULL);
	KUNIT_EXPECT_EQ(test, st.excl.wait_max_ns, 0ULL);
	KUNIT_EXPECT_EQ(test, st.shared.acquired, 0ULL);
	KUNIT_EXPECT_EQ(test, bsd_lockstat_dropped(), 0ULL);
	mutex_destroy(&m);
}

static void lockstat_off_counts_nothing(struct kunit *test)
{
	struct bsd_lockstat_stats st;
	kmutex_t m, n;
	int i;

	netbsd_mutex_init(&m, MUTEX_DEFAULT, IPL_NONE, "ls_off", &ls_key_off);
	netbsd_mutex_init(&n, MUTEX_DEFAULT, IPL_NONE, "ls_never", &ls_key_never);
	ls_start();
	mutex_enter(&m);
	mutex_exit(&m);
	bsd_lockstat_disable();

	for (i = 0; i < LS_LOOPS; i++) {
		mutex_enter(&m);
		mutex_exit(&m);
		mutex_enter(&n);
		mutex_exit(&n);
	}
	st = ls_get(test, &ls_key_off);
	KUNIT_EXPECT_EQ(test, st.excl.acquired, 1ULL);
	/* A class first taken while off has no record at all. */
	KUNIT_EXPECT_EQ(test, bsd_lockstat_read(&ls_key_never, &st), -ENOENT);

	/* And back on, it counts again. */
	bsd_lockstat_enable();
	mutex_enter(&m);
	mutex_exit(&m);
	st = ls_get(test, &ls_key_off);
	KUNIT_EXPECT_EQ(test, st.excl.acquired, 2ULL);
	mutex_destroy(&m);
	mutex_destroy(&n);
}

static void lockstat_clear_zeroes(struct kunit *test)
{
	struct bsd_lockstat_stats st;
	kmutex_t m;
	int i;

	netbsd_mutex_init(&m, MUTEX_DEFAULT, IPL_NONE, "ls_clear", &ls_key_clear);
	ls_start();
	for (i = 0; i < 3; i++) {
		mutex_enter(&m);
		udelay(5);
		mutex_exit(&m);
	}
	st = ls_get(test, &ls_key_clear);
	KUNIT_EXPECT_EQ(test, st.excl.acquired, 3ULL);
	KUNIT_EXPECT_GT(test, st.excl.hold_ns, 0ULL);

	bsd_lockstat_clear();
	st = ls_get(test, &ls_key_clear);	/* the class stays, at zero */
	KUNIT_EXPECT_EQ(test, st.excl.acquired, 0ULL);
	KUNIT_EXPECT_EQ(test, st.excl.contended, 0ULL);
	KUNIT_EXPECT_EQ(test, st.excl.hold_ns, 0ULL);
	KUNIT_EXPECT_EQ(test, st.excl.hold_max_ns, 0ULL);

	mutex_enter(&m);
	mutex_exit(&m);
	st = ls_get(test, &ls_key_clear);
	KUNIT_EXPECT_EQ(test, st.excl.acquired, 1ULL);
	mutex_destroy(&m);
}

static void lockstat_hold_time(struct kunit *test)
{
	struct bsd_lockstat_stats st;
	kmutex_t m;
	int i;

	netbsd_mutex_init(&m, MUTEX_DEFAULT, IPL_NONE, "ls_hold", &ls_key_hold);
	ls_start();
	for (i = 0; i < 5; i++) {
		mutex_enter(&m);
		udelay(10);
		mutex_exit(&m);
	}
	st = ls_get(test, &ls_key_hold);
	KUNIT_EXPECT_EQ(test, st.excl.acquired, 5ULL);
	KUNIT_EXPECT_GT(test, st.excl.hold_ns, 0ULL);
	KUNIT_EXPECT_GT(test, st.excl.hold_max_ns, 0ULL);
	KUNIT_EXPECT_LE(test, st.excl.hold_max_ns, st.excl.hold_ns);
	KUNIT_EXPECT_GE(test, st.excl.hold_max_ns, st.excl.hold_ns / 5);

	/* Held when lockstat came on: that hold is not measured. */
	bsd_lockstat_disable();
	mutex_enter(&m);
	ls_start();
	mutex_exit(&m);
	st = ls_get(test, &ls_key_hold);
	KUNIT_EXPECT_EQ(test, st.excl.hold_ns, 0ULL);
	mutex_destroy(&m);
}

static void lockstat_contended_adaptive(struct kunit *test)
{
	struct ls_holder *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	struct bsd_lockstat_stats st;
	kmutex_t *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, h);
	KUNIT_ASSERT_NOT_NULL(test, m);
	netbsd_mutex_init(m, MUTEX_DEFAULT, IPL_NONE, "ls_contended", &ls_key_contended);
	ls_start();
	h->mtx = m;
	h->key = &ls_key_contended;
	ls_holder_start(test, h);

	mutex_enter(m);		/* held: this must wait */
	mutex_exit(m);
	wait_for_completion(&h->done);
	KUNIT_EXPECT_TRUE(test, h->saw_contention);

	st = ls_get(test, &ls_key_contended);
	KUNIT_EXPECT_EQ(test, st.excl.acquired, 2ULL);
	KUNIT_EXPECT_EQ(test, st.excl.contended, 1ULL);
	KUNIT_EXPECT_GT(test, st.excl.wait_ns, 0ULL);
	KUNIT_EXPECT_GE(test, st.excl.wait_max_ns,
			st.excl.wait_ns / st.excl.contended);
	KUNIT_EXPECT_GT(test, st.excl.hold_ns, 0ULL);	/* the holder's */
	KUNIT_EXPECT_GE(test, st.excl.hold_max_ns, st.excl.hold_ns / 2);
	mutex_destroy(m);
}

static void lockstat_spin_mutex(struct kunit *test)
{
	struct ls_holder *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	struct bsd_lockstat_stats st;
	kmutex_t *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, h);
	KUNIT_ASSERT_NOT_NULL(test, m);
	netbsd_mutex_init(m, MUTEX_DEFAULT, IPL_VM, "ls_spin", &ls_key_spin);
	ls_start();
	for (i = 0; i < LS_LOOPS; i++) {
		mutex_spin_enter(m);
		udelay(1);
		mutex_spin_exit(m);
	}
	KUNIT_ASSERT_TRUE(test, mutex_tryenter(m));
	mutex_exit(m);
	st = ls_get(test, &ls_key_spin);
	KUNIT_EXPECT_EQ(test, st.kind, BSD_LOCKSTAT_SPIN);
	KUNIT_EXPECT_EQ(test, st.excl.acquired, (u64)LS_LOOPS + 1);
	KUNIT_EXPECT_EQ(test, st.excl.contended, 0ULL);
	KUNIT_EXPECT_GT(test, st.excl.hold_ns, 0ULL);

	/* Contended: held on another CPU, which needs one. */
	if (num_online_cpus() < 2)
		kunit_skip(test, "a spin mutex held by another CPU needs 2 CPUs");
	bsd_lockstat_clear();
	h->mtx = m;
	h->key = &ls_key_spin;
	h->spin = true;
	ls_holder_start(test, h);
	mutex_spin_enter(m);
	mutex_spin_exit(m);
	wait_for_completion(&h->done);
	KUNIT_EXPECT_TRUE(test, h->saw_contention);
	st = ls_get(test, &ls_key_spin);
	KUNIT_EXPECT_EQ(test, st.excl.acquired, 2ULL);
	KUNIT_EXPECT_EQ(test, st.excl.contended, 1ULL);
	KUNIT_EXPECT_GT(test, st.excl.wait_ns, 0ULL);
	KUNIT_EXPECT_EQ(test, st.excl.wait_max_ns, st.excl.wait_ns);
	mutex_destroy(m);
}

static void lockstat_rwlock_read_write(struct kunit *test)
{
	struct ls_holder *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	krwlock_t *rw = kunit_kzalloc(test, sizeof(*rw), GFP_KERNEL);
	struct bsd_lockstat_stats st;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, h);
	KUNIT_ASSERT_NOT_NULL(test, rw);
	netbsd_rw_init(rw, "ls_rw", &ls_key_rw);
	ls_start();
	for (i = 0; i < LS_LOOPS; i++) {
		rw_enter(rw, RW_READER);
		rw_exit(rw);
	}
	for (i = 0; i < 3; i++) {
		rw_enter(rw, RW_WRITER);
		udelay(5);
		rw_exit(rw);
	}
	/* An upgrade is a write acquisition; a downgrade ends the write hold. */
	rw_enter(rw, RW_READER);
	KUNIT_ASSERT_TRUE(test, rw_tryupgrade(rw));
	rw_downgrade(rw);
	rw_exit(rw);

	st = ls_get(test, &ls_key_rw);
	KUNIT_EXPECT_EQ(test, st.kind, BSD_LOCKSTAT_RW_WRITE);
	KUNIT_EXPECT_EQ(test, st.shared.acquired, (u64)LS_LOOPS + 1);
	KUNIT_EXPECT_EQ(test, st.excl.acquired, 4ULL);
	KUNIT_EXPECT_EQ(test, st.shared.contended, 0ULL);
	KUNIT_EXPECT_EQ(test, st.excl.contended, 0ULL);
	KUNIT_EXPECT_GT(test, st.excl.hold_ns, 0ULL);
	KUNIT_EXPECT_EQ(test, st.shared.hold_ns, 0ULL);	/* not measured */

	/* A reader that waits for a writer. */
	bsd_lockstat_clear();
	h->rw = rw;
	h->key = &ls_key_rw;
	h->shared = true;
	ls_holder_start(test, h);
	rw_enter(rw, RW_READER);
	rw_exit(rw);
	wait_for_completion(&h->done);
	KUNIT_EXPECT_TRUE(test, h->saw_contention);
	st = ls_get(test, &ls_key_rw);
	KUNIT_EXPECT_EQ(test, st.shared.acquired, 1ULL);
	KUNIT_EXPECT_EQ(test, st.shared.contended, 1ULL);
	KUNIT_EXPECT_GT(test, st.shared.wait_ns, 0ULL);
	KUNIT_EXPECT_EQ(test, st.excl.acquired, 1ULL);
	KUNIT_EXPECT_EQ(test, st.excl.contended, 0ULL);
	KUNIT_EXPECT_GT(test, st.excl.hold_ns, 0ULL);
	rw_destroy(rw);
}

static noinline void ls_init_site_a(kmutex_t *mtx)
{
	mutex_init(mtx, MUTEX_DEFAULT, IPL_NONE);
}

static noinline void ls_init_site_b(kmutex_t *mtx)
{
	mutex_init(mtx, MUTEX_DEFAULT, IPL_NONE);
}

static void lockstat_class_per_init_site(struct kunit *test)
{
	struct bsd_lockstat_stats st;
	kmutex_t a1, a2, b;

	ls_init_site_a(&a1);
	ls_init_site_a(&a2);
	ls_init_site_b(&b);
	KUNIT_EXPECT_PTR_EQ(test, a1.mtx_ls.ls_key, a2.mtx_ls.ls_key);
	KUNIT_EXPECT_PTR_NE(test, a1.mtx_ls.ls_key, b.mtx_ls.ls_key);
	ls_start();
	mutex_enter(&a1);
	mutex_exit(&a1);
	mutex_enter(&a2);	/* same site, same class */
	mutex_exit(&a2);
	mutex_enter(&b);
	mutex_exit(&b);
	mutex_enter(&b);
	mutex_exit(&b);
	mutex_enter(&b);
	mutex_exit(&b);

	st = ls_get(test, a1.mtx_ls.ls_key);
	KUNIT_EXPECT_EQ(test, st.excl.acquired, 2ULL);
	st = ls_get(test, b.mtx_ls.ls_key);
	KUNIT_EXPECT_EQ(test, st.excl.acquired, 3ULL);
	KUNIT_EXPECT_PTR_EQ(test, a1.mtx_ls.ls_class, a2.mtx_ls.ls_class);
	KUNIT_EXPECT_PTR_NE(test, a1.mtx_ls.ls_class, b.mtx_ls.ls_class);
	mutex_destroy(&a1);
	mutex_destroy(&a2);
	mutex_destroy(&b);
}

/* Whatever a case did, lockstat is off after it. */
static void lockstat_exit(struct kunit *test)
{
	bsd_lockstat_disable();
	bsd_kunit_exit(test);
}

static struct kunit_case netbsd_lockstat_cases[] = {
	KUNIT_CASE(lockstat_uncontended_counts_exactly),
	KUNIT_CASE(lockstat_off_counts_nothing),
	KUNIT_CASE(lockstat_clear_zeroes),
	KUNIT_CASE(lockstat_hold_time),
	KUNIT_CASE(lockstat_contended_adaptive),
	KUNIT_CASE(lockstat_spin_mutex),
	KUNIT_CASE(lockstat_rwlock_read_write),
	KUNIT_CASE(lockstat_class_per_init_site),
	{}
};

static struct kunit_suite netbsd_lockstat_suite = {
	.name = "netbsd_lockstat",
	.init = bsd_kunit_init,
	.exit = lockstat_exit,
	.test_cases = netbsd_lockstat_cases,
};
kunit_test_suite(netbsd_lockstat_suite);
