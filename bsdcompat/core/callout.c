// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The callout engine NetBSD's and FreeBSD's callout(9) share (see
 * <bsdcompat/callout.h>): the timer and the thread are Linux's delayed
 * work on one workqueue; the state that BSD's answers are made of is the
 * callout's, under its raw spinlock.
 *
 * Why "the work was queued again" matters: a callout re-armed (moved)
 * while its work function is on its way in leaves PENDING set for the new
 * time. The work function that runs now finds the work pending again and
 * leaves that arming to the run that is queued for it, instead of calling
 * the handler early.
 *
 * Why EXEC is not cleared after the handler: the handler may have freed
 * the callout. EXEC says which arming a running work function serves; it
 * means "being serviced" only while the workqueue says the work runs.
 */
#include <linux/errno.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "callout.h"

static struct workqueue_struct *bsd_callout_wq;

static void bsd_callout_work(struct work_struct *work)
{
	struct bsd_callout *c = container_of(to_delayed_work(work),
					     struct bsd_callout, bc_work);
	void (*exit)(void *obj, unsigned int flags, bool ran);
	void (*enter)(void *obj, unsigned int flags);
	unsigned long flags, gen;
	void (*func)(void *arg);
	unsigned int pflags;
	void *arg, *obj;

	raw_spin_lock_irqsave(&c->bc_lock, flags);
	if (!(c->bc_state & BSD_CALLOUT_PENDING) || work_pending(work)) {
		/* Stopped after the timer fired, or armed again: not ours. */
		raw_spin_unlock_irqrestore(&c->bc_lock, flags);
		return;
	}
	c->bc_state &= ~(BSD_CALLOUT_PENDING | BSD_CALLOUT_STARTED);
	c->bc_state |= BSD_CALLOUT_EXEC;
	if (c->bc_take)
		c->bc_take(c);
	gen = c->bc_gen;
	func = c->bc_func;
	arg = c->bc_arg;
	enter = c->bc_enter;
	exit = c->bc_exit;
	obj = c->bc_obj;
	pflags = c->bc_flags;
	if (!enter)
		c->bc_state |= BSD_CALLOUT_STARTED;
	raw_spin_unlock_irqrestore(&c->bc_lock, flags);

	if (enter) {
		enter(obj, pflags);
		raw_spin_lock_irqsave(&c->bc_lock, flags);
		if (c->bc_gen != gen) {
			/* Cancelled by a holder of what we waited for. */
			c->bc_state &= ~BSD_CALLOUT_EXEC;
			raw_spin_unlock_irqrestore(&c->bc_lock, flags);
			if (exit)
				exit(obj, pflags, false);
			return;
		}
		c->bc_state |= BSD_CALLOUT_STARTED;
		raw_spin_unlock_irqrestore(&c->bc_lock, flags);
	}
	/* From here on c may be freed by the handler. */
	func(arg);
	if (exit)
		exit(obj, pflags, true);
}

/* Set up @c's engine part, idle, with nothing to run under. */
void bsd_callout_setup(struct bsd_callout *c)
{
	memset(c, 0, sizeof(*c));
	INIT_DELAYED_WORK(&c->bc_work, bsd_callout_work);
	raw_spin_lock_init(&c->bc_lock);
	c->bc_cpu = -1;
}

/*
 * Arm @c @delay jiffies (at least one) from now, on bc_cpu's worker;
 * a pending arming is moved. Returns whether it was pending.
 */
bool bsd_callout_arm_locked(struct bsd_callout *c, unsigned long delay)
{
	bool pending = c->bc_state & BSD_CALLOUT_PENDING;

	c->bc_state |= BSD_CALLOUT_PENDING;
	mod_delayed_work_on(c->bc_cpu < 0 ? WORK_CPU_UNBOUND : c->bc_cpu,
			    bsd_callout_wq, &c->bc_work, max(delay, 1UL));
	return pending;
}

/* Disarm @c; a run on its way finds nothing. Returns whether it was pending. */
bool bsd_callout_disarm_locked(struct bsd_callout *c)
{
	bool pending = c->bc_state & BSD_CALLOUT_PENDING;

	cancel_delayed_work(&c->bc_work);
	c->bc_state &= ~BSD_CALLOUT_PENDING;
	return pending;
}

/*
 * Is an arming of @c being serviced: taken by a work function that is
 * running? Not if the run is a new one that has yet to take its arming
 * (PENDING set, and the work no longer queued).
 */
bool bsd_callout_executing_locked(struct bsd_callout *c)
{
	unsigned int busy = work_busy(&c->bc_work.work);

	if (!(busy & WORK_BUSY_RUNNING))
		return false;
	if ((c->bc_state & BSD_CALLOUT_PENDING) && !(busy & WORK_BUSY_PENDING))
		return false;
	return c->bc_state & BSD_CALLOUT_EXEC;
}

/* Is @c's work function (a handler, or a run finding nothing) running? */
bool bsd_callout_running(struct bsd_callout *c)
{
	return work_busy(&c->bc_work.work) & WORK_BUSY_RUNNING;
}

/* Is the caller @c's own handler? */
bool bsd_callout_is_self(struct bsd_callout *c)
{
	return current_work() == &c->bc_work.work;
}

/*
 * Wait until @c's work function is not running, and leave nothing armed:
 * a handler that armed @c again meanwhile is undone (the sync cancel keeps
 * it from being queued). The caller may sleep, holds nothing the handler
 * takes, and is not the handler. Returns whether it was armed again.
 */
bool bsd_callout_wait(struct bsd_callout *c)
{
	unsigned long flags;
	bool rearmed;

	cancel_delayed_work_sync(&c->bc_work);
	raw_spin_lock_irqsave(&c->bc_lock, flags);
	rearmed = c->bc_state & BSD_CALLOUT_PENDING;
	c->bc_state &= ~(BSD_CALLOUT_PENDING | BSD_CALLOUT_EXEC);
	raw_spin_unlock_irqrestore(&c->bc_lock, flags);
	return rearmed;
}

/* Module init: the callout workqueue (per-CPU, high priority). */
int bsd_callout_init(void)
{
	bsd_callout_wq = alloc_workqueue("bsd_callout", WQ_HIGHPRI, 0);
	return bsd_callout_wq ? 0 : -ENOMEM;
}

/* Module exit: every callout has been stopped by its driver. */
void bsd_callout_exit(void)
{
	destroy_workqueue(bsd_callout_wq);
}
