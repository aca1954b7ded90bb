// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * NetBSD pserialize(9).
 *
 * A read section is preempt_disable() plus a per-CPU depth, like NetBSD's
 * ci_psz_read_depth: the depth answers the diagnostic predicates and lets
 * pserialize_perform() refuse to wait for its own caller. Linux's RCU
 * (consolidated since 4.20) counts a preemption-disabled region as a read
 * section, so synchronize_rcu() is exactly the wait NetBSD's perform does
 * with its cross call: every CPU has passed a point where it could
 * schedule.
 *
 * The value read_enter() returns is the depth before the section;
 * read_exit() checks it, so that exits that do not pair with their enters
 * are reported. Sections on one CPU nest strictly (preemption is off, and
 * interrupts return before the code they interrupted goes on), so the
 * check holds even when an interrupt reads inside a thread's section.
 */
#include <linux/export.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

#include <sys/pserialize.h>
#include <bsdcompat/lockdebug.h>

#include "../core/adaptive.h"
#include "netbsd.h"

#define PSZ_MAGIC	0x70737a31u	/* "psz1" */

struct pserialize {
	u32	psz_magic;
};

static DEFINE_PER_CPU(int, psz_read_depth);

static void psz_error(const void *psz, const char *op, unsigned long ip,
		      const char *msg)
{
	bsd_lock_error("pserialize", op, psz, "pserialize", ip, "%s", msg);
}

/**
 * netbsd_pserialize_create() - allocate a passive serialization object
 *
 * Context: thread context; may sleep.
 * Return: the object, or NULL if out of memory.
 */
pserialize_t netbsd_pserialize_create(void)
{
	pserialize_t psz = kmalloc(sizeof(*psz), GFP_KERNEL);

	if (psz)
		psz->psz_magic = PSZ_MAGIC;
	return psz;
}
EXPORT_SYMBOL_NS_GPL(netbsd_pserialize_create, BSDCOMPAT);

static bool psz_ok(pserialize_t psz, const char *op, unsigned long ip)
{
	if (likely(psz && READ_ONCE(psz->psz_magic) == PSZ_MAGIC))
		return true;
	psz_error(psz, op, ip, "not a pserialize object");
	return false;
}

/**
 * netbsd_pserialize_destroy() - free a passive serialization object
 * @psz: from pserialize_create(); no perform may be in progress
 *
 * Context: thread context; may sleep.
 */
void netbsd_pserialize_destroy(pserialize_t psz)
{
	if (!psz_ok(psz, "pserialize_destroy", _RET_IP_))
		return;
	psz->psz_magic = 0;
	kfree(psz);
}
EXPORT_SYMBOL_NS_GPL(netbsd_pserialize_destroy, BSDCOMPAT);

/**
 * netbsd_pserialize_read_enter() - enter a read section
 *
 * Preemption is off until pserialize_read_exit(): the section must not
 * block, and this CPU's softints wait for it.
 *
 * Context: any; does not sleep.
 * Return: the value to give pserialize_read_exit().
 */
int netbsd_pserialize_read_enter(void)
{
	int s;

	preempt_disable();
	s = __this_cpu_inc_return(psz_read_depth) - 1;
	barrier();
	return s;
}
EXPORT_SYMBOL_NS_GPL(netbsd_pserialize_read_enter, BSDCOMPAT);

/**
 * netbsd_pserialize_read_exit() - leave a read section
 * @s: what the matching pserialize_read_enter() returned
 *
 * Outside a read section it is reported and does nothing; an @s that does
 * not match the section being left is reported, and the section is left.
 *
 * Context: in a read section; does not sleep.
 */
void netbsd_pserialize_read_exit(int s)
{
	unsigned long ip = _RET_IP_;
	int depth;

	/* Preemption is off if the caller is in a section, as it should be. */
	depth = raw_cpu_read(psz_read_depth);
	if (unlikely(depth <= 0 || (IS_ENABLED(CONFIG_PREEMPT_COUNT) &&
				    preemptible()))) {
		psz_error(NULL, "pserialize_read_exit", ip,
			  "not in a read section");
		return;
	}
	if (unlikely(s != depth - 1))
		psz_error(NULL, "pserialize_read_exit", ip,
			  "does not match its pserialize_read_enter");
	barrier();
	__this_cpu_dec(psz_read_depth);
	preempt_enable();
}
EXPORT_SYMBOL_NS_GPL(netbsd_pserialize_read_exit, BSDCOMPAT);

/**
 * netbsd_pserialize_in_read_section() - is this CPU in a read section
 *
 * A diagnostic, for assertions; pserialize_not_in_read_section() is its
 * negation.
 *
 * Context: any; does not sleep.
 * Return: true inside pserialize_read_enter() ... read_exit().
 */
bool netbsd_pserialize_in_read_section(void)
{
	return raw_cpu_read(psz_read_depth) > 0;
}
EXPORT_SYMBOL_NS_GPL(netbsd_pserialize_in_read_section, BSDCOMPAT);

/**
 * netbsd_pserialize_perform() - wait for every reader that might see old data
 * @psz: from pserialize_create()
 *
 * On return every read section that was in progress on any CPU when it
 * was called has ended. Writers serialise themselves with a lock of their
 * own, which they may hold across this call. The kernel lock is given up
 * while it waits. From an interrupt, a softint handler or a read section
 * it is reported and returns without waiting (it could never return).
 *
 * Context: thread context; sleeps.
 */
void netbsd_pserialize_perform(pserialize_t psz)
{
	struct bsd_waitstate ws = BSD_WAITSTATE_INIT;
	unsigned long ip = _RET_IP_;

	if (!psz_ok(psz, "pserialize_perform", ip))
		return;
	if (bsd_intr_context() || irqs_disabled()) {
		psz_error(psz, "pserialize_perform", ip,
			  "called from interrupt context");
		return;
	}
	if (netbsd_softint_running()) {
		psz_error(psz, "pserialize_perform", ip,
			  "called from a softint handler");
		return;
	}
	if (raw_cpu_read(psz_read_depth) > 0) {
		psz_error(psz, "pserialize_perform", ip,
			  "called inside a read section");
		return;
	}
	bsd_wait_begin(&ws);
	synchronize_rcu();
	bsd_wait_end(&ws);
}
EXPORT_SYMBOL_NS_GPL(netbsd_pserialize_perform, BSDCOMPAT);
