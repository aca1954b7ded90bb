/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Digital UNIX mpsleep(), sleep() and wakeup(): sleeping on a channel (any
 * address), on the same sleep queues as assert_wait()/thread_wakeup(), so
 * wakeup(chan) and thread_wakeup((vm_offset_t)chan) are the same thing.
 *
 * Rules:
 *  - mpsleep(chan, pri, wmesg, timo, lockp, flags) sleeps until
 *    wakeup(chan), the timeout (ticks, 0 for none) or, with PCATCH in @pri,
 *    a signal. @lockp (or NULL) is released once the thread is queued, so a
 *    wakeup issued under it is never lost. @flags says what it is
 *    (MS_LOCK_SIMPLE; MS_LOCK_READ / MS_LOCK_WRITE for a complex lock) and
 *    when to take it back: after a wakeup only by default, after an error
 *    too with MS_LOCK_ON_ERROR, never with MS_LOCK_NO_RELOCK.
 *  - It returns 0 when woken, EWOULDBLOCK on timeout, ERESTART for a
 *    signal (EINTR for a fatal one). Wakeups may be spurious: re-check.
 *  - sleep(chan, pri) is mpsleep() without a lock, timeout or result.
 *  - Sleeping gives the raised spl and the funnel (kernel lock) up and takes
 *    them back. Thread context only, no simple lock held but the interlock.
 */
#ifndef _BSDCOMPAT_TRU64_SYS_PROC_H_
#define _BSDCOMPAT_TRU64_SYS_PROC_H_

#include <sys/param.h>
#include <sys/types.h>

int tru64_mpsleep(const void *chan, long pri, const char *wmesg, long timo,
		  void *lockp, long flags);
void tru64_sleep(const void *chan, long pri);
void tru64_wakeup(const void *chan);
void tru64_wakeup_one(const void *chan);

/*
 * A macro so that a channel passed as a vm_offset_t, as Digital UNIX code
 * often does, converts as well as a pointer; mpsleep is no Linux name.
 */
#define mpsleep(chan, pri, wmesg, timo, lockp, flags)			\
	tru64_mpsleep((const void *)(chan), (pri), (wmesg),	\
		      (timo), (lockp), (flags))

static inline void sleep(const volatile void *chan, long pri)
{
	tru64_sleep((const void *)chan, pri);
}

static inline void wakeup(const volatile void *chan)
{
	tru64_wakeup((const void *)chan);
}

static inline void wakeup_one(const volatile void *chan)
{
	tru64_wakeup_one((const void *)chan);
}

#endif /* _BSDCOMPAT_TRU64_SYS_PROC_H_ */
