/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The locks each thread holds, for FreeBSD's WITNESS rule that a thread
 * must not sleep while it holds a lock that is not sleepable (a mutex, an
 * rw lock), and for naming those locks when it tries.
 *
 * Rules:
 *  - Tracking is on while the module parameter witness is 1 (the default);
 *    with 0 each hook is a patched-out jump.
 *  - Only thread context is tracked: an interrupt may not sleep whatever it
 *    holds, and its locks are gone before it returns.
 *  - A lock calls bsd_witness_acquire() once it holds the lock and
 *    bsd_witness_release() before it lets go. A release that finds no entry
 *    (the lock was taken while tracking was off, or by another thread) is
 *    ignored, so switching witness at run time never causes a report.
 *  - Each thread tracks up to BSD_WITNESS_DEPTH locks; more are counted
 *    but not named. The records come from a fixed pool: no allocation, so
 *    any context and PREEMPT_RT are fine. A thread that finds the pool
 *    empty goes untracked (counted in debugfs bsdcompat/witness).
 */
#ifndef _BSDCOMPAT_WITNESS_H_
#define _BSDCOMPAT_WITNESS_H_

#include <linux/jump_label.h>
#include <linux/types.h>

#define BSD_WITNESS_DEPTH	8

DECLARE_STATIC_KEY_TRUE(bsd_witness_on);

static __always_inline bool bsd_witness_enabled(void)
{
	return static_branch_likely(&bsd_witness_on);
}

void __bsd_witness_acquire(const void *lock, const char *name,
			   const char *kind, bool sleepable, unsigned long ip);
void __bsd_witness_release(const void *lock);

/*
 * @kind is what the report calls the lock ("sleep mutex", "spin mutex",
 * "rw", "sx"); @sleepable says whether its holder may sleep.
 */
static __always_inline void bsd_witness_acquire(const void *lock,
						const char *name,
						const char *kind,
						bool sleepable,
						unsigned long ip)
{
	if (bsd_witness_enabled())
		__bsd_witness_acquire(lock, name, kind, sleepable, ip);
}

static __always_inline void bsd_witness_release(const void *lock)
{
	if (bsd_witness_enabled())
		__bsd_witness_release(lock);
}

/*
 * About to sleep on @wchan (@wmesg): if the thread holds a non-sleepable
 * lock other than @interlock (which the sleep gives up), report it as
 * class @cls, operation @op from @ip, naming the lock and where it was
 * taken, and return false.
 */
bool bsd_witness_may_sleep(const char *cls, const char *op,
			   const void *wchan, const char *wmesg,
			   const void *interlock, unsigned long ip);

/* How many locks the caller holds that witness tracked (for tests). */
unsigned int bsd_witness_held(bool sleepable);

int bsd_witness_set(bool on);

#endif /* _BSDCOMPAT_WITNESS_H_ */
