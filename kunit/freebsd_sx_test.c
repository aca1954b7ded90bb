// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: FreeBSD sx(9). Each case checks one rule of <sys/sx.h>: shared
 * holders together (sleeping), exclusion under contention, try forms,
 * upgrade and downgrade, exclusive recursion, a shared holder passing a
 * waiting writer, waits ended by signals, free right after unlock, the IPL
 * and big lock given up while waiting, the lock class methods, WITNESS
 * and lockdep, SX_SYSINIT, and every misuse report.
 *
 * The rules sx shares with rwlock(9) are written once, in freebsd_rwcase.c,
 * and run here on sx_ops, a table of <sys/sx.h>'s calls; what only sx has
 * (holders that sleep, the _sig forms, SX_SYSINIT) is here.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>

#include <sys/param.h>
#include <sys/lock.h>
#include <sys/sx.h>

#include "freebsd_rwcase.h"
#include "kunit_helpers.h"

/* ---------------------------------------------------------------------- */
/* <sys/sx.h> for the shared cases                                         */

#define SXLO(sx)	(&(sx)->lock_object)
#define LOSX(lo)	container_of(lo, struct sx, lock_object)

static void sx_init_op(struct lock_object *lo, const char *name, int opts,
		       struct lock_class_key *key)
{
	freebsd_sx_init(LOSX(lo), name, opts, key);
}

static void sx_init_site_a(struct lock_object *lo, const char *name)
{
	sx_init(LOSX(lo), name);
}

static void sx_init_site_b(struct lock_object *lo, const char *name)
{
	sx_init(LOSX(lo), name);
}

static void sx_assert_op(struct lock_object *lo, int what)
{
	sx_assert(LOSX(lo), what);
}

static struct freebsd_rwcore *sx_core_op(struct lock_object *lo)
{
	return &LOSX(lo)->sx_core;
}

RWCASE_CALL(struct sx, sx_destroy)
RWCASE_CALL(struct sx, sx_slock)
RWCASE_CALL(struct sx, sx_xlock)
RWCASE_CALL_INT(struct sx, sx_slock_sig)
RWCASE_CALL_INT(struct sx, sx_xlock_sig)
RWCASE_CALL_INT(struct sx, sx_try_slock)
RWCASE_CALL_INT(struct sx, sx_try_xlock)
RWCASE_CALL(struct sx, sx_sunlock)
RWCASE_CALL(struct sx, sx_xunlock)
RWCASE_CALL(struct sx, sx_unlock)
RWCASE_CALL_INT(struct sx, sx_try_upgrade)
RWCASE_CALL(struct sx, sx_downgrade)
RWCASE_CALL_INT(struct sx, sx_xlocked)

static struct thread *sx_xholder_op(struct lock_object *lo)
{
	return sx_xholder(LOSX(lo));
}

static const struct rwcase_ops sx_ops = {
	.cls		= "sx",
	.lc		= &freebsd_lock_class_sx,
	.sleepable	= true,
	.size		= sizeof(struct sx),
	.tname		= "fsx",
	.assert_file	= __FILE__,
	.init		= sx_init_op,
	.init_site_a	= sx_init_site_a,
	.init_site_b	= sx_init_site_b,
	.destroy	= sx_destroy_op,
	.slock		= sx_slock_op,
	.xlock		= sx_xlock_op,
	.slock_sig	= sx_slock_sig_op,
	.xlock_sig	= sx_xlock_sig_op,
	.try_slock	= sx_try_slock_op,
	.try_xlock	= sx_try_xlock_op,
	.sunlock	= sx_sunlock_op,
	.xunlock	= sx_xunlock_op,
	.unlock		= sx_unlock_op,
	.try_upgrade	= sx_try_upgrade_op,
	.downgrade	= sx_downgrade_op,
	.xlocked	= sx_xlocked_op,
	.xholder	= sx_xholder_op,
	.assert		= sx_assert_op,
	.core		= sx_core_op,
	.op = {
		.init		= "sx_init",
		.destroy	= "sx_destroy",
		.slock		= "sx_slock",
		.xlock		= "sx_xlock",
		.xlock_sig	= "sx_xlock_sig",
		.try_xlock	= "sx_try_xlock",
		.sunlock	= "sx_sunlock",
		.xunlock	= "sx_xunlock",
		.assert		= "sx_assert",
		.try_upgrade	= "sx_try_upgrade",
		.downgrade	= "sx_downgrade",
	},
};

/* ---------------------------------------------------------------------- */
/* Semantics                                                               */

/* Shared holders are inside together, each sleeping until the other is. */
struct together {
	struct sx		sx;
	atomic_t		inside;
	atomic_t		met;
	struct completion	done[2];
};

static int together_fn(void *arg)
{
	struct together *t = arg;
	struct completion *done = &t->done[atomic_inc_return(&t->met) - 1];
	int i;

	sx_slock(&t->sx);
	atomic_inc(&t->inside);
	for (i = 0; i < 10000 && atomic_read(&t->inside) < 2; i++)
		usleep_range(1000, 2000);	/* holders may sleep */
	if (atomic_read(&t->inside) == 2)
		atomic_inc(&t->met);
	usleep_range(1000, 2000);
	sx_sunlock(&t->sx);
	complete(done);
	return 0;
}

static void sx_shared_holders_sleep_together(struct kunit *test)
{
	struct together *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, t);
	sx_init(&t->sx, "together");
	for (i = 0; i < 2; i++)
		init_completion(&t->done[i]);
	for (i = 0; i < 2; i++)
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(together_fn, t,
							   "fsx-sh/%d", i)));
	for (i = 0; i < 2; i++)
		wait_for_completion(&t->done[i]);
	/* met: 2 starts, plus 1 per holder that saw the other inside. */
	KUNIT_EXPECT_EQ(test, atomic_read(&t->met), 4);
	sx_assert(&t->sx, SA_UNLOCKED);
	sx_destroy(&t->sx);
}

RWCASE(sx_exclusion_under_contention, rwcase_exclusion_under_contention, sx_ops)
RWCASE(sx_try_forms, rwcase_try_forms, sx_ops)
RWCASE(sx_try_upgrade_sole_and_shared,
	rwcase_try_upgrade_sole_and_shared, sx_ops)
RWCASE(sx_downgrade_atomic, rwcase_downgrade_atomic, sx_ops)
RWCASE(sx_exclusive_recursion, rwcase_exclusive_recursion, sx_ops)
RWCASE(sx_shared_recursion_passes_waiting_writer,
	rwcase_shared_recursion_passes_waiting_writer, sx_ops)

/* sx_xlock_sig() and sx_slock_sig() end on a signal, without the lock. */
static void sx_sig_interrupted(struct kunit *test)
{
	static const enum rwcase_how how[] = { RWCASE_X_SIG, RWCASE_S_SIG };
	struct rwcase_locker l = {}, r = {};
	struct sx sx;
	int i;

	sx_init(&sx, "sig");
	for (i = 0; i < ARRAY_SIZE(how); i++) {
		sx_xlock(&sx);
		rwcase_locker_run(test, &l, &sx_ops, SXLO(&sx), how[i]);
		rwcase_locker_wait_blocked(test, &l);
		send_sig(SIGUSR1, l.task, 1);
		wait_for_completion(&l.done);
		KUNIT_EXPECT_EQ(test, l.ret, ERESTART);
		KUNIT_EXPECT_FALSE(test, l.inside);
		put_task_struct(l.task);
		sx_assert(&sx, SA_XLOCKED);
		sx_xunlock(&sx);
	}

	/*
	 * A writer that gave up behind readers must not keep new readers
	 * out: a blocking shared locker gets in.
	 */
	sx_slock(&sx);
	rwcase_locker_run(test, &l, &sx_ops, SXLO(&sx), RWCASE_X_SIG);
	rwcase_locker_wait_blocked(test, &l);
	send_sig(SIGUSR1, l.task, 1);
	wait_for_completion(&l.done);
	KUNIT_EXPECT_EQ(test, l.ret, ERESTART);
	put_task_struct(l.task);
	rwcase_locker_hold(test, &r, &sx_ops, SXLO(&sx), RWCASE_S);
	KUNIT_EXPECT_TRUE(test, r.inside);
	rwcase_locker_stop(test, &r);
	sx_sunlock(&sx);

	/* Not waiting: no signal matters. */
	KUNIT_EXPECT_EQ(test, sx_xlock_sig(&sx), 0);
	sx_xunlock(&sx);
	KUNIT_EXPECT_EQ(test, sx_slock_sig(&sx), 0);
	sx_sunlock(&sx);
	sx_destroy(&sx);
}

RWCASE(sx_free_after_unlock, rwcase_free_after_unlock, sx_ops)
RWCASE(sx_wait_gives_up_ipl_and_biglock,
	rwcase_wait_gives_up_ipl_and_biglock, sx_ops)
RWCASE(sx_lock_class_round_trip, rwcase_lock_class_round_trip, sx_ops)
/* sx holds are sleepable: the sleep code lets their holders sleep. */
RWCASE(sx_witness_sleepable, rwcase_witness, sx_ops)
RWCASE(sx_lockdep_class_per_site, rwcase_lockdep_class_per_site, sx_ops)

static struct sx sysinit_sx;
SX_SYSINIT_FLAGS(sysinit_test, &sysinit_sx, "sysinit_sx", SX_RECURSE);

static void sx_sysinit_run(struct kunit *test)
{
	SX_SYSINIT_RUN(sysinit_test);
	KUNIT_EXPECT_STREQ(test, sysinit_sx.lock_object.lo_name, "sysinit_sx");
	sx_xlock(&sysinit_sx);
	sx_xlock(&sysinit_sx);
	sx_assert(&sysinit_sx, SA_XLOCKED | SA_RECURSED);
	sx_xunlock(&sysinit_sx);
	sx_xunlock(&sysinit_sx);
	SX_SYSUNINIT_RUN(sysinit_test);
}

/* ---------------------------------------------------------------------- */
/* Misuse: one report each, naming the lock, the operation and the caller   */

RWCASE(misuse_sx_unlock_not_held, rwcase_misuse_unlock_not_held, sx_ops)
RWCASE(misuse_sx_unlock_by_non_owner, rwcase_misuse_unlock_by_non_owner, sx_ops)
/* With sx_xlock_sig() too, which returns EDEADLK. */
RWCASE(misuse_sx_recursion, rwcase_misuse_recursion, sx_ops)
RWCASE(misuse_sx_destroy_held, rwcase_misuse_destroy_held, sx_ops)
RWCASE(misuse_sx_uninitialized_destroyed_double_init,
	rwcase_misuse_uninitialized_destroyed_double_init, sx_ops)
RWCASE(misuse_sx_assert, rwcase_misuse_assert, sx_ops)
RWCASE(misuse_sx_upgrade_downgrade, rwcase_misuse_upgrade_downgrade, sx_ops)
RWCASE(misuse_sx_from_interrupt, rwcase_misuse_from_interrupt, sx_ops)

static struct kunit_case freebsd_sx_cases[] = {
	KUNIT_CASE(sx_shared_holders_sleep_together),
	KUNIT_CASE(sx_exclusion_under_contention),
	KUNIT_CASE(sx_try_forms),
	KUNIT_CASE(sx_try_upgrade_sole_and_shared),
	KUNIT_CASE(sx_downgrade_atomic),
	KUNIT_CASE(sx_exclusive_recursion),
	KUNIT_CASE(sx_shared_recursion_passes_waiting_writer),
	KUNIT_CASE(sx_sig_interrupted),
	KUNIT_CASE(sx_free_after_unlock),
	KUNIT_CASE(sx_wait_gives_up_ipl_and_biglock),
	KUNIT_CASE(sx_lock_class_round_trip),
	KUNIT_CASE(sx_witness_sleepable),
	KUNIT_CASE(sx_lockdep_class_per_site),
	KUNIT_CASE(sx_sysinit_run),
	KUNIT_CASE(misuse_sx_unlock_not_held),
	KUNIT_CASE(misuse_sx_unlock_by_non_owner),
	KUNIT_CASE(misuse_sx_recursion),
	KUNIT_CASE(misuse_sx_destroy_held),
	KUNIT_CASE(misuse_sx_uninitialized_destroyed_double_init),
	KUNIT_CASE(misuse_sx_assert),
	KUNIT_CASE(misuse_sx_upgrade_downgrade),
	KUNIT_CASE(misuse_sx_from_interrupt),
	{}
};

static struct kunit_suite freebsd_sx_suite = {
	.name = "freebsd_sx",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = freebsd_sx_cases,
};
kunit_test_suite(freebsd_sx_suite);
