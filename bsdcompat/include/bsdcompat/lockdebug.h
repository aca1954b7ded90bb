/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Misuse reports in the style of NetBSD's LOCKDEBUG.
 *
 * Every report is one line naming the lock class, the operation, what went
 * wrong, the lock (name and address) and the caller, followed by a stack
 * (WARN, never BUG): the primitive that called it then refuses or repairs
 * the operation so the kernel keeps running where it safely can.
 *
 * The count of reports and the text of the last one are kept so that tests
 * can assert them and so that a user can read them in debugfs
 * (bsdcompat/lockdebug).
 */
#ifndef _BSDCOMPAT_LOCKDEBUG_H_
#define _BSDCOMPAT_LOCKDEBUG_H_

#include <linux/compiler.h>
#include <linux/types.h>

#define BSD_LOCKDEBUG_MSGLEN	256

__printf(6, 7)
void bsd_lock_error(const char *cls, const char *op, const void *lock,
		    const char *name, unsigned long caller,
		    const char *fmt, ...);

unsigned long bsd_lockdebug_count(void);
size_t bsd_lockdebug_last(char *buf, size_t len);

#endif /* _BSDCOMPAT_LOCKDEBUG_H_ */
