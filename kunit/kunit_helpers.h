/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Shared by the bsdcompat KUnit suites. */
#ifndef _BSDCOMPAT_KUNIT_HELPERS_H_
#define _BSDCOMPAT_KUNIT_HELPERS_H_

#include <kunit/test.h>
#include <linux/string.h>
#include <bsdcompat/lockdebug.h>

/*
 * Expect exactly one misuse report since the count was @before, and that
 * its line contains @what and @lock; every report names its caller too.
 */
#define EXPECT_REPORT(test, before, what, lock)				\
do {									\
	char __line[BSD_LOCKDEBUG_MSGLEN];				\
									\
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), (before) + 1);	\
	bsd_lockdebug_last(__line, sizeof(__line));			\
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(__line, what),		\
				  "report: %s", __line);		\
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(__line, lock),		\
				  "report: %s", __line);		\
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(__line, " caller "),	\
				  "report: %s", __line);		\
} while (0)

#endif /* _BSDCOMPAT_KUNIT_HELPERS_H_ */
