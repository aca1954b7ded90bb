// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The big lock (see <bsdcompat/biglock.h>).
 *
 * NetBSD's kernel_lock is a spin lock held by a CPU, which its scheduler
 * gives up on every context switch. Linux has no such hook: a driver that
 * holds the big lock and calls a Linux function that sleeps (copyout(),
 * kmalloc(GFP_KERNEL), usb_control_msg()) would sleep with a spin lock held.
 * So here the big lock is a sleeping lock owned by a thread, built like an
 * adaptive kmutex (an owner word, turnstiles, spinning while the owner
 * runs), with a depth. bsdcompat's own sleeping primitives give it up
 * (bsd_wait_begin() in adaptive.c) and take it back; Linux's keep it, which
 * is safe but holds every other kernel-locked path off meanwhile.
 *
 * Because a holder that waits for anything of bsdcompat's gives the big lock
 * up first, taking it can never be the second half of a deadlock: lockdep
 * is told that each acquisition is a trylock, so it records what is taken
 * under the big lock but never the big lock under something else.
 */
#include <linux/debugfs.h>
#include <linux/export.h>
#include <linux/hardirq.h>
#include <linux/lockdep.h>
#include <linux/percpu.h>
#include <linux/seq_file.h>

#include <bsdcompat/lockdebug.h>

#include "adaptive.h"
#include "biglock.h"
#include "core.h"

#define BL_WAITERS	0x1UL	/* someone sleeps for it: wake on release */
#define BL_UNTRACKED	0x2UL	/* taken without lockdep (misuse path) */
#define BL_FLAGS	(BL_WAITERS | BL_UNTRACKED)

static struct {
	atomic_long_t	word;	/* owner id and BL_* flags; 0 when free */
	int		depth;	/* read and written by the owner only */
} bl ____cacheline_aligned_in_smp;

static DEFINE_PER_CPU(struct bsd_biglock_stats, bl_stats);

#ifdef CONFIG_DEBUG_LOCK_ALLOC
static struct lock_class_key bl_key;
static struct lockdep_map bl_dep_map;
#define BL_DEP_MAP	(&bl_dep_map)
#else
#define BL_DEP_MAP	NULL
#endif

static __printf(3, 4)
void bl_error(const char *op, unsigned long ip, const char *fmt, ...)
{
	struct va_format vaf;
	va_list ap;

	va_start(ap, fmt);
	vaf.fmt = fmt;
	vaf.va = &ap;
	bsd_lock_error("Kernel lock", op, &bl, "kernel_lock", ip, "%pV", &vaf);
	va_end(ap);
}

static inline bool bl_mine(long w)
{
	return (w & ~BL_FLAGS) == bsd_owner_id();
}

/* The caller cannot sleep: report, then busy-wait for a while. */
static noinline void bl_lock_atomic(int nlocks, unsigned long ip)
{
	bl_error("KERNEL_LOCK", ip, "%s", in_interrupt() ?
		 "acquiring kernel lock from interrupt context" :
		 "acquiring kernel lock with spin mutex held");
	if (!bsd_owner_busywait(&bl.word, bsd_owner_id() | BL_UNTRACKED)) {
		bl_error("KERNEL_LOCK", ip, "gave up waiting: not acquired");
		return;
	}
	this_cpu_inc(bl_stats.bs_contended);
	bl.depth = nlocks;
}

/**
 * bsd_kernel_lock() - take the big lock @nlocks times (NetBSD KERNEL_LOCK())
 * @nlocks: how many holds to add; 0 does nothing
 * @caller: the caller's return address, for reports and lockdep
 *
 * If the caller already holds it, the depth grows. Otherwise the caller
 * spins while the owner runs and sleeps when it does not; a thread at a
 * raised IPL sleeps at IPL_NONE.
 *
 * Context: thread context; may sleep. From interrupt context or with a spin
 * mutex held it is reported, then busy-waits for up to 100 ms.
 */
void bsd_kernel_lock(int nlocks, unsigned long caller)
{
	long w = atomic_long_read(&bl.word);

	if (unlikely(nlocks <= 0)) {
		if (nlocks < 0)
			bl_error("KERNEL_LOCK", caller, "bad count %d", nlocks);
		return;
	}
	if (bl_mine(w)) {
		bl.depth += nlocks;
		this_cpu_inc(bl_stats.bs_recursive);
		return;
	}
	if (unlikely(!bsd_lock_may_block())) {
		bl_lock_atomic(nlocks, caller);
		return;
	}
	w = 0;
	if (likely(atomic_long_try_cmpxchg_acquire(&bl.word, &w,
						   (long)current))) {
		this_cpu_inc(bl_stats.bs_fast);
	} else {
		bsd_owner_wait(&bl.word, &bl, (long)current, BL_WAITERS);
		this_cpu_inc(bl_stats.bs_contended);
	}
	bl.depth = nlocks;
	lock_acquire_exclusive(BL_DEP_MAP, 0, 1, NULL, caller);
}
EXPORT_SYMBOL_NS_GPL(bsd_kernel_lock, BSDCOMPAT);

/* Release every hold; the caller owns the lock (word @w). */
static void bl_release(long w, unsigned long ip)
{
	bl.depth = 0;
	if (!(w & BL_UNTRACKED))
		lock_release(BL_DEP_MAP, ip);
	bsd_owner_release(&bl.word, &bl, w, BL_WAITERS);
}

/**
 * bsd_kernel_unlock() - drop holds on the big lock (NetBSD KERNEL_UNLOCK())
 * @nlocks: how many holds to drop: > 0 that many, 0 all of them, -1 the
 *	last one (the caller must hold it exactly once)
 * @countp: if not NULL, receives the depth held before the call (0 if the
 *	caller did not hold the lock)
 * @caller: the caller's return address, for reports
 *
 * Dropping holds the caller does not have is reported; what it does have
 * is dropped (for -1: all of them, the caller is on its way out).
 *
 * Context: the context that took it; does not sleep.
 */
void bsd_kernel_unlock(int nlocks, int *countp, unsigned long caller)
{
	long w = atomic_long_read(&bl.word);
	int olocks;

	if (countp)
		*countp = 0;
	if (!bl_mine(w)) {
		if (nlocks != 0)
			bl_error("KERNEL_UNLOCK", caller, "%s",
				 w ? "not held by current LWP" : "not locked");
		return;
	}
	olocks = bl.depth;
	if (nlocks == 0) {
		nlocks = olocks;
	} else if (nlocks == -1) {
		if (olocks != 1)
			bl_error("KERNEL_UNLOCK_LAST", caller,
				 "assertion failed: olocks == 1 (held %d times)",
				 olocks);
		nlocks = olocks;
	} else if (nlocks < 0 || nlocks > olocks) {
		bl_error("KERNEL_UNLOCK", caller,
			 "releasing more holds than held (%d)", olocks);
		nlocks = olocks;
	}
	if (countp)
		*countp = olocks;
	if (olocks > nlocks)
		bl.depth = olocks - nlocks;
	else
		bl_release(w, caller);
}
EXPORT_SYMBOL_NS_GPL(bsd_kernel_unlock, BSDCOMPAT);

/**
 * bsd_kernel_trylock() - take the big lock if that needs no waiting
 * @caller: the caller's address, for lockdep
 *
 * A holder adds a level, as bsd_kernel_lock() does.
 *
 * Context: thread context; never waits. From interrupt context the answer
 * is false: the big lock belongs to threads.
 * Return: true if the caller now holds the big lock (one level more).
 */
bool bsd_kernel_trylock(unsigned long caller)
{
	long w = atomic_long_read(&bl.word);

	if (bl_mine(w)) {
		bl.depth++;
		this_cpu_inc(bl_stats.bs_recursive);
		return true;
	}
	if (bsd_intr_context())
		return false;
	w = 0;
	if (!atomic_long_try_cmpxchg_acquire(&bl.word, &w, (long)current))
		return false;
	this_cpu_inc(bl_stats.bs_fast);
	bl.depth = 1;
	lock_acquire_exclusive(BL_DEP_MAP, 0, 1, NULL, caller);
	return true;
}
EXPORT_SYMBOL_NS_GPL(bsd_kernel_trylock, BSDCOMPAT);

/**
 * bsd_kernel_lock_owner() - the thread holding the big lock
 *
 * Context: any. The answer may be stale as soon as it is returned; compare
 * it, do not dereference it.
 * Return: the owning task, or NULL if the big lock is free.
 */
struct task_struct *bsd_kernel_lock_owner(void)
{
	return bsd_owner_task(atomic_long_read(&bl.word));
}
EXPORT_SYMBOL_NS_GPL(bsd_kernel_lock_owner, BSDCOMPAT);

/**
 * bsd_kernel_locked_p() - does the caller hold the big lock
 *
 * Context: any.
 * Return: true if the calling thread (in its current context) holds it.
 */
bool bsd_kernel_locked_p(void)
{
	return bl_mine(atomic_long_read(&bl.word));
}
EXPORT_SYMBOL_NS_GPL(bsd_kernel_locked_p, BSDCOMPAT);

/**
 * bsd_kernel_lock_depth() - how many holds the caller has on the big lock
 *
 * Context: any.
 * Return: the depth, 0 if the caller does not hold it.
 */
int bsd_kernel_lock_depth(void)
{
	return bsd_kernel_locked_p() ? bl.depth : 0;
}
EXPORT_SYMBOL_NS_GPL(bsd_kernel_lock_depth, BSDCOMPAT);

/* Before a bsdcompat sleep: give every hold up; return how many. */
int bsd_biglock_drop(void)
{
	long w = atomic_long_read(&bl.word);
	int n;

	if (likely(!bl_mine(w)))
		return 0;
	n = bl.depth;
	this_cpu_inc(bl_stats.bs_sleeps);
	bl_release(w, _RET_IP_);
	return n;
}

/* After it: take them back. */
void bsd_biglock_pickup(int nlocks)
{
	bsd_kernel_lock(nlocks, _RET_IP_);
}

/**
 * bsd_biglock_stats() - the big lock's counters, summed over CPUs
 * @st: where to put them
 *
 * Context: any. The counters keep moving while they are summed.
 */
void bsd_biglock_stats(struct bsd_biglock_stats *st)
{
	int cpu;

	memset(st, 0, sizeof(*st));
	for_each_possible_cpu(cpu) {
		struct bsd_biglock_stats *c = per_cpu_ptr(&bl_stats, cpu);

		st->bs_fast += READ_ONCE(c->bs_fast);
		st->bs_contended += READ_ONCE(c->bs_contended);
		st->bs_recursive += READ_ONCE(c->bs_recursive);
		st->bs_sleeps += READ_ONCE(c->bs_sleeps);
	}
}
EXPORT_SYMBOL_NS_GPL(bsd_biglock_stats, BSDCOMPAT);

static int bl_show(struct seq_file *m, void *v)
{
	struct bsd_biglock_stats st;

	bsd_biglock_stats(&st);
	seq_printf(m, "fast %llu\ncontended %llu\nrecursive %llu\nsleeps %llu\nheld %d\n",
		   st.bs_fast, st.bs_contended, st.bs_recursive, st.bs_sleeps,
		   atomic_long_read(&bl.word) != 0);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(bl);

void bsd_biglock_init(struct dentry *dir)
{
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	lockdep_init_map_wait(&bl_dep_map, "kernel_lock", &bl_key, 0,
			      LD_WAIT_SLEEP);
#endif
	debugfs_create_file("kernel_lock", 0444, dir, NULL, &bl_fops);
}
