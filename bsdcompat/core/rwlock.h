/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The reader/writer engine shared by NetBSD's krwlock and FreeBSD's sx and
 * rw locks: one word, waiters on a turnstile keyed by the lock's address.
 * Not part of the driver API; each personality keeps its own checks,
 * messages, lockdep and lockstat calls around it.
 *
 * The word is either
 *
 *   writer | context | flags             a write hold (WRITE_LOCKED set), or
 *   readers * BSD_RW_READ_INCR | flags   read holds (WRITE_LOCKED clear)
 *
 * with HAS_WAITERS (someone sleeps: wake the turnstile on release) and
 * WRITE_WANTED (a writer sleeps: new readers wait too, so that a stream of
 * readers cannot starve writers). The last reader out keeps WRITE_WANTED,
 * so the woken writer still goes before new readers.
 *
 * Rules:
 *  - Every release is one atomic operation after which only the lock's
 *    address is used, to wake the waiters: a thread may take the lock and
 *    free it the moment it has been released.
 *  - Upgrade (sole reader to writer) and downgrade are single exchanges:
 *    the lock is never free in between.
 *  - A reader that passes BSD_RW_PASS enters while the lock is read-held
 *    even though a writer waits: the caller says it already holds a read
 *    lock, which the waiting writer may be waiting for (FreeBSD lets such
 *    readers through; it would deadlock otherwise).
 *  - A wait that a signal ends (BSD_RW_INTR) takes back the WRITE_WANTED
 *    it may have set, and wakes the others to set it again if they want it.
 *  - Waiting spins while a writer runs on a CPU and sleeps otherwise, at
 *    IPL_NONE and without the big lock (both come back).
 */
#ifndef _BSDCOMPAT_CORE_RWLOCK_H_
#define _BSDCOMPAT_CORE_RWLOCK_H_

#include <linux/atomic.h>

#include "adaptive.h"

#define BSD_RW_HAS_WAITERS	0x1UL
#define BSD_RW_WRITE_WANTED	0x2UL
#define BSD_RW_WRITE_LOCKED	0x4UL
#define BSD_RW_FLAGS		(BSD_RW_HAS_WAITERS | BSD_RW_WRITE_WANTED | \
				 BSD_RW_WRITE_LOCKED)
#define BSD_RW_READ_INCR	(BSD_OWNER_LOWBITS + 1)

/* How to acquire: bsd_rw_try() and bsd_rw_wait(). */
#define BSD_RW_WRITER		0x1	/* exclusive; shared without it */
#define BSD_RW_PASS		0x2	/* shared: pass a waiting writer */
#define BSD_RW_INTR		0x4	/* wait: a signal ends it */

static __always_inline long bsd_rw_word(const atomic_long_t *word)
{
	return atomic_long_read(word);
}

static __always_inline unsigned long bsd_rw_readers(long w)
{
	return w & BSD_RW_WRITE_LOCKED ? 0 :
		(w & ~BSD_OWNER_LOWBITS) / BSD_RW_READ_INCR;
}

/* Write-held by the caller (task and context)? */
static __always_inline bool bsd_rw_writer_is_me(long w)
{
	return (w & BSD_RW_WRITE_LOCKED) && (w & ~BSD_RW_FLAGS) == bsd_owner_id();
}

/* Write-held by the current task, in whatever context? */
static __always_inline bool bsd_rw_writer_is_current(long w)
{
	return (w & BSD_RW_WRITE_LOCKED) && bsd_owner_task(w) == current;
}

/* Must a thread that wants @how wait, with the word at @w? */
static __always_inline bool bsd_rw_blocked(long w, unsigned int how)
{
	if (how & BSD_RW_WRITER)
		return w & ~(BSD_RW_HAS_WAITERS | BSD_RW_WRITE_WANTED);
	if (w & BSD_RW_WRITE_LOCKED)
		return true;
	if (!(w & BSD_RW_WRITE_WANTED))
		return false;
	return !((how & BSD_RW_PASS) && bsd_rw_readers(w));
}

/* One attempt at taking the lock; no waiting. */
static __always_inline bool bsd_rw_try(atomic_long_t *word, unsigned int how)
{
	long w = bsd_rw_word(word);

	BUILD_BUG_ON(BSD_RW_FLAGS & ~BSD_OWNER_FLAGS);
	if (!(how & BSD_RW_WRITER)) {
		while (!bsd_rw_blocked(w, how))
			if (atomic_long_try_cmpxchg_acquire(word, &w,
							    w + BSD_RW_READ_INCR))
				return true;
		return false;
	}
	/* A writer keeps HAS_WAITERS: sleepers must still be woken. */
	while (!bsd_rw_blocked(w, how))
		if (atomic_long_try_cmpxchg_acquire(word, &w, bsd_owner_id() |
						    BSD_RW_WRITE_LOCKED |
						    (w & BSD_RW_HAS_WAITERS)))
			return true;
	return false;
}

int bsd_rw_wait(atomic_long_t *word, const void *key, unsigned int how);
void bsd_rw_exit_read(atomic_long_t *word, const void *key, long w);
bool bsd_rw_tryupgrade(atomic_long_t *word, long w);
void bsd_rw_downgrade(atomic_long_t *word, const void *key, long w);

/*
 * Release a write hold; @w is the word, write-held by the caller. Only
 * @key is used once the word is clear.
 */
static __always_inline void bsd_rw_exit_write(atomic_long_t *word,
					      const void *key, long w)
{
	bsd_owner_release(word, key, w, BSD_RW_HAS_WAITERS);
}

#endif /* _BSDCOMPAT_CORE_RWLOCK_H_ */
