// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * FreeBSD sleep(9): msleep() and its aliases for each lock type,
 * msleep_spin(), tsleep(), pause() and wakeup(), on bsdcompat's sleep
 * queues (core/sleepq.c), keyed by the wait channel's address.
 *
 * The interlock is any FreeBSD lock. Its class (struct lock_class) says
 * how to give the caller's hold up and take it back the same way, whether
 * the caller holds it, and whether it is a spin lock; nothing here knows
 * the lock types themselves. The thread is queued before the class's
 * lc_unlock() runs, and before the IPL and Giant are given up, so a wakeup
 * made under any of them finds it.
 *
 * Misuse is reported and the sleep refused rather than risked: a thread
 * that sleeps holding a lock its waker needs hangs the driver, and one that
 * sleeps with interrupts off or in an interrupt hangs the CPU.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/sched.h>

#include <sys/lock.h>
#include <sys/param.h>
#include <sys/sleep.h>
#include <bsdcompat/lockdebug.h>
#include <bsdcompat/witness.h>

#include "../core/adaptive.h"
#include "../core/sleepq.h"
#include "freebsd.h"
#include "sleep_internal.h"

const char *freebsd_sleep_refusal(struct lock_object *lock, bool spin,
				  bool intr, const char *spin_hint)
{
	bool spinlock;

	if (bsd_intr_context())
		return "sleeping from interrupt context";
	if (lock && !LOCK_CLASS(lock))
		return "interlock has no lock class (not initialized)";
	spinlock = lock && (LOCK_CLASS(lock)->lc_flags & LC_SPINLOCK);
	if (lock && !LOCK_CLASS(lock)->lc_owned(lock))
		return "interlock not held by current thread";
	if (spin && !spinlock)
		return "interlock is not a spin mutex";
	if (!spin && spinlock)
		return spin_hint;
	if (spin && intr)
		return "PCATCH with a spin mutex interlock";
	if (bsd_spin_held_count() > spinlock)
		return "spin lock held";
	return NULL;
}

struct sleep_ilk {
	struct lock_object	*lo;
	uintptr_t		how;
};

static void sleep_unlock(void *arg)
{
	struct sleep_ilk *ilk = arg;

	ilk->how = LOCK_CLASS(ilk->lo)->lc_unlock(ilk->lo);
}

/*
 * Sleep on @chan, releasing @lock (or NULL) once queued and taking it back
 * unless @drop. A sleep that may not happen is reported and refused with
 * EWOULDBLOCK, the interlock released if @drop (and held).
 */
static int sleep_common(const void *chan, struct lock_object *lock,
			bool spin, bool intr, bool drop, const char *wmesg,
			sbintime_t sbt, sbintime_t pr, int flags,
			const char *op, unsigned long ip)
{
	struct sleep_ilk ilk = { .lo = lock };
	const char *why;
	ktime_t deadline;
	u64 slack;
	int error;

	if (!wmesg)
		wmesg = "";
	if (sbt < 0)
		why = "negative timeout";
	else
		why = freebsd_sleep_refusal(lock, spin, intr,
					    "interlock is a spin mutex (use msleep_spin)");
	if (unlikely(why)) {
		bsd_lock_error(FREEBSD_SLEEP_CLASS, op, chan, wmesg, ip, "%s",
			       why);
		goto refused;
	}
	if (!bsd_witness_may_sleep(FREEBSD_SLEEP_CLASS, op, chan, wmesg, lock,
				   ip))
		goto refused;

	deadline = freebsd_sbt_deadline(sbt, pr, flags, &slack);
	error = bsd_sleepq_block(chan, NULL, intr ? BSD_SLEEP_INTR : 0,
				 deadline, slack, lock ? sleep_unlock : NULL,
				 &ilk);
	if (lock && !drop)
		LOCK_CLASS(lock)->lc_lock(lock, ilk.how);
	return error;

refused:
	if (lock && drop && LOCK_CLASS(lock) &&
	    LOCK_CLASS(lock)->lc_owned(lock))
		LOCK_CLASS(lock)->lc_unlock(lock);
	return EWOULDBLOCK;
}

/**
 * freebsd__sleep() - sleep on a wait channel, releasing an interlock
 * @chan: the wait channel: any address
 * @lock: the interlock's lock_object (a sleep mutex, rw or sx lock held by
 *	the caller), released once the thread is queued; or NULL
 * @pri: a priority (ignored), or'ed with PCATCH to let a signal end the
 *	sleep and PDROP not to take @lock back
 * @wmesg: what the thread waits for (shown in reports)
 * @sbt: the timeout, 32.32 fixed-point seconds; 0 for none
 * @pr: how late the timeout may fire; 0 for the default
 * @flags: C_ABSOLUTE if @sbt is a time since boot, C_PREL() precision;
 *	other C_* flags are accepted
 * @op: the name the caller used (msleep, mtx_sleep, tsleep, ...), for
 *	reports
 *
 * What msleep(), mtx_sleep(), rw_sleep(), sx_sleep(), tsleep() and their
 * _sbt forms expand to. @lock is taken back the way it was held.
 *
 * Context: thread context, no spin lock or other non-sleepable lock held
 * but @lock; sleeps. Misuse is reported and the sleep refused.
 * Return: 0 when woken by wakeup(), EWOULDBLOCK on timeout (or if the
 * sleep was refused), ERESTART on a signal with PCATCH, EINTR if it was
 * fatal.
 */
int freebsd__sleep(const void *chan, struct lock_object *lock, int pri,
		   const char *wmesg, sbintime_t sbt, sbintime_t pr,
		   int flags, const char *op)
{
	return sleep_common(chan, lock, false, pri & PCATCH, pri & PDROP,
			    wmesg, sbt, pr, flags, op, _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd__sleep, BSDCOMPAT);

/**
 * freebsd_msleep_spin_sbt() - sleep on a wait channel, releasing a spin
 *	mutex
 * @chan: the wait channel: any address
 * @lock: the spin mutex's lock_object, held by the caller; released once
 *	the thread is queued and taken back before the call returns
 * @wmesg: what the thread waits for (shown in reports)
 * @sbt: the timeout, 32.32 fixed-point seconds; 0 for none
 * @pr: how late the timeout may fire; 0 for the default
 * @flags: C_* flags as for freebsd__sleep(); C_CATCH is refused (a spin
 *	interlock cannot be combined with signals)
 * @op: the name the caller used, for reports
 *
 * What msleep_spin() and msleep_spin_sbt() expand to: the one sleep whose
 * interlock may be a spin mutex, for data shared with an interrupt handler.
 *
 * Context: thread context, no other spin lock held; sleeps with
 * interrupts on. Misuse is reported and the sleep refused.
 * Return: 0 when woken by wakeup(), EWOULDBLOCK on timeout or if refused.
 */
int freebsd_msleep_spin_sbt(const void *chan, struct lock_object *lock,
			    const char *wmesg, sbintime_t sbt, sbintime_t pr,
			    int flags, const char *op)
{
	return sleep_common(chan, lock, true, flags & C_CATCH, false, wmesg,
			    sbt, pr, flags, op, _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_msleep_spin_sbt, BSDCOMPAT);

/**
 * freebsd_pause_sbt() - sleep for a while
 * @wmesg: what the thread waits for (shown in reports)
 * @sbt: how long, 32.32 fixed-point seconds; 0 is one tick
 * @pr: how late it may end; 0 for the default
 * @flags: C_CATCH to let a signal end it (pause_sig()), other C_* flags
 *	as for freebsd__sleep()
 * @op: the name the caller used, for reports
 *
 * What pause(), pause_sig() and pause_sbt() expand to. Nothing wakes the
 * thread early but a signal (with C_CATCH).
 *
 * Context: thread context, no spin lock or non-sleepable lock held;
 * sleeps.
 * Return: EWOULDBLOCK when the time is up (or if refused), ERESTART or
 * EINTR on a signal with C_CATCH.
 */
int freebsd_pause_sbt(const char *wmesg, sbintime_t sbt, sbintime_t pr,
		      int flags, const char *op)
{
	int nobody_wakes_this;

	if (sbt == 0)
		sbt = tick_sbt;
	return sleep_common(&nobody_wakes_this, NULL, false, flags & C_CATCH,
			    false, wmesg, sbt, pr, flags, op, _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_pause_sbt, BSDCOMPAT);

/**
 * freebsd_wakeup() - wake every thread sleeping on a wait channel
 * @chan: the channel; only its address is used
 *
 * Context: any, including hard interrupts and with spin mutexes held;
 * does not sleep.
 */
void freebsd_wakeup(const void *chan)
{
	bsd_sleepq_wake(chan, NULL, true);
}
EXPORT_SYMBOL_NS_GPL(freebsd_wakeup, BSDCOMPAT);

/**
 * freebsd_wakeup_one() - wake one thread sleeping on a wait channel
 * @chan: the channel; only its address is used
 *
 * Wakes the thread that has slept longest (FreeBSD picks the highest
 * priority first; bsdcompat leaves priorities to Linux).
 *
 * Context: any; does not sleep.
 */
void freebsd_wakeup_one(const void *chan)
{
	bsd_sleepq_wake(chan, NULL, false);
}
EXPORT_SYMBOL_NS_GPL(freebsd_wakeup_one, BSDCOMPAT);

/**
 * freebsd_wakeup_any() - wake some thread sleeping on a wait channel
 * @chan: the channel; only its address is used
 *
 * The same as wakeup_one() here: the longest sleeper.
 *
 * Context: any; does not sleep.
 */
void freebsd_wakeup_any(const void *chan)
{
	bsd_sleepq_wake(chan, NULL, false);
}
EXPORT_SYMBOL_NS_GPL(freebsd_wakeup_any, BSDCOMPAT);
