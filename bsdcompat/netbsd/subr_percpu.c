// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * NetBSD percpu(9).
 *
 * A percpu_t is a small handle around Linux per-CPU memory, allocated for
 * every possible CPU: Linux's allocator already gives each CPU its own copy
 * and never moves it, which NetBSD's percpu has to arrange by hand (it
 * reallocates and swaps storage as percpus come and go). The handle keeps
 * the size, for percpu_free()'s check, and the destructor.
 *
 * percpu_getref() is preempt_disable() and this CPU's pointer, as NetBSD's
 * is kpreempt_disable(); percpu_putref() gives preemption back. With a
 * preemption count, a putref that finds preemption enabled had no getref
 * before it and is refused, so that it cannot unbalance the count.
 */
#include <linux/bitops.h>
#include <linux/cpumask.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/stdarg.h>

#include <sys/cpu.h>
#include <sys/percpu.h>
#include <sys/xcall.h>
#include <bsdcompat/lockdebug.h>

#include "../core/adaptive.h"

#define PERCPU_MAGIC	0x70637075u	/* "pcpu" */

struct percpu {
	u32			pc_magic;
	size_t			pc_size;
	void __percpu		*pc_ptr;
	percpu_callback_t	pc_dtor;
	void			*pc_arg;
};

__printf(4, 5)
static void percpu_error(const void *pc, const char *op, unsigned long ip,
			 const char *fmt, ...)
{
	char msg[96];
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	bsd_lock_error("percpu", op, pc, "percpu", ip, "%s", msg);
}

static bool percpu_ok(const percpu_t *pc, const char *op, unsigned long ip)
{
	if (unlikely(!pc)) {
		percpu_error(pc, op, ip, "NULL handle");
		return false;
	}
	if (likely(READ_ONCE(pc->pc_magic) == PERCPU_MAGIC))
		return true;
	percpu_error(pc, op, ip, "not a percpu handle");
	return false;
}

/* The expensive calls are thread context only, as on NetBSD. */
static bool percpu_thread_ok(const void *pc, const char *op, unsigned long ip)
{
	if (likely(!bsd_intr_context() && !irqs_disabled()))
		return true;
	percpu_error(pc, op, ip, "called from interrupt context");
	return false;
}

static percpu_t *percpu_make(size_t size, percpu_callback_t ctor,
			     percpu_callback_t dtor, void *arg,
			     const char *op, unsigned long ip)
{
	percpu_t *pc;
	int cpu;

	if (!percpu_thread_ok(NULL, op, ip))
		return NULL;
	might_sleep();
	pc = kzalloc(sizeof(*pc), GFP_KERNEL);
	if (!pc)
		return NULL;
	/* Zeroed, aligned for any scalar; NetBSD allows size 0 in practice. */
	pc->pc_ptr = __alloc_percpu(max_t(size_t, size, 1),
				    __alignof__(unsigned long long));
	if (!pc->pc_ptr) {
		kfree(pc);
		return NULL;
	}
	pc->pc_size = size;
	pc->pc_dtor = dtor;
	pc->pc_arg = arg;
	WRITE_ONCE(pc->pc_magic, PERCPU_MAGIC);
	if (ctor)
		for_each_possible_cpu(cpu)
			ctor(per_cpu_ptr(pc->pc_ptr, cpu), arg,
			     cpu_lookup(cpu));
	return pc;
}

/**
 * netbsd_percpu_alloc() - allocate zeroed storage on every CPU
 * @size: bytes per CPU
 *
 * Context: thread context; may sleep. From interrupt context it is
 * reported and fails.
 * Return: the handle, or NULL.
 */
percpu_t *netbsd_percpu_alloc(size_t size)
{
	return percpu_make(size, NULL, NULL, NULL, "percpu_alloc", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_percpu_alloc, BSDCOMPAT);

/**
 * netbsd_percpu_create() - allocate per-CPU storage with a ctor and a dtor
 * @size: bytes per CPU
 * @ctor: called as ctor(ptr, @arg, ci) on each CPU's zeroed copy, in the
 *	calling thread, before this returns; may sleep; or NULL
 * @dtor: called likewise by percpu_free() before the storage goes; or NULL
 * @arg: their argument
 *
 * Context: thread context; may sleep. From interrupt context it is
 * reported and fails.
 * Return: the handle, or NULL.
 */
percpu_t *netbsd_percpu_create(size_t size, percpu_callback_t ctor,
			       percpu_callback_t dtor, void *arg)
{
	return percpu_make(size, ctor, dtor, arg, "percpu_create", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_percpu_create, BSDCOMPAT);

/**
 * netbsd_percpu_free() - run the destructor on each copy and free them
 * @pc: from percpu_alloc() or percpu_create(); nobody uses it any more
 * @size: the size it was allocated with
 *
 * A different @size is reported; the storage is freed all the same (the
 * handle knows its size). From interrupt context it is reported and the
 * storage is left allocated.
 *
 * Context: thread context; may sleep.
 */
void netbsd_percpu_free(percpu_t *pc, size_t size)
{
	unsigned long ip = _RET_IP_;
	int cpu;

	if (!percpu_ok(pc, "percpu_free", ip) ||
	    !percpu_thread_ok(pc, "percpu_free", ip))
		return;
	might_sleep();
	if (size != pc->pc_size)
		percpu_error(pc, "percpu_free", ip,
			     "size %zu, allocated with size %zu", size,
			     pc->pc_size);
	if (pc->pc_dtor)
		for_each_possible_cpu(cpu)
			pc->pc_dtor(per_cpu_ptr(pc->pc_ptr, cpu), pc->pc_arg,
				    cpu_lookup(cpu));
	WRITE_ONCE(pc->pc_magic, 0);
	free_percpu(pc->pc_ptr);
	kfree(pc);
}
EXPORT_SYMBOL_NS_GPL(netbsd_percpu_free, BSDCOMPAT);

/**
 * netbsd_percpu_getref() - this CPU's copy, staying on this CPU
 * @pc: the storage
 *
 * Preemption is off until percpu_putref(): the caller may not sleep.
 *
 * Context: any; does not sleep.
 * Return: this CPU's copy; NULL (reported) for a bad handle.
 */
void *netbsd_percpu_getref(percpu_t *pc)
{
	if (!percpu_ok(pc, "percpu_getref", _RET_IP_))
		return NULL;
	preempt_disable();
	return this_cpu_ptr(pc->pc_ptr);
}
EXPORT_SYMBOL_NS_GPL(netbsd_percpu_getref, BSDCOMPAT);

/**
 * netbsd_percpu_putref() - give back the reference of percpu_getref()
 * @pc: the storage
 *
 * Called with preemption enabled (no getref before it, where Linux can
 * tell) it is reported and does nothing.
 *
 * Context: after percpu_getref() on the same CPU; does not sleep.
 */
void netbsd_percpu_putref(percpu_t *pc)
{
	unsigned long ip = _RET_IP_;

	if (!percpu_ok(pc, "percpu_putref", ip))
		return;
	if (IS_ENABLED(CONFIG_PREEMPT_COUNT) && preemptible()) {
		percpu_error(pc, "percpu_putref", ip,
			     "no percpu_getref (preemption enabled)");
		return;
	}
	preempt_enable();
}
EXPORT_SYMBOL_NS_GPL(netbsd_percpu_putref, BSDCOMPAT);

/**
 * netbsd_percpu_foreach() - call back with every CPU's copy
 * @pc: the storage
 * @cb: called as cb(ptr, @arg, ci) for each possible CPU, in the calling
 *	thread; it may sleep; other CPUs may be changing their copies
 * @arg: its argument
 *
 * Context: thread context; may sleep. From interrupt context it is
 * reported and nothing is called.
 */
void netbsd_percpu_foreach(percpu_t *pc, percpu_callback_t cb, void *arg)
{
	unsigned long ip = _RET_IP_;
	int cpu;

	if (!percpu_ok(pc, "percpu_foreach", ip) ||
	    !percpu_thread_ok(pc, "percpu_foreach", ip))
		return;
	for_each_possible_cpu(cpu)
		cb(per_cpu_ptr(pc->pc_ptr, cpu), arg, cpu_lookup(cpu));
}
EXPORT_SYMBOL_NS_GPL(netbsd_percpu_foreach, BSDCOMPAT);

struct percpu_xc {
	percpu_t		*px_pc;
	percpu_callback_t	px_cb;
	void			*px_arg;
};

static void percpu_xc_run(void *arg1, void *arg2)
{
	struct percpu_xc *px = arg1;
	int cpu = raw_smp_processor_id();	/* bound to it */

	px->px_cb(per_cpu_ptr(px->px_pc->pc_ptr, cpu), px->px_arg,
		  cpu_lookup(cpu));
}

/**
 * netbsd_percpu_foreach_xcall() - call back on each CPU with its own copy
 * @pc: the storage
 * @xcflags: xcall(9) flags: 0 (a thread) or XC_HIGHPRI
 * @cb: called as cb(ptr, @arg, ci) on each online CPU, by an xcall(9)
 *	on that CPU, with that CPU's copy
 * @arg: its argument
 *
 * Returns when every CPU has run it. CPUs that are offline are not
 * visited.
 *
 * Context: thread context; may sleep. From interrupt context it is
 * reported and nothing is called.
 */
void netbsd_percpu_foreach_xcall(percpu_t *pc, unsigned int xcflags,
				 percpu_callback_t cb, void *arg)
{
	struct percpu_xc px = { .px_pc = pc, .px_cb = cb, .px_arg = arg };
	unsigned long ip = _RET_IP_;

	if (!percpu_ok(pc, "percpu_foreach_xcall", ip) ||
	    !percpu_thread_ok(pc, "percpu_foreach_xcall", ip))
		return;
	xc_wait(xc_broadcast(xcflags, percpu_xc_run, &px, NULL));
}
EXPORT_SYMBOL_NS_GPL(netbsd_percpu_foreach_xcall, BSDCOMPAT);

/**
 * netbsd_percpu_getptr_remote() - another CPU's copy
 * @pc: the storage
 * @ci: the CPU, from cpu_lookup() or curcpu()
 *
 * The caller arranges that the CPU is not using it at the same time (an
 * xcall, or data that only ever grows).
 *
 * Context: any; does not sleep.
 * Return: the copy, or NULL (reported) for a bad handle or no such CPU.
 */
void *netbsd_percpu_getptr_remote(percpu_t *pc, struct cpu_info *ci)
{
	unsigned long ip = _RET_IP_;
	unsigned int cpu;

	if (!percpu_ok(pc, "percpu_getptr_remote", ip))
		return NULL;
	cpu = ci ? cpu_index(ci) : nr_cpu_ids;
	if (cpu >= nr_cpu_ids || !cpu_possible(cpu)) {
		percpu_error(pc, "percpu_getptr_remote", ip,
			     "no such CPU");
		return NULL;
	}
	return per_cpu_ptr(pc->pc_ptr, cpu);
}
EXPORT_SYMBOL_NS_GPL(netbsd_percpu_getptr_remote, BSDCOMPAT);
