// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: FreeBSD rwlock(9). Each case checks one rule of <sys/rwlock.h>:
 * readers together, exclusion under contention (holders do not sleep),
 * try forms, upgrade and downgrade, write recursion, a reader that holds
 * a read lock passing a waiting writer (the recursive-read deadlock), free
 * right after unlock, the IPL and big lock given up while waiting, the
 * lock class methods, WITNESS (rw is not sleepable) and lockdep,
 * RW_SYSINIT, and every misuse report.
 *
 * The rules rw shares with sx(9) are written once, in freebsd_rwcase.c, and
 * run here on rw_ops, a table of <sys/rwlock.h>'s calls; what only rw has
 * (rw_initialized(), RW_SYSINIT) is here.
 */
#include <kunit/test.h>
#include <linux/kernel.h>

#include <sys/param.h>
#include <sys/lock.h>
#include <sys/rwlock.h>

#include "freebsd_rwcase.h"
#include "kunit_helpers.h"

/* ---------------------------------------------------------------------- */
/* <sys/rwlock.h> for the shared cases                                     */

#define RWLO(rw)	(&(rw)->lock_object)
#define LORW(lo)	container_of(lo, struct rwlock, lock_object)

static void rw_init_op(struct lock_object *lo, const char *name, int opts,
		       struct lock_class_key *key)
{
	freebsd_rw_init(LORW(lo), name, opts, key);
}

static void rw_init_site_a(struct lock_object *lo, const char *name)
{
	rw_init(LORW(lo), name);
}

static void rw_init_site_b(struct lock_object *lo, const char *name)
{
	rw_init(LORW(lo), name);
}

static void rw_assert_op(struct lock_object *lo, int what)
{
	rw_assert(LORW(lo), what);
}

static struct freebsd_rwcore *rw_core_op(struct lock_object *lo)
{
	return &LORW(lo)->rw_core;
}

RWCASE_CALL(struct rwlock, rw_destroy)
RWCASE_CALL(struct rwlock, rw_rlock)
RWCASE_CALL(struct rwlock, rw_wlock)
RWCASE_CALL_INT(struct rwlock, rw_try_rlock)
RWCASE_CALL_INT(struct rwlock, rw_try_wlock)
RWCASE_CALL(struct rwlock, rw_runlock)
RWCASE_CALL(struct rwlock, rw_wunlock)
RWCASE_CALL(struct rwlock, rw_unlock)
RWCASE_CALL_INT(struct rwlock, rw_try_upgrade)
RWCASE_CALL(struct rwlock, rw_downgrade)
RWCASE_CALL_INT(struct rwlock, rw_wowned)

/* No _sig forms and no xholder: the shared cases leave those out. */
static const struct rwcase_ops rw_ops = {
	.cls		= "rw",
	.lc		= &freebsd_lock_class_rw,
	.sleepable	= false,
	.size		= sizeof(struct rwlock),
	.tname		= "frw",
	.assert_file	= __FILE__,
	.init		= rw_init_op,
	.init_site_a	= rw_init_site_a,
	.init_site_b	= rw_init_site_b,
	.destroy	= rw_destroy_op,
	.slock		= rw_rlock_op,
	.xlock		= rw_wlock_op,
	.try_slock	= rw_try_rlock_op,
	.try_xlock	= rw_try_wlock_op,
	.sunlock	= rw_runlock_op,
	.xunlock	= rw_wunlock_op,
	.unlock		= rw_unlock_op,
	.try_upgrade	= rw_try_upgrade_op,
	.downgrade	= rw_downgrade_op,
	.xlocked	= rw_wowned_op,
	.assert		= rw_assert_op,
	.core		= rw_core_op,
	.op = {
		.init		= "rw_init",
		.destroy	= "rw_destroy",
		.slock		= "rw_rlock",
		.xlock		= "rw_wlock",
		.try_xlock	= "rw_try_wlock",
		.sunlock	= "rw_runlock",
		.xunlock	= "rw_wunlock",
		.assert		= "rw_assert",
		.try_upgrade	= "rw_try_upgrade",
		.downgrade	= "rw_downgrade",
	},
};

static int try_wlock_in_thread(struct kunit *test, struct rwlock *rw)
{
	return rwcase_try_in_thread(test, &rw_ops, RWLO(rw), true);
}

/* ---------------------------------------------------------------------- */
/* Semantics                                                               */

/* Readers hold the lock together; a writer waits for both. */
static void rw_readers_together(struct kunit *test)
{
	struct rwcase_locker l = {};
	struct rwlock rw;

	rw_init(&rw, "together");
	rw_rlock(&rw);
	/* Gets in beside us. */
	rwcase_locker_hold(test, &l, &rw_ops, RWLO(&rw), RWCASE_S);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(l.inside));
	rw_assert(&rw, RA_RLOCKED);
	KUNIT_EXPECT_NE(test, rw_try_rlock(&rw), 0);
	rw_runlock(&rw);
	KUNIT_EXPECT_EQ(test, try_wlock_in_thread(test, &rw), 0);
	rwcase_locker_stop(test, &l);
	KUNIT_EXPECT_EQ(test, try_wlock_in_thread(test, &rw), 0);
	rw_runlock(&rw);
	KUNIT_EXPECT_NE(test, try_wlock_in_thread(test, &rw), 0);
	KUNIT_EXPECT_NE(test, rw_initialized(&rw), 0);
	rw_destroy(&rw);
	KUNIT_EXPECT_EQ(test, rw_initialized(&rw), 0);
}

RWCASE(rw_exclusion_under_contention, rwcase_exclusion_under_contention, rw_ops)
RWCASE(rw_try_forms, rwcase_try_forms, rw_ops)
RWCASE(rw_try_upgrade_sole_and_shared,
	rwcase_try_upgrade_sole_and_shared, rw_ops)
RWCASE(rw_downgrade_atomic, rwcase_downgrade_atomic, rw_ops)
RWCASE(rw_exclusive_recursion, rwcase_exclusive_recursion, rw_ops)
RWCASE(rw_shared_recursion_passes_waiting_writer,
	rwcase_shared_recursion_passes_waiting_writer, rw_ops)
RWCASE(rw_free_after_unlock, rwcase_free_after_unlock, rw_ops)
RWCASE(rw_wait_gives_up_ipl_and_biglock,
	rwcase_wait_gives_up_ipl_and_biglock, rw_ops)
RWCASE(rw_lock_class_round_trip, rwcase_lock_class_round_trip, rw_ops)
/*
 * rw holds are not sleepable: the sleep code refuses to sleep with one
 * held, and reports it, unless it is the interlock.
 */
RWCASE(misuse_rw_witness_not_sleepable, rwcase_witness, rw_ops)
RWCASE(rw_lockdep_class_per_site, rwcase_lockdep_class_per_site, rw_ops)

static struct rwlock sysinit_rw;
RW_SYSINIT_FLAGS(sysinit_test, &sysinit_rw, "sysinit_rw", RW_RECURSE);

static void rw_sysinit_run(struct kunit *test)
{
	RW_SYSINIT_RUN(sysinit_test);
	KUNIT_EXPECT_STREQ(test, sysinit_rw.lock_object.lo_name, "sysinit_rw");
	rw_wlock(&sysinit_rw);
	rw_wlock(&sysinit_rw);
	rw_assert(&sysinit_rw, RA_WLOCKED | RA_RECURSED);
	rw_wunlock(&sysinit_rw);
	rw_wunlock(&sysinit_rw);
	RW_SYSUNINIT_RUN(sysinit_test);
}

/* ---------------------------------------------------------------------- */
/* Misuse: one report each, naming the lock, the operation and the caller   */

RWCASE(misuse_rw_unlock_not_held, rwcase_misuse_unlock_not_held, rw_ops)
RWCASE(misuse_rw_unlock_by_non_owner, rwcase_misuse_unlock_by_non_owner, rw_ops)
RWCASE(misuse_rw_recursion, rwcase_misuse_recursion, rw_ops)
RWCASE(misuse_rw_destroy_held, rwcase_misuse_destroy_held, rw_ops)
RWCASE(misuse_rw_uninitialized_destroyed_double_init,
	rwcase_misuse_uninitialized_destroyed_double_init, rw_ops)
RWCASE(misuse_rw_assert, rwcase_misuse_assert, rw_ops)
RWCASE(misuse_rw_upgrade_downgrade, rwcase_misuse_upgrade_downgrade, rw_ops)
RWCASE(misuse_rw_from_interrupt, rwcase_misuse_from_interrupt, rw_ops)

static struct kunit_case freebsd_rwlock_cases[] = {
	KUNIT_CASE(rw_readers_together),
	KUNIT_CASE(rw_exclusion_under_contention),
	KUNIT_CASE(rw_try_forms),
	KUNIT_CASE(rw_try_upgrade_sole_and_shared),
	KUNIT_CASE(rw_downgrade_atomic),
	KUNIT_CASE(rw_exclusive_recursion),
	KUNIT_CASE(rw_shared_recursion_passes_waiting_writer),
	KUNIT_CASE(rw_free_after_unlock),
	KUNIT_CASE(rw_wait_gives_up_ipl_and_biglock),
	KUNIT_CASE(rw_lock_class_round_trip),
	KUNIT_CASE(misuse_rw_witness_not_sleepable),
	KUNIT_CASE(rw_lockdep_class_per_site),
	KUNIT_CASE(rw_sysinit_run),
	KUNIT_CASE(misuse_rw_unlock_not_held),
	KUNIT_CASE(misuse_rw_unlock_by_non_owner),
	KUNIT_CASE(misuse_rw_recursion),
	KUNIT_CASE(misuse_rw_destroy_held),
	KUNIT_CASE(misuse_rw_uninitialized_destroyed_double_init),
	KUNIT_CASE(misuse_rw_assert),
	KUNIT_CASE(misuse_rw_upgrade_downgrade),
	KUNIT_CASE(misuse_rw_from_interrupt),
	{}
};

static struct kunit_suite freebsd_rwlock_suite = {
	.name = "freebsd_rwlock",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = freebsd_rwlock_cases,
};
kunit_test_suite(freebsd_rwlock_suite);
