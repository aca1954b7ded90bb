/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Turnstiles: where threads sleep for a lock, outside the lock.
 *
 * The rules:
 *  - Waiters queue on a chain found by hashing the lock's address, never in
 *    the lock itself, so the lock's memory may be freed as soon as it is
 *    released: the waker uses only the address.
 *  - The chains are raw spinlocks: a lock may be released (and its waiters
 *    woken) from any context, with interrupts off, on PREEMPT_RT too.
 *  - A wakeup wakes every waiter of that address; they race for the lock
 *    again (NetBSD's adaptive mutexes do the same). Wakeups may be spurious:
 *    a waiter always re-checks its lock.
 *
 * A waiter calls bsd_ts_prepare(), then re-checks the lock and publishes
 * that it waits (a bit in the lock word, set with a fully ordered atomic),
 * then schedule()s, then bsd_ts_finish(). The releaser clears the lock word
 * with a fully ordered atomic, then calls bsd_ts_wakeup() if the bit was
 * set. Either the waiter sees the release, or the releaser sees the waiter.
 */
#ifndef _BSDCOMPAT_TURNSTILE_H_
#define _BSDCOMPAT_TURNSTILE_H_

#include <linux/list.h>
#include <linux/sched.h>

struct bsd_tswait {
	struct list_head	tw_node;
	struct task_struct	*tw_task;
	const void		*tw_key;
};

void bsd_ts_prepare(struct bsd_tswait *tw, const void *key, unsigned int state);
void bsd_ts_finish(struct bsd_tswait *tw);
void bsd_ts_wakeup(const void *key);

#endif /* _BSDCOMPAT_TURNSTILE_H_ */
