/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FreeBSD sleep(9) on Linux: msleep(), msleep_spin(), mtx_sleep(),
 * rw_sleep(), sx_sleep(), tsleep(), pause() and wakeup() (declared in
 * FreeBSD's <sys/systm.h>, which includes this header).
 *
 * The rules, as bsdcompat keeps them:
 *  - A thread sleeps on a wait channel: any address, only compared.
 *    wakeup() wakes every sleeper on it, wakeup_one() and wakeup_any() the
 *    one that slept first.
 *  - The interlock (any FreeBSD lock, through its lock_object) is held by
 *    the caller. It is released only once the thread is queued, so a
 *    wakeup() made under it is never lost, and it is taken back the way it
 *    was held (shared or exclusive) before the call returns, unless PDROP.
 *  - A sleep mutex, rw lock or sx lock is an interlock for msleep() and its
 *    aliases; a spin mutex only for msleep_spin(), which cannot catch
 *    signals. tsleep() has no interlock.
 *  - Timeouts are in ticks (hz a second; 0 = none) or, for the _sbt forms,
 *    in sbintime_t (32.32 fixed-point seconds; 0 = none).
 *  - Return values: 0 when woken, EWOULDBLOCK when the time ran out (or the
 *    sleep was refused as misuse), and with PCATCH ERESTART for a signal,
 *    EINTR for a fatal one. FreeBSD returns ERESTART when the handler has
 *    SA_RESTART and EINTR otherwise; Linux decides that at system call exit,
 *    so the glue turns ERESTART into -ERESTARTSYS and Linux restarts or
 *    fails the call with EINTR as the handler says.
 *  - Every sleep gives up the raised IPL and Giant (the big lock) after the
 *    thread is queued, and takes them back before the interlock.
 *  - Misuse (from an interrupt, interlock not held, the wrong kind of
 *    interlock, another spin lock or non-sleepable lock held, a negative
 *    timeout) is reported on one line and the sleep refused: EWOULDBLOCK,
 *    with the interlock as the caller expects it afterwards.
 *
 * Linux's <linux/delay.h> has a one-argument msleep(): it is included
 * first, so that its declaration and the inline functions that call it are
 * seen before msleep() becomes FreeBSD's five-argument macro below. After
 * this header, Linux's msleep() is not available (use ssleep(),
 * usleep_range() or FreeBSD's pause()).
 */
#ifndef _BSDCOMPAT_FREEBSD_SYS_SLEEP_H_
#define _BSDCOMPAT_FREEBSD_SYS_SLEEP_H_

#include <linux/delay.h>
#include <linux/types.h>

#include <sys/kernel.h>
#include <sys/lock.h>
#include <sys/param.h>
#include <sys/types.h>

/* sbintime_t constants (FreeBSD <sys/time.h>). */
#ifndef SBT_1S
#define SBT_1S		((sbintime_t)1 << 32)
#define SBT_1M		(SBT_1S * 60)
#define SBT_1MS		(SBT_1S / 1000)
#define SBT_1US		(SBT_1S / 1000000)
#define SBT_1NS		(SBT_1S / 1000000000)
#define SBT_MAX		((sbintime_t)0x7fffffffffffffffLL)
#endif

/* The length of a tick, as FreeBSD's tick_sbt variable. */
#ifndef tick_sbt
#define tick_sbt	(SBT_1S / hz)
#endif

/* Timeout flags of the _sbt forms (FreeBSD <sys/callout.h>). */
#ifndef C_HARDCLOCK
#define C_DIRECT_EXEC	0x0001
#define C_PRELBITS	7
#define C_PRELRANGE	((1 << C_PRELBITS) - 1)
#define C_PREL(x)	(((x) + 1) << 1)
#define C_PRELGET(x)	((int)((((x) >> 1) & C_PRELRANGE) - 1))
#define C_HARDCLOCK	0x0100	/* accepted: the timeout is in hrtimers */
#define C_ABSOLUTE	0x0200	/* sbt is a time since boot, not a delay */
#define C_PRECALC	0x0400
#define C_CATCH		0x0800	/* pause_sbt(): a signal ends the pause */
#endif

int freebsd__sleep(const void *chan, struct lock_object *lock, int pri,
		   const char *wmesg, sbintime_t sbt, sbintime_t pr,
		   int flags, const char *op);
int freebsd_msleep_spin_sbt(const void *chan, struct lock_object *lock,
			    const char *wmesg, sbintime_t sbt, sbintime_t pr,
			    int flags, const char *op);
int freebsd_pause_sbt(const char *wmesg, sbintime_t sbt, sbintime_t pr,
		      int flags, const char *op);
void freebsd_wakeup(const void *chan);
void freebsd_wakeup_one(const void *chan);
void freebsd_wakeup_any(const void *chan);

/*
 * The lock arguments are any FreeBSD lock (struct mtx, struct rwlock,
 * struct sx, or a driver's own with a struct lock_object named lock_object
 * at offset 0). Use tsleep() for a sleep without an interlock; msleep()
 * with a NULL lock needs it spelt (struct mtx *)NULL, as on FreeBSD.
 */
#undef msleep
#define msleep(chan, mtx, pri, wmesg, timo)				\
	freebsd__sleep((chan), &(mtx)->lock_object, (pri), (wmesg),	\
		       tick_sbt * (timo), 0, C_HARDCLOCK, "msleep")
#define msleep_sbt(chan, mtx, pri, wmesg, bt, pr, flags)		\
	freebsd__sleep((chan), &(mtx)->lock_object, (pri), (wmesg),	\
		       (bt), (pr), (flags), "msleep_sbt")
#define mtx_sleep(chan, mtx, pri, wmesg, timo)				\
	freebsd__sleep((chan), &(mtx)->lock_object, (pri), (wmesg),	\
		       tick_sbt * (timo), 0, C_HARDCLOCK, "mtx_sleep")
#define mtx_sleep_sbt(chan, mtx, pri, wmesg, bt, pr, flags)		\
	freebsd__sleep((chan), &(mtx)->lock_object, (pri), (wmesg),	\
		       (bt), (pr), (flags), "mtx_sleep_sbt")
#define rw_sleep(chan, rw, pri, wmesg, timo)				\
	freebsd__sleep((chan), &(rw)->lock_object, (pri), (wmesg),	\
		       tick_sbt * (timo), 0, C_HARDCLOCK, "rw_sleep")
#define rw_sleep_sbt(chan, rw, pri, wmesg, bt, pr, flags)		\
	freebsd__sleep((chan), &(rw)->lock_object, (pri), (wmesg),	\
		       (bt), (pr), (flags), "rw_sleep_sbt")
#define sx_sleep(chan, sx, pri, wmesg, timo)				\
	freebsd__sleep((chan), &(sx)->lock_object, (pri), (wmesg),	\
		       tick_sbt * (timo), 0, C_HARDCLOCK, "sx_sleep")
#define sx_sleep_sbt(chan, sx, pri, wmesg, bt, pr, flags)		\
	freebsd__sleep((chan), &(sx)->lock_object, (pri), (wmesg),	\
		       (bt), (pr), (flags), "sx_sleep_sbt")
#define msleep_spin(chan, mtx, wmesg, timo)				\
	freebsd_msleep_spin_sbt((chan), &(mtx)->lock_object, (wmesg),	\
				tick_sbt * (timo), 0, C_HARDCLOCK,	\
				"msleep_spin")
#define msleep_spin_sbt(chan, mtx, wmesg, bt, pr, flags)		\
	freebsd_msleep_spin_sbt((chan), &(mtx)->lock_object, (wmesg),	\
				(bt), (pr), (flags), "msleep_spin_sbt")
#define tsleep(chan, pri, wmesg, timo)					\
	freebsd__sleep((chan), NULL, (pri), (wmesg), tick_sbt * (timo),	\
		       0, C_HARDCLOCK, "tsleep")
#define tsleep_sbt(chan, pri, wmesg, bt, pr, flags)			\
	freebsd__sleep((chan), NULL, (pri), (wmesg), (bt), (pr),	\
		       (flags), "tsleep_sbt")

#define pause(wmesg, timo)						\
	freebsd_pause_sbt((wmesg), tick_sbt * (timo), 0, C_HARDCLOCK,	\
			  "pause")
#define pause_sig(wmesg, timo)						\
	freebsd_pause_sbt((wmesg), tick_sbt * (timo), 0,		\
			  C_HARDCLOCK | C_CATCH, "pause_sig")
#define pause_sbt(wmesg, bt, pr, flags)					\
	freebsd_pause_sbt((wmesg), (bt), (pr), (flags), "pause_sbt")

static inline void wakeup(const void *chan)
{
	freebsd_wakeup(chan);
}

static inline void wakeup_one(const void *chan)
{
	freebsd_wakeup_one(chan);
}

static inline void wakeup_any(const void *chan)
{
	freebsd_wakeup_any(chan);
}

#endif /* _BSDCOMPAT_FREEBSD_SYS_SLEEP_H_ */
