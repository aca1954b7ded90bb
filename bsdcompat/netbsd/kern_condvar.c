// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * NetBSD condvar(9).
 *
 * A condvar is a name for a sleep queue (core/sleepq.c): its waiters are
 * queued outside it, by its address, and the queue keeps the count of them
 * in cv_waiters. That is what makes "cv_broadcast(cv); cv_destroy(cv);
 * kmem_free(cv)" safe, which SPL's condvars, with their waiters and a
 * reference count inside the condvar, got wrong twice (waiters touching it
 * after the wakeup, and cv_destroy() sleeping until they stopped): here a
 * woken waiter never looks at the condvar again, and a waiter that times
 * out updates the count only while it is still queued, which the broadcast
 * would have prevented.
 *
 * The waiter is queued before the interlock is released, so a cv_signal()
 * made under the interlock always finds it. The thread sleeps at IPL_NONE
 * and without the kernel lock, and gets both back before it retakes the
 * interlock (which raises the IPL again for a spin mutex).
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/sched.h>

#include <sys/condvar.h>
#include <bsdcompat/lockdebug.h>

#include "../core/adaptive.h"
#include "../core/sleepq.h"

#define KCV_MAGIC	0x6b637676u	/* "kcvv" */
#define KCV_DEAD	0x6b636464u	/* destroyed */

static void cv_error(const kcondvar_t *cv, const char *op, unsigned long ip,
		     const char *msg)
{
	u32 magic = READ_ONCE(cv->cv_magic);
	const char *name = magic == KCV_MAGIC || magic == KCV_DEAD ?
			   cv->cv_wmesg : "";

	bsd_lock_error("Condition variable", op, cv, name, ip, "%s", msg);
}

static bool cv_ok(const kcondvar_t *cv, const char *op, unsigned long ip)
{
	u32 magic = READ_ONCE(cv->cv_magic);

	if (likely(magic == KCV_MAGIC))
		return true;
	cv_error(cv, op, ip, magic == KCV_DEAD ? "destroyed condition variable" :
		 "uninitialized condition variable");
	return false;
}

/**
 * netbsd_cv_init() - initialise a condition variable
 * @cv: the condvar
 * @wmesg: what a thread sleeping on it waits for (shown in reports)
 *
 * Context: any; does not sleep.
 */
void netbsd_cv_init(kcondvar_t *cv, const char *wmesg)
{
	unsigned long ip = _RET_IP_;

	if (!wmesg) {
		bsd_lock_error("Condition variable", "cv_init", cv, "", ip,
			       "assertion failed: wmesg != NULL");
		wmesg = "cv";
	}
	if (READ_ONCE(cv->cv_magic) == KCV_MAGIC) {
		cv_error(cv, "cv_init", ip, "already initialized");
		if (READ_ONCE(cv->cv_waiters))
			return;	/* in use: re-initialising would corrupt it */
	}
	cv->cv_wmesg = wmesg;
	cv->cv_mtx = NULL;
	cv->cv_waiters = 0;
	WRITE_ONCE(cv->cv_magic, KCV_MAGIC);
}
EXPORT_SYMBOL_NS_GPL(netbsd_cv_init, BSDCOMPAT);

/**
 * netbsd_cv_destroy() - tear down a condition variable
 * @cv: the condvar; nobody may be waiting on it
 *
 * Destroying a condvar with waiters is reported and refused. Once it is
 * destroyed its memory may be freed.
 *
 * Context: any; does not sleep.
 */
void netbsd_cv_destroy(kcondvar_t *cv)
{
	unsigned long ip = _RET_IP_;

	if (!cv_ok(cv, "cv_destroy", ip))
		return;
	if (READ_ONCE(cv->cv_waiters)) {
		cv_error(cv, "cv_destroy", ip, "is locked or in use");
		return;
	}
	cv->cv_wmesg = "deadcv";
	WRITE_ONCE(cv->cv_magic, KCV_DEAD);
}
EXPORT_SYMBOL_NS_GPL(netbsd_cv_destroy, BSDCOMPAT);

static void cv_unlock(void *mtx)
{
	mutex_exit(mtx);
}

/*
 * Wait on @cv, releasing @mtx. A wait that may not happen is reported and
 * refused: the caller gets @refused (as a spurious wakeup or a timeout)
 * with the mutex as it was.
 */
static int cv_block(kcondvar_t *cv, kmutex_t *mtx, unsigned int flags,
		    ktime_t deadline, u64 slack, const char *op,
		    unsigned long ip, int refused)
{
	int error;

	if (!cv_ok(cv, op, ip))
		return refused;
	if (!mutex_owned(mtx)) {
		cv_error(cv, op, ip, "interlock not held by current LWP");
		return refused;
	}
	if (bsd_intr_context()) {
		cv_error(cv, op, ip, "sleeping from interrupt context");
		return refused;
	}
	if (bsd_spin_held_count() > (mtx->mtx_type == KMUTEX_SPIN)) {
		cv_error(cv, op, ip, "spin lock held");
		return refused;
	}
	if (READ_ONCE(cv->cv_mtx) != mtx) {
		if (READ_ONCE(cv->cv_waiters))
			cv_error(cv, op, ip,
				 "multiple locks used with condition variable");
		WRITE_ONCE(cv->cv_mtx, mtx);
	}
	error = bsd_sleepq_block(cv, &cv->cv_waiters, flags, deadline, slack,
				 cv_unlock, mtx);
	/* Woken: cv may be gone already; mtx is the caller's. */
	mutex_enter(mtx);
	return error;
}

/**
 * netbsd_cv_wait() - wait on a condition variable
 * @cv: the condvar
 * @mtx: the interlock, held by the caller; held again on return
 *
 * Sleeps until cv_signal() or cv_broadcast(); not interruptible. The
 * wakeup may be spurious.
 *
 * Context: thread context, may sleep. Misuse (interlock not held, from an
 * interrupt, another spin mutex held) is reported and the call returns at
 * once.
 */
void netbsd_cv_wait(kcondvar_t *cv, kmutex_t *mtx)
{
	cv_block(cv, mtx, 0, KTIME_MAX, 0, "cv_wait", _RET_IP_, 0);
}
EXPORT_SYMBOL_NS_GPL(netbsd_cv_wait, BSDCOMPAT);

/**
 * netbsd_cv_wait_sig() - wait on a condition variable, interruptibly
 * @cv: the condvar
 * @mtx: the interlock, held by the caller; held again on return
 *
 * Context: as cv_wait().
 * Return: 0 when woken, EINTR or ERESTART when a signal came first.
 */
int netbsd_cv_wait_sig(kcondvar_t *cv, kmutex_t *mtx)
{
	return cv_block(cv, mtx, BSD_SLEEP_INTR, KTIME_MAX, 0, "cv_wait_sig",
			_RET_IP_, 0);
}
EXPORT_SYMBOL_NS_GPL(netbsd_cv_wait_sig, BSDCOMPAT);

static int cv_timed(kcondvar_t *cv, kmutex_t *mtx, int ticks,
		    unsigned int flags, const char *op, unsigned long ip)
{
	if (ticks < 0) {
		cv_error(cv, op, ip, "negative timeout");
		return EWOULDBLOCK;
	}
	return cv_block(cv, mtx, flags, bsd_ticks_deadline(ticks),
			current->timer_slack_ns, op, ip, EWOULDBLOCK);
}

/**
 * netbsd_cv_timedwait() - wait on a condition variable for a while
 * @cv: the condvar
 * @mtx: the interlock, held by the caller; held again on return
 * @ticks: the timeout in ticks (hz a second); 0 waits for ever
 *
 * Context: as cv_wait().
 * Return: 0 when woken, EWOULDBLOCK when the time ran out.
 */
int netbsd_cv_timedwait(kcondvar_t *cv, kmutex_t *mtx, int ticks)
{
	return cv_timed(cv, mtx, ticks, 0, "cv_timedwait", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_cv_timedwait, BSDCOMPAT);

/**
 * netbsd_cv_timedwait_sig() - wait on a condition variable for a while,
 *	interruptibly
 * @cv: the condvar
 * @mtx: the interlock, held by the caller; held again on return
 * @ticks: the timeout in ticks (hz a second); 0 waits for ever
 *
 * Context: as cv_wait().
 * Return: 0 when woken, EWOULDBLOCK when the time ran out, EINTR or
 * ERESTART when a signal came first.
 */
int netbsd_cv_timedwait_sig(kcondvar_t *cv, kmutex_t *mtx, int ticks)
{
	return cv_timed(cv, mtx, ticks, BSD_SLEEP_INTR, "cv_timedwait_sig",
			_RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_cv_timedwait_sig, BSDCOMPAT);

static int cv_bt(kcondvar_t *cv, kmutex_t *mtx, struct bintime *bt,
		 const struct bintime *epsilon, unsigned int flags,
		 const char *op, unsigned long ip)
{
	u64 slack = current->timer_slack_ns;
	ktime_t deadline;
	int error;

	if (bt->sec < 0) {
		cv_error(cv, op, ip, "negative timeout");
		return EWOULDBLOCK;
	}
	if (!epsilon)
		cv_error(cv, op, ip, "specify maximum requested delay");
	else if (epsilon->sec >= 0)
		slack = epsilon->sec >= KTIME_SEC_MAX ? U64_MAX :
			bintime2ns(epsilon);
	deadline = bt->sec >= KTIME_SEC_MAX / 2 ? KTIME_MAX :
		   ktime_add_ns(ktime_get(), bintime2ns(bt));
	error = cv_block(cv, mtx, flags, deadline, slack, op, ip, EWOULDBLOCK);
	if (deadline != KTIME_MAX)
		ns2bintime(ktime_sub(deadline, ktime_get()), bt);
	return error;
}

/**
 * netbsd_cv_timedwaitbt() - wait on a condition variable for a bintime
 * @cv: the condvar
 * @mtx: the interlock, held by the caller; held again on return
 * @bt: the time to wait, not negative; on return, the time left (negative
 *	if the wait overran)
 * @epsilon: how late the timeout may fire
 *
 * Context: as cv_wait().
 * Return: 0 when woken, EWOULDBLOCK when the time ran out.
 */
int netbsd_cv_timedwaitbt(kcondvar_t *cv, kmutex_t *mtx, struct bintime *bt,
		   const struct bintime *epsilon)
{
	return cv_bt(cv, mtx, bt, epsilon, 0, "cv_timedwaitbt", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_cv_timedwaitbt, BSDCOMPAT);

/**
 * netbsd_cv_timedwaitbt_sig() - wait on a condition variable for a bintime,
 *	interruptibly
 * @cv: the condvar
 * @mtx: the interlock, held by the caller; held again on return
 * @bt: the time to wait; on return, the time left
 * @epsilon: how late the timeout may fire
 *
 * Context: as cv_wait().
 * Return: 0 when woken, EWOULDBLOCK when the time ran out, EINTR or
 * ERESTART when a signal came first.
 */
int netbsd_cv_timedwaitbt_sig(kcondvar_t *cv, kmutex_t *mtx, struct bintime *bt,
		       const struct bintime *epsilon)
{
	return cv_bt(cv, mtx, bt, epsilon, BSD_SLEEP_INTR, "cv_timedwaitbt_sig",
		     _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_cv_timedwaitbt_sig, BSDCOMPAT);

static void cv_wake(kcondvar_t *cv, bool all, const char *op,
		    unsigned long ip)
{
	kmutex_t *mtx;

	if (!cv_ok(cv, op, ip) || !READ_ONCE(cv->cv_waiters))
		return;
	mtx = READ_ONCE(cv->cv_mtx);
	if (mtx && !mutex_owned(mtx))
		cv_error(cv, op, ip, "interlocking mutex not held during wakeup");
	bsd_sleepq_wake(cv, &cv->cv_waiters, all);
}

/**
 * netbsd_cv_signal() - wake one thread waiting on a condition variable
 * @cv: the condvar
 *
 * The caller should hold the waiters' interlock; a wakeup without it is
 * reported (and done).
 *
 * Context: any, at an IPL not above the interlock's; does not sleep.
 */
void netbsd_cv_signal(kcondvar_t *cv)
{
	cv_wake(cv, false, "cv_signal", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_cv_signal, BSDCOMPAT);

/**
 * netbsd_cv_broadcast() - wake every thread waiting on a condition variable
 * @cv: the condvar
 *
 * After it returns, cv_destroy() and freeing the condvar are safe at once.
 *
 * Context: as cv_signal().
 */
void netbsd_cv_broadcast(kcondvar_t *cv)
{
	cv_wake(cv, true, "cv_broadcast", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_cv_broadcast, BSDCOMPAT);

/**
 * netbsd_cv_has_waiters() - does anyone wait on a condition variable
 * @cv: the condvar
 *
 * Context: any; for assertions, with the interlock held.
 * Return: true if at least one thread is queued on @cv.
 */
bool netbsd_cv_has_waiters(kcondvar_t *cv)
{
	return READ_ONCE(cv->cv_waiters) != 0;
}
EXPORT_SYMBOL_NS_GPL(netbsd_cv_has_waiters, BSDCOMPAT);

/**
 * netbsd_cv_is_valid() - is a condition variable initialised and not destroyed
 * @cv: the condvar
 *
 * Context: any; for assertions.
 * Return: true if @cv may be used.
 */
bool netbsd_cv_is_valid(kcondvar_t *cv)
{
	return READ_ONCE(cv->cv_magic) == KCV_MAGIC;
}
EXPORT_SYMBOL_NS_GPL(netbsd_cv_is_valid, BSDCOMPAT);
