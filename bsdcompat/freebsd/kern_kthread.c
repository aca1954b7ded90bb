// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * FreeBSD kproc(9) and kthread(9) on Linux kthreads.
 *
 * Every thread made here has a record on a list, found by its task: that
 * is how kproc_exit() and kthread_exit() tell one of ours from any other
 * thread, and how the thread's function and argument reach it. The record
 * goes when the thread exits; the task pointer that the creator got stays
 * a valid wait channel (an address, never dereferenced) for those who
 * sleep until the thread has gone.
 *
 * NetBSD's kern_kthread.c is built the same way, but its records also
 * carry the join state (KTHREAD_MUSTJOIN) that FreeBSD does not have, and
 * the two exit paths differ (a join completion there, a wakeup() on the
 * thread here); the shared part is the few lines around
 * kthread_create_on_node(), so the two stay apart.
 */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include <sys/kthread.h>
#include <sys/mutex.h>
#include <sys/sleep.h>
#include <bsdcompat/lockdebug.h>

#define FKT_FLAGS	(RFNOWAIT | RFHIGHPID)

struct fbsd_kthread {
	struct list_head	kt_link;
	struct task_struct	*kt_task;
	void			(*kt_func)(void *arg);
	void			*kt_arg;
};

static LIST_HEAD(fkt_list);
static DEFINE_SPINLOCK(fkt_lock);

static void fkt_error(const void *td, const char *op, unsigned long ip,
		      const char *msg, const char *name)
{
	bsd_lock_error("kthread", op, td, name ? name : "", ip, "%s", msg);
}

static int fkt_start(void *arg)
{
	struct fbsd_kthread *kt = arg;

	kt->kt_func(kt->kt_arg);
	fkt_error(current, "kproc_create", (unsigned long)kt->kt_func,
		  "kernel thread exited prematurely", current->comm);
	freebsd_kthread_exit(false, 0);
	return 0;	/* not reached */
}

static __printf(7, 0)
int fkt_create(void (*func)(void *), void *arg, struct task_struct **newt,
	       int flags, const char *op, unsigned long ip, const char *fmt,
	       va_list ap)
{
	char name[TASK_COMM_LEN];
	struct fbsd_kthread *kt;
	struct task_struct *t;

	might_sleep();
	if (flags & ~FKT_FLAGS) {
		fkt_error(func, op, ip, flags & RFSTOPPED ?
			  "RFSTOPPED is not supported" : "bad flags", NULL);
		return EINVAL;
	}
	kt = kzalloc(sizeof(*kt), GFP_KERNEL);
	if (!kt)
		return ENOMEM;
	kt->kt_func = func;
	kt->kt_arg = arg;
	vsnprintf(name, sizeof(name), fmt, ap);
	t = kthread_create(fkt_start, kt, "%s", name);
	if (IS_ERR(t)) {
		kfree(kt);
		return PTR_ERR(t) == -ENOMEM ? ENOMEM : EAGAIN;
	}
	kt->kt_task = t;
	spin_lock(&fkt_lock);
	list_add(&kt->kt_link, &fkt_list);
	spin_unlock(&fkt_lock);
	if (newt)
		*newt = t;
	wake_up_process(t);
	return 0;
}

/**
 * freebsd_kproc_create() - start a kernel process (FreeBSD kproc_create())
 * @func: what it runs; ends with kproc_exit()
 * @arg: @func's argument
 * @newpp: if not NULL, receives the process
 * @flags: RFNOWAIT, RFHIGHPID (accepted); RFSTOPPED and others refused
 * @pages: its stack size in pages; ignored
 * @fmt: printf format of its name, with the arguments that follow
 *
 * Context: thread context; may sleep.
 * Return: 0, or EINVAL, ENOMEM or EAGAIN.
 */
int freebsd_kproc_create(void (*func)(void *), void *arg,
			 struct proc **newpp, int flags, int pages,
			 const char *fmt, ...)
{
	struct task_struct *t;
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = fkt_create(func, arg, &t, flags, "kproc_create", _RET_IP_,
			   fmt, ap);
	va_end(ap);
	if (!error && newpp)
		*newpp = (struct proc *)t;
	return error;
}
EXPORT_SYMBOL_NS_GPL(freebsd_kproc_create, BSDCOMPAT);

/**
 * freebsd_kthread_add() - start a kernel thread (FreeBSD kthread_add())
 * @func: what it runs; ends with kthread_exit()
 * @arg: @func's argument
 * @p: the process to add it to, or NULL for proc0; a Linux task each way
 * @newtdp: if not NULL, receives the thread
 * @flags: as kproc_create()
 * @pages: ignored
 * @fmt: printf format of its name, with the arguments that follow
 *
 * Context: thread context; may sleep.
 * Return: 0, or EINVAL, ENOMEM or EAGAIN.
 */
int freebsd_kthread_add(void (*func)(void *), void *arg, struct proc *p,
			struct thread **newtdp, int flags, int pages,
			const char *fmt, ...)
{
	struct task_struct *t;
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = fkt_create(func, arg, &t, flags, "kthread_add", _RET_IP_,
			   fmt, ap);
	va_end(ap);
	if (!error && newtdp)
		*newtdp = (struct thread *)t;
	return error;
}
EXPORT_SYMBOL_NS_GPL(freebsd_kthread_add, BSDCOMPAT);

/**
 * freebsd_kproc_kthread_add() - add a thread, making its process if needed
 * @func: what it runs; ends with kthread_exit()
 * @arg: @func's argument
 * @procp: the process; if *@procp is NULL one is made and stored there
 * @tdp: if not NULL, receives the thread
 * @flags: as kproc_create()
 * @pages: ignored
 * @procname: the process's name (not used: a Linux task has one name)
 * @fmt: printf format of the thread's name, with the arguments that follow
 *
 * Context: thread context; may sleep.
 * Return: 0, or EINVAL, ENOMEM or EAGAIN.
 */
int freebsd_kproc_kthread_add(void (*func)(void *), void *arg,
			      struct proc **procp, struct thread **tdp,
			      int flags, int pages, const char *procname,
			      const char *fmt, ...)
{
	struct task_struct *t;
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = fkt_create(func, arg, &t, flags, "kproc_kthread_add",
			   _RET_IP_, fmt, ap);
	va_end(ap);
	if (error)
		return error;
	if (!*procp)
		*procp = (struct proc *)t;
	if (tdp)
		*tdp = (struct thread *)t;
	return 0;
}
EXPORT_SYMBOL_NS_GPL(freebsd_kproc_kthread_add, BSDCOMPAT);

/**
 * freebsd_kthread_exit() - end the calling kernel thread or process
 * @proc: true for kproc_exit(), false for kthread_exit()
 * @ecode: the exit status (kproc_exit())
 *
 * Wakes up those sleeping on the thread (and process) pointer, then ends
 * the thread. Giant still held is reported and given up. A thread that
 * did not come from kproc_create() or kthread_add() is reported; a Linux
 * kthread then ends all the same, any other thread sleeps for good.
 *
 * Context: a thread made by kproc_create() or kthread_add(); does not
 * return.
 */
void freebsd_kthread_exit(bool proc, int ecode)
{
	const char *op = proc ? "kproc_exit" : "kthread_exit";
	unsigned long ip = _RET_IP_;
	struct fbsd_kthread *kt, *k;

	if (mtx_owned(&Giant)) {
		fkt_error(current, op, ip, "exiting with Giant held",
			  current->comm);
		freebsd_giant_drop();
	}
	kt = NULL;
	spin_lock(&fkt_lock);
	list_for_each_entry(k, &fkt_list, kt_link) {
		if (k->kt_task == current) {
			kt = k;
			list_del(&kt->kt_link);
			break;
		}
	}
	spin_unlock(&fkt_lock);
	if (!kt) {
		fkt_error(current, op, ip,
			  "not a thread from kproc_create or kthread_add",
			  current->comm);
		if (current->flags & PF_KTHREAD)
			kthread_complete_and_exit(NULL, ecode);
		/* A user thread: it may not return, and cannot exit here. */
		for (;;) {
			set_current_state(TASK_IDLE);
			schedule();
		}
	}
	kfree(kt);
	/* A module may be waiting for us to exit: td (== p) is the channel. */
	freebsd_wakeup(current);
	kthread_complete_and_exit(NULL, ecode);
}
EXPORT_SYMBOL_NS_GPL(freebsd_kthread_exit, BSDCOMPAT);
