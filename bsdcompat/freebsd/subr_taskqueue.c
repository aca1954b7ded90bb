// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * FreeBSD taskqueue(9).
 *
 * A queue is FreeBSD's: a list of tasks sorted by priority under the
 * queue's lock, and threads of its own that take them off the front. A
 * Linux workqueue would not do: it has no priorities within a queue, and
 * FreeBSD's coalescing (the pending count handed to the handler), its
 * cancel that says EBUSY, and taskqueue_block() all need the queue's own
 * state. The lock is a raw spinlock taken with interrupts off, so that
 * fast queues take tasks from hard interrupt context (on PREEMPT_RT too);
 * the threads are Linux kthreads that sleep on a simple wait queue, whose
 * wakeup is a raw spinlock too and may be called under the queue's lock.
 *
 * Each thread records the task it is running; "is the task running" is
 * asked of those records, never of the task: a handler may free its task,
 * and once it has returned the thread touches only the queue.
 *
 * A timeout task is a timer_list that enqueues the task from its handler
 * (softirq) under the queue's lock, if DT_CALLOUT_ARMED is still set: a
 * cancel that clears the flag under the lock wins against a timer that
 * fired and waits for the lock, as FreeBSD's callout with tq_mutex does.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/hardirq.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/swait.h>
#include <linux/timer.h>
#include <linux/wait.h>

#include <sys/mutex.h>
#include <sys/taskqueue.h>
#include <bsdcompat/lockdebug.h>

#include "../core/adaptive.h"
#include "freebsd.h"

#define TQ_MAGIC	0x7461736bu	/* "task" */
#define TQ_DEAD		0x74736464u	/* freed */
#define TQ_NAMELEN	32

/* tq_flags */
#define TQ_FLAGS_ACTIVE		0x01	/* not being freed */
#define TQ_FLAGS_BLOCKED	0x02	/* taskqueue_block() */
#define TQ_FLAGS_PENDING	0x04	/* enqueued while blocked */
#define TQ_FLAGS_FAST		0x08	/* takes tasks from filters */
#define TQ_FLAGS_GIANT		0x10	/* tasks run holding Giant */

/* timeout_task f */
#define DT_CALLOUT_ARMED	0x01
#define DT_DRAIN_IN_PROGRESS	0x02

struct tq_thread {
	struct task_struct	*tt_task;
	struct taskqueue	*tt_tq;
	struct task		*tt_running;	/* under tq_lock */
};

struct taskqueue {
	u32			tq_magic;
	unsigned int		tq_flags;
	raw_spinlock_t		tq_lock;
	struct list_head	tq_queue;
	struct list_head	tq_timeouts;	/* armed timeout tasks */
	struct swait_queue_head	tq_wq;		/* the threads wait here */
	wait_queue_head_t	tq_drainq;	/* drainers wait here */
	taskqueue_enqueue_fn	tq_enqueue;
	void			*tq_context;
	int			tq_nthreads;
	struct tq_thread	*tq_threads;
	char			tq_name[TQ_NAMELEN];
};

static void tq_error(const struct taskqueue *tq, const char *op,
		     unsigned long ip, const char *msg)
{
	bsd_lock_error(FREEBSD_TASKQUEUE_CLASS, op, tq, tq ? tq->tq_name : "",
		       ip, "%s", msg);
}

static bool tq_ok(const struct taskqueue *tq, const char *op,
		  unsigned long ip)
{
	u32 magic;

	if (unlikely(!tq)) {
		tq_error(NULL, op, ip, "NULL taskqueue");
		return false;
	}
	magic = READ_ONCE(tq->tq_magic);
	if (likely(magic == TQ_MAGIC))
		return true;
	bsd_lock_error(FREEBSD_TASKQUEUE_CLASS, op, tq, "", ip, "%s",
		       magic == TQ_DEAD ? "freed taskqueue" :
		       "uninitialized taskqueue");
	return false;
}

/* Is @task running on one of @tq's threads? Under tq_lock. */
static bool tq_running(struct taskqueue *tq, struct task *task)
{
	int i;

	for (i = 0; i < tq->tq_nthreads; i++)
		if (tq->tq_threads[i].tt_running == task)
			return true;
	return false;
}

/* The thread of @tq the caller is, or NULL. */
static struct tq_thread *tq_self(struct taskqueue *tq)
{
	/* Pairs with the release in start_threads: tq_threads is set. */
	int i, n = smp_load_acquire(&tq->tq_nthreads);

	for (i = 0; i < n; i++)
		if (tq->tq_threads[i].tt_task == current)
			return &tq->tq_threads[i];
	return NULL;
}

/* Queue @task by priority, FIFO within one; under tq_lock. */
static void tq_enqueue_locked(struct taskqueue *tq, struct task *task)
{
	struct task *t;

	if (task->ta_pending) {
		if (task->ta_pending < U16_MAX)
			task->ta_pending++;
		return;
	}
	list_for_each_entry(t, &tq->tq_queue, ta_link) {
		if (t->ta_priority < task->ta_priority) {
			list_add_tail(&task->ta_link, &t->ta_link);
			goto queued;
		}
	}
	list_add_tail(&task->ta_link, &tq->tq_queue);
queued:
	task->ta_pending = 1;
	if (tq->tq_flags & TQ_FLAGS_BLOCKED)
		tq->tq_flags |= TQ_FLAGS_PENDING;
	else
		tq->tq_enqueue(tq->tq_context);
}

static bool tq_has_work(struct taskqueue *tq)
{
	return !list_empty(&tq->tq_queue) &&
	       !(READ_ONCE(tq->tq_flags) & TQ_FLAGS_BLOCKED);
}

/* Run what the queue has (all of it when @all, even if blocked). */
static void tq_run(struct tq_thread *me, bool all)
{
	struct taskqueue *tq = me->tt_tq;
	struct task *task;
	unsigned long flags;
	int pending;

	raw_spin_lock_irqsave(&tq->tq_lock, flags);
	while (!list_empty(&tq->tq_queue) &&
	       (all || !(tq->tq_flags & TQ_FLAGS_BLOCKED))) {
		task = list_first_entry(&tq->tq_queue, struct task, ta_link);
		list_del_init(&task->ta_link);
		pending = task->ta_pending;
		task->ta_pending = 0;
		me->tt_running = task;
		raw_spin_unlock_irqrestore(&tq->tq_lock, flags);

		/* From here on the handler owns the task and may free it. */
		if (tq->tq_flags & TQ_FLAGS_GIANT) {
			mtx_lock(&Giant);
			task->ta_func(task->ta_context, pending);
			mtx_unlock(&Giant);
		} else {
			task->ta_func(task->ta_context, pending);
		}

		raw_spin_lock_irqsave(&tq->tq_lock, flags);
		me->tt_running = NULL;
		/* A waitqueue_head's lock is not raw: wake outside ours. */
		raw_spin_unlock_irqrestore(&tq->tq_lock, flags);
		wake_up_all(&tq->tq_drainq);
		raw_spin_lock_irqsave(&tq->tq_lock, flags);
	}
	raw_spin_unlock_irqrestore(&tq->tq_lock, flags);
}

static int tq_thread_fn(void *arg)
{
	struct tq_thread *me = arg;
	struct taskqueue *tq = me->tt_tq;

	for (;;) {
		swait_event_idle_exclusive(tq->tq_wq, tq_has_work(tq) ||
					   kthread_should_stop());
		if (kthread_should_stop())
			break;
		tq_run(me, false);
	}
	/* On its way out, as FreeBSD's: run what is left. */
	tq_run(me, true);
	return 0;
}

/**
 * freebsd_taskqueue_thread_enqueue() - wake a queue's threads
 * @context: the address of the queue pointer (as taskqueue_create() got)
 *
 * What taskqueue_thread_enqueue and taskqueue_fast_enqueue are: the
 * enqueue function of queues served by taskqueue_start_threads().
 *
 * Context: any; does not sleep.
 */
void freebsd_taskqueue_thread_enqueue(void *context)
{
	struct taskqueue **tqp = context;

	swake_up_one(&(*tqp)->tq_wq);
}
EXPORT_SYMBOL_NS_GPL(freebsd_taskqueue_thread_enqueue, BSDCOMPAT);

/**
 * freebsd_taskqueue_create() - make a task queue (taskqueue_create())
 * @name: its name
 * @mflags: M_WAITOK or M_NOWAIT
 * @enqueue: called (under the queue's lock) when a task is queued:
 *	taskqueue_thread_enqueue for queues served by taskqueue_start_threads()
 * @context: @enqueue's argument: the address of the queue pointer
 * @fast: a fast queue (taskqueue_create_fast()): tasks may be enqueued
 *	from hard interrupt context
 *
 * Context: thread context, may sleep with M_WAITOK; any with M_NOWAIT.
 * Return: the queue, or NULL.
 */
struct taskqueue *freebsd_taskqueue_create(const char *name, int mflags,
					   taskqueue_enqueue_fn enqueue,
					   void *context, bool fast)
{
	struct taskqueue *tq;

	if (mflags & M_WAITOK)
		might_sleep();
	tq = kzalloc(sizeof(*tq), (mflags & M_WAITOK) ? GFP_KERNEL :
		     GFP_ATOMIC);
	if (!tq)
		return NULL;
	strscpy(tq->tq_name, name, sizeof(tq->tq_name));
	raw_spin_lock_init(&tq->tq_lock);
	INIT_LIST_HEAD(&tq->tq_queue);
	INIT_LIST_HEAD(&tq->tq_timeouts);
	init_swait_queue_head(&tq->tq_wq);
	init_waitqueue_head(&tq->tq_drainq);
	tq->tq_enqueue = enqueue;
	tq->tq_context = context;
	tq->tq_flags = TQ_FLAGS_ACTIVE | (fast ? TQ_FLAGS_FAST : 0);
	WRITE_ONCE(tq->tq_magic, TQ_MAGIC);
	return tq;
}
EXPORT_SYMBOL_NS_GPL(freebsd_taskqueue_create, BSDCOMPAT);

/**
 * freebsd_taskqueue_start_threads() - give a queue its threads
 * @tqp: the address of the queue pointer
 * @count: how many threads
 * @pri: their priority; accepted, not used
 * @fmt: printf format of their name, with the arguments that follow
 *
 * A queue gets its threads once; a second call is reported and refused.
 *
 * Context: thread context; may sleep.
 * Return: 0, or EINVAL or ENOMEM.
 */
int freebsd_taskqueue_start_threads(struct taskqueue **tqp, int count,
				    int pri, const char *fmt, ...)
{
	struct taskqueue *tq = *tqp;
	unsigned long ip = _RET_IP_;
	struct tq_thread *th;
	char name[TASK_COMM_LEN];
	struct task_struct *t;
	va_list ap;
	int i;

	might_sleep();
	if (!tq_ok(tq, "taskqueue_start_threads", ip))
		return EINVAL;
	if (tq->tq_threads || count <= 0) {
		tq_error(tq, "taskqueue_start_threads", ip,
			 count <= 0 ? "bad thread count" :
			 "queue already has threads");
		return EINVAL;
	}
	th = kcalloc(count, sizeof(*th), GFP_KERNEL);
	if (!th)
		return ENOMEM;
	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	for (i = 0; i < count; i++) {
		th[i].tt_tq = tq;
		t = count == 1 ? kthread_create(tq_thread_fn, &th[i], "%s", name) :
		    kthread_create(tq_thread_fn, &th[i], "%s_%d", name, i);
		if (IS_ERR(t))
			break;
		th[i].tt_task = t;
	}
	if (i < count) {
		while (i--)
			kthread_stop(th[i].tt_task);
		kfree(th);
		return ENOMEM;
	}
	/* Published before they run: tq_self() and tq_running() read it. */
	raw_spin_lock_irq(&tq->tq_lock);
	tq->tq_threads = th;
	/* tq_self() reads tq_threads, without the lock, after this. */
	smp_store_release(&tq->tq_nthreads, count);
	raw_spin_unlock_irq(&tq->tq_lock);
	for (i = 0; i < count; i++)
		wake_up_process(th[i].tt_task);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(freebsd_taskqueue_start_threads, BSDCOMPAT);

/**
 * freebsd_taskqueue_enqueue() - queue a task (taskqueue_enqueue())
 * @tq: the queue
 * @task: the task
 *
 * A task already queued is not queued again: its pending count grows (up
 * to 65535), and its handler is called once with that count. A task that
 * is running is queued again, to run after. Enqueueing on a queue that is
 * not fast from hard interrupt context is reported, and done.
 *
 * Context: any; hard interrupt context for fast queues only. Does not
 * sleep.
 * Return: 0.
 */
int freebsd_taskqueue_enqueue(struct taskqueue *tq, struct task *task)
{
	unsigned long ip = _RET_IP_;
	unsigned long flags;

	if (!tq_ok(tq, "taskqueue_enqueue", ip))
		return EINVAL;
	if (unlikely(in_hardirq() && !(tq->tq_flags & TQ_FLAGS_FAST)))
		tq_error(tq, "taskqueue_enqueue", ip,
			 "enqueue from interrupt context on a queue that is not fast");
	raw_spin_lock_irqsave(&tq->tq_lock, flags);
	tq_enqueue_locked(tq, task);
	raw_spin_unlock_irqrestore(&tq->tq_lock, flags);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(freebsd_taskqueue_enqueue, BSDCOMPAT);

/* Dequeue @task if queued; its count to *@pendp; EBUSY if running. */
static int tq_cancel_locked(struct taskqueue *tq, struct task *task,
			    u_int *pendp)
{
	if (task->ta_pending)
		list_del_init(&task->ta_link);
	if (pendp)
		*pendp = task->ta_pending;
	task->ta_pending = 0;
	return tq_running(tq, task) ? EBUSY : 0;
}

/**
 * freebsd_taskqueue_cancel() - dequeue a task (taskqueue_cancel())
 * @tq: the queue
 * @task: the task
 * @pendp: if not NULL, receives how many enqueues were cancelled
 *
 * Context: any; does not sleep.
 * Return: 0, or EBUSY if the task is running (it was dequeued all the
 * same if it was queued again).
 */
int freebsd_taskqueue_cancel(struct taskqueue *tq, struct task *task,
			     u_int *pendp)
{
	unsigned long flags;
	int error;

	if (!tq_ok(tq, "taskqueue_cancel", _RET_IP_))
		return EINVAL;
	raw_spin_lock_irqsave(&tq->tq_lock, flags);
	error = tq_cancel_locked(tq, task, pendp);
	raw_spin_unlock_irqrestore(&tq->tq_lock, flags);
	return error;
}
EXPORT_SYMBOL_NS_GPL(freebsd_taskqueue_cancel, BSDCOMPAT);

/* Is @task neither queued nor running? */
static bool tq_task_idle(struct taskqueue *tq, struct task *task)
{
	unsigned long flags;
	bool idle;

	raw_spin_lock_irqsave(&tq->tq_lock, flags);
	idle = !task->ta_pending && !tq_running(tq, task);
	raw_spin_unlock_irqrestore(&tq->tq_lock, flags);
	return idle;
}

/* May the caller wait for @tq's threads? Reported if not. */
static bool tq_may_wait(struct taskqueue *tq, const char *op,
			unsigned long ip)
{
	if (!bsd_lock_may_block()) {
		tq_error(tq, op, ip,
			 "called from interrupt context or with a spin mutex held");
		return false;
	}
	if (tq_self(tq)) {
		tq_error(tq, op, ip, "called from a task of the same queue");
		return false;
	}
	might_sleep();
	return true;
}

/**
 * freebsd_taskqueue_drain() - wait for a task (taskqueue_drain())
 * @tq: the queue
 * @task: the task
 *
 * Returns once @task is neither queued nor running. Giant is given up
 * while it waits. From a task of the same queue it could wait for itself:
 * reported, and it returns at once.
 *
 * Context: thread context; may sleep.
 */
void freebsd_taskqueue_drain(struct taskqueue *tq, struct task *task)
{
	unsigned long ip = _RET_IP_;
	int giant;

	if (!tq_ok(tq, "taskqueue_drain", ip) ||
	    !tq_may_wait(tq, "taskqueue_drain", ip))
		return;
	if (tq_task_idle(tq, task))
		return;
	giant = freebsd_giant_drop();
	wait_event(tq->tq_drainq, tq_task_idle(tq, task));
	freebsd_giant_pickup(giant);
}
EXPORT_SYMBOL_NS_GPL(freebsd_taskqueue_drain, BSDCOMPAT);

static bool tq_idle(struct taskqueue *tq)
{
	unsigned long flags;
	bool idle;
	int i;

	raw_spin_lock_irqsave(&tq->tq_lock, flags);
	idle = list_empty(&tq->tq_queue);
	for (i = 0; idle && i < tq->tq_nthreads; i++)
		idle = !tq->tq_threads[i].tt_running;
	raw_spin_unlock_irqrestore(&tq->tq_lock, flags);
	return idle;
}

/**
 * freebsd_taskqueue_drain_all() - wait for a queue to be idle
 * @tq: the queue
 *
 * Returns once nothing is queued on @tq or running. Giant is given up
 * while it waits.
 *
 * Context: thread context, not a task of @tq; may sleep.
 */
void freebsd_taskqueue_drain_all(struct taskqueue *tq)
{
	unsigned long ip = _RET_IP_;
	int giant;

	if (!tq_ok(tq, "taskqueue_drain_all", ip) ||
	    !tq_may_wait(tq, "taskqueue_drain_all", ip))
		return;
	giant = freebsd_giant_drop();
	wait_event(tq->tq_drainq, tq_idle(tq));
	freebsd_giant_pickup(giant);
}
EXPORT_SYMBOL_NS_GPL(freebsd_taskqueue_drain_all, BSDCOMPAT);

/**
 * freebsd_taskqueue_block() - keep a queue from starting tasks
 * @tq: the queue
 *
 * Tasks may still be enqueued; they start after taskqueue_unblock(). A
 * task that is running is not waited for.
 *
 * Context: any; does not sleep.
 */
void freebsd_taskqueue_block(struct taskqueue *tq)
{
	unsigned long flags;

	if (!tq_ok(tq, "taskqueue_block", _RET_IP_))
		return;
	raw_spin_lock_irqsave(&tq->tq_lock, flags);
	tq->tq_flags |= TQ_FLAGS_BLOCKED;
	raw_spin_unlock_irqrestore(&tq->tq_lock, flags);
}
EXPORT_SYMBOL_NS_GPL(freebsd_taskqueue_block, BSDCOMPAT);

/**
 * freebsd_taskqueue_unblock() - let a blocked queue start tasks again
 * @tq: the queue
 *
 * Context: any; does not sleep.
 */
void freebsd_taskqueue_unblock(struct taskqueue *tq)
{
	unsigned long flags;

	if (!tq_ok(tq, "taskqueue_unblock", _RET_IP_))
		return;
	raw_spin_lock_irqsave(&tq->tq_lock, flags);
	tq->tq_flags &= ~TQ_FLAGS_BLOCKED;
	if (tq->tq_flags & TQ_FLAGS_PENDING) {
		tq->tq_flags &= ~TQ_FLAGS_PENDING;
		tq->tq_enqueue(tq->tq_context);
	}
	raw_spin_unlock_irqrestore(&tq->tq_lock, flags);
}
EXPORT_SYMBOL_NS_GPL(freebsd_taskqueue_unblock, BSDCOMPAT);

static void tq_timeout_fn(struct timer_list *timer)
{
	struct timeout_task *tt = from_timer(tt, timer, c);
	struct taskqueue *tq = tt->q;
	unsigned long flags;

	raw_spin_lock_irqsave(&tq->tq_lock, flags);
	/* Cancelled while this waited for the lock: nothing to do. */
	if (tt->f & DT_CALLOUT_ARMED) {
		tt->f &= ~DT_CALLOUT_ARMED;
		list_del_init(&tt->to_link);
		tq_enqueue_locked(tq, &tt->t);
	}
	raw_spin_unlock_irqrestore(&tq->tq_lock, flags);
}

/**
 * freebsd_timeout_task_init() - initialise a timeout task
 * @tq: the queue it will be enqueued on
 * @tt: the timeout task
 * @priority: the task's priority
 * @func: its handler
 * @context: the handler's argument
 *
 * What TIMEOUT_TASK_INIT() expands to.
 *
 * Context: any; does not sleep.
 */
void freebsd_timeout_task_init(struct taskqueue *tq, struct timeout_task *tt,
			       int priority, task_fn_t *func, void *context)
{
	TASK_INIT(&tt->t, priority, func, context);
	tt->q = tq;
	tt->f = 0;
	INIT_LIST_HEAD(&tt->to_link);
	timer_setup(&tt->c, tq_timeout_fn, 0);
}
EXPORT_SYMBOL_NS_GPL(freebsd_timeout_task_init, BSDCOMPAT);

/**
 * freebsd_taskqueue_enqueue_timeout() - queue a task after a delay
 * @tq: the queue, the one given to TIMEOUT_TASK_INIT()
 * @tt: the timeout task
 * @ticks: the delay in ticks; 0 queues it now, a negative one is taken
 *	as its absolute value
 *
 * An armed timeout task is moved to the new time.
 *
 * Context: any; does not sleep.
 * Return: the task's pending count before the call, plus one if the timer
 * was armed; -1 while the timeout task is being drained.
 */
int freebsd_taskqueue_enqueue_timeout(struct taskqueue *tq,
				      struct timeout_task *tt, int ticks)
{
	unsigned long ip = _RET_IP_;
	unsigned long flags;
	int res;

	if (!tq_ok(tq, "taskqueue_enqueue_timeout", ip))
		return -1;
	if (tt->q != tq) {
		tq_error(tq, "taskqueue_enqueue_timeout", ip,
			 "timeout task initialised for another queue");
		return -1;
	}
	raw_spin_lock_irqsave(&tq->tq_lock, flags);
	res = tt->t.ta_pending;
	if (tt->f & DT_DRAIN_IN_PROGRESS) {
		res = -1;
	} else if (ticks == 0) {
		tq_enqueue_locked(tq, &tt->t);
	} else {
		if (tt->f & DT_CALLOUT_ARMED) {
			res++;
		} else {
			tt->f |= DT_CALLOUT_ARMED;
			list_add(&tt->to_link, &tq->tq_timeouts);
		}
		mod_timer(&tt->c, jiffies + abs(ticks));
	}
	raw_spin_unlock_irqrestore(&tq->tq_lock, flags);
	return res;
}
EXPORT_SYMBOL_NS_GPL(freebsd_taskqueue_enqueue_timeout, BSDCOMPAT);

/**
 * freebsd_taskqueue_cancel_timeout() - cancel a timeout task
 * @tq: its queue
 * @tt: the timeout task
 * @pendp: if not NULL, receives how many enqueues (the timer's included)
 *	were cancelled
 *
 * Disarms the timer (a timer that fired but has not enqueued the task yet
 * will not) and dequeues the task.
 *
 * Context: any; does not sleep.
 * Return: 0, or EBUSY if the task is running.
 */
int freebsd_taskqueue_cancel_timeout(struct taskqueue *tq,
				     struct timeout_task *tt, u_int *pendp)
{
	unsigned long flags;
	u_int pending = 0;
	int error;

	if (!tq_ok(tq, "taskqueue_cancel_timeout", _RET_IP_))
		return EINVAL;
	raw_spin_lock_irqsave(&tq->tq_lock, flags);
	if (tt->f & DT_CALLOUT_ARMED) {
		del_timer(&tt->c);
		tt->f &= ~DT_CALLOUT_ARMED;
		list_del_init(&tt->to_link);
		pending = 1;
	}
	error = tq_cancel_locked(tq, &tt->t, pendp);
	raw_spin_unlock_irqrestore(&tq->tq_lock, flags);
	if (pendp)
		*pendp += pending;
	return error;
}
EXPORT_SYMBOL_NS_GPL(freebsd_taskqueue_cancel_timeout, BSDCOMPAT);

/**
 * freebsd_taskqueue_drain_timeout() - cancel a timeout task's timer, wait
 * @tq: its queue
 * @tt: the timeout task
 *
 * An armed timer is disarmed (its task is not enqueued), then the task is
 * drained as taskqueue_drain() does. Enqueues meanwhile are refused.
 *
 * Context: thread context; may sleep.
 */
void freebsd_taskqueue_drain_timeout(struct taskqueue *tq,
				     struct timeout_task *tt)
{
	unsigned long ip = _RET_IP_;
	unsigned long flags;

	if (!tq_ok(tq, "taskqueue_drain_timeout", ip) ||
	    !tq_may_wait(tq, "taskqueue_drain_timeout", ip))
		return;
	raw_spin_lock_irqsave(&tq->tq_lock, flags);
	tt->f |= DT_DRAIN_IN_PROGRESS;
	if (tt->f & DT_CALLOUT_ARMED) {
		tt->f &= ~DT_CALLOUT_ARMED;
		list_del_init(&tt->to_link);
	}
	raw_spin_unlock_irqrestore(&tq->tq_lock, flags);
	del_timer_sync(&tt->c);
	freebsd_taskqueue_drain(tq, &tt->t);
	raw_spin_lock_irqsave(&tq->tq_lock, flags);
	tt->f &= ~DT_DRAIN_IN_PROGRESS;
	raw_spin_unlock_irqrestore(&tq->tq_lock, flags);
}
EXPORT_SYMBOL_NS_GPL(freebsd_taskqueue_drain_timeout, BSDCOMPAT);

/**
 * freebsd_taskqueue_free() - free a task queue (taskqueue_free())
 * @tq: the queue
 *
 * The tasks still queued run, then the threads stop and the queue is
 * freed. Armed timeout tasks (FreeBSD asserts there are none) are
 * reported and disarmed. Giant is given up while it waits.
 *
 * Context: thread context, not a task of @tq; may sleep.
 */
void freebsd_taskqueue_free(struct taskqueue *tq)
{
	unsigned long ip = _RET_IP_;
	struct timeout_task *tt, *n;
	unsigned long flags;
	LIST_HEAD(armed);
	int giant, i;

	if (!tq_ok(tq, "taskqueue_free", ip) ||
	    !tq_may_wait(tq, "taskqueue_free", ip))
		return;
	raw_spin_lock_irqsave(&tq->tq_lock, flags);
	/* What is queued runs, blocked or not, as FreeBSD's exiting threads. */
	tq->tq_flags &= ~(TQ_FLAGS_ACTIVE | TQ_FLAGS_BLOCKED);
	list_splice_init(&tq->tq_timeouts, &armed);
	list_for_each_entry(tt, &armed, to_link)
		tt->f &= ~DT_CALLOUT_ARMED;
	raw_spin_unlock_irqrestore(&tq->tq_lock, flags);
	if (!list_empty(&armed))
		tq_error(tq, "taskqueue_free", ip, "armed timeout tasks");
	list_for_each_entry_safe(tt, n, &armed, to_link) {
		list_del_init(&tt->to_link);
		del_timer_sync(&tt->c);
	}
	giant = freebsd_giant_drop();
	/*
	 * Run the queue dry before stopping the threads: a kthread stopped
	 * before it first ran never calls its function at all.
	 */
	if (tq->tq_nthreads) {
		swake_up_all(&tq->tq_wq);
		wait_event(tq->tq_drainq, tq_idle(tq));
	}
	for (i = 0; i < tq->tq_nthreads; i++)
		kthread_stop(tq->tq_threads[i].tt_task);
	freebsd_giant_pickup(giant);
	WRITE_ONCE(tq->tq_magic, TQ_DEAD);
	kfree(tq->tq_threads);
	kfree(tq);
}
EXPORT_SYMBOL_NS_GPL(freebsd_taskqueue_free, BSDCOMPAT);

/*
 * The system queues, made at module load, one thread each. Tasks on
 * taskqueue_swi_giant run holding Giant; taskqueue_fast takes tasks from
 * hard interrupt context.
 * Context: taskqueue_thread: enqueue from any thread or ithread context.
 */
struct taskqueue *freebsd_taskqueue_thread;
EXPORT_SYMBOL_NS_GPL(freebsd_taskqueue_thread, BSDCOMPAT);
/*
 * Context: taskqueue_swi: as taskqueue_thread (no software interrupt here).
 */
struct taskqueue *freebsd_taskqueue_swi;
EXPORT_SYMBOL_NS_GPL(freebsd_taskqueue_swi, BSDCOMPAT);
/*
 * Context: taskqueue_swi_giant: as taskqueue_thread; its tasks hold Giant.
 */
struct taskqueue *freebsd_taskqueue_swi_giant;
EXPORT_SYMBOL_NS_GPL(freebsd_taskqueue_swi_giant, BSDCOMPAT);
/*
 * Context: taskqueue_fast: enqueue from any context, filters included.
 */
struct taskqueue *freebsd_taskqueue_fast;
EXPORT_SYMBOL_NS_GPL(freebsd_taskqueue_fast, BSDCOMPAT);

/**
 * freebsd_taskqueue_define_thread() - make a queue with one thread
 * @tqp: where to put it: the taskqueue_name variable
 * @name: its name
 *
 * What TASKQUEUE_SYSINIT_RUN() of a TASKQUEUE_DEFINE_THREAD() queue does.
 *
 * Context: thread context (module init); may sleep.
 * Return: 0, or ENOMEM.
 */
int freebsd_taskqueue_define_thread(struct taskqueue **tqp, const char *name)
{
	int error;

	*tqp = freebsd_taskqueue_create(name, M_WAITOK,
					freebsd_taskqueue_thread_enqueue, tqp,
					false);
	if (!*tqp)
		return ENOMEM;
	error = freebsd_taskqueue_start_threads(tqp, 1, 0, "%s taskq", name);
	if (error) {
		freebsd_taskqueue_free(*tqp);
		*tqp = NULL;
	}
	return error;
}
EXPORT_SYMBOL_NS_GPL(freebsd_taskqueue_define_thread, BSDCOMPAT);

static struct taskqueue **const tq_system[] = {
	&freebsd_taskqueue_thread, &freebsd_taskqueue_swi,
	&freebsd_taskqueue_swi_giant, &freebsd_taskqueue_fast,
};

static const char *const tq_system_name[] = {
	"thread", "swi", "swi_giant", "fast",
};

/**
 * freebsd_taskqueue_init() - make the system queues, one thread each
 *
 * Context: module init.
 * Return: 0, or -ENOMEM.
 */
int freebsd_taskqueue_init(void)
{
	struct taskqueue **tqp;
	int i;

	for (i = 0; i < ARRAY_SIZE(tq_system); i++) {
		tqp = tq_system[i];
		*tqp = freebsd_taskqueue_create(tq_system_name[i], M_WAITOK,
						freebsd_taskqueue_thread_enqueue,
						tqp, tqp == &freebsd_taskqueue_fast);
		if (!*tqp ||
		    freebsd_taskqueue_start_threads(tqp, 1, 0, "%s_taskq",
						    tq_system_name[i])) {
			freebsd_taskqueue_exit();
			return -ENOMEM;
		}
		if (tqp == &freebsd_taskqueue_swi_giant)
			(*tqp)->tq_flags |= TQ_FLAGS_GIANT;
	}
	return 0;
}

/**
 * freebsd_taskqueue_exit() - free the system queues
 *
 * Context: module exit.
 */
void freebsd_taskqueue_exit(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(tq_system); i++) {
		if (*tq_system[i])
			freebsd_taskqueue_free(*tq_system[i]);
		*tq_system[i] = NULL;
	}
}
