// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The reader/writer engine (see rwlock.h): the waiting and the releases
 * that may have to wake someone.
 */
#include <linux/errno.h>
#include <linux/sched/signal.h>

#include "rwlock.h"
#include "turnstile.h"

/*
 * A writer that stops waiting (a signal) may leave WRITE_WANTED behind
 * with no writer to clear it, and readers would wait for ever. Clear it
 * and HAS_WAITERS, and wake everybody if anyone slept: the waiters that
 * are left set again what they need before they sleep again.
 */
static void bsd_rw_abandon(atomic_long_t *word, const void *key)
{
	long w = bsd_rw_word(word);

	do {
		if (!(w & (BSD_RW_WRITE_WANTED | BSD_RW_HAS_WAITERS)))
			return;
	} while (!atomic_long_try_cmpxchg(word, &w, w & ~(BSD_RW_WRITE_WANTED |
							  BSD_RW_HAS_WAITERS)));
	if (w & BSD_RW_HAS_WAITERS)
		bsd_ts_wakeup(key);	/* we were a waiter: the lock is valid */
}

/**
 * bsd_rw_wait() - wait until the lock can be taken as @how, and take it
 * @word: the lock word
 * @key: the turnstile key (the lock's address)
 * @how: BSD_RW_WRITER or shared, BSD_RW_PASS, BSD_RW_INTR
 *
 * The slow path of every reader/writer acquisition: spins while a writer
 * runs, sleeps otherwise. Before the first spin with interrupts on or the
 * first sleep the caller's raised IPL and big lock are given up; both come
 * back before it returns, whether it got the lock or not.
 *
 * Context: thread context; may sleep.
 * Return: 0 with the lock held; with BSD_RW_INTR, EINTR (fatal signal) or
 * ERESTART (another signal) without it.
 */
int bsd_rw_wait(atomic_long_t *word, const void *key, unsigned int how)
{
	unsigned long need = how & BSD_RW_WRITER ?
		BSD_RW_HAS_WAITERS | BSD_RW_WRITE_WANTED : BSD_RW_HAS_WAITERS;
	unsigned int state = how & BSD_RW_INTR ?
		TASK_INTERRUPTIBLE : TASK_UNINTERRUPTIBLE;
	struct bsd_waitstate ws = BSD_WAITSTATE_INIT;
	struct bsd_tswait tw;
	int error = 0;
	long w;

	if (irqs_disabled())
		bsd_wait_begin(&ws);	/* never wait with interrupts off */
	for (;;) {
		if (bsd_rw_try(word, how))
			break;
		w = bsd_rw_word(word);
		if ((w & BSD_RW_WRITE_LOCKED) &&
		    bsd_spin_on_owner(word, bsd_owner_task(w)))
			continue;
		bsd_wait_begin(&ws);
		if ((how & BSD_RW_INTR) && signal_pending(current)) {
			error = fatal_signal_pending(current) ? EINTR : ERESTART;
			if (how & BSD_RW_WRITER)
				bsd_rw_abandon(word, key);
			break;
		}

		bsd_ts_prepare(&tw, key, state);
		/*
		 * Queued first, then the flags: a release that changes the
		 * word after this sees us on the turnstile.
		 */
		w = bsd_rw_word(word);
		if (bsd_rw_blocked(w, how) &&
		    ((w & need) == need ||
		     atomic_long_try_cmpxchg(word, &w, w | need)))
			schedule();
		bsd_ts_finish(&tw);
	}
	bsd_wait_end(&ws);
	return error;
}

/**
 * bsd_rw_exit_read() - release a read hold
 * @word: the lock word
 * @key: the turnstile key
 * @w: the word as the caller read it, with readers
 *
 * The last reader out with waiters keeps WRITE_WANTED, so the waiting
 * writer goes before new readers, and wakes everybody. Only @key is used
 * after the release.
 *
 * Context: any; never sleeps.
 */
void bsd_rw_exit_read(atomic_long_t *word, const void *key, long w)
{
	for (;;) {
		if (bsd_rw_readers(w) == 1 && (w & BSD_RW_HAS_WAITERS)) {
			preempt_disable();
			if (atomic_long_try_cmpxchg(word, &w,
						    w & BSD_RW_WRITE_WANTED)) {
				bsd_ts_wakeup(key);
				preempt_enable();
				return;
			}
			preempt_enable();
			continue;
		}
		if (atomic_long_try_cmpxchg_release(word, &w,
						    w - BSD_RW_READ_INCR))
			return;
	}
}

/**
 * bsd_rw_tryupgrade() - turn the sole read hold into the caller's write hold
 * @word: the lock word
 * @w: the word as the caller read it, with readers
 *
 * One exchange from "one reader" to "written by the caller": no other
 * writer can get in between. The caller must hold a read hold.
 *
 * Context: any; never sleeps.
 * Return: true if the caller now holds the lock for write; false, with
 * its read hold kept, if there are other readers.
 */
bool bsd_rw_tryupgrade(atomic_long_t *word, long w)
{
	do {
		if (bsd_rw_readers(w) != 1)
			return false;
	} while (!atomic_long_try_cmpxchg_acquire(word, &w, bsd_owner_id() |
						  BSD_RW_WRITE_LOCKED |
						  (w & (BSD_RW_HAS_WAITERS |
							BSD_RW_WRITE_WANTED))));
	return true;
}

/**
 * bsd_rw_downgrade() - turn the caller's write hold into a read hold
 * @word: the lock word
 * @key: the turnstile key
 * @w: the word as the caller read it, write-held by the caller
 *
 * Atomic: the caller holds the lock throughout. Waiting readers are let in
 * unless a writer waits too.
 *
 * Context: any; never sleeps.
 */
void bsd_rw_downgrade(atomic_long_t *word, const void *key, long w)
{
	while (!atomic_long_try_cmpxchg_release(word, &w, BSD_RW_READ_INCR |
						(w & BSD_RW_WRITE_WANTED)))
		;
	if (w & BSD_RW_HAS_WAITERS)
		bsd_ts_wakeup(key);	/* we still hold it: the lock is valid */
}
