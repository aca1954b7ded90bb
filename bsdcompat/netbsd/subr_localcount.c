// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * NetBSD localcount(9), built as NetBSD builds it rather than on Linux's
 * percpu_ref: the API hands the drain a condvar and an interlock that the
 * releases must use, and percpu_ref would have its own release callback
 * and RCU grace period in between; the per-CPU scheme is short and maps
 * one to one.
 *
 * Live, each CPU counts in its own word (this_cpu_inc/dec, no locked
 * instruction), with preemption off between reading lc_state and
 * counting. The per-CPU words sum to the number of references; any one of
 * them may be negative, since a reference may be released on another CPU.
 *
 * localcount_drain() sets lc_state to draining and makes a cross call to
 * every CPU. A low-priority xcall runs in a thread on its CPU, so it runs
 * only after every preemption-disabled section that CPU was in has ended:
 * each counter that saw "live" has counted by then, and every later
 * acquire or release sees "draining". The xcall moves the CPU's word into
 * lc_total; words of CPUs that are offline are swept by the drainer. From
 * then on releases decrement lc_total under the interlock and broadcast
 * the condvar when it reaches zero, which the drainer waits for. lc_total
 * may dip below zero while the words are being moved (a release may come
 * before its acquire's CPU is visited); only its value after the cross
 * call matters.
 */
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/export.h>
#include <linux/percpu.h>
#include <linux/preempt.h>

#include <sys/condvar.h>
#include <sys/localcount.h>
#include <sys/mutex.h>
#include <sys/xcall.h>
#include <bsdcompat/lockdebug.h>

#include "../core/adaptive.h"

#define LC_MAGIC	0x6c636e74u	/* "lcnt" */

enum { LC_LIVE, LC_DRAINING, LC_DRAINED };

static void lc_error(const struct localcount *lc, const char *op,
		     unsigned long ip, const char *msg)
{
	bsd_lock_error("localcount", op, lc, "localcount", ip, "%s", msg);
}

static bool lc_ok(const struct localcount *lc, const char *op,
		  unsigned long ip)
{
	if (likely(READ_ONCE(lc->lc_magic) == LC_MAGIC))
		return true;
	lc_error(lc, op, ip, "uninitialized localcount");
	return false;
}

/**
 * netbsd_localcount_init() - initialise a localcount with no references
 * @lc: the localcount
 *
 * If the per-CPU counters cannot be allocated it is reported, and the
 * localcount stays unusable (every later call reports it).
 *
 * Context: thread context; may sleep.
 */
void netbsd_localcount_init(struct localcount *lc)
{
	lc->lc_magic = 0;
	lc->lc_count = alloc_percpu(long);
	atomic_long_set(&lc->lc_total, 0);
	lc->lc_state = LC_LIVE;
	if (!lc->lc_count) {
		lc_error(lc, "localcount_init", _RET_IP_,
			 "no memory for the per-CPU counts");
		return;
	}
	WRITE_ONCE(lc->lc_magic, LC_MAGIC);
}
EXPORT_SYMBOL_NS_GPL(netbsd_localcount_init, BSDCOMPAT);

/**
 * netbsd_localcount_fini() - tear down a drained localcount
 * @lc: the localcount, drained by localcount_drain()
 *
 * One that was not drained is reported and left allocated: references may
 * still be out.
 *
 * Context: thread context.
 */
void netbsd_localcount_fini(struct localcount *lc)
{
	unsigned long ip = _RET_IP_;

	if (!lc_ok(lc, "localcount_fini", ip))
		return;
	if (READ_ONCE(lc->lc_state) != LC_DRAINED) {
		lc_error(lc, "localcount_fini", ip, "not drained");
		return;
	}
	WRITE_ONCE(lc->lc_magic, 0);
	free_percpu(lc->lc_count);
	lc->lc_count = NULL;
}
EXPORT_SYMBOL_NS_GPL(netbsd_localcount_fini, BSDCOMPAT);

/**
 * netbsd_localcount_acquire() - take a reference
 * @lc: the localcount of an object known to be live and published
 *
 * Once the drain has begun it is reported: the reference is counted all
 * the same (the drain then waits for it) until the drain has finished,
 * after which it is not.
 *
 * Context: any; does not sleep.
 */
void netbsd_localcount_acquire(struct localcount *lc)
{
	unsigned long ip = _RET_IP_;
	int state;

	if (!lc_ok(lc, "localcount_acquire", ip))
		return;
	preempt_disable();
	state = READ_ONCE(lc->lc_state);
	if (likely(state == LC_LIVE)) {
		this_cpu_inc(*lc->lc_count);
		preempt_enable();
		return;
	}
	preempt_enable();
	if (state == LC_DRAINING) {
		atomic_long_inc(&lc->lc_total);
		lc_error(lc, "localcount_acquire", ip, "acquired while draining");
	} else {
		lc_error(lc, "localcount_acquire", ip, "acquired after drain");
	}
}
EXPORT_SYMBOL_NS_GPL(netbsd_localcount_acquire, BSDCOMPAT);

/**
 * netbsd_localcount_release() - drop a reference
 * @lc: the localcount
 * @cv: the condvar localcount_drain() waits on
 * @mtx: its interlock
 *
 * While @lc is draining, takes @mtx and broadcasts @cv when this was the
 * last reference. After the drain it is reported and ignored.
 *
 * Context: thread or softint; sleeps only for @mtx, while draining.
 */
void netbsd_localcount_release(struct localcount *lc, struct kcondvar *cv,
			       struct kmutex *mtx)
{
	unsigned long ip = _RET_IP_;
	int state;

	if (!lc_ok(lc, "localcount_release", ip))
		return;
	preempt_disable();
	state = READ_ONCE(lc->lc_state);
	if (likely(state == LC_LIVE)) {
		this_cpu_dec(*lc->lc_count);
		preempt_enable();
		return;
	}
	preempt_enable();
	if (state != LC_DRAINING) {
		lc_error(lc, "localcount_release", ip, "released after drain");
		return;
	}
	mutex_enter(mtx);
	if (atomic_long_dec_return(&lc->lc_total) == 0)
		cv_broadcast(cv);
	mutex_exit(mtx);
}
EXPORT_SYMBOL_NS_GPL(netbsd_localcount_release, BSDCOMPAT);

/* On each CPU, once it can have no counter in progress: move its count. */
static void lc_xc_collect(void *arg1, void *arg2)
{
	struct localcount *lc = arg1;

	preempt_disable();
	atomic_long_add(this_cpu_xchg(*lc->lc_count, 0), &lc->lc_total);
	preempt_enable();
}

/**
 * netbsd_localcount_drain() - wait until every reference is released
 * @lc: the localcount; its object unpublished so that nobody acquires it
 * @cv: a condvar the releases broadcast
 * @mtx: @cv's interlock, held by the caller; held again on return
 *
 * Gives @mtx up for a cross call to every CPU, then waits on @cv, with
 * @mtx, until the count is zero. An @mtx the caller does not hold is
 * reported and taken (and released on return); a second drain, or one from
 * interrupt context, is reported and does nothing.
 *
 * Context: thread context; sleeps.
 */
void netbsd_localcount_drain(struct localcount *lc, struct kcondvar *cv,
			     struct kmutex *mtx)
{
	unsigned long ip = _RET_IP_;
	bool took = false;
	long total;
	int cpu;

	if (!lc_ok(lc, "localcount_drain", ip))
		return;
	if (bsd_intr_context() || irqs_disabled()) {
		lc_error(lc, "localcount_drain", ip,
			 "called from interrupt context");
		return;
	}
	if (READ_ONCE(lc->lc_state) != LC_LIVE) {
		lc_error(lc, "localcount_drain", ip, "already drained");
		return;
	}
	if (!mutex_owned(mtx)) {
		lc_error(lc, "localcount_drain", ip,
			 "interlock not held by current LWP");
		mutex_enter(mtx);
		took = true;
	}
	WRITE_ONCE(lc->lc_state, LC_DRAINING);
	mutex_exit(mtx);
	/* The xcall is queued after the store, and runs after it. */
	xc_wait(xc_broadcast(0, lc_xc_collect, lc, NULL));
	/*
	 * No CPU counts per-CPU any more; offline CPUs were not visited but
	 * nobody runs there. Their words are moved here (the online ones are
	 * zero by now).
	 */
	cpus_read_lock();
	for_each_possible_cpu(cpu) {
		long *p = per_cpu_ptr(lc->lc_count, cpu);

		if (!cpu_online(cpu) && *p) {
			atomic_long_add(*p, &lc->lc_total);
			*p = 0;
		}
	}
	cpus_read_unlock();
	mutex_enter(mtx);
	total = atomic_long_read(&lc->lc_total);
	if (total < 0) {
		lc_error(lc, "localcount_drain", ip,
			 "more releases than acquires");
		atomic_long_set(&lc->lc_total, 0);
	}
	while (atomic_long_read(&lc->lc_total) > 0)
		cv_wait(cv, mtx);
	WRITE_ONCE(lc->lc_state, LC_DRAINED);
	if (took)
		mutex_exit(mtx);
}
EXPORT_SYMBOL_NS_GPL(netbsd_localcount_drain, BSDCOMPAT);
