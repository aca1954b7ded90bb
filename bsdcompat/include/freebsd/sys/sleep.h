/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FreeBSD sleep(9) (declared in FreeBSD's <sys/systm.h>, which includes
 * this header).
 *
 * TODO(sleep(9) session): msleep(), msleep_spin(), tsleep(), pause(),
 * wakeup(), wakeup_one().
 */
#ifndef _BSDCOMPAT_FREEBSD_SYS_SLEEP_H_
#define _BSDCOMPAT_FREEBSD_SYS_SLEEP_H_

#endif /* _BSDCOMPAT_FREEBSD_SYS_SLEEP_H_ */
