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

#define BSD_LOCKDEBUG_MSGLEN	384

__printf(6, 7)
void bsd_lock_error(const char *cls, const char *op, const void *lock,
		    const char *name, unsigned long caller,
		    const char *fmt, ...);

unsigned long bsd_lockdebug_count(void);
size_t bsd_lockdebug_last(char *buf, size_t len);

/*
 * The registry of initialised locks (core/lockreg.c), for NetBSD's
 * "allocation contains active lock": each lock type registers its locks at
 * init and unregisters them at destroy, and every bsdcompat free of memory
 * (kmem_free(), ...) asks whether the block holds one that is still live.
 *
 * The registry keeps the lock's address, a copy of its name and its ops;
 * it never dereferences a lock except through lo_held(), and then only
 * inside bsd_lockdebug_mem_check(), whose caller owns the memory.
 */
struct bsd_lockreg_ops {
	const char	*lo_class;	/* as NetBSD names it: "Mutex", ... */
	/* Is the lock held by anyone? Only called on live memory. */
	bool		(*lo_held)(const void *lock);
};

#define BSD_LOCKREG_NAMELEN	48

void bsd_lockdebug_register(const void *lock, const char *name,
			    const struct bsd_lockreg_ops *ops);
void bsd_lockdebug_unregister(const void *lock);
void bsd_lockdebug_mem_check(const char *op, const void *p, size_t size,
			     unsigned long caller);
void bsd_lockdebug_mem_forget(const void *p, size_t size);
unsigned long bsd_lockdebug_tracked(void);

#endif /* _BSDCOMPAT_LOCKDEBUG_H_ */
