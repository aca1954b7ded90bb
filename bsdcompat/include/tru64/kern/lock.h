/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Digital UNIX <kern/lock.h>: simple locks and complex locks. Each has a
 * header of its own; a driver includes this one, as on Digital UNIX.
 */
#ifndef _BSDCOMPAT_TRU64_KERN_LOCK_H_
#define _BSDCOMPAT_TRU64_KERN_LOCK_H_

#include <kern/lockinfo.h>
#include <kern/simple_lock.h>
#include <kern/complex_lock.h>

#endif /* _BSDCOMPAT_TRU64_KERN_LOCK_H_ */
