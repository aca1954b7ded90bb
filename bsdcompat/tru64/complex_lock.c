// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Digital UNIX complex locks (see <kern/complex_lock.h>).
 *
 * The state is Mach's: a read count, "a writer has claimed the lock"
 * (want_write), "a reader is becoming the writer" (want_upgrade), the
 * thread allowed to recurse and how deep it is. Mach kept it under an
 * interlock; here the count and the flags are one word, changed by
 * compare-and-exchange, so an uncontended lock_read(), lock_write() or
 * lock_done() is one atomic operation, as a Linux rw_semaphore's is.
 * Beyond Mach, the lock records its write holder, so that a release by the
 * wrong thread and a write holder's self-deadlock can be told apart from
 * the right thing; only the holder writes that field.
 *
 * A writer first claims the lock (waits for want_write to clear, sets it),
 * then waits for the readers and any upgrader to leave. A reader waits
 * while either want flag is set, so waiting writers and upgraders go first.
 * An upgrader gives up its read hold and sets want_upgrade in one step,
 * then waits for the other readers; a second upgrader finds the flag set
 * and fails. Each of those waits ends in a state that nobody else can
 * change any more, so no step needs more than one exchange.
 *
 * Waiters sleep on the core turnstile keyed by the lock's address: queued
 * first, then LK_WAITING is set by an exchange that also checks that the
 * thread must still wait. A release that may let someone in clears
 * LK_WAITING in the same exchange that releases, and then wakes the
 * turnstile: either the waiter saw the release, or the releaser saw the
 * waiter. After that exchange only the lock's address is used, so a thread
 * that gets the lock may free it at once. Before its first wait a thread
 * gives up its raised spl and its kernel_lock/funnel holds
 * (bsd_wait_begin()), and takes them back once it has the lock. A lock
 * initialised with can_sleep FALSE spins (preemptibly) instead of sleeping.
 */
#include <linux/export.h>
#include <linux/hardirq.h>
#include <linux/lockdep.h>
#include <linux/sched.h>

#include <kern/complex_lock.h>
#include <kern/lockinfo.h>
#include <bsdcompat/lockdebug.h>
#include <bsdcompat/spl.h>

#include "../core/adaptive.h"
#include "../core/turnstile.h"
#include "tru64.h"

#define LOCK_MAGIC	0x636c6f6bU	/* "clok" */
#define LOCK_DEAD	0x64656164U	/* "dead": terminated */

#ifdef CONFIG_DEBUG_LOCK_ALLOC
#define lk_dep_map(l)	(&(l)->lk_dep_map)
#else
#define lk_dep_map(l)	NULL
#endif

static __printf(4, 5)
void lk_error(const struct lock *l, const char *op, unsigned long ip,
	      const char *fmt, ...)
{
	struct va_format vaf;
	va_list ap;

	va_start(ap, fmt);
	vaf.fmt = fmt;
	vaf.va = &ap;
	bsd_lock_error(TRU64_LOCK_CLASS, op, l, l->lk_name, ip, "%pV", &vaf);
	va_end(ap);
}

static noinline void lk_bad(const struct lock *l, const char *op,
			    unsigned long ip)
{
	if (READ_ONCE(l->lk_magic) == LOCK_DEAD)
		lk_error(l, op, ip, "lock used after lock_terminate");
	else
		bsd_lock_error(TRU64_LOCK_CLASS, op, l, "", ip,
			       "lock not initialised");
}

/*
 * With lockmode on: is @l a live lock, used from a thread? Complex locks
 * belong to threads; an interrupt handler has no business with one.
 */
static __always_inline bool lk_ok(const struct lock *l, const char *op,
				  unsigned long ip)
{
	if (unlikely(READ_ONCE(l->lk_magic) != LOCK_MAGIC)) {
		lk_bad(l, op, ip);
		return false;
	}
	if (unlikely(bsd_intr_context())) {
		lk_error(l, op, ip, "called from interrupt context");
		return false;
	}
	return true;
}

/*
 * With lockmode on: may the caller wait for @l? Not an uninitialised lock,
 * not from an interrupt, not with a simple lock (or a spin mutex) held.
 */
static bool lk_may_wait(struct lock *l, const char *op, unsigned long ip)
{
	if (unlikely(READ_ONCE(l->lk_magic) != LOCK_MAGIC)) {
		lk_bad(l, op, ip);
		return false;
	}
	return tru64_may_sleep(TRU64_LOCK_CLASS, op, l, l->lk_name, NULL, ip);
}

static __always_inline long lk_word(const struct lock *l)
{
	return atomic_long_read(&l->lk_word);
}

static __always_inline unsigned long lk_readers(long w)
{
	return (unsigned long)w / LK_READ_INC;
}

/* What a thread waits for: a reader, a writer's claim, a writer's entry. */
enum lk_wait_for {
	LK_W_READ,	/* neither want flag */
	LK_W_CLAIM,	/* no want_write */
	LK_W_DRAIN,	/* no readers, no want_upgrade (want_write is ours) */
	LK_W_UPGRADE,	/* no readers (want_upgrade is ours) */
};

static __always_inline bool lk_blocked(long w, enum lk_wait_for what)
{
	switch (what) {
	case LK_W_READ:
		return w & (LK_WANT_WRITE | LK_WANT_UPGRADE);
	case LK_W_CLAIM:
		return w & LK_WANT_WRITE;
	case LK_W_DRAIN:
		return lk_readers(w) || (w & LK_WANT_UPGRADE);
	default:
		return lk_readers(w);
	}
}

/* How a thread waits: its spl and big lock given up, lockdep told once. */
struct lk_waiter {
	struct bsd_waitstate	ws;
	bool			begun;
	bool			contended;
};

#define LK_WAITER_INIT	{ .ws = BSD_WAITSTATE_INIT }

/*
 * Wait until the word of @l no longer blocks @what, and return it (read
 * with acquire ordering). The caller then tries its exchange, or, for the
 * waits that end in a state nobody else can change, simply goes on.
 */
static long lk_wait(struct lock *l, enum lk_wait_for what,
		    struct lk_waiter *lw, unsigned long ip)
{
	struct bsd_tswait tw;
	long w;

	for (;;) {
		w = atomic_long_read_acquire(&l->lk_word);
		if (!lk_blocked(w, what))
			return w;
		if (!lw->contended) {
			lw->contended = true;
			lock_contended(lk_dep_map(l), ip);
		}
		if (!lw->begun) {
			/* Never wait at a raised spl or with the big lock. */
			lw->begun = true;
			bsd_wait_begin(&lw->ws);
			continue;
		}
		if (!l->lk_can_sleep) {
			cond_resched();
			cpu_relax();
			continue;
		}
		bsd_ts_prepare(&tw, l, TASK_UNINTERRUPTIBLE);
		/*
		 * Queued first, then the flag: a release that changes the word
		 * after this sees the flag and wakes us.
		 */
		w = lk_word(l);
		if (lk_blocked(w, what) &&
		    ((w & LK_WAITING) ||
		     atomic_long_try_cmpxchg(&l->lk_word, &w, w | LK_WAITING)))
			schedule();
		bsd_ts_finish(&tw);
	}
}

/* The wait is over: the spl and big lock come back, lockdep is told. */
static void lk_wait_done(struct lock *l, struct lk_waiter *lw,
			 unsigned long ip)
{
	bsd_wait_end(&lw->ws);
	if (lw->contended)
		lock_acquired(lk_dep_map(l), ip);
}

/*
 * Release: change the word from @w to @nw (LK_WAITING is cleared along),
 * then wake the waiters if there were any. From the exchange on, @l may be
 * gone: only its address is used. Return false if the word was not @w
 * (*@w is then the new value; the caller recomputes).
 */
static __always_inline bool lk_release(struct lock *l, long *w, long nw)
{
	if (likely(!(*w & LK_WAITING)))
		return atomic_long_try_cmpxchg_release(&l->lk_word, w, nw);
	preempt_disable();
	if (!atomic_long_try_cmpxchg(&l->lk_word, w, nw & ~LK_WAITING)) {
		preempt_enable();
		return false;
	}
	bsd_ts_wakeup(l);
	preempt_enable();
	return true;
}

static void lk_might_sleep(struct lock *l)
{
	if (IS_ENABLED(CONFIG_DEBUG_ATOMIC_SLEEP) && l->lk_can_sleep &&
	    bsd_curipl() == BSD_IPL_NONE)
		might_sleep();
}

/**
 * tru64_lock_init() - initialise a complex lock (lock_init(), lock_setup())
 * @l: the lock
 * @can_sleep: TRUE: waiters sleep; FALSE: waiters spin
 * @name: its name, for reports and lockdep
 * @key: its lockdep class (one per lock_init() site, or the lockinfo's)
 * @li: its lock class (lock_setup()), or NULL
 *
 * Context: any; does not sleep.
 */
void tru64_lock_init(lock_t l, boolean_t can_sleep, const char *name,
		     struct lock_class_key *key, struct lockinfo *li)
{
	if (name[0] == '&')
		name++;
	atomic_long_set(&l->lk_word, 0);
	l->lk_owner = 0;
	l->lk_rec_owner = 0;
	l->lk_rec_depth = 0;
	l->lk_can_sleep = !!can_sleep;
	l->lk_name = name;
	l->lk_info = li;
	lockdep_init_map_wait(lk_dep_map(l), name, key, 0, LD_WAIT_SLEEP);
	WRITE_ONCE(l->lk_magic, LOCK_MAGIC);
}
EXPORT_SYMBOL_NS_GPL(tru64_lock_init, BSDCOMPAT);

/*
 * The caller holds @l for write: a recursive take if it may recurse, else
 * refused (it would wait for itself for ever). Only the holder gets here,
 * and only the holder writes the fields used.
 */
static bool lk_recurse(struct lock *l, long me, const char *op,
		       unsigned long ip)
{
	if (l->lk_rec_owner == me) {
		l->lk_rec_depth++;
		return true;
	}
	if (tru64_checking())
		lk_error(l, op, ip,
			 "already held for write by the caller, not recursive");
	return false;
}

/* A try by the write holder: a recursive take if it may recurse. */
static boolean_t lk_try_recurse(struct lock *l, long me)
{
	if (l->lk_rec_owner != me)
		return FALSE;
	l->lk_rec_depth++;
	return TRUE;
}

/* One attempt at a read hold. */
static __always_inline bool lk_try_read(struct lock *l)
{
	long w = lk_word(l);

	while (!lk_blocked(w, LK_W_READ))
		if (atomic_long_try_cmpxchg_acquire(&l->lk_word, &w,
						    w + LK_READ_INC))
			return true;
	return false;
}

/* One attempt at claiming the lock for write (want_write). */
static __always_inline bool lk_try_claim(struct lock *l, long *w)
{
	while (!lk_blocked(*w, LK_W_CLAIM))
		if (atomic_long_try_cmpxchg_acquire(&l->lk_word, w,
						    *w | LK_WANT_WRITE))
			return true;
	return false;
}

static noinline void lk_read_slow(struct lock *l, unsigned long ip)
{
	struct lk_waiter lw = LK_WAITER_INIT;
	long w;

	do {
		w = lk_wait(l, LK_W_READ, &lw, ip);
	} while (!atomic_long_try_cmpxchg_acquire(&l->lk_word, &w,
						  w + LK_READ_INC));
	lk_wait_done(l, &lw, ip);
}

/**
 * tru64_lock_read() - take a complex lock for reading (lock_read())
 * @l: the lock
 *
 * Waits while a writer holds the lock or waits for it, or a reader is
 * upgrading. The write holder of a recursive lock takes it again instead.
 * The spl and kernel lock are given up while waiting and taken back.
 *
 * Context: thread context, no simple lock held; may sleep.
 */
void tru64_lock_read(lock_t l)
{
	unsigned long ip = _RET_IP_;
	long me;

	if (tru64_checking() && !lk_may_wait(l, "lock_read", ip))
		return;
	lk_might_sleep(l);
	me = bsd_owner_id();
	if (unlikely(READ_ONCE(l->lk_owner) == me)) {
		lk_recurse(l, me, "lock_read", ip);
		return;
	}
	rwsem_acquire_read(lk_dep_map(l), 0, 0, ip);
	if (likely(lk_try_read(l)))
		return;
	lk_read_slow(l, ip);
}
EXPORT_SYMBOL_NS_GPL(tru64_lock_read, BSDCOMPAT);

static noinline void lk_write_slow(struct lock *l, long me, unsigned long ip)
{
	struct lk_waiter lw = LK_WAITER_INIT;
	long w;

	do {
		w = lk_wait(l, LK_W_CLAIM, &lw, ip);
	} while (!lk_try_claim(l, &w));
	/* Claimed: new readers wait; no one else can clear the claim. */
	lk_wait(l, LK_W_DRAIN, &lw, ip);
	WRITE_ONCE(l->lk_owner, me);
	lk_wait_done(l, &lw, ip);
}

/**
 * tru64_lock_write() - take a complex lock for writing (lock_write())
 * @l: the lock
 *
 * Claims the lock (new readers now wait), then waits for the readers to
 * leave. The write holder of a recursive lock takes it again instead; a
 * write holder that may not recurse is refused (it would deadlock).
 *
 * Context: thread context, no simple lock held; may sleep.
 */
void tru64_lock_write(lock_t l)
{
	unsigned long ip = _RET_IP_;
	long me, w = 0;

	if (tru64_checking() && !lk_may_wait(l, "lock_write", ip))
		return;
	lk_might_sleep(l);
	me = bsd_owner_id();
	if (unlikely(READ_ONCE(l->lk_owner) == me)) {
		lk_recurse(l, me, "lock_write", ip);
		return;
	}
	rwsem_acquire(lk_dep_map(l), 0, 0, ip);
	if (likely(atomic_long_try_cmpxchg_acquire(&l->lk_word, &w,
						   LK_WANT_WRITE))) {
		WRITE_ONCE(l->lk_owner, me);
		return;
	}
	lk_write_slow(l, me, ip);
}
EXPORT_SYMBOL_NS_GPL(tru64_lock_write, BSDCOMPAT);

/**
 * tru64_lock_try_read() - take a complex lock for reading if that needs no
 *	waiting (lock_try_read())
 * @l: the lock
 *
 * Context: thread context; never waits.
 * Return: TRUE if the caller now holds @l for reading (or, being the
 * recursive write holder, took it again), FALSE if not.
 */
boolean_t tru64_lock_try_read(lock_t l)
{
	unsigned long ip = _RET_IP_;
	long me;

	if (tru64_checking() && !lk_ok(l, "lock_try_read", ip))
		return FALSE;
	me = bsd_owner_id();
	if (unlikely(READ_ONCE(l->lk_owner) == me))
		return lk_try_recurse(l, me);
	if (!lk_try_read(l))
		return FALSE;
	rwsem_acquire_read(lk_dep_map(l), 0, 1, ip);
	return TRUE;
}
EXPORT_SYMBOL_NS_GPL(tru64_lock_try_read, BSDCOMPAT);

/**
 * tru64_lock_try_write() - take a complex lock for writing if that needs no
 *	waiting (lock_try_write())
 * @l: the lock
 *
 * Context: thread context; never waits.
 * Return: TRUE if the caller now holds @l for writing (or, being the
 * recursive write holder, took it again), FALSE if not.
 */
boolean_t tru64_lock_try_write(lock_t l)
{
	unsigned long ip = _RET_IP_;
	long me, w;

	if (tru64_checking() && !lk_ok(l, "lock_try_write", ip))
		return FALSE;
	me = bsd_owner_id();
	if (unlikely(READ_ONCE(l->lk_owner) == me))
		return lk_try_recurse(l, me);
	w = lk_word(l);
	do {
		/* Free but for sleepers, who keep their flag. */
		if (w & ~LK_WAITING)
			return FALSE;
	} while (!atomic_long_try_cmpxchg_acquire(&l->lk_word, &w,
						  w | LK_WANT_WRITE));
	WRITE_ONCE(l->lk_owner, me);
	rwsem_acquire(lk_dep_map(l), 0, 1, ip);
	return TRUE;
}
EXPORT_SYMBOL_NS_GPL(tru64_lock_try_write, BSDCOMPAT);

/* Release the caller's write hold (not a recursive take). */
static void lk_done_write(struct lock *l, unsigned long ip)
{
	long w = lk_word(l), nw;

	rwsem_release(lk_dep_map(l), ip);
	WRITE_ONCE(l->lk_rec_owner, 0);
	WRITE_ONCE(l->lk_owner, 0);
	do {
		/* An upgrader holds it by want_upgrade, a writer by want_write. */
		nw = w & LK_WANT_UPGRADE ? w & ~LK_WANT_UPGRADE :
					   w & ~LK_WANT_WRITE;
	} while (!lk_release(l, &w, nw));
}

/* Release a read hold; @w is the word, with readers. */
static void lk_done_read(struct lock *l, long w, unsigned long ip)
{
	rwsem_release(lk_dep_map(l), ip);
	for (;;) {
		/* Readers remain: nobody waiting can get in yet. */
		if (lk_readers(w) > 1) {
			if (atomic_long_try_cmpxchg_release(&l->lk_word, &w,
							    w - LK_READ_INC))
				return;
			continue;
		}
		if (lk_release(l, &w, w - LK_READ_INC))
			return;
	}
}

/**
 * tru64_lock_done() - release a complex lock (lock_done(), lock_read_done(),
 *	lock_write_done())
 * @l: the lock, held by the caller for reading or writing
 *
 * Releases one recursive take, or the write hold, or a read hold. After the
 * release the lock is not touched again: another thread may take it and
 * free it at once. Releasing a lock that is not held, or that another
 * thread holds for writing, is reported (lockmode on) and refused.
 *
 * Context: thread context; does not sleep.
 */
void tru64_lock_done(lock_t l)
{
	unsigned long ip = _RET_IP_;
	long me, owner, w;

	if (tru64_checking() && !lk_ok(l, "lock_done", ip))
		return;
	me = bsd_owner_id();
	owner = READ_ONCE(l->lk_owner);
	if (owner == me) {
		if (l->lk_rec_depth) {
			l->lk_rec_depth--;
			return;
		}
		lk_done_write(l, ip);
		return;
	}
	w = lk_word(l);
	if (likely(lk_readers(w))) {
		lk_done_read(l, w, ip);
		return;
	}
	if (!tru64_checking())
		return;
	if (owner)
		lk_error(l, "lock_done", ip, "held for write by %s/%d",
			 bsd_owner_task(owner)->comm,
			 task_pid_nr(bsd_owner_task(owner)));
	else
		lk_error(l, "lock_done", ip, "lock not held");
}
EXPORT_SYMBOL_NS_GPL(tru64_lock_done, BSDCOMPAT);

/*
 * The upgrade checks: the recursive holder goes on (return true, *@rec
 * set); a read hold is needed otherwise.
 */
static bool lk_upgrade_checks(struct lock *l, long me, const char *op,
			      unsigned long ip, bool *rec)
{
	*rec = false;
	if (READ_ONCE(l->lk_owner) == me) {
		if (l->lk_rec_owner == me) {
			*rec = true;
			return true;
		}
		if (tru64_checking())
			lk_error(l, op, ip, "already held for write by the caller");
		return false;
	}
	if (!lk_readers(lk_word(l))) {
		if (tru64_checking())
			lk_error(l, op, ip, "not held for read");
		return false;
	}
	return true;
}

/**
 * tru64_lock_read_to_write() - turn the caller's read hold into a write
 *	hold (lock_read_to_write())
 * @l: the lock, held by the caller for reading
 *
 * Waits for the other readers to leave; no writer can get in meanwhile. If
 * another reader is already upgrading, the upgrade fails and the caller's
 * read hold is released. For the recursive write holder it is a recursive
 * take turned into a write one, and always succeeds.
 *
 * Context: thread context, no simple lock held; may sleep.
 * Return: FALSE if the caller now holds @l for writing, TRUE if the upgrade
 * failed and the caller holds nothing (Mach's convention).
 */
boolean_t tru64_lock_read_to_write(lock_t l)
{
	struct lk_waiter lw = LK_WAITER_INIT;
	unsigned long ip = _RET_IP_;
	long me, w, nw;
	bool rec;

	if (tru64_checking() && !lk_may_wait(l, "lock_read_to_write", ip))
		return TRUE;
	lk_might_sleep(l);
	me = bsd_owner_id();
	if (!lk_upgrade_checks(l, me, "lock_read_to_write", ip, &rec))
		return TRUE;
	if (rec)
		return FALSE;		/* the recursive holder: no change */
	rwsem_release(lk_dep_map(l), ip);
	w = lk_word(l);
	for (;;) {
		if (w & LK_WANT_UPGRADE) {
			/* Another reader is upgrading: it goes first. */
			nw = w - LK_READ_INC;
			if (lk_readers(w) > 1) {
				if (atomic_long_try_cmpxchg_release(&l->lk_word,
								    &w, nw))
					return TRUE;
			} else if (lk_release(l, &w, nw)) {
				return TRUE;
			}
			continue;
		}
		if (atomic_long_try_cmpxchg_acquire(&l->lk_word, &w,
						    (w - LK_READ_INC) |
						    LK_WANT_UPGRADE))
			break;
	}
	rwsem_acquire(lk_dep_map(l), 0, 0, ip);
	/* Ours: new readers and upgraders wait; only readers can leave. */
	if (lk_readers(w) > 1)
		lk_wait(l, LK_W_UPGRADE, &lw, ip);
	WRITE_ONCE(l->lk_owner, me);
	lk_wait_done(l, &lw, ip);
	return FALSE;
}
EXPORT_SYMBOL_NS_GPL(tru64_lock_read_to_write, BSDCOMPAT);

/**
 * tru64_lock_try_read_to_write() - turn the caller's read hold into a
 *	write hold if that needs no waiting (lock_try_read_to_write())
 * @l: the lock, held by the caller for reading
 *
 * Succeeds when the caller is the only reader and nobody else is
 * upgrading, in one exchange. On failure the read hold is kept. Unlike
 * Mach's, it never waits for other readers to leave.
 *
 * Context: thread context; never waits.
 * Return: TRUE if the caller now holds @l for writing, FALSE if it still
 * holds it for reading.
 */
boolean_t tru64_lock_try_read_to_write(lock_t l)
{
	unsigned long ip = _RET_IP_;
	long me, w;
	bool rec;

	if (tru64_checking() && !lk_ok(l, "lock_try_read_to_write", ip))
		return FALSE;
	me = bsd_owner_id();
	if (!lk_upgrade_checks(l, me, "lock_try_read_to_write", ip, &rec))
		return FALSE;
	if (rec)
		return TRUE;		/* the recursive holder: no change */
	w = lk_word(l);
	do {
		if (lk_readers(w) != 1 || (w & LK_WANT_UPGRADE))
			return FALSE;
	} while (!atomic_long_try_cmpxchg_acquire(&l->lk_word, &w,
						  (w - LK_READ_INC) |
						  LK_WANT_UPGRADE));
	WRITE_ONCE(l->lk_owner, me);
	rwsem_release(lk_dep_map(l), ip);
	rwsem_acquire(lk_dep_map(l), 0, 1, ip);
	return TRUE;
}
EXPORT_SYMBOL_NS_GPL(tru64_lock_try_read_to_write, BSDCOMPAT);

/**
 * tru64_lock_write_to_read() - turn the caller's write hold into a read
 *	hold (lock_write_to_read())
 * @l: the lock, held by the caller for writing
 *
 * Atomic: the caller holds the lock throughout, and no writer can get in
 * meanwhile. Waiting readers are let in. It ends the caller's permission to
 * recurse; for a recursive take (lock_set_recursive()) it changes nothing.
 *
 * Context: thread context; does not sleep.
 */
void tru64_lock_write_to_read(lock_t l)
{
	unsigned long ip = _RET_IP_;
	long me, w, nw;

	if (tru64_checking() && !lk_ok(l, "lock_write_to_read", ip))
		return;
	me = bsd_owner_id();
	if (READ_ONCE(l->lk_owner) != me) {
		if (tru64_checking())
			lk_error(l, "lock_write_to_read", ip,
				 "not held for write by the caller");
		return;
	}
	if (l->lk_rec_depth)
		return;
	lock_downgrade(lk_dep_map(l), ip);
	WRITE_ONCE(l->lk_rec_owner, 0);
	WRITE_ONCE(l->lk_owner, 0);
	w = lk_word(l);
	do {
		nw = (w & LK_WANT_UPGRADE ? w & ~LK_WANT_UPGRADE :
					    w & ~LK_WANT_WRITE) + LK_READ_INC;
	} while (!lk_release(l, &w, nw));	/* we hold it: @l stays valid */
}
EXPORT_SYMBOL_NS_GPL(tru64_lock_write_to_read, BSDCOMPAT);

/**
 * tru64_lock_set_recursive() - let the write holder take the lock again
 *	(lock_set_recursive())
 * @l: the lock, held by the caller for writing
 *
 * Until lock_clear_recursive() (or the release of the write hold), the
 * caller's lock_read(), lock_write(), their try forms and upgrades are
 * recursive takes, each matched by a lock_done().
 *
 * Context: thread context; does not sleep.
 */
void tru64_lock_set_recursive(lock_t l)
{
	unsigned long ip = _RET_IP_;
	long me;

	if (tru64_checking() && !lk_ok(l, "lock_set_recursive", ip))
		return;
	me = bsd_owner_id();
	if (READ_ONCE(l->lk_owner) != me) {
		if (tru64_checking())
			lk_error(l, "lock_set_recursive", ip,
				 "don't have write lock");
		return;
	}
	WRITE_ONCE(l->lk_rec_owner, me);
}
EXPORT_SYMBOL_NS_GPL(tru64_lock_set_recursive, BSDCOMPAT);

/**
 * tru64_lock_clear_recursive() - end the write holder's permission to take
 *	the lock again (lock_clear_recursive())
 * @l: the lock, held by the caller for writing and set recursive by it
 *
 * Takes made before it are still each released by a lock_done().
 *
 * Context: thread context; does not sleep.
 */
void tru64_lock_clear_recursive(lock_t l)
{
	unsigned long ip = _RET_IP_;

	if (tru64_checking() && !lk_ok(l, "lock_clear_recursive", ip))
		return;
	if (READ_ONCE(l->lk_rec_owner) != bsd_owner_id()) {
		if (tru64_checking())
			lk_error(l, "lock_clear_recursive", ip, "wrong thread");
		return;
	}
	WRITE_ONCE(l->lk_rec_owner, 0);
}
EXPORT_SYMBOL_NS_GPL(tru64_lock_clear_recursive, BSDCOMPAT);

/**
 * tru64_lock_terminate() - end the life of a complex lock (lock_terminate())
 * @l: the lock, which must be free
 *
 * Context: thread context; does not sleep. With lockmode on, terminating a
 * held lock is reported (and the lock is left as it is), and any later use
 * of the lock is reported.
 */
void tru64_lock_terminate(lock_t l)
{
	unsigned long ip = _RET_IP_;

	if (!tru64_checking()) {
		WRITE_ONCE(l->lk_magic, LOCK_DEAD);
		return;
	}
	if (!lk_ok(l, "lock_terminate", ip))
		return;
	if (lk_word(l) || READ_ONCE(l->lk_owner)) {
		lk_error(l, "lock_terminate", ip, "terminating a held lock");
		return;
	}
	WRITE_ONCE(l->lk_magic, LOCK_DEAD);
}
EXPORT_SYMBOL_NS_GPL(tru64_lock_terminate, BSDCOMPAT);

/**
 * tru64_lock_write_held() - does the caller hold a complex lock for writing?
 * @l: the lock
 *
 * Context: any.
 * Return: TRUE if the calling thread holds @l for writing.
 */
boolean_t tru64_lock_write_held(lock_t l)
{
	return READ_ONCE(l->lk_owner) == bsd_owner_id();
}
EXPORT_SYMBOL_NS_GPL(tru64_lock_write_held, BSDCOMPAT);

/**
 * tru64_lock_held() - is a complex lock held by anyone?
 * @l: the lock
 *
 * Read holds are anonymous: this cannot say whether the caller is one of
 * the readers. A lock that a writer has claimed, and that it waits for the
 * readers to leave, counts as held. For assertions only.
 *
 * Context: any.
 * Return: TRUE if @l is held (or claimed) for reading or writing.
 */
boolean_t tru64_lock_held(lock_t l)
{
	return (lk_word(l) & ~LK_WAITING) || READ_ONCE(l->lk_owner);
}
EXPORT_SYMBOL_NS_GPL(tru64_lock_held, BSDCOMPAT);
