/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD rwlock(9) on Linux.
 *
 * The rules, as NetBSD states them:
 *  - Many readers or one writer. A write hold is owned by a thread; read
 *    holds are anonymous (counted, not owned).
 *  - Holders may sleep. Neither kind may be taken from a hard interrupt
 *    handler; neither is recursive (a reader re-entering while a writer
 *    waits deadlocks, as on NetBSD).
 *  - Writers are not starved: once a writer waits, new readers wait too.
 *  - rw_tryupgrade() turns the caller's read hold into a write hold,
 *    atomically, when the caller is the only reader; rw_downgrade() turns a
 *    write hold into a read hold, atomically.
 *  - Once rw_exit() has released the lock, another thread may take it and
 *    free it: rw_exit() never touches it again.
 *  - rw_write_held() means held for write by the caller; rw_read_held()
 *    means held for read by someone. Both are for assertions only.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_RWLOCK_H_
#define _BSDCOMPAT_NETBSD_SYS_RWLOCK_H_

#include <linux/atomic.h>
#include <linux/lockdep.h>
#include <linux/types.h>

#include "../../bsdcompat/lockstat.h"

typedef enum {
	RW_READER = 0,
	RW_WRITER = 1,
} krw_t;

/*
 * The lock. krwlock_t is NetBSD's API type; drivers must not look inside.
 * rw_owner is the writer (a task, with flag bits) or the count of readers
 * (above the flag bits); the memory may be freed as soon as it reads zero.
 */
struct krwlock {
	atomic_long_t		rw_owner;
	u32			rw_magic;
	const char		*rw_name;
	struct bsd_lockstat_lock rw_ls;		/* lockstat: class, hold start */
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	struct lockdep_map	rw_dep_map;
#endif
};
typedef struct krwlock krwlock_t;

void netbsd_rw_init(krwlock_t *rw, const char *name, struct lock_class_key *key);
void netbsd_rw_init_nodebug(krwlock_t *rw, const char *name);
void netbsd_rw_destroy(krwlock_t *rw);
void netbsd_rw_enter(krwlock_t *rw, krw_t op);
void netbsd_rw_enter_nested(krwlock_t *rw, krw_t op, int subclass);
int netbsd_rw_tryenter(krwlock_t *rw, krw_t op);
void netbsd_rw_exit(krwlock_t *rw);
int netbsd_rw_tryupgrade(krwlock_t *rw);
void netbsd_rw_downgrade(krwlock_t *rw);
int netbsd_rw_read_held(krwlock_t *rw);
int netbsd_rw_write_held(krwlock_t *rw);
krw_t netbsd_rw_lock_op(krwlock_t *rw);
krwlock_t *netbsd_rw_obj_alloc(gfp_t gfp, const char *name,
			       struct lock_class_key *key);
void netbsd_rw_obj_hold(krwlock_t *rw);
bool netbsd_rw_obj_free(krwlock_t *rw);
unsigned int netbsd_rw_obj_refcnt(krwlock_t *rw);

/* A macro, so that each call site has a lockdep class of its own. */
#define rw_init(rw)							\
do {									\
	static struct lock_class_key __key;				\
									\
	netbsd_rw_init((rw), #rw, &__key);				\
} while (0)

/*
 * bsdcompat extension: a krwlock that lockdep does not check (its
 * acquisitions are still seen), as MUTEX_NODEBUG is for kmutexes. For a
 * lock whose order lockdep cannot express; say why where it is used.
 */
#define rw_init_nodebug(rw)	netbsd_rw_init_nodebug((rw), #rw)

#define rw_obj_alloc()							\
({									\
	static struct lock_class_key __key;				\
									\
	netbsd_rw_obj_alloc(GFP_KERNEL, "rw_obj@" __FILE__, &__key);	\
})

#define rw_obj_tryalloc()						\
({									\
	static struct lock_class_key __key;				\
									\
	netbsd_rw_obj_alloc(GFP_NOWAIT, "rw_obj@" __FILE__, &__key);	\
})

static inline void rw_destroy(krwlock_t *rw)
{
	netbsd_rw_destroy(rw);
}

static inline void rw_enter(krwlock_t *rw, const krw_t op)
{
	netbsd_rw_enter(rw, op);
}

static inline int rw_tryenter(krwlock_t *rw, const krw_t op)
{
	return netbsd_rw_tryenter(rw, op);
}

/* bsdcompat extension, for lockdep: see mutex_enter_nested(). */
static inline void rw_enter_nested(krwlock_t *rw, const krw_t op, int subclass)
{
	netbsd_rw_enter_nested(rw, op, subclass);
}

static inline void rw_exit(krwlock_t *rw)
{
	netbsd_rw_exit(rw);
}

static inline int rw_tryupgrade(krwlock_t *rw)
{
	return netbsd_rw_tryupgrade(rw);
}

static inline void rw_downgrade(krwlock_t *rw)
{
	netbsd_rw_downgrade(rw);
}

static inline int rw_read_held(krwlock_t *rw)
{
	return netbsd_rw_read_held(rw);
}

static inline int rw_write_held(krwlock_t *rw)
{
	return netbsd_rw_write_held(rw);
}

static inline int rw_lock_held(krwlock_t *rw)
{
	return netbsd_rw_read_held(rw) || netbsd_rw_write_held(rw);
}

static inline krw_t rw_lock_op(krwlock_t *rw)
{
	return netbsd_rw_lock_op(rw);
}

static inline void rw_obj_hold(krwlock_t *rw)
{
	netbsd_rw_obj_hold(rw);
}

static inline bool rw_obj_free(krwlock_t *rw)
{
	return netbsd_rw_obj_free(rw);
}

static inline unsigned int rw_obj_refcnt(krwlock_t *rw)
{
	return netbsd_rw_obj_refcnt(rw);
}

#endif /* _BSDCOMPAT_NETBSD_SYS_RWLOCK_H_ */
