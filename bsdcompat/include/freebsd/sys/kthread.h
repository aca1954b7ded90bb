/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FreeBSD kproc(9) and kthread(9) on Linux kthreads.
 *
 * The rules, as FreeBSD states them, and where bsdcompat differs:
 *  - kproc_create() starts func(arg) in a new kernel process; kthread_add()
 *    adds a thread to process @p (proc0 if NULL). Both name it from @fmt and
 *    return 0 or an errno; *newpp / *newtdp receive the new process/thread.
 *  - The threads run without Giant. func does not return: it ends with
 *    kproc_exit() or kthread_exit() (FreeBSD prints "exited prematurely"
 *    and exits it; bsdcompat reports it, then does the same).
 *  - Exiting wakes up whoever sleeps on the thread pointer (and, for a
 *    process, on the process pointer): that is how a module waits for its
 *    threads before it unloads (msleep(p, &mtx, ...) on a flag the thread
 *    clears under mtx before it exits).
 *  - bsdcompat: a process is its one Linux task, so struct proc * and
 *    struct thread * of a kproc are the same task; kthread_add() to a
 *    process makes another task. RFSTOPPED and a stack size (@pages) are
 *    not supported: RFSTOPPED is refused with EINVAL, @pages ignored.
 *  - Linux's kthread_exit() is replaced by FreeBSD's in a file that
 *    includes this header.
 */
#ifndef _BSDCOMPAT_FREEBSD_SYS_KTHREAD_H_
#define _BSDCOMPAT_FREEBSD_SYS_KTHREAD_H_

/* Linux's header first: its kthread_exit() is taken over below. */
#include <linux/kthread.h>
#include <linux/bug.h>
#include <linux/compiler.h>

#include <sys/types.h>
#include <sys/proc.h>

/* rfork(2) flags kproc_create() and kthread_add() take. */
#define RFNOWAIT	(1 << 6)
#define RFHIGHPID	(1 << 18)
#define RFSTOPPED	(1 << 17)	/* not supported: refused */

struct proc;

__printf(6, 7)
int freebsd_kproc_create(void (*func)(void *), void *arg,
			 struct proc **newpp, int flags, int pages,
			 const char *fmt, ...);
__printf(7, 8)
int freebsd_kthread_add(void (*func)(void *), void *arg, struct proc *p,
			struct thread **newtdp, int flags, int pages,
			const char *fmt, ...);
__printf(8, 9)
int freebsd_kproc_kthread_add(void (*func)(void *), void *arg,
			      struct proc **procp, struct thread **tdp,
			      int flags, int pages, const char *procname,
			      const char *fmt, ...);
void freebsd_kthread_exit(bool proc, int ecode);	/* does not return */

/*
 * Not __noreturn on the exported function: objtool does not know about a
 * module's noreturn functions and would see callers fall through.
 */
static inline void __noreturn freebsd_kthread_exit_dead(bool proc, int ecode)
{
	freebsd_kthread_exit(proc, ecode);
	BUG();
}

#define kproc_create		freebsd_kproc_create
#define kthread_add		freebsd_kthread_add
#define kproc_kthread_add	freebsd_kproc_kthread_add
#define kproc_exit(ecode)	freebsd_kthread_exit_dead(true, (ecode))
#define kthread_exit()		freebsd_kthread_exit_dead(false, 0)

#endif /* _BSDCOMPAT_FREEBSD_SYS_KTHREAD_H_ */
