/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Per-CPU state of the IPL core, shared by spl.c and the spin mutexes of
 * every personality. Not part of the driver-facing API.
 */
#ifndef _BSDCOMPAT_SPL_INTERNAL_H_
#define _BSDCOMPAT_SPL_INTERNAL_H_

#include <linux/percpu.h>
#include <bsdcompat/spl.h>

/* NetBSD's struct cpu_info, as far as spl and spin mutexes need it. */
struct bsd_cpu {
	int		ci_ipl;		/* current IPL of this CPU */
	bool		ci_bh;		/* spl holds a local_bh_disable() */
	unsigned long	ci_irqflags;	/* IRQ flags from before IPL_VM */

	/*
	 * Spin mutexes held by this CPU. As in NetBSD, the first one saves the
	 * IPL from before it (ci_mtx_oldspl) and the last one released gives
	 * it back, so they may be released in any order. ci_mtx_held counts
	 * them per IPL for splx()'s check; name and address of the latest at
	 * each level are kept for its message only (never dereferenced).
	 */
	int		ci_mtx_count;
	int		ci_mtx_oldspl;
	u8		ci_mtx_held[BSD_NIPL];
	const char	*ci_mtx_name[BSD_NIPL];
	const void	*ci_mtx_addr[BSD_NIPL];
};

DECLARE_PER_CPU(struct bsd_cpu, bsd_cpu);

int bsd_spl_sleep_begin(void);
void bsd_spl_sleep_end(int ipl);

/* Number of spin mutexes held by this CPU: sleeping is wrong if non-zero. */
static inline int bsd_spin_held_count(void)
{
	return raw_cpu_read(bsd_cpu.ci_mtx_count);
}

/*
 * A spin mutex at @ipl was taken after raising from @s. Interrupts are off
 * or the IPL is raised, and preemption is off: this CPU's state is ours.
 */
static inline void bsd_spin_acquired(int ipl, int s, const void *addr,
				     const char *name)
{
	struct bsd_cpu *ci = this_cpu_ptr(&bsd_cpu);

	if (ci->ci_mtx_count++ == 0)
		ci->ci_mtx_oldspl = s;
	if (ci->ci_mtx_held[ipl]++ == 0) {
		ci->ci_mtx_name[ipl] = name;
		ci->ci_mtx_addr[ipl] = addr;
	}
}

/*
 * A spin mutex at @ipl is about to be released. Called before the unlock,
 * while preemption is surely off. Return the IPL to give back with
 * bsd_splx() after the unlock if this is the CPU's last spin mutex, else -1.
 */
static inline int bsd_spin_releasing(int ipl)
{
	struct bsd_cpu *ci = this_cpu_ptr(&bsd_cpu);

	ci->ci_mtx_held[ipl]--;
	if (--ci->ci_mtx_count == 0)
		return ci->ci_mtx_oldspl;
	return -1;
}

#endif /* _BSDCOMPAT_SPL_INTERNAL_H_ */
