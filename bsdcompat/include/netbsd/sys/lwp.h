/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD's light-weight process is a Linux task here. struct lwp is opaque:
 * drivers compare lwp pointers (curlwp) but do not look inside.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_LWP_H_
#define _BSDCOMPAT_NETBSD_SYS_LWP_H_

#include <asm/current.h>
#include <linux/preempt.h>
#include <linux/sched.h>

struct lwp;
typedef struct lwp lwp_t;

#define curlwp		((struct lwp *)current)

/*
 * curlwp_bind(9): keep the calling thread on the CPU it runs on until the
 * matching curlwp_bindx(); it may still sleep and be preempted. Pairs nest.
 * bsdcompat: Linux's migrate_disable(); the cookie says whether the thread
 * was bound already, as NetBSD's does, and is otherwise unused. On a
 * kernel without SMP there is nowhere to migrate to.
 */
static inline int curlwp_bind(void)
{
#ifdef CONFIG_SMP
	int bound = current->migration_disabled != 0;
#else
	int bound = 0;
#endif

	migrate_disable();
	return bound;
}

static inline void curlwp_bindx(int bound)
{
	migrate_enable();
}

#endif /* _BSDCOMPAT_NETBSD_SYS_LWP_H_ */
