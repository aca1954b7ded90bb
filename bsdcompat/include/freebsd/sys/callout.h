/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FreeBSD callout(9) on Linux.
 *
 * The rules, as FreeBSD states them, and where bsdcompat differs:
 *  - callout_init(c, 0) associates the callout with Giant: its handler runs
 *    holding Giant. callout_init_mtx()/_rw() associate it with a lock the
 *    handler runs holding (released after, unless CALLOUT_RETURNUNLOCKED).
 *  - With the associated lock held, callout_stop() and callout_reset() are
 *    atomic with the handler: once they return, the old handler will not
 *    run, even if its time came and it is waiting for the lock.
 *  - callout_stop() returns 1 if it stopped a pending callout, 0 if the
 *    handler is running (or cannot be stopped), -1 if there was nothing to
 *    stop. callout_reset() returns 1 if it cancelled a pending callout.
 *    callout_drain() also waits for a running handler; never call it
 *    holding a lock the handler takes.
 *  - ACTIVE is set by reset and cleared only by stop, drain and
 *    callout_deactivate(); PENDING is cleared when the handler is called.
 *  - Handlers run in thread context (softclock is a thread on FreeBSD too):
 *    bsdcompat runs them on a workqueue. C_DIRECT_EXEC is accepted and runs
 *    them in a thread all the same. A callout is on CPU -1 (any, the arming
 *    CPU's worker) until a _on() form names one.
 */
#ifndef _BSDCOMPAT_FREEBSD_SYS_CALLOUT_H_
#define _BSDCOMPAT_FREEBSD_SYS_CALLOUT_H_

#include <linux/smp.h>
#include <linux/types.h>

#include "../../bsdcompat/callout.h"

#include <sys/types.h>
#include <sys/lock.h>
#include <sys/mutex.h>
#include <sys/rwlock.h>

/* c_flags: the one bit drivers may look at, through the macros below. */
#define CALLOUT_ACTIVE		0x0002

/* callout_init_mtx() / _rw() flags. */
#define CALLOUT_RETURNUNLOCKED	0x0010	/* the handler releases the lock */
#define CALLOUT_SHAREDLOCK	0x0020	/* take an rw lock shared */

/* Timeout flags of the _sbt forms (also in <sys/sleep.h>). */
#ifndef C_HARDCLOCK
#define C_DIRECT_EXEC	0x0001
#define C_PRELBITS	7
#define C_PRELRANGE	((1 << C_PRELBITS) - 1)
#define C_PREL(x)	(((x) + 1) << 1)
#define C_PRELGET(x)	((int)((((x) >> 1) & C_PRELRANGE) - 1))
#define C_HARDCLOCK	0x0100
#define C_ABSOLUTE	0x0200
#define C_PRECALC	0x0400
#define C_CATCH		0x0800
#endif

typedef void callout_func_t(void *);

/*
 * The callout: the core's callout engine (core/callout.c) with FreeBSD's
 * associated lock and ACTIVE bit. Drivers embed it and use the API only;
 * c_flags is read by callout_active() and cleared by callout_deactivate()
 * (under the associated lock, as FreeBSD expects); c_core.bc_flags holds
 * the callout_init_*() flags.
 */
struct callout {
	struct bsd_callout	c_core;
	struct lock_object	*c_lock;	/* NULL: MP-safe, no lock */
	unsigned int		c_flags;
	u32			c_magic;
};

void freebsd_callout_init(struct callout *c, int mpsafe);
void freebsd_callout_init_lock(struct callout *c, struct lock_object *lock,
			       int flags);
int freebsd_callout_reset_sbt_on(struct callout *c, sbintime_t sbt,
				 sbintime_t pr, callout_func_t *func,
				 void *arg, int cpu, int flags);
int freebsd_callout_reset_on(struct callout *c, int ticks,
			     callout_func_t *func, void *arg, int cpu);
int freebsd_callout_schedule_on(struct callout *c, int ticks, int cpu);
int freebsd_callout_stop(struct callout *c);
int freebsd_callout_drain(struct callout *c);
int freebsd_callout_pending(const struct callout *c);

#define callout_init(c, mpsafe)		freebsd_callout_init((c), (mpsafe))

static inline void callout_init_mtx(struct callout *c, struct mtx *m,
				    int flags)
{
	freebsd_callout_init_lock(c, m ? &m->lock_object : NULL, flags);
}

static inline void callout_init_rw(struct callout *c, struct rwlock *rw,
				   int flags)
{
	freebsd_callout_init_lock(c, rw ? &rw->lock_object : NULL, flags);
}


#define callout_reset_on(c, ticks, func, arg, cpu)			\
	freebsd_callout_reset_on((c), (ticks), (func), (arg), (cpu))
#define callout_reset(c, ticks, func, arg)				\
	freebsd_callout_reset_on((c), (ticks), (func), (arg), -1)
#define callout_reset_curcpu(c, ticks, func, arg)			\
	freebsd_callout_reset_on((c), (ticks), (func), (arg),		\
				 raw_smp_processor_id())
#define callout_reset_sbt_on(c, sbt, pr, func, arg, cpu, flags)		\
	freebsd_callout_reset_sbt_on((c), (sbt), (pr), (func), (arg),	\
				     (cpu), (flags))
#define callout_reset_sbt(c, sbt, pr, func, arg, flags)			\
	freebsd_callout_reset_sbt_on((c), (sbt), (pr), (func), (arg),	\
				     -1, (flags))
#define callout_reset_sbt_curcpu(c, sbt, pr, func, arg, flags)		\
	freebsd_callout_reset_sbt_on((c), (sbt), (pr), (func), (arg),	\
				     raw_smp_processor_id(), (flags))
#define callout_schedule_on(c, ticks, cpu)				\
	freebsd_callout_schedule_on((c), (ticks), (cpu))
#define callout_schedule(c, ticks)					\
	freebsd_callout_schedule_on((c), (ticks), -1)
#define callout_schedule_curcpu(c, ticks)				\
	freebsd_callout_schedule_on((c), (ticks), raw_smp_processor_id())
#define callout_schedule_sbt_on(c, sbt, pr, cpu, flags)			\
	freebsd_callout_reset_sbt_on((c), (sbt), (pr), (c)->c_core.bc_func, \
				     (c)->c_core.bc_arg, (cpu), (flags))
#define callout_schedule_sbt(c, sbt, pr, flags)				\
	callout_schedule_sbt_on((c), (sbt), (pr), -1, (flags))
#define callout_schedule_sbt_curcpu(c, sbt, pr, flags)			\
	callout_schedule_sbt_on((c), (sbt), (pr), raw_smp_processor_id(), \
				(flags))

#define callout_stop(c)			freebsd_callout_stop(c)
#define callout_drain(c)		freebsd_callout_drain(c)
#define callout_pending(c)		freebsd_callout_pending(c)
#define callout_active(c)	((READ_ONCE((c)->c_flags) & CALLOUT_ACTIVE) != 0)
#define callout_deactivate(c)						\
	WRITE_ONCE((c)->c_flags, READ_ONCE((c)->c_flags) & ~CALLOUT_ACTIVE)

#endif /* _BSDCOMPAT_FREEBSD_SYS_CALLOUT_H_ */
