// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Shared by the bsdcompat KUnit suites: running a case on several threads. */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/err.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/slab.h>

#include "kunit_helpers.h"

unsigned int bsd_kunit_thread_cpu(unsigned int i)
{
	return cpumask_nth(i % num_online_cpus(), cpu_online_mask);
}

/* Lives on bsd_kunit_run_threads()'s stack: it waits for every thread. */
struct run_threads {
	void			(*fn)(void *arg, unsigned int i);
	void			*arg;
	atomic_t		running;
	struct completion	start;
	struct completion	done;
};

struct run_thread {
	struct run_threads	*rt;
	struct task_struct	*task;
	unsigned int		i;
};

static int run_thread_fn(void *data)
{
	struct run_thread *t = data;
	struct run_threads *rt = t->rt;

	wait_for_completion(&rt->start);
	rt->fn(rt->arg, t->i);
	/* The last thread out lets the caller return and free all this. */
	if (atomic_dec_and_test(&rt->running))
		complete(&rt->done);
	return 0;
}

void bsd_kunit_run_threads(struct kunit *test, unsigned int n,
			   void (*fn)(void *arg, unsigned int i), void *arg,
			   const char *name, bool bind)
{
	struct run_threads rt = { .fn = fn, .arg = arg };
	struct run_thread *t;
	unsigned int i;
	long err;

	if (!n)
		return;
	t = kcalloc(n, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	atomic_set(&rt.running, n);
	init_completion(&rt.start);
	init_completion(&rt.done);

	/*
	 * Create them all before waking any: if one cannot be created, the
	 * others are stopped before they ever call @fn, so that none is
	 * left waiting for a partner that does not exist, or running on
	 * @arg after the test has ended and freed it.
	 */
	for (i = 0; i < n; i++) {
		t[i].rt = &rt;
		t[i].i = i;
		t[i].task = kthread_create(run_thread_fn, &t[i], "%s/%u", name, i);
		if (IS_ERR(t[i].task))
			break;
		if (bind)
			kthread_bind(t[i].task, bsd_kunit_thread_cpu(i));
	}
	if (i < n) {
		err = PTR_ERR(t[i].task);
		while (i--)
			kthread_stop(t[i].task);
		kfree(t);
		KUNIT_ASSERT_FAILURE(test, "kthread_create %s: %ld", name, err);
	}

	/*
	 * Woken one by one, a thread could run to its end before the next
	 * is woken (it may preempt us): the start completion lets them all
	 * go at once, so that they really overlap.
	 */
	for (i = 0; i < n; i++)
		wake_up_process(t[i].task);
	complete_all(&rt.start);
	wait_for_completion(&rt.done);
	kfree(t);
}

void bsd_kunit_free_under_own_lock(struct kunit *test, unsigned int nobjs,
				   size_t size, void (*init)(void *obj),
				   unsigned int nthreads,
				   void (*fn)(void *arg, unsigned int i),
				   const char *name)
{
	struct bsd_kunit_free_test *ft;
	unsigned int i;

	ft = kunit_kzalloc(test, sizeof(*ft), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ft);
	ft->objs = kunit_kcalloc(test, nobjs, sizeof(*ft->objs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ft->objs);
	/* Not kunit memory: the threads free the objects themselves. */
	for (i = 0; i < nobjs; i++) {
		ft->objs[i] = kzalloc(size, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, ft->objs[i]);
		init(ft->objs[i]);
	}
	bsd_kunit_run_threads(test, nthreads, fn, ft, name, false);
	KUNIT_EXPECT_EQ(test, atomic_read(&ft->freed), (int)nobjs);
	/* The race only means something if threads really queued. */
	KUNIT_EXPECT_GT(test, atomic_read(&ft->contended), 0);
	kunit_info(test, "%d objects freed, %d contended acquisitions\n",
		   atomic_read(&ft->freed), atomic_read(&ft->contended));
}

struct bsd_kunit_irq {
	struct hrtimer		timer;
	struct completion	done;
	void			(*fn)(void *arg);
	void			*arg;
};

static enum hrtimer_restart bsd_kunit_irq_fn(struct hrtimer *t)
{
	struct bsd_kunit_irq *p = container_of(t, struct bsd_kunit_irq, timer);

	p->fn(p->arg);
	complete(&p->done);
	return HRTIMER_NORESTART;
}

void bsd_kunit_in_hardirq(void (*fn)(void *arg), void *arg)
{
	struct bsd_kunit_irq p = { .fn = fn, .arg = arg };

	init_completion(&p.done);
	hrtimer_init_on_stack(&p.timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	p.timer.function = bsd_kunit_irq_fn;
	hrtimer_start(&p.timer, ns_to_ktime(NSEC_PER_MSEC),
		      HRTIMER_MODE_REL_HARD);
	wait_for_completion(&p.done);
	hrtimer_cancel(&p.timer);
	destroy_hrtimer_on_stack(&p.timer);
}
