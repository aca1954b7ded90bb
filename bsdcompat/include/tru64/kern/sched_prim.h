/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Digital UNIX (Mach) wait events: assert_wait() and thread_block().
 *
 * Rules:
 *  - assert_wait(event, interruptible) queues the calling thread on the
 *    sleep queue of @event (any address, as a vm_offset_t) and returns at
 *    once: it never sleeps, so the caller may hold a simple lock. The caller
 *    then releases its locks and calls thread_block(), which sleeps until
 *    thread_wakeup(event), the timeout set by thread_set_timeout() (ticks,
 *    for this one wait), clear_wait(), or, if asserted interruptible, a
 *    signal. A wakeup between the two is not lost: thread_block() returns
 *    at once.
 *  - thread_block() returns the wait result: THREAD_AWAKENED,
 *    THREAD_TIMED_OUT, THREAD_INTERRUPTED, or whatever result the waker
 *    passed to thread_wakeup_prim() or clear_wait(). Mach kept it in
 *    current_thread()->wait_result; a Linux task has no such field, so read
 *    the return value instead (callers that ignore it are unaffected).
 *  - thread_block() without assert_wait() only lets other threads run, and
 *    returns THREAD_AWAKENED. Wakeups may be spurious (also when the
 *    bookkeeping for an assert_wait() could not be allocated): re-check the
 *    condition in a loop.
 *  - thread_block() gives up the raised spl and the funnel (kernel lock)
 *    and takes them back, as every sleep does.
 *  - thread_wakeup(), thread_wakeup_one(), thread_wakeup_prim() and
 *    clear_wait() may be called from any context, interrupts included.
 *  - assert_wait() and thread_block() only in thread context; sleeping with
 *    a simple lock held, a second assert_wait() before thread_block(), and
 *    thread_set_timeout() without assert_wait() are reported (class Sleep).
 */
#ifndef _BSDCOMPAT_TRU64_KERN_SCHED_PRIM_H_
#define _BSDCOMPAT_TRU64_KERN_SCHED_PRIM_H_

#include <linux/sched.h>
#include <sys/types.h>

/* Wait results: Digital UNIX's values, from its <kern/sched_prim.h>. */
#define THREAD_AWAKENED		0	/* thread_wakeup() */
#define THREAD_TIMED_OUT	1	/* thread_set_timeout() expired */
#define THREAD_INTERRUPTED	2	/* a signal, or clear_wait() */
#define THREAD_SHOULD_TERMINATE	3
#define THREAD_RESTART		4

void tru64_assert_wait_mesg(vm_offset_t event, boolean_t interruptible,
			    const char *mesg);
int tru64_thread_block(void);
void tru64_thread_set_timeout(int ticks);
int tru64_thread_wakeup_prim(vm_offset_t event, boolean_t one_thread,
			     int result);
void tru64_clear_wait(thread_t thread, int result, boolean_t interrupt_only);

static inline thread_t current_thread(void)
{
	return current;
}

static inline void assert_wait_mesg(vm_offset_t event, boolean_t interruptible,
				    const char *mesg)
{
	tru64_assert_wait_mesg(event, interruptible, mesg);
}

static inline void assert_wait(vm_offset_t event, boolean_t interruptible)
{
	tru64_assert_wait_mesg(event, interruptible, NULL);
}

static inline int thread_block(void)
{
	return tru64_thread_block();
}

static inline void thread_set_timeout(int ticks)
{
	tru64_thread_set_timeout(ticks);
}

static inline int thread_wakeup_prim(vm_offset_t event, boolean_t one_thread,
				     int result)
{
	return tru64_thread_wakeup_prim(event, one_thread, result);
}

static inline void thread_wakeup(vm_offset_t event)
{
	tru64_thread_wakeup_prim(event, FALSE, THREAD_AWAKENED);
}

static inline void thread_wakeup_with_result(vm_offset_t event, int result)
{
	tru64_thread_wakeup_prim(event, FALSE, result);
}

static inline void thread_wakeup_one(vm_offset_t event)
{
	tru64_thread_wakeup_prim(event, TRUE, THREAD_AWAKENED);
}

static inline void clear_wait(thread_t thread, int result,
			      boolean_t interrupt_only)
{
	tru64_clear_wait(thread, result, interrupt_only);
}

#endif /* _BSDCOMPAT_TRU64_KERN_SCHED_PRIM_H_ */
