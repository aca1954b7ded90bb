/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Per-CPU state of the IPL core, shared by spl.c and the spin mutexes of
 * every personality. Not part of the driver-facing API.
 */
#ifndef _BSDCOMPAT_SPL_INTERNAL_H_
#define _BSDCOMPAT_SPL_INTERNAL_H_

#include <linux/percpu.h>
#include <linux/preempt.h>
#include <bsdcompat/spl.h>

/* Context levels that may take spin mutexes on one CPU, lowest first. */
enum {
	BSD_CTX_THREAD,
	BSD_CTX_SOFTIRQ,
	BSD_CTX_HARDIRQ,
	BSD_NCTX
};

static __always_inline int bsd_ctx(void)
{
	unsigned long pc = preempt_count();

	if (pc & (HARDIRQ_MASK | NMI_MASK))
		return BSD_CTX_HARDIRQ;
	if (pc & SOFTIRQ_OFFSET)
		return BSD_CTX_SOFTIRQ;
	return BSD_CTX_THREAD;
}

/* NetBSD's struct cpu_info, as far as spl and spin mutexes need it. */
struct bsd_cpu {
	int		ci_ipl;		/* current IPL of this CPU */
	bool		ci_bh;		/* spl holds a local_bh_disable() */
	unsigned long	ci_irqflags;	/* IRQ flags from before IPL_VM */

	/*
	 * Spin mutexes held by this CPU. As in NetBSD, the first one saves the
	 * IPL from before it (ci_mtx_oldspl) and the last one released gives
	 * it back, so they may be released in any order.
	 *
	 * One count per context level: a hard interrupt may take and release
	 * a spin mutex while the thread it interrupted holds one at a lower
	 * IPL. NetBSD's interrupt return restores the IPL; Linux has no hook
	 * for that, so the interrupt keeps books of its own and gives back
	 * exactly the IPL it found. Levels nest but never interleave.
	 *
	 * ci_mtx_held counts the held ones per IPL for splx()'s check; the
	 * name and address of the latest at each level are kept for its
	 * message only (never dereferenced).
	 */
	int		ci_mtx_count[BSD_NCTX];
	int		ci_mtx_oldspl[BSD_NCTX];
	unsigned int	ci_mtx_held[BSD_NIPL];
	const char	*ci_mtx_name[BSD_NIPL];
	const void	*ci_mtx_addr[BSD_NIPL];

	/*
	 * Spin locks that leave the IPL alone (Digital UNIX simple locks,
	 * when lockmode checks them) held by this CPU's thread context: the
	 * thread may not sleep either.
	 */
	int		ci_slock_count;
};

DECLARE_PER_CPU(struct bsd_cpu, bsd_cpu);

int bsd_spl_sleep_begin(void);
void bsd_spl_sleep_end(int ipl);

/* Spin locks held by this thread: sleeping is wrong if non-zero. */
static inline int bsd_spin_held_count(void)
{
	return this_cpu_read(bsd_cpu.ci_mtx_count[BSD_CTX_THREAD]) +
	       this_cpu_read(bsd_cpu.ci_slock_count);
}

/*
 * A spin lock that does not touch the IPL was taken or is being released
 * in the caller's context, with preemption off. Only thread context
 * counts: an interrupt may not sleep whatever it holds.
 */
static inline void bsd_slock_acquired(void)
{
	if (bsd_ctx() == BSD_CTX_THREAD)
		this_cpu_inc(bsd_cpu.ci_slock_count);
}

static inline void bsd_slock_releasing(void)
{
	if (bsd_ctx() == BSD_CTX_THREAD)
		this_cpu_dec(bsd_cpu.ci_slock_count);
}

/*
 * A spin mutex at @ipl was taken after raising from @s. Interrupts are off
 * or the IPL is raised, and preemption is off: this CPU's state is ours.
 */
static inline void bsd_spin_acquired(int ipl, int s, const void *addr,
				     const char *name)
{
	struct bsd_cpu *ci = this_cpu_ptr(&bsd_cpu);
	int ctx = bsd_ctx();

	if (ci->ci_mtx_count[ctx]++ == 0)
		ci->ci_mtx_oldspl[ctx] = s;
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
	int ctx = bsd_ctx();

	ci->ci_mtx_held[ipl]--;
	if (--ci->ci_mtx_count[ctx] == 0)
		return ci->ci_mtx_oldspl[ctx];
	return -1;
}

#endif /* _BSDCOMPAT_SPL_INTERNAL_H_ */
