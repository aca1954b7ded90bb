/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD's struct cpu_info, as much of it as softint(9) and kthread(9)
 * need: an opaque handle for one CPU.
 *
 * The rules:
 *  - curcpu() is the caller's CPU; it is only stable while the caller cannot
 *    migrate (preemption off, a hard interrupt, or a thread bound to a CPU).
 *  - cpu_lookup(n) gives the handle of CPU n (n < ncpu), or NULL.
 *  - cpu_index(ci) gives n back. Drivers do not look inside the handle.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_CPU_H_
#define _BSDCOMPAT_NETBSD_SYS_CPU_H_

#include <linux/types.h>

struct cpu_info;

struct cpu_info *netbsd_curcpu(void);
struct cpu_info *netbsd_cpu_lookup(unsigned int idx);
unsigned int netbsd_cpu_index(const struct cpu_info *ci);
unsigned int netbsd_ncpu(void);

#define curcpu()	netbsd_curcpu()
#define ncpu		netbsd_ncpu()

static inline struct cpu_info *cpu_lookup(unsigned int idx)
{
	return netbsd_cpu_lookup(idx);
}

static inline unsigned int cpu_index(const struct cpu_info *ci)
{
	return netbsd_cpu_index(ci);
}

#endif /* _BSDCOMPAT_NETBSD_SYS_CPU_H_ */
