// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * FreeBSD critical sections and spinlock sections (see <sys/critical.h>).
 *
 * FreeBSD counts both per thread (td_critnest, md_spinlock_count). A thread
 * in either cannot leave its CPU, so per-CPU counters are the same thing
 * here: an interrupt that enters and leaves sections of its own on the CPU
 * leaves the counts as it found them.
 *
 * A critical section is preempt_disable(). A spinlock section turns the
 * CPU's interrupts off, saving their state in the outermost one, and is a
 * critical section too. Each critical section entered in thread context
 * (so each spinlock section and each spin mutex) is also counted as a held
 * spin lock in the core (bsd_slock_acquired()): FreeBSD's holder may not
 * sleep or block there, and with preemption off Linux could not switch
 * away anyway, so every bsdcompat primitive that would sleep or block
 * refuses inside one, whichever personality it belongs to.
 */
#include <linux/export.h>
#include <linux/hardirq.h>
#include <linux/irqflags.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/string.h>

#include <sys/critical.h>
#include <bsdcompat/lockdebug.h>

#include "../core/spl_internal.h"

struct freebsd_pcpu {
	int		fp_critnest;	/* critical sections entered */
	int		fp_spinnest;	/* spinlock sections entered */
	unsigned long	fp_spinflags;	/* IRQ flags from before the outermost */
};

static DEFINE_PER_CPU(struct freebsd_pcpu, freebsd_pcpu);

static void critical_error(const char *op, unsigned long ip, const char *msg)
{
	bsd_lock_error("critical section", op, NULL, "", ip, "%s", msg);
}

/**
 * freebsd_critical_enter() - enter a critical section (critical_enter())
 *
 * The caller stays on this CPU and is not preempted until the matching
 * critical_exit(). Sections nest. In thread context each counts as a held
 * spin lock in the core, so bsdcompat's sleeping calls refuse inside.
 *
 * Context: any.
 */
void freebsd_critical_enter(void)
{
	preempt_disable();
	this_cpu_inc(freebsd_pcpu.fp_critnest);
	bsd_slock_acquired();
}
EXPORT_SYMBOL_NS_GPL(freebsd_critical_enter, BSDCOMPAT);

/**
 * freebsd_critical_exit() - leave a critical section (critical_exit())
 *
 * The last exit lets the thread be preempted again (and preempts it now if
 * a switch is pending). Exiting a section that was not entered is reported
 * and ignored.
 *
 * Context: the context that entered it.
 */
void freebsd_critical_exit(void)
{
	if (unlikely(raw_cpu_read(freebsd_pcpu.fp_critnest) <= 0)) {
		critical_error("critical_exit", _RET_IP_,
			       "critical_exit() without critical_enter()");
		return;
	}
	bsd_slock_releasing();
	this_cpu_dec(freebsd_pcpu.fp_critnest);
	preempt_enable();
}
EXPORT_SYMBOL_NS_GPL(freebsd_critical_exit, BSDCOMPAT);

/**
 * freebsd_spinlock_enter() - enter a spinlock section (spinlock_enter())
 *
 * The outermost section saves this CPU's interrupt state and turns
 * interrupts off; every section is also a critical section and, in thread
 * context, counts as a held spin lock (the thread may not sleep).
 *
 * Context: any.
 */
void freebsd_spinlock_enter(void)
{
	unsigned long flags;

	local_irq_save(flags);
	if (this_cpu_inc_return(freebsd_pcpu.fp_spinnest) == 1)
		this_cpu_write(freebsd_pcpu.fp_spinflags, flags);
	freebsd_critical_enter();
}
EXPORT_SYMBOL_NS_GPL(freebsd_spinlock_enter, BSDCOMPAT);

/**
 * freebsd_spinlock_exit() - leave a spinlock section (spinlock_exit())
 *
 * The last exit restores the interrupt state saved by the outermost
 * spinlock_enter(), then leaves the critical section. Exiting a section
 * that was not entered is reported and ignored.
 *
 * Context: the context that entered it.
 */
void freebsd_spinlock_exit(void)
{
	int nest;

	if (unlikely(!irqs_disabled() ||
		     raw_cpu_read(freebsd_pcpu.fp_spinnest) <= 0)) {
		critical_error("spinlock_exit", _RET_IP_,
			       "spinlock_exit() without spinlock_enter()");
		return;
	}
	bsd_slock_releasing();
	nest = this_cpu_dec_return(freebsd_pcpu.fp_spinnest);
	this_cpu_dec(freebsd_pcpu.fp_critnest);
	/* Interrupts back on first, so that a pending preemption happens. */
	if (nest == 0)
		local_irq_restore(this_cpu_read(freebsd_pcpu.fp_spinflags));
	preempt_enable();
}
EXPORT_SYMBOL_NS_GPL(freebsd_spinlock_exit, BSDCOMPAT);

/**
 * freebsd_critical_nest() - critical sections open on this CPU
 *
 * Context: any. In thread context the answer is the calling thread's: a
 * thread inside a section cannot leave the CPU, and one outside reads 0.
 * Return: the nesting depth, spinlock sections included.
 */
int freebsd_critical_nest(void)
{
	return raw_cpu_read(freebsd_pcpu.fp_critnest);
}
EXPORT_SYMBOL_NS_GPL(freebsd_critical_nest, BSDCOMPAT);

/**
 * freebsd_spinlock_nest() - spinlock sections open on this CPU
 *
 * Context: any; as freebsd_critical_nest().
 * Return: the nesting depth.
 */
int freebsd_spinlock_nest(void)
{
	return raw_cpu_read(freebsd_pcpu.fp_spinnest);
}
EXPORT_SYMBOL_NS_GPL(freebsd_spinlock_nest, BSDCOMPAT);

/**
 * freebsd_critical_assert() - report unless in a critical section
 *	(CRITICAL_ASSERT())
 * @file: the caller's source file
 * @line: the caller's line
 *
 * A hard interrupt handler counts as inside one (it cannot be preempted).
 *
 * Context: any.
 */
void freebsd_critical_assert(const char *file, int line)
{
	if (raw_cpu_read(freebsd_pcpu.fp_critnest) > 0 || in_hardirq() ||
	    in_nmi())
		return;
	bsd_lock_error("critical section", "CRITICAL_ASSERT", NULL, "",
		       _RET_IP_, "not in critical section at %s:%d",
		       kbasename(file), line);
}
EXPORT_SYMBOL_NS_GPL(freebsd_critical_assert, BSDCOMPAT);
