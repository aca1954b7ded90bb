// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: FreeBSD taskqueue(9) as bsdcompat implements it.
 *
 * The handler records its calls in a struct tqt: the order, the pending
 * counts, whether it held Giant. The cases wait with taskqueue_drain() and
 * taskqueue_drain_all(), or with bounded completions, never for a time
 * they expect.
 */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/slab.h>

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/mutex.h>
#include <sys/taskqueue.h>
#include <bsdcompat/biglock.h>

#include "kunit_helpers.h"

MODULE_IMPORT_NS(BSDCOMPAT);

#define TQ_ERR		"taskqueue error: "
#define TQ_WAIT		(10 * HZ)
#define TQ_NTASKS	32

struct tqt;

struct ttask {
	struct task		tk;
	struct timeout_task	tt;
	struct tqt		*t;
	int			id;
	int			pending;	/* what the handler got */
	bool			giant;
	bool			block;
	bool			drain_self;
	struct completion	*freed;		/* kfree() itself */
};

struct tqt {
	struct taskqueue	*tq;
	atomic_t		ran;
	int			order[TQ_NTASKS];
	atomic_t		norder;
	struct completion	entered;
	struct completion	go;
};

static void tq_handler(void *context, int pending)
{
	struct ttask *tk = context;
	struct tqt *t = tk->t;
	int i;

	tk->pending = pending;
	tk->giant = bsd_kernel_locked_p();
	i = atomic_inc_return(&t->norder) - 1;
	if (i < TQ_NTASKS)
		t->order[i] = tk->id;
	complete(&t->entered);
	if (tk->block)
		wait_for_completion_timeout(&t->go, TQ_WAIT);
	if (tk->drain_self)
		taskqueue_drain(t->tq, &tk->tk);
	atomic_inc(&t->ran);
	if (tk->freed) {
		struct completion *freed = tk->freed;

		kfree(tk);
		complete(freed);
	}
}

static struct tqt *tqt_new(struct kunit *test, int nthreads)
{
	struct tqt *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	init_completion(&t->entered);
	init_completion(&t->go);
	if (!nthreads)
		return t;
	t->tq = taskqueue_create("kunit_tq", M_WAITOK, taskqueue_thread_enqueue,
				 &t->tq);
	KUNIT_ASSERT_NOT_NULL(test, t->tq);
	KUNIT_ASSERT_EQ(test, taskqueue_start_threads(&t->tq, nthreads, PWAIT,
						      "kunit_tq"), 0);
	return t;
}

static struct ttask *ttasks(struct kunit *test, struct tqt *t, int n,
			    const int *prio)
{
	struct ttask *tk = kunit_kcalloc(test, n, sizeof(*tk), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, tk);
	for (i = 0; i < n; i++) {
		tk[i].t = t;
		tk[i].id = i;
		TASK_INIT(&tk[i].tk, prio ? prio[i] : 0, tq_handler, &tk[i]);
	}
	return tk;
}

static void tq_wait(struct kunit *test, struct completion *x)
{
	KUNIT_ASSERT_GT_MSG(test, wait_for_completion_timeout(x, TQ_WAIT), 0,
			    "task did not run");
}

/* Enqueued while queued: one run, with the count of enqueues. */
static void taskqueue_coalesces(struct kunit *test)
{
	struct tqt *t = tqt_new(test, 1);
	struct ttask *tk = ttasks(test, t, 1, NULL);
	int i;

	taskqueue_block(t->tq);
	for (i = 0; i < 5; i++)
		KUNIT_EXPECT_EQ(test, taskqueue_enqueue(t->tq, &tk->tk), 0);
	KUNIT_EXPECT_EQ(test, (int)tk->tk.ta_pending, 5);
	taskqueue_unblock(t->tq);
	taskqueue_drain(t->tq, &tk->tk);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->ran), 1);
	KUNIT_EXPECT_EQ(test, tk->pending, 5);
	KUNIT_EXPECT_EQ(test, (int)tk->tk.ta_pending, 0);
	taskqueue_free(t->tq);
}

/* Higher ta_priority first; enqueue order within a priority. */
static void taskqueue_priority_order(struct kunit *test)
{
	static const int prio[] = { 0, 5, 1, 5, 3, 0, 1, 5 };
	static const int expect[] = { 1, 3, 7, 4, 2, 6, 0, 5 };
	struct tqt *t = tqt_new(test, 1);
	struct ttask *tk = ttasks(test, t, ARRAY_SIZE(prio), prio);
	int i;

	taskqueue_block(t->tq);
	for (i = 0; i < ARRAY_SIZE(prio); i++)
		taskqueue_enqueue(t->tq, &tk[i].tk);
	taskqueue_unblock(t->tq);
	taskqueue_drain_all(t->tq);
	for (i = 0; i < ARRAY_SIZE(expect); i++)
		KUNIT_EXPECT_EQ(test, t->order[i], expect[i]);
	taskqueue_free(t->tq);
}

/* One thread, one priority: the tasks run in the order enqueued. */
static void taskqueue_fifo_order(struct kunit *test)
{
	struct tqt *t = tqt_new(test, 1);
	struct ttask *tk = ttasks(test, t, TQ_NTASKS, NULL);
	int i;

	for (i = 0; i < TQ_NTASKS; i++)
		taskqueue_enqueue(t->tq, &tk[i].tk);
	taskqueue_drain_all(t->tq);
	for (i = 0; i < TQ_NTASKS; i++)
		KUNIT_EXPECT_EQ(test, t->order[i], i);
	taskqueue_free(t->tq);
}

/* Cancel: a queued task is dequeued (0); a running one says EBUSY. */
static void taskqueue_cancel_results(struct kunit *test)
{
	struct tqt *t = tqt_new(test, 1);
	struct ttask *tk = ttasks(test, t, 2, NULL);
	u_int pend = 99;

	taskqueue_block(t->tq);
	taskqueue_enqueue(t->tq, &tk[0].tk);
	taskqueue_enqueue(t->tq, &tk[0].tk);
	KUNIT_EXPECT_EQ(test, taskqueue_cancel(t->tq, &tk[0].tk, &pend), 0);
	KUNIT_EXPECT_EQ(test, pend, 2U);
	KUNIT_EXPECT_EQ(test, taskqueue_cancel(t->tq, &tk[0].tk, &pend), 0);
	KUNIT_EXPECT_EQ(test, pend, 0U);
	taskqueue_unblock(t->tq);

	tk[1].block = true;
	taskqueue_enqueue(t->tq, &tk[1].tk);
	tq_wait(test, &t->entered);
	KUNIT_EXPECT_EQ(test, taskqueue_cancel(t->tq, &tk[1].tk, NULL), EBUSY);
	complete(&t->go);
	taskqueue_drain(t->tq, &tk[1].tk);
	KUNIT_EXPECT_EQ(test, taskqueue_cancel(t->tq, &tk[1].tk, NULL), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->ran), 1);
	taskqueue_free(t->tq);
}

/* Drain waits for a running task, giving Giant up meanwhile. */
static void taskqueue_drain_waits(struct kunit *test)
{
	struct tqt *t = tqt_new(test, 1);
	struct ttask *tk = ttasks(test, t, 1, NULL);

	tk->block = true;
	taskqueue_enqueue(t->tq, &tk->tk);
	tq_wait(test, &t->entered);
	complete(&t->go);
	mtx_lock(&Giant);
	taskqueue_drain(t->tq, &tk->tk);
	KUNIT_EXPECT_TRUE(test, mtx_owned(&Giant));
	mtx_unlock(&Giant);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->ran), 1);
	/* Drain of an idle task returns at once. */
	taskqueue_drain(t->tq, &tk->tk);
	taskqueue_free(t->tq);
}

/* Blocked, the queue starts nothing; unblocked, it runs what came. */
static void taskqueue_block_unblock(struct kunit *test)
{
	struct tqt *t = tqt_new(test, 2);
	struct ttask *tk = ttasks(test, t, 4, NULL);
	int i;

	taskqueue_block(t->tq);
	for (i = 0; i < 4; i++)
		taskqueue_enqueue(t->tq, &tk[i].tk);
	schedule_timeout_uninterruptible(2);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->ran), 0);
	taskqueue_unblock(t->tq);
	taskqueue_drain_all(t->tq);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->ran), 4);
	taskqueue_free(t->tq);
}

/* Timeout tasks: fire after the delay; cancelled before, never. */
static void taskqueue_timeout_tasks(struct kunit *test)
{
	struct tqt *t = tqt_new(test, 1);
	struct ttask *tk = ttasks(test, t, 2, NULL);
	u_int pend = 0;

	TIMEOUT_TASK_INIT(t->tq, &tk[0].tt, 0, tq_handler, &tk[0]);
	TIMEOUT_TASK_INIT(t->tq, &tk[1].tt, 0, tq_handler, &tk[1]);
	KUNIT_EXPECT_EQ(test, taskqueue_enqueue_timeout(t->tq, &tk[0].tt, 1), 0);
	tq_wait(test, &t->entered);
	taskqueue_drain_timeout(t->tq, &tk[0].tt);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->ran), 1);

	KUNIT_EXPECT_EQ(test, taskqueue_enqueue_timeout(t->tq, &tk[1].tt,
							60 * hz), 0);
	/* Armed again: moved, and counted. */
	KUNIT_EXPECT_EQ(test, taskqueue_enqueue_timeout(t->tq, &tk[1].tt,
							60 * hz), 1);
	KUNIT_EXPECT_EQ(test, taskqueue_cancel_timeout(t->tq, &tk[1].tt, &pend),
			0);
	KUNIT_EXPECT_EQ(test, pend, 1U);
	taskqueue_drain_timeout(t->tq, &tk[1].tt);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->ran), 1);

	/* Zero ticks: queued at once. */
	taskqueue_enqueue_timeout(t->tq, &tk[1].tt, 0);
	taskqueue_drain_timeout(t->tq, &tk[1].tt);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->ran), 2);
	taskqueue_free(t->tq);
}

/* The system queues: taskqueue_swi_giant's tasks hold Giant, others not. */
static void taskqueue_system_queues(struct kunit *test)
{
	struct taskqueue *q[] = { taskqueue_thread, taskqueue_swi,
				  taskqueue_swi_giant, taskqueue_fast };
	struct tqt *t = tqt_new(test, 0);
	struct ttask *tk = ttasks(test, t, ARRAY_SIZE(q), NULL);
	int i;

	for (i = 0; i < ARRAY_SIZE(q); i++) {
		t->tq = q[i];
		taskqueue_enqueue(q[i], &tk[i].tk);
		taskqueue_drain(q[i], &tk[i].tk);
		KUNIT_EXPECT_EQ(test, tk[i].giant, q[i] == taskqueue_swi_giant);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&t->ran), (int)ARRAY_SIZE(q));
}

/* taskqueue_fast takes tasks from hard interrupt context, quietly. */
struct irq_tq {
	struct taskqueue	*tq;
	struct task		*task;
	struct hrtimer		timer;
	struct completion	done;
};

static enum hrtimer_restart irq_tq_timer(struct hrtimer *timer)
{
	struct irq_tq *it = container_of(timer, struct irq_tq, timer);

	taskqueue_enqueue(it->tq, it->task);
	complete(&it->done);
	return HRTIMER_NORESTART;
}

static void irq_enqueue(struct kunit *test, struct taskqueue *tq,
			struct task *task)
{
	struct irq_tq *it = kunit_kzalloc(test, sizeof(*it), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, it);
	it->tq = tq;
	it->task = task;
	init_completion(&it->done);
	hrtimer_init(&it->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	it->timer.function = irq_tq_timer;
	hrtimer_start(&it->timer, ns_to_ktime(NSEC_PER_MSEC),
		      HRTIMER_MODE_REL_HARD);
	wait_for_completion(&it->done);
}

static void taskqueue_fast_from_interrupt(struct kunit *test)
{
	struct tqt *t = tqt_new(test, 0);
	struct ttask *tk = ttasks(test, t, 1, NULL);

	t->tq = taskqueue_fast;
	irq_enqueue(test, taskqueue_fast, &tk->tk);
	taskqueue_drain(taskqueue_fast, &tk->tk);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->ran), 1);
}

/* Several threads run the tasks of one queue; a task may free itself. */
static void taskqueue_threads_and_free_self(struct kunit *test)
{
	struct tqt *t = tqt_new(test, 4);
	struct ttask *tk = ttasks(test, t, TQ_NTASKS, NULL);
	struct ttask *own = kzalloc(sizeof(*own), GFP_KERNEL);
	struct completion freed;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, own);
	init_completion(&freed);
	own->t = t;
	own->freed = &freed;
	TASK_INIT(&own->tk, 0, tq_handler, own);
	for (i = 0; i < TQ_NTASKS; i++)
		taskqueue_enqueue(t->tq, &tk[i].tk);
	taskqueue_enqueue(t->tq, &own->tk);
	tq_wait(test, &freed);
	taskqueue_drain_all(t->tq);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->ran), TQ_NTASKS + 1);
	taskqueue_free(t->tq);
}

/* taskqueue_free() runs what is still queued. */
static void taskqueue_free_runs_queued(struct kunit *test)
{
	struct tqt *t = tqt_new(test, 1);
	struct ttask *tk = ttasks(test, t, 4, NULL);
	int i;

	taskqueue_block(t->tq);
	for (i = 0; i < 4; i++)
		taskqueue_enqueue(t->tq, &tk[i].tk);
	taskqueue_free(t->tq);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->ran), 4);
}

/* TASKQUEUE_DEFINE_THREAD(), made and freed by the module's init/exit. */
TASKQUEUE_DEFINE_THREAD(kunit);

static void taskqueue_define_thread(struct kunit *test)
{
	struct tqt *t = tqt_new(test, 0);
	struct ttask *tk = ttasks(test, t, 1, NULL);

	KUNIT_ASSERT_EQ(test, TASKQUEUE_SYSINIT_RUN(kunit), 0);
	t->tq = taskqueue_kunit;
	taskqueue_enqueue(taskqueue_kunit, &tk->tk);
	taskqueue_drain(taskqueue_kunit, &tk->tk);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->ran), 1);
	TASKQUEUE_SYSUNINIT_RUN(kunit);
	KUNIT_EXPECT_NULL(test, taskqueue_kunit);
}

static void misuse_taskqueue_drain_from_own_task(struct kunit *test)
{
	struct tqt *t = tqt_new(test, 1);
	struct ttask *tk = ttasks(test, t, 1, NULL);
	unsigned long n = bsd_lockdebug_count();

	tk->drain_self = true;
	taskqueue_enqueue(t->tq, &tk->tk);
	taskqueue_drain_all(t->tq);
	EXPECT_REPORT(test, n,
		      TQ_ERR "taskqueue_drain: called from a task of the same queue",
		      "lock \"kunit_tq\"");
	taskqueue_free(t->tq);
}

static void misuse_taskqueue_enqueue_irq_not_fast(struct kunit *test)
{
	struct tqt *t = tqt_new(test, 1);
	struct ttask *tk = ttasks(test, t, 1, NULL);
	unsigned long n = bsd_lockdebug_count();

	irq_enqueue(test, t->tq, &tk->tk);
	EXPECT_REPORT(test, n,
		      TQ_ERR "taskqueue_enqueue: enqueue from interrupt context",
		      "lock \"kunit_tq\"");
	taskqueue_drain(t->tq, &tk->tk);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->ran), 1);
	taskqueue_free(t->tq);
}

static void misuse_taskqueue_free_armed_timeout(struct kunit *test)
{
	struct tqt *t = tqt_new(test, 1);
	struct ttask *tk = ttasks(test, t, 1, NULL);
	unsigned long n;

	TIMEOUT_TASK_INIT(t->tq, &tk->tt, 0, tq_handler, tk);
	taskqueue_enqueue_timeout(t->tq, &tk->tt, 60 * hz);
	n = bsd_lockdebug_count();
	taskqueue_free(t->tq);
	EXPECT_REPORT(test, n, TQ_ERR "taskqueue_free: armed timeout tasks",
		      "lock \"kunit_tq\"");
	KUNIT_EXPECT_FALSE(test, timer_pending(&tk->tt.c));
	KUNIT_EXPECT_EQ(test, atomic_read(&t->ran), 0);
}

static void misuse_taskqueue_start_threads_twice(struct kunit *test)
{
	struct tqt *t = tqt_new(test, 1);
	unsigned long n = bsd_lockdebug_count();

	KUNIT_EXPECT_EQ(test, taskqueue_start_threads(&t->tq, 1, PWAIT, "again"),
			EINVAL);
	EXPECT_REPORT(test, n,
		      TQ_ERR "taskqueue_start_threads: queue already has threads",
		      "lock \"kunit_tq\"");
	taskqueue_free(t->tq);
}

static void misuse_taskqueue_timeout_other_queue(struct kunit *test)
{
	struct tqt *t = tqt_new(test, 1);
	struct ttask *tk = ttasks(test, t, 1, NULL);
	unsigned long n;

	TIMEOUT_TASK_INIT(taskqueue_thread, &tk->tt, 0, tq_handler, tk);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, taskqueue_enqueue_timeout(t->tq, &tk->tt, 1), -1);
	EXPECT_REPORT(test, n,
		      TQ_ERR "taskqueue_enqueue_timeout: timeout task initialised for another queue",
		      "lock \"kunit_tq\"");
	taskqueue_free(t->tq);
}

static struct kunit_case freebsd_taskqueue_cases[] = {
	KUNIT_CASE(taskqueue_coalesces),
	KUNIT_CASE(taskqueue_priority_order),
	KUNIT_CASE(taskqueue_fifo_order),
	KUNIT_CASE(taskqueue_cancel_results),
	KUNIT_CASE(taskqueue_drain_waits),
	KUNIT_CASE(taskqueue_block_unblock),
	KUNIT_CASE(taskqueue_timeout_tasks),
	KUNIT_CASE(taskqueue_system_queues),
	KUNIT_CASE(taskqueue_fast_from_interrupt),
	KUNIT_CASE(taskqueue_threads_and_free_self),
	KUNIT_CASE(taskqueue_free_runs_queued),
	KUNIT_CASE(taskqueue_define_thread),
	KUNIT_CASE(misuse_taskqueue_drain_from_own_task),
	KUNIT_CASE(misuse_taskqueue_enqueue_irq_not_fast),
	KUNIT_CASE(misuse_taskqueue_free_armed_timeout),
	KUNIT_CASE(misuse_taskqueue_start_threads_twice),
	KUNIT_CASE(misuse_taskqueue_timeout_other_queue),
	{}
};

static struct kunit_suite freebsd_taskqueue_suite = {
	.name = "freebsd_taskqueue",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = freebsd_taskqueue_cases,
};
kunit_test_suite(freebsd_taskqueue_suite);
