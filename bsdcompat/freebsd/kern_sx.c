// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * FreeBSD sx(9): shared/exclusive locks whose holders may sleep.
 *
 * An sx lock is the same thing as an rw lock (kern_rwlock.c, whose
 * fbsd_rwc_*() do the work for both, on the core reader/writer engine)
 * but for three things: its class is sleepable, so WITNESS lets its
 * holders sleep; its acquisitions may be ended by a signal
 * (sx_slock_sig(), sx_xlock_sig()); and its reports say "sx".
 */
#include <linux/export.h>

#include <sys/rwlock.h>
#include <sys/sx.h>

#include "../core/rwlock.h"
#include "freebsd.h"
#include "rwcommon.h"

#define SXLO(sx)	(&(sx)->lock_object)
#define SXC		(&freebsd_lock_class_sx)

/*
 * The lock class of sx locks: through it sleep(9) and condvar(9) give the
 * caller's hold up around a sleep and take it back the same way.
 *
 * Context: thread context; lc_lock may sleep.
 */
const struct lock_class freebsd_lock_class_sx = {
	.lc_name	= FREEBSD_SX_CLASS,
	.lc_flags	= LC_SLEEPLOCK | LC_SLEEPABLE | LC_RECURSABLE |
			  LC_UPGRADABLE,
	.lc_unlock	= fbsd_rwc_lc_unlock,
	.lc_lock	= fbsd_rwc_lc_lock,
	.lc_owned	= fbsd_rwc_lc_owned,
};
EXPORT_SYMBOL_NS_GPL(freebsd_lock_class_sx, BSDCOMPAT);

/**
 * freebsd_sx_init() - initialise an sx lock (sx_init(), sx_init_flags())
 * @sx: the lock
 * @desc: its name, for WITNESS, lockdep and reports (the pointer is kept)
 * @opts: SX_DUPOK, SX_NOWITNESS, SX_NOPROFILE, SX_RECURSE, SX_QUIET,
 *	SX_NOADAPTIVE, SX_NEW
 * @key: the lockdep class (the macros pass one per call site)
 *
 * Initialising a live lock again without SX_NEW is reported; a held one
 * is left alone.
 *
 * Context: any; does not sleep.
 */
void freebsd_sx_init(struct sx *sx, const char *desc, int opts,
		     struct lock_class_key *key)
{
	fbsd_rwc_init(SXLO(sx), SXC, desc, opts, key, "sx_init", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_sx_init, BSDCOMPAT);

/**
 * freebsd_sx_destroy() - tear down an sx lock (sx_destroy())
 * @sx: the lock; neither held nor waited for
 *
 * Destroying a lock in use is reported and refused.
 *
 * Context: any; does not sleep.
 */
void freebsd_sx_destroy(struct sx *sx)
{
	fbsd_rwc_destroy(SXLO(sx), SXC, "sx_destroy", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_sx_destroy, BSDCOMPAT);

/**
 * freebsd_sx_slock() - acquire an sx lock shared (sx_slock())
 * @sx: the lock
 *
 * Waits while it is held exclusively, or while an exclusive waiter waits
 * unless the caller holds a shared lock already. Waiting spins while the
 * owner runs and sleeps otherwise, with the IPL lowered and the big lock
 * given up (both come back).
 *
 * Context: thread context; may sleep. From interrupt context or with a
 * spin mutex held it is reported and busy-waits.
 */
void freebsd_sx_slock(struct sx *sx)
{
	fbsd_rwc_lock(SXLO(sx), SXC, 0, "sx_slock", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_sx_slock, BSDCOMPAT);

/**
 * freebsd_sx_xlock() - acquire an sx lock exclusively (sx_xlock())
 * @sx: the lock
 *
 * Waits while anyone holds it. The owner may take it again if it was
 * initialised with SX_RECURSE; otherwise that is reported and refused.
 *
 * Context: as freebsd_sx_slock().
 */
void freebsd_sx_xlock(struct sx *sx)
{
	fbsd_rwc_lock(SXLO(sx), SXC, BSD_RW_WRITER, "sx_xlock", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_sx_xlock, BSDCOMPAT);

/**
 * freebsd_sx_slock_sig() - acquire an sx lock shared, unless a signal comes
 * @sx: the lock
 *
 * As sx_slock(), but a signal ends the wait.
 *
 * Context: thread context; may sleep.
 * Return: 0 with the lock held; ERESTART (a signal) or EINTR (a fatal
 * signal) without it.
 */
int freebsd_sx_slock_sig(struct sx *sx)
{
	return fbsd_rwc_lock(SXLO(sx), SXC, BSD_RW_INTR, "sx_slock_sig",
			     _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_sx_slock_sig, BSDCOMPAT);

/**
 * freebsd_sx_xlock_sig() - acquire an sx lock exclusively, unless a signal
 *	comes
 * @sx: the lock
 *
 * As sx_xlock(), but a signal ends the wait; the waiting writer then stops
 * holding new readers back.
 *
 * Context: thread context; may sleep.
 * Return: 0 with the lock held; ERESTART (a signal) or EINTR (a fatal
 * signal) without it.
 */
int freebsd_sx_xlock_sig(struct sx *sx)
{
	return fbsd_rwc_lock(SXLO(sx), SXC, BSD_RW_WRITER | BSD_RW_INTR,
			     "sx_xlock_sig", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_sx_xlock_sig, BSDCOMPAT);

/**
 * freebsd_sx_try_slock() - acquire an sx lock shared without waiting
 * @sx: the lock
 *
 * Context: any context but NMI; never sleeps or spins.
 * Return: non-zero if acquired, 0 if not.
 */
int freebsd_sx_try_slock(struct sx *sx)
{
	return fbsd_rwc_trylock(SXLO(sx), SXC, 0, "sx_try_slock", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_sx_try_slock, BSDCOMPAT);

/**
 * freebsd_sx_try_xlock() - acquire an sx lock exclusively without waiting
 * @sx: the lock
 *
 * The owner of an SX_RECURSE lock recurses; of another it fails.
 *
 * Context: any context but NMI; never sleeps or spins.
 * Return: non-zero if acquired, 0 if not.
 */
int freebsd_sx_try_xlock(struct sx *sx)
{
	return fbsd_rwc_trylock(SXLO(sx), SXC, BSD_RW_WRITER, "sx_try_xlock",
				_RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_sx_try_xlock, BSDCOMPAT);

/**
 * freebsd_sx_sunlock() - release a shared hold (sx_sunlock())
 * @sx: the lock, held shared by the caller
 *
 * Once released the lock is not touched again: it may be freed at once.
 *
 * Context: the context that took it; never sleeps.
 */
void freebsd_sx_sunlock(struct sx *sx)
{
	fbsd_rwc_unlock(SXLO(sx), SXC, FBSD_RW_SHARED, "sx_sunlock", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_sx_sunlock, BSDCOMPAT);

/**
 * freebsd_sx_xunlock() - release an exclusive hold (sx_xunlock())
 * @sx: the lock, held exclusively by the caller
 *
 * A recursed hold goes down one level; the last release lets go, after
 * which the lock is not touched again.
 *
 * Context: the context that took it; never sleeps.
 */
void freebsd_sx_xunlock(struct sx *sx)
{
	fbsd_rwc_unlock(SXLO(sx), SXC, FBSD_RW_EXCL, "sx_xunlock", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_sx_xunlock, BSDCOMPAT);

/**
 * freebsd_sx_unlock() - release a shared or exclusive hold (sx_unlock())
 * @sx: the lock, held by the caller
 *
 * Context: the context that took it; never sleeps.
 */
void freebsd_sx_unlock(struct sx *sx)
{
	fbsd_rwc_unlock(SXLO(sx), SXC, FBSD_RW_ANY, "sx_unlock", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_sx_unlock, BSDCOMPAT);

/**
 * freebsd_sx_try_upgrade() - turn the caller's shared hold into an
 *	exclusive one
 * @sx: the lock, held shared by the caller
 *
 * Succeeds only if the caller is the only shared holder, in one atomic
 * step.
 *
 * Context: thread context; never sleeps.
 * Return: non-zero if the caller now holds @sx exclusively; 0, with the
 * shared hold kept, if not.
 */
int freebsd_sx_try_upgrade(struct sx *sx)
{
	return fbsd_rwc_try_upgrade(SXLO(sx), SXC, "sx_try_upgrade", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_sx_try_upgrade, BSDCOMPAT);

/**
 * freebsd_sx_downgrade() - turn the caller's exclusive hold into a shared
 *	one
 * @sx: the lock, held exclusively (not recursed) by the caller
 *
 * Atomic: the lock is held throughout. Waiting shared lockers get in
 * unless an exclusive one waits too.
 *
 * Context: thread context; never sleeps.
 */
void freebsd_sx_downgrade(struct sx *sx)
{
	fbsd_rwc_downgrade(SXLO(sx), SXC, "sx_downgrade", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_sx_downgrade, BSDCOMPAT);

/**
 * freebsd_sx_xlocked() - does the caller hold the lock exclusively
 * @sx: the lock
 *
 * Context: any.
 * Return: non-zero if the calling thread holds @sx exclusively.
 */
int freebsd_sx_xlocked(const struct sx *sx)
{
	return fbsd_rwc_xlocked(SXLO(sx));
}
EXPORT_SYMBOL_NS_GPL(freebsd_sx_xlocked, BSDCOMPAT);

/**
 * freebsd_sx_xholder() - the exclusive holder of an sx lock
 * @sx: the lock
 *
 * Context: any. The answer may be stale unless it is the caller.
 * Return: the thread that holds @sx exclusively, or NULL.
 */
struct thread *freebsd_sx_xholder(const struct sx *sx)
{
	return fbsd_rwc_xholder(SXLO(sx));
}
EXPORT_SYMBOL_NS_GPL(freebsd_sx_xholder, BSDCOMPAT);

/**
 * freebsd_sx_assert() - check how the lock is held (sx_assert())
 * @sx: the lock
 * @what: SA_LOCKED, SA_SLOCKED, SA_XLOCKED or SA_UNLOCKED, the first and
 *	third optionally with SA_RECURSED or SA_NOTRECURSED
 * @file: the caller's file
 * @line: the caller's line
 *
 * A failed assertion is reported with @file:@line. Shared holds are
 * anonymous: SA_SLOCKED means held shared by someone.
 *
 * Context: any.
 */
void freebsd_sx_assert(const struct sx *sx, int what, const char *file,
		       int line)
{
	fbsd_rwc_assert(SXLO(sx), SXC, what, file, line, "sx_assert", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_sx_assert, BSDCOMPAT);
