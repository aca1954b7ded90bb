// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: the core's per-thread held-lock tracking (<bsdcompat/witness.h>),
 * which FreeBSD's "sleeping thread owns a non-sleepable lock" rests on.
 */
#include <kunit/test.h>
#include <linux/module.h>

#include <bsdcompat/witness.h>

#include "kunit_helpers.h"

MODULE_IMPORT_NS(BSDCOMPAT);

static int lock_a, lock_b, lock_c, wchan;

/* Counts follow acquisitions and releases, in any order. */
static void witness_counts(struct kunit *test)
{
	if (!bsd_witness_enabled())
		kunit_skip(test, "witness is off");
	KUNIT_EXPECT_EQ(test, bsd_witness_held(false), 0U);
	bsd_witness_acquire(&lock_a, "a", "sleep mutex", false, _THIS_IP_);
	bsd_witness_acquire(&lock_b, "b", "sx", true, _THIS_IP_);
	bsd_witness_acquire(&lock_c, "c", "rw", false, _THIS_IP_);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(false), 2U);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(true), 1U);
	bsd_witness_release(&lock_a);			/* not the last one */
	KUNIT_EXPECT_EQ(test, bsd_witness_held(false), 1U);
	bsd_witness_release(&wchan);			/* never tracked: ignored */
	KUNIT_EXPECT_EQ(test, bsd_witness_held(false), 1U);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(true), 1U);
	bsd_witness_release(&lock_c);
	bsd_witness_release(&lock_b);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(false), 0U);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(true), 0U);
}

/* Sleepable locks and the interlock do not stop a sleep. */
static void witness_may_sleep(struct kunit *test)
{
	if (!bsd_witness_enabled())
		kunit_skip(test, "witness is off");
	KUNIT_EXPECT_TRUE(test, bsd_witness_may_sleep("Sleep", "test", &wchan,
						      "w", NULL, _THIS_IP_));
	bsd_witness_acquire(&lock_b, "b", "sx", true, _THIS_IP_);
	bsd_witness_acquire(&lock_a, "a", "sleep mutex", false, _THIS_IP_);
	KUNIT_EXPECT_TRUE(test, bsd_witness_may_sleep("Sleep", "test", &wchan,
						      "w", &lock_a, _THIS_IP_));
	bsd_witness_release(&lock_a);
	bsd_witness_release(&lock_b);
}

static void witness_misuse_sleep_with_mutex(struct kunit *test)
{
	unsigned long before = bsd_lockdebug_count();

	if (!bsd_witness_enabled())
		kunit_skip(test, "witness is off");
	bsd_witness_acquire(&lock_a, "sc->mtx", "sleep mutex", false,
			    _THIS_IP_);
	KUNIT_EXPECT_FALSE(test, bsd_witness_may_sleep("Sleep", "tsleep",
						       &wchan, "rd", NULL,
						       _THIS_IP_));
	bsd_witness_release(&lock_a);
	EXPECT_REPORT(test, before,
		      "Sleep error: tsleep: sleeping thread owns a non-sleepable lock: sleep mutex \"sc->mtx\" locked at ",
		      "lock \"rd\"");
}

/* Switched off, nothing is tracked, and releases of earlier holds pass. */
static void witness_switch(struct kunit *test)
{
	bool was = bsd_witness_enabled();

	bsd_witness_set(true);
	bsd_witness_acquire(&lock_a, "a", "sleep mutex", false, _THIS_IP_);
	bsd_witness_set(false);
	bsd_witness_acquire(&lock_b, "b", "rw", false, _THIS_IP_);
	KUNIT_EXPECT_TRUE(test, bsd_witness_may_sleep("Sleep", "test", &wchan,
						      "w", NULL, _THIS_IP_));
	bsd_witness_release(&lock_b);
	bsd_witness_set(true);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(false), 1U);	/* a only */
	bsd_witness_release(&lock_b);				/* ignored */
	bsd_witness_release(&lock_a);
	KUNIT_EXPECT_EQ(test, bsd_witness_held(false), 0U);
	bsd_witness_set(was);
}

static struct kunit_case core_witness_cases[] = {
	KUNIT_CASE(witness_counts),
	KUNIT_CASE(witness_may_sleep),
	KUNIT_CASE(witness_misuse_sleep_with_mutex),
	KUNIT_CASE(witness_switch),
	{}
};

static struct kunit_suite core_witness_suite = {
	.name = "core_witness",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = core_witness_cases,
};
kunit_test_suite(core_witness_suite);
