// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: NetBSD tsleep(9), mtsleep(9), wakeup(9) and kpause(9).
 *
 * A sleeper is known to be queued when the thing it released to sleep
 * (its mutex, or the kernel lock for a plain tsleep()) can be taken: both
 * are given up only after the thread is on the sleep queue.
 */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/sched/signal.h>

#include <sys/kernel.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/systm.h>

#include "kunit_helpers.h"

#define SLEEP_ERR	"Sleep error: "

enum sl_op { SL_TSLEEP_KL, SL_MTSLEEP, SL_MTSLEEP_NORELOCK, SL_MTSLEEP_CATCH };

struct sleeper {
	int			*chan;
	kmutex_t		*mtx;
	enum sl_op		op;
	int			timo;
	int			ret;
	bool			owned;
	bool			queued;	/* about to sleep (under the interlock) */
	struct task_struct	*task;
	struct completion	done;
};

static int sleeper_fn(void *arg)
{
	struct sleeper *s = arg;

	allow_signal(SIGUSR1);
	if (s->op == SL_TSLEEP_KL) {
		KERNEL_LOCK(1, NULL);
		WRITE_ONCE(s->queued, true);
		s->ret = tsleep(s->chan, PWAIT, "sltest", s->timo);
		s->owned = KERNEL_LOCKED_P();
		KERNEL_UNLOCK_ONE(NULL);
	} else {
		int pri = PWAIT;

		if (s->op == SL_MTSLEEP_NORELOCK)
			pri |= PNORELOCK;
		if (s->op == SL_MTSLEEP_CATCH)
			pri |= PCATCH;
		mutex_enter(s->mtx);
		WRITE_ONCE(s->queued, true);
		s->ret = mtsleep(s->chan, pri, "sltest", s->timo, s->mtx);
		s->owned = mutex_owned(s->mtx);
		if (s->owned)
			mutex_exit(s->mtx);
	}
	complete(&s->done);
	return 0;
}

static void sleeper_start(struct kunit *test, struct sleeper *s, int *chan,
			  kmutex_t *mtx, enum sl_op op, int timo)
{
	int i;

	s->chan = chan;
	s->mtx = mtx;
	s->op = op;
	s->timo = timo;
	s->ret = -1;
	s->queued = false;
	init_completion(&s->done);
	s->task = kthread_run(sleeper_fn, s, "sl-sleeper");
	KUNIT_ASSERT_FALSE(test, IS_ERR(s->task));
	get_task_struct(s->task);
	/* A liveness bound, not a timing check. */
	for (i = 0; i < 10000 && !READ_ONCE(s->queued); i++)
		usleep_range(100, 200);
	KUNIT_ASSERT_TRUE(test, READ_ONCE(s->queued));
	/* Past the interlock means queued. */
	if (op == SL_TSLEEP_KL) {
		KERNEL_LOCK(1, NULL);
		KERNEL_UNLOCK_ONE(NULL);
	} else {
		mutex_enter(mtx);
		mutex_exit(mtx);
	}
}

static void sleeper_join(struct sleeper *s)
{
	wait_for_completion(&s->done);
	put_task_struct(s->task);	/* pinned: signals after exit go nowhere */
}

/* The old-driver pattern: the kernel lock is the only interlock. */
static void tsleep_wakeup_under_kernel_lock(struct kunit *test)
{
	struct sleeper s;
	int chan;

	sleeper_start(test, &s, &chan, NULL, SL_TSLEEP_KL, 0);
	KERNEL_LOCK(1, NULL);
	wakeup(&chan);
	KERNEL_UNLOCK_ONE(NULL);
	sleeper_join(&s);
	KUNIT_EXPECT_EQ(test, s.ret, 0);
	KUNIT_EXPECT_TRUE(test, s.owned);
}

static void wakeup_wakes_all_on_the_channel_only(struct kunit *test)
{
	struct sleeper s[3], other;
	int chan, other_chan;
	kmutex_t mtx;
	int i;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	for (i = 0; i < 3; i++)
		sleeper_start(test, &s[i], &chan, &mtx, SL_MTSLEEP, 0);
	sleeper_start(test, &other, &other_chan, &mtx, SL_MTSLEEP, mstohz(50));
	mutex_enter(&mtx);
	wakeup(&chan);
	mutex_exit(&mtx);
	for (i = 0; i < 3; i++) {
		sleeper_join(&s[i]);
		KUNIT_EXPECT_EQ(test, s[i].ret, 0);
		KUNIT_EXPECT_TRUE(test, s[i].owned);
	}
	sleeper_join(&other);
	KUNIT_EXPECT_EQ(test, other.ret, EWOULDBLOCK);	/* not woken */
	KUNIT_EXPECT_TRUE(test, other.owned);
	wakeup(&chan);		/* nobody: a no-op */
	mutex_destroy(&mtx);
}

static void mtsleep_norelock(struct kunit *test)
{
	struct sleeper s;
	kmutex_t mtx;
	int chan;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	sleeper_start(test, &s, &chan, &mtx, SL_MTSLEEP_NORELOCK, 0);
	wakeup(&chan);
	sleeper_join(&s);
	KUNIT_EXPECT_EQ(test, s.ret, 0);
	KUNIT_EXPECT_FALSE(test, s.owned);
	KUNIT_EXPECT_TRUE(test, mutex_tryenter(&mtx));
	mutex_exit(&mtx);
	mutex_destroy(&mtx);
}

static void mtsleep_pcatch_signal(struct kunit *test)
{
	struct sleeper s;
	kmutex_t mtx;
	int chan;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	sleeper_start(test, &s, &chan, &mtx, SL_MTSLEEP_CATCH, 0);
	send_sig(SIGUSR1, s.task, 1);
	sleeper_join(&s);
	KUNIT_EXPECT_EQ(test, s.ret, ERESTART);
	KUNIT_EXPECT_TRUE(test, s.owned);
	mutex_destroy(&mtx);
}

static void tsleep_and_kpause_time_out(struct kunit *test)
{
	kmutex_t mtx;
	int chan;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	KUNIT_EXPECT_EQ(test, tsleep(&chan, PWAIT, "tmo", 1), EWOULDBLOCK);
	KUNIT_EXPECT_EQ(test, kpause("tmo", false, 1, NULL), EWOULDBLOCK);
	KUNIT_EXPECT_EQ(test, kpause("tmo", true, 1, NULL), EWOULDBLOCK);
	mutex_enter(&mtx);
	KUNIT_EXPECT_EQ(test, kpause("tmo", false, 1, &mtx), EWOULDBLOCK);
	KUNIT_EXPECT_TRUE(test, mutex_owned(&mtx));
	KUNIT_EXPECT_EQ(test, mtsleep(&chan, PWAIT, "tmo", 1, &mtx), EWOULDBLOCK);
	KUNIT_EXPECT_TRUE(test, mutex_owned(&mtx));
	mutex_exit(&mtx);
	mutex_destroy(&mtx);
}

static void misuse_mtsleep_without_mutex(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();
	kmutex_t mtx;
	int chan;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	KUNIT_EXPECT_EQ(test, mtsleep(&chan, PWAIT, "nomtx", 0, &mtx),
			EWOULDBLOCK);
	EXPECT_REPORT(test, n,
		      SLEEP_ERR "mtsleep: interlock not held by current LWP",
		      "lock \"nomtx\"");
	KUNIT_EXPECT_FALSE(test, mutex_owned(&mtx));
	mutex_destroy(&mtx);
}

static void misuse_sleep_bad_arguments(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();
	int chan;

	KUNIT_EXPECT_EQ(test, kpause("forever", false, 0, NULL), EWOULDBLOCK);
	EXPECT_REPORT(test, n,
		      SLEEP_ERR "kpause: assertion failed: !(timo == 0 && intr == false)",
		      "lock \"forever\"");
	KUNIT_EXPECT_EQ(test, tsleep(&chan, PWAIT, "neg", -1), EWOULDBLOCK);
	EXPECT_REPORT(test, n + 1, SLEEP_ERR "tsleep: negative timeout",
		      "lock \"neg\"");
}

static void misuse_tsleep_with_spin_mutex_held(struct kunit *test)
{
	unsigned long n;
	kmutex_t spin;
	int chan;

	mutex_init(&spin, MUTEX_DEFAULT, IPL_VM);
	mutex_enter(&spin);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, tsleep(&chan, PWAIT, "spun", 1), EWOULDBLOCK);
	EXPECT_REPORT(test, n, SLEEP_ERR "tsleep: spin lock held",
		      "lock \"spun\"");
	/* The spin mutex as interlock is fine, another one is not. */
	KUNIT_EXPECT_EQ(test, mtsleep(&chan, PWAIT, "spun", 1, &spin),
			EWOULDBLOCK);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);
	KUNIT_EXPECT_TRUE(test, mutex_owned(&spin));
	mutex_exit(&spin);
	mutex_destroy(&spin);
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

	is->ret = tsleep(&is->chan, PWAIT, "irq", 1);
	wakeup(&is->chan);	/* legal from any context */
	complete(&is->done);
	return HRTIMER_NORESTART;
}

static void misuse_tsleep_from_interrupt(struct kunit *test)
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
	EXPECT_REPORT(test, n, SLEEP_ERR "tsleep: sleeping from interrupt context",
		      "lock \"irq\"");
	KUNIT_EXPECT_EQ(test, is->ret, EWOULDBLOCK);
}

static struct kunit_case netbsd_synch_cases[] = {
	KUNIT_CASE(tsleep_wakeup_under_kernel_lock),
	KUNIT_CASE(wakeup_wakes_all_on_the_channel_only),
	KUNIT_CASE(mtsleep_norelock),
	KUNIT_CASE(mtsleep_pcatch_signal),
	KUNIT_CASE(tsleep_and_kpause_time_out),
	KUNIT_CASE(misuse_mtsleep_without_mutex),
	KUNIT_CASE(misuse_sleep_bad_arguments),
	KUNIT_CASE(misuse_tsleep_with_spin_mutex_held),
	KUNIT_CASE(misuse_tsleep_from_interrupt),
	{}
};

static struct kunit_suite netbsd_synch_suite = {
	.name = "netbsd_synch",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = netbsd_synch_cases,
};
kunit_test_suite(netbsd_synch_suite);
