// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * NetBSD tsleep(9), mtsleep(9), wakeup(9) and kpause(9) on bsdcompat's
 * sleep queues (core/sleepq.c), keyed by the wait channel's address.
 *
 * Old drivers use the IPL or the kernel lock, not a mutex, to keep the
 * condition and the sleep together ("s = splbio(); while (!done)
 * tsleep(&done, ...)" against a wakeup from the interrupt handler). The
 * thread is queued before either is given up, so those wakeups are not lost
 * either.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/sched.h>

#include <sys/proc.h>
#include <bsdcompat/lockdebug.h>

#include "../core/adaptive.h"
#include "../core/sleepq.h"

static void synch_unlock(void *mtx)
{
	mutex_exit(mtx);
}

/*
 * Sleep on @wchan, releasing @mtx if given. A sleep that may not happen is
 * reported and refused (EWOULDBLOCK), with the mutex as the caller expects
 * it afterwards.
 */
static int synch_block(const void *wchan, const char *wmesg, bool intr,
		       int timo, kmutex_t *mtx, bool relock, const char *op,
		       unsigned long ip)
{
	const char *why = NULL;
	int error;

	if (timo < 0)
		why = "negative timeout";
	else if (mtx && !mutex_owned(mtx))
		why = "interlock not held by current LWP";
	else if (bsd_intr_context())
		why = "sleeping from interrupt context";
	else if (bsd_spin_held_count() >
		 (mtx && mtx->mtx_type == KMUTEX_SPIN))
		why = "spin lock held";
	if (unlikely(why)) {
		bsd_lock_error("Sleep", op, wchan, wmesg ? wmesg : "", ip,
			       "%s", why);
		if (mtx && !relock && mutex_owned(mtx))
			mutex_exit(mtx);
		return EWOULDBLOCK;
	}
	error = bsd_sleepq_block(wchan, NULL, intr ? BSD_SLEEP_INTR : 0,
				 bsd_ticks_deadline(timo),
				 current->timer_slack_ns,
				 mtx ? synch_unlock : NULL, mtx);
	if (mtx && relock)
		mutex_enter(mtx);
	return error;
}

/**
 * netbsd_mtsleep() - sleep on a wait channel, releasing a mutex (mtsleep())
 * @ident: the wait channel: any address
 * @priority: a priority (ignored) or'ed with PCATCH to let a signal end
 *	the sleep and PNORELOCK to return without the mutex
 * @wmesg: what the thread waits for (shown in reports)
 * @timo: the timeout in ticks; 0 for none
 * @mtx: a mutex held by the caller, released once the thread is queued
 *
 * Context: thread context; sleeps.
 * Return: 0 when woken by wakeup(), EWOULDBLOCK on timeout, EINTR or
 * ERESTART on a signal (with PCATCH).
 */
int netbsd_mtsleep(wchan_t ident, pri_t priority, const char *wmesg, int timo,
		   kmutex_t *mtx)
{
	return synch_block((const void *)ident, wmesg, priority & PCATCH, timo,
			   mtx, !(priority & PNORELOCK), "mtsleep", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_mtsleep, BSDCOMPAT);

/**
 * netbsd_tsleep() - sleep on a wait channel (tsleep())
 * @ident: the wait channel: any address
 * @priority: a priority (ignored), or'ed with PCATCH to let a signal end
 *	the sleep
 * @wmesg: what the thread waits for (shown in reports)
 * @timo: the timeout in ticks; 0 for none
 *
 * Context: thread context; sleeps.
 * Return: as netbsd_mtsleep().
 */
int netbsd_tsleep(wchan_t ident, pri_t priority, const char *wmesg, int timo)
{
	return synch_block((const void *)ident, wmesg, priority & PCATCH, timo,
			   NULL, false, "tsleep", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_tsleep, BSDCOMPAT);

/**
 * netbsd_wakeup() - wake every thread sleeping on a wait channel (wakeup())
 * @ident: the wait channel; only its address is used
 *
 * Context: any; does not sleep.
 */
void netbsd_wakeup(wchan_t ident)
{
	bsd_sleepq_wake((const void *)ident, NULL, true);
}
EXPORT_SYMBOL_NS_GPL(netbsd_wakeup, BSDCOMPAT);

/**
 * netbsd_kpause() - sleep for a while (kpause())
 * @wmesg: what the thread waits for (shown in reports)
 * @intr: let a signal end the sleep
 * @timo: how long, in ticks; 0 only with @intr (until a signal)
 * @mtx: a mutex held by the caller, released for the sleep and taken back;
 *	or NULL
 *
 * Context: thread context; sleeps.
 * Return: EWOULDBLOCK when the time is up, EINTR or ERESTART on a signal.
 */
int netbsd_kpause(const char *wmesg, bool intr, int timo, kmutex_t *mtx)
{
	unsigned long ip = _RET_IP_;
	int nobody_wakes_this;

	if (timo == 0 && !intr) {
		bsd_lock_error("Sleep", "kpause", NULL, wmesg ? wmesg : "", ip,
			       "assertion failed: !(timo == 0 && intr == false)");
		return EWOULDBLOCK;
	}
	return synch_block(&nobody_wakes_this, wmesg, intr, timo, mtx, true,
			   "kpause", ip);
}
EXPORT_SYMBOL_NS_GPL(netbsd_kpause, BSDCOMPAT);
