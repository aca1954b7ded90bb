// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: NetBSD kthread(9) as bsdcompat implements it.
 *
 * This file sees NetBSD's kthread_create() and kthread_exit(), as a driver
 * would; Linux's kthread_run() is not usable here.
 */
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/err.h>
#include <linux/numa.h>
#include <linux/sched/task.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include <sys/cpu.h>
#include <sys/kthread.h>
#include <sys/systm.h>

#include "kunit_helpers.h"

#define KT_ERR	"kthread error: "

struct kt_case {
	bool			ran;
	bool			klocked;
	int			cpu;
	unsigned int		nr_allowed;
	lwp_t			*self;
	bool			ret;		/* return instead of exiting */
	struct completion	go;		/* only if waiting */
	bool			wait;
	struct completion	done;
};

static void kt_func(void *arg)
{
	struct kt_case *c = arg;
	bool ret;

	c->ran = true;
	c->klocked = bsd_kernel_locked_p();
	c->cpu = raw_smp_processor_id();
	c->nr_allowed = current->nr_cpus_allowed;
	c->self = curlwp;
	if (c->wait)
		wait_for_completion(&c->go);
	/* After complete() the case may have returned and freed @c. */
	ret = c->ret;
	complete(&c->done);
	if (ret)
		return;
	kthread_exit(0);
}

static struct kt_case *kt_case_new(struct kunit *test)
{
	struct kt_case *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	init_completion(&c->go);
	init_completion(&c->done);
	c->cpu = -1;
	return c;
}

static void kthread_mpsafe_join(struct kunit *test)
{
	struct kt_case *c = kt_case_new(test);
	lwp_t *l = NULL;

	KUNIT_ASSERT_EQ(test, kthread_create(PRI_NONE,
					     KTHREAD_MPSAFE | KTHREAD_MUSTJOIN,
					     NULL, kt_func, c, &l, "kt-%s-%d",
					     "mp", 1), 0);
	KUNIT_ASSERT_NOT_NULL(test, l);
	KUNIT_EXPECT_EQ(test, kthread_join(l), 0);
	KUNIT_EXPECT_TRUE(test, c->ran);
	KUNIT_EXPECT_FALSE(test, c->klocked);
	KUNIT_EXPECT_PTR_EQ(test, c->self, l);
	KUNIT_EXPECT_TRUE(test, completion_done(&c->done));
}

/* Without KTHREAD_MPSAFE the thread holds the kernel lock; join drops ours. */
static void kthread_kernel_lock(struct kunit *test)
{
	struct kt_case *c = kt_case_new(test);
	lwp_t *l;
	int err;

	KUNIT_ASSERT_EQ(test, kthread_create(PRI_NONE, KTHREAD_MUSTJOIN, NULL,
					     kt_func, c, &l, "kt-kl"), 0);
	KERNEL_LOCK(1, NULL);
	err = kthread_join(l);	/* the thread needs the lock to start */
	KERNEL_UNLOCK_ONE(NULL);
	KUNIT_EXPECT_EQ(test, err, 0);
	KUNIT_EXPECT_TRUE(test, c->ran);
	KUNIT_EXPECT_TRUE(test, c->klocked);
	KUNIT_EXPECT_FALSE(test, bsd_kernel_locked_p());
}

/* Bound to each online CPU in turn, with the other flags accepted. */
static void kthread_bound(struct kunit *test)
{
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		struct kt_case *c = kt_case_new(test);
		lwp_t *l;

		KUNIT_ASSERT_EQ(test,
				kthread_create(PRI_NONE, KTHREAD_MPSAFE |
					       KTHREAD_MUSTJOIN | KTHREAD_INTR |
					       KTHREAD_TS, cpu_lookup(cpu),
					       kt_func, c, &l, "kt-cpu%u", cpu),
				0);
		KUNIT_EXPECT_EQ(test, kthread_join(l), 0);
		KUNIT_EXPECT_EQ(test, c->cpu, (int)cpu);
		KUNIT_EXPECT_EQ(test, c->nr_allowed, 1u);
	}
}

/* A thread that is not joined cleans up after itself. */
static void kthread_detached(struct kunit *test)
{
	struct kt_case *c = kt_case_new(test);

	KUNIT_ASSERT_EQ(test, kthread_create(PRI_NONE, 0, NULL, kt_func, c,
					     NULL, "kt-detached"), 0);
	wait_for_completion(&c->done);
	KUNIT_EXPECT_TRUE(test, c->ran);
	KUNIT_EXPECT_TRUE(test, c->klocked);
}

static void misuse_kthread_bad_flags(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();
	lwp_t *l = NULL;

	KUNIT_EXPECT_EQ(test, kthread_create(PRI_NONE, 0x100, NULL, kt_func,
					     NULL, &l, "kt-bad"), EINVAL);
	EXPECT_REPORT(test, n, KT_ERR "kthread_create: bad flags", "kthread");
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, kthread_create(PRI_NONE, KTHREAD_IDLE, NULL,
					     kt_func, NULL, &l, "kt-idle"),
			EINVAL);
	EXPECT_REPORT(test, n,
		      KT_ERR "kthread_create: KTHREAD_IDLE is not supported",
		      "kthread");
	KUNIT_EXPECT_NULL(test, l);
}

static void misuse_kthread_join_not_joinable(struct kunit *test)
{
	struct kt_case *c = kt_case_new(test);
	unsigned long n;
	lwp_t *l;

	c->wait = true;		/* alive until we say so */
	KUNIT_ASSERT_EQ(test, kthread_create(PRI_NONE, KTHREAD_MPSAFE, NULL,
					     kt_func, c, &l, "kt-nojoin"), 0);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, kthread_join(l), EINVAL);
	EXPECT_REPORT(test, n,
		      KT_ERR "kthread_join: thread not created with KTHREAD_MUSTJOIN",
		      "kthread");
	complete(&c->go);
	wait_for_completion(&c->done);

	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, kthread_join(curlwp), EINVAL);
	EXPECT_REPORT(test, n,
		      KT_ERR "kthread_join: not a thread from kthread_create",
		      "kthread");
}

static void misuse_kthread_func_returns(struct kunit *test)
{
	struct kt_case *c = kt_case_new(test);
	unsigned long n = bsd_lockdebug_count();
	lwp_t *l;

	c->ret = true;
	KUNIT_ASSERT_EQ(test, kthread_create(PRI_NONE, KTHREAD_MUSTJOIN, NULL,
					     kt_func, c, &l, "kt-ret"), 0);
	KUNIT_EXPECT_EQ(test, kthread_join(l), 0);
	EXPECT_REPORT(test, n,
		      KT_ERR "kthread_create: thread function returned without kthread_exit",
		      "kt-ret");
	KUNIT_EXPECT_TRUE(test, c->klocked);
}

static void kt_join_self(void *arg)
{
	struct kt_case *c = arg;

	c->ran = kthread_join(curlwp) == EINVAL;
	kthread_exit(0);
}

static void misuse_kthread_join_self(struct kunit *test)
{
	struct kt_case *c = kt_case_new(test);
	unsigned long n = bsd_lockdebug_count();
	lwp_t *l;

	KUNIT_ASSERT_EQ(test, kthread_create(PRI_NONE, KTHREAD_MPSAFE |
					     KTHREAD_MUSTJOIN, NULL,
					     kt_join_self, c, &l, "kt-self"),
			0);
	KUNIT_EXPECT_EQ(test, kthread_join(l), 0);
	EXPECT_REPORT(test, n, KT_ERR "kthread_join: thread joining itself",
		      "kthread");
	KUNIT_EXPECT_TRUE(test, c->ran);
}

/* A Linux kthread, not from kthread_create(), calls kthread_exit(). */
static int linux_thread(void *arg)
{
	complete(arg);
	kthread_exit(3);
}

static void misuse_kthread_exit_foreign(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();
	struct task_struct *t;
	DECLARE_COMPLETION_ONSTACK(started);

	t = kthread_create_on_node(linux_thread, &started, NUMA_NO_NODE,
				   "kt-linux");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	get_task_struct(t);
	wake_up_process(t);
	wait_for_completion(&started);
	KUNIT_EXPECT_EQ(test, kthread_stop(t), 3);
	put_task_struct(t);
	EXPECT_REPORT(test, n,
		      KT_ERR "kthread_exit: not a thread from kthread_create",
		      "kt-linux");
}

static struct kunit_case netbsd_kthread_cases[] = {
	KUNIT_CASE(kthread_mpsafe_join),
	KUNIT_CASE(kthread_kernel_lock),
	KUNIT_CASE(kthread_bound),
	KUNIT_CASE(kthread_detached),
	KUNIT_CASE(misuse_kthread_bad_flags),
	KUNIT_CASE(misuse_kthread_join_not_joinable),
	KUNIT_CASE(misuse_kthread_func_returns),
	KUNIT_CASE(misuse_kthread_join_self),
	KUNIT_CASE(misuse_kthread_exit_foreign),
	{}
};

static struct kunit_suite netbsd_kthread_suite = {
	.name = "netbsd_kthread",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = netbsd_kthread_cases,
};
kunit_test_suite(netbsd_kthread_suite);
