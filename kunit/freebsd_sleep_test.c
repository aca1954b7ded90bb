// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: FreeBSD sleep(9) (msleep, mtx_sleep, sx_sleep, msleep_spin,
 * tsleep, pause, wakeup) as bsdcompat implements it, with the test-only
 * locks of freebsd_test_locks.h as interlocks.
 *
 * A sleeper is known to be queued when the thing it released to sleep (its
 * interlock, or the big lock for a plain tsleep()) can be taken: both are
 * given up only after the thread is on the sleep queue. The sleep queues
 * have no spurious wakeups for a thread that gets no signal, so a sleeper
 * that returns 0 was woken by a wakeup.
 */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/sched/signal.h>

#include <sys/param.h>
#include <sys/kernel.h>
#include <sys/proc.h>
#include <sys/systm.h>
#include <bsdcompat/biglock.h>
#include <bsdcompat/spl.h>

#include "freebsd_test_locks.h"
#include "kunit_helpers.h"

#define SLEEP_ERR	"Sleep error: "

enum sl_op {
	SL_MSLEEP,		/* msleep() with a test_mtx */
	SL_MSLEEP_DROP,		/* ... and PDROP */
	SL_MSLEEP_CATCH,	/* mtx_sleep() with PCATCH */
	SL_SX_SHARED,		/* sx_sleep() with the sx held shared */
	SL_TSLEEP_GIANT,	/* tsleep(PCATCH) under the big lock */
};

struct sleeper {
	int			*chan;
	struct test_mtx		*mtx;
	struct test_sx		*sx;
	enum sl_op		op;
	int			timo;
	int			ret;
	bool			owned;	/* held the interlock on return */
	bool			queued;	/* about to sleep (under the interlock) */
	struct task_struct	*task;
	struct completion	done;
};

static int sleeper_fn(void *arg)
{
	struct sleeper *s = arg;

	allow_signal(SIGUSR1);
	allow_signal(SIGKILL);
	switch (s->op) {
	case SL_TSLEEP_GIANT:
		bsd_kernel_lock(1, _THIS_IP_);
		WRITE_ONCE(s->queued, true);
		s->ret = tsleep(s->chan, PWAIT | PCATCH, "sltest", s->timo);
		s->owned = bsd_kernel_locked_p();
		bsd_kernel_unlock(1, NULL, _THIS_IP_);
		break;
	case SL_SX_SHARED:
		test_sx_slock(s->sx);
		WRITE_ONCE(s->queued, true);
		s->ret = sx_sleep(s->chan, s->sx, PWAIT, "sltest", s->timo);
		s->owned = atomic_read(&s->sx->readers) == 1 &&
			   !READ_ONCE(s->sx->xowner);
		if (s->owned)
			test_sx_unlock(s->sx);
		break;
	default:
		test_mtx_lock(s->mtx);
		WRITE_ONCE(s->queued, true);
		if (s->op == SL_MSLEEP)
			s->ret = msleep(s->chan, s->mtx, PWAIT, "sltest",
					s->timo);
		else if (s->op == SL_MSLEEP_DROP)
			s->ret = msleep(s->chan, s->mtx, PWAIT | PDROP,
					"sltest", s->timo);
		else
			s->ret = mtx_sleep(s->chan, s->mtx, PWAIT | PCATCH,
					   "sltest", s->timo);
		s->owned = test_mtx_owned(s->mtx);
		if (s->owned)
			test_mtx_unlock(s->mtx);
		break;
	}
	complete(&s->done);
	return 0;
}

static void sleeper_start(struct kunit *test, struct sleeper *s, int *chan,
			  struct test_mtx *mtx, enum sl_op op, int timo)
{
	int i;

	s->chan = chan;
	s->mtx = mtx;
	s->op = op;
	s->timo = timo;
	s->ret = -1;
	s->queued = false;
	init_completion(&s->done);
	s->task = kthread_run(sleeper_fn, s, "fbsd-sleeper");
	KUNIT_ASSERT_FALSE(test, IS_ERR(s->task));
	get_task_struct(s->task);
	/* A liveness bound, not a timing check. */
	for (i = 0; i < 10000 && !READ_ONCE(s->queued); i++)
		usleep_range(100, 200);
	KUNIT_ASSERT_TRUE(test, READ_ONCE(s->queued));
	/* Past the interlock means queued. */
	switch (op) {
	case SL_TSLEEP_GIANT:
		bsd_kernel_lock(1, _THIS_IP_);
		bsd_kernel_unlock(1, NULL, _THIS_IP_);
		break;
	case SL_SX_SHARED:
		test_sx_xlock(s->sx);
		test_sx_unlock(s->sx);
		break;
	default:
		test_mtx_lock(mtx);
		test_mtx_unlock(mtx);
		break;
	}
}

static void sleeper_join(struct sleeper *s)
{
	wait_for_completion(&s->done);
	put_task_struct(s->task);	/* pinned: signals after exit go nowhere */
}

/* What SIGKILL does to a user thread (a kthread handles signals itself). */
static void kill_kthread(struct task_struct *t)
{
	spin_lock_irq(&t->sighand->siglock);
	sigaddset(&t->pending.signal, SIGKILL);
	set_tsk_thread_flag(t, TIF_SIGPENDING);
	spin_unlock_irq(&t->sighand->siglock);
	wake_up_process(t);
}

static void wakeup_wakes_all_on_the_channel_only(struct kunit *test)
{
	struct sleeper s[3], other;
	int chan, other_chan, i;
	struct test_mtx mtx;

	test_mtx_init(&mtx, "sc->mtx");
	for (i = 0; i < 3; i++)
		sleeper_start(test, &s[i], &chan, &mtx, SL_MSLEEP, 0);
	sleeper_start(test, &other, &other_chan, &mtx, SL_MSLEEP,
		      msecs_to_jiffies(50));
	test_mtx_lock(&mtx);
	wakeup(&chan);
	test_mtx_unlock(&mtx);
	for (i = 0; i < 3; i++) {
		sleeper_join(&s[i]);
		KUNIT_EXPECT_EQ(test, s[i].ret, 0);
		KUNIT_EXPECT_TRUE(test, s[i].owned);
	}
	sleeper_join(&other);
	KUNIT_EXPECT_EQ(test, other.ret, EWOULDBLOCK);	/* not woken */
	KUNIT_EXPECT_TRUE(test, other.owned);
	wakeup(&chan);		/* nobody: a no-op */
}

static int count_done(struct sleeper *s, int n)
{
	int i, done = 0;

	for (i = 0; i < n; i++)
		done += completion_done(&s[i].done);
	return done;
}

/* Wait (a liveness bound) until @want of @n sleepers have returned. */
static void wait_done(struct kunit *test, struct sleeper *s, int n, int want)
{
	int i;

	for (i = 0; i < 10000 && count_done(s, n) < want; i++)
		usleep_range(100, 200);
	KUNIT_ASSERT_GE(test, count_done(s, n), want);
}

static void wakeup_one_wakes_one_per_call(struct kunit *test)
{
	struct test_mtx mtx;
	struct sleeper s[3];
	int chan, i;

	test_mtx_init(&mtx, "sc->mtx");
	for (i = 0; i < 3; i++)
		sleeper_start(test, &s[i], &chan, &mtx, SL_MSLEEP, 0);
	wakeup_one(&chan);
	wait_done(test, s, 3, 1);
	usleep_range(20000, 25000);	/* room for a wrong second wakeup */
	KUNIT_EXPECT_EQ(test, count_done(s, 3), 1);
	wakeup_any(&chan);
	wait_done(test, s, 3, 2);
	usleep_range(20000, 25000);
	KUNIT_EXPECT_EQ(test, count_done(s, 3), 2);
	test_mtx_lock(&mtx);
	wakeup_one(&chan);
	test_mtx_unlock(&mtx);
	for (i = 0; i < 3; i++) {
		sleeper_join(&s[i]);
		KUNIT_EXPECT_EQ(test, s[i].ret, 0);
		KUNIT_EXPECT_TRUE(test, s[i].owned);
	}
}

/* PDROP: woken without the interlock, which stays free. */
static void msleep_pdrop(struct kunit *test)
{
	struct test_mtx mtx;
	struct sleeper s;
	int chan;

	test_mtx_init(&mtx, "sc->mtx");
	sleeper_start(test, &s, &chan, &mtx, SL_MSLEEP_DROP, 0);
	wakeup(&chan);
	sleeper_join(&s);
	KUNIT_EXPECT_EQ(test, s.ret, 0);
	KUNIT_EXPECT_FALSE(test, s.owned);
	KUNIT_EXPECT_TRUE(test, mutex_trylock(&mtx.m));
	mutex_unlock(&mtx.m);
}

/* A shared hold is given up for the sleep and taken back shared. */
static void sx_sleep_retakes_shared(struct kunit *test)
{
	struct sleeper s = { };
	struct test_sx sx;
	int chan;

	test_sx_init(&sx, "sc->sx");
	s.sx = &sx;
	sleeper_start(test, &s, &chan, NULL, SL_SX_SHARED, 0);
	test_sx_xlock(&sx);	/* possible only while it sleeps */
	wakeup(&chan);
	test_sx_unlock(&sx);
	sleeper_join(&s);
	KUNIT_EXPECT_EQ(test, s.ret, 0);
	KUNIT_EXPECT_TRUE(test, s.owned);
}

static void sleeps_time_out(struct kunit *test)
{
	struct test_mtx mtx;
	struct test_sx sx;
	int chan, ret;
	bool owned;

	test_mtx_init(&mtx, "sc->mtx");
	test_sx_init(&sx, "sc->sx");
	KUNIT_EXPECT_EQ(test, tsleep(&chan, PWAIT, "tmo", 1), EWOULDBLOCK);
	KUNIT_EXPECT_EQ(test, tsleep_sbt(&chan, PWAIT, "tmo", SBT_1MS, 0,
					 C_PREL(2)), EWOULDBLOCK);

	test_mtx_lock(&mtx);
	KUNIT_EXPECT_EQ(test, msleep(&chan, &mtx, PWAIT, "tmo", 1),
			EWOULDBLOCK);
	KUNIT_EXPECT_TRUE(test, test_mtx_owned(&mtx));
	KUNIT_EXPECT_EQ(test, mtx_sleep_sbt(&chan, &mtx, PWAIT | PCATCH,
					    "tmo", SBT_1MS, SBT_1US, 0),
			EWOULDBLOCK);
	KUNIT_EXPECT_TRUE(test, test_mtx_owned(&mtx));
	KUNIT_EXPECT_EQ(test, msleep_sbt(&chan, &mtx, PWAIT | PDROP, "tmo",
					 SBT_1MS, 0, 0), EWOULDBLOCK);
	KUNIT_EXPECT_FALSE(test, test_mtx_owned(&mtx));
	KUNIT_EXPECT_EQ(test, bsd_witness_held(false), 0u);

	/* An absolute deadline in the past. */
	KUNIT_EXPECT_EQ(test, tsleep_sbt(&chan, 0, "abs", 1, 0, C_ABSOLUTE),
			EWOULDBLOCK);

	test_sx_xlock(&sx);
	ret = sx_sleep(&chan, &sx, PWAIT, "tmo", 1);
	owned = READ_ONCE(sx.xowner) == current;
	test_sx_unlock(&sx);
	KUNIT_EXPECT_EQ(test, ret, EWOULDBLOCK);
	KUNIT_EXPECT_TRUE(test, owned);

	test_sx_slock(&sx);
	KUNIT_EXPECT_EQ(test, rw_sleep_sbt(&chan, &sx, 0, "tmo", SBT_1MS, 0,
					   0), EWOULDBLOCK);
	KUNIT_EXPECT_EQ(test, atomic_read(&sx.readers), 1);
	test_sx_unlock(&sx);
}

static void pcatch_signals(struct kunit *test)
{
	struct sleeper s[3];
	struct test_mtx mtx;
	int chan;

	test_mtx_init(&mtx, "sc->mtx");
	sleeper_start(test, &s[0], &chan, NULL, SL_TSLEEP_GIANT, 0);
	sleeper_start(test, &s[1], &chan, &mtx, SL_MSLEEP_CATCH, 0);
	sleeper_start(test, &s[2], &chan, &mtx, SL_MSLEEP, 0);
	send_sig(SIGUSR1, s[0].task, 1);
	kill_kthread(s[1].task);
	send_sig(SIGUSR1, s[2].task, 1);	/* no PCATCH: sleeps on */
	sleeper_join(&s[0]);
	sleeper_join(&s[1]);
	KUNIT_EXPECT_EQ(test, s[0].ret, ERESTART);
	KUNIT_EXPECT_TRUE(test, s[0].owned);
	KUNIT_EXPECT_EQ(test, s[1].ret, EINTR);
	KUNIT_EXPECT_TRUE(test, s[1].owned);
	test_mtx_lock(&mtx);
	wakeup(&chan);
	test_mtx_unlock(&mtx);
	sleeper_join(&s[2]);
	KUNIT_EXPECT_EQ(test, s[2].ret, 0);
	KUNIT_EXPECT_TRUE(test, s[2].owned);
}

struct pauser {
	int			ret;
	bool			started;
	struct completion	done;
};

static int pauser_fn(void *arg)
{
	struct pauser *p = arg;

	allow_signal(SIGUSR1);
	WRITE_ONCE(p->started, true);
	p->ret = pause_sig("psig", 100 * hz);
	complete(&p->done);
	return 0;
}

static void pause_times_out_and_catches(struct kunit *test)
{
	struct task_struct *t;
	struct pauser p = { };
	int i;

	KUNIT_EXPECT_EQ(test, pause("p", 1), EWOULDBLOCK);
	KUNIT_EXPECT_EQ(test, pause("p", 0), EWOULDBLOCK);	/* one tick */
	KUNIT_EXPECT_EQ(test, pause_sbt("p", SBT_1MS, 0, 0), EWOULDBLOCK);
	KUNIT_EXPECT_EQ(test, pause_sig("p", 1), EWOULDBLOCK);

	/* A pending signal or one that comes later: both end it. */
	init_completion(&p.done);
	t = kthread_run(pauser_fn, &p, "fbsd-pause");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	get_task_struct(t);
	for (i = 0; i < 10000 && !READ_ONCE(p.started); i++)
		usleep_range(100, 200);
	send_sig(SIGUSR1, t, 1);
	wait_for_completion(&p.done);
	put_task_struct(t);
	KUNIT_EXPECT_EQ(test, p.ret, ERESTART);
}

/* The IPL and the big lock are given up for the sleep and taken back. */
struct ipl_sleeper {
	int			chan;
	int			ret;
	int			ipl;
	bool			locked;
	bool			queued;
	struct completion	done;
};

static int ipl_sleeper_fn(void *arg)
{
	struct ipl_sleeper *is = arg;
	int s;

	bsd_kernel_lock(1, _THIS_IP_);
	bsd_kernel_lock(1, _THIS_IP_);
	s = bsd_splraise(BSD_IPL_VM);
	WRITE_ONCE(is->queued, true);
	is->ret = tsleep(&is->chan, 0, "ipl", 0);
	is->ipl = bsd_curipl();
	bsd_splx(s);
	is->locked = bsd_kernel_lock_depth() == 2;
	bsd_kernel_unlock(1, NULL, _THIS_IP_);
	bsd_kernel_unlock(1, NULL, _THIS_IP_);
	complete(&is->done);
	return 0;
}

static void sleep_gives_up_ipl_and_big_lock(struct kunit *test)
{
	struct ipl_sleeper is = { };
	struct task_struct *t;
	int i;

	init_completion(&is.done);
	t = kthread_run(ipl_sleeper_fn, &is, "fbsd-ipl");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	for (i = 0; i < 10000 && !READ_ONCE(is.queued); i++)
		usleep_range(100, 200);
	/* Possible only once the sleeper gave it up, queued. */
	bsd_kernel_lock(1, _THIS_IP_);
	wakeup(&is.chan);
	bsd_kernel_unlock(1, NULL, _THIS_IP_);
	wait_for_completion(&is.done);
	KUNIT_EXPECT_EQ(test, is.ret, 0);
	KUNIT_EXPECT_EQ(test, is.ipl, BSD_IPL_VM);
	KUNIT_EXPECT_TRUE(test, is.locked);
	KUNIT_EXPECT_FALSE(test, bsd_kernel_locked_p());
}

/*
 * Producer/consumer through a bounded buffer, both sides sleeping on the
 * same sleep mutex with mtx_sleep(PCATCH): nothing lost, nothing twice.
 */
#define PC_ITEMS	2000
#define PC_SLOTS	4

struct pc {
	struct test_mtx		mtx;
	int			buf[PC_SLOTS];
	int			head, count;
	long			sum_in, sum_out;
	int			consumed, errors;
	struct completion	done;
};

static int pc_producer(void *arg)
{
	struct pc *pc = arg;
	int i, error;

	test_mtx_lock(&pc->mtx);
	for (i = 1; i <= PC_ITEMS; i++) {
		while (pc->count == PC_SLOTS) {
			error = mtx_sleep(&pc->head, &pc->mtx, PCATCH, "wr",
					  0);
			if (error)
				pc->errors++;
		}
		pc->buf[(pc->head + pc->count++) % PC_SLOTS] = i;
		pc->sum_in += i;
		wakeup(&pc->count);
	}
	test_mtx_unlock(&pc->mtx);
	complete(&pc->done);
	return 0;
}

static int pc_consumer(void *arg)
{
	struct pc *pc = arg;
	int error;

	test_mtx_lock(&pc->mtx);
	while (pc->consumed < PC_ITEMS) {
		while (pc->count == 0) {
			error = mtx_sleep(&pc->count, &pc->mtx, PCATCH, "rd",
					  0);
			if (error)
				pc->errors++;
		}
		pc->sum_out += pc->buf[pc->head];
		pc->head = (pc->head + 1) % PC_SLOTS;
		pc->count--;
		pc->consumed++;
		wakeup_one(&pc->head);
	}
	test_mtx_unlock(&pc->mtx);
	complete(&pc->done);
	return 0;
}

static void msleep_producer_consumer(struct kunit *test)
{
	struct pc *pc = kunit_kzalloc(test, sizeof(*pc), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, pc);
	test_mtx_init(&pc->mtx, "sc->mtx");
	init_completion(&pc->done);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(pc_consumer, pc,
						    "fbsd-cons")));
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(pc_producer, pc,
						    "fbsd-prod")));
	wait_for_completion(&pc->done);
	wait_for_completion(&pc->done);
	KUNIT_EXPECT_EQ(test, pc->consumed, PC_ITEMS);
	KUNIT_EXPECT_EQ(test, pc->sum_out, pc->sum_in);
	KUNIT_EXPECT_EQ(test, pc->sum_in, (long)PC_ITEMS * (PC_ITEMS + 1) / 2);
	KUNIT_EXPECT_EQ(test, pc->errors, 0);
	KUNIT_EXPECT_EQ(test, pc->count, 0);
}

/*
 * msleep_spin() against a producer in a hard interrupt (an hrtimer): the
 * data is guarded by a spin mutex that the handler takes too.
 */
#define IRQ_ITEMS	300

struct irq_pc {
	struct test_spin	spin;
	int			avail;		/* produced, not consumed */
	int			produced, consumed;
	int			timeouts;
	struct hrtimer		timer;
};

static enum hrtimer_restart irq_producer(struct hrtimer *t)
{
	struct irq_pc *ip = container_of(t, struct irq_pc, timer);
	bool more;

	raw_spin_lock(&ip->spin.lk);	/* interrupts are off here */
	ip->avail++;
	more = ++ip->produced < IRQ_ITEMS;
	wakeup(&ip->avail);
	raw_spin_unlock(&ip->spin.lk);
	if (!more)
		return HRTIMER_NORESTART;
	hrtimer_forward_now(t, ns_to_ktime(100 * NSEC_PER_USEC));
	return HRTIMER_RESTART;
}

static void msleep_spin_against_hard_interrupt(struct kunit *test)
{
	struct irq_pc *ip = kunit_kzalloc(test, sizeof(*ip), GFP_KERNEL);
	int error;

	KUNIT_ASSERT_NOT_NULL(test, ip);
	test_spin_init(&ip->spin, "sc->spin");
	hrtimer_init(&ip->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	ip->timer.function = irq_producer;
	hrtimer_start(&ip->timer, ns_to_ktime(100 * NSEC_PER_USEC),
		      HRTIMER_MODE_REL_HARD);
	test_spin_lock(&ip->spin);
	while (ip->consumed < IRQ_ITEMS) {
		/* A liveness bound: a lost wakeup shows as a timeout. */
		while (ip->avail == 0) {
			error = msleep_spin(&ip->avail, &ip->spin, "spin",
					    10 * hz);
			if (error)
				ip->timeouts++;
		}
		ip->consumed += ip->avail;
		ip->avail = 0;
	}
	test_spin_unlock(&ip->spin);
	hrtimer_cancel(&ip->timer);
	KUNIT_EXPECT_EQ(test, ip->consumed, IRQ_ITEMS);
	KUNIT_EXPECT_EQ(test, ip->produced, IRQ_ITEMS);
	KUNIT_EXPECT_EQ(test, ip->timeouts, 0);

	/* And a timeout: the spin mutex is held again, interrupts off. */
	test_spin_lock(&ip->spin);
	error = msleep_spin_sbt(&ip->avail, &ip->spin, "spin", SBT_1MS, 0, 0);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	KUNIT_EXPECT_TRUE(test, test_spin_lc_owned(&ip->spin.lock_object));
	test_spin_unlock(&ip->spin);
	KUNIT_EXPECT_EQ(test, error, EWOULDBLOCK);
}

/* The interlock is a non-sleepable lock too, but it is given up: fine. */
static void witness_spares_the_interlock_and_sleepable_locks(struct kunit *test)
{
	struct test_mtx mtx;
	int chan, dummy;

	test_mtx_init(&mtx, "sc->mtx");
	bsd_witness_acquire(&dummy, "sc->sx", "sx", true, _THIS_IP_);
	test_mtx_lock(&mtx);
	KUNIT_EXPECT_EQ(test, msleep(&chan, &mtx, 0, "ok", 1), EWOULDBLOCK);
	test_mtx_unlock(&mtx);
	KUNIT_EXPECT_EQ(test, tsleep(&chan, 0, "ok", 1), EWOULDBLOCK);
	bsd_witness_release(&dummy);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(false), 0u);
}

struct bare_sleeper {
	int			chan;
	int			ret;
	struct completion	done;
};

static int bare_sleeper_fn(void *arg)
{
	struct bare_sleeper *b = arg;

	b->ret = tsleep(&b->chan, 0, "bare", 0);
	complete(&b->done);
	return 0;
}

/* tsleep(chan, 0, wmesg, 0): no interlock, no timeout, no signals. */
static void tsleep_without_interlock_or_timeout(struct kunit *test)
{
	struct bare_sleeper b = { .ret = -1 };
	int i;

	init_completion(&b.done);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(bare_sleeper_fn, &b,
						    "fbsd-bare")));
	/* Nothing orders this wakeup after its sleep: repeat it. */
	for (i = 0; i < 10000 && !completion_done(&b.done); i++) {
		wakeup(&b.chan);
		usleep_range(500, 1000);
	}
	wait_for_completion(&b.done);
	KUNIT_EXPECT_EQ(test, b.ret, 0);
}

/*
 * The seed scenario's report: a sleep mutex held across tsleep(). The
 * sleep is refused (it would have hung the driver: its waker needs the
 * mutex), with a report naming the mutex and where it was taken.
 */
static void misuse_tsleep_with_sleep_mutex_held(struct kunit *test)
{
	unsigned long n;
	struct test_mtx mtx;
	int x, chan;

	bsd_witness_acquire(&x, "sc->mtx", "sleep mutex", false, _THIS_IP_);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, tsleep(&chan, PCATCH, "rd", 0), EWOULDBLOCK);
	EXPECT_REPORT(test, n,
		      SLEEP_ERR "tsleep: sleeping thread owns a non-sleepable lock: sleep mutex \"sc->mtx\" locked at ",
		      "lock \"rd\"");
	bsd_witness_release(&x);

	/* Through the lock class: msleep() on one mutex holding another. */
	test_mtx_init(&mtx, "sc->other");
	bsd_witness_acquire(&x, "sc->mtx", "sleep mutex", false, _THIS_IP_);
	test_mtx_lock(&mtx);
	KUNIT_EXPECT_EQ(test, msleep(&chan, &mtx, 0, "rd2", 0), EWOULDBLOCK);
	KUNIT_EXPECT_TRUE(test, test_mtx_owned(&mtx));
	test_mtx_unlock(&mtx);
	bsd_witness_release(&x);
	EXPECT_REPORT(test, n + 1,
		      SLEEP_ERR "msleep: sleeping thread owns a non-sleepable lock: sleep mutex \"sc->mtx\"",
		      "lock \"rd2\"");
}

static void misuse_sleep_negative_timeout(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();
	struct test_mtx mtx;
	int chan;

	KUNIT_EXPECT_EQ(test, tsleep(&chan, 0, "neg", -1), EWOULDBLOCK);
	EXPECT_REPORT(test, n, SLEEP_ERR "tsleep: negative timeout",
		      "lock \"neg\"");
	test_mtx_init(&mtx, "sc->mtx");
	test_mtx_lock(&mtx);
	KUNIT_EXPECT_EQ(test, msleep(&chan, &mtx, PDROP, "neg", -2),
			EWOULDBLOCK);
	EXPECT_REPORT(test, n + 1, SLEEP_ERR "msleep: negative timeout",
		      "lock \"neg\"");
	KUNIT_EXPECT_FALSE(test, test_mtx_owned(&mtx));	/* PDROP kept */
	KUNIT_EXPECT_EQ(test, pause_sbt("neg", -SBT_1MS, 0, 0), EWOULDBLOCK);
	EXPECT_REPORT(test, n + 2, SLEEP_ERR "pause_sbt: negative timeout",
		      "lock \"neg\"");
}

static void misuse_msleep_interlock_not_held(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();
	struct test_mtx mtx;
	int chan;

	test_mtx_init(&mtx, "sc->mtx");
	KUNIT_EXPECT_EQ(test, msleep(&chan, &mtx, PWAIT, "nomtx", 0),
			EWOULDBLOCK);
	EXPECT_REPORT(test, n,
		      SLEEP_ERR "msleep: interlock not held by current thread",
		      "lock \"nomtx\"");
	KUNIT_EXPECT_FALSE(test, test_mtx_owned(&mtx));
	KUNIT_EXPECT_EQ(test, mtx_sleep(&chan, &mtx, PDROP, "nomtx", 1),
			EWOULDBLOCK);
	EXPECT_REPORT(test, n + 1,
		      SLEEP_ERR "mtx_sleep: interlock not held by current thread",
		      "lock \"nomtx\"");
	KUNIT_EXPECT_TRUE(test, mutex_trylock(&mtx.m));
	mutex_unlock(&mtx.m);
}

static void misuse_msleep_uninitialized_interlock(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();
	struct test_mtx mtx = { };
	int chan;

	KUNIT_EXPECT_EQ(test, msleep(&chan, &mtx, PDROP, "noclass", 1),
			EWOULDBLOCK);
	EXPECT_REPORT(test, n,
		      SLEEP_ERR "msleep: interlock has no lock class (not initialized)",
		      "lock \"noclass\"");
}

static void misuse_msleep_with_spin_mutex(struct kunit *test)
{
	struct test_spin spin;
	unsigned long n;
	bool held;
	int chan, ret;

	test_spin_init(&spin, "sc->spin");
	test_spin_lock(&spin);
	n = bsd_lockdebug_count();
	ret = msleep(&chan, &spin, 0, "spun", 1);
	held = test_spin_lc_owned(&spin.lock_object);
	test_spin_unlock(&spin);
	KUNIT_EXPECT_EQ(test, ret, EWOULDBLOCK);
	KUNIT_EXPECT_TRUE(test, held);
	EXPECT_REPORT(test, n,
		      SLEEP_ERR "msleep: interlock is a spin mutex (use msleep_spin)",
		      "lock \"spun\"");

	/* With PDROP it is released all the same. */
	test_spin_lock(&spin);
	ret = msleep(&chan, &spin, PDROP, "spun", 1);
	held = test_spin_lc_owned(&spin.lock_object);
	KUNIT_EXPECT_EQ(test, ret, EWOULDBLOCK);
	KUNIT_EXPECT_FALSE(test, held);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 2);
}

static void misuse_msleep_spin_with_sleep_lock(struct kunit *test)
{
	unsigned long n;
	struct test_mtx mtx;
	int chan;

	test_mtx_init(&mtx, "sc->mtx");
	test_mtx_lock(&mtx);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, msleep_spin(&chan, &mtx, "notspin", 1),
			EWOULDBLOCK);
	EXPECT_REPORT(test, n,
		      SLEEP_ERR "msleep_spin: interlock is not a spin mutex",
		      "lock \"notspin\"");
	KUNIT_EXPECT_TRUE(test, test_mtx_owned(&mtx));
	test_mtx_unlock(&mtx);
}

static void misuse_msleep_spin_pcatch(struct kunit *test)
{
	struct test_spin spin;
	unsigned long n;
	bool held;
	int chan, ret;

	test_spin_init(&spin, "sc->spin");
	test_spin_lock(&spin);
	n = bsd_lockdebug_count();
	ret = msleep_spin_sbt(&chan, &spin, "catch", SBT_1MS, 0, C_CATCH);
	held = test_spin_lc_owned(&spin.lock_object);
	test_spin_unlock(&spin);
	KUNIT_EXPECT_EQ(test, ret, EWOULDBLOCK);
	KUNIT_EXPECT_TRUE(test, held);
	EXPECT_REPORT(test, n,
		      SLEEP_ERR "msleep_spin_sbt: PCATCH with a spin mutex interlock",
		      "lock \"catch\"");
}

static void misuse_sleep_with_spin_lock_held(struct kunit *test)
{
	struct test_mtx mtx;
	unsigned long n;
	int chan, ret1, ret2;
	bool owned;

	test_mtx_init(&mtx, "sc->mtx");
	test_mtx_lock(&mtx);
	freebsd_test_other_spin_enter();
	n = bsd_lockdebug_count();
	ret1 = tsleep(&chan, 0, "spinheld", 1);
	ret2 = msleep(&chan, &mtx, 0, "spinheld", 1);
	owned = test_mtx_owned(&mtx);
	freebsd_test_other_spin_exit();
	test_mtx_unlock(&mtx);
	KUNIT_EXPECT_EQ(test, ret1, EWOULDBLOCK);
	KUNIT_EXPECT_EQ(test, ret2, EWOULDBLOCK);
	KUNIT_EXPECT_TRUE(test, owned);
	EXPECT_REPORT(test, n + 1, SLEEP_ERR "msleep: spin lock held",
		      "lock \"spinheld\"");
}

struct irq_sleep {
	int			ret;
	int			chan;
	struct hrtimer		timer;
	struct completion	done;
};

static enum hrtimer_restart irq_sleep_timer(struct hrtimer *t)
{
	struct irq_sleep *is = container_of(t, struct irq_sleep, timer);

	is->ret = tsleep(&is->chan, 0, "irq", 1);
	wakeup(&is->chan);	/* legal from any context */
	wakeup_one(&is->chan);
	complete(&is->done);
	return HRTIMER_NORESTART;
}

static void misuse_sleep_from_interrupt(struct kunit *test)
{
	struct irq_sleep *is = kunit_kzalloc(test, sizeof(*is), GFP_KERNEL);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, is);
	init_completion(&is->done);
	hrtimer_init(&is->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	is->timer.function = irq_sleep_timer;
	n = bsd_lockdebug_count();
	hrtimer_start(&is->timer, ns_to_ktime(NSEC_PER_MSEC),
		      HRTIMER_MODE_REL_HARD);
	wait_for_completion(&is->done);
	EXPECT_REPORT(test, n,
		      SLEEP_ERR "tsleep: sleeping from interrupt context",
		      "lock \"irq\"");
	KUNIT_EXPECT_EQ(test, is->ret, EWOULDBLOCK);
}

static struct kunit_case freebsd_sleep_cases[] = {
	KUNIT_CASE(wakeup_wakes_all_on_the_channel_only),
	KUNIT_CASE(wakeup_one_wakes_one_per_call),
	KUNIT_CASE(msleep_pdrop),
	KUNIT_CASE(sx_sleep_retakes_shared),
	KUNIT_CASE(sleeps_time_out),
	KUNIT_CASE(pcatch_signals),
	KUNIT_CASE(pause_times_out_and_catches),
	KUNIT_CASE(sleep_gives_up_ipl_and_big_lock),
	KUNIT_CASE(msleep_producer_consumer),
	KUNIT_CASE(msleep_spin_against_hard_interrupt),
	KUNIT_CASE(witness_spares_the_interlock_and_sleepable_locks),
	KUNIT_CASE(tsleep_without_interlock_or_timeout),
	KUNIT_CASE(misuse_tsleep_with_sleep_mutex_held),
	KUNIT_CASE(misuse_sleep_negative_timeout),
	KUNIT_CASE(misuse_msleep_interlock_not_held),
	KUNIT_CASE(misuse_msleep_uninitialized_interlock),
	KUNIT_CASE(misuse_msleep_with_spin_mutex),
	KUNIT_CASE(misuse_msleep_spin_with_sleep_lock),
	KUNIT_CASE(misuse_msleep_spin_pcatch),
	KUNIT_CASE(misuse_sleep_with_spin_lock_held),
	KUNIT_CASE(misuse_sleep_from_interrupt),
	{}
};

static struct kunit_suite freebsd_sleep_suite = {
	.name = "freebsd_sleep",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = freebsd_sleep_cases,
};
kunit_test_suite(freebsd_sleep_suite);
