// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * NetBSD psref(9).
 *
 * As in NetBSD, each class has a list per CPU of the references held on
 * that CPU. Acquire and release add and remove with the CPU's list to
 * themselves: preemption off for a class at a soft IPL (bsdcompat's
 * softints are threads, so they cannot come in), local interrupts off for
 * a class at IPL_VM or above (hard interrupt handlers may take references).
 * Nothing is shared between CPUs until a target is destroyed.
 *
 * psref_target_destroy() sets prt_draining and then asks every CPU, by a
 * low-priority cross call that runs on that CPU, whether its list still
 * holds a reference to the target; it sleeps until a release of a draining
 * target bumps the class's generation, and asks again. The generation is
 * read before the cross call: a release that the call did not see
 * happened after it on that CPU, so it sees prt_draining (the call was
 * queued after the store) and bumps the generation after the read.
 *
 * "Bound" is asked of Linux: preemption off or an interrupt, a task with
 * migration disabled (curlwp_bind()), or a kthread bound to one CPU (a
 * per-CPU kworker: softints, xcalls). On a kernel without SMP every caller
 * is bound.
 */
#include <linux/atomic.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/export.h>
#include <linux/irqflags.h>
#include <linux/list.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/wait.h>

#include <sys/cpu.h>
#include <sys/intr.h>
#include <sys/psref.h>
#include <sys/xcall.h>
#include <bsdcompat/lockdebug.h>

#include "../core/adaptive.h"

#define PRC_MAGIC	0x70737266u	/* "psrf" */
#define PRC_NAMELEN	32

/* psref_flags */
#define PSREF_BOUND_HERE	0x01	/* acquire bound the caller: unbind */
#define PSREF_REFUSED		0x02	/* acquire refused: release ignores */

struct psref_class {
	u32			prc_magic;
	int			prc_ipl;
	struct list_head __percpu *prc_list;
	atomic_t		prc_targets;	/* initialised, not destroyed */
	atomic_t		prc_gen;	/* releases of draining targets */
	wait_queue_head_t	prc_wq;
	char			prc_name[PRC_NAMELEN];
};

static void psref_error(const void *obj, const char *op, unsigned long ip,
			const char *msg)
{
	bsd_lock_error("psref", op, obj, "psref", ip, "%s", msg);
}

static bool prc_ok(const struct psref_class *class, const char *op,
		   unsigned long ip)
{
	if (likely(class && READ_ONCE(class->prc_magic) == PRC_MAGIC))
		return true;
	psref_error(class, op, ip, "not a psref class");
	return false;
}

/* Keep this CPU's list to ourselves. */
static unsigned long prc_enter(const struct psref_class *class)
{
	unsigned long flags = 0;

	if (class->prc_ipl >= IPL_VM)
		local_irq_save(flags);
	else
		preempt_disable();
	return flags;
}

static void prc_exit(const struct psref_class *class, unsigned long flags)
{
	if (class->prc_ipl >= IPL_VM)
		local_irq_restore(flags);
	else
		preempt_enable();
}

static bool psref_caller_bound(void)
{
	if (!IS_ENABLED(CONFIG_SMP))
		return true;
	if (!preemptible() || in_interrupt())
		return true;
#ifdef CONFIG_SMP
	if (current->migration_disabled)
		return true;
#endif
	return current->nr_cpus_allowed == 1 &&
	       (current->flags & PF_NO_SETAFFINITY);
}

/**
 * netbsd_psref_class_create() - create a class of passive references
 * @name: a name for diagnostics
 * @ipl: the highest IPL at which its references are taken
 *
 * Context: thread context; may sleep.
 * Return: the class, or NULL if out of memory.
 */
struct psref_class *netbsd_psref_class_create(const char *name, int ipl)
{
	struct psref_class *class = kzalloc(sizeof(*class), GFP_KERNEL);
	int cpu;

	if (!class)
		return NULL;
	class->prc_list = alloc_percpu(struct list_head);
	if (!class->prc_list) {
		kfree(class);
		return NULL;
	}
	for_each_possible_cpu(cpu)
		INIT_LIST_HEAD(per_cpu_ptr(class->prc_list, cpu));
	class->prc_ipl = ipl;
	atomic_set(&class->prc_targets, 0);
	atomic_set(&class->prc_gen, 0);
	init_waitqueue_head(&class->prc_wq);
	strscpy(class->prc_name, name ? name : "", sizeof(class->prc_name));
	WRITE_ONCE(class->prc_magic, PRC_MAGIC);
	return class;
}
EXPORT_SYMBOL_NS_GPL(netbsd_psref_class_create, BSDCOMPAT);

/**
 * netbsd_psref_class_destroy() - destroy a class with no targets left
 * @class: the class
 *
 * A class whose targets are not all destroyed is reported and left
 * allocated.
 *
 * Context: thread context; may sleep.
 */
void netbsd_psref_class_destroy(struct psref_class *class)
{
	unsigned long ip = _RET_IP_;

	if (!prc_ok(class, "psref_class_destroy", ip))
		return;
	if (atomic_read(&class->prc_targets)) {
		psref_error(class, "psref_class_destroy", ip,
			    "targets not destroyed");
		return;
	}
	WRITE_ONCE(class->prc_magic, 0);
	free_percpu(class->prc_list);
	kfree(class);
}
EXPORT_SYMBOL_NS_GPL(netbsd_psref_class_destroy, BSDCOMPAT);

/**
 * netbsd_psref_target_init() - make an object a target of a class
 * @target: the target, in the object, before it is published
 * @class: the class
 *
 * Context: any; does not sleep.
 */
void netbsd_psref_target_init(struct psref_target *target,
			      struct psref_class *class)
{
	if (!prc_ok(class, "psref_target_init", _RET_IP_))
		return;
	target->prt_draining = false;
	target->prt_class = class;
	atomic_inc(&class->prc_targets);
}
EXPORT_SYMBOL_NS_GPL(netbsd_psref_target_init, BSDCOMPAT);

static bool prt_ok(const struct psref_target *target,
		   const struct psref_class *class, const char *op,
		   unsigned long ip)
{
	if (!prc_ok(class, op, ip))
		return false;
	if (unlikely(target->prt_class != class)) {
		psref_error(target, op, ip, "target not of this class");
		return false;
	}
	return true;
}

/**
 * netbsd_psref_acquire() - take a passive reference to a target
 * @psref: the reference, owned by the caller until psref_release()
 * @target: found in a pserialize read section, not being destroyed
 * @class: its class
 *
 * A caller that is not bound to its CPU is reported and bound until the
 * release. A target being destroyed is reported and no reference is
 * taken.
 *
 * Context: bound to the CPU (curlwp_bind(), softint, preemption off), at
 * or below the class's IPL; does not sleep.
 */
void netbsd_psref_acquire(struct psref *psref,
			  const struct psref_target *target,
			  struct psref_class *class)
{
	unsigned long ip = _RET_IP_;
	unsigned long flags;

	psref->psref_flags = PSREF_REFUSED;
	psref->psref_target = NULL;
	if (!prt_ok(target, class, "psref_acquire", ip))
		return;
	if (unlikely(READ_ONCE(target->prt_draining))) {
		psref_error(target, "psref_acquire", ip,
			    "target already destroyed");
		return;
	}
	psref->psref_flags = 0;
	if (unlikely(!psref_caller_bound())) {
		psref_error(psref, "psref_acquire", ip,
			    "caller not bound to its CPU (curlwp_bind)");
		migrate_disable();
		psref->psref_flags = PSREF_BOUND_HERE;
	}
	flags = prc_enter(class);
	psref->psref_target = target;
	psref->psref_lwp = current;
	psref->psref_cpu = smp_processor_id();
	list_add(&psref->psref_entry, this_cpu_ptr(class->prc_list));
	prc_exit(class, flags);
}
EXPORT_SYMBOL_NS_GPL(netbsd_psref_acquire, BSDCOMPAT);

static void psref_remove_xc(void *arg1, void *arg2)
{
	struct psref *psref = arg1;
	struct psref_class *class = arg2;
	unsigned long flags = prc_enter(class);

	list_del(&psref->psref_entry);
	prc_exit(class, flags);
}

/**
 * netbsd_psref_release() - drop a passive reference
 * @psref: from psref_acquire() or psref_copy()
 * @target: its target
 * @class: its class
 *
 * If the target is being destroyed, its destroyer is woken. A reference
 * released on another CPU than it was taken on is reported, and removed
 * by a cross call to that CPU (if the caller may sleep; otherwise it is
 * reported again and left, and the target's destroyer waits for ever).
 *
 * Context: as psref_acquire(), on the same CPU; does not sleep.
 */
void netbsd_psref_release(struct psref *psref,
			  const struct psref_target *target,
			  struct psref_class *class)
{
	unsigned long ip = _RET_IP_;
	unsigned long flags;
	int cpu;

	if (psref->psref_flags & PSREF_REFUSED)
		return;		/* reported when it was acquired */
	if (!prt_ok(target, class, "psref_release", ip))
		return;
	if (unlikely(psref->psref_target != target)) {
		psref_error(psref, "psref_release", ip,
			    "not a reference to this target");
		return;
	}
	flags = prc_enter(class);
	cpu = smp_processor_id();
	if (likely(psref->psref_cpu == cpu))
		list_del(&psref->psref_entry);
	prc_exit(class, flags);
	if (unlikely(psref->psref_cpu != cpu)) {
		psref_error(psref, "psref_release", ip,
			    "released on another CPU than acquired");
		if (bsd_lock_may_block() && preemptible())
			xc_wait(xc_unicast(0, psref_remove_xc, psref, class,
					   cpu_lookup(psref->psref_cpu)));
		else
			psref_error(psref, "psref_release", ip,
				    "cannot reach that CPU from here: leaked");
	}
	psref->psref_target = NULL;
	if ((psref->psref_flags & PSREF_BOUND_HERE) &&
	    psref->psref_lwp == current)
		migrate_enable();
	psref->psref_flags = PSREF_REFUSED;
	if (unlikely(READ_ONCE(target->prt_draining))) {
		atomic_inc(&class->prc_gen);
		wake_up_all(&class->prc_wq);
	}
}
EXPORT_SYMBOL_NS_GPL(netbsd_psref_release, BSDCOMPAT);

/**
 * netbsd_psref_copy() - take a second reference to what one refers to
 * @pto: the new reference
 * @pfrom: a reference the caller holds, on this CPU
 * @class: their class
 *
 * Context: as psref_acquire(); does not sleep.
 */
void netbsd_psref_copy(struct psref *pto, const struct psref *pfrom,
		       struct psref_class *class)
{
	unsigned long ip = _RET_IP_;
	unsigned long flags;

	pto->psref_flags = PSREF_REFUSED;
	pto->psref_target = NULL;
	if (!prc_ok(class, "psref_copy", ip))
		return;
	if ((pfrom->psref_flags & PSREF_REFUSED) || !pfrom->psref_target) {
		psref_error(pfrom, "psref_copy", ip, "copy of no reference");
		return;
	}
	flags = prc_enter(class);
	if (pfrom->psref_cpu != smp_processor_id()) {
		prc_exit(class, flags);
		psref_error(pfrom, "psref_copy", ip,
			    "copied on another CPU than acquired");
		return;
	}
	pto->psref_target = pfrom->psref_target;
	pto->psref_lwp = current;
	pto->psref_cpu = pfrom->psref_cpu;
	pto->psref_flags = 0;
	list_add(&pto->psref_entry, this_cpu_ptr(class->prc_list));
	prc_exit(class, flags);
}
EXPORT_SYMBOL_NS_GPL(netbsd_psref_copy, BSDCOMPAT);

/**
 * netbsd_psref_held() - does the calling LWP hold a reference to a target
 * @target: the target
 * @class: its class
 *
 * Only references taken on this CPU are looked at, which are all of the
 * caller's if it is bound as it should be.
 *
 * Context: any; does not sleep.
 * Return: true if the caller holds one.
 */
bool netbsd_psref_held(const struct psref_target *target,
		       struct psref_class *class)
{
	struct psref *psref;
	unsigned long flags;
	bool held = false;

	if (!prt_ok(target, class, "psref_held", _RET_IP_))
		return false;
	flags = prc_enter(class);
	list_for_each_entry(psref, this_cpu_ptr(class->prc_list), psref_entry)
		if (psref->psref_target == target &&
		    psref->psref_lwp == current) {
			held = true;
			break;
		}
	prc_exit(class, flags);
	return held;
}
EXPORT_SYMBOL_NS_GPL(netbsd_psref_held, BSDCOMPAT);

struct psref_scan {
	const struct psref_target	*ps_target;
	struct psref_class		*ps_class;
	bool				ps_found;
};

static bool psref_list_has(struct list_head *head,
			   const struct psref_target *target)
{
	struct psref *psref;

	list_for_each_entry(psref, head, psref_entry)
		if (psref->psref_target == target)
			return true;
	return false;
}

static void psref_scan_xc(void *arg1, void *arg2)
{
	struct psref_scan *ps = arg1;
	unsigned long flags = prc_enter(ps->ps_class);

	if (psref_list_has(this_cpu_ptr(ps->ps_class->prc_list),
			   ps->ps_target))
		WRITE_ONCE(ps->ps_found, true);
	prc_exit(ps->ps_class, flags);
}

/* Does any CPU list a reference to @target? */
static bool psref_referenced(const struct psref_target *target,
			     struct psref_class *class)
{
	struct psref_scan ps = { .ps_target = target, .ps_class = class };
	int cpu;

	xc_wait(xc_broadcast(0, psref_scan_xc, &ps, NULL));
	/* Nothing runs on an offline CPU: its list can be read from here. */
	cpus_read_lock();
	for_each_possible_cpu(cpu)
		if (!cpu_online(cpu) &&
		    psref_list_has(per_cpu_ptr(class->prc_list, cpu), target))
			ps.ps_found = true;
	cpus_read_unlock();
	return READ_ONCE(ps.ps_found);
}

/**
 * netbsd_psref_target_destroy() - wait for every reference, then retire
 * @target: unpublished, and no reader can still find it
 *	(pserialize_perform() since)
 * @class: its class
 *
 * Marks the target draining, so that new acquires are refused, and waits
 * until no CPU holds a reference to it, including ones held across sleeps.
 * The kernel lock is given up while it waits. From interrupt context, or a
 * second time, it is reported and does nothing.
 *
 * Context: thread context; sleeps.
 */
void netbsd_psref_target_destroy(struct psref_target *target,
				 struct psref_class *class)
{
	struct bsd_waitstate ws = BSD_WAITSTATE_INIT;
	unsigned long ip = _RET_IP_;
	int gen;

	if (!prt_ok(target, class, "psref_target_destroy", ip))
		return;
	if (bsd_intr_context() || irqs_disabled()) {
		psref_error(target, "psref_target_destroy", ip,
			    "called from interrupt context");
		return;
	}
	if (READ_ONCE(target->prt_draining)) {
		psref_error(target, "psref_target_destroy", ip,
			    "target already destroyed");
		return;
	}
	WRITE_ONCE(target->prt_draining, true);
	smp_mb();	/* draining before the scans; pairs with release */
	bsd_wait_begin(&ws);
	for (;;) {
		gen = atomic_read(&class->prc_gen);
		if (!psref_referenced(target, class))
			break;
		wait_event(class->prc_wq,
			   atomic_read(&class->prc_gen) != gen);
	}
	bsd_wait_end(&ws);
	atomic_dec(&class->prc_targets);
}
EXPORT_SYMBOL_NS_GPL(netbsd_psref_target_destroy, BSDCOMPAT);
