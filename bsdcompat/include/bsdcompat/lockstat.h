/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Per-lock-class statistics, in the spirit of NetBSD's lockstat(8).
 *
 * A class is a lock init site: the lock_class_key that mutex_init() and
 * rw_init() already pass, with the lock's name. For each class and mode
 * (exclusive: adaptive and spin kmutexes, krwlock writers; shared: krwlock
 * readers) bsdcompat counts acquisitions, contended acquisitions (the fast
 * attempt failed, so the caller spun or slept), and the total and largest
 * wait and hold times in nanoseconds. Read holds are anonymous, so the
 * hold times of the shared mode are not measured and read as zero.
 *
 * It is off by default and switched at run time through debugfs. While off,
 * every hook is one static branch (a patched-out jump where the kernel has
 * jump labels). The file, bsdcompat/lockstat, reads as
 *
 *   # bsdcompat-lockstat v1 enabled=E dropped=D: type acquired contended wait_ns wait_max_ns hold_ns hold_max_ns name
 *
 * then one line per class and mode, in the order the classes were first
 * seen: type is "adaptive", "spin", "rw_write" or "rw_read" (an rwlock
 * class has one line of each), six decimal counters, then the name, which
 * runs to the end of the line and may contain spaces. D counts
 * acquisitions that went unrecorded because no class record could be had.
 * Writing "enable", "disable" or "clear" (zero every counter) controls it.
 * Documentation/lockstat.md says more; tools/bsdlockstat parses it.
 *
 * The hooks below are for bsdcompat's own lock implementations only.
 */
#ifndef _BSDCOMPAT_LOCKSTAT_H_
#define _BSDCOMPAT_LOCKSTAT_H_

#include <linux/jump_label.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct lock_class_key;
struct bsd_lockstat_class;

/*
 * What every kmutex and krwlock carries: its class key, its class record
 * once one exists, and when its exclusive holder took it (written only by
 * that holder; 0 when unknown).
 */
struct bsd_lockstat_lock {
	const struct lock_class_key	*ls_key;
	struct bsd_lockstat_class	*ls_class;
	u64				ls_held_since;
};

/* The kind of lock and the mode in one: what a hook is told. */
enum bsd_lockstat_kind {
	BSD_LOCKSTAT_ADAPTIVE,
	BSD_LOCKSTAT_SPIN,
	BSD_LOCKSTAT_RW_WRITE,
	BSD_LOCKSTAT_RW_READ,
};

/* One mode of one class, summed over the CPUs. */
struct bsd_lockstat_counts {
	u64	acquired;
	u64	contended;
	u64	wait_ns;
	u64	wait_max_ns;
	u64	hold_ns;
	u64	hold_max_ns;
};

/* A class's numbers: excl for kmutexes and writers, shared for readers. */
struct bsd_lockstat_stats {
	enum bsd_lockstat_kind		kind;	/* ADAPTIVE, SPIN or RW_WRITE */
	struct bsd_lockstat_counts	excl;
	struct bsd_lockstat_counts	shared;
};

void bsd_lockstat_enable(void);
void bsd_lockstat_disable(void);
void bsd_lockstat_clear(void);
int bsd_lockstat_read(const struct lock_class_key *key,
		      struct bsd_lockstat_stats *st);
u64 bsd_lockstat_dropped(void);

/* ---------------------------------------------------------------------- */
/* Hooks for the lock implementations                                      */

DECLARE_STATIC_KEY_FALSE(bsd_lockstat_on);

void __bsd_lockstat_acquired(struct bsd_lockstat_lock *ls, const char *name,
			     enum bsd_lockstat_kind kind, u64 wait_start);
u64 __bsd_lockstat_contended(struct bsd_lockstat_lock *ls, const char *name,
			     enum bsd_lockstat_kind kind);
void __bsd_lockstat_release(struct bsd_lockstat_lock *ls);
void __bsd_lockstat_raw_spin_lock(raw_spinlock_t *lock,
				  struct bsd_lockstat_lock *ls,
				  const char *name);

/* At init: remember the class key; nothing is recorded until enabled. */
static inline void bsd_lockstat_init(struct bsd_lockstat_lock *ls,
				     const struct lock_class_key *key)
{
	ls->ls_key = key;
	ls->ls_class = NULL;
	ls->ls_held_since = 0;
}

/*
 * The fast attempt failed and the caller is about to spin or sleep: count a
 * contended acquisition now (so that it shows while the wait lasts) and
 * return when the wait began, or 0 when not recording.
 */
static __always_inline u64 bsd_lockstat_contended(struct bsd_lockstat_lock *ls,
						  const char *name,
						  enum bsd_lockstat_kind kind)
{
	if (static_branch_unlikely(&bsd_lockstat_on))
		return __bsd_lockstat_contended(ls, name, kind);
	return 0;
}

/*
 * Taken: without waiting (@wait_start 0), or after waiting since
 * @wait_start (from bsd_lockstat_contended()). An exclusive hold starts its
 * clock here.
 */
static __always_inline void bsd_lockstat_acquired(struct bsd_lockstat_lock *ls,
						  const char *name,
						  enum bsd_lockstat_kind kind,
						  u64 wait_start)
{
	if (static_branch_unlikely(&bsd_lockstat_on))
		__bsd_lockstat_acquired(ls, name, kind, wait_start);
}

/* About to give up an exclusive hold; the lock is still the caller's. */
static __always_inline void bsd_lockstat_release(struct bsd_lockstat_lock *ls)
{
	if (static_branch_unlikely(&bsd_lockstat_on))
		__bsd_lockstat_release(ls);
}

/* raw_spin_lock() for spin kmutexes, recording the acquisition too. */
static __always_inline void bsd_lockstat_raw_spin_lock(raw_spinlock_t *lock,
						       struct bsd_lockstat_lock *ls,
						       const char *name)
{
	if (static_branch_unlikely(&bsd_lockstat_on))
		__bsd_lockstat_raw_spin_lock(lock, ls, name);
	else
		raw_spin_lock(lock);
}

#endif /* _BSDCOMPAT_LOCKSTAT_H_ */
