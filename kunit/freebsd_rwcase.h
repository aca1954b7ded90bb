/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The cases that the sx(9) and rwlock(9) suites share (freebsd_rwcase.c).
 *
 * Both locks are one engine behind two APIs (bsdcompat/freebsd/rwcommon.h),
 * so a rule of the engine is written once, here, and each suite runs it
 * through a table of its own API's calls: the case checks that API, not
 * some common entry point. What only one of them has stays in its suite:
 * sx holders sleeping together and sx_*_sig(), rw readers together and
 * rw_initialized(), and the SYSINIT macros.
 *
 * A lock is handled as the struct lock_object that both struct sx and
 * struct rwlock start with; the table's calls find the lock around it.
 */
#ifndef _BSDCOMPAT_KUNIT_FREEBSD_RWCASE_H_
#define _BSDCOMPAT_KUNIT_FREEBSD_RWCASE_H_

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/sched.h>

#include <sys/_rwcore.h>
#include <sys/lock.h>

struct thread;

/*
 * One lock's API. Where the API has no such call (rw has no _sig forms and
 * no xholder) the pointer is NULL and the cases leave that check out.
 */
struct rwcase_ops {
	const char		*cls;		/* reports: "<cls> error: " */
	const struct lock_class	*lc;
	bool			sleepable;	/* holders may sleep */
	size_t			size;		/* of the lock */
	const char		*tname;		/* threads' name prefix */
	const char		*assert_file;	/* where ->assert() asserts */

	/*
	 * The init function, with the lockdep class passed in: the shared
	 * cases pass one per call site (rwcase_init()), as the API's init
	 * macros do, so that a case's lock is not of another case's class
	 * (the interrupt case's is taken in a hard interrupt).
	 */
	void (*init)(struct lock_object *lo, const char *name, int opts,
		     struct lock_class_key *key);
	/* Two calls of the API's own init macro, for the lockdep class case. */
	void (*init_site_a)(struct lock_object *lo, const char *name);
	void (*init_site_b)(struct lock_object *lo, const char *name);
	void (*destroy)(struct lock_object *lo);
	void (*slock)(struct lock_object *lo);
	void (*xlock)(struct lock_object *lo);
	int (*slock_sig)(struct lock_object *lo);
	int (*xlock_sig)(struct lock_object *lo);
	int (*try_slock)(struct lock_object *lo);
	int (*try_xlock)(struct lock_object *lo);
	void (*sunlock)(struct lock_object *lo);
	void (*xunlock)(struct lock_object *lo);
	void (*unlock)(struct lock_object *lo);
	int (*try_upgrade)(struct lock_object *lo);
	void (*downgrade)(struct lock_object *lo);
	int (*xlocked)(struct lock_object *lo);
	struct thread *(*xholder)(struct lock_object *lo);
	void (*assert)(struct lock_object *lo, int what);
	struct freebsd_rwcore *(*core)(struct lock_object *lo);

	/* The API's names for its calls, as its misuse reports give them. */
	struct {
		const char	*init;
		const char	*destroy;
		const char	*slock;
		const char	*xlock;
		const char	*xlock_sig;
		const char	*try_xlock;
		const char	*sunlock;
		const char	*xunlock;
		const char	*assert;
		const char	*try_upgrade;
		const char	*downgrade;
	} op;
};

/*
 * Wrappers with the table's signature around an API call that takes the
 * lock alone: RWCASE_CALL(struct sx, sx_slock) defines sx_slock_op().
 */
#define RWCASE_CALL(type, fn)						\
static void fn##_op(struct lock_object *lo)				\
{									\
	fn(container_of(lo, type, lock_object));			\
}

#define RWCASE_CALL_INT(type, fn)					\
static int fn##_op(struct lock_object *lo)				\
{									\
	return fn(container_of(lo, type, lock_object));			\
}

/* Defines the suite's case @name as the shared case @fn on @ops. */
#define RWCASE(name, fn, ops)						\
static void name(struct kunit *test)					\
{									\
	fn(test, &(ops));						\
}

/* Room for a lock, in kunit memory. */
struct lock_object *rwcase_alloc(struct kunit *test,
				 const struct rwcase_ops *ops);

/* Initialise @lo through @ops, with a lockdep class for this call site. */
#define rwcase_init(ops, lo, name, opts)				\
do {									\
	static struct lock_class_key __key;				\
									\
	(ops)->init((lo), (name), (opts), &__key);			\
} while (0)

/* Another thread that takes the lock and holds it until stopped. */
enum rwcase_how { RWCASE_S, RWCASE_X, RWCASE_S_SIG, RWCASE_X_SIG };

struct rwcase_locker {
	const struct rwcase_ops	*ops;
	struct lock_object	*lo;
	enum rwcase_how		how;
	int			ret;		/* of the _sig forms */
	bool			inside;
	bool			bigtaken;	/* took the big lock while held */
	bool			take_biglock;	/* ... before releasing */
	struct task_struct	*task;
	struct completion	started;	/* signals allowed */
	struct completion	held;
	struct completion	release;
	struct completion	done;
};

/* Start it; it may still be on its way to the lock, or waiting in it. */
void rwcase_locker_run(struct kunit *test, struct rwcase_locker *l,
		       const struct rwcase_ops *ops, struct lock_object *lo,
		       enum rwcase_how how);
/* Start it and return once it holds the lock. */
void rwcase_locker_hold(struct kunit *test, struct rwcase_locker *l,
			const struct rwcase_ops *ops, struct lock_object *lo,
			enum rwcase_how how);
/* Wait until it is blocked in the lock's wait. */
void rwcase_locker_wait_blocked(struct kunit *test, struct rwcase_locker *l);
/* Let it release the lock, and wait until it has. */
void rwcase_locker_stop(struct kunit *test, struct rwcase_locker *l);

/* A try by another thread, which lets go at once if it got the lock. */
int rwcase_try_in_thread(struct kunit *test, const struct rwcase_ops *ops,
			 struct lock_object *lo, bool excl);

/* The shared cases; freebsd-sx-rwlock.md says what each checks. */
void rwcase_exclusion_under_contention(struct kunit *test,
				       const struct rwcase_ops *ops);
void rwcase_try_forms(struct kunit *test, const struct rwcase_ops *ops);
void rwcase_try_upgrade_sole_and_shared(struct kunit *test,
					const struct rwcase_ops *ops);
void rwcase_downgrade_atomic(struct kunit *test, const struct rwcase_ops *ops);
void rwcase_exclusive_recursion(struct kunit *test,
				const struct rwcase_ops *ops);
void rwcase_shared_recursion_passes_waiting_writer(struct kunit *test,
						   const struct rwcase_ops *ops);
void rwcase_free_after_unlock(struct kunit *test, const struct rwcase_ops *ops);
void rwcase_wait_gives_up_ipl_and_biglock(struct kunit *test,
					  const struct rwcase_ops *ops);
void rwcase_lock_class_round_trip(struct kunit *test,
				  const struct rwcase_ops *ops);
void rwcase_witness(struct kunit *test, const struct rwcase_ops *ops);
void rwcase_lockdep_class_per_site(struct kunit *test,
				   const struct rwcase_ops *ops);
void rwcase_misuse_unlock_not_held(struct kunit *test,
				   const struct rwcase_ops *ops);
void rwcase_misuse_unlock_by_non_owner(struct kunit *test,
				       const struct rwcase_ops *ops);
void rwcase_misuse_recursion(struct kunit *test, const struct rwcase_ops *ops);
void rwcase_misuse_destroy_held(struct kunit *test,
				const struct rwcase_ops *ops);
void rwcase_misuse_uninitialized_destroyed_double_init(struct kunit *test,
						       const struct rwcase_ops *ops);
void rwcase_misuse_assert(struct kunit *test, const struct rwcase_ops *ops);
void rwcase_misuse_upgrade_downgrade(struct kunit *test,
				     const struct rwcase_ops *ops);
void rwcase_misuse_from_interrupt(struct kunit *test,
				  const struct rwcase_ops *ops);

#endif /* _BSDCOMPAT_KUNIT_FREEBSD_RWCASE_H_ */
