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
 *
 * bsd_sleepq_block() does it all in one call. Mach's assert_wait() and
 * thread_block() need it in two steps, with the caller's own code (a simple
 * lock released, say) in between: bsd_sleepq_enqueue() queues the thread
 * and leaves it running, so it may still do anything that does not sleep;
 * bsd_sleepq_wait() then sleeps, and returns at once if a waker already
 * took the thread off the queue. The struct bsd_tswait must stay valid from
 * one to the other and not move. A waker may hand the sleeper a result
 * (bsd_sleepq_wake_result(), bsd_sleepq_remove()); bsd_sleepq_wait() passes
 * it on.
 */
#ifndef _BSDCOMPAT_SLEEPQ_H_
#define _BSDCOMPAT_SLEEPQ_H_

#include <linux/ktime.h>
#include <linux/types.h>

struct bsd_tswait;

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

void bsd_sleepq_enqueue(struct bsd_tswait *tw, const void *wchan,
			unsigned int *count);
int bsd_sleepq_wait(struct bsd_tswait *tw, unsigned int flags,
		    ktime_t deadline, u64 slack, int *result);
unsigned int bsd_sleepq_wake_result(const void *wchan, unsigned int *count,
				    bool all, int result);
bool bsd_sleepq_remove(struct bsd_tswait *tw, int result);

#endif /* _BSDCOMPAT_SLEEPQ_H_ */
