// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * For the FreeBSD sleep(9) and condvar(9) suites: a spin lock that the core
 * counts as held by the thread, which their test-only spin lock is not. A
 * NetBSD spin mutex is one (built here, with the NetBSD headers); any
 * personality's spin lock held makes a FreeBSD sleep wrong.
 */
#include <sys/mutex.h>

#include "freebsd_spin_help.h"

static kmutex_t other_spin;

/* Not nested: one test at a time. */
void freebsd_test_other_spin_enter(void)
{
	mutex_init(&other_spin, MUTEX_SPIN, IPL_VM);
	mutex_spin_enter(&other_spin);
}

void freebsd_test_other_spin_exit(void)
{
	mutex_spin_exit(&other_spin);
	mutex_destroy(&other_spin);
}
