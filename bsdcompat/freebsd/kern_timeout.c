// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * FreeBSD callout(9).
 *
 * Each callout is a delayed work item on one bsdcompat workqueue, so the
 * handler runs in a kworker: thread context, as FreeBSD's softclock
 * thread, where it may take the sleep mutex or rw lock the callout is
 * associated with. The state FreeBSD keeps (PENDING, ACTIVE, "being
 * serviced", the softclock's cancel flag) is kept in the callout under its
 * raw spinlock c_slock; the workqueue gives the timer and the thread.
 *
 * The associated-lock guarantee. The work function takes the callout
 * (clears PENDING, sets EXEC and notes c_gen) under c_slock, then takes the
 * associated lock, then looks at c_gen again under c_slock: a
 * callout_stop() or callout_reset() made by a thread holding that lock in
 * between has bumped c_gen (the "cancelled generation"), and the handler
 * is skipped. It cannot be done with cancel_delayed_work_sync(): that
 * would wait, with the lock held, for a work function waiting for the lock.
 * Once the generation check passes, STARTED is set: from then on the
 * handler cannot be stopped, and callout_stop() says so (0).
 *
 * After the handler returns, the work function touches nothing but the
 * lock: the handler may have stopped and freed the callout, as FreeBSD
 * allows. So "is the handler running" is asked of the workqueue
 * (work_busy()) and the EXEC bit only says which arming it is running.
 * A stale EXEC (the handler returned) with the work running again only
 * for a few instructions, to find nothing to do, is the one window where
 * callout_stop() may answer 0 for -1.
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
#include "freebsd.h"
#include "sleep_internal.h"

#define CALLOUT_MAGIC	0x63616c6cu	/* "call" */

/* c_iflags */
#define CALLOUT_PENDING		0x0004	/* armed, not yet taken (FreeBSD's) */
#define CALLOUT_EXEC		0x1000	/* taken by the work function */
#define CALLOUT_STARTED		0x2000	/* past the lock: cannot be stopped */
#define CALLOUT_LOCKFLAGS	(CALLOUT_RETURNUNLOCKED | CALLOUT_SHAREDLOCK)

static struct workqueue_struct *callout_wq;

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

static void callout_lock(struct lock_object *lo, unsigned int iflags)
{
	struct rwlock *rw = container_of(lo, struct rwlock, lock_object);

	if (!lock_is_rw(lo))
		mtx_lock(container_of(lo, struct mtx, lock_object));
	else if (iflags & CALLOUT_SHAREDLOCK)
		rw_rlock(rw);
	else
		rw_wlock(rw);
}

static void callout_unlock(struct lock_object *lo)
{
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

/*
 * Is the handler of @c being serviced: taken by a work function that is
 * running? Not if the work running is a new one that has yet to take the
 * arming (PENDING set and the work no longer queued). Under c_slock.
 */
static bool callout_executing(struct callout *c)
{
	unsigned int busy = work_busy(&c->c_work.work);

	if (!(busy & WORK_BUSY_RUNNING))
		return false;
	if ((c->c_iflags & CALLOUT_PENDING) && !(busy & WORK_BUSY_PENDING))
		return false;
	return c->c_iflags & CALLOUT_EXEC;
}

static void callout_work(struct work_struct *work)
{
	struct callout *c = container_of(to_delayed_work(work), struct callout,
					 c_work);
	struct lock_object *lo;
	unsigned int iflags;
	callout_func_t *func;
	unsigned long flags, gen;
	void *arg;

	raw_spin_lock_irqsave(&c->c_slock, flags);
	/*
	 * Stopped after the timer fired, or armed again (queued anew) while
	 * this run was on its way: the run that is queued handles it.
	 */
	if (!(c->c_iflags & CALLOUT_PENDING) || work_pending(work)) {
		raw_spin_unlock_irqrestore(&c->c_slock, flags);
		return;
	}
	c->c_iflags &= ~(CALLOUT_PENDING | CALLOUT_STARTED);
	c->c_iflags |= CALLOUT_EXEC;
	gen = c->c_gen;
	lo = c->c_lock;
	iflags = c->c_iflags;
	func = c->c_func;
	arg = c->c_arg;
	raw_spin_unlock_irqrestore(&c->c_slock, flags);

	if (lo) {
		callout_lock(lo, iflags);
		raw_spin_lock_irqsave(&c->c_slock, flags);
		if (c->c_gen != gen) {
			/* Stopped or reset by a holder of the lock. */
			c->c_iflags &= ~CALLOUT_EXEC;
			raw_spin_unlock_irqrestore(&c->c_slock, flags);
			callout_unlock(lo);
			return;
		}
		c->c_iflags |= CALLOUT_STARTED;
		raw_spin_unlock_irqrestore(&c->c_slock, flags);
	}
	/* From here on c may be freed by the handler. */
	func(arg);
	if (lo && !(iflags & CALLOUT_RETURNUNLOCKED))
		callout_unlock(lo);
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
	INIT_DELAYED_WORK(&c->c_work, callout_work);
	raw_spin_lock_init(&c->c_slock);
	c->c_lock = mpsafe ? NULL : &Giant.lock_object;
	c->c_cpu = -1;
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
	c->c_lock = lock;
	c->c_iflags = flags;
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
	raw_spin_lock_irqsave(&c->c_slock, flags);
	/*
	 * A handler that was waiting for the callout's lock is cancelled, as
	 * FreeBSD's softclock is told to: its arming is replaced.
	 */
	if (c->c_lock && callout_executing(c) &&
	    !(c->c_iflags & CALLOUT_STARTED)) {
		c->c_gen++;
		cancelled = 1;
	}
	if (c->c_iflags & CALLOUT_PENDING)
		cancelled = 1;
	if (cpu >= 0)
		c->c_cpu = cpu;
	c->c_func = func;
	c->c_arg = arg;
	c->c_iflags |= CALLOUT_PENDING;
	WRITE_ONCE(c->c_flags, c->c_flags | CALLOUT_ACTIVE);
	mod_delayed_work_on(c->c_cpu < 0 ? WORK_CPU_UNBOUND : c->c_cpu,
			    callout_wq, &c->c_work, max(delay, 1UL));
	raw_spin_unlock_irqrestore(&c->c_slock, flags);
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
	return callout_arm(c, ticks > 0 ? ticks : 1, READ_ONCE(c->c_func),
			   READ_ONCE(c->c_arg), cpu, "callout_schedule", ip);
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

	raw_spin_lock_irqsave(&c->c_slock, flags);
	*exec = callout_executing(c);
	*pend = c->c_iflags & CALLOUT_PENDING;
	if (*exec && use_lock && !drain &&
	    !(c->c_iflags & CALLOUT_STARTED)) {
		/* Waiting for the lock the caller holds: it will not run. */
		c->c_gen++;
		ret = 1;
	} else {
		ret = *exec ? 0 : 1;
		if (!(c->c_iflags & CALLOUT_PENDING) && !*exec)
			ret = -1;
	}
	if (c->c_iflags & CALLOUT_PENDING) {
		cancel_delayed_work(&c->c_work);
		c->c_iflags &= ~CALLOUT_PENDING;
	}
	WRITE_ONCE(c->c_flags, c->c_flags & ~CALLOUT_ACTIVE);
	raw_spin_unlock_irqrestore(&c->c_slock, flags);
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
	unsigned long flags;
	bool exec, pend;
	int ret, giant;

	if (!callout_ok(c, "callout_drain", ip))
		return -1;
	if (!bsd_lock_may_block())
		why = "called from interrupt context or with a spin mutex held";
	else if (current_work() == &c->c_work.work)
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
	if (!(work_busy(&c->c_work.work) & WORK_BUSY_RUNNING))
		return ret;
	/*
	 * Wait only when it runs: Linux's flush tells lockdep the caller
	 * waits for the handler even when it does not have to. The sync
	 * cancel also keeps a handler that re-arms itself from doing so.
	 */
	giant = freebsd_giant_drop();
	cancel_delayed_work_sync(&c->c_work);
	freebsd_giant_pickup(giant);
	raw_spin_lock_irqsave(&c->c_slock, flags);
	if (c->c_iflags & CALLOUT_PENDING) {
		/* Re-armed by the handler, and cancelled by the sync cancel. */
		c->c_iflags &= ~CALLOUT_PENDING;
		ret = 0;
	}
	c->c_iflags &= ~CALLOUT_EXEC;
	WRITE_ONCE(c->c_flags, c->c_flags & ~CALLOUT_ACTIVE);
	raw_spin_unlock_irqrestore(&c->c_slock, flags);
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
	return (READ_ONCE(c->c_iflags) & CALLOUT_PENDING) != 0;
}
EXPORT_SYMBOL_NS_GPL(freebsd_callout_pending, BSDCOMPAT);

/**
 * freebsd_init() - set up the FreeBSD personality: the callout workqueue
 * and the system task queues
 *
 * Context: module init.
 * Return: 0, or -ENOMEM.
 */
int freebsd_init(void)
{
	int err;

	callout_wq = alloc_workqueue("bsd_fcallout", WQ_HIGHPRI, 0);
	if (!callout_wq)
		return -ENOMEM;
	err = freebsd_taskqueue_init();
	if (err)
		destroy_workqueue(callout_wq);
	return err;
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
	destroy_workqueue(callout_wq);
}
