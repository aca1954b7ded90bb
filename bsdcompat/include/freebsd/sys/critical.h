/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FreeBSD critical sections and spinlock sections (declared in FreeBSD's
 * <sys/systm.h>, which includes this header).
 *
 * Rules:
 *  - critical_enter() keeps the thread on its CPU and unpreempted until
 *    the matching critical_exit(); interrupts still run. Nestable.
 *  - spinlock_enter() also turns this CPU's interrupts off; the outermost
 *    one saves the interrupt state and the last spinlock_exit() restores
 *    it. It implies a critical section. Nestable. Spin mutexes use it.
 *  - Neither may sleep or block on a sleep mutex: in thread context each
 *    counts as a held spin lock, so bsdcompat's sleeping calls and
 *    mtx_lock() report it and refuse to sleep.
 */
#ifndef _BSDCOMPAT_FREEBSD_SYS_CRITICAL_H_
#define _BSDCOMPAT_FREEBSD_SYS_CRITICAL_H_

#include <linux/compiler.h>

void freebsd_critical_enter(void);
void freebsd_critical_exit(void);
void freebsd_spinlock_enter(void);
void freebsd_spinlock_exit(void);
int freebsd_critical_nest(void);
int freebsd_spinlock_nest(void);
void freebsd_critical_assert(const char *file, int line);

#define critical_enter()	freebsd_critical_enter()
#define critical_exit()		freebsd_critical_exit()
#define spinlock_enter()	freebsd_spinlock_enter()
#define spinlock_exit()		freebsd_spinlock_exit()

/* Report unless the caller is in a critical (or spinlock) section. */
#define CRITICAL_ASSERT(td)						\
	do {								\
		(void)(td);						\
		freebsd_critical_assert(__FILE__, __LINE__);		\
	} while (0)

#endif /* _BSDCOMPAT_FREEBSD_SYS_CRITICAL_H_ */
