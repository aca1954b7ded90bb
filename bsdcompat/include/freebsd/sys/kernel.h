/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* FreeBSD <sys/kernel.h>: the clock rate. */
#ifndef _BSDCOMPAT_FREEBSD_SYS_KERNEL_H_
#define _BSDCOMPAT_FREEBSD_SYS_KERNEL_H_

#include <linux/jiffies.h>

/* A tick is a jiffy: timeouts in ticks need no conversion. */
enum { hz = HZ };

#endif /* _BSDCOMPAT_FREEBSD_SYS_KERNEL_H_ */
