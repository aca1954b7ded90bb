/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * What struct sx and struct rwlock share (bsdcompat-private; FreeBSD's
 * <sys/_sx.h> and <sys/_rwlock.h> play this part). Drivers must not look
 * inside: use the sx(9) and rwlock(9) calls.
 */
#ifndef _BSDCOMPAT_FREEBSD_SYS__RWCORE_H_
#define _BSDCOMPAT_FREEBSD_SYS__RWCORE_H_

#include <linux/atomic.h>
#include <linux/lockdep.h>
#include <linux/types.h>

#include <sys/lock.h>

/* Init options, in lock_object.lo_flags; sx.h and rwlock.h name them. */
#define FREEBSD_LO_DUPOK	0x0001
#define FREEBSD_LO_NOWITNESS	0x0002
#define FREEBSD_LO_NOPROFILE	0x0004
#define FREEBSD_LO_RECURSE	0x0008
#define FREEBSD_LO_QUIET	0x0010
#define FREEBSD_LO_NOADAPTIVE	0x0020
#define FREEBSD_LO_NEW		0x0040
#define FREEBSD_LO_OPTS		0x007f

/*
 * rc_word is the core reader/writer engine's word: the writer, or the
 * count of readers, and flags. The memory may be freed as soon as the
 * last holder has released it. rc_recurse is how deep the write holder
 * has recursed; only the write holder reads or writes it.
 */
struct freebsd_rwcore {
	atomic_long_t		rc_word;
	unsigned int		rc_recurse;
	u32			rc_magic;
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	struct lockdep_map	rc_dep_map;
#endif
};

/* What lc_unlock() returns for sx and rw locks: how to take it back. */
#define FREEBSD_RW_HOW_SHARED	0x1
#define FREEBSD_RW_HOW_EXCL	0x2
#define FREEBSD_RW_HOW_DEPTH(d)	((uintptr_t)(d) << 2)	/* recursion */

#endif /* _BSDCOMPAT_FREEBSD_SYS__RWCORE_H_ */
