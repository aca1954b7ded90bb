/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD mutex(9) on Linux.
 *
 * The rules, as NetBSD states them:
 *  - An adaptive mutex is owned by a thread. Contended, it spins while the
 *    owner runs and sleeps otherwise; it may not be taken from a hard
 *    interrupt handler.
 *  - A spin mutex is owned by a CPU. It raises the IPL to its own before it
 *    spins; the holder must not sleep or take an adaptive mutex.
 *  - Neither kind is recursive. Mutexes may be released in any order; the
 *    IPL comes back when the CPU's last spin mutex is released.
 *  - Once mutex_exit() has released the mutex, another thread may take it
 *    and free it: mutex_exit() never touches it again.
 *
 * MUTEX_DEFAULT (or MUTEX_DRIVER) at IPL_NONE or a soft IPL gives an
 * adaptive mutex, at IPL_VM and above a spin mutex; MUTEX_SPIN always gives
 * a spin mutex. MUTEX_NODEBUG picks the same way but keeps the mutex out of
 * lockdep's checks.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_MUTEX_H_
#define _BSDCOMPAT_NETBSD_SYS_MUTEX_H_

/*
 * Linux's own <linux/mutex.h> goes first: its mutex_init() and
 * mutex_destroy() are replaced by NetBSD's below, and must not be expanded
 * with NetBSD's meaning inside it.
 */
#include <linux/mutex.h>
/*
 * NetBSD's mutex_init() takes three arguments and replaces Linux's macro
 * below. Linux headers with inline code that calls Linux's mutex_init()
 * (memory_hotplug.h, reached from gfp.h and module.h) are included here,
 * before that, so that a driver may include them after <sys/mutex.h>.
 */
#include <linux/gfp.h>
#include <linux/module.h>
#include <linux/atomic.h>
#include <linux/lockdep.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include <sys/intr.h>
#include "../../bsdcompat/lockstat.h"

typedef enum {
	MUTEX_SPIN	= 0,
	MUTEX_ADAPTIVE	= 1,
	MUTEX_DEFAULT	= 2,
	MUTEX_DRIVER	= 3,
	MUTEX_NODEBUG	= 4,
} kmutex_type_t;

/*
 * The lock. kmutex_t is NetBSD's API type, so it stays a typedef; drivers
 * must not look inside. mtx_owner is the owning task (spin mutexes keep it
 * for diagnostics only) with flag bits below it; the memory it is in may be
 * freed as soon as it reads zero.
 */
enum { KMUTEX_ADAPTIVE = 1, KMUTEX_SPIN = 2 };	/* mtx_type */

struct kmutex {
	atomic_long_t		mtx_owner;
	u32			mtx_magic;
	u8			mtx_type;	/* KMUTEX_ADAPTIVE or KMUTEX_SPIN */
	u8			mtx_ipl;
	const char		*mtx_name;
	struct bsd_lockstat_lock mtx_ls;	/* lockstat: class, hold start */
	union {
		raw_spinlock_t		mtx_spin;	/* spin mutexes */
#ifdef CONFIG_DEBUG_LOCK_ALLOC
		struct lockdep_map	mtx_dep_map;	/* adaptive mutexes */
#endif
	};
};
typedef struct kmutex kmutex_t;

void netbsd_mutex_init(kmutex_t *mtx, kmutex_type_t type, int ipl,
		       const char *name, struct lock_class_key *key);
void netbsd_mutex_destroy(kmutex_t *mtx);
void netbsd_mutex_enter(kmutex_t *mtx);
void netbsd_mutex_enter_nested(kmutex_t *mtx, int subclass);
void netbsd_mutex_exit(kmutex_t *mtx);
int netbsd_mutex_tryenter(kmutex_t *mtx);
void netbsd_mutex_spin_enter(kmutex_t *mtx);
void netbsd_mutex_spin_exit(kmutex_t *mtx);
int netbsd_mutex_owned(const kmutex_t *mtx);
struct task_struct *netbsd_mutex_owner(const kmutex_t *mtx);
kmutex_t *netbsd_mutex_obj_alloc(kmutex_type_t type, int ipl, gfp_t gfp,
				 const char *name, struct lock_class_key *key);
void netbsd_mutex_obj_hold(kmutex_t *mtx);
bool netbsd_mutex_obj_free(kmutex_t *mtx);
unsigned int netbsd_mutex_obj_refcnt(kmutex_t *mtx);

/*
 * mutex_init() is a macro so that each call site has a lockdep class of its
 * own, named after the lock; a function would put every kmutex in one class
 * and lockdep would flag nearly everything (SPL learnt this in 2009).
 */
#undef mutex_init
#define mutex_init(mtx, type, ipl)					\
do {									\
	static struct lock_class_key __key;				\
									\
	netbsd_mutex_init((mtx), (type), (ipl), #mtx, &__key);		\
} while (0)

#define mutex_obj_alloc(type, ipl)					\
({									\
	static struct lock_class_key __key;				\
									\
	netbsd_mutex_obj_alloc((type), (ipl), GFP_KERNEL,		\
			       "mutex_obj@" __FILE__, &__key);		\
})

#define mutex_obj_tryalloc(type, ipl)					\
({									\
	static struct lock_class_key __key;				\
									\
	netbsd_mutex_obj_alloc((type), (ipl), GFP_NOWAIT,		\
			       "mutex_obj@" __FILE__, &__key);		\
})

#undef mutex_destroy
#define mutex_destroy(mtx)	netbsd_mutex_destroy(mtx)

static inline void mutex_enter(kmutex_t *mtx)
{
	netbsd_mutex_enter(mtx);
}

/*
 * bsdcompat extension, for lockdep: enter a mutex while holding another of
 * the same class (same mutex_init() site), at depth @subclass (1, 2, ...).
 */
static inline void mutex_enter_nested(kmutex_t *mtx, int subclass)
{
	netbsd_mutex_enter_nested(mtx, subclass);
}

static inline void mutex_exit(kmutex_t *mtx)
{
	netbsd_mutex_exit(mtx);
}

static inline int mutex_tryenter(kmutex_t *mtx)
{
	return netbsd_mutex_tryenter(mtx);
}

static inline void mutex_spin_enter(kmutex_t *mtx)
{
	netbsd_mutex_spin_enter(mtx);
}

static inline void mutex_spin_exit(kmutex_t *mtx)
{
	netbsd_mutex_spin_exit(mtx);
}

static inline int mutex_owned(const kmutex_t *mtx)
{
	return netbsd_mutex_owned(mtx);
}

static inline struct task_struct *mutex_owner(const kmutex_t *mtx)
{
	return netbsd_mutex_owner(mtx);
}

static inline int mutex_ownable(const kmutex_t *mtx)
{
	return netbsd_mutex_owner(mtx) != current;
}

static inline void mutex_obj_hold(kmutex_t *mtx)
{
	netbsd_mutex_obj_hold(mtx);
}

static inline bool mutex_obj_free(kmutex_t *mtx)
{
	return netbsd_mutex_obj_free(mtx);
}

static inline unsigned int mutex_obj_refcnt(kmutex_t *mtx)
{
	return netbsd_mutex_obj_refcnt(mtx);
}

#endif /* _BSDCOMPAT_NETBSD_SYS_MUTEX_H_ */
