// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: FreeBSD sx(9). Each case checks one rule of <sys/sx.h>: shared
 * holders together (sleeping), exclusion under contention, try forms,
 * upgrade and downgrade, exclusive recursion, a shared holder passing a
 * waiting writer, waits ended by signals, free right after unlock, the IPL
 * and big lock given up while waiting, the lock class methods, WITNESS
 * and lockdep, SX_SYSINIT, and every misuse report.
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
#include <sys/sx.h>
#include <sys/proc.h>
#include <bsdcompat/biglock.h>
#include <bsdcompat/lockdebug.h>
#include <bsdcompat/spl.h>
#include <bsdcompat/witness.h>

#include "kunit_helpers.h"

#define SX_ERR	"sx error: "

/* ---------------------------------------------------------------------- */
/* Other threads                                                           */

enum lk_op { LK_S, LK_X, LK_S_SIG, LK_X_SIG };

struct locker {
	struct sx		*sx;
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
		sx_slock(l->sx);
		break;
	case LK_X:
		sx_xlock(l->sx);
		break;
	case LK_S_SIG:
		l->ret = sx_slock_sig(l->sx);
		break;
	case LK_X_SIG:
		l->ret = sx_xlock_sig(l->sx);
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
		/* Only possible if the thread waiting for sx gave it up. */
		bsd_kernel_lock(1, _THIS_IP_);
		l->bigtaken = true;
		bsd_kernel_unlock(1, NULL, _THIS_IP_);
	}
	sx_unlock(l->sx);
	complete(&l->done);
	return 0;
}

static void locker_run(struct kunit *test, struct locker *l, struct sx *sx,
		       enum lk_op op)
{
	l->sx = sx;
	l->op = op;
	l->ret = 0;
	l->inside = false;
	init_completion(&l->started);
	init_completion(&l->held);
	init_completion(&l->release);
	init_completion(&l->done);
	l->task = kthread_run(locker_fn, l, "fsx-locker");
	KUNIT_ASSERT_FALSE(test, IS_ERR(l->task));
	get_task_struct(l->task);
	wait_for_completion(&l->started);
}

/* Start a thread that holds @sx as @op; return once it does. */
static void locker_hold(struct kunit *test, struct locker *l, struct sx *sx,
			enum lk_op op)
{
	locker_run(test, l, sx, op);
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
		KUNIT_FAIL(test, "a thread waiting for the sx was never woken");
	else
		put_task_struct(l->task);
}

struct try_thread {
	struct sx		*sx;
	bool			excl;
	int			got;
	struct completion	done;
};

static int try_fn(void *arg)
{
	struct try_thread *tt = arg;

	tt->got = tt->excl ? sx_try_xlock(tt->sx) : sx_try_slock(tt->sx);
	if (tt->got)
		sx_unlock(tt->sx);
	complete(&tt->done);
	return 0;
}

/* A try by another thread, which lets go at once if it got the lock. */
static int try_in_thread(struct kunit *test, struct sx *sx, bool excl)
{
	struct try_thread tt = { .sx = sx, .excl = excl };

	init_completion(&tt.done);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(try_fn, &tt, "fsx-try")));
	wait_for_completion(&tt.done);
	return tt.got;
}

/* ---------------------------------------------------------------------- */
/* Semantics                                                               */

/* Shared holders are inside together, each sleeping until the other is. */
struct together {
	struct sx		sx;
	atomic_t		inside;
	atomic_t		met;
	struct completion	done[2];
};

static int together_fn(void *arg)
{
	struct together *t = arg;
	struct completion *done = &t->done[atomic_inc_return(&t->met) - 1];
	int i;

	sx_slock(&t->sx);
	atomic_inc(&t->inside);
	for (i = 0; i < 10000 && atomic_read(&t->inside) < 2; i++)
		usleep_range(1000, 2000);	/* holders may sleep */
	if (atomic_read(&t->inside) == 2)
		atomic_inc(&t->met);
	usleep_range(1000, 2000);
	sx_sunlock(&t->sx);
	complete(done);
	return 0;
}

static void sx_shared_holders_sleep_together(struct kunit *test)
{
	struct together *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, t);
	sx_init(&t->sx, "together");
	for (i = 0; i < 2; i++)
		init_completion(&t->done[i]);
	for (i = 0; i < 2; i++)
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(together_fn, t,
							   "fsx-sh/%d", i)));
	for (i = 0; i < 2; i++)
		wait_for_completion(&t->done[i]);
	/* met: 2 starts, plus 1 per holder that saw the other inside. */
	KUNIT_EXPECT_EQ(test, atomic_read(&t->met), 4);
	sx_assert(&t->sx, SA_UNLOCKED);
	sx_destroy(&t->sx);
}

/*
 * Writers and readers in a loop; in every section the write flag and the
 * reader count are checked. Holders sleep inside.
 */
#define EXCL_WRITERS	3
#define EXCL_READERS	3
#define EXCL_LOOPS	60

struct excl {
	struct sx		sx;
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
		sx_xlock(&e->sx);
		if (READ_ONCE(e->wheld) || atomic_read(&e->readers))
			atomic_inc(&e->bad);
		WRITE_ONCE(e->wheld, true);
		v = e->counter;
		usleep_range(10, 40);
		e->counter = v + 1;
		if (atomic_read(&e->readers))
			atomic_inc(&e->bad);
		WRITE_ONCE(e->wheld, false);
		atomic_long_inc(&e->sections);
		sx_xunlock(&e->sx);
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
		sx_slock(&e->sx);
		atomic_inc(&e->readers);
		if (READ_ONCE(e->wheld))
			atomic_inc(&e->bad);
		usleep_range(10, 40);
		if (READ_ONCE(e->wheld))
			atomic_inc(&e->bad);
		atomic_dec(&e->readers);
		atomic_long_inc(&e->sections);
		sx_sunlock(&e->sx);
		usleep_range(10, 40);
	}
	if (atomic_dec_and_test(&e->running))
		complete(&e->done);
	return 0;
}

static void sx_exclusion_under_contention(struct kunit *test)
{
	struct excl *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, e);
	sx_init(&e->sx, "excl");
	atomic_set(&e->running, EXCL_WRITERS + EXCL_READERS);
	init_completion(&e->start);
	init_completion(&e->done);
	for (i = 0; i < EXCL_WRITERS; i++)
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(excl_writer_fn, e,
							   "fsx-w/%d", i)));
	for (i = 0; i < EXCL_READERS; i++)
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(excl_reader_fn, e,
							   "fsx-r/%d", i)));
	complete_all(&e->start);
	wait_for_completion(&e->done);
	KUNIT_EXPECT_EQ(test, atomic_read(&e->bad), 0);
	KUNIT_EXPECT_EQ(test, e->counter, (unsigned long)EXCL_WRITERS * EXCL_LOOPS);
	kunit_info(test, "%ld sections\n", atomic_long_read(&e->sections));
	sx_destroy(&e->sx);
}

static void sx_try_forms(struct kunit *test)
{
	struct sx sx;

	sx_init(&sx, "try");
	KUNIT_EXPECT_NE(test, sx_try_xlock(&sx), 0);
	KUNIT_EXPECT_TRUE(test, sx_xlocked(&sx));
	KUNIT_EXPECT_PTR_EQ(test, sx_xholder(&sx), curthread);
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &sx, false), 0);
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &sx, true), 0);
	/* Not SX_RECURSE: the owner's try fails, quietly. */
	KUNIT_EXPECT_EQ(test, sx_try_xlock(&sx), 0);
	KUNIT_EXPECT_EQ(test, sx_try_slock(&sx), 0);
	sx_xunlock(&sx);
	KUNIT_EXPECT_PTR_EQ(test, sx_xholder(&sx), NULL);

	KUNIT_EXPECT_NE(test, sx_try_slock(&sx), 0);
	sx_assert(&sx, SA_SLOCKED);
	KUNIT_EXPECT_FALSE(test, sx_xlocked(&sx));
	KUNIT_EXPECT_NE(test, try_in_thread(test, &sx, false), 0);
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &sx, true), 0);
	sx_sunlock(&sx);
	KUNIT_EXPECT_NE(test, try_in_thread(test, &sx, true), 0);
	sx_destroy(&sx);
}

static void sx_try_upgrade_sole_and_shared(struct kunit *test)
{
	struct locker l;
	struct sx sx;

	sx_init(&sx, "upgrade");
	sx_slock(&sx);
	KUNIT_EXPECT_NE(test, sx_try_upgrade(&sx), 0);
	sx_assert(&sx, SA_XLOCKED | SA_NOTRECURSED);
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &sx, false), 0);
	sx_xunlock(&sx);

	/* Another shared holder: the upgrade fails, the hold is kept. */
	locker_hold(test, &l, &sx, LK_S);
	sx_slock(&sx);
	KUNIT_EXPECT_EQ(test, sx_try_upgrade(&sx), 0);
	sx_assert(&sx, SA_SLOCKED);
	KUNIT_EXPECT_FALSE(test, sx_xlocked(&sx));
	locker_stop(test, &l);
	KUNIT_EXPECT_NE(test, sx_try_upgrade(&sx), 0);
	sx_xunlock(&sx);
	sx_destroy(&sx);
}

/* Downgrade is atomic and lets a waiting shared locker in. */
static void sx_downgrade_atomic(struct kunit *test)
{
	struct locker l;
	struct sx sx;

	sx_init(&sx, "downgrade");
	sx_xlock(&sx);
	locker_run(test, &l, &sx, LK_S);
	locker_wait_blocked(test, &l);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(l.inside));
	sx_downgrade(&sx);
	/* Still held (shared), and the waiter gets in beside us. */
	sx_assert(&sx, SA_SLOCKED);
	wait_for_completion(&l.held);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(l.inside));
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &sx, true), 0);
	locker_stop(test, &l);
	sx_sunlock(&sx);
	KUNIT_EXPECT_NE(test, try_in_thread(test, &sx, true), 0);
	sx_destroy(&sx);
}

static void sx_exclusive_recursion(struct kunit *test)
{
	struct sx sx;

	sx_init_flags(&sx, "recurse", SX_RECURSE);
	sx_xlock(&sx);
	sx_assert(&sx, SA_XLOCKED | SA_NOTRECURSED);
	sx_xlock(&sx);
	KUNIT_EXPECT_NE(test, sx_try_xlock(&sx), 0);
	sx_assert(&sx, SA_XLOCKED | SA_RECURSED);
	sx_xunlock(&sx);
	sx_xunlock(&sx);
	sx_assert(&sx, SA_XLOCKED | SA_NOTRECURSED);
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &sx, true), 0);
	sx_unlock(&sx);
	sx_assert(&sx, SA_UNLOCKED);
	KUNIT_EXPECT_NE(test, try_in_thread(test, &sx, true), 0);
	sx_destroy(&sx);
}

/*
 * A shared holder takes the lock shared again while a writer waits: it
 * passes the writer instead of deadlocking behind it.
 */
static void sx_shared_recursion_passes_waiting_writer(struct kunit *test)
{
	struct locker w;
	struct sx sx;

	sx_init(&sx, "pass");
	sx_slock(&sx);
	locker_run(test, &w, &sx, LK_X);
	locker_wait_blocked(test, &w);
	sx_slock(&sx);			/* would deadlock without passing */
	KUNIT_EXPECT_NE(test, sx_try_slock(&sx), 0);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(w.inside));
	sx_sunlock(&sx);
	sx_sunlock(&sx);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(w.inside));
	sx_sunlock(&sx);
	wait_for_completion(&w.held);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(w.inside));
	locker_stop(test, &w);
	sx_destroy(&sx);
}

/* sx_xlock_sig() and sx_slock_sig() end on a signal, without the lock. */
static void sx_sig_interrupted(struct kunit *test)
{
	static const enum lk_op ops[] = { LK_X_SIG, LK_S_SIG };
	struct locker l, r;
	struct sx sx;
	int i;

	sx_init(&sx, "sig");
	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		sx_xlock(&sx);
		locker_run(test, &l, &sx, ops[i]);
		locker_wait_blocked(test, &l);
		send_sig(SIGUSR1, l.task, 1);
		wait_for_completion(&l.done);
		KUNIT_EXPECT_EQ(test, l.ret, ERESTART);
		KUNIT_EXPECT_FALSE(test, l.inside);
		put_task_struct(l.task);
		sx_assert(&sx, SA_XLOCKED);
		sx_xunlock(&sx);
	}

	/*
	 * A writer that gave up behind readers must not keep new readers
	 * out: a blocking shared locker gets in.
	 */
	sx_slock(&sx);
	locker_run(test, &l, &sx, LK_X_SIG);
	locker_wait_blocked(test, &l);
	send_sig(SIGUSR1, l.task, 1);
	wait_for_completion(&l.done);
	KUNIT_EXPECT_EQ(test, l.ret, ERESTART);
	put_task_struct(l.task);
	locker_hold(test, &r, &sx, LK_S);
	KUNIT_EXPECT_TRUE(test, r.inside);
	locker_stop(test, &r);
	sx_sunlock(&sx);

	/* Not waiting: no signal matters. */
	KUNIT_EXPECT_EQ(test, sx_xlock_sig(&sx), 0);
	sx_xunlock(&sx);
	KUNIT_EXPECT_EQ(test, sx_slock_sig(&sx), 0);
	sx_sunlock(&sx);
	sx_destroy(&sx);
}

/*
 * Free right after unlock (spl#421 in FreeBSD clothes): each object's last
 * user frees it right after its own unlock, while others may be in theirs.
 * KASAN and slab poisoning catch an unlock that touches the lock late.
 */
#define FREE_THREADS	4
#define FREE_OBJECTS	128

struct fobj {
	struct sx	sx;
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
			sx_slock(&o->sx);
		else
			sx_xlock(&o->sx);
		last = atomic_dec_and_test(&o->refs);
		if (!last)
			udelay(10);
		sx_unlock(&o->sx);
		if (!last)
			continue;
		if (shared) {	/* the other readers may be in sx_sunlock() */
			sx_xlock(&o->sx);
			sx_xunlock(&o->sx);
		}
		sx_destroy(&o->sx);
		kfree(o);
		atomic_inc(&ft->freed);
	}
	if (atomic_dec_and_test(&ft->running))
		complete(&ft->done);
	return 0;
}

static void sx_free_after_unlock(struct kunit *test)
{
	struct free_test *ft = kunit_kzalloc(test, sizeof(*ft), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, ft);
	for (i = 0; i < FREE_OBJECTS; i++) {
		ft->objs[i] = kzalloc(sizeof(*ft->objs[i]), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, ft->objs[i]);
		sx_init(&ft->objs[i]->sx, "fobj");
		atomic_set(&ft->objs[i]->refs, FREE_THREADS);
	}
	atomic_set(&ft->running, FREE_THREADS);
	init_completion(&ft->start);
	init_completion(&ft->done);
	for (i = 0; i < FREE_THREADS; i++)
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(free_fn, ft,
							   "fsx-free/%d", i)));
	complete_all(&ft->start);
	wait_for_completion(&ft->done);
	KUNIT_EXPECT_EQ(test, atomic_read(&ft->freed), FREE_OBJECTS);
}

/*
 * Waiting at a raised IPL with the big lock held: both are given up (the
 * holder takes the big lock meanwhile) and come back.
 */
static void sx_wait_gives_up_ipl_and_biglock(struct kunit *test)
{
	static const int ipls[] = { BSD_IPL_SOFTNET, BSD_IPL_VM };
	struct locker h;
	struct sx sx;
	int i, excl, s;

	sx_init(&sx, "ipl");
	for (i = 0; i < ARRAY_SIZE(ipls); i++) {
		for (excl = 0; excl < 2; excl++) {
			h.take_biglock = true;
			h.bigtaken = false;
			locker_hold(test, &h, &sx, LK_X);
			bsd_kernel_lock(1, _THIS_IP_);
			s = bsd_splraise(ipls[i]);
			complete(&h.release);
			if (excl)
				sx_xlock(&sx);
			else
				sx_slock(&sx);
			KUNIT_EXPECT_TRUE(test, READ_ONCE(h.bigtaken));
			KUNIT_EXPECT_EQ(test, bsd_curipl(), ipls[i]);
			KUNIT_EXPECT_EQ(test, !!irqs_disabled(),
					ipls[i] >= BSD_IPL_VM);
			KUNIT_EXPECT_EQ(test, bsd_kernel_lock_depth(), 1);
			sx_unlock(&sx);
			bsd_splx(s);
			bsd_kernel_unlock(1, NULL, _THIS_IP_);
			KUNIT_EXPECT_EQ(test, bsd_curipl(), BSD_IPL_NONE);
			wait_for_completion(&h.done);
			put_task_struct(h.task);
		}
	}
	h.take_biglock = false;
	sx_destroy(&sx);
}

/* lc_unlock() gives the whole hold up; lc_lock() takes it back alike. */
static void sx_lock_class_round_trip(struct kunit *test)
{
	const struct lock_class *lc = &freebsd_lock_class_sx;
	struct lock_object *lo;
	struct sx sx;
	uintptr_t how;

	sx_init_flags(&sx, "lc", SX_RECURSE);
	lo = &sx.lock_object;
	KUNIT_EXPECT_PTR_EQ(test, LOCK_CLASS(lo), lc);
	KUNIT_EXPECT_STREQ(test, lc->lc_name, "sx");
	KUNIT_EXPECT_TRUE(test, lc->lc_flags & LC_SLEEPABLE);
	KUNIT_EXPECT_FALSE(test, lc->lc_owned(lo));

	sx_xlock(&sx);
	sx_xlock(&sx);
	KUNIT_EXPECT_TRUE(test, lc->lc_owned(lo));
	how = lc->lc_unlock(lo);
	KUNIT_EXPECT_FALSE(test, lc->lc_owned(lo));
	KUNIT_EXPECT_NE(test, try_in_thread(test, &sx, true), 0);
	lc->lc_lock(lo, how);
	sx_assert(&sx, SA_XLOCKED | SA_RECURSED);
	sx_xunlock(&sx);
	sx_assert(&sx, SA_XLOCKED | SA_NOTRECURSED);
	sx_xunlock(&sx);

	sx_slock(&sx);
	how = lc->lc_unlock(lo);
	KUNIT_EXPECT_NE(test, try_in_thread(test, &sx, true), 0);
	lc->lc_lock(lo, how);
	sx_assert(&sx, SA_SLOCKED);
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &sx, true), 0);
	sx_sunlock(&sx);
	sx_assert(&sx, SA_UNLOCKED);
	sx_destroy(&sx);
}

/* WITNESS sees sx holds as sleepable ones, shared or exclusive. */
static void sx_witness_sleepable(struct kunit *test)
{
	unsigned int sl, nsl;
	struct sx sx, nw;

	sx_init(&sx, "witness");
	sx_init_flags(&nw, "nowitness", SX_NOWITNESS);
	sl = bsd_witness_held(true);
	nsl = bsd_witness_held(false);
	sx_xlock(&sx);
	if (bsd_witness_held(true) + bsd_witness_held(false) == sl + nsl) {
		sx_xunlock(&sx);
		kunit_skip(test, "witness is off");
	}
	KUNIT_EXPECT_EQ(test, bsd_witness_held(true), sl + 1);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(false), nsl);
	sx_slock(&nw);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(true), sl + 1);
	sx_sunlock(&nw);
	sx_downgrade(&sx);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(true), sl + 1);
	sx_sunlock(&sx);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(true), sl);
	KUNIT_EXPECT_TRUE(test, bsd_witness_may_sleep("Sleep", "test", &sx,
						      "w", NULL, _THIS_IP_));
	sx_destroy(&sx);
	sx_destroy(&nw);
}

static noinline void init_sx_at_site_a(struct sx *sx)
{
	sx_init(sx, "site_a");
}

/* One lockdep class per sx_init() call site, named after the lock. */
static void sx_lockdep_class_per_site(struct kunit *test)
{
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	struct sx a1, a2, b;

	init_sx_at_site_a(&a1);
	init_sx_at_site_a(&a2);
	sx_init(&b, "site_b");
	KUNIT_EXPECT_PTR_EQ(test, a1.sx_core.rc_dep_map.key,
			    a2.sx_core.rc_dep_map.key);
	KUNIT_EXPECT_PTR_NE(test, a1.sx_core.rc_dep_map.key,
			    b.sx_core.rc_dep_map.key);
	KUNIT_EXPECT_STREQ(test, b.sx_core.rc_dep_map.name, "site_b");
	sx_xlock(&a1);
	sx_slock(&b);
	KUNIT_EXPECT_TRUE(test, lock_is_held(&a1.sx_core.rc_dep_map));
	KUNIT_EXPECT_TRUE(test, lock_is_held(&b.sx_core.rc_dep_map));
	sx_sunlock(&b);
	sx_xunlock(&a1);
	KUNIT_EXPECT_FALSE(test, lock_is_held(&a1.sx_core.rc_dep_map));
	sx_destroy(&a1);
	sx_destroy(&a2);
	sx_destroy(&b);
#else
	kunit_skip(test, "lockdep is not configured");
#endif
}

static struct sx sysinit_sx;
SX_SYSINIT_FLAGS(sysinit_test, &sysinit_sx, "sysinit_sx", SX_RECURSE);

static void sx_sysinit_run(struct kunit *test)
{
	SX_SYSINIT_RUN(sysinit_test);
	KUNIT_EXPECT_STREQ(test, sysinit_sx.lock_object.lo_name, "sysinit_sx");
	sx_xlock(&sysinit_sx);
	sx_xlock(&sysinit_sx);
	sx_assert(&sysinit_sx, SA_XLOCKED | SA_RECURSED);
	sx_xunlock(&sysinit_sx);
	sx_xunlock(&sysinit_sx);
	SX_SYSUNINIT_RUN(sysinit_test);
}

/* ---------------------------------------------------------------------- */
/* Misuse: one report each, naming the lock, the operation and the caller   */

static void misuse_sx_unlock_not_held(struct kunit *test)
{
	unsigned long n;
	struct sx sx;

	sx_init(&sx, "mu");
	n = bsd_lockdebug_count();
	sx_sunlock(&sx);
	EXPECT_REPORT(test, n, SX_ERR "sx_sunlock: not locked", "lock \"mu\"");
	n = bsd_lockdebug_count();
	sx_xunlock(&sx);
	EXPECT_REPORT(test, n, SX_ERR "sx_xunlock: not locked", "lock \"mu\"");
	KUNIT_EXPECT_NE(test, try_in_thread(test, &sx, true), 0);
	sx_destroy(&sx);
}

static void misuse_sx_unlock_by_non_owner(struct kunit *test)
{
	struct locker l;
	unsigned long n;
	struct sx sx;

	sx_init(&sx, "mu");
	locker_hold(test, &l, &sx, LK_X);
	n = bsd_lockdebug_count();
	sx_xunlock(&sx);
	EXPECT_REPORT(test, n, SX_ERR "sx_xunlock: not exclusively locked by the current thread",
		      "lock \"mu\"");
	/* Refused: still the holder's. */
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &sx, false), 0);
	n = bsd_lockdebug_count();
	sx_sunlock(&sx);
	EXPECT_REPORT(test, n, SX_ERR "sx_sunlock: not share locked", "lock \"mu\"");
	locker_stop(test, &l);

	/* A shared hold released as exclusive, and the other way round. */
	sx_slock(&sx);
	n = bsd_lockdebug_count();
	sx_xunlock(&sx);
	EXPECT_REPORT(test, n, SX_ERR "sx_xunlock: not exclusively locked by the current thread",
		      "lock \"mu\"");
	sx_sunlock(&sx);
	sx_xlock(&sx);
	n = bsd_lockdebug_count();
	sx_sunlock(&sx);
	EXPECT_REPORT(test, n, SX_ERR "sx_sunlock: shared unlock of an exclusive hold",
		      "lock \"mu\"");
	sx_xunlock(&sx);
	sx_destroy(&sx);
}

static void misuse_sx_recursion(struct kunit *test)
{
	unsigned long n;
	struct sx sx;

	sx_init(&sx, "mr");
	sx_xlock(&sx);
	n = bsd_lockdebug_count();
	sx_xlock(&sx);
	EXPECT_REPORT(test, n, SX_ERR "sx_xlock: recursed on non-recursive lock",
		      "lock \"mr\"");
	n = bsd_lockdebug_count();
	sx_slock(&sx);
	EXPECT_REPORT(test, n, SX_ERR "sx_slock: shared lock requested by its exclusive holder",
		      "lock \"mr\"");
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, sx_xlock_sig(&sx), EDEADLK);
	EXPECT_REPORT(test, n, SX_ERR "sx_xlock_sig: recursed on non-recursive lock",
		      "lock \"mr\"");
	/* Refused: one release frees it. */
	sx_assert(&sx, SA_XLOCKED | SA_NOTRECURSED);
	sx_xunlock(&sx);
	KUNIT_EXPECT_NE(test, try_in_thread(test, &sx, true), 0);
	sx_destroy(&sx);
}

static void misuse_sx_destroy_held(struct kunit *test)
{
	unsigned long n;
	struct sx sx;

	sx_init(&sx, "md");
	sx_slock(&sx);
	n = bsd_lockdebug_count();
	sx_destroy(&sx);
	EXPECT_REPORT(test, n, SX_ERR "sx_destroy: destroying a lock that is held",
		      "lock \"md\"");
	sx_sunlock(&sx);	/* refused: still usable */
	sx_destroy(&sx);
}

static void misuse_sx_uninitialized_destroyed_double_init(struct kunit *test)
{
	struct sx *sx = kunit_kzalloc(test, sizeof(*sx), GFP_KERNEL);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, sx);
	n = bsd_lockdebug_count();
	sx_xlock(sx);
	EXPECT_REPORT(test, n, SX_ERR "sx_xlock: uninitialized lock", "lock \"\"");

	sx_init(sx, "mi");
	n = bsd_lockdebug_count();
	sx_init(sx, "mi");
	EXPECT_REPORT(test, n, SX_ERR "sx_init: already initialized", "lock \"mi\"");
	n = bsd_lockdebug_count();
	sx_init_flags(sx, "mi", SX_NEW);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n);

	sx_destroy(sx);
	n = bsd_lockdebug_count();
	sx_slock(sx);
	EXPECT_REPORT(test, n, SX_ERR "sx_slock: use of destroyed lock", "lock \"mi\"");
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, sx_try_xlock(sx), 0);
	EXPECT_REPORT(test, n, SX_ERR "sx_try_xlock: use of destroyed lock", "lock \"mi\"");
}

static void misuse_sx_assert(struct kunit *test)
{
	unsigned long n;
	struct sx sx;

	sx_init_flags(&sx, "ma", SX_RECURSE);
	n = bsd_lockdebug_count();
	sx_assert(&sx, SA_XLOCKED);
	EXPECT_REPORT(test, n, SX_ERR "sx_assert: not exclusively locked @ ", "lock \"ma\"");
	EXPECT_REPORT(test, n, __FILE__ ":", "lock \"ma\"");
	n = bsd_lockdebug_count();
	sx_assert(&sx, SA_LOCKED);
	EXPECT_REPORT(test, n, SX_ERR "sx_assert: not locked @ ", "lock \"ma\"");
	n = bsd_lockdebug_count();
	sx_assert(&sx, SA_SLOCKED);
	EXPECT_REPORT(test, n, SX_ERR "sx_assert: not share locked @ ", "lock \"ma\"");
	sx_xlock(&sx);
	n = bsd_lockdebug_count();
	sx_assert(&sx, SA_UNLOCKED);
	EXPECT_REPORT(test, n, SX_ERR "sx_assert: exclusively locked @ ", "lock \"ma\"");
	n = bsd_lockdebug_count();
	sx_assert(&sx, SA_XLOCKED | SA_RECURSED);
	EXPECT_REPORT(test, n, SX_ERR "sx_assert: not recursed @ ", "lock \"ma\"");
	sx_xlock(&sx);
	n = bsd_lockdebug_count();
	sx_assert(&sx, SA_XLOCKED | SA_NOTRECURSED);
	EXPECT_REPORT(test, n, SX_ERR "sx_assert: recursed @ ", "lock \"ma\"");
	sx_xunlock(&sx);
	sx_xunlock(&sx);
	sx_destroy(&sx);
}

static void misuse_sx_upgrade_downgrade(struct kunit *test)
{
	unsigned long n;
	struct sx sx;

	sx_init_flags(&sx, "mg", SX_RECURSE);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, sx_try_upgrade(&sx), 0);
	EXPECT_REPORT(test, n, SX_ERR "sx_try_upgrade: not share locked", "lock \"mg\"");
	n = bsd_lockdebug_count();
	sx_downgrade(&sx);
	EXPECT_REPORT(test, n, SX_ERR "sx_downgrade: not exclusively locked by the current thread",
		      "lock \"mg\"");
	sx_xlock(&sx);
	sx_xlock(&sx);
	n = bsd_lockdebug_count();
	sx_downgrade(&sx);
	EXPECT_REPORT(test, n, SX_ERR "sx_downgrade: downgrade of a recursed lock",
		      "lock \"mg\"");
	sx_xunlock(&sx);
	sx_xunlock(&sx);
	sx_destroy(&sx);
}

struct irq_sx {
	struct sx		sx;
	struct hrtimer		timer;
	struct completion	done;
	bool			held;
};

static enum hrtimer_restart irq_sx_timer(struct hrtimer *t)
{
	struct irq_sx *ie = container_of(t, struct irq_sx, timer);

	sx_xlock(&ie->sx);
	ie->held = sx_xlocked(&ie->sx);
	sx_xunlock(&ie->sx);
	complete(&ie->done);
	return HRTIMER_NORESTART;
}

static void misuse_sx_from_interrupt(struct kunit *test)
{
	struct irq_sx *ie = kunit_kzalloc(test, sizeof(*ie), GFP_KERNEL);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, ie);
	sx_init(&ie->sx, "mirq");
	init_completion(&ie->done);
	hrtimer_init(&ie->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	ie->timer.function = irq_sx_timer;
	n = bsd_lockdebug_count();
	hrtimer_start(&ie->timer, ns_to_ktime(NSEC_PER_MSEC),
		      HRTIMER_MODE_REL_HARD);
	wait_for_completion(&ie->done);
	EXPECT_REPORT(test, n,
		      SX_ERR "sx_xlock: acquiring a blocking lock from interrupt context",
		      "lock \"mirq\"");
	KUNIT_EXPECT_TRUE(test, ie->held);
	KUNIT_EXPECT_NE(test, try_in_thread(test, &ie->sx, true), 0);
	sx_destroy(&ie->sx);
}

static struct kunit_case freebsd_sx_cases[] = {
	KUNIT_CASE(sx_shared_holders_sleep_together),
	KUNIT_CASE(sx_exclusion_under_contention),
	KUNIT_CASE(sx_try_forms),
	KUNIT_CASE(sx_try_upgrade_sole_and_shared),
	KUNIT_CASE(sx_downgrade_atomic),
	KUNIT_CASE(sx_exclusive_recursion),
	KUNIT_CASE(sx_shared_recursion_passes_waiting_writer),
	KUNIT_CASE(sx_sig_interrupted),
	KUNIT_CASE(sx_free_after_unlock),
	KUNIT_CASE(sx_wait_gives_up_ipl_and_biglock),
	KUNIT_CASE(sx_lock_class_round_trip),
	KUNIT_CASE(sx_witness_sleepable),
	KUNIT_CASE(sx_lockdep_class_per_site),
	KUNIT_CASE(sx_sysinit_run),
	KUNIT_CASE(misuse_sx_unlock_not_held),
	KUNIT_CASE(misuse_sx_unlock_by_non_owner),
	KUNIT_CASE(misuse_sx_recursion),
	KUNIT_CASE(misuse_sx_destroy_held),
	KUNIT_CASE(misuse_sx_uninitialized_destroyed_double_init),
	KUNIT_CASE(misuse_sx_assert),
	KUNIT_CASE(misuse_sx_upgrade_downgrade),
	KUNIT_CASE(misuse_sx_from_interrupt),
	{}
};

static struct kunit_suite freebsd_sx_suite = {
	.name = "freebsd_sx",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = freebsd_sx_cases,
};
kunit_test_suite(freebsd_sx_suite);
