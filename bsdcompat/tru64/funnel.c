// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Digital UNIX funnels (see <sys/funnel.h>).
 *
 * A funneled thread holds the core's big lock (core/biglock.c) and runs only
 * on the master CPU. The big lock gives the serialisation and is what every
 * bsdcompat sleep gives up and takes back; the CPU binding is Linux's task
 * affinity, which a sleeping thread keeps, so it wakes on the master CPU
 * again. Sharing the lock with KERNEL_LOCK and Giant means a driver that is
 * not MP-safe is serialised against every other one, whichever BSD it came
 * from, as a user of one big lock would expect.
 *
 * The funnel depth and the affinity to give back belong to the thread, and
 * Linux's task_struct has no room for them: each funneled thread has a
 * record in a small hash table, made by its outermost unix_master() and
 * freed by its outermost unix_release(). Only the thread itself adds,
 * changes or removes its record; the lock is for the debugfs reader.
 */
#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/export.h>
#include <linux/hashtable.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include <sys/funnel.h>
#include <bsdcompat/biglock.h>
#include <bsdcompat/lockdebug.h>

#include "tru64.h"

struct funnel_thread {
	struct hlist_node	ft_link;
	struct task_struct	*ft_task;
	unsigned int		ft_depth;
	bool			ft_bound;	/* we changed its affinity */
	unsigned long		ft_saved[];	/* the affinity to give back */
};

static DEFINE_HASHTABLE(funnel_threads, 5);
static DEFINE_SPINLOCK(funnel_threads_lock);

static struct funnel_thread *funnel_find(struct task_struct *t)
{
	struct funnel_thread *ft;

	spin_lock(&funnel_threads_lock);
	hash_for_each_possible(funnel_threads, ft, ft_link, (unsigned long)t)
		if (ft->ft_task == t)
			goto out;
	ft = NULL;
out:
	spin_unlock(&funnel_threads_lock);
	return ft;
}

static void funnel_error(const char *op, unsigned long ip, const char *why)
{
	bsd_lock_error(TRU64_FUNNEL_CLASS, op, NULL, "funnel", ip, "%s", why);
}

/* Run the caller on the master CPU from now on; remember where it ran. */
static void funnel_bind(struct funnel_thread *ft, unsigned long ip)
{
	const struct cpumask *master = cpumask_of(TRU64_MASTER_CPU);
	int error;

	cpumask_copy(to_cpumask(ft->ft_saved), &current->cpus_mask);
	if (cpumask_equal(&current->cpus_mask, master))
		return;
	error = set_cpus_allowed_ptr(current, master);
	if (error) {
		bsd_lock_error(TRU64_FUNNEL_CLASS, "unix_master", NULL, "funnel",
			       ip, "cannot run on master CPU %d (%d): serialised only",
			       TRU64_MASTER_CPU, error);
		return;
	}
	ft->ft_bound = true;
}

static void funnel_unbind(struct funnel_thread *ft, unsigned long ip)
{
	int error;

	if (!ft->ft_bound)
		return;
	error = set_cpus_allowed_ptr(current, to_cpumask(ft->ft_saved));
	if (error)
		bsd_lock_error(TRU64_FUNNEL_CLASS, "unix_release", NULL,
			       "funnel", ip,
			       "cannot give back the thread's CPUs (%d)", error);
}

/**
 * tru64_unix_master() - enter the funnel (unix_master())
 *
 * Binds the calling thread to the master CPU (outermost call only) and
 * takes the big lock; nests.
 *
 * Context: thread context, no simple lock or spin mutex held; may sleep.
 * From interrupt context or with a simple lock held it is reported and the
 * thread goes on unfunneled.
 */
void tru64_unix_master(void)
{
	unsigned long ip = _RET_IP_;
	struct funnel_thread *ft;

	if (!tru64_may_sleep(TRU64_FUNNEL_CLASS, "unix_master", NULL, "funnel",
			     NULL, ip))
		return;
	ft = funnel_find(current);
	if (!ft) {
		ft = kzalloc(struct_size(ft, ft_saved, BITS_TO_LONGS(nr_cpu_ids)),
			     GFP_KERNEL | __GFP_NOFAIL);
		ft->ft_task = current;
		spin_lock(&funnel_threads_lock);
		hash_add(funnel_threads, &ft->ft_link, (unsigned long)current);
		spin_unlock(&funnel_threads_lock);
	}
	if (ft->ft_depth++ == 0)
		funnel_bind(ft, ip);
	bsd_kernel_lock(1, ip);
}
EXPORT_SYMBOL_NS_GPL(tru64_unix_master, BSDCOMPAT);

/**
 * tru64_unix_release() - leave the funnel (unix_release())
 *
 * Gives up one hold of the big lock; the outermost call also gives the
 * thread back the CPUs it could run on before its first unix_master().
 *
 * Context: thread context, in the funnel; may sleep (to migrate).
 */
void tru64_unix_release(void)
{
	unsigned long ip = _RET_IP_;
	struct funnel_thread *ft;

	if (in_interrupt()) {
		funnel_error("unix_release", ip, "from interrupt context");
		return;
	}
	ft = funnel_find(current);
	if (!ft || !ft->ft_depth) {
		funnel_error("unix_release", ip, "not in the funnel");
		return;
	}
	bsd_kernel_unlock(1, NULL, ip);
	if (--ft->ft_depth)
		return;
	funnel_unbind(ft, ip);
	spin_lock(&funnel_threads_lock);
	hash_del(&ft->ft_link);
	spin_unlock(&funnel_threads_lock);
	kfree(ft);
}
EXPORT_SYMBOL_NS_GPL(tru64_unix_release, BSDCOMPAT);

/**
 * tru64_funnel_depth() - how many unix_master() calls the caller is inside
 *
 * Context: thread context.
 * Return: the depth; 0 when not funneled.
 */
int tru64_funnel_depth(void)
{
	struct funnel_thread *ft = funnel_find(current);

	return ft ? ft->ft_depth : 0;
}
EXPORT_SYMBOL_NS_GPL(tru64_funnel_depth, BSDCOMPAT);

/**
 * tru64_funnel_call() - run a function funneled
 * @fn: the function
 * @arg: its argument
 *
 * What DEV_FUNNEL does to each entry point of a driver: unix_master(),
 * @fn(@arg), unix_release().
 *
 * Context: thread context, no simple lock held; may sleep.
 * Return: what @fn returned.
 */
int tru64_funnel_call(int (*fn)(void *), void *arg)
{
	int ret;

	tru64_unix_master();
	ret = fn(arg);
	tru64_unix_release();
	return ret;
}
EXPORT_SYMBOL_NS_GPL(tru64_funnel_call, BSDCOMPAT);

static int funnel_show(struct seq_file *m, void *v)
{
	struct funnel_thread *ft;
	int bkt;

	seq_puts(m, "# pid depth bound comm\n");
	spin_lock(&funnel_threads_lock);
	hash_for_each(funnel_threads, bkt, ft, ft_link)
		seq_printf(m, "%d %u %d %s\n", task_pid_nr(ft->ft_task),
			   ft->ft_depth, ft->ft_bound, ft->ft_task->comm);
	spin_unlock(&funnel_threads_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(funnel);

void tru64_funnel_init(struct dentry *dir)
{
	debugfs_create_file("funnel", 0444, dir, NULL, &funnel_fops);
}
