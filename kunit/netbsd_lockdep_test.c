// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: lockdep integration of kmutex and krwlock: the nesting extension
 * (mutex_enter_nested(), rw_enter_nested()) and the init forms that keep
 * one lock out of lockdep's checks (MUTEX_NODEBUG, rw_init_nodebug()).
 *
 * Every lock pair below shares one init site, so lockdep puts both locks
 * in one class. Taking both without the annotation is what lockdep reports
 * as "possible recursive locking"; the guest's console checker fails the
 * run on any lockdep report, which is what these cases rely on.
 */
#include <sys/mutex.h>
#include <sys/rwlock.h>

#include "kunit_helpers.h"

static void two_mutexes(kmutex_t m[2], kmutex_type_t type, int ipl)
{
	int i;

	for (i = 0; i < 2; i++)
		mutex_init(&m[i], type, ipl);	/* one site: one class */
}

static void mutex_nested_same_class(struct kunit *test)
{
	kmutex_t m[2], s[2];

	two_mutexes(m, MUTEX_DEFAULT, IPL_NONE);
	mutex_enter(&m[0]);
	mutex_enter_nested(&m[1], 1);
	KUNIT_EXPECT_TRUE(test, mutex_owned(&m[1]));
	mutex_exit(&m[1]);
	mutex_exit(&m[0]);

	two_mutexes(s, MUTEX_DEFAULT, IPL_VM);
	mutex_enter(&s[0]);
	mutex_enter_nested(&s[1], 1);
	KUNIT_EXPECT_TRUE(test, mutex_owned(&s[1]));
	mutex_exit(&s[1]);
	mutex_exit(&s[0]);
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_NONE);
	mutex_destroy(&m[0]);
	mutex_destroy(&m[1]);
	mutex_destroy(&s[0]);
	mutex_destroy(&s[1]);
}

static void mutex_nodebug_same_class(struct kunit *test)
{
	kmutex_t m[2];

	two_mutexes(m, MUTEX_NODEBUG, IPL_NONE);
	mutex_enter(&m[0]);
	mutex_enter(&m[1]);	/* no annotation: lockdep does not check */
	KUNIT_EXPECT_TRUE(test, mutex_owned(&m[1]));
	mutex_exit(&m[1]);
	mutex_exit(&m[0]);
	mutex_destroy(&m[0]);
	mutex_destroy(&m[1]);
}

static void two_rwlocks(krwlock_t r[2], bool nodebug)
{
	int i;

	for (i = 0; i < 2; i++) {
		if (nodebug)
			rw_init_nodebug(&r[i]);
		else
			rw_init(&r[i]);
	}
}

static void rw_nested_same_class(struct kunit *test)
{
	krwlock_t r[2];

	two_rwlocks(r, false);
	rw_enter(&r[0], RW_WRITER);
	rw_enter_nested(&r[1], RW_WRITER, 1);
	KUNIT_EXPECT_TRUE(test, rw_write_held(&r[1]));
	rw_exit(&r[1]);
	rw_exit(&r[0]);
	rw_enter(&r[0], RW_READER);
	rw_enter_nested(&r[1], RW_WRITER, 1);
	rw_exit(&r[1]);
	rw_exit(&r[0]);
	rw_destroy(&r[0]);
	rw_destroy(&r[1]);
}

static void rw_nodebug_same_class(struct kunit *test)
{
	krwlock_t r[2];

	two_rwlocks(r, true);
	rw_enter(&r[0], RW_WRITER);
	rw_enter(&r[1], RW_WRITER);
	KUNIT_EXPECT_TRUE(test, rw_write_held(&r[1]));
	rw_exit(&r[1]);
	rw_exit(&r[0]);
	rw_destroy(&r[0]);
	rw_destroy(&r[1]);
}

static void misuse_bad_subclass(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();
	kmutex_t m;
	krwlock_t r;

	mutex_init(&m, MUTEX_DEFAULT, IPL_NONE);
	rw_init(&r);
	mutex_enter_nested(&m, 99);
	EXPECT_REPORT(test, n, "Mutex error: mutex_enter_nested: bad lockdep subclass",
		      "lock \"m\"");
	KUNIT_EXPECT_TRUE(test, mutex_owned(&m));	/* as subclass 0 */
	mutex_exit(&m);
	rw_enter_nested(&r, RW_READER, -1);
	EXPECT_REPORT(test, n + 1,
		      "Reader / writer lock error: rw_enter_nested: bad lockdep subclass",
		      "lock \"r\"");
	KUNIT_EXPECT_TRUE(test, rw_read_held(&r));
	rw_exit(&r);
	rw_destroy(&r);
	mutex_destroy(&m);
}

static struct kunit_case netbsd_lockdep_cases[] = {
	KUNIT_CASE(mutex_nested_same_class),
	KUNIT_CASE(mutex_nodebug_same_class),
	KUNIT_CASE(rw_nested_same_class),
	KUNIT_CASE(rw_nodebug_same_class),
	KUNIT_CASE(misuse_bad_subclass),
	{}
};

static struct kunit_suite netbsd_lockdep_suite = {
	.name = "netbsd_lockdep",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = netbsd_lockdep_cases,
};
kunit_test_suite(netbsd_lockdep_suite);
