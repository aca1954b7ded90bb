// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: NetBSD percpu(9) as bsdcompat implements it. Each case checks one
 * rule of <sys/percpu.h> or one misuse report.
 */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/preempt.h>
#include <linux/smp.h>

#include <sys/cpu.h>
#include <sys/percpu.h>
#include <sys/xcall.h>

#include "kunit_helpers.h"

#define PC_ERR	"percpu error: "

struct pc_slot {
	u64	value;
	int	ctor_cpu;	/* which CPU the ctor was given, + 1 */
	int	dtor_cpu;
	int	xc_cpu;		/* where percpu_foreach_xcall() ran, + 1 */
};

struct pc_count {
	atomic_t	calls;
	bool		bad;	/* a callback saw something wrong */
	u64		sum;
};

static void pc_check_zero(void *p, void *arg, struct cpu_info *ci)
{
	struct pc_slot *s = p;
	struct pc_count *c = arg;

	if (s->value || s->ctor_cpu || s->dtor_cpu || s->xc_cpu)
		c->bad = true;
	atomic_inc(&c->calls);
}

/* percpu_alloc() gives zeroed storage for every possible CPU. */
static void percpu_alloc_zeroed(struct kunit *test)
{
	percpu_t *pc = percpu_alloc(sizeof(struct pc_slot));
	struct pc_count c = {};

	KUNIT_ASSERT_NOT_NULL(test, pc);
	percpu_foreach(pc, pc_check_zero, &c);
	percpu_free(pc, sizeof(struct pc_slot));
	KUNIT_EXPECT_EQ(test, atomic_read(&c.calls), (int)num_possible_cpus());
	KUNIT_EXPECT_FALSE(test, c.bad);
}

/* getref gives this CPU's copy and keeps the caller here until putref. */
static void percpu_getref_is_this_cpu(struct kunit *test)
{
	percpu_t *pc = percpu_alloc(sizeof(struct pc_slot));
	struct pc_slot *mine, *remote;
	bool preemptible_inside;

	KUNIT_ASSERT_NOT_NULL(test, pc);
	mine = percpu_getref(pc);
	remote = percpu_getptr_remote(pc, curcpu());
	preemptible_inside = preemptible();
	percpu_putref(pc);
	percpu_free(pc, sizeof(struct pc_slot));
	KUNIT_EXPECT_PTR_EQ(test, mine, remote);
	KUNIT_EXPECT_FALSE(test, preemptible_inside);
}

static void pc_sum(void *p, void *arg, struct cpu_info *ci)
{
	struct pc_slot *s = p;
	struct pc_count *c = arg;

	if (s->value != cpu_index(ci) + 1000)
		c->bad = true;
	c->sum += s->value;
	atomic_inc(&c->calls);
}

/* Each CPU has its own copy: percpu_foreach() sees each with its CPU. */
static void percpu_copies_are_separate(struct kunit *test)
{
	percpu_t *pc = percpu_alloc(sizeof(struct pc_slot));
	struct pc_count c = {};
	u64 want = 0;
	int cpu;

	KUNIT_ASSERT_NOT_NULL(test, pc);
	for_each_possible_cpu(cpu) {
		struct pc_slot *s = percpu_getptr_remote(pc, cpu_lookup(cpu));

		s->value = cpu + 1000;
		want += cpu + 1000;
	}
	percpu_foreach(pc, pc_sum, &c);
	percpu_free(pc, sizeof(struct pc_slot));
	KUNIT_EXPECT_FALSE(test, c.bad);
	KUNIT_EXPECT_EQ(test, c.sum, want);
}

static void pc_ctor(void *p, void *arg, struct cpu_info *ci)
{
	struct pc_slot *s = p;
	struct pc_count *c = arg;

	if (s->value)
		c->bad = true;	/* not zeroed first */
	s->ctor_cpu = cpu_index(ci) + 1;
	atomic_inc(&c->calls);
}

static void pc_dtor(void *p, void *arg, struct cpu_info *ci)
{
	struct pc_slot *s = p;
	struct pc_count *c = arg;

	if (s->ctor_cpu != cpu_index(ci) + 1)
		c->bad = true;
	atomic_inc(&c->calls);
}

/* percpu_create(): ctor on every zeroed copy, dtor on every copy at free. */
static void percpu_create_ctor_dtor(struct kunit *test)
{
	struct pc_count ctor = {}, dtor = {};
	percpu_t *pc;

	pc = percpu_create(sizeof(struct pc_slot), pc_ctor, pc_dtor, &ctor);
	KUNIT_ASSERT_NOT_NULL(test, pc);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctor.calls),
			(int)num_possible_cpus());
	/* The dtor gets the same arg: count its calls from here. */
	atomic_set(&ctor.calls, 0);
	percpu_free(pc, sizeof(struct pc_slot));
	dtor = ctor;
	KUNIT_EXPECT_EQ(test, atomic_read(&dtor.calls),
			(int)num_possible_cpus());
	KUNIT_EXPECT_FALSE(test, dtor.bad);
}

#define PC_LOOPS	20000

struct pc_race {
	percpu_t	*pc;
};

static void pc_race_fn(void *arg, unsigned int i)
{
	struct pc_race *r = arg;
	int n;

	for (n = 0; n < PC_LOOPS; n++) {
		struct pc_slot *s = percpu_getref(r->pc);

		/* A plain increment: only this CPU touches its copy now. */
		s->value++;
		percpu_putref(r->pc);
		if (!(n % 512))
			cond_resched();
	}
}

static void pc_add(void *p, void *arg, struct cpu_info *ci)
{
	struct pc_count *c = arg;

	c->sum += ((struct pc_slot *)p)->value;
}

/*
 * Unbound threads, two per CPU, count with plain increments between
 * getref and putref: no count is lost, because nothing else runs on that
 * CPU in between.
 */
static void percpu_counts_race(struct kunit *test)
{
	struct pc_race r = { .pc = percpu_alloc(sizeof(struct pc_slot)) };
	unsigned int n = 2 * num_online_cpus();
	struct pc_count c = {};

	KUNIT_ASSERT_NOT_NULL(test, r.pc);
	bsd_kunit_run_threads(test, n, pc_race_fn, &r, "pc-race", false);
	percpu_foreach(r.pc, pc_add, &c);
	percpu_free(r.pc, sizeof(struct pc_slot));
	KUNIT_EXPECT_EQ(test, c.sum, (u64)n * PC_LOOPS);
}

static void pc_on_its_cpu(void *p, void *arg, struct cpu_info *ci)
{
	struct pc_slot *s = p;
	struct pc_count *c = arg;

	if (cpu_index(ci) != raw_smp_processor_id() || !in_task())
		c->bad = true;
	s->xc_cpu = cpu_index(ci) + 1;
	atomic_inc(&c->calls);
}

static void pc_check_xc(void *p, void *arg, struct cpu_info *ci)
{
	struct pc_slot *s = p;
	struct pc_count *c = arg;

	if (cpu_online(cpu_index(ci)) && s->xc_cpu != cpu_index(ci) + 1)
		c->bad = true;
}

/*
 * percpu_foreach_xcall() runs the callback on each CPU with its own copy,
 * at both xcall priorities, and returns when all have run.
 */
static void percpu_foreach_xcall_on_each_cpu(struct kunit *test)
{
	percpu_t *pc = percpu_alloc(sizeof(struct pc_slot));
	struct pc_count c = {}, check = {};
	unsigned int flags[] = { 0, XC_HIGHPRI };
	int i;

	KUNIT_ASSERT_NOT_NULL(test, pc);
	for (i = 0; i < ARRAY_SIZE(flags); i++) {
		atomic_set(&c.calls, 0);
		percpu_foreach_xcall(pc, flags[i], pc_on_its_cpu, &c);
		KUNIT_EXPECT_EQ(test, atomic_read(&c.calls),
				(int)num_online_cpus());
	}
	percpu_foreach(pc, pc_check_xc, &check);
	percpu_free(pc, sizeof(struct pc_slot));
	KUNIT_EXPECT_FALSE(test, c.bad);
	KUNIT_EXPECT_FALSE(test, check.bad);
}

static void misuse_percpu_free_size(struct kunit *test)
{
	percpu_t *pc = percpu_alloc(16);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, pc);
	n = bsd_lockdebug_count();
	percpu_free(pc, 32);	/* freed all the same */
	EXPECT_REPORT(test, n,
		      PC_ERR "percpu_free: size 32, allocated with size 16",
		      "percpu");
}

static void misuse_percpu_null_handle(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();

	KUNIT_EXPECT_NULL(test, percpu_getref(NULL));
	EXPECT_REPORT(test, n, PC_ERR "percpu_getref: NULL handle", "percpu");
}

/* getref refuses a bad handle, and putref then refuses it too. */
static void misuse_percpu_not_a_handle(struct kunit *test)
{
	void *fake = kunit_kzalloc(test, 64, GFP_KERNEL);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, fake);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_NULL(test, percpu_getref(fake));
	EXPECT_REPORT(test, n, PC_ERR "percpu_getref: not a percpu handle",
		      "percpu");
	n = bsd_lockdebug_count();
	percpu_putref(fake);
	EXPECT_REPORT(test, n, PC_ERR "percpu_putref: not a percpu handle",
		      "percpu");
	KUNIT_EXPECT_TRUE(test, !IS_ENABLED(CONFIG_PREEMPT_COUNT) ||
			  preemptible());
}

static void misuse_percpu_putref_without_getref(struct kunit *test)
{
	percpu_t *pc;
	unsigned long n;

	if (!IS_ENABLED(CONFIG_PREEMPT_COUNT))
		kunit_skip(test, "no preempt count to tell");
	pc = percpu_alloc(8);
	KUNIT_ASSERT_NOT_NULL(test, pc);
	n = bsd_lockdebug_count();
	percpu_putref(pc);
	EXPECT_REPORT(test, n,
		      PC_ERR "percpu_putref: no percpu_getref (preemption enabled)",
		      "percpu");
	KUNIT_EXPECT_TRUE(test, preemptible());
	percpu_free(pc, 8);
}

static void misuse_percpu_remote_no_cpu(struct kunit *test)
{
	percpu_t *pc = percpu_alloc(8);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, pc);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_NULL(test, percpu_getptr_remote(pc, NULL));
	EXPECT_REPORT(test, n, PC_ERR "percpu_getptr_remote: no such CPU",
		      "percpu");
	percpu_free(pc, 8);
}

static void pc_irq_alloc(void *arg)
{
	*(percpu_t **)arg = percpu_alloc(8);
}

static void misuse_percpu_alloc_from_interrupt(struct kunit *test)
{
	percpu_t *got = NULL;
	unsigned long n = bsd_lockdebug_count();

	bsd_kunit_in_hardirq(pc_irq_alloc, &got);
	KUNIT_EXPECT_NULL(test, got);
	EXPECT_REPORT(test, n,
		      PC_ERR "percpu_alloc: called from interrupt context",
		      "percpu");
}

static struct kunit_case netbsd_percpu_cases[] = {
	KUNIT_CASE(percpu_alloc_zeroed),
	KUNIT_CASE(percpu_getref_is_this_cpu),
	KUNIT_CASE(percpu_copies_are_separate),
	KUNIT_CASE(percpu_create_ctor_dtor),
	KUNIT_CASE(percpu_counts_race),
	KUNIT_CASE(percpu_foreach_xcall_on_each_cpu),
	KUNIT_CASE(misuse_percpu_free_size),
	KUNIT_CASE(misuse_percpu_null_handle),
	KUNIT_CASE(misuse_percpu_not_a_handle),
	KUNIT_CASE(misuse_percpu_putref_without_getref),
	KUNIT_CASE(misuse_percpu_remote_no_cpu),
	KUNIT_CASE(misuse_percpu_alloc_from_interrupt),
	{}
};

static struct kunit_suite netbsd_percpu_suite = {
	.name = "netbsd_percpu",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = netbsd_percpu_cases,
};
kunit_test_suite(netbsd_percpu_suite);
