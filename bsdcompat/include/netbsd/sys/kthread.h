/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD kthread(9) on Linux.
 *
 * The rules, as NetBSD states them (and where bsdcompat differs):
 *  - kthread_create() starts func(arg) in a new kernel thread named by fmt,
 *    bound to @ci if it is not NULL; *newlp (if given) receives its lwp.
 *  - func does not return: the thread ends with kthread_exit(). (bsdcompat
 *    reports a func that returns, then ends the thread as kthread_exit(0).)
 *  - Without KTHREAD_MPSAFE the thread runs holding the kernel lock, from
 *    before func to kthread_exit().
 *  - A KTHREAD_MUSTJOIN thread is reaped by exactly one kthread_join(),
 *    which waits for its kthread_exit(); other threads are never joined.
 *  - KTHREAD_INTR and KTHREAD_TS are accepted and change nothing here;
 *    KTHREAD_IDLE (create without starting) is refused with EINVAL. The
 *    priority is accepted and not used.
 *  - bsdcompat: Linux's kthread_create() and kthread_exit() are replaced by
 *    NetBSD's in a file that includes this header, and so is everything
 *    that expands to them (kthread_run()).
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_KTHREAD_H_
#define _BSDCOMPAT_NETBSD_SYS_KTHREAD_H_

/* Linux's header first: its names are taken over below. */
#include <linux/kthread.h>
#include <linux/bug.h>
#include <linux/compiler.h>

#include <sys/cpu.h>
#include <sys/lwp.h>
#include <sys/proc.h>

#define KTHREAD_IDLE		0x01
#define KTHREAD_MPSAFE		0x02
#define KTHREAD_INTR		0x04
#define KTHREAD_TS		0x08
#define KTHREAD_MUSTJOIN	0x10

__printf(7, 8)
int netbsd_kthread_create(pri_t pri, int flags, struct cpu_info *ci,
			  void (*func)(void *), void *arg, lwp_t **newlp,
			  const char *fmt, ...);
void netbsd_kthread_exit(int ecode);	/* does not return */
int netbsd_kthread_join(lwp_t *l);

/*
 * Not __noreturn on the exported function: objtool does not know about a
 * module's noreturn functions and would see callers fall through.
 */
static inline void __noreturn netbsd_kthread_exit_dead(int ecode)
{
	netbsd_kthread_exit(ecode);
	BUG();
}

#undef kthread_create
#define kthread_create		netbsd_kthread_create
#define kthread_exit(ecode)	netbsd_kthread_exit_dead(ecode)
#define kthread_join		netbsd_kthread_join

#endif /* _BSDCOMPAT_NETBSD_SYS_KTHREAD_H_ */
