/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The one big lock: NetBSD's kernel_lock (and, in the other personalities,
 * FreeBSD's Giant and the Digital UNIX funnel's lock).
 *
 * Rules:
 *  - It is owned by a thread and recursive: each acquisition adds to a depth
 *    that only the owner reads and writes.
 *  - Every bsdcompat primitive that sleeps gives all of the caller's holds up
 *    before it sleeps and takes them back, with the same depth, when it runs
 *    again, as NetBSD's scheduler does; kernel-locked data may change across
 *    any such sleep. Sleeping in a Linux primitive keeps the lock.
 *  - It is a sleeping lock: thread context only (bsdcompat runs non-MP-safe
 *    handlers in threads). From interrupt context it is reported.
 *  - Lockdep sees it, but never as the second of two locks: a thread may take
 *    it with other locks held, because it gives it up before it waits.
 */
#ifndef _BSDCOMPAT_BIGLOCK_H_
#define _BSDCOMPAT_BIGLOCK_H_

#include <linux/types.h>

struct task_struct;

void bsd_kernel_lock(int nlocks, unsigned long caller);
bool bsd_kernel_trylock(unsigned long caller);
struct task_struct *bsd_kernel_lock_owner(void);
void bsd_kernel_unlock(int nlocks, int *countp, unsigned long caller);
bool bsd_kernel_locked_p(void);
int bsd_kernel_lock_depth(void);

struct bsd_biglock_stats {
	u64	bs_fast;	/* taken free, no waiting */
	u64	bs_contended;	/* had to spin or sleep */
	u64	bs_recursive;	/* already held by the caller: depth added */
	u64	bs_sleeps;	/* given up and taken back around a sleep */
};

void bsd_biglock_stats(struct bsd_biglock_stats *st);

#endif /* _BSDCOMPAT_BIGLOCK_H_ */
