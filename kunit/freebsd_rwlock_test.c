// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: FreeBSD rwlock(9). Each case checks one rule of <sys/rwlock.h>:
 * readers together, exclusion under contention (holders do not sleep),
 * try forms, upgrade and downgrade, write recursion, a reader that holds
 * a read lock passing a waiting writer (the recursive-read deadlock), free
 * right after unlock, the IPL and big lock given up while waiting, the
 * lock class methods, WITNESS (rw is not sleepable) and lockdep,
 * RW_SYSINIT, and every misuse report.
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
#include <sys/rwlock.h>
#include <sys/proc.h>
#include <bsdcompat/biglock.h>
#include <bsdcompat/lockdebug.h>
#include <bsdcompat/spl.h>
#include <bsdcompat/witness.h>

#include "kunit_helpers.h"

#define RW_ERR	"rw error: "

/* ---------------------------------------------------------------------- */
/* Other threads                                                           */

enum lk_op { LK_S, LK_X };

struct locker {
	struct rwlock		*rw;
	enum lk_op		op;
	int			ret;		/* of the _sig forms */
	bool			inside;
	bool			bigtaken;	/* took the big lock while held */
	bool			take_biglock;	/* ... before releasing */
	struct task_struct	*task;
	struct completion	started;	/* signals allowed */
	struct completion	held;
	struct completion	release;
	struct completion	done;
};

static int locker_fn(void *arg)
{
	struct locker *l = arg;

	allow_signal(SIGUSR1);
	complete(&l->started);
	switch (l->op) {
	case LK_S:
		rw_rlock(l->rw);
		break;
	case LK_X:
		rw_wlock(l->rw);
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
		/* Only possible if the thread waiting for rw gave it up. */
		bsd_kernel_lock(1, _THIS_IP_);
		l->bigtaken = true;
		bsd_kernel_unlock(1, NULL, _THIS_IP_);
	}
	rw_unlock(l->rw);
	complete(&l->done);
	return 0;
}

static void locker_run(struct kunit *test, struct locker *l, struct rwlock *rw,
		       enum lk_op op)
{
	l->rw = rw;
	l->op = op;
	l->ret = 0;
	l->inside = false;
	init_completion(&l->started);
	init_completion(&l->held);
	init_completion(&l->release);
	init_completion(&l->done);
	l->task = kthread_run(locker_fn, l, "frw-locker");
	KUNIT_ASSERT_FALSE(test, IS_ERR(l->task));
	get_task_struct(l->task);
	wait_for_completion(&l->started);
}

/* Start a thread that holds @rw as @op; return once it does. */
static void locker_hold(struct kunit *test, struct locker *l, struct rwlock *rw,
			enum lk_op op)
{
	locker_run(test, l, rw, op);
	wait_for_completion(&l->held);
}

/*
 * Wait until a started locker is blocked (no longer running: in the lock's
 * wait). A liveness bound, not a timing check.
 */
static void locker_wait_blocked(struct kunit *test, struct locker *l)
{
	int i;

	for (i = 0; i < 20000 && task_is_running(l->task); i++)
		usleep_range(50, 100);
	KUNIT_EXPECT_FALSE(test, task_is_running(l->task));
}

static void locker_stop(struct kunit *test, struct locker *l)
{
	complete(&l->release);
	if (!wait_for_completion_timeout(&l->done, 20 * HZ))
		KUNIT_FAIL(test, "a thread waiting for the rw was never woken");
	else
		put_task_struct(l->task);
}

struct try_thread {
	struct rwlock		*rw;
	bool			excl;
	int			got;
	struct completion	done;
};

static int try_fn(void *arg)
{
	struct try_thread *tt = arg;

	tt->got = tt->excl ? rw_try_wlock(tt->rw) : rw_try_rlock(tt->rw);
	if (tt->got)
		rw_unlock(tt->rw);
	complete(&tt->done);
	return 0;
}

/* A try by another thread, which lets go at once if it got the lock. */
static int try_in_thread(struct kunit *test, struct rwlock *rw, bool excl)
{
	struct try_thread tt = { .rw = rw, .excl = excl };

	init_completion(&tt.done);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(try_fn, &tt, "frw-try")));
	wait_for_completion(&tt.done);
	return tt.got;
}

/* ---------------------------------------------------------------------- */
/* Semantics                                                               */

/* Readers hold the lock together; a writer waits for both. */
static void rw_readers_together(struct kunit *test)
{
	struct locker l;
	struct rwlock rw;

	rw_init(&rw, "together");
	rw_rlock(&rw);
	locker_hold(test, &l, &rw, LK_S);	/* gets in beside us */
	KUNIT_EXPECT_TRUE(test, READ_ONCE(l.inside));
	rw_assert(&rw, RA_RLOCKED);
	KUNIT_EXPECT_NE(test, rw_try_rlock(&rw), 0);
	rw_runlock(&rw);
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &rw, true), 0);
	locker_stop(test, &l);
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &rw, true), 0);
	rw_runlock(&rw);
	KUNIT_EXPECT_NE(test, try_in_thread(test, &rw, true), 0);
	KUNIT_EXPECT_NE(test, rw_initialized(&rw), 0);
	rw_destroy(&rw);
	KUNIT_EXPECT_EQ(test, rw_initialized(&rw), 0);
}

/*
 * Writers and readers in a loop; in every section the write flag and the
 * reader count are checked. Holders do not sleep.
 */
#define EXCL_WRITERS	3
#define EXCL_READERS	3
#define EXCL_LOOPS	60

struct excl {
	struct rwlock		rw;
	bool			wheld;
	atomic_t		readers;
	atomic_t		bad;
	atomic_t		running;
	atomic_long_t		sections;
	unsigned long		counter;
	struct completion	start;
	struct completion	done;
};

static int excl_writer_fn(void *arg)
{
	struct excl *e = arg;
	unsigned long v;
	int i;

	wait_for_completion(&e->start);
	for (i = 0; i < EXCL_LOOPS; i++) {
		rw_wlock(&e->rw);
		if (READ_ONCE(e->wheld) || atomic_read(&e->readers))
			atomic_inc(&e->bad);
		WRITE_ONCE(e->wheld, true);
		v = e->counter;
		udelay(20);
		e->counter = v + 1;
		if (atomic_read(&e->readers))
			atomic_inc(&e->bad);
		WRITE_ONCE(e->wheld, false);
		atomic_long_inc(&e->sections);
		rw_wunlock(&e->rw);
		usleep_range(20, 60);
	}
	if (atomic_dec_and_test(&e->running))
		complete(&e->done);
	return 0;
}

static int excl_reader_fn(void *arg)
{
	struct excl *e = arg;
	int i;

	wait_for_completion(&e->start);
	for (i = 0; i < EXCL_LOOPS * 2; i++) {
		rw_rlock(&e->rw);
		atomic_inc(&e->readers);
		if (READ_ONCE(e->wheld))
			atomic_inc(&e->bad);
		udelay(20);
		if (READ_ONCE(e->wheld))
			atomic_inc(&e->bad);
		atomic_dec(&e->readers);
		atomic_long_inc(&e->sections);
		rw_runlock(&e->rw);
		usleep_range(10, 40);
	}
	if (atomic_dec_and_test(&e->running))
		complete(&e->done);
	return 0;
}

static void rw_exclusion_under_contention(struct kunit *test)
{
	struct excl *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, e);
	rw_init(&e->rw, "excl");
	atomic_set(&e->running, EXCL_WRITERS + EXCL_READERS);
	init_completion(&e->start);
	init_completion(&e->done);
	for (i = 0; i < EXCL_WRITERS; i++)
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(excl_writer_fn, e,
							   "frw-w/%d", i)));
	for (i = 0; i < EXCL_READERS; i++)
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(excl_reader_fn, e,
							   "frw-r/%d", i)));
	complete_all(&e->start);
	wait_for_completion(&e->done);
	KUNIT_EXPECT_EQ(test, atomic_read(&e->bad), 0);
	KUNIT_EXPECT_EQ(test, e->counter, (unsigned long)EXCL_WRITERS * EXCL_LOOPS);
	kunit_info(test, "%ld sections\n", atomic_long_read(&e->sections));
	rw_destroy(&e->rw);
}

static void rw_try_forms(struct kunit *test)
{
	struct rwlock rw;

	rw_init(&rw, "try");
	KUNIT_EXPECT_NE(test, rw_try_wlock(&rw), 0);
	KUNIT_EXPECT_TRUE(test, rw_wowned(&rw));
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &rw, false), 0);
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &rw, true), 0);
	/* Not RW_RECURSE: the owner's try fails, quietly. */
	KUNIT_EXPECT_EQ(test, rw_try_wlock(&rw), 0);
	KUNIT_EXPECT_EQ(test, rw_try_rlock(&rw), 0);
	rw_wunlock(&rw);

	KUNIT_EXPECT_NE(test, rw_try_rlock(&rw), 0);
	rw_assert(&rw, RA_RLOCKED);
	KUNIT_EXPECT_FALSE(test, rw_wowned(&rw));
	KUNIT_EXPECT_NE(test, try_in_thread(test, &rw, false), 0);
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &rw, true), 0);
	rw_runlock(&rw);
	KUNIT_EXPECT_NE(test, try_in_thread(test, &rw, true), 0);
	rw_destroy(&rw);
}

static void rw_try_upgrade_sole_and_shared(struct kunit *test)
{
	struct locker l;
	struct rwlock rw;

	rw_init(&rw, "upgrade");
	rw_rlock(&rw);
	KUNIT_EXPECT_NE(test, rw_try_upgrade(&rw), 0);
	rw_assert(&rw, RA_WLOCKED | RA_NOTRECURSED);
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &rw, false), 0);
	rw_wunlock(&rw);

	/* Another shared holder: the upgrade fails, the hold is kept. */
	locker_hold(test, &l, &rw, LK_S);
	rw_rlock(&rw);
	KUNIT_EXPECT_EQ(test, rw_try_upgrade(&rw), 0);
	rw_assert(&rw, RA_RLOCKED);
	KUNIT_EXPECT_FALSE(test, rw_wowned(&rw));
	locker_stop(test, &l);
	KUNIT_EXPECT_NE(test, rw_try_upgrade(&rw), 0);
	rw_wunlock(&rw);
	rw_destroy(&rw);
}

/* Downgrade is atomic and lets a waiting shared locker in. */
static void rw_downgrade_atomic(struct kunit *test)
{
	struct locker l;
	struct rwlock rw;

	rw_init(&rw, "downgrade");
	rw_wlock(&rw);
	locker_run(test, &l, &rw, LK_S);
	locker_wait_blocked(test, &l);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(l.inside));
	rw_downgrade(&rw);
	/* Still held (shared), and the waiter gets in beside us. */
	rw_assert(&rw, RA_RLOCKED);
	wait_for_completion(&l.held);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(l.inside));
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &rw, true), 0);
	locker_stop(test, &l);
	rw_runlock(&rw);
	KUNIT_EXPECT_NE(test, try_in_thread(test, &rw, true), 0);
	rw_destroy(&rw);
}

static void rw_exclusive_recursion(struct kunit *test)
{
	struct rwlock rw;

	rw_init_flags(&rw, "recurse", RW_RECURSE);
	rw_wlock(&rw);
	rw_assert(&rw, RA_WLOCKED | RA_NOTRECURSED);
	rw_wlock(&rw);
	KUNIT_EXPECT_NE(test, rw_try_wlock(&rw), 0);
	rw_assert(&rw, RA_WLOCKED | RA_RECURSED);
	rw_wunlock(&rw);
	rw_wunlock(&rw);
	rw_assert(&rw, RA_WLOCKED | RA_NOTRECURSED);
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &rw, true), 0);
	rw_unlock(&rw);
	rw_assert(&rw, RA_UNLOCKED);
	KUNIT_EXPECT_NE(test, try_in_thread(test, &rw, true), 0);
	rw_destroy(&rw);
}

/*
 * A shared holder takes the lock shared again while a writer waits: it
 * passes the writer instead of deadlocking behind it.
 */
static void rw_shared_recursion_passes_waiting_writer(struct kunit *test)
{
	struct locker w;
	struct rwlock rw;

	rw_init(&rw, "pass");
	rw_rlock(&rw);
	locker_run(test, &w, &rw, LK_X);
	locker_wait_blocked(test, &w);
	rw_rlock(&rw);			/* would deadlock without passing */
	KUNIT_EXPECT_NE(test, rw_try_rlock(&rw), 0);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(w.inside));
	rw_runlock(&rw);
	rw_runlock(&rw);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(w.inside));
	rw_runlock(&rw);
	wait_for_completion(&w.held);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(w.inside));
	locker_stop(test, &w);
	rw_destroy(&rw);
}

/*
 * Free right after unlock (spl#421 in FreeBSD clothes): each object's last
 * user frees it right after its own unlock, while others may be in theirs.
 * KASAN and slab poisoning catch an unlock that touches the lock late.
 */
#define FREE_THREADS	4
#define FREE_OBJECTS	128

struct fobj {
	struct rwlock	rw;
	atomic_t	refs;
};

struct free_test {
	struct fobj	*objs[FREE_OBJECTS];
	atomic_t	running;
	atomic_t	freed;
	struct completion start;
	struct completion done;
};

static int free_fn(void *arg)
{
	struct free_test *ft = arg;
	int i;

	wait_for_completion(&ft->start);
	for (i = 0; i < FREE_OBJECTS; i++) {
		struct fobj *o = ft->objs[i];
		bool shared = i & 1, last;

		if (shared)
			rw_rlock(&o->rw);
		else
			rw_wlock(&o->rw);
		last = atomic_dec_and_test(&o->refs);
		if (!last)
			udelay(10);
		rw_unlock(&o->rw);
		if (!last)
			continue;
		if (shared) {	/* the other readers may be in rw_runlock() */
			rw_wlock(&o->rw);
			rw_wunlock(&o->rw);
		}
		rw_destroy(&o->rw);
		kfree(o);
		atomic_inc(&ft->freed);
	}
	if (atomic_dec_and_test(&ft->running))
		complete(&ft->done);
	return 0;
}

static void rw_free_after_unlock(struct kunit *test)
{
	struct free_test *ft = kunit_kzalloc(test, sizeof(*ft), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, ft);
	for (i = 0; i < FREE_OBJECTS; i++) {
		ft->objs[i] = kzalloc(sizeof(*ft->objs[i]), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, ft->objs[i]);
		rw_init(&ft->objs[i]->rw, "fobj");
		atomic_set(&ft->objs[i]->refs, FREE_THREADS);
	}
	atomic_set(&ft->running, FREE_THREADS);
	init_completion(&ft->start);
	init_completion(&ft->done);
	for (i = 0; i < FREE_THREADS; i++)
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(free_fn, ft,
							   "frw-free/%d", i)));
	complete_all(&ft->start);
	wait_for_completion(&ft->done);
	KUNIT_EXPECT_EQ(test, atomic_read(&ft->freed), FREE_OBJECTS);
}

/*
 * Waiting at a raised IPL with the big lock held: both are given up (the
 * holder takes the big lock meanwhile) and come back.
 */
static void rw_wait_gives_up_ipl_and_biglock(struct kunit *test)
{
	static const int ipls[] = { BSD_IPL_SOFTNET, BSD_IPL_VM };
	struct locker h;
	struct rwlock rw;
	int i, excl, s;

	rw_init(&rw, "ipl");
	for (i = 0; i < ARRAY_SIZE(ipls); i++) {
		for (excl = 0; excl < 2; excl++) {
			h.take_biglock = true;
			h.bigtaken = false;
			locker_hold(test, &h, &rw, LK_X);
			bsd_kernel_lock(1, _THIS_IP_);
			s = bsd_splraise(ipls[i]);
			complete(&h.release);
			if (excl)
				rw_wlock(&rw);
			else
				rw_rlock(&rw);
			KUNIT_EXPECT_TRUE(test, READ_ONCE(h.bigtaken));
			KUNIT_EXPECT_EQ(test, bsd_curipl(), ipls[i]);
			KUNIT_EXPECT_EQ(test, !!irqs_disabled(),
					ipls[i] >= BSD_IPL_VM);
			KUNIT_EXPECT_EQ(test, bsd_kernel_lock_depth(), 1);
			rw_unlock(&rw);
			bsd_splx(s);
			bsd_kernel_unlock(1, NULL, _THIS_IP_);
			KUNIT_EXPECT_EQ(test, bsd_curipl(), BSD_IPL_NONE);
			wait_for_completion(&h.done);
			put_task_struct(h.task);
		}
	}
	h.take_biglock = false;
	rw_destroy(&rw);
}

/* lc_unlock() gives the whole hold up; lc_lock() takes it back alike. */
static void rw_lock_class_round_trip(struct kunit *test)
{
	const struct lock_class *lc = &freebsd_lock_class_rw;
	struct lock_object *lo;
	struct rwlock rw;
	uintptr_t how;

	rw_init_flags(&rw, "lc", RW_RECURSE);
	lo = &rw.lock_object;
	KUNIT_EXPECT_PTR_EQ(test, LOCK_CLASS(lo), lc);
	KUNIT_EXPECT_STREQ(test, lc->lc_name, "rw");
	KUNIT_EXPECT_FALSE(test, lc->lc_flags & LC_SLEEPABLE);
	KUNIT_EXPECT_FALSE(test, lc->lc_owned(lo));

	rw_wlock(&rw);
	rw_wlock(&rw);
	KUNIT_EXPECT_TRUE(test, lc->lc_owned(lo));
	how = lc->lc_unlock(lo);
	KUNIT_EXPECT_FALSE(test, lc->lc_owned(lo));
	KUNIT_EXPECT_NE(test, try_in_thread(test, &rw, true), 0);
	lc->lc_lock(lo, how);
	rw_assert(&rw, RA_WLOCKED | RA_RECURSED);
	rw_wunlock(&rw);
	rw_assert(&rw, RA_WLOCKED | RA_NOTRECURSED);
	rw_wunlock(&rw);

	rw_rlock(&rw);
	how = lc->lc_unlock(lo);
	KUNIT_EXPECT_NE(test, try_in_thread(test, &rw, true), 0);
	lc->lc_lock(lo, how);
	rw_assert(&rw, RA_RLOCKED);
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &rw, true), 0);
	rw_runlock(&rw);
	rw_assert(&rw, RA_UNLOCKED);
	rw_destroy(&rw);
}

/* WITNESS sees rw holds as non-sleepable ones, read or write. */
static void misuse_rw_witness_not_sleepable(struct kunit *test)
{
	unsigned int sl, nsl;
	struct rwlock rw, nw;
	unsigned long n;

	rw_init(&rw, "witness");
	rw_init_flags(&nw, "nowitness", RW_NOWITNESS);
	sl = bsd_witness_held(true);
	nsl = bsd_witness_held(false);
	rw_wlock(&rw);
	if (bsd_witness_held(true) + bsd_witness_held(false) == sl + nsl) {
		rw_wunlock(&rw);
		kunit_skip(test, "witness is off");
	}
	KUNIT_EXPECT_EQ(test, bsd_witness_held(false), nsl + 1);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(true), sl);
	rw_rlock(&nw);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(false), nsl + 1);
	rw_runlock(&nw);
	rw_downgrade(&rw);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(false), nsl + 1);
	/* What the sleep code asks before sleeping: no, and it says so. */
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_FALSE(test, bsd_witness_may_sleep("Sleep", "test", &n,
						       "w", NULL, _THIS_IP_));
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);
	/* Unless it is the interlock the sleep gives up. */
	KUNIT_EXPECT_TRUE(test, bsd_witness_may_sleep("Sleep", "test", &n,
						      "w", &rw, _THIS_IP_));
	rw_runlock(&rw);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(false), nsl);
	rw_destroy(&rw);
	rw_destroy(&nw);
}

static noinline void init_rw_at_site_a(struct rwlock *rw)
{
	rw_init(rw, "site_a");
}

/* One lockdep class per rw_init() call site, named after the lock. */
static void rw_lockdep_class_per_site(struct kunit *test)
{
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	struct rwlock a1, a2, b;

	init_rw_at_site_a(&a1);
	init_rw_at_site_a(&a2);
	rw_init(&b, "site_b");
	KUNIT_EXPECT_PTR_EQ(test, a1.rw_core.rc_dep_map.key,
			    a2.rw_core.rc_dep_map.key);
	KUNIT_EXPECT_PTR_NE(test, a1.rw_core.rc_dep_map.key,
			    b.rw_core.rc_dep_map.key);
	KUNIT_EXPECT_STREQ(test, b.rw_core.rc_dep_map.name, "site_b");
	rw_wlock(&a1);
	rw_rlock(&b);
	KUNIT_EXPECT_TRUE(test, lock_is_held(&a1.rw_core.rc_dep_map));
	KUNIT_EXPECT_TRUE(test, lock_is_held(&b.rw_core.rc_dep_map));
	rw_runlock(&b);
	rw_wunlock(&a1);
	KUNIT_EXPECT_FALSE(test, lock_is_held(&a1.rw_core.rc_dep_map));
	rw_destroy(&a1);
	rw_destroy(&a2);
	rw_destroy(&b);
#else
	kunit_skip(test, "lockdep is not configured");
#endif
}

static struct rwlock sysinit_rw;
RW_SYSINIT_FLAGS(sysinit_test, &sysinit_rw, "sysinit_rw", RW_RECURSE);

static void rw_sysinit_run(struct kunit *test)
{
	RW_SYSINIT_RUN(sysinit_test);
	KUNIT_EXPECT_STREQ(test, sysinit_rw.lock_object.lo_name, "sysinit_rw");
	rw_wlock(&sysinit_rw);
	rw_wlock(&sysinit_rw);
	rw_assert(&sysinit_rw, RA_WLOCKED | RA_RECURSED);
	rw_wunlock(&sysinit_rw);
	rw_wunlock(&sysinit_rw);
	RW_SYSUNINIT_RUN(sysinit_test);
}

/* ---------------------------------------------------------------------- */
/* Misuse: one report each, naming the lock, the operation and the caller   */

static void misuse_rw_unlock_not_held(struct kunit *test)
{
	unsigned long n;
	struct rwlock rw;

	rw_init(&rw, "mu");
	n = bsd_lockdebug_count();
	rw_runlock(&rw);
	EXPECT_REPORT(test, n, RW_ERR "rw_runlock: not locked", "lock \"mu\"");
	n = bsd_lockdebug_count();
	rw_wunlock(&rw);
	EXPECT_REPORT(test, n, RW_ERR "rw_wunlock: not locked", "lock \"mu\"");
	KUNIT_EXPECT_NE(test, try_in_thread(test, &rw, true), 0);
	rw_destroy(&rw);
}

static void misuse_rw_unlock_by_non_owner(struct kunit *test)
{
	struct locker l;
	unsigned long n;
	struct rwlock rw;

	rw_init(&rw, "mu");
	locker_hold(test, &l, &rw, LK_X);
	n = bsd_lockdebug_count();
	rw_wunlock(&rw);
	EXPECT_REPORT(test, n, RW_ERR "rw_wunlock: not exclusively locked by the current thread",
		      "lock \"mu\"");
	/* Refused: still the holder's. */
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &rw, false), 0);
	n = bsd_lockdebug_count();
	rw_runlock(&rw);
	EXPECT_REPORT(test, n, RW_ERR "rw_runlock: not share locked", "lock \"mu\"");
	locker_stop(test, &l);

	/* A shared hold released as exclusive, and the other way round. */
	rw_rlock(&rw);
	n = bsd_lockdebug_count();
	rw_wunlock(&rw);
	EXPECT_REPORT(test, n, RW_ERR "rw_wunlock: not exclusively locked by the current thread",
		      "lock \"mu\"");
	rw_runlock(&rw);
	rw_wlock(&rw);
	n = bsd_lockdebug_count();
	rw_runlock(&rw);
	EXPECT_REPORT(test, n, RW_ERR "rw_runlock: shared unlock of an exclusive hold",
		      "lock \"mu\"");
	rw_wunlock(&rw);
	rw_destroy(&rw);
}

static void misuse_rw_recursion(struct kunit *test)
{
	unsigned long n;
	struct rwlock rw;

	rw_init(&rw, "mr");
	rw_wlock(&rw);
	n = bsd_lockdebug_count();
	rw_wlock(&rw);
	EXPECT_REPORT(test, n, RW_ERR "rw_wlock: recursed on non-recursive lock",
		      "lock \"mr\"");
	n = bsd_lockdebug_count();
	rw_rlock(&rw);
	EXPECT_REPORT(test, n, RW_ERR "rw_rlock: shared lock requested by its exclusive holder",
		      "lock \"mr\"");
	/* Refused: one release frees it. */
	rw_assert(&rw, RA_WLOCKED | RA_NOTRECURSED);
	rw_wunlock(&rw);
	KUNIT_EXPECT_NE(test, try_in_thread(test, &rw, true), 0);
	rw_destroy(&rw);
}

static void misuse_rw_destroy_held(struct kunit *test)
{
	unsigned long n;
	struct rwlock rw;

	rw_init(&rw, "md");
	rw_rlock(&rw);
	n = bsd_lockdebug_count();
	rw_destroy(&rw);
	EXPECT_REPORT(test, n, RW_ERR "rw_destroy: destroying a lock that is held",
		      "lock \"md\"");
	rw_runlock(&rw);	/* refused: still usable */
	rw_destroy(&rw);
}

static void misuse_rw_uninitialized_destroyed_double_init(struct kunit *test)
{
	struct rwlock *rw = kunit_kzalloc(test, sizeof(*rw), GFP_KERNEL);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, rw);
	n = bsd_lockdebug_count();
	rw_wlock(rw);
	EXPECT_REPORT(test, n, RW_ERR "rw_wlock: uninitialized lock", "lock \"\"");

	rw_init(rw, "mi");
	n = bsd_lockdebug_count();
	rw_init(rw, "mi");
	EXPECT_REPORT(test, n, RW_ERR "rw_init: already initialized", "lock \"mi\"");
	n = bsd_lockdebug_count();
	rw_init_flags(rw, "mi", RW_NEW);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n);

	rw_destroy(rw);
	n = bsd_lockdebug_count();
	rw_rlock(rw);
	EXPECT_REPORT(test, n, RW_ERR "rw_rlock: use of destroyed lock", "lock \"mi\"");
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, rw_try_wlock(rw), 0);
	EXPECT_REPORT(test, n, RW_ERR "rw_try_wlock: use of destroyed lock", "lock \"mi\"");
}

static void misuse_rw_assert(struct kunit *test)
{
	unsigned long n;
	struct rwlock rw;

	rw_init_flags(&rw, "ma", RW_RECURSE);
	n = bsd_lockdebug_count();
	rw_assert(&rw, RA_WLOCKED);
	EXPECT_REPORT(test, n, RW_ERR "rw_assert: not exclusively locked @ ", "lock \"ma\"");
	EXPECT_REPORT(test, n, __FILE__ ":", "lock \"ma\"");
	n = bsd_lockdebug_count();
	rw_assert(&rw, RA_LOCKED);
	EXPECT_REPORT(test, n, RW_ERR "rw_assert: not locked @ ", "lock \"ma\"");
	n = bsd_lockdebug_count();
	rw_assert(&rw, RA_RLOCKED);
	EXPECT_REPORT(test, n, RW_ERR "rw_assert: not share locked @ ", "lock \"ma\"");
	rw_wlock(&rw);
	n = bsd_lockdebug_count();
	rw_assert(&rw, RA_UNLOCKED);
	EXPECT_REPORT(test, n, RW_ERR "rw_assert: exclusively locked @ ", "lock \"ma\"");
	n = bsd_lockdebug_count();
	rw_assert(&rw, RA_WLOCKED | RA_RECURSED);
	EXPECT_REPORT(test, n, RW_ERR "rw_assert: not recursed @ ", "lock \"ma\"");
	rw_wlock(&rw);
	n = bsd_lockdebug_count();
	rw_assert(&rw, RA_WLOCKED | RA_NOTRECURSED);
	EXPECT_REPORT(test, n, RW_ERR "rw_assert: recursed @ ", "lock \"ma\"");
	rw_wunlock(&rw);
	rw_wunlock(&rw);
	rw_destroy(&rw);
}

static void misuse_rw_upgrade_downgrade(struct kunit *test)
{
	unsigned long n;
	struct rwlock rw;

	rw_init_flags(&rw, "mg", RW_RECURSE);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, rw_try_upgrade(&rw), 0);
	EXPECT_REPORT(test, n, RW_ERR "rw_try_upgrade: not share locked", "lock \"mg\"");
	n = bsd_lockdebug_count();
	rw_downgrade(&rw);
	EXPECT_REPORT(test, n, RW_ERR "rw_downgrade: not exclusively locked by the current thread",
		      "lock \"mg\"");
	rw_wlock(&rw);
	rw_wlock(&rw);
	n = bsd_lockdebug_count();
	rw_downgrade(&rw);
	EXPECT_REPORT(test, n, RW_ERR "rw_downgrade: downgrade of a recursed lock",
		      "lock \"mg\"");
	rw_wunlock(&rw);
	rw_wunlock(&rw);
	rw_destroy(&rw);
}

struct irq_rw {
	struct rwlock		rw;
	struct hrtimer		timer;
	struct completion	done;
	bool			held;
};

static enum hrtimer_restart irq_rw_timer(struct hrtimer *t)
{
	struct irq_rw *ie = container_of(t, struct irq_rw, timer);

	rw_wlock(&ie->rw);
	ie->held = rw_wowned(&ie->rw);
	rw_wunlock(&ie->rw);
	complete(&ie->done);
	return HRTIMER_NORESTART;
}

static void misuse_rw_from_interrupt(struct kunit *test)
{
	struct irq_rw *ie = kunit_kzalloc(test, sizeof(*ie), GFP_KERNEL);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, ie);
	rw_init(&ie->rw, "mirq");
	init_completion(&ie->done);
	hrtimer_init(&ie->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	ie->timer.function = irq_rw_timer;
	n = bsd_lockdebug_count();
	hrtimer_start(&ie->timer, ns_to_ktime(NSEC_PER_MSEC),
		      HRTIMER_MODE_REL_HARD);
	wait_for_completion(&ie->done);
	EXPECT_REPORT(test, n,
		      RW_ERR "rw_wlock: acquiring a blocking lock from interrupt context",
		      "lock \"mirq\"");
	KUNIT_EXPECT_TRUE(test, ie->held);
	KUNIT_EXPECT_NE(test, try_in_thread(test, &ie->rw, true), 0);
	rw_destroy(&ie->rw);
}

static struct kunit_case freebsd_rwlock_cases[] = {
	KUNIT_CASE(rw_readers_together),
	KUNIT_CASE(rw_exclusion_under_contention),
	KUNIT_CASE(rw_try_forms),
	KUNIT_CASE(rw_try_upgrade_sole_and_shared),
	KUNIT_CASE(rw_downgrade_atomic),
	KUNIT_CASE(rw_exclusive_recursion),
	KUNIT_CASE(rw_shared_recursion_passes_waiting_writer),
	KUNIT_CASE(rw_free_after_unlock),
	KUNIT_CASE(rw_wait_gives_up_ipl_and_biglock),
	KUNIT_CASE(rw_lock_class_round_trip),
	KUNIT_CASE(misuse_rw_witness_not_sleepable),
	KUNIT_CASE(rw_lockdep_class_per_site),
	KUNIT_CASE(rw_sysinit_run),
	KUNIT_CASE(misuse_rw_unlock_not_held),
	KUNIT_CASE(misuse_rw_unlock_by_non_owner),
	KUNIT_CASE(misuse_rw_recursion),
	KUNIT_CASE(misuse_rw_destroy_held),
	KUNIT_CASE(misuse_rw_uninitialized_destroyed_double_init),
	KUNIT_CASE(misuse_rw_assert),
	KUNIT_CASE(misuse_rw_upgrade_downgrade),
	KUNIT_CASE(misuse_rw_from_interrupt),
	{}
};

static struct kunit_suite freebsd_rwlock_suite = {
	.name = "freebsd_rwlock",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = freebsd_rwlock_cases,
};
kunit_test_suite(freebsd_rwlock_suite);
