// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: Digital UNIX simple locks and spl names.
 *
 * The misuse cases provoke each report with lockmode on (the default). The
 * lock-order case takes its two classes in one order only, so that lockdep,
 * which would call the pair a cycle, never sees the other.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/lockdep.h>
#include <linux/module.h>

#include <kern/lock.h>
#include <machine/cpu.h>
#include <sys/funnel.h>

#include "kunit_helpers.h"

MODULE_IMPORT_NS(BSDCOMPAT);

#define SLOCK_ERR	"Simple lock error: "


/* simple_lock_try fails while held (by anyone, the holder too). */
decl_simple_lock_data(static, file_sl);

static void slock_try(struct kunit *test)
{
	simple_lock_t sl = &file_sl;

	simple_lock_init(sl);
	KUNIT_EXPECT_TRUE(test, simple_lock_try(sl));
	KUNIT_EXPECT_TRUE(test, SLOCK_HOLDER(sl));
	KUNIT_EXPECT_FALSE(test, simple_lock_try(sl));
	simple_unlock(sl);
	KUNIT_EXPECT_FALSE(test, SLOCK_HOLDER(sl));
	simple_lock(sl);
	KUNIT_EXPECT_TRUE(test, SLOCK_HOLDER(sl));
	simple_unlock(sl);
	simple_lock_terminate(sl);
}

/*
 * The book's pattern: s = splbio(); simple_lock(); ...; simple_unlock();
 * splx(s) excludes both the other CPUs' threads and an interrupt handler
 * (an hrtimer in hard interrupt context) that takes the lock too. Threads
 * run on every CPU until the handler has run often enough; no update of
 * the pair (a, b) is ever seen half done, none is lost.
 */
#define SLX_IRQ_HITS	300

struct slx {
	simple_lock_data_t	lock;
	struct hrtimer		timer;
	unsigned long		a, b;
	unsigned long		torn;
	unsigned long		irq_hits;	/* under the lock */
	unsigned long		*hits;		/* each thread's */
	bool			stop;
};

static void slx_update(struct slx *x)
{
	if (x->a != x->b)
		x->torn++;
	x->a++;
	udelay(2);	/* the window an unprotected update would be hit in */
	x->b++;
}

static enum hrtimer_restart slx_timer(struct hrtimer *t)
{
	struct slx *x = container_of(t, struct slx, timer);

	simple_lock(&x->lock);
	slx_update(x);
	x->irq_hits++;
	simple_unlock(&x->lock);
	if (READ_ONCE(x->stop))
		return HRTIMER_NORESTART;
	hrtimer_forward_now(t, ns_to_ktime(20 * NSEC_PER_USEC));
	return HRTIMER_RESTART;
}

static void slx_thread_fn(void *arg, unsigned int id)
{
	struct slx *x = arg;
	unsigned long n = 0;
	bool stop;
	int s;

	do {
		s = splbio();
		simple_lock(&x->lock);
		slx_update(x);
		stop = x->irq_hits >= SLX_IRQ_HITS;
		simple_unlock(&x->lock);
		splx(s);
		n++;
		cond_resched();
	} while (!stop);
	x->hits[id] = n;
}

static void slock_splbio_excludes_interrupt(struct kunit *test)
{
	struct slx *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);
	unsigned long total = 0;
	int i, n = num_online_cpus();

	KUNIT_ASSERT_NOT_NULL(test, x);
	x->hits = kunit_kcalloc(test, n, sizeof(*x->hits), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, x->hits);
	simple_lock_init(&x->lock);
	hrtimer_init(&x->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	x->timer.function = slx_timer;
	hrtimer_start(&x->timer, ns_to_ktime(20 * NSEC_PER_USEC),
		      HRTIMER_MODE_REL_HARD);
	bsd_kunit_run_threads(test, n, slx_thread_fn, x, "slx", true);
	WRITE_ONCE(x->stop, true);
	hrtimer_cancel(&x->timer);

	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_GT(test, x->hits[i], 0UL);
		total += x->hits[i];
	}
	KUNIT_EXPECT_EQ(test, x->torn, 0UL);
	KUNIT_EXPECT_EQ(test, x->a, x->b);
	KUNIT_EXPECT_EQ(test, x->a, total + x->irq_hits);
	kunit_info(test, "%lu thread and %lu interrupt critical sections on %d CPUs\n",
		   total, x->irq_hits, n);
	simple_lock_terminate(&x->lock);
}

/* Taking it again would spin forever: reported, refused; the lock stays. */
static void slock_misuse_recursive(struct kunit *test)
{
	unsigned long before = bsd_lockdebug_count();
	simple_lock_data_t sl;

	if (!tru64_lockmode_enabled())
		kunit_skip(test, "lockmode is off");
	simple_lock_init(&sl);
	simple_lock(&sl);
	simple_lock(&sl);
	EXPECT_REPORT(test, before, SLOCK_ERR "simple_lock: recursive simple lock", "sl");
	KUNIT_EXPECT_TRUE(test, SLOCK_HOLDER(&sl));
	simple_unlock(&sl);
	KUNIT_EXPECT_TRUE(test, simple_lock_try(&sl));
	simple_unlock(&sl);
}

static void slock_misuse_unlock_not_held(struct kunit *test)
{
	unsigned long before = bsd_lockdebug_count();
	simple_lock_data_t sl;

	if (!tru64_lockmode_enabled())
		kunit_skip(test, "lockmode is off");
	simple_lock_init(&sl);
	simple_unlock(&sl);
	EXPECT_REPORT(test, before, SLOCK_ERR "simple_unlock: lock not held", "sl");
	KUNIT_EXPECT_TRUE(test, simple_lock_try(&sl));
	simple_unlock(&sl);
}

/*
 * An interrupt on the holder's CPU: taking the lock would spin forever and
 * releasing it is not the interrupt's to do. Both reported and refused.
 */
struct slirq {
	simple_lock_data_t	lock;
	struct hrtimer		timer;
	bool			unlock;
	bool			fired;
};

static enum hrtimer_restart slirq_timer(struct hrtimer *t)
{
	struct slirq *si = container_of(t, struct slirq, timer);

	if (si->unlock)
		simple_unlock(&si->lock);
	else
		simple_lock(&si->lock);
	WRITE_ONCE(si->fired, true);
	return HRTIMER_NORESTART;
}

static void slirq_run(struct slirq *si, bool unlock)
{
	si->unlock = unlock;
	si->fired = false;
	preempt_disable();
	simple_lock(&si->lock);
	hrtimer_start(&si->timer, ns_to_ktime(10 * NSEC_PER_USEC),
		      HRTIMER_MODE_REL_PINNED_HARD);
	while (!READ_ONCE(si->fired))
		cpu_relax();
	simple_unlock(&si->lock);
	preempt_enable();
}

static void slock_misuse_interrupt_on_holder(struct kunit *test)
{
	struct slirq *si = kunit_kzalloc(test, sizeof(*si), GFP_KERNEL);
	unsigned long before = bsd_lockdebug_count();

	KUNIT_ASSERT_NOT_NULL(test, si);
	if (!tru64_lockmode_enabled())
		kunit_skip(test, "lockmode is off");
	simple_lock_init(&si->lock);
	hrtimer_init(&si->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_PINNED_HARD);
	si->timer.function = slirq_timer;

	slirq_run(si, false);
	EXPECT_REPORT(test, before, SLOCK_ERR "simple_lock: held by the interrupted thread",
		      "lock");
	before = bsd_lockdebug_count();
	slirq_run(si, true);
	EXPECT_REPORT(test, before, SLOCK_ERR "simple_unlock: lock held by", "lock");
	KUNIT_EXPECT_TRUE(test, simple_lock_try(&si->lock));
	simple_unlock(&si->lock);
}

/*
 * Taken in an interrupt and, at another time, with interrupts enabled:
 * reported once, though the two never met. Lockdep would report it too
 * (and stop checking): it is kept out of this lock's acquisitions.
 */
static enum hrtimer_restart slunsafe_timer(struct hrtimer *t)
{
	struct slirq *si = container_of(t, struct slirq, timer);

	lockdep_off();
	simple_lock(&si->lock);
	simple_unlock(&si->lock);
	lockdep_on();
	WRITE_ONCE(si->fired, true);
	return HRTIMER_NORESTART;
}

static void slock_misuse_interrupt_unsafe(struct kunit *test)
{
	struct slirq *si = kunit_kzalloc(test, sizeof(*si), GFP_KERNEL);
	unsigned long before = bsd_lockdebug_count();
	int i;

	KUNIT_ASSERT_NOT_NULL(test, si);
	if (!tru64_lockmode_enabled())
		kunit_skip(test, "lockmode is off");
	simple_lock_init(&si->lock);
	hrtimer_init(&si->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	si->timer.function = slunsafe_timer;
	for (i = 0; i < 2; i++) {
		lockdep_off();
		simple_lock(&si->lock);		/* interrupts enabled */
		simple_unlock(&si->lock);
		lockdep_on();
		si->fired = false;
		hrtimer_start(&si->timer, ns_to_ktime(10 * NSEC_PER_USEC),
			      HRTIMER_MODE_REL_HARD);
		while (!READ_ONCE(si->fired))
			cpu_relax();
		hrtimer_cancel(&si->timer);
	}
	EXPECT_REPORT(test, before,
		      SLOCK_ERR "simple_lock: taken in interrupt context and with that interrupt enabled",
		      "lock");
}

static void slock_misuse_terminate(struct kunit *test)
{
	unsigned long before = bsd_lockdebug_count();
	simple_lock_data_t sl;

	if (!tru64_lockmode_enabled())
		kunit_skip(test, "lockmode is off");
	simple_lock_init(&sl);
	simple_lock(&sl);
	simple_lock_terminate(&sl);
	EXPECT_REPORT(test, before,
		      SLOCK_ERR "simple_lock_terminate: terminating a held lock", "sl");
	simple_unlock(&sl);
	simple_lock_terminate(&sl);
	before = bsd_lockdebug_count();
	simple_lock(&sl);
	EXPECT_REPORT(test, before,
		      SLOCK_ERR "simple_lock: lock used after simple_lock_terminate", "sl");
	KUNIT_EXPECT_FALSE(test, SLOCK_HOLDER(&sl));
}

/* A lockinfo's minimum spl: below it reported, at it quiet. */
static DEFINE_LOCKINFO(test_disk_li, "test_disk", 0, SPLBIO);

static void slock_misuse_min_spl(struct kunit *test)
{
	unsigned long before = bsd_lockdebug_count();
	simple_lock_data_t sl;
	int s;

	if (!tru64_lockmode_enabled())
		kunit_skip(test, "lockmode is off");
	simple_lock_setup(&sl, &test_disk_li);
	s = splbio();
	simple_lock(&sl);
	simple_unlock(&sl);
	splx(s);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), before);
	simple_lock(&sl);
	simple_unlock(&sl);
	EXPECT_REPORT(test, before, SLOCK_ERR "simple_lock: taken at IPL_NONE, below its minimum spl IPL_VM",
		      "test_disk");
}

/* Two ordered classes: second then first is reported (and only that way). */
static DEFINE_LOCKINFO(test_first_li, "test_first", 10, 0);
static DEFINE_LOCKINFO(test_second_li, "test_second", 20, 0);

static void slock_misuse_order(struct kunit *test)
{
	unsigned long before = bsd_lockdebug_count();
	simple_lock_data_t first;
	simple_lock_data_t second;
	char line[BSD_LOCKDEBUG_MSGLEN];

	if (!tru64_lockmode_enabled())
		kunit_skip(test, "lockmode is off");
	simple_lock_setup(&first, &test_first_li);
	simple_lock_setup(&second, &test_second_li);
	simple_lock(&second);
	simple_lock(&first);
	simple_unlock(&first);
	simple_unlock(&second);
	EXPECT_REPORT(test, before, SLOCK_ERR "simple_lock: lock order: order 10 taken with \"test_second\" (order 20) held",
		      "test_first");
	bsd_lockdebug_last(line, sizeof(line));
	kunit_info(test, "%s\n", line);
}

/*
 * Lockmode off: no checks, and a lock taken with lockmode on or off can be
 * released after a switch without a report and without leaving the CPU's
 * count of held simple locks wrong (unix_master() would refuse then).
 */
static void slock_lockmode_switch(struct kunit *test)
{
	unsigned long before = bsd_lockdebug_count();
	bool was = tru64_lockmode_enabled();
	simple_lock_data_t a, b;

	simple_lock_init(&a);
	simple_lock_init(&b);
	KUNIT_ASSERT_EQ(test, tru64_lockmode_set(4), 0);
	simple_lock(&a);
	KUNIT_ASSERT_EQ(test, tru64_lockmode_set(0), 0);
	KUNIT_EXPECT_FALSE(test, tru64_lockmode_enabled());
	simple_lock(&b);
	KUNIT_EXPECT_TRUE(test, SLOCK_HOLDER(&b));
	simple_unlock(&a);		/* taken checked, released unchecked */
	KUNIT_ASSERT_EQ(test, tru64_lockmode_set(4), 0);
	simple_unlock(&b);		/* taken unchecked, released checked */
	KUNIT_EXPECT_EQ(test, tru64_lockmode_set(1), -EINVAL);

	unix_master();
	KUNIT_EXPECT_EQ(test, tru64_funnel_depth(), 1);
	unix_release();
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), before);
	KUNIT_EXPECT_TRUE(test, simple_lock_try(&a));
	KUNIT_EXPECT_TRUE(test, simple_lock_try(&b));
	simple_unlock(&b);
	simple_unlock(&a);
	tru64_lockmode_set(was ? 4 : 0);
}

/* Digital UNIX's spl names sit on the IPL core NetBSD's spl(9) uses. */
static void spl_names(struct kunit *test)
{
	int s0, s1, s2;

	s0 = getspl();
	KUNIT_EXPECT_EQ(test, s0, BSD_IPL_NONE);
	s1 = splnet();
	KUNIT_EXPECT_EQ(test, s1, s0);
	KUNIT_EXPECT_EQ(test, getspl(), SPLNET);
	KUNIT_EXPECT_TRUE(test, softirq_count() != 0);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	s2 = splbio();
	KUNIT_EXPECT_EQ(test, s2, SPLNET);
	KUNIT_EXPECT_EQ(test, getspl(), BSD_IPL_VM);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, splhigh(), BSD_IPL_VM);
	KUNIT_EXPECT_EQ(test, getspl(), BSD_IPL_HIGH);
	/* A lower raise keeps the level: spl only goes up. */
	KUNIT_EXPECT_EQ(test, splsoftclock(), BSD_IPL_HIGH);
	KUNIT_EXPECT_EQ(test, getspl(), BSD_IPL_HIGH);
	KUNIT_EXPECT_EQ(test, splx(s2), BSD_IPL_HIGH);
	KUNIT_EXPECT_EQ(test, getspl(), SPLNET);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, splnone(), SPLNET);
	KUNIT_EXPECT_EQ(test, getspl(), BSD_IPL_NONE);
	KUNIT_EXPECT_EQ(test, softirq_count(), 0UL);
	KUNIT_EXPECT_EQ(test, splx(s1), BSD_IPL_NONE);
}

static struct kunit_case tru64_simple_lock_cases[] = {
	KUNIT_CASE(slock_try),
	KUNIT_CASE(slock_splbio_excludes_interrupt),
	KUNIT_CASE(slock_misuse_recursive),
	KUNIT_CASE(slock_misuse_unlock_not_held),
	KUNIT_CASE(slock_misuse_interrupt_on_holder),
	KUNIT_CASE(slock_misuse_interrupt_unsafe),
	KUNIT_CASE(slock_misuse_terminate),
	KUNIT_CASE(slock_misuse_min_spl),
	KUNIT_CASE(slock_misuse_order),
	KUNIT_CASE(slock_lockmode_switch),
	KUNIT_CASE(spl_names),
	{}
};

static struct kunit_suite tru64_simple_lock_suite = {
	.name = "tru64_simple_lock",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = tru64_simple_lock_cases,
};
kunit_test_suite(tru64_simple_lock_suite);
