// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * NetBSD rwlock(9): reader/writer locks whose holders may sleep.
 *
 * Built like kmutex (kern_mutex.c), and like NetBSD's own: one word, and
 * waiters on a turnstile outside the lock. The word and its algorithm are
 * the core reader/writer engine (core/rwlock.h), which FreeBSD's sx and rw
 * locks share; this file keeps NetBSD's API, checks and messages.
 *
 * Like kmutex, every release is one atomic operation after which only the
 * lock's address is used, to wake the waiters: a thread may take the lock
 * and free it the moment rw_exit() has released it. Waiting spins while a
 * writer runs on a CPU, and sleeps otherwise, at IPL_NONE.
 *
 * rw_tryupgrade() is a single compare-and-exchange from "one reader" to
 * "written by the caller": there is no moment at which the lock is free, so
 * no other writer can get in between. Linux's rwsem has no upgrade, which
 * is why OpenZFS's SPL gave its own up; owning the word makes it simple.
 */
#include <linux/export.h>
#include <linux/hardirq.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include <sys/rwlock.h>
#include <bsdcompat/lockdebug.h>

#include "../core/rwlock.h"

#define KRWLOCK_MAGIC		0x6b72776cu	/* "krwl" */
#define KRWLOCK_DEAD		0x6b726465u	/* destroyed */

static inline long rw_word(const krwlock_t *rw)
{
	return bsd_rw_word(&rw->rw_owner);
}

#define rw_readers(w)		bsd_rw_readers(w)
#define rw_writer_is_me(w)	bsd_rw_writer_is_me(w)
#define rw_how(op)		((op) == RW_WRITER ? BSD_RW_WRITER : 0)

#ifdef CONFIG_DEBUG_LOCK_ALLOC
#define rw_dep_map(rw)		(&(rw)->rw_dep_map)
#else
#define rw_dep_map(rw)		NULL
#endif

#define rw_lockstat_kind(op)	\
	((op) == RW_READER ? BSD_LOCKSTAT_RW_READ : BSD_LOCKSTAT_RW_WRITE)

static void rw_acquire_sub(krwlock_t *rw, krw_t op, int sub, int trylock,
			   unsigned long ip)
{
	if (op == RW_READER)
		rwsem_acquire_read(rw_dep_map(rw), sub, trylock, ip);
	else
		rwsem_acquire(rw_dep_map(rw), sub, trylock, ip);
}

static void rw_acquire_annotate(krwlock_t *rw, krw_t op, int trylock,
				unsigned long ip)
{
	rw_acquire_sub(rw, op, 0, trylock, ip);
}

static void rw_error(const krwlock_t *rw, const char *op, unsigned long ip,
		     const char *msg)
{
	bsd_lock_error("Reader / writer lock", op, rw, rw->rw_name, ip, "%s", msg);
}

static noinline void rw_bad(const krwlock_t *rw, const char *op,
			    unsigned long ip)
{
	if (READ_ONCE(rw->rw_magic) == KRWLOCK_DEAD)
		rw_error(rw, op, ip, "destroyed lock");
	else
		bsd_lock_error("Reader / writer lock", op, rw, "", ip,
			       "uninitialized lock");
}

static __always_inline bool rw_ok(const krwlock_t *rw, const char *op,
				  unsigned long ip)
{
	if (likely(READ_ONCE(rw->rw_magic) == KRWLOCK_MAGIC))
		return true;
	rw_bad(rw, op, ip);
	return false;
}

/*
 * Held for write by the caller (in any context: an interrupt handler that
 * wants its thread's lock would wait for ever)? Only asked once the fast
 * attempt failed, which it always does then.
 */
static bool rw_against_myself(krwlock_t *rw, unsigned long ip)
{
	if (!bsd_rw_writer_is_current(rw_word(rw)))
		return false;
	rw_error(rw, "rw_enter", ip, "locking against myself");
	return true;
}

/* One attempt at taking the lock for @op; no waiting. */
static __always_inline bool rw_try(krwlock_t *rw, krw_t op)
{
	return bsd_rw_try(&rw->rw_owner, rw_how(op));
}

/*
 * The caller must not block (interrupt context, or a spin mutex held): say
 * so, then busy-wait. A reader that gave up could not be told apart from
 * the other readers when it calls rw_exit(), so there is no giving up here:
 * the report comes first, in case the wait never ends. Lockdep sees a
 * trylock, which it does not hold to the wait-context rules.
 */
static noinline void rw_enter_atomic(krwlock_t *rw, krw_t op, unsigned long ip)
{
	rw_error(rw, "rw_enter", ip, in_interrupt() ?
		 "acquiring sleep lock from interrupt context" :
		 "acquiring sleep lock with spin mutex held");
	if (rw_against_myself(rw, ip))
		return;
	while (!rw_try(rw, op))
		cpu_relax();
	rw_acquire_annotate(rw, op, 1, ip);
}

static noinline void rw_enter_slow(krwlock_t *rw, krw_t op, int sub,
				   unsigned long ip)
{
	u64 lsw;

	if (rw_against_myself(rw, ip))
		return;		/* refused: it would deadlock */
	rw_acquire_sub(rw, op, sub, 0, ip);
	lock_contended(rw_dep_map(rw), ip);
	lsw = bsd_lockstat_contended(&rw->rw_ls, rw->rw_name, rw_lockstat_kind(op));
	bsd_rw_wait(&rw->rw_owner, rw, rw_how(op));
	lock_acquired(rw_dep_map(rw), ip);
	bsd_lockstat_acquired(&rw->rw_ls, rw->rw_name, rw_lockstat_kind(op), lsw);
}

/* For "allocation contains active lock" (core/lockreg.c). */
static bool rw_lockreg_held(const void *lock)
{
	return rw_word(lock) != 0;
}

static const struct bsd_lockreg_ops rw_lockreg_ops = {
	.lo_class	= "Reader / writer lock",
	.lo_held	= rw_lockreg_held,
};

/**
 * netbsd_rw_init() - initialise a krwlock (rw_init())
 * @rw: the lock
 * @name: the lock's name for lockdep and messages (rw_init() passes the
 *	expression it was given)
 * @key: the lockdep class (rw_init() passes one per call site)
 *
 * Context: any; does not sleep.
 */
void netbsd_rw_init(krwlock_t *rw, const char *name, struct lock_class_key *key)
{
	if (name[0] == '&')
		name++;
	if (unlikely(READ_ONCE(rw->rw_magic) == KRWLOCK_MAGIC)) {
		bsd_lock_error("Reader / writer lock", "rw_init", rw, name,
			       _RET_IP_, "already initialized");
		if (rw_word(rw))
			return;		/* in use: re-initialising would corrupt it */
	}
	atomic_long_set(&rw->rw_owner, 0);
	rw->rw_name = name;
	lockdep_init_map_wait(rw_dep_map(rw), name, key, 0, LD_WAIT_SLEEP);
	bsd_lockstat_init(&rw->rw_ls, key);
	WRITE_ONCE(rw->rw_magic, KRWLOCK_MAGIC);	/* last; a diagnostic */
	bsd_lockdebug_register(rw, name, &rw_lockreg_ops);
}
EXPORT_SYMBOL_NS_GPL(netbsd_rw_init, BSDCOMPAT);

/**
 * netbsd_rw_init_nodebug() - initialise a krwlock lockdep does not check
 *	(rw_init_nodebug(), a bsdcompat extension)
 * @rw: the lock
 * @name: the lock's name
 *
 * Lockdep still sees the acquisitions (held-lock reports name the lock)
 * but validates nothing about them; only this lock is affected.
 *
 * Context: any; does not sleep.
 */
void netbsd_rw_init_nodebug(krwlock_t *rw, const char *name)
{
	static struct lock_class_key nodebug_key;
	struct lock_class_key *key = &nodebug_key;

#ifdef CONFIG_DEBUG_LOCK_ALLOC
	key = &__lockdep_no_validate__;
#endif
	netbsd_rw_init(rw, name, key);
}
EXPORT_SYMBOL_NS_GPL(netbsd_rw_init_nodebug, BSDCOMPAT);

static bool rw_destroy_checked(krwlock_t *rw, const char *op, unsigned long ip)
{
	if (!rw_ok(rw, op, ip))
		return false;
	if (rw_word(rw)) {
		rw_error(rw, op, ip, "is locked or in use");
		return false;
	}
	WRITE_ONCE(rw->rw_magic, KRWLOCK_DEAD);
	bsd_lockdebug_unregister(rw);
	return true;
}

/**
 * netbsd_rw_destroy() - tear down a krwlock (rw_destroy())
 * @rw: the lock; it must be neither held nor waited for
 *
 * Destroying a lock in use is reported and refused.
 *
 * Context: any; does not sleep.
 */
void netbsd_rw_destroy(krwlock_t *rw)
{
	rw_destroy_checked(rw, "rw_destroy", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_rw_destroy, BSDCOMPAT);

/* Anything but RW_READER is taken as RW_WRITER: exclusion is the safe side. */
static krw_t rw_op_checked(krwlock_t *rw, krw_t op, const char *what,
			   unsigned long ip)
{
	if (likely(op == RW_READER || op == RW_WRITER))
		return op;
	bsd_lock_error("Reader / writer lock", what, rw, rw->rw_name, ip,
		       "bad op %d, using RW_WRITER", op);
	return RW_WRITER;
}

static __always_inline void rw_enter_common(krwlock_t *rw, krw_t op, int sub,
					    const char *name, unsigned long ip)
{
	if (unlikely(!rw_ok(rw, name, ip)))
		return;
	op = rw_op_checked(rw, op, name, ip);
	if (unlikely(!bsd_lock_may_block())) {
		rw_enter_atomic(rw, op, ip);
		return;
	}
	if (IS_ENABLED(CONFIG_DEBUG_ATOMIC_SLEEP) && bsd_curipl() == BSD_IPL_NONE)
		might_sleep();
	if (likely(rw_try(rw, op))) {
		rw_acquire_sub(rw, op, sub, 0, ip);
		bsd_lockstat_acquired(&rw->rw_ls, rw->rw_name, rw_lockstat_kind(op), 0);
		return;
	}
	rw_enter_slow(rw, op, sub, ip);
}

/**
 * netbsd_rw_enter() - acquire a krwlock (rw_enter())
 * @rw: the lock
 * @op: RW_READER for a shared hold, RW_WRITER for an exclusive one
 *
 * Waits while a writer holds the lock, and for RW_WRITER also while readers
 * do; once a writer waits, new readers wait as well. Waiting spins while a
 * writer runs and sleeps otherwise, at IPL_NONE (the IPL comes back).
 * Entering a lock the caller holds for write is reported and refused.
 *
 * Context: thread context; may sleep. From interrupt context or with a spin
 * mutex held it is reported and busy-waits instead.
 */
void netbsd_rw_enter(krwlock_t *rw, krw_t op)
{
	rw_enter_common(rw, op, 0, "rw_enter", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_rw_enter, BSDCOMPAT);

/**
 * netbsd_rw_enter_nested() - acquire a krwlock of a class already held
 *	(rw_enter_nested(), a bsdcompat extension)
 * @rw: the lock
 * @op: RW_READER or RW_WRITER
 * @subclass: lockdep subclass, 1 to MAX_LOCKDEP_SUBCLASSES - 1
 *
 * As netbsd_mutex_enter_nested(): tells lockdep that holding two locks of
 * one class (one rw_init() site) is deliberate. Otherwise rw_enter().
 *
 * Context: as netbsd_rw_enter().
 */
void netbsd_rw_enter_nested(krwlock_t *rw, krw_t op, int subclass)
{
	unsigned long ip = _RET_IP_;

	if (unlikely(subclass < 0 || subclass >= MAX_LOCKDEP_SUBCLASSES)) {
		rw_error(rw, "rw_enter_nested", ip, "bad lockdep subclass");
		subclass = 0;
	}
	rw_enter_common(rw, op, subclass, "rw_enter_nested", ip);
}
EXPORT_SYMBOL_NS_GPL(netbsd_rw_enter_nested, BSDCOMPAT);

/**
 * netbsd_rw_tryenter() - acquire a krwlock if that needs no waiting
 * @rw: the lock
 * @op: RW_READER or RW_WRITER
 *
 * Context: any context but NMI; never sleeps or spins.
 * Return: non-zero if acquired, 0 if not (also when the caller holds it).
 */
int netbsd_rw_tryenter(krwlock_t *rw, krw_t op)
{
	unsigned long ip = _RET_IP_;

	if (unlikely(!rw_ok(rw, "rw_tryenter", ip)))
		return 0;
	op = rw_op_checked(rw, op, "rw_tryenter", ip);
	if (!rw_try(rw, op))
		return 0;
	rw_acquire_annotate(rw, op, 1, ip);
	bsd_lockstat_acquired(&rw->rw_ls, rw->rw_name, rw_lockstat_kind(op), 0);
	return 1;
}
EXPORT_SYMBOL_NS_GPL(netbsd_rw_tryenter, BSDCOMPAT);

/**
 * netbsd_rw_exit() - release a krwlock (rw_exit())
 * @rw: the lock, held by the caller for read or for write
 *
 * After the release the lock is not touched again, so another thread may
 * take it and free its memory at once. Releasing a lock that is not held,
 * or that another thread holds for write, is reported and refused.
 *
 * Context: the context that entered it; does not sleep.
 */
void netbsd_rw_exit(krwlock_t *rw)
{
	unsigned long ip = _RET_IP_;
	long w;

	if (unlikely(!rw_ok(rw, "rw_exit", ip)))
		return;
	w = rw_word(rw);
	if (w & BSD_RW_WRITE_LOCKED) {
		if (unlikely(!rw_writer_is_me(w))) {
			rw_error(rw, "rw_exit", ip, "not held by current LWP");
			return;
		}
		rwsem_release(rw_dep_map(rw), ip);
		bsd_lockstat_release(&rw->rw_ls);
		bsd_rw_exit_write(&rw->rw_owner, rw, w);
		return;
	}
	if (unlikely(!rw_readers(w))) {
		rw_error(rw, "rw_exit", ip, "not locked");
		return;
	}
	rwsem_release(rw_dep_map(rw), ip);
	bsd_rw_exit_read(&rw->rw_owner, rw, w);
}
EXPORT_SYMBOL_NS_GPL(netbsd_rw_exit, BSDCOMPAT);

/**
 * netbsd_rw_tryupgrade() - turn the caller's read hold into a write hold
 * @rw: the lock, held by the caller for read
 *
 * Succeeds when the caller is the only reader, in one atomic step: no other
 * writer can get in between. On failure the read hold is kept.
 *
 * Context: thread or soft interrupt context; never sleeps.
 * Return: non-zero if the caller now holds @rw for write, 0 if not.
 */
int netbsd_rw_tryupgrade(krwlock_t *rw)
{
	unsigned long ip = _RET_IP_;
	long w;

	if (unlikely(!rw_ok(rw, "rw_tryupgrade", ip)))
		return 0;
	w = rw_word(rw);
	if (unlikely(!rw_readers(w))) {
		rw_error(rw, "rw_tryupgrade", ip, "not held for read");
		return 0;
	}
	if (!bsd_rw_tryupgrade(&rw->rw_owner, w))
		return 0;
	rwsem_release(rw_dep_map(rw), ip);
	rwsem_acquire(rw_dep_map(rw), 0, 1, ip);
	bsd_lockstat_acquired(&rw->rw_ls, rw->rw_name, BSD_LOCKSTAT_RW_WRITE, 0);
	return 1;
}
EXPORT_SYMBOL_NS_GPL(netbsd_rw_tryupgrade, BSDCOMPAT);

/**
 * netbsd_rw_downgrade() - turn the caller's write hold into a read hold
 * @rw: the lock, held by the caller for write
 *
 * Atomic: the caller keeps holding the lock throughout. Waiting readers are
 * let in unless a writer waits too.
 *
 * Context: thread or soft interrupt context; never sleeps.
 */
void netbsd_rw_downgrade(krwlock_t *rw)
{
	unsigned long ip = _RET_IP_;
	long w;

	if (unlikely(!rw_ok(rw, "rw_downgrade", ip)))
		return;
	w = rw_word(rw);
	if (unlikely(!rw_writer_is_me(w))) {
		rw_error(rw, "rw_downgrade", ip,
			 "not held for write by current LWP");
		return;
	}
	lock_downgrade(rw_dep_map(rw), ip);
	bsd_lockstat_release(&rw->rw_ls);
	bsd_rw_downgrade(&rw->rw_owner, rw, w);
}
EXPORT_SYMBOL_NS_GPL(netbsd_rw_downgrade, BSDCOMPAT);

/**
 * netbsd_rw_read_held() - is the lock held for read (rw_read_held())
 * @rw: the lock, or NULL
 *
 * Read holds are anonymous: true if anyone holds @rw for read. For
 * assertions only.
 *
 * Context: any.
 * Return: non-zero if held for read, 0 if not or if @rw is NULL.
 */
int netbsd_rw_read_held(krwlock_t *rw)
{
	return rw && rw_readers(rw_word(rw)) != 0;
}
EXPORT_SYMBOL_NS_GPL(netbsd_rw_read_held, BSDCOMPAT);

/**
 * netbsd_rw_write_held() - does the caller hold the lock for write
 * @rw: the lock, or NULL
 *
 * Context: any.
 * Return: non-zero if the calling thread holds @rw for write.
 */
int netbsd_rw_write_held(krwlock_t *rw)
{
	return rw && rw_writer_is_me(rw_word(rw));
}
EXPORT_SYMBOL_NS_GPL(netbsd_rw_write_held, BSDCOMPAT);

/**
 * netbsd_rw_lock_op() - how the caller holds the lock (rw_lock_op())
 * @rw: the lock, held by the caller
 *
 * Context: any.
 * Return: RW_WRITER if the caller holds @rw for write, else RW_READER (a
 * lock that is not held at all is reported).
 */
krw_t netbsd_rw_lock_op(krwlock_t *rw)
{
	long w = rw_word(rw);

	if (rw_writer_is_me(w))
		return RW_WRITER;
	if (!rw_readers(w))
		rw_error(rw, "rw_lock_op", _RET_IP_, "not locked");
	return RW_READER;
}
EXPORT_SYMBOL_NS_GPL(netbsd_rw_lock_op, BSDCOMPAT);

/* ---------------------------------------------------------------------- */
/* Reference-counted locks                                                 */

#define KRWLOCKOBJ_MAGIC	0x6b726f62u	/* "krob" */

struct krwlockobj {
	krwlock_t	ro_lock;
	u32		ro_magic;
	refcount_t	ro_refcnt;
};

static struct krwlockobj *krwlockobj(krwlock_t *rw, const char *op,
				     unsigned long ip)
{
	struct krwlockobj *ro = container_of(rw, struct krwlockobj, ro_lock);

	if (likely(ro->ro_magic == KRWLOCKOBJ_MAGIC))
		return ro;
	rw_error(rw, op, ip, "not allocated by rw_obj_alloc");
	return NULL;
}

/**
 * netbsd_rw_obj_alloc() - allocate a reference-counted krwlock
 * @gfp: GFP_KERNEL (rw_obj_alloc()) or GFP_NOWAIT (rw_obj_tryalloc())
 * @name: the lockdep name
 * @key: the lockdep class
 *
 * Context: GFP_KERNEL: thread context, may sleep. GFP_NOWAIT: any context
 * but hard interrupt; does not sleep.
 * Return: the lock with one reference, or NULL if memory ran out.
 */
krwlock_t *netbsd_rw_obj_alloc(gfp_t gfp, const char *name,
			       struct lock_class_key *key)
{
	struct krwlockobj *ro = kzalloc(sizeof(*ro), gfp);

	if (!ro)
		return NULL;
	netbsd_rw_init(&ro->ro_lock, name, key);
	ro->ro_magic = KRWLOCKOBJ_MAGIC;
	refcount_set(&ro->ro_refcnt, 1);
	return &ro->ro_lock;
}
EXPORT_SYMBOL_NS_GPL(netbsd_rw_obj_alloc, BSDCOMPAT);

/**
 * netbsd_rw_obj_hold() - take a reference to an allocated krwlock
 * @rw: a lock from rw_obj_alloc() with a reference held by the caller
 *
 * Context: any.
 */
void netbsd_rw_obj_hold(krwlock_t *rw)
{
	struct krwlockobj *ro = krwlockobj(rw, "rw_obj_hold", _RET_IP_);

	if (ro)
		refcount_inc(&ro->ro_refcnt);
}
EXPORT_SYMBOL_NS_GPL(netbsd_rw_obj_hold, BSDCOMPAT);

/**
 * netbsd_rw_obj_free() - drop a reference to an allocated krwlock
 * @rw: a lock from rw_obj_alloc()
 *
 * The last reference destroys and frees the lock; if it is still in use,
 * that is reported and the memory is leaked rather than freed.
 *
 * Context: any context but hard interrupt; does not sleep.
 * Return: true if this was the last reference and the lock is gone.
 */
bool netbsd_rw_obj_free(krwlock_t *rw)
{
	struct krwlockobj *ro = krwlockobj(rw, "rw_obj_free", _RET_IP_);

	if (!ro || !refcount_dec_and_test(&ro->ro_refcnt))
		return false;
	if (!rw_destroy_checked(rw, "rw_obj_free", _RET_IP_))
		return false;
	ro->ro_magic = 0;
	kfree(ro);
	return true;
}
EXPORT_SYMBOL_NS_GPL(netbsd_rw_obj_free, BSDCOMPAT);

/**
 * netbsd_rw_obj_refcnt() - the reference count of an allocated krwlock
 * @rw: a lock from rw_obj_alloc()
 *
 * Context: any. For diagnostics: the count may change at once.
 * Return: the number of references.
 */
unsigned int netbsd_rw_obj_refcnt(krwlock_t *rw)
{
	struct krwlockobj *ro = krwlockobj(rw, "rw_obj_refcnt", _RET_IP_);

	return ro ? refcount_read(&ro->ro_refcnt) : 0;
}
EXPORT_SYMBOL_NS_GPL(netbsd_rw_obj_refcnt, BSDCOMPAT);
