/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * What every sleeping bsdcompat lock does when it has to wait: who owns it,
 * may the caller block, spin while the owner runs, give up the IPL before
 * waiting. Shared by kmutex, krwlock and the locks of the other
 * personalities; not part of the driver API.
 *
 * An owner word holds the owning task and, below it (a task_struct is
 * cache-line aligned), the context level it was taken in and up to three
 * flag bits of the lock's own. In an interrupt, current is the interrupted
 * thread: the owner is that thread *in that context*, so a handler can never
 * release the thread's lock.
 */
#ifndef _BSDCOMPAT_ADAPTIVE_H_
#define _BSDCOMPAT_ADAPTIVE_H_

#include <linux/atomic.h>
#include <linux/cache.h>
#include <linux/preempt.h>
#include <linux/sched.h>

#include "spl_internal.h"

#define BSD_OWNER_FLAGS		0x07UL	/* the lock's own flag bits */
#define BSD_OWNER_CTX_SHIFT	3	/* BSD_CTX_* of the owner, 2 bits */
#define BSD_OWNER_LOWBITS	0x1fUL	/* flags and context */

/* The owner word value that names the caller (task and context). */
static __always_inline long bsd_owner_id(void)
{
	BUILD_BUG_ON(L1_CACHE_BYTES <= BSD_OWNER_LOWBITS);
	return (long)current | ((long)bsd_ctx() << BSD_OWNER_CTX_SHIFT);
}

/* The owning task named by an owner word (compare only unless it owns). */
static inline struct task_struct *bsd_owner_task(long word)
{
	return (struct task_struct *)(word & ~BSD_OWNER_LOWBITS);
}

/*
 * Is the caller an interrupt (hard, NMI or softirq)? A thread that merely
 * has softirqs or interrupts disabled, at a raised IPL, is not.
 */
static __always_inline bool bsd_intr_context(void)
{
	return preempt_count() & (HARDIRQ_MASK | NMI_MASK | SOFTIRQ_OFFSET);
}

/*
 * May the caller block? Not in an interrupt, and not with a spin mutex
 * held. A raised IPL is fine: it is dropped across the wait. Other atomic
 * sections (a Linux spinlock held around the call) are left to Linux's
 * might_sleep() and "scheduling while atomic" checks.
 */
static __always_inline bool bsd_lock_may_block(void)
{
	return !bsd_intr_context() && !bsd_spin_held_count();
}

/*
 * What a thread gives up while it waits, to take back afterwards: its IPL
 * and its kernel_lock holds, as NetBSD's scheduler does on every sleep.
 */
struct bsd_waitstate {
	int	ws_ipl;		/* -1: nothing given up yet */
	int	ws_biglocks;
};

#define BSD_WAITSTATE_INIT	{ .ws_ipl = -1, .ws_biglocks = 0 }

void bsd_wait_begin(struct bsd_waitstate *ws);
void bsd_wait_end(struct bsd_waitstate *ws);

bool bsd_spin_on_owner(const atomic_long_t *word, struct task_struct *owner);

/*
 * Locks whose word is 0 when free and an owner id (plus flag bits) when
 * held: adaptive kmutex and kernel_lock. bsd_owner_wait() spins or sleeps on
 * the turnstile for @key until it can store @me; @waiters is the lock's flag
 * bit that asks the releaser to wake the turnstile. bsd_owner_release()
 * clears the word that the caller read as @w, then uses only @key.
 */
void bsd_owner_wait(atomic_long_t *word, const void *key, long me,
		    long waiters);
void bsd_owner_release_wake(atomic_long_t *word, const void *key);
bool bsd_owner_busywait(atomic_long_t *word, long me);

static __always_inline void bsd_owner_release(atomic_long_t *word,
					      const void *key, long w,
					      long waiters)
{
	if (likely(!(w & waiters)) &&
	    atomic_long_try_cmpxchg_release(word, &w, 0))
		return;
	bsd_owner_release_wake(word, key);
}

#endif /* _BSDCOMPAT_ADAPTIVE_H_ */
