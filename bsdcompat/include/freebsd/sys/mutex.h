/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FreeBSD mutex(9) and Giant on Linux.
 *
 * Rules:
 *  - A sleep mutex (MTX_DEF) is owned by a thread. Contended, it spins
 *    while the owner runs and blocks otherwise; its holder must not sleep.
 *    It may not be taken in interrupt context, in a critical section or
 *    with a spin mutex held.
 *  - A spin mutex (MTX_SPIN) is taken inside spinlock_enter(): interrupts
 *    off on this CPU, a critical section. Any context; never sleep with it.
 *  - Recursion only with MTX_RECURSE. Giant is a recursive sleep mutex, the
 *    one big lock; every bsdcompat sleep gives it up and takes it back.
 *  - Once mtx_unlock() has released a mutex, another thread may take it and
 *    free it: mtx_unlock() never touches it again.
 */
#ifndef _BSDCOMPAT_FREEBSD_SYS_MUTEX_H_
#define _BSDCOMPAT_FREEBSD_SYS_MUTEX_H_

#include <linux/atomic.h>
#include <linux/lockdep.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include <sys/types.h>
#include <sys/lock.h>
#include <sys/critical.h>
#include "../../bsdcompat/lockstat.h"

/* mtx_init() options (and the _flags forms' flags, which are ignored). */
#define MTX_DEF		0x00000000	/* sleep mutex */
#define MTX_SPIN	0x00000001	/* spin mutex */
#define MTX_RECURSE	0x00000004	/* may be recursed */
#define MTX_NOWITNESS	0x00000008	/* no lockdep validation, no witness */
#define MTX_NOPROFILE	0x00000020	/* not in lockstat */
#define MTX_NEW		0x00000040	/* do not check for double init */
#define MTX_QUIET	0x00040000	/* accepted; there is no KTR */
#define MTX_DUPOK	0x00400000	/* several of one class may be held */

/* mtx_assert() */
#define MA_OWNED	LA_XLOCKED
#define MA_NOTOWNED	LA_UNLOCKED
#define MA_RECURSED	LA_RECURSED
#define MA_NOTRECURSED	LA_NOTRECURSED

/*
 * The lock. mtx_lock is the owner word: the owning task and its context
 * level (core/adaptive.h) with flag bits below; 0 when free. Drivers must
 * not look inside.
 */
struct mtx {
	struct lock_object	lock_object;	/* lo_flags: the MTX_* options */
	atomic_long_t		mtx_lock;
	u32			mtx_magic;
	unsigned int		mtx_recurse;	/* written by the owner only */
	struct bsd_lockstat_lock mtx_ls;
	union {
		raw_spinlock_t		mtx_spin;	/* spin mutexes */
#ifdef CONFIG_DEBUG_LOCK_ALLOC
		struct lockdep_map	mtx_dep_map;	/* sleep mutexes */
#endif
	};
};

extern const struct lock_class freebsd_lock_class_mtx_sleep;
extern const struct lock_class freebsd_lock_class_mtx_spin;

/* The big lock: NetBSD's kernel_lock and the Digital UNIX funnel too. */
extern struct mtx freebsd_Giant;
#define Giant	freebsd_Giant

void freebsd_mtx_init(struct mtx *m, const char *name, const char *type,
		      int opts, const char *ldname, struct lock_class_key *key);
void freebsd_mtx_destroy(struct mtx *m);
void freebsd_mtx_lock(struct mtx *m);
void freebsd_mtx_unlock(struct mtx *m);
int freebsd_mtx_trylock(struct mtx *m);
void freebsd_mtx_lock_spin(struct mtx *m);
void freebsd_mtx_unlock_spin(struct mtx *m);
int freebsd_mtx_trylock_spin(struct mtx *m);
int freebsd_mtx_owned(const struct mtx *m);
int freebsd_mtx_recursed(const struct mtx *m);
struct thread *freebsd_mtx_owner(const struct mtx *m);
void freebsd_mtx_assert(const struct mtx *m, int what, const char *file,
			int line);
int freebsd_giant_drop(void);
int freebsd_giant_pickup(int count);

/*
 * mtx_init() is a macro so that each call site is a lockdep class of its
 * own. The class is named after @type when that is a string constant, else
 * after the mutex expression: lockdep keeps the name's pointer for good,
 * and @name is often a driver's run-time string.
 */
#define mtx_init(m, name, type, opts)					\
do {									\
	static struct lock_class_key __key;				\
									\
	freebsd_mtx_init((m), (name), (type), (opts),			\
			 __builtin_constant_p(type) && (type) ?		\
			 (type) : #m, &__key);				\
} while (0)

#define mtx_destroy(m)			freebsd_mtx_destroy(m)
#define mtx_lock(m)			freebsd_mtx_lock(m)
#define mtx_unlock(m)			freebsd_mtx_unlock(m)
#define mtx_trylock(m)			freebsd_mtx_trylock(m)
#define mtx_lock_spin(m)		freebsd_mtx_lock_spin(m)
#define mtx_unlock_spin(m)		freebsd_mtx_unlock_spin(m)
#define mtx_trylock_spin(m)		freebsd_mtx_trylock_spin(m)
#define mtx_lock_flags(m, f)		((void)(f), freebsd_mtx_lock(m))
#define mtx_unlock_flags(m, f)		((void)(f), freebsd_mtx_unlock(m))
#define mtx_trylock_flags(m, f)		((void)(f), freebsd_mtx_trylock(m))
#define mtx_lock_spin_flags(m, f)	((void)(f), freebsd_mtx_lock_spin(m))
#define mtx_unlock_spin_flags(m, f)	((void)(f), freebsd_mtx_unlock_spin(m))
#define mtx_trylock_spin_flags(m, f)	((void)(f), freebsd_mtx_trylock_spin(m))
#define mtx_owned(m)			freebsd_mtx_owned(m)
#define mtx_recursed(m)			freebsd_mtx_recursed(m)
#define mtx_owner(m)			freebsd_mtx_owner(m)
#define mtx_name(m)			((m)->lock_object.lo_name)
#define mtx_initialized(m)		((m)->mtx_magic == FREEBSD_MTX_MAGIC)
#define mtx_assert(m, what)						\
	freebsd_mtx_assert((m), (what), __FILE__, __LINE__)

#define FREEBSD_MTX_MAGIC	0x6d747821u	/* "mtx!" */

/*
 * MTX_SYSINIT(name, mtx, desc, opts). FreeBSD runs it from a linker set at
 * boot or module load; a Linux module has no linker sets, so this defines
 * the arguments (name_mtx_args) and the module's init and exit functions
 * call MTX_SYSINIT_RUN(name) and MTX_SYSUNINIT_RUN(name), or
 * mtx_sysinit(&name_mtx_args) and mtx_sysuninit(&name_mtx_args).
 */
struct mtx_args {
	struct mtx		*ma_mtx;
	const char		*ma_desc;
	int			ma_opts;
	struct lock_class_key	*ma_key;
};

void freebsd_mtx_sysinit(const struct mtx_args *ma);
void freebsd_mtx_sysuninit(const struct mtx_args *ma);

#define MTX_SYSINIT(name, mtx, desc, opts)				\
	static struct lock_class_key name##_mtx_key;			\
	static const struct mtx_args name##_mtx_args = {		\
		.ma_mtx = (mtx), .ma_desc = (desc), .ma_opts = (opts),	\
		.ma_key = &name##_mtx_key,				\
	}
#define MTX_SYSINIT_RUN(name)	freebsd_mtx_sysinit(&name##_mtx_args)
#define MTX_SYSUNINIT_RUN(name)	freebsd_mtx_sysuninit(&name##_mtx_args)
#define mtx_sysinit(ma)		freebsd_mtx_sysinit(ma)
#define mtx_sysuninit(ma)	freebsd_mtx_sysuninit(ma)

/*
 * Giant. DROP_GIANT() opens a block that PICKUP_GIANT() closes; in between
 * PARTIAL_PICKUP_GIANT() takes Giant back early (before a return), after
 * which PICKUP_GIANT() has nothing left to take.
 */
#define GIANT_REQUIRED	mtx_assert(&Giant, MA_OWNED)

#define DROP_GIANT()							\
do {									\
	int _giantcnt = freebsd_giant_drop()

/* freebsd_giant_pickup() returns 0: nothing is left to take back. */
#define PARTIAL_PICKUP_GIANT()						\
	(_giantcnt = freebsd_giant_pickup(_giantcnt))

/*
 * Closes the block DROP_GIANT() opened, as FreeBSD's does. checkpatch
 * flags it (MULTISTATEMENT_MACRO_USE_DO_WHILE): the pair is the API.
 */
#define PICKUP_GIANT()							\
	PARTIAL_PICKUP_GIANT();						\
} while (0)

#include <sys/mutex_pool.h>

#endif /* _BSDCOMPAT_FREEBSD_SYS_MUTEX_H_ */
