/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FreeBSD <sys/_task.h>: struct task, which drivers embed, without the
 * taskqueue API (that is <sys/taskqueue.h>).
 */
#ifndef _BSDCOMPAT_FREEBSD_SYS__TASK_H_
#define _BSDCOMPAT_FREEBSD_SYS__TASK_H_

#include <linux/list.h>
#include <linux/types.h>

#include <sys/types.h>

/* @pending: how many times the task was enqueued since it last ran. */
typedef void task_fn_t(void *context, int pending);

/*
 * A task. Drivers set it up with TASK_INIT() and read ta_pending at most;
 * the queue owns the rest while the task is queued (ta_pending > 0).
 */
struct task {
	struct list_head	ta_link;	/* on the queue, by priority */
	u16			ta_pending;	/* enqueues coalesced, 0: idle */
	u_short			ta_priority;	/* higher runs first */
	task_fn_t		*ta_func;
	void			*ta_context;
};

#endif /* _BSDCOMPAT_FREEBSD_SYS__TASK_H_ */
