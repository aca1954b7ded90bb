/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FreeBSD <sys/lock.h>: what the lock types share.
 *
 * Rules:
 *  - Every lock (struct mtx, struct sx, struct rwlock) begins with a
 *    struct lock_object, at offset 0, as in FreeBSD: sleep(9) and
 *    condvar(9) take any of them through it (msleep(chan, NULL, ...) passes
 *    &((struct mtx *)NULL)->lock_object, which is NULL).
 *  - The lock's class says how to give it up around a sleep and take it
 *    back the same way (shared or exclusive), whether it is held, and
 *    whether it is a spin lock or one whose holder may sleep.
 *  - The assertion values are FreeBSD's LA_* bits, which mtx_assert(),
 *    sx_assert() and rw_assert() take under their own names.
 */
#ifndef _BSDCOMPAT_FREEBSD_SYS_LOCK_H_
#define _BSDCOMPAT_FREEBSD_SYS_LOCK_H_

#include <linux/lockdep.h>
#include <linux/types.h>

/*
 * Linux's lockdep has a struct lock_class of its own, declared whatever
 * the config. Its headers come first (above); from here on FreeBSD's name
 * means FreeBSD's structure, under another name for the compiler.
 */
#define lock_class	freebsd_lock_class

struct lock_object;

/* lc_flags */
#define LC_SLEEPLOCK	0x00000001	/* waiters block (mtx, rw, sx) */
#define LC_SPINLOCK	0x00000002	/* waiters spin, interrupts off */
#define LC_SLEEPABLE	0x00000004	/* the holder may sleep (sx) */
#define LC_RECURSABLE	0x00000008
#define LC_UPGRADABLE	0x00000010

struct lock_class {
	const char	*lc_name;	/* "sleep mutex", "spin mutex", ... */
	unsigned int	lc_flags;
	/* Give the caller's hold up; return how it was held. */
	uintptr_t	(*lc_unlock)(struct lock_object *lock);
	/* Take it back as lc_unlock() said. */
	void		(*lc_lock)(struct lock_object *lock, uintptr_t how);
	/* Does the caller hold it (exclusively, or any read hold)? */
	bool		(*lc_owned)(const struct lock_object *lock);
};

struct lock_object {
	const char		*lo_name;
	const struct lock_class	*lo_class;
	unsigned int		lo_flags;	/* the class's own */
};

#define LOCK_CLASS(lo)	((lo)->lo_class)

#define LA_MASKASSERT	0x000000ff
#define LA_UNLOCKED	0x00000000
#define LA_LOCKED	0x00000001
#define LA_SLOCKED	0x00000002
#define LA_XLOCKED	0x00000004
#define LA_RECURSED	0x00000008
#define LA_NOTRECURSED	0x00000010

#endif /* _BSDCOMPAT_FREEBSD_SYS_LOCK_H_ */
