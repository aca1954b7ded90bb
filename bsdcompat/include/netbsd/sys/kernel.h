/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD's clock tick: hz ticks a second. bsdcompat's tick is Linux's
 * jiffy, so a timeout in ticks is a timeout in jiffies and hz is HZ.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_KERNEL_H_
#define _BSDCOMPAT_NETBSD_SYS_KERNEL_H_

#include <linux/jiffies.h>

/*
 * An enumerator, not a macro: Linux headers name parameters "hz", and a
 * parameter may shadow a constant but not be replaced by a number.
 */
enum { hz = HZ };

/* Milliseconds to ticks, rounded up so a timeout never fires early. */
static inline int mstohz(unsigned int ms)
{
	return (int)msecs_to_jiffies(ms);
}

static inline unsigned int hztoms(int ticks)
{
	return jiffies_to_msecs(ticks);
}

static inline unsigned int getticks(void)
{
	return (unsigned int)jiffies;
}

#endif /* _BSDCOMPAT_NETBSD_SYS_KERNEL_H_ */
