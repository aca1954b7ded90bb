/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FreeBSD rwlock(9): reader/writer mutexes.
 *
 * Rules:
 *  - Many readers or one writer. Holders must not sleep (waiting for
 *    another lock is fine); thread context only. Read holds may recurse
 *    without a flag: a reader is let in past a waiting writer if it holds
 *    a read lock already. Write recursion needs RW_RECURSE.
 *  - rw_try_upgrade() succeeds only for the sole reader; it and
 *    rw_downgrade() are atomic. An unlocked lock may be freed at once.
 */
#ifndef _BSDCOMPAT_FREEBSD_SYS_RWLOCK_H_
#define _BSDCOMPAT_FREEBSD_SYS_RWLOCK_H_

#include <sys/_rwcore.h>
#include <sys/lock.h>
#include <sys/types.h>

/* Linux has rwlock_t but no struct rwlock: no clash. */
struct rwlock {
	struct lock_object	lock_object;	/* first, as in FreeBSD */
	struct freebsd_rwcore	rw_core;
};

#define RW_DUPOK	FREEBSD_LO_DUPOK
#define RW_NOWITNESS	FREEBSD_LO_NOWITNESS
#define RW_NOPROFILE	FREEBSD_LO_NOPROFILE
#define RW_RECURSE	FREEBSD_LO_RECURSE
#define RW_QUIET	FREEBSD_LO_QUIET
#define RW_NEW		FREEBSD_LO_NEW

#define RA_LOCKED	LA_LOCKED
#define RA_RLOCKED	LA_SLOCKED
#define RA_WLOCKED	LA_XLOCKED
#define RA_UNLOCKED	LA_UNLOCKED
#define RA_RECURSED	LA_RECURSED
#define RA_NOTRECURSED	LA_NOTRECURSED

extern const struct lock_class freebsd_lock_class_rw;

void freebsd_rw_init(struct rwlock *rw, const char *name, int opts,
		     struct lock_class_key *key);
void freebsd_rw_destroy(struct rwlock *rw);
void freebsd_rw_rlock(struct rwlock *rw);
void freebsd_rw_wlock(struct rwlock *rw);
int freebsd_rw_try_rlock(struct rwlock *rw);
int freebsd_rw_try_wlock(struct rwlock *rw);
void freebsd_rw_runlock(struct rwlock *rw);
void freebsd_rw_wunlock(struct rwlock *rw);
void freebsd_rw_unlock(struct rwlock *rw);
int freebsd_rw_try_upgrade(struct rwlock *rw);
void freebsd_rw_downgrade(struct rwlock *rw);
int freebsd_rw_wowned(const struct rwlock *rw);
int freebsd_rw_initialized(const struct rwlock *rw);
void freebsd_rw_assert(const struct rwlock *rw, int what, const char *file,
		       int line);

/* Macros, so that each call site has a lockdep class of its own. */
#define rw_init_flags(rw, name, opts)					\
do {									\
	static struct lock_class_key __key;				\
									\
	freebsd_rw_init((rw), (name), (opts), &__key);			\
} while (0)
#define rw_init(rw, name)	rw_init_flags((rw), (name), 0)

static inline void rw_destroy(struct rwlock *rw)
{
	freebsd_rw_destroy(rw);
}

static inline void rw_rlock(struct rwlock *rw)
{
	freebsd_rw_rlock(rw);
}

static inline void rw_wlock(struct rwlock *rw)
{
	freebsd_rw_wlock(rw);
}

static inline int rw_try_rlock(struct rwlock *rw)
{
	return freebsd_rw_try_rlock(rw);
}

static inline int rw_try_wlock(struct rwlock *rw)
{
	return freebsd_rw_try_wlock(rw);
}

static inline void rw_runlock(struct rwlock *rw)
{
	freebsd_rw_runlock(rw);
}

static inline void rw_wunlock(struct rwlock *rw)
{
	freebsd_rw_wunlock(rw);
}

static inline void rw_unlock(struct rwlock *rw)
{
	freebsd_rw_unlock(rw);
}

static inline int rw_try_upgrade(struct rwlock *rw)
{
	return freebsd_rw_try_upgrade(rw);
}

static inline void rw_downgrade(struct rwlock *rw)
{
	freebsd_rw_downgrade(rw);
}

static inline int rw_wowned(const struct rwlock *rw)
{
	return freebsd_rw_wowned(rw);
}

static inline int rw_initialized(const struct rwlock *rw)
{
	return freebsd_rw_initialized(rw);
}

#define rw_assert(rw, what)						\
	freebsd_rw_assert((rw), (what), __FILE__, __LINE__)

/*
 * RW_SYSINIT(name, rw, desc): as SX_SYSINIT in <sys/sx.h>: the module's
 * init and exit functions call RW_SYSINIT_RUN(name) and
 * RW_SYSUNINIT_RUN(name), or rw_sysinit() and rw_sysuninit() on
 * &name_rw_args.
 */
struct rw_args {
	struct rwlock		*ra_rw;
	const char		*ra_desc;
	int			ra_flags;
	struct lock_class_key	*ra_key;
};

#define RW_SYSINIT_FLAGS(name, rwa, desc, flags)			\
	static struct lock_class_key name##_rw_key;			\
	static const struct rw_args name##_rw_args = {			\
		.ra_rw = (rwa), .ra_desc = (desc), .ra_flags = (flags),	\
		.ra_key = &name##_rw_key,				\
	}
#define RW_SYSINIT(name, rwa, desc)	RW_SYSINIT_FLAGS(name, rwa, desc, 0)

static inline void rw_sysinit(const struct rw_args *ra)
{
	freebsd_rw_init(ra->ra_rw, ra->ra_desc, ra->ra_flags, ra->ra_key);
}

static inline void rw_sysuninit(const struct rw_args *ra)
{
	freebsd_rw_destroy(ra->ra_rw);
}

#define RW_SYSINIT_RUN(name)	rw_sysinit(&name##_rw_args)
#define RW_SYSUNINIT_RUN(name)	rw_sysuninit(&name##_rw_args)

#endif /* _BSDCOMPAT_FREEBSD_SYS_RWLOCK_H_ */
