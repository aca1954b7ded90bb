/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Digital UNIX's clock tick: hz ticks a second. bsdcompat's tick is Linux's
 * jiffy, so a timeout in ticks (mpsleep(), thread_set_timeout()) is a
 * timeout in jiffies and hz is HZ.
 */
#ifndef _BSDCOMPAT_TRU64_SYS_KERNEL_H_
#define _BSDCOMPAT_TRU64_SYS_KERNEL_H_

#include <linux/jiffies.h>

/*
 * An enumerator, not a macro: Linux headers name parameters "hz", and a
 * parameter may shadow a constant but not be replaced by a number.
 */
enum { hz = HZ };

#endif /* _BSDCOMPAT_TRU64_SYS_KERNEL_H_ */
