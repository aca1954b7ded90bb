// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: NetBSD pserialize(9) as bsdcompat implements it. Each case checks
 * one rule of <sys/pserialize.h> or one misuse report. The reader/writer
 * case frees what it unpublished right after pserialize_perform(): under
 * KASAN (the debug kernel) a reader that still saw it would be reported.
 */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include <sys/intr.h>
#include <sys/mutex.h>
#include <sys/pserialize.h>
#include <sys/systm.h>

#include "kunit_helpers.h"

#define PSZ_ERR	"pserialize error: "

/* Sections nest, and the predicates follow them. */
static void pserialize_sections_nest(struct kunit *test)
{
	bool outside, in1, in2, after_inner, after;
	int s1, s2;

	outside = pserialize_not_in_read_section();
	s1 = pserialize_read_enter();
	in1 = pserialize_in_read_section();
	s2 = pserialize_read_enter();
	in2 = pserialize_in_read_section();
	pserialize_read_exit(s2);
	after_inner = pserialize_in_read_section();
	pserialize_read_exit(s1);
	after = pserialize_in_read_section();
	KUNIT_EXPECT_TRUE(test, outside);
	KUNIT_EXPECT_TRUE(test, in1);
	KUNIT_EXPECT_TRUE(test, in2);
	KUNIT_EXPECT_TRUE(test, after_inner);
	KUNIT_EXPECT_FALSE(test, after);
	KUNIT_EXPECT_TRUE(test, pserialize_not_in_read_section());
}

struct psz_si {
	void		*cookie;
	atomic_t	runs;
	pserialize_t	psz;
	bool		perform;	/* the handler calls perform */
	struct completion done;
};

static void psz_si_handler(void *arg)
{
	struct psz_si *p = arg;

	if (p->perform)
		pserialize_perform(p->psz);
	atomic_inc(&p->runs);
	complete(&p->done);
}

/* A read section keeps this CPU's softints out until it ends. */
static void pserialize_section_blocks_softints(struct kunit *test)
{
	struct psz_si p = {};
	int s, inside;

	init_completion(&p.done);
	p.cookie = softint_establish(SOFTINT_NET | SOFTINT_MPSAFE,
				     psz_si_handler, &p);
	KUNIT_ASSERT_NOT_NULL(test, p.cookie);
	s = pserialize_read_enter();
	softint_schedule(p.cookie);
	mdelay(5);
	inside = atomic_read(&p.runs);
	pserialize_read_exit(s);
	wait_for_completion(&p.done);
	softint_disestablish(p.cookie);
	KUNIT_EXPECT_EQ(test, inside, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&p.runs), 1);
}

/* perform gives the kernel lock up while it waits, and takes it back. */
static void pserialize_perform_gives_up_kernel_lock(struct kunit *test)
{
	pserialize_t psz = pserialize_create();
	int depth;

	KUNIT_ASSERT_NOT_NULL(test, psz);
	KERNEL_LOCK(2, NULL);
	pserialize_perform(psz);
	depth = bsd_kernel_lock_depth();
	KERNEL_UNLOCK_ALL(NULL, NULL);
	pserialize_destroy(psz);
	KUNIT_EXPECT_EQ(test, depth, 2);
}

struct psz_wait {
	pserialize_t		psz;
	bool			inside;
	bool			go;
	bool			performed;
	struct completion	reader_done;
	struct completion	writer_done;
};

static int psz_reader(void *arg)
{
	struct psz_wait *w = arg;
	int s = pserialize_read_enter();

	WRITE_ONCE(w->inside, true);
	while (!READ_ONCE(w->go))
		cpu_relax();
	pserialize_read_exit(s);
	complete(&w->reader_done);
	return 0;
}

static int psz_writer(void *arg)
{
	struct psz_wait *w = arg;

	pserialize_perform(w->psz);
	WRITE_ONCE(w->performed, true);
	complete(&w->writer_done);
	return 0;
}

/* perform does not return while a reader on another CPU is inside. */
static void pserialize_perform_waits_for_reader(struct kunit *test)
{
	struct psz_wait w = { .psz = pserialize_create() };
	struct task_struct *r, *t;
	bool early;
	int cpu, other = -1;

	KUNIT_ASSERT_NOT_NULL(test, w.psz);
	preempt_disable();
	for_each_online_cpu(cpu)
		if (cpu != smp_processor_id())
			other = cpu;
	preempt_enable();
	if (other < 0) {
		pserialize_destroy(w.psz);
		kunit_skip(test, "needs 2 CPUs");
	}
	init_completion(&w.reader_done);
	init_completion(&w.writer_done);
	r = kthread_create(psz_reader, &w, "psz-reader");
	KUNIT_ASSERT_FALSE(test, IS_ERR(r));
	kthread_bind(r, other);
	wake_up_process(r);
	while (!READ_ONCE(w.inside))
		usleep_range(1000, 2000);
	t = kthread_run(psz_writer, &w, "psz-writer");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	msleep(30);
	early = READ_ONCE(w.performed);
	WRITE_ONCE(w.go, true);
	wait_for_completion(&w.reader_done);
	wait_for_completion(&w.writer_done);
	pserialize_destroy(w.psz);
	KUNIT_EXPECT_FALSE(test, early);
}

#define PSZ_LIVE	0x4c495645u
#define PSZ_DEAD	0x44454144u
#define PSZ_WRITES	300

struct psz_obj {
	u32	magic;
	u32	gen;
};

struct psz_race {
	struct psz_obj	*cur;
	pserialize_t	psz;
	kmutex_t	lock;		/* the writers' own lock */
	bool		stop;
	atomic_t	bad;
	atomic_t	reads;
};

static void psz_race_fn(void *arg, unsigned int i)
{
	struct psz_race *r = arg;

	if (i == 0) {
		int n;

		for (n = 1; n <= PSZ_WRITES; n++) {
			struct psz_obj *o = kmalloc(sizeof(*o), GFP_KERNEL);
			struct psz_obj *old;

			if (!o) {
				atomic_inc(&r->bad);
				break;
			}
			o->magic = PSZ_LIVE;
			o->gen = n;
			mutex_enter(&r->lock);
			old = r->cur;
			/* Publish o initialised: pairs with the readers' load. */
			smp_store_release(&r->cur, o);
			pserialize_perform(r->psz);
			mutex_exit(&r->lock);
			/* No reader can be looking at it now. */
			old->magic = PSZ_DEAD;
			kfree(old);
			if (!(n % 16))	/* let readers in, even on one CPU */
				usleep_range(100, 200);
		}
		WRITE_ONCE(r->stop, true);
		return;
	}
	do {
		int k;

		for (k = 0; k < 64; k++) {
			int s = pserialize_read_enter();
			/* Pairs with the writer's release: o is initialised. */
			struct psz_obj *o = smp_load_acquire(&r->cur);

			if (READ_ONCE(o->magic) != PSZ_LIVE)
				atomic_inc(&r->bad);
			pserialize_read_exit(s);
		}
		atomic_add(64, &r->reads);
		cond_resched();
	} while (!READ_ONCE(r->stop));
}

/*
 * Readers on every CPU keep loading the published object while a writer
 * replaces it, performs and frees the old one: a reader sees the old or
 * the new object, never a freed one.
 */
static void pserialize_readers_never_see_freed(struct kunit *test)
{
	struct psz_race r = { .psz = pserialize_create() };

	KUNIT_ASSERT_NOT_NULL(test, r.psz);
	r.cur = kmalloc(sizeof(*r.cur), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r.cur);
	r.cur->magic = PSZ_LIVE;
	r.cur->gen = 0;
	mutex_init(&r.lock, MUTEX_DEFAULT, IPL_NONE);
	bsd_kunit_run_threads(test, 1 + 2 * num_online_cpus(), psz_race_fn,
			      &r, "psz-race", false);
	KUNIT_EXPECT_EQ(test, atomic_read(&r.bad), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&r.reads), 0);
	KUNIT_EXPECT_EQ(test, r.cur->gen, (u32)PSZ_WRITES);
	kfree(r.cur);
	mutex_destroy(&r.lock);
	pserialize_destroy(r.psz);
}

static void misuse_pserialize_perform_in_read_section(struct kunit *test)
{
	pserialize_t psz = pserialize_create();
	unsigned long n;
	int s;

	KUNIT_ASSERT_NOT_NULL(test, psz);
	n = bsd_lockdebug_count();
	s = pserialize_read_enter();
	pserialize_perform(psz);	/* refused: it would never return */
	pserialize_read_exit(s);
	EXPECT_REPORT(test, n,
		      PSZ_ERR "pserialize_perform: called inside a read section",
		      "pserialize");
	pserialize_destroy(psz);
}

static void psz_irq_fn(void *arg)
{
	pserialize_perform(arg);
}

static void misuse_pserialize_perform_from_interrupt(struct kunit *test)
{
	pserialize_t psz = pserialize_create();
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, psz);
	n = bsd_lockdebug_count();
	bsd_kunit_in_hardirq(psz_irq_fn, psz);
	EXPECT_REPORT(test, n,
		      PSZ_ERR "pserialize_perform: called from interrupt context",
		      "pserialize");
	pserialize_destroy(psz);
}

static void misuse_pserialize_perform_from_softint(struct kunit *test)
{
	struct psz_si p = { .psz = pserialize_create(), .perform = true };
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, p.psz);
	init_completion(&p.done);
	p.cookie = softint_establish(SOFTINT_NET | SOFTINT_MPSAFE,
				     psz_si_handler, &p);
	KUNIT_ASSERT_NOT_NULL(test, p.cookie);
	n = bsd_lockdebug_count();
	preempt_disable();
	softint_schedule(p.cookie);
	preempt_enable();
	wait_for_completion(&p.done);
	softint_disestablish(p.cookie);
	EXPECT_REPORT(test, n,
		      PSZ_ERR "pserialize_perform: called from a softint handler",
		      "pserialize");
	pserialize_destroy(p.psz);
}

static void misuse_pserialize_exit_outside_section(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();

	pserialize_read_exit(0);
	EXPECT_REPORT(test, n,
		      PSZ_ERR "pserialize_read_exit: not in a read section",
		      "pserialize");
	KUNIT_EXPECT_TRUE(test, pserialize_not_in_read_section());
}

static void misuse_pserialize_exit_mismatched(struct kunit *test)
{
	unsigned long n;
	int s1, s2;

	s1 = pserialize_read_enter();
	s2 = pserialize_read_enter();
	n = bsd_lockdebug_count();
	pserialize_read_exit(s1);	/* the inner section, left with s1 */
	pserialize_read_exit(s2);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 2);
	EXPECT_REPORT(test, n + 1,
		      PSZ_ERR "pserialize_read_exit: does not match its pserialize_read_enter",
		      "pserialize");
	KUNIT_EXPECT_TRUE(test, pserialize_not_in_read_section());
}

static void misuse_pserialize_bad_object(struct kunit *test)
{
	void *fake = kunit_kzalloc(test, 16, GFP_KERNEL);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, fake);
	n = bsd_lockdebug_count();
	pserialize_perform(fake);
	EXPECT_REPORT(test, n,
		      PSZ_ERR "pserialize_perform: not a pserialize object",
		      "pserialize");
}

static struct kunit_case netbsd_pserialize_cases[] = {
	KUNIT_CASE(pserialize_sections_nest),
	KUNIT_CASE(pserialize_section_blocks_softints),
	KUNIT_CASE(pserialize_perform_gives_up_kernel_lock),
	KUNIT_CASE(pserialize_perform_waits_for_reader),
	KUNIT_CASE(pserialize_readers_never_see_freed),
	KUNIT_CASE(misuse_pserialize_perform_in_read_section),
	KUNIT_CASE(misuse_pserialize_perform_from_interrupt),
	KUNIT_CASE(misuse_pserialize_perform_from_softint),
	KUNIT_CASE(misuse_pserialize_exit_outside_section),
	KUNIT_CASE(misuse_pserialize_exit_mismatched),
	KUNIT_CASE(misuse_pserialize_bad_object),
	{}
};

static struct kunit_suite netbsd_pserialize_suite = {
	.name = "netbsd_pserialize",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = netbsd_pserialize_cases,
};
kunit_test_suite(netbsd_pserialize_suite);
