// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Turnstiles (see turnstile.h): a fixed table of chains, each a raw spinlock
 * and a list of waiting threads, indexed by a hash of the lock's address.
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

static struct ts_chain ts_chains[1 << TS_HASH_BITS];

static struct ts_chain *ts_chain(const void *key)
{
	return &ts_chains[hash_ptr(key, TS_HASH_BITS)];
}

/* Queue the calling thread for @key and set its state to @state. */
void bsd_ts_prepare(struct bsd_tswait *tw, const void *key, unsigned int state)
{
	struct ts_chain *tc = ts_chain(key);
	unsigned long flags;

	tw->tw_task = current;
	tw->tw_key = key;
	raw_spin_lock_irqsave(&tc->tc_lock, flags);
	list_add_tail(&tw->tw_node, &tc->tc_waiters);
	set_current_state(state);	/* a full barrier before the lock check */
	raw_spin_unlock_irqrestore(&tc->tc_lock, flags);
}

/* Leave the queue; the thread is running again. */
void bsd_ts_finish(struct bsd_tswait *tw)
{
	struct ts_chain *tc = ts_chain(tw->tw_key);
	unsigned long flags;

	__set_current_state(TASK_RUNNING);
	raw_spin_lock_irqsave(&tc->tc_lock, flags);
	list_del(&tw->tw_node);
	raw_spin_unlock_irqrestore(&tc->tc_lock, flags);
}

/*
 * Wake every thread waiting for @key. @key is only compared, never
 * dereferenced: the lock it names may already be freed.
 */
void bsd_ts_wakeup(const void *key)
{
	struct ts_chain *tc = ts_chain(key);
	struct bsd_tswait *tw;
	unsigned long flags;

	raw_spin_lock_irqsave(&tc->tc_lock, flags);
	list_for_each_entry(tw, &tc->tc_waiters, tw_node)
		if (tw->tw_key == key)
			wake_up_process(tw->tw_task);
	raw_spin_unlock_irqrestore(&tc->tc_lock, flags);
}

void bsd_ts_init(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(ts_chains); i++) {
		raw_spin_lock_init(&ts_chains[i].tc_lock);
		INIT_LIST_HEAD(&ts_chains[i].tc_waiters);
	}
}
