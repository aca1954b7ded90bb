// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: FreeBSD mutex(9), Giant, critical and spinlock sections. Each case
 * checks one rule of <sys/mutex.h> or <sys/critical.h>; the misuse cases
 * check one report each.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/irqflags.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/lock.h>
#include <sys/mutex.h>
#include <bsdcompat/biglock.h>
#include <bsdcompat/lockdebug.h>
#include <bsdcompat/spl.h>
#include <bsdcompat/witness.h>

#include "kunit_helpers.h"

MODULE_IMPORT_NS(BSDCOMPAT);

/* ---------------------------------------------------------------------- */
/* A kthread that holds a mutex until told to let go.                      */

struct holder {
	struct mtx		*m;
	struct completion	held;
	struct completion	release;
	struct completion	done;
	bool			spin;
	bool			take_giant;	/* take Giant before letting go */
	unsigned int		hold_ms;	/* keep holding after release */
	bool			releasing;
};

static int holder_fn(void *arg)
{
	struct holder *h = arg;

	if (h->spin)
		mtx_lock_spin(h->m);
	else
		mtx_lock(h->m);
	complete(&h->held);
	if (h->spin) {
		while (!completion_done(&h->release))
			cpu_relax();
	} else {
		wait_for_completion(&h->release);
		if (h->hold_ms)
			usleep_range(h->hold_ms * 1000, h->hold_ms * 1000 + 500);
		if (h->take_giant) {
			mtx_lock(&Giant);
			mtx_unlock(&Giant);
		}
	}
	WRITE_ONCE(h->releasing, true);
	if (h->spin)
		mtx_unlock_spin(h->m);
	else
		mtx_unlock(h->m);
	complete(&h->done);
	return 0;
}

static void holder_start(struct kunit *test, struct holder *h, struct mtx *m,
			 bool spin)
{
	struct task_struct *t;

	if (spin && num_online_cpus() < 2)
		kunit_skip(test, "a spin mutex held by another CPU needs 2 CPUs");
	h->m = m;
	h->spin = spin;
	h->releasing = false;
	init_completion(&h->held);
	init_completion(&h->release);
	init_completion(&h->done);
	t = kthread_create(holder_fn, h, "fmtx-holder");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	if (spin)
		kthread_bind(t, cpumask_any_but(cpu_online_mask,
						raw_smp_processor_id()));
	wake_up_process(t);
	wait_for_completion(&h->held);
}

static void holder_stop(struct holder *h)
{
	complete(&h->release);
	wait_for_completion(&h->done);
}

/* ---------------------------------------------------------------------- */
/* Sleep mutexes                                                           */

/*
 * Threads on every CPU (at least four) read, sleep, write under the mutex:
 * no update may be lost.
 */
#define RACE_LOOPS	50

struct race {
	struct mtx		m;
	unsigned long		counter;
	atomic_t		running;
	struct completion	done;
};

static int race_fn(void *arg)
{
	struct race *r = arg;
	unsigned long v;
	int i;

	for (i = 0; i < RACE_LOOPS; i++) {
		mtx_lock(&r->m);
		v = r->counter;
		usleep_range(20, 100);
		r->counter = v + 1;
		mtx_unlock(&r->m);
		if (i % 8 == 0)
			cond_resched();
	}
	if (atomic_dec_and_test(&r->running))
		complete(&r->done);
	return 0;
}

static void mtx_no_lost_update(struct kunit *test)
{
	struct race *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	int i, n = max(4U, 2 * num_online_cpus());
	struct task_struct *t;

	KUNIT_ASSERT_NOT_NULL(test, r);
	mtx_init(&r->m, "race", NULL, MTX_DEF);
	atomic_set(&r->running, n);
	init_completion(&r->done);
	for (i = 0; i < n; i++) {
		t = kthread_create(race_fn, r, "fmtx-race/%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
		kthread_bind(t, i % num_online_cpus());
		wake_up_process(t);
	}
	wait_for_completion(&r->done);
	KUNIT_EXPECT_EQ(test, r->counter, (unsigned long)n * RACE_LOOPS);
	mtx_destroy(&r->m);
}

static void mtx_owner_name_owned(struct kunit *test)
{
	struct mtx m = {};
	struct holder h = {};

	mtx_init(&m, "ownermtx", NULL, MTX_DEF);
	KUNIT_EXPECT_TRUE(test, mtx_initialized(&m));
	KUNIT_EXPECT_STREQ(test, mtx_name(&m), "ownermtx");
	KUNIT_EXPECT_FALSE(test, mtx_owned(&m));
	KUNIT_EXPECT_NULL(test, mtx_owner(&m));
	mtx_lock(&m);
	KUNIT_EXPECT_TRUE(test, mtx_owned(&m));
	KUNIT_EXPECT_PTR_EQ(test, mtx_owner(&m), curthread);
	/* The holder may sleep in Linux (not in a bsdcompat sleep). */
	usleep_range(100, 200);
	mtx_unlock(&m);
	KUNIT_EXPECT_FALSE(test, mtx_owned(&m));

	holder_start(test, &h, &m, false);
	KUNIT_EXPECT_FALSE(test, mtx_owned(&m));
	KUNIT_EXPECT_NOT_NULL(test, mtx_owner(&m));
	KUNIT_EXPECT_PTR_NE(test, mtx_owner(&m), curthread);
	holder_stop(&h);
	mtx_destroy(&m);
	KUNIT_EXPECT_FALSE(test, mtx_initialized(&m));
}

static void mtx_recurse_counts(struct kunit *test)
{
	struct mtx m = {};

	mtx_init(&m, "recmtx", NULL, MTX_DEF | MTX_RECURSE);
	mtx_lock(&m);
	KUNIT_EXPECT_FALSE(test, mtx_recursed(&m));
	mtx_assert(&m, MA_OWNED | MA_NOTRECURSED);
	mtx_lock(&m);
	KUNIT_EXPECT_NE(test, mtx_trylock(&m), 0);
	KUNIT_EXPECT_TRUE(test, mtx_recursed(&m));
	mtx_assert(&m, MA_OWNED | MA_RECURSED);
	mtx_unlock(&m);
	mtx_unlock(&m);
	KUNIT_EXPECT_TRUE(test, mtx_owned(&m));
	KUNIT_EXPECT_FALSE(test, mtx_recursed(&m));
	mtx_unlock(&m);
	KUNIT_EXPECT_FALSE(test, mtx_owned(&m));
	mtx_assert(&m, MA_NOTOWNED);
	mtx_destroy(&m);

	/* A recursive spin mutex: one spinlock section per level. */
	mtx_init(&m, "recspin", NULL, MTX_SPIN | MTX_RECURSE);
	mtx_lock_spin(&m);
	mtx_lock_spin(&m);
	KUNIT_EXPECT_TRUE(test, mtx_recursed(&m));
	KUNIT_EXPECT_EQ(test, freebsd_spinlock_nest(), 2);
	mtx_unlock_spin(&m);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	KUNIT_EXPECT_TRUE(test, mtx_owned(&m));
	mtx_unlock_spin(&m);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_FALSE(test, mtx_owned(&m));
	mtx_destroy(&m);
}

static void mtx_trylock_results(struct kunit *test)
{
	struct mtx m = {}, s = {};
	struct holder h = {};

	mtx_init(&m, "trymtx", NULL, MTX_DEF);
	KUNIT_EXPECT_NE(test, mtx_trylock(&m), 0);
	KUNIT_EXPECT_TRUE(test, mtx_owned(&m));
	/* Held by the caller, not recursive: fails, silently. */
	KUNIT_EXPECT_EQ(test, mtx_trylock(&m), 0);
	mtx_unlock(&m);
	KUNIT_EXPECT_FALSE(test, mtx_owned(&m));
	KUNIT_EXPECT_NE(test, mtx_trylock_flags(&m, MTX_QUIET), 0);
	mtx_unlock_flags(&m, MTX_QUIET);

	mtx_init(&s, "tryspin", NULL, MTX_SPIN);
	KUNIT_EXPECT_NE(test, mtx_trylock_spin(&s), 0);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, mtx_trylock_spin(&s), 0);
	mtx_unlock_spin(&s);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());

	/* Held by another thread. */
	holder_start(test, &h, &m, false);
	KUNIT_EXPECT_EQ(test, mtx_trylock(&m), 0);
	holder_stop(&h);
	mtx_destroy(&m);
	mtx_destroy(&s);
}

static void mtx_trylock_spin_held_by_other(struct kunit *test)
{
	struct mtx s = {};
	struct holder h = {};

	mtx_init(&s, "tryspin", NULL, MTX_SPIN);
	holder_start(test, &h, &s, true);
	KUNIT_EXPECT_EQ(test, mtx_trylock_spin(&s), 0);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_FALSE(test, mtx_owned(&s));
	holder_stop(&h);
	KUNIT_EXPECT_NE(test, mtx_trylock_spin(&s), 0);
	mtx_unlock_spin(&s);
	mtx_destroy(&s);
}

/*
 * Free under own lock (spl#421, zfs#6401): each thread drops its reference
 * under the object's mutex and the last one frees the object right after
 * mtx_unlock(). An unlock that touched the mutex after the release would
 * write to freed memory (KASAN reports it).
 */
#define FREE_THREADS	4
#define FREE_OBJECTS	128

struct fobj {
	struct mtx	lock;
	int		refs;
};

struct free_test {
	struct fobj		*objs[FREE_OBJECTS];
	atomic_t		running;
	atomic_t		freed;
	atomic_t		contended;
	struct completion	start;
	struct completion	done;
};

static int free_fn(void *arg)
{
	struct free_test *ft = arg;
	int i;

	wait_for_completion(&ft->start);
	for (i = 0; i < FREE_OBJECTS; i++) {
		struct fobj *o = ft->objs[i];
		bool last;

		if (!mtx_trylock(&o->lock)) {
			atomic_inc(&ft->contended);
			mtx_lock(&o->lock);
		}
		last = --o->refs == 0;
		if (!last && (i & 1))
			usleep_range(5, 20);
		if (last) {
			/* FreeBSD allows destroying it held once by the caller. */
			mtx_destroy(&o->lock);
			kfree(o);
			atomic_inc(&ft->freed);
		} else {
			mtx_unlock(&o->lock);
		}
	}
	if (atomic_dec_and_test(&ft->running))
		complete(&ft->done);
	return 0;
}

static void mtx_free_after_unlock(struct kunit *test)
{
	struct free_test *ft = kunit_kzalloc(test, sizeof(*ft), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, ft);
	for (i = 0; i < FREE_OBJECTS; i++) {
		ft->objs[i] = kzalloc(sizeof(*ft->objs[i]), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, ft->objs[i]);
		mtx_init(&ft->objs[i]->lock, "fobj", NULL, MTX_DEF);
		ft->objs[i]->refs = FREE_THREADS;
	}
	atomic_set(&ft->running, FREE_THREADS);
	init_completion(&ft->start);
	init_completion(&ft->done);
	for (i = 0; i < FREE_THREADS; i++)
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(free_fn, ft,
							   "fmtx-free/%d", i)));
	complete_all(&ft->start);
	wait_for_completion(&ft->done);
	KUNIT_EXPECT_EQ(test, atomic_read(&ft->freed), FREE_OBJECTS);
	kunit_info(test, "%d objects freed, %d contended acquisitions\n",
		   atomic_read(&ft->freed), atomic_read(&ft->contended));
}

/*
 * A thread at splvm() holding Giant waits for a mutex: it waits at
 * IPL_NONE without Giant (the holder takes Giant before letting go, which
 * would deadlock otherwise), and gets both back.
 */
static void mtx_wait_gives_up_ipl_and_giant(struct kunit *test)
{
	struct mtx m = {};
	struct holder h = {};
	int s;

	mtx_init(&m, "iplmtx", NULL, MTX_DEF);
	h.hold_ms = 20;
	h.take_giant = true;
	holder_start(test, &h, &m, false);
	mtx_lock(&Giant);
	mtx_lock(&Giant);
	s = bsd_splraise(BSD_IPL_VM);
	complete(&h.release);
	mtx_lock(&m);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(h.releasing));
	KUNIT_EXPECT_EQ(test, bsd_curipl(), BSD_IPL_VM);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, bsd_kernel_lock_depth(), 2);
	mtx_unlock(&m);
	bsd_splx(s);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	mtx_unlock(&Giant);
	mtx_unlock(&Giant);
	KUNIT_EXPECT_FALSE(test, mtx_owned(&Giant));
	wait_for_completion(&h.done);
	mtx_destroy(&m);
}

/* Two mutexes of one class, nested: MTX_DUPOK keeps lockdep quiet. */
static void mtx_dupok_nests(struct kunit *test)
{
	struct mtx m[2] = {}, s[2] = {};
	int i;

	for (i = 0; i < 2; i++) {
		mtx_init(&m[i], "dupok", NULL, MTX_DEF | MTX_DUPOK);
		mtx_init(&s[i], "dupokspin", NULL, MTX_SPIN | MTX_DUPOK);
	}
	mtx_lock(&m[0]);
	mtx_lock(&m[1]);
	mtx_lock_spin(&s[0]);
	mtx_lock_spin(&s[1]);
	KUNIT_EXPECT_TRUE(test, mtx_owned(&s[1]));
	mtx_unlock_spin(&s[1]);
	mtx_unlock_spin(&s[0]);
	mtx_unlock(&m[1]);
	mtx_unlock(&m[0]);
	for (i = 0; i < 2; i++) {
		mtx_destroy(&m[i]);
		mtx_destroy(&s[i]);
	}
}

static void mtx_assert_passes(struct kunit *test)
{
	struct mtx m = {};

	mtx_init(&m, "assertmtx", "assert type", MTX_DEF);
	mtx_assert(&m, MA_NOTOWNED);
	mtx_lock(&m);
	mtx_assert(&m, MA_OWNED);
	mtx_assert(&m, MA_OWNED | MA_NOTRECURSED);
	mtx_unlock(&m);
	mtx_destroy(&m);
}

/* The per-thread witness list sees each held mutex once. */
static void mtx_witness_sees_held(struct kunit *test)
{
	struct mtx m = {}, s = {}, n = {};

	mtx_init(&m, "witmtx", NULL, MTX_DEF | MTX_RECURSE);
	mtx_init(&s, "witspin", NULL, MTX_SPIN);
	mtx_init(&n, "nowit", NULL, MTX_DEF | MTX_NOWITNESS);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(false), 0U);
	mtx_lock(&m);
	if (!bsd_witness_held(false)) {
		mtx_unlock(&m);
		kunit_skip(test, "witness is off");
	}
	mtx_lock(&m);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(false), 1U);
	mtx_lock_spin(&s);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(false), 2U);
	mtx_unlock_spin(&s);
	mtx_lock(&n);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(false), 1U);
	mtx_unlock(&n);
	mtx_unlock(&m);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(false), 1U);
	mtx_unlock(&m);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(false), 0U);

	/* Giant is sleepable. */
	mtx_lock(&Giant);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(true), 1U);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(false), 0U);
	mtx_unlock(&Giant);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(true), 0U);
	mtx_destroy(&m);
	mtx_destroy(&s);
	mtx_destroy(&n);
}

/* sleep(9) gives a mutex up and takes it back through its class. */
static void mtx_lock_class_round_trip(struct kunit *test)
{
	struct mtx m = {}, s = {};
	const struct lock_class *lc;
	uintptr_t how;

	mtx_init(&m, "lcmtx", NULL, MTX_DEF);
	mtx_init(&s, "lcspin", NULL, MTX_SPIN);
	KUNIT_EXPECT_PTR_EQ(test, LOCK_CLASS(&m.lock_object),
			    &freebsd_lock_class_mtx_sleep);
	KUNIT_EXPECT_PTR_EQ(test, LOCK_CLASS(&s.lock_object),
			    &freebsd_lock_class_mtx_spin);

	lc = LOCK_CLASS(&m.lock_object);
	mtx_lock(&m);
	KUNIT_EXPECT_TRUE(test, lc->lc_owned(&m.lock_object));
	how = lc->lc_unlock(&m.lock_object);
	KUNIT_EXPECT_FALSE(test, mtx_owned(&m));
	KUNIT_EXPECT_FALSE(test, lc->lc_owned(&m.lock_object));
	lc->lc_lock(&m.lock_object, how);
	KUNIT_EXPECT_TRUE(test, mtx_owned(&m));
	mtx_unlock(&m);

	lc = LOCK_CLASS(&s.lock_object);
	mtx_lock_spin(&s);
	how = lc->lc_unlock(&s.lock_object);
	KUNIT_EXPECT_FALSE(test, mtx_owned(&s));
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	lc->lc_lock(&s.lock_object, how);
	KUNIT_EXPECT_TRUE(test, mtx_owned(&s));
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	mtx_unlock_spin(&s);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());

	/* Giant as the interlock: every hold goes and comes back. */
	lc = LOCK_CLASS(&Giant.lock_object);
	mtx_lock(&Giant);
	mtx_lock(&Giant);
	how = lc->lc_unlock(&Giant.lock_object);
	KUNIT_EXPECT_FALSE(test, mtx_owned(&Giant));
	KUNIT_EXPECT_FALSE(test, bsd_kernel_locked_p());
	lc->lc_lock(&Giant.lock_object, how);
	KUNIT_EXPECT_EQ(test, bsd_kernel_lock_depth(), 2);
	KUNIT_EXPECT_TRUE(test, mtx_recursed(&Giant));
	mtx_unlock(&Giant);
	mtx_unlock(&Giant);
	mtx_destroy(&m);
	mtx_destroy(&s);
}

static struct mtx sysinit_mtx;
MTX_SYSINIT(fmtx_test, &sysinit_mtx, "sysinit mtx", MTX_DEF);

static void mtx_sysinit_works(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, mtx_initialized(&sysinit_mtx));
	MTX_SYSINIT_RUN(fmtx_test);
	KUNIT_EXPECT_TRUE(test, mtx_initialized(&sysinit_mtx));
	KUNIT_EXPECT_STREQ(test, mtx_name(&sysinit_mtx), "sysinit mtx");
	mtx_lock(&sysinit_mtx);
	mtx_assert(&sysinit_mtx, MA_OWNED);
	mtx_unlock(&sysinit_mtx);
	MTX_SYSUNINIT_RUN(fmtx_test);
	KUNIT_EXPECT_FALSE(test, mtx_initialized(&sysinit_mtx));
}

/* ---------------------------------------------------------------------- */
/* Spin mutexes, spinlock and critical sections                           */

struct spin_irq {
	struct mtx	m;
	struct hrtimer	timer;
	unsigned long	a, b;
	unsigned long	torn, hits;
	bool		stop;
};

static enum hrtimer_restart spin_irq_timer(struct hrtimer *t)
{
	struct spin_irq *si = container_of(t, struct spin_irq, timer);

	mtx_lock_spin(&si->m);
	if (si->a != si->b)
		si->torn++;
	si->a++;
	si->b++;
	si->hits++;
	mtx_unlock_spin(&si->m);
	if (READ_ONCE(si->stop))
		return HRTIMER_NORESTART;
	hrtimer_forward_now(t, ns_to_ktime(20 * NSEC_PER_USEC));
	return HRTIMER_RESTART;
}

/* A spin mutex excludes an hrtimer interrupt that takes it too. */
static void mtx_spin_excludes_interrupt(struct kunit *test)
{
	struct spin_irq *si = kunit_kzalloc(test, sizeof(*si), GFP_KERNEL);
	unsigned long deadline, loops = 0, torn = 0;

	KUNIT_ASSERT_NOT_NULL(test, si);
	mtx_init(&si->m, "irqspin", NULL, MTX_SPIN);
	hrtimer_init(&si->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	si->timer.function = spin_irq_timer;
	hrtimer_start(&si->timer, ns_to_ktime(20 * NSEC_PER_USEC),
		      HRTIMER_MODE_REL_HARD);
	deadline = jiffies + msecs_to_jiffies(300);
	while (time_before(jiffies, deadline) || !READ_ONCE(si->hits)) {
		mtx_lock_spin(&si->m);
		KUNIT_EXPECT_TRUE(test, irqs_disabled());
		if (si->a != si->b)
			torn++;
		si->a++;
		udelay(5);
		si->b++;
		mtx_unlock_spin(&si->m);
		loops++;
		cond_resched();
	}
	WRITE_ONCE(si->stop, true);
	hrtimer_cancel(&si->timer);
	KUNIT_EXPECT_EQ(test, torn, 0UL);
	KUNIT_EXPECT_EQ(test, si->torn, 0UL);
	KUNIT_EXPECT_EQ(test, si->a, si->b);
	kunit_info(test, "%lu thread and %lu interrupt critical sections\n",
		   loops, si->hits);
	mtx_destroy(&si->m);
}

static void spinlock_section_nests(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	spinlock_enter();
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, freebsd_spinlock_nest(), 1);
	KUNIT_EXPECT_EQ(test, freebsd_critical_nest(), 1);
	CRITICAL_ASSERT(curthread);
	spinlock_enter();
	KUNIT_EXPECT_EQ(test, freebsd_spinlock_nest(), 2);
	spinlock_exit();
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	spinlock_exit();
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, freebsd_spinlock_nest(), 0);
	KUNIT_EXPECT_EQ(test, freebsd_critical_nest(), 0);

	/* Entered with interrupts already off, the last exit leaves them off. */
	local_irq_disable();
	spinlock_enter();
	spinlock_exit();
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	local_irq_enable();
}

static void critical_section_stays_on_cpu(struct kunit *test)
{
	int cpu, i;
	bool moved = false;

	critical_enter();
	critical_enter();
	KUNIT_EXPECT_EQ(test, freebsd_critical_nest(), 2);
	cpu = raw_smp_processor_id();
	for (i = 0; i < 200; i++) {
		udelay(10);
		if (raw_smp_processor_id() != cpu)
			moved = true;
	}
	KUNIT_EXPECT_FALSE(test, moved);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	if (IS_ENABLED(CONFIG_PREEMPT_COUNT))
		KUNIT_EXPECT_FALSE(test, preemptible());
	CRITICAL_ASSERT(curthread);
	critical_exit();
	KUNIT_EXPECT_EQ(test, freebsd_critical_nest(), 1);
	critical_exit();
	KUNIT_EXPECT_EQ(test, freebsd_critical_nest(), 0);
}

/* ---------------------------------------------------------------------- */
/* Giant                                                                   */

/*
 * mtx_trylock(&Giant) takes the big lock if it is free and recurses for a
 * holder; mtx_owner(&Giant) names whoever holds it, here a thread that
 * took it and waits (in a Linux sleep, which keeps it).
 */
struct giant_holder {
	struct completion	held;
	struct completion	release;
};

static int giant_holder_fn(void *arg)
{
	struct giant_holder *gh = arg;

	mtx_lock(&Giant);
	complete(&gh->held);
	wait_for_completion(&gh->release);
	mtx_unlock(&Giant);
	return 0;
}

static void giant_trylock_and_owner(struct kunit *test)
{
	struct giant_holder *gh = kunit_kzalloc(test, sizeof(*gh), GFP_KERNEL);
	struct task_struct *t;

	KUNIT_ASSERT_NOT_NULL(test, gh);
	KUNIT_EXPECT_TRUE(test, mtx_owner(&Giant) == NULL);
	KUNIT_ASSERT_EQ(test, mtx_trylock(&Giant), 1);
	KUNIT_EXPECT_TRUE(test, mtx_owner(&Giant) == curthread);
	KUNIT_EXPECT_EQ(test, mtx_trylock(&Giant), 1);
	KUNIT_EXPECT_TRUE(test, mtx_recursed(&Giant));
	KUNIT_EXPECT_EQ(test, bsd_witness_held(true), 1U);
	mtx_unlock(&Giant);
	mtx_unlock(&Giant);
	KUNIT_EXPECT_FALSE(test, mtx_owned(&Giant));
	KUNIT_EXPECT_EQ(test, bsd_witness_held(true), 0U);

	init_completion(&gh->held);
	init_completion(&gh->release);
	t = kthread_run(giant_holder_fn, gh, "giant-holder");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	wait_for_completion(&gh->held);
	KUNIT_EXPECT_EQ(test, mtx_trylock(&Giant), 0);
	KUNIT_EXPECT_TRUE(test, mtx_owner(&Giant) == (struct thread *)t);
	complete(&gh->release);
	mtx_lock(&Giant);	/* once the holder let go */
	KUNIT_EXPECT_TRUE(test, mtx_owner(&Giant) == curthread);
	mtx_unlock(&Giant);
}

static void giant_recursion_and_drop(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, mtx_owned(&Giant));
	mtx_lock(&Giant);
	GIANT_REQUIRED;
	KUNIT_EXPECT_TRUE(test, bsd_kernel_locked_p());
	KUNIT_EXPECT_FALSE(test, mtx_recursed(&Giant));
	mtx_lock(&Giant);
	KUNIT_EXPECT_TRUE(test, mtx_recursed(&Giant));
	mtx_assert(&Giant, MA_OWNED | MA_RECURSED);
	KUNIT_EXPECT_EQ(test, bsd_kernel_lock_depth(), 2);
	KUNIT_EXPECT_PTR_EQ(test, mtx_owner(&Giant), curthread);

	DROP_GIANT();
	KUNIT_EXPECT_FALSE(test, mtx_owned(&Giant));
	KUNIT_EXPECT_FALSE(test, bsd_kernel_locked_p());
	mtx_assert(&Giant, MA_NOTOWNED);
	PICKUP_GIANT();
	KUNIT_EXPECT_EQ(test, bsd_kernel_lock_depth(), 2);

	DROP_GIANT();
	PARTIAL_PICKUP_GIANT();
	KUNIT_EXPECT_EQ(test, bsd_kernel_lock_depth(), 2);
	PICKUP_GIANT();		/* nothing left to take */
	KUNIT_EXPECT_EQ(test, bsd_kernel_lock_depth(), 2);

	mtx_unlock(&Giant);
	mtx_unlock(&Giant);
	KUNIT_EXPECT_FALSE(test, bsd_kernel_locked_p());

	/* NetBSD's KERNEL_LOCK is the same lock. */
	bsd_kernel_lock(1, _THIS_IP_);
	KUNIT_EXPECT_TRUE(test, mtx_owned(&Giant));
	mtx_lock(&Giant);
	KUNIT_EXPECT_EQ(test, bsd_kernel_lock_depth(), 2);
	mtx_unlock(&Giant);
	bsd_kernel_unlock(1, NULL, _THIS_IP_);
	KUNIT_EXPECT_FALSE(test, mtx_owned(&Giant));

	/* Not held: DROP/PICKUP do nothing. */
	DROP_GIANT();
	KUNIT_EXPECT_FALSE(test, mtx_owned(&Giant));
	PICKUP_GIANT();
	KUNIT_EXPECT_FALSE(test, mtx_owned(&Giant));
}

/* ---------------------------------------------------------------------- */
/* mtx_pool(9)                                                             */

static void mtx_pool_shares_by_address(struct kunit *test)
{
	struct mtx_pool *pool, *spool;
	int objs[8], i;
	struct mtx *m;

	pool = mtx_pool_create("test pool", 5, MTX_DEF);
	KUNIT_ASSERT_NOT_NULL(test, pool);
	for (i = 0; i < ARRAY_SIZE(objs); i++) {
		m = mtx_pool_find(pool, &objs[i]);
		KUNIT_EXPECT_PTR_EQ(test, m, mtx_pool_find(pool, &objs[i]));
		KUNIT_EXPECT_STREQ(test, mtx_name(m), "test pool");
		mtx_pool_lock(pool, &objs[i]);
		KUNIT_EXPECT_TRUE(test, mtx_owned(m));
		usleep_range(10, 20);	/* a sleep mutex: Linux sleeps are fine */
		mtx_pool_unlock(pool, &objs[i]);
		KUNIT_EXPECT_FALSE(test, mtx_owned(m));
	}
	/* Eight mutexes (5 rounded up), handed out in turn. */
	m = mtx_pool_alloc(pool);
	for (i = 1; i < 8; i++)
		KUNIT_EXPECT_PTR_NE(test, mtx_pool_alloc(pool), m);
	KUNIT_EXPECT_PTR_EQ(test, mtx_pool_alloc(pool), m);
	mtx_pool_destroy(&pool);
	KUNIT_EXPECT_NULL(test, pool);

	spool = mtx_pool_create("spin pool", 1, MTX_SPIN);
	KUNIT_ASSERT_NOT_NULL(test, spool);
	mtx_pool_lock_spin(spool, &objs[0]);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	KUNIT_EXPECT_PTR_EQ(test, mtx_pool_find(spool, &objs[0]),
			    mtx_pool_find(spool, &objs[7]));
	mtx_pool_unlock_spin(spool, &objs[0]);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	mtx_pool_destroy(&spool);

	/* The system pool is always there. */
	mtx_pool_lock(mtxpool_sleep, &objs[3]);
	KUNIT_EXPECT_TRUE(test, mtx_owned(mtx_pool_find(mtxpool_sleep, &objs[3])));
	mtx_pool_unlock(mtxpool_sleep, &objs[3]);
}

/*
 * What an uncontended pair costs, next to Linux's own locks, printed for
 * Documentation/freebsd-mutex.md. No threshold: only that it comes back free.
 */
#define COST_ROUNDS	20000

static u64 cost_ns(u64 t0)
{
	return (ktime_get_ns() - t0) / COST_ROUNDS;
}

static void mtx_uncontended_cost(struct kunit *test)
{
	struct mtx m = {}, s = {}, nw = {};
	struct mutex lm;
	raw_spinlock_t rs;
	unsigned long flags;
	u64 t0, sleep, nowit, spin, giant, linux_mutex, linux_raw, crit;
	int i;

	mtx_init(&nw, "costnowit", NULL, MTX_DEF | MTX_NOWITNESS);
	mtx_init(&m, "costmtx", NULL, MTX_DEF);
	mtx_init(&s, "costspin", NULL, MTX_SPIN);
	mutex_init(&lm);
	raw_spin_lock_init(&rs);
	t0 = ktime_get_ns();
	for (i = 0; i < COST_ROUNDS; i++) {
		mtx_lock(&m);
		mtx_unlock(&m);
	}
	sleep = cost_ns(t0);
	t0 = ktime_get_ns();
	for (i = 0; i < COST_ROUNDS; i++) {
		mtx_lock(&nw);
		mtx_unlock(&nw);
	}
	nowit = cost_ns(t0);
	t0 = ktime_get_ns();
	for (i = 0; i < COST_ROUNDS; i++) {
		mtx_lock_spin(&s);
		mtx_unlock_spin(&s);
	}
	spin = cost_ns(t0);
	t0 = ktime_get_ns();
	for (i = 0; i < COST_ROUNDS; i++) {
		mtx_lock(&Giant);
		mtx_unlock(&Giant);
	}
	giant = cost_ns(t0);
	t0 = ktime_get_ns();
	for (i = 0; i < COST_ROUNDS; i++) {
		critical_enter();
		critical_exit();
	}
	crit = cost_ns(t0);
	t0 = ktime_get_ns();
	for (i = 0; i < COST_ROUNDS; i++) {
		mutex_lock(&lm);
		mutex_unlock(&lm);
	}
	linux_mutex = cost_ns(t0);
	t0 = ktime_get_ns();
	for (i = 0; i < COST_ROUNDS; i++) {
		raw_spin_lock_irqsave(&rs, flags);
		raw_spin_unlock_irqrestore(&rs, flags);
	}
	linux_raw = cost_ns(t0);
	KUNIT_EXPECT_FALSE(test, mtx_owned(&m));
	KUNIT_EXPECT_FALSE(test, mtx_owned(&s));
	kunit_info(test,
		   "ns per pair: sleep mtx %llu (MTX_NOWITNESS %llu), spin mtx %llu, Giant %llu, critical section %llu; Linux mutex %llu, raw_spin_lock_irqsave %llu\n",
		   sleep, nowit, spin, giant, crit, linux_mutex, linux_raw);
	mutex_destroy(&lm);
	mtx_destroy(&m);
	mtx_destroy(&s);
	mtx_destroy(&nw);
}

/* ---------------------------------------------------------------------- */
/* Misuse                                                                  */

static void misuse_lock_of_spin(struct kunit *test)
{
	struct mtx s = {};
	unsigned long n;

	mtx_init(&s, "mspin", NULL, MTX_SPIN);
	n = bsd_lockdebug_count();
	mtx_lock(&s);
	EXPECT_REPORT(test, n, "spin mutex error: mtx_lock: mtx_lock() of spin mutex mspin",
		      "lock \"mspin\"");
	KUNIT_EXPECT_TRUE(test, irqs_disabled());	/* taken as a spin mutex */
	n = bsd_lockdebug_count();
	mtx_unlock(&s);
	EXPECT_REPORT(test, n, "mtx_unlock() of spin mutex mspin", "lock \"mspin\"");
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_FALSE(test, mtx_owned(&s));
	mtx_destroy(&s);
}

static void misuse_lock_spin_of_sleep(struct kunit *test)
{
	struct mtx m = {};
	unsigned long n;

	mtx_init(&m, "msleep", NULL, MTX_DEF);
	n = bsd_lockdebug_count();
	mtx_lock_spin(&m);
	EXPECT_REPORT(test, n, "sleep mutex error: mtx_lock_spin: mtx_lock_spin() of sleep mutex msleep",
		      "lock \"msleep\"");
	KUNIT_EXPECT_TRUE(test, mtx_owned(&m));
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	n = bsd_lockdebug_count();
	mtx_unlock_spin(&m);
	EXPECT_REPORT(test, n, "mtx_unlock_spin() of sleep mutex msleep",
		      "lock \"msleep\"");
	KUNIT_EXPECT_FALSE(test, mtx_owned(&m));
	mtx_destroy(&m);
}

static void misuse_trylock_wrong_kind(struct kunit *test)
{
	struct mtx m = {}, s = {};
	unsigned long n;

	mtx_init(&m, "tsleep", NULL, MTX_DEF);
	mtx_init(&s, "tspin", NULL, MTX_SPIN);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_NE(test, mtx_trylock(&s), 0);
	EXPECT_REPORT(test, n, "mtx_trylock() of spin mutex tspin",
		      "lock \"tspin\"");
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	mtx_unlock_spin(&s);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_NE(test, mtx_trylock_spin(&m), 0);
	EXPECT_REPORT(test, n, "mtx_trylock_spin() of sleep mutex tsleep",
		      "lock \"tsleep\"");
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	mtx_unlock(&m);
	KUNIT_EXPECT_FALSE(test, mtx_owned(&m));
	mtx_destroy(&m);
	mtx_destroy(&s);
}

static void misuse_recurse_non_recursive(struct kunit *test)
{
	struct mtx m = {}, s = {};
	unsigned long n;

	mtx_init(&m, "nrec", NULL, MTX_DEF);
	mtx_init(&s, "nrecspin", NULL, MTX_SPIN);
	mtx_lock(&m);
	n = bsd_lockdebug_count();
	mtx_lock(&m);
	EXPECT_REPORT(test, n, "recursed on non-recursive mutex nrec",
		      "lock \"nrec\"");
	/* Counted all the same: the unlocks balance. */
	KUNIT_EXPECT_TRUE(test, mtx_recursed(&m));
	mtx_unlock(&m);
	mtx_unlock(&m);
	KUNIT_EXPECT_FALSE(test, mtx_owned(&m));

	mtx_lock_spin(&s);
	n = bsd_lockdebug_count();
	mtx_lock_spin(&s);
	EXPECT_REPORT(test, n, "recursed on non-recursive mutex nrecspin",
		      "lock \"nrecspin\"");
	mtx_unlock_spin(&s);
	mtx_unlock_spin(&s);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);
	mtx_destroy(&m);
	mtx_destroy(&s);
}

static void misuse_unlock_not_owned(struct kunit *test)
{
	struct mtx m = {}, s = {};
	struct holder h = {};
	unsigned long n;

	mtx_init(&m, "nown", NULL, MTX_DEF);
	mtx_init(&s, "nownspin", NULL, MTX_SPIN);
	n = bsd_lockdebug_count();
	mtx_unlock(&m);
	EXPECT_REPORT(test, n, "mutex nown not owned", "lock \"nown\"");
	n = bsd_lockdebug_count();
	mtx_unlock_spin(&s);
	EXPECT_REPORT(test, n, "mutex nownspin not owned", "lock \"nownspin\"");
	KUNIT_EXPECT_FALSE(test, irqs_disabled());

	holder_start(test, &h, &m, false);
	n = bsd_lockdebug_count();
	mtx_unlock(&m);
	EXPECT_REPORT(test, n, "mutex nown not owned", "lock \"nown\"");
	KUNIT_EXPECT_NOT_NULL(test, mtx_owner(&m));	/* still the holder's */
	holder_stop(&h);
	mtx_destroy(&m);
	mtx_destroy(&s);
}

static void misuse_destroy_held(struct kunit *test)
{
	struct mtx m = {};
	struct holder h = {};
	unsigned long n;

	mtx_init(&m, "dheld", NULL, MTX_DEF | MTX_RECURSE);
	holder_start(test, &h, &m, false);
	n = bsd_lockdebug_count();
	mtx_destroy(&m);
	EXPECT_REPORT(test, n, "mutex dheld held by another thread",
		      "lock \"dheld\"");
	KUNIT_EXPECT_TRUE(test, mtx_initialized(&m));
	holder_stop(&h);

	mtx_lock(&m);
	mtx_lock(&m);
	n = bsd_lockdebug_count();
	mtx_destroy(&m);
	EXPECT_REPORT(test, n, "mutex dheld recursed", "lock \"dheld\"");
	mtx_unlock(&m);
	mtx_destroy(&m);	/* held once by the caller: allowed */
	KUNIT_EXPECT_FALSE(test, mtx_initialized(&m));
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);
}

static void misuse_destroyed_and_uninitialized(struct kunit *test)
{
	struct mtx m = {}, z = {};
	unsigned long n;

	mtx_init(&m, "gone", NULL, MTX_DEF);
	mtx_destroy(&m);
	n = bsd_lockdebug_count();
	mtx_lock(&m);
	EXPECT_REPORT(test, n, "mtx_lock() of destroyed mutex", "lock \"gone\"");
	KUNIT_EXPECT_FALSE(test, mtx_owned(&m));
	n = bsd_lockdebug_count();
	mtx_unlock(&m);
	EXPECT_REPORT(test, n, "mtx_unlock() of destroyed mutex", "lock \"gone\"");

	n = bsd_lockdebug_count();
	mtx_lock_spin(&z);
	EXPECT_REPORT(test, n, "mtx_lock_spin() of uninitialized mutex",
		      "lock \"\"");
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
}

static void misuse_double_init(struct kunit *test)
{
	struct mtx m = {};
	unsigned long n;

	mtx_init(&m, "twice", NULL, MTX_DEF);
	n = bsd_lockdebug_count();
	mtx_init(&m, "twice", NULL, MTX_DEF);
	EXPECT_REPORT(test, n, "lock \"twice\"", "already initialized");
	n = bsd_lockdebug_count();
	mtx_init(&m, "twice", NULL, MTX_DEF | MTX_NEW);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n);
	mtx_destroy(&m);
}

static void misuse_assert_fails(struct kunit *test)
{
	struct mtx m = {};
	unsigned long n;

	mtx_init(&m, "amtx", NULL, MTX_DEF | MTX_RECURSE);
	n = bsd_lockdebug_count();
	mtx_assert(&m, MA_OWNED);
	EXPECT_REPORT(test, n, "mutex amtx not owned at freebsd_mutex_test.c:",
		      "lock \"amtx\"");
	mtx_lock(&m);
	n = bsd_lockdebug_count();
	mtx_assert(&m, MA_NOTOWNED);
	EXPECT_REPORT(test, n, "mutex amtx owned at freebsd_mutex_test.c:",
		      "lock \"amtx\"");
	n = bsd_lockdebug_count();
	mtx_assert(&m, MA_OWNED | MA_RECURSED);
	EXPECT_REPORT(test, n, "mutex amtx unrecursed at freebsd_mutex_test.c:",
		      "lock \"amtx\"");
	mtx_lock(&m);
	n = bsd_lockdebug_count();
	mtx_assert(&m, MA_OWNED | MA_NOTRECURSED);
	EXPECT_REPORT(test, n, "mutex amtx recursed at freebsd_mutex_test.c:",
		      "lock \"amtx\"");
	mtx_unlock(&m);
	mtx_unlock(&m);
	n = bsd_lockdebug_count();
	mtx_assert(&m, MA_RECURSED);
	EXPECT_REPORT(test, n, "unknown mtx_assert at freebsd_mutex_test.c:",
		      "lock \"amtx\"");
	n = bsd_lockdebug_count();
	GIANT_REQUIRED;
	EXPECT_REPORT(test, n, "mutex Giant not owned at freebsd_mutex_test.c:",
		      "lock \"Giant\"");
	mtx_destroy(&m);
}

static void misuse_sleep_lock_with_spin_held(struct kunit *test)
{
	struct mtx m = {}, s = {};
	unsigned long n;

	mtx_init(&m, "slk", NULL, MTX_DEF);
	mtx_init(&s, "slkspin", NULL, MTX_SPIN);
	mtx_lock_spin(&s);
	n = bsd_lockdebug_count();
	mtx_lock(&m);		/* free: the busy-wait gets it */
	EXPECT_REPORT(test, n,
		      "acquiring blockable sleep lock with spinlock or critical section held (sleep mutex) slk",
		      "lock \"slk\"");
	KUNIT_EXPECT_TRUE(test, mtx_owned(&m));
	mtx_unlock(&m);
	mtx_unlock_spin(&s);

	critical_enter();
	n = bsd_lockdebug_count();
	mtx_lock(&m);
	EXPECT_REPORT(test, n, "spinlock or critical section held", "lock \"slk\"");
	mtx_unlock(&m);
	critical_exit();
	KUNIT_EXPECT_FALSE(test, mtx_owned(&m));
	mtx_destroy(&m);
	mtx_destroy(&s);
}

struct irq_lock {
	struct mtx		m;
	struct hrtimer		timer;
	struct completion	done;
	bool			owned;
};

static enum hrtimer_restart irq_lock_timer(struct hrtimer *t)
{
	struct irq_lock *il = container_of(t, struct irq_lock, timer);

	mtx_lock(&il->m);
	il->owned = mtx_owned(&il->m);
	if (il->owned)
		mtx_unlock(&il->m);
	complete(&il->done);
	return HRTIMER_NORESTART;
}

static void misuse_sleep_lock_in_interrupt(struct kunit *test)
{
	struct irq_lock *il = kunit_kzalloc(test, sizeof(*il), GFP_KERNEL);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, il);
	mtx_init(&il->m, "irqmtx", NULL, MTX_DEF);
	init_completion(&il->done);
	hrtimer_init(&il->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	il->timer.function = irq_lock_timer;
	n = bsd_lockdebug_count();
	hrtimer_start(&il->timer, ns_to_ktime(NSEC_PER_MSEC),
		      HRTIMER_MODE_REL_HARD);
	wait_for_completion(&il->done);
	EXPECT_REPORT(test, n,
		      "acquiring blockable sleep lock in interrupt context (sleep mutex) irqmtx",
		      "lock \"irqmtx\"");
	KUNIT_EXPECT_TRUE(test, il->owned);
	KUNIT_EXPECT_NULL(test, mtx_owner(&il->m));
	mtx_destroy(&il->m);
}

/*
 * An interrupt that (wrongly) takes a sleep mutex that a thread holds: if
 * it is the interrupted thread, refused at once; if another, it busy-waits,
 * gives up and says so. Two reports each time; the holder keeps its mutex.
 */
static enum hrtimer_restart irq_gives_up_timer(struct hrtimer *t)
{
	struct irq_lock *il = container_of(t, struct irq_lock, timer);

	mtx_lock(&il->m);
	il->owned = mtx_owned(&il->m);
	complete(&il->done);
	return HRTIMER_NORESTART;
}

static void check_irq_gives_up(struct kunit *test, struct irq_lock *il,
			       const char *what)
{
	char line[BSD_LOCKDEBUG_MSGLEN];
	unsigned long n;

	reinit_completion(&il->done);
	n = bsd_lockdebug_count();
	/* Pinned to this CPU, with preemption off: it interrupts us. */
	preempt_disable();
	hrtimer_start(&il->timer, ns_to_ktime(NSEC_PER_MSEC),
		      HRTIMER_MODE_REL_PINNED_HARD);
	while (!completion_done(&il->done))
		cpu_relax();
	preempt_enable();
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 2);
	bsd_lockdebug_last(line, sizeof(line));
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(line, what), "report: %s", line);
	KUNIT_EXPECT_FALSE(test, il->owned);
}

static void misuse_interrupt_gives_up(struct kunit *test)
{
	struct irq_lock *il = kunit_kzalloc(test, sizeof(*il), GFP_KERNEL);
	struct holder h = {};

	KUNIT_ASSERT_NOT_NULL(test, il);
	mtx_init(&il->m, "giveup", NULL, MTX_DEF);
	init_completion(&il->done);
	hrtimer_init(&il->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_PINNED_HARD);
	il->timer.function = irq_gives_up_timer;

	mtx_lock(&il->m);
	check_irq_gives_up(test, il,
			   "mutex giveup held by the interrupted thread: not acquired");
	KUNIT_EXPECT_TRUE(test, mtx_owned(&il->m));
	mtx_unlock(&il->m);

	holder_start(test, &h, &il->m, false);
	check_irq_gives_up(test, il, "gave up waiting: not acquired");
	holder_stop(&h);
	KUNIT_EXPECT_NULL(test, mtx_owner(&il->m));
	mtx_destroy(&il->m);
}

static void misuse_lc_unlock_recursed(struct kunit *test)
{
	struct mtx m = {};
	const struct lock_class *lc;
	unsigned long n;
	uintptr_t how;

	mtx_init(&m, "lcrec", NULL, MTX_DEF | MTX_RECURSE);
	lc = LOCK_CLASS(&m.lock_object);
	mtx_lock(&m);
	mtx_lock(&m);
	n = bsd_lockdebug_count();
	how = lc->lc_unlock(&m.lock_object);
	EXPECT_REPORT(test, n, "mutex lcrec recursed", "lock \"lcrec\"");
	KUNIT_EXPECT_FALSE(test, mtx_owned(&m));
	lc->lc_lock(&m.lock_object, how);
	KUNIT_EXPECT_TRUE(test, mtx_recursed(&m));
	mtx_unlock(&m);
	mtx_unlock(&m);
	KUNIT_EXPECT_FALSE(test, mtx_owned(&m));

	n = bsd_lockdebug_count();
	how = lc->lc_unlock(&m.lock_object);
	EXPECT_REPORT(test, n, "mutex lcrec not owned", "lock \"lcrec\"");
	lc->lc_lock(&m.lock_object, how);
	KUNIT_EXPECT_FALSE(test, mtx_owned(&m));
	mtx_destroy(&m);
}

static void misuse_giant(struct kunit *test)
{
	unsigned long n;

	n = bsd_lockdebug_count();
	mtx_unlock(&Giant);
	EXPECT_REPORT(test, n, "mutex Giant not owned", "lock \"Giant\"");
	n = bsd_lockdebug_count();
	mtx_destroy(&Giant);
	EXPECT_REPORT(test, n, "mtx_destroy() of Giant", "lock \"Giant\"");
	n = bsd_lockdebug_count();
	mtx_init(&Giant, "Giant", NULL, MTX_DEF);
	EXPECT_REPORT(test, n, "already initialized", "lock \"Giant\"");
	mtx_lock(&Giant);
	mtx_unlock(&Giant);

	/* In a critical section the core reports Giant, then busy-waits. */
	critical_enter();
	n = bsd_lockdebug_count();
	mtx_lock(&Giant);
	EXPECT_REPORT(test, n, "acquiring kernel lock with spin mutex held",
		      "lock \"kernel_lock\"");
	KUNIT_EXPECT_TRUE(test, mtx_owned(&Giant));
	mtx_unlock(&Giant);
	critical_exit();
	KUNIT_EXPECT_FALSE(test, mtx_owned(&Giant));
}

static void misuse_mtx_pool(struct kunit *test)
{
	struct mtx_pool *pool = mtx_pool_create("bad pool", 4, MTX_DEF);
	struct mtx_pool *sys = mtxpool_sleep;
	struct holder h = {};
	unsigned long n;
	int obj;

	KUNIT_ASSERT_NOT_NULL(test, pool);
	n = bsd_lockdebug_count();
	mtx_pool_destroy(&sys);
	EXPECT_REPORT(test, n, "mtx_pool_destroy() of mtxpool_sleep",
		      "lock \"sleep mtxpool\"");
	KUNIT_EXPECT_PTR_EQ(test, sys, mtxpool_sleep);

	/* Destroyed while another thread holds a member: refused. */
	holder_start(test, &h, mtx_pool_find(pool, &obj), false);
	n = bsd_lockdebug_count();
	mtx_pool_destroy(&pool);
	EXPECT_REPORT(test, n, "held by another thread", "lock \"bad pool\"");
	KUNIT_EXPECT_NOT_NULL(test, pool);
	holder_stop(&h);
	mtx_pool_destroy(&pool);
	KUNIT_EXPECT_NULL(test, pool);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);
}

static void misuse_critical_sections(struct kunit *test)
{
	unsigned long n;

	n = bsd_lockdebug_count();
	critical_exit();
	EXPECT_REPORT(test, n, "critical_exit() without critical_enter()",
		      "lock \"\"");
	n = bsd_lockdebug_count();
	spinlock_exit();
	EXPECT_REPORT(test, n, "spinlock_exit() without spinlock_enter()",
		      "lock \"\"");
	n = bsd_lockdebug_count();
	CRITICAL_ASSERT(curthread);
	EXPECT_REPORT(test, n, "not in critical section at freebsd_mutex_test.c:",
		      "lock \"\"");
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, freebsd_critical_nest(), 0);
}

static struct kunit_case freebsd_mutex_cases[] = {
	KUNIT_CASE(mtx_no_lost_update),
	KUNIT_CASE(mtx_owner_name_owned),
	KUNIT_CASE(mtx_recurse_counts),
	KUNIT_CASE(mtx_trylock_results),
	KUNIT_CASE(mtx_trylock_spin_held_by_other),
	KUNIT_CASE(mtx_free_after_unlock),
	KUNIT_CASE(mtx_wait_gives_up_ipl_and_giant),
	KUNIT_CASE(mtx_dupok_nests),
	KUNIT_CASE(mtx_assert_passes),
	KUNIT_CASE(mtx_witness_sees_held),
	KUNIT_CASE(mtx_lock_class_round_trip),
	KUNIT_CASE(mtx_sysinit_works),
	KUNIT_CASE(mtx_spin_excludes_interrupt),
	KUNIT_CASE(spinlock_section_nests),
	KUNIT_CASE(critical_section_stays_on_cpu),
	KUNIT_CASE(giant_recursion_and_drop),
	KUNIT_CASE(giant_trylock_and_owner),
	KUNIT_CASE(mtx_pool_shares_by_address),
	KUNIT_CASE(mtx_uncontended_cost),
	KUNIT_CASE(misuse_lock_of_spin),
	KUNIT_CASE(misuse_lock_spin_of_sleep),
	KUNIT_CASE(misuse_trylock_wrong_kind),
	KUNIT_CASE(misuse_recurse_non_recursive),
	KUNIT_CASE(misuse_unlock_not_owned),
	KUNIT_CASE(misuse_destroy_held),
	KUNIT_CASE(misuse_destroyed_and_uninitialized),
	KUNIT_CASE(misuse_double_init),
	KUNIT_CASE(misuse_assert_fails),
	KUNIT_CASE(misuse_sleep_lock_with_spin_held),
	KUNIT_CASE(misuse_sleep_lock_in_interrupt),
	KUNIT_CASE(misuse_interrupt_gives_up),
	KUNIT_CASE(misuse_lc_unlock_recursed),
	KUNIT_CASE(misuse_giant),
	KUNIT_CASE(misuse_mtx_pool),
	KUNIT_CASE(misuse_critical_sections),
	{}
};

static struct kunit_suite freebsd_mutex_suite = {
	.name = "freebsd_mutex",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = freebsd_mutex_cases,
};
kunit_test_suite(freebsd_mutex_suite);
