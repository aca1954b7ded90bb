// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * NetBSD callout(9).
 *
 * NetBSD runs callout handlers from a soft interrupt, which there is a
 * thread: a handler may block on an adaptive mutex. Linux timers run in
 * softirq context, which may not, so a callout is the core's callout
 * engine (core/callout.c): a delayed work item on one bsdcompat workqueue,
 * whose handler runs in a kworker.
 *
 * The engine keeps PENDING and the run in progress; NetBSD's FIRED and
 * INVOKING are set here, in the engine's take hook, under the callout's
 * raw spinlock, when the work function takes an arming. The work function
 * checks PENDING under that lock before it calls the handler, so a
 * callout_stop() that comes after the timer fired but before the handler
 * started still keeps it from running. A handler without CALLOUT_MPSAFE
 * runs under the kernel lock: the engine's enter and exit hooks.
 *
 * After the handler returns the work function touches nothing: the
 * handler may have destroyed and freed the callout. That is why "is the
 * handler running" is asked of the workqueue, and "is this the handler"
 * of current_work(), rather than kept in the callout.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include <sys/callout.h>
#include <sys/mutex.h>
#include <bsdcompat/biglock.h>
#include <bsdcompat/lockdebug.h>

#include "../core/adaptive.h"
#include "../core/callout.h"
#include "netbsd.h"

#define CALLOUT_MAGIC	0x11deeba1u	/* NetBSD's */
#define CALLOUT_DEAD	0x11dedeadu	/* destroyed */

/* NetBSD's state bits, in c_core.bc_flags (PENDING is the engine's). */
#define CALLOUT_FIRED		0x0004	/* expired, handler called */
#define CALLOUT_INVOKING	0x0008	/* handler called, not acked */

static void callout_error(const callout_t *c, const char *op,
			  unsigned long ip, const char *msg)
{
	bsd_lock_error(NETBSD_CALLOUT_CLASS, op, c, "", ip, "%s", msg);
}

static bool callout_ok(const callout_t *c, const char *op, unsigned long ip)
{
	u32 magic = READ_ONCE(c->c_magic);

	if (likely(magic == CALLOUT_MAGIC))
		return true;
	callout_error(c, op, ip, magic == CALLOUT_DEAD ? "destroyed callout" :
		      "uninitialized callout (c_magic != CALLOUT_MAGIC)");
	return false;
}

/* The engine's hooks: the arming is taken; the kernel lock around it. */
static void callout_take(struct bsd_callout *bc)
{
	bc->bc_flags |= CALLOUT_FIRED | CALLOUT_INVOKING;
}

static void callout_kernel_lock(void *func, unsigned int flags)
{
	bsd_kernel_lock(1, (unsigned long)func);
}

static void callout_kernel_unlock(void *func, unsigned int flags, bool ran)
{
	bsd_kernel_unlock(1, NULL, (unsigned long)func);
}

/* Set the handler; under bc_lock. bc_obj names it for the kernel lock. */
static void callout_set(callout_t *c, void (*func)(void *), void *arg)
{
	c->c_core.bc_func = func;
	c->c_core.bc_arg = arg;
	c->c_core.bc_obj = func;
}

/**
 * netbsd_callout_init() - initialise a callout
 * @c: the callout
 * @flags: 0, or CALLOUT_MPSAFE for a handler that needs no kernel lock
 *
 * Flags outside CALLOUT_FLAGMASK are reported and ignored.
 *
 * Context: any; does not sleep.
 */
void netbsd_callout_init(callout_t *c, unsigned int flags)
{
	if (flags & ~CALLOUT_FLAGMASK) {
		callout_error(c, "callout_init", _RET_IP_,
			      "assertion failed: (flags & ~CALLOUT_FLAGMASK) == 0");
		flags &= CALLOUT_FLAGMASK;
	}
	bsd_callout_setup(&c->c_core);
	c->c_core.bc_flags = flags;
	c->c_core.bc_take = callout_take;
	if (!(flags & CALLOUT_MPSAFE)) {
		c->c_core.bc_enter = callout_kernel_lock;
		c->c_core.bc_exit = callout_kernel_unlock;
	}
	WRITE_ONCE(c->c_magic, CALLOUT_MAGIC);
}
EXPORT_SYMBOL_NS_GPL(netbsd_callout_init, BSDCOMPAT);

/**
 * netbsd_callout_destroy() - tear down a callout
 * @c: the callout; stopped, and its handler not running unless this is
 *	called from that handler
 *
 * A pending callout is reported, then stopped. A handler found running on
 * another thread (which callout_stop() does not wait for) is waited for
 * when the caller may sleep, so that the memory may be freed on return.
 *
 * Context: any; does not sleep unless its handler is still running.
 */
void netbsd_callout_destroy(callout_t *c)
{
	unsigned long ip = _RET_IP_;
	unsigned long flags;
	bool pending;

	if (!callout_ok(c, "callout_destroy", ip))
		return;
	bsd_callout_lock(&c->c_core, flags);
	pending = bsd_callout_disarm_locked(&c->c_core);
	WRITE_ONCE(c->c_magic, CALLOUT_DEAD);
	bsd_callout_unlock(&c->c_core, flags);
	if (pending)
		callout_error(c, "callout_destroy", ip,
			      "destroyed while pending");
	if (!bsd_callout_is_self(&c->c_core) &&
	    bsd_callout_running(&c->c_core) && bsd_lock_may_block())
		bsd_callout_wait(&c->c_core);
}
EXPORT_SYMBOL_NS_GPL(netbsd_callout_destroy, BSDCOMPAT);

/**
 * netbsd_callout_setfunc() - set a callout's handler without arming it
 * @c: the callout
 * @func: the handler, not NULL
 * @arg: its argument
 *
 * Context: any; does not sleep.
 */
void netbsd_callout_setfunc(callout_t *c, void (*func)(void *), void *arg)
{
	unsigned long ip = _RET_IP_;
	unsigned long flags;

	if (!callout_ok(c, "callout_setfunc", ip))
		return;
	if (!func) {
		callout_error(c, "callout_setfunc", ip,
			      "assertion failed: func != NULL");
		return;
	}
	bsd_callout_lock(&c->c_core, flags);
	callout_set(c, func, arg);
	bsd_callout_unlock(&c->c_core, flags);
}
EXPORT_SYMBOL_NS_GPL(netbsd_callout_setfunc, BSDCOMPAT);

/* Arm @c for @ticks from now, setting @func and @arg if @func is given. */
static void callout_arm(callout_t *c, int ticks, void (*func)(void *),
			void *arg, const char *op, unsigned long ip)
{
	unsigned long flags;

	if (!callout_ok(c, op, ip))
		return;
	if (ticks < 0) {
		callout_error(c, op, ip, "assertion failed: ticks >= 0");
		ticks = 0;
	}
	bsd_callout_lock(&c->c_core, flags);
	if (func) {
		callout_set(c, func, arg);
	} else if (!c->c_core.bc_func) {
		bsd_callout_unlock(&c->c_core, flags);
		callout_error(c, op, ip, "no function set (c_func == NULL)");
		return;
	}
	c->c_core.bc_flags &= ~(CALLOUT_FIRED | CALLOUT_INVOKING);
	/* As on NetBSD, the soonest is the next tick. */
	bsd_callout_arm_locked(&c->c_core, max(ticks, 1));
	bsd_callout_unlock(&c->c_core, flags);
}

/**
 * netbsd_callout_reset() - set a callout's handler and arm it
 * @c: the callout
 * @ticks: when, in ticks from now; not negative (0 means the next tick)
 * @func: the handler, not NULL
 * @arg: its argument
 *
 * A pending callout is moved to the new time. A NULL @func is reported
 * and the callout is left as it was.
 *
 * Context: any; does not sleep.
 */
void netbsd_callout_reset(callout_t *c, int ticks, void (*func)(void *),
			  void *arg)
{
	unsigned long ip = _RET_IP_;

	if (!func) {
		callout_error(c, "callout_reset", ip,
			      "assertion failed: func != NULL");
		return;
	}
	callout_arm(c, ticks, func, arg, "callout_reset", ip);
}
EXPORT_SYMBOL_NS_GPL(netbsd_callout_reset, BSDCOMPAT);

/**
 * netbsd_callout_schedule() - arm a callout with the handler it has
 * @c: the callout, its handler set by callout_setfunc() or callout_reset()
 * @ticks: when, in ticks from now; not negative (0 means the next tick)
 *
 * Context: any; does not sleep.
 */
void netbsd_callout_schedule(callout_t *c, int ticks)
{
	callout_arm(c, ticks, NULL, NULL, "callout_schedule", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_callout_schedule, BSDCOMPAT);

/* Disarm @c; return whether it had fired. */
static bool callout_disarm(callout_t *c)
{
	unsigned long flags;
	bool expired;

	bsd_callout_lock(&c->c_core, flags);
	bsd_callout_disarm_locked(&c->c_core);
	expired = c->c_core.bc_flags & CALLOUT_FIRED;
	c->c_core.bc_flags &= ~CALLOUT_FIRED;
	bsd_callout_unlock(&c->c_core, flags);
	return expired;
}

/**
 * netbsd_callout_stop() - disarm a callout
 * @c: the callout
 *
 * The handler will not be called for the time it was armed for, but one
 * that is already running may still be running on return.
 *
 * Context: any; does not sleep.
 * Return: true if the callout had expired (its handler was called since it
 * was last armed), false otherwise; not whether it was pending.
 */
bool netbsd_callout_stop(callout_t *c)
{
	if (!callout_ok(c, "callout_stop", _RET_IP_))
		return false;
	return callout_disarm(c);
}
EXPORT_SYMBOL_NS_GPL(netbsd_callout_stop, BSDCOMPAT);

/**
 * netbsd_callout_halt() - disarm a callout and wait for its handler
 * @c: the callout
 * @interlock: a kmutex_t the caller holds, or NULL
 *
 * As callout_stop(), and then, if the handler is running, waits for it to
 * return. While it waits @interlock and the kernel lock are released; they
 * are held again on return, so the caller must assume they were dropped.
 * Called from the callout's own handler it does not wait.
 *
 * Context: thread context; may sleep. From interrupt context it is
 * reported and acts as callout_stop().
 * Return: as callout_stop().
 */
bool netbsd_callout_halt(callout_t *c, void *interlock)
{
	unsigned long ip = _RET_IP_;
	kmutex_t *mtx = interlock;
	bool expired;
	int nlocks;

	if (!callout_ok(c, "callout_halt", ip))
		return false;
	if (bsd_intr_context()) {
		callout_error(c, "callout_halt", ip,
			      "called from interrupt context");
		return callout_disarm(c);
	}
	if (mtx && !mutex_owned(mtx)) {
		callout_error(c, "callout_halt", ip,
			      "interlock not held by current LWP");
		mtx = NULL;
	}
	expired = callout_disarm(c);
	if (bsd_callout_is_self(&c->c_core) || !bsd_callout_running(&c->c_core))
		return expired;
	/*
	 * Wait only when it runs: Linux's flush tells lockdep the caller
	 * waits for the handler even when it does not have to.
	 */
	if (mtx)
		mutex_exit(mtx);
	bsd_kernel_unlock(0, &nlocks, ip);
	bsd_callout_wait(&c->c_core);
	bsd_kernel_lock(nlocks, ip);
	if (mtx)
		mutex_enter(mtx);
	return expired;
}
EXPORT_SYMBOL_NS_GPL(netbsd_callout_halt, BSDCOMPAT);

/* NetBSD's view of the state: the engine's PENDING and our bits. */
#define CALLOUT_PENDING		0x0002

static unsigned int callout_flags(callout_t *c, const char *op,
				  unsigned long ip)
{
	if (!callout_ok(c, op, ip))
		return 0;
	return READ_ONCE(c->c_core.bc_flags) |
	       (READ_ONCE(c->c_core.bc_state) & BSD_CALLOUT_PENDING ?
		CALLOUT_PENDING : 0);
}

/**
 * netbsd_callout_pending() - is a callout armed and not yet fired
 * @c: the callout
 *
 * Context: any; does not sleep.
 * Return: true if it is armed and its handler has not been called.
 */
bool netbsd_callout_pending(callout_t *c)
{
	return callout_flags(c, "callout_pending", _RET_IP_) & CALLOUT_PENDING;
}
EXPORT_SYMBOL_NS_GPL(netbsd_callout_pending, BSDCOMPAT);

/**
 * netbsd_callout_active() - has a callout been armed and not stopped
 * @c: the callout
 *
 * Context: any; does not sleep.
 * Return: true if it is pending or has fired since it was last armed.
 */
bool netbsd_callout_active(callout_t *c)
{
	return callout_flags(c, "callout_active", _RET_IP_) &
	       (CALLOUT_PENDING | CALLOUT_FIRED);
}
EXPORT_SYMBOL_NS_GPL(netbsd_callout_active, BSDCOMPAT);

/**
 * netbsd_callout_expired() - has a callout fired
 * @c: the callout
 *
 * Context: any; does not sleep.
 * Return: true if its handler was called since it was last armed or
 * stopped.
 */
bool netbsd_callout_expired(callout_t *c)
{
	return callout_flags(c, "callout_expired", _RET_IP_) & CALLOUT_FIRED;
}
EXPORT_SYMBOL_NS_GPL(netbsd_callout_expired, BSDCOMPAT);

/**
 * netbsd_callout_invoking() - has a callout's handler been called, not acked
 * @c: the callout
 *
 * Context: any; does not sleep.
 * Return: true from the call of the handler until callout_ack() or the
 * next arming.
 */
bool netbsd_callout_invoking(callout_t *c)
{
	return callout_flags(c, "callout_invoking", _RET_IP_) &
	       CALLOUT_INVOKING;
}
EXPORT_SYMBOL_NS_GPL(netbsd_callout_invoking, BSDCOMPAT);

/**
 * netbsd_callout_ack() - clear a callout's invoking state
 * @c: the callout
 *
 * Called by the handler, typically under the lock it shares with the code
 * that tears the callout down.
 *
 * Context: any; does not sleep.
 */
void netbsd_callout_ack(callout_t *c)
{
	unsigned long flags;

	if (!callout_ok(c, "callout_ack", _RET_IP_))
		return;
	bsd_callout_lock(&c->c_core, flags);
	c->c_core.bc_flags &= ~CALLOUT_INVOKING;
	bsd_callout_unlock(&c->c_core, flags);
}
EXPORT_SYMBOL_NS_GPL(netbsd_callout_ack, BSDCOMPAT);

/**
 * netbsd_init() - set up the NetBSD personality
 *
 * The callout workqueue is the core's now (core/callout.c); nothing is
 * left to set up here.
 *
 * Context: module init.
 * Return: 0.
 */
int netbsd_init(void)
{
	return 0;
}

/**
 * netbsd_exit() - tear the NetBSD personality down
 *
 * Context: module exit.
 */
void netbsd_exit(void)
{
	netbsd_xcall_exit();
}
