/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * What FreeBSD sleep(9) and condvar(9) share (kern_synch.c, kern_condvar.c);
 * not the driver API.
 */
#ifndef _BSDCOMPAT_FREEBSD_SLEEP_INTERNAL_H_
#define _BSDCOMPAT_FREEBSD_SLEEP_INTERNAL_H_

#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/sched.h>

#include <sys/lock.h>
#include <sys/sleep.h>

/* A non-negative sbintime_t (32.32 seconds) in nanoseconds. */
static inline u64 freebsd_sbt2ns(sbintime_t sbt)
{
	u64 sec = (u64)sbt >> 32, frac = (u64)sbt & 0xffffffffULL;

	return sec * NSEC_PER_SEC + ((frac * NSEC_PER_SEC) >> 32);
}

/*
 * The deadline and slack of a timeout given as FreeBSD's _sbt forms take
 * it: @sbt (not negative) is a delay, or with C_ABSOLUTE a time since boot;
 * 0 is no timeout. @pr, or a fraction of @sbt asked by C_PREL(), is how
 * late it may fire; otherwise the thread's timer slack.
 */
static inline ktime_t freebsd_sbt_deadline(sbintime_t sbt, sbintime_t pr,
					   int flags, u64 *slack)
{
	int prel = C_PRELGET(flags);
	u64 ns;

	*slack = current->timer_slack_ns;
	if (pr > 0)
		*slack = freebsd_sbt2ns(pr);
	if (prel >= 0 && sbt > 0)
		*slack = max_t(u64, *slack, freebsd_sbt2ns(sbt >> prel));
	if (sbt == 0)
		return KTIME_MAX;
	ns = freebsd_sbt2ns(sbt);
	if (flags & C_ABSOLUTE)
		return ns;
	return ktime_add_ns(ktime_get(), ns);
}

/*
 * Why the caller may not sleep with @lock (or NULL) as interlock, for a
 * sleep that wants a spin mutex (@spin) or a sleep lock, and catches
 * signals (@intr); NULL if it may. @spin_hint ends the message for a spin
 * mutex given where a sleep lock belongs.
 */
const char *freebsd_sleep_refusal(struct lock_object *lock, bool spin,
				  bool intr, const char *spin_hint);

#endif /* _BSDCOMPAT_FREEBSD_SLEEP_INTERNAL_H_ */
