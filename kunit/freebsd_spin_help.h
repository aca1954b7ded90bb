/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * A spin lock that the core counts as held by the thread, for the FreeBSD
 * suites' "another spin lock held" cases (freebsd_spin_help.c). Includes
 * nothing: the suites and the helper see different <sys/...> headers.
 */
#ifndef _BSDCOMPAT_KUNIT_FREEBSD_SPIN_HELP_H_
#define _BSDCOMPAT_KUNIT_FREEBSD_SPIN_HELP_H_

void freebsd_test_other_spin_enter(void);
void freebsd_test_other_spin_exit(void);

#endif /* _BSDCOMPAT_KUNIT_FREEBSD_SPIN_HELP_H_ */
