// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: NetBSD softint(9) as bsdcompat implements it.
 *
 * Handlers run in a worker bound to the triggering CPU, so a caller that
 * triggers a softint twice with preemption off knows the handler cannot
 * have started in between: the cases count runs exactly.
 */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cpu.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include <sys/cpu.h>
#include <sys/intr.h>
#include <sys/mutex.h>
#include <sys/systm.h>

#include "kunit_helpers.h"

#define SI_ERR	"softint error: "

struct si_case {
	void			*cookie;
	kmutex_t		mtx;
	atomic_t		runs;
	int			cpu;		/* where the handler ran */
	int			sched_cpu;	/* where it was triggered */
	bool			in_task;
	bool			owned;		/* took the adaptive mutex */
	bool			klocked;
	bool			finished;
	struct completion	entered;
	struct completion	release;	/* only if blocking */
	bool			block;
	bool			self_dis;	/* disestablish from handler */
	bool			leak_kl;	/* return with kernel lock */
	struct hrtimer		timer;
};

static void si_handler(void *arg)
{
	struct si_case *c = arg;

	c->cpu = raw_smp_processor_id();
	c->in_task = in_task();
	c->klocked = bsd_kernel_locked_p();
	mutex_enter(&c->mtx);
	c->owned = mutex_owned(&c->mtx);
	mutex_exit(&c->mtx);
	atomic_inc(&c->runs);
	if (c->self_dis)
		softint_disestablish(c->cookie);
	if (c->leak_kl)
		KERNEL_LOCK(1, NULL);
	complete(&c->entered);
	if (c->block) {
		wait_for_completion(&c->release);
		WRITE_ONCE(c->finished, true);
	}
}

static struct si_case *si_case_new(struct kunit *test, unsigned int flags)
{
	struct si_case *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	mutex_init(&c->mtx, MUTEX_DEFAULT, IPL_NONE);
	init_completion(&c->entered);
	init_completion(&c->release);
	c->cookie = softint_establish(flags, si_handler, c);
	KUNIT_ASSERT_NOT_NULL(test, c->cookie);
	return c;
}

static void si_case_done(struct si_case *c)
{
	softint_disestablish(c->cookie);
	mutex_destroy(&c->mtx);
}

static enum hrtimer_restart si_timer(struct hrtimer *t)
{
	struct si_case *c = container_of(t, struct si_case, timer);

	c->sched_cpu = smp_processor_id();
	softint_schedule(c->cookie);
	return HRTIMER_NORESTART;
}

/* From a hard interrupt: a thread on the same CPU, which may block. */
static void softint_from_hardirq(struct kunit *test)
{
	struct si_case *c = si_case_new(test, SOFTINT_NET | SOFTINT_MPSAFE);

	hrtimer_init(&c->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	c->timer.function = si_timer;
	hrtimer_start(&c->timer, ns_to_ktime(NSEC_PER_MSEC),
		      HRTIMER_MODE_REL_HARD);
	wait_for_completion(&c->entered);
	hrtimer_cancel(&c->timer);
	si_case_done(c);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 1);
	KUNIT_EXPECT_EQ(test, c->cpu, c->sched_cpu);
	KUNIT_EXPECT_TRUE(test, c->in_task);
	KUNIT_EXPECT_TRUE(test, c->owned);
	KUNIT_EXPECT_FALSE(test, c->klocked);
}

static void si_schedule_twice(struct si_case *c)
{
	preempt_disable();
	c->sched_cpu = smp_processor_id();
	softint_schedule(c->cookie);
	softint_schedule(c->cookie);
	preempt_enable();
}

/* Triggered twice while pending, it runs once (per round). */
static void softint_coalesces(struct kunit *test)
{
	struct si_case *c = si_case_new(test, SOFTINT_BIO | SOFTINT_MPSAFE);

	si_schedule_twice(c);
	wait_for_completion(&c->entered);
	KUNIT_EXPECT_EQ(test, c->cpu, c->sched_cpu);
	reinit_completion(&c->entered);
	si_schedule_twice(c);
	wait_for_completion(&c->entered);
	si_case_done(c);
	/* A third run would have come from a second queueing in round one. */
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 2);
}

/* Without SOFTINT_MPSAFE the handler holds the kernel lock. */
static void softint_kernel_lock(struct kunit *test)
{
	struct si_case *mp = si_case_new(test, SOFTINT_CLOCK | SOFTINT_MPSAFE);
	struct si_case *kl = si_case_new(test, SOFTINT_SERIAL);

	preempt_disable();
	softint_schedule(mp->cookie);
	softint_schedule(kl->cookie);
	preempt_enable();
	wait_for_completion(&mp->entered);
	wait_for_completion(&kl->entered);
	si_case_done(mp);
	si_case_done(kl);
	KUNIT_EXPECT_FALSE(test, mp->klocked);
	KUNIT_EXPECT_TRUE(test, kl->klocked);
	KUNIT_EXPECT_TRUE(test, kl->owned);
	KUNIT_EXPECT_FALSE(test, bsd_kernel_locked_p());
}

/*
 * Disestablishing with the kernel lock held, while a non-MPSAFE handler is
 * pending or waiting for that lock: the lock is given up for the wait and
 * comes back at the same depth.
 */
static void softint_disestablish_kernel_locked(struct kunit *test)
{
	struct si_case *c = si_case_new(test, SOFTINT_BIO);
	int depth;

	KERNEL_LOCK(2, NULL);
	preempt_disable();
	softint_schedule(c->cookie);
	preempt_enable();
	si_case_done(c);
	depth = bsd_kernel_lock_depth();
	KERNEL_UNLOCK_ALL(NULL, NULL);
	KUNIT_EXPECT_EQ(test, depth, 2);
	KUNIT_EXPECT_LE(test, atomic_read(&c->runs), 1);
}

/* softint_schedule_cpu() on every online CPU runs it there. */
static void softint_schedule_each_cpu(struct kunit *test)
{
	struct si_case *c = si_case_new(test, SOFTINT_NET | SOFTINT_MPSAFE |
					SOFTINT_RCPU);
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		reinit_completion(&c->entered);
		softint_schedule_cpu(c->cookie, cpu_lookup(cpu));
		wait_for_completion(&c->entered);
		KUNIT_EXPECT_EQ(test, c->cpu, (int)cpu);
		KUNIT_EXPECT_EQ(test, cpu_index(cpu_lookup(cpu)), cpu);
	}
	si_case_done(c);
}

struct dis_arg {
	struct si_case		*c;
	bool			finished;	/* seen when it returned */
	struct completion	done;
};

static int dis_thread(void *arg)
{
	struct dis_arg *d = arg;

	softint_disestablish(d->c->cookie);
	d->finished = READ_ONCE(d->c->finished);
	complete(&d->done);
	return 0;
}

/* softint_disestablish() waits for a handler that is running. */
static void softint_disestablish_waits(struct kunit *test)
{
	struct si_case *c = si_case_new(test, SOFTINT_NET | SOFTINT_MPSAFE);
	struct dis_arg d = { .c = c };
	struct task_struct *t;

	c->block = true;
	init_completion(&d.done);
	preempt_disable();
	softint_schedule(c->cookie);
	preempt_enable();
	wait_for_completion(&c->entered);
	t = kthread_run(dis_thread, &d, "si-dis");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	msleep(20);	/* give it the chance to return too early */
	KUNIT_EXPECT_FALSE(test, completion_done(&d.done));
	complete(&c->release);
	wait_for_completion(&d.done);
	KUNIT_EXPECT_TRUE(test, d.finished);
	mutex_destroy(&c->mtx);
}

static void misuse_softint_bad_flags(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();

	KUNIT_EXPECT_NULL(test, softint_establish(0x8000, si_handler, NULL));
	EXPECT_REPORT(test, n, SI_ERR "softint_establish: bad flags",
		      "softint");
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_NULL(test, softint_establish(SOFTINT_COUNT, si_handler,
						  NULL));
	EXPECT_REPORT(test, n, SI_ERR "softint_establish: bad flags",
		      "softint");
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_NULL(test, softint_establish(SOFTINT_NET, NULL, NULL));
	EXPECT_REPORT(test, n, SI_ERR "softint_establish: NULL handler",
		      "softint");
}

/* A cookie that is not one, and one already disestablished. */
static void misuse_softint_bad_cookie(struct kunit *test)
{
	u32 *fake = kunit_kzalloc(test, 64, GFP_KERNEL);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, fake);
	n = bsd_lockdebug_count();
	softint_disestablish(NULL);
	EXPECT_REPORT(test, n, SI_ERR "softint_disestablish: NULL cookie",
		      "softint");
	n = bsd_lockdebug_count();
	preempt_disable();
	softint_schedule(fake);
	preempt_enable();
	EXPECT_REPORT(test, n, SI_ERR "softint_schedule: not a softint cookie",
		      "softint");

	/* What disestablish leaves behind, before the memory is reused. */
	fake[0] = 0x73646564;
	n = bsd_lockdebug_count();
	preempt_disable();
	softint_schedule(fake);
	preempt_enable();
	EXPECT_REPORT(test, n,
		      SI_ERR "softint_schedule: softint disestablished",
		      "softint");
}

static enum hrtimer_restart dis_timer(struct hrtimer *t)
{
	struct si_case *c = container_of(t, struct si_case, timer);

	softint_disestablish(c->cookie);
	complete(&c->release);
	return HRTIMER_NORESTART;
}

static void misuse_softint_disestablish_from_interrupt(struct kunit *test)
{
	struct si_case *c = si_case_new(test, SOFTINT_NET | SOFTINT_MPSAFE);
	unsigned long n;

	hrtimer_init(&c->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	c->timer.function = dis_timer;
	n = bsd_lockdebug_count();
	hrtimer_start(&c->timer, ns_to_ktime(NSEC_PER_MSEC),
		      HRTIMER_MODE_REL_HARD);
	wait_for_completion(&c->release);
	hrtimer_cancel(&c->timer);
	EXPECT_REPORT(test, n,
		      SI_ERR "softint_disestablish: called from interrupt context",
		      "softint");
	si_case_done(c);	/* refused above: still there */
}

static void misuse_softint_schedule_preemptible(struct kunit *test)
{
	struct si_case *c = si_case_new(test, SOFTINT_NET | SOFTINT_MPSAFE);
	unsigned long n;

	if (!IS_ENABLED(CONFIG_PREEMPT_COUNT)) {
		si_case_done(c);
		kunit_skip(test, "no preempt count to tell");
	}
	n = bsd_lockdebug_count();
	softint_schedule(c->cookie);
	EXPECT_REPORT(test, n,
		      SI_ERR "softint_schedule: called with preemption enabled",
		      "softint");
	wait_for_completion(&c->entered);	/* it runs all the same */
	si_case_done(c);
}

static void misuse_softint_remote_without_rcpu(struct kunit *test)
{
	struct si_case *c = si_case_new(test, SOFTINT_NET | SOFTINT_MPSAFE);
	unsigned int cpu, other = nr_cpu_ids;
	unsigned long n;

	cpus_read_lock();
	preempt_disable();
	for_each_online_cpu(cpu)
		if (cpu != smp_processor_id())
			other = cpu;
	if (other < nr_cpu_ids) {
		n = bsd_lockdebug_count();
		softint_schedule_cpu(c->cookie, cpu_lookup(other));
	}
	preempt_enable();
	cpus_read_unlock();
	if (other < nr_cpu_ids)
		EXPECT_REPORT(test, n,
			      SI_ERR "softint_schedule_cpu: remote CPU without SOFTINT_RCPU",
			      "softint");
	si_case_done(c);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 0);
	if (other == nr_cpu_ids)
		kunit_skip(test, "one CPU");
}

static void misuse_softint_disestablish_from_handler(struct kunit *test)
{
	struct si_case *c = si_case_new(test, SOFTINT_NET | SOFTINT_MPSAFE);
	unsigned long n = bsd_lockdebug_count();

	c->self_dis = true;
	preempt_disable();
	softint_schedule(c->cookie);
	preempt_enable();
	wait_for_completion(&c->entered);
	EXPECT_REPORT(test, n,
		      SI_ERR "softint_disestablish: called from its own handler",
		      "softint");
	si_case_done(c);
}

static void misuse_softint_handler_keeps_kernel_lock(struct kunit *test)
{
	struct si_case *c = si_case_new(test, SOFTINT_NET | SOFTINT_MPSAFE);
	unsigned long n = bsd_lockdebug_count();

	c->leak_kl = true;
	preempt_disable();
	softint_schedule(c->cookie);
	preempt_enable();
	wait_for_completion(&c->entered);
	si_case_done(c);	/* the handler has returned */
	EXPECT_REPORT(test, n,
		      SI_ERR "softint handler: returned with the kernel lock held",
		      "softint");
	KUNIT_EXPECT_NULL(test, bsd_kernel_lock_owner());
}

static void misuse_softint_schedule_cpu_none(struct kunit *test)
{
	struct si_case *c = si_case_new(test, SOFTINT_NET | SOFTINT_MPSAFE |
					SOFTINT_RCPU);
	unsigned long n = bsd_lockdebug_count();

	softint_schedule_cpu(c->cookie, NULL);
	EXPECT_REPORT(test, n, SI_ERR "softint_schedule_cpu: CPU not online",
		      "softint");
	si_case_done(c);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 0);
}

static struct kunit_case netbsd_softint_cases[] = {
	KUNIT_CASE(softint_from_hardirq),
	KUNIT_CASE(softint_coalesces),
	KUNIT_CASE(softint_kernel_lock),
	KUNIT_CASE(softint_disestablish_kernel_locked),
	KUNIT_CASE(softint_schedule_each_cpu),
	KUNIT_CASE(softint_disestablish_waits),
	KUNIT_CASE(misuse_softint_bad_flags),
	KUNIT_CASE(misuse_softint_bad_cookie),
	KUNIT_CASE(misuse_softint_disestablish_from_interrupt),
	KUNIT_CASE(misuse_softint_disestablish_from_handler),
	KUNIT_CASE(misuse_softint_handler_keeps_kernel_lock),
	KUNIT_CASE(misuse_softint_schedule_cpu_none),
	KUNIT_CASE(misuse_softint_schedule_preemptible),
	KUNIT_CASE(misuse_softint_remote_without_rcpu),
	{}
};

static struct kunit_suite netbsd_softint_suite = {
	.name = "netbsd_softint",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = netbsd_softint_cases,
};
kunit_test_suite(netbsd_softint_suite);
