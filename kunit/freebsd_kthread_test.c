// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: FreeBSD kproc(9) and kthread(9) as bsdcompat implements them.
 *
 * The threads wait for a stop flag under a mutex, clear their running flag
 * under it and exit; the test "joins" them as a FreeBSD module does before
 * it unloads: it sleeps on the thread (or process) pointer, with the mutex
 * as interlock, until the exit's wakeup. The sleeps are bounded, to fail
 * rather than hang, and a sleep that times out fails the case.
 */
#include <linux/delay.h>
#include <linux/slab.h>

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kthread.h>
#include <sys/mutex.h>
#include <bsdcompat/biglock.h>

#include "kunit_helpers.h"

MODULE_IMPORT_NS(BSDCOMPAT);

#define FKT_ERR		"kthread error: "
#define FKT_WAIT	(10 * hz)

struct fkt {
	struct mtx		mtx;
	bool			running;
	bool			stop;
	bool			giant;		/* what the thread saw */
	void			*self;
	bool			return_early;
	bool			exit_giant;
	bool			thread_exit;	/* kthread_exit(), not kproc_exit() */
	struct proc		*p;
	struct thread		*td;
};

static void fkt_main(void *arg)
{
	struct fkt *t = arg;

	t->giant = mtx_owned(&Giant);
	mtx_lock(&t->mtx);
	t->self = curthread;
	wakeup(&t->self);
	while (!t->stop)
		msleep(&t->stop, &t->mtx, 0, "fktstop", 0);
	t->running = false;
	mtx_unlock(&t->mtx);
	if (t->return_early)
		return;
	if (t->exit_giant)
		mtx_lock(&Giant);
	if (t->thread_exit)
		kthread_exit();
	kproc_exit(0);
}

static struct fkt *fkt_new(struct kunit *test)
{
	struct fkt *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	mtx_init(&t->mtx, "fkt", NULL, MTX_DEF);
	t->running = true;
	return t;
}

/*
 * Wait for the thread to start, stop it and sleep on @chan until its exit
 * wakes us: the exit, not the thread's own code, ends the sleep.
 */
static void fkt_join(struct kunit *test, struct fkt *t, void *chan)
{
	int error = 0;

	mtx_lock(&t->mtx);
	while (!t->self && !error)
		error = msleep(&t->self, &t->mtx, 0, "fktstart", FKT_WAIT);
	KUNIT_EXPECT_EQ(test, error, 0);
	t->stop = true;
	wakeup(&t->stop);
	error = 0;
	while (t->running && !error)
		error = msleep(chan, &t->mtx, 0, "fktjoin", FKT_WAIT);
	mtx_unlock(&t->mtx);
	KUNIT_EXPECT_EQ(test, error, 0);
	KUNIT_EXPECT_FALSE(test, t->running);
	mtx_destroy(&t->mtx);
}

/* kproc_create(): runs func(arg) without Giant; kproc_exit() wakes p. */
static void kproc_create_and_join(struct kunit *test)
{
	struct fkt *t = fkt_new(test);

	mtx_lock(&Giant);	/* the creator's Giant is not the thread's */
	KUNIT_ASSERT_EQ(test, kproc_create(fkt_main, t, &t->p, RFHIGHPID, 0,
					   "fkt%d", 1), 0);
	mtx_unlock(&Giant);
	KUNIT_ASSERT_NOT_NULL(test, t->p);
	fkt_join(test, t, t->p);
	KUNIT_EXPECT_PTR_EQ(test, t->self, (void *)t->p);
	KUNIT_EXPECT_FALSE(test, t->giant);
}

/* kthread_add() to a process; kthread_exit() wakes the thread pointer. */
static void kthread_add_and_join(struct kunit *test)
{
	struct fkt *a = fkt_new(test), *b = fkt_new(test);

	KUNIT_ASSERT_EQ(test, kproc_create(fkt_main, a, &a->p, 0, 0, "fktp"), 0);
	b->thread_exit = true;
	KUNIT_ASSERT_EQ(test, kthread_add(fkt_main, b, a->p, &b->td, 0, 0,
					  "fktt%d", 2), 0);
	KUNIT_ASSERT_NOT_NULL(test, b->td);
	fkt_join(test, b, b->td);
	KUNIT_EXPECT_PTR_EQ(test, b->self, (void *)b->td);
	KUNIT_EXPECT_FALSE(test, b->giant);
	fkt_join(test, a, a->p);
}

/* kproc_kthread_add(): makes the process the first time, then adds. */
static void kproc_kthread_add_makes_proc(struct kunit *test)
{
	struct fkt *a = fkt_new(test), *b = fkt_new(test);
	struct proc *p = NULL;

	a->thread_exit = b->thread_exit = true;
	KUNIT_ASSERT_EQ(test, kproc_kthread_add(fkt_main, a, &p, &a->td, 0, 0,
						"fktproc", "fkta"), 0);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_PTR_EQ(test, (void *)p, (void *)a->td);
	KUNIT_ASSERT_EQ(test, kproc_kthread_add(fkt_main, b, &p, &b->td, 0, 0,
						"fktproc", "fktb"), 0);
	KUNIT_EXPECT_PTR_NE(test, (void *)b->td, (void *)a->td);
	fkt_join(test, b, b->td);
	fkt_join(test, a, a->td);
}

static void misuse_kproc_returns(struct kunit *test)
{
	struct fkt *t = fkt_new(test);
	unsigned long n = bsd_lockdebug_count();

	t->return_early = true;
	KUNIT_ASSERT_EQ(test, kproc_create(fkt_main, t, &t->p, 0, 0, "fktret"),
			0);
	fkt_join(test, t, t->p);
	/* The report comes before the exit's wakeup. */
	EXPECT_REPORT(test, n,
		      FKT_ERR "kproc_create: kernel thread exited prematurely",
		      "lock \"fktret\"");
}

static void misuse_kproc_exit_with_giant(struct kunit *test)
{
	struct fkt *t = fkt_new(test);
	unsigned long n = bsd_lockdebug_count();

	t->exit_giant = true;
	KUNIT_ASSERT_EQ(test, kproc_create(fkt_main, t, &t->p, 0, 0, "fktgnt"),
			0);
	fkt_join(test, t, t->p);
	EXPECT_REPORT(test, n, FKT_ERR "kproc_exit: exiting with Giant held",
		      "lock \"fktgnt\"");
	/* It gave Giant up. */
	mtx_lock(&Giant);
	mtx_unlock(&Giant);
}

static int linux_thread(void *arg)
{
	kthread_exit();
	return 0;
}

static void misuse_kthread_exit_not_ours(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();
	struct task_struct *t;
	int i;

	t = kthread_run(linux_thread, NULL, "fktlinux");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	for (i = 0; i < 1000 && bsd_lockdebug_count() == n; i++)
		schedule_timeout_uninterruptible(1);
	EXPECT_REPORT(test, n,
		      FKT_ERR "kthread_exit: not a thread from kproc_create",
		      "lock \"fktlinux\"");
}

static void misuse_kproc_rfstopped(struct kunit *test)
{
	struct fkt *t = fkt_new(test);
	unsigned long n = bsd_lockdebug_count();

	KUNIT_EXPECT_EQ(test, kproc_create(fkt_main, t, &t->p, RFSTOPPED, 0,
					   "fktstopped"), EINVAL);
	EXPECT_REPORT(test, n, FKT_ERR "kproc_create: RFSTOPPED is not supported",
		      "lock \"\"");
	mtx_destroy(&t->mtx);
}

static struct kunit_case freebsd_kthread_cases[] = {
	KUNIT_CASE(kproc_create_and_join),
	KUNIT_CASE(kthread_add_and_join),
	KUNIT_CASE(kproc_kthread_add_makes_proc),
	KUNIT_CASE(misuse_kproc_returns),
	KUNIT_CASE(misuse_kproc_exit_with_giant),
	KUNIT_CASE(misuse_kthread_exit_not_ours),
	KUNIT_CASE(misuse_kproc_rfstopped),
	{}
};

static struct kunit_suite freebsd_kthread_suite = {
	.name = "freebsd_kthread",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = freebsd_kthread_cases,
};
kunit_test_suite(freebsd_kthread_suite);
