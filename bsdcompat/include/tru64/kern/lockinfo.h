/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Lock classes (struct lockinfo) and the lockmode switch.
 *
 * Rules:
 *  - A lockinfo names a class of locks, its place in the lock hierarchy and
 *    the lowest spl its simple locks may be taken at. Locks join it with
 *    simple_lock_setup() or lock_setup(); a lock set up with plain
 *    simple_lock_init() or lock_init() is a class of its own (one per call
 *    site) and has no order or spl to check.
 *  - Each lockinfo is one lockdep class.
 *  - With lockmode on (4, the default; module parameter tru64_lockmode),
 *    every lock operation checks its use: recursion, release of a lock not
 *    held, a simple lock below its minimum spl or out of hierarchy order,
 *    sleeping or taking a complex lock with a simple lock held. With
 *    lockmode 0 the fast paths carry no checks.
 *
 * Digital UNIX declared the lockinfo structures for the kernel's own
 * classes; DEFINE_LOCKINFO() is how a ported driver declares its own.
 */
#ifndef _BSDCOMPAT_TRU64_KERN_LOCKINFO_H_
#define _BSDCOMPAT_TRU64_KERN_LOCKINFO_H_

#include <linux/lockdep_types.h>
#include <sys/types.h>

struct lockinfo {
	const char		*li_name;
	unsigned int		li_order;	/* 0: not ordered */
	int			li_min_spl;	/* simple locks: lowest spl */
	struct lock_class_key	li_key;		/* its lockdep class */
};

/*
 * A lock class: @order is its place in the hierarchy (locks are taken in
 * increasing order; 0 leaves it out of the check), @min_spl the lowest spl
 * (a BSD_IPL_* value, e.g. from the spl names' levels) at which its simple
 * locks may be taken. bsdcompat extension. Define it at file scope
 * (static or global): it holds a lockdep key, which must not live on the
 * stack or the heap.
 */
#define DEFINE_LOCKINFO(var, name, order, min_spl)			\
	struct lockinfo var = {						\
		.li_name = (name),					\
		.li_order = (order),					\
		.li_min_spl = (min_spl),				\
	}

#define decl_simple_lock_info(class, name)	class struct lockinfo *name
#define udecl_simple_lock_info(class, name)	decl_simple_lock_info(class, name)

/* Is lockmode checking on? For tests and for drivers' own assertions. */
bool tru64_lockmode_enabled(void);
/* Switch it: 4 on, 0 off (bsdcompat extension; the module parameter). */
int tru64_lockmode_set(int mode);

#endif /* _BSDCOMPAT_TRU64_KERN_LOCKINFO_H_ */
