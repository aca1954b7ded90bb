// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * FreeBSD callout(9).
 *
 * A callout is the core's callout engine (core/callout.c): a delayed work
 * item on one bsdcompat workqueue, so the handler runs in a kworker,
 * thread context, as FreeBSD's softclock thread, where it may take the
 * sleep mutex or rw lock the callout is associated with. The engine keeps
 * PENDING and the run in progress (EXEC: taken; STARTED: past the lock,
 * cannot be stopped); ACTIVE is FreeBSD's, in c_flags.
 *
 * The associated-lock guarantee. The engine's work function takes the
 * arming (clears PENDING, notes the generation) under the callout's raw
 * spinlock, then takes the associated lock (our enter hook), then looks at
 * the generation again: a callout_stop() or callout_reset() made by a
 * thread holding that lock in between has bumped c_core.bc_gen (the
 * "cancelled generation"), and the handler is skipped. It cannot be done
 * with cancel_delayed_work_sync(): that would wait, with the lock held,
 * for a work function waiting for the lock.
 *
 * After the handler returns, the work function touches nothing but the
 * lock (our exit hook releases it, unless CALLOUT_RETURNUNLOCKED): the
 * handler may have stopped and freed the callout, as FreeBSD allows. So
 * "is the handler running" is asked of the workqueue, and EXEC only says
 * which arming it serves. A stale EXEC (the handler returned) with the
 * work running again only for a few instructions, to find nothing to do,
 * is the one window where callout_stop() may answer 0 for -1.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include <sys/callout.h>
#include <sys/mutex.h>
#include <sys/rwlock.h>
#include <bsdcompat/lockdebug.h>

#include "../core/adaptive.h"
#include "../core/callout.h"
#include "freebsd.h"
#include "sleep_internal.h"

#define CALLOUT_MAGIC	0x63616c6cu	/* "call" */
#define CALLOUT_LOCKFLAGS	(CALLOUT_RETURNUNLOCKED | CALLOUT_SHAREDLOCK)

static void callout_error(const struct callout *c, const char *op,
			  unsigned long ip, const char *msg)
{
	const struct lock_object *lo = c ? READ_ONCE(c->c_lock) : NULL;

	bsd_lock_error(FREEBSD_CALLOUT_CLASS, op, c,
		       lo && READ_ONCE(c->c_magic) == CALLOUT_MAGIC ?
		       lo->lo_name : "", ip, "%s", msg);
}

static bool callout_ok(const struct callout *c, const char *op,
		       unsigned long ip)
{
	if (likely(READ_ONCE(c->c_magic) == CALLOUT_MAGIC))
		return true;
	callout_error(c, op, ip, "uninitialized callout");
	return false;
}

static bool lock_is_rw(const struct lock_object *lo)
{
	return lo->lo_class == &freebsd_lock_class_rw;
}

/* The engine's enter hook: take the associated lock. */
static void callout_lock(void *obj, unsigned int flags)
{
	struct lock_object *lo = obj;
	struct rwlock *rw = container_of(lo, struct rwlock, lock_object);

	if (!lock_is_rw(lo))
		mtx_lock(container_of(lo, struct mtx, lock_object));
	else if (flags & CALLOUT_SHAREDLOCK)
		rw_rlock(rw);
	else
		rw_wlock(rw);
}

/* The exit hook: release it, unless the handler did (RETURNUNLOCKED). */
static void callout_unlock(void *obj, unsigned int flags, bool ran)
{
	struct lock_object *lo = obj;

	if (ran && (flags & CALLOUT_RETURNUNLOCKED))
		return;
	if (!lock_is_rw(lo))
		mtx_unlock(container_of(lo, struct mtx, lock_object));
	else
		rw_unlock(container_of(lo, struct rwlock, lock_object));
}

/*
 * Does the caller hold @c's lock, so that stop and reset are atomic with
 * the handler? Giant is allowed not to be held (FreeBSD's old subsystems
 * did not); any other lock must be, and its absence is reported.
 */
static bool callout_use_lock(struct callout *c, const char *op,
			     unsigned long ip)
{
	struct lock_object *lo = c->c_lock;

	if (!lo)
		return false;
	if (lo == &Giant.lock_object)
		return mtx_owned(&Giant);
	if (lo->lo_class->lc_owned(lo))
		return true;
	callout_error(c, op, ip, "associated lock not owned");
	return false;
}

/* Associate @c with @lo (NULL: none); the engine takes it around runs. */
static void callout_set_lock(struct callout *c, struct lock_object *lo)
{
	c->c_lock = lo;
	c->c_core.bc_obj = lo;
	c->c_core.bc_enter = lo ? callout_lock : NULL;
	c->c_core.bc_exit = lo ? callout_unlock : NULL;
}

/**
 * freebsd_callout_init() - initialise a callout (FreeBSD callout_init())
 * @c: the callout
 * @mpsafe: 0 to run the handler holding Giant, non-zero for no lock
 *
 * Context: any; does not sleep.
 */
void freebsd_callout_init(struct callout *c, int mpsafe)
{
	memset(c, 0, sizeof(*c));
	bsd_callout_setup(&c->c_core);
	callout_set_lock(c, mpsafe ? NULL : &Giant.lock_object);
	WRITE_ONCE(c->c_magic, CALLOUT_MAGIC);
}
EXPORT_SYMBOL_NS_GPL(freebsd_callout_init, BSDCOMPAT);

/**
 * freebsd_callout_init_lock() - initialise a callout with a lock
 * @c: the callout
 * @lock: a sleep mutex or an rw lock (its lock_object), or NULL
 * @flags: CALLOUT_RETURNUNLOCKED, CALLOUT_SHAREDLOCK
 *
 * What callout_init_mtx() and callout_init_rw() expand to. The handler
 * runs holding @lock. Bad flags, CALLOUT_RETURNUNLOCKED without a lock,
 * and a spin mutex or sx lock (which a handler may not hold) are reported;
 * the callout is then initialised without the bad part (without a lock).
 *
 * Context: any; does not sleep.
 */
void freebsd_callout_init_lock(struct callout *c, struct lock_object *lock,
			       int flags)
{
	unsigned long ip = _RET_IP_;

	freebsd_callout_init(c, 1);
	if (flags & ~CALLOUT_LOCKFLAGS) {
		callout_error(c, "callout_init_lock", ip, "bad flags");
		flags &= CALLOUT_LOCKFLAGS;
	}
	if (lock && (lock->lo_class->lc_flags & (LC_SPINLOCK | LC_SLEEPABLE))) {
		callout_error(c, "callout_init_lock", ip,
			      "invalid lock class: not a sleep mutex or rw lock");
		lock = NULL;
	}
	if (!lock && (flags & CALLOUT_RETURNUNLOCKED)) {
		callout_error(c, "callout_init_lock", ip,
			      "CALLOUT_RETURNUNLOCKED with no lock");
		flags &= ~CALLOUT_RETURNUNLOCKED;
	}
	callout_set_lock(c, lock);
	c->c_core.bc_flags = flags;
}
EXPORT_SYMBOL_NS_GPL(freebsd_callout_init_lock, BSDCOMPAT);

/* Arm @c @delay jiffies from now on @cpu (-1: as it was). */
static int callout_arm(struct callout *c, unsigned long delay,
		       callout_func_t *func, void *arg, int cpu,
		       const char *op, unsigned long ip)
{
	unsigned long flags;
	int cancelled = 0;

	if (!callout_ok(c, op, ip))
		return 0;
	if (!func) {
		callout_error(c, op, ip, "no function set (c_func == NULL)");
		return 0;
	}
	if (cpu >= 0 && (cpu >= nr_cpu_ids || !cpu_online(cpu))) {
		callout_error(c, op, ip, "CPU not online: kept where it was");
		cpu = -1;
	}
	callout_use_lock(c, op, ip);	/* only for the report */
	bsd_callout_lock(&c->c_core, flags);
	/*
	 * A handler that was waiting for the callout's lock is cancelled, as
	 * FreeBSD's softclock is told to: its arming is replaced.
	 */
	if (c->c_lock && bsd_callout_executing_locked(&c->c_core) &&
	    !(c->c_core.bc_state & BSD_CALLOUT_STARTED)) {
		c->c_core.bc_gen++;
		cancelled = 1;
	}
	if (cpu >= 0)
		c->c_core.bc_cpu = cpu;
	c->c_core.bc_func = func;
	c->c_core.bc_arg = arg;
	if (bsd_callout_arm_locked(&c->c_core, delay))
		cancelled = 1;
	WRITE_ONCE(c->c_flags, c->c_flags | CALLOUT_ACTIVE);
	bsd_callout_unlock(&c->c_core, flags);
	return cancelled;
}

/**
 * freebsd_callout_reset_on() - arm a callout (FreeBSD callout_reset_on())
 * @c: the callout
 * @ticks: when, in ticks from now; not positive means 1
 * @func: the handler
 * @arg: its argument
 * @cpu: the CPU whose worker runs it, or -1 to keep the callout's
 *
 * What callout_reset(), _on() and _curcpu() expand to. With the associated
 * lock held, a handler that was due but not yet started will not run.
 *
 * Context: any; does not sleep. With an associated lock other than Giant,
 * the caller holds it (reported otherwise).
 * Return: 1 if a pending callout (or a handler waiting for the lock) was
 * cancelled, 0 otherwise.
 */
int freebsd_callout_reset_on(struct callout *c, int ticks,
			     callout_func_t *func, void *arg, int cpu)
{
	return callout_arm(c, ticks > 0 ? ticks : 1, func, arg, cpu,
			   "callout_reset", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_callout_reset_on, BSDCOMPAT);

/**
 * freebsd_callout_schedule_on() - arm a callout with its handler
 * @c: the callout, armed before by callout_reset()
 * @ticks: when, in ticks from now; not positive means 1
 * @cpu: the CPU, or -1 to keep the callout's
 *
 * What callout_schedule(), _on() and _curcpu() expand to.
 *
 * Context: any; does not sleep.
 * Return: as callout_reset().
 */
int freebsd_callout_schedule_on(struct callout *c, int ticks, int cpu)
{
	unsigned long ip = _RET_IP_;

	if (!callout_ok(c, "callout_schedule", ip))
		return 0;
	return callout_arm(c, ticks > 0 ? ticks : 1,
			   READ_ONCE(c->c_core.bc_func),
			   READ_ONCE(c->c_core.bc_arg), cpu, "callout_schedule",
			   ip);
}
EXPORT_SYMBOL_NS_GPL(freebsd_callout_schedule_on, BSDCOMPAT);

/**
 * freebsd_callout_reset_sbt_on() - arm a callout for a time in sbintime_t
 * @c: the callout
 * @sbt: when: a delay, or with C_ABSOLUTE a time since boot
 * @pr: the precision asked for; accepted (the timer is a jiffy's)
 * @func: the handler
 * @arg: its argument
 * @cpu: the CPU, or -1 to keep the callout's
 * @flags: C_ABSOLUTE, C_DIRECT_EXEC (the handler runs in a thread all the
 *	same), C_HARDCLOCK, C_PREL()
 *
 * What the callout_reset_sbt() and callout_schedule_sbt() families expand
 * to. The time is rounded up to the next jiffy.
 *
 * Context: any; does not sleep.
 * Return: as callout_reset().
 */
int freebsd_callout_reset_sbt_on(struct callout *c, sbintime_t sbt,
				 sbintime_t pr, callout_func_t *func,
				 void *arg, int cpu, int flags)
{
	u64 ns = sbt > 0 ? freebsd_sbt2ns(sbt) : 0, now;

	if (flags & C_ABSOLUTE) {
		now = ktime_get_ns();
		ns = ns > now ? ns - now : 0;
	}
	return callout_arm(c, nsecs_to_jiffies(ns + TICK_NSEC - 1), func, arg,
			   cpu, "callout_reset_sbt", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(freebsd_callout_reset_sbt_on, BSDCOMPAT);

/*
 * Disarm @c for callout_stop() (@drain false) or the first half of
 * callout_drain(); *@exec says whether the handler was being serviced,
 * *@pend whether the callout was pending.
 * Returns FreeBSD's value, for stop; with the lock held and the handler
 * waiting for it, the handler is cancelled.
 */
static int callout_disarm(struct callout *c, bool use_lock, bool drain,
			  bool *exec, bool *pend)
{
	unsigned long flags;
	int ret;

	bsd_callout_lock(&c->c_core, flags);
	*exec = bsd_callout_executing_locked(&c->c_core);
	*pend = c->c_core.bc_state & BSD_CALLOUT_PENDING;
	if (*exec && use_lock && !drain &&
	    !(c->c_core.bc_state & BSD_CALLOUT_STARTED)) {
		/* Waiting for the lock the caller holds: it will not run. */
		c->c_core.bc_gen++;
		ret = 1;
	} else {
		ret = *exec ? 0 : 1;
		if (!*pend && !*exec)
			ret = -1;
	}
	bsd_callout_disarm_locked(&c->c_core);
	WRITE_ONCE(c->c_flags, c->c_flags & ~CALLOUT_ACTIVE);
	bsd_callout_unlock(&c->c_core, flags);
	return ret;
}

/**
 * freebsd_callout_stop() - disarm a callout (FreeBSD callout_stop())
 * @c: the callout
 *
 * Does not wait for a handler that is running. With the associated lock
 * held (which it must be, Giant excepted), a handler that was due but is
 * waiting for the lock is cancelled and will not run.
 *
 * Context: any; does not sleep.
 * Return: 1 if a pending callout was stopped (or a handler waiting for the
 * lock cancelled), 0 if the handler is running and could not be stopped,
 * -1 if it was neither pending nor running.
 */
int freebsd_callout_stop(struct callout *c)
{
	unsigned long ip = _RET_IP_;
	bool exec, pend;

	if (!callout_ok(c, "callout_stop", ip))
		return -1;
	return callout_disarm(c, callout_use_lock(c, "callout_stop", ip),
			      false, &exec, &pend);
}
EXPORT_SYMBOL_NS_GPL(freebsd_callout_stop, BSDCOMPAT);

/**
 * freebsd_callout_drain() - disarm a callout and wait for its handler
 * @c: the callout
 *
 * As callout_stop(), then waits until the handler is not running; Giant is
 * given up while it waits. On return the callout's memory may be freed.
 * Called from the callout's own handler, from interrupt context or holding
 * its associated lock (the handler would wait for it), it would wait for
 * ever; that is reported and it acts as callout_stop().
 *
 * Context: thread context; may sleep. Not holding a lock the handler takes.
 * Return: 1 if a pending callout was stopped, 0 if the handler was running
 * and armed again, -1 otherwise.
 */
int freebsd_callout_drain(struct callout *c)
{
	unsigned long ip = _RET_IP_;
	const char *why = NULL;
	bool exec, pend;
	int ret, giant;

	if (!callout_ok(c, "callout_drain", ip))
		return -1;
	if (!bsd_lock_may_block())
		why = "called from interrupt context or with a spin mutex held";
	else if (bsd_callout_is_self(&c->c_core))
		why = "called from the callout's own handler";
	else if (c->c_lock && c->c_lock != &Giant.lock_object &&
		 c->c_lock->lo_class->lc_owned(c->c_lock))
		why = "called with the associated lock held";
	if (why) {
		callout_error(c, "callout_drain", ip, why);
		return callout_disarm(c, false, false, &exec, &pend);
	}
	might_sleep();
	callout_disarm(c, false, true, &exec, &pend);
	ret = pend ? (exec ? 0 : 1) : -1;
	if (!bsd_callout_running(&c->c_core))
		return ret;
	/*
	 * Wait only when it runs: Linux's flush tells lockdep the caller
	 * waits for the handler even when it does not have to. The wait also
	 * undoes an arming the handler made meanwhile.
	 */
	giant = freebsd_giant_drop();
	if (bsd_callout_wait(&c->c_core))
		ret = 0;
	freebsd_giant_pickup(giant);
	WRITE_ONCE(c->c_flags, c->c_flags & ~CALLOUT_ACTIVE);
	return ret;
}
EXPORT_SYMBOL_NS_GPL(freebsd_callout_drain, BSDCOMPAT);

/**
 * freebsd_callout_pending() - is a callout armed and its time not come
 * @c: the callout
 *
 * Context: any; does not sleep.
 * Return: non-zero if it is armed and its handler not yet called.
 */
int freebsd_callout_pending(const struct callout *c)
{
	return (READ_ONCE(c->c_core.bc_state) & BSD_CALLOUT_PENDING) != 0;
}
EXPORT_SYMBOL_NS_GPL(freebsd_callout_pending, BSDCOMPAT);

/**
 * freebsd_init() - set up the FreeBSD personality: the system task queues
 *
 * The callout workqueue is the core's (core/callout.c).
 *
 * Context: module init.
 * Return: 0, or -ENOMEM.
 */
int freebsd_init(void)
{
	return freebsd_taskqueue_init();
}

/**
 * freebsd_exit() - tear the FreeBSD personality down
 *
 * Every callout must be drained by now (its driver is gone); what is left
 * on the system task queues runs before they go.
 *
 * Context: module exit.
 */
void freebsd_exit(void)
{
	freebsd_taskqueue_exit();
}
