// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Turnstiles and sleep queues (see turnstile.h): two fixed tables of
 * chains, each chain a raw spinlock and a list of waiting threads, indexed
 * by a hash of the address waited for.
 *
 * Linux's own hashed wait_var queues would do on a stock kernel, but their
 * lock is a spinlock_t, which sleeps on PREEMPT_RT: a BSD mutex released at
 * a raised IPL (interrupts off) could not wake its waiters there.
 */
#include <linux/cache.h>
#include <linux/hash.h>
#include <linux/spinlock.h>

#include "core.h"
#include "turnstile.h"

#define TS_HASH_BITS	8

struct ts_chain {
	raw_spinlock_t		tc_lock;
	struct list_head	tc_waiters;
} ____cacheline_aligned_in_smp;

/* [0]: turnstiles (locks); [1]: sleep queues (condvars, wait channels). */
static struct ts_chain ts_chains[2][1 << TS_HASH_BITS];

static struct ts_chain *ts_chain(const void *key, bool sleepq)
{
	return &ts_chains[sleepq][hash_ptr(key, TS_HASH_BITS)];
}

static void ts_enqueue(struct bsd_tswait *tw, const void *key, bool sleepq,
		       unsigned int *count, unsigned int state)
{
	struct ts_chain *tc = ts_chain(key, sleepq);
	unsigned long flags;

	tw->tw_task = current;
	tw->tw_key = key;
	tw->tw_count = count;
	tw->tw_sleepq = sleepq;
	tw->tw_result = 0;
	raw_spin_lock_irqsave(&tc->tc_lock, flags);
	list_add_tail(&tw->tw_node, &tc->tc_waiters);
	tw->tw_queued = true;
	if (count)
		(*count)++;
	set_current_state(state);	/* a full barrier before the re-check */
	raw_spin_unlock_irqrestore(&tc->tc_lock, flags);
}

/* Take @tw off its chain unless a waker did. Return true if a waker did. */
static bool ts_dequeue(struct bsd_tswait *tw)
{
	struct ts_chain *tc = ts_chain(tw->tw_key, tw->tw_sleepq);
	unsigned long flags;
	bool woken;

	__set_current_state(TASK_RUNNING);
	raw_spin_lock_irqsave(&tc->tc_lock, flags);
	woken = !tw->tw_queued;
	if (!woken) {
		list_del(&tw->tw_node);
		if (tw->tw_count)
			(*tw->tw_count)--;
	}
	raw_spin_unlock_irqrestore(&tc->tc_lock, flags);
	return woken;
}

/*
 * Wake the waiters for @key (all, or the first in queue order), taking them
 * off the chain and handing each @result. @key is only compared, never
 * dereferenced: the object it names may already be freed. Return how many
 * were woken.
 */
static unsigned int ts_wake(const void *key, bool sleepq, unsigned int *count,
			    bool all, int result)
{
	struct ts_chain *tc = ts_chain(key, sleepq);
	struct bsd_tswait *tw, *next;
	unsigned int n = 0;
	unsigned long flags;

	raw_spin_lock_irqsave(&tc->tc_lock, flags);
	list_for_each_entry_safe(tw, next, &tc->tc_waiters, tw_node) {
		if (tw->tw_key != key)
			continue;
		list_del(&tw->tw_node);
		if (count)
			(*count)--;
		/*
		 * The waiter's final read of tw_queued is under this chain
		 * lock, so its stack frame (tw) stays valid until we drop the
		 * lock; a sleep queue also peeks at it without the lock.
		 */
		tw->tw_result = result;
		WRITE_ONCE(tw->tw_queued, false);
		n++;
		wake_up_process(tw->tw_task);
		if (!all)
			break;
	}
	raw_spin_unlock_irqrestore(&tc->tc_lock, flags);
	return n;
}

/* Queue the calling thread on the turnstile for @key and set its state. */
void bsd_ts_prepare(struct bsd_tswait *tw, const void *key, unsigned int state)
{
	ts_enqueue(tw, key, false, NULL, state);
}

/* Leave the turnstile; the thread is running again. */
void bsd_ts_finish(struct bsd_tswait *tw)
{
	ts_dequeue(tw);
}

/* Wake every thread waiting for the lock at @key. */
void bsd_ts_wakeup(const void *key)
{
	ts_wake(key, false, NULL, true, 0);
}

/* Queue the calling thread on the sleep queue for @key; set its state. */
void bsd_sq_enqueue(struct bsd_tswait *tw, const void *key,
		    unsigned int *count, unsigned int state)
{
	ts_enqueue(tw, key, true, count, state);
}

/* Leave the sleep queue. Return true if a wakeup took the thread off it. */
bool bsd_sq_dequeue(struct bsd_tswait *tw)
{
	return ts_dequeue(tw);
}

/* Wake one or all threads sleeping on @key; return how many. */
unsigned int bsd_sq_wake(const void *key, unsigned int *count, bool all)
{
	return ts_wake(key, true, count, all, 0);
}

/* Wake one or all threads sleeping on @key with @result; return how many. */
unsigned int bsd_sq_wake_result(const void *key, unsigned int *count, bool all,
				int result)
{
	return ts_wake(key, true, count, all, result);
}

/*
 * Take @tw off its sleep queue and wake it with @result, if it is still
 * queued. Return whether it was.
 */
bool bsd_sq_remove(struct bsd_tswait *tw, int result)
{
	struct ts_chain *tc = ts_chain(tw->tw_key, true);
	unsigned long flags;
	bool queued;

	raw_spin_lock_irqsave(&tc->tc_lock, flags);
	queued = tw->tw_queued;
	if (queued) {
		list_del(&tw->tw_node);
		if (tw->tw_count)
			(*tw->tw_count)--;
		tw->tw_result = result;
		WRITE_ONCE(tw->tw_queued, false);
		wake_up_process(tw->tw_task);
	}
	raw_spin_unlock_irqrestore(&tc->tc_lock, flags);
	return queued;
}

void bsd_ts_init(void)
{
	int t, i;

	for (t = 0; t < 2; t++)
		for (i = 0; i < ARRAY_SIZE(ts_chains[t]); i++) {
			raw_spin_lock_init(&ts_chains[t][i].tc_lock);
			INIT_LIST_HEAD(&ts_chains[t][i].tc_waiters);
		}
}
