// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * NetBSD workqueue(9) on Linux workqueues.
 *
 * NetBSD gives a queue one worker thread (or one per CPU with WQ_PERCPU)
 * that takes the items off a list in order. The Linux workqueue that keeps
 * that order is an ordered one (one item at a time, FIFO); a WQ_PERCPU
 * queue is a per-CPU Linux workqueue with max_active 1, which runs each
 * CPU's items one at a time and in order, as NetBSD's per-CPU workers do.
 *
 * Each struct work holds a work_struct and a pointer back to its queue,
 * set at enqueue. The worker function reads the queue through it before it
 * calls the handler and touches nothing of the item afterwards: the
 * handler may free it, which NetBSD allows.
 *
 * wq_queued counts items enqueued and not yet started, for the "destroyed
 * with work pending" report; Linux would otherwise run them quietly.
 */
#include <linux/atomic.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include <sys/intr.h>
#include <sys/workqueue.h>
#include <bsdcompat/biglock.h>
#include <bsdcompat/lockdebug.h>
#include <bsdcompat/spl.h>

#include "../core/adaptive.h"
#include "../core/biglock.h"

#define WQ_MAGIC	0x776f726bu	/* "work" */
#define WQ_DEAD		0x776b6464u	/* destroyed */
#define WQ_FLAGS	(WQ_MPSAFE | WQ_PERCPU | WQ_FPU)
#define WQ_NAMELEN	24

struct workqueue {
	u32			wq_magic;
	int			wq_flags;
	int			wq_ipl;
	void			(*wq_func)(struct work *wk, void *arg);
	void			*wq_arg;
	struct workqueue_struct	*wq_linux;
	atomic_t		wq_queued;
	char			wq_name[WQ_NAMELEN];
};

static void wq_error(const struct workqueue *wq, const char *op,
		     unsigned long ip, const char *fmt, const char *arg)
{
	bsd_lock_error("Workqueue", op, wq, wq ? wq->wq_name : "", ip, fmt,
		       arg);
}

static bool wq_ok(const struct workqueue *wq, const char *op,
		  unsigned long ip)
{
	u32 magic;

	if (unlikely(!wq)) {
		wq_error(NULL, op, ip, "%s", "NULL workqueue");
		return false;
	}
	magic = READ_ONCE(wq->wq_magic);
	if (likely(magic == WQ_MAGIC))
		return true;
	bsd_lock_error("Workqueue", op, wq, "", ip, "%s",
		       magic == WQ_DEAD ? "destroyed workqueue" :
		       "uninitialized workqueue");
	return false;
}

static void wq_worker(struct work_struct *ws)
{
	struct work *wk = container_of(ws, struct work, wk_work);
	struct workqueue *wq = wk->wk_wq;

	atomic_dec(&wq->wq_queued);
	/* From here on the handler owns wk and may free it. */
	if (wq->wq_flags & WQ_MPSAFE) {
		wq->wq_func(wk, wq->wq_arg);
	} else {
		bsd_kernel_lock(1, (unsigned long)wq->wq_func);
		wq->wq_func(wk, wq->wq_arg);
		/* The handler may have left holds of its own: drop them all. */
		bsd_kernel_unlock(0, NULL, (unsigned long)wq->wq_func);
	}
}

/* The queue whose worker the caller is, or NULL. */
static struct workqueue *wq_current(void)
{
	struct work_struct *ws = current_work();

	if (!ws || ws->func != wq_worker)
		return NULL;
	return container_of(ws, struct work, wk_work)->wk_wq;
}

/**
 * netbsd_workqueue_create() - make a work queue (NetBSD workqueue_create())
 * @wqp: receives the queue
 * @name: its name (its workers' names on Linux)
 * @func: the handler, called as func(wk, @arg) for every item
 * @arg: the handler's second argument
 * @prio: the workers' priority: PRI_KERNEL and above ask for Linux's
 *	high-priority workers, lower ones (and PRI_NONE) for normal ones
 * @ipl: the highest IPL workqueue_enqueue() will be called at
 * @flags: WQ_MPSAFE, WQ_PERCPU, WQ_FPU
 *
 * Unknown flags are reported and refused.
 *
 * Context: thread context; may sleep.
 * Return: 0, or EINVAL or ENOMEM.
 */
int netbsd_workqueue_create(struct workqueue **wqp, const char *name,
			    void (*func)(struct work *, void *), void *arg,
			    pri_t prio, int ipl, int flags)
{
	unsigned long ip = _RET_IP_;
	unsigned int lflags = 0;
	struct workqueue *wq;

	might_sleep();
	if ((flags & ~WQ_FLAGS) || !func || ipl < IPL_NONE ||
	    ipl >= BSD_NIPL) {
		bsd_lock_error("Workqueue", "workqueue_create", NULL, name, ip,
			       "%s", !func ? "assertion failed: func != NULL" :
			       (flags & ~WQ_FLAGS) ? "bad flags" : "bad ipl");
		return EINVAL;
	}
	wq = kzalloc(sizeof(*wq), GFP_KERNEL);
	if (!wq)
		return ENOMEM;
	strscpy(wq->wq_name, name, sizeof(wq->wq_name));
	wq->wq_flags = flags;
	wq->wq_ipl = ipl;
	wq->wq_func = func;
	wq->wq_arg = arg;
	atomic_set(&wq->wq_queued, 0);
	if (prio >= PRI_KERNEL)
		lflags |= WQ_HIGHPRI;
	/* NetBSD's single worker thread: one item at a time, in order. */
	if (flags & WQ_PERCPU)
		wq->wq_linux = alloc_workqueue("%s", lflags, 1, wq->wq_name);
	else
		wq->wq_linux = alloc_ordered_workqueue("%s", lflags,
						       wq->wq_name);
	if (!wq->wq_linux) {
		kfree(wq);
		return ENOMEM;
	}
	WRITE_ONCE(wq->wq_magic, WQ_MAGIC);
	*wqp = wq;
	return 0;
}
EXPORT_SYMBOL_NS_GPL(netbsd_workqueue_create, BSDCOMPAT);

/**
 * netbsd_workqueue_destroy() - tear a work queue down
 * @wq: the queue; nothing may be queued on it
 *
 * Items still queued are reported, then run (Linux drains the queue) before
 * the queue goes away. Waits for a running handler. The kernel lock is
 * given up while it waits.
 *
 * Context: thread context, not the queue's own handler; may sleep.
 */
void netbsd_workqueue_destroy(struct workqueue *wq)
{
	unsigned long ip = _RET_IP_;
	int nlocks, queued;

	might_sleep();
	if (!wq_ok(wq, "workqueue_destroy", ip))
		return;
	if (wq_current() == wq) {
		wq_error(wq, "workqueue_destroy", ip, "%s",
			 "destroyed from its own handler");
		return;
	}
	queued = atomic_read(&wq->wq_queued);
	if (queued)
		wq_error(wq, "workqueue_destroy", ip, "%s",
			 "destroyed with work pending");
	WRITE_ONCE(wq->wq_magic, WQ_DEAD);
	nlocks = bsd_biglock_drop();
	destroy_workqueue(wq->wq_linux);
	bsd_biglock_pickup(nlocks);
	kfree(wq);
}
EXPORT_SYMBOL_NS_GPL(netbsd_workqueue_destroy, BSDCOMPAT);

/**
 * netbsd_workqueue_enqueue() - queue a work item (NetBSD workqueue_enqueue())
 * @wq: the queue
 * @wk: the item; not queued already (its handler called since it last was)
 * @ci: with WQ_PERCPU, the CPU whose worker runs it (NULL: the caller's);
 *	ignored otherwise
 *
 * An item queued twice is reported and left queued once. Called above the
 * queue's IPL, it is reported and queued.
 *
 * Context: any, up to the queue's IPL; does not sleep.
 */
void netbsd_workqueue_enqueue(struct workqueue *wq, struct work *wk,
			      struct cpu_info *ci)
{
	unsigned long ip = _RET_IP_;
	int cpu = WORK_CPU_UNBOUND;

	if (!wq_ok(wq, "workqueue_enqueue", ip))
		return;
	if (unlikely(bsd_curipl() > wq->wq_ipl))
		wq_error(wq, "workqueue_enqueue", ip,
			 "enqueued at %s, above the queue's IPL",
			 bsd_ipl_name(bsd_curipl()));
	if ((wq->wq_flags & WQ_PERCPU) && ci) {
		cpu = netbsd_cpu_index(ci);
		if (cpu >= nr_cpu_ids || !cpu_online(cpu)) {
			wq_error(wq, "workqueue_enqueue", ip, "%s",
				 "CPU not online: queued on the caller's");
			cpu = WORK_CPU_UNBOUND;
		}
	}
	/*
	 * NetBSD has no work_init(): an item is first seen here, in memory
	 * that may hold anything, so it is initialised when it does not look
	 * like one of ours yet, and never while it is queued or running.
	 */
	if (READ_ONCE(wk->wk_work.func) != wq_worker) {
		INIT_WORK(&wk->wk_work, wq_worker);
	} else if (work_pending(&wk->wk_work) && READ_ONCE(wk->wk_wq) != wq) {
		wq_error(wq, "workqueue_enqueue", ip, "%s",
			 "tried to enqueue a work queued on another queue");
		return;
	}
	WRITE_ONCE(wk->wk_wq, wq);
	atomic_inc(&wq->wq_queued);
	if (!queue_work_on(cpu, wq->wq_linux, &wk->wk_work)) {
		atomic_dec(&wq->wq_queued);
		wq_error(wq, "workqueue_enqueue", ip, "%s",
			 "tried to enqueue a queued work");
	}
}
EXPORT_SYMBOL_NS_GPL(netbsd_workqueue_enqueue, BSDCOMPAT);

/**
 * netbsd_workqueue_wait() - wait for a work item (NetBSD workqueue_wait())
 * @wq: its queue
 * @wk: the item
 *
 * Returns once @wk is neither queued on @wq nor running. The kernel lock is
 * given up while it waits. From a handler of @wq it would wait for itself
 * (or, in order, behind itself): reported, and it returns at once.
 *
 * Context: thread context; may sleep.
 */
void netbsd_workqueue_wait(struct workqueue *wq, struct work *wk)
{
	unsigned long ip = _RET_IP_;
	int nlocks;

	might_sleep();
	if (!wq_ok(wq, "workqueue_wait", ip))
		return;
	if (wq_current() == wq) {
		wq_error(wq, "workqueue_wait", ip, "%s",
			 "called from the queue's own handler");
		return;
	}
	/* Never queued: nothing to wait for, and nothing initialised. */
	if (READ_ONCE(wk->wk_work.func) != wq_worker ||
	    READ_ONCE(wk->wk_wq) != wq)
		return;
	nlocks = bsd_biglock_drop();
	flush_work(&wk->wk_work);
	bsd_biglock_pickup(nlocks);
}
EXPORT_SYMBOL_NS_GPL(netbsd_workqueue_wait, BSDCOMPAT);
