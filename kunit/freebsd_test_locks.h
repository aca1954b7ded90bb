/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Test-only FreeBSD locks for the sleep(9) and condvar(9) suites: they
 * plug into sleep and condvar through struct lock_class, as mtx, rw and
 * sx do, so the suites need none of the real ones.
 *
 *  - struct test_mtx: a sleep mutex over a Linux mutex. Like FreeBSD's
 *    (and the real one), witness tracks it as a non-sleepable lock.
 *  - struct test_sx: a sleepable shared/exclusive lock over an rw_semaphore;
 *    lc_unlock() says how it was held, lc_lock() takes it back that way.
 *  - struct test_spin: a spin mutex over a raw spinlock, interrupts off
 *    while held (not counted by the core as the real one will be).
 */
#ifndef _BSDCOMPAT_KUNIT_FREEBSD_TEST_LOCKS_H_
#define _BSDCOMPAT_KUNIT_FREEBSD_TEST_LOCKS_H_

#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/spinlock.h>

#include <sys/lock.h>
#include <bsdcompat/witness.h>

#include "freebsd_spin_help.h"

/* A sleep mutex. */
struct test_mtx {
	struct lock_object	lock_object;
	struct mutex		m;
	struct task_struct	*owner;
};

static inline void test_mtx_lock(struct test_mtx *t)
{
	mutex_lock(&t->m);
	WRITE_ONCE(t->owner, current);
	bsd_witness_acquire(t, t->lock_object.lo_name, "sleep mutex", false,
			    _RET_IP_);
}

static inline void test_mtx_unlock(struct test_mtx *t)
{
	bsd_witness_release(t);
	WRITE_ONCE(t->owner, NULL);
	mutex_unlock(&t->m);
}

static inline bool test_mtx_owned(const struct test_mtx *t)
{
	return READ_ONCE(t->owner) == current;
}

static inline uintptr_t test_mtx_lc_unlock(struct lock_object *lo)
{
	test_mtx_unlock(container_of(lo, struct test_mtx, lock_object));
	return 0;
}

static inline void test_mtx_lc_lock(struct lock_object *lo, uintptr_t how)
{
	test_mtx_lock(container_of(lo, struct test_mtx, lock_object));
}

static inline bool test_mtx_lc_owned(const struct lock_object *lo)
{
	return test_mtx_owned(container_of(lo, struct test_mtx, lock_object));
}

static const struct lock_class test_mtx_class = {
	.lc_name	= "sleep mutex",
	.lc_flags	= LC_SLEEPLOCK | LC_RECURSABLE,
	.lc_unlock	= test_mtx_lc_unlock,
	.lc_lock	= test_mtx_lc_lock,
	.lc_owned	= test_mtx_lc_owned,
};

static inline void test_mtx_init(struct test_mtx *t, const char *name)
{
	t->lock_object.lo_name = name;
	t->lock_object.lo_class = &test_mtx_class;
	t->lock_object.lo_flags = 0;
	t->owner = NULL;
	mutex_init(&t->m);
}

/* A shared/exclusive lock whose holder may sleep. */
struct test_sx {
	struct lock_object	lock_object;
	struct rw_semaphore	sem;
	struct task_struct	*xowner;
	atomic_t		readers;
};

#define TEST_SX_SHARED		1
#define TEST_SX_EXCLUSIVE	2

static inline void test_sx_slock(struct test_sx *t)
{
	down_read(&t->sem);
	atomic_inc(&t->readers);
}

static inline void test_sx_xlock(struct test_sx *t)
{
	down_write(&t->sem);
	WRITE_ONCE(t->xowner, current);
}

static inline void test_sx_unlock(struct test_sx *t)
{
	if (READ_ONCE(t->xowner) == current) {
		WRITE_ONCE(t->xowner, NULL);
		up_write(&t->sem);
	} else {
		atomic_dec(&t->readers);
		up_read(&t->sem);
	}
}

static inline uintptr_t test_sx_lc_unlock(struct lock_object *lo)
{
	struct test_sx *t = container_of(lo, struct test_sx, lock_object);
	uintptr_t how = READ_ONCE(t->xowner) == current ? TEST_SX_EXCLUSIVE :
			TEST_SX_SHARED;

	test_sx_unlock(t);
	return how;
}

static inline void test_sx_lc_lock(struct lock_object *lo, uintptr_t how)
{
	struct test_sx *t = container_of(lo, struct test_sx, lock_object);

	if (how == TEST_SX_EXCLUSIVE)
		test_sx_xlock(t);
	else
		test_sx_slock(t);
}

/* Readers are anonymous: any read hold counts as the caller's. */
static inline bool test_sx_lc_owned(const struct lock_object *lo)
{
	const struct test_sx *t = container_of(lo, struct test_sx,
					       lock_object);

	return READ_ONCE(t->xowner) == current || atomic_read(&t->readers);
}

static const struct lock_class test_sx_class = {
	.lc_name	= "sx",
	.lc_flags	= LC_SLEEPLOCK | LC_SLEEPABLE | LC_UPGRADABLE,
	.lc_unlock	= test_sx_lc_unlock,
	.lc_lock	= test_sx_lc_lock,
	.lc_owned	= test_sx_lc_owned,
};

static inline void test_sx_init(struct test_sx *t, const char *name)
{
	t->lock_object.lo_name = name;
	t->lock_object.lo_class = &test_sx_class;
	t->lock_object.lo_flags = 0;
	t->xowner = NULL;
	atomic_set(&t->readers, 0);
	init_rwsem(&t->sem);
}

/* A spin mutex: interrupts off while a thread holds it. */
struct test_spin {
	struct lock_object	lock_object;
	raw_spinlock_t		lk;
	unsigned long		flags;	/* the holder's, from before */
	struct task_struct	*owner;	/* thread holders only */
};

static inline void test_spin_lock(struct test_spin *t)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&t->lk, flags);
	t->flags = flags;
	WRITE_ONCE(t->owner, current);
}

static inline void test_spin_unlock(struct test_spin *t)
{
	unsigned long flags = t->flags;

	WRITE_ONCE(t->owner, NULL);
	raw_spin_unlock_irqrestore(&t->lk, flags);
}

static inline uintptr_t test_spin_lc_unlock(struct lock_object *lo)
{
	test_spin_unlock(container_of(lo, struct test_spin, lock_object));
	return 0;
}

static inline void test_spin_lc_lock(struct lock_object *lo, uintptr_t how)
{
	test_spin_lock(container_of(lo, struct test_spin, lock_object));
}

static inline bool test_spin_lc_owned(const struct lock_object *lo)
{
	const struct test_spin *t = container_of(lo, struct test_spin,
						 lock_object);

	return READ_ONCE(t->owner) == current;
}

static const struct lock_class test_spin_class = {
	.lc_name	= "spin mutex",
	.lc_flags	= LC_SPINLOCK | LC_RECURSABLE,
	.lc_unlock	= test_spin_lc_unlock,
	.lc_lock	= test_spin_lc_lock,
	.lc_owned	= test_spin_lc_owned,
};

static inline void test_spin_init(struct test_spin *t, const char *name)
{
	t->lock_object.lo_name = name;
	t->lock_object.lo_class = &test_spin_class;
	t->lock_object.lo_flags = 0;
	t->owner = NULL;
	raw_spin_lock_init(&t->lk);
}

#endif /* _BSDCOMPAT_KUNIT_FREEBSD_TEST_LOCKS_H_ */
