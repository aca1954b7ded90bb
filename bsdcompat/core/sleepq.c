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

/*
 * Sleep until a waker takes @tw off its queue, the deadline or (@state
 * TASK_INTERRUPTIBLE) a signal, then leave the queue. The thread is queued
 * and its state set to @state; the IPL and kernel lock are already given
 * up. Return as bsd_sleepq_block() does; *@result is the waker's result.
 */
static int sleepq_sleep(struct bsd_tswait *tw, unsigned int state,
			ktime_t deadline, u64 slack, int *result)
{
	bool timedout = false;

	for (;;) {
		/*
		 * A waker takes us off the queue before it wakes us. Anything
		 * else was a stray wakeup: sleep again, state first (set on
		 * entry and at the bottom), so that a waker that comes after
		 * this check wakes us.
		 */
		if (!READ_ONCE(tw->tw_queued))
			break;
		if (state == TASK_INTERRUPTIBLE && signal_pending(current))
			break;
		if (deadline == KTIME_MAX) {
			schedule();
		} else if (!schedule_hrtimeout_range(&deadline, slack,
						     HRTIMER_MODE_ABS)) {
			timedout = true;
			break;
		}
		set_current_state(state);
	}
	if (bsd_sq_dequeue(tw)) {
		if (result)
			*result = tw->tw_result;
		return 0;
	}
	if (timedout)
		return EWOULDBLOCK;
	return fatal_signal_pending(current) ? EINTR : ERESTART;
}

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
	struct bsd_tswait tw;
	int error;

	bsd_sq_enqueue(&tw, wchan, count, state);
	if (unlock)
		unlock(arg);
	bsd_wait_begin(&ws);
	error = sleepq_sleep(&tw, state, deadline, slack, NULL);
	bsd_wait_end(&ws);
	return error;
}

/**
 * bsd_sleepq_enqueue() - queue the calling thread on a wait channel
 * @tw: the waiter record; valid and in place until bsd_sleepq_wait()
 *	returns
 * @wchan: the channel; only its address is used
 * @count: a waiter count, as for bsd_sleepq_block(), or NULL
 *
 * The first step of a two-step sleep: from here on a wakeup of @wchan
 * takes the thread off the queue, and the bsd_sleepq_wait() that must
 * follow returns at once. The thread keeps running meanwhile.
 *
 * Context: thread context; does not sleep.
 */
void bsd_sleepq_enqueue(struct bsd_tswait *tw, const void *wchan,
			unsigned int *count)
{
	bsd_sq_enqueue(tw, wchan, count, TASK_RUNNING);
}

/**
 * bsd_sleepq_wait() - sleep after bsd_sleepq_enqueue()
 * @tw: the record given to bsd_sleepq_enqueue()
 * @flags: BSD_SLEEP_INTR to let a signal end the sleep
 * @deadline: absolute CLOCK_MONOTONIC time to give up at, KTIME_MAX for none
 * @slack: how late the timeout may fire, in ns
 * @result: where to store the result the waker handed over (0 from
 *	bsd_sleepq_wake()), if woken; or NULL
 *
 * Gives up the IPL and kernel_lock holds and takes them back, as
 * bsd_sleepq_block() does. The thread is off the queue when it returns.
 *
 * Context: thread context, no spin mutex held (the callers check); sleeps.
 * Return: as bsd_sleepq_block().
 */
int bsd_sleepq_wait(struct bsd_tswait *tw, unsigned int flags,
		    ktime_t deadline, u64 slack, int *result)
{
	unsigned int state = flags & BSD_SLEEP_INTR ? TASK_INTERRUPTIBLE :
			     TASK_UNINTERRUPTIBLE;
	struct bsd_waitstate ws = BSD_WAITSTATE_INIT;
	int error;

	bsd_wait_begin(&ws);
	set_current_state(state);	/* a full barrier before the check */
	error = sleepq_sleep(tw, state, deadline, slack, result);
	bsd_wait_end(&ws);
	return error;
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

/**
 * bsd_sleepq_wake_result() - wake sleepers, handing them a result
 * @wchan: the channel; only compared, never dereferenced
 * @count: the waiter count given when they queued, or NULL
 * @all: wake every sleeper, or only the one that slept first
 * @result: what bsd_sleepq_wait() passes on to each of them
 *
 * Context: any; does not sleep.
 * Return: how many threads were woken.
 */
unsigned int bsd_sleepq_wake_result(const void *wchan, unsigned int *count,
				    bool all, int result)
{
	return bsd_sq_wake_result(wchan, count, all, result);
}

/**
 * bsd_sleepq_remove() - take one sleeper off its queue and wake it
 * @tw: its record, which the caller knows to be valid (see turnstile.h)
 * @result: what its bsd_sleepq_wait() passes on
 *
 * Context: any; does not sleep.
 * Return: true if it was still queued (and is now woken), false if it had
 * been woken already or had left.
 */
bool bsd_sleepq_remove(struct bsd_tswait *tw, int result)
{
	return bsd_sq_remove(tw, result);
}
