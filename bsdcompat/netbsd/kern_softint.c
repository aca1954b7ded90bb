// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * NetBSD softint(9).
 *
 * NetBSD runs a softint handler in a per-CPU LWP that may block briefly on
 * an adaptive mutex; here adaptive mutexes sleep, so a handler cannot run in
 * a Linux softirq. Each softint has a work item per CPU, queued on the
 * high-priority per-CPU system workqueue: queue_work_on() may be called from
 * a hard interrupt, does nothing while the item is pending (the coalescing
 * NetBSD promises) and runs it in a worker bound to that CPU.
 *
 * Disestablishing cancels every CPU's item and waits for it; the caller has
 * stopped triggering the softint by then, as NetBSD requires.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/workqueue.h>

#include <sys/cpu.h>
#include <sys/intr.h>
#include <bsdcompat/biglock.h>
#include <bsdcompat/gate.h>
#include <bsdcompat/lockdebug.h>

#include "../core/adaptive.h"
#include "../core/biglock.h"
#include "netbsd.h"

#define SI_MAGIC	0x73696e74u	/* "sint" */
#define SI_DEAD		0x73646564u	/* disestablished */

#define SI_FLAGS	(SOFTINT_LVLMASK | SOFTINT_MPSAFE | SOFTINT_RCPU)

struct softint_cpu {
	struct work_struct	sc_work;
	struct netbsd_softint	*sc_si;
};

struct netbsd_softint {
	u32			si_magic;
	unsigned int		si_flags;
	void			(*si_func)(void *arg);
	void			*si_arg;
	struct softint_cpu __percpu *si_cpu;
	struct bsd_gate		*si_gate;	/* the device's, if bound */
};

static void si_error(const void *cookie, const char *op, unsigned long ip,
		     const char *msg)
{
	bsd_lock_error("softint", op, cookie, "softint", ip, "%s", msg);
}

/* Is @cookie a live softint? The caller must not have freed it. */
static bool si_ok(const struct netbsd_softint *si, const char *op,
		  unsigned long ip)
{
	u32 magic;

	if (unlikely(!si)) {
		si_error(si, op, ip, "NULL cookie");
		return false;
	}
	magic = READ_ONCE(si->si_magic);
	if (likely(magic == SI_MAGIC))
		return true;
	si_error(si, op, ip, magic == SI_DEAD ? "softint disestablished" :
		 "not a softint cookie");
	return false;
}

static void softint_run(struct work_struct *work)
{
	struct softint_cpu *sc = container_of(work, struct softint_cpu,
					      sc_work);
	struct netbsd_softint *si = sc->sc_si;
	bool mpsafe = si->si_flags & SOFTINT_MPSAFE;
	unsigned long ip = (unsigned long)si->si_func;
	struct bsd_gate *gate = si->si_gate;

	/* Established by an attach: not called once its device detaches. */
	if (gate && !bsd_gate_enter(gate))
		return;
	if (!mpsafe)
		bsd_kernel_lock(1, ip);
	si->si_func(si->si_arg);
	if (!mpsafe) {
		if (bsd_kernel_lock_depth() != 1)
			si_error(si, "softint handler", ip,
				 "returned with the kernel lock held");
		bsd_kernel_unlock(0, NULL, ip);
	} else if (bsd_kernel_locked_p()) {
		si_error(si, "softint handler", ip,
			 "returned with the kernel lock held");
		bsd_kernel_unlock(0, NULL, ip);
	}
	if (gate)
		bsd_gate_exit(gate);
}

/**
 * netbsd_softint_establish() - register a soft interrupt handler
 * @flags: a level (SOFTINT_CLOCK, SOFTINT_BIO, SOFTINT_NET, SOFTINT_SERIAL)
 *	with SOFTINT_MPSAFE and SOFTINT_RCPU as wanted
 * @func: the handler; without SOFTINT_MPSAFE it runs holding the kernel lock
 * @arg: its argument
 *
 * Unknown flags or a NULL @func are reported and refused.
 *
 * Return: a cookie for the other softint calls, or NULL.
 *
 * Context: thread context; may sleep.
 */
void *netbsd_softint_establish(unsigned int flags, void (*func)(void *),
			       void *arg)
{
	unsigned long ip = _RET_IP_;
	struct netbsd_softint *si;
	int cpu;

	if ((flags & ~SI_FLAGS) ||
	    (flags & SOFTINT_LVLMASK) >= SOFTINT_COUNT) {
		bsd_lock_error("softint", "softint_establish", func, "softint",
			       ip, "bad flags %#x", flags);
		return NULL;
	}
	if (!func) {
		si_error(NULL, "softint_establish", ip, "NULL handler");
		return NULL;
	}
	si = kzalloc(sizeof(*si), GFP_KERNEL);
	if (!si)
		return NULL;
	si->si_cpu = alloc_percpu(struct softint_cpu);
	if (!si->si_cpu) {
		kfree(si);
		return NULL;
	}
	si->si_flags = flags;
	si->si_func = func;
	si->si_arg = arg;
	si->si_gate = netbsd_attach_bind();
	for_each_possible_cpu(cpu) {
		struct softint_cpu *sc = per_cpu_ptr(si->si_cpu, cpu);

		INIT_WORK(&sc->sc_work, softint_run);
		sc->sc_si = si;
	}
	WRITE_ONCE(si->si_magic, SI_MAGIC);
	return si;
}
EXPORT_SYMBOL_NS_GPL(netbsd_softint_establish, BSDCOMPAT);

/**
 * netbsd_softint_disestablish() - unregister a soft interrupt handler
 * @cookie: from softint_establish(); nobody may trigger it any more
 *
 * Waits until the handler runs on no CPU, then frees the softint. The
 * kernel lock is given up while it waits (a handler may be waiting for it).
 * Called from interrupt context or from the handler itself, it is reported
 * and nothing is done.
 *
 * Context: thread context; may sleep.
 */
void netbsd_softint_disestablish(void *cookie)
{
	struct netbsd_softint *si = cookie;
	unsigned long ip = _RET_IP_;
	struct work_struct *cur;
	int cpu, nlocks;

	if (!si_ok(si, "softint_disestablish", ip))
		return;
	if (bsd_intr_context() || irqs_disabled()) {
		si_error(si, "softint_disestablish", ip,
			 "called from interrupt context");
		return;
	}
	cur = current_work();
	if (cur && cur->func == softint_run &&
	    container_of(cur, struct softint_cpu, sc_work)->sc_si == si) {
		si_error(si, "softint_disestablish", ip,
			 "called from its own handler");
		return;
	}
	WRITE_ONCE(si->si_magic, SI_DEAD);
	nlocks = bsd_biglock_drop();
	for_each_possible_cpu(cpu)
		cancel_work_sync(&per_cpu_ptr(si->si_cpu, cpu)->sc_work);
	bsd_biglock_pickup(nlocks);
	netbsd_attach_unbind(si->si_gate);
	free_percpu(si->si_cpu);
	kfree(si);
}
EXPORT_SYMBOL_NS_GPL(netbsd_softint_disestablish, BSDCOMPAT);

/**
 * netbsd_softint_schedule() - trigger a soft interrupt on this CPU
 * @cookie: from softint_establish()
 *
 * The handler runs once, soon, in thread context on this CPU; triggering it
 * again before it starts changes nothing. A caller that could migrate is
 * reported, and the handler runs on the CPU it was on.
 *
 * Context: a hard interrupt, or preemption disabled; does not sleep.
 */
void netbsd_softint_schedule(void *cookie)
{
	struct netbsd_softint *si = cookie;
	unsigned long ip = _RET_IP_;
	int cpu;

	if (!si_ok(si, "softint_schedule", ip))
		return;
	if (preemptible())
		si_error(si, "softint_schedule", ip,
			 "called with preemption enabled");
	cpu = raw_smp_processor_id();
	queue_work_on(cpu, system_highpri_wq,
		      &per_cpu_ptr(si->si_cpu, cpu)->sc_work);
}
EXPORT_SYMBOL_NS_GPL(netbsd_softint_schedule, BSDCOMPAT);

/**
 * netbsd_softint_schedule_cpu() - trigger a soft interrupt on a given CPU
 * @cookie: from softint_establish() with SOFTINT_RCPU (unless @ci is the
 *	calling CPU)
 * @ci: the CPU
 *
 * As softint_schedule(), on @ci. Without SOFTINT_RCPU, or for a CPU that is
 * not online, it is reported and nothing is done.
 *
 * Context: any; does not sleep.
 */
void netbsd_softint_schedule_cpu(void *cookie, struct cpu_info *ci)
{
	struct netbsd_softint *si = cookie;
	unsigned long ip = _RET_IP_;
	unsigned int cpu;

	if (!si_ok(si, "softint_schedule_cpu", ip))
		return;
	cpu = ci ? netbsd_cpu_index(ci) : nr_cpu_ids;
	if (cpu >= nr_cpu_ids || !cpu_online(cpu)) {
		si_error(si, "softint_schedule_cpu", ip, "CPU not online");
		return;
	}
	if (cpu != raw_smp_processor_id() && !(si->si_flags & SOFTINT_RCPU)) {
		si_error(si, "softint_schedule_cpu", ip,
			 "remote CPU without SOFTINT_RCPU");
		return;
	}
	queue_work_on(cpu, system_highpri_wq,
		      &per_cpu_ptr(si->si_cpu, cpu)->sc_work);
}
EXPORT_SYMBOL_NS_GPL(netbsd_softint_schedule_cpu, BSDCOMPAT);

/**
 * netbsd_softint_running() - is the caller a softint handler
 *
 * NetBSD's cpu_softintr_p(), for the primitives that may not be used from
 * a soft interrupt (pserialize_perform()).
 *
 * Context: any.
 * Return: true in a handler established with softint_establish().
 */
bool netbsd_softint_running(void)
{
	struct work_struct *cur = current_work();

	return cur && cur->func == softint_run;
}
