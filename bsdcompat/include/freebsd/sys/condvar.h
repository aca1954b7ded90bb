/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FreeBSD condvar(9) on Linux.
 *
 * The rules, as bsdcompat keeps them:
 *  - A waiter holds the interlock: a sleep mutex, an rw lock or an sx lock
 *    (any FreeBSD lock but a spin mutex), passed as the lock itself; the
 *    macros take its lock_object. cv_wait*() queues the thread, then
 *    releases the interlock, sleeps, and takes it back the way it was held
 *    (cv_wait_unlock() does not take it back). Wakeups may be spurious in
 *    principle: re-check the condition in a loop.
 *  - One condvar is used with one interlock while it has waiters.
 *  - cv_signal() wakes the longest waiter, cv_broadcast() every waiter; both
 *    are meant to be called with the interlock held, and never sleep.
 *  - After cv_broadcast(cv) and cv_destroy(cv) the memory may be freed at
 *    once: no woken waiter looks at the condvar again.
 *  - Timeouts are in ticks (hz a second) or sbintime_t; unlike msleep()'s,
 *    a zero timeout has expired already (FreeBSD arms it whatever its value).
 *  - Return values: 0 when woken, EWOULDBLOCK when the time ran out, and
 *    for the _sig forms ERESTART on a signal, EINTR on a fatal one (the
 *    glue hands ERESTART to Linux as -ERESTARTSYS, which restarts or fails
 *    the system call as the handler's SA_RESTART says).
 *  - Waiting gives up the raised IPL and Giant, and takes them back.
 *  - Misuse is reported on one line and the wait refused: as a spurious
 *    wakeup (0) for cv_wait() and cv_wait_sig(), EWOULDBLOCK for the timed
 *    forms, with the interlock as the caller expects it afterwards.
 */
#ifndef _BSDCOMPAT_FREEBSD_SYS_CONDVAR_H_
#define _BSDCOMPAT_FREEBSD_SYS_CONDVAR_H_

#include <linux/types.h>

#include <sys/lock.h>
#include <sys/sleep.h>
#include <sys/types.h>

/*
 * As FreeBSD's, with room for checks. The waiters themselves are queued
 * outside it, on a sleep queue found by its address; cv_waiters is kept by
 * that queue.
 */
struct cv {
	const char		*cv_description;
	unsigned int		cv_waiters;
	u32			cv_magic;
	struct lock_object	*cv_lock;	/* the current waiters' interlock */
};

void freebsd_cv_init(struct cv *cvp, const char *desc);
void freebsd_cv_destroy(struct cv *cvp);
void freebsd_cv_wait(struct cv *cvp, struct lock_object *lock);
int freebsd_cv_wait_sig(struct cv *cvp, struct lock_object *lock);
void freebsd_cv_wait_unlock(struct cv *cvp, struct lock_object *lock);
int freebsd__cv_timedwait(struct cv *cvp, struct lock_object *lock,
			  sbintime_t sbt, sbintime_t pr, int flags,
			  const char *op);
int freebsd__cv_timedwait_sig(struct cv *cvp, struct lock_object *lock,
			      sbintime_t sbt, sbintime_t pr, int flags,
			      const char *op);
void freebsd_cv_signal(struct cv *cvp);
void freebsd_cv_broadcastpri(struct cv *cvp, int pri);

static inline void cv_init(struct cv *cvp, const char *desc)
{
	freebsd_cv_init(cvp, desc);
}

static inline void cv_destroy(struct cv *cvp)
{
	freebsd_cv_destroy(cvp);
}

static inline const char *cv_wmesg(struct cv *cvp)
{
	return cvp->cv_description;
}

/* @lock is any FreeBSD lock: these take its lock_object. */
#define cv_wait(cvp, lock)						\
	freebsd_cv_wait((cvp), &(lock)->lock_object)
#define cv_wait_sig(cvp, lock)						\
	freebsd_cv_wait_sig((cvp), &(lock)->lock_object)
#define cv_wait_unlock(cvp, lock)					\
	freebsd_cv_wait_unlock((cvp), &(lock)->lock_object)
#define cv_timedwait(cvp, lock, timo)					\
	freebsd__cv_timedwait((cvp), &(lock)->lock_object,		\
			      tick_sbt * (timo), 0, C_HARDCLOCK,	\
			      "cv_timedwait")
#define cv_timedwait_sbt(cvp, lock, sbt, pr, flags)			\
	freebsd__cv_timedwait((cvp), &(lock)->lock_object, (sbt), (pr),	\
			      (flags), "cv_timedwait_sbt")
#define cv_timedwait_sig(cvp, lock, timo)				\
	freebsd__cv_timedwait_sig((cvp), &(lock)->lock_object,		\
				  tick_sbt * (timo), 0, C_HARDCLOCK,	\
				  "cv_timedwait_sig")
#define cv_timedwait_sig_sbt(cvp, lock, sbt, pr, flags)			\
	freebsd__cv_timedwait_sig((cvp), &(lock)->lock_object, (sbt),	\
				  (pr), (flags), "cv_timedwait_sig_sbt")

static inline void cv_signal(struct cv *cvp)
{
	freebsd_cv_signal(cvp);
}

static inline void cv_broadcastpri(struct cv *cvp, int pri)
{
	freebsd_cv_broadcastpri(cvp, pri);
}

static inline void cv_broadcast(struct cv *cvp)
{
	freebsd_cv_broadcastpri(cvp, 0);
}

#endif /* _BSDCOMPAT_FREEBSD_SYS_CONDVAR_H_ */
