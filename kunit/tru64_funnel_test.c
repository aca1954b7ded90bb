// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: Digital UNIX funnels (unix_master(), unix_release()).
 */
#include <kunit/test.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/module.h>

#include <kern/lock.h>
#include <sys/systm.h>
#include <bsdcompat/biglock.h>

#include "kunit_helpers.h"

MODULE_IMPORT_NS(BSDCOMPAT);

#define FUNNEL_ERR	"Funnel error: "

/*
 * Nesting: each unix_master() adds a level of the big lock; the thread runs
 * on the master CPU until the outermost unix_release() gives it its CPUs
 * back.
 */
static void funnel_nesting(struct kunit *test)
{
	cpumask_var_t before;

	KUNIT_ASSERT_TRUE(test, alloc_cpumask_var(&before, GFP_KERNEL));
	cpumask_copy(before, current->cpus_ptr);
	KUNIT_EXPECT_EQ(test, tru64_funnel_depth(), 0);
	KUNIT_EXPECT_FALSE(test, bsd_kernel_locked_p());

	unix_master();
	KUNIT_EXPECT_EQ(test, tru64_funnel_depth(), 1);
	KUNIT_EXPECT_TRUE(test, bsd_kernel_locked_p());
	KUNIT_EXPECT_EQ(test, raw_smp_processor_id(), TRU64_MASTER_CPU);
	KUNIT_EXPECT_TRUE(test, cpumask_equal(current->cpus_ptr,
					      cpumask_of(TRU64_MASTER_CPU)));
	unix_master();
	KUNIT_EXPECT_EQ(test, tru64_funnel_depth(), 2);
	KUNIT_EXPECT_EQ(test, bsd_kernel_lock_depth(), 2);
	unix_release();
	KUNIT_EXPECT_EQ(test, tru64_funnel_depth(), 1);
	KUNIT_EXPECT_TRUE(test, bsd_kernel_locked_p());
	KUNIT_EXPECT_EQ(test, raw_smp_processor_id(), TRU64_MASTER_CPU);
	unix_release();

	KUNIT_EXPECT_EQ(test, tru64_funnel_depth(), 0);
	KUNIT_EXPECT_FALSE(test, bsd_kernel_locked_p());
	KUNIT_EXPECT_TRUE(test, cpumask_equal(current->cpus_ptr, before));
	free_cpumask_var(before);
}

/*
 * Threads bound to every CPU call one funneled function over and over: it
 * always runs on the master CPU, one thread at a time, and each thread is
 * bound to its own CPU again afterwards.
 */
#define FUNNEL_THREADS_PER_CPU	2
#define FUNNEL_CALLS		200

struct fun {
	atomic_t		inside;
	atomic_t		overlaps;
	atomic_t		off_master;
	atomic_t		calls;
	atomic_t		unbound;
};

static int funneled_body(void *arg)
{
	struct fun *f = arg;

	if (atomic_inc_return(&f->inside) != 1)
		atomic_inc(&f->overlaps);
	if (raw_smp_processor_id() != TRU64_MASTER_CPU)
		atomic_inc(&f->off_master);
	udelay(20);
	atomic_inc(&f->calls);
	atomic_dec(&f->inside);
	return 0;
}

static void fun_thread_fn(void *arg, unsigned int id)
{
	struct fun *f = arg;
	int cpu = bsd_kunit_thread_cpu(id);
	int i;

	for (i = 0; i < FUNNEL_CALLS; i++) {
		tru64_funnel_call(funneled_body, f);
		if (!cpumask_equal(current->cpus_ptr, cpumask_of(cpu)))
			atomic_inc(&f->unbound);
		cond_resched();
	}
}

static void funnel_serialises_on_master(struct kunit *test)
{
	int n = num_online_cpus() * FUNNEL_THREADS_PER_CPU;
	struct fun *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	bsd_kunit_run_threads(test, n, fun_thread_fn, f, "funnel", true);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->calls), n * FUNNEL_CALLS);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->overlaps), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->off_master), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->unbound), 0);
	kunit_info(test, "%d funneled calls from %d threads on %u CPUs\n",
		   atomic_read(&f->calls), n, num_online_cpus());
}

/*
 * A funneled thread that sleeps in mpsleep() gives the funnel up: another
 * funneled thread gets in, sets what the first waits for and wakes it. The
 * sleeper wakes on the master CPU with the funnel held at its depth. Were
 * the funnel kept, the second thread could not get in and the first would
 * time out.
 */
struct fun_sleep {
	bool			funneled;	/* the sleeper is in the funnel */
	bool			flag;		/* funneled: what it waits for */
	int			error;
	int			cpu, depth;
	bool			locked;
	struct completion	done;
};

static int fun_sleeper_fn(void *arg)
{
	struct fun_sleep *fs = arg;

	unix_master();
	unix_master();
	WRITE_ONCE(fs->funneled, true);
	while (!fs->flag && !fs->error)
		fs->error = mpsleep(&fs->flag, 0, "funsleep", 10 * HZ, NULL, 0);
	fs->cpu = raw_smp_processor_id();
	fs->depth = tru64_funnel_depth();
	fs->locked = bsd_kernel_locked_p() && bsd_kernel_lock_depth() == 2;
	unix_release();
	unix_release();
	complete(&fs->done);
	return 0;
}

static void funnel_sleep_lets_others_in(struct kunit *test)
{
	struct fun_sleep *fs = kunit_kzalloc(test, sizeof(*fs), GFP_KERNEL);
	struct task_struct *t;

	KUNIT_ASSERT_NOT_NULL(test, fs);
	init_completion(&fs->done);
	t = kthread_run(fun_sleeper_fn, fs, "funsleep");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	while (!READ_ONCE(fs->funneled))
		usleep_range(1000, 2000);

	unix_master();		/* only once the sleeper gave the funnel up */
	fs->flag = true;
	wakeup(&fs->flag);
	unix_release();

	wait_for_completion(&fs->done);
	KUNIT_EXPECT_EQ(test, fs->error, 0);
	KUNIT_EXPECT_EQ(test, fs->cpu, TRU64_MASTER_CPU);
	KUNIT_EXPECT_EQ(test, fs->depth, 2);
	KUNIT_EXPECT_TRUE(test, fs->locked);
}

static void funnel_misuse_release_unfunneled(struct kunit *test)
{
	unsigned long before = bsd_lockdebug_count();

	unix_release();
	EXPECT_REPORT(test, before, FUNNEL_ERR "unix_release: not in the funnel",
		      "funnel");
	KUNIT_EXPECT_FALSE(test, bsd_kernel_locked_p());
}

/* A simple lock held: unix_master() could sleep, so it is refused. */
static void funnel_misuse_simple_lock_held(struct kunit *test)
{
	unsigned long before = bsd_lockdebug_count();
	simple_lock_data_t held_sl;

	if (!tru64_lockmode_enabled())
		kunit_skip(test, "lockmode is off");
	simple_lock_init(&held_sl);
	simple_lock(&held_sl);
	unix_master();
	simple_unlock(&held_sl);
	EXPECT_REPORT(test, before,
		      FUNNEL_ERR "unix_master: sleeping with simple lock \"&held_sl\" held",
		      "funnel");
	KUNIT_EXPECT_EQ(test, tru64_funnel_depth(), 0);
	KUNIT_EXPECT_FALSE(test, bsd_kernel_locked_p());
}

struct fun_irq {
	struct hrtimer	timer;
	bool		fired;
};

static enum hrtimer_restart fun_irq_timer(struct hrtimer *t)
{
	struct fun_irq *fi = container_of(t, struct fun_irq, timer);

	unix_master();
	WRITE_ONCE(fi->fired, true);
	return HRTIMER_NORESTART;
}

static void funnel_misuse_interrupt(struct kunit *test)
{
	struct fun_irq *fi = kunit_kzalloc(test, sizeof(*fi), GFP_KERNEL);
	unsigned long before = bsd_lockdebug_count();

	KUNIT_ASSERT_NOT_NULL(test, fi);
	hrtimer_init(&fi->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	fi->timer.function = fun_irq_timer;
	hrtimer_start(&fi->timer, ns_to_ktime(10 * NSEC_PER_USEC),
		      HRTIMER_MODE_REL_HARD);
	while (!READ_ONCE(fi->fired))
		cpu_relax();
	hrtimer_cancel(&fi->timer);
	EXPECT_REPORT(test, before,
		      FUNNEL_ERR "unix_master: sleeping from interrupt context",
		      "funnel");
	KUNIT_EXPECT_FALSE(test, bsd_kernel_locked_p());
}

static struct kunit_case tru64_funnel_cases[] = {
	KUNIT_CASE(funnel_nesting),
	KUNIT_CASE(funnel_serialises_on_master),
	KUNIT_CASE(funnel_sleep_lets_others_in),
	KUNIT_CASE(funnel_misuse_release_unfunneled),
	KUNIT_CASE(funnel_misuse_simple_lock_held),
	KUNIT_CASE(funnel_misuse_interrupt),
	{}
};

static struct kunit_suite tru64_funnel_suite = {
	.name = "tru64_funnel",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = tru64_funnel_cases,
};
kunit_test_suite(tru64_funnel_suite);
