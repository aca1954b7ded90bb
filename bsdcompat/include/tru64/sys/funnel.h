/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Digital UNIX funnels: unix_master() and unix_release().
 *
 * Rules:
 *  - unix_master() runs the calling thread on the master CPU (CPU 0) and
 *    serialises it against every other funneled thread; unix_release()
 *    undoes one call. Calls nest; the outermost release gives the thread
 *    back the CPUs it was allowed to run on before.
 *  - The funnel is the big lock that NetBSD's KERNEL_LOCK and FreeBSD's
 *    Giant take too: one lock for all code that is not MP-safe.
 *  - Every bsdcompat sleep gives the funnel up and takes it back, at the
 *    same depth, when the thread runs again (still on the master CPU), so
 *    funneled code cannot deadlock against itself. A Linux sleep keeps it.
 *  - Thread context only, never with a simple lock held.
 */
#ifndef _BSDCOMPAT_TRU64_SYS_FUNNEL_H_
#define _BSDCOMPAT_TRU64_SYS_FUNNEL_H_

#include <sys/types.h>

/* The device switch's d_funnel values. */
#define DEV_FUNNEL_NULL	0	/* the driver does its own locking */
#define DEV_FUNNEL	1	/* funnel every entry point */

#define TRU64_MASTER_CPU	0

void tru64_unix_master(void);
void tru64_unix_release(void);
int tru64_funnel_depth(void);
int tru64_funnel_call(int (*fn)(void *), void *arg);

static inline void unix_master(void)
{
	tru64_unix_master();
}

static inline void unix_release(void)
{
	tru64_unix_release();
}

#endif /* _BSDCOMPAT_TRU64_SYS_FUNNEL_H_ */
