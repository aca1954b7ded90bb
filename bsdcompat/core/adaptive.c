// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The waiting half of bsdcompat's sleeping locks (see adaptive.h).
 */
#include <linux/delay.h>
#include <linux/kernel.h>
#include <linux/rcupdate.h>

#include "adaptive.h"
#include "biglock.h"
#include "turnstile.h"

/* How long an acquisition that must not sleep busy-waits before giving up. */
#define BSD_ATOMIC_WAIT_US	100000

/*
 * Spin while @word still names @owner and @owner is running on a CPU, as
 * Linux's mutex does. @owner is dereferenced only after @word has been seen
 * to still name it inside an RCU read section: a task that owns a lock has
 * not exited, and an exited task is freed only after a grace period.
 *
 * Never with interrupts off: the owner may be waiting for this CPU to answer
 * an IPI (on_each_cpu()).
 *
 * Return: true if the word changed (try again), false if the owner is not
 * running or this CPU is wanted elsewhere (go to sleep).
 */
#ifdef CONFIG_SMP
bool bsd_spin_on_owner(const atomic_long_t *word, struct task_struct *owner)
{
	bool changed = false;

	if (irqs_disabled())
		return false;
	preempt_disable();
	rcu_read_lock();
	for (;;) {
		if (bsd_owner_task(atomic_long_read(word)) != owner) {
			changed = true;
			break;
		}
		if (!owner_on_cpu(owner) || need_resched())
			break;
		cpu_relax();
	}
	rcu_read_unlock();
	preempt_enable();
	return changed;
}
#else
bool bsd_spin_on_owner(const atomic_long_t *word, struct task_struct *owner)
{
	return false;	/* the owner cannot be running: we are */
}
#endif

/*
 * About to spin with interrupts on, or to sleep: the thread does that at
 * IPL_NONE and without the kernel lock, as on BSD. A sleep queue calls this
 * after it has queued the thread (the IPL or the kernel lock may be what
 * orders the wakeup against the sleep); a lock before it queues.
 */
void bsd_wait_begin(struct bsd_waitstate *ws)
{
	if (ws->ws_ipl >= 0)
		return;
	ws->ws_ipl = bsd_spl_sleep_begin();
	ws->ws_biglocks = bsd_biglock_drop();
	if (task_is_running(current))
		might_sleep();	/* anything else atomic is the caller's */
}

/* The thread runs again: kernel_lock first (it may sleep), then the IPL. */
void bsd_wait_end(struct bsd_waitstate *ws)
{
	if (ws->ws_ipl < 0)
		return;
	if (ws->ws_biglocks)
		bsd_biglock_pickup(ws->ws_biglocks);
	bsd_spl_sleep_end(ws->ws_ipl);
	ws->ws_ipl = -1;
}

void bsd_owner_wait(atomic_long_t *word, const void *key, long me,
		    long waiters)
{
	struct bsd_waitstate ws = BSD_WAITSTATE_INIT;
	struct bsd_tswait tw;
	long owner;

	/*
	 * Never wait with interrupts off: the owner may be in on_each_cpu()
	 * waiting for this CPU. A thread at IPL_VM gives its IPL up now.
	 */
	if (irqs_disabled())
		bsd_wait_begin(&ws);
	for (;;) {
		owner = 0;
		if (atomic_long_try_cmpxchg_acquire(word, &owner, me))
			break;
		if (!owner || bsd_spin_on_owner(word, bsd_owner_task(owner)))
			continue;
		bsd_wait_begin(&ws);

		bsd_ts_prepare(&tw, key, TASK_UNINTERRUPTIBLE);
		/*
		 * Queued first, then the waiters bit: a release that clears
		 * the word after this sees us on the turnstile. If the word
		 * changed, or the lock is free, go round again at once.
		 */
		owner = atomic_long_read(word);
		if (owner && ((owner & waiters) ||
			      atomic_long_try_cmpxchg(word, &owner,
						      owner | waiters)))
			schedule();
		bsd_ts_finish(&tw);
	}
	bsd_wait_end(&ws);
}

/* The release side of bsd_owner_release() when there are waiters. */
void bsd_owner_release_wake(atomic_long_t *word, const void *key)
{
	/*
	 * There are waiters. The exchange is fully ordered, so a waiter that
	 * set the bit is already on the turnstile when we look. Preemption is
	 * off in between so that the woken do not wait for us to run again.
	 *
	 * From here on the lock may have been taken and freed by another
	 * thread: only its address is used.
	 */
	preempt_disable();
	atomic_long_xchg(word, 0);
	bsd_ts_wakeup(key);
	preempt_enable();
}

/*
 * For a caller that must not sleep (a misuse, reported by the caller):
 * busy-wait for the word to be free and store @me, for at most
 * BSD_ATOMIC_WAIT_US; the holder may need this CPU, so it may never come.
 */
bool bsd_owner_busywait(atomic_long_t *word, long me)
{
	unsigned int us;
	long free;

	for (us = 0; us < BSD_ATOMIC_WAIT_US; us++) {
		free = 0;
		if (atomic_long_try_cmpxchg_acquire(word, &free, me))
			return true;
		udelay(1);
	}
	return false;
}
