// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Digital UNIX timeout(9r) and untimeout(9r).
 *
 * timeout() has no handle for the caller to keep, so the callout queue
 * element is allocated here (atomically: timeout() is called from
 * interrupt handlers) and kept on one list, which untimeout() searches for
 * func and arg. Each element is a delayed work item on a bsdcompat
 * workqueue, queued on the master CPU; the handler runs there, funneled.
 *
 * Who frees an element is whoever takes it off the list, under the list's
 * lock: untimeout() if the work had not started (cancel_delayed_work()
 * succeeded), else the work function, which finds it off the list and
 * returns. The work function that takes it off the list itself calls the
 * handler and frees it afterwards; Linux lets a work function free its own
 * work item.
 *
 * A module notifier cancels, with a report, the calls still scheduled to a
 * module that is unloading: the element outlives the driver here, and its
 * function would be called in freed memory.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include <sys/callout.h>
#include <sys/funnel.h>
#include <bsdcompat/biglock.h>
#include <bsdcompat/lockdebug.h>

#include "tru64.h"

struct tru64_callout {
	struct list_head	to_link;	/* empty once taken off */
	struct delayed_work	to_work;
	tru64_timeout_fn	to_func;
	caddr_t			to_arg;
	unsigned long		to_when;	/* jiffies */
};

static LIST_HEAD(to_list);
static DEFINE_RAW_SPINLOCK(to_lock);
static struct workqueue_struct *to_wq;

static void to_error(const void *e, const char *op, const char *name,
		     unsigned long ip, const char *msg)
{
	bsd_lock_error(TRU64_TIMEOUT_CLASS, op, e, name, ip, "%s", msg);
}

static void to_work_fn(struct work_struct *work)
{
	struct tru64_callout *e = container_of(to_delayed_work(work),
					       struct tru64_callout, to_work);
	unsigned long flags;
	bool mine;

	raw_spin_lock_irqsave(&to_lock, flags);
	mine = !list_empty(&e->to_link);
	list_del_init(&e->to_link);
	raw_spin_unlock_irqrestore(&to_lock, flags);
	if (mine) {
		/* Funneled: the big lock, on the master CPU (queued there). */
		bsd_kernel_lock(1, (unsigned long)e->to_func);
		e->to_func(e->to_arg);
		bsd_kernel_unlock(0, NULL, (unsigned long)e->to_func);
	}
	kfree(e);
}

/**
 * tru64_timeout() - call a function later (Digital UNIX timeout())
 * @func: the function, called as func(@arg)
 * @arg: its argument
 * @ticks: when, in ticks from now; not positive means the next tick
 *
 * The call is made once, on the master CPU, holding the funnel. If no
 * element can be allocated the call is reported and not scheduled.
 *
 * Context: any; does not sleep.
 */
void tru64_timeout(tru64_timeout_fn func, caddr_t arg, int ticks)
{
	unsigned long ip = _RET_IP_;
	struct tru64_callout *e;
	unsigned long flags;

	if (!func) {
		to_error(NULL, "timeout", "", ip, "NULL function");
		return;
	}
	e = kmalloc(sizeof(*e), GFP_ATOMIC);
	if (!e) {
		to_error(NULL, "timeout", "", ip,
			 "callout table overflow: not scheduled");
		return;
	}
	INIT_DELAYED_WORK(&e->to_work, to_work_fn);
	e->to_func = func;
	e->to_arg = arg;
	if (ticks <= 0)
		ticks = 1;
	raw_spin_lock_irqsave(&to_lock, flags);
	e->to_when = jiffies + ticks;
	list_add_tail(&e->to_link, &to_list);
	queue_delayed_work_on(TRU64_MASTER_CPU, to_wq, &e->to_work, ticks);
	raw_spin_unlock_irqrestore(&to_lock, flags);
}
EXPORT_SYMBOL_NS_GPL(tru64_timeout, BSDCOMPAT);

/* Take @e off the list and its work off the queue; under to_lock. */
static bool to_take(struct tru64_callout *e)
{
	list_del_init(&e->to_link);
	/* Started: the work function finds it off the list and frees it. */
	return cancel_delayed_work(&e->to_work);
}

/**
 * tru64_untimeout() - cancel a call scheduled by timeout()
 * @func: its function
 * @arg: its argument; both must match
 *
 * Of several matching calls the one due soonest is cancelled. A call that
 * has started is not waited for.
 *
 * Context: any; does not sleep.
 * Return: TRUE if a scheduled call was cancelled, FALSE if there was none.
 */
boolean_t tru64_untimeout(tru64_timeout_fn func, caddr_t arg)
{
	struct tru64_callout *e, *found = NULL;
	unsigned long flags;
	bool freeit = false;

	raw_spin_lock_irqsave(&to_lock, flags);
	list_for_each_entry(e, &to_list, to_link) {
		if (e->to_func == func && e->to_arg == arg &&
		    (!found || time_before(e->to_when, found->to_when)))
			found = e;
	}
	if (found)
		freeit = to_take(found);
	raw_spin_unlock_irqrestore(&to_lock, flags);
	if (freeit)
		kfree(found);
	return found ? TRUE : FALSE;
}
EXPORT_SYMBOL_NS_GPL(tru64_untimeout, BSDCOMPAT);

/**
 * tru64_timeout_module_going() - cancel the calls scheduled to a module
 * @mod: the module that is unloading
 *
 * Called by the module notifier (and by the tests): every call whose
 * function is in @mod's code is reported and cancelled, and calls that
 * have started are waited for.
 *
 * Context: thread context; may sleep.
 * Return: how many calls were cancelled.
 */
int tru64_timeout_module_going(struct module *mod)
{
	unsigned long flags, func = 0;
	struct tru64_callout *e, *n;
	LIST_HEAD(gone);
	int count = 0;

	raw_spin_lock_irqsave(&to_lock, flags);
	list_for_each_entry_safe(e, n, &to_list, to_link) {
		if (!within_module((unsigned long)e->to_func, mod))
			continue;
		count++;
		func = (unsigned long)e->to_func;
		if (to_take(e))
			list_add(&e->to_link, &gone);
	}
	raw_spin_unlock_irqrestore(&to_lock, flags);
	/* One report (naming one of the functions), out of the lock. */
	if (count)
		bsd_lock_error(TRU64_TIMEOUT_CLASS, "timeout", NULL, mod->name,
			       func, "scheduled at module unload: cancelled (%d)",
			       count);
	list_for_each_entry_safe(e, n, &gone, to_link)
		kfree(e);
	/* A handler of @mod that has started must return before it goes. */
	if (count)
		flush_workqueue(to_wq);
	return count;
}
EXPORT_SYMBOL_NS_GPL(tru64_timeout_module_going, BSDCOMPAT);

static int to_module_notify(struct notifier_block *nb, unsigned long action,
			    void *data)
{
	if (action == MODULE_STATE_GOING)
		tru64_timeout_module_going(data);
	return NOTIFY_DONE;
}

static struct notifier_block to_module_nb = {
	.notifier_call = to_module_notify,
};

/**
 * tru64_timeout_init() - set up the callout queue
 *
 * Context: module init.
 * Return: 0, or -ENOMEM.
 */
int tru64_timeout_init(void)
{
	to_wq = alloc_workqueue("bsd_timeout", WQ_HIGHPRI, 0);
	if (!to_wq)
		return -ENOMEM;
	register_module_notifier(&to_module_nb);
	return 0;
}

/**
 * tru64_timeout_exit() - tear the callout queue down
 *
 * Every driver has gone, so nothing should be scheduled; what is (a
 * function outside a module) is cancelled.
 *
 * Context: module exit.
 */
void tru64_timeout_exit(void)
{
	struct tru64_callout *e, *n;
	unsigned long flags;
	LIST_HEAD(gone);

	unregister_module_notifier(&to_module_nb);
	raw_spin_lock_irqsave(&to_lock, flags);
	list_for_each_entry_safe(e, n, &to_list, to_link)
		if (to_take(e))
			list_add(&e->to_link, &gone);
	raw_spin_unlock_irqrestore(&to_lock, flags);
	list_for_each_entry_safe(e, n, &gone, to_link)
		kfree(e);
	destroy_workqueue(to_wq);
}
