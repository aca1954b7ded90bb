/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD xcall(9) on Linux: run a function on one CPU or on all of them.
 *
 * The rules, as NetBSD states them, and where bsdcompat differs:
 *  - xc_broadcast() and xc_unicast() start func(arg1, arg2) on every CPU
 *    or on one, and return a ticket; xc_wait(ticket) waits until that call
 *    has finished everywhere. Tickets grow: once xc_wait(t) returns, every
 *    call issued before t of the same priority has finished too.
 *  - Thread context only, never from an interrupt; they may sleep (one
 *    call of a priority runs at a time, and a new one waits for the last).
 *  - Low priority (flags 0): the function runs in a thread bound to the
 *    target CPU, so it may block on adaptive locks. bsdcompat: a work item
 *    on the per-CPU system workqueue.
 *  - XC_HIGHPRI, XC_HIGHPRI_IPL(ipl): NetBSD runs the function from a soft
 *    interrupt on the target CPU. bsdcompat runs it where it runs softints:
 *    a high-priority worker bound to that CPU, at IPL_NONE. It may take
 *    adaptive mutexes briefly, as NetBSD allows; the soft IPL is checked
 *    and otherwise not used.
 *  - Functions run without the kernel lock. xc_wait() gives the caller's
 *    kernel lock up while it waits and takes it back.
 *  - xc_barrier() runs nothing on every CPU and waits: every CPU has been
 *    through a point where it could schedule, so each preemption-disabled
 *    section that was in progress has ended.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_XCALL_H_
#define _BSDCOMPAT_NETBSD_SYS_XCALL_H_

#include <linux/types.h>

struct cpu_info;

typedef void (*xcfunc_t)(void *arg1, void *arg2);

#define XC_HIGHPRI		0x01	/* from a soft interrupt on NetBSD */
#define XC_IPL_SHIFT		8
#define XC_IPL_MASK		0xff00
#define XC_HIGHPRI_IPL(ipl)	\
	(XC_HIGHPRI | (((ipl) << XC_IPL_SHIFT) & XC_IPL_MASK))

u64 netbsd_xc_broadcast(unsigned int flags, xcfunc_t func, void *arg1,
			void *arg2);
u64 netbsd_xc_unicast(unsigned int flags, xcfunc_t func, void *arg1,
		      void *arg2, struct cpu_info *ci);
void netbsd_xc_wait(u64 where);
void netbsd_xc_barrier(unsigned int flags);

static inline u64 xc_broadcast(unsigned int flags, xcfunc_t func, void *arg1,
			       void *arg2)
{
	return netbsd_xc_broadcast(flags, func, arg1, arg2);
}

static inline u64 xc_unicast(unsigned int flags, xcfunc_t func, void *arg1,
			     void *arg2, struct cpu_info *ci)
{
	return netbsd_xc_unicast(flags, func, arg1, arg2, ci);
}

static inline void xc_wait(u64 where)
{
	netbsd_xc_wait(where);
}

static inline void xc_barrier(unsigned int flags)
{
	netbsd_xc_barrier(flags);
}

#endif /* _BSDCOMPAT_NETBSD_SYS_XCALL_H_ */
