// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * FreeBSD mutex(9): sleep mutexes, spin mutexes and Giant.
 *
 * Sleep mutexes are built like NetBSD's adaptive kmutex (netbsd/
 * kern_mutex.c says why not on Linux's struct mutex: mutex_unlock() may
 * touch the mutex after another thread has taken it, and BSD drivers free
 * objects under their own mutex; spl#421, zfs#6401). The mutex is an owner
 * word with a WAITERS bit; waiters spin while the owner runs and otherwise
 * sleep on a core turnstile keyed by the mutex's address. mtx_unlock()
 * releases with one atomic operation and from then on uses only the
 * address. A recursion count, written by the owner only, serves
 * MTX_RECURSE.
 *
 * Spin mutexes are a raw_spinlock_t taken inside spinlock_enter() (kern_
 * critical.c): interrupts off on this CPU, a critical section, counted as a
 * held spin lock so that every bsdcompat sleep refuses. A raw spinlock
 * still spins on PREEMPT_RT, so "interrupts off, no preemption" holds
 * there too: the guarantee that Linux-on-FreeBSD lost when it mapped
 * spin_lock() onto a sleepable mutex (drm-kmod#388).
 *
 * Giant is the core's big lock (core/biglock.c), the same lock as NetBSD's
 * kernel_lock and the Digital UNIX funnel: mtx_lock(&Giant) adds a hold.
 *
 * Lockdep sees each mutex as a class per mtx_init() call site; the
 * per-thread witness list (core/witness.c) sees each held mutex.
 */
#include <linux/export.h>
#include <linux/hardirq.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/string.h>

#include <sys/mutex.h>
#include <bsdcompat/biglock.h>
#include <bsdcompat/lockdebug.h>
#include <bsdcompat/witness.h>

#include "../core/adaptive.h"
#include "freebsd.h"

#define FREEBSD_MTX_DEAD	0x6d747864u	/* "mtxd": destroyed */

/* The owner word's flag bits (core/adaptive.h leaves three to us). */
#define MTXW_WAITERS		0x1UL	/* someone sleeps for it: wake on unlock */
#define MTXW_UNTRACKED		0x2UL	/* taken without lockdep (misuse path) */
#define MTXW_FLAGS		(MTXW_WAITERS | MTXW_UNTRACKED)

static inline long owner_id(long w)
{
	return w & ~MTXW_FLAGS;
}

static inline long mtx_word(const struct mtx *m)
{
	return atomic_long_read(&m->mtx_lock);
}

static inline bool mtx_is_spin(const struct mtx *m)
{
	return m->lock_object.lo_flags & MTX_SPIN;
}

static inline bool mtx_opt(const struct mtx *m, unsigned int opt)
{
	return m->lock_object.lo_flags & opt;
}

static inline const char *mtx_cls(const struct mtx *m)
{
	return mtx_is_spin(m) ? FREEBSD_MTX_SPIN_CLASS : FREEBSD_MTX_CLASS;
}

#ifdef CONFIG_DEBUG_LOCK_ALLOC
#define mtx_dep_map(m)	(&(m)->mtx_dep_map)
#else
#define mtx_dep_map(m)	NULL
#endif

static __printf(4, 5)
void mtx_error(const struct mtx *m, const char *op, unsigned long ip,
	       const char *fmt, ...)
{
	struct va_format vaf;
	va_list ap;

	va_start(ap, fmt);
	vaf.fmt = fmt;
	vaf.va = &ap;
	bsd_lock_error(mtx_cls(m), op, m, m->lock_object.lo_name, ip, "%pV",
		       &vaf);
	va_end(ap);
}

/* Report a mutex that is not initialised; the caller refuses the op. */
static noinline void mtx_bad(const struct mtx *m, const char *op,
			     unsigned long ip)
{
	if (READ_ONCE(m->mtx_magic) == FREEBSD_MTX_DEAD)
		mtx_error(m, op, ip, "%s() of destroyed mutex", op);
	else
		bsd_lock_error(FREEBSD_MTX_CLASS, op, m, "", ip,
			       "%s() of uninitialized mutex", op);
}

static __always_inline bool mtx_ok(const struct mtx *m, const char *op,
				   unsigned long ip)
{
	if (likely(READ_ONCE(m->mtx_magic) == FREEBSD_MTX_MAGIC))
		return true;
	mtx_bad(m, op, ip);
	return false;
}

/* Owned by the caller, in the caller's context? */
static __always_inline bool mtx_mine(const struct mtx *m)
{
	return owner_id(mtx_word(m)) == bsd_owner_id();
}

static inline void mtx_witness_acquire(struct mtx *m, unsigned long ip)
{
	if (!mtx_opt(m, MTX_NOWITNESS))
		bsd_witness_acquire(m, m->lock_object.lo_name, mtx_cls(m),
				    false, ip);
}

static inline void mtx_witness_release(struct mtx *m)
{
	if (!mtx_opt(m, MTX_NOWITNESS))
		bsd_witness_release(m);
}

/* A recursive acquisition by the owner; reported unless MTX_RECURSE. */
static void mtx_recurse(struct mtx *m, const char *op, unsigned long ip)
{
	if (unlikely(!mtx_opt(m, MTX_RECURSE)))
		mtx_error(m, op, ip, "recursed on non-recursive mutex %s",
			  m->lock_object.lo_name);
	m->mtx_recurse++;
}

/* ---------------------------------------------------------------------- */
/* Sleep mutexes                                                           */

/*
 * May the caller block? Not in an interrupt, with a spin lock held, or in a
 * critical section (the core counts critical sections as spin locks).
 */
static __always_inline bool mtx_may_block(void)
{
	return bsd_lock_may_block();
}

static __always_inline bool mtx_try(struct mtx *m, long me)
{
	long free = 0;

	return atomic_long_try_cmpxchg_acquire(&m->mtx_lock, &free, me);
}

/* Lockdep: MTX_DUPOK acquisitions are annotated as trylocks (see doc). */
static __always_inline void mtx_dep_acquire(struct mtx *m, int trylock,
					    unsigned long ip)
{
	mutex_acquire(mtx_dep_map(m), 0,
		      trylock || mtx_opt(m, MTX_DUPOK), ip);
}

static __always_inline void mtx_ls_acquired(struct mtx *m, u64 since)
{
	if (!mtx_opt(m, MTX_NOPROFILE))
		bsd_lockstat_acquired(&m->mtx_ls, m->lock_object.lo_name,
				      mtx_is_spin(m) ? BSD_LOCKSTAT_SPIN :
				      BSD_LOCKSTAT_ADAPTIVE, since);
}

static __always_inline void mtx_ls_release(struct mtx *m)
{
	if (!mtx_opt(m, MTX_NOPROFILE))
		bsd_lockstat_release(&m->mtx_ls);
}

/*
 * The caller must not block: say so, then busy-wait for a while as the
 * NetBSD kmutex does (the holder may need this CPU, so it may never come).
 * Lockdep is kept out of it: it would report the same misuse and switch
 * itself off.
 */
static noinline void mtx_sleep_lock_atomic(struct mtx *m, const char *op,
					   unsigned long ip)
{
	if (bsd_intr_context())
		mtx_error(m, op, ip,
			  "acquiring blockable sleep lock in interrupt context (%s) %s",
			  FREEBSD_MTX_CLASS, m->lock_object.lo_name);
	else
		mtx_error(m, op, ip,
			  "acquiring blockable sleep lock with spinlock or critical section held (%s) %s",
			  FREEBSD_MTX_CLASS, m->lock_object.lo_name);
	/* An interrupt on the owning thread: it cannot let go until we return. */
	if (bsd_owner_task(mtx_word(m)) == current) {
		mtx_error(m, op, ip, "mutex %s held by the interrupted thread: not acquired",
			  m->lock_object.lo_name);
		return;
	}
	if (!bsd_owner_busywait(&m->mtx_lock, bsd_owner_id() | MTXW_UNTRACKED)) {
		mtx_error(m, op, ip, "gave up waiting: not acquired");
		return;
	}
	mtx_witness_acquire(m, ip);
}

static noinline void mtx_sleep_lock_slow(struct mtx *m, unsigned long ip)
{
	u64 since = 0;

	mtx_dep_acquire(m, 0, ip);
	lock_contended(mtx_dep_map(m), ip);
	if (!mtx_opt(m, MTX_NOPROFILE))
		since = bsd_lockstat_contended(&m->mtx_ls,
					       m->lock_object.lo_name,
					       BSD_LOCKSTAT_ADAPTIVE);
	bsd_owner_wait(&m->mtx_lock, m, (long)current, MTXW_WAITERS);
	lock_acquired(mtx_dep_map(m), ip);
	mtx_ls_acquired(m, since);
}

static void mtx_sleep_lock(struct mtx *m, const char *op, unsigned long ip)
{
	if (unlikely(mtx_mine(m))) {
		mtx_recurse(m, op, ip);
		return;
	}
	if (unlikely(!mtx_may_block())) {
		mtx_sleep_lock_atomic(m, op, ip);
		return;
	}
	if (IS_ENABLED(CONFIG_DEBUG_ATOMIC_SLEEP) && bsd_curipl() == BSD_IPL_NONE)
		might_sleep();
	/* Thread context: current is the whole owner id. */
	if (likely(mtx_try(m, (long)current))) {
		mtx_dep_acquire(m, 0, ip);
		mtx_ls_acquired(m, 0);
	} else {
		mtx_sleep_lock_slow(m, ip);
	}
	mtx_witness_acquire(m, ip);
}

static void mtx_sleep_unlock(struct mtx *m, const char *op, unsigned long ip)
{
	long w = mtx_word(m);

	if (unlikely(owner_id(w) != bsd_owner_id())) {
		mtx_error(m, op, ip, "mutex %s not owned",
			  m->lock_object.lo_name);
		return;
	}
	if (m->mtx_recurse) {
		m->mtx_recurse--;
		return;
	}
	mtx_witness_release(m);
	mtx_ls_release(m);
	if (likely(!(w & MTXW_UNTRACKED)))
		mutex_release(mtx_dep_map(m), ip);
	/* The mutex may be freed as soon as it is released: see the top. */
	bsd_owner_release(&m->mtx_lock, m, w, MTXW_WAITERS);
}

static int mtx_sleep_trylock(struct mtx *m, const char *op, unsigned long ip)
{
	if (mtx_mine(m)) {
		if (!mtx_opt(m, MTX_RECURSE))
			return 0;
		m->mtx_recurse++;
		return 1;
	}
	if (unlikely(in_hardirq() || in_nmi())) {
		mtx_error(m, op, ip,
			  "acquiring blockable sleep lock in interrupt context (%s) %s",
			  FREEBSD_MTX_CLASS, m->lock_object.lo_name);
		return mtx_try(m, bsd_owner_id() | MTXW_UNTRACKED);
	}
	if (!mtx_try(m, bsd_owner_id()))
		return 0;
	mtx_dep_acquire(m, 1, ip);
	mtx_ls_acquired(m, 0);
	mtx_witness_acquire(m, ip);
	return 1;
}

/* ---------------------------------------------------------------------- */
/* Spin mutexes                                                            */

static void mtx_spin_lock(struct mtx *m, const char *op, unsigned long ip)
{
	freebsd_spinlock_enter();
	/* Interrupts are off: only we can have stored our own id. */
	if (unlikely(mtx_word(m) == bsd_owner_id())) {
		mtx_recurse(m, op, ip);
		return;
	}
	if (mtx_opt(m, MTX_DUPOK)) {
		/* Annotated as a trylock, so lockdep allows nesting. */
		while (!raw_spin_trylock(&m->mtx_spin)) {
			while (raw_spin_is_locked(&m->mtx_spin))
				cpu_relax();
		}
		mtx_ls_acquired(m, 0);
	} else if (mtx_opt(m, MTX_NOPROFILE)) {
		raw_spin_lock(&m->mtx_spin);
	} else {
		bsd_lockstat_raw_spin_lock(&m->mtx_spin, &m->mtx_ls,
					   m->lock_object.lo_name);
	}
	atomic_long_set(&m->mtx_lock, bsd_owner_id());
	mtx_witness_acquire(m, ip);
}

static void mtx_spin_unlock(struct mtx *m, const char *op, unsigned long ip)
{
	if (unlikely(mtx_word(m) != bsd_owner_id())) {
		mtx_error(m, op, ip, "mutex %s not owned",
			  m->lock_object.lo_name);
		return;
	}
	if (m->mtx_recurse) {
		m->mtx_recurse--;
		freebsd_spinlock_exit();
		return;
	}
	mtx_witness_release(m);
	mtx_ls_release(m);
	atomic_long_set(&m->mtx_lock, 0);
	raw_spin_unlock(&m->mtx_spin);
	/* The mutex may be freed from here on: do not dereference m. */
	freebsd_spinlock_exit();
}

static int mtx_spin_trylock(struct mtx *m, unsigned long ip)
{
	freebsd_spinlock_enter();
	if (mtx_word(m) == bsd_owner_id() || !raw_spin_trylock(&m->mtx_spin)) {
		freebsd_spinlock_exit();
		return 0;
	}
	atomic_long_set(&m->mtx_lock, bsd_owner_id());
	mtx_ls_acquired(m, 0);
	mtx_witness_acquire(m, ip);
	return 1;
}

/* ---------------------------------------------------------------------- */
/* Giant                                                                   */

static void giant_witness_acquire(unsigned long ip)
{
	bsd_witness_acquire(&Giant, "Giant", FREEBSD_MTX_CLASS, true, ip);
}

/*
 * The core reports a caller that must not block (interrupt context, spin
 * locks and critical sections held) and busy-waits for it.
 */
static void giant_lock(const char *op, unsigned long ip)
{
	bool first = !bsd_kernel_locked_p();

	bsd_kernel_lock(1, ip);
	if (first && bsd_kernel_locked_p())
		giant_witness_acquire(ip);
}

static void giant_unlock(const char *op, unsigned long ip)
{
	int depth = bsd_kernel_lock_depth();

	if (!depth) {
		mtx_error(&Giant, op, ip, "mutex %s not owned", "Giant");
		return;
	}
	if (depth == 1)
		bsd_witness_release(&Giant);
	bsd_kernel_unlock(1, NULL, ip);
}

/**
 * freebsd_giant_drop() - give up every hold on Giant (DROP_GIANT())
 *
 * Context: thread context; does not sleep.
 * Return: how many holds the caller had (0 if it did not hold Giant), to
 * pass to freebsd_giant_pickup().
 */
int freebsd_giant_drop(void)
{
	int n = bsd_kernel_lock_depth();

	if (!n)
		return 0;
	bsd_witness_release(&Giant);
	bsd_kernel_unlock(0, &n, _RET_IP_);
	return n;
}
EXPORT_SYMBOL_NS_GPL(freebsd_giant_drop, BSDCOMPAT);

/**
 * freebsd_giant_pickup() - take Giant back (PICKUP_GIANT())
 * @count: what freebsd_giant_drop() returned; 0 does nothing
 *
 * Context: thread context; may sleep.
 * Return: 0, always: the macros store it as the count left to take back,
 * and PICKUP_GIANT() ends its do-while block with it.
 */
int freebsd_giant_pickup(int count)
{
	bool first;

	if (count <= 0)
		return 0;
	first = !bsd_kernel_locked_p();
	bsd_kernel_lock(count, _RET_IP_);
	if (first && bsd_kernel_locked_p())
		giant_witness_acquire(_RET_IP_);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(freebsd_giant_pickup, BSDCOMPAT);

/* ---------------------------------------------------------------------- */
/* Lock classes, for sleep(9) and condvar(9)                              */

static uintptr_t mtx_lc_unlock(struct lock_object *lo)
{
	struct mtx *m = container_of(lo, struct mtx, lock_object);
	unsigned long ip = _RET_IP_;
	unsigned int r, i;

	if (m == &Giant) {
		r = freebsd_giant_drop();
		if (!r)
			mtx_error(m, "lc_unlock", ip, "mutex %s not owned",
				  "Giant");
		return r;
	}
	if (!mtx_ok(m, "lc_unlock", ip))
		return 0;
	if (!mtx_mine(m)) {
		mtx_error(m, "lc_unlock", ip, "mutex %s not owned",
			  lo->lo_name);
		return 0;
	}
	/*
	 * FreeBSD will not sleep with a recursed interlock. Report it, then
	 * give every level up and take them all back after the sleep: keeping
	 * the mutex would hang the waker.
	 */
	r = m->mtx_recurse;
	if (r)
		mtx_error(m, "lc_unlock", ip, "mutex %s recursed", lo->lo_name);
	for (i = 0; i <= r; i++) {
		if (mtx_is_spin(m))
			mtx_spin_unlock(m, "lc_unlock", ip);
		else
			mtx_sleep_unlock(m, "lc_unlock", ip);
	}
	return r + 1;
}

static void mtx_lc_lock(struct lock_object *lo, uintptr_t how)
{
	struct mtx *m = container_of(lo, struct mtx, lock_object);
	unsigned long ip = _RET_IP_;

	if (!how)
		return;		/* lc_unlock() found it not held */
	if (m == &Giant) {
		freebsd_giant_pickup(how);
		return;
	}
	if (!mtx_ok(m, "lc_lock", ip))
		return;
	if (mtx_is_spin(m)) {
		mtx_spin_lock(m, "lc_lock", ip);
		while (--how) {
			freebsd_spinlock_enter();
			m->mtx_recurse++;
		}
	} else {
		mtx_sleep_lock(m, "lc_lock", ip);
		m->mtx_recurse = how - 1;
	}
}

static bool mtx_lc_owned(const struct lock_object *lo)
{
	return freebsd_mtx_owned(container_of(lo, struct mtx, lock_object));
}

/*
 * The classes that mtx_init() sets in lo_class; sleep(9) and condvar(9)
 * give a mutex up and take it back through them.
 * Context: lc_unlock() and lc_lock() in the context that holds the mutex
 * (lc_lock() of a sleep mutex may sleep); lc_owned() anywhere.
 */
const struct lock_class freebsd_lock_class_mtx_sleep = {
	.lc_name	= FREEBSD_MTX_CLASS,
	.lc_flags	= LC_SLEEPLOCK | LC_RECURSABLE,
	.lc_unlock	= mtx_lc_unlock,
	.lc_lock	= mtx_lc_lock,
	.lc_owned	= mtx_lc_owned,
};
EXPORT_SYMBOL_NS_GPL(freebsd_lock_class_mtx_sleep, BSDCOMPAT);

/*
 * The class of spin mutexes.
 * Context: as freebsd_lock_class_mtx_sleep, but lc_lock() never sleeps.
 */
const struct lock_class freebsd_lock_class_mtx_spin = {
	.lc_name	= FREEBSD_MTX_SPIN_CLASS,
	.lc_flags	= LC_SPINLOCK | LC_RECURSABLE,
	.lc_unlock	= mtx_lc_unlock,
	.lc_lock	= mtx_lc_lock,
	.lc_owned	= mtx_lc_owned,
};
EXPORT_SYMBOL_NS_GPL(freebsd_lock_class_mtx_spin, BSDCOMPAT);

/*
 * Giant: its word and depth are the core's; this is its FreeBSD face.
 * Context: thread context, as a sleep mutex; every bsdcompat sleep gives
 * it up and takes it back.
 */
struct mtx freebsd_Giant = {
	.lock_object = {
		.lo_name	= "Giant",
		.lo_class	= &freebsd_lock_class_mtx_sleep,
		.lo_flags	= MTX_DEF | MTX_RECURSE,
	},
	.mtx_lock	= ATOMIC_LONG_INIT(0),
	.mtx_magic	= FREEBSD_MTX_MAGIC,
};
EXPORT_SYMBOL_NS_GPL(freebsd_Giant, BSDCOMPAT);

/* ---------------------------------------------------------------------- */
/* The API                                                                 */

/**
 * freebsd_mtx_init() - initialise a mutex (mtx_init())
 * @m: the mutex
 * @name: its name, for messages; the pointer is kept
 * @type: its type, naming its lockdep class; or NULL
 * @opts: MTX_DEF or MTX_SPIN, or'ed with MTX_RECURSE, MTX_NOWITNESS,
 *	MTX_DUPOK, MTX_NEW, MTX_QUIET, MTX_NOPROFILE
 * @ldname: the lockdep class name (mtx_init() passes @type if it is a
 *	string constant, else the mutex expression)
 * @key: the lockdep class (mtx_init() passes one per call site)
 *
 * Drivers call mtx_init(), which supplies @ldname and @key. Initialising
 * an initialised mutex without MTX_NEW is reported; if it is held, it is
 * left alone.
 *
 * Context: any; does not sleep.
 */
void freebsd_mtx_init(struct mtx *m, const char *name, const char *type,
		      int opts, const char *ldname, struct lock_class_key *key)
{
	unsigned long ip = _RET_IP_;
	bool spin = opts & MTX_SPIN;

	if (!name)
		name = type ? type : "";
	if (ldname[0] == '&')
		ldname++;
	if (unlikely(m == &Giant)) {
		mtx_error(m, "mtx_init", ip, "lock \"%s\" %p already initialized",
			  "Giant", m);
		return;
	}
	if (!(opts & MTX_NEW) &&
	    unlikely(READ_ONCE(m->mtx_magic) == FREEBSD_MTX_MAGIC)) {
		bsd_lock_error(spin ? FREEBSD_MTX_SPIN_CLASS : FREEBSD_MTX_CLASS,
			       "mtx_init", m, name, ip,
			       "lock \"%s\" %p already initialized", name, m);
		if (mtx_word(m))
			return;	/* held: re-initialising would corrupt it */
	}

#ifdef CONFIG_DEBUG_LOCK_ALLOC
	if (opts & MTX_NOWITNESS)
		key = &__lockdep_no_validate__;
#endif
	m->lock_object.lo_name = name;
	m->lock_object.lo_class = spin ? &freebsd_lock_class_mtx_spin :
					 &freebsd_lock_class_mtx_sleep;
	m->lock_object.lo_flags = opts;
	atomic_long_set(&m->mtx_lock, 0);
	m->mtx_recurse = 0;
	bsd_lockstat_init(&m->mtx_ls, key);
	if (spin) {
#ifdef CONFIG_DEBUG_SPINLOCK
		__raw_spin_lock_init(&m->mtx_spin, ldname, key, LD_WAIT_SPIN);
#else
		raw_spin_lock_init(&m->mtx_spin);
#endif
	} else {
		lockdep_init_map_wait(mtx_dep_map(m), ldname, key, 0,
				      LD_WAIT_SLEEP);
	}
	/* A diagnostic, not a publication: drivers publish the mutex. */
	WRITE_ONCE(m->mtx_magic, FREEBSD_MTX_MAGIC);
}
EXPORT_SYMBOL_NS_GPL(freebsd_mtx_init, BSDCOMPAT);

/**
 * freebsd_mtx_destroy() - tear down a mutex (mtx_destroy())
 * @m: the mutex: not held, or held once by the caller (it is released)
 *
 * Destroying a mutex that another thread holds, or that the caller holds
 * recursively, is reported and refused: it stays usable so that it can
 * still be released.
 *
 * Context: the context that may take it; does not sleep.
 */
void freebsd_mtx_destroy(struct mtx *m)
{
	unsigned long ip = _RET_IP_;
	long w;

	if (unlikely(m == &Giant)) {
		mtx_error(m, "mtx_destroy", ip, "mtx_destroy() of Giant");
		return;
	}
	if (!mtx_ok(m, "mtx_destroy", ip))
		return;
	w = mtx_word(m);
	if (w) {
		if (owner_id(w) != bsd_owner_id()) {
			mtx_error(m, "mtx_destroy", ip,
				  "mutex %s held by another thread",
				  m->lock_object.lo_name);
			return;
		}
		if (m->mtx_recurse) {
			mtx_error(m, "mtx_destroy", ip, "mutex %s recursed",
				  m->lock_object.lo_name);
			return;
		}
		/* Dead first: nothing may take it once it is released. */
		WRITE_ONCE(m->mtx_magic, FREEBSD_MTX_DEAD);
		if (mtx_is_spin(m))
			mtx_spin_unlock(m, "mtx_destroy", ip);
		else
			mtx_sleep_unlock(m, "mtx_destroy", ip);
		return;
	}
	WRITE_ONCE(m->mtx_magic, FREEBSD_MTX_DEAD);
}
EXPORT_SYMBOL_NS_GPL(freebsd_mtx_destroy, BSDCOMPAT);

/**
 * freebsd_mtx_lock() - acquire a sleep mutex (mtx_lock())
 * @m: the mutex
 *
 * Spins while the owner runs and sleeps otherwise; a thread at a raised
 * IPL sleeps at IPL_NONE and gets its IPL back, and one holding Giant
 * gives it up while it sleeps. The owner may take it again only with
 * MTX_RECURSE (otherwise that is reported, and counted all the same).
 * Used on a spin mutex, it is reported and the mutex is taken as one.
 *
 * Context: thread context, may sleep. In interrupt context, in a critical
 * section or with a spin mutex held it is reported and busy-waits for at
 * most 100 ms.
 */
void freebsd_mtx_lock(struct mtx *m)
{
	unsigned long ip = _RET_IP_;

	if (m == &Giant) {
		giant_lock("mtx_lock", ip);
		return;
	}
	if (unlikely(!mtx_ok(m, "mtx_lock", ip)))
		return;
	if (unlikely(mtx_is_spin(m))) {
		mtx_error(m, "mtx_lock", ip, "mtx_lock() of spin mutex %s",
			  m->lock_object.lo_name);
		mtx_spin_lock(m, "mtx_lock", ip);
		return;
	}
	mtx_sleep_lock(m, "mtx_lock", ip);
}
EXPORT_SYMBOL_NS_GPL(freebsd_mtx_lock, BSDCOMPAT);

/**
 * freebsd_mtx_unlock() - release a sleep mutex (mtx_unlock())
 * @m: the mutex, held by the caller
 *
 * A recursed mutex drops one level. The last release never touches the
 * mutex again, so another thread may take it and free it at once. Release
 * by a thread that does not hold it is reported and refused.
 *
 * Context: the context that took it; does not sleep.
 */
void freebsd_mtx_unlock(struct mtx *m)
{
	unsigned long ip = _RET_IP_;

	if (m == &Giant) {
		giant_unlock("mtx_unlock", ip);
		return;
	}
	if (unlikely(!mtx_ok(m, "mtx_unlock", ip)))
		return;
	if (unlikely(mtx_is_spin(m))) {
		mtx_error(m, "mtx_unlock", ip, "mtx_unlock() of spin mutex %s",
			  m->lock_object.lo_name);
		mtx_spin_unlock(m, "mtx_unlock", ip);
		return;
	}
	mtx_sleep_unlock(m, "mtx_unlock", ip);
}
EXPORT_SYMBOL_NS_GPL(freebsd_mtx_unlock, BSDCOMPAT);

/**
 * freebsd_mtx_trylock() - acquire a sleep mutex if it is free (mtx_trylock())
 * @m: the mutex
 *
 * Held by the caller, it succeeds (recursing) with MTX_RECURSE and fails
 * otherwise, without a report. Giant recurses.
 *
 * Context: thread context; never sleeps or spins. In hard interrupt
 * context it is reported, and tried all the same.
 * Return: non-zero if the mutex was acquired.
 */
int freebsd_mtx_trylock(struct mtx *m)
{
	unsigned long ip = _RET_IP_;

	if (m == &Giant) {
		bool mine = bsd_kernel_locked_p();

		if (!bsd_kernel_trylock(ip))
			return 0;
		if (!mine)
			giant_witness_acquire(ip);
		return 1;
	}
	if (unlikely(!mtx_ok(m, "mtx_trylock", ip)))
		return 0;
	if (unlikely(mtx_is_spin(m))) {
		mtx_error(m, "mtx_trylock", ip,
			  "mtx_trylock() of spin mutex %s",
			  m->lock_object.lo_name);
		return mtx_spin_trylock(m, ip);
	}
	return mtx_sleep_trylock(m, "mtx_trylock", ip);
}
EXPORT_SYMBOL_NS_GPL(freebsd_mtx_trylock, BSDCOMPAT);

/**
 * freebsd_mtx_lock_spin() - acquire a spin mutex (mtx_lock_spin())
 * @m: the mutex
 *
 * Enters a spinlock section (interrupts off on this CPU, a critical
 * section), then spins. The owner may take it again only with
 * MTX_RECURSE (otherwise that is reported, and counted all the same).
 * Used on a sleep mutex, it is reported and the mutex is taken as one.
 *
 * Context: any; does not sleep.
 */
void freebsd_mtx_lock_spin(struct mtx *m)
{
	unsigned long ip = _RET_IP_;

	if (unlikely(m == &Giant || !mtx_ok(m, "mtx_lock_spin", ip) ||
		     !mtx_is_spin(m))) {
		if (m != &Giant && READ_ONCE(m->mtx_magic) != FREEBSD_MTX_MAGIC)
			return;
		mtx_error(m, "mtx_lock_spin", ip,
			  "mtx_lock_spin() of sleep mutex %s",
			  m->lock_object.lo_name);
		if (m == &Giant)
			giant_lock("mtx_lock_spin", ip);
		else
			mtx_sleep_lock(m, "mtx_lock_spin", ip);
		return;
	}
	mtx_spin_lock(m, "mtx_lock_spin", ip);
}
EXPORT_SYMBOL_NS_GPL(freebsd_mtx_lock_spin, BSDCOMPAT);

/**
 * freebsd_mtx_unlock_spin() - release a spin mutex (mtx_unlock_spin())
 * @m: the mutex, held by the caller
 *
 * Leaves the spinlock section: the last one restores the interrupt state.
 * Used on a sleep mutex, it is reported and the mutex released as one.
 *
 * Context: the context that took it; does not sleep.
 */
void freebsd_mtx_unlock_spin(struct mtx *m)
{
	unsigned long ip = _RET_IP_;

	if (unlikely(m == &Giant || !mtx_ok(m, "mtx_unlock_spin", ip) ||
		     !mtx_is_spin(m))) {
		if (m != &Giant && READ_ONCE(m->mtx_magic) != FREEBSD_MTX_MAGIC)
			return;
		mtx_error(m, "mtx_unlock_spin", ip,
			  "mtx_unlock_spin() of sleep mutex %s",
			  m->lock_object.lo_name);
		if (m == &Giant)
			giant_unlock("mtx_unlock_spin", ip);
		else
			mtx_sleep_unlock(m, "mtx_unlock_spin", ip);
		return;
	}
	mtx_spin_unlock(m, "mtx_unlock_spin", ip);
}
EXPORT_SYMBOL_NS_GPL(freebsd_mtx_unlock_spin, BSDCOMPAT);

/**
 * freebsd_mtx_trylock_spin() - acquire a spin mutex if it is free
 *	(mtx_trylock_spin())
 * @m: the mutex
 *
 * Context: any; never spins.
 * Return: non-zero if the mutex was acquired; 0 if it is held, by the
 * caller too (recursion is not tried).
 */
int freebsd_mtx_trylock_spin(struct mtx *m)
{
	unsigned long ip = _RET_IP_;

	if (unlikely(m == &Giant || !mtx_ok(m, "mtx_trylock_spin", ip) ||
		     !mtx_is_spin(m))) {
		if (m != &Giant && READ_ONCE(m->mtx_magic) != FREEBSD_MTX_MAGIC)
			return 0;
		mtx_error(m, "mtx_trylock_spin", ip,
			  "mtx_trylock_spin() of sleep mutex %s",
			  m->lock_object.lo_name);
		if (m == &Giant)
			return 0;
		return mtx_sleep_trylock(m, "mtx_trylock_spin", ip);
	}
	return mtx_spin_trylock(m, ip);
}
EXPORT_SYMBOL_NS_GPL(freebsd_mtx_trylock_spin, BSDCOMPAT);

/**
 * freebsd_mtx_owned() - does the caller hold the mutex (mtx_owned())
 * @m: the mutex
 *
 * Context: any.
 * Return: non-zero if the calling thread, in its current context, holds it.
 */
int freebsd_mtx_owned(const struct mtx *m)
{
	if (m == &Giant)
		return bsd_kernel_locked_p();
	return mtx_mine(m);
}
EXPORT_SYMBOL_NS_GPL(freebsd_mtx_owned, BSDCOMPAT);

/**
 * freebsd_mtx_recursed() - is the mutex held recursively (mtx_recursed())
 * @m: the mutex, held by the caller
 *
 * Context: any; only meaningful to the owner.
 * Return: non-zero if the owner holds it more than once.
 */
int freebsd_mtx_recursed(const struct mtx *m)
{
	if (m == &Giant)
		return bsd_kernel_lock_depth() > 1;
	return READ_ONCE(m->mtx_recurse) != 0;
}
EXPORT_SYMBOL_NS_GPL(freebsd_mtx_recursed, BSDCOMPAT);

/**
 * freebsd_mtx_owner() - the thread holding a mutex (mtx_owner())
 * @m: the mutex
 *
 * For Giant, whoever holds the big lock (NetBSD's kernel_lock and the
 * Digital UNIX funnel are the same lock).
 *
 * Context: any. The answer may be stale as soon as it is returned.
 * Return: the owning thread, or NULL if the mutex is free.
 */
struct thread *freebsd_mtx_owner(const struct mtx *m)
{
	if (m == &Giant)
		return (struct thread *)bsd_kernel_lock_owner();
	return (struct thread *)bsd_owner_task(mtx_word(m));
}
EXPORT_SYMBOL_NS_GPL(freebsd_mtx_owner, BSDCOMPAT);

/**
 * freebsd_mtx_assert() - check how the caller holds a mutex (mtx_assert())
 * @m: the mutex
 * @what: MA_OWNED (optionally | MA_RECURSED or | MA_NOTRECURSED), or
 *	MA_NOTOWNED
 * @file: the caller's source file
 * @line: the caller's line
 *
 * A failed assertion is reported with @file and @line; nothing else
 * happens.
 *
 * Context: any.
 */
void freebsd_mtx_assert(const struct mtx *m, int what, const char *file,
			int line)
{
	unsigned long ip = _RET_IP_;
	const char *name = m->lock_object.lo_name;

	file = kbasename(file);
	if (m != &Giant && !mtx_ok(m, "mtx_assert", ip))
		return;
	switch (what) {
	case MA_OWNED:
	case MA_OWNED | MA_RECURSED:
	case MA_OWNED | MA_NOTRECURSED:
		if (!freebsd_mtx_owned(m)) {
			mtx_error(m, "mtx_assert", ip,
				  "mutex %s not owned at %s:%d", name, file, line);
		} else if (freebsd_mtx_recursed(m)) {
			if (what & MA_NOTRECURSED)
				mtx_error(m, "mtx_assert", ip,
					  "mutex %s recursed at %s:%d", name,
					  file, line);
		} else if (what & MA_RECURSED) {
			mtx_error(m, "mtx_assert", ip,
				  "mutex %s unrecursed at %s:%d", name, file,
				  line);
		}
		break;
	case MA_NOTOWNED:
		if (freebsd_mtx_owned(m))
			mtx_error(m, "mtx_assert", ip,
				  "mutex %s owned at %s:%d", name, file, line);
		break;
	default:
		mtx_error(m, "mtx_assert", ip, "unknown mtx_assert at %s:%d",
			  file, line);
		break;
	}
}
EXPORT_SYMBOL_NS_GPL(freebsd_mtx_assert, BSDCOMPAT);

/**
 * freebsd_mtx_sysinit() - initialise a mutex declared with MTX_SYSINIT()
 * @ma: its arguments (name_mtx_args)
 *
 * Context: thread context (module init).
 */
void freebsd_mtx_sysinit(const struct mtx_args *ma)
{
	freebsd_mtx_init(ma->ma_mtx, ma->ma_desc, NULL, ma->ma_opts,
			 ma->ma_desc, ma->ma_key);
}
EXPORT_SYMBOL_NS_GPL(freebsd_mtx_sysinit, BSDCOMPAT);

/**
 * freebsd_mtx_sysuninit() - destroy a mutex declared with MTX_SYSINIT()
 * @ma: its arguments (name_mtx_args)
 *
 * Context: thread context (module exit).
 */
void freebsd_mtx_sysuninit(const struct mtx_args *ma)
{
	freebsd_mtx_destroy(ma->ma_mtx);
}
EXPORT_SYMBOL_NS_GPL(freebsd_mtx_sysuninit, BSDCOMPAT);
