// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: NetBSD xcall(9) as bsdcompat implements it. Each case checks one
 * rule of <sys/xcall.h> or one misuse report.
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

#include <sys/cpu.h>
#include <sys/intr.h>
#include <sys/mutex.h>
#include <sys/systm.h>
#include <sys/xcall.h>

#include "kunit_helpers.h"

#define XC_ERR	"xcall error: "
#define XC_CALLS	8

struct xc_rec {
	atomic_t	*runs;		/* per CPU */
	atomic_t	calls[XC_CALLS];	/* finished, per call */
	int		*nice;		/* per CPU, of the last run */
	kmutex_t	mtx;
	bool		bad;		/* wrong context, or kernel locked */
	bool		slow;
	bool		lock_kernel;
	bool		nested;		/* start a call of the other priority */
	unsigned int	nested_flags;
	u64		nested_ticket;
};

static struct xc_rec *xc_rec_new(struct kunit *test)
{
	struct xc_rec *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->runs = kunit_kcalloc(test, nr_cpu_ids, sizeof(*r->runs),
				GFP_KERNEL);
	r->nice = kunit_kcalloc(test, nr_cpu_ids, sizeof(*r->nice),
				GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r->runs);
	KUNIT_ASSERT_NOT_NULL(test, r->nice);
	mutex_init(&r->mtx, MUTEX_DEFAULT, IPL_NONE);
	return r;
}

static void xc_count(void *arg1, void *arg2)
{
	struct xc_rec *r = arg1;
	unsigned long idx = (unsigned long)arg2;
	int cpu = raw_smp_processor_id();

	if (!in_task() || bsd_kernel_locked_p() ||
	    current->nr_cpus_allowed != 1)
		r->bad = true;
	if (r->slow)
		usleep_range(2000, 3000);
	/* An adaptive kmutex: legal here, as in a NetBSD xcall. */
	mutex_enter(&r->mtx);
	r->nice[cpu] = task_nice(current);
	mutex_exit(&r->mtx);
	if (r->lock_kernel) {
		KERNEL_LOCK(1, NULL);
		KERNEL_UNLOCK_ONE(NULL);
	}
	if (r->nested) {
		u64 t;

		r->nested = false;
		t = xc_unicast(r->nested_flags, xc_count, r,
			       (void *)(XC_CALLS - 1), curcpu());
		xc_wait(t);
		r->nested_ticket = t;
	}
	atomic_inc(&r->runs[cpu]);
	if (idx < XC_CALLS)
		atomic_inc(&r->calls[idx]);
}

static void xc_expect_each_online_once(struct kunit *test, struct xc_rec *r)
{
	int cpu;

	for_each_possible_cpu(cpu)
		KUNIT_EXPECT_EQ_MSG(test, atomic_read(&r->runs[cpu]),
				    cpu_online(cpu) ? 1 : 0, "cpu %d", cpu);
	KUNIT_EXPECT_FALSE(test, r->bad);
}

/* A low-priority broadcast runs once on every CPU, in a bound thread. */
static void xcall_broadcast_every_cpu(struct kunit *test)
{
	struct xc_rec *r = xc_rec_new(test);

	xc_wait(xc_broadcast(0, xc_count, r, (void *)0));
	xc_expect_each_online_once(test, r);
	KUNIT_EXPECT_EQ(test, atomic_read(&r->calls[0]),
			(int)num_online_cpus());
}

/* xc_unicast() runs it on the CPU asked for, and only there. */
static void xcall_unicast_each_cpu(struct kunit *test)
{
	struct xc_rec *r = xc_rec_new(test);
	int cpu;

	for_each_online_cpu(cpu)
		xc_wait(xc_unicast(0, xc_count, r, (void *)0,
				   cpu_lookup(cpu)));
	xc_expect_each_online_once(test, r);
}

/*
 * Tickets grow, and xc_wait(t) returns once call t and every call before
 * it have finished everywhere, even when later calls have not.
 */
static void xcall_tickets_in_order(struct kunit *test)
{
	struct xc_rec *r = xc_rec_new(test);
	u64 t[XC_CALLS];
	int i, j, n = num_online_cpus();

	r->slow = true;
	for (i = 0; i < XC_CALLS; i++) {
		t[i] = xc_broadcast(0, xc_count, r, (void *)(unsigned long)i);
		if (i)
			KUNIT_EXPECT_GT(test, t[i], t[i - 1]);
	}
	for (i = 0; i < XC_CALLS; i += 3) {
		xc_wait(t[i]);
		for (j = 0; j <= i; j++)
			KUNIT_EXPECT_EQ_MSG(test, atomic_read(&r->calls[j]), n,
					    "call %d after waiting for %d",
					    j, i);
	}
	xc_wait(t[XC_CALLS - 1]);
	for (j = 0; j < XC_CALLS; j++)
		KUNIT_EXPECT_EQ(test, atomic_read(&r->calls[j]), n);
	KUNIT_EXPECT_FALSE(test, r->bad);
}

/*
 * XC_HIGHPRI runs on every CPU in a high-priority bound worker (where
 * softints run), and may take an adaptive kmutex.
 */
static void xcall_highpri_every_cpu(struct kunit *test)
{
	struct xc_rec *r = xc_rec_new(test);
	u64 t;
	int cpu;

	t = xc_broadcast(XC_HIGHPRI, xc_count, r, (void *)0);
	xc_wait(t);
	xc_expect_each_online_once(test, r);
	for_each_online_cpu(cpu)
		KUNIT_EXPECT_LT(test, r->nice[cpu], 0);
}

/* XC_HIGHPRI_IPL(soft IPL) is accepted and its ticket waited for. */
static void xcall_highpri_ipl(struct kunit *test)
{
	struct xc_rec *r = xc_rec_new(test);
	int cpu;

	preempt_disable();
	cpu = smp_processor_id();
	preempt_enable();
	xc_wait(xc_unicast(XC_HIGHPRI_IPL(IPL_SOFTNET), xc_count, r,
			   (void *)0, cpu_lookup(cpu)));
	KUNIT_EXPECT_EQ(test, atomic_read(&r->runs[cpu]), 1);
	KUNIT_EXPECT_LT(test, r->nice[cpu], 0);
}

/* A low-priority function may block on an adaptive mutex for a while. */
static void xcall_low_may_block(struct kunit *test)
{
	struct xc_rec *r = xc_rec_new(test);
	int cpu, n;
	u64 t;

	mutex_enter(&r->mtx);
	t = xc_broadcast(0, xc_count, r, (void *)0);
	msleep(20);
	n = 0;
	for_each_online_cpu(cpu)
		n += atomic_read(&r->runs[cpu]);
	mutex_exit(&r->mtx);
	xc_wait(t);
	KUNIT_EXPECT_EQ(test, n, 0);	/* all were waiting for the mutex */
	xc_expect_each_online_once(test, r);
}

/*
 * Functions run without the kernel lock; a caller that holds it gives it
 * up in xc_wait(), so a function that takes it does not deadlock, and the
 * caller gets its depth back.
 */
static void xcall_wait_gives_up_kernel_lock(struct kunit *test)
{
	struct xc_rec *r = xc_rec_new(test);
	int depth;

	r->lock_kernel = true;
	KERNEL_LOCK(2, NULL);
	xc_wait(xc_broadcast(0, xc_count, r, (void *)0));
	depth = bsd_kernel_lock_depth();
	KERNEL_UNLOCK_ALL(NULL, NULL);
	KUNIT_EXPECT_EQ(test, depth, 2);
	xc_expect_each_online_once(test, r);
}

/* xc_barrier() returns after every earlier call has finished. */
static void xcall_barrier_after_calls(struct kunit *test)
{
	struct xc_rec *r = xc_rec_new(test);
	int n = num_online_cpus();

	r->slow = true;
	xc_broadcast(0, xc_count, r, (void *)0);
	xc_broadcast(0, xc_count, r, (void *)1);
	xc_barrier(0);
	KUNIT_EXPECT_EQ(test, atomic_read(&r->calls[0]), n);
	KUNIT_EXPECT_EQ(test, atomic_read(&r->calls[1]), n);
	xc_broadcast(XC_HIGHPRI, xc_count, r, (void *)2);
	xc_barrier(XC_HIGHPRI);
	KUNIT_EXPECT_EQ(test, atomic_read(&r->calls[2]), n);
}

/* A function of one priority may make and wait for a call of the other. */
static void xcall_nested_other_priority(struct kunit *test)
{
	struct xc_rec *r = xc_rec_new(test);

	r->nested = true;
	r->nested_flags = XC_HIGHPRI;
	xc_wait(xc_unicast(0, xc_count, r, (void *)0, cpu_lookup(0)));
	KUNIT_EXPECT_EQ(test, atomic_read(&r->calls[XC_CALLS - 1]), 1);
	KUNIT_EXPECT_TRUE(test, r->nested_ticket & (1ULL << 63));
	KUNIT_EXPECT_EQ(test, atomic_read(&r->runs[0]), 2);
}

struct xc_spin {
	int		cpu;
	bool		inside;
	bool		go;
	struct completion done;
};

static int xc_spinner(void *arg)
{
	struct xc_spin *s = arg;

	preempt_disable();
	WRITE_ONCE(s->inside, true);
	while (!READ_ONCE(s->go))
		cpu_relax();
	preempt_enable();
	complete(&s->done);
	return 0;
}

/*
 * A call cannot run on a CPU while that CPU has preemption off: the thread
 * it runs in needs the CPU. What localcount(9) and psref(9) rely on.
 */
static void xcall_waits_for_preempt_off_cpu(struct kunit *test)
{
	struct xc_rec *r = xc_rec_new(test);
	struct xc_spin s = {};
	struct task_struct *t;
	int cpu, before;
	u64 ticket;

	s.cpu = -1;
	preempt_disable();
	for_each_online_cpu(cpu)
		if (cpu != smp_processor_id())
			s.cpu = cpu;
	preempt_enable();
	if (s.cpu < 0)
		kunit_skip(test, "needs 2 CPUs");
	init_completion(&s.done);
	t = kthread_create(xc_spinner, &s, "xc-spin");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	kthread_bind(t, s.cpu);
	wake_up_process(t);
	while (!READ_ONCE(s.inside))
		usleep_range(1000, 2000);
	ticket = xc_unicast(0, xc_count, r, (void *)0, cpu_lookup(s.cpu));
	msleep(20);
	before = atomic_read(&r->runs[s.cpu]);
	WRITE_ONCE(s.go, true);
	xc_wait(ticket);
	wait_for_completion(&s.done);
	KUNIT_EXPECT_EQ(test, before, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&r->runs[s.cpu]), 1);
}

#define XC_COST_LOOPS	200

static void xc_nothing(void *arg1, void *arg2)
{
}

/* Not a check, numbers for the documentation: broadcast and wait. */
static void xcall_round_trip_cost(struct kunit *test)
{
	u64 t0, t1, t2;
	int i;

	t0 = ktime_get_ns();
	for (i = 0; i < XC_COST_LOOPS; i++)
		xc_wait(xc_broadcast(0, xc_nothing, NULL, NULL));
	t1 = ktime_get_ns();
	for (i = 0; i < XC_COST_LOOPS; i++)
		xc_wait(xc_broadcast(XC_HIGHPRI, xc_nothing, NULL, NULL));
	t2 = ktime_get_ns();
	kunit_info(test, "xc_broadcast+xc_wait on %u CPUs: low %llu us, high %llu us\n",
		   num_online_cpus(), (t1 - t0) / XC_COST_LOOPS / 1000,
		   (t2 - t1) / XC_COST_LOOPS / 1000);
}

static void misuse_xcall_bad_flags(struct kunit *test)
{
	struct xc_rec *r = xc_rec_new(test);
	unsigned long n = bsd_lockdebug_count();
	u64 t;

	t = xc_broadcast(0x4, xc_count, r, NULL);
	EXPECT_REPORT(test, n, XC_ERR "xc_broadcast: bad flags 0x4", "xcall");
	n = bsd_lockdebug_count();
	xc_wait(t);	/* refused: a ticket already done */
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n);
	xc_broadcast(XC_HIGHPRI_IPL(IPL_VM), xc_count, r, NULL);
	EXPECT_REPORT(test, n, XC_ERR "xc_broadcast: bad flags 0x501",
		      "xcall");
	xc_barrier(0);
	KUNIT_EXPECT_EQ(test, atomic_read(&r->runs[0]), 0);
}

static void misuse_xcall_null_function(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();

	xc_wait(xc_broadcast(0, NULL, NULL, NULL));
	EXPECT_REPORT(test, n, XC_ERR "xc_broadcast: NULL function", "xcall");
}

static void misuse_xcall_unicast_no_cpu(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();
	struct xc_rec *r = xc_rec_new(test);

	xc_wait(xc_unicast(0, xc_count, r, NULL, NULL));
	EXPECT_REPORT(test, n, XC_ERR "xc_unicast: no such CPU", "xcall");
}

static void misuse_xcall_unicast_offline(struct kunit *test)
{
	struct xc_rec *r = xc_rec_new(test);
	int cpu, off = -1;
	unsigned long n;

	for_each_possible_cpu(cpu)
		if (!cpu_online(cpu))
			off = cpu;
	if (off < 0)
		kunit_skip(test, "every possible CPU is online");
	n = bsd_lockdebug_count();
	xc_wait(xc_unicast(0, xc_count, r, NULL, cpu_lookup(off)));
	EXPECT_REPORT(test, n, XC_ERR "xc_unicast: CPU", "not online");
	KUNIT_EXPECT_EQ(test, atomic_read(&r->runs[off]), 0);
}

static void xc_irq_fn(void *arg)
{
	xc_broadcast(0, xc_count, arg, NULL);
}

static void misuse_xcall_from_interrupt(struct kunit *test)
{
	struct xc_rec *r = xc_rec_new(test);
	unsigned long n = bsd_lockdebug_count();

	bsd_kunit_in_hardirq(xc_irq_fn, r);
	EXPECT_REPORT(test, n,
		      XC_ERR "xc_broadcast: called from interrupt context",
		      "xcall");
	xc_barrier(0);
	KUNIT_EXPECT_EQ(test, atomic_read(&r->runs[0]), 0);
}

static void misuse_xcall_spin_lock_held(struct kunit *test)
{
	struct xc_rec *r = xc_rec_new(test);
	kmutex_t spin;
	unsigned long n;
	u64 t;

	mutex_init(&spin, MUTEX_SPIN, IPL_SOFTNET);
	t = xc_broadcast(0, xc_count, r, (void *)0);
	mutex_spin_enter(&spin);
	n = bsd_lockdebug_count();
	xc_wait(t);
	mutex_spin_exit(&spin);
	mutex_destroy(&spin);
	EXPECT_REPORT(test, n, XC_ERR "xc_wait: spin lock held", "xcall");
	xc_wait(t);
}

static void misuse_xcall_wait_not_issued(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();

	xc_wait(1ULL << 40);
	EXPECT_REPORT(test, n, XC_ERR "xc_wait: ticket 1099511627776 not issued",
		      "xcall");
}

static void xc_self(void *arg1, void *arg2)
{
	u64 *t = arg1;

	*t = xc_broadcast(0, xc_count, NULL, NULL);
}

/* Waiting for its own queue from a function would hang: refused. */
static void misuse_xcall_from_own_function(struct kunit *test)
{
	unsigned long n = bsd_lockdebug_count();
	u64 inner = 0;

	xc_wait(xc_unicast(0, xc_self, &inner, NULL, cpu_lookup(0)));
	EXPECT_REPORT(test, n,
		      XC_ERR "xc_broadcast: called from a cross-call function (xcall)",
		      "xcall");
	KUNIT_EXPECT_NE(test, inner, 0ULL);	/* a done ticket */
	xc_wait(inner);
}

static struct kunit_case netbsd_xcall_cases[] = {
	KUNIT_CASE(xcall_broadcast_every_cpu),
	KUNIT_CASE(xcall_unicast_each_cpu),
	KUNIT_CASE(xcall_tickets_in_order),
	KUNIT_CASE(xcall_highpri_every_cpu),
	KUNIT_CASE(xcall_highpri_ipl),
	KUNIT_CASE(xcall_low_may_block),
	KUNIT_CASE(xcall_wait_gives_up_kernel_lock),
	KUNIT_CASE(xcall_barrier_after_calls),
	KUNIT_CASE(xcall_nested_other_priority),
	KUNIT_CASE(xcall_waits_for_preempt_off_cpu),
	KUNIT_CASE(xcall_round_trip_cost),
	KUNIT_CASE(misuse_xcall_bad_flags),
	KUNIT_CASE(misuse_xcall_null_function),
	KUNIT_CASE(misuse_xcall_unicast_no_cpu),
	KUNIT_CASE(misuse_xcall_unicast_offline),
	KUNIT_CASE(misuse_xcall_from_interrupt),
	KUNIT_CASE(misuse_xcall_spin_lock_held),
	KUNIT_CASE(misuse_xcall_wait_not_issued),
	KUNIT_CASE(misuse_xcall_from_own_function),
	{}
};

static struct kunit_suite netbsd_xcall_suite = {
	.name = "netbsd_xcall",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = netbsd_xcall_cases,
};
kunit_test_suite(netbsd_xcall_suite);
