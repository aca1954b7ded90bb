// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: Digital UNIX timeout(9r) and untimeout(9r) as bsdcompat
 * implements them.
 *
 * The handlers count their calls per argument; the cases wait for them
 * with bounded polls or completions (to fail rather than hang), and check
 * that a cancelled call never comes by waiting for a later one.
 */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/module.h>
#include <linux/slab.h>

#include <sys/systm.h>
#include <sys/kernel.h>
#include <bsdcompat/biglock.h>

#include "kunit_helpers.h"

MODULE_IMPORT_NS(BSDCOMPAT);

#define TO_ERR		"Timeout error: "
#define TO_WAIT		(10 * HZ)
#define TO_LONG		(60 * hz)

struct tot {
	atomic_t		calls;
	int			cpu;
	bool			funneled;
	struct completion	done;
};

/* K&R style, as a Digital UNIX driver declares its handlers. */
static int to_handler(struct tot *t)
{
	t->cpu = raw_smp_processor_id();
	t->funneled = bsd_kernel_locked_p();
	atomic_inc(&t->calls);
	complete(&t->done);
	return 0;
}

static int to_other(struct tot *t)
{
	return to_handler(t);
}

static struct tot *tot_new(struct kunit *test, int n)
{
	struct tot *t = kunit_kcalloc(test, n, sizeof(*t), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, t);
	for (i = 0; i < n; i++)
		init_completion(&t[i].done);
	return t;
}

static void tot_wait(struct kunit *test, struct tot *t)
{
	KUNIT_ASSERT_GT_MSG(test, wait_for_completion_timeout(&t->done, TO_WAIT),
			    0, "timeout handler was not called");
}

/* Called once, with its argument, on the master CPU, funneled. */
static void timeout_fires_once_funneled(struct kunit *test)
{
	struct tot *t = tot_new(test, 2);

	timeout(to_handler, &t[0], 1);
	tot_wait(test, &t[0]);
	KUNIT_EXPECT_EQ(test, t[0].cpu, 0);
	KUNIT_EXPECT_TRUE(test, t[0].funneled);
	/* A later call is made after it: the first is not called again. */
	timeout(to_handler, &t[1], 2);
	tot_wait(test, &t[1]);
	KUNIT_EXPECT_EQ(test, atomic_read(&t[0].calls), 1);
	/* Called: there is nothing to cancel. */
	KUNIT_EXPECT_FALSE(test, untimeout(to_handler, &t[0]));
}

/* untimeout() before the time: TRUE, and the call never comes. */
static void untimeout_cancels(struct kunit *test)
{
	struct tot *t = tot_new(test, 2);

	timeout(to_handler, &t[0], 1);
	KUNIT_EXPECT_TRUE(test, untimeout(to_handler, &t[0]));
	KUNIT_EXPECT_FALSE(test, untimeout(to_handler, &t[0]));
	timeout(to_handler, &t[1], 3);
	tot_wait(test, &t[1]);
	KUNIT_EXPECT_EQ(test, atomic_read(&t[0].calls), 0);
}

/* untimeout() matches function and argument both. */
static void untimeout_matches_func_and_arg(struct kunit *test)
{
	struct tot *t = tot_new(test, 3);

	timeout(to_handler, &t[0], TO_LONG);
	timeout(to_handler, &t[1], TO_LONG);
	timeout(to_other, &t[2], TO_LONG);
	KUNIT_EXPECT_FALSE(test, untimeout(to_other, &t[0]));
	KUNIT_EXPECT_FALSE(test, untimeout(to_handler, &t[2]));
	KUNIT_EXPECT_TRUE(test, untimeout(to_handler, &t[1]));
	KUNIT_EXPECT_TRUE(test, untimeout(to_other, &t[2]));
	KUNIT_EXPECT_TRUE(test, untimeout(to_handler, &t[0]));
	KUNIT_EXPECT_FALSE(test, untimeout(to_handler, &t[0]));
}

/* The same call twice: both come; untimeout() takes the soonest. */
static void timeout_duplicates(struct kunit *test)
{
	struct tot *t = tot_new(test, 2);
	int i;

	timeout(to_handler, &t[0], TO_LONG);
	timeout(to_handler, &t[0], 1);
	KUNIT_EXPECT_TRUE(test, untimeout(to_handler, &t[0]));
	/* The soon one is gone: a later call comes, t[0]'s does not. */
	timeout(to_handler, &t[1], 3);
	tot_wait(test, &t[1]);
	KUNIT_EXPECT_EQ(test, atomic_read(&t[0].calls), 0);
	KUNIT_EXPECT_TRUE(test, untimeout(to_handler, &t[0]));

	timeout(to_handler, &t[0], 1);
	timeout(to_handler, &t[0], 1);
	for (i = 0; i < 1000 && atomic_read(&t[0].calls) < 2; i++)
		schedule_timeout_uninterruptible(1);
	KUNIT_EXPECT_EQ(test, atomic_read(&t[0].calls), 2);
}

/* timeout() from a hard interrupt handler. */
struct irq_to {
	struct tot		*t;
	struct hrtimer		timer;
};

static enum hrtimer_restart irq_to_timer(struct hrtimer *timer)
{
	struct irq_to *it = container_of(timer, struct irq_to, timer);

	timeout(to_handler, it->t, 1);
	return HRTIMER_NORESTART;
}

static void timeout_from_interrupt(struct kunit *test)
{
	struct irq_to *it = kunit_kzalloc(test, sizeof(*it), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, it);
	it->t = tot_new(test, 1);
	hrtimer_init(&it->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	it->timer.function = irq_to_timer;
	hrtimer_start(&it->timer, ns_to_ktime(NSEC_PER_MSEC),
		      HRTIMER_MODE_REL_HARD);
	tot_wait(test, it->t);
	hrtimer_cancel(&it->timer);
}

/*
 * timeout() and untimeout() racing with the calls on every CPU: each
 * scheduled call is either cancelled or made, once.
 */
#define RACE_ROUNDS	300

struct to_race {
	struct tot	*t;		/* one per thread */
	atomic_t	cancelled;
};

static void to_race_thread(void *arg, unsigned int i)
{
	struct to_race *r = arg;
	int k;

	for (k = 0; k < RACE_ROUNDS; k++) {
		timeout(to_handler, &r->t[i], k % 2);
		if (k % 3 && untimeout(to_handler, &r->t[i]))
			atomic_inc(&r->cancelled);
		if (k % 32 == 0)
			usleep_range(500, 1000);
	}
}

static void timeout_untimeout_race(struct kunit *test)
{
	unsigned int n = 2 * num_online_cpus(), i;
	struct to_race *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	int calls = 0, k;

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->t = tot_new(test, n);
	bsd_kunit_run_threads(test, n, to_race_thread, r, "torace", true);
	for (k = 0; k < 1000; k++) {
		calls = 0;
		for (i = 0; i < n; i++)
			calls += atomic_read(&r->t[i].calls);
		if (calls + atomic_read(&r->cancelled) >= n * RACE_ROUNDS)
			break;
		schedule_timeout_uninterruptible(1);
	}
	KUNIT_EXPECT_EQ(test, calls + atomic_read(&r->cancelled),
			(int)(n * RACE_ROUNDS));
	kunit_info(test, "%d called, %d cancelled\n", calls,
		   atomic_read(&r->cancelled));
}

/*
 * A driver that unloads with a call still scheduled: the call is reported
 * and cancelled when its module goes (here the test module's notifier
 * path is run by hand), instead of being made into freed code.
 */
static void misuse_timeout_pending_at_unload(struct kunit *test)
{
	struct tot *t = tot_new(test, 2);
	unsigned long n;

	timeout(to_handler, &t[0], 2);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, tru64_timeout_module_going(THIS_MODULE), 1);
	EXPECT_REPORT(test, n,
		      TO_ERR "timeout: scheduled at module unload: cancelled",
		      "lock \"bsdcompat_kunit\"");
	KUNIT_EXPECT_FALSE(test, untimeout(to_handler, &t[0]));
	timeout(to_handler, &t[1], 4);
	tot_wait(test, &t[1]);
	KUNIT_EXPECT_EQ(test, atomic_read(&t[0].calls), 0);
}

static void misuse_timeout_null_function(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();

	timeout(NULL, NULL, 1);
	EXPECT_REPORT(test, n, TO_ERR "timeout: NULL function", "lock \"\"");
}

static struct kunit_case tru64_timeout_cases[] = {
	KUNIT_CASE(timeout_fires_once_funneled),
	KUNIT_CASE(untimeout_cancels),
	KUNIT_CASE(untimeout_matches_func_and_arg),
	KUNIT_CASE(timeout_duplicates),
	KUNIT_CASE(timeout_from_interrupt),
	KUNIT_CASE(timeout_untimeout_race),
	KUNIT_CASE(misuse_timeout_pending_at_unload),
	KUNIT_CASE(misuse_timeout_null_function),
	{}
};

static struct kunit_suite tru64_timeout_suite = {
	.name = "tru64_timeout",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = tru64_timeout_cases,
};
kunit_test_suite(tru64_timeout_suite);
