// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Digital UNIX wait events (see <kern/sched_prim.h>) on bsdcompat's sleep
 * queues (core/sleepq.c), keyed by the event's address.
 *
 * assert_wait() queues the thread (bsd_sleepq_enqueue()) and leaves it
 * running; thread_block() sleeps (bsd_sleepq_wait()). What must survive
 * from one to the other, and what clear_wait() must find given only the
 * thread, is a struct tru64_wait (wait.h) in a small hash table keyed by
 * the task. assert_wait() may run under a simple lock, so the record is
 * allocated GFP_ATOMIC; if that fails, nothing is queued and thread_block()
 * returns at once, a spurious wakeup that Mach callers re-check anyway.
 *
 * Locking: the table's raw spinlock, then a sleep-queue chain lock, never
 * the other way round. Only the waiting thread takes its record out of the
 * table, and frees it only after that; clear_wait() uses a record only
 * with the table locked.
 */
#include <linux/export.h>
#include <linux/hash.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include <kern/sched_prim.h>
#include <bsdcompat/lockdebug.h>

#include "../core/adaptive.h"
#include "../core/sleepq.h"
#include "tru64.h"
#include "wait.h"

#define WAIT_HASH_BITS	6

static struct hlist_head wait_hash[1 << WAIT_HASH_BITS];
static DEFINE_RAW_SPINLOCK(wait_lock);

static struct hlist_head *wait_head(const struct task_struct *t)
{
	return &wait_hash[hash_ptr(t, WAIT_HASH_BITS)];
}

/* @t's record, or NULL. Called with wait_lock held. */
static struct tru64_wait *wait_find(const struct task_struct *t)
{
	struct tru64_wait *w;

	hlist_for_each_entry(w, wait_head(t), w_hash)
		if (w->w_task == t)
			return w;
	return NULL;
}

/* The caller's own record: only it takes it out, so it stays valid. */
static struct tru64_wait *wait_mine(void)
{
	struct tru64_wait *w;
	unsigned long flags;

	raw_spin_lock_irqsave(&wait_lock, flags);
	w = wait_find(current);
	raw_spin_unlock_irqrestore(&wait_lock, flags);
	return w;
}

/* The wait is over and off its sleep queue: forget it. */
static void wait_done(struct tru64_wait *w)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&wait_lock, flags);
	hlist_del(&w->w_hash);
	raw_spin_unlock_irqrestore(&wait_lock, flags);
	put_task_struct(w->w_task);
	if (w->w_heap)
		kfree(w);
}

static void wait_error(const char *op, const void *event, const char *mesg,
		       unsigned long ip, const char *why)
{
	bsd_lock_error(TRU64_SLEEP_CLASS, op, event, mesg ? mesg : "", ip,
		       "%s", why);
}

/*
 * Queue the caller on @event's sleep queue, with @w as its record (NULL:
 * allocate one). Return false, with nothing queued, from an interrupt, if
 * the caller already waits (reported: that first wait is kept) or if no
 * record could be allocated.
 */
bool tru64_wait_assert(struct tru64_wait *w, const void *event, bool intr,
		       const char *mesg, const char *op, unsigned long ip)
{
	struct tru64_wait *old;
	unsigned long flags;
	bool heap = !w;

	if (bsd_intr_context()) {
		wait_error(op, event, mesg, ip, "sleeping from interrupt context");
		return false;
	}
	if (heap) {
		/*
		 * On PREEMPT_RT the slab allocator takes sleeping locks: not
		 * under a simple lock (a raw spinlock). The caller then sees a
		 * spurious wakeup and asserts again.
		 */
		if (IS_ENABLED(CONFIG_PREEMPT_RT) && !preemptible())
			return false;
		w = kmalloc(sizeof(*w), GFP_ATOMIC | __GFP_NOWARN);
		if (!w)
			return false;
	}
	w->w_task = current;
	w->w_event = event;
	w->w_mesg = mesg;
	w->w_deadline = KTIME_MAX;
	w->w_intr = intr;
	w->w_heap = heap;

	raw_spin_lock_irqsave(&wait_lock, flags);
	old = wait_find(current);
	if (!old) {
		get_task_struct(current);
		hlist_add_head(&w->w_hash, wait_head(current));
		bsd_sleepq_enqueue(&w->w_tw, event, NULL);
	}
	raw_spin_unlock_irqrestore(&wait_lock, flags);
	if (!old)
		return true;
	bsd_lock_error(TRU64_SLEEP_CLASS, op, event, mesg ? mesg : "", ip,
		       "already waiting for %p (\"%s\"): second assert_wait ignored",
		       old->w_event, old->w_mesg ? old->w_mesg : "");
	if (heap)
		kfree(w);
	return false;
}

/* Let the caller's wait (@w, from tru64_wait_assert()) time out. */
void tru64_wait_set_deadline(struct tru64_wait *w, int ticks)
{
	w->w_deadline = bsd_ticks_deadline(ticks);
}

/*
 * Sleep in the caller's wait, if it has one; end it. Reported and refused
 * (the wait ended, THREAD_AWAKENED returned) where the caller may not
 * sleep. Return the wait result.
 */
int tru64_wait_block(const char *op, unsigned long ip)
{
	int result = THREAD_AWAKENED;
	struct tru64_wait *w;
	int error;

	if (bsd_intr_context()) {
		/* current is the interrupted thread: leave its wait alone. */
		wait_error(op, NULL, "", ip, "sleeping from interrupt context");
		return THREAD_AWAKENED;
	}
	w = wait_mine();
	if (!tru64_may_sleep(TRU64_SLEEP_CLASS, op, w ? w->w_event : NULL,
			     w && w->w_mesg ? w->w_mesg : "", NULL, ip)) {
		if (w) {
			bsd_sleepq_remove(&w->w_tw, THREAD_AWAKENED);
			__set_current_state(TASK_RUNNING);
			wait_done(w);
		}
		return THREAD_AWAKENED;
	}
	if (!w) {
		cond_resched();
		return THREAD_AWAKENED;
	}
	error = bsd_sleepq_wait(&w->w_tw, w->w_intr ? BSD_SLEEP_INTR : 0,
				w->w_deadline, current->timer_slack_ns,
				&result);
	wait_done(w);
	if (error == EWOULDBLOCK)
		return THREAD_TIMED_OUT;
	if (error)
		return THREAD_INTERRUPTED;
	return result;
}

/**
 * tru64_assert_wait_mesg() - declare that the caller is about to wait for
 *	an event (assert_wait_mesg(), assert_wait())
 * @event: the event: any address, only compared
 * @interruptible: let a signal end the wait
 * @mesg: what the thread waits for (shown in reports), or NULL
 *
 * Queues the caller on @event; thread_block() must follow. A wakeup of
 * @event from now on ends that thread_block() at once. A second call before
 * thread_block() is reported and ignored.
 *
 * Context: thread context; does not sleep (a simple lock may be held).
 */
void tru64_assert_wait_mesg(vm_offset_t event, boolean_t interruptible,
			    const char *mesg)
{
	tru64_wait_assert(NULL, (const void *)event, interruptible, mesg,
			  "assert_wait", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(tru64_assert_wait_mesg, BSDCOMPAT);

/**
 * tru64_thread_block() - wait for the asserted event (thread_block())
 *
 * Sleeps until the event of the caller's assert_wait() is woken, the
 * thread_set_timeout() time, clear_wait(), or (interruptible wait) a
 * signal; the raised spl and the funnel are given up meanwhile. Without an
 * assert_wait() it only lets other threads run.
 *
 * Context: thread context, no simple lock held; sleeps.
 * Return: THREAD_AWAKENED, THREAD_TIMED_OUT, THREAD_INTERRUPTED (a signal),
 * or the result given to thread_wakeup_prim() or clear_wait(). Mach stored
 * it in the thread's wait_result; here it is only returned.
 */
int tru64_thread_block(void)
{
	return tru64_wait_block("thread_block", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(tru64_thread_block, BSDCOMPAT);

/**
 * tru64_thread_set_timeout() - time out the next thread_block()
 *	(thread_set_timeout())
 * @ticks: from now, in ticks (hz a second); 0 for no timeout
 *
 * Must come after assert_wait(); thread_block() then returns
 * THREAD_TIMED_OUT if nothing woke the thread by then.
 *
 * Context: thread context; does not sleep.
 */
void tru64_thread_set_timeout(int ticks)
{
	unsigned long ip = _RET_IP_;
	struct tru64_wait *w;

	if (ticks < 0) {
		wait_error("thread_set_timeout", NULL, "", ip,
			   "negative timeout");
		return;
	}
	w = bsd_intr_context() ? NULL : wait_mine();
	if (!w) {
		wait_error("thread_set_timeout", NULL, "", ip,
			   "thread_set_timeout without assert_wait");
		return;
	}
	tru64_wait_set_deadline(w, ticks);
}
EXPORT_SYMBOL_NS_GPL(tru64_thread_set_timeout, BSDCOMPAT);

/**
 * tru64_thread_wakeup_prim() - wake the threads waiting for an event
 *	(thread_wakeup_prim(), thread_wakeup(), thread_wakeup_one())
 * @event: the event; only compared, never dereferenced
 * @one_thread: wake only the thread that has waited longest
 * @result: what their thread_block() returns
 *
 * Also wakes mpsleep() and sleep() on the same address.
 *
 * Context: any, hard interrupts included; does not sleep.
 * Return: how many threads were woken.
 */
int tru64_thread_wakeup_prim(vm_offset_t event, boolean_t one_thread,
			     int result)
{
	return bsd_sleepq_wake_result((const void *)event, NULL, !one_thread,
				      result);
}
EXPORT_SYMBOL_NS_GPL(tru64_thread_wakeup_prim, BSDCOMPAT);

/**
 * tru64_clear_wait() - end one thread's wait (clear_wait())
 * @thread: the thread
 * @result: what its thread_block() returns
 * @interrupt_only: only if its wait is interruptible
 *
 * If @thread waits (asserted, or blocked in thread_block() or mpsleep()),
 * take it off its event and wake it. Otherwise nothing happens.
 *
 * Context: any; does not sleep.
 */
void tru64_clear_wait(thread_t thread, int result, boolean_t interrupt_only)
{
	struct tru64_wait *w;
	unsigned long flags;

	raw_spin_lock_irqsave(&wait_lock, flags);
	w = wait_find(thread);
	if (w && (!interrupt_only || w->w_intr))
		bsd_sleepq_remove(&w->w_tw, result);
	raw_spin_unlock_irqrestore(&wait_lock, flags);
}
EXPORT_SYMBOL_NS_GPL(tru64_clear_wait, BSDCOMPAT);
