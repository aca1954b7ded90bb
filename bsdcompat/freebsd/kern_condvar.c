// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * FreeBSD condvar(9).
 *
 * As NetBSD's condvar in this module, a struct cv names a sleep queue
 * (core/sleepq.c): its waiters are queued by its address, outside it, and
 * the queue keeps their count in cv_waiters, written only while they are
 * queued. A woken waiter never looks at the condvar again, so
 * "cv_broadcast(cv); cv_destroy(cv); free(cv)" is safe.
 *
 * The interlock is any FreeBSD lock, through its class: the waiter is
 * queued, then lc_unlock() gives its hold up, then the IPL and Giant go;
 * after the wakeup Giant and the IPL come back, then lc_lock() takes the
 * interlock back the same way (shared or exclusive).
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/sched.h>

#include <sys/condvar.h>
#include <sys/lock.h>
#include <bsdcompat/lockdebug.h>
#include <bsdcompat/witness.h>

#include "../core/adaptive.h"
#include "../core/sleepq.h"
#include "freebsd.h"
#include "sleep_internal.h"

#define CV_MAGIC	0x66627376u	/* "fbsv" */
#define CV_DEAD		0x66626464u	/* destroyed */

static void cv_error(const struct cv *cvp, const char *op, unsigned long ip,
		     const char *msg)
{
	u32 magic = READ_ONCE(cvp->cv_magic);
	const char *name = magic == CV_MAGIC || magic == CV_DEAD ?
			   cvp->cv_description : "";

	bsd_lock_error(FREEBSD_CV_CLASS, op, cvp, name, ip, "%s", msg);
}

static bool cv_ok(const struct cv *cvp, const char *op, unsigned long ip)
{
	u32 magic = READ_ONCE(cvp->cv_magic);

	if (likely(magic == CV_MAGIC))
		return true;
	cv_error(cvp, op, ip, magic == CV_DEAD ?
		 "destroyed condition variable" :
		 "uninitialized condition variable");
	return false;
}

/**
 * freebsd_cv_init() - initialise a condition variable (cv_init())
 * @cvp: the condvar
 * @desc: what a thread waiting on it waits for (cv_wmesg(), reports); the
 *	pointer is kept, not the string
 *
 * Context: any; does not sleep.
 */
void freebsd_cv_init(struct cv *cvp, const char *desc)
{
	cvp->cv_description = desc ? desc : "cv";
	cvp->cv_waiters = 0;
	cvp->cv_lock = NULL;
	WRITE_ONCE(cvp->cv_magic, CV_MAGIC);
}
EXPORT_SYMBOL_NS_GPL(freebsd_cv_init, BSDCOMPAT);

/**
 * freebsd_cv_destroy() - tear down a condition variable (cv_destroy())
 * @cvp: the condvar; nobody may be waiting on it
 *
 * Destroying a condvar with waiters is reported and refused. Once it is
 * destroyed (cv_broadcast() first empties it) its memory may be freed.
 *
 * Context: any; does not sleep.
 */
void freebsd_cv_destroy(struct cv *cvp)
{
	unsigned long ip = _RET_IP_;

	if (!cv_ok(cvp, "cv_destroy", ip))
		return;
	if (READ_ONCE(cvp->cv_waiters)) {
		cv_error(cvp, "cv_destroy", ip, "condition variable has waiters");
		return;
	}
	WRITE_ONCE(cvp->cv_magic, CV_DEAD);
}
EXPORT_SYMBOL_NS_GPL(freebsd_cv_destroy, BSDCOMPAT);

struct cv_ilk {
	struct lock_object	*lo;
	uintptr_t		how;
};

static void cv_unlock(void *arg)
{
	struct cv_ilk *ilk = arg;

	ilk->how = LOCK_CLASS(ilk->lo)->lc_unlock(ilk->lo);
}

/*
 * Wait on @cvp, releasing @lock once queued and taking it back unless
 * @drop. A wait that may not happen is reported and refused: the caller
 * gets @refused with the lock as it expects it afterwards.
 */
static int cv_block(struct cv *cvp, struct lock_object *lock, bool intr,
		    bool drop, bool timed, sbintime_t sbt, sbintime_t pr,
		    int flags, const char *op, unsigned long ip)
{
	int refused = timed ? EWOULDBLOCK : 0;
	struct cv_ilk ilk = { .lo = lock };
	struct lock_object *cur;
	const char *why;
	ktime_t deadline;
	u64 slack;
	int error;

	if (!cv_ok(cvp, op, ip))
		goto refused;
	if (!lock) {
		why = "interlock not held by current thread";
	} else if (timed && sbt < 0) {
		why = "negative timeout";
	} else {
		why = freebsd_sleep_refusal(lock, false, intr,
					    "interlock is a spin mutex");
	}
	if (unlikely(why)) {
		cv_error(cvp, op, ip, why);
		goto refused;
	}
	cur = READ_ONCE(cvp->cv_lock);
	if (cur != lock) {
		if (cur && READ_ONCE(cvp->cv_waiters)) {
			cv_error(cvp, op, ip,
				 "condition variable used with two different locks");
			goto refused;
		}
		WRITE_ONCE(cvp->cv_lock, lock);
	}
	if (!bsd_witness_may_sleep(FREEBSD_CV_CLASS, op, cvp,
				   cvp->cv_description, lock, ip))
		goto refused;

	if (!timed) {
		deadline = KTIME_MAX;
		slack = 0;
	} else if (sbt == 0) {
		deadline = ktime_get();		/* expired already */
		slack = 0;
	} else {
		deadline = freebsd_sbt_deadline(sbt, pr, flags, &slack);
	}
	error = bsd_sleepq_block(cvp, &cvp->cv_waiters,
				 intr ? BSD_SLEEP_INTR : 0, deadline, slack,
				 cv_unlock, &ilk);
	/* Woken: cvp may be gone already; the lock is the caller's. */
	if (!drop)
		LOCK_CLASS(lock)->lc_lock(lock, ilk.how);
	return error;

refused:
	if (lock && drop && LOCK_CLASS(lock) &&
	    LOCK_CLASS(lock)->lc_owned(lock))
		LOCK_CLASS(lock)->lc_unlock(lock);
	return refused;
}

/**
 * freebsd_cv_wait() - wait on a condition variable (cv_wait())
 * @cvp: the condvar
 * @lock: the interlock's lock_object, held by the caller; held again (the
 *	same way) on return
 *
 * Sleeps until cv_signal() or cv_broadcast(); signals do not end it.
 *
 * Context: thread context, no spin lock and no non-sleepable lock held but
 * @lock; sleeps. Misuse is reported and the call returns at once.
 */
void freebsd_cv_wait(struct cv *cvp, struct lock_object *lock)
{
	cv_block(cvp, lock, false, false, false, 0, 0, 0, "cv_wait",
		 _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_cv_wait, BSDCOMPAT);

/**
 * freebsd_cv_wait_sig() - wait on a condition variable, interruptibly
 *	(cv_wait_sig())
 * @cvp: the condvar
 * @lock: the interlock's lock_object, held by the caller; held again on
 *	return
 *
 * Context: as cv_wait().
 * Return: 0 when woken (or if refused), ERESTART on a signal, EINTR if it
 * was fatal.
 */
int freebsd_cv_wait_sig(struct cv *cvp, struct lock_object *lock)
{
	return cv_block(cvp, lock, true, false, false, 0, 0, 0, "cv_wait_sig",
			_RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_cv_wait_sig, BSDCOMPAT);

/**
 * freebsd_cv_wait_unlock() - wait on a condition variable and return
 *	without the interlock (cv_wait_unlock())
 * @cvp: the condvar
 * @lock: the interlock's lock_object, held by the caller; released, and
 *	not taken back
 *
 * Context: as cv_wait(). The interlock is released on return even if the
 * wait was refused as misuse.
 */
void freebsd_cv_wait_unlock(struct cv *cvp, struct lock_object *lock)
{
	cv_block(cvp, lock, false, true, false, 0, 0, 0, "cv_wait_unlock",
		 _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_cv_wait_unlock, BSDCOMPAT);

/**
 * freebsd__cv_timedwait() - wait on a condition variable for a while
 * @cvp: the condvar
 * @lock: the interlock's lock_object, held by the caller; held again on
 *	return
 * @sbt: the timeout, 32.32 fixed-point seconds; 0 has expired already
 * @pr: how late the timeout may fire; 0 for the default
 * @flags: C_ABSOLUTE if @sbt is a time since boot, C_PREL() precision;
 *	other C_* flags are accepted
 * @op: the name the caller used (cv_timedwait, cv_timedwait_sbt), for
 *	reports
 *
 * What cv_timedwait() and cv_timedwait_sbt() expand to.
 *
 * Context: as cv_wait().
 * Return: 0 when woken, EWOULDBLOCK when the time ran out or if refused.
 */
int freebsd__cv_timedwait(struct cv *cvp, struct lock_object *lock,
			  sbintime_t sbt, sbintime_t pr, int flags,
			  const char *op)
{
	return cv_block(cvp, lock, false, false, true, sbt, pr, flags, op,
			_RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd__cv_timedwait, BSDCOMPAT);

/**
 * freebsd__cv_timedwait_sig() - wait on a condition variable for a while,
 *	interruptibly
 * @cvp: the condvar
 * @lock: the interlock's lock_object, held by the caller; held again on
 *	return
 * @sbt: the timeout, 32.32 fixed-point seconds; 0 has expired already
 * @pr: how late the timeout may fire; 0 for the default
 * @flags: as for freebsd__cv_timedwait()
 * @op: the name the caller used, for reports
 *
 * What cv_timedwait_sig() and cv_timedwait_sig_sbt() expand to.
 *
 * Context: as cv_wait().
 * Return: 0 when woken, EWOULDBLOCK when the time ran out or if refused,
 * ERESTART on a signal, EINTR if it was fatal.
 */
int freebsd__cv_timedwait_sig(struct cv *cvp, struct lock_object *lock,
			      sbintime_t sbt, sbintime_t pr, int flags,
			      const char *op)
{
	return cv_block(cvp, lock, true, false, true, sbt, pr, flags, op,
			_RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd__cv_timedwait_sig, BSDCOMPAT);

/**
 * freebsd_cv_signal() - wake one thread waiting on a condition variable
 *	(cv_signal())
 * @cvp: the condvar
 *
 * Wakes the longest waiter.
 *
 * Context: any; does not sleep. Normally with the interlock held.
 */
void freebsd_cv_signal(struct cv *cvp)
{
	if (!cv_ok(cvp, "cv_signal", _RET_IP_) || !READ_ONCE(cvp->cv_waiters))
		return;
	bsd_sleepq_wake(cvp, &cvp->cv_waiters, false);
}
EXPORT_SYMBOL_NS_GPL(freebsd_cv_signal, BSDCOMPAT);

/**
 * freebsd_cv_broadcastpri() - wake every thread waiting on a condition
 *	variable (cv_broadcast(), cv_broadcastpri())
 * @cvp: the condvar
 * @pri: the priority to lend the woken threads (ignored: Linux schedules)
 *
 * After it returns, cv_destroy() and freeing the condvar are safe at once.
 *
 * Context: any; does not sleep. Normally with the interlock held.
 */
void freebsd_cv_broadcastpri(struct cv *cvp, int pri)
{
	if (!cv_ok(cvp, "cv_broadcast", _RET_IP_) ||
	    !READ_ONCE(cvp->cv_waiters))
		return;
	bsd_sleepq_wake(cvp, &cvp->cv_waiters, true);
}
EXPORT_SYMBOL_NS_GPL(freebsd_cv_broadcastpri, BSDCOMPAT);
