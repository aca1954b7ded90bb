/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The callout engine that NetBSD's and FreeBSD's callout(9) share.
 *
 * Rules:
 *  - A callout is a delayed work item on one bsdcompat workqueue: the
 *    handler runs in a kworker, thread context, where it may block on an
 *    adaptive mutex (a Linux timer's softirq could not).
 *  - The state is the callout's, under its raw spinlock: PENDING (armed,
 *    not yet taken by the work function), EXEC (taken: this arming's
 *    handler is being serviced), STARTED (past what it runs under: it
 *    cannot be stopped any more). Arming sets PENDING; the work function
 *    takes an arming only if PENDING is set and the work was not queued
 *    again meanwhile (then the newer run takes it).
 *  - A handler may run under something (the kernel lock, an associated
 *    mutex): the work function takes it after taking the arming, then
 *    checks the callout's generation; a personality that bumps bc_gen under
 *    that lock cancels a handler waiting for it (FreeBSD's guarantee).
 *  - After the handler returns, the work function touches nothing of the
 *    callout: the handler may free it. "Is it running" is asked of the
 *    workqueue.
 *  - Drivers embed the personality's struct, which embeds this one; they
 *    never look inside.
 */
#ifndef _BSDCOMPAT_CALLOUT_H_
#define _BSDCOMPAT_CALLOUT_H_

#include <linux/spinlock_types.h>
#include <linux/types.h>
#include <linux/workqueue.h>

/* bc_state */
#define BSD_CALLOUT_PENDING	0x1
#define BSD_CALLOUT_EXEC	0x2
#define BSD_CALLOUT_STARTED	0x4

struct bsd_callout {
	struct delayed_work	bc_work;	/* first: personalities alias it */
	raw_spinlock_t		bc_lock;
	void			(*bc_func)(void *arg);
	void			*bc_arg;
	/*
	 * What the handler runs under: bc_enter(bc_obj, bc_flags) before it,
	 * bc_exit(bc_obj, bc_flags, ran) after it (ran: the handler was
	 * called) or when the arming was cancelled while bc_enter waited.
	 * NULL: nothing. Read under bc_lock when an arming is taken.
	 */
	void			(*bc_enter)(void *obj, unsigned int flags);
	void			(*bc_exit)(void *obj, unsigned int flags,
					   bool ran);
	void			*bc_obj;
	/* Called under bc_lock when an arming is taken (NetBSD's FIRED). */
	void			(*bc_take)(struct bsd_callout *c);
	unsigned long		bc_gen;		/* bumped to cancel a waiter */
	unsigned int		bc_state;	/* BSD_CALLOUT_* */
	unsigned int		bc_flags;	/* the personality's */
	int			bc_cpu;		/* -1: the arming CPU's worker */
};

#endif /* _BSDCOMPAT_CALLOUT_H_ */
