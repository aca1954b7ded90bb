/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Turnstiles and sleep queues: where threads wait, outside the object they
 * wait for.
 *
 * The rules:
 *  - Waiters queue on a chain found by hashing the object's address, never
 *    in the object itself, so the object's memory may be freed as soon as it
 *    is released (a lock) or broadcast (a condvar): the waker uses only the
 *    address, and a woken waiter never looks at the object again.
 *  - Locks wait on turnstiles, condvars and wait channels on sleep queues: a
 *    separate table, so that wakeup(&lock) cannot wake the lock's waiters.
 *  - The chains are raw spinlocks: wakeups come from any context, with
 *    interrupts off, on PREEMPT_RT too.
 *  - A lock release wakes every waiter of that address (they race for the
 *    lock again, as NetBSD's adaptive mutexes do). A sleep queue wakes one or
 *    all; a woken waiter is taken off the queue by its waker, so the next
 *    wake-one wakes another thread.
 *
 * A lock waiter calls bsd_ts_prepare(), then re-checks the lock and
 * publishes that it waits (a bit in the lock word, set with a fully ordered
 * atomic), then schedule()s, then bsd_ts_finish(). The releaser clears the
 * lock word with a fully ordered atomic, then calls bsd_ts_wakeup() if the
 * bit was set. Either the waiter sees the release, or the releaser sees the
 * waiter. Sleep queues are core/sleepq.c.
 */
#ifndef _BSDCOMPAT_TURNSTILE_H_
#define _BSDCOMPAT_TURNSTILE_H_

#include <linux/list.h>
#include <linux/sched.h>

struct bsd_tswait {
	struct list_head	tw_node;
	struct task_struct	*tw_task;
	const void		*tw_key;
	unsigned int		*tw_count;	/* sleep queues: waiter count */
	int			tw_result;	/* sleep queues: set by the waker */
	bool			tw_queued;	/* on its chain, not yet woken */
	bool			tw_sleepq;	/* which table */
};

void bsd_ts_prepare(struct bsd_tswait *tw, const void *key, unsigned int state);
void bsd_ts_finish(struct bsd_tswait *tw);
void bsd_ts_wakeup(const void *key);

/*
 * Sleep queues. @count, if not NULL, is a counter in the waited-for object
 * that the table keeps equal to the number of threads queued on @key; it is
 * only written under the chain's lock, by waiters while they are queued and
 * by wakers, so it is never written once the object may be gone.
 *
 * A waker that takes a waiter off its queue stores a result in tw_result
 * (0 from bsd_sq_wake()) under the chain lock, before it clears tw_queued;
 * the waiter reads it after its own bsd_sq_dequeue(). bsd_sq_remove() takes
 * one given waiter off and wakes it: its caller must know that @tw stays
 * valid meanwhile (the waiter frees it only after a lock the caller holds).
 */
void bsd_sq_enqueue(struct bsd_tswait *tw, const void *key,
		    unsigned int *count, unsigned int state);
bool bsd_sq_dequeue(struct bsd_tswait *tw);
unsigned int bsd_sq_wake(const void *key, unsigned int *count, bool all);
unsigned int bsd_sq_wake_result(const void *key, unsigned int *count, bool all,
				int result);
bool bsd_sq_remove(struct bsd_tswait *tw, int result);

#endif /* _BSDCOMPAT_TURNSTILE_H_ */
