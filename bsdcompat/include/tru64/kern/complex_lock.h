/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Digital UNIX complex locks (Mach lock_t): reader/writer locks.
 *
 * Rules:
 *  - Many readers or one writer; holders may sleep. Take one in thread
 *    context only, never with a simple lock held. Writers go first.
 *  - lock_done() releases the caller's hold; read holds are anonymous and
 *    must not be taken twice by one thread (the write holder may recurse
 *    after lock_set_recursive(), each take matched by a lock_done()).
 *  - lock_read_to_write() returns TRUE when the upgrade FAILED (read hold
 *    gone). lock_init(l, FALSE): waiters spin instead of sleeping.
 */
#ifndef _BSDCOMPAT_TRU64_KERN_COMPLEX_LOCK_H_
#define _BSDCOMPAT_TRU64_KERN_COMPLEX_LOCK_H_

#include <linux/atomic.h>
#include <linux/lockdep_types.h>
#include <sys/types.h>
#include <kern/lockinfo.h>

/*
 * The lock. lk_word holds Mach's state: the read count (in units of
 * LK_READ_INC) and the flags below, changed only by compare-and-exchange.
 * lk_owner is the write holder's owner id (core/adaptive.h), 0 when nobody
 * holds it for write; lk_rec_owner the thread allowed to recurse, and
 * lk_rec_depth its takes beyond the first; only the write holder writes
 * those three. Drivers must not look inside.
 */
#define LK_WANT_WRITE	0x1L	/* a writer has claimed the lock */
#define LK_WANT_UPGRADE	0x2L	/* a reader is becoming the writer */
#define LK_WAITING	0x4L	/* someone sleeps: wake on release */
#define LK_READ_INC	0x8L	/* one read hold */

struct lock {
	atomic_long_t		lk_word;
	long			lk_owner;	/* write holder */
	long			lk_rec_owner;	/* may recurse */
	unsigned int		lk_rec_depth;	/* takes beyond the first */
	u8			lk_can_sleep;	/* waiters sleep, else spin */
	u32			lk_magic;
	const char		*lk_name;
	struct lockinfo		*lk_info;
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	struct lockdep_map	lk_dep_map;
#endif
};

typedef struct lock lock_data_t;
typedef struct lock *lock_t;

void tru64_lock_init(lock_t l, boolean_t can_sleep, const char *name,
		     struct lock_class_key *key, struct lockinfo *li);
void tru64_lock_read(lock_t l);
void tru64_lock_write(lock_t l);
void tru64_lock_done(lock_t l);
boolean_t tru64_lock_try_read(lock_t l);
boolean_t tru64_lock_try_write(lock_t l);
boolean_t tru64_lock_read_to_write(lock_t l);
boolean_t tru64_lock_try_read_to_write(lock_t l);
void tru64_lock_write_to_read(lock_t l);
void tru64_lock_set_recursive(lock_t l);
void tru64_lock_clear_recursive(lock_t l);
void tru64_lock_terminate(lock_t l);
/* Does the caller hold @l for writing? (For interlock checks.) */
boolean_t tru64_lock_write_held(lock_t l);
/* Is @l held at all, by anyone? */
boolean_t tru64_lock_held(lock_t l);

/* One lockdep class per call site, named after the lock. */
#define lock_init(l, can_sleep)						\
do {									\
	static struct lock_class_key __key;				\
									\
	tru64_lock_init((l), (can_sleep), #l, &__key, NULL);		\
} while (0)

/* Join the class @li: its name and lockdep class. */
static inline void lock_setup(lock_t l, struct lockinfo *li,
			      boolean_t can_sleep)
{
	tru64_lock_init(l, can_sleep, li->li_name, &li->li_key, li);
}

#define lock_read(l)			tru64_lock_read(l)
#define lock_write(l)			tru64_lock_write(l)
#define lock_done(l)			tru64_lock_done(l)
#define lock_read_done(l)		tru64_lock_done(l)
#define lock_write_done(l)		tru64_lock_done(l)
#define lock_try_read(l)		tru64_lock_try_read(l)
#define lock_try_write(l)		tru64_lock_try_write(l)
#define lock_read_to_write(l)		tru64_lock_read_to_write(l)
#define lock_try_read_to_write(l)	tru64_lock_try_read_to_write(l)
#define lock_write_to_read(l)		tru64_lock_write_to_read(l)
#define lock_set_recursive(l)		tru64_lock_set_recursive(l)
#define lock_clear_recursive(l)		tru64_lock_clear_recursive(l)
#define lock_terminate(l)		tru64_lock_terminate(l)

/* bsdcompat extensions, for assertions. */
#define lock_write_holder(l)		tru64_lock_write_held(l)
#define lock_islocked(l)		tru64_lock_held(l)

#endif /* _BSDCOMPAT_TRU64_KERN_COMPLEX_LOCK_H_ */
