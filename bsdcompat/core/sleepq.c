// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Sleep queues (see sleepq.h).
 */
#include <linux/errno.h>
#include <linux/hrtimer.h>
#include <linux/sched/signal.h>

#include "adaptive.h"
#include "sleepq.h"
#include "turnstile.h"

/**
 * bsd_sleepq_block() - sleep on a wait channel
 * @wchan: the channel; only its address is used
 * @count: a waiter count in the object waited on, kept by the sleep queue
 *	(see turnstile.h), or NULL
 * @flags: BSD_SLEEP_INTR to let a signal end the sleep
 * @deadline: absolute CLOCK_MONOTONIC time to give up at, KTIME_MAX for none
 * @slack: how late the timeout may fire, in ns
 * @unlock: called once the thread is queued, to release the interlock; or
 *	NULL
 * @arg: @unlock's argument
 *
 * The caller's IPL and kernel_lock holds are given up after the thread is
 * queued and taken back before it returns; the interlock is the caller's to
 * take back.
 *
 * Context: thread context, no spin mutex held (the callers check); sleeps.
 * Return: 0 if woken by bsd_sleepq_wake() (that wins over a timeout or a
 * signal that came at the same time), EWOULDBLOCK at the deadline, EINTR
 * for a fatal signal, ERESTART for any other signal (Linux's system call
 * exit turns that into EINTR if the handler lacks SA_RESTART).
 */
int bsd_sleepq_block(const void *wchan, unsigned int *count,
		     unsigned int flags, ktime_t deadline, u64 slack,
		     void (*unlock)(void *), void *arg)
{
	unsigned int state = flags & BSD_SLEEP_INTR ? TASK_INTERRUPTIBLE :
			     TASK_UNINTERRUPTIBLE;
	struct bsd_waitstate ws = BSD_WAITSTATE_INIT;
	bool timedout = false;
	struct bsd_tswait tw;

	bsd_sq_enqueue(&tw, wchan, count, state);
	if (unlock)
		unlock(arg);
	bsd_wait_begin(&ws);
	for (;;) {
		if (state == TASK_INTERRUPTIBLE && signal_pending(current))
			break;
		if (deadline == KTIME_MAX) {
			schedule();
		} else if (!schedule_hrtimeout_range(&deadline, slack,
						     HRTIMER_MODE_ABS)) {
			timedout = true;
			break;
		}
		/*
		 * A waker takes us off the queue before it wakes us. Anything
		 * else was a stray wakeup: sleep again, state first, so that a
		 * waker that comes after the second check wakes us.
		 */
		if (!READ_ONCE(tw.tw_queued))
			break;
		set_current_state(state);
		if (!READ_ONCE(tw.tw_queued))
			break;
	}
	if (bsd_sq_dequeue(&tw)) {
		bsd_wait_end(&ws);
		return 0;
	}
	bsd_wait_end(&ws);
	if (timedout)
		return EWOULDBLOCK;
	return fatal_signal_pending(current) ? EINTR : ERESTART;
}

/**
 * bsd_sleepq_wake() - wake threads sleeping on a wait channel
 * @wchan: the channel; only compared, never dereferenced
 * @count: the waiter count given to bsd_sleepq_block(), or NULL
 * @all: wake every sleeper, or only the one that slept first
 *
 * Context: any; does not sleep.
 * Return: how many threads were woken.
 */
unsigned int bsd_sleepq_wake(const void *wchan, unsigned int *count, bool all)
{
	return bsd_sq_wake(wchan, count, all);
}
