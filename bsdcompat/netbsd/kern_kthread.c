// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * NetBSD kthread(9) on Linux kthreads.
 *
 * Every thread made here has a record on a list, found by its task: that is
 * how kthread_exit() finds its flags and kthread_join() tells a joinable
 * thread from any other lwp pointer without looking through it. A
 * KTHREAD_MUSTJOIN thread's record and task reference stay until
 * kthread_join() takes them; any other thread drops its own on the way out.
 */
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/topology.h>

#include <sys/kthread.h>
#include <bsdcompat/lockdebug.h>

#include "../core/biglock.h"

#define KT_FLAGS	(KTHREAD_IDLE | KTHREAD_MPSAFE | KTHREAD_INTR | \
			 KTHREAD_TS | KTHREAD_MUSTJOIN)

struct netbsd_kthread {
	struct list_head	kt_link;
	struct task_struct	*kt_task;
	void			(*kt_func)(void *arg);
	void			*kt_arg;
	int			kt_flags;
	int			kt_ecode;
	bool			kt_joining;	/* a join has claimed it */
	struct completion	kt_exited;
};

static LIST_HEAD(kt_list);
static DEFINE_SPINLOCK(kt_lock);

static void kt_error(const void *l, const char *op, unsigned long ip,
		     const char *fmt, const char *arg)
{
	bsd_lock_error("kthread", op, l, arg ? arg : "kthread", ip, "%s", fmt);
}

static struct netbsd_kthread *kt_find(const struct task_struct *t)
{
	struct netbsd_kthread *kt;

	list_for_each_entry(kt, &kt_list, kt_link)
		if (kt->kt_task == t)
			return kt;
	return NULL;
}

static int kt_start(void *arg)
{
	struct netbsd_kthread *kt = arg;

	if (!(kt->kt_flags & KTHREAD_MPSAFE))
		bsd_kernel_lock(1, (unsigned long)kt->kt_func);
	kt->kt_func(kt->kt_arg);
	kt_error(current, "kthread_create", (unsigned long)kt->kt_func,
		 "thread function returned without kthread_exit", current->comm);
	netbsd_kthread_exit(0);
	return 0;	/* not reached */
}

/**
 * netbsd_kthread_create() - start a kernel thread (NetBSD kthread_create())
 * @pri: its priority; PRI_NONE for the default (not used)
 * @flags: KTHREAD_MPSAFE, KTHREAD_MUSTJOIN, KTHREAD_INTR, KTHREAD_TS
 * @ci: the CPU to bind it to, or NULL for any
 * @func: what it runs; ends with kthread_exit()
 * @arg: @func's argument
 * @newlp: if not NULL, receives the new thread's lwp
 * @fmt: printf format of its name, with the arguments that follow
 *
 * Without KTHREAD_MPSAFE the thread takes the kernel lock before @func.
 * KTHREAD_IDLE and unknown flags are reported and refused.
 *
 * Return: 0, or EINVAL (bad flags, offline @ci), ENOMEM or EAGAIN.
 *
 * Context: thread context; may sleep.
 */
int netbsd_kthread_create(pri_t pri, int flags, struct cpu_info *ci,
			  void (*func)(void *), void *arg, lwp_t **newlp,
			  const char *fmt, ...)
{
	unsigned long ip = _RET_IP_;
	char name[TASK_COMM_LEN];
	struct netbsd_kthread *kt;
	struct task_struct *t;
	unsigned int cpu = 0;
	va_list ap;

	if ((flags & ~KT_FLAGS) || (flags & KTHREAD_IDLE)) {
		kt_error(func, "kthread_create", ip,
			 flags & KTHREAD_IDLE ? "KTHREAD_IDLE is not supported" :
			 "bad flags", NULL);
		return EINVAL;
	}
	if (ci) {
		cpu = netbsd_cpu_index(ci);
		if (cpu >= nr_cpu_ids || !cpu_online(cpu)) {
			kt_error(func, "kthread_create", ip, "CPU not online",
				 NULL);
			return EINVAL;
		}
	}
	kt = kzalloc(sizeof(*kt), GFP_KERNEL);
	if (!kt)
		return ENOMEM;
	kt->kt_func = func;
	kt->kt_arg = arg;
	kt->kt_flags = flags;
	init_completion(&kt->kt_exited);

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	t = kthread_create_on_node(kt_start, kt,
				   ci ? cpu_to_node(cpu) : NUMA_NO_NODE,
				   "%s", name);
	if (IS_ERR(t)) {
		kfree(kt);
		return PTR_ERR(t) == -ENOMEM ? ENOMEM : EAGAIN;
	}
	if (ci)
		kthread_bind(t, cpu);
	get_task_struct(t);	/* until kthread_join() or kthread_exit() */
	kt->kt_task = t;
	spin_lock(&kt_lock);
	list_add(&kt->kt_link, &kt_list);
	spin_unlock(&kt_lock);
	if (newlp)
		*newlp = (lwp_t *)t;
	wake_up_process(t);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(netbsd_kthread_create, BSDCOMPAT);

#undef kthread_exit

/**
 * netbsd_kthread_exit() - end the calling kernel thread (NetBSD kthread_exit())
 * @ecode: its exit status, for kthread_join()
 *
 * Drops every hold the thread has on the kernel lock. A thread that did
 * not come from kthread_create() is reported; a Linux kthread then ends all
 * the same, any other thread sleeps for good.
 *
 * Context: a thread made by kthread_create(); does not return.
 */
void netbsd_kthread_exit(int ecode)
{
	unsigned long ip = _RET_IP_;
	struct netbsd_kthread *kt;

	if (bsd_kernel_locked_p())
		bsd_kernel_unlock(0, NULL, ip);
	spin_lock(&kt_lock);
	kt = kt_find(current);
	if (kt && !(kt->kt_flags & KTHREAD_MUSTJOIN))
		list_del(&kt->kt_link);
	spin_unlock(&kt_lock);
	if (!kt) {
		kt_error(current, "kthread_exit", ip,
			 "not a thread from kthread_create", current->comm);
		if (current->flags & PF_KTHREAD)
			kthread_complete_and_exit(NULL, ecode);
		/* A user thread: it may not return, and cannot exit here. */
		for (;;) {
			set_current_state(TASK_IDLE);
			schedule();
		}
	}
	if (kt->kt_flags & KTHREAD_MUSTJOIN) {
		kt->kt_ecode = ecode;
		kthread_complete_and_exit(&kt->kt_exited, ecode);
	}
	put_task_struct(kt->kt_task);	/* current keeps its own reference */
	kfree(kt);
	kthread_complete_and_exit(NULL, ecode);
}
EXPORT_SYMBOL_NS_GPL(netbsd_kthread_exit, BSDCOMPAT);

/**
 * netbsd_kthread_join() - wait for a thread to exit (NetBSD kthread_join())
 * @l: a thread created with KTHREAD_MUSTJOIN and not joined yet
 *
 * Gives the kernel lock up while it waits. Any other @l is reported.
 *
 * Return: 0, or EINVAL for an @l that may not be joined.
 *
 * Context: thread context; may sleep.
 */
int netbsd_kthread_join(lwp_t *l)
{
	struct task_struct *t = (struct task_struct *)l;
	unsigned long ip = _RET_IP_;
	struct netbsd_kthread *kt;
	const char *why = NULL;
	int nlocks;

	spin_lock(&kt_lock);
	kt = kt_find(t);
	if (!kt)
		why = "not a thread from kthread_create";
	else if (!(kt->kt_flags & KTHREAD_MUSTJOIN))
		why = "thread not created with KTHREAD_MUSTJOIN";
	else if (t == current)
		why = "thread joining itself";
	else if (kt->kt_joining)
		why = "thread already being joined";
	else
		kt->kt_joining = true;
	spin_unlock(&kt_lock);
	if (why) {
		kt_error(l, "kthread_join", ip, why, NULL);
		return EINVAL;
	}
	nlocks = bsd_biglock_drop();
	wait_for_completion(&kt->kt_exited);
	bsd_biglock_pickup(nlocks);
	spin_lock(&kt_lock);
	list_del(&kt->kt_link);
	spin_unlock(&kt_lock);
	put_task_struct(t);
	kfree(kt);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(netbsd_kthread_join, BSDCOMPAT);
