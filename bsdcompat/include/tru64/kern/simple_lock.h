/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Digital UNIX simple locks.
 *
 * Rules:
 *  - A simple lock is a spin lock: exclusive, not recursive; the holder
 *    must not sleep, nor take a complex lock, nor call unix_master().
 *  - Taking one does not change the spl. Data shared with an interrupt
 *    handler is protected by raising spl first, then taking the lock:
 *    s = splbio(); simple_lock(&l); ... simple_unlock(&l); splx(s);
 *  - Any context may take one; it is a raw_spinlock_t, so it still spins
 *    on PREEMPT_RT.
 *  - simple_lock_terminate() ends its life; it must not be held then.
 *  - Misuse is reported (lockmode on) and refused: a second simple_lock()
 *    by the holder, or by an interrupt that came in on top of the holder,
 *    would spin forever, so it returns without the lock.
 */
#ifndef _BSDCOMPAT_TRU64_KERN_SIMPLE_LOCK_H_
#define _BSDCOMPAT_TRU64_KERN_SIMPLE_LOCK_H_

#include <linux/spinlock_types.h>
#include <sys/types.h>

struct lockinfo;

/*
 * The lock. sl_owner is the holder's owner id (core/adaptive.h) when it was
 * taken with lockmode on, SLOCK_UNCHECKED when it was taken with lockmode
 * off, 0 when free. Drivers must not look inside.
 */
struct slock {
	raw_spinlock_t		sl_lock;
	long			sl_owner;
	unsigned long		sl_where;	/* who took it (lockmode on) */
	const char		*sl_name;
	struct lockinfo		*sl_info;
	u32			sl_magic;
	u32			sl_ctx;		/* contexts it was taken in */
};

#define SLOCK_UNCHECKED		1L

typedef struct slock simple_lock_data_t;
typedef struct slock *simple_lock_t;

#define decl_simple_lock_data(class, name)	class simple_lock_data_t name
#define udecl_simple_lock_data(class, name)	decl_simple_lock_data(class, name)

void tru64_simple_lock_init(simple_lock_t sl, const char *name,
			    struct lock_class_key *key, struct lockinfo *li);
void tru64_simple_lock(simple_lock_t sl);
boolean_t tru64_simple_lock_try(simple_lock_t sl);
void tru64_simple_unlock(simple_lock_t sl);
void tru64_simple_lock_terminate(simple_lock_t sl);
boolean_t tru64_simple_lock_held(simple_lock_t sl);

/* One lockdep class per call site, named after the lock. */
#define simple_lock_init(sl)						\
do {									\
	static struct lock_class_key __key;				\
									\
	tru64_simple_lock_init((sl), #sl, &__key, NULL);		\
} while (0)

/* Join the class @li: its name, order, minimum spl and lockdep class. */
#define simple_lock_setup(sl, li)					\
	tru64_simple_lock_init((sl), (li)->li_name, &(li)->li_key, (li))

#define simple_lock(sl)			tru64_simple_lock(sl)
#define simple_lock_try(sl)		tru64_simple_lock_try(sl)
#define simple_unlock(sl)		tru64_simple_unlock(sl)
#define simple_lock_terminate(sl)	tru64_simple_lock_terminate(sl)

/* Does the caller (this thread, in this context) hold it? Lockmode on. */
#define SLOCK_HOLDER(sl)		tru64_simple_lock_held(sl)

/* The u-prefixed forms are the same locks. */
#define usimple_lock_init(sl)		simple_lock_init(sl)
#define usimple_lock_setup(sl, li)	simple_lock_setup(sl, li)
#define usimple_lock(sl)		simple_lock(sl)
#define usimple_lock_try(sl)		simple_lock_try(sl)
#define usimple_unlock(sl)		simple_unlock(sl)
#define usimple_lock_terminate(sl)	simple_lock_terminate(sl)
#define usimple_lock_addr(sl)		(&(sl))

#endif /* _BSDCOMPAT_TRU64_KERN_SIMPLE_LOCK_H_ */
