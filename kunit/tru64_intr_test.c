// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: Digital UNIX handler_add(9r) and friends over the interrupt core,
 * fired from the core's software interrupt source.
 */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/hardirq.h>
#include <linux/slab.h>

#include <sys/types.h>
#include <sys/funnel.h>
#include <machine/cpu.h>
#include <io/common/handler.h>
#include <bsdcompat/biglock.h>
#include <bsdcompat/intr.h>

#include "kunit_helpers.h"

#define IH_ERR	"Interrupt error: "
#define WAIT	(10 * HZ)	/* a hang, not a timing threshold */

struct t64_case {
	struct bsd_intrsrc	*src;
	struct handler_intr_info info;
	ihandler_t		ih;
	ihandler_id_t		*id;
	atomic_t		runs;
	int			cpu;
	int			funnel;		/* funnel depth in the ISR */
	int			spl;
	bool			hardirq;
	bool			klocked;
	struct completion	ran;
};

static int t64_isr(caddr_t param)
{
	struct t64_case *c = (struct t64_case *)param;

	c->cpu = raw_smp_processor_id();
	c->hardirq = in_hardirq();
	c->klocked = bsd_kernel_locked_p();
	c->funnel = c->hardirq ? 0 : tru64_funnel_depth();
	c->spl = getspl();
	atomic_inc(&c->runs);
	complete(&c->ran);
	return INTR_SERVICED;
}

static struct t64_case *t64_new(struct kunit *test, unsigned int type)
{
	struct t64_case *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	init_completion(&c->ran);
	c->src = bsd_intrsrc_create("tru64-intr");
	KUNIT_ASSERT_NOT_NULL(test, c->src);
	c->info.intr = t64_isr;
	c->info.param = (caddr_t)c;
	c->info.config_type = CONTROLLER_CONFIG_TYPE | SHARED_INTR_CAPABLE |
			      type;
	c->ih.ih_bus_info = (char *)&c->info;
	c->ih.ih_irq = bsd_intrsrc_irq(c->src);
	c->id = handler_add(&c->ih);
	KUNIT_ASSERT_NOT_NULL(test, c->id);
	KUNIT_EXPECT_PTR_EQ(test, (void *)*c->id, (void *)c->ih.ih_id);
	return c;
}

static void t64_done(struct t64_case *c)
{
	handler_del(c->id);
	bsd_intrsrc_destroy(c->src);
}

static bool t64_wait(struct t64_case *c)
{
	return wait_for_completion_timeout(&c->ran, WAIT);
}

/* An ISR that is SMP safe: hard interrupt context, no funnel, at SPLDEVHIGH. */
static void handler_mpsafe_hardirq(struct kunit *test)
{
	struct t64_case *c = t64_new(test, 0);

	KUNIT_ASSERT_EQ(test, handler_enable(c->id), 0);
	bsd_intrsrc_fire(c->src);
	KUNIT_ASSERT_TRUE(test, t64_wait(c));
	KUNIT_EXPECT_EQ(test, handler_disable(c->id), 0);
	t64_done(c);
	KUNIT_EXPECT_FALSE(test, c->klocked);
	KUNIT_EXPECT_EQ(test, c->spl, SPLDEVHIGH);
	KUNIT_EXPECT_TRUE(test, c->hardirq);
}

/*
 * A funneled driver's ISR runs in a thread, holding the funnel, on the
 * master CPU, even when the interrupt came in on another CPU.
 */
static void handler_funneled_on_master(struct kunit *test)
{
	struct t64_case *c = t64_new(test, NOT_DIST_INTR_SAFE);
	int cpu = num_online_cpus() > 1 ? 1 : 0;

	KUNIT_ASSERT_EQ(test, handler_enable(c->id), 0);
	bsd_intrsrc_fire_on(c->src, cpu);
	KUNIT_ASSERT_TRUE(test, t64_wait(c));
	KUNIT_EXPECT_EQ(test, handler_disable(c->id), 0);
	t64_done(c);
	KUNIT_EXPECT_FALSE(test, c->hardirq);
	KUNIT_EXPECT_TRUE(test, c->klocked);
	KUNIT_EXPECT_EQ(test, c->funnel, 1);
	KUNIT_EXPECT_EQ(test, c->spl, SPLDEVHIGH);
	KUNIT_EXPECT_EQ(test, tru64_funnel_depth(), 0);
	if (num_online_cpus() == 1)
		kunit_skip(test, "one CPU: no other CPU to come from");
	KUNIT_EXPECT_EQ(test, c->cpu, TRU64_MASTER_CPU);
}

/* Not called after handler_disable(). */
static void handler_enable_disable(struct kunit *test)
{
	struct t64_case *c = t64_new(test, 0);
	unsigned long before;

	KUNIT_ASSERT_EQ(test, handler_enable(c->id), 0);
	bsd_intrsrc_fire(c->src);
	KUNIT_ASSERT_TRUE(test, t64_wait(c));
	KUNIT_EXPECT_EQ(test, handler_disable(c->id), 0);
	before = bsd_intrsrc_delivered(c->src);
	bsd_intrsrc_fire(c->src);
	while (bsd_intrsrc_delivered(c->src) == before)
		schedule_timeout_uninterruptible(1);
	t64_done(c);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 1);
}

static void misuse_handler_del_enabled(struct kunit *test)
{
	struct t64_case *c = t64_new(test, 0);
	unsigned long n;

	KUNIT_ASSERT_EQ(test, handler_enable(c->id), 0);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, handler_del(c->id), 0);
	EXPECT_REPORT(test, n, IH_ERR "handler_del: handler still enabled",
		      "handler");
	bsd_intrsrc_destroy(c->src);	/* disabled by handler_del() */
}

static void misuse_handler_enable_twice(struct kunit *test)
{
	struct t64_case *c = t64_new(test, 0);
	unsigned long n;

	KUNIT_ASSERT_EQ(test, handler_enable(c->id), 0);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, handler_enable(c->id), -1);
	EXPECT_REPORT(test, n, IH_ERR "handler_enable: already enabled",
		      "handler");
	KUNIT_EXPECT_EQ(test, handler_disable(c->id), 0);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, handler_disable(c->id), -1);
	EXPECT_REPORT(test, n, IH_ERR "handler_disable: not enabled",
		      "handler");
	t64_done(c);
}

static void misuse_handler_add_bad(struct kunit *test)
{
	struct handler_intr_info info = { .intr = NULL };
	ihandler_t ih = { .ih_bus_info = (char *)&info, .ih_irq = 1 };
	unsigned long n = bsd_lockdebug_count();

	KUNIT_EXPECT_NULL(test, handler_add(&ih));
	EXPECT_REPORT(test, n, IH_ERR "handler_add: NULL ISR", "handler");
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, handler_del(NULL), -1);
	EXPECT_REPORT(test, n, IH_ERR "handler_del: NULL handler id",
		      "handler");
}

static struct kunit_case tru64_intr_cases[] = {
	KUNIT_CASE(handler_mpsafe_hardirq),
	KUNIT_CASE(handler_funneled_on_master),
	KUNIT_CASE(handler_enable_disable),
	KUNIT_CASE(misuse_handler_del_enabled),
	KUNIT_CASE(misuse_handler_enable_twice),
	KUNIT_CASE(misuse_handler_add_bad),
	{}
};

static struct kunit_suite tru64_intr_suite = {
	.name = "tru64_intr",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = tru64_intr_cases,
};
kunit_test_suite(tru64_intr_suite);
