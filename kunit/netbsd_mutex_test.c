// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: NetBSD mutex(9). Each case checks one rule of <sys/mutex.h>,
 * including the ones other compatibility layers got wrong (the exit
 * use-after-free of spl#421 / zfs#6401) and every misuse report.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/irqflags.h>
#include <linux/cpumask.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <sys/mutex.h>
#include <bsdcompat/lockdebug.h>

#include "kunit_helpers.h"

MODULE_IMPORT_NS(BSDCOMPAT);

/* ---------------------------------------------------------------------- */
/* A kthread that holds a mutex until told to let go.                      */

struct holder {
	kmutex_t		*mtx;
	struct completion	held;
	struct completion	release;
	struct completion	done;
	int			owned_in_holder;
	bool			spin;		/* a spin mutex: busy-wait, don't sleep */
	unsigned int		hold_ms;	/* keep holding after release */
	bool			releasing;	/* set just before mutex_exit */
};

static int holder_fn(void *arg)
{
	struct holder *h = arg;

	mutex_enter(h->mtx);
	h->owned_in_holder = mutex_owned(h->mtx);
	complete(&h->held);
	if (h->spin) {
		/* A spin mutex holder must not sleep. */
		while (!completion_done(&h->release))
			cpu_relax();
	} else {
		wait_for_completion(&h->release);
	}
	if (h->hold_ms)
		msleep(h->hold_ms);
	WRITE_ONCE(h->releasing, true);
	mutex_exit(h->mtx);
	complete(&h->done);
	return 0;
}

/*
 * Start a holder of @mtx. A spin mutex is held by another CPU, busy-waiting,
 * so there must be one: the case is skipped on a single CPU (UML).
 */
static void holder_start(struct kunit *test, struct holder *h, kmutex_t *mtx,
			 bool spin)
{
	struct task_struct *t;

	if (spin && num_online_cpus() < 2)
		kunit_skip(test, "a spin mutex held by another CPU needs 2 CPUs");
	h->mtx = mtx;
	h->spin = spin;
	h->releasing = false;
	init_completion(&h->held);
	init_completion(&h->release);
	init_completion(&h->done);
	t = kthread_create(holder_fn, h, "kmtx-holder");
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
/* Semantics                                                               */

static void mutex_type_by_ipl(struct kunit *test)
{
	kmutex_t ad, soft, vm, spin0;

	mutex_init(&ad, MUTEX_DEFAULT, IPL_NONE);
	mutex_init(&soft, MUTEX_DRIVER, IPL_SOFTNET);
	mutex_init(&vm, MUTEX_DEFAULT, IPL_VM);
	mutex_init(&spin0, MUTEX_SPIN, IPL_NONE);

	/* Adaptive: no IPL change, and the holder may sleep. */
	mutex_enter(&ad);
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_NONE);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	usleep_range(1000, 2000);
	mutex_exit(&ad);

	mutex_enter(&soft);
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_NONE);
	usleep_range(1000, 2000);
	mutex_exit(&soft);

	/* Spin at IPL_VM: interrupts off while held, back on after. */
	mutex_enter(&vm);
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_VM);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	mutex_exit(&vm);
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_NONE);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());

	/* MUTEX_SPIN at IPL_NONE spins without raising the IPL. */
	mutex_spin_enter(&spin0);
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_NONE);
	KUNIT_EXPECT_TRUE(test, mutex_owned(&spin0));
	mutex_spin_exit(&spin0);

	mutex_destroy(&ad);
	mutex_destroy(&soft);
	mutex_destroy(&vm);
	mutex_destroy(&spin0);
}

static void check_tryenter_held(struct kunit *test, kmutex_t *mtx, bool spin)
{
	struct holder h = {};

	holder_start(test, &h, mtx, spin);
	KUNIT_EXPECT_EQ(test, mutex_tryenter(mtx), 0);
	KUNIT_EXPECT_FALSE(test, mutex_owned(mtx));
	holder_stop(&h);

	KUNIT_EXPECT_NE(test, mutex_tryenter(mtx), 0);
	KUNIT_EXPECT_TRUE(test, mutex_owned(mtx));
	/* Not recursive: a second try by the owner fails too, silently. */
	KUNIT_EXPECT_EQ(test, mutex_tryenter(mtx), 0);
	mutex_exit(mtx);
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_NONE);
}

static void mutex_tryenter_held_by_other(struct kunit *test)
{
	kmutex_t ad, spin;

	mutex_init(&ad, MUTEX_DEFAULT, IPL_NONE);
	mutex_init(&spin, MUTEX_DEFAULT, IPL_VM);
	check_tryenter_held(test, &ad, false);
	check_tryenter_held(test, &spin, true);
	mutex_destroy(&ad);
	mutex_destroy(&spin);
}

static void check_owned(struct kunit *test, kmutex_t *mtx, bool spin)
{
	struct holder h = {};

	KUNIT_EXPECT_FALSE(test, mutex_owned(mtx));
	mutex_enter(mtx);
	KUNIT_EXPECT_TRUE(test, mutex_owned(mtx));
	KUNIT_EXPECT_PTR_EQ(test, mutex_owner(mtx), current);
	mutex_exit(mtx);
	KUNIT_EXPECT_FALSE(test, mutex_owned(mtx));
	KUNIT_EXPECT_NULL(test, mutex_owner(mtx));

	/* Held by another thread: not owned by us. */
	holder_start(test, &h, mtx, spin);
	KUNIT_EXPECT_TRUE(test, h.owned_in_holder);
	KUNIT_EXPECT_FALSE(test, mutex_owned(mtx));
	KUNIT_EXPECT_FALSE(test, mutex_ownable(mtx) == 0);
	holder_stop(&h);
}

static void mutex_owned_by_caller_only(struct kunit *test)
{
	kmutex_t ad, spin;

	mutex_init(&ad, MUTEX_DEFAULT, IPL_NONE);
	mutex_init(&spin, MUTEX_SPIN, IPL_HIGH);
	check_owned(test, &ad, false);
	check_owned(test, &spin, true);
	mutex_destroy(&ad);
	mutex_destroy(&spin);
}

/* N threads do read, sleep, write under the mutex: no update may be lost. */
#define RACE_THREADS	4
#define RACE_LOOPS	50

struct race {
	kmutex_t	mtx;
	int		ipl;		/* the threads run at this IPL */
	unsigned long	counter;
};

static void race_fn(void *arg, unsigned int id)
{
	struct race *r = arg;
	unsigned long v;
	int i, s;

	for (i = 0; i < RACE_LOOPS; i++) {
		s = splraise(r->ipl);
		mutex_enter(&r->mtx);
		v = r->counter;
		if (r->ipl == IPL_NONE)
			usleep_range(20, 100);
		else
			udelay(20);
		r->counter = v + 1;
		mutex_exit(&r->mtx);
		splx(s);
		if (i % 8 == 0)
			cond_resched();
	}
}

static void run_race(struct kunit *test, int ipl)
{
	struct race *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	mutex_init(&r->mtx, MUTEX_DEFAULT, IPL_NONE);
	r->ipl = ipl;
	bsd_kunit_run_threads(test, RACE_THREADS, race_fn, r, "kmtx-race",
			      false);
	KUNIT_EXPECT_EQ(test, r->counter,
			(unsigned long)RACE_THREADS * RACE_LOOPS);
	mutex_destroy(&r->mtx);
}

static void mutex_no_lost_update(struct kunit *test)
{
	run_race(test, IPL_NONE);
}

/*
 * The same race with the threads at splsoftnet() and splvm(): contended,
 * they sleep in mutex_enter() at IPL_NONE and must get their IPL back.
 */
static void mutex_no_lost_update_raised_ipl(struct kunit *test)
{
	run_race(test, IPL_SOFTNET);
	run_race(test, IPL_VM);
}

/* A thread that sleeps in mutex_enter() at a raised IPL gets its IPL back. */
static void mutex_sleep_restores_ipl(struct kunit *test)
{
	static const int ipls[] = { IPL_SOFTCLOCK, IPL_SOFTNET, IPL_VM, IPL_HIGH };
	kmutex_t mtx;
	struct holder h = {};
	int i, s;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	for (i = 0; i < ARRAY_SIZE(ipls); i++) {
		h.hold_ms = 20;
		holder_start(test, &h, &mtx, false);
		s = splraise(ipls[i]);
		/* The holder lets go 20 ms from now, while we sleep. */
		complete(&h.release);
		mutex_enter(&mtx);
		KUNIT_EXPECT_TRUE(test, READ_ONCE(h.releasing));
		KUNIT_EXPECT_EQ(test, bsd_curipl(), ipls[i]);
		KUNIT_EXPECT_EQ(test, !!irqs_disabled(), ipls[i] >= IPL_VM);
		KUNIT_EXPECT_TRUE(test, in_softirq() || irqs_disabled());
		mutex_exit(&mtx);
		splx(s);
		KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_NONE);
		KUNIT_EXPECT_FALSE(test, irqs_disabled());
		KUNIT_EXPECT_FALSE(test, in_softirq());
		wait_for_completion(&h.done);
	}
	mutex_destroy(&mtx);
}

/*
 * Free under own lock (spl#421, zfs#6401): every thread drops its
 * reference to an object under the object's own mutex, and the thread that
 * drops the last one frees the object right after mutex_exit(). A
 * mutex_exit() that touched the mutex after releasing it would write to
 * freed memory (KASAN and slab poisoning report it).
 */
#define FREE_THREADS	4
#define FREE_OBJECTS	128

struct fobj {
	kmutex_t	lock;
	int		refs;
};

static void fobj_init(void *obj)
{
	struct fobj *o = obj;

	mutex_init(&o->lock, MUTEX_DEFAULT, IPL_NONE);
	o->refs = FREE_THREADS;
}

static void free_fn(void *arg, unsigned int id)
{
	struct bsd_kunit_free_test *ft = arg;
	int i;

	for (i = 0; i < FREE_OBJECTS; i++) {
		struct fobj *o = ft->objs[i];
		bool last;

		if (!mutex_tryenter(&o->lock)) {
			atomic_inc(&ft->contended);
			mutex_enter(&o->lock);
		}
		last = --o->refs == 0;
		if (!last && (i & 1))
			usleep_range(5, 20);	/* make the others queue */
		mutex_exit(&o->lock);
		if (last) {
			mutex_destroy(&o->lock);
			kfree(o);
			atomic_inc(&ft->freed);
		}
	}
}

static void mutex_free_under_own_lock(struct kunit *test)
{
	bsd_kunit_free_under_own_lock(test, FREE_OBJECTS, sizeof(struct fobj),
				      fobj_init, FREE_THREADS, free_fn,
				      "kmtx-free");
}

/*
 * A spin mutex at IPL_VM excludes an hrtimer interrupt handler that takes
 * it too: the handler never sees the pair half-updated.
 */
struct spin_irq {
	kmutex_t	mtx;
	struct hrtimer	timer;
	unsigned long	a, b;
	unsigned long	torn, hits;
	bool		stop;
};

static enum hrtimer_restart spin_irq_timer(struct hrtimer *t)
{
	struct spin_irq *si = container_of(t, struct spin_irq, timer);

	mutex_spin_enter(&si->mtx);
	if (si->a != si->b)
		si->torn++;
	si->a++;
	si->b++;
	si->hits++;
	mutex_spin_exit(&si->mtx);
	if (READ_ONCE(si->stop))
		return HRTIMER_NORESTART;
	hrtimer_forward_now(t, ns_to_ktime(20 * NSEC_PER_USEC));
	return HRTIMER_RESTART;
}

static void mutex_spin_excludes_interrupt(struct kunit *test)
{
	struct spin_irq *si = kunit_kzalloc(test, sizeof(*si), GFP_KERNEL);
	unsigned long deadline, loops = 0, torn = 0;

	KUNIT_ASSERT_NOT_NULL(test, si);
	mutex_init(&si->mtx, MUTEX_DEFAULT, IPL_VM);
	hrtimer_init(&si->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	si->timer.function = spin_irq_timer;
	hrtimer_start(&si->timer, ns_to_ktime(20 * NSEC_PER_USEC),
		      HRTIMER_MODE_REL_HARD);

	deadline = jiffies + msecs_to_jiffies(300);
	while (time_before(jiffies, deadline)) {
		mutex_enter(&si->mtx);
		if (si->a != si->b)
			torn++;
		si->a++;
		udelay(5);	/* a window the timer would hit without the IPL */
		si->b++;
		mutex_exit(&si->mtx);
		loops++;
		cond_resched();
	}
	WRITE_ONCE(si->stop, true);
	hrtimer_cancel(&si->timer);

	KUNIT_EXPECT_EQ(test, torn, 0UL);
	KUNIT_EXPECT_EQ(test, si->torn, 0UL);
	KUNIT_EXPECT_GT(test, si->hits, 0UL);
	KUNIT_EXPECT_EQ(test, si->a, si->b);
	kunit_info(test, "%lu thread and %lu interrupt critical sections\n",
		   loops, si->hits);
	mutex_destroy(&si->mtx);
}

/* Nested spin mutexes may be released in either order; the IPL comes back last. */
static void mutex_spin_nested_release_orders(struct kunit *test)
{
	kmutex_t vm, high, soft;

	mutex_init(&vm, MUTEX_DEFAULT, IPL_VM);
	mutex_init(&high, MUTEX_SPIN, IPL_HIGH);
	mutex_init(&soft, MUTEX_SPIN, IPL_SOFTNET);

	/* In order. */
	mutex_spin_enter(&vm);
	mutex_spin_enter(&high);
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_HIGH);
	mutex_spin_exit(&high);
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_HIGH);	/* kept until the last */
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	mutex_spin_exit(&vm);
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_NONE);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());

	/* Out of order. */
	mutex_spin_enter(&vm);
	mutex_spin_enter(&high);
	mutex_spin_exit(&vm);
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_HIGH);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	KUNIT_EXPECT_TRUE(test, mutex_owned(&high));
	mutex_spin_exit(&high);
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_NONE);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());

	/* A soft-IPL spin mutex blocks softirqs, not interrupts. */
	mutex_spin_enter(&soft);
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_SOFTNET);
	KUNIT_EXPECT_TRUE(test, in_softirq());
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	mutex_spin_enter(&vm);
	mutex_spin_exit(&soft);		/* out of order across the levels */
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_VM);
	mutex_spin_exit(&vm);
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_NONE);
	KUNIT_EXPECT_FALSE(test, in_softirq());

	/* Entered at a raised IPL, the last exit returns to that IPL. */
	{
		int s = splsoftnet();

		mutex_spin_enter(&vm);
		mutex_spin_exit(&vm);
		KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_SOFTNET);
		splx(s);
	}

	mutex_destroy(&vm);
	mutex_destroy(&high);
	mutex_destroy(&soft);
}

/*
 * An interrupt that takes and releases a spin mutex while the interrupted
 * thread holds a lower-IPL spin mutex on the same CPU must leave the
 * thread's IPL, and interrupt state, as they were.
 */
struct nest_irq {
	kmutex_t	vm;
	struct hrtimer	timer;
	int		ipl_in_handler;
	atomic_t	fired;
};

static enum hrtimer_restart nest_irq_timer(struct hrtimer *t)
{
	struct nest_irq *ni = container_of(t, struct nest_irq, timer);

	mutex_spin_enter(&ni->vm);
	ni->ipl_in_handler = bsd_curipl();
	mutex_spin_exit(&ni->vm);
	atomic_inc(&ni->fired);
	return HRTIMER_NORESTART;
}

static void check_interrupt_nesting(struct kunit *test, struct nest_irq *ni,
				    kmutex_t *low, int low_ipl)
{
	unsigned long deadline;

	atomic_set(&ni->fired, 0);
	mutex_spin_enter(low);
	hrtimer_start(&ni->timer, ns_to_ktime(50 * NSEC_PER_USEC),
		      HRTIMER_MODE_REL_PINNED_HARD);
	deadline = jiffies + msecs_to_jiffies(1000);
	while (!atomic_read(&ni->fired) && time_before(jiffies, deadline))
		cpu_relax();
	KUNIT_ASSERT_EQ(test, atomic_read(&ni->fired), 1);
	KUNIT_EXPECT_EQ(test, ni->ipl_in_handler, IPL_VM);
	/* Back in the thread: its IPL, with interrupts on. */
	KUNIT_EXPECT_EQ(test, bsd_curipl(), low_ipl);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	mutex_spin_exit(low);
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_NONE);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_FALSE(test, in_softirq());
}

static void mutex_spin_interrupt_nesting(struct kunit *test)
{
	struct nest_irq *ni = kunit_kzalloc(test, sizeof(*ni), GFP_KERNEL);
	kmutex_t soft, none;

	KUNIT_ASSERT_NOT_NULL(test, ni);
	mutex_init(&ni->vm, MUTEX_DEFAULT, IPL_VM);
	mutex_init(&soft, MUTEX_SPIN, IPL_SOFTNET);
	mutex_init(&none, MUTEX_SPIN, IPL_NONE);
	hrtimer_init(&ni->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_PINNED_HARD);
	ni->timer.function = nest_irq_timer;

	check_interrupt_nesting(test, ni, &soft, IPL_SOFTNET);
	check_interrupt_nesting(test, ni, &none, IPL_NONE);

	hrtimer_cancel(&ni->timer);
	mutex_destroy(&ni->vm);
	mutex_destroy(&soft);
	mutex_destroy(&none);
}

/* A tryenter by the owner fails, and leaves IPL and preemption as they were. */
static void mutex_tryenter_by_owner(struct kunit *test)
{
	kmutex_t ad, spin;

	mutex_init(&ad, MUTEX_DEFAULT, IPL_NONE);
	mutex_init(&spin, MUTEX_SPIN, IPL_VM);

	mutex_enter(&ad);
	KUNIT_EXPECT_EQ(test, mutex_tryenter(&ad), 0);
	mutex_exit(&ad);
	KUNIT_EXPECT_FALSE(test, mutex_owned(&ad));

	mutex_enter(&spin);
	KUNIT_EXPECT_EQ(test, mutex_tryenter(&spin), 0);	/* a UP trylock would "win" */
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_VM);
	mutex_exit(&spin);
	KUNIT_EXPECT_FALSE(test, mutex_owned(&spin));
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_NONE);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());

	mutex_destroy(&ad);
	mutex_destroy(&spin);
}

/*
 * A thread at splvm() that finds its adaptive mutex held waits at IPL_NONE,
 * as on BSD, and has IPL_VM again when mutex_enter() returns. Here the owner
 * stays on its CPU and holds the mutex until an interrupt pinned to the
 * waiter's CPU has run (or a second has passed): that interrupt must get in
 * while the waiter waits.
 *
 * (The waiter drops its IPL before it even spins, so that an owner waiting
 * for this CPU, in on_each_cpu() say, is answered at once. Without that, RCU
 * eventually forces the spinner off the CPU and this test still passes: only
 * a timing bound could tell "at once" from "after a while", and tests here
 * have none.)
 */
struct busy_owner {
	kmutex_t		mtx;
	struct hrtimer		timer;
	atomic_t		fired;
	bool			released;
	bool			fired_while_held;
	struct completion	held;
	struct completion	done;
};

static enum hrtimer_restart busy_owner_timer(struct hrtimer *t)
{
	struct busy_owner *bo = container_of(t, struct busy_owner, timer);

	bo->fired_while_held = !READ_ONCE(bo->released);
	atomic_set(&bo->fired, 1);
	return HRTIMER_NORESTART;
}

static int busy_owner_fn(void *arg)
{
	struct busy_owner *bo = arg;
	unsigned long deadline;

	mutex_enter(&bo->mtx);
	complete(&bo->held);
	deadline = jiffies + HZ;
	while (!atomic_read(&bo->fired) && time_before(jiffies, deadline))
		cpu_relax();		/* on the CPU: the waiter would spin */
	WRITE_ONCE(bo->released, true);
	mutex_exit(&bo->mtx);
	complete(&bo->done);
	return 0;
}

static void mutex_contended_at_splvm_takes_interrupts(struct kunit *test)
{
	struct busy_owner *bo = kunit_kzalloc(test, sizeof(*bo), GFP_KERNEL);
	struct task_struct *t;
	int s;

	if (num_online_cpus() < 2)
		kunit_skip(test, "needs an owner running on another CPU");
	KUNIT_ASSERT_NOT_NULL(test, bo);
	mutex_init(&bo->mtx, MUTEX_DEFAULT, IPL_NONE);
	init_completion(&bo->held);
	init_completion(&bo->done);
	hrtimer_init(&bo->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_PINNED_HARD);
	bo->timer.function = busy_owner_timer;
	t = kthread_create(busy_owner_fn, bo, "kmtx-busy");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	kthread_bind(t, cpumask_any_but(cpu_online_mask, raw_smp_processor_id()));
	wake_up_process(t);
	wait_for_completion(&bo->held);

	s = splvm();
	hrtimer_start(&bo->timer, ns_to_ktime(100 * NSEC_PER_USEC),
		      HRTIMER_MODE_REL_PINNED_HARD);
	mutex_enter(&bo->mtx);
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_VM);	/* given back */
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	mutex_exit(&bo->mtx);
	splx(s);
	wait_for_completion(&bo->done);
	hrtimer_cancel(&bo->timer);
	KUNIT_EXPECT_EQ(test, atomic_read(&bo->fired), 1);
	KUNIT_EXPECT_TRUE(test, bo->fired_while_held);
	mutex_destroy(&bo->mtx);
}

static void mutex_obj_refcount(struct kunit *test)
{
	kmutex_t *mtx = mutex_obj_alloc(MUTEX_DEFAULT, IPL_NONE);

	KUNIT_ASSERT_NOT_NULL(test, mtx);
	KUNIT_EXPECT_EQ(test, mutex_obj_refcnt(mtx), 1U);
	mutex_obj_hold(mtx);
	KUNIT_EXPECT_EQ(test, mutex_obj_refcnt(mtx), 2U);
	mutex_enter(mtx);
	mutex_exit(mtx);
	KUNIT_EXPECT_FALSE(test, mutex_obj_free(mtx));
	KUNIT_EXPECT_EQ(test, mutex_obj_refcnt(mtx), 1U);
	KUNIT_EXPECT_TRUE(test, mutex_obj_free(mtx));

	mtx = mutex_obj_tryalloc(MUTEX_DEFAULT, IPL_VM);
	KUNIT_ASSERT_NOT_NULL(test, mtx);
	mutex_enter(mtx);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	mutex_exit(mtx);
	KUNIT_EXPECT_TRUE(test, mutex_obj_free(mtx));
}

static noinline void init_at_site_a(kmutex_t *mtx)
{
	mutex_init(mtx, MUTEX_DEFAULT, IPL_NONE);
}

/* One lockdep class per mutex_init() call site, named after the lock. */
static void mutex_lockdep_class_per_site(struct kunit *test)
{
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	kmutex_t a1, a2, b, s;

	init_at_site_a(&a1);
	init_at_site_a(&a2);
	mutex_init(&b, MUTEX_DEFAULT, IPL_NONE);
	mutex_init(&s, MUTEX_DEFAULT, IPL_VM);

	KUNIT_EXPECT_PTR_EQ(test, a1.mtx_dep_map.key, a2.mtx_dep_map.key);
	KUNIT_EXPECT_PTR_NE(test, a1.mtx_dep_map.key, b.mtx_dep_map.key);
	KUNIT_EXPECT_STREQ(test, b.mtx_dep_map.name, "b");
	KUNIT_EXPECT_STREQ(test, s.mtx_spin.dep_map.name, "s");

	/* Two classes nest without a report; lockdep sees both held. */
	mutex_enter(&a1);
	mutex_enter(&b);
	KUNIT_EXPECT_TRUE(test, lock_is_held(&a1.mtx_dep_map));
	KUNIT_EXPECT_TRUE(test, lock_is_held(&b.mtx_dep_map));
	mutex_exit(&a1);
	mutex_exit(&b);
	KUNIT_EXPECT_FALSE(test, lock_is_held(&a1.mtx_dep_map));
	KUNIT_EXPECT_FALSE(test, lock_is_held(&b.mtx_dep_map));

	mutex_destroy(&a1);
	mutex_destroy(&a2);
	mutex_destroy(&b);
	mutex_destroy(&s);
#else
	kunit_skip(test, "lockdep is not configured");
#endif
}

/* ---------------------------------------------------------------------- */
/* Misuse: one report each, naming the lock, the operation and the caller   */

static void misuse_exit_by_non_owner(struct kunit *test)
{
	kmutex_t mtx;
	struct holder h = {};
	unsigned long n;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	holder_start(test, &h, &mtx, false);
	n = bsd_lockdebug_count();
	mutex_exit(&mtx);
	EXPECT_REPORT(test, n, "Mutex error: mutex_exit: not held by current LWP",
		      "lock \"mtx\"");
	/* Refused: the holder still holds it. */
	KUNIT_EXPECT_NOT_NULL(test, mutex_owner(&mtx));
	KUNIT_EXPECT_PTR_NE(test, mutex_owner(&mtx), current);
	holder_stop(&h);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);
	mutex_destroy(&mtx);
}

static void misuse_exit_unheld(struct kunit *test)
{
	kmutex_t ad, spin;
	unsigned long n;

	mutex_init(&ad, MUTEX_DEFAULT, IPL_NONE);
	mutex_init(&spin, MUTEX_DEFAULT, IPL_VM);

	n = bsd_lockdebug_count();
	mutex_exit(&ad);
	EXPECT_REPORT(test, n, "mutex_exit: not locked", "lock \"ad\"");

	n = bsd_lockdebug_count();
	mutex_exit(&spin);
	EXPECT_REPORT(test, n, "mutex_exit: exiting unheld spin mutex",
		      "lock \"spin\"");
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_NONE);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());

	mutex_destroy(&ad);
	mutex_destroy(&spin);
}

static void misuse_recursive_enter(struct kunit *test)
{
	kmutex_t ad, spin;
	unsigned long n;

	mutex_init(&ad, MUTEX_DEFAULT, IPL_NONE);
	mutex_init(&spin, MUTEX_DEFAULT, IPL_VM);

	mutex_enter(&ad);
	n = bsd_lockdebug_count();
	mutex_enter(&ad);
	EXPECT_REPORT(test, n, "mutex_enter: locking against myself",
		      "lock \"ad\"");
	KUNIT_EXPECT_TRUE(test, mutex_owned(&ad));
	mutex_exit(&ad);
	KUNIT_EXPECT_FALSE(test, mutex_owned(&ad));

	mutex_enter(&spin);
	n = bsd_lockdebug_count();
	mutex_enter(&spin);
	EXPECT_REPORT(test, n, "mutex_enter: locking against myself",
		      "lock \"spin\"");
	mutex_exit(&spin);
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_NONE);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());

	mutex_destroy(&ad);
	mutex_destroy(&spin);
}

static void misuse_destroy_held(struct kunit *test)
{
	kmutex_t mtx;
	unsigned long n;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	mutex_enter(&mtx);
	n = bsd_lockdebug_count();
	mutex_destroy(&mtx);
	EXPECT_REPORT(test, n, "mutex_destroy: is locked or in use",
		      "lock \"mtx\"");
	/* Refused: the holder can still release it, without a report. */
	mutex_exit(&mtx);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);
	mutex_destroy(&mtx);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);
}

static void misuse_uninitialized_and_destroyed(struct kunit *test)
{
	kmutex_t mtx;
	unsigned long n;

	memset(&mtx, 0, sizeof(mtx));
	n = bsd_lockdebug_count();
	mutex_enter(&mtx);
	EXPECT_REPORT(test, n, "mutex_enter: uninitialized lock", "caller ");
	KUNIT_EXPECT_EQ(test, atomic_long_read(&mtx.mtx_owner), 0L);

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	n = bsd_lockdebug_count();
	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	EXPECT_REPORT(test, n, "mutex_init: already initialized", "lock \"mtx\"");

	mutex_destroy(&mtx);
	n = bsd_lockdebug_count();
	mutex_enter(&mtx);
	EXPECT_REPORT(test, n, "mutex_enter: destroyed lock", "lock \"mtx\"");
	n = bsd_lockdebug_count();
	mutex_exit(&mtx);
	EXPECT_REPORT(test, n, "mutex_exit: destroyed lock", "lock \"mtx\"");
	KUNIT_EXPECT_EQ(test, atomic_long_read(&mtx.mtx_owner), 0L);
}

static void misuse_spin_ops_on_adaptive(struct kunit *test)
{
	kmutex_t mtx;
	unsigned long n;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	n = bsd_lockdebug_count();
	mutex_spin_enter(&mtx);
	EXPECT_REPORT(test, n, "mutex_spin_enter: not a spin mutex",
		      "lock \"mtx\"");
	/* Entered the right way all the same. */
	KUNIT_EXPECT_TRUE(test, mutex_owned(&mtx));
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_NONE);

	n = bsd_lockdebug_count();
	mutex_spin_exit(&mtx);
	EXPECT_REPORT(test, n, "mutex_spin_exit: not a spin mutex",
		      "lock \"mtx\"");
	KUNIT_EXPECT_FALSE(test, mutex_owned(&mtx));
	mutex_destroy(&mtx);
}

static void misuse_splx_below_spin_mutex(struct kunit *test)
{
	kmutex_t mtx;
	unsigned long n;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_VM);
	mutex_enter(&mtx);
	n = bsd_lockdebug_count();
	splx(IPL_NONE);
	EXPECT_REPORT(test, n,
		      "splx: would lower IPL to IPL_NONE below IPL_VM of a held spin mutex",
		      "lock \"mtx\"");
	/* Stopped at the mutex's IPL. */
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_VM);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	mutex_exit(&mtx);
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_NONE);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	mutex_destroy(&mtx);
}

static void misuse_adaptive_with_spin_held(struct kunit *test)
{
	kmutex_t spin, ad;
	unsigned long n;

	mutex_init(&spin, MUTEX_DEFAULT, IPL_VM);
	mutex_init(&ad, MUTEX_DEFAULT, IPL_NONE);
	mutex_enter(&spin);
	n = bsd_lockdebug_count();
	mutex_enter(&ad);
	EXPECT_REPORT(test, n,
		      "mutex_enter: acquiring sleep lock with spin mutex held",
		      "lock \"ad\"");
	KUNIT_EXPECT_TRUE(test, mutex_owned(&ad));
	mutex_exit(&ad);
	mutex_exit(&spin);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);
	KUNIT_EXPECT_FALSE(test, mutex_owned(&ad));
	mutex_destroy(&spin);
	mutex_destroy(&ad);
}

struct irq_enter {
	kmutex_t	mtx;
	struct hrtimer	timer;
	bool		try;		/* mutex_tryenter() instead of mutex_enter() */
	int		owned;
	struct completion done;
};

static enum hrtimer_restart irq_enter_timer(struct hrtimer *t)
{
	struct irq_enter *ie = container_of(t, struct irq_enter, timer);

	if (ie->try)
		ie->owned = mutex_tryenter(&ie->mtx) && mutex_owned(&ie->mtx);
	else {
		mutex_enter(&ie->mtx);
		ie->owned = mutex_owned(&ie->mtx);
	}
	if (ie->owned)
		mutex_exit(&ie->mtx);
	complete(&ie->done);
	return HRTIMER_NORESTART;
}

static void check_adaptive_from_interrupt(struct kunit *test, bool try)
{
	struct irq_enter *ie = kunit_kzalloc(test, sizeof(*ie), GFP_KERNEL);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, ie);
	mutex_init(&ie->mtx, MUTEX_DEFAULT, IPL_NONE);
	ie->try = try;
	init_completion(&ie->done);
	hrtimer_init(&ie->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	ie->timer.function = irq_enter_timer;
	n = bsd_lockdebug_count();
	hrtimer_start(&ie->timer, ns_to_ktime(NSEC_PER_MSEC),
		      HRTIMER_MODE_REL_HARD);
	wait_for_completion(&ie->done);
	if (try)
		EXPECT_REPORT(test, n,
			      "mutex_tryenter: acquiring sleep lock from interrupt context",
			      "lock \"ie->mtx\"");
	else
		EXPECT_REPORT(test, n,
			      "mutex_enter: acquiring sleep lock from interrupt context",
			      "lock \"ie->mtx\"");
	/* Taken and released all the same, without lockdep. */
	KUNIT_EXPECT_TRUE(test, ie->owned);
	KUNIT_EXPECT_NULL(test, mutex_owner(&ie->mtx));
	mutex_destroy(&ie->mtx);
}

static void misuse_adaptive_from_interrupt(struct kunit *test)
{
	check_adaptive_from_interrupt(test, false);
	check_adaptive_from_interrupt(test, true);
}

/*
 * An interrupt handler that takes (wrongly) a spin mutex that the thread it
 * interrupted holds: the enter is refused, and so is the handler's exit; the
 * thread still holds its mutex at its IPL.
 */
struct intr_on_thread {
	kmutex_t	*low;
	struct hrtimer	timer;
	atomic_t	fired;
};

static enum hrtimer_restart intr_on_thread_timer(struct hrtimer *t)
{
	struct intr_on_thread *it = container_of(t, struct intr_on_thread, timer);

	mutex_spin_enter(it->low);
	mutex_spin_exit(it->low);
	atomic_inc(&it->fired);
	return HRTIMER_NORESTART;
}

static void misuse_interrupt_takes_threads_spin_mutex(struct kunit *test)
{
	struct intr_on_thread *it = kunit_kzalloc(test, sizeof(*it), GFP_KERNEL);
	char line[BSD_LOCKDEBUG_MSGLEN];
	unsigned long n, deadline;
	kmutex_t low;

	KUNIT_ASSERT_NOT_NULL(test, it);
	mutex_init(&low, MUTEX_SPIN, IPL_SOFTNET);
	it->low = &low;
	hrtimer_init(&it->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_PINNED_HARD);
	it->timer.function = intr_on_thread_timer;

	mutex_spin_enter(&low);
	n = bsd_lockdebug_count();
	hrtimer_start(&it->timer, ns_to_ktime(50 * NSEC_PER_USEC),
		      HRTIMER_MODE_REL_PINNED_HARD);
	deadline = jiffies + msecs_to_jiffies(1000);
	while (!atomic_read(&it->fired) && time_before(jiffies, deadline))
		cpu_relax();
	KUNIT_ASSERT_EQ(test, atomic_read(&it->fired), 1);

	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 2);
	bsd_lockdebug_last(line, sizeof(line));
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(line,
				  "mutex_spin_exit: not held by current CPU"),
				  "report: %s", line);
	KUNIT_EXPECT_TRUE(test, mutex_owned(&low));
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_SOFTNET);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	mutex_spin_exit(&low);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 2);
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_NONE);
	KUNIT_EXPECT_FALSE(test, in_softirq());
	hrtimer_cancel(&it->timer);
	mutex_destroy(&low);
}

/* The last mutex_obj_free() of a held mutex is refused, not a free under the holder. */
static void misuse_obj_free_held(struct kunit *test)
{
	kmutex_t *mtx = mutex_obj_alloc(MUTEX_DEFAULT, IPL_NONE);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, mtx);
	mutex_enter(mtx);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_FALSE(test, mutex_obj_free(mtx));
	EXPECT_REPORT(test, n, "mutex_obj_free: is locked or in use", "mutex_obj@");
	mutex_exit(mtx);		/* still valid memory: no report */
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);
	/* The object is leaked on purpose; a test leak of 100 bytes. */
}

/*
 * An interrupt handler that wants an adaptive mutex held by a sleeping
 * thread gives up after a bounded wait instead of hanging the CPU.
 */
static void misuse_interrupt_gives_up(struct kunit *test)
{
	struct irq_enter *ie = kunit_kzalloc(test, sizeof(*ie), GFP_KERNEL);
	struct holder h = {};
	char line[BSD_LOCKDEBUG_MSGLEN];
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, ie);
	mutex_init(&ie->mtx, MUTEX_DEFAULT, IPL_NONE);
	init_completion(&ie->done);
	hrtimer_init(&ie->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	ie->timer.function = irq_enter_timer;

	holder_start(test, &h, &ie->mtx, false);	/* sleeps while holding */
	n = bsd_lockdebug_count();
	hrtimer_start(&ie->timer, ns_to_ktime(NSEC_PER_MSEC),
		      HRTIMER_MODE_REL_HARD);
	wait_for_completion(&ie->done);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 2);
	bsd_lockdebug_last(line, sizeof(line));
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(line,
				  "mutex_enter: gave up waiting: not acquired"),
				  "report: %s", line);
	KUNIT_EXPECT_FALSE(test, ie->owned);
	KUNIT_EXPECT_NOT_NULL(test, mutex_owner(&ie->mtx));	/* still the holder's */
	holder_stop(&h);
	KUNIT_EXPECT_NULL(test, mutex_owner(&ie->mtx));
	mutex_destroy(&ie->mtx);
}

static struct kunit_case netbsd_mutex_cases[] = {
	KUNIT_CASE(mutex_type_by_ipl),
	KUNIT_CASE(mutex_tryenter_held_by_other),
	KUNIT_CASE(mutex_owned_by_caller_only),
	KUNIT_CASE(mutex_no_lost_update),
	KUNIT_CASE(mutex_no_lost_update_raised_ipl),
	KUNIT_CASE(mutex_sleep_restores_ipl),
	KUNIT_CASE(mutex_free_under_own_lock),
	KUNIT_CASE(mutex_spin_excludes_interrupt),
	KUNIT_CASE(mutex_spin_nested_release_orders),
	KUNIT_CASE(mutex_spin_interrupt_nesting),
	KUNIT_CASE(mutex_tryenter_by_owner),
	KUNIT_CASE(mutex_contended_at_splvm_takes_interrupts),
	KUNIT_CASE(mutex_obj_refcount),
	KUNIT_CASE(mutex_lockdep_class_per_site),
	KUNIT_CASE(misuse_exit_by_non_owner),
	KUNIT_CASE(misuse_exit_unheld),
	KUNIT_CASE(misuse_recursive_enter),
	KUNIT_CASE(misuse_destroy_held),
	KUNIT_CASE(misuse_uninitialized_and_destroyed),
	KUNIT_CASE(misuse_spin_ops_on_adaptive),
	KUNIT_CASE(misuse_splx_below_spin_mutex),
	KUNIT_CASE(misuse_adaptive_with_spin_held),
	KUNIT_CASE(misuse_adaptive_from_interrupt),
	KUNIT_CASE(misuse_interrupt_takes_threads_spin_mutex),
	KUNIT_CASE(misuse_obj_free_held),
	KUNIT_CASE(misuse_interrupt_gives_up),
	{}
};

static struct kunit_suite netbsd_mutex_suite = {
	.name = "netbsd_mutex",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = netbsd_mutex_cases,
};
kunit_test_suite(netbsd_mutex_suite);

MODULE_DESCRIPTION("KUnit suites for bsdcompat");
MODULE_LICENSE("Dual BSD/GPL");
