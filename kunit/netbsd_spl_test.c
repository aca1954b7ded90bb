// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: NetBSD spl(9). The IPL is checked against what Linux says about
 * the CPU: in_softirq() (softirqs blocked) and irqs_disabled().
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/irqflags.h>

#include <sys/intr.h>
#include <bsdcompat/lockdebug.h>

#include "kunit_helpers.h"

static void expect_level(struct kunit *test, int ipl)
{
	KUNIT_EXPECT_EQ(test, bsd_curipl(), ipl);
	KUNIT_EXPECT_EQ(test, !!irqs_disabled(), ipl >= IPL_VM);
	if (ipl >= IPL_SOFTCLOCK && ipl < IPL_VM)
		KUNIT_EXPECT_TRUE(test, in_softirq());
	if (ipl == IPL_NONE)
		KUNIT_EXPECT_FALSE(test, in_softirq());
}

static void spl_nesting(struct kunit *test)
{
	int s1, s2, s3;

	expect_level(test, IPL_NONE);
	s1 = splsoftnet();
	KUNIT_EXPECT_EQ(test, s1, IPL_NONE);
	expect_level(test, IPL_SOFTNET);

	s2 = splvm();
	KUNIT_EXPECT_EQ(test, s2, IPL_SOFTNET);
	expect_level(test, IPL_VM);

	s3 = splhigh();
	KUNIT_EXPECT_EQ(test, s3, IPL_VM);
	expect_level(test, IPL_HIGH);

	splx(s3);
	expect_level(test, IPL_VM);
	splx(s2);
	expect_level(test, IPL_SOFTNET);
	KUNIT_EXPECT_TRUE(test, in_softirq());
	splx(s1);
	expect_level(test, IPL_NONE);
}

/* Raising to a lower or equal level changes nothing and returns the current one. */
static void spl_raise_never_lowers(struct kunit *test)
{
	int s1, s2;

	s1 = splbio();
	s2 = splsoftclock();
	KUNIT_EXPECT_EQ(test, s2, IPL_VM);
	expect_level(test, IPL_VM);
	splx(s2);
	expect_level(test, IPL_VM);
	splx(s1);
	expect_level(test, IPL_NONE);
}

/* Straight from IPL_NONE to IPL_VM, then down to a soft level: softirqs stay blocked. */
static void spl_vm_down_to_soft(struct kunit *test)
{
	int s = splvm();

	KUNIT_EXPECT_EQ(test, s, IPL_NONE);
	expect_level(test, IPL_VM);
	splx(IPL_SOFTBIO);
	expect_level(test, IPL_SOFTBIO);
	splx(s);
	expect_level(test, IPL_NONE);
}

static void spl_cookie_and_spl0(struct kunit *test)
{
	ipl_cookie_t c = makeiplcookie(IPL_SCHED);
	int s;

	s = splraiseipl(c);
	KUNIT_EXPECT_EQ(test, s, IPL_NONE);
	expect_level(test, IPL_SCHED);
	spl0();
	expect_level(test, IPL_NONE);

	/* The aliases are the levels NetBSD maps them to. */
	KUNIT_EXPECT_EQ(test, IPL_BIO, IPL_VM);
	KUNIT_EXPECT_EQ(test, IPL_NET, IPL_VM);
	KUNIT_EXPECT_EQ(test, IPL_TTY, IPL_VM);
	KUNIT_EXPECT_EQ(test, IPL_CLOCK, IPL_SCHED);
	KUNIT_EXPECT_EQ(test, IPL_SERIAL, IPL_HIGH);
	KUNIT_EXPECT_LT(test, IPL_SOFTSERIAL, IPL_VM);
	KUNIT_EXPECT_LT(test, IPL_NONE, IPL_SOFTCLOCK);
}

/* A soft level holds off softirqs on this CPU; splx() runs them. */
static bool tasklet_ran;

static void spl_tasklet_fn(struct tasklet_struct *t)
{
	WRITE_ONCE(tasklet_ran, true);
}

static DECLARE_TASKLET(spl_tasklet, spl_tasklet_fn);

static void spl_soft_blocks_softirq(struct kunit *test)
{
	int s;

	WRITE_ONCE(tasklet_ran, false);
	s = splsoftnet();
	tasklet_schedule(&spl_tasklet);
	mdelay(5);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(tasklet_ran));
	splx(s);
	/* local_bh_enable() ran it on this CPU before returning. */
	KUNIT_EXPECT_TRUE(test, READ_ONCE(tasklet_ran));
	tasklet_kill(&spl_tasklet);
}

/* IPL_VM holds off an interrupt pinned to this CPU until splx(). */
static atomic_t spl_timer_hits;
static int spl_timer_ipl_inside, spl_timer_ipl_after;

static enum hrtimer_restart spl_timer_fn(struct hrtimer *t)
{
	int s;

	atomic_inc(&spl_timer_hits);
	s = splhigh();
	spl_timer_ipl_inside = bsd_curipl();
	splx(s);
	spl_timer_ipl_after = bsd_curipl();
	return HRTIMER_NORESTART;
}

static void spl_vm_blocks_interrupt(struct kunit *test)
{
	struct hrtimer t;
	int s, before;

	atomic_set(&spl_timer_hits, 0);
	hrtimer_init(&t, CLOCK_MONOTONIC, HRTIMER_MODE_REL_PINNED_HARD);
	t.function = spl_timer_fn;

	s = splvm();
	before = bsd_curipl();
	hrtimer_start(&t, ns_to_ktime(100 * NSEC_PER_USEC),
		      HRTIMER_MODE_REL_PINNED_HARD);
	mdelay(10);
	KUNIT_EXPECT_EQ(test, atomic_read(&spl_timer_hits), 0);
	splx(s);
	mdelay(10);
	hrtimer_cancel(&t);
	KUNIT_EXPECT_EQ(test, atomic_read(&spl_timer_hits), 1);
	KUNIT_EXPECT_EQ(test, before, IPL_VM);

	/* In the handler spl keeps the books and returns to where it was. */
	KUNIT_EXPECT_EQ(test, spl_timer_ipl_inside, IPL_HIGH);
	KUNIT_EXPECT_EQ(test, spl_timer_ipl_after, IPL_NONE);
	expect_level(test, IPL_NONE);
}

/*
 * Coming down from a soft level inside a Linux section with interrupts off
 * must not run softirqs or turn interrupts on behind the caller's back.
 */
static void spl_soft_release_with_irqs_off(struct kunit *test)
{
	unsigned long flags;
	int s;

	s = splsoftnet();
	local_irq_save(flags);
	splx(s);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	KUNIT_EXPECT_FALSE(test, in_softirq());
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_NONE);
	local_irq_restore(flags);
	expect_level(test, IPL_NONE);
}

static void spl_misuse_bad_cookie(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();
	int s;

	splx(42);
	EXPECT_REPORT(test, n, "spl error: splx: bad IPL cookie 42", "lock \"\"");
	expect_level(test, IPL_NONE);

	/* A bad level to raise to blocks everything rather than nothing. */
	n = bsd_lockdebug_count();
	s = splraiseipl(makeiplcookie(-3));
	EXPECT_REPORT(test, n, "spl error: splraise: bad IPL -3, using IPL_HIGH",
		      "lock \"\"");
	KUNIT_EXPECT_EQ(test, s, IPL_NONE);
	expect_level(test, IPL_HIGH);
	splx(s);
	expect_level(test, IPL_NONE);
}

static struct kunit_case netbsd_spl_cases[] = {
	KUNIT_CASE(spl_nesting),
	KUNIT_CASE(spl_raise_never_lowers),
	KUNIT_CASE(spl_vm_down_to_soft),
	KUNIT_CASE(spl_cookie_and_spl0),
	KUNIT_CASE(spl_soft_blocks_softirq),
	KUNIT_CASE(spl_vm_blocks_interrupt),
	KUNIT_CASE(spl_soft_release_with_irqs_off),
	KUNIT_CASE(spl_misuse_bad_cookie),
	{}
};

static struct kunit_suite netbsd_spl_suite = {
	.name = "netbsd_spl",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = netbsd_spl_cases,
};
kunit_test_suite(netbsd_spl_suite);
