// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * FreeBSD rwlock(9), and what it shares with sx(9) (kern_sx.c).
 *
 * Both are the core reader/writer engine (core/rwlock.h) that NetBSD's
 * krwlock uses too: one word, waiters on a turnstile keyed by the lock's
 * address, writers preferred, atomic upgrade and downgrade, and nothing
 * touched after the release, so a lock may be freed right after its last
 * unlock. This file adds FreeBSD's side, in fbsd_rwc_*(), for both:
 *
 *  - Exclusive recursion (SX_RECURSE, RW_RECURSE): a depth that only the
 *    write holder reads and writes; only the outermost hold is the
 *    engine's, WITNESS's and lockdep's.
 *  - Recursive read holds. FreeBSD counts each thread's read holds
 *    (td_rw_rlocks, td_sx_slocks) and lets a thread that has one past a
 *    waiting writer, which could be waiting for that very hold. Linux's
 *    task_struct has no room for a module's counter, so read holds are
 *    counted in a small table of counters hashed by task: a thread whose
 *    counter is non-zero passes waiting writers (BSD_RW_PASS) while the
 *    lock is read-held. Another thread hashing to the same counter may
 *    pass too; that costs the writer some fairness, never correctness.
 *  - WITNESS (core/witness.c) tracks every hold: sx as sleepable, rw as
 *    not, so that sleeping with an rw lock is reported by the sleep code.
 *  - Lockdep sees exclusive holds and recursive read holds, one class per
 *    init call site; DUPOK and NOWITNESS locks are not validated.
 *  - lc_unlock/lc_lock (sleep(9), condvar(9)) give up the whole hold,
 *    recursion included, and take it back the same way.
 */
#include <linux/export.h>
#include <linux/hash.h>
#include <linux/sched.h>
#include <linux/stdarg.h>

#include <sys/rwlock.h>
#include <sys/sx.h>
#include <bsdcompat/lockdebug.h>
#include <bsdcompat/spl.h>
#include <bsdcompat/witness.h>

#include "../core/rwlock.h"
#include "freebsd.h"
#include "rwcommon.h"

#define RWC_MAGIC	0x66727763u	/* "frwc" */
#define RWC_DEAD	0x66726465u	/* destroyed */

/* struct sx and struct rwlock as this file sees them. */
struct fbsd_rwobj {
	struct lock_object	lo;
	struct freebsd_rwcore	rc;
};

static_assert(offsetof(struct rwlock, rw_core) ==
	      offsetof(struct fbsd_rwobj, rc));
static_assert(offsetof(struct sx, sx_core) ==
	      offsetof(struct fbsd_rwobj, rc));

static __always_inline struct freebsd_rwcore *rwc(const struct lock_object *lo)
{
	return &container_of(lo, struct fbsd_rwobj, lo)->rc;
}

#ifdef CONFIG_DEBUG_LOCK_ALLOC
#define rwc_dep_map(rc)		(&(rc)->rc_dep_map)
#else
#define rwc_dep_map(rc)		NULL
#endif

/* ---------------------------------------------------------------------- */
/* Read holds per thread                                                   */

#define RDHOLD_BITS	8

struct rdhold {
	atomic_t	n;
} ____cacheline_aligned_in_smp;

static struct rdhold rdholds[1 << RDHOLD_BITS];

static __always_inline atomic_t *rdhold(void)
{
	return &rdholds[hash_ptr(current, RDHOLD_BITS)].n;
}

/* ---------------------------------------------------------------------- */
/* Reports                                                                 */

static __printf(5, 6)
void rwc_error(const struct lock_object *lo, const struct lock_class *lc,
	       const char *op, unsigned long ip, const char *fmt, ...)
{
	char what[128];
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	bsd_lock_error(lc->lc_name, op, lo, lo->lo_name, ip, "%s", what);
}

static noinline void rwc_bad(const struct lock_object *lo,
			     const struct lock_class *lc, const char *op,
			     unsigned long ip)
{
	if (READ_ONCE(rwc(lo)->rc_magic) == RWC_DEAD)
		rwc_error(lo, lc, op, ip, "use of destroyed lock");
	else
		bsd_lock_error(lc->lc_name, op, lo, "", ip,
			       "uninitialized lock");
}

static __always_inline bool rwc_ok(const struct lock_object *lo,
				   const struct lock_class *lc,
				   const char *op, unsigned long ip)
{
	if (likely(READ_ONCE(rwc(lo)->rc_magic) == RWC_MAGIC))
		return true;
	rwc_bad(lo, lc, op, ip);
	return false;
}

static __always_inline long rwc_word(const struct lock_object *lo)
{
	return bsd_rw_word(&rwc(lo)->rc_word);
}

/* ---------------------------------------------------------------------- */
/* Bookkeeping of a hold: WITNESS, lockdep, the read-hold counters         */

static void rwc_lockdep_acquire(struct freebsd_rwcore *rc, unsigned int how,
				int trylock, unsigned long ip)
{
	if (how & BSD_RW_WRITER)
		lock_acquire_exclusive(rwc_dep_map(rc), 0, trylock, NULL, ip);
	else
		lock_acquire_shared_recursive(rwc_dep_map(rc), 0, trylock,
					      NULL, ip);
}

/* The caller now holds @lo as @how (the outermost hold). */
static void rwc_held(struct lock_object *lo, const struct lock_class *lc,
		     unsigned int how, unsigned long ip)
{
	if (!(how & BSD_RW_WRITER))
		atomic_inc(rdhold());
	if (!(lo->lo_flags & FREEBSD_LO_NOWITNESS))
		bsd_witness_acquire(lo, lo->lo_name, lc->lc_name,
				    lc->lc_flags & LC_SLEEPABLE, ip);
}

/* The caller is about to let go of its hold on @lo. */
static void rwc_releasing(struct lock_object *lo, bool shared,
			  unsigned long ip)
{
	if (!(lo->lo_flags & FREEBSD_LO_NOWITNESS))
		bsd_witness_release(lo);
	lock_release(rwc_dep_map(rwc(lo)), ip);
	if (shared)
		atomic_dec(rdhold());
}

/* ---------------------------------------------------------------------- */
/* Init and destroy                                                        */

void fbsd_rwc_init(struct lock_object *lo, const struct lock_class *lc,
		   const char *name, int opts, struct lock_class_key *key,
		   const char *op, unsigned long ip)
{
	static struct lock_class_key novalidate_key;
	struct freebsd_rwcore *rc = rwc(lo);

	if (!name)
		name = lc->lc_name;
	if (!(opts & FREEBSD_LO_NEW) &&
	    unlikely(READ_ONCE(rc->rc_magic) == RWC_MAGIC)) {
		bsd_lock_error(lc->lc_name, op, lo, name, ip,
			       "already initialized");
		if (bsd_rw_word(&rc->rc_word))
			return;		/* in use: re-initialising corrupts */
	}
	if (opts & ~FREEBSD_LO_OPTS)
		bsd_lock_error(lc->lc_name, op, lo, name, ip,
			       "unknown options %#x", opts & ~FREEBSD_LO_OPTS);
	lo->lo_name = name;
	lo->lo_class = lc;
	lo->lo_flags = opts & FREEBSD_LO_OPTS & ~FREEBSD_LO_NEW;
	atomic_long_set(&rc->rc_word, 0);
	rc->rc_recurse = 0;
	/*
	 * DUPOK: several locks of the class are held together on purpose;
	 * NOWITNESS: order is not to be checked. Lockdep validates neither.
	 */
	if (opts & (FREEBSD_LO_DUPOK | FREEBSD_LO_NOWITNESS)) {
		key = &novalidate_key;
#ifdef CONFIG_DEBUG_LOCK_ALLOC
		key = &__lockdep_no_validate__;
#endif
	}
	lockdep_init_map_wait(rwc_dep_map(rc), name, key, 0, LD_WAIT_SLEEP);
	WRITE_ONCE(rc->rc_magic, RWC_MAGIC);
}

void fbsd_rwc_destroy(struct lock_object *lo, const struct lock_class *lc,
		      const char *op, unsigned long ip)
{
	struct freebsd_rwcore *rc = rwc(lo);

	if (!rwc_ok(lo, lc, op, ip))
		return;
	if (bsd_rw_word(&rc->rc_word)) {
		rwc_error(lo, lc, op, ip, "destroying a lock that is held");
		return;
	}
	WRITE_ONCE(rc->rc_magic, RWC_DEAD);
}

/* ---------------------------------------------------------------------- */
/* Acquire                                                                 */

/*
 * The caller holds @lo for write already: recurse if the lock allows it,
 * otherwise report and refuse (waiting would never end).
 * Return: 0 if recursed, EDEADLK if refused.
 */
static int rwc_recurse(struct lock_object *lo, const struct lock_class *lc,
		       const char *op, unsigned long ip)
{
	if (lo->lo_flags & FREEBSD_LO_RECURSE) {
		rwc(lo)->rc_recurse++;
		return 0;
	}
	rwc_error(lo, lc, op, ip, "recursed on non-recursive lock");
	return EDEADLK;
}

/*
 * Interrupt context, or a spin mutex held: report, then busy-wait. A
 * reader that gave up would be told apart from the others by nobody when
 * it unlocks, so there is no giving up; the report comes first.
 */
static noinline int rwc_lock_atomic(struct lock_object *lo,
				    const struct lock_class *lc,
				    unsigned int how, const char *op,
				    unsigned long ip)
{
	struct freebsd_rwcore *rc = rwc(lo);

	rwc_error(lo, lc, op, ip, bsd_intr_context() ?
		  "acquiring a blocking lock from interrupt context" :
		  "acquiring a blocking lock with a spin mutex held");
	if (bsd_rw_writer_is_current(bsd_rw_word(&rc->rc_word)))
		return EDEADLK;	/* the interrupted thread holds it */
	if (!(how & BSD_RW_WRITER) && atomic_read(rdhold()))
		how |= BSD_RW_PASS;
	while (!bsd_rw_try(&rc->rc_word, how))
		cpu_relax();
	rwc_lockdep_acquire(rc, how, 1, ip);
	rwc_held(lo, lc, how, ip);
	return 0;
}

/*
 * Take @lo as @how (BSD_RW_WRITER or shared, BSD_RW_INTR).
 * Return: 0 when held (or recursed); EINTR or ERESTART when a signal
 * ended the wait (BSD_RW_INTR); EINVAL or EDEADLK when refused after a
 * report.
 */
int fbsd_rwc_lock(struct lock_object *lo, const struct lock_class *lc,
		  unsigned int how, const char *op, unsigned long ip)
{
	struct freebsd_rwcore *rc = rwc(lo);
	int error;
	long w;

	if (unlikely(!rwc_ok(lo, lc, op, ip)))
		return EINVAL;
	how &= ~BSD_RW_PASS;
	if (unlikely(!bsd_lock_may_block()))
		return rwc_lock_atomic(lo, lc, how & ~BSD_RW_INTR, op, ip);
	w = bsd_rw_word(&rc->rc_word);
	if (unlikely(bsd_rw_writer_is_current(w))) {
		if (how & BSD_RW_WRITER)
			return rwc_recurse(lo, lc, op, ip);
		rwc_error(lo, lc, op, ip,
			  "shared lock requested by its exclusive holder");
		return EDEADLK;
	}
	if (!(how & BSD_RW_WRITER) && atomic_read(rdhold()))
		how |= BSD_RW_PASS;
	if (IS_ENABLED(CONFIG_DEBUG_ATOMIC_SLEEP) && bsd_curipl() == BSD_IPL_NONE)
		might_sleep();
	rwc_lockdep_acquire(rc, how, 0, ip);
	if (unlikely(!bsd_rw_try(&rc->rc_word, how))) {
		lock_contended(rwc_dep_map(rc), ip);
		error = bsd_rw_wait(&rc->rc_word, lo, how);
		if (error) {
			lock_release(rwc_dep_map(rc), ip);
			return error;
		}
		lock_acquired(rwc_dep_map(rc), ip);
	}
	rwc_held(lo, lc, how, ip);
	return 0;
}

/*
 * Take @lo as @how if that needs no waiting; recursion as for a blocking
 * acquisition, but failing quietly. Return: 1 if held, 0 if not.
 */
int fbsd_rwc_trylock(struct lock_object *lo, const struct lock_class *lc,
		     unsigned int how, const char *op, unsigned long ip)
{
	struct freebsd_rwcore *rc = rwc(lo);
	long w;

	if (unlikely(!rwc_ok(lo, lc, op, ip)))
		return 0;
	w = bsd_rw_word(&rc->rc_word);
	if (bsd_rw_writer_is_current(w)) {
		if (!(how & BSD_RW_WRITER) ||
		    !(lo->lo_flags & FREEBSD_LO_RECURSE))
			return 0;
		rc->rc_recurse++;
		return 1;
	}
	if (!(how & BSD_RW_WRITER) && atomic_read(rdhold()))
		how |= BSD_RW_PASS;
	if (!bsd_rw_try(&rc->rc_word, how))
		return 0;
	rwc_lockdep_acquire(rc, how, 1, ip);
	rwc_held(lo, lc, how, ip);
	return 1;
}

/* ---------------------------------------------------------------------- */
/* Release                                                                 */

void fbsd_rwc_unlock(struct lock_object *lo, const struct lock_class *lc,
		     enum fbsd_rw_which which, const char *op,
		     unsigned long ip)
{
	struct freebsd_rwcore *rc = rwc(lo);
	long w;

	if (unlikely(!rwc_ok(lo, lc, op, ip)))
		return;
	w = bsd_rw_word(&rc->rc_word);
	if (w & BSD_RW_WRITE_LOCKED) {
		if (unlikely(!bsd_rw_writer_is_me(w))) {
			rwc_error(lo, lc, op, ip, which == FBSD_RW_SHARED ?
				  "not share locked" :
				  "not exclusively locked by the current thread");
			return;
		}
		if (unlikely(which == FBSD_RW_SHARED)) {
			rwc_error(lo, lc, op, ip,
				  "shared unlock of an exclusive hold");
			return;
		}
		if (rc->rc_recurse) {
			rc->rc_recurse--;
			return;
		}
		rwc_releasing(lo, false, ip);
		bsd_rw_exit_write(&rc->rc_word, lo, w);
		return;
	}
	if (unlikely(!bsd_rw_readers(w))) {
		rwc_error(lo, lc, op, ip, "not locked");
		return;
	}
	if (unlikely(which == FBSD_RW_EXCL)) {
		rwc_error(lo, lc, op, ip,
			  "not exclusively locked by the current thread");
		return;
	}
	rwc_releasing(lo, true, ip);
	bsd_rw_exit_read(&rc->rc_word, lo, w);
}

/* ---------------------------------------------------------------------- */
/* Upgrade, downgrade                                                      */

int fbsd_rwc_try_upgrade(struct lock_object *lo, const struct lock_class *lc,
			 const char *op, unsigned long ip)
{
	struct freebsd_rwcore *rc = rwc(lo);
	long w;

	if (unlikely(!rwc_ok(lo, lc, op, ip)))
		return 0;
	w = bsd_rw_word(&rc->rc_word);
	if (unlikely(!bsd_rw_readers(w))) {
		rwc_error(lo, lc, op, ip, "not share locked");
		return 0;
	}
	if (!bsd_rw_tryupgrade(&rc->rc_word, w))
		return 0;
	atomic_dec(rdhold());
	lock_release(rwc_dep_map(rc), ip);
	lock_acquire_exclusive(rwc_dep_map(rc), 0, 1, NULL, ip);
	return 1;
}

void fbsd_rwc_downgrade(struct lock_object *lo, const struct lock_class *lc,
			const char *op, unsigned long ip)
{
	struct freebsd_rwcore *rc = rwc(lo);
	long w;

	if (unlikely(!rwc_ok(lo, lc, op, ip)))
		return;
	w = bsd_rw_word(&rc->rc_word);
	if (unlikely(!bsd_rw_writer_is_me(w))) {
		rwc_error(lo, lc, op, ip,
			  "not exclusively locked by the current thread");
		return;
	}
	if (unlikely(rc->rc_recurse)) {
		rwc_error(lo, lc, op, ip, "downgrade of a recursed lock");
		return;
	}
	lock_release(rwc_dep_map(rc), ip);
	lock_acquire_shared_recursive(rwc_dep_map(rc), 0, 1, NULL, ip);
	atomic_inc(rdhold());
	bsd_rw_downgrade(&rc->rc_word, lo, w);
}

/* ---------------------------------------------------------------------- */
/* Predicates and assertions                                               */

bool fbsd_rwc_xlocked(const struct lock_object *lo)
{
	return bsd_rw_writer_is_me(rwc_word(lo));
}

struct thread *fbsd_rwc_xholder(const struct lock_object *lo)
{
	long w = rwc_word(lo);

	if (!(w & BSD_RW_WRITE_LOCKED))
		return NULL;
	return (struct thread *)bsd_owner_task(w);
}

bool fbsd_rwc_initialized(const struct lock_object *lo)
{
	return READ_ONCE(rwc(lo)->rc_magic) == RWC_MAGIC;
}

/*
 * Read holds are anonymous: LA_SLOCKED and LA_LOCKED are satisfied by
 * anyone's read hold, and LA_UNLOCKED only checks that the caller does not
 * hold the lock for write.
 */
void fbsd_rwc_assert(const struct lock_object *lo,
		     const struct lock_class *lc, int what, const char *file,
		     int line, const char *op, unsigned long ip)
{
	const struct freebsd_rwcore *rc = rwc(lo);
	const char *bad = NULL;
	bool mine;
	long w;

	if (unlikely(!rwc_ok(lo, lc, op, ip)))
		return;
	w = bsd_rw_word(&rc->rc_word);
	mine = bsd_rw_writer_is_me(w);
	switch (what & ~(LA_RECURSED | LA_NOTRECURSED)) {
	case LA_LOCKED:
		if (!mine && !bsd_rw_readers(w))
			bad = "not locked";
		break;
	case LA_SLOCKED:
		if (!bsd_rw_readers(w))
			bad = "not share locked";
		break;
	case LA_XLOCKED:
		if (!mine)
			bad = "not exclusively locked";
		break;
	case LA_UNLOCKED:
		if (mine)
			bad = "exclusively locked";
		if (what != LA_UNLOCKED && !bad)
			bad = "bad assertion";
		break;
	default:
		bad = "bad assertion";
	}
	if (!bad && mine) {
		if ((what & LA_RECURSED) && !rc->rc_recurse)
			bad = "not recursed";
		else if ((what & LA_NOTRECURSED) && rc->rc_recurse)
			bad = "recursed";
	} else if (!bad && (what & LA_RECURSED)) {
		bad = "not recursed";	/* only a write hold recurses */
	}
	if (unlikely(bad))
		rwc_error(lo, lc, op, ip, "%s @ %s:%d", bad, file, line);
}

/* ---------------------------------------------------------------------- */
/* Lock class methods, for sleep(9) and condvar(9)                         */

/*
 * sx and rw point their lock classes here directly, as for lc_owned: the
 * methods are only ever called through @lo's own class, so that is the
 * class to name in a report, and the caller is the sleep code.
 */
uintptr_t fbsd_rwc_lc_unlock(struct lock_object *lo)
{
	const struct lock_class *lc = LOCK_CLASS(lo);
	struct freebsd_rwcore *rc = rwc(lo);
	unsigned long ip = _RET_IP_;
	unsigned int depth;
	long w;

	if (unlikely(!rwc_ok(lo, lc, "lc_unlock", ip)))
		return 0;
	w = bsd_rw_word(&rc->rc_word);
	if (bsd_rw_writer_is_me(w)) {
		depth = rc->rc_recurse;
		rc->rc_recurse = 0;
		fbsd_rwc_unlock(lo, lc, FBSD_RW_EXCL, "lc_unlock", ip);
		return FREEBSD_RW_HOW_EXCL | FREEBSD_RW_HOW_DEPTH(depth);
	}
	fbsd_rwc_unlock(lo, lc, FBSD_RW_SHARED, "lc_unlock", ip);
	return bsd_rw_readers(w) ? FREEBSD_RW_HOW_SHARED : 0;
}

void fbsd_rwc_lc_lock(struct lock_object *lo, uintptr_t how)
{
	const struct lock_class *lc = LOCK_CLASS(lo);
	unsigned long ip = _RET_IP_;

	if (how & FREEBSD_RW_HOW_EXCL) {
		if (!fbsd_rwc_lock(lo, lc, BSD_RW_WRITER, "lc_lock", ip))
			rwc(lo)->rc_recurse = how >> 2;
	} else if (how & FREEBSD_RW_HOW_SHARED) {
		fbsd_rwc_lock(lo, lc, 0, "lc_lock", ip);
	}
}

bool fbsd_rwc_lc_owned(const struct lock_object *lo)
{
	long w = rwc_word(lo);

	return bsd_rw_writer_is_me(w) || bsd_rw_readers(w);
}

/* ---------------------------------------------------------------------- */
/* rwlock(9)                                                               */

#define RWLO(rw)	(&(rw)->lock_object)
#define RWC		(&freebsd_lock_class_rw)

/*
 * The lock class of rw locks: through it sleep(9) and condvar(9) give the
 * caller's hold up around a sleep and take it back the same way.
 *
 * Context: thread context; lc_lock may block, never sleeps.
 */
const struct lock_class freebsd_lock_class_rw = {
	.lc_name	= FREEBSD_RW_CLASS,
	.lc_flags	= LC_SLEEPLOCK | LC_RECURSABLE | LC_UPGRADABLE,
	.lc_unlock	= fbsd_rwc_lc_unlock,
	.lc_lock	= fbsd_rwc_lc_lock,
	.lc_owned	= fbsd_rwc_lc_owned,
};
EXPORT_SYMBOL_NS_GPL(freebsd_lock_class_rw, BSDCOMPAT);

/**
 * freebsd_rw_init() - initialise an rw lock (rw_init(), rw_init_flags())
 * @rw: the lock
 * @name: its name, for WITNESS, lockdep and reports (the pointer is kept)
 * @opts: RW_DUPOK, RW_NOPROFILE, RW_NOWITNESS, RW_QUIET, RW_RECURSE, RW_NEW
 * @key: the lockdep class (the macros pass one per call site)
 *
 * Initialising a live lock again without RW_NEW is reported; a held one
 * is left alone.
 *
 * Context: any; does not sleep.
 */
void freebsd_rw_init(struct rwlock *rw, const char *name, int opts,
		     struct lock_class_key *key)
{
	fbsd_rwc_init(RWLO(rw), RWC, name, opts, key, "rw_init", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_rw_init, BSDCOMPAT);

/**
 * freebsd_rw_destroy() - tear down an rw lock (rw_destroy())
 * @rw: the lock; neither held nor waited for
 *
 * Destroying a lock in use is reported and refused.
 *
 * Context: any; does not sleep.
 */
void freebsd_rw_destroy(struct rwlock *rw)
{
	fbsd_rwc_destroy(RWLO(rw), RWC, "rw_destroy", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_rw_destroy, BSDCOMPAT);

/**
 * freebsd_rw_rlock() - acquire an rw lock for read (rw_rlock())
 * @rw: the lock
 *
 * Waits while a writer holds it, or while one waits unless the caller
 * holds a read lock already. Read holds may recurse. Waiting spins while
 * the writer runs and sleeps otherwise, with the IPL lowered and the big
 * lock given up (both come back). The caller must not sleep while it
 * holds the lock.
 *
 * Context: thread context. From interrupt context or with a spin mutex
 * held it is reported and busy-waits.
 */
void freebsd_rw_rlock(struct rwlock *rw)
{
	fbsd_rwc_lock(RWLO(rw), RWC, 0, "rw_rlock", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_rw_rlock, BSDCOMPAT);

/**
 * freebsd_rw_wlock() - acquire an rw lock for write (rw_wlock())
 * @rw: the lock
 *
 * Waits while anyone holds it. A write holder may take it again if it was
 * initialised with RW_RECURSE; otherwise that is reported and refused.
 *
 * Context: as freebsd_rw_rlock().
 */
void freebsd_rw_wlock(struct rwlock *rw)
{
	fbsd_rwc_lock(RWLO(rw), RWC, BSD_RW_WRITER, "rw_wlock", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_rw_wlock, BSDCOMPAT);

/**
 * freebsd_rw_try_rlock() - acquire an rw lock for read without waiting
 * @rw: the lock
 *
 * Context: any context but NMI; never sleeps or spins.
 * Return: non-zero if acquired, 0 if not.
 */
int freebsd_rw_try_rlock(struct rwlock *rw)
{
	return fbsd_rwc_trylock(RWLO(rw), RWC, 0, "rw_try_rlock", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_rw_try_rlock, BSDCOMPAT);

/**
 * freebsd_rw_try_wlock() - acquire an rw lock for write without waiting
 * @rw: the lock
 *
 * The write holder of an RW_RECURSE lock recurses; of another it fails.
 *
 * Context: any context but NMI; never sleeps or spins.
 * Return: non-zero if acquired, 0 if not.
 */
int freebsd_rw_try_wlock(struct rwlock *rw)
{
	return fbsd_rwc_trylock(RWLO(rw), RWC, BSD_RW_WRITER, "rw_try_wlock",
				_RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_rw_try_wlock, BSDCOMPAT);

/**
 * freebsd_rw_runlock() - release a read hold (rw_runlock())
 * @rw: the lock, read-held by the caller
 *
 * Once released the lock is not touched again: it may be freed at once.
 *
 * Context: the context that took it; never sleeps.
 */
void freebsd_rw_runlock(struct rwlock *rw)
{
	fbsd_rwc_unlock(RWLO(rw), RWC, FBSD_RW_SHARED, "rw_runlock", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_rw_runlock, BSDCOMPAT);

/**
 * freebsd_rw_wunlock() - release a write hold (rw_wunlock())
 * @rw: the lock, write-held by the caller
 *
 * A recursed hold goes down one level; the last release lets go, after
 * which the lock is not touched again.
 *
 * Context: the context that took it; never sleeps.
 */
void freebsd_rw_wunlock(struct rwlock *rw)
{
	fbsd_rwc_unlock(RWLO(rw), RWC, FBSD_RW_EXCL, "rw_wunlock", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_rw_wunlock, BSDCOMPAT);

/**
 * freebsd_rw_unlock() - release a read or write hold (rw_unlock())
 * @rw: the lock, held by the caller
 *
 * Context: the context that took it; never sleeps.
 */
void freebsd_rw_unlock(struct rwlock *rw)
{
	fbsd_rwc_unlock(RWLO(rw), RWC, FBSD_RW_ANY, "rw_unlock", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_rw_unlock, BSDCOMPAT);

/**
 * freebsd_rw_try_upgrade() - turn the caller's read hold into a write hold
 * @rw: the lock, read-held by the caller
 *
 * Succeeds only if the caller is the only reader, in one atomic step.
 *
 * Context: thread context; never sleeps.
 * Return: non-zero if the caller now holds @rw for write; 0, with the read
 * hold kept, if not.
 */
int freebsd_rw_try_upgrade(struct rwlock *rw)
{
	return fbsd_rwc_try_upgrade(RWLO(rw), RWC, "rw_try_upgrade", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_rw_try_upgrade, BSDCOMPAT);

/**
 * freebsd_rw_downgrade() - turn the caller's write hold into a read hold
 * @rw: the lock, write-held (not recursed) by the caller
 *
 * Atomic: the lock is held throughout. Waiting readers get in unless a
 * writer waits too.
 *
 * Context: thread context; never sleeps.
 */
void freebsd_rw_downgrade(struct rwlock *rw)
{
	fbsd_rwc_downgrade(RWLO(rw), RWC, "rw_downgrade", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_rw_downgrade, BSDCOMPAT);

/**
 * freebsd_rw_wowned() - does the caller hold the lock for write
 * @rw: the lock
 *
 * Context: any.
 * Return: non-zero if the calling thread holds @rw for write.
 */
int freebsd_rw_wowned(const struct rwlock *rw)
{
	return fbsd_rwc_xlocked(RWLO(rw));
}
EXPORT_SYMBOL_NS_GPL(freebsd_rw_wowned, BSDCOMPAT);

/**
 * freebsd_rw_initialized() - is the lock initialised and not destroyed
 * @rw: the lock
 *
 * Context: any.
 * Return: non-zero if initialised.
 */
int freebsd_rw_initialized(const struct rwlock *rw)
{
	return fbsd_rwc_initialized(RWLO(rw));
}
EXPORT_SYMBOL_NS_GPL(freebsd_rw_initialized, BSDCOMPAT);

/**
 * freebsd_rw_assert() - check how the lock is held (rw_assert())
 * @rw: the lock
 * @what: RA_LOCKED, RA_RLOCKED, RA_WLOCKED or RA_UNLOCKED, the first and
 *	third optionally with RA_RECURSED or RA_NOTRECURSED
 * @file: the caller's file
 * @line: the caller's line
 *
 * A failed assertion is reported with @file:@line. Read holds are
 * anonymous: RA_RLOCKED means read-held by someone.
 *
 * Context: any.
 */
void freebsd_rw_assert(const struct rwlock *rw, int what, const char *file,
		       int line)
{
	fbsd_rwc_assert(RWLO(rw), RWC, what, file, line, "rw_assert", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_rw_assert, BSDCOMPAT);
