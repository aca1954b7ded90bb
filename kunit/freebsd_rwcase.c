// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: the rules sx(9) and rwlock(9) share, written once and run by
 * freebsd_sx_test.c and freebsd_rwlock_test.c through their own API
 * (freebsd_rwcase.h). Where the two differ only in what is expected (holders
 * sleep or not, the class's name and flags, an extra call one of them has)
 * the table says which, and the case checks that.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/irqflags.h>
#include <linux/kthread.h>
#include <linux/lockdep.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>

#include <sys/param.h>
#include <sys/lock.h>
#include <sys/proc.h>
#include <bsdcompat/biglock.h>
#include <bsdcompat/lockdebug.h>
#include <bsdcompat/spl.h>
#include <bsdcompat/witness.h>

#include "freebsd_rwcase.h"
#include "kunit_helpers.h"

struct lock_object *rwcase_alloc(struct kunit *test,
				 const struct rwcase_ops *ops)
{
	struct lock_object *lo = kunit_kzalloc(test, ops->size, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, lo);
	return lo;
}

/*
 * Expect one report since @before, "<cls> error: <op>: <what>", naming the
 * lock @name. A macro, so that a failure gives the case's line.
 */
#define EXPECT_OP_REPORT(test, ops, before, op, what, name)		\
do {									\
	char __msg[128], __lock[64];					\
									\
	snprintf(__msg, sizeof(__msg), "%s error: %s: %s", (ops)->cls,	\
		 (op), (what));						\
	snprintf(__lock, sizeof(__lock), "lock \"%s\"", (name));	\
	EXPECT_REPORT(test, before, __msg, __lock);			\
} while (0)

/* ---------------------------------------------------------------------- */
/* Other threads                                                           */

static int locker_fn(void *arg)
{
	struct rwcase_locker *l = arg;
	const struct rwcase_ops *ops = l->ops;

	allow_signal(SIGUSR1);
	complete(&l->started);
	switch (l->how) {
	case RWCASE_S:
		ops->slock(l->lo);
		break;
	case RWCASE_X:
		ops->xlock(l->lo);
		break;
	case RWCASE_S_SIG:
		l->ret = ops->slock_sig(l->lo);
		break;
	case RWCASE_X_SIG:
		l->ret = ops->xlock_sig(l->lo);
		break;
	}
	if (l->ret) {
		complete(&l->held);
		complete(&l->done);
		return 0;
	}
	WRITE_ONCE(l->inside, true);
	complete(&l->held);
	wait_for_completion(&l->release);
	if (l->take_biglock) {
		/* Only possible if the thread waiting for the lock gave it up. */
		bsd_kernel_lock(1, _THIS_IP_);
		l->bigtaken = true;
		bsd_kernel_unlock(1, NULL, _THIS_IP_);
	}
	ops->unlock(l->lo);
	complete(&l->done);
	return 0;
}

void rwcase_locker_run(struct kunit *test, struct rwcase_locker *l,
		       const struct rwcase_ops *ops, struct lock_object *lo,
		       enum rwcase_how how)
{
	l->ops = ops;
	l->lo = lo;
	l->how = how;
	l->ret = 0;
	l->inside = false;
	init_completion(&l->started);
	init_completion(&l->held);
	init_completion(&l->release);
	init_completion(&l->done);
	l->task = kthread_run(locker_fn, l, "%s-locker", ops->tname);
	KUNIT_ASSERT_FALSE(test, IS_ERR(l->task));
	get_task_struct(l->task);
	wait_for_completion(&l->started);
}

void rwcase_locker_hold(struct kunit *test, struct rwcase_locker *l,
			const struct rwcase_ops *ops, struct lock_object *lo,
			enum rwcase_how how)
{
	rwcase_locker_run(test, l, ops, lo, how);
	wait_for_completion(&l->held);
}

/* Blocked means no longer running. A liveness bound, not a timing check. */
void rwcase_locker_wait_blocked(struct kunit *test, struct rwcase_locker *l)
{
	int i;

	for (i = 0; i < 20000 && task_is_running(l->task); i++)
		usleep_range(50, 100);
	KUNIT_EXPECT_FALSE(test, task_is_running(l->task));
}

void rwcase_locker_stop(struct kunit *test, struct rwcase_locker *l)
{
	complete(&l->release);
	if (!wait_for_completion_timeout(&l->done, 20 * HZ))
		KUNIT_FAIL(test, "a thread waiting for the %s was never woken",
			   l->ops->cls);
	else
		put_task_struct(l->task);
}

struct try_thread {
	const struct rwcase_ops	*ops;
	struct lock_object	*lo;
	bool			excl;
	int			got;
	struct completion	done;
};

static int try_fn(void *arg)
{
	struct try_thread *tt = arg;

	tt->got = tt->excl ? tt->ops->try_xlock(tt->lo) :
			     tt->ops->try_slock(tt->lo);
	if (tt->got)
		tt->ops->unlock(tt->lo);
	complete(&tt->done);
	return 0;
}

int rwcase_try_in_thread(struct kunit *test, const struct rwcase_ops *ops,
			 struct lock_object *lo, bool excl)
{
	struct try_thread tt = { .ops = ops, .lo = lo, .excl = excl };

	init_completion(&tt.done);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(try_fn, &tt, "%s-try",
						    ops->tname)));
	wait_for_completion(&tt.done);
	return tt.got;
}

/* ---------------------------------------------------------------------- */
/* Semantics                                                               */

/*
 * Writers and readers in a loop; in every section the write flag and the
 * reader count are checked. Holders of a sleepable lock sleep inside, the
 * others spin, as they must not sleep.
 */
#define EXCL_WRITERS	3
#define EXCL_READERS	3
#define EXCL_LOOPS	60

struct excl {
	const struct rwcase_ops	*ops;
	struct lock_object	*lo;
	bool			wheld;
	atomic_t		readers;
	atomic_t		bad;
	atomic_long_t		sections;
	unsigned long		counter;
};

static void excl_inside(const struct excl *e)
{
	if (e->ops->sleepable)
		usleep_range(10, 40);
	else
		udelay(20);
}

static void excl_writer(struct excl *e)
{
	unsigned long v;
	int i;

	for (i = 0; i < EXCL_LOOPS; i++) {
		e->ops->xlock(e->lo);
		if (READ_ONCE(e->wheld) || atomic_read(&e->readers))
			atomic_inc(&e->bad);
		WRITE_ONCE(e->wheld, true);
		v = e->counter;
		excl_inside(e);
		e->counter = v + 1;
		if (atomic_read(&e->readers))
			atomic_inc(&e->bad);
		WRITE_ONCE(e->wheld, false);
		atomic_long_inc(&e->sections);
		e->ops->xunlock(e->lo);
		usleep_range(20, 60);
	}
}

static void excl_reader(struct excl *e)
{
	int i;

	for (i = 0; i < EXCL_LOOPS * 2; i++) {
		e->ops->slock(e->lo);
		atomic_inc(&e->readers);
		if (READ_ONCE(e->wheld))
			atomic_inc(&e->bad);
		excl_inside(e);
		if (READ_ONCE(e->wheld))
			atomic_inc(&e->bad);
		atomic_dec(&e->readers);
		atomic_long_inc(&e->sections);
		e->ops->sunlock(e->lo);
		usleep_range(10, 40);
	}
}

static void excl_fn(void *arg, unsigned int i)
{
	if (i < EXCL_WRITERS)
		excl_writer(arg);
	else
		excl_reader(arg);
}

void rwcase_exclusion_under_contention(struct kunit *test,
				       const struct rwcase_ops *ops)
{
	struct excl *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);
	char name[16];

	KUNIT_ASSERT_NOT_NULL(test, e);
	e->ops = ops;
	e->lo = rwcase_alloc(test, ops);
	rwcase_init(ops, e->lo, "excl", 0);
	snprintf(name, sizeof(name), "%s-excl", ops->tname);
	bsd_kunit_run_threads(test, EXCL_WRITERS + EXCL_READERS, excl_fn, e,
			      name, false);
	KUNIT_EXPECT_EQ(test, atomic_read(&e->bad), 0);
	KUNIT_EXPECT_EQ(test, e->counter, (unsigned long)EXCL_WRITERS * EXCL_LOOPS);
	kunit_info(test, "%ld sections\n", atomic_long_read(&e->sections));
	ops->destroy(e->lo);
}

void rwcase_try_forms(struct kunit *test, const struct rwcase_ops *ops)
{
	struct lock_object *lo = rwcase_alloc(test, ops);

	rwcase_init(ops, lo, "try", 0);
	KUNIT_EXPECT_NE(test, ops->try_xlock(lo), 0);
	KUNIT_EXPECT_TRUE(test, ops->xlocked(lo));
	if (ops->xholder)
		KUNIT_EXPECT_PTR_EQ(test, ops->xholder(lo), curthread);
	KUNIT_EXPECT_EQ(test, rwcase_try_in_thread(test, ops, lo, false), 0);
	KUNIT_EXPECT_EQ(test, rwcase_try_in_thread(test, ops, lo, true), 0);
	/* Not *_RECURSE: the owner's try fails, quietly. */
	KUNIT_EXPECT_EQ(test, ops->try_xlock(lo), 0);
	KUNIT_EXPECT_EQ(test, ops->try_slock(lo), 0);
	ops->xunlock(lo);
	if (ops->xholder)
		KUNIT_EXPECT_PTR_EQ(test, ops->xholder(lo), NULL);

	KUNIT_EXPECT_NE(test, ops->try_slock(lo), 0);
	ops->assert(lo, LA_SLOCKED);
	KUNIT_EXPECT_FALSE(test, ops->xlocked(lo));
	KUNIT_EXPECT_NE(test, rwcase_try_in_thread(test, ops, lo, false), 0);
	KUNIT_EXPECT_EQ(test, rwcase_try_in_thread(test, ops, lo, true), 0);
	ops->sunlock(lo);
	KUNIT_EXPECT_NE(test, rwcase_try_in_thread(test, ops, lo, true), 0);
	ops->destroy(lo);
}

void rwcase_try_upgrade_sole_and_shared(struct kunit *test,
					const struct rwcase_ops *ops)
{
	struct lock_object *lo = rwcase_alloc(test, ops);
	struct rwcase_locker l = {};

	rwcase_init(ops, lo, "upgrade", 0);
	ops->slock(lo);
	KUNIT_EXPECT_NE(test, ops->try_upgrade(lo), 0);
	ops->assert(lo, LA_XLOCKED | LA_NOTRECURSED);
	KUNIT_EXPECT_EQ(test, rwcase_try_in_thread(test, ops, lo, false), 0);
	ops->xunlock(lo);

	/* Another shared holder: the upgrade fails, the hold is kept. */
	rwcase_locker_hold(test, &l, ops, lo, RWCASE_S);
	ops->slock(lo);
	KUNIT_EXPECT_EQ(test, ops->try_upgrade(lo), 0);
	ops->assert(lo, LA_SLOCKED);
	KUNIT_EXPECT_FALSE(test, ops->xlocked(lo));
	rwcase_locker_stop(test, &l);
	KUNIT_EXPECT_NE(test, ops->try_upgrade(lo), 0);
	ops->xunlock(lo);
	ops->destroy(lo);
}

/* Downgrade is atomic and lets a waiting shared locker in. */
void rwcase_downgrade_atomic(struct kunit *test, const struct rwcase_ops *ops)
{
	struct lock_object *lo = rwcase_alloc(test, ops);
	struct rwcase_locker l = {};

	rwcase_init(ops, lo, "downgrade", 0);
	ops->xlock(lo);
	rwcase_locker_run(test, &l, ops, lo, RWCASE_S);
	rwcase_locker_wait_blocked(test, &l);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(l.inside));
	ops->downgrade(lo);
	/* Still held (shared), and the waiter gets in beside us. */
	ops->assert(lo, LA_SLOCKED);
	wait_for_completion(&l.held);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(l.inside));
	KUNIT_EXPECT_EQ(test, rwcase_try_in_thread(test, ops, lo, true), 0);
	rwcase_locker_stop(test, &l);
	ops->sunlock(lo);
	KUNIT_EXPECT_NE(test, rwcase_try_in_thread(test, ops, lo, true), 0);
	ops->destroy(lo);
}

void rwcase_exclusive_recursion(struct kunit *test,
				const struct rwcase_ops *ops)
{
	struct lock_object *lo = rwcase_alloc(test, ops);

	rwcase_init(ops, lo, "recurse", FREEBSD_LO_RECURSE);
	ops->xlock(lo);
	ops->assert(lo, LA_XLOCKED | LA_NOTRECURSED);
	ops->xlock(lo);
	KUNIT_EXPECT_NE(test, ops->try_xlock(lo), 0);
	ops->assert(lo, LA_XLOCKED | LA_RECURSED);
	ops->xunlock(lo);
	ops->xunlock(lo);
	ops->assert(lo, LA_XLOCKED | LA_NOTRECURSED);
	KUNIT_EXPECT_EQ(test, rwcase_try_in_thread(test, ops, lo, true), 0);
	ops->unlock(lo);
	ops->assert(lo, LA_UNLOCKED);
	KUNIT_EXPECT_NE(test, rwcase_try_in_thread(test, ops, lo, true), 0);
	ops->destroy(lo);
}

/*
 * A shared holder takes the lock shared again while a writer waits: it
 * passes the writer instead of deadlocking behind it.
 */
void rwcase_shared_recursion_passes_waiting_writer(struct kunit *test,
						   const struct rwcase_ops *ops)
{
	struct lock_object *lo = rwcase_alloc(test, ops);
	struct rwcase_locker w = {};

	rwcase_init(ops, lo, "pass", 0);
	ops->slock(lo);
	rwcase_locker_run(test, &w, ops, lo, RWCASE_X);
	rwcase_locker_wait_blocked(test, &w);
	ops->slock(lo);			/* would deadlock without passing */
	KUNIT_EXPECT_NE(test, ops->try_slock(lo), 0);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(w.inside));
	ops->sunlock(lo);
	ops->sunlock(lo);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(w.inside));
	ops->sunlock(lo);
	wait_for_completion(&w.held);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(w.inside));
	rwcase_locker_stop(test, &w);
	ops->destroy(lo);
}

/*
 * Free right after unlock (spl#421 in FreeBSD clothes): each lock's last
 * user frees it right after its own unlock, while others may be in theirs.
 * Each lock is an allocation of its own, so KASAN and slab poisoning catch
 * an unlock that touches it late.
 */
#define FREE_THREADS	4
#define FREE_OBJECTS	128

struct free_test {
	const struct rwcase_ops	*ops;
	struct lock_object	*objs[FREE_OBJECTS];
	atomic_t		refs[FREE_OBJECTS];
	atomic_t		freed;
};

static void free_fn(void *arg, unsigned int unused)
{
	struct free_test *ft = arg;
	const struct rwcase_ops *ops = ft->ops;
	int i;

	for (i = 0; i < FREE_OBJECTS; i++) {
		struct lock_object *lo = ft->objs[i];
		bool shared = i & 1, last;

		if (shared)
			ops->slock(lo);
		else
			ops->xlock(lo);
		last = atomic_dec_and_test(&ft->refs[i]);
		if (!last)
			udelay(10);
		ops->unlock(lo);
		if (!last)
			continue;
		if (shared) {	/* the other readers may be in their unlock */
			ops->xlock(lo);
			ops->xunlock(lo);
		}
		ops->destroy(lo);
		kfree(lo);
		atomic_inc(&ft->freed);
	}
}

void rwcase_free_after_unlock(struct kunit *test, const struct rwcase_ops *ops)
{
	struct free_test *ft = kunit_kzalloc(test, sizeof(*ft), GFP_KERNEL);
	char name[16];
	int i;

	KUNIT_ASSERT_NOT_NULL(test, ft);
	ft->ops = ops;
	/* Not kunit memory: the threads free the locks themselves. */
	for (i = 0; i < FREE_OBJECTS; i++) {
		ft->objs[i] = kzalloc(ops->size, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, ft->objs[i]);
		rwcase_init(ops, ft->objs[i], "fobj", 0);
		atomic_set(&ft->refs[i], FREE_THREADS);
	}
	snprintf(name, sizeof(name), "%s-free", ops->tname);
	bsd_kunit_run_threads(test, FREE_THREADS, free_fn, ft, name, false);
	KUNIT_EXPECT_EQ(test, atomic_read(&ft->freed), FREE_OBJECTS);
}

/*
 * Waiting at a raised IPL with the big lock held: both are given up (the
 * holder takes the big lock meanwhile) and come back.
 */
void rwcase_wait_gives_up_ipl_and_biglock(struct kunit *test,
					  const struct rwcase_ops *ops)
{
	static const int ipls[] = { BSD_IPL_SOFTNET, BSD_IPL_VM };
	struct lock_object *lo = rwcase_alloc(test, ops);
	struct rwcase_locker h = { .take_biglock = true };
	int i, excl, s;

	rwcase_init(ops, lo, "ipl", 0);
	for (i = 0; i < ARRAY_SIZE(ipls); i++) {
		for (excl = 0; excl < 2; excl++) {
			h.bigtaken = false;
			rwcase_locker_hold(test, &h, ops, lo, RWCASE_X);
			bsd_kernel_lock(1, _THIS_IP_);
			s = bsd_splraise(ipls[i]);
			complete(&h.release);
			if (excl)
				ops->xlock(lo);
			else
				ops->slock(lo);
			KUNIT_EXPECT_TRUE(test, READ_ONCE(h.bigtaken));
			KUNIT_EXPECT_EQ(test, bsd_curipl(), ipls[i]);
			KUNIT_EXPECT_EQ(test, !!irqs_disabled(),
					ipls[i] >= BSD_IPL_VM);
			KUNIT_EXPECT_EQ(test, bsd_kernel_lock_depth(), 1);
			ops->unlock(lo);
			bsd_splx(s);
			bsd_kernel_unlock(1, NULL, _THIS_IP_);
			KUNIT_EXPECT_EQ(test, bsd_curipl(), BSD_IPL_NONE);
			wait_for_completion(&h.done);
			put_task_struct(h.task);
		}
	}
	ops->destroy(lo);
}

/*
 * lc_unlock() gives the whole hold up; lc_lock() takes it back alike. The
 * class is named after the lock, and is sleepable if its holders may sleep.
 */
void rwcase_lock_class_round_trip(struct kunit *test,
				  const struct rwcase_ops *ops)
{
	const struct lock_class *lc = ops->lc;
	struct lock_object *lo = rwcase_alloc(test, ops);
	uintptr_t how;

	rwcase_init(ops, lo, "lc", FREEBSD_LO_RECURSE);
	KUNIT_EXPECT_PTR_EQ(test, LOCK_CLASS(lo), lc);
	KUNIT_EXPECT_STREQ(test, lc->lc_name, ops->cls);
	KUNIT_EXPECT_EQ(test, !!(lc->lc_flags & LC_SLEEPABLE), ops->sleepable);
	KUNIT_EXPECT_FALSE(test, lc->lc_owned(lo));

	ops->xlock(lo);
	ops->xlock(lo);
	KUNIT_EXPECT_TRUE(test, lc->lc_owned(lo));
	how = lc->lc_unlock(lo);
	KUNIT_EXPECT_FALSE(test, lc->lc_owned(lo));
	KUNIT_EXPECT_NE(test, rwcase_try_in_thread(test, ops, lo, true), 0);
	lc->lc_lock(lo, how);
	ops->assert(lo, LA_XLOCKED | LA_RECURSED);
	ops->xunlock(lo);
	ops->assert(lo, LA_XLOCKED | LA_NOTRECURSED);
	ops->xunlock(lo);

	ops->slock(lo);
	how = lc->lc_unlock(lo);
	KUNIT_EXPECT_NE(test, rwcase_try_in_thread(test, ops, lo, true), 0);
	lc->lc_lock(lo, how);
	ops->assert(lo, LA_SLOCKED);
	KUNIT_EXPECT_EQ(test, rwcase_try_in_thread(test, ops, lo, true), 0);
	ops->sunlock(lo);
	ops->assert(lo, LA_UNLOCKED);
	ops->destroy(lo);
}

/*
 * WITNESS counts the holds, exclusive or shared, as sleepable ones for sx
 * and as non-sleepable ones for rw, and the sleep code's question follows:
 * a thread that holds an rw lock may not sleep, and that is reported,
 * unless the lock is the interlock the sleep gives up.
 */
void rwcase_witness(struct kunit *test, const struct rwcase_ops *ops)
{
	struct lock_object *lo = rwcase_alloc(test, ops);
	struct lock_object *nw = rwcase_alloc(test, ops);
	bool sl = ops->sleepable;
	unsigned int same, other;	/* held of the lock's kind, and not */
	unsigned long n;

	rwcase_init(ops, lo, "witness", 0);
	rwcase_init(ops, nw, "nowitness", FREEBSD_LO_NOWITNESS);
	same = bsd_witness_held(sl);
	other = bsd_witness_held(!sl);
	ops->xlock(lo);
	if (bsd_witness_held(sl) + bsd_witness_held(!sl) == same + other) {
		ops->xunlock(lo);
		kunit_skip(test, "witness is off");
	}
	KUNIT_EXPECT_EQ(test, bsd_witness_held(sl), same + 1);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(!sl), other);
	ops->slock(nw);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(sl), same + 1);
	ops->sunlock(nw);
	ops->downgrade(lo);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(sl), same + 1);

	/* What the sleep code asks before sleeping, with the lock held. */
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, bsd_witness_may_sleep("Sleep", "test", &n, "w",
						    NULL, _THIS_IP_), sl);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + !sl);
	KUNIT_EXPECT_TRUE(test, bsd_witness_may_sleep("Sleep", "test", &n, "w",
						      lo, _THIS_IP_));
	ops->sunlock(lo);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(sl), same);
	KUNIT_EXPECT_TRUE(test, bsd_witness_may_sleep("Sleep", "test", lo, "w",
						      NULL, _THIS_IP_));
	ops->destroy(lo);
	ops->destroy(nw);
}

/* One lockdep class per init call site, named after the lock. */
void rwcase_lockdep_class_per_site(struct kunit *test,
				   const struct rwcase_ops *ops)
{
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	struct lock_object *a1 = rwcase_alloc(test, ops);
	struct lock_object *a2 = rwcase_alloc(test, ops);
	struct lock_object *b = rwcase_alloc(test, ops);
	struct lockdep_map *a1map = &ops->core(a1)->rc_dep_map;

	ops->init_site_a(a1, "site_a");
	ops->init_site_a(a2, "site_a");
	ops->init_site_b(b, "site_b");
	KUNIT_EXPECT_PTR_EQ(test, a1map->key, ops->core(a2)->rc_dep_map.key);
	KUNIT_EXPECT_PTR_NE(test, a1map->key, ops->core(b)->rc_dep_map.key);
	KUNIT_EXPECT_STREQ(test, ops->core(b)->rc_dep_map.name, "site_b");
	ops->xlock(a1);
	ops->slock(b);
	KUNIT_EXPECT_TRUE(test, lock_is_held(a1map));
	KUNIT_EXPECT_TRUE(test, lock_is_held(&ops->core(b)->rc_dep_map));
	ops->sunlock(b);
	ops->xunlock(a1);
	KUNIT_EXPECT_FALSE(test, lock_is_held(a1map));
	ops->destroy(a1);
	ops->destroy(a2);
	ops->destroy(b);
#else
	kunit_skip(test, "lockdep is not configured");
#endif
}

/* ---------------------------------------------------------------------- */
/* Misuse: one report each, naming the lock, the operation and the caller   */

void rwcase_misuse_unlock_not_held(struct kunit *test,
				   const struct rwcase_ops *ops)
{
	struct lock_object *lo = rwcase_alloc(test, ops);
	unsigned long n;

	rwcase_init(ops, lo, "mu", 0);
	n = bsd_lockdebug_count();
	ops->sunlock(lo);
	EXPECT_OP_REPORT(test, ops, n, ops->op.sunlock, "not locked", "mu");
	n = bsd_lockdebug_count();
	ops->xunlock(lo);
	EXPECT_OP_REPORT(test, ops, n, ops->op.xunlock, "not locked", "mu");
	KUNIT_EXPECT_NE(test, rwcase_try_in_thread(test, ops, lo, true), 0);
	ops->destroy(lo);
}

void rwcase_misuse_unlock_by_non_owner(struct kunit *test,
				       const struct rwcase_ops *ops)
{
	static const char not_ours[] =
		"not exclusively locked by the current thread";
	struct lock_object *lo = rwcase_alloc(test, ops);
	struct rwcase_locker l = {};
	unsigned long n;

	rwcase_init(ops, lo, "mu", 0);
	rwcase_locker_hold(test, &l, ops, lo, RWCASE_X);
	n = bsd_lockdebug_count();
	ops->xunlock(lo);
	EXPECT_OP_REPORT(test, ops, n, ops->op.xunlock, not_ours, "mu");
	/* Refused: still the holder's. */
	KUNIT_EXPECT_EQ(test, rwcase_try_in_thread(test, ops, lo, false), 0);
	n = bsd_lockdebug_count();
	ops->sunlock(lo);
	EXPECT_OP_REPORT(test, ops, n, ops->op.sunlock, "not share locked", "mu");
	rwcase_locker_stop(test, &l);

	/* A shared hold released as exclusive, and the other way round. */
	ops->slock(lo);
	n = bsd_lockdebug_count();
	ops->xunlock(lo);
	EXPECT_OP_REPORT(test, ops, n, ops->op.xunlock, not_ours, "mu");
	ops->sunlock(lo);
	ops->xlock(lo);
	n = bsd_lockdebug_count();
	ops->sunlock(lo);
	EXPECT_OP_REPORT(test, ops, n, ops->op.sunlock,
		      "shared unlock of an exclusive hold", "mu");
	ops->xunlock(lo);
	ops->destroy(lo);
}

void rwcase_misuse_recursion(struct kunit *test, const struct rwcase_ops *ops)
{
	static const char recursed[] = "recursed on non-recursive lock";
	struct lock_object *lo = rwcase_alloc(test, ops);
	unsigned long n;

	rwcase_init(ops, lo, "mr", 0);
	ops->xlock(lo);
	n = bsd_lockdebug_count();
	ops->xlock(lo);
	EXPECT_OP_REPORT(test, ops, n, ops->op.xlock, recursed, "mr");
	n = bsd_lockdebug_count();
	ops->slock(lo);
	EXPECT_OP_REPORT(test, ops, n, ops->op.slock,
		      "shared lock requested by its exclusive holder", "mr");
	if (ops->xlock_sig) {
		n = bsd_lockdebug_count();
		KUNIT_EXPECT_EQ(test, ops->xlock_sig(lo), EDEADLK);
		EXPECT_OP_REPORT(test, ops, n, ops->op.xlock_sig, recursed, "mr");
	}
	/* Refused: one release frees it. */
	ops->assert(lo, LA_XLOCKED | LA_NOTRECURSED);
	ops->xunlock(lo);
	KUNIT_EXPECT_NE(test, rwcase_try_in_thread(test, ops, lo, true), 0);
	ops->destroy(lo);
}

void rwcase_misuse_destroy_held(struct kunit *test,
				const struct rwcase_ops *ops)
{
	struct lock_object *lo = rwcase_alloc(test, ops);
	unsigned long n;

	rwcase_init(ops, lo, "md", 0);
	ops->slock(lo);
	n = bsd_lockdebug_count();
	ops->destroy(lo);
	EXPECT_OP_REPORT(test, ops, n, ops->op.destroy,
		      "destroying a lock that is held", "md");
	ops->sunlock(lo);	/* refused: still usable */
	ops->destroy(lo);
}

void rwcase_misuse_uninitialized_destroyed_double_init(struct kunit *test,
						       const struct rwcase_ops *ops)
{
	struct lock_object *lo = rwcase_alloc(test, ops);
	unsigned long n;

	n = bsd_lockdebug_count();
	ops->xlock(lo);
	EXPECT_OP_REPORT(test, ops, n, ops->op.xlock, "uninitialized lock", "");

	rwcase_init(ops, lo, "mi", 0);
	n = bsd_lockdebug_count();
	rwcase_init(ops, lo, "mi", 0);
	EXPECT_OP_REPORT(test, ops, n, ops->op.init, "already initialized", "mi");
	n = bsd_lockdebug_count();
	rwcase_init(ops, lo, "mi", FREEBSD_LO_NEW);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n);

	ops->destroy(lo);
	n = bsd_lockdebug_count();
	ops->slock(lo);
	EXPECT_OP_REPORT(test, ops, n, ops->op.slock, "use of destroyed lock",
		      "mi");
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, ops->try_xlock(lo), 0);
	EXPECT_OP_REPORT(test, ops, n, ops->op.try_xlock, "use of destroyed lock",
		      "mi");
}

void rwcase_misuse_assert(struct kunit *test, const struct rwcase_ops *ops)
{
	struct lock_object *lo = rwcase_alloc(test, ops);
	const char *op = ops->op.assert;
	char file[256];
	unsigned long n;

	rwcase_init(ops, lo, "ma", FREEBSD_LO_RECURSE);
	n = bsd_lockdebug_count();
	ops->assert(lo, LA_XLOCKED);
	EXPECT_OP_REPORT(test, ops, n, op, "not exclusively locked @ ", "ma");
	/* The file:line is that of the assert macro's caller. */
	snprintf(file, sizeof(file), "%s:", ops->assert_file);
	EXPECT_REPORT(test, n, file, "lock \"ma\"");
	n = bsd_lockdebug_count();
	ops->assert(lo, LA_LOCKED);
	EXPECT_OP_REPORT(test, ops, n, op, "not locked @ ", "ma");
	n = bsd_lockdebug_count();
	ops->assert(lo, LA_SLOCKED);
	EXPECT_OP_REPORT(test, ops, n, op, "not share locked @ ", "ma");
	ops->xlock(lo);
	n = bsd_lockdebug_count();
	ops->assert(lo, LA_UNLOCKED);
	EXPECT_OP_REPORT(test, ops, n, op, "exclusively locked @ ", "ma");
	n = bsd_lockdebug_count();
	ops->assert(lo, LA_XLOCKED | LA_RECURSED);
	EXPECT_OP_REPORT(test, ops, n, op, "not recursed @ ", "ma");
	ops->xlock(lo);
	n = bsd_lockdebug_count();
	ops->assert(lo, LA_XLOCKED | LA_NOTRECURSED);
	EXPECT_OP_REPORT(test, ops, n, op, "recursed @ ", "ma");
	ops->xunlock(lo);
	ops->xunlock(lo);
	ops->destroy(lo);
}

void rwcase_misuse_upgrade_downgrade(struct kunit *test,
				     const struct rwcase_ops *ops)
{
	struct lock_object *lo = rwcase_alloc(test, ops);
	unsigned long n;

	rwcase_init(ops, lo, "mg", FREEBSD_LO_RECURSE);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, ops->try_upgrade(lo), 0);
	EXPECT_OP_REPORT(test, ops, n, ops->op.try_upgrade, "not share locked",
		      "mg");
	n = bsd_lockdebug_count();
	ops->downgrade(lo);
	EXPECT_OP_REPORT(test, ops, n, ops->op.downgrade,
		      "not exclusively locked by the current thread", "mg");
	ops->xlock(lo);
	ops->xlock(lo);
	n = bsd_lockdebug_count();
	ops->downgrade(lo);
	EXPECT_OP_REPORT(test, ops, n, ops->op.downgrade,
		      "downgrade of a recursed lock", "mg");
	ops->xunlock(lo);
	ops->xunlock(lo);
	ops->destroy(lo);
}

struct irq_case {
	const struct rwcase_ops	*ops;
	struct lock_object	*lo;
	struct hrtimer		timer;
	struct completion	done;
	bool			held;
};

static enum hrtimer_restart irq_case_timer(struct hrtimer *t)
{
	struct irq_case *ie = container_of(t, struct irq_case, timer);

	ie->ops->xlock(ie->lo);
	ie->held = ie->ops->xlocked(ie->lo);
	ie->ops->xunlock(ie->lo);
	complete(&ie->done);
	return HRTIMER_NORESTART;
}

void rwcase_misuse_from_interrupt(struct kunit *test,
				  const struct rwcase_ops *ops)
{
	struct irq_case *ie = kunit_kzalloc(test, sizeof(*ie), GFP_KERNEL);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, ie);
	ie->ops = ops;
	ie->lo = rwcase_alloc(test, ops);
	rwcase_init(ops, ie->lo, "mirq", 0);
	init_completion(&ie->done);
	hrtimer_init(&ie->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	ie->timer.function = irq_case_timer;
	n = bsd_lockdebug_count();
	hrtimer_start(&ie->timer, ns_to_ktime(NSEC_PER_MSEC),
		      HRTIMER_MODE_REL_HARD);
	wait_for_completion(&ie->done);
	EXPECT_OP_REPORT(test, ops, n, ops->op.xlock,
		      "acquiring a blocking lock from interrupt context",
		      "mirq");
	KUNIT_EXPECT_TRUE(test, ie->held);
	KUNIT_EXPECT_NE(test, rwcase_try_in_thread(test, ops, ie->lo, true), 0);
	ops->destroy(ie->lo);
}
