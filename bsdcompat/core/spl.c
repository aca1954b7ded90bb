// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * spl(9): interrupt priority levels over local_bh_disable() and
 * local_irq_save().
 *
 * Linux has no interrupt priority levels. Each CPU carries the BSD IPL it
 * runs at, and the hardware state that IPL needs:
 *
 *   IPL_NONE          nothing blocked
 *   IPL_SOFT*         softirqs blocked on this CPU   (local_bh_disable)
 *   IPL_VM and above  interrupts off on this CPU     (local_irq_save)
 *
 * (On PREEMPT_RT the soft levels turn interrupts off too: see SPL_IRQ_MIN.)
 *
 * The cookie that spl*() returns is the previous IPL, as on BSD; the Linux
 * IRQ flags live in the per-CPU state, because an int cannot carry them and
 * splx() must restore exactly what was there before. The state is changed
 * only with interrupts off, so a hard interrupt handler that calls spl sees
 * it either before or after a change, never halfway.
 *
 * Softirqs are blocked lazily: raising from IPL_NONE straight to IPL_VM only
 * turns interrupts off (softirqs cannot run then either), and the bh count
 * is taken only when an splx() comes down to a soft level. That keeps
 * splvm()/splx() as cheap as local_irq_save()/local_irq_restore() plus a few
 * per-CPU stores.
 *
 * spl is not for NMI handlers: an NMI can land between two stores of a
 * change, and nothing an NMI handler may do needs an IPL.
 *
 * Why per CPU and not per thread: a raised IPL disables preemption, so the
 * thread that raised it is the only thread that can run on that CPU until it
 * lowers it again. A bsdcompat primitive that sleeps lowers the IPL first
 * (bsd_spl_sleep_begin()) and raises it again on whatever CPU it wakes up on
 * (bsd_spl_sleep_end()); that is how the IPL belongs to the thread, as on
 * BSD, without a hook in the Linux scheduler.
 */
#include <linux/bottom_half.h>
#include <linux/export.h>
#include <linux/irqflags.h>
#include <linux/percpu.h>
#include <linux/preempt.h>

#include <bsdcompat/lockdebug.h>

#include "spl_internal.h"

DEFINE_PER_CPU(struct bsd_cpu, bsd_cpu);

/*
 * The lowest IPL that turns interrupts off. On PREEMPT_RT, local_bh_disable()
 * is a per-CPU sleeping lock that leaves preemption on: it may not be taken
 * with interrupts off, and it would not keep the thread on the CPU whose IPL
 * it raised. There the soft levels turn interrupts off too, which holds off
 * softirqs on this CPU just as well (RT runs them in threads, and no thread
 * can be switched in here until the IPL comes down).
 */
#ifdef CONFIG_PREEMPT_RT
#define SPL_IRQ_MIN	BSD_IPL_SOFT_MIN
#else
#define SPL_IRQ_MIN	BSD_IPL_HARD_MIN
#endif

static const char *const ipl_names[BSD_NIPL] = {
	[BSD_IPL_NONE]		= "IPL_NONE",
	[BSD_IPL_SOFTCLOCK]	= "IPL_SOFTCLOCK",
	[BSD_IPL_SOFTBIO]	= "IPL_SOFTBIO",
	[BSD_IPL_SOFTNET]	= "IPL_SOFTNET",
	[BSD_IPL_SOFTSERIAL]	= "IPL_SOFTSERIAL",
	[BSD_IPL_VM]		= "IPL_VM",
	[BSD_IPL_SCHED]		= "IPL_SCHED",
	[BSD_IPL_HIGH]		= "IPL_HIGH",
};

/**
 * bsd_ipl_name() - the BSD name of an IPL
 * @ipl: an IPL, BSD_IPL_NONE to BSD_IPL_HIGH
 *
 * Context: any.
 * Return: a static string such as "IPL_VM", or "IPL_?" for a bad level.
 */
const char *bsd_ipl_name(int ipl)
{
	if (ipl < 0 || ipl >= BSD_NIPL)
		return "IPL_?";
	return ipl_names[ipl];
}
EXPORT_SYMBOL_NS_GPL(bsd_ipl_name, BSDCOMPAT);

/* Softirqs may be blocked with the bh count only where bh may be enabled again. */
static bool bh_usable(unsigned long irqflags)
{
	return !irqs_disabled_flags(irqflags) && !in_hardirq() && !in_nmi();
}

/* Move this CPU from its IPL to @ipl. Interrupts are off; @flags are the caller's. */
static void spl_set(struct bsd_cpu *ci, int ipl, unsigned long flags)
{
	int cur = ci->ci_ipl;
	bool drop_bh;

	ci->ci_ipl = ipl;
	if (ipl >= SPL_IRQ_MIN) {
		if (cur < SPL_IRQ_MIN) {
			/* Keep interrupts off; remember how to turn them back. */
			ci->ci_irqflags = flags;
		}
		return;
	}

	if (cur >= SPL_IRQ_MIN)
		flags = ci->ci_irqflags;	/* the state from before the raise */

	/*
	 * Decide about the bh count while interrupts are still off and this
	 * CPU's state is surely ours: take it before interrupts come back (no
	 * softirq window), drop it after (local_bh_enable() wants them on).
	 */
	if (ipl >= BSD_IPL_SOFT_MIN && !ci->ci_bh && bh_usable(flags)) {
		local_bh_disable();
		ci->ci_bh = true;
	}
	drop_bh = ipl < BSD_IPL_SOFT_MIN && ci->ci_bh && !in_hardirq();
	if (drop_bh)
		ci->ci_bh = false;
	local_irq_restore(flags);
	if (IS_ENABLED(CONFIG_PREEMPT_RT) || !drop_bh)
		return;		/* (RT never takes the bh count: SPL_IRQ_MIN) */
	if (irqs_disabled_flags(flags))
		_local_bh_enable();	/* interrupts stay off: run nothing now */
	else
		local_bh_enable();	/* runs the softirqs that were held off */
}

/**
 * bsd_splraise() - raise this CPU's IPL
 * @ipl: the level to raise to; a lower or equal level changes nothing
 *
 * A level that is not an IPL is reported and taken as IPL_HIGH: whatever
 * the caller meant to block is blocked.
 *
 * Context: any. Does not sleep.
 * Return: the previous IPL, to be given to bsd_splx().
 */
int bsd_splraise(int ipl)
{
	unsigned long flags;
	struct bsd_cpu *ci;
	int old;

	if (unlikely(ipl < BSD_IPL_NONE || ipl > BSD_IPL_HIGH)) {
		bsd_lock_error("spl", "splraise", NULL, "", _RET_IP_,
			       "bad IPL %d, using IPL_HIGH", ipl);
		ipl = BSD_IPL_HIGH;
	}
	local_irq_save(flags);
	ci = this_cpu_ptr(&bsd_cpu);
	old = ci->ci_ipl;
	if (ipl > old)
		spl_set(ci, ipl, flags);
	else
		local_irq_restore(flags);
	return old;
}
EXPORT_SYMBOL_NS_GPL(bsd_splraise, BSDCOMPAT);

/* The lowest IPL the spin mutexes held by this CPU allow, and one of them. */
static int spl_floor(struct bsd_cpu *ci)
{
	int ipl;

	if (likely(!(ci->ci_mtx_count[BSD_CTX_THREAD] |
		     ci->ci_mtx_count[BSD_CTX_SOFTIRQ] |
		     ci->ci_mtx_count[BSD_CTX_HARDIRQ])))
		return BSD_IPL_NONE;
	for (ipl = BSD_IPL_HIGH; ipl > BSD_IPL_NONE; ipl--)
		if (ci->ci_mtx_held[ipl])
			return ipl;
	return BSD_IPL_NONE;
}

/**
 * bsd_splx() - set this CPU's IPL back to a level saved by an spl call
 * @s: the cookie returned by bsd_splraise() or one of the spl*() calls
 *
 * Restores the IPL and the interrupt and softirq state that goes with it.
 * Lowering below the IPL of a spin mutex this CPU holds is reported and
 * stopped at that IPL: the mutex's interrupt handler could otherwise come in
 * on this CPU and spin on it forever.
 *
 * Context: any. Does not sleep; coming down from a soft level runs the
 * softirqs that were held off.
 */
void bsd_splx(int s)
{
	unsigned long flags;
	struct bsd_cpu *ci;
	int floor;

	if (unlikely(s < BSD_IPL_NONE || s > BSD_IPL_HIGH)) {
		bsd_lock_error("spl", "splx", NULL, "", _RET_IP_,
			       "bad IPL cookie %d", s);
		return;
	}
	local_irq_save(flags);
	ci = this_cpu_ptr(&bsd_cpu);
	floor = spl_floor(ci);
	if (unlikely(s < floor)) {
		bsd_lock_error("Mutex", "splx", ci->ci_mtx_addr[floor],
			       ci->ci_mtx_name[floor], _RET_IP_,
			       "would lower IPL to %s below %s of a held spin mutex",
			       bsd_ipl_name(s), bsd_ipl_name(floor));
		s = floor;
	}
	if (s != ci->ci_ipl)
		spl_set(ci, s, flags);
	else
		local_irq_restore(flags);
}
EXPORT_SYMBOL_NS_GPL(bsd_splx, BSDCOMPAT);

/**
 * bsd_curipl() - this CPU's current IPL
 *
 * Context: any. From preemptible code the answer is BSD_IPL_NONE, which is
 * right wherever the caller runs next.
 * Return: the IPL.
 */
int bsd_curipl(void)
{
	return this_cpu_read(bsd_cpu.ci_ipl);
}
EXPORT_SYMBOL_NS_GPL(bsd_curipl, BSDCOMPAT);

/*
 * A bsdcompat primitive is about to sleep: drop this CPU to IPL_NONE and
 * return the IPL to give back to bsd_spl_sleep_end() when the thread runs
 * again, on whatever CPU that is.
 */
int bsd_spl_sleep_begin(void)
{
	int ipl = bsd_curipl();

	if (ipl != BSD_IPL_NONE)
		bsd_splx(BSD_IPL_NONE);
	return ipl;
}

void bsd_spl_sleep_end(int ipl)
{
	if (ipl != BSD_IPL_NONE)
		bsd_splraise(ipl);
}
