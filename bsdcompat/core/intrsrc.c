// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The software interrupt source (see <bsdcompat/intr.h>).
 *
 * A source is a real Linux interrupt line: an irq descriptor of its own,
 * with the dummy irq chip and the edge flow handler, so that handlers are
 * established on it with request_threaded_irq() and removed with free_irq(),
 * exactly as on a PCI device's line. Only the raising is software: like
 * kernel/irq/irq_sim.c (which Debian's kernels do not build), a hard
 * irq_work calls generic_handle_irq() in hard interrupt context on the
 * CPU that queued it, as soon as that CPU has interrupts on: at once
 * through the irq_work IPI where the architecture has one, from the next
 * tick where it has not (UML).
 *
 * Firing another CPU sends it a call-function IPI whose function raises the
 * line there; irq_work_queue_on() would do the same but is not exported.
 *
 * UML has no free descriptors to allocate: it claims all of its static
 * ones at boot and hands them out itself, to the file descriptors whose
 * signals raise them. There a source takes one of those with
 * um_request_irq(UM_IRQ_ALLOC) and no file descriptor, keeping UML's own
 * chip (all no-ops) and edge flow handler; the placeholder handler that
 * claim needs never handles anything.
 *
 * Why the edge flow handler: a fire that comes while the line's handlers
 * run on another CPU is then kept (IRQS_PENDING) and run by that CPU after
 * them, as an edge latched by an interrupt controller would be; the simple
 * flow handler would drop it.
 */
#include <linux/atomic.h>
#include <linux/cpumask.h>
#include <linux/export.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irq_work.h>
#include <linux/irqdesc.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>

#include <bsdcompat/intr.h>
#include <bsdcompat/lockdebug.h>

#include "adaptive.h"

#ifdef CONFIG_UML
#include <irq_kern.h>
#endif

#define SRC_MAGIC	0x69737263u	/* "isrc" */
#define SRC_DEAD	0x69736464u

struct intrsrc_cpu {
	struct irq_work		sc_work;	/* raise the line on this CPU */
	call_single_data_t	sc_csd;		/* ask this CPU to */
	atomic_t		sc_csd_busy;	/* sc_csd queued, not yet run */
	struct bsd_intrsrc	*sc_src;
};

struct bsd_intrsrc {
	u32			src_magic;
	int			src_irq;
	atomic_long_t		src_delivered;
	struct intrsrc_cpu __percpu *src_cpu;
	char			src_name[32];
};

static void src_error(const struct bsd_intrsrc *src, const char *op,
		      unsigned long ip, const char *msg)
{
	bsd_lock_error("Interrupt source", op, src,
		       src ? src->src_name : "intrsrc", ip, "%s", msg);
}

static bool src_ok(const struct bsd_intrsrc *src, const char *op,
		   unsigned long ip)
{
	u32 magic;

	if (unlikely(!src)) {
		src_error(src, op, ip, "NULL source");
		return false;
	}
	magic = READ_ONCE(src->src_magic);
	if (likely(magic == SRC_MAGIC))
		return true;
	src_error(src, op, ip, magic == SRC_DEAD ? "source destroyed" :
		  "not an interrupt source");
	return false;
}

/* Hard interrupt context, interrupts off: raise the line here. */
static void src_raise(struct bsd_intrsrc *src)
{
	atomic_long_inc(&src->src_delivered);
	generic_handle_irq(src->src_irq);
}

static void src_work(struct irq_work *work)
{
	struct intrsrc_cpu *sc = container_of(work, struct intrsrc_cpu,
					      sc_work);

	src_raise(sc->sc_src);
}

static void src_ipi(void *info)
{
	struct intrsrc_cpu *sc = info;

	/* Let the next fire queue the call again before this one raises. */
	atomic_set_release(&sc->sc_csd_busy, 0);
	src_raise(sc->sc_src);
}

#ifdef CONFIG_UML
static irqreturn_t src_placeholder(int irq, void *dev)
{
	return IRQ_NONE;
}

static int src_alloc_irq(struct bsd_intrsrc *src)
{
	return um_request_irq(UM_IRQ_ALLOC, -1, IRQ_READ, src_placeholder,
			      IRQF_SHARED | IRQF_ONESHOT, src->src_name, src);
}

static void src_free_irq(struct bsd_intrsrc *src)
{
	um_free_irq(src->src_irq, src);
}
#else
static int src_alloc_irq(struct bsd_intrsrc *src)
{
	int irq = irq_alloc_descs(-1, 1, 1, NUMA_NO_NODE);

	if (irq < 0)
		return irq;
	irq_set_chip_and_handler_name(irq, &dummy_irq_chip, handle_edge_irq,
				      src->src_name);
	irq_modify_status(irq, IRQ_NOREQUEST | IRQ_NOAUTOEN, IRQ_NOPROBE);
	return irq;
}

static void src_free_irq(struct bsd_intrsrc *src)
{
	irq_free_descs(src->src_irq, 1);
}
#endif

/*
 * Has anyone but the source itself a handler on its line? (Only UML's
 * non-sparse irq_to_desc() is exported; elsewhere the line is the
 * source's alone until someone establishes on it.)
 */
static bool src_has_handlers(struct bsd_intrsrc *src)
{
#ifdef CONFIG_UML
	struct irq_desc *desc = irq_to_desc(src->src_irq);
	struct irqaction *act;
	unsigned long flags;
	bool ret = false;

	raw_spin_lock_irqsave(&desc->lock, flags);
	for (act = desc->action; act; act = act->next)
		if (act->dev_id != src)
			ret = true;
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	return ret;
#else
	return irq_has_action(src->src_irq);
#endif
}

/**
 * bsd_intrsrc_create() - make a software interrupt source
 * @name: its name, for reports and /proc/interrupts (copied, truncated)
 *
 * The source is a Linux interrupt line of its own with no handler yet:
 * give bsd_intrsrc_irq() to bsd_intr_establish() or a personality's
 * establish call.
 *
 * Context: thread context; may sleep.
 * Return: the source, or NULL if no interrupt number or memory was left.
 */
struct bsd_intrsrc *bsd_intrsrc_create(const char *name)
{
	struct bsd_intrsrc *src;
	int irq, cpu;

	might_sleep();
	src = kzalloc(sizeof(*src), GFP_KERNEL);
	if (!src)
		return NULL;
	strscpy(src->src_name, name ? name : "intrsrc", sizeof(src->src_name));
	src->src_cpu = alloc_percpu(struct intrsrc_cpu);
	if (!src->src_cpu)
		goto fail;
	for_each_possible_cpu(cpu) {
		struct intrsrc_cpu *sc = per_cpu_ptr(src->src_cpu, cpu);

		/* Hard, so that PREEMPT_RT runs it in hard interrupt context too. */
		sc->sc_work = IRQ_WORK_INIT_HARD(src_work);
		INIT_CSD(&sc->sc_csd, src_ipi, sc);
		sc->sc_src = src;
	}
	irq = src_alloc_irq(src);
	if (irq < 0) {
		pr_warn("bsdcompat: %s: no interrupt number (%d)\n",
			src->src_name, irq);
		goto fail;
	}
	src->src_irq = irq;
	WRITE_ONCE(src->src_magic, SRC_MAGIC);
	return src;
fail:
	free_percpu(src->src_cpu);
	kfree(src);
	return NULL;
}
EXPORT_SYMBOL_NS_GPL(bsd_intrsrc_create, BSDCOMPAT);

/**
 * bsd_intrsrc_destroy() - remove a software interrupt source
 * @src: the source; nobody fires it any more
 *
 * Waits for fires still on their way, then frees the interrupt number. A
 * source that still has handlers is reported and left alone (it leaks):
 * freeing the line under them would be worse.
 *
 * Context: thread context; may sleep.
 */
void bsd_intrsrc_destroy(struct bsd_intrsrc *src)
{
	unsigned long ip = _RET_IP_;
	int cpu;

	if (!src_ok(src, "bsd_intrsrc_destroy", ip))
		return;
	if (bsd_intr_context()) {
		src_error(src, "bsd_intrsrc_destroy", ip,
			  "called from interrupt context");
		return;
	}
	if (src_has_handlers(src)) {
		src_error(src, "bsd_intrsrc_destroy", ip,
			  "interrupt handlers still established");
		return;
	}
	might_sleep();
	WRITE_ONCE(src->src_magic, SRC_DEAD);
	for_each_possible_cpu(cpu) {
		struct intrsrc_cpu *sc = per_cpu_ptr(src->src_cpu, cpu);

		irq_work_sync(&sc->sc_work);
		while (atomic_read_acquire(&sc->sc_csd_busy))
			cpu_relax();
	}
	/*
	 * A call that has cleared sc_csd_busy may still be raising the line
	 * with interrupts off: a grace period waits for it.
	 */
	synchronize_rcu();
	src_free_irq(src);
	free_percpu(src->src_cpu);
	kfree(src);
}
EXPORT_SYMBOL_NS_GPL(bsd_intrsrc_destroy, BSDCOMPAT);

/**
 * bsd_intrsrc_irq() - the Linux interrupt number of a source
 * @src: the source
 *
 * Context: any.
 * Return: the number to give to the establish calls.
 */
int bsd_intrsrc_irq(const struct bsd_intrsrc *src)
{
	return src->src_irq;
}
EXPORT_SYMBOL_NS_GPL(bsd_intrsrc_irq, BSDCOMPAT);

/**
 * bsd_intrsrc_delivered() - how many times the line was raised
 * @src: the source
 *
 * Fires that came while one was still pending on the same CPU count once.
 *
 * Context: any.
 * Return: the count since creation.
 */
unsigned long bsd_intrsrc_delivered(const struct bsd_intrsrc *src)
{
	return atomic_long_read(&src->src_delivered);
}
EXPORT_SYMBOL_NS_GPL(bsd_intrsrc_delivered, BSDCOMPAT);

/**
 * bsd_intrsrc_fire() - raise a software interrupt on this CPU
 * @src: the source
 *
 * The line's handlers run in hard interrupt context on this CPU as soon as
 * it has interrupts on: right after this returns, or at the splx() that
 * takes it below the handlers' IPL. A fire while the last one is still
 * pending on this CPU adds nothing.
 *
 * Context: any, NMI included. Never sleeps.
 */
void bsd_intrsrc_fire(struct bsd_intrsrc *src)
{
	if (!src_ok(src, "bsd_intrsrc_fire", _RET_IP_))
		return;
	preempt_disable();
	irq_work_queue(this_cpu_ptr(&src->src_cpu->sc_work));
	preempt_enable();
}
EXPORT_SYMBOL_NS_GPL(bsd_intrsrc_fire, BSDCOMPAT);

/**
 * bsd_intrsrc_fire_on() - raise a software interrupt on a given CPU
 * @src: the source
 * @cpu: an online CPU
 *
 * As bsd_intrsrc_fire(), on @cpu: its handlers run there once @cpu has
 * interrupts on. An offline CPU is reported and nothing is raised.
 *
 * Context: any but NMI. Never sleeps.
 */
void bsd_intrsrc_fire_on(struct bsd_intrsrc *src, int cpu)
{
	unsigned long ip = _RET_IP_;
	struct intrsrc_cpu *sc;

	if (!src_ok(src, "bsd_intrsrc_fire_on", ip))
		return;
	preempt_disable();
	if (cpu == smp_processor_id()) {
		irq_work_queue(this_cpu_ptr(&src->src_cpu->sc_work));
	} else if (cpu < 0 || cpu >= nr_cpu_ids || !cpu_online(cpu)) {
		src_error(src, "bsd_intrsrc_fire_on", ip, "CPU not online");
	} else {
		sc = per_cpu_ptr(src->src_cpu, cpu);
		if (!atomic_xchg(&sc->sc_csd_busy, 1) &&
		    smp_call_function_single_async(cpu, &sc->sc_csd))
			atomic_set(&sc->sc_csd_busy, 0);	/* went offline */
	}
	preempt_enable();
}
EXPORT_SYMBOL_NS_GPL(bsd_intrsrc_fire_on, BSDCOMPAT);
