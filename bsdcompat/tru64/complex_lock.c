// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Digital UNIX complex locks (see <kern/complex_lock.h>).
 *
 * The state is Mach's: a read count, "a writer has claimed the lock"
 * (want_write), "a reader is turning into the writer" (want_upgrade), the
 * thread allowed to recurse and how deep it is, and a flag saying that
 * someone waits. A raw spinlock, the interlock, guards all of it: it spins
 * on PREEMPT_RT too, and may be taken with interrupts off (a thread at a
 * raised spl). Only threads take it, so it leaves interrupts as they are;
 * with lockmode on, a call from interrupt context is reported and refused
 * before it gets there. Beyond Mach, the lock records its write holder, so that a
 * release by the wrong thread and a write holder's self-deadlock can be
 * told apart from the right thing.
 *
 * A writer first claims the lock (waits for want_write to clear, sets it),
 * then waits for the readers and any upgrader to leave. A reader waits
 * while either want flag is set, so waiting writers and upgraders go first.
 * An upgrader gives up its read hold and sets want_upgrade, then waits for
 * the other readers; a second upgrader finds the flag set and fails.
 *
 * Waiters sleep on the core turnstile keyed by the lock's address: queued
 * under the interlock, after which the interlock is dropped and the thread
 * schedules. A release changes the state under the interlock, drops it and
 * then wakes the turnstile if the waiting flag was set: from the unlock on,
 * only the address is used, so a thread that gets the lock may free it at
 * once. Before the first wait a thread gives up its raised spl and its
 * kernel_lock/funnel holds (bsd_wait_begin()), and takes them back once it
 * has the lock. A lock initialised with can_sleep FALSE spins (preemptibly)
 * instead of sleeping.
 */
#include <linux/export.h>
#include <linux/hardirq.h>
#include <linux/lockdep.h>
#include <linux/sched.h>
#include <linux/spinlock.h>

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
	char what[96];
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	bsd_lock_error(TRU64_LOCK_CLASS, op, l, l->lk_name, ip, "%s", what);
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
 * With lockmode on: is @l a live lock, used from a thread? An interrupt
 * must not take the interlock: the thread it interrupted may hold it.
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

/*
 * Wait once for the state of @l to change: the interlock is held, and is
 * held again on return; the caller re-checks.
 * The first call only gives up the spl and the big lock (@ws).
 */
static void lk_wait(struct lock *l, struct bsd_waitstate *ws, bool *begun)
{
	struct bsd_tswait tw;

	if (!*begun) {
		*begun = true;
		raw_spin_unlock(&l->lk_interlock);
		bsd_wait_begin(ws);
	} else if (!l->lk_can_sleep) {
		raw_spin_unlock(&l->lk_interlock);
		cond_resched();
		cpu_relax();
	} else {
		l->lk_waiting = 1;
		bsd_ts_prepare(&tw, l, TASK_UNINTERRUPTIBLE);
		raw_spin_unlock(&l->lk_interlock);
		schedule();
		bsd_ts_finish(&tw);
	}
	raw_spin_lock(&l->lk_interlock);
}

/*
 * Drop the interlock after a change that may let a waiter in, and wake the
 * waiters. From the unlock on, @l may be gone: only its address is used.
 */
static void lk_unlock_wake(struct lock *l)
{
	bool wake = l->lk_waiting;

	l->lk_waiting = 0;
	preempt_disable();
	raw_spin_unlock(&l->lk_interlock);
	if (wake)
		bsd_ts_wakeup(l);
	preempt_enable();
}

/* The wait started: tell lockdep and note it. */
static void lk_contended(struct lock *l, bool *contended, unsigned long ip)
{
	if (!*contended) {
		*contended = true;
		lock_contended(lk_dep_map(l), ip);
	}
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
	raw_spin_lock_init(&l->lk_interlock);
	l->lk_read_count = 0;
	l->lk_want_write = 0;
	l->lk_want_upgrade = 0;
	l->lk_waiting = 0;
	l->lk_can_sleep = !!can_sleep;
	l->lk_owner = 0;
	l->lk_rec_owner = 0;
	l->lk_rec_depth = 0;
	l->lk_name = name;
	l->lk_info = li;
	lockdep_init_map_wait(lk_dep_map(l), name, key, 0, LD_WAIT_SLEEP);
	WRITE_ONCE(l->lk_magic, LOCK_MAGIC);
}
EXPORT_SYMBOL_NS_GPL(tru64_lock_init, BSDCOMPAT);

/*
 * The caller holds @l for write (@owner is its id): a recursive take if it
 * may recurse, else refused (it would wait for itself for ever).
 */
static bool lk_recurse(struct lock *l, long me, const char *op,
		       unsigned long ip)
{

	if (READ_ONCE(l->lk_rec_owner) == me) {
		raw_spin_lock(&l->lk_interlock);
		l->lk_rec_depth++;
		raw_spin_unlock(&l->lk_interlock);
		return true;
	}
	if (tru64_checking())
		lk_error(l, op, ip,
			 "already held for write by the caller, not recursive");
	return false;
}

static void lk_read(struct lock *l, long me, unsigned long ip)
{
	struct bsd_waitstate ws = BSD_WAITSTATE_INIT;
	bool begun = false, contended = false;

	rwsem_acquire_read(lk_dep_map(l), 0, 0, ip);
	raw_spin_lock(&l->lk_interlock);
	while (l->lk_want_write || l->lk_want_upgrade) {
		lk_contended(l, &contended, ip);
		lk_wait(l, &ws, &begun);
	}
	l->lk_read_count++;
	raw_spin_unlock(&l->lk_interlock);
	bsd_wait_end(&ws);
	if (contended)
		lock_acquired(lk_dep_map(l), ip);
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
	if (READ_ONCE(l->lk_owner) == me) {
		lk_recurse(l, me, "lock_read", ip);
		return;
	}
	lk_read(l, me, ip);
}
EXPORT_SYMBOL_NS_GPL(tru64_lock_read, BSDCOMPAT);

static void lk_write(struct lock *l, long me, unsigned long ip)
{
	struct bsd_waitstate ws = BSD_WAITSTATE_INIT;
	bool begun = false, contended = false;

	rwsem_acquire(lk_dep_map(l), 0, 0, ip);
	raw_spin_lock(&l->lk_interlock);
	while (l->lk_want_write) {
		lk_contended(l, &contended, ip);
		lk_wait(l, &ws, &begun);
	}
	l->lk_want_write = 1;
	while (l->lk_read_count || l->lk_want_upgrade) {
		lk_contended(l, &contended, ip);
		lk_wait(l, &ws, &begun);
	}
	WRITE_ONCE(l->lk_owner, me);
	raw_spin_unlock(&l->lk_interlock);
	bsd_wait_end(&ws);
	if (contended)
		lock_acquired(lk_dep_map(l), ip);
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
	long me;

	if (tru64_checking() && !lk_may_wait(l, "lock_write", ip))
		return;
	lk_might_sleep(l);
	me = bsd_owner_id();
	if (READ_ONCE(l->lk_owner) == me) {
		lk_recurse(l, me, "lock_write", ip);
		return;
	}
	lk_write(l, me, ip);
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
	boolean_t got = FALSE;
	long me;

	if (tru64_checking() && !lk_ok(l, "lock_try_read", ip))
		return FALSE;
	me = bsd_owner_id();
	raw_spin_lock(&l->lk_interlock);
	if (l->lk_owner == me) {
		if (l->lk_rec_owner == me) {
			l->lk_rec_depth++;
			raw_spin_unlock(&l->lk_interlock);
			return TRUE;
		}
	} else if (!l->lk_want_write && !l->lk_want_upgrade) {
		l->lk_read_count++;
		got = TRUE;
	}
	raw_spin_unlock(&l->lk_interlock);
	if (got)
		rwsem_acquire_read(lk_dep_map(l), 0, 1, ip);
	return got;
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
	boolean_t got = FALSE;
	long me;

	if (tru64_checking() && !lk_ok(l, "lock_try_write", ip))
		return FALSE;
	me = bsd_owner_id();
	raw_spin_lock(&l->lk_interlock);
	if (l->lk_owner == me) {
		if (l->lk_rec_owner == me) {
			l->lk_rec_depth++;
			raw_spin_unlock(&l->lk_interlock);
			return TRUE;
		}
	} else if (!l->lk_want_write && !l->lk_want_upgrade &&
		   !l->lk_read_count) {
		l->lk_want_write = 1;
		WRITE_ONCE(l->lk_owner, me);
		got = TRUE;
	}
	raw_spin_unlock(&l->lk_interlock);
	if (got)
		rwsem_acquire(lk_dep_map(l), 0, 1, ip);
	return got;
}
EXPORT_SYMBOL_NS_GPL(tru64_lock_try_write, BSDCOMPAT);

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
	long me, owner;

	if (tru64_checking() && !lk_ok(l, "lock_done", ip))
		return;
	me = bsd_owner_id();
	raw_spin_lock(&l->lk_interlock);
	owner = l->lk_owner;
	if (owner == me) {
		if (l->lk_rec_depth) {
			l->lk_rec_depth--;
			raw_spin_unlock(&l->lk_interlock);
			return;
		}
		rwsem_release(lk_dep_map(l), ip);
		WRITE_ONCE(l->lk_owner, 0);
		WRITE_ONCE(l->lk_rec_owner, 0);
		if (l->lk_want_upgrade)
			l->lk_want_upgrade = 0;
		else
			l->lk_want_write = 0;
		lk_unlock_wake(l);
		return;
	}
	if (l->lk_read_count) {
		rwsem_release(lk_dep_map(l), ip);
		if (--l->lk_read_count == 0) {
			lk_unlock_wake(l);
			return;
		}
		/* Readers remain: nobody waiting can get in yet. */
		raw_spin_unlock(&l->lk_interlock);
		return;
	}
	raw_spin_unlock(&l->lk_interlock);
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

/* The upgrade checks: recursive holder, or a read hold is needed. */
static bool lk_upgrade_checks(struct lock *l, long me, const char *op,
			      unsigned long ip)
{
	if (READ_ONCE(l->lk_owner) == me) {
		if (READ_ONCE(l->lk_rec_owner) == me)
			return true;
		if (tru64_checking())
			lk_error(l, op, ip, "already held for write by the caller");
		return false;
	}
	if (!READ_ONCE(l->lk_read_count)) {
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
	struct bsd_waitstate ws = BSD_WAITSTATE_INIT;
	bool begun = false, contended = false;
	unsigned long ip = _RET_IP_;
	long me;

	if (tru64_checking() && !lk_may_wait(l, "lock_read_to_write", ip))
		return TRUE;
	lk_might_sleep(l);
	me = bsd_owner_id();
	if (!lk_upgrade_checks(l, me, "lock_read_to_write", ip))
		return TRUE;
	if (READ_ONCE(l->lk_owner) == me)
		return FALSE;		/* the recursive holder: no change */
	raw_spin_lock(&l->lk_interlock);
	rwsem_release(lk_dep_map(l), ip);
	l->lk_read_count--;
	if (l->lk_want_upgrade) {
		/* Another reader is upgrading: it goes first, we leave. */
		if (!l->lk_read_count)
			lk_unlock_wake(l);
		else
			raw_spin_unlock(&l->lk_interlock);
		return TRUE;
	}
	l->lk_want_upgrade = 1;
	raw_spin_unlock(&l->lk_interlock);
	rwsem_acquire(lk_dep_map(l), 0, 0, ip);
	raw_spin_lock(&l->lk_interlock);
	while (l->lk_read_count) {
		lk_contended(l, &contended, ip);
		lk_wait(l, &ws, &begun);
	}
	WRITE_ONCE(l->lk_owner, me);
	raw_spin_unlock(&l->lk_interlock);
	bsd_wait_end(&ws);
	if (contended)
		lock_acquired(lk_dep_map(l), ip);
	return FALSE;
}
EXPORT_SYMBOL_NS_GPL(tru64_lock_read_to_write, BSDCOMPAT);

/**
 * tru64_lock_try_read_to_write() - turn the caller's read hold into a
 *	write hold if that needs no waiting (lock_try_read_to_write())
 * @l: the lock, held by the caller for reading
 *
 * Succeeds when the caller is the only reader and nobody else is
 * upgrading, in one step under the interlock. On failure the read hold is
 * kept. Unlike Mach's, it never waits for other readers to leave.
 *
 * Context: thread context; never waits.
 * Return: TRUE if the caller now holds @l for writing, FALSE if it still
 * holds it for reading.
 */
boolean_t tru64_lock_try_read_to_write(lock_t l)
{
	unsigned long ip = _RET_IP_;
	boolean_t got = FALSE;
	long me;

	if (tru64_checking() && !lk_ok(l, "lock_try_read_to_write", ip))
		return FALSE;
	me = bsd_owner_id();
	if (!lk_upgrade_checks(l, me, "lock_try_read_to_write", ip))
		return FALSE;
	if (READ_ONCE(l->lk_owner) == me)
		return TRUE;		/* the recursive holder: no change */
	raw_spin_lock(&l->lk_interlock);
	if (l->lk_read_count == 1 && !l->lk_want_upgrade) {
		l->lk_read_count = 0;
		l->lk_want_upgrade = 1;
		WRITE_ONCE(l->lk_owner, me);
		got = TRUE;
	}
	raw_spin_unlock(&l->lk_interlock);
	if (got) {
		rwsem_release(lk_dep_map(l), ip);
		rwsem_acquire(lk_dep_map(l), 0, 1, ip);
	}
	return got;
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
	long me;

	if (tru64_checking() && !lk_ok(l, "lock_write_to_read", ip))
		return;
	me = bsd_owner_id();
	if (READ_ONCE(l->lk_owner) != me) {
		if (tru64_checking())
			lk_error(l, "lock_write_to_read", ip,
				 "not held for write by the caller");
		return;
	}
	raw_spin_lock(&l->lk_interlock);
	if (l->lk_rec_depth) {
		raw_spin_unlock(&l->lk_interlock);
		return;
	}
	lock_downgrade(lk_dep_map(l), ip);
	l->lk_read_count++;
	WRITE_ONCE(l->lk_owner, 0);
	WRITE_ONCE(l->lk_rec_owner, 0);
	if (l->lk_want_upgrade)
		l->lk_want_upgrade = 0;
	else
		l->lk_want_write = 0;
	lk_unlock_wake(l);	/* we still hold it: @l stays valid */
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

/* Held or claimed by anyone? Interlock held. */
static bool lk_busy(const struct lock *l)
{
	return l->lk_read_count || l->lk_want_write || l->lk_want_upgrade ||
	       l->lk_owner;
}

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
	bool busy;

	if (!tru64_checking()) {
		WRITE_ONCE(l->lk_magic, LOCK_DEAD);
		return;
	}
	if (!lk_ok(l, "lock_terminate", ip))
		return;
	raw_spin_lock(&l->lk_interlock);
	busy = lk_busy(l) || l->lk_waiting;
	if (!busy)
		WRITE_ONCE(l->lk_magic, LOCK_DEAD);
	raw_spin_unlock(&l->lk_interlock);
	if (busy)
		lk_error(l, "lock_terminate", ip, "terminating a held lock");
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
	return READ_ONCE(l->lk_read_count) || READ_ONCE(l->lk_want_write) ||
	       READ_ONCE(l->lk_want_upgrade) || READ_ONCE(l->lk_owner);
}
EXPORT_SYMBOL_NS_GPL(tru64_lock_held, BSDCOMPAT);
