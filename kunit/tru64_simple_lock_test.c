// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: Digital UNIX simple locks and spl.
 */
#include <kunit/test.h>
#include <linux/module.h>

#include <kern/lock.h>
#include <machine/cpu.h>

#include "kunit_helpers.h"

MODULE_IMPORT_NS(BSDCOMPAT);

/* simple_lock_try fails while held (by anyone, the holder too). */
static void slock_try(struct kunit *test)
{
	decl_simple_lock_data(, sl);

	simple_lock_init(&sl);
	KUNIT_EXPECT_TRUE(test, simple_lock_try(&sl));
	KUNIT_EXPECT_TRUE(test, SLOCK_HOLDER(&sl));
	KUNIT_EXPECT_FALSE(test, simple_lock_try(&sl));
	simple_unlock(&sl);
	KUNIT_EXPECT_FALSE(test, SLOCK_HOLDER(&sl));
	simple_lock(&sl);
	KUNIT_EXPECT_TRUE(test, SLOCK_HOLDER(&sl));
	simple_unlock(&sl);
	simple_lock_terminate(&sl);
}

static struct kunit_case tru64_simple_lock_cases[] = {
	KUNIT_CASE(slock_try),
	{}
};

static struct kunit_suite tru64_simple_lock_suite = {
	.name = "tru64_simple_lock",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = tru64_simple_lock_cases,
};
kunit_test_suite(tru64_simple_lock_suite);
