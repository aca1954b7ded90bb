// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bsdtorture_core.c - a lock torture test for bsdcompat's BSD and Digital UNIX
 * locks, after the manner of Linux's locktorture.
 *
 * Loading the module runs one test, for one lock type, synchronously: the
 * writer and reader kthreads hammer the lock for secs seconds, the module
 * prints the counts and the verdict, and init returns 0. The module does
 * nothing on unload.
 *
 * Every critical section checks exclusion with two shared variables that
 * only the lock protects: a flag set while a writer is inside and a count
 * of readers inside. A writer that finds either set, or a reader that
 * finds the flag set, counts a failure. Types whose lock is also taken in
 * interrupt context run an hrtimer that does the writer's check too.
 */
#define pr_fmt(fmt) "bsdtorture: " fmt

#include <linux/atomic.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/prandom.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "bsdtorture.h"

static char *torture_type = "netbsd_mutex";
module_param(torture_type, charp, 0444);
MODULE_PARM_DESC(torture_type, "Lock type to torture (bsd_busted is broken on purpose)");
static int nwriters_stress = -1;
module_param(nwriters_stress, int, 0444);
MODULE_PARM_DESC(nwriters_stress, "Writer threads (default 2 x online CPUs)");
static int nreaders_stress = -1;
module_param(nreaders_stress, int, 0444);
MODULE_PARM_DESC(nreaders_stress, "Reader threads (default online CPUs for reader/writer types)");
static int secs = 10;
module_param(secs, int, 0444);
MODULE_PARM_DESC(secs, "Length of the test in seconds");
static int stat_interval;
module_param(stat_interval, int, 0444);
MODULE_PARM_DESC(stat_interval, "Seconds between statistics lines (0: at the end only)");
static int long_hold = -1;
module_param(long_hold, int, 0444);
MODULE_PARM_DESC(long_hold, "Occasional long hold in ms (default 100, 1 for spin types)");

/* One long hold in this many acquisitions per thread, on average. */
#define BT_LONG_EVERY	4000
/* The interrupt that takes the lock comes this often. */
#define BT_IRQ_PERIOD_US	100

/* The lock that does nothing: the checks must catch it. */
static void bt_nop(void)
{
}

static const struct bt_ops bt_busted_ops = {
	.name		= "bsd_busted",
	.busted		= true,
	.wlock	= bt_nop,
	.wunlock	= bt_nop,
};

static const struct bt_ops *const bt_types[] = {
	&bt_netbsd_mutex_ops, &bt_netbsd_spin_ops, &bt_netbsd_rw_ops,
	&bt_netbsd_kernel_lock_ops,
	&bt_freebsd_mtx_ops, &bt_freebsd_mtx_spin_ops,
	&bt_freebsd_mtx_recurse_ops, &bt_freebsd_sx_ops, &bt_freebsd_rw_ops,
	&bt_freebsd_giant_ops,
	&bt_tru64_simple_ops, &bt_tru64_complex_ops, &bt_tru64_funnel_ops,
	&bt_busted_ops,
};

struct bt_thread {
	struct task_struct *task;
	unsigned long acquired;
	unsigned long failed;
	struct rnd_state rnd;
};

static const struct bt_ops *ops;
static int nwriters, nreaders, long_ms;
static struct bt_thread *writers, *readers;
static bool stopping;

/* The shared state only the lock under test protects. */
static bool write_held;
static atomic_t read_held;

/* Kept by the interrupt handler, under the lock under test. */
static struct hrtimer bt_timer;
static unsigned long irq_acquired, irq_failed;

static atomic_long_t upgrades_ok, upgrades_refused, upgrades_lost, downgrades;

static u32 bt_rand(struct bt_thread *t)
{
	return prandom_u32_state(&t->rnd);
}

static void bt_failure(struct bt_thread *t, const char *what)
{
	t->failed++;
	/* The broken lock fails on purpose; a real one gets a backtrace. */
	WARN_ONCE(!ops->busted, "bsdtorture: %s: %s\n", ops->name, what);
}

/* The caller has just got the lock exclusively; true if someone else is in. */
static bool bt_enter_write(void)
{
	bool bad = READ_ONCE(write_held) || atomic_read(&read_held);

	WRITE_ONCE(write_held, true);
	return bad;
}

static void bt_exit_write(void)
{
	WRITE_ONCE(write_held, false);
}

/* The caller has just got the lock shared; true if a writer is in. */
static bool bt_enter_read(void)
{
	atomic_inc(&read_held);
	return READ_ONCE(write_held);
}

static void bt_exit_read(void)
{
	atomic_dec(&read_held);
}

/*
 * Hold the lock a while: mostly a few microseconds, now and then (one in
 * BT_LONG_EVERY per thread) long_hold milliseconds. Types whose holders
 * may sleep sometimes sleep instead of spinning.
 */
static void bt_hold(struct bt_thread *t)
{
	u32 r = bt_rand(t);

	/* The broken lock holds longer, so that overlaps show within a second. */
	if (ops->busted)
		udelay(10);
	if (long_ms && r % BT_LONG_EVERY == 0)
		mdelay(long_ms);
	else if (ops->may_sleep && (r >> 12) % 32 == 0)
		usleep_range(10, 50);
	else
		udelay(ops->spin ? 1 + (r >> 12) % 4 : (r >> 12) % 10);
}

/* Between acquisitions: let others run, and now and then sleep a tick. */
static void bt_pause(struct bt_thread *t)
{
	if (bt_rand(t) % 256 == 0)
		schedule_timeout_uninterruptible(1);
	else
		cond_resched();
}

/* After the test: stay until kthread_stop() so that the task is still ours. */
static int bt_idle_until_stopped(void)
{
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static int bt_writer(void *arg)
{
	struct bt_thread *t = arg;

	while (!READ_ONCE(stopping)) {
		u32 r = bt_rand(t);
		int depth = 0;

		ops->wlock();
		if (bt_enter_write())
			bt_failure(t, "writer found the lock held");
		if (ops->relock && r % 4 == 0) {
			ops->relock();
			depth = 1 + (r >> 2) % 2;
			if (depth == 2)
				ops->relock();
			if (!READ_ONCE(write_held))
				bt_failure(t, "recursive take let someone in");
		}
		bt_hold(t);
		if (ops->sleep_inside && (r >> 4) % 64 == 0) {
			/* The sleep gives the lock up: others may get in. */
			bt_exit_write();
			ops->sleep_inside();
			if (bt_enter_write())
				bt_failure(t, "writer found the lock held after a sleep");
		}
		while (depth--)
			ops->reunlock();
		t->acquired++;
		if (ops->downgrade && (r >> 10) % 16 == 0) {
			bt_exit_write();
			ops->downgrade();
			atomic_long_inc(&downgrades);
			if (bt_enter_read())
				bt_failure(t, "downgraded writer found a writer");
			bt_hold(t);
			bt_exit_read();
			ops->runlock();
		} else {
			bt_exit_write();
			ops->wunlock();
		}
		bt_pause(t);
	}
	return bt_idle_until_stopped();
}

/* A reader tries to upgrade; it has already left the read-side count. */
static void bt_try_upgrade(struct bt_thread *t)
{
	switch (ops->upgrade()) {
	case BT_UP_WRITE:
		atomic_long_inc(&upgrades_ok);
		if (bt_enter_write())
			bt_failure(t, "upgraded reader found the lock held");
		bt_hold(t);
		bt_exit_write();
		ops->wunlock();
		break;
	case BT_UP_READ:
		atomic_long_inc(&upgrades_refused);
		if (bt_enter_read())
			bt_failure(t, "reader refused an upgrade found a writer");
		bt_exit_read();
		ops->runlock();
		break;
	case BT_UP_NONE:
		atomic_long_inc(&upgrades_lost);
		break;
	}
}

static int bt_reader(void *arg)
{
	struct bt_thread *t = arg;

	while (!READ_ONCE(stopping)) {
		u32 r = bt_rand(t);

		ops->rlock();
		if (bt_enter_read())
			bt_failure(t, "reader found a writer");
		bt_hold(t);
		t->acquired++;
		bt_exit_read();
		if (ops->upgrade && r % 16 == 0)
			bt_try_upgrade(t);
		else
			ops->runlock();
		bt_pause(t);
	}
	return bt_idle_until_stopped();
}

/* The interrupt: a writer of its own, on whichever CPU it fires. */
static enum hrtimer_restart bt_irq(struct hrtimer *timer)
{
	ops->irq_lock();
	if (bt_enter_write()) {
		irq_failed++;
		WARN_ONCE(1, "bsdtorture: %s: interrupt found the lock held\n",
			  ops->name);
	}
	udelay(1);
	bt_exit_write();
	irq_acquired++;
	ops->irq_unlock();
	if (READ_ONCE(stopping))
		return HRTIMER_NORESTART;
	hrtimer_forward_now(timer, ns_to_ktime(BT_IRQ_PERIOD_US * NSEC_PER_USEC));
	return HRTIMER_RESTART;
}

/* One "Writes" or "Reads" line; returns the failures it counted. */
static unsigned long bt_print_line(const char *what, const struct bt_thread *t,
				   int n)
{
	unsigned long total = 0, fail = 0, max = 0, min = ULONG_MAX;
	int i;

	for (i = 0; i < n; i++) {
		unsigned long a = READ_ONCE(t[i].acquired);

		total += a;
		fail += READ_ONCE(t[i].failed);
		max = max(max, a);
		min = min(min, a);
	}
	if (!n)
		min = 0;
	pr_alert("%s-torture: %s:  Total: %lu  Max/Min: %lu/%lu %s  Fail: %lu %s\n",
		 ops->name, what, total, max, min, max / 2 > min ? "???" : "",
		 fail, fail ? "!!!" : "");
	return fail;
}

/* All the statistics; returns the number of failures so far. */
static unsigned long bt_print_stats(void)
{
	unsigned long fail;

	fail = bt_print_line("Writes", writers, nwriters);
	if (ops->rlock)
		fail += bt_print_line("Reads ", readers, nreaders);
	if (ops->irq_lock) {
		unsigned long f = READ_ONCE(irq_failed);

		pr_alert("%s-torture: Irqs  :  Total: %lu  Fail: %lu %s\n",
			 ops->name, READ_ONCE(irq_acquired), f, f ? "!!!" : "");
		fail += f;
	}
	if (ops->upgrade || ops->downgrade)
		pr_alert("%s-torture: Changes:  Upgrades: %ld  Refused: %ld  Lost: %ld  Downgrades: %ld\n",
			 ops->name, atomic_long_read(&upgrades_ok),
			 atomic_long_read(&upgrades_refused),
			 atomic_long_read(&upgrades_lost),
			 atomic_long_read(&downgrades));
	return fail;
}

static int bt_start(struct bt_thread *t, int n, int (*fn)(void *),
		    const char *kind)
{
	int i;

	for (i = 0; i < n; i++) {
		prandom_seed_state(&t[i].rnd, get_random_u64());
		t[i].task = kthread_run(fn, &t[i], "bsdtorture_%s/%d", kind, i);
		if (IS_ERR(t[i].task)) {
			int err = PTR_ERR(t[i].task);

			t[i].task = NULL;
			return err;
		}
	}
	return 0;
}

static void bt_stop(struct bt_thread *t, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (t[i].task)
			kthread_stop(t[i].task);
}

/* Run for secs seconds, printing statistics every stat_interval seconds. */
static void bt_run(void)
{
	unsigned long end = jiffies + (unsigned long)secs * HZ;
	unsigned long next = jiffies + (unsigned long)stat_interval * HZ;

	while (time_before(jiffies, end)) {
		schedule_timeout_interruptible(min_t(unsigned long, end - jiffies, HZ));
		if (stat_interval > 0 && time_after_eq(jiffies, next) &&
		    time_before(jiffies, end)) {
			bt_print_stats();
			next += (unsigned long)stat_interval * HZ;
		}
	}
}

static const struct bt_ops *bt_find(const char *name)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(bt_types); i++)
		if (sysfs_streq(name, bt_types[i]->name))
			return bt_types[i];
	return NULL;
}

static int __init bt_init(void)
{
	unsigned long fail;
	int i, err;

	ops = bt_find(torture_type);
	if (!ops) {
		pr_err("unknown torture_type \"%s\"; the types are:\n", torture_type);
		for (i = 0; i < ARRAY_SIZE(bt_types); i++)
			pr_err("  %s\n", bt_types[i]->name);
		return -EINVAL;
	}
	if (secs < 1 || stat_interval < 0) {
		pr_err("secs must be at least 1 and stat_interval not negative\n");
		return -EINVAL;
	}
	nwriters = nwriters_stress >= 0 ? nwriters_stress : 2 * num_online_cpus();
	nreaders = 0;
	if (ops->rlock)
		nreaders = nreaders_stress >= 0 ? nreaders_stress : num_online_cpus();
	else if (nreaders_stress > 0)
		pr_info("%s has no readers: nreaders_stress ignored\n", ops->name);
	if (nwriters + nreaders == 0) {
		pr_err("no threads to run\n");
		return -EINVAL;
	}
	long_ms = long_hold >= 0 ? long_hold : (ops->spin ? 1 : 100);

	writers = kcalloc(max(nwriters, 1), sizeof(*writers), GFP_KERNEL);
	readers = kcalloc(max(nreaders, 1), sizeof(*readers), GFP_KERNEL);
	err = -ENOMEM;
	if (!writers || !readers)
		goto out_free;
	err = ops->init ? ops->init() : 0;
	if (err)
		goto out_free;

	pr_alert("%s-torture:--- Start of test: torture_type=%s nwriters_stress=%d nreaders_stress=%d secs=%d stat_interval=%d long_hold=%d\n",
		 ops->name, ops->name, nwriters, nreaders, secs, stat_interval,
		 long_ms);
	WRITE_ONCE(stopping, false);
	WRITE_ONCE(write_held, false);
	atomic_set(&read_held, 0);

	err = bt_start(writers, nwriters, bt_writer, "w");
	if (!err)
		err = bt_start(readers, nreaders, bt_reader, "r");
	if (!err && ops->irq_lock) {
		hrtimer_init(&bt_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
		bt_timer.function = bt_irq;
		hrtimer_start(&bt_timer, ns_to_ktime(BT_IRQ_PERIOD_US * NSEC_PER_USEC),
			      HRTIMER_MODE_REL_HARD);
	}
	if (!err)
		bt_run();

	WRITE_ONCE(stopping, true);
	if (ops->irq_lock)
		hrtimer_cancel(&bt_timer);
	bt_stop(writers, nwriters);
	bt_stop(readers, nreaders);
	if (err) {
		pr_err("%s-torture: could not start the threads: %d\n", ops->name, err);
		goto out_cleanup;
	}

	fail = bt_print_stats();
	/* Forward progress too: not one write in the whole test is a failure. */
	for (i = 0; i < nwriters && writers[i].acquired == 0; i++)
		;
	if (nwriters && i == nwriters)
		fail++;
	pr_alert("%s-torture:--- End of test: %s: torture_type=%s nwriters_stress=%d nreaders_stress=%d secs=%d long_hold=%d\n",
		 ops->name, fail ? "FAILURE" : "SUCCESS", ops->name, nwriters,
		 nreaders, secs, long_ms);

out_cleanup:
	if (ops->cleanup)
		ops->cleanup();
out_free:
	kfree(writers);
	kfree(readers);
	return err;
}

static void __exit bt_exit(void)
{
}

module_init(bt_init);
module_exit(bt_exit);

MODULE_DESCRIPTION("Lock torture test for bsdcompat's BSD and Digital UNIX locks");
MODULE_LICENSE("Dual BSD/GPL");
MODULE_IMPORT_NS(BSDCOMPAT);
