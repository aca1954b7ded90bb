// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: Digital UNIX wait events (assert_wait, thread_block, ...) and
 * mpsleep(), sleep(), wakeup().
 *
 * A sleeper is known to be queued when the lock it gives up to sleep (its
 * simple lock, or the big lock) can be taken: assert_wait() and mpsleep()
 * queue the thread before that lock is released. Liveness bounds (long
 * timeouts, polling limits) are not timing checks: they only turn a hang
 * into a failure.
 */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>

#include <bsdcompat/biglock.h>
#include <kern/lock.h>
#include <kern/sched_prim.h>
#include <machine/cpu.h>
#include <sys/kernel.h>
#include <sys/param.h>
#include <sys/proc.h>

#include "kunit_helpers.h"

MODULE_IMPORT_NS(BSDCOMPAT);

#define SLEEP_ERR	"Sleep error: "
#define LONG_TIMO	(100 * hz)	/* a liveness bound only */

enum sl_op {
	OP_MACH,		/* simple_lock, assert_wait, unlock, block */
	OP_MACH_INTR,		/* the same, interruptible */
	OP_MPSLEEP,		/* mpsleep() with the simple lock */
	OP_SLEEP_BIGLOCK,	/* sleep() holding the big lock */
	OP_MACH_BIGLOCK,	/* assert_wait, thread_block, big lock held */
	OP_MACH_SPLBIO,		/* assert_wait, thread_block at splbio() */
};

struct sleeper {
	vm_offset_t		ev;
	simple_lock_data_t	*sl;
	enum sl_op		op;
	long			pri;
	long			flags;
	int			timo;
	int			ret;
	bool			held;	/* the lock, after */
	int			ipl;	/* after */
	bool			irqs_off;	/* after */
	bool			queued;
	struct task_struct	*task;
	struct completion	done;
};

static int sleeper_fn(void *arg)
{
	struct sleeper *s = arg;
	int spl;

	allow_signal(SIGUSR1);
	switch (s->op) {
	case OP_MACH:
	case OP_MACH_INTR:
		simple_lock(s->sl);
		WRITE_ONCE(s->queued, true);
		assert_wait_mesg(s->ev, s->op == OP_MACH_INTR, "t64test");
		if (s->timo)
			thread_set_timeout(s->timo);
		simple_unlock(s->sl);
		s->ret = thread_block();
		break;
	case OP_MPSLEEP:
		simple_lock(s->sl);
		WRITE_ONCE(s->queued, true);
		s->ret = mpsleep(s->ev, s->pri, "t64test", s->timo, s->sl,
				 s->flags);
		s->held = SLOCK_HOLDER(s->sl);
		if (s->held)
			simple_unlock(s->sl);
		break;
	case OP_SLEEP_BIGLOCK:
		bsd_kernel_lock(1, _THIS_IP_);
		WRITE_ONCE(s->queued, true);
		sleep((void *)s->ev, s->pri);
		s->ret = 0;
		s->held = bsd_kernel_locked_p();
		bsd_kernel_unlock(1, NULL, _THIS_IP_);
		break;
	case OP_MACH_BIGLOCK:
		bsd_kernel_lock(1, _THIS_IP_);
		WRITE_ONCE(s->queued, true);
		assert_wait(s->ev, FALSE);
		s->ret = thread_block();
		s->held = bsd_kernel_locked_p();
		bsd_kernel_unlock(1, NULL, _THIS_IP_);
		break;
	case OP_MACH_SPLBIO:
		spl = splbio();
		assert_wait(s->ev, FALSE);
		thread_set_timeout(LONG_TIMO);
		WRITE_ONCE(s->queued, true);
		s->ret = thread_block();
		s->ipl = getspl();
		s->irqs_off = irqs_disabled();
		splx(spl);
		break;
	}
	complete(&s->done);
	return 0;
}

static void sleeper_wait_queued(struct kunit *test, struct sleeper *s)
{
	int i;

	for (i = 0; i < 10000 && !READ_ONCE(s->queued); i++)
		usleep_range(100, 200);
	KUNIT_ASSERT_TRUE(test, READ_ONCE(s->queued));
	/* Past the lock it gave up means queued. */
	switch (s->op) {
	case OP_SLEEP_BIGLOCK:
	case OP_MACH_BIGLOCK:
		bsd_kernel_lock(1, _THIS_IP_);
		bsd_kernel_unlock(1, NULL, _THIS_IP_);
		break;
	case OP_MACH_SPLBIO:
		break;
	default:
		simple_lock(s->sl);
		simple_unlock(s->sl);
		break;
	}
}

static void sleeper_start_on(struct kunit *test, struct sleeper *s,
			     vm_offset_t ev, simple_lock_data_t *sl,
			     enum sl_op op, int timo, int cpu)
{
	s->ev = ev;
	s->sl = sl;
	s->op = op;
	s->timo = timo;
	s->ret = -1;
	s->held = false;
	s->queued = false;
	init_completion(&s->done);
	s->task = kthread_create(sleeper_fn, s, "t64-sleeper");
	KUNIT_ASSERT_FALSE(test, IS_ERR(s->task));
	get_task_struct(s->task);
	if (cpu >= 0)
		kthread_bind(s->task, cpu);
	wake_up_process(s->task);
	if (op != OP_MACH_SPLBIO)
		sleeper_wait_queued(test, s);
}

static void sleeper_start(struct kunit *test, struct sleeper *s,
			  vm_offset_t ev, simple_lock_data_t *sl,
			  enum sl_op op, int timo)
{
	s->pri = PZERO;
	s->flags = MS_LOCK_SIMPLE;
	sleeper_start_on(test, s, ev, sl, op, timo, -1);
}

static void sleeper_join(struct sleeper *s)
{
	wait_for_completion(&s->done);
	put_task_struct(s->task);
}

/* thread_wakeup() wakes every waiter of the event, and no other. */
static void mach_wakeup_wakes_all(struct kunit *test)
{
	decl_simple_lock_data(, sl);
	struct sleeper s[3], other;
	int ev, other_ev, i;

	simple_lock_init(&sl);
	for (i = 0; i < 3; i++)
		sleeper_start(test, &s[i], (vm_offset_t)&ev, &sl, OP_MACH, 0);
	sleeper_start(test, &other, (vm_offset_t)&other_ev, &sl, OP_MACH,
		      hz / 5);
	simple_lock(&sl);
	thread_wakeup((vm_offset_t)&ev);
	simple_unlock(&sl);
	for (i = 0; i < 3; i++) {
		sleeper_join(&s[i]);
		KUNIT_EXPECT_EQ(test, s[i].ret, THREAD_AWAKENED);
	}
	sleeper_join(&other);
	KUNIT_EXPECT_EQ(test, other.ret, THREAD_TIMED_OUT);
	KUNIT_EXPECT_EQ(test, thread_wakeup_prim((vm_offset_t)&ev, FALSE,
						 THREAD_AWAKENED), 0);
}

/* thread_wakeup_one() takes exactly one waiter off per call. */
static void mach_wakeup_one_wakes_one_per_call(struct kunit *test)
{
	decl_simple_lock_data(, sl);
	struct sleeper s[3];
	int ev, i;

	simple_lock_init(&sl);
	for (i = 0; i < 3; i++)
		sleeper_start(test, &s[i], (vm_offset_t)&ev, &sl, OP_MACH, 0);
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_EQ(test, thread_wakeup_prim((vm_offset_t)&ev,
							 TRUE,
							 THREAD_AWAKENED), 1);
		/* The one that waited longest goes first. */
		sleeper_join(&s[i]);
		KUNIT_EXPECT_EQ(test, s[i].ret, THREAD_AWAKENED);
	}
	thread_wakeup_one((vm_offset_t)&ev);	/* nobody: a no-op */
}

/* A wakeup between assert_wait() and thread_block() is not lost. */
static void mach_wakeup_before_block_not_lost(struct kunit *test)
{
	int ev, r;

	assert_wait((vm_offset_t)&ev, FALSE);
	thread_set_timeout(LONG_TIMO);
	thread_wakeup((vm_offset_t)&ev);
	r = thread_block();
	KUNIT_EXPECT_EQ(test, r, THREAD_AWAKENED);
	/* No assert_wait(): thread_block() only yields. */
	KUNIT_EXPECT_EQ(test, thread_block(), THREAD_AWAKENED);
}

static void mach_set_timeout_times_out(struct kunit *test)
{
	int ev, r;

	assert_wait((vm_offset_t)&ev, TRUE);
	thread_set_timeout(1);
	r = thread_block();
	KUNIT_EXPECT_EQ(test, r, THREAD_TIMED_OUT);
	/* The timeout was for that wait only. */
	assert_wait((vm_offset_t)&ev, FALSE);
	thread_wakeup((vm_offset_t)&ev);
	KUNIT_EXPECT_EQ(test, thread_block(), THREAD_AWAKENED);
}

/* thread_wakeup_prim()'s result is what thread_block() returns. */
static void mach_wakeup_prim_result(struct kunit *test)
{
	decl_simple_lock_data(, sl);
	struct sleeper s;
	int ev;

	simple_lock_init(&sl);
	sleeper_start(test, &s, (vm_offset_t)&ev, &sl, OP_MACH, 0);
	KUNIT_EXPECT_EQ(test, thread_wakeup_prim((vm_offset_t)&ev, FALSE,
						 THREAD_RESTART), 1);
	sleeper_join(&s);
	KUNIT_EXPECT_EQ(test, s.ret, THREAD_RESTART);

	assert_wait((vm_offset_t)&ev, FALSE);
	thread_wakeup_with_result((vm_offset_t)&ev, THREAD_SHOULD_TERMINATE);
	KUNIT_EXPECT_EQ(test, thread_block(), THREAD_SHOULD_TERMINATE);
}

static void mach_clear_wait(struct kunit *test)
{
	decl_simple_lock_data(, sl);
	struct sleeper s;
	int ev;

	simple_lock_init(&sl);
	/* interrupt_only leaves an uninterruptible wait alone. */
	sleeper_start(test, &s, (vm_offset_t)&ev, &sl, OP_MACH, 0);
	clear_wait(s.task, THREAD_INTERRUPTED, TRUE);
	clear_wait(s.task, THREAD_TIMED_OUT, FALSE);
	sleeper_join(&s);
	KUNIT_EXPECT_EQ(test, s.ret, THREAD_TIMED_OUT);
	/* ... and ends an interruptible one. */
	sleeper_start(test, &s, (vm_offset_t)&ev, &sl, OP_MACH_INTR, 0);
	clear_wait(s.task, THREAD_INTERRUPTED, TRUE);
	sleeper_join(&s);
	KUNIT_EXPECT_EQ(test, s.ret, THREAD_INTERRUPTED);
	/* It only took that thread off: the event has no waiter left. */
	KUNIT_EXPECT_EQ(test, thread_wakeup_prim((vm_offset_t)&ev, FALSE,
						 THREAD_AWAKENED), 0);
	/* Between assert_wait() and thread_block(), on itself. */
	assert_wait((vm_offset_t)&ev, FALSE);
	clear_wait(current_thread(), THREAD_RESTART, FALSE);
	KUNIT_EXPECT_EQ(test, thread_block(), THREAD_RESTART);
	/* A thread that does not wait: nothing happens. */
	clear_wait(current_thread(), THREAD_INTERRUPTED, FALSE);
}

/* An interruptible wait ends with a signal; an uninterruptible one not. */
static void mach_interruptible_signal(struct kunit *test)
{
	decl_simple_lock_data(, sl);
	struct sleeper s, u;
	int ev, uev;

	simple_lock_init(&sl);
	sleeper_start(test, &s, (vm_offset_t)&ev, &sl, OP_MACH_INTR, 0);
	sleeper_start(test, &u, (vm_offset_t)&uev, &sl, OP_MACH, 0);
	send_sig(SIGUSR1, s.task, 1);
	send_sig(SIGUSR1, u.task, 1);
	sleeper_join(&s);
	KUNIT_EXPECT_EQ(test, s.ret, THREAD_INTERRUPTED);
	KUNIT_EXPECT_EQ(test, thread_wakeup_prim((vm_offset_t)&uev, FALSE,
						 THREAD_AWAKENED), 1);
	sleeper_join(&u);
	KUNIT_EXPECT_EQ(test, u.ret, THREAD_AWAKENED);
}

/* A bounded buffer: simple_lock, assert_wait, simple_unlock, thread_block. */
#define PC_ITEMS	4000
#define PC_SLOTS	4
#define PC_THREADS	2

struct pc {
	simple_lock_data_t	sl;
	int			buf[PC_SLOTS];
	int			count, head;
	int			produced, consumed;
	long			sum;
};

static void pc_producer(struct pc *pc)
{

	simple_lock(&pc->sl);
	while (pc->produced < PC_ITEMS) {
		if (pc->count == PC_SLOTS) {
			assert_wait((vm_offset_t)&pc->head, FALSE);
			simple_unlock(&pc->sl);
			thread_block();
			simple_lock(&pc->sl);
			continue;
		}
		pc->buf[(pc->head + pc->count) % PC_SLOTS] = ++pc->produced;
		pc->count++;
		thread_wakeup_one((vm_offset_t)&pc->count);
	}
	simple_unlock(&pc->sl);
}

static void pc_consumer(struct pc *pc)
{

	simple_lock(&pc->sl);
	while (pc->consumed < PC_ITEMS) {
		if (!pc->count) {
			assert_wait((vm_offset_t)&pc->count, FALSE);
			simple_unlock(&pc->sl);
			thread_block();
			simple_lock(&pc->sl);
			continue;
		}
		pc->sum += pc->buf[pc->head];
		pc->head = (pc->head + 1) % PC_SLOTS;
		pc->count--;
		pc->consumed++;
		thread_wakeup((vm_offset_t)&pc->head);
	}
	/* The last item: the other consumers must see it is over. */
	thread_wakeup((vm_offset_t)&pc->count);
	simple_unlock(&pc->sl);
}

/* Even threads produce, odd ones consume. */
static void pc_fn(void *arg, unsigned int id)
{
	if (id & 1)
		pc_consumer(arg);
	else
		pc_producer(arg);
}

static void mach_producer_consumer(struct kunit *test)
{
	struct pc *pc = kunit_kzalloc(test, sizeof(*pc), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, pc);
	simple_lock_init(&pc->sl);
	bsd_kunit_run_threads(test, 2 * PC_THREADS, pc_fn, pc, "t64-pc", false);
	KUNIT_EXPECT_EQ(test, pc->produced, PC_ITEMS);
	KUNIT_EXPECT_EQ(test, pc->consumed, PC_ITEMS);
	KUNIT_EXPECT_EQ(test, pc->count, 0);
	KUNIT_EXPECT_EQ(test, pc->sum, (long)PC_ITEMS * (PC_ITEMS + 1) / 2);
}

/* mpsleep() releases its simple lock while asleep, has it after. */
static void mpsleep_simple_lock(struct kunit *test)
{
	decl_simple_lock_data(, sl);
	struct sleeper s;
	int chan;

	simple_lock_init(&sl);
	sleeper_start(test, &s, (vm_offset_t)&chan, &sl, OP_MPSLEEP, 0);
	simple_lock(&sl);		/* released while asleep */
	wakeup(&chan);
	simple_unlock(&sl);
	sleeper_join(&s);
	KUNIT_EXPECT_EQ(test, s.ret, 0);
	KUNIT_EXPECT_TRUE(test, s.held);

	/* MS_LOCK_NO_RELOCK: not even after a wakeup. */
	s.pri = PZERO;
	s.flags = MS_LOCK_SIMPLE | MS_LOCK_NO_RELOCK;
	sleeper_start_on(test, &s, (vm_offset_t)&chan, &sl, OP_MPSLEEP, 0, -1);
	wakeup_one(&chan);
	sleeper_join(&s);
	KUNIT_EXPECT_EQ(test, s.ret, 0);
	KUNIT_EXPECT_FALSE(test, s.held);
	KUNIT_EXPECT_FALSE(test, SLOCK_HOLDER(&sl));
}

/* After a timeout: taken back only with MS_LOCK_ON_ERROR. */
static void mpsleep_timeout_relock(struct kunit *test)
{
	decl_simple_lock_data(, sl);
	int chan, r;
	bool held;

	simple_lock_init(&sl);
	simple_lock(&sl);
	r = mpsleep(&chan, PZERO, "tmo", 1, &sl, MS_LOCK_SIMPLE);
	held = SLOCK_HOLDER(&sl);
	KUNIT_EXPECT_EQ(test, r, EWOULDBLOCK);
	KUNIT_EXPECT_FALSE(test, held);

	simple_lock(&sl);
	r = mpsleep(&chan, PZERO | PCATCH, "tmo", 2, &sl,
		    MS_LOCK_SIMPLE | MS_LOCK_ON_ERROR);
	held = SLOCK_HOLDER(&sl);
	KUNIT_EXPECT_EQ(test, r, EWOULDBLOCK);
	KUNIT_EXPECT_TRUE(test, held);

	r = mpsleep(&chan, PZERO, "tmo", 1, &sl,
		    MS_LOCK_SIMPLE | MS_LOCK_NO_RELOCK);
	held = SLOCK_HOLDER(&sl);
	KUNIT_EXPECT_EQ(test, r, EWOULDBLOCK);
	KUNIT_EXPECT_FALSE(test, held);

	/* No lock at all; a channel given as a vm_offset_t. */
	KUNIT_EXPECT_EQ(test, mpsleep((vm_offset_t)&chan, PZERO, "tmo", 1,
				      NULL, 0), EWOULDBLOCK);
}

/* PCATCH: a signal ends the sleep with ERESTART. */
static void mpsleep_pcatch_signal(struct kunit *test)
{
	decl_simple_lock_data(, sl);
	struct sleeper s;
	int chan;

	simple_lock_init(&sl);
	s.pri = PZERO | PCATCH;
	s.flags = MS_LOCK_SIMPLE;
	sleeper_start_on(test, &s, (vm_offset_t)&chan, &sl, OP_MPSLEEP, 0, -1);
	send_sig(SIGUSR1, s.task, 1);
	sleeper_join(&s);
	KUNIT_EXPECT_EQ(test, s.ret, ERESTART);
	KUNIT_EXPECT_FALSE(test, s.held);

	s.pri = PZERO | PCATCH;
	s.flags = MS_LOCK_SIMPLE | MS_LOCK_ON_ERROR;
	sleeper_start_on(test, &s, (vm_offset_t)&chan, &sl, OP_MPSLEEP,
			 LONG_TIMO, -1);
	send_sig(SIGUSR1, s.task, 1);
	sleeper_join(&s);
	KUNIT_EXPECT_EQ(test, s.ret, ERESTART);
	KUNIT_EXPECT_TRUE(test, s.held);

	/* Without PCATCH the signal does not end it. */
	s.pri = PZERO;
	s.flags = MS_LOCK_SIMPLE;
	sleeper_start_on(test, &s, (vm_offset_t)&chan, &sl, OP_MPSLEEP, 0, -1);
	send_sig(SIGUSR1, s.task, 1);
	KUNIT_EXPECT_EQ(test, thread_wakeup_prim((vm_offset_t)&chan, FALSE,
						 THREAD_AWAKENED), 1);
	sleeper_join(&s);
	KUNIT_EXPECT_EQ(test, s.ret, 0);
	KUNIT_EXPECT_TRUE(test, s.held);
}

/*
 * What SIGKILL does to a user thread: a kthread that allows signals handles
 * them itself, so send_sig() would not make SIGKILL fatal for it.
 */
static void kill_kthread(struct task_struct *t)
{
	spin_lock_irq(&t->sighand->siglock);
	sigaddset(&t->pending.signal, SIGKILL);
	set_tsk_thread_flag(t, TIF_SIGPENDING);
	spin_unlock_irq(&t->sighand->siglock);
	wake_up_process(t);
}

/* PCATCH and a fatal signal: EINTR; MS_LOCK_ON_ERROR takes the lock back. */
static void mpsleep_pcatch_fatal_signal(struct kunit *test)
{
	decl_simple_lock_data(, sl);
	struct sleeper s;
	int chan;

	simple_lock_init(&sl);
	s.pri = PZERO | PCATCH;
	s.flags = MS_LOCK_SIMPLE | MS_LOCK_ON_ERROR;
	sleeper_start_on(test, &s, (vm_offset_t)&chan, &sl, OP_MPSLEEP, 0, -1);
	kill_kthread(s.task);
	sleeper_join(&s);
	KUNIT_EXPECT_EQ(test, s.ret, EINTR);
	KUNIT_EXPECT_TRUE(test, s.held);
}

/*
 * sleep()/wakeup() under the big lock: given up while asleep (we take it),
 * held again after.
 */
static void sleep_wakeup_big_lock(struct kunit *test)
{
	struct sleeper s;
	int chan;

	s.pri = PZERO;
	sleeper_start_on(test, &s, (vm_offset_t)&chan, NULL, OP_SLEEP_BIGLOCK,
			 0, -1);
	bsd_kernel_lock(1, _THIS_IP_);
	wakeup(&chan);
	bsd_kernel_unlock(1, NULL, _THIS_IP_);
	sleeper_join(&s);
	KUNIT_EXPECT_TRUE(test, s.held);

	sleeper_start_on(test, &s, (vm_offset_t)&chan, NULL, OP_MACH_BIGLOCK,
			 0, -1);
	bsd_kernel_lock(1, _THIS_IP_);
	thread_wakeup((vm_offset_t)&chan);
	bsd_kernel_unlock(1, NULL, _THIS_IP_);
	sleeper_join(&s);
	KUNIT_EXPECT_EQ(test, s.ret, THREAD_AWAKENED);
	KUNIT_EXPECT_TRUE(test, s.held);
	KUNIT_EXPECT_FALSE(test, bsd_kernel_locked_p());
}

/*
 * A thread at splbio() sleeps at IPL NONE: another thread on its CPU runs
 * at IPL NONE meanwhile. It is back at splbio() after.
 */
static void thread_block_at_splbio(struct kunit *test)
{
	struct sleeper s;
	int chan, ipl_meanwhile, s0;
	bool irqs_meanwhile;

	sleeper_start_on(test, &s, (vm_offset_t)&chan, NULL, OP_MACH_SPLBIO, 0,
			 0);
	/* Run on CPU 0 while it sleeps there. */
	KUNIT_ASSERT_EQ(test, set_cpus_allowed_ptr(current, cpumask_of(0)), 0);
	sleeper_wait_queued(test, &s);
	ipl_meanwhile = getspl();
	irqs_meanwhile = irqs_disabled();
	set_cpus_allowed_ptr(current, cpu_possible_mask);
	thread_wakeup((vm_offset_t)&chan);
	sleeper_join(&s);
	KUNIT_EXPECT_EQ(test, ipl_meanwhile, SPLNONE);
	KUNIT_EXPECT_FALSE(test, irqs_meanwhile);
	KUNIT_EXPECT_EQ(test, s.ret, THREAD_AWAKENED);
	KUNIT_EXPECT_EQ(test, s.ipl, SPLBIO);
	KUNIT_EXPECT_TRUE(test, s.irqs_off);

	/* The same in this thread, with a timeout. */
	s0 = splbio();
	assert_wait((vm_offset_t)&chan, FALSE);
	thread_set_timeout(1);
	s.ret = thread_block();
	s.ipl = getspl();
	s.irqs_off = irqs_disabled();
	splx(s0);
	KUNIT_EXPECT_EQ(test, s.ret, THREAD_TIMED_OUT);
	KUNIT_EXPECT_EQ(test, s.ipl, SPLBIO);
	KUNIT_EXPECT_TRUE(test, s.irqs_off);
	KUNIT_EXPECT_EQ(test, getspl(), SPLNONE);
}

/* Code run in a hard interrupt (an hrtimer), and what it returned. */
struct in_irq {
	int			(*fn)(struct in_irq *ii);
	vm_offset_t		ev;
	int			ret;
	struct hrtimer		timer;
	struct completion	done;
};

static enum hrtimer_restart in_irq_timer(struct hrtimer *t)
{
	struct in_irq *ii = container_of(t, struct in_irq, timer);

	ii->ret = ii->fn(ii);
	complete(&ii->done);
	return HRTIMER_NORESTART;
}

static void run_in_irq(struct kunit *test, struct in_irq *ii,
		       int (*fn)(struct in_irq *ii), vm_offset_t ev)
{
	ii->fn = fn;
	ii->ev = ev;
	ii->ret = -1;
	init_completion(&ii->done);
	hrtimer_init(&ii->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	ii->timer.function = in_irq_timer;
	hrtimer_start(&ii->timer, ns_to_ktime(NSEC_PER_MSEC),
		      HRTIMER_MODE_REL_HARD);
	wait_for_completion(&ii->done);
}

static int irq_wakeup_one(struct in_irq *ii)
{
	return thread_wakeup_prim(ii->ev, TRUE, THREAD_AWAKENED);
}

static int irq_wakeup(struct in_irq *ii)
{
	wakeup((void *)ii->ev);
	return 0;
}

/* Wakeups from a hard interrupt. */
static void wakeup_from_hard_interrupt(struct kunit *test)
{
	decl_simple_lock_data(, sl);
	struct in_irq *ii = kunit_kzalloc(test, sizeof(*ii), GFP_KERNEL);
	struct sleeper s;
	int chan;

	KUNIT_ASSERT_NOT_NULL(test, ii);
	simple_lock_init(&sl);
	sleeper_start(test, &s, (vm_offset_t)&chan, &sl, OP_MACH, 0);
	run_in_irq(test, ii, irq_wakeup_one, (vm_offset_t)&chan);
	sleeper_join(&s);
	KUNIT_EXPECT_EQ(test, ii->ret, 1);
	KUNIT_EXPECT_EQ(test, s.ret, THREAD_AWAKENED);

	sleeper_start(test, &s, (vm_offset_t)&chan, &sl, OP_MPSLEEP, 0);
	run_in_irq(test, ii, irq_wakeup, (vm_offset_t)&chan);
	sleeper_join(&s);
	KUNIT_EXPECT_EQ(test, s.ret, 0);
	KUNIT_EXPECT_TRUE(test, s.held);
}

static int irq_mpsleep(struct in_irq *ii)
{
	return mpsleep(ii->ev, PZERO, "irq", 1, NULL, 0);
}

static int irq_assert_wait(struct in_irq *ii)
{
	assert_wait_mesg(ii->ev, FALSE, "irq");
	return 0;
}

static int irq_thread_block(struct in_irq *ii)
{
	return thread_block();
}

static void misuse_sleep_from_interrupt(struct kunit *test)
{
	struct in_irq *ii = kunit_kzalloc(test, sizeof(*ii), GFP_KERNEL);
	unsigned long n;
	int chan;

	KUNIT_ASSERT_NOT_NULL(test, ii);
	n = bsd_lockdebug_count();
	run_in_irq(test, ii, irq_mpsleep, (vm_offset_t)&chan);
	EXPECT_REPORT(test, n, SLEEP_ERR "mpsleep: sleeping from interrupt context",
		      "lock \"irq\"");
	KUNIT_EXPECT_EQ(test, ii->ret, EWOULDBLOCK);

	run_in_irq(test, ii, irq_assert_wait, (vm_offset_t)&chan);
	EXPECT_REPORT(test, n + 1,
		      SLEEP_ERR "assert_wait: sleeping from interrupt context",
		      "lock \"irq\"");
	/* Nothing was queued. */
	KUNIT_EXPECT_EQ(test, thread_wakeup_prim((vm_offset_t)&chan, FALSE,
						 THREAD_AWAKENED), 0);

	run_in_irq(test, ii, irq_thread_block, (vm_offset_t)&chan);
	EXPECT_REPORT(test, n + 2,
		      SLEEP_ERR "thread_block: sleeping from interrupt context",
		      "lock \"\"");
	KUNIT_EXPECT_EQ(test, ii->ret, THREAD_AWAKENED);
}

/* Sleeping with a simple lock held (other than the interlock). */
static void misuse_sleep_with_simple_lock_held(struct kunit *test)
{
	decl_simple_lock_data(, b);
	decl_simple_lock_data(, a);
	unsigned long n;
	int chan, r;
	bool a_held, b_held;

	simple_lock_init(&a);
	simple_lock_init(&b);
	simple_lock(&a);
	n = bsd_lockdebug_count();
	r = mpsleep(&chan, PZERO, "held", 0, NULL, 0);
	simple_unlock(&a);
	KUNIT_EXPECT_EQ(test, r, EWOULDBLOCK);
	EXPECT_REPORT(test, n,
		      SLEEP_ERR "mpsleep: sleeping with simple lock \"&a\" held",
		      "lock \"held\"");

	/* With an interlock too: that one is released, as after an error. */
	simple_lock(&a);
	simple_lock(&b);
	r = mpsleep(&chan, PZERO, "held", 0, &b, MS_LOCK_SIMPLE);
	b_held = SLOCK_HOLDER(&b);
	a_held = SLOCK_HOLDER(&a);
	simple_unlock(&a);
	KUNIT_EXPECT_EQ(test, r, EWOULDBLOCK);
	KUNIT_EXPECT_FALSE(test, b_held);
	KUNIT_EXPECT_TRUE(test, a_held);
	EXPECT_REPORT(test, n + 1,
		      SLEEP_ERR "mpsleep: sleeping with simple lock \"&a\" held",
		      "lock \"held\"");

	/* thread_block(): refused, the wait ended. */
	simple_lock(&a);
	assert_wait_mesg((vm_offset_t)&chan, FALSE, "heldblk");
	r = thread_block();
	simple_unlock(&a);
	KUNIT_EXPECT_EQ(test, r, THREAD_AWAKENED);
	EXPECT_REPORT(test, n + 2,
		      SLEEP_ERR "thread_block: sleeping with simple lock \"&a\" held",
		      "lock \"heldblk\"");
	KUNIT_EXPECT_EQ(test, thread_wakeup_prim((vm_offset_t)&chan, FALSE,
						 THREAD_AWAKENED), 0);
}

static void misuse_mpsleep_interlock_not_held(struct kunit *test)
{
	decl_simple_lock_data(, sl);
	unsigned long n = bsd_lockdebug_count();
	int chan;

	simple_lock_init(&sl);
	KUNIT_EXPECT_EQ(test, mpsleep(&chan, PZERO, "nolock", 0, &sl,
				      MS_LOCK_SIMPLE | MS_LOCK_ON_ERROR),
			EWOULDBLOCK);
	EXPECT_REPORT(test, n, SLEEP_ERR "mpsleep: interlock not held by caller",
		      "lock \"nolock\"");
	KUNIT_EXPECT_FALSE(test, SLOCK_HOLDER(&sl));
}

static void misuse_negative_timeout(struct kunit *test)
{
	decl_simple_lock_data(, sl);
	unsigned long n = bsd_lockdebug_count();
	int chan;
	bool held;

	simple_lock_init(&sl);
	simple_lock(&sl);
	KUNIT_EXPECT_EQ(test, mpsleep(&chan, PZERO, "neg", -1, &sl,
				      MS_LOCK_SIMPLE | MS_LOCK_ON_ERROR),
			EWOULDBLOCK);
	held = SLOCK_HOLDER(&sl);
	simple_unlock(&sl);
	EXPECT_REPORT(test, n, SLEEP_ERR "mpsleep: negative timeout",
		      "lock \"neg\"");
	KUNIT_EXPECT_TRUE(test, held);	/* MS_LOCK_ON_ERROR */

	/* thread_set_timeout(): ignored, the wait goes on without one. */
	assert_wait((vm_offset_t)&chan, FALSE);
	thread_set_timeout(-1);
	EXPECT_REPORT(test, n + 1, SLEEP_ERR "thread_set_timeout: negative timeout",
		      "lock \"\"");
	thread_wakeup((vm_offset_t)&chan);
	KUNIT_EXPECT_EQ(test, thread_block(), THREAD_AWAKENED);
}

static void misuse_set_timeout_without_assert_wait(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();

	thread_set_timeout(1);
	EXPECT_REPORT(test, n,
		      SLEEP_ERR "thread_set_timeout: thread_set_timeout without assert_wait",
		      "lock \"\"");
	KUNIT_EXPECT_EQ(test, thread_block(), THREAD_AWAKENED);
}

/* A second assert_wait() is reported; the first wait is kept. */
static void misuse_double_assert_wait(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();
	int ev1, ev2;

	assert_wait_mesg((vm_offset_t)&ev1, FALSE, "first");
	assert_wait_mesg((vm_offset_t)&ev2, FALSE, "second");
	EXPECT_REPORT(test, n,
		      SLEEP_ERR "assert_wait: already waiting for",
		      "(\"first\"): second assert_wait ignored: lock \"second\"");
	KUNIT_EXPECT_EQ(test, thread_wakeup_prim((vm_offset_t)&ev2, FALSE,
						 THREAD_AWAKENED), 0);
	KUNIT_EXPECT_EQ(test, thread_wakeup_prim((vm_offset_t)&ev1, FALSE,
						 THREAD_AWAKENED), 1);
	KUNIT_EXPECT_EQ(test, thread_block(), THREAD_AWAKENED);
}

/*
 * A complex lock as the interlock, held for writing or for reading: given
 * up while the sleeper sleeps (a writer gets in), taken back the same way
 * after a wakeup; after a timeout only with MS_LOCK_ON_ERROR.
 */
struct cl_sleeper {
	lock_data_t		*l;
	long			flags;
	int			chan;
	int			ret;
	bool			in;
	bool			held;
	struct completion	done;
};

static int cl_sleeper_fn(void *arg)
{
	struct cl_sleeper *cs = arg;
	bool writer = cs->flags & MS_LOCK_WRITE;

	if (writer)
		lock_write(cs->l);
	else
		lock_read(cs->l);
	WRITE_ONCE(cs->in, true);
	cs->ret = mpsleep(&cs->chan, PZERO, "clsleep", 10 * HZ, cs->l,
			  cs->flags);
	cs->held = writer ? lock_write_holder(cs->l) :
			    lock_islocked(cs->l) && !lock_write_holder(cs->l);
	if (!cs->ret)
		lock_done(cs->l);
	complete(&cs->done);
	return 0;
}

static void mpsleep_complex_lock(struct kunit *test)
{
	static const long kinds[] = { MS_LOCK_WRITE, MS_LOCK_READ };
	struct cl_sleeper *cs = kunit_kzalloc(test, sizeof(*cs), GFP_KERNEL);
	lock_data_t l;
	int i, chan;

	KUNIT_ASSERT_NOT_NULL(test, cs);
	lock_init(&l, TRUE);
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		memset(cs, 0, sizeof(*cs));
		cs->l = &l;
		cs->flags = kinds[i];
		init_completion(&cs->done);
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(cl_sleeper_fn, cs,
							    "clsleep")));
		while (!READ_ONCE(cs->in))
			usleep_range(1000, 2000);
		lock_write(&l);		/* only once the sleeper let go */
		wakeup(&cs->chan);
		lock_done(&l);
		wait_for_completion(&cs->done);
		KUNIT_EXPECT_EQ(test, cs->ret, 0);
		KUNIT_EXPECT_TRUE(test, cs->held);
	}

	lock_write(&l);
	KUNIT_EXPECT_EQ(test, mpsleep(&chan, PZERO, "tmo", 1, &l,
				      MS_LOCK_WRITE), EWOULDBLOCK);
	KUNIT_EXPECT_FALSE(test, lock_islocked(&l));
	lock_read(&l);
	KUNIT_EXPECT_EQ(test, mpsleep(&chan, PZERO, "tmo", 1, &l,
				      MS_LOCK_READ | MS_LOCK_ON_ERROR),
			EWOULDBLOCK);
	KUNIT_EXPECT_TRUE(test, lock_islocked(&l));
	KUNIT_EXPECT_FALSE(test, lock_write_holder(&l));
	lock_done(&l);
	lock_terminate(&l);
}

/* A complex interlock not held as said; a lock with no type. */
static void misuse_mpsleep_interlock_kinds(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();
	long fake_lock[8] = { 0 };
	lock_data_t l;
	int chan;

	lock_init(&l, TRUE);
	KUNIT_EXPECT_EQ(test, mpsleep(&chan, PZERO, "cplx", 0, &l,
				      MS_LOCK_WRITE), EWOULDBLOCK);
	EXPECT_REPORT(test, n, SLEEP_ERR "mpsleep: interlock not held by caller",
		      "lock \"cplx\"");
	lock_write(&l);
	KUNIT_EXPECT_EQ(test, mpsleep(&chan, PZERO, "cplx", 0, &l,
				      MS_LOCK_READ | MS_LOCK_ON_ERROR),
			EWOULDBLOCK);
	EXPECT_REPORT(test, n + 1,
		      SLEEP_ERR "mpsleep: interlock not held by caller",
		      "lock \"cplx\"");
	KUNIT_EXPECT_TRUE(test, lock_write_holder(&l));	/* left as it was */
	lock_done(&l);
	lock_terminate(&l);
	KUNIT_EXPECT_EQ(test, mpsleep(&chan, PZERO, "notype", 0, fake_lock, 0),
			EWOULDBLOCK);
	EXPECT_REPORT(test, n + 2,
		      SLEEP_ERR "mpsleep: interlock of no known type (flags)",
		      "lock \"notype\"");
}

static struct kunit_case tru64_sleep_cases[] = {
	KUNIT_CASE(mach_wakeup_wakes_all),
	KUNIT_CASE(mach_wakeup_one_wakes_one_per_call),
	KUNIT_CASE(mach_wakeup_before_block_not_lost),
	KUNIT_CASE(mach_set_timeout_times_out),
	KUNIT_CASE(mach_wakeup_prim_result),
	KUNIT_CASE(mach_clear_wait),
	KUNIT_CASE(mach_interruptible_signal),
	KUNIT_CASE(mach_producer_consumer),
	KUNIT_CASE(mpsleep_simple_lock),
	KUNIT_CASE(mpsleep_timeout_relock),
	KUNIT_CASE(mpsleep_complex_lock),
	KUNIT_CASE(mpsleep_pcatch_signal),
	KUNIT_CASE(mpsleep_pcatch_fatal_signal),
	KUNIT_CASE(sleep_wakeup_big_lock),
	KUNIT_CASE(thread_block_at_splbio),
	KUNIT_CASE(wakeup_from_hard_interrupt),
	KUNIT_CASE(misuse_sleep_from_interrupt),
	KUNIT_CASE(misuse_sleep_with_simple_lock_held),
	KUNIT_CASE(misuse_mpsleep_interlock_not_held),
	KUNIT_CASE(misuse_negative_timeout),
	KUNIT_CASE(misuse_set_timeout_without_assert_wait),
	KUNIT_CASE(misuse_double_assert_wait),
	KUNIT_CASE(misuse_mpsleep_interlock_kinds),
	{}
};

static struct kunit_suite tru64_sleep_suite = {
	.name = "tru64_sleep",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = tru64_sleep_cases,
};
kunit_test_suite(tru64_sleep_suite);
