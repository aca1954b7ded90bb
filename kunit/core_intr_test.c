// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: the interrupt core and its software interrupt source.
 *
 * Every case fires a source of its own: a fire on this CPU cannot run its
 * handlers before this CPU has interrupts on, so a case that fires with
 * interrupts off (at IPL_VM) knows exactly what has run and what has not.
 */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/hardirq.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/irqflags.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include <bsdcompat/biglock.h>
#include <bsdcompat/gate.h>
#include <bsdcompat/intr.h>
#include <bsdcompat/spl.h>

#include "kunit_helpers.h"

#define IH_ERR	"Interrupt error: "
#define WAIT	(10 * HZ)	/* a hang, not a timing threshold */

/* What one part of a handler saw, the last time it ran. */
struct ic_rec {
	atomic_t		runs;
	int			cpu;
	int			ipl;
	bool			hardirq;
	bool			irqsoff;
	bool			klocked;
	struct completion	ran;
};

struct ic {
	struct bsd_intrsrc	*src;
	struct bsd_intr		*ih;
	int			ret;		/* what the filter returns */
	struct ic_rec		f;		/* the filter */
	struct ic_rec		t;		/* the ithread */
	struct completion	release;	/* if block */
	bool			block;
	bool			finished;
	bool			self_dis;
	bool			leak_kl;
	bool			spin;		/* block by spinning (hard) */
	int			*poison;	/* written after release */
};

static void ic_record(struct ic *c, struct ic_rec *r)
{
	r->cpu = raw_smp_processor_id();
	r->ipl = bsd_curipl();
	r->hardirq = in_hardirq();
	r->irqsoff = irqs_disabled();
	r->klocked = bsd_kernel_locked_p();
	atomic_inc(&r->runs);
	if (c->self_dis)
		bsd_intr_disestablish(c->ih);
	if (c->leak_kl)
		bsd_kernel_lock(1, _THIS_IP_);
	complete(&r->ran);
	if (c->block) {
		if (c->spin) {
			while (!READ_ONCE(c->finished))
				cpu_relax();
		} else {
			wait_for_completion(&c->release);
		}
		if (c->poison)
			WRITE_ONCE(*c->poison, 1);
		WRITE_ONCE(c->finished, true);
	}
}

static int ic_filter(void *arg)
{
	struct ic *c = arg;

	ic_record(c, &c->f);
	return c->ret;
}

static void ic_ithread(void *arg)
{
	struct ic *c = arg;

	ic_record(c, &c->t);
}

static void ic_rec_init(struct ic_rec *r)
{
	atomic_set(&r->runs, 0);
	init_completion(&r->ran);
	r->cpu = -1;
	r->ipl = -1;
}

static struct ic *ic_new(struct kunit *test)
{
	struct ic *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	ic_rec_init(&c->f);
	ic_rec_init(&c->t);
	init_completion(&c->release);
	c->ret = BSD_FILTER_HANDLED;
	c->src = bsd_intrsrc_create(test->name);
	KUNIT_ASSERT_NOT_NULL(test, c->src);
	return c;
}

static struct bsd_intr *ic_establish(struct kunit *test, struct ic *c,
				     int ipl, unsigned int flags, bool filter,
				     bool ithread, struct bsd_gate *gate)
{
	struct bsd_intr_args a = {
		.ipl = ipl,
		.flags = flags,
		.filter = filter ? ic_filter : NULL,
		.ithread = ithread ? ic_ithread : NULL,
		.arg = c,
		.name = "kunit-intr",
		.gate = gate,
	};

	c->ih = bsd_intr_establish(bsd_intrsrc_irq(c->src), &a);
	KUNIT_ASSERT_NOT_NULL(test, c->ih);
	return c->ih;
}

static void ic_done(struct ic *c)
{
	if (c->ih)
		bsd_intr_disestablish(c->ih);
	c->ih = NULL;
	bsd_intrsrc_destroy(c->src);
}

static bool ic_wait(struct ic_rec *r)
{
	return wait_for_completion_timeout(&r->ran, WAIT);
}

/* An MP-safe filter runs in hard interrupt context at its IPL, here. */
static void intr_mpsafe_filter_hardirq(struct kunit *test)
{
	struct ic *c = ic_new(test);
	int cpu;

	ic_establish(test, c, BSD_IPL_SCHED, BSD_INTR_MPSAFE, true, false,
		     NULL);
	preempt_disable();
	cpu = smp_processor_id();
	bsd_intrsrc_fire(c->src);
	preempt_enable();
	KUNIT_ASSERT_TRUE(test, ic_wait(&c->f));
	KUNIT_EXPECT_EQ(test, bsd_intrsrc_delivered(c->src), 1UL);
	ic_done(c);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->f.runs), 1);
	KUNIT_EXPECT_EQ(test, c->f.cpu, cpu);
	KUNIT_EXPECT_EQ(test, c->f.ipl, BSD_IPL_SCHED);
	KUNIT_EXPECT_TRUE(test, c->f.irqsoff);
	KUNIT_EXPECT_FALSE(test, c->f.klocked);
	KUNIT_EXPECT_TRUE(test, c->f.hardirq);
}

/*
 * A lone filter that is not MP-safe runs in the irq thread, holding the
 * big lock, at its IPL; and the thread may block on the big lock.
 */
static void intr_not_mpsafe_in_thread(struct kunit *test)
{
	struct ic *c = ic_new(test);
	struct bsd_intr_stats st;

	ic_establish(test, c, BSD_IPL_VM, 0, true, false, NULL);
	bsd_kernel_lock(1, _THIS_IP_);
	bsd_intrsrc_fire(c->src);
	msleep(20);	/* the thread now waits for the big lock */
	KUNIT_EXPECT_EQ(test, atomic_read(&c->f.runs), 0);
	bsd_kernel_unlock(1, NULL, _THIS_IP_);
	KUNIT_ASSERT_TRUE(test, ic_wait(&c->f));
	synchronize_irq(bsd_intr_irq(c->ih));	/* the counts are final */
	bsd_intr_stats(c->ih, &st);
	ic_done(c);
	KUNIT_EXPECT_FALSE(test, c->f.hardirq);
	KUNIT_EXPECT_TRUE(test, c->f.klocked);
	KUNIT_EXPECT_EQ(test, c->f.ipl, BSD_IPL_VM);
	KUNIT_EXPECT_TRUE(test, c->f.irqsoff);
	KUNIT_EXPECT_EQ(test, st.is_filter, 0ULL);
	KUNIT_EXPECT_EQ(test, st.is_thread, 1ULL);
	KUNIT_EXPECT_EQ(test, st.is_stray, 0ULL);
	KUNIT_EXPECT_NULL(test, bsd_kernel_lock_owner());
}

/* FreeBSD's shape: a filter that asks for its ithread. */
static void intr_filter_schedules_thread(struct kunit *test)
{
	struct ic *c = ic_new(test);

	c->ret = BSD_FILTER_SCHEDULE_THREAD;
	ic_establish(test, c, BSD_IPL_VM,
		     BSD_INTR_MPSAFE | BSD_INTR_THREAD_SPL0, true, true, NULL);
	bsd_intrsrc_fire(c->src);
	KUNIT_ASSERT_TRUE(test, ic_wait(&c->f));
	KUNIT_ASSERT_TRUE(test, ic_wait(&c->t));
	/* A filter that handles it alone does not wake the thread. */
	c->ret = BSD_FILTER_HANDLED;
	reinit_completion(&c->f.ran);
	bsd_intrsrc_fire(c->src);
	KUNIT_ASSERT_TRUE(test, ic_wait(&c->f));
	ic_done(c);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->f.runs), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->t.runs), 1);
	KUNIT_EXPECT_FALSE(test, c->t.hardirq);
	KUNIT_EXPECT_FALSE(test, c->t.klocked);
	KUNIT_EXPECT_EQ(test, c->t.ipl, BSD_IPL_NONE);
	KUNIT_EXPECT_FALSE(test, c->t.irqsoff);
}

/* An ithread that is not MP-safe holds the big lock. */
static void intr_ithread_kernel_lock(struct kunit *test)
{
	struct ic *c = ic_new(test);

	ic_establish(test, c, BSD_IPL_VM, BSD_INTR_THREAD_SPL0, false, true,
		     NULL);
	bsd_intrsrc_fire(c->src);
	KUNIT_ASSERT_TRUE(test, ic_wait(&c->t));
	ic_done(c);
	KUNIT_EXPECT_TRUE(test, c->t.klocked);
	KUNIT_EXPECT_EQ(test, c->t.ipl, BSD_IPL_NONE);
}

/* Handlers share a line: MP-safe and not, each called once per fire. */
static void intr_shared_line(struct kunit *test)
{
	struct ic *a = ic_new(test);
	struct ic *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	struct bsd_intr_args args = {
		.ipl = BSD_IPL_VM, .filter = ic_filter, .arg = b,
		.name = "kunit-shared",
	};
	struct bsd_intr_stats sa, sb;

	KUNIT_ASSERT_NOT_NULL(test, b);
	ic_rec_init(&b->f);
	ic_rec_init(&b->t);
	a->ret = BSD_FILTER_STRAY;
	b->ret = 1;
	args.flags = BSD_INTR_BOOL;
	ic_establish(test, a, BSD_IPL_VM, BSD_INTR_MPSAFE, true, false, NULL);
	b->ih = bsd_intr_establish(bsd_intrsrc_irq(a->src), &args);
	KUNIT_ASSERT_NOT_NULL(test, b->ih);
	bsd_intrsrc_fire(a->src);
	KUNIT_ASSERT_TRUE(test, ic_wait(&a->f));
	KUNIT_ASSERT_TRUE(test, ic_wait(&b->f));
	synchronize_irq(bsd_intr_irq(a->ih));	/* the counts are final */
	bsd_intr_stats(a->ih, &sa);
	bsd_intr_stats(b->ih, &sb);
	bsd_intr_disestablish(b->ih);
	ic_done(a);
	KUNIT_EXPECT_TRUE(test, b->f.klocked);
	KUNIT_EXPECT_FALSE(test, a->f.klocked);
	KUNIT_EXPECT_EQ(test, sa.is_filter, 1ULL);
	KUNIT_EXPECT_EQ(test, sa.is_stray, 1ULL);	/* said "not mine" */
	KUNIT_EXPECT_EQ(test, sb.is_thread, 1ULL);
	KUNIT_EXPECT_EQ(test, sb.is_stray, 0ULL);
}

/* Wait until @ih has counted a stray call (or give up: a hang). */
static bool ic_wait_stray(struct bsd_intr *ih, u64 n)
{
	struct bsd_intr_stats st;
	int i;

	for (i = 0; i < 10000; i++) {
		bsd_intr_stats(ih, &st);
		if (st.is_stray >= n)
			return true;
		usleep_range(1000, 2000);
	}
	return false;
}

/* A closed gate keeps both parts out; reopened, they run again. */
static void intr_gate_closed(struct kunit *test)
{
	struct ic *hard = ic_new(test), *thr = ic_new(test);
	struct bsd_gate gate;

	KUNIT_ASSERT_EQ(test, bsd_gate_init(&gate), 0);
	ic_establish(test, hard, BSD_IPL_VM, BSD_INTR_MPSAFE, true, false,
		     &gate);
	ic_establish(test, thr, BSD_IPL_VM, 0, false, true, &gate);
	bsd_gate_close(&gate);
	bsd_gate_wait(&gate);
	bsd_intrsrc_fire(hard->src);
	bsd_intrsrc_fire(thr->src);
	KUNIT_EXPECT_TRUE(test, ic_wait_stray(hard->ih, 1));
	KUNIT_EXPECT_TRUE(test, ic_wait_stray(thr->ih, 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&hard->f.runs), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&thr->t.runs), 0);
	bsd_gate_reopen(&gate);
	bsd_intrsrc_fire(hard->src);
	bsd_intrsrc_fire(thr->src);
	KUNIT_EXPECT_TRUE(test, ic_wait(&hard->f));
	KUNIT_EXPECT_TRUE(test, ic_wait(&thr->t));
	ic_done(hard);
	ic_done(thr);
	bsd_gate_destroy(&gate);
}

/*
 * Detach holds the big lock and waits for the gate while a kernel-locked
 * thread part waits for the big lock: the thread part is not inside the
 * gate yet, so the wait ends; the handler is then skipped.
 */
static void intr_gate_wait_kernel_locked(struct kunit *test)
{
	struct ic *c = ic_new(test);
	struct bsd_gate gate;

	KUNIT_ASSERT_EQ(test, bsd_gate_init(&gate), 0);
	ic_establish(test, c, BSD_IPL_VM, 0, false, true, &gate);
	bsd_kernel_lock(1, _THIS_IP_);
	bsd_intrsrc_fire(c->src);
	msleep(20);	/* the thread part now waits for the big lock */
	bsd_gate_close(&gate);
	bsd_gate_wait(&gate);
	bsd_kernel_unlock(1, NULL, _THIS_IP_);
	KUNIT_EXPECT_TRUE(test, ic_wait_stray(c->ih, 1));
	ic_done(c);
	bsd_gate_destroy(&gate);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->t.runs), 0);
}

/*
 * spl holds a handler off on its CPU: fired at IPL_VM (what splbio() is),
 * neither an MP-safe nor a kernel-locked handler at IPL_BIO has run; after
 * splx() both do.
 */
static void intr_spl_blocks_handlers(struct kunit *test)
{
	struct ic *mp = ic_new(test), *kl = ic_new(test);
	int s, mpruns, klruns;

	ic_establish(test, mp, BSD_IPL_VM, BSD_INTR_MPSAFE, true, false,
		     NULL);
	ic_establish(test, kl, BSD_IPL_VM, 0, true, false, NULL);
	s = bsd_splraise(BSD_IPL_VM);
	bsd_intrsrc_fire(mp->src);
	bsd_intrsrc_fire(kl->src);
	udelay(100);
	mpruns = atomic_read(&mp->f.runs);
	klruns = atomic_read(&kl->f.runs);
	bsd_splx(s);
	KUNIT_EXPECT_EQ(test, mpruns, 0);
	KUNIT_EXPECT_EQ(test, klruns, 0);
	KUNIT_EXPECT_TRUE(test, ic_wait(&mp->f));
	KUNIT_EXPECT_TRUE(test, ic_wait(&kl->f));
	ic_done(mp);
	ic_done(kl);
}

/* bsd_intrsrc_fire_on() runs the handlers on that CPU, for every CPU. */
static void intr_fire_on_each_cpu(struct kunit *test)
{
	struct ic *c = ic_new(test);
	unsigned int cpu;

	ic_establish(test, c, BSD_IPL_HIGH, BSD_INTR_MPSAFE, true, false,
		     NULL);
	cpus_read_lock();
	for_each_online_cpu(cpu) {
		reinit_completion(&c->f.ran);
		bsd_intrsrc_fire_on(c->src, cpu);
		KUNIT_EXPECT_TRUE(test, ic_wait(&c->f));
		KUNIT_EXPECT_EQ(test, c->f.cpu, (int)cpu);
	}
	cpus_read_unlock();
	ic_done(c);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->f.runs), (int)num_online_cpus());
}

struct dis_arg {
	struct ic		*c;
	bool			finished;	/* seen when it returned */
	struct completion	done;
};

static int dis_thread(void *arg)
{
	struct dis_arg *d = arg;

	bsd_intr_disestablish(d->c->ih);
	d->finished = READ_ONCE(d->c->finished);
	complete(&d->done);
	return 0;
}

/*
 * Disestablish waits for a thread part that is running; the handler's
 * argument is freed as soon as it returns, so a handler still running
 * then would write to freed memory (KASAN).
 */
static void intr_disestablish_waits_thread(struct kunit *test)
{
	struct ic *c = ic_new(test);
	struct dis_arg d = { .c = c };
	struct task_struct *t;

	c->poison = kmalloc(sizeof(*c->poison), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->poison);
	c->block = true;
	init_completion(&d.done);
	/* At IPL_NONE: the handler sleeps. */
	ic_establish(test, c, BSD_IPL_VM, BSD_INTR_MPSAFE | BSD_INTR_THREAD_SPL0,
		     false, true, NULL);
	bsd_intrsrc_fire(c->src);
	KUNIT_ASSERT_TRUE(test, ic_wait(&c->t));
	t = kthread_run(dis_thread, &d, "intr-dis");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	msleep(20);	/* give it the chance to return too early */
	KUNIT_EXPECT_FALSE(test, completion_done(&d.done));
	complete(&c->release);
	wait_for_completion(&d.done);
	kfree(c->poison);
	KUNIT_EXPECT_TRUE(test, d.finished);
	c->ih = NULL;
	ic_done(c);
}

/* The same for an MP-safe filter spinning on another CPU. */
static void intr_disestablish_waits_hard(struct kunit *test)
{
	struct ic *c = ic_new(test);
	struct dis_arg d = { .c = c };
	unsigned int cpu, self, other = nr_cpu_ids;
	struct task_struct *t;

	if (num_online_cpus() < 2) {
		ic_done(c);
		kunit_skip(test, "one CPU");
	}
	c->block = true;
	c->spin = true;
	init_completion(&d.done);
	ic_establish(test, c, BSD_IPL_VM, BSD_INTR_MPSAFE, true, false, NULL);
	/* Made before the handler holds the other CPU with interrupts off. */
	t = kthread_create(dis_thread, &d, "intr-dis");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	/*
	 * This thread stays on its CPU: the handler will hold the other one
	 * with interrupts off until this thread lets it go. No assertion may
	 * leave between here and migrate_enable().
	 */
	cpus_read_lock();
	migrate_disable();
	self = raw_smp_processor_id();
	for_each_online_cpu(cpu)
		if (cpu != self)
			other = cpu;
	kthread_bind(t, self);
	bsd_intrsrc_fire_on(c->src, other);
	if (ic_wait(&c->f)) {
		wake_up_process(t);
		msleep(20);	/* give it the chance to return too early */
		KUNIT_EXPECT_FALSE(test, completion_done(&d.done));
	} else {
		KUNIT_FAIL(test, "the handler did not run");
		wake_up_process(t);
	}
	WRITE_ONCE(c->finished, true);	/* let the handler go */
	wait_for_completion(&d.done);
	migrate_enable();
	cpus_read_unlock();
	KUNIT_EXPECT_TRUE(test, d.finished);
	KUNIT_EXPECT_EQ(test, c->f.cpu, (int)other);
	c->ih = NULL;
	ic_done(c);
}

/*
 * Disestablishing with the big lock held while a kernel-locked handler is
 * pending: the lock is given up for the wait, and comes back as it was.
 */
static void intr_disestablish_kernel_locked(struct kunit *test)
{
	struct ic *c = ic_new(test);
	int depth;

	ic_establish(test, c, BSD_IPL_VM, 0, true, false, NULL);
	bsd_kernel_lock(2, _THIS_IP_);
	bsd_intrsrc_fire(c->src);
	msleep(20);	/* the handler waits for the big lock */
	ic_done(c);
	depth = bsd_kernel_lock_depth();
	bsd_kernel_unlock(0, NULL, _THIS_IP_);
	KUNIT_EXPECT_EQ(test, depth, 2);
	KUNIT_EXPECT_LE(test, atomic_read(&c->f.runs), 1);
}

static void misuse_intr_bad_ipl(struct kunit *test)
{
	struct bsd_intr_args a = {
		.ipl = BSD_IPL_SOFTNET, .flags = BSD_INTR_MPSAFE,
		.filter = ic_filter, .name = "kunit-bad",
	};
	unsigned long n = bsd_lockdebug_count();

	KUNIT_EXPECT_NULL(test, bsd_intr_establish(1, &a));
	EXPECT_REPORT(test, n, IH_ERR "intr_establish: bad IPL 3",
		      "kunit-bad");
	a.ipl = BSD_NIPL;
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_NULL(test, bsd_intr_establish(1, &a));
	EXPECT_REPORT(test, n, IH_ERR "intr_establish: bad IPL", "kunit-bad");
}

static void misuse_intr_bad_args(struct kunit *test)
{
	struct bsd_intr_args a = { .ipl = BSD_IPL_VM, .name = "kunit-bad" };
	unsigned long n = bsd_lockdebug_count();

	KUNIT_EXPECT_NULL(test, bsd_intr_establish(1, &a));
	EXPECT_REPORT(test, n, IH_ERR "intr_establish: no handler",
		      "kunit-bad");
	a.filter = ic_filter;
	a.flags = 0x8000;
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_NULL(test, bsd_intr_establish(1, &a));
	EXPECT_REPORT(test, n, IH_ERR "intr_establish: bad flags",
		      "kunit-bad");
	a.flags = BSD_INTR_MPSAFE | BSD_INTR_FUNNEL;
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_NULL(test, bsd_intr_establish(1, &a));
	EXPECT_REPORT(test, n, IH_ERR "intr_establish: MP-safe and funneled",
		      "kunit-bad");
	n = bsd_lockdebug_count();
	bsd_intr_disestablish(NULL);
	EXPECT_REPORT(test, n, IH_ERR "intr_disestablish: NULL cookie",
		      "intr");
}

struct timer_case {
	struct hrtimer		timer;
	struct ic		*c;
	struct completion	done;
};

static enum hrtimer_restart dis_timer(struct hrtimer *t)
{
	struct timer_case *tc = container_of(t, struct timer_case, timer);

	bsd_intr_disestablish(tc->c->ih);
	complete(&tc->done);
	return HRTIMER_NORESTART;
}

static void misuse_intr_disestablish_from_interrupt(struct kunit *test)
{
	struct ic *c = ic_new(test);
	struct timer_case tc = { .c = c };
	unsigned long n;

	init_completion(&tc.done);
	ic_establish(test, c, BSD_IPL_VM, BSD_INTR_MPSAFE, true, false, NULL);
	hrtimer_init(&tc.timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	tc.timer.function = dis_timer;
	n = bsd_lockdebug_count();
	hrtimer_start(&tc.timer, ns_to_ktime(NSEC_PER_MSEC),
		      HRTIMER_MODE_REL_HARD);
	wait_for_completion(&tc.done);
	hrtimer_cancel(&tc.timer);
	EXPECT_REPORT(test, n,
		      IH_ERR "intr_disestablish: called from interrupt context",
		      "kunit-intr");
	ic_done(c);	/* refused above: still there */
}

static void misuse_intr_disestablish_from_handler(struct kunit *test)
{
	struct ic *c = ic_new(test);
	unsigned long n = bsd_lockdebug_count();

	c->self_dis = true;
	ic_establish(test, c, BSD_IPL_VM, 0, false, true, NULL);
	bsd_intrsrc_fire(c->src);
	KUNIT_ASSERT_TRUE(test, ic_wait(&c->t));
	EXPECT_REPORT(test, n,
		      IH_ERR "intr_disestablish: called from its own handler",
		      "kunit-intr");
	ic_done(c);
}

static void misuse_intr_handler_keeps_kernel_lock(struct kunit *test)
{
	struct ic *c = ic_new(test);
	unsigned long n = bsd_lockdebug_count();

	c->leak_kl = true;
	ic_establish(test, c, BSD_IPL_VM, 0, true, false, NULL);
	bsd_intrsrc_fire(c->src);
	KUNIT_ASSERT_TRUE(test, ic_wait(&c->f));
	ic_done(c);	/* the handler has returned */
	EXPECT_REPORT(test, n,
		      IH_ERR "interrupt handler: returned with the kernel lock depth changed",
		      "kunit-intr");
	KUNIT_EXPECT_NULL(test, bsd_kernel_lock_owner());
}

static void misuse_intrsrc_destroy_with_handlers(struct kunit *test)
{
	struct ic *c = ic_new(test);
	unsigned long n = bsd_lockdebug_count();

	ic_establish(test, c, BSD_IPL_VM, BSD_INTR_MPSAFE, true, false, NULL);
	bsd_intrsrc_destroy(c->src);
	EXPECT_REPORT(test, n,
		      "Interrupt source error: bsd_intrsrc_destroy: interrupt handlers still established",
		      "misuse_intrsrc_destroy");
	ic_done(c);	/* refused above: still there */
}

static void misuse_intrsrc_fire_on_offline(struct kunit *test)
{
	struct ic *c = ic_new(test);
	unsigned long n = bsd_lockdebug_count();

	bsd_intrsrc_fire_on(c->src, nr_cpu_ids);
	EXPECT_REPORT(test, n,
		      "Interrupt source error: bsd_intrsrc_fire_on: CPU not online",
		      "misuse_intrsrc_fire_on");
	ic_done(c);
}

static struct kunit_case core_intr_cases[] = {
	KUNIT_CASE(intr_mpsafe_filter_hardirq),
	KUNIT_CASE(intr_not_mpsafe_in_thread),
	KUNIT_CASE(intr_filter_schedules_thread),
	KUNIT_CASE(intr_ithread_kernel_lock),
	KUNIT_CASE(intr_shared_line),
	KUNIT_CASE(intr_gate_closed),
	KUNIT_CASE(intr_gate_wait_kernel_locked),
	KUNIT_CASE(intr_spl_blocks_handlers),
	KUNIT_CASE(intr_fire_on_each_cpu),
	KUNIT_CASE(intr_disestablish_waits_thread),
	KUNIT_CASE(intr_disestablish_waits_hard),
	KUNIT_CASE(intr_disestablish_kernel_locked),
	KUNIT_CASE(misuse_intr_bad_ipl),
	KUNIT_CASE(misuse_intr_bad_args),
	KUNIT_CASE(misuse_intr_disestablish_from_interrupt),
	KUNIT_CASE(misuse_intr_disestablish_from_handler),
	KUNIT_CASE(misuse_intr_handler_keeps_kernel_lock),
	KUNIT_CASE(misuse_intrsrc_destroy_with_handlers),
	KUNIT_CASE(misuse_intrsrc_fire_on_offline),
	{}
};

static struct kunit_suite core_intr_suite = {
	.name = "core_intr",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = core_intr_cases,
};
kunit_test_suite(core_intr_suite);
