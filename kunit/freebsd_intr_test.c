// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: FreeBSD bus_setup_intr(9) over the interrupt core, fired from the
 * core's software interrupt source.
 */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/hardirq.h>
#include <linux/interrupt.h>
#include <linux/slab.h>

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/lock.h>
#include <sys/mutex.h>
#include <sys/bus.h>
#include <sys/rman.h>
#include <bsdcompat/gate.h>
#include <bsdcompat/intr.h>
#include <bsdcompat/spl.h>

#include "kunit_helpers.h"

#define IH_ERR	"Interrupt error: "
#define WAIT	(10 * HZ)	/* a hang, not a timing threshold */

struct fb_part {
	atomic_t		runs;
	bool			hardirq;
	bool			giant;
	int			ipl;
	struct completion	ran;
};

struct fb_case {
	struct bsd_intrsrc	*src;
	struct _device		dev;
	struct resource		res;
	void			*cookie;
	struct mtx		def;		/* MTX_DEF, for the ithread */
	struct mtx		spin;		/* MTX_SPIN, for the filter */
	int			ret;
	bool			owned;
	struct fb_part		f, t;
};

static void fb_record(struct fb_part *p)
{
	p->hardirq = in_hardirq();
	p->giant = mtx_owned(&Giant);
	p->ipl = bsd_curipl();
	atomic_inc(&p->runs);
	complete(&p->ran);
}

static int fb_filter(void *arg)
{
	struct fb_case *c = arg;

	mtx_lock_spin(&c->spin);
	mtx_unlock_spin(&c->spin);
	fb_record(&c->f);
	return c->ret;
}

static void fb_ithread(void *arg)
{
	struct fb_case *c = arg;

	mtx_lock(&c->def);
	c->owned = mtx_owned(&c->def);
	mtx_unlock(&c->def);
	fb_record(&c->t);
}

static struct fb_case *fb_new(struct kunit *test)
{
	struct fb_case *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	atomic_set(&c->f.runs, 0);
	atomic_set(&c->t.runs, 0);
	init_completion(&c->f.ran);
	init_completion(&c->t.ran);
	mtx_init(&c->def, "kunit def", NULL, MTX_DEF);
	mtx_init(&c->spin, "kunit spin", NULL, MTX_SPIN);
	c->ret = FILTER_HANDLED;
	c->dev.name = "kunit";
	c->dev.unit = 3;
	c->dev.softc = c;
	c->src = bsd_intrsrc_create("freebsd-intr");
	KUNIT_ASSERT_NOT_NULL(test, c->src);
	c->res.r_type = SYS_RES_IRQ;
	c->res.r_start = bsd_intrsrc_irq(c->src);
	c->res.r_end = c->res.r_start;
	return c;
}

static void fb_setup(struct kunit *test, struct fb_case *c, int flags,
		     bool filter, bool ithread)
{
	KUNIT_ASSERT_EQ(test, bus_setup_intr(&c->dev, &c->res, flags,
					     filter ? fb_filter : NULL,
					     ithread ? fb_ithread : NULL, c,
					     &c->cookie), 0);
	KUNIT_ASSERT_NOT_NULL(test, c->cookie);
}

static void fb_done(struct kunit *test, struct fb_case *c)
{
	if (c->cookie)
		KUNIT_EXPECT_EQ(test, bus_teardown_intr(&c->dev, &c->res,
							c->cookie), 0);
	bsd_intrsrc_destroy(c->src);
	mtx_destroy(&c->def);
	mtx_destroy(&c->spin);
}

static bool fb_wait(struct fb_part *p)
{
	return wait_for_completion_timeout(&p->ran, WAIT);
}

/* A filter alone: hard interrupt context, never Giant, even without MPSAFE. */
static void intr_filter_only(struct kunit *test)
{
	struct fb_case *c = fb_new(test);

	fb_setup(test, c, INTR_TYPE_MISC, true, false);
	bsd_intrsrc_fire(c->src);
	KUNIT_ASSERT_TRUE(test, fb_wait(&c->f));
	fb_done(test, c);
	KUNIT_EXPECT_FALSE(test, c->f.giant);
	KUNIT_EXPECT_TRUE(test, c->f.hardirq);
	KUNIT_EXPECT_STREQ(test, device_get_nameunit(&c->dev), "kunit3");
	KUNIT_EXPECT_PTR_EQ(test, device_get_softc(&c->dev), (void *)c);
}

/*
 * FILTER_SCHEDULE_THREAD runs the ithread, in a thread, with Giant
 * (no INTR_MPSAFE), at no IPL; it may take a sleep mutex.
 */
static void intr_filter_schedules_giant_ithread(struct kunit *test)
{
	struct fb_case *c = fb_new(test);

	c->ret = FILTER_SCHEDULE_THREAD;
	fb_setup(test, c, INTR_TYPE_NET, true, true);
	bsd_intrsrc_fire(c->src);
	KUNIT_ASSERT_TRUE(test, fb_wait(&c->f));
	KUNIT_ASSERT_TRUE(test, fb_wait(&c->t));
	/* FILTER_HANDLED alone leaves the ithread asleep. */
	c->ret = FILTER_HANDLED;
	reinit_completion(&c->f.ran);
	bsd_intrsrc_fire(c->src);
	KUNIT_ASSERT_TRUE(test, fb_wait(&c->f));
	synchronize_irq(c->res.r_start);
	fb_done(test, c);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->f.runs), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->t.runs), 1);
	KUNIT_EXPECT_FALSE(test, c->f.giant);
	KUNIT_EXPECT_TRUE(test, c->t.giant);
	KUNIT_EXPECT_FALSE(test, c->t.hardirq);
	KUNIT_EXPECT_EQ(test, c->t.ipl, BSD_IPL_NONE);
	KUNIT_EXPECT_TRUE(test, c->owned);
	KUNIT_EXPECT_FALSE(test, mtx_owned(&Giant));
}

/* An ithread alone: Giant without INTR_MPSAFE, none with it. */
static void intr_ithread_mpsafe_or_giant(struct kunit *test)
{
	struct fb_case *g = fb_new(test), *mp = fb_new(test);

	fb_setup(test, g, INTR_TYPE_BIO, false, true);
	fb_setup(test, mp, INTR_TYPE_BIO | INTR_MPSAFE, false, true);
	bsd_intrsrc_fire(g->src);
	bsd_intrsrc_fire(mp->src);
	KUNIT_ASSERT_TRUE(test, fb_wait(&g->t));
	KUNIT_ASSERT_TRUE(test, fb_wait(&mp->t));
	fb_done(test, g);
	fb_done(test, mp);
	KUNIT_EXPECT_TRUE(test, g->t.giant);
	KUNIT_EXPECT_FALSE(test, mp->t.giant);
	KUNIT_EXPECT_FALSE(test, mp->t.hardirq);
}

/* A Giant ithread waits while a thread holds Giant. */
static void intr_ithread_waits_for_giant(struct kunit *test)
{
	struct fb_case *c = fb_new(test);

	fb_setup(test, c, INTR_TYPE_MISC, false, true);
	mtx_lock(&Giant);
	bsd_intrsrc_fire(c->src);
	schedule_timeout_uninterruptible(msecs_to_jiffies(20));
	KUNIT_EXPECT_EQ(test, atomic_read(&c->t.runs), 0);
	mtx_unlock(&Giant);
	KUNIT_ASSERT_TRUE(test, fb_wait(&c->t));
	fb_done(test, c);
}

/* The device's gate, closed, keeps filter and ithread out. */
static void intr_device_gate(struct kunit *test)
{
	struct fb_case *c = fb_new(test);
	struct bsd_gate gate;
	struct bsd_intr_stats st;
	int i;

	KUNIT_ASSERT_EQ(test, bsd_gate_init(&gate), 0);
	c->dev.gate = &gate;
	c->ret = FILTER_SCHEDULE_THREAD;
	fb_setup(test, c, INTR_TYPE_MISC | INTR_MPSAFE, true, true);
	bsd_gate_close(&gate);
	bsd_gate_wait(&gate);
	bsd_intrsrc_fire(c->src);
	for (i = 0; i < 10000; i++) {
		bsd_intr_stats(c->cookie, &st);
		if (st.is_stray)
			break;
		usleep_range(1000, 2000);
	}
	KUNIT_EXPECT_EQ(test, st.is_stray, 1ULL);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->f.runs), 0);
	bsd_gate_reopen(&gate);
	bsd_intrsrc_fire(c->src);
	KUNIT_EXPECT_TRUE(test, fb_wait(&c->t));
	fb_done(test, c);
	bsd_gate_destroy(&gate);
}

static void misuse_bus_setup_intr_bad_flags(struct kunit *test)
{
	struct fb_case *c = fb_new(test);
	unsigned long n = bsd_lockdebug_count();

	KUNIT_EXPECT_EQ(test, bus_setup_intr(&c->dev, &c->res, 0x10000,
					     fb_filter, NULL, c, &c->cookie),
			EINVAL);
	EXPECT_REPORT(test, n, IH_ERR "bus_setup_intr: bad flags 0x10000",
		      "kunit3");
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, bus_setup_intr(&c->dev, &c->res, INTR_MPSAFE,
					     NULL, NULL, c, &c->cookie),
			EINVAL);
	EXPECT_REPORT(test, n, IH_ERR "intr_establish: no handler", "kunit3");
	c->cookie = NULL;
	fb_done(test, c);
}

static void misuse_bus_teardown_intr_null(struct kunit *test)
{
	struct fb_case *c = fb_new(test);
	unsigned long n = bsd_lockdebug_count();

	KUNIT_EXPECT_EQ(test, bus_teardown_intr(&c->dev, &c->res, NULL),
			EINVAL);
	EXPECT_REPORT(test, n, IH_ERR "bus_teardown_intr: NULL cookie",
		      "kunit3");
	fb_done(test, c);
}

static struct kunit_case freebsd_intr_cases[] = {
	KUNIT_CASE(intr_filter_only),
	KUNIT_CASE(intr_filter_schedules_giant_ithread),
	KUNIT_CASE(intr_ithread_mpsafe_or_giant),
	KUNIT_CASE(intr_ithread_waits_for_giant),
	KUNIT_CASE(intr_device_gate),
	KUNIT_CASE(misuse_bus_setup_intr_bad_flags),
	KUNIT_CASE(misuse_bus_teardown_intr_null),
	{}
};

static struct kunit_suite freebsd_intr_suite = {
	.name = "freebsd_intr",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = freebsd_intr_cases,
};
kunit_test_suite(freebsd_intr_suite);
