/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FreeBSD sx(9): shared/exclusive locks whose holders may sleep.
 *
 * Rules:
 *  - Many shared holders or one exclusive owner; holders may sleep. Thread
 *    context only. Writers are not starved, but a thread that already holds
 *    a shared lock is let in past a waiting writer (no self-deadlock).
 *  - Exclusive recursion needs SX_RECURSE; sx_try_upgrade() succeeds only
 *    for the sole shared holder; both it and sx_downgrade() are atomic.
 *  - Once unlocked the lock is not touched again: it may be freed at once.
 */
#ifndef _BSDCOMPAT_FREEBSD_SYS_SX_H_
#define _BSDCOMPAT_FREEBSD_SYS_SX_H_

#include <sys/_rwcore.h>
#include <sys/lock.h>
#include <sys/types.h>

struct sx {
	struct lock_object	lock_object;	/* first, as in FreeBSD */
	struct freebsd_rwcore	sx_core;
};

#define SX_DUPOK	FREEBSD_LO_DUPOK
#define SX_NOWITNESS	FREEBSD_LO_NOWITNESS
#define SX_NOPROFILE	FREEBSD_LO_NOPROFILE
#define SX_RECURSE	FREEBSD_LO_RECURSE
#define SX_QUIET	FREEBSD_LO_QUIET
#define SX_NOADAPTIVE	FREEBSD_LO_NOADAPTIVE
#define SX_NEW		FREEBSD_LO_NEW

#define SA_LOCKED	LA_LOCKED
#define SA_SLOCKED	LA_SLOCKED
#define SA_XLOCKED	LA_XLOCKED
#define SA_UNLOCKED	LA_UNLOCKED
#define SA_RECURSED	LA_RECURSED
#define SA_NOTRECURSED	LA_NOTRECURSED

extern const struct lock_class freebsd_lock_class_sx;

void freebsd_sx_init(struct sx *sx, const char *desc, int opts,
		     struct lock_class_key *key);
void freebsd_sx_destroy(struct sx *sx);
void freebsd_sx_slock(struct sx *sx);
void freebsd_sx_xlock(struct sx *sx);
int freebsd_sx_slock_sig(struct sx *sx);
int freebsd_sx_xlock_sig(struct sx *sx);
int freebsd_sx_try_slock(struct sx *sx);
int freebsd_sx_try_xlock(struct sx *sx);
void freebsd_sx_sunlock(struct sx *sx);
void freebsd_sx_xunlock(struct sx *sx);
void freebsd_sx_unlock(struct sx *sx);
int freebsd_sx_try_upgrade(struct sx *sx);
void freebsd_sx_downgrade(struct sx *sx);
int freebsd_sx_xlocked(const struct sx *sx);
struct thread *freebsd_sx_xholder(const struct sx *sx);
void freebsd_sx_assert(const struct sx *sx, int what, const char *file,
		       int line);

/* Macros, so that each call site has a lockdep class of its own. */
#define sx_init_flags(sx, desc, opts)					\
do {									\
	static struct lock_class_key __key;				\
									\
	freebsd_sx_init((sx), (desc), (opts), &__key);			\
} while (0)
#define sx_init(sx, desc)	sx_init_flags((sx), (desc), 0)

static inline void sx_destroy(struct sx *sx)
{
	freebsd_sx_destroy(sx);
}

static inline void sx_slock(struct sx *sx)
{
	freebsd_sx_slock(sx);
}

static inline void sx_xlock(struct sx *sx)
{
	freebsd_sx_xlock(sx);
}

static inline int sx_slock_sig(struct sx *sx)
{
	return freebsd_sx_slock_sig(sx);
}

static inline int sx_xlock_sig(struct sx *sx)
{
	return freebsd_sx_xlock_sig(sx);
}

static inline int sx_try_slock(struct sx *sx)
{
	return freebsd_sx_try_slock(sx);
}

static inline int sx_try_xlock(struct sx *sx)
{
	return freebsd_sx_try_xlock(sx);
}

static inline void sx_sunlock(struct sx *sx)
{
	freebsd_sx_sunlock(sx);
}

static inline void sx_xunlock(struct sx *sx)
{
	freebsd_sx_xunlock(sx);
}

static inline void sx_unlock(struct sx *sx)
{
	freebsd_sx_unlock(sx);
}

static inline int sx_try_upgrade(struct sx *sx)
{
	return freebsd_sx_try_upgrade(sx);
}

static inline void sx_downgrade(struct sx *sx)
{
	freebsd_sx_downgrade(sx);
}

static inline int sx_xlocked(const struct sx *sx)
{
	return freebsd_sx_xlocked(sx);
}

static inline struct thread *sx_xholder(const struct sx *sx)
{
	return freebsd_sx_xholder(sx);
}

#define sx_assert(sx, what)						\
	freebsd_sx_assert((sx), (what), __FILE__, __LINE__)

/*
 * SX_SYSINIT(name, sx, desc): FreeBSD runs it from a linker set at boot or
 * module load; a Linux module has none, so this defines the arguments
 * (name_sx_args) and the module's init and exit functions call
 * SX_SYSINIT_RUN(name) and SX_SYSUNINIT_RUN(name), or sx_sysinit() and
 * sx_sysuninit() on &name_sx_args.
 */
struct sx_args {
	struct sx		*sa_sx;
	const char		*sa_desc;
	int			sa_flags;
	struct lock_class_key	*sa_key;
};

#define SX_SYSINIT_FLAGS(name, sxa, desc, flags)			\
	static struct lock_class_key name##_sx_key;			\
	static const struct sx_args name##_sx_args = {			\
		.sa_sx = (sxa), .sa_desc = (desc), .sa_flags = (flags),	\
		.sa_key = &name##_sx_key,				\
	}
#define SX_SYSINIT(name, sxa, desc)	SX_SYSINIT_FLAGS(name, sxa, desc, 0)

static inline void sx_sysinit(const struct sx_args *sa)
{
	freebsd_sx_init(sa->sa_sx, sa->sa_desc, sa->sa_flags, sa->sa_key);
}

static inline void sx_sysuninit(const struct sx_args *sa)
{
	freebsd_sx_destroy(sa->sa_sx);
}

#define SX_SYSINIT_RUN(name)	sx_sysinit(&name##_sx_args)
#define SX_SYSUNINIT_RUN(name)	sx_sysuninit(&name##_sx_args)

#endif /* _BSDCOMPAT_FREEBSD_SYS_SX_H_ */
