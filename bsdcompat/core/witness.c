// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The locks each thread holds (see <bsdcompat/witness.h>).
 *
 * Linux's task_struct has no room for a module's per-thread data, so a
 * thread that holds tracked locks has a record in a small hash table keyed
 * by its task, taken from a fixed pool when it takes its first lock and
 * given back when it releases its last. Only the thread itself changes its
 * record; the table's lock is raw (records are taken and given back under
 * spin mutexes, with interrupts off, on PREEMPT_RT too) and orders those
 * changes against the debugfs reader and against other threads looking up
 * their own records.
 */
#include <linux/debugfs.h>
#include <linux/export.h>
#include <linux/hashtable.h>
#include <linux/moduleparam.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>

#include <bsdcompat/lockdebug.h>
#include <bsdcompat/witness.h>

#include "core.h"
#include "spl_internal.h"

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
static DEFINE_HASHTABLE(witness_threads, 6);
static DEFINE_RAW_SPINLOCK(witness_lock);
static unsigned long witness_untracked;	/* pool was empty */
static bool witness_param = true;

/* Exported: the inline hooks of <bsdcompat/witness.h> test it. */
DEFINE_STATIC_KEY_TRUE(bsd_witness_on);
EXPORT_SYMBOL_NS_GPL(bsd_witness_on, BSDCOMPAT);

static struct witness_thread *wt_find(struct task_struct *t)
{
	struct witness_thread *wt;

	hash_for_each_possible(witness_threads, wt, wt_link, (unsigned long)t)
		if (wt->wt_task == t)
			return wt;
	return NULL;
}

void __bsd_witness_acquire(const void *lock, const char *name,
			   const char *kind, bool sleepable, unsigned long ip)
{
	struct witness_thread *wt;
	struct witness_entry *we;
	unsigned long flags;

	if (bsd_ctx() != BSD_CTX_THREAD)
		return;
	raw_spin_lock_irqsave(&witness_lock, flags);
	wt = wt_find(current);
	if (!wt) {
		if (hlist_empty(&witness_free)) {
			witness_untracked++;
			goto out;
		}
		wt = hlist_entry(witness_free.first, struct witness_thread,
				 wt_link);
		hlist_del(&wt->wt_link);
		wt->wt_task = current;
		wt->wt_n = 0;
		hash_add(witness_threads, &wt->wt_link, (unsigned long)current);
	}
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
	raw_spin_unlock_irqrestore(&witness_lock, flags);
}
EXPORT_SYMBOL_NS_GPL(__bsd_witness_acquire, BSDCOMPAT);

void __bsd_witness_release(const void *lock)
{
	struct witness_thread *wt;
	unsigned long flags;
	unsigned int i, n;

	if (bsd_ctx() != BSD_CTX_THREAD)
		return;
	raw_spin_lock_irqsave(&witness_lock, flags);
	wt = wt_find(current);
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
	if (--wt->wt_n == 0) {
		hash_del(&wt->wt_link);
		wt->wt_task = NULL;
		hlist_add_head(&wt->wt_link, &witness_free);
	}
out:
	raw_spin_unlock_irqrestore(&witness_lock, flags);
}
EXPORT_SYMBOL_NS_GPL(__bsd_witness_release, BSDCOMPAT);

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
	struct witness_entry bad = {};
	struct witness_thread *wt;
	unsigned int i, n, nbad = 0;
	unsigned long flags;

	if (!bsd_witness_enabled() || bsd_ctx() != BSD_CTX_THREAD)
		return true;
	raw_spin_lock_irqsave(&witness_lock, flags);
	wt = wt_find(current);
	n = wt ? min_t(unsigned int, wt->wt_n, BSD_WITNESS_DEPTH) : 0;
	for (i = 0; i < n; i++) {
		struct witness_entry *we = &wt->wt_held[i];

		if (we->we_sleepable || we->we_lock == interlock)
			continue;
		if (!nbad++)
			bad = *we;
	}
	raw_spin_unlock_irqrestore(&witness_lock, flags);
	if (!nbad)
		return true;
	bsd_lock_error(cls, op, wchan, wmesg ? wmesg : "", ip,
		       "sleeping thread owns a non-sleepable lock: %s \"%s\" locked at %pS%s",
		       bad.we_kind, bad.we_name, (void *)bad.we_ip,
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
	struct witness_thread *wt;
	unsigned int i, n, count = 0;
	unsigned long flags;

	raw_spin_lock_irqsave(&witness_lock, flags);
	wt = wt_find(current);
	n = wt ? min_t(unsigned int, wt->wt_n, BSD_WITNESS_DEPTH) : 0;
	for (i = 0; i < n; i++)
		count += wt->wt_held[i].we_sleepable == sleepable;
	raw_spin_unlock_irqrestore(&witness_lock, flags);
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
	unsigned int i;
	int bkt;

	raw_spin_lock_irqsave(&witness_lock, flags);
	seq_printf(m, "on %d untracked %lu\n", bsd_witness_enabled(),
		   witness_untracked);
	hash_for_each(witness_threads, bkt, wt, wt_link) {
		seq_printf(m, "%s/%d holds %u:", wt->wt_task->comm,
			   task_pid_nr(wt->wt_task), wt->wt_n);
		for (i = 0; i < min_t(unsigned int, wt->wt_n,
				      BSD_WITNESS_DEPTH); i++)
			seq_printf(m, " %s \"%s\"", wt->wt_held[i].we_kind,
				   wt->wt_held[i].we_name);
		seq_putc(m, '\n');
	}
	raw_spin_unlock_irqrestore(&witness_lock, flags);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(witness);

void bsd_witness_init(struct dentry *dir)
{
	int i;

	for (i = 0; i < WITNESS_POOL; i++)
		hlist_add_head(&witness_pool[i].wt_link, &witness_free);
	debugfs_create_file("witness", 0444, dir, NULL, &witness_fops);
}
