/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* The big lock as the core's sleeping code uses it; see biglock.c. */
#ifndef _BSDCOMPAT_CORE_BIGLOCK_H_
#define _BSDCOMPAT_CORE_BIGLOCK_H_

#include <bsdcompat/biglock.h>

int bsd_biglock_drop(void);
void bsd_biglock_pickup(int nlocks);

#endif /* _BSDCOMPAT_CORE_BIGLOCK_H_ */
