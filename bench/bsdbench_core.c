// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bsdbench: each bsdcompat lock primitive timed against the native Linux
 * primitive it is built on, in one run. Loading the module runs it; the
 * results go to the kernel log as JSON, one object a line after
 * "bsdbench: ", and init returns 0 (rmmod it afterwards).
 *
 *  - Uncontended: ns per enter+exit pair, the median of @batches batches of
 *    about @batch_us each. The two sides of a pair alternate batch by batch
 *    (and which goes first alternates too), so drift hits both alike.
 *  - Contended: acquisitions per second of 1, 2 and 4 kthreads (up to
 *    @threads) on one lock guarding a counter in the lock's cache line, for
 *    @contended_ms per point; the series take turns at each thread count.
 *
 * only= names the pairs and series to run (a comma list), else all run.
 */
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/percpu-refcount.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/utsname.h>
#include <linux/delay.h>

#include "bsdbench.h"

MODULE_LICENSE("Dual BSD/GPL");
MODULE_DESCRIPTION("bsdcompat lock primitives against their native Linux bases");
MODULE_IMPORT_NS(BSDCOMPAT);

static char *only;
module_param(only, charp, 0444);
MODULE_PARM_DESC(only, "comma list of pairs and series to run (default all)");

static unsigned int batches = 15;
module_param(batches, uint, 0444);
MODULE_PARM_DESC(batches, "uncontended batches per side, 1..101 (median taken)");

static unsigned int batch_us = 1000;
module_param(batch_us, uint, 0444);
MODULE_PARM_DESC(batch_us, "target length of one uncontended batch in us");

static unsigned int contended_ms = 200;
module_param(contended_ms, uint, 0444);
MODULE_PARM_DESC(contended_ms, "time per contended point in ms (0: none)");

static unsigned int threads = 4;
module_param(threads, uint, 0444);
MODULE_PARM_DESC(threads, "most contending threads (points 1, 2, 4, ...)");

#define MAX_BATCHES	101
#define MAX_THREADS	16

/* --- the native loops ---------------------------------------------------- */

static DEFINE_MUTEX(nat_mutex);
static DEFINE_SPINLOCK(nat_spin);
static DEFINE_RAW_SPINLOCK(nat_raw);
static DECLARE_RWSEM(nat_rwsem);

/*
 * The Solaris Porting Layer's kmutex (OpenZFS spl/sys/mutex.h): a Linux
 * mutex, an owner, and a spinlock held across mutex_unlock() so that the
 * lock's memory is not touched once another thread can own it.
 */
struct spl_kmutex {
	struct mutex		m_mutex;
	spinlock_t		m_lock;
	struct task_struct	*m_owner;
};

static void spl_mutex_init(struct spl_kmutex *mp)
{
	mutex_init(&mp->m_mutex);
	spin_lock_init(&mp->m_lock);
	mp->m_owner = NULL;
}

static inline void spl_mutex_enter(struct spl_kmutex *mp)
{
	WARN_ON_ONCE(READ_ONCE(mp->m_owner) == current);
	mutex_lock(&mp->m_mutex);
	WRITE_ONCE(mp->m_owner, current);
}

static inline void spl_mutex_exit(struct spl_kmutex *mp)
{
	WRITE_ONCE(mp->m_owner, NULL);
	spin_lock(&mp->m_lock);
	mutex_unlock(&mp->m_mutex);
	spin_unlock(&mp->m_lock);
}

static struct spl_kmutex nat_spl;

void bsdbench_mutex_loop(unsigned long n)
{
	while (n--) {
		mutex_lock(&nat_mutex);
		mutex_unlock(&nat_mutex);
	}
}

void bsdbench_spl_mutex_loop(unsigned long n)
{
	while (n--) {
		spl_mutex_enter(&nat_spl);
		spl_mutex_exit(&nat_spl);
	}
}

void bsdbench_spin_irqsave_loop(unsigned long n)
{
	unsigned long flags;

	while (n--) {
		spin_lock_irqsave(&nat_spin, flags);
		spin_unlock_irqrestore(&nat_spin, flags);
	}
}

void bsdbench_raw_irqsave_loop(unsigned long n)
{
	unsigned long flags;

	while (n--) {
		raw_spin_lock_irqsave(&nat_raw, flags);
		raw_spin_unlock_irqrestore(&nat_raw, flags);
	}
}

void bsdbench_raw_spin_loop(unsigned long n)
{
	while (n--) {
		raw_spin_lock(&nat_raw);
		raw_spin_unlock(&nat_raw);
	}
}

void bsdbench_irqsave_loop(unsigned long n)
{
	unsigned long flags;

	while (n--) {
		local_irq_save(flags);
		local_irq_restore(flags);
	}
}

void bsdbench_down_read_loop(unsigned long n)
{
	while (n--) {
		down_read(&nat_rwsem);
		up_read(&nat_rwsem);
	}
}

void bsdbench_down_write_loop(unsigned long n)
{
	while (n--) {
		down_write(&nat_rwsem);
		up_write(&nat_rwsem);
	}
}

/* The base of a bsdcompat entry gate: Linux's percpu_ref. */
static struct percpu_ref nat_ref;

static void nat_ref_release(struct percpu_ref *ref)
{
}

void bsdbench_percpu_ref_init(void)
{
	WARN_ON(percpu_ref_init(&nat_ref, nat_ref_release, 0, GFP_KERNEL));
}

void bsdbench_percpu_ref_exit(void)
{
	percpu_ref_exit(&nat_ref);
}

void bsdbench_percpu_ref_loop(unsigned long n)
{
	while (n--) {
		if (percpu_ref_tryget_live(&nat_ref))
			percpu_ref_put(&nat_ref);
	}
}

/* The native contended series: the counter shares the lock's line. */
static struct {
	unsigned long	counter;
	struct mutex	lock;
} c_mutex ____cacheline_aligned;

static struct {
	unsigned long	counter;
	spinlock_t	lock;
} c_spin ____cacheline_aligned;

static struct {
	unsigned long		counter;
	struct spl_kmutex	lock;
} c_spl ____cacheline_aligned;

static unsigned long c_mutex_run(const bool *stop)
{
	unsigned long n = 0;

	while (!READ_ONCE(*stop)) {
		mutex_lock(&c_mutex.lock);
		c_mutex.counter++;
		mutex_unlock(&c_mutex.lock);
		if (!(++n & BSDBENCH_RESCHED_MASK))
			cond_resched();
	}
	return n;
}

static unsigned long c_mutex_counter(void)
{
	return c_mutex.counter;
}

static unsigned long c_spin_run(const bool *stop)
{
	unsigned long n = 0, flags;

	while (!READ_ONCE(*stop)) {
		spin_lock_irqsave(&c_spin.lock, flags);
		c_spin.counter++;
		spin_unlock_irqrestore(&c_spin.lock, flags);
		if (!(++n & BSDBENCH_RESCHED_MASK))
			cond_resched();
	}
	return n;
}

static unsigned long c_spin_counter(void)
{
	return c_spin.counter;
}

static unsigned long c_spl_run(const bool *stop)
{
	unsigned long n = 0;

	while (!READ_ONCE(*stop)) {
		spl_mutex_enter(&c_spl.lock);
		c_spl.counter++;
		spl_mutex_exit(&c_spl.lock);
		if (!(++n & BSDBENCH_RESCHED_MASK))
			cond_resched();
	}
	return n;
}

static unsigned long c_spl_counter(void)
{
	return c_spl.counter;
}

static const struct bsdbench_series native_series[] = {
	{ "mutex", false, c_mutex_run, c_mutex_counter },
	{ "spinlock", false, c_spin_run, c_spin_counter },
	{ "spl_mutex", false, c_spl_run, c_spl_counter },
};

/* --- selection ----------------------------------------------------------- */

static bool selected(const char *name)
{
	const char *p = only;
	size_t len = strlen(name);

	if (!p || !*p)
		return true;
	while (*p) {
		const char *end = strchrnul(p, ',');

		if (end - p == len && !strncmp(p, name, len))
			return true;
		p = *end ? end + 1 : end;
	}
	return false;
}

/* --- uncontended --------------------------------------------------------- */

static u64 bsd_ps[MAX_BATCHES], nat_ps[MAX_BATCHES];

static u64 time_loop(void (*loop)(unsigned long), unsigned long n)
{
	u64 t0 = ktime_get_ns();

	loop(n);
	return ktime_get_ns() - t0;
}

/*
 * The slower side's time for @n pairs: the best of three, so that one
 * interrupt or preemption does not skew the calibration.
 */
static u64 time_both(const struct bsdbench_pair *p, unsigned long n)
{
	u64 best = U64_MAX;
	int i;

	for (i = 0; i < 3; i++)
		best = min(best, max(time_loop(p->bsd_loop, n),
				     time_loop(p->native_loop, n)));
	return best;
}

/* Iterations for a batch of about batch_us on the slower side. */
static unsigned long calibrate(const struct bsdbench_pair *p)
{
	u64 target = (u64)batch_us * NSEC_PER_USEC;
	unsigned long n = 16;

	while (n < (1UL << 26)) {
		u64 t = time_both(p, n);

		if (t >= target / 8)
			return max_t(u64, 16, div64_u64((u64)n * target, t));
		n *= 2;
		cond_resched();
	}
	return n;
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* ps per pair: the median of @nb, the array sorted. */
static u64 median(u64 *v, unsigned int nb)
{
	sort(v, nb, sizeof(*v), cmp_u64, NULL);
	return nb & 1 ? v[nb / 2] : (v[nb / 2 - 1] + v[nb / 2]) / 2;
}

#define PS_FMT		"%llu.%03llu"

static void run_pair(const struct bsdbench_pair *p, unsigned int nb)
{
	unsigned long n;
	unsigned int b;
	u64 bmin, nmin, bmed, nmed;

	if (p->setup)
		p->setup();
	n = calibrate(p);
	for (b = 0; b < nb; b++) {
		u64 tb, tn;

		if (b & 1) {
			tn = time_loop(p->native_loop, n);
			tb = time_loop(p->bsd_loop, n);
		} else {
			tb = time_loop(p->bsd_loop, n);
			tn = time_loop(p->native_loop, n);
		}
		bsd_ps[b] = div64_u64(tb * 1000, n);
		nat_ps[b] = div64_u64(tn * 1000, n);
		cond_resched();
	}
	if (p->teardown)
		p->teardown();
	bmed = median(bsd_ps, nb);
	nmed = median(nat_ps, nb);
	bmin = bsd_ps[0];
	nmin = nat_ps[0];
	pr_info("bsdbench: {\"type\":\"uncontended\",\"pair\":\"%s\",\"kind\":\"%s\",\"bsd\":\"%s\",\"native\":\"%s\",\"iters\":%lu,\"batches\":%u,\"bsd_ns\":" PS_FMT ",\"native_ns\":" PS_FMT ",\"bsd_min_ns\":" PS_FMT ",\"native_min_ns\":" PS_FMT "}\n",
		p->name, p->kind, p->bsd, p->native, n, nb,
		bmed / 1000, bmed % 1000, nmed / 1000, nmed % 1000,
		bmin / 1000, bmin % 1000, nmin / 1000, nmin % 1000);
}

static void run_pairs(const struct bsdbench_pair *pairs, unsigned int np,
		      unsigned int nb)
{
	unsigned int i;

	for (i = 0; i < np; i++)
		if (selected(pairs[i].name))
			run_pair(&pairs[i], nb);
}

/* --- contended ----------------------------------------------------------- */

struct worker {
	const struct bsdbench_series	*ws;
	struct completion		*go;
	const bool			*stop;
	unsigned long			count;
};

static int worker_fn(void *arg)
{
	struct worker *w = arg;

	wait_for_completion(w->go);
	w->count = w->ws->run(w->stop);
	/* kthread_stop() needs the thread alive: wait for it. */
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

/* The CPUs in turn: thread @i on the (i mod online)-th online CPU. */
static unsigned int nth_online_cpu(unsigned int i)
{
	unsigned int cpu, k = i % num_online_cpus();

	for_each_online_cpu(cpu)
		if (!k--)
			return cpu;
	return raw_smp_processor_id();
}

static void run_point(const struct bsdbench_series *s, unsigned int nt)
{
	static struct worker w[MAX_THREADS];
	struct task_struct *t[MAX_THREADS];
	DECLARE_COMPLETION_ONSTACK(go);
	unsigned long before, total = 0;
	bool stop = false;
	unsigned int i, started = 0;
	u64 t0, dt;

	before = s->counter();
	for (i = 0; i < nt; i++) {
		w[i] = (struct worker){ .ws = s, .go = &go, .stop = &stop };
		t[i] = kthread_create(worker_fn, &w[i], "bsdbench/%u", i);
		if (IS_ERR(t[i]))
			break;
		kthread_bind(t[i], nth_online_cpu(i));
		wake_up_process(t[i]);
		started++;
	}
	t0 = ktime_get_ns();
	complete_all(&go);
	msleep(contended_ms);
	WRITE_ONCE(stop, true);
	for (i = 0; i < started; i++) {
		kthread_stop(t[i]);
		total += w[i].count;
	}
	dt = ktime_get_ns() - t0;
	pr_info("bsdbench: {\"type\":\"contended\",\"lock\":\"%s\",\"bsdcompat\":%s,\"threads\":%u,\"cpus\":%u,\"ns\":%llu,\"acquisitions\":%lu,\"per_sec\":%llu,\"counter_ok\":%s}\n",
		s->name, s->bsdcompat ? "true" : "false", started,
		num_online_cpus(), dt, total,
		div64_u64((u64)total * NSEC_PER_SEC, max_t(u64, dt, 1)),
		s->counter() - before == total ? "true" : "false");
}

static void run_contended(void)
{
	const struct {
		const struct bsdbench_series *s;
		unsigned int n;
	} sets[] = {
		{ bsdbench_netbsd_series, bsdbench_netbsd_nseries },
		{ native_series, ARRAY_SIZE(native_series) },
		{ bsdbench_freebsd_series, bsdbench_freebsd_nseries },
	};
	unsigned int nt, i, j;

	for (nt = 1; nt <= min(threads, MAX_THREADS); nt *= 2)
		for (i = 0; i < ARRAY_SIZE(sets); i++)
			for (j = 0; j < sets[i].n; j++)
				if (selected(sets[i].s[j].name))
					run_point(&sets[i].s[j], nt);
}

static int __init bsdbench_init(void)
{
	unsigned int nb = clamp(batches, 1U, (unsigned int)MAX_BATCHES);
	u64 t0 = ktime_get_ns();

	spl_mutex_init(&nat_spl);
	mutex_init(&c_mutex.lock);
	spin_lock_init(&c_spin.lock);
	spl_mutex_init(&c_spl.lock);
	bsdbench_netbsd_init();
	bsdbench_freebsd_init();
	bsdbench_tru64_init();

	pr_info("bsdbench: {\"type\":\"start\",\"kernel\":\"%s\",\"cpus\":%u,\"batches\":%u,\"batch_us\":%u,\"contended_ms\":%u,\"threads\":%u}\n",
		init_utsname()->release, num_online_cpus(), nb, batch_us,
		contended_ms, threads);
	run_pairs(bsdbench_netbsd_pairs, bsdbench_netbsd_npairs, nb);
	run_pairs(bsdbench_freebsd_pairs, bsdbench_freebsd_npairs, nb);
	run_pairs(bsdbench_tru64_pairs, bsdbench_tru64_npairs, nb);
	if (contended_ms)
		run_contended();
	pr_info("bsdbench: {\"type\":\"done\",\"ms\":%llu}\n",
		div64_u64(ktime_get_ns() - t0, NSEC_PER_MSEC));
	return 0;
}

static void __exit bsdbench_exit(void)
{
	bsdbench_tru64_fini();
	bsdbench_freebsd_fini();
	bsdbench_netbsd_fini();
}

module_init(bsdbench_init);
module_exit(bsdbench_exit);
