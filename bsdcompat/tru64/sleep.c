// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Digital UNIX mpsleep(), sleep() and wakeup() (see <sys/proc.h>), built as
 * Digital UNIX built them: assert_wait() on the channel, release the
 * interlock, thread_block(). The wait record lives on mpsleep()'s stack, so
 * this sleep never fails for want of memory, and clear_wait() ends it as it
 * ends any other wait.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/sched/signal.h>

#include <kern/sched_prim.h>
#include <kern/complex_lock.h>
#include <kern/simple_lock.h>
#include <sys/proc.h>
#include <bsdcompat/lockdebug.h>

#include "tru64.h"
#include "wait.h"

/*
 * The interlock as tru64_may_sleep() wants it: a simple lock taken with
 * lockmode on (one taken with lockmode off is not counted as held).
 */
static const struct slock *mpsleep_checked_interlock(struct slock *sl)
{
	return sl && READ_ONCE(sl->sl_owner) != SLOCK_UNCHECKED ? sl : NULL;
}

/* What mpsleep()'s lockp is, from its flags. */
enum ilk { ILK_NONE, ILK_SIMPLE, ILK_READ, ILK_WRITE, ILK_UNKNOWN };

static enum ilk mpsleep_ilk(void *lockp, long flags)
{
	if (!lockp)
		return ILK_NONE;
	if (flags & MS_LOCK_SIMPLE)
		return ILK_SIMPLE;
	if (flags & MS_LOCK_WRITE)
		return ILK_WRITE;
	if (flags & MS_LOCK_READ)
		return ILK_READ;
	return ILK_UNKNOWN;
}

/* Does the caller hold the interlock as @ilk says? */
static bool ilk_held(void *lockp, enum ilk ilk)
{
	switch (ilk) {
	case ILK_SIMPLE:
		return tru64_simple_lock_held(lockp);
	case ILK_WRITE:
		return tru64_lock_write_held(lockp);
	case ILK_READ:
		/* Readers are anonymous: held, and not written by us. */
		return tru64_lock_held(lockp) && !tru64_lock_write_held(lockp);
	default:
		return true;
	}
}

static void ilk_release(void *lockp, enum ilk ilk)
{
	if (ilk == ILK_SIMPLE)
		tru64_simple_unlock(lockp);
	else if (ilk == ILK_READ || ilk == ILK_WRITE)
		tru64_lock_done(lockp);
}

static void ilk_take(void *lockp, enum ilk ilk)
{
	if (ilk == ILK_SIMPLE)
		tru64_simple_lock(lockp);
	else if (ilk == ILK_READ)
		tru64_lock_read(lockp);
	else if (ilk == ILK_WRITE)
		tru64_lock_write(lockp);
}

static int mpsleep_common(const void *chan, long pri, const char *wmesg,
			  long timo, void *lockp, long flags, const char *op,
			  unsigned long ip)
{
	enum ilk ilk = mpsleep_ilk(lockp, flags);
	struct slock *sl = ilk == ILK_SIMPLE ? lockp : NULL;
	bool relock_on_error = flags & MS_LOCK_ON_ERROR;
	const char *why = NULL;
	struct tru64_wait w;
	int error, result;

	if (ilk == ILK_UNKNOWN) {
		bsd_lock_error(TRU64_SLEEP_CLASS, op, chan, wmesg ? wmesg : "",
			       ip, "interlock of no known type (flags)");
		return EWOULDBLOCK;
	}
	if (timo < 0)
		why = "negative timeout";
	else if (!ilk_held(lockp, ilk))
		why = "interlock not held by caller";
	if (why) {
		bsd_lock_error(TRU64_SLEEP_CLASS, op, chan, wmesg ? wmesg : "",
			       ip, "%s", why);
		goto refused;
	}
	if (!tru64_may_sleep(TRU64_SLEEP_CLASS, op, chan, wmesg ? wmesg : "",
			     mpsleep_checked_interlock(sl), ip))
		goto refused;

	if (!tru64_wait_assert(&w, chan, pri & PCATCH, wmesg, op, ip))
		goto refused;	/* an assert_wait() pending: reported */
	tru64_wait_set_deadline(&w, min_t(long, timo, INT_MAX));
	ilk_release(lockp, ilk);
	result = tru64_wait_block(op, ip);

	switch (result) {
	case THREAD_AWAKENED:
		error = 0;
		break;
	case THREAD_TIMED_OUT:
		error = EWOULDBLOCK;
		break;
	default:	/* interrupted: by a signal, or clear_wait() */
		if (!(pri & PCATCH))
			error = 0;
		else
			error = fatal_signal_pending(current) ? EINTR : ERESTART;
		break;
	}
	if (!(flags & MS_LOCK_NO_RELOCK) && (!error || relock_on_error))
		ilk_take(lockp, ilk);
	return error;

refused:
	/* As after an error: held only if it is to be taken back. */
	if ((!relock_on_error || (flags & MS_LOCK_NO_RELOCK)) &&
	    ilk != ILK_NONE && ilk_held(lockp, ilk))
		ilk_release(lockp, ilk);
	return EWOULDBLOCK;
}

/**
 * tru64_mpsleep() - sleep on a channel, releasing an interlock (mpsleep())
 * @chan: the channel: any address
 * @pri: a priority (ignored) or'ed with PCATCH to let a signal end the
 *	sleep (PSUSP is accepted and ignored)
 * @wmesg: what the thread waits for (shown in reports)
 * @timo: the timeout in ticks; 0 for none
 * @lockp: a lock the caller holds, released once the thread is queued; or
 *	NULL
 * @flags: @lockp's type (MS_LOCK_SIMPLE for a simple lock, MS_LOCK_READ
 *	or MS_LOCK_WRITE for a complex lock held that way), plus
 *	MS_LOCK_ON_ERROR to take it back after an error too, or
 *	MS_LOCK_NO_RELOCK never to take it back
 *
 * Context: thread context, no simple lock held but @lockp; sleeps.
 * Return: 0 when woken (also by clear_wait(), whatever its result, unless
 * PCATCH is given), EWOULDBLOCK on timeout or if the sleep was refused,
 * ERESTART on a signal with PCATCH (EINTR for a fatal one).
 */
int tru64_mpsleep(const void *chan, long pri, const char *wmesg,
		  long timo, void *lockp, long flags)
{
	return mpsleep_common(chan, pri, wmesg, timo, lockp,
			      flags, "mpsleep", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(tru64_mpsleep, BSDCOMPAT);

/**
 * tru64_sleep() - sleep on a channel until woken (sleep())
 * @chan: the channel: any address
 * @pri: a priority (ignored), or'ed with PCATCH to let a signal end the
 *	sleep
 *
 * Context: thread context, no simple lock held; sleeps.
 */
void tru64_sleep(const void *chan, long pri)
{
	mpsleep_common(chan, pri, "sleep", 0, NULL, 0, "sleep",
		       _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(tru64_sleep, BSDCOMPAT);

/**
 * tru64_wakeup() - wake every thread sleeping on a channel (wakeup())
 * @chan: the channel; only its address is used
 *
 * The same as thread_wakeup() on that address.
 *
 * Context: any; does not sleep.
 */
void tru64_wakeup(const void *chan)
{
	tru64_thread_wakeup_prim((vm_offset_t)chan, FALSE, THREAD_AWAKENED);
}
EXPORT_SYMBOL_NS_GPL(tru64_wakeup, BSDCOMPAT);

/**
 * tru64_wakeup_one() - wake the longest sleeper on a channel (wakeup_one())
 * @chan: the channel; only its address is used
 *
 * Context: any; does not sleep.
 */
void tru64_wakeup_one(const void *chan)
{
	tru64_thread_wakeup_prim((vm_offset_t)chan, TRUE, THREAD_AWAKENED);
}
EXPORT_SYMBOL_NS_GPL(tru64_wakeup_one, BSDCOMPAT);
