// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: NetBSD psref(9) as bsdcompat implements it, with the calls that
 * keep a thread on its CPU (curlwp_bind(9), kpreempt_disable(9)). Each
 * case checks one rule or one misuse report. The reader/destroyer case
 * frees the target right after psref_target_destroy(): under KASAN a
 * reference that outlived it would be reported.
 */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include <sys/intr.h>
#include <sys/lwp.h>
#include <sys/pserialize.h>
#include <sys/psref.h>
#include <sys/systm.h>

#include "kunit_helpers.h"

#define PR_ERR	"psref error: "

struct pr_fix {
	struct psref_class	*class;
	struct psref_target	target;
};

static void pr_fix_init(struct kunit *test, struct pr_fix *f, int ipl)
{
	f->class = psref_class_create("prtest", ipl);
	KUNIT_ASSERT_NOT_NULL(test, f->class);
	psref_target_init(&f->target, f->class);
}

static void pr_fix_fini(struct pr_fix *f)
{
	psref_target_destroy(&f->target, f->class);
	psref_class_destroy(f->class);
}

/* A bound thread acquires, holds (psref_held()), and releases. */
static void psref_acquire_release_held(struct kunit *test)
{
	struct pr_fix f;
	struct psref ref;
	bool before, during, after;
	int bound;

	pr_fix_init(test, &f, IPL_SOFTNET);
	bound = curlwp_bind();
	before = psref_held(&f.target, f.class);
	psref_acquire(&ref, &f.target, f.class);
	during = psref_held(&f.target, f.class);
	psref_release(&ref, &f.target, f.class);
	after = psref_held(&f.target, f.class);
	curlwp_bindx(bound);
	pr_fix_fini(&f);
	KUNIT_EXPECT_FALSE(test, before);
	KUNIT_EXPECT_TRUE(test, during);
	KUNIT_EXPECT_FALSE(test, after);
}

/* A copy is a reference of its own: the target stays held until both go. */
static void psref_copy_holds(struct kunit *test)
{
	struct psref ref, copy;
	struct pr_fix f;
	bool one_left, none_left;
	int bound;

	pr_fix_init(test, &f, IPL_SOFTNET);
	bound = curlwp_bind();
	psref_acquire(&ref, &f.target, f.class);
	psref_copy(&copy, &ref, f.class);
	psref_release(&ref, &f.target, f.class);
	one_left = psref_held(&f.target, f.class);
	psref_release(&copy, &f.target, f.class);
	none_left = !psref_held(&f.target, f.class);
	curlwp_bindx(bound);
	pr_fix_fini(&f);
	KUNIT_EXPECT_TRUE(test, one_left);
	KUNIT_EXPECT_TRUE(test, none_left);
}

struct pr_holder {
	struct pr_fix		*f;
	bool			released;
	struct completion	acquired;
	struct completion	done;
};

static int pr_hold_fn(void *arg)
{
	struct pr_holder *h = arg;
	struct psref ref;
	int bound = curlwp_bind();

	psref_acquire(&ref, &h->f->target, h->f->class);
	complete(&h->acquired);
	msleep(50);		/* held across a sleep, bound */
	WRITE_ONCE(h->released, true);
	psref_release(&ref, &h->f->target, h->f->class);
	curlwp_bindx(bound);
	complete(&h->done);
	return 0;
}

/* psref_target_destroy() waits for a reference held across a sleep. */
static void psref_destroy_waits_for_sleeper(struct kunit *test)
{
	struct pr_fix f;
	struct pr_holder h = { .f = &f };
	struct task_struct *t;
	bool released;

	pr_fix_init(test, &f, IPL_SOFTNET);
	init_completion(&h.acquired);
	init_completion(&h.done);
	t = kthread_run(pr_hold_fn, &h, "pr-holder");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	wait_for_completion(&h.acquired);
	psref_target_destroy(&f.target, f.class);
	released = READ_ONCE(h.released);
	wait_for_completion(&h.done);
	psref_class_destroy(f.class);
	KUNIT_EXPECT_TRUE(test, released);
}

struct pr_ctx {
	struct pr_fix		*f;
	struct completion	done;
	void			*cookie;
	bool			held;
};

static void pr_take_and_drop(struct pr_ctx *c)
{
	struct psref ref;

	psref_acquire(&ref, &c->f->target, c->f->class);
	c->held = psref_held(&c->f->target, c->f->class);
	psref_release(&ref, &c->f->target, c->f->class);
	complete(&c->done);
}

static void pr_softint(void *arg)
{
	pr_take_and_drop(arg);
}


/*
 * A softint handler is bound to its CPU, and so is a hard interrupt (for
 * a class at IPL_VM): both take references with no report.
 */
static void psref_from_softint_and_interrupt(struct kunit *test)
{
	struct pr_fix soft, hard;
	struct pr_ctx sc = { .f = &soft }, hc = { .f = &hard };

	pr_fix_init(test, &soft, IPL_SOFTNET);
	pr_fix_init(test, &hard, IPL_VM);
	init_completion(&sc.done);
	sc.cookie = softint_establish(SOFTINT_NET | SOFTINT_MPSAFE,
				      pr_softint, &sc);
	KUNIT_ASSERT_NOT_NULL(test, sc.cookie);
	preempt_disable();
	softint_schedule(sc.cookie);
	preempt_enable();
	wait_for_completion(&sc.done);
	softint_disestablish(sc.cookie);

	init_completion(&hc.done);
	bsd_kunit_in_hardirq(pr_softint, &hc);
	pr_fix_fini(&soft);
	pr_fix_fini(&hard);
	KUNIT_EXPECT_TRUE(test, sc.held);
	KUNIT_EXPECT_TRUE(test, hc.held);
}

#define PR_LIVE	0x6c697665u
#define PR_DEAD	0x64656164u

struct pr_obj {
	struct psref_target	target;
	u32			magic;
};

struct pr_race {
	struct psref_class	*class;
	pserialize_t		psz;
	struct pr_obj		*obj;	/* published, or NULL */
	atomic_t		took;
	atomic_t		bad;
};

/*
 * Readers find the object in a read section, take a reference there and
 * use it after the section, sometimes across a sleep; the destroyer
 * unpublishes it, performs, destroys the target and frees the object.
 */
static void pr_race_fn(void *arg, unsigned int i)
{
	struct pr_race *r = arg;

	if (i == 0) {
		struct pr_obj *o = r->obj;

		msleep(30);
		WRITE_ONCE(r->obj, NULL);
		pserialize_perform(r->psz);
		psref_target_destroy(&o->target, r->class);
		o->magic = PR_DEAD;
		kfree(o);
		return;
	}
	for (;;) {
		struct pr_obj *o;
		struct psref ref;
		int bound = curlwp_bind();
		int s = pserialize_read_enter();

		/* Pairs with nothing: the object was set up before we ran. */
		o = READ_ONCE(r->obj);
		if (o)
			psref_acquire(&ref, &o->target, r->class);
		pserialize_read_exit(s);
		if (!o) {
			curlwp_bindx(bound);
			break;
		}
		if (atomic_inc_return(&r->took) % 8 == i % 8)
			usleep_range(500, 1000);
		else
			cond_resched();
		if (READ_ONCE(o->magic) != PR_LIVE)
			atomic_inc(&r->bad);
		psref_release(&ref, &o->target, r->class);
		curlwp_bindx(bound);
	}
}

static void psref_destroy_race(struct kunit *test)
{
	struct pr_race r = {};

	r.class = psref_class_create("prrace", IPL_SOFTNET);
	r.psz = pserialize_create();
	r.obj = kzalloc(sizeof(*r.obj), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r.class);
	KUNIT_ASSERT_NOT_NULL(test, r.psz);
	KUNIT_ASSERT_NOT_NULL(test, r.obj);
	psref_target_init(&r.obj->target, r.class);
	r.obj->magic = PR_LIVE;
	bsd_kunit_run_threads(test, 1 + 2 * num_online_cpus(), pr_race_fn, &r,
			      "pr-race", false);
	KUNIT_EXPECT_EQ(test, atomic_read(&r.bad), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&r.took), 0);
	pserialize_destroy(r.psz);
	psref_class_destroy(r.class);
}

#define PR_COST_LOOPS	100000

/* Not a check, numbers for the documentation: the reader fast paths. */
static void psref_fast_path_cost(struct kunit *test)
{
	struct psref ref;
	struct pr_fix f;
	u64 t0, t1, t2;
	int i, s, bound;

	pr_fix_init(test, &f, IPL_SOFTNET);
	bound = curlwp_bind();
	t0 = ktime_get_ns();
	for (i = 0; i < PR_COST_LOOPS; i++) {
		psref_acquire(&ref, &f.target, f.class);
		psref_release(&ref, &f.target, f.class);
	}
	t1 = ktime_get_ns();
	for (i = 0; i < PR_COST_LOOPS; i++) {
		s = pserialize_read_enter();
		pserialize_read_exit(s);
	}
	t2 = ktime_get_ns();
	curlwp_bindx(bound);
	pr_fix_fini(&f);
	kunit_info(test, "psref acquire+release %llu ns, pserialize read section %llu ns\n",
		   (t1 - t0) / PR_COST_LOOPS, (t2 - t1) / PR_COST_LOOPS);
}

/* curlwp_bind() keeps the thread on its CPU across sleeps; pairs nest. */
static void curlwp_bind_stays_across_sleep(struct kunit *test)
{
	int outer, inner, cpu, i;
	bool moved = false;

	outer = curlwp_bind();
	inner = curlwp_bind();
	cpu = raw_smp_processor_id();
	for (i = 0; i < 10; i++) {
		usleep_range(1000, 2000);
		if (raw_smp_processor_id() != cpu)
			moved = true;
	}
	curlwp_bindx(inner);
	curlwp_bindx(outer);
	KUNIT_EXPECT_FALSE(test, moved);
	KUNIT_EXPECT_EQ(test, outer, 0);
	KUNIT_EXPECT_EQ(test, inner, IS_ENABLED(CONFIG_SMP) ? 1 : 0);
}

/* kpreempt_disable() nests, and kpreempt_disabled() follows it. */
static void kpreempt_nests(struct kunit *test)
{
	bool in1, in2, after_inner, after;

	if (!IS_ENABLED(CONFIG_PREEMPT_COUNT))
		kunit_skip(test, "no preempt count to tell");
	kpreempt_disable();
	in1 = kpreempt_disabled();
	kpreempt_disable();
	in2 = kpreempt_disabled();
	kpreempt_enable();
	after_inner = kpreempt_disabled();
	kpreempt_enable();
	after = kpreempt_disabled();
	KUNIT_EXPECT_TRUE(test, in1);
	KUNIT_EXPECT_TRUE(test, in2);
	KUNIT_EXPECT_TRUE(test, after_inner);
	KUNIT_EXPECT_FALSE(test, after);
}

static void misuse_psref_unbound(struct kunit *test)
{
	struct pr_fix f;
	struct psref ref;
	unsigned long n;
	bool bound_meanwhile;

	if (!IS_ENABLED(CONFIG_SMP) || !IS_ENABLED(CONFIG_PREEMPT_COUNT))
		kunit_skip(test, "every caller is bound here");
	pr_fix_init(test, &f, IPL_SOFTNET);
	n = bsd_lockdebug_count();
	psref_acquire(&ref, &f.target, f.class);
	EXPECT_REPORT(test, n,
		      PR_ERR "psref_acquire: caller not bound to its CPU (curlwp_bind)",
		      "psref");
#ifdef CONFIG_SMP
	bound_meanwhile = current->migration_disabled;
#else
	bound_meanwhile = true;
#endif
	psref_release(&ref, &f.target, f.class);
#ifdef CONFIG_SMP
	KUNIT_EXPECT_EQ(test, current->migration_disabled, 0);
#endif
	pr_fix_fini(&f);
	KUNIT_EXPECT_TRUE(test, bound_meanwhile);
}

struct pr_mover {
	struct pr_fix		*f;
	int			from, to;
	bool			copy;
	bool			held_after;
	unsigned long		reports;	/* while on @to */
	struct completion	done;
};

/* Acquire on @from, unbind, move to @to, bind, release (or copy) there. */
static int pr_move_fn(void *arg)
{
	struct pr_mover *m = arg;
	struct psref ref, copy;
	int bound;

	set_cpus_allowed_ptr(current, cpumask_of(m->from));
	bound = curlwp_bind();
	psref_acquire(&ref, &m->f->target, m->f->class);
	curlwp_bindx(bound);
	set_cpus_allowed_ptr(current, cpumask_of(m->to));
	bound = curlwp_bind();
	m->reports = bsd_lockdebug_count();
	if (m->copy) {
		psref_copy(&copy, &ref, m->f->class);
		m->reports = bsd_lockdebug_count() - m->reports;
		curlwp_bindx(bound);
		set_cpus_allowed_ptr(current, cpumask_of(m->from));
		bound = curlwp_bind();
		psref_release(&ref, &m->f->target, m->f->class);
	} else {
		psref_release(&ref, &m->f->target, m->f->class);
		m->reports = bsd_lockdebug_count() - m->reports;
	}
	m->held_after = psref_held(&m->f->target, m->f->class);
	curlwp_bindx(bound);
	complete(&m->done);
	return 0;
}

static void pr_move(struct kunit *test, struct pr_mover *m)
{
	struct task_struct *t;

	m->from = cpumask_first(cpu_online_mask);
	m->to = cpumask_next(m->from, cpu_online_mask);
	if (m->to >= nr_cpu_ids) {
		pr_fix_fini(m->f);
		kunit_skip(test, "needs 2 CPUs");
	}
	init_completion(&m->done);
	t = kthread_run(pr_move_fn, m, "pr-mover");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	wait_for_completion(&m->done);
}

/* Reported, and removed from the other CPU's list by a cross call. */
static void misuse_psref_release_other_cpu(struct kunit *test)
{
	struct pr_fix f;
	struct pr_mover m = { .f = &f };
	char line[BSD_LOCKDEBUG_MSGLEN];

	pr_fix_init(test, &f, IPL_SOFTNET);
	pr_move(test, &m);
	KUNIT_EXPECT_EQ(test, m.reports, 1UL);
	bsd_lockdebug_last(line, sizeof(line));
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(line,
		PR_ERR "psref_release: released on another CPU than acquired"),
		"report: %s", line);
	KUNIT_EXPECT_FALSE(test, m.held_after);
	pr_fix_fini(&f);	/* would wait for ever if the entry were left */
}

static void misuse_psref_copy_other_cpu(struct kunit *test)
{
	struct pr_fix f;
	struct pr_mover m = { .f = &f, .copy = true };
	char line[BSD_LOCKDEBUG_MSGLEN];

	pr_fix_init(test, &f, IPL_SOFTNET);
	pr_move(test, &m);
	KUNIT_EXPECT_EQ(test, m.reports, 1UL);
	bsd_lockdebug_last(line, sizeof(line));
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(line,
		PR_ERR "psref_copy: copied on another CPU than acquired"),
		"report: %s", line);
	pr_fix_fini(&f);
}

static void misuse_psref_acquire_destroyed(struct kunit *test)
{
	struct pr_fix f;
	struct psref ref;
	unsigned long n;
	int bound;

	pr_fix_init(test, &f, IPL_SOFTNET);
	psref_target_destroy(&f.target, f.class);
	bound = curlwp_bind();
	n = bsd_lockdebug_count();
	psref_acquire(&ref, &f.target, f.class);
	EXPECT_REPORT(test, n,
		      PR_ERR "psref_acquire: target already destroyed", "psref");
	n = bsd_lockdebug_count();
	psref_release(&ref, &f.target, f.class);	/* refused: ignored */
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n);
	curlwp_bindx(bound);
	psref_class_destroy(f.class);
}

static void misuse_psref_destroy_twice(struct kunit *test)
{
	struct pr_fix f;
	unsigned long n;

	pr_fix_init(test, &f, IPL_SOFTNET);
	psref_target_destroy(&f.target, f.class);
	n = bsd_lockdebug_count();
	psref_target_destroy(&f.target, f.class);
	EXPECT_REPORT(test, n,
		      PR_ERR "psref_target_destroy: target already destroyed",
		      "psref");
	psref_class_destroy(f.class);
}

static void misuse_psref_wrong_class(struct kunit *test)
{
	struct psref_class *other;
	struct pr_fix f;
	struct psref ref;
	unsigned long n;
	int bound;

	pr_fix_init(test, &f, IPL_SOFTNET);
	other = psref_class_create("other", IPL_SOFTNET);
	KUNIT_ASSERT_NOT_NULL(test, other);
	bound = curlwp_bind();
	n = bsd_lockdebug_count();
	psref_acquire(&ref, &f.target, other);
	curlwp_bindx(bound);
	EXPECT_REPORT(test, n, PR_ERR "psref_acquire: target not of this class",
		      "psref");
	psref_class_destroy(other);
	pr_fix_fini(&f);
}

static void misuse_psref_not_a_class(struct kunit *test)
{
	void *fake = kunit_kzalloc(test, 128, GFP_KERNEL);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, fake);
	n = bsd_lockdebug_count();
	psref_class_destroy(fake);
	EXPECT_REPORT(test, n, PR_ERR "psref_class_destroy: not a psref class",
		      "psref");
}

static void misuse_psref_class_destroy_with_targets(struct kunit *test)
{
	struct pr_fix f;
	unsigned long n;

	pr_fix_init(test, &f, IPL_SOFTNET);
	n = bsd_lockdebug_count();
	psref_class_destroy(f.class);
	EXPECT_REPORT(test, n,
		      PR_ERR "psref_class_destroy: targets not destroyed",
		      "psref");
	pr_fix_fini(&f);	/* refused above: still there */
}

static void misuse_psref_release_wrong_target(struct kunit *test)
{
	struct psref_target other;
	struct psref ref;
	struct pr_fix f;
	unsigned long n;
	int bound;

	pr_fix_init(test, &f, IPL_SOFTNET);
	psref_target_init(&other, f.class);
	bound = curlwp_bind();
	psref_acquire(&ref, &f.target, f.class);
	n = bsd_lockdebug_count();
	psref_release(&ref, &other, f.class);
	EXPECT_REPORT(test, n,
		      PR_ERR "psref_release: not a reference to this target",
		      "psref");
	psref_release(&ref, &f.target, f.class);
	curlwp_bindx(bound);
	psref_target_destroy(&other, f.class);
	pr_fix_fini(&f);
}

static void misuse_psref_copy_of_nothing(struct kunit *test)
{
	struct psref *from = kunit_kzalloc(test, sizeof(*from), GFP_KERNEL);
	struct psref to;
	struct pr_fix f;
	unsigned long n;
	int bound;

	KUNIT_ASSERT_NOT_NULL(test, from);
	pr_fix_init(test, &f, IPL_SOFTNET);
	bound = curlwp_bind();
	n = bsd_lockdebug_count();
	psref_copy(&to, from, f.class);
	EXPECT_REPORT(test, n, PR_ERR "psref_copy: copy of no reference",
		      "psref");
	n = bsd_lockdebug_count();
	psref_release(&to, &f.target, f.class);	/* refused: ignored */
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n);
	curlwp_bindx(bound);
	pr_fix_fini(&f);
}

static void pr_destroy_irq(void *arg)
{
	struct pr_fix *f = arg;

	psref_target_destroy(&f->target, f->class);
}

static void misuse_psref_destroy_from_interrupt(struct kunit *test)
{
	struct pr_fix f;
	unsigned long n;

	pr_fix_init(test, &f, IPL_SOFTNET);
	n = bsd_lockdebug_count();
	bsd_kunit_in_hardirq(pr_destroy_irq, &f);
	EXPECT_REPORT(test, n,
		      PR_ERR "psref_target_destroy: called from interrupt context",
		      "psref");
	pr_fix_fini(&f);	/* refused above: still there */
}

static struct kunit_case netbsd_psref_cases[] = {
	KUNIT_CASE(psref_acquire_release_held),
	KUNIT_CASE(psref_copy_holds),
	KUNIT_CASE(psref_destroy_waits_for_sleeper),
	KUNIT_CASE(psref_from_softint_and_interrupt),
	KUNIT_CASE(psref_destroy_race),
	KUNIT_CASE(psref_fast_path_cost),
	KUNIT_CASE(curlwp_bind_stays_across_sleep),
	KUNIT_CASE(kpreempt_nests),
	KUNIT_CASE(misuse_psref_unbound),
	KUNIT_CASE(misuse_psref_release_other_cpu),
	KUNIT_CASE(misuse_psref_copy_other_cpu),
	KUNIT_CASE(misuse_psref_acquire_destroyed),
	KUNIT_CASE(misuse_psref_destroy_twice),
	KUNIT_CASE(misuse_psref_wrong_class),
	KUNIT_CASE(misuse_psref_not_a_class),
	KUNIT_CASE(misuse_psref_class_destroy_with_targets),
	KUNIT_CASE(misuse_psref_release_wrong_target),
	KUNIT_CASE(misuse_psref_copy_of_nothing),
	KUNIT_CASE(misuse_psref_destroy_from_interrupt),
	{}
};

static struct kunit_suite netbsd_psref_suite = {
	.name = "netbsd_psref",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = netbsd_psref_cases,
};
kunit_test_suite(netbsd_psref_suite);
