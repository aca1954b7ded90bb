// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * NetBSD xcall(9).
 *
 * Two queues of calls, low and high priority, each with NetBSD's shape: one
 * call at a time, a ticket counter that grows by one per call (xc_head,
 * under xc_lock), and a count of finished calls (xc_done). A call sets the
 * function and arguments, counts its target CPUs in xc_pending and queues
 * each target CPU's work item; the worker that brings xc_pending to zero
 * publishes xc_done = xc_head and wakes the waiters. The next call waits
 * under xc_lock until xc_done catches up with xc_head, so the function,
 * the arguments and xc_head are stable while any worker reads them, and a
 * ticket t is done exactly when xc_done >= t: calls finish in order.
 *
 * The work items run on Linux's per-CPU system workqueues, in kworkers
 * bound to their CPU: low priority on system_wq, high priority on
 * system_highpri_wq, where bsdcompat's softints run. A kworker only runs
 * when its CPU schedules, so once a call has run on a CPU every section
 * with preemption off that CPU was in when the call was made has ended:
 * that is what localcount(9), psref(9) and xc_barrier() rely on.
 *
 * High-priority tickets carry XC_PRI_BIT, as NetBSD's do, so that
 * xc_wait() knows which queue a ticket belongs to.
 */
#include <linux/atomic.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/export.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <sys/cpu.h>
#include <sys/intr.h>
#include <sys/xcall.h>
#include <bsdcompat/lockdebug.h>

#include "../core/adaptive.h"
#include "netbsd.h"

#define XC_PRI_BIT	(1ULL << 63)
#define XC_FLAGS	(XC_HIGHPRI | XC_IPL_MASK)

struct xc_state;

struct xc_cpu {
	struct work_struct	xcc_work;
	struct xc_state		*xcc_xc;
};

struct xc_state {
	const char		*xc_name;
	u64			xc_pribit;	/* 0, or XC_PRI_BIT */
	struct workqueue_struct	*xc_wq;		/* set at first use */
	struct xc_cpu __percpu	*xc_cpu;
	struct mutex		xc_lock;	/* one caller at a time */
	bool			xc_inited;	/* work items set up */
	u64			xc_head;	/* tickets issued */
	atomic64_t		xc_done;	/* calls finished */
	atomic_t		xc_pending;	/* CPUs yet to run this call */
	xcfunc_t		xc_func;
	void			*xc_arg1;
	void			*xc_arg2;
	wait_queue_head_t	xc_waitq;
};

static DEFINE_PER_CPU(struct xc_cpu, xc_low_cpu);
static DEFINE_PER_CPU(struct xc_cpu, xc_high_cpu);

static struct xc_state xc_low = {
	.xc_name	= "xcall",
	.xc_cpu		= &xc_low_cpu,
	.xc_lock	= __MUTEX_INITIALIZER(xc_low.xc_lock),
	.xc_done	= ATOMIC64_INIT(0),
	.xc_waitq	= __WAIT_QUEUE_HEAD_INITIALIZER(xc_low.xc_waitq),
};

static struct xc_state xc_high = {
	.xc_name	= "xcall highpri",
	.xc_pribit	= XC_PRI_BIT,
	.xc_cpu		= &xc_high_cpu,
	.xc_lock	= __MUTEX_INITIALIZER(xc_high.xc_lock),
	.xc_done	= ATOMIC64_INIT(0),
	.xc_waitq	= __WAIT_QUEUE_HEAD_INITIALIZER(xc_high.xc_waitq),
};

__printf(3, 4)
static void xc_error(const char *op, unsigned long ip, const char *fmt, ...)
{
	char msg[96];
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	bsd_lock_error("xcall", op, NULL, "xcall", ip, "%s", msg);
}

static void xc_run(struct work_struct *work)
{
	struct xc_state *xc = container_of(work, struct xc_cpu,
					   xcc_work)->xcc_xc;

	xc->xc_func(xc->xc_arg1, xc->xc_arg2);
	if (atomic_dec_and_test(&xc->xc_pending)) {
		/* The last CPU: xc_head cannot move until this store. */
		atomic64_set_release(&xc->xc_done, xc->xc_head);
		wake_up_all(&xc->xc_waitq);
	}
}

/* Is the caller a function of @xc's, which waiting on @xc would hang? */
static bool xc_in_handler(struct xc_state *xc)
{
	struct work_struct *cur = current_work();

	return cur && cur->func == xc_run &&
	       container_of(cur, struct xc_cpu, xcc_work)->xcc_xc == xc;
}

/* May the caller wait for @xc? If not, say why. */
static bool xc_may_wait(struct xc_state *xc, const char *op, unsigned long ip)
{
	if (bsd_intr_context() || irqs_disabled()) {
		xc_error(op, ip, "called from interrupt context");
		return false;
	}
	if (bsd_spin_held_count()) {
		xc_error(op, ip, "spin lock held");
		return false;
	}
	if (xc_in_handler(xc)) {
		xc_error(op, ip, "called from a cross-call function (%s)",
			 xc->xc_name);
		return false;
	}
	return true;
}

/* The queue for @flags, or NULL (reported) for flags NetBSD does not have. */
static struct xc_state *xc_queue(unsigned int flags, const char *op,
				 unsigned long ip)
{
	unsigned int ipl = (flags & XC_IPL_MASK) >> XC_IPL_SHIFT;

	if ((flags & ~XC_FLAGS) || (ipl && !(flags & XC_HIGHPRI)) ||
	    (ipl && (ipl < IPL_SOFTCLOCK || ipl > IPL_SOFTSERIAL))) {
		xc_error(op, ip, "bad flags %#x", flags);
		return NULL;
	}
	return (flags & XC_HIGHPRI) ? &xc_high : &xc_low;
}

/* A ticket that is already done: what a refused call returns. */
static u64 xc_done_ticket(struct xc_state *xc)
{
	return atomic64_read(&xc->xc_done) | xc->xc_pribit;
}

static void xc_wait_done(struct xc_state *xc, u64 ticket)
{
	wait_event(xc->xc_waitq,
		   atomic64_read_acquire(&xc->xc_done) >= ticket);
}

/* Wait for @ticket, giving up the IPL and kernel lock if it must wait. */
static void xc_wait_ticket(struct xc_state *xc, u64 ticket)
{
	struct bsd_waitstate ws = BSD_WAITSTATE_INIT;

	if (atomic64_read_acquire(&xc->xc_done) >= ticket)
		return;
	bsd_wait_begin(&ws);
	xc_wait_done(xc, ticket);
	bsd_wait_end(&ws);
}

/*
 * Start @func on @cpu, or on every online CPU if @cpu is -1. The caller's
 * IPL and kernel lock are given up while it waits for the previous call.
 */
static u64 xc_call(unsigned int flags, xcfunc_t func, void *arg1, void *arg2,
		   int cpu, const char *op, unsigned long ip)
{
	struct bsd_waitstate ws = BSD_WAITSTATE_INIT;
	struct xc_state *xc = xc_queue(flags, op, ip);
	u64 ticket;
	int c;

	if (!xc)
		return xc_done_ticket(&xc_low);
	if (!func) {
		xc_error(op, ip, "NULL function");
		return xc_done_ticket(xc);
	}
	if (!xc_may_wait(xc, op, ip))
		return xc_done_ticket(xc);

	bsd_wait_begin(&ws);
	mutex_lock(&xc->xc_lock);
	if (!xc->xc_inited) {
		xc->xc_wq = (flags & XC_HIGHPRI) ? system_highpri_wq :
			    system_wq;
		for_each_possible_cpu(c) {
			struct xc_cpu *xcc = per_cpu_ptr(xc->xc_cpu, c);

			INIT_WORK(&xcc->xcc_work, xc_run);
			xcc->xcc_xc = xc;
		}
		xc->xc_inited = true;
	}
	xc_wait_done(xc, xc->xc_head);
	cpus_read_lock();
	if (cpu >= 0 && !cpu_online(cpu)) {
		cpus_read_unlock();
		mutex_unlock(&xc->xc_lock);
		bsd_wait_end(&ws);
		xc_error(op, ip, "CPU %d not online", cpu);
		return xc_done_ticket(xc);
	}
	xc->xc_func = func;
	xc->xc_arg1 = arg1;
	xc->xc_arg2 = arg2;
	ticket = ++xc->xc_head;
	if (cpu >= 0) {
		atomic_set(&xc->xc_pending, 1);
		queue_work_on(cpu, xc->xc_wq,
			      &per_cpu_ptr(xc->xc_cpu, cpu)->xcc_work);
	} else {
		atomic_set(&xc->xc_pending, num_online_cpus());
		for_each_online_cpu(c)
			queue_work_on(c, xc->xc_wq,
				      &per_cpu_ptr(xc->xc_cpu, c)->xcc_work);
	}
	cpus_read_unlock();
	mutex_unlock(&xc->xc_lock);
	bsd_wait_end(&ws);
	return ticket | xc->xc_pribit;
}

/**
 * netbsd_xc_broadcast() - run a function on every CPU
 * @flags: 0 (low priority), XC_HIGHPRI or XC_HIGHPRI_IPL(soft IPL)
 * @func: called as func(@arg1, @arg2) once on each online CPU, in a
 *	thread bound to it
 * @arg1: its first argument
 * @arg2: its second argument
 *
 * Does not wait for @func; waits, if need be, for the previous call of the
 * same priority to finish. Bad flags, a NULL @func, or a caller that may
 * not sleep (interrupt, spin lock held, a cross-call function of the same
 * priority) are reported and nothing is called.
 *
 * Context: thread context; may sleep.
 * Return: the ticket for xc_wait() (one already done if refused).
 */
u64 netbsd_xc_broadcast(unsigned int flags, xcfunc_t func, void *arg1,
			void *arg2)
{
	return xc_call(flags, func, arg1, arg2, -1, "xc_broadcast", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_xc_broadcast, BSDCOMPAT);

/**
 * netbsd_xc_unicast() - run a function on one CPU
 * @flags: 0 (low priority), XC_HIGHPRI or XC_HIGHPRI_IPL(soft IPL)
 * @func: called as func(@arg1, @arg2) on @ci, in a thread bound to it
 * @arg1: its first argument
 * @arg2: its second argument
 * @ci: the CPU; one that is not online is reported and nothing is called
 *
 * As xc_broadcast(), on one CPU.
 *
 * Context: thread context; may sleep.
 * Return: the ticket for xc_wait() (one already done if refused).
 */
u64 netbsd_xc_unicast(unsigned int flags, xcfunc_t func, void *arg1,
		      void *arg2, struct cpu_info *ci)
{
	int cpu = ci ? (int)cpu_index(ci) : -2;

	if (!ci || cpu >= nr_cpu_ids) {
		xc_error("xc_unicast", _RET_IP_, "no such CPU");
		return xc_done_ticket(flags & XC_HIGHPRI ? &xc_high : &xc_low);
	}
	return xc_call(flags, func, arg1, arg2, cpu, "xc_unicast", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_xc_unicast, BSDCOMPAT);

/**
 * netbsd_xc_wait() - wait for a cross call to finish
 * @where: a ticket from xc_broadcast() or xc_unicast()
 *
 * Returns once that call, and every call of the same priority issued
 * before it, has finished on every CPU it was sent to. The caller's IPL and
 * kernel lock are given up while it waits. A ticket not yet issued, or a
 * caller that may not sleep, is reported and not waited for.
 *
 * Context: thread context; may sleep.
 */
void netbsd_xc_wait(u64 where)
{
	struct xc_state *xc = (where & XC_PRI_BIT) ? &xc_high : &xc_low;
	u64 ticket = where & ~XC_PRI_BIT;
	unsigned long ip = _RET_IP_;

	if (!xc_may_wait(xc, "xc_wait", ip))
		return;
	if (ticket > READ_ONCE(xc->xc_head)) {
		xc_error("xc_wait", ip, "ticket %llu not issued (%s)",
			 (unsigned long long)ticket, xc->xc_name);
		return;
	}
	xc_wait_ticket(xc, ticket);
}
EXPORT_SYMBOL_NS_GPL(netbsd_xc_wait, BSDCOMPAT);

static void xc_nop(void *arg1, void *arg2)
{
}

/**
 * netbsd_xc_barrier() - run nothing on every CPU and wait for it
 * @flags: 0 or XC_HIGHPRI, as for xc_broadcast()
 *
 * On return every CPU has scheduled since the call: preemption-disabled
 * sections in progress then have ended, and every earlier call of the same
 * priority has finished.
 *
 * Context: thread context; may sleep.
 */
void netbsd_xc_barrier(unsigned int flags)
{
	u64 t = xc_call(flags, xc_nop, NULL, NULL, -1, "xc_barrier", _RET_IP_);

	/* Refused calls were reported and return a ticket already done. */
	xc_wait_ticket((t & XC_PRI_BIT) ? &xc_high : &xc_low, t & ~XC_PRI_BIT);
}
EXPORT_SYMBOL_NS_GPL(netbsd_xc_barrier, BSDCOMPAT);

/**
 * netbsd_xcall_exit() - wait for cross calls still running at module exit
 *
 * Nothing may start a call by now; one that nobody waited for may still be
 * queued, and it runs bsdcompat's code.
 *
 * Context: module exit.
 */
void netbsd_xcall_exit(void)
{
	struct xc_state *states[] = { &xc_low, &xc_high };
	int i, cpu;

	for (i = 0; i < ARRAY_SIZE(states); i++) {
		if (!states[i]->xc_inited)
			continue;
		for_each_possible_cpu(cpu)
			flush_work(&per_cpu_ptr(states[i]->xc_cpu,
						cpu)->xcc_work);
	}
}
