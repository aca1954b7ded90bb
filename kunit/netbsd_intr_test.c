// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: NetBSD intr_establish() over the interrupt core, fired from the
 * core's software interrupt source.
 */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/hardirq.h>
#include <linux/interrupt.h>
#include <linux/irqflags.h>
#include <linux/slab.h>

#include <sys/intr.h>
#include <sys/mutex.h>
#include <sys/systm.h>
#include <bsdcompat/intr.h>

#include "kunit_helpers.h"

#define IH_ERR	"Interrupt error: "
#define WAIT	(10 * HZ)	/* a hang, not a timing threshold */

struct nb_case {
	struct bsd_intrsrc	*src;
	void			*cookie;
	kmutex_t		adaptive;
	kmutex_t		spin;		/* at IPL_VM */
	int			ret;
	atomic_t		runs;
	int			ipl;
	bool			hardirq;
	bool			klocked;
	bool			owned;		/* took both mutexes */
	struct completion	ran;
};

static int nb_handler(void *arg)
{
	struct nb_case *c = arg;

	c->ipl = bsd_curipl();
	c->hardirq = in_hardirq();
	c->klocked = KERNEL_LOCKED_P();
	mutex_spin_enter(&c->spin);
	c->owned = mutex_owned(&c->spin);
	mutex_spin_exit(&c->spin);
	if (!c->hardirq) {
		/* Only a thread may take an adaptive mutex, and block on it. */
		mutex_enter(&c->adaptive);
		c->owned = c->owned && mutex_owned(&c->adaptive);
		mutex_exit(&c->adaptive);
	}
	atomic_inc(&c->runs);
	complete(&c->ran);
	return c->ret;
}

static struct nb_case *nb_new(struct kunit *test, int ipl, int type)
{
	struct nb_case *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	mutex_init(&c->adaptive, MUTEX_DEFAULT, IPL_NONE);
	mutex_init(&c->spin, MUTEX_DEFAULT, IPL_VM);
	init_completion(&c->ran);
	c->ret = 1;
	c->ipl = -1;
	c->src = bsd_intrsrc_create("netbsd-intr");
	KUNIT_ASSERT_NOT_NULL(test, c->src);
	c->cookie = intr_establish_xname(bsd_intrsrc_irq(c->src), ipl, type,
					 nb_handler, c, "kunit-nb");
	KUNIT_ASSERT_NOT_NULL(test, c->cookie);
	return c;
}

static void nb_done(struct nb_case *c)
{
	if (c->cookie)
		intr_disestablish(c->cookie);
	bsd_intrsrc_destroy(c->src);
	mutex_destroy(&c->adaptive);
	mutex_destroy(&c->spin);
}

static bool nb_wait(struct nb_case *c)
{
	return wait_for_completion_timeout(&c->ran, WAIT);
}

/* IST_MPSAFE: hard interrupt context, no kernel lock, at its IPL. */
static void intr_mpsafe_hardirq(struct kunit *test)
{
	struct nb_case *c = nb_new(test, IPL_NET, IST_LEVEL | IST_MPSAFE);

	bsd_intrsrc_fire(c->src);
	KUNIT_ASSERT_TRUE(test, nb_wait(c));
	nb_done(c);
	KUNIT_EXPECT_FALSE(test, c->klocked);
	KUNIT_EXPECT_EQ(test, c->ipl, IPL_NET);
	KUNIT_EXPECT_TRUE(test, c->owned);
	KUNIT_EXPECT_TRUE(test, c->hardirq);
}

/*
 * Without IST_MPSAFE: a thread holding the kernel lock, at its IPL, which
 * may block on an adaptive mutex that a thread holds.
 */
static void intr_kernel_locked_thread(struct kunit *test)
{
	struct nb_case *c = nb_new(test, IPL_BIO, IST_EDGE);

	mutex_enter(&c->adaptive);
	bsd_intrsrc_fire(c->src);
	msleep(20);	/* the handler blocks on the mutex */
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 0);
	mutex_exit(&c->adaptive);
	KUNIT_ASSERT_TRUE(test, nb_wait(c));
	nb_done(c);
	KUNIT_EXPECT_FALSE(test, c->hardirq);
	KUNIT_EXPECT_TRUE(test, c->klocked);
	KUNIT_EXPECT_EQ(test, c->ipl, IPL_BIO);
	KUNIT_EXPECT_TRUE(test, c->owned);
	KUNIT_EXPECT_FALSE(test, KERNEL_LOCKED_P());
}

/* splbio() holds both kinds of IPL_BIO handler off on this CPU. */
static void intr_splbio_blocks(struct kunit *test)
{
	struct nb_case *mp = nb_new(test, IPL_BIO, IST_LEVEL | IST_MPSAFE);
	struct nb_case *kl = nb_new(test, IPL_BIO, IST_LEVEL);
	int s, mpruns, klruns;

	s = splbio();
	bsd_intrsrc_fire(mp->src);
	bsd_intrsrc_fire(kl->src);
	udelay(100);
	mpruns = atomic_read(&mp->runs);
	klruns = atomic_read(&kl->runs);
	splx(s);
	KUNIT_EXPECT_EQ(test, mpruns, 0);
	KUNIT_EXPECT_EQ(test, klruns, 0);
	KUNIT_EXPECT_TRUE(test, nb_wait(mp));
	KUNIT_EXPECT_TRUE(test, nb_wait(kl));
	nb_done(mp);
	nb_done(kl);
}

/* A handler that says "not mine" (0) is counted stray; the line goes on. */
static void intr_not_mine(struct kunit *test)
{
	struct nb_case *c = nb_new(test, IPL_VM, IST_LEVEL | IST_MPSAFE);
	struct bsd_intr_stats st;

	c->ret = 0;
	bsd_intrsrc_fire(c->src);
	KUNIT_ASSERT_TRUE(test, nb_wait(c));
	synchronize_irq(bsd_intrsrc_irq(c->src));
	bsd_intr_stats(c->cookie, &st);
	nb_done(c);
	KUNIT_EXPECT_EQ(test, st.is_filter, 1ULL);
	KUNIT_EXPECT_EQ(test, st.is_stray, 1ULL);
}

/* intr_establish() (no name) and a kernel-locked handler at IPL_SCHED. */
static void intr_establish_plain(struct kunit *test)
{
	struct nb_case *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	mutex_init(&c->adaptive, MUTEX_DEFAULT, IPL_NONE);
	mutex_init(&c->spin, MUTEX_DEFAULT, IPL_VM);
	init_completion(&c->ran);
	c->ret = 1;
	c->src = bsd_intrsrc_create("netbsd-intr");
	KUNIT_ASSERT_NOT_NULL(test, c->src);
	c->cookie = intr_establish(bsd_intrsrc_irq(c->src), IPL_SCHED,
				   IST_NONE, nb_handler, c);
	KUNIT_ASSERT_NOT_NULL(test, c->cookie);
	bsd_intrsrc_fire(c->src);
	KUNIT_ASSERT_TRUE(test, nb_wait(c));
	nb_done(c);
	KUNIT_EXPECT_TRUE(test, c->klocked);
	KUNIT_EXPECT_EQ(test, c->ipl, IPL_SCHED);
}

/* Soft IPLs are softint(9)'s, MP-safe or not. */
static void misuse_intr_soft_ipl(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();

	KUNIT_EXPECT_NULL(test, intr_establish_xname(1, IPL_SOFTNET,
						     IST_LEVEL | IST_MPSAFE,
						     nb_handler, NULL,
						     "kunit-soft"));
	EXPECT_REPORT(test, n,
		      IH_ERR "intr_establish: bad IPL 3 (IPL_SOFTNET)",
		      "kunit-soft");
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_NULL(test, intr_establish_xname(1, IPL_NONE, IST_LEVEL,
						     nb_handler, NULL,
						     "kunit-soft"));
	EXPECT_REPORT(test, n, IH_ERR "intr_establish: bad IPL 0 (IPL_NONE)",
		      "kunit-soft");
}

static void misuse_intr_bad_type(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();

	KUNIT_EXPECT_NULL(test, intr_establish_xname(1, IPL_VM, 0x42,
						     nb_handler, NULL,
						     "kunit-type"));
	EXPECT_REPORT(test, n, IH_ERR "intr_establish: bad type 0x42",
		      "kunit-type");
}

static void misuse_intr_disestablish_null(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();

	intr_disestablish(NULL);
	EXPECT_REPORT(test, n, IH_ERR "intr_disestablish: NULL cookie",
		      "intr");
}

static struct kunit_case netbsd_intr_cases[] = {
	KUNIT_CASE(intr_mpsafe_hardirq),
	KUNIT_CASE(intr_kernel_locked_thread),
	KUNIT_CASE(intr_splbio_blocks),
	KUNIT_CASE(intr_not_mine),
	KUNIT_CASE(intr_establish_plain),
	KUNIT_CASE(misuse_intr_soft_ipl),
	KUNIT_CASE(misuse_intr_bad_type),
	KUNIT_CASE(misuse_intr_disestablish_null),
	{}
};

static struct kunit_suite netbsd_intr_suite = {
	.name = "netbsd_intr",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = netbsd_intr_cases,
};
kunit_test_suite(netbsd_intr_suite);
