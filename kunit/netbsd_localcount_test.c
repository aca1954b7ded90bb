// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: NetBSD localcount(9) as bsdcompat implements it. Each case checks
 * one rule of <sys/localcount.h> or one misuse report.
 */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/sched.h>

#include <sys/condvar.h>
#include <sys/intr.h>
#include <sys/localcount.h>
#include <sys/mutex.h>
#include <sys/pserialize.h>

#include "kunit_helpers.h"

#define LC_ERR	"localcount error: "

struct lc_obj {
	struct localcount	lc;
	kmutex_t		mtx;
	kcondvar_t		cv;
};

static struct lc_obj *lc_obj_new(struct kunit *test)
{
	struct lc_obj *o = kunit_kzalloc(test, sizeof(*o), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, o);
	mutex_init(&o->mtx, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&o->cv, "lcdrain");
	localcount_init(&o->lc);
	return o;
}

static void lc_obj_drain_fini(struct lc_obj *o)
{
	mutex_enter(&o->mtx);
	localcount_drain(&o->lc, &o->cv, &o->mtx);
	mutex_exit(&o->mtx);
	localcount_fini(&o->lc);
	cv_destroy(&o->cv);
	mutex_destroy(&o->mtx);
}

/* Balanced acquires and releases: the drain has nothing to wait for. */
static void localcount_balanced_drain(struct kunit *test)
{
	struct lc_obj *o = lc_obj_new(test);
	int i;

	for (i = 0; i < 3; i++)
		localcount_acquire(&o->lc);
	for (i = 0; i < 3; i++)
		localcount_release(&o->lc, &o->cv, &o->mtx);
	mutex_enter(&o->mtx);
	localcount_drain(&o->lc, &o->cv, &o->mtx);
	KUNIT_EXPECT_TRUE(test, mutex_owned(&o->mtx));	/* held again */
	mutex_exit(&o->mtx);
	localcount_fini(&o->lc);
}

struct lc_holder {
	struct lc_obj		*o;
	int			cpu;		/* -1: unbound */
	bool			wait_go;	/* else sleep 50 ms */
	bool			released;
	struct completion	acquired;
	struct completion	go;
	struct completion	done;
};

static int lc_hold_fn(void *arg)
{
	struct lc_holder *h = arg;

	localcount_acquire(&h->o->lc);
	complete(&h->acquired);
	/* Held across a sleep. */
	if (h->wait_go)
		wait_for_completion(&h->go);
	else
		msleep(50);
	WRITE_ONCE(h->released, true);
	localcount_release(&h->o->lc, &h->o->cv, &h->o->mtx);
	complete(&h->done);
	return 0;
}

static int lc_other_cpu(void)
{
	int cpu, other = -1;

	preempt_disable();
	for_each_online_cpu(cpu)
		if (cpu != smp_processor_id())
			other = cpu;
	preempt_enable();
	return other;
}

static void lc_holder_start(struct kunit *test, struct lc_holder *h)
{
	struct task_struct *t;

	init_completion(&h->acquired);
	init_completion(&h->go);
	init_completion(&h->done);
	t = kthread_create(lc_hold_fn, h, "lc-holder");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	if (h->cpu >= 0)
		kthread_bind(t, h->cpu);
	wake_up_process(t);
	wait_for_completion(&h->acquired);
}

/*
 * The drain waits for a reference held across a sleep, by a thread on
 * another CPU where there is one, and returns with the mutex held.
 */
static void localcount_drain_waits_for_sleeper(struct kunit *test)
{
	struct lc_holder h = { .o = lc_obj_new(test), .cpu = lc_other_cpu() };
	bool released, owned;

	lc_holder_start(test, &h);
	mutex_enter(&h.o->mtx);
	localcount_drain(&h.o->lc, &h.o->cv, &h.o->mtx);
	released = READ_ONCE(h.released);
	owned = mutex_owned(&h.o->mtx);
	mutex_exit(&h.o->mtx);
	wait_for_completion(&h.done);
	localcount_fini(&h.o->lc);
	KUNIT_EXPECT_TRUE(test, released);
	KUNIT_EXPECT_TRUE(test, owned);
}

struct lc_job {
	struct lc_obj		*o;
	int			n;	/* > 0 acquire, < 0 release */
	struct completion	done;
};

static int lc_job_fn(void *arg)
{
	struct lc_job *j = arg;
	int k;

	for (k = 0; k < abs(j->n); k++)
		if (j->n > 0)
			localcount_acquire(&j->o->lc);
		else
			localcount_release(&j->o->lc, &j->o->cv, &j->o->mtx);
	complete(&j->done);
	return 0;
}

/* Acquire (@n > 0) or release (@n < 0) |@n| references on @cpu. */
static void lc_run_on(struct kunit *test, struct lc_obj *o, int cpu, int n)
{
	struct lc_job j = { .o = o, .n = n };
	struct task_struct *t;

	init_completion(&j.done);
	t = kthread_create(lc_job_fn, &j, "lc-job");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	kthread_bind(t, cpu);
	wake_up_process(t);
	wait_for_completion(&j.done);
}

/*
 * References acquired on one CPU and released on another: one CPU's count
 * goes to +100, the other's to -100, the drain sees zero and does not
 * wait. Then a reference acquired on one CPU is released on the other
 * while the drain waits for it.
 */
static void localcount_release_on_other_cpu(struct kunit *test)
{
	struct lc_obj *o = lc_obj_new(test);
	int first = cpumask_first(cpu_online_mask);
	int other = cpumask_next(first, cpu_online_mask);
	struct lc_holder h = { .cpu = other };
	bool released;

	if (other >= nr_cpu_ids) {
		lc_obj_drain_fini(o);
		kunit_skip(test, "needs 2 CPUs");
	}
	lc_run_on(test, o, first, 100);
	lc_run_on(test, o, other, -100);
	lc_obj_drain_fini(o);

	h.o = lc_obj_new(test);
	lc_run_on(test, h.o, first, 1);
	h.wait_go = true;
	lc_holder_start(test, &h);		/* +1 on other */
	lc_run_on(test, h.o, other, -1);	/* the first one's, on other */
	complete(&h.go);
	mutex_enter(&h.o->mtx);
	localcount_drain(&h.o->lc, &h.o->cv, &h.o->mtx);
	released = READ_ONCE(h.released);
	mutex_exit(&h.o->mtx);
	wait_for_completion(&h.done);
	localcount_fini(&h.o->lc);
	KUNIT_EXPECT_TRUE(test, released);
}

struct lc_race {
	struct lc_obj	*o;
	pserialize_t	psz;
	bool		published;
	atomic_t	held;		/* references out right now */
	atomic_t	took;
	int		held_at_drain;
};

/*
 * The pattern localcount is for: readers find the object in a pserialize
 * read section while it is published and take a reference there; the
 * destroyer unpublishes it, performs, and drains.
 */
static void lc_race_fn(void *arg, unsigned int i)
{
	struct lc_race *r = arg;

	if (i == 0) {
		msleep(30);
		WRITE_ONCE(r->published, false);
		pserialize_perform(r->psz);
		mutex_enter(&r->o->mtx);
		localcount_drain(&r->o->lc, &r->o->cv, &r->o->mtx);
		r->held_at_drain = atomic_read(&r->held);
		mutex_exit(&r->o->mtx);
		return;
	}
	for (;;) {
		bool got = false;
		int s = pserialize_read_enter();

		if (READ_ONCE(r->published)) {
			localcount_acquire(&r->o->lc);
			got = true;
		}
		pserialize_read_exit(s);
		if (!got)
			break;
		atomic_inc(&r->held);
		atomic_inc(&r->took);
		if (atomic_read(&r->took) % 8 == i % 8)
			usleep_range(500, 1000);	/* across a sleep */
		else
			cond_resched();
		atomic_dec(&r->held);
		localcount_release(&r->o->lc, &r->o->cv, &r->o->mtx);
	}
}

static void localcount_drain_race(struct kunit *test)
{
	struct lc_race r = { .o = lc_obj_new(test), .published = true };

	r.psz = pserialize_create();
	KUNIT_ASSERT_NOT_NULL(test, r.psz);
	bsd_kunit_run_threads(test, 1 + 2 * num_online_cpus(), lc_race_fn, &r,
			      "lc-race", false);
	KUNIT_EXPECT_EQ(test, r.held_at_drain, 0);
	KUNIT_EXPECT_GT(test, atomic_read(&r.took), 0);
	localcount_fini(&r.o->lc);
	pserialize_destroy(r.psz);
}

#define LC_COST_LOOPS	100000

/*
 * Not a check, a number for the documentation: an acquire/release pair
 * against an atomic inc/dec pair on one shared word, on one CPU (so the
 * atomic's cost is its locked instruction, not cache-line transfers).
 */
static void localcount_fast_path_cost(struct kunit *test)
{
	struct lc_obj *o = lc_obj_new(test);
	atomic_long_t shared = ATOMIC_LONG_INIT(0);
	u64 t0, t1, t2;
	int i;

	t0 = ktime_get_ns();
	for (i = 0; i < LC_COST_LOOPS; i++) {
		localcount_acquire(&o->lc);
		localcount_release(&o->lc, &o->cv, &o->mtx);
	}
	t1 = ktime_get_ns();
	for (i = 0; i < LC_COST_LOOPS; i++) {
		atomic_long_inc(&shared);
		atomic_long_dec(&shared);
	}
	t2 = ktime_get_ns();
	lc_obj_drain_fini(o);
	kunit_info(test, "localcount acquire+release %llu ns, atomic inc+dec %llu ns\n",
		   (t1 - t0) / LC_COST_LOOPS, (t2 - t1) / LC_COST_LOOPS);
}

static void misuse_localcount_uninitialized(struct kunit *test)
{
	struct localcount *lc = kunit_kzalloc(test, sizeof(*lc), GFP_KERNEL);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, lc);
	n = bsd_lockdebug_count();
	localcount_acquire(lc);
	EXPECT_REPORT(test, n,
		      LC_ERR "localcount_acquire: uninitialized localcount",
		      "localcount");
}

struct lc_drainer {
	struct lc_obj		*o;
	struct completion	done;
};

static int lc_drain_fn(void *arg)
{
	struct lc_drainer *d = arg;

	mutex_enter(&d->o->mtx);
	localcount_drain(&d->o->lc, &d->o->cv, &d->o->mtx);
	mutex_exit(&d->o->mtx);
	complete(&d->done);
	return 0;
}

/* Counted all the same: the drain waits for that reference too. */
static void misuse_localcount_acquire_while_draining(struct kunit *test)
{
	struct lc_holder h = { .o = lc_obj_new(test), .cpu = -1,
			       .wait_go = true };
	struct lc_drainer d = { .o = h.o };
	struct task_struct *t;
	unsigned long n;
	bool early;

	lc_holder_start(test, &h);
	init_completion(&d.done);
	t = kthread_run(lc_drain_fn, &d, "lc-drainer");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	while (READ_ONCE(h.o->lc.lc_state) == 0)	/* not draining yet */
		usleep_range(1000, 2000);
	n = bsd_lockdebug_count();
	localcount_acquire(&h.o->lc);
	EXPECT_REPORT(test, n,
		      LC_ERR "localcount_acquire: acquired while draining",
		      "localcount");
	complete(&h.go);
	wait_for_completion(&h.done);
	msleep(20);
	early = completion_done(&d.done);
	localcount_release(&h.o->lc, &h.o->cv, &h.o->mtx);
	wait_for_completion(&d.done);
	localcount_fini(&h.o->lc);
	KUNIT_EXPECT_FALSE(test, early);
}

static void misuse_localcount_acquire_after_drain(struct kunit *test)
{
	struct lc_obj *o = lc_obj_new(test);
	unsigned long n;

	mutex_enter(&o->mtx);
	localcount_drain(&o->lc, &o->cv, &o->mtx);
	mutex_exit(&o->mtx);
	n = bsd_lockdebug_count();
	localcount_acquire(&o->lc);
	EXPECT_REPORT(test, n,
		      LC_ERR "localcount_acquire: acquired after drain",
		      "localcount");
	localcount_fini(&o->lc);
}

static void misuse_localcount_release_after_drain(struct kunit *test)
{
	struct lc_obj *o = lc_obj_new(test);
	unsigned long n;

	mutex_enter(&o->mtx);
	localcount_drain(&o->lc, &o->cv, &o->mtx);
	mutex_exit(&o->mtx);
	n = bsd_lockdebug_count();
	localcount_release(&o->lc, &o->cv, &o->mtx);
	EXPECT_REPORT(test, n,
		      LC_ERR "localcount_release: released after drain",
		      "localcount");
	localcount_fini(&o->lc);
}

static void misuse_localcount_drain_without_interlock(struct kunit *test)
{
	struct lc_obj *o = lc_obj_new(test);
	unsigned long n = bsd_lockdebug_count();

	localcount_drain(&o->lc, &o->cv, &o->mtx);
	EXPECT_REPORT(test, n,
		      LC_ERR "localcount_drain: interlock not held by current LWP",
		      "localcount");
	KUNIT_EXPECT_FALSE(test, mutex_owned(&o->mtx));
	localcount_fini(&o->lc);	/* drained all the same */
}

static void misuse_localcount_drain_twice(struct kunit *test)
{
	struct lc_obj *o = lc_obj_new(test);
	unsigned long n;

	mutex_enter(&o->mtx);
	localcount_drain(&o->lc, &o->cv, &o->mtx);
	n = bsd_lockdebug_count();
	localcount_drain(&o->lc, &o->cv, &o->mtx);
	mutex_exit(&o->mtx);
	EXPECT_REPORT(test, n, LC_ERR "localcount_drain: already drained",
		      "localcount");
	localcount_fini(&o->lc);
}

static void lc_irq_fn(void *arg)
{
	struct lc_obj *o = arg;

	localcount_drain(&o->lc, &o->cv, &o->mtx);
}

static void misuse_localcount_drain_from_interrupt(struct kunit *test)
{
	struct lc_obj *o = lc_obj_new(test);
	unsigned long n = bsd_lockdebug_count();

	bsd_kunit_in_hardirq(lc_irq_fn, o);
	EXPECT_REPORT(test, n,
		      LC_ERR "localcount_drain: called from interrupt context",
		      "localcount");
	lc_obj_drain_fini(o);	/* refused above: still live */
}

static void misuse_localcount_fini_not_drained(struct kunit *test)
{
	struct lc_obj *o = lc_obj_new(test);
	unsigned long n = bsd_lockdebug_count();

	localcount_fini(&o->lc);
	EXPECT_REPORT(test, n, LC_ERR "localcount_fini: not drained",
		      "localcount");
	lc_obj_drain_fini(o);	/* refused above: still usable */
}

static void misuse_localcount_more_releases(struct kunit *test)
{
	struct lc_obj *o = lc_obj_new(test);
	unsigned long n;

	localcount_acquire(&o->lc);
	localcount_release(&o->lc, &o->cv, &o->mtx);
	localcount_release(&o->lc, &o->cv, &o->mtx);
	n = bsd_lockdebug_count();
	lc_obj_drain_fini(o);
	EXPECT_REPORT(test, n,
		      LC_ERR "localcount_drain: more releases than acquires",
		      "localcount");
}

static struct kunit_case netbsd_localcount_cases[] = {
	KUNIT_CASE(localcount_balanced_drain),
	KUNIT_CASE(localcount_drain_waits_for_sleeper),
	KUNIT_CASE(localcount_release_on_other_cpu),
	KUNIT_CASE(localcount_drain_race),
	KUNIT_CASE(localcount_fast_path_cost),
	KUNIT_CASE(misuse_localcount_uninitialized),
	KUNIT_CASE(misuse_localcount_acquire_while_draining),
	KUNIT_CASE(misuse_localcount_acquire_after_drain),
	KUNIT_CASE(misuse_localcount_release_after_drain),
	KUNIT_CASE(misuse_localcount_drain_without_interlock),
	KUNIT_CASE(misuse_localcount_drain_twice),
	KUNIT_CASE(misuse_localcount_drain_from_interrupt),
	KUNIT_CASE(misuse_localcount_fini_not_drained),
	KUNIT_CASE(misuse_localcount_more_releases),
	{}
};

static struct kunit_suite netbsd_localcount_suite = {
	.name = "netbsd_localcount",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = netbsd_localcount_cases,
};
kunit_test_suite(netbsd_localcount_suite);
