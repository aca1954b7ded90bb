// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The waiting half of bsdcompat's sleeping locks (see adaptive.h).
 */
#include <linux/kernel.h>
#include <linux/rcupdate.h>

#include "adaptive.h"

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
 * About to spin or sleep for a lock: the thread does that at IPL_NONE, as
 * on BSD. Return the IPL to give back with bsd_spl_sleep_end() once the
 * lock is held.
 */
int bsd_lock_wait_begin(void)
{
	int ipl = bsd_spl_sleep_begin();

	might_sleep();		/* anything else atomic is the caller's */
	return ipl;
}
