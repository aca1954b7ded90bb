/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FreeBSD critical sections and spinlock sections (declared in FreeBSD's
 * <sys/systm.h>, which includes this header).
 *
 * TODO(mutex(9) session): critical_enter()/critical_exit(),
 * spinlock_enter()/spinlock_exit().
 */
#ifndef _BSDCOMPAT_FREEBSD_SYS_CRITICAL_H_
#define _BSDCOMPAT_FREEBSD_SYS_CRITICAL_H_

#endif /* _BSDCOMPAT_FREEBSD_SYS_CRITICAL_H_ */
