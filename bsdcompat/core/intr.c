// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The interrupt core (see <bsdcompat/intr.h>).
 *
 * Every handler is one Linux irqaction on its line, set up with
 * request_threaded_irq(): the same path whether the line is a PCI device's
 * or a software source's. What runs where:
 *
 *   filter, MP-safe                 the primary handler: hard interrupt
 *                                   context, this CPU raised to the IPL
 *   thread part (ithread, or the    the line's irq thread, IRQF_ONESHOT;
 *   filter of a handler that is     the big lock (or the funnel) first,
 *   not MP-safe)                    then the IPL
 *
 * Why threads for what is not MP-safe: the big lock is a sleeping lock
 * (core/biglock.c), and a NetBSD handler at IPL_VM may block on an adaptive
 * mutex; neither is possible in hard interrupt context. A thread that waits
 * gives the IPL up and takes it back (core/spl.c), as an interrupt LWP
 * blocking on a turnstile does on NetBSD.
 *
 * Why the IPL holds the handlers off: spl at IPL_VM and above turns this
 * CPU's interrupts off, so the primary handler cannot run here; and the
 * irq thread cannot be switched in here either, since a raised IPL keeps
 * the CPU's current thread on it. (On another CPU they run, as on BSD: spl
 * is per CPU; data shared with other CPUs needs a spin mutex or, for
 * handlers that are not MP-safe, the big lock.)
 *
 * IRQF_ONESHOT on every handler, even the MP-safe ones, because Linux only
 * lets handlers share a line when they agree on it.
 */
#include <linux/atomic.h>
#include <linux/export.h>
#include <linux/hardirq.h>
#include <linux/interrupt.h>
#include <linux/irqflags.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <bsdcompat/biglock.h>
#include <bsdcompat/gate.h>
#include <bsdcompat/intr.h>
#include <bsdcompat/lockdebug.h>
#include <bsdcompat/spl.h>

#include "adaptive.h"
#include "core.h"

#define IH_MAGIC	0x696e7472u	/* "intr" */
#define IH_DEAD		0x69646564u

#define IH_FLAGS	(BSD_INTR_MPSAFE | BSD_INTR_FUNNEL | BSD_INTR_BOOL | \
			 BSD_INTR_THREAD_SPL0)

#define IH_CLASS	"Interrupt"

struct bsd_intr {
	u32			ih_magic;
	int			ih_irq;
	int			ih_ipl;
	unsigned int		ih_flags;
	bool			ih_filter_in_thread;
	int			(*ih_filter)(void *arg);
	void			(*ih_ithread)(void *arg);
	void			*ih_arg;
	struct bsd_gate		*ih_gate;
	const char		*ih_name;
	/* Who runs a part in thread context now: its own disestablish. */
	struct task_struct	*ih_thread_runner;
	struct task_struct	*ih_hard_runner;	/* forced threading */
	atomic_long_t		ih_nfilter;
	atomic_long_t		ih_nthread;
	atomic_long_t		ih_nstray;
};

static void ih_error(const struct bsd_intr *ih, const char *op,
		     unsigned long ip, const char *msg)
{
	bsd_lock_error(IH_CLASS, op, ih, ih ? ih->ih_name : "intr", ip, "%s",
		       msg);
}

static bool ih_ok(const struct bsd_intr *ih, const char *op, unsigned long ip)
{
	u32 magic;

	if (unlikely(!ih)) {
		ih_error(ih, op, ip, "NULL cookie");
		return false;
	}
	magic = READ_ONCE(ih->ih_magic);
	if (likely(magic == IH_MAGIC))
		return true;
	ih_error(ih, op, ip, magic == IH_DEAD ? "handler disestablished" :
		 "not an interrupt cookie");
	return false;
}

/* A filter's answer as a set of BSD_FILTER_* bits. */
static int ih_call_filter(struct bsd_intr *ih)
{
	int r = ih->ih_filter(ih->ih_arg);

	if (ih->ih_flags & BSD_INTR_BOOL)
		return r ? BSD_FILTER_HANDLED : BSD_FILTER_STRAY;
	return r;
}

/* The primary handler: MP-safe filters, hard interrupt context. */
static irqreturn_t ih_hard(int irq, void *dev)
{
	struct bsd_intr *ih = dev;
	bool forced = !in_hardirq();	/* never while IRQF_ONESHOT: cheap */
	int r, s;

	if (ih->ih_gate && !bsd_gate_enter(ih->ih_gate)) {
		atomic_long_inc(&ih->ih_nstray);
		return IRQ_NONE;
	}
	if (forced)
		WRITE_ONCE(ih->ih_hard_runner, current);
	s = bsd_splraise(ih->ih_ipl);
	r = ih_call_filter(ih);
	bsd_splx(s);
	if (forced)
		WRITE_ONCE(ih->ih_hard_runner, NULL);
	if (ih->ih_gate)
		bsd_gate_exit(ih->ih_gate);
	atomic_long_inc(&ih->ih_nfilter);

	if ((r & BSD_FILTER_SCHEDULE_THREAD) && ih->ih_ithread)
		return IRQ_WAKE_THREAD;
	if (r & (BSD_FILTER_HANDLED | BSD_FILTER_SCHEDULE_THREAD))
		return IRQ_HANDLED;
	atomic_long_inc(&ih->ih_nstray);
	return IRQ_NONE;
}

/* Take what a thread part that is not MP-safe runs under. */
static void ih_lock(struct bsd_intr *ih, unsigned long ip)
{
	if (ih->ih_flags & BSD_INTR_FUNNEL)
		tru64_unix_master();
	else if (!(ih->ih_flags & BSD_INTR_MPSAFE))
		bsd_kernel_lock(1, ip);
}

/*
 * Give it back, checking that the handler left it as it found it. A
 * handler that kept holds, or dropped the one it was given, is reported;
 * what is left of the lock is given up either way.
 */
static void ih_unlock(struct bsd_intr *ih, unsigned long ip)
{
	int depth;

	if (ih->ih_flags & BSD_INTR_FUNNEL) {
		depth = tru64_funnel_depth();
		if (depth != 1)
			ih_error(ih, "interrupt handler", ip,
				 "returned with the funnel depth changed");
		while (depth-- > 0)
			tru64_unix_release();
		return;
	}
	depth = bsd_kernel_lock_depth();
	if (!(ih->ih_flags & BSD_INTR_MPSAFE)) {
		if (depth != 1)
			ih_error(ih, "interrupt handler", ip,
				 "returned with the kernel lock depth changed");
	} else if (depth) {
		ih_error(ih, "interrupt handler", ip,
			 "returned with the kernel lock held");
	}
	if (depth)
		bsd_kernel_unlock(0, NULL, ip);
}

/* The thread part, in the line's irq thread. */
static irqreturn_t ih_thread(int irq, void *dev)
{
	struct bsd_intr *ih = dev;
	unsigned long ip = ih->ih_filter_in_thread ?
		(unsigned long)ih->ih_filter : (unsigned long)ih->ih_ithread;
	irqreturn_t ret = IRQ_HANDLED;
	int s = -1;

	WRITE_ONCE(ih->ih_thread_runner, current);
	/*
	 * The big lock before the gate, so that this thread is never inside
	 * the gate while it waits for the big lock: a detach waiting for the
	 * gate then never waits on the big lock's queue through us. (The
	 * detach gives the big lock up while it waits, bsd_gate_wait(); the
	 * order keeps the wait short and holds without that.)
	 */
	ih_lock(ih, ip);
	if (ih->ih_gate && !bsd_gate_enter(ih->ih_gate)) {
		ih_unlock(ih, ip);
		WRITE_ONCE(ih->ih_thread_runner, NULL);
		atomic_long_inc(&ih->ih_nstray);
		return IRQ_NONE;
	}
	if (!(ih->ih_flags & BSD_INTR_THREAD_SPL0))
		s = bsd_splraise(ih->ih_ipl);
	if (ih->ih_filter_in_thread) {
		if (!(ih_call_filter(ih) & BSD_FILTER_HANDLED)) {
			atomic_long_inc(&ih->ih_nstray);
			ret = IRQ_NONE;
		}
	} else {
		ih->ih_ithread(ih->ih_arg);
	}
	if (s >= 0)
		bsd_splx(s);
	if (ih->ih_gate)
		bsd_gate_exit(ih->ih_gate);
	ih_unlock(ih, ip);
	WRITE_ONCE(ih->ih_thread_runner, NULL);
	atomic_long_inc(&ih->ih_nthread);
	return ret;
}

/**
 * bsd_intr_establish() - establish an interrupt handler on a Linux line
 * @irq: the Linux interrupt number (a PCI vector, bsd_intrsrc_irq(), ...)
 * @a: what to run, how and at which IPL (see <bsdcompat/intr.h>); not
 *	kept, except a->gate, which must outlive the handler
 *
 * The line is shared (IRQF_SHARED | IRQF_ONESHOT). A bad IPL, unknown
 * flags or no handler at all are reported and refused.
 *
 * Context: thread context; may sleep. A thread at a raised IPL or holding
 * the big lock gives them up while it waits and gets them back.
 * Return: a cookie for bsd_intr_disestablish(), or NULL if the line could
 * not be had (not requestable, or taken by a handler that does not share).
 */
struct bsd_intr *bsd_intr_establish(int irq, const struct bsd_intr_args *a)
{
	struct bsd_waitstate ws = BSD_WAITSTATE_INIT;
	unsigned long ip = a->caller ? a->caller : _RET_IP_;
	irq_handler_t primary = NULL, thread = NULL;
	struct bsd_intr *ih;
	char why[64];
	int error;

	why[0] = '\0';
	if (bsd_intr_context())
		strscpy(why, "called from interrupt context", sizeof(why));
	else if (a->ipl < BSD_IPL_VM || a->ipl > BSD_IPL_HIGH)
		snprintf(why, sizeof(why), "bad IPL %d (%s)", a->ipl,
			 bsd_ipl_name(a->ipl));
	else if (a->flags & ~IH_FLAGS)
		snprintf(why, sizeof(why), "bad flags %#x", a->flags);
	else if ((a->flags & BSD_INTR_MPSAFE) && (a->flags & BSD_INTR_FUNNEL))
		strscpy(why, "MP-safe and funneled", sizeof(why));
	else if (!a->filter && !a->ithread)
		strscpy(why, "no handler", sizeof(why));
	else if (irq < 0)
		snprintf(why, sizeof(why), "bad irq %d", irq);
	if (why[0]) {
		bsd_lock_error(IH_CLASS, "intr_establish", a->arg,
			       a->name ? a->name : "intr", ip, "%s", why);
		return NULL;
	}

	ih = kzalloc(sizeof(*ih), GFP_KERNEL);
	if (!ih)
		return NULL;
	ih->ih_name = kstrdup_const(a->name ? a->name : "bsdintr", GFP_KERNEL);
	if (!ih->ih_name) {
		kfree(ih);
		return NULL;
	}
	ih->ih_irq = irq;
	ih->ih_ipl = a->ipl;
	ih->ih_flags = a->flags;
	ih->ih_filter = a->filter;
	ih->ih_ithread = a->ithread;
	ih->ih_arg = a->arg;
	ih->ih_gate = a->gate;
	/* A lone filter that is not MP-safe belongs in the thread. */
	ih->ih_filter_in_thread = a->filter && !a->ithread &&
				  !(a->flags & BSD_INTR_MPSAFE);
	if (a->filter && !ih->ih_filter_in_thread)
		primary = ih_hard;
	if (a->ithread || ih->ih_filter_in_thread)
		thread = ih_thread;
	WRITE_ONCE(ih->ih_magic, IH_MAGIC);

	bsd_wait_begin(&ws);
	error = request_threaded_irq(irq, primary, thread,
				     IRQF_SHARED | IRQF_ONESHOT, ih->ih_name, ih);
	bsd_wait_end(&ws);
	if (error) {
		pr_warn("bsdcompat: %s: cannot establish on irq %d (%d)\n",
			ih->ih_name, irq, error);
		kfree_const(ih->ih_name);
		kfree(ih);
		return NULL;
	}
	return ih;
}
EXPORT_SYMBOL_NS_GPL(bsd_intr_establish, BSDCOMPAT);

/**
 * bsd_intr_disestablish_at() - bsd_intr_disestablish() for a personality
 * @ih: the cookie bsd_intr_establish() returned
 * @caller: the driver's call site, for reports
 *
 * Context: as bsd_intr_disestablish().
 */
void bsd_intr_disestablish_at(struct bsd_intr *ih, unsigned long caller)
{
	struct bsd_waitstate ws = BSD_WAITSTATE_INIT;
	unsigned long ip = caller;

	if (!ih_ok(ih, "intr_disestablish", ip))
		return;
	if (bsd_intr_context() ||
	    (irqs_disabled() && bsd_curipl() == BSD_IPL_NONE)) {
		ih_error(ih, "intr_disestablish", ip,
			 "called from interrupt context");
		return;
	}
	if (READ_ONCE(ih->ih_thread_runner) == current ||
	    READ_ONCE(ih->ih_hard_runner) == current) {
		ih_error(ih, "intr_disestablish", ip,
			 "called from its own handler");
		return;
	}
	WRITE_ONCE(ih->ih_magic, IH_DEAD);
	bsd_wait_begin(&ws);
	free_irq(ih->ih_irq, ih);
	bsd_wait_end(&ws);
	kfree_const(ih->ih_name);
	kfree(ih);
}
EXPORT_SYMBOL_NS_GPL(bsd_intr_disestablish_at, BSDCOMPAT);

/**
 * bsd_intr_disestablish() - remove an interrupt handler
 * @ih: the cookie bsd_intr_establish() returned
 *
 * Returns once neither part of the handler runs anywhere, and never calls
 * it again. From interrupt context, with interrupts off outside spl, or
 * from the handler itself (it would wait for itself) it is reported and
 * refused.
 *
 * Context: thread context; may sleep. A thread at a raised IPL or holding
 * the big lock gives them up while it waits (the handler may be waiting
 * for the big lock) and gets them back.
 */
void bsd_intr_disestablish(struct bsd_intr *ih)
{
	bsd_intr_disestablish_at(ih, _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(bsd_intr_disestablish, BSDCOMPAT);

/**
 * bsd_intr_gate() - the entry gate a handler was established behind
 * @ih: the cookie
 *
 * Context: any.
 * Return: the gate given in bsd_intr_args, or NULL (also for a cookie that
 * is not a live handler's).
 */
struct bsd_gate *bsd_intr_gate(const struct bsd_intr *ih)
{
	if (!ih || READ_ONCE(ih->ih_magic) != IH_MAGIC)
		return NULL;
	return ih->ih_gate;
}
EXPORT_SYMBOL_NS_GPL(bsd_intr_gate, BSDCOMPAT);

/**
 * bsd_intr_irq() - the Linux interrupt number a handler is on
 * @ih: the cookie
 *
 * Context: any.
 * Return: the number.
 */
int bsd_intr_irq(const struct bsd_intr *ih)
{
	return ih->ih_irq;
}
EXPORT_SYMBOL_NS_GPL(bsd_intr_irq, BSDCOMPAT);

/**
 * bsd_intr_stats() - how often a handler ran
 * @ih: the cookie
 * @st: where to put the counts
 *
 * Context: any. The counts keep moving while they are read.
 */
void bsd_intr_stats(const struct bsd_intr *ih, struct bsd_intr_stats *st)
{
	st->is_filter = atomic_long_read(&ih->ih_nfilter);
	st->is_thread = atomic_long_read(&ih->ih_nthread);
	st->is_stray = atomic_long_read(&ih->ih_nstray);
}
EXPORT_SYMBOL_NS_GPL(bsd_intr_stats, BSDCOMPAT);
