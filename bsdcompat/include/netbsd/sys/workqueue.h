/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD workqueue(9) on Linux.
 *
 * The rules, as NetBSD states them, and where bsdcompat differs:
 *  - workqueue_create() makes a queue whose one handler, func(wk, arg), is
 *    called in thread context for every struct work enqueued on it. The
 *    handler may sleep. Without WQ_MPSAFE it runs holding the kernel lock.
 *  - Without WQ_PERCPU a queue has one worker: its items run one at a time,
 *    in the order they were enqueued. With WQ_PERCPU each CPU has its own
 *    worker and workqueue_enqueue()'s @ci (NULL: the caller's CPU) chooses
 *    it; the items of one CPU run one at a time, in order.
 *  - A work item is enqueued again only after its handler has been called
 *    (NetBSD panics under DIAGNOSTIC; bsdcompat reports and ignores it).
 *  - @ipl is the highest IPL workqueue_enqueue() is called at; @prio is
 *    accepted, and a prio of PRI_KERNEL or above asks for Linux's
 *    high-priority workers.
 *  - workqueue_wait() waits until the item is neither queued nor running;
 *    workqueue_destroy() wants nothing queued (reported, then drained).
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_WORKQUEUE_H_
#define _BSDCOMPAT_NETBSD_SYS_WORKQUEUE_H_

#include <linux/types.h>
#include <linux/workqueue.h>

#include <sys/cpu.h>
#include <sys/param.h>
#include <sys/proc.h>

/* workqueue_create() flags. */
#define WQ_MPSAFE	0x01	/* the handler needs no kernel lock */
#define WQ_PERCPU	0x02	/* a worker per CPU */
#define WQ_FPU		0x04	/* accepted; Linux kernel threads have no FPU */

struct workqueue;

/*
 * NetBSD's struct work is opaque (void *wk_dummy); drivers embed it and
 * find their structure with container_of(). It is larger here.
 */
struct work {
	struct work_struct	wk_work;
	struct workqueue	*wk_wq;
};

int netbsd_workqueue_create(struct workqueue **wqp, const char *name,
			    void (*func)(struct work *, void *), void *arg,
			    pri_t prio, int ipl, int flags);
void netbsd_workqueue_destroy(struct workqueue *wq);
void netbsd_workqueue_enqueue(struct workqueue *wq, struct work *wk,
			      struct cpu_info *ci);
void netbsd_workqueue_wait(struct workqueue *wq, struct work *wk);

static inline int workqueue_create(struct workqueue **wqp, const char *name,
				   void (*func)(struct work *, void *),
				   void *arg, pri_t prio, int ipl, int flags)
{
	return netbsd_workqueue_create(wqp, name, func, arg, prio, ipl, flags);
}

static inline void workqueue_destroy(struct workqueue *wq)
{
	netbsd_workqueue_destroy(wq);
}

static inline void workqueue_enqueue(struct workqueue *wq, struct work *wk,
				     struct cpu_info *ci)
{
	netbsd_workqueue_enqueue(wq, wk, ci);
}

static inline void workqueue_wait(struct workqueue *wq, struct work *wk)
{
	netbsd_workqueue_wait(wq, wk);
}

#endif /* _BSDCOMPAT_NETBSD_SYS_WORKQUEUE_H_ */
