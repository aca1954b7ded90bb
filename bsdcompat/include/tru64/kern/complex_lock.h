/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Digital UNIX complex locks (Mach lock_t): sleeping reader/writer locks.
 *
 * Rules:
 *  - Many readers or one writer; holders may sleep. Thread context only,
 *    never with a simple lock held.
 *  - Writers have priority: a waiting writer or upgrader holds off new
 *    readers.
 *  - lock_done() releases whichever hold the caller has.
 *  - lock_read_to_write() returns TRUE when the upgrade FAILED (another
 *    reader is upgrading); the read hold is gone then.
 *  - After lock_set_recursive(), the write holder may take the lock again
 *    (read or write); each take is matched by a lock_done().
 *  - lock_init(l, FALSE) gives a lock whose waiters spin instead of sleep.
 *
 * TODO(complex locks): the struct and the implementation are being written
 * in bsdcompat/tru64/complex_lock.c.
 */
#ifndef _BSDCOMPAT_TRU64_KERN_COMPLEX_LOCK_H_
#define _BSDCOMPAT_TRU64_KERN_COMPLEX_LOCK_H_

#include <sys/types.h>

struct lockinfo;
struct lock_class_key;

struct lock {
	long		lk_placeholder;
};

typedef struct lock lock_data_t;
typedef struct lock *lock_t;

void tru64_lock_init(lock_t l, boolean_t can_sleep, const char *name,
		     struct lock_class_key *key, struct lockinfo *li);
void tru64_lock_read(lock_t l);
void tru64_lock_write(lock_t l);
void tru64_lock_done(lock_t l);
/* Does the caller hold @l for writing? (For interlock checks.) */
boolean_t tru64_lock_write_held(lock_t l);
/* Is @l held at all, by anyone? */
boolean_t tru64_lock_held(lock_t l);

#define lock_init(l, can_sleep)						\
do {									\
	static struct lock_class_key __key;				\
									\
	tru64_lock_init((l), (can_sleep), #l, &__key, NULL);		\
} while (0)

#define lock_read(l)		tru64_lock_read(l)
#define lock_write(l)		tru64_lock_write(l)
#define lock_done(l)		tru64_lock_done(l)

#endif /* _BSDCOMPAT_TRU64_KERN_COMPLEX_LOCK_H_ */
