/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD's kernel_lock, KERNEL_LOCK(9), on Linux.
 *
 * The rules, as NetBSD states them (and where bsdcompat differs):
 *  - One global, exclusive, recursive lock; KERNEL_LOCK(n, l) adds n holds,
 *    the unlock forms take them off; @l is NULL or curlwp.
 *  - It is given up whenever the holder sleeps in a bsdcompat primitive
 *    (mutex, rwlock, condvar, tsleep, kpause, kmem) and taken back at the
 *    same depth: kernel-locked data may change across any such sleep.
 *  - bsdcompat: it is owned by a thread, not a CPU, and it is a sleeping
 *    lock, so thread context only: non-MP-safe handlers run in threads.
 *    See Documentation/netbsd-kernel-lock.md for what that costs.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_SYSTM_H_
#define _BSDCOMPAT_NETBSD_SYS_SYSTM_H_

#include <linux/kernel.h>
#include <linux/preempt.h>

#include <sys/lwp.h>

#include "../../bsdcompat/biglock.h"

void netbsd_kernel_lwp_check(const char *op, struct lwp *l);

static __always_inline void bsd_lwp_check(const char *op, struct lwp *l)
{
	if (unlikely(l && l != curlwp))
		netbsd_kernel_lwp_check(op, l);
}

#define _kernel_lock(n)		bsd_kernel_lock((n), _THIS_IP_)
#define _kernel_unlock(n, p)	bsd_kernel_unlock((n), (p), _THIS_IP_)
#define _kernel_locked_p()	bsd_kernel_locked_p()

#define KERNEL_LOCK(n, l)						\
do {									\
	bsd_lwp_check("KERNEL_LOCK", (l));				\
	_kernel_lock(n);						\
} while (0)

#define KERNEL_UNLOCK(all, l, p)					\
do {									\
	bsd_lwp_check("KERNEL_UNLOCK", (l));				\
	_kernel_unlock((all), (p));					\
} while (0)

#define KERNEL_UNLOCK_ONE(l)		KERNEL_UNLOCK(1, (l), NULL)
#define KERNEL_UNLOCK_ALL(l, p)		KERNEL_UNLOCK(0, (l), (p))
#define KERNEL_UNLOCK_LAST(l)		KERNEL_UNLOCK(-1, (l), NULL)
#define KERNEL_LOCKED_P()		_kernel_locked_p()

/*
 * kpreempt_disable(9): keep the calling thread on its CPU and unpreempted
 * until kpreempt_enable(); pairs nest; it must not sleep in between.
 * kpreempt_disabled() says whether preemption is off (or the caller is an
 * interrupt). bsdcompat: Linux's preempt_disable(); on a kernel without a
 * preemption count kpreempt_disabled() cannot tell and says true.
 */
static inline void kpreempt_disable(void)
{
	preempt_disable();
}

static inline void kpreempt_enable(void)
{
	preempt_enable();
}

static inline bool kpreempt_disabled(void)
{
	return !preemptible();
}

#endif /* _BSDCOMPAT_NETBSD_SYS_SYSTM_H_ */
