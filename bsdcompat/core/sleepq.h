/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Sleeping on a wait channel: what condvar(9), tsleep(9), FreeBSD sleep(9)
 * and Digital UNIX's assert_wait/thread_block have in common; not part of
 * the driver API.
 *
 * A thread is queued on the channel's sleep queue (core/turnstile.c) before
 * it lets go of anything that orders the wakeup against the sleep: the
 * interlock (released by the @unlock callback), the IPL and the kernel lock
 * (given up by bsd_wait_begin()). So a wakeup issued by someone who needed
 * any of those to see the sleeper's condition is never lost.
 */
#ifndef _BSDCOMPAT_SLEEPQ_H_
#define _BSDCOMPAT_SLEEPQ_H_

#include <linux/ktime.h>
#include <linux/types.h>

#define BSD_SLEEP_INTR		0x1	/* a signal ends the sleep */

/* Relative ticks (Linux jiffies) to a deadline; 0 means none. */
static inline ktime_t bsd_ticks_deadline(int ticks)
{
	if (ticks <= 0)
		return KTIME_MAX;
	return ktime_add_ns(ktime_get(), jiffies_to_nsecs(ticks));
}

int bsd_sleepq_block(const void *wchan, unsigned int *count,
		     unsigned int flags, ktime_t deadline, u64 slack,
		     void (*unlock)(void *), void *arg);
unsigned int bsd_sleepq_wake(const void *wchan, unsigned int *count, bool all);

#endif /* _BSDCOMPAT_SLEEPQ_H_ */
