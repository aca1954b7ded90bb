// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The locks each thread holds (see <bsdcompat/witness.h>).
 *
 * Linux's task_struct has no room for a module's per-thread data, so a
 * thread that holds tracked locks has a record in a small hash table keyed
 * by its task, taken from a fixed pool when it first takes a lock. When it
 * holds none the record stays its own, idle, until the pool runs dry and
 * another thread takes an idle record over (the task may have exited: an
 * idle record is never used to reach its task). Only the thread itself
 * changes its record while it is the thread's. Each hash bucket has a lock
 * of its own, so threads that hash apart never share one; the pool has
 * another, taken only for a thread's first lock. Both are raw (records change under spin mutexes,
 * with interrupts off, on PREEMPT_RT too) and order the changes against
 * the debugfs reader and against other threads of the same bucket.
 */
#include <linux/debugfs.h>
#include <linux/export.h>
#include <linux/hash.h>
#include <linux/moduleparam.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>

#include <bsdcompat/lockdebug.h>
#include <bsdcompat/witness.h>

#include "core.h"
#include "spl_internal.h"

/*
 * The switch, exported because the hooks in <bsdcompat/witness.h> are
 * inline and the KUnit suites use them too.
 * Context: read from any context; changed by bsd_witness_set().
 */
struct static_key_true bsd_witness_on = STATIC_KEY_TRUE_INIT;
EXPORT_SYMBOL_NS_GPL(bsd_witness_on, BSDCOMPAT);

#define WITNESS_POOL	256

struct witness_entry {
	const void	*we_lock;
	const char	*we_name;
	const char	*we_kind;
	unsigned long	we_ip;
	bool		we_sleepable;
};

struct witness_thread {
	struct hlist_node	wt_link;
	struct task_struct	*wt_task;
	unsigned int		wt_n;		/* held, named or not */
	struct witness_entry	wt_held[BSD_WITNESS_DEPTH];
};

static struct witness_thread witness_pool[WITNESS_POOL];
static HLIST_HEAD(witness_free);
#define WITNESS_HASH_BITS	6

static struct witness_bucket {
	raw_spinlock_t		wb_lock;
	struct hlist_head	wb_threads;
} ____cacheline_aligned_in_smp witness_buckets[1 << WITNESS_HASH_BITS];

static DEFINE_RAW_SPINLOCK(witness_pool_lock);	/* witness_free */
static unsigned long witness_untracked;	/* pool was empty */
static bool witness_param = true;

static struct witness_bucket *wt_bucket(struct task_struct *t)
{
	return &witness_buckets[hash_ptr(t, WITNESS_HASH_BITS)];
}

/* @t's record; the caller holds @wb's lock. */
static struct witness_thread *wt_find(struct witness_bucket *wb,
				      struct task_struct *t)
{
	struct witness_thread *wt;

	hlist_for_each_entry(wt, &wb->wb_threads, wt_link)
		if (wt->wt_task == t)
			return wt;
	return NULL;
}

/*
 * An idle record (no locks held) in @wb, whose lock the caller holds or has
 * just taken, taken out of it; or NULL.
 */
static struct witness_thread *wt_idle(struct witness_bucket *wb)
{
	struct witness_thread *wt;

	hlist_for_each_entry(wt, &wb->wb_threads, wt_link) {
		if (!wt->wt_n) {
			hlist_del(&wt->wt_link);
			return wt;
		}
	}
	return NULL;
}

/*
 * A record for the caller in @wb, whose lock it holds: from the pool, else
 * an idle one from any bucket (another bucket's lock is only tried, so two
 * threads doing this cannot wait for each other), else NULL (counted).
 */
static struct witness_thread *wt_get(struct witness_bucket *wb)
{
	struct witness_thread *wt = NULL;
	unsigned int b;

	raw_spin_lock(&witness_pool_lock);
	if (!hlist_empty(&witness_free)) {
		wt = hlist_entry(witness_free.first, struct witness_thread,
				 wt_link);
		hlist_del(&wt->wt_link);
	}
	raw_spin_unlock(&witness_pool_lock);
	if (!wt)
		wt = wt_idle(wb);
	for (b = 0; !wt && b < ARRAY_SIZE(witness_buckets); b++) {
		struct witness_bucket *other = &witness_buckets[b];

		if (other == wb || !raw_spin_trylock(&other->wb_lock))
			continue;
		wt = wt_idle(other);
		raw_spin_unlock(&other->wb_lock);
	}
	if (!wt) {
		WRITE_ONCE(witness_untracked, witness_untracked + 1);
		return NULL;
	}
	wt->wt_task = current;
	wt->wt_n = 0;
	hlist_add_head(&wt->wt_link, &wb->wb_threads);
	return wt;
}


/**
 * __bsd_witness_acquire() - record that the caller now holds a lock
 * @lock: the lock
 * @name: its name, for reports (kept as a pointer)
 * @kind: what reports call it: "sleep mutex", "spin mutex", "rw", "sx"
 * @sleepable: may its holder sleep?
 * @ip: where it was taken
 *
 * Called through bsd_witness_acquire(), which checks the switch.
 *
 * Context: any; only thread context is recorded. Does not sleep.
 */
void __bsd_witness_acquire(const void *lock, const char *name,
			   const char *kind, bool sleepable, unsigned long ip)
{
	struct witness_bucket *wb = wt_bucket(current);
	struct witness_thread *wt;
	struct witness_entry *we;
	unsigned long flags;

	if (bsd_ctx() != BSD_CTX_THREAD)
		return;
	raw_spin_lock_irqsave(&wb->wb_lock, flags);
	wt = wt_find(wb, current);
	if (!wt)
		wt = wt_get(wb);
	if (!wt)
		goto out;
	if (wt->wt_n < BSD_WITNESS_DEPTH) {
		we = &wt->wt_held[wt->wt_n];
		we->we_lock = lock;
		we->we_name = name;
		we->we_kind = kind;
		we->we_ip = ip;
		we->we_sleepable = sleepable;
	}
	wt->wt_n++;
out:
	raw_spin_unlock_irqrestore(&wb->wb_lock, flags);
}
EXPORT_SYMBOL_NS_GPL(__bsd_witness_acquire, BSDCOMPAT);

/**
 * __bsd_witness_release() - forget a lock the caller is about to release
 * @lock: the lock
 *
 * Called through bsd_witness_release(). A lock not recorded for the caller
 * is ignored.
 *
 * Context: any; only thread context is recorded. Does not sleep.
 */
void __bsd_witness_release(const void *lock)
{
	struct witness_bucket *wb = wt_bucket(current);
	struct witness_thread *wt;
	unsigned long flags;
	unsigned int i, n;

	if (bsd_ctx() != BSD_CTX_THREAD)
		return;
	raw_spin_lock_irqsave(&wb->wb_lock, flags);
	wt = wt_find(wb, current);
	if (!wt)
		goto out;
	n = min_t(unsigned int, wt->wt_n, BSD_WITNESS_DEPTH);
	for (i = n; i-- > 0;) {
		if (wt->wt_held[i].we_lock == lock) {
			memmove(&wt->wt_held[i], &wt->wt_held[i + 1],
				(n - i - 1) * sizeof(wt->wt_held[0]));
			break;
		}
	}
	/* Not found: taken untracked, unless it was beyond the named ones. */
	if (i == UINT_MAX && wt->wt_n <= BSD_WITNESS_DEPTH)
		goto out;
	/*
	 * At zero the record stays the thread's, idle: its next lock needs it
	 * again. wt_get() takes idle records back when the pool runs dry.
	 */
	wt->wt_n--;
out:
	raw_spin_unlock_irqrestore(&wb->wb_lock, flags);
}
EXPORT_SYMBOL_NS_GPL(__bsd_witness_release, BSDCOMPAT);

/* Copy the caller's named entries into @held; return how many. */
static unsigned int wt_snapshot(struct witness_entry *held)
{
	struct witness_bucket *wb = wt_bucket(current);
	struct witness_thread *wt;
	unsigned long flags;
	unsigned int n = 0;

	raw_spin_lock_irqsave(&wb->wb_lock, flags);
	wt = wt_find(wb, current);
	if (wt) {
		n = min_t(unsigned int, wt->wt_n, BSD_WITNESS_DEPTH);
		memcpy(held, wt->wt_held, n * sizeof(*held));
	}
	raw_spin_unlock_irqrestore(&wb->wb_lock, flags);
	return n;
}

/**
 * bsd_witness_may_sleep() - may the caller sleep, as far as its locks go?
 * @cls: the report's class ("Sleep", ...)
 * @op: the sleeping operation
 * @wchan: what it would sleep on (reported as the lock's address)
 * @wmesg: its message (reported as the lock's name)
 * @interlock: a lock the sleep gives up, which may be held; or NULL
 * @ip: the caller
 *
 * Context: thread context.
 * Return: true if the caller holds no tracked non-sleepable lock but
 * @interlock; otherwise false, after one report naming the first such lock
 * and where it was taken, and how many there are.
 */
bool bsd_witness_may_sleep(const char *cls, const char *op,
			   const void *wchan, const char *wmesg,
			   const void *interlock, unsigned long ip)
{
	struct witness_entry held[BSD_WITNESS_DEPTH];
	const struct witness_entry *bad = NULL;
	unsigned int i, n, nbad = 0;

	if (!bsd_witness_enabled() || bsd_ctx() != BSD_CTX_THREAD)
		return true;
	n = wt_snapshot(held);
	for (i = 0; i < n; i++) {
		if (held[i].we_sleepable || held[i].we_lock == interlock)
			continue;
		if (!nbad++)
			bad = &held[i];
	}
	if (!bad)
		return true;
	bsd_lock_error(cls, op, wchan, wmesg ? wmesg : "", ip,
		       "sleeping thread owns a non-sleepable lock: %s \"%s\" locked at %pS%s",
		       bad->we_kind, bad->we_name, (void *)bad->we_ip,
		       nbad > 1 ? " (and more)" : "");
	return false;
}
EXPORT_SYMBOL_NS_GPL(bsd_witness_may_sleep, BSDCOMPAT);

/**
 * bsd_witness_held() - how many tracked locks the caller holds
 * @sleepable: count the sleepable ones (true) or the others (false)
 *
 * Context: thread context.
 * Return: the count among the named entries.
 */
unsigned int bsd_witness_held(bool sleepable)
{
	struct witness_entry held[BSD_WITNESS_DEPTH];
	unsigned int i, n = wt_snapshot(held), count = 0;

	for (i = 0; i < n; i++)
		count += held[i].we_sleepable == sleepable;
	return count;
}
EXPORT_SYMBOL_NS_GPL(bsd_witness_held, BSDCOMPAT);

/**
 * bsd_witness_set() - switch lock tracking on or off
 * @on: the new state
 *
 * What writing the module parameter witness does. Locks held across the
 * switch are released without a report.
 *
 * Context: thread context; may sleep (it patches code).
 * Return: 0.
 */
int bsd_witness_set(bool on)
{
	if (on)
		static_branch_enable(&bsd_witness_on);
	else
		static_branch_disable(&bsd_witness_on);
	WRITE_ONCE(witness_param, on);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(bsd_witness_set, BSDCOMPAT);

static int witness_param_set(const char *val, const struct kernel_param *kp)
{
	bool on;
	int error = kstrtobool(val, &on);

	return error ? error : bsd_witness_set(on);
}

static const struct kernel_param_ops witness_param_ops = {
	.set	= witness_param_set,
	.get	= param_get_bool,
};
module_param_cb(witness, &witness_param_ops, &witness_param, 0644);
MODULE_PARM_DESC(witness,
		 "track the locks each thread holds (FreeBSD WITNESS rules): 1 on (default), 0 off");

static int witness_show(struct seq_file *m, void *v)
{
	struct witness_thread *wt;
	unsigned long flags;
	unsigned int i, b;

	seq_printf(m, "on %d untracked %lu\n", bsd_witness_enabled(),
		   READ_ONCE(witness_untracked));
	for (b = 0; b < ARRAY_SIZE(witness_buckets); b++) {
		struct witness_bucket *wb = &witness_buckets[b];

		raw_spin_lock_irqsave(&wb->wb_lock, flags);
		hlist_for_each_entry(wt, &wb->wb_threads, wt_link) {
			if (!wt->wt_n)	/* idle: its task may be gone */
				continue;
			seq_printf(m, "%s/%d holds %u:", wt->wt_task->comm,
				   task_pid_nr(wt->wt_task), wt->wt_n);
			for (i = 0; i < min_t(unsigned int, wt->wt_n,
					      BSD_WITNESS_DEPTH); i++)
				seq_printf(m, " %s \"%s\"",
					   wt->wt_held[i].we_kind,
					   wt->wt_held[i].we_name);
			seq_putc(m, '\n');
		}
		raw_spin_unlock_irqrestore(&wb->wb_lock, flags);
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(witness);

void bsd_witness_init(struct dentry *dir)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(witness_buckets); i++) {
		raw_spin_lock_init(&witness_buckets[i].wb_lock);
		INIT_HLIST_HEAD(&witness_buckets[i].wb_threads);
	}
	for (i = 0; i < WITNESS_POOL; i++)
		hlist_add_head(&witness_pool[i].wt_link, &witness_free);
	debugfs_create_file("witness", 0444, dir, NULL, &witness_fops);
}
