/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FreeBSD taskqueue(9) on Linux.
 *
 * The rules, as FreeBSD states them, and where bsdcompat differs:
 *  - taskqueue_enqueue() queues a task once: enqueued again before it ran,
 *    only its pending count grows, and the handler gets that count. Tasks
 *    run by priority (higher ta_priority first), in enqueue order within a
 *    priority, on the queue's threads (taskqueue_start_threads()).
 *  - taskqueue_cancel() dequeues a task not yet started and returns EBUSY
 *    if it is running; taskqueue_drain() waits until it is neither queued
 *    nor running; taskqueue_drain_all() until the queue is idle.
 *  - Timeout tasks are enqueued when their ticks have passed; cancel and
 *    drain them with the _timeout forms.
 *  - taskqueue_block() keeps the queue's threads from starting tasks until
 *    taskqueue_unblock(); a running task is not waited for.
 *  - taskqueue_free() runs what is queued, stops the threads and frees it;
 *    armed timeout tasks are a bug (reported and cancelled here).
 *  - Only fast queues (taskqueue_create_fast(), taskqueue_fast) take tasks
 *    from interrupt filters (hard interrupt context). Tasks run in threads
 *    in every case; taskqueue_swi_giant's run holding Giant.
 *  - bsdcompat: a module has no SYSINIT, so TASKQUEUE_DEFINE_THREAD(name)
 *    defines the queue and its module init/exit call
 *    TASKQUEUE_SYSINIT_RUN(name) and TASKQUEUE_SYSUNINIT_RUN(name).
 */
#ifndef _BSDCOMPAT_FREEBSD_SYS_TASKQUEUE_H_
#define _BSDCOMPAT_FREEBSD_SYS_TASKQUEUE_H_

#include <linux/list.h>
#include <linux/timer.h>
#include <linux/types.h>

#include <sys/types.h>
#include <sys/_task.h>

/* malloc(9) flags, for taskqueue_create()'s @mflags. */
#ifndef M_NOWAIT
#define M_NOWAIT	0x0001
#define M_WAITOK	0x0002
#define M_ZERO		0x0100
#endif

struct taskqueue;
typedef void (*taskqueue_enqueue_fn)(void *context);

/* A task enqueued after a delay. Drivers embed it; the queue owns it. */
struct timeout_task {
	struct taskqueue	*q;
	struct task		t;
	struct timer_list	c;
	int			f;
	struct list_head	to_link;	/* on the queue while armed */
};

#define TASK_INIT(task, priority, func, context)			\
do {									\
	(task)->ta_pending = 0;						\
	(task)->ta_priority = (priority);				\
	(task)->ta_func = (func);					\
	(task)->ta_context = (context);					\
	INIT_LIST_HEAD(&(task)->ta_link);				\
} while (0)

struct taskqueue *freebsd_taskqueue_create(const char *name, int mflags,
					   taskqueue_enqueue_fn enqueue,
					   void *context, bool fast);
__printf(4, 5)
int freebsd_taskqueue_start_threads(struct taskqueue **tqp, int count,
				    int pri, const char *fmt, ...);
void freebsd_taskqueue_free(struct taskqueue *tq);
int freebsd_taskqueue_enqueue(struct taskqueue *tq, struct task *task);
int freebsd_taskqueue_enqueue_timeout(struct taskqueue *tq,
				      struct timeout_task *tt, int ticks);
int freebsd_taskqueue_cancel(struct taskqueue *tq, struct task *task,
			     u_int *pendp);
int freebsd_taskqueue_cancel_timeout(struct taskqueue *tq,
				     struct timeout_task *tt, u_int *pendp);
void freebsd_taskqueue_drain(struct taskqueue *tq, struct task *task);
void freebsd_taskqueue_drain_timeout(struct taskqueue *tq,
				     struct timeout_task *tt);
void freebsd_taskqueue_drain_all(struct taskqueue *tq);
void freebsd_taskqueue_block(struct taskqueue *tq);
void freebsd_taskqueue_unblock(struct taskqueue *tq);
void freebsd_taskqueue_thread_enqueue(void *context);
int freebsd_taskqueue_define_thread(struct taskqueue **tqp, const char *name);
void freebsd_timeout_task_init(struct taskqueue *tq, struct timeout_task *tt,
			       int priority, task_fn_t *func, void *context);

/* The system queues. */
extern struct taskqueue *freebsd_taskqueue_thread;
extern struct taskqueue *freebsd_taskqueue_swi;
extern struct taskqueue *freebsd_taskqueue_swi_giant;
extern struct taskqueue *freebsd_taskqueue_fast;
#define taskqueue_thread	freebsd_taskqueue_thread
#define taskqueue_swi		freebsd_taskqueue_swi
#define taskqueue_swi_giant	freebsd_taskqueue_swi_giant
#define taskqueue_fast		freebsd_taskqueue_fast

#define taskqueue_thread_enqueue	freebsd_taskqueue_thread_enqueue
#define taskqueue_fast_enqueue		freebsd_taskqueue_thread_enqueue

#define taskqueue_create(name, mflags, enqueue, context)		\
	freebsd_taskqueue_create((name), (mflags), (enqueue), (context), false)
#define taskqueue_create_fast(name, mflags, enqueue, context)		\
	freebsd_taskqueue_create((name), (mflags), (enqueue), (context), true)
#define taskqueue_start_threads		freebsd_taskqueue_start_threads
#define taskqueue_free(tq)		freebsd_taskqueue_free(tq)
#define taskqueue_enqueue(tq, task)	freebsd_taskqueue_enqueue((tq), (task))
#define taskqueue_enqueue_timeout(tq, tt, ticks)			\
	freebsd_taskqueue_enqueue_timeout((tq), (tt), (ticks))
#define taskqueue_cancel(tq, task, pendp)				\
	freebsd_taskqueue_cancel((tq), (task), (pendp))
#define taskqueue_cancel_timeout(tq, tt, pendp)				\
	freebsd_taskqueue_cancel_timeout((tq), (tt), (pendp))
#define taskqueue_drain(tq, task)	freebsd_taskqueue_drain((tq), (task))
#define taskqueue_drain_timeout(tq, tt)					\
	freebsd_taskqueue_drain_timeout((tq), (tt))
#define taskqueue_drain_all(tq)		freebsd_taskqueue_drain_all(tq)
#define taskqueue_block(tq)		freebsd_taskqueue_block(tq)
#define taskqueue_unblock(tq)		freebsd_taskqueue_unblock(tq)
#define TIMEOUT_TASK_INIT(tq, tt, priority, func, context)		\
	freebsd_timeout_task_init((tq), (tt), (priority), (func), (context))

/*
 * TASKQUEUE_DEFINE_THREAD(name): a queue taskqueue_name with one thread,
 * made by TASKQUEUE_SYSINIT_RUN(name) in the module's init (0 or an
 * errno) and freed by TASKQUEUE_SYSUNINIT_RUN(name) in its exit.
 */
#define TASKQUEUE_DECLARE(name)	extern struct taskqueue *taskqueue_##name

#define TASKQUEUE_DEFINE_THREAD(name)					\
	struct taskqueue *taskqueue_##name;				\
	static int taskqueue_##name##_sysinit(void)			\
	{								\
		return freebsd_taskqueue_define_thread(&taskqueue_##name, \
						       #name);		\
	}								\
	static void taskqueue_##name##_sysuninit(void)			\
	{								\
		taskqueue_free(taskqueue_##name);			\
		taskqueue_##name = NULL;				\
	}

#define TASKQUEUE_SYSINIT_RUN(name)	taskqueue_##name##_sysinit()
#define TASKQUEUE_SYSUNINIT_RUN(name)	taskqueue_##name##_sysuninit()

#endif /* _BSDCOMPAT_FREEBSD_SYS_TASKQUEUE_H_ */
