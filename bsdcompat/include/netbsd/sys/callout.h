/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD callout(9) on Linux.
 *
 * The rules, as NetBSD states them, and where bsdcompat differs:
 *  - A callout is initialised before any other use and destroyed, stopped
 *    and not running, before its memory is freed. callout_destroy() and
 *    callout_halt() may be called from the callout's own handler.
 *  - callout_reset() and callout_schedule() (re)arm it for @ticks ticks
 *    (hz a second, hz == HZ) from now; an armed callout is moved, not
 *    added twice. The handler runs once per expiry.
 *  - callout_stop() disarms it and returns whether it had already fired
 *    (expired), not whether it was pending. It does not wait for a handler
 *    that is running.
 *  - callout_halt() disarms it and waits for a running handler; the
 *    interlock (a kmutex_t, or NULL) and the kernel lock are given up
 *    while it waits and held again on return.
 *  - Handlers run in thread context, as on NetBSD: bsdcompat runs them on
 *    a workqueue, so they may take adaptive kmutexes and rwlocks (Linux
 *    timer and softirq context could not). They should not sleep for long
 *    otherwise. Without CALLOUT_MPSAFE a handler runs holding the kernel
 *    lock.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_CALLOUT_H_
#define _BSDCOMPAT_NETBSD_SYS_CALLOUT_H_

#include <linux/build_bug.h>
#include <linux/stddef.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "../../bsdcompat/callout.h"

/* Flags for callout_init(). */
#define CALLOUT_MPSAFE		0x0100	/* the handler needs no kernel lock */
#define CALLOUT_FLAGMASK	0xff00

/*
 * callout_t is NetBSD's API type, embedded by drivers; they must not look
 * inside. The engine (core/callout.c) keeps the timer, PENDING and the
 * run in progress; c_core.bc_flags holds the callout_init() flags and
 * NetBSD's FIRED and INVOKING, under c_core.bc_lock. c_work names the
 * engine's delayed work (its first member).
 */
struct callout {
	union {
		struct bsd_callout	c_core;
		struct delayed_work	c_work;
	};
	u32			c_magic;
};
typedef struct callout callout_t;

static_assert(offsetof(struct bsd_callout, bc_work) == 0);

void netbsd_callout_init(callout_t *c, unsigned int flags);
void netbsd_callout_destroy(callout_t *c);
void netbsd_callout_setfunc(callout_t *c, void (*func)(void *), void *arg);
void netbsd_callout_reset(callout_t *c, int ticks, void (*func)(void *),
			  void *arg);
void netbsd_callout_schedule(callout_t *c, int ticks);
bool netbsd_callout_stop(callout_t *c);
bool netbsd_callout_halt(callout_t *c, void *interlock);
bool netbsd_callout_pending(callout_t *c);
bool netbsd_callout_active(callout_t *c);
bool netbsd_callout_expired(callout_t *c);
bool netbsd_callout_invoking(callout_t *c);
void netbsd_callout_ack(callout_t *c);

static inline void callout_init(callout_t *c, unsigned int flags)
{
	netbsd_callout_init(c, flags);
}

static inline void callout_destroy(callout_t *c)
{
	netbsd_callout_destroy(c);
}

static inline void callout_setfunc(callout_t *c, void (*func)(void *),
				   void *arg)
{
	netbsd_callout_setfunc(c, func, arg);
}

static inline void callout_reset(callout_t *c, int ticks,
				 void (*func)(void *), void *arg)
{
	netbsd_callout_reset(c, ticks, func, arg);
}

static inline void callout_schedule(callout_t *c, int ticks)
{
	netbsd_callout_schedule(c, ticks);
}

static inline bool callout_stop(callout_t *c)
{
	return netbsd_callout_stop(c);
}

static inline bool callout_halt(callout_t *c, void *interlock)
{
	return netbsd_callout_halt(c, interlock);
}

static inline bool callout_pending(callout_t *c)
{
	return netbsd_callout_pending(c);
}

static inline bool callout_active(callout_t *c)
{
	return netbsd_callout_active(c);
}

static inline bool callout_expired(callout_t *c)
{
	return netbsd_callout_expired(c);
}

static inline bool callout_invoking(callout_t *c)
{
	return netbsd_callout_invoking(c);
}

static inline void callout_ack(callout_t *c)
{
	netbsd_callout_ack(c);
}

#endif /* _BSDCOMPAT_NETBSD_SYS_CALLOUT_H_ */
