/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD localcount(9): medium-weight reference counts, on Linux per-CPU
 * counters.
 *
 * The rules, as NetBSD states them, and where bsdcompat differs:
 *  - localcount_acquire() and localcount_release() cost no interprocessor
 *    synchronisation: each CPU counts its own acquires and releases. A
 *    reference may be held across sleeps and released on another CPU.
 *  - An acquire needs the object to be known live: found in a pserialize
 *    read section, or under a lock, while it is still published.
 *  - To destroy, unpublish the object (and pserialize_perform()), then call
 *    localcount_drain() with the interlock @mtx held: it waits on @cv until
 *    every reference is released; releases during the drain take @mtx and
 *    broadcast @cv. Then localcount_fini(). An acquire after the drain has
 *    begun is a bug (bsdcompat reports it, and counts it so the drain
 *    waits for it).
 *  - drain is expensive (a cross call to every CPU); eight bytes per CPU
 *    per object.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_LOCALCOUNT_H_
#define _BSDCOMPAT_NETBSD_SYS_LOCALCOUNT_H_

#include <linux/atomic.h>
#include <linux/types.h>

struct kcondvar;
struct kmutex;

/*
 * Embedded by drivers; they must not look inside. lc_count holds each
 * CPU's acquires minus releases; once draining, lc_total holds the sum.
 */
struct localcount {
	long __percpu	*lc_count;
	atomic_long_t	lc_total;
	int		lc_state;
	u32		lc_magic;
};

void netbsd_localcount_init(struct localcount *lc);
void netbsd_localcount_fini(struct localcount *lc);
void netbsd_localcount_acquire(struct localcount *lc);
void netbsd_localcount_release(struct localcount *lc, struct kcondvar *cv,
			       struct kmutex *mtx);
void netbsd_localcount_drain(struct localcount *lc, struct kcondvar *cv,
			     struct kmutex *mtx);

static inline void localcount_init(struct localcount *lc)
{
	netbsd_localcount_init(lc);
}

static inline void localcount_fini(struct localcount *lc)
{
	netbsd_localcount_fini(lc);
}

static inline void localcount_acquire(struct localcount *lc)
{
	netbsd_localcount_acquire(lc);
}

static inline void localcount_release(struct localcount *lc,
				      struct kcondvar *cv, struct kmutex *mtx)
{
	netbsd_localcount_release(lc, cv, mtx);
}

static inline void localcount_drain(struct localcount *lc,
				    struct kcondvar *cv, struct kmutex *mtx)
{
	netbsd_localcount_drain(lc, cv, mtx);
}

#endif /* _BSDCOMPAT_NETBSD_SYS_LOCALCOUNT_H_ */
