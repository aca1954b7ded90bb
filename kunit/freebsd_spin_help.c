// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * For the FreeBSD sleep(9) and condvar(9) suites: a spin lock that the core
 * counts as held by the thread, which their test-only spin lock is not. A
 * NetBSD spin mutex is one (built here, with the NetBSD headers); any
 * personality's spin lock held makes a FreeBSD sleep wrong.
 */
#include <sys/mutex.h>

/* Declared for the FreeBSD suites in freebsd_test_locks.h. */
void freebsd_test_other_spin_enter(void);
void freebsd_test_other_spin_exit(void);

static kmutex_t other_spin;
static bool other_spin_ready;

void freebsd_test_other_spin_enter(void)
{
	if (!other_spin_ready) {
		mutex_init(&other_spin, MUTEX_SPIN, IPL_VM);
		other_spin_ready = true;
	}
	mutex_spin_enter(&other_spin);
}

void freebsd_test_other_spin_exit(void)
{
	mutex_spin_exit(&other_spin);
}
