// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * NetBSD mutex(9): adaptive and spin kmutexes.
 *
 * Adaptive mutexes are not built on Linux's struct mutex. mutex_unlock() may
 * still touch the mutex after another task has taken it (mutex-design.rst
 * says so), and BSD drivers free objects under their own mutex: thread A
 * exits, thread B enters, exits and frees, and A's unlock is still running.
 * OpenZFS's SPL hit this (spl#421, zfs#2523) and fixed it with a spinlock in
 * every mutex held across mutex_unlock(), then hit it again when its lockdep
 * hook read the mutex after that spinlock (zfs#6401, spl#637).
 *
 * bsdcompat does what NetBSD does instead: the mutex is one word, the owner
 * with a WAITERS bit, and waiters sleep on a turnstile outside the mutex
 * (core/turnstile.c). mutex_exit() releases with one atomic operation and
 * from then on uses only the mutex's address, to wake the waiters; the
 * memory may already be someone else's. Contenders spin while the owner is
 * on a CPU, as Linux's mutex does, and sleep when it is not. Like NetBSD's,
 * the release wakes all waiters; they race again.
 *
 * Spin mutexes are a raw_spinlock_t (it still spins on PREEMPT_RT) with the
 * IPL raised before it is taken; raw_spin_unlock() is one of the Linux
 * primitives that promise not to touch the lock after the release.
 *
 * Lockdep sees every acquire and release, with one class per mutex_init()
 * call site. The owner field is our own; Linux's lock internals are never
 * read (SPL tried three times and backed each out).
 */
#include <linux/export.h>
#include <linux/hardirq.h>
#include <linux/preempt.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include <sys/mutex.h>
#include <bsdcompat/lockdebug.h>

#include "../core/adaptive.h"
#include "../core/turnstile.h"

#define KMUTEX_MAGIC		0x6b6d7478u	/* "kmtx" */
#define KMUTEX_DEAD		0x6b646561u	/* destroyed */

/*
 * The owner word (core/adaptive.h): the owning task and its context level,
 * and two flags of ours below them.
 */
#define KMUTEX_WAITERS		0x1UL	/* someone sleeps for it: wake on exit */
#define KMUTEX_UNTRACKED	0x2UL	/* taken without lockdep (misuse path) */
#define KMUTEX_FLAGS		(KMUTEX_WAITERS | KMUTEX_UNTRACKED)

/* Owner and context, without the flags. */
static inline long owner_id(long owner)
{
	return owner & ~KMUTEX_FLAGS;
}

static inline long kmutex_word(const kmutex_t *mtx)
{
	return atomic_long_read(&mtx->mtx_owner);
}

#ifdef CONFIG_DEBUG_LOCK_ALLOC
#define kmutex_dep_map(mtx)	(&(mtx)->mtx_dep_map)
#else
#define kmutex_dep_map(mtx)	NULL
#endif

static void kmutex_error(const kmutex_t *mtx, const char *op,
			 unsigned long ip, const char *msg)
{
	bsd_lock_error("Mutex", op, mtx, mtx->mtx_name, ip, "%s", msg);
}

/*
 * Report a kmutex that is not initialised; the caller then refuses the op.
 * A destroyed one still has its name (a string from its init site).
 */
static noinline void kmutex_bad(const kmutex_t *mtx, const char *op,
				unsigned long ip)
{
	if (READ_ONCE(mtx->mtx_magic) == KMUTEX_DEAD)
		kmutex_error(mtx, op, ip, "destroyed lock");
	else
		bsd_lock_error("Mutex", op, mtx, "", ip, "uninitialized lock");
}

static __always_inline bool kmutex_ok(const kmutex_t *mtx, const char *op,
				      unsigned long ip)
{
	if (likely(READ_ONCE(mtx->mtx_magic) == KMUTEX_MAGIC))
		return true;
	kmutex_bad(mtx, op, ip);
	return false;
}

/* ---------------------------------------------------------------------- */
/* Adaptive mutexes                                                        */

static __always_inline bool kmutex_adaptive_try(kmutex_t *mtx, long owner)
{
	long free = 0;

	return atomic_long_try_cmpxchg_acquire(&mtx->mtx_owner, &free, owner);
}

/*
 * The caller must not block (interrupt context, or a spin mutex held): say
 * so, then busy-wait for the mutex. That can deadlock (the holder may need
 * this CPU to make progress), so it gives up after 100 ms (adaptive.c),
 * says so, and returns without the mutex. Lockdep is kept out of it (it
 * would report the same misuse and switch itself off).
 */
static noinline void kmutex_enter_atomic(kmutex_t *mtx, const char *op,
					 unsigned long ip)
{
	kmutex_error(mtx, op, ip, in_interrupt() ?
		     "acquiring sleep lock from interrupt context" :
		     "acquiring sleep lock with spin mutex held");
	if (bsd_owner_task(kmutex_word(mtx)) == current) {
		kmutex_error(mtx, op, ip, "locking against myself");
		return;
	}
	if (!bsd_owner_busywait(&mtx->mtx_owner,
				bsd_owner_id() | KMUTEX_UNTRACKED))
		kmutex_error(mtx, op, ip, "gave up waiting: not acquired");
}

static noinline void kmutex_adaptive_enter_slow(kmutex_t *mtx, const char *op,
						int sub, unsigned long ip)
{
	u64 lsw;

	if (bsd_owner_task(kmutex_word(mtx)) == current) {
		/* Refuse: entering would deadlock; the holder is us. */
		kmutex_error(mtx, op, ip, "locking against myself");
		return;
	}

	mutex_acquire(kmutex_dep_map(mtx), sub, 0, ip);
	lock_contended(kmutex_dep_map(mtx), ip);
	lsw = bsd_lockstat_contended(&mtx->mtx_ls, mtx->mtx_name, BSD_LOCKSTAT_ADAPTIVE);
	bsd_owner_wait(&mtx->mtx_owner, mtx, (long)current, KMUTEX_WAITERS);
	lock_acquired(kmutex_dep_map(mtx), ip);
	bsd_lockstat_acquired(&mtx->mtx_ls, mtx->mtx_name, BSD_LOCKSTAT_ADAPTIVE, lsw);
}

static __always_inline void kmutex_adaptive_enter(kmutex_t *mtx, const char *op,
						  int sub, unsigned long ip)
{
	if (unlikely(!bsd_lock_may_block())) {
		kmutex_enter_atomic(mtx, op, ip);
		return;
	}
	if (IS_ENABLED(CONFIG_DEBUG_ATOMIC_SLEEP) && bsd_curipl() == IPL_NONE)
		might_sleep();
	/* Thread context (bsd_lock_may_block()): current is the whole owner id. */
	if (likely(kmutex_adaptive_try(mtx, (long)current))) {
		mutex_acquire(kmutex_dep_map(mtx), sub, 0, ip);
		bsd_lockstat_acquired(&mtx->mtx_ls, mtx->mtx_name, BSD_LOCKSTAT_ADAPTIVE, 0);
		return;
	}
	kmutex_adaptive_enter_slow(mtx, op, sub, ip);
}

static __always_inline void kmutex_adaptive_exit(kmutex_t *mtx, const char *op,
						 unsigned long ip)
{
	long owner = kmutex_word(mtx);

	if (unlikely(owner_id(owner) != bsd_owner_id())) {
		kmutex_error(mtx, op, ip, owner ? "not held by current LWP" :
			     "not locked");
		return;
	}
	bsd_lockstat_release(&mtx->mtx_ls);
	if (likely(!(owner & KMUTEX_UNTRACKED)))
		mutex_release(kmutex_dep_map(mtx), ip);
	/* The mutex may be freed as soon as it is released: see the top. */
	bsd_owner_release(&mtx->mtx_owner, mtx, owner, KMUTEX_WAITERS);
}

/* ---------------------------------------------------------------------- */
/* Spin mutexes                                                            */

static __always_inline void kmutex_spin_enter(kmutex_t *mtx, const char *op,
					      int sub, unsigned long ip)
{
	int s;

	if (unlikely(bsd_owner_task(kmutex_word(mtx)) == current)) {
		kmutex_error(mtx, op, ip, "locking against myself");
		return;
	}
	s = bsd_splraise(mtx->mtx_ipl);
	if (likely(!sub))
		bsd_lockstat_raw_spin_lock(&mtx->mtx_spin, &mtx->mtx_ls,
					   mtx->mtx_name);
	else	/* lockstat does not see nested spin acquisitions */
		raw_spin_lock_nested(&mtx->mtx_spin, sub);
	atomic_long_set(&mtx->mtx_owner, bsd_owner_id());
	bsd_spin_acquired(mtx->mtx_ipl, s, mtx, mtx->mtx_name);
}

static __always_inline void kmutex_spin_exit(kmutex_t *mtx, const char *op,
					     unsigned long ip)
{
	long owner = kmutex_word(mtx);
	int s;

	if (unlikely(owner != bsd_owner_id())) {
		kmutex_error(mtx, op, ip, owner ? "not held by current CPU" :
			     "exiting unheld spin mutex");
		return;
	}
	s = bsd_spin_releasing(mtx->mtx_ipl);
	bsd_lockstat_release(&mtx->mtx_ls);
	atomic_long_set(&mtx->mtx_owner, 0);
	raw_spin_unlock(&mtx->mtx_spin);
	/* The mutex may be freed from here on: do not dereference mtx. */
	if (s >= 0)
		bsd_splx(s);
}

/* ---------------------------------------------------------------------- */
/* The API                                                                 */

/* For "allocation contains active lock" (core/lockreg.c). */
static bool kmutex_lockreg_held(const void *lock)
{
	return kmutex_word(lock) != 0;
}

static const struct bsd_lockreg_ops kmutex_lockreg_ops = {
	.lo_class	= "Mutex",
	.lo_held	= kmutex_lockreg_held,
};

/**
 * netbsd_mutex_init() - initialise a kmutex (mutex_init())
 * @mtx: the mutex
 * @type: MUTEX_DEFAULT, MUTEX_DRIVER, MUTEX_ADAPTIVE, MUTEX_SPIN or
 *	MUTEX_NODEBUG
 * @ipl: the highest IPL from which the mutex is taken
 * @name: the lock's name for lockdep and messages (mutex_init() passes the
 *	expression it was given)
 * @key: the lockdep class (mutex_init() passes one per call site)
 *
 * Drivers call mutex_init(), which supplies @name and @key.
 *
 * Context: any; does not sleep.
 */
void netbsd_mutex_init(kmutex_t *mtx, kmutex_type_t type, int ipl,
		       const char *name, struct lock_class_key *key)
{
	unsigned long ip = _RET_IP_;
	bool spin;

	if (name[0] == '&')
		name++;
	if (unlikely(READ_ONCE(mtx->mtx_magic) == KMUTEX_MAGIC)) {
		bsd_lock_error("Mutex", "mutex_init", mtx, name, ip,
			       "already initialized");
		if (kmutex_word(mtx))
			return;		/* held: re-initialising would corrupt it */
	}
	if (unlikely(ipl < IPL_NONE || ipl > IPL_HIGH)) {
		bsd_lock_error("Mutex", "mutex_init", mtx, name, ip,
			       "bad IPL %d, using IPL_HIGH", ipl);
		ipl = IPL_HIGH;
	}

	switch (type) {
	case MUTEX_SPIN:
		spin = true;
		break;
	case MUTEX_ADAPTIVE:
		if (ipl != IPL_NONE)
			bsd_lock_error("Mutex", "mutex_init", mtx, name, ip,
				       "MUTEX_ADAPTIVE at %s", bsd_ipl_name(ipl));
		fallthrough;
	case MUTEX_DEFAULT:
	case MUTEX_DRIVER:
	case MUTEX_NODEBUG:
		spin = ipl >= IPL_VM;
		break;
	default:
		bsd_lock_error("Mutex", "mutex_init", mtx, name, ip,
			       "impossible type %d", type);
		spin = ipl >= IPL_VM;
		break;
	}

#ifdef CONFIG_DEBUG_LOCK_ALLOC
	if (type == MUTEX_NODEBUG)
		key = &__lockdep_no_validate__;
#endif
	atomic_long_set(&mtx->mtx_owner, 0);
	mtx->mtx_name = name;
	mtx->mtx_ipl = ipl;
	mtx->mtx_type = spin ? KMUTEX_SPIN : KMUTEX_ADAPTIVE;
	bsd_lockstat_init(&mtx->mtx_ls, key);
	if (spin) {
#ifdef CONFIG_DEBUG_SPINLOCK
		__raw_spin_lock_init(&mtx->mtx_spin, name, key, LD_WAIT_SPIN);
#else
		raw_spin_lock_init(&mtx->mtx_spin);
#endif
	} else {
		lockdep_init_map_wait(kmutex_dep_map(mtx), name, key, 0,
				      LD_WAIT_SLEEP);
	}
	/*
	 * The magic number last. It is a diagnostic, not a publication: other
	 * threads learn of the mutex through the driver's own synchronisation.
	 */
	WRITE_ONCE(mtx->mtx_magic, KMUTEX_MAGIC);
	bsd_lockdebug_register(mtx, name, &kmutex_lockreg_ops);
}
EXPORT_SYMBOL_NS_GPL(netbsd_mutex_init, BSDCOMPAT);

/* Destroy unless held; return whether it was destroyed. */
static bool kmutex_destroy(kmutex_t *mtx, const char *op, unsigned long ip)
{
	if (!kmutex_ok(mtx, op, ip))
		return false;
	if (kmutex_word(mtx)) {
		kmutex_error(mtx, op, ip, "is locked or in use");
		return false;
	}
	WRITE_ONCE(mtx->mtx_magic, KMUTEX_DEAD);
	bsd_lockdebug_unregister(mtx);
	return true;
}

/**
 * netbsd_mutex_destroy() - tear down a kmutex (mutex_destroy())
 * @mtx: the mutex; it must not be held
 *
 * Destroying a held mutex is reported and refused: the mutex stays usable
 * so its holder can still release it.
 *
 * Context: any; does not sleep.
 */
void netbsd_mutex_destroy(kmutex_t *mtx)
{
	kmutex_destroy(mtx, "mutex_destroy", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_mutex_destroy, BSDCOMPAT);

/**
 * netbsd_mutex_enter() - acquire a kmutex (mutex_enter())
 * @mtx: the mutex
 *
 * An adaptive mutex spins while its owner runs and sleeps otherwise; a
 * thread at a raised IPL sleeps at IPL_NONE and gets its IPL back. A spin
 * mutex raises the IPL to its own, then spins. Recursion is reported and
 * refused.
 *
 * Context: adaptive: thread context, may sleep (from interrupt context or
 * with a spin mutex held it is reported and busy-waits instead). Spin: any
 * context whose IPL is not above the mutex's; does not sleep.
 */
void netbsd_mutex_enter(kmutex_t *mtx)
{
	unsigned long ip = _RET_IP_;

	if (unlikely(!kmutex_ok(mtx, "mutex_enter", ip)))
		return;
	if (mtx->mtx_type == KMUTEX_SPIN)
		kmutex_spin_enter(mtx, "mutex_enter", 0, ip);
	else
		kmutex_adaptive_enter(mtx, "mutex_enter", 0, ip);
}
EXPORT_SYMBOL_NS_GPL(netbsd_mutex_enter, BSDCOMPAT);

/**
 * netbsd_mutex_enter_nested() - acquire a kmutex of a class already held
 *	(mutex_enter_nested(), a bsdcompat extension)
 * @mtx: the mutex
 * @subclass: lockdep subclass, 1 to MAX_LOCKDEP_SUBCLASSES - 1: the depth
 *	of this mutex among the held mutexes of its class
 *
 * NetBSD has no lock-order checker that groups locks by class, so its
 * drivers take two mutexes of one class (a parent and a child object)
 * without saying so; lockdep calls that recursive locking. This tells it
 * the order is deliberate, as Linux's mutex_lock_nested() does. Otherwise
 * exactly mutex_enter().
 *
 * Context: as netbsd_mutex_enter().
 */
void netbsd_mutex_enter_nested(kmutex_t *mtx, int subclass)
{
	unsigned long ip = _RET_IP_;

	if (unlikely(!kmutex_ok(mtx, "mutex_enter_nested", ip)))
		return;
	if (unlikely(subclass < 0 || subclass >= MAX_LOCKDEP_SUBCLASSES)) {
		kmutex_error(mtx, "mutex_enter_nested", ip, "bad lockdep subclass");
		subclass = 0;
	}
	if (mtx->mtx_type == KMUTEX_SPIN)
		kmutex_spin_enter(mtx, "mutex_enter_nested", subclass, ip);
	else
		kmutex_adaptive_enter(mtx, "mutex_enter_nested", subclass, ip);
}
EXPORT_SYMBOL_NS_GPL(netbsd_mutex_enter_nested, BSDCOMPAT);

/**
 * netbsd_mutex_exit() - release a kmutex (mutex_exit())
 * @mtx: the mutex, held by the caller
 *
 * After the release the mutex is not touched again, so another thread may
 * take it and free its memory at once. Release by a thread (or CPU) that
 * does not hold it is reported and refused.
 *
 * Context: the context that entered it; does not sleep.
 */
void netbsd_mutex_exit(kmutex_t *mtx)
{
	unsigned long ip = _RET_IP_;

	if (unlikely(!kmutex_ok(mtx, "mutex_exit", ip)))
		return;
	if (mtx->mtx_type == KMUTEX_SPIN)
		kmutex_spin_exit(mtx, "mutex_exit", ip);
	else
		kmutex_adaptive_exit(mtx, "mutex_exit", ip);
}
EXPORT_SYMBOL_NS_GPL(netbsd_mutex_exit, BSDCOMPAT);

/**
 * netbsd_mutex_tryenter() - acquire a kmutex if it is free (mutex_tryenter())
 * @mtx: the mutex
 *
 * Context: as netbsd_mutex_enter(), but never sleeps or spins. An adaptive
 * mutex from hard interrupt context is reported (and tried all the same).
 * Return: non-zero if the mutex was acquired, 0 if it is held (also if held
 * by the caller).
 */
int netbsd_mutex_tryenter(kmutex_t *mtx)
{
	unsigned long ip = _RET_IP_;
	int s;

	if (unlikely(!kmutex_ok(mtx, "mutex_tryenter", ip)))
		return 0;
	if (mtx->mtx_type == KMUTEX_ADAPTIVE) {
		if (unlikely(in_hardirq() || in_nmi())) {
			kmutex_error(mtx, "mutex_tryenter", ip,
				     "acquiring sleep lock from interrupt context");
			return kmutex_adaptive_try(mtx, bsd_owner_id() | KMUTEX_UNTRACKED);
		}
		if (!kmutex_adaptive_try(mtx, bsd_owner_id()))
			return 0;
		mutex_acquire(kmutex_dep_map(mtx), 0, 1, ip);
		bsd_lockstat_acquired(&mtx->mtx_ls, mtx->mtx_name, BSD_LOCKSTAT_ADAPTIVE, 0);
		return 1;
	}
	/* Held by us (or the thread we interrupted): a UP trylock would "win". */
	if (bsd_owner_task(kmutex_word(mtx)) == current)
		return 0;
	s = bsd_splraise(mtx->mtx_ipl);
	if (!raw_spin_trylock(&mtx->mtx_spin)) {
		bsd_splx(s);
		return 0;
	}
	atomic_long_set(&mtx->mtx_owner, bsd_owner_id());
	bsd_spin_acquired(mtx->mtx_ipl, s, mtx, mtx->mtx_name);
	bsd_lockstat_acquired(&mtx->mtx_ls, mtx->mtx_name, BSD_LOCKSTAT_SPIN, 0);
	return 1;
}
EXPORT_SYMBOL_NS_GPL(netbsd_mutex_tryenter, BSDCOMPAT);

/**
 * netbsd_mutex_spin_enter() - acquire a spin kmutex (mutex_spin_enter())
 * @mtx: the mutex, which must be a spin mutex
 *
 * Used on an adaptive mutex, it is reported and the mutex is entered as
 * adaptive.
 *
 * Context: any context whose IPL is not above the mutex's; does not sleep.
 */
void netbsd_mutex_spin_enter(kmutex_t *mtx)
{
	unsigned long ip = _RET_IP_;

	if (unlikely(!kmutex_ok(mtx, "mutex_spin_enter", ip)))
		return;
	if (likely(mtx->mtx_type == KMUTEX_SPIN)) {
		kmutex_spin_enter(mtx, "mutex_spin_enter", 0, ip);
		return;
	}
	kmutex_error(mtx, "mutex_spin_enter", ip, "not a spin mutex");
	kmutex_adaptive_enter(mtx, "mutex_spin_enter", 0, ip);
}
EXPORT_SYMBOL_NS_GPL(netbsd_mutex_spin_enter, BSDCOMPAT);

/**
 * netbsd_mutex_spin_exit() - release a spin kmutex (mutex_spin_exit())
 * @mtx: the mutex, which must be a spin mutex held by this CPU
 *
 * Used on an adaptive mutex, it is reported and the mutex is released as
 * adaptive.
 *
 * Context: the context that entered it; does not sleep.
 */
void netbsd_mutex_spin_exit(kmutex_t *mtx)
{
	unsigned long ip = _RET_IP_;

	if (unlikely(!kmutex_ok(mtx, "mutex_spin_exit", ip)))
		return;
	if (likely(mtx->mtx_type == KMUTEX_SPIN)) {
		kmutex_spin_exit(mtx, "mutex_spin_exit", ip);
		return;
	}
	kmutex_error(mtx, "mutex_spin_exit", ip, "not a spin mutex");
	kmutex_adaptive_exit(mtx, "mutex_spin_exit", ip);
}
EXPORT_SYMBOL_NS_GPL(netbsd_mutex_spin_exit, BSDCOMPAT);

/**
 * netbsd_mutex_owned() - does the caller hold the mutex (mutex_owned())
 * @mtx: the mutex
 *
 * For diagnostic assertions only. An adaptive mutex is owned by the calling
 * thread; a spin mutex by the calling CPU (NetBSD only promises "held by
 * someone" there, so never assert !mutex_owned() on a spin mutex).
 *
 * Context: any.
 * Return: non-zero if the caller holds @mtx.
 */
int netbsd_mutex_owned(const kmutex_t *mtx)
{
	return owner_id(kmutex_word(mtx)) == bsd_owner_id();
}
EXPORT_SYMBOL_NS_GPL(netbsd_mutex_owned, BSDCOMPAT);

/**
 * netbsd_mutex_owner() - the thread holding a mutex (mutex_owner())
 * @mtx: the mutex
 *
 * Context: any. The answer may be stale as soon as it is returned.
 * Return: the owning task, or NULL if the mutex is free.
 */
struct task_struct *netbsd_mutex_owner(const kmutex_t *mtx)
{
	return bsd_owner_task(kmutex_word(mtx));
}
EXPORT_SYMBOL_NS_GPL(netbsd_mutex_owner, BSDCOMPAT);

/* ---------------------------------------------------------------------- */
/* Reference-counted mutexes                                               */

#define KMUTEXOBJ_MAGIC		0x6b6d6f62u	/* "kmob" */

struct kmutexobj {
	kmutex_t	mo_lock;
	u32		mo_magic;
	refcount_t	mo_refcnt;
};

static struct kmutexobj *kmutexobj(kmutex_t *mtx, const char *op,
				   unsigned long ip)
{
	struct kmutexobj *mo = container_of(mtx, struct kmutexobj, mo_lock);

	if (likely(mo->mo_magic == KMUTEXOBJ_MAGIC))
		return mo;
	bsd_lock_error("Mutex", op, mtx, mtx->mtx_name, ip,
		       "not allocated by mutex_obj_alloc");
	return NULL;
}

/**
 * netbsd_mutex_obj_alloc() - allocate a reference-counted kmutex
 * @type: as for mutex_init()
 * @ipl: as for mutex_init()
 * @gfp: GFP_KERNEL (mutex_obj_alloc()) or GFP_NOWAIT (mutex_obj_tryalloc())
 * @name: the lockdep name
 * @key: the lockdep class
 *
 * Drivers call mutex_obj_alloc() or mutex_obj_tryalloc(). The mutex starts
 * with one reference; mutex_obj_free() drops one.
 *
 * Context: GFP_KERNEL: thread context, may sleep. GFP_NOWAIT: any context
 * but hard interrupt; does not sleep.
 * Return: the mutex, or NULL if memory ran out (GFP_NOWAIT only).
 */
kmutex_t *netbsd_mutex_obj_alloc(kmutex_type_t type, int ipl, gfp_t gfp,
				 const char *name, struct lock_class_key *key)
{
	struct kmutexobj *mo = kzalloc(sizeof(*mo), gfp);

	if (!mo)
		return NULL;
	netbsd_mutex_init(&mo->mo_lock, type, ipl, name, key);
	mo->mo_magic = KMUTEXOBJ_MAGIC;
	refcount_set(&mo->mo_refcnt, 1);
	return &mo->mo_lock;
}
EXPORT_SYMBOL_NS_GPL(netbsd_mutex_obj_alloc, BSDCOMPAT);

/**
 * netbsd_mutex_obj_hold() - take a reference to an allocated kmutex
 * @mtx: a mutex from mutex_obj_alloc() with a reference held by the caller
 *
 * Context: any.
 */
void netbsd_mutex_obj_hold(kmutex_t *mtx)
{
	struct kmutexobj *mo = kmutexobj(mtx, "mutex_obj_hold", _RET_IP_);

	if (mo)
		refcount_inc(&mo->mo_refcnt);
}
EXPORT_SYMBOL_NS_GPL(netbsd_mutex_obj_hold, BSDCOMPAT);

/**
 * netbsd_mutex_obj_free() - drop a reference to an allocated kmutex
 * @mtx: a mutex from mutex_obj_alloc()
 *
 * The last reference destroys and frees the mutex; it must not be held then
 * (if it is, that is reported and the memory is leaked, not freed).
 *
 * Context: any context but hard interrupt; does not sleep.
 * Return: true if this was the last reference and the mutex is gone.
 */
bool netbsd_mutex_obj_free(kmutex_t *mtx)
{
	struct kmutexobj *mo = kmutexobj(mtx, "mutex_obj_free", _RET_IP_);

	if (!mo || !refcount_dec_and_test(&mo->mo_refcnt))
		return false;
	if (!kmutex_destroy(mtx, "mutex_obj_free", _RET_IP_))
		return false;	/* held: leak it rather than free it under the holder */
	mo->mo_magic = 0;
	kfree(mo);
	return true;
}
EXPORT_SYMBOL_NS_GPL(netbsd_mutex_obj_free, BSDCOMPAT);

/**
 * netbsd_mutex_obj_refcnt() - the reference count of an allocated kmutex
 * @mtx: a mutex from mutex_obj_alloc()
 *
 * Context: any. For diagnostics: the count may change at once.
 * Return: the number of references.
 */
unsigned int netbsd_mutex_obj_refcnt(kmutex_t *mtx)
{
	struct kmutexobj *mo = kmutexobj(mtx, "mutex_obj_refcnt", _RET_IP_);

	return mo ? refcount_read(&mo->mo_refcnt) : 0;
}
EXPORT_SYMBOL_NS_GPL(netbsd_mutex_obj_refcnt, BSDCOMPAT);
