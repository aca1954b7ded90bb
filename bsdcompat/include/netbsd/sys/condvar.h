/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD condvar(9) on Linux.
 *
 * The rules, as NetBSD states them:
 *  - A waiter holds the interlock mutex (adaptive or spin); cv_wait*()
 *    releases it and sleeps atomically, and returns with it held again at
 *    the IPL the caller had. Wakeups may be spurious: re-check in a loop.
 *  - One condvar is used with one interlock while it has waiters.
 *  - cv_signal() and cv_broadcast() are called with the interlock held;
 *    they never sleep.
 *  - After cv_broadcast(cv) and cv_destroy(cv) the memory may be freed at
 *    once: no woken waiter looks at the condvar again.
 *  - Waiting gives the kernel lock up for the sleep and takes it back.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_CONDVAR_H_
#define _BSDCOMPAT_NETBSD_SYS_CONDVAR_H_

#include <linux/types.h>

#include <sys/mutex.h>
#include <sys/time.h>

/*
 * kcondvar_t is NetBSD's API type; drivers must not look inside. The
 * waiters themselves are queued outside it, on a sleep queue found by its
 * address; cv_waiters is kept by that queue.
 */
struct kcondvar {
	const char	*cv_wmesg;
	kmutex_t	*cv_mtx;	/* the interlock of the current waiters */
	unsigned int	cv_waiters;
	u32		cv_magic;
};
typedef struct kcondvar kcondvar_t;

void netbsd_cv_init(kcondvar_t *cv, const char *wmesg);
void netbsd_cv_destroy(kcondvar_t *cv);
void netbsd_cv_wait(kcondvar_t *cv, kmutex_t *mtx);
int netbsd_cv_wait_sig(kcondvar_t *cv, kmutex_t *mtx);
int netbsd_cv_timedwait(kcondvar_t *cv, kmutex_t *mtx, int ticks);
int netbsd_cv_timedwait_sig(kcondvar_t *cv, kmutex_t *mtx, int ticks);
int netbsd_cv_timedwaitbt(kcondvar_t *cv, kmutex_t *mtx, struct bintime *bt,
		   const struct bintime *epsilon);
int netbsd_cv_timedwaitbt_sig(kcondvar_t *cv, kmutex_t *mtx, struct bintime *bt,
		       const struct bintime *epsilon);
void netbsd_cv_signal(kcondvar_t *cv);
void netbsd_cv_broadcast(kcondvar_t *cv);
bool netbsd_cv_has_waiters(kcondvar_t *cv);
bool netbsd_cv_is_valid(kcondvar_t *cv);

static inline void cv_init(kcondvar_t *cv, const char *wmesg)
{
	netbsd_cv_init(cv, wmesg);
}

static inline void cv_destroy(kcondvar_t *cv)
{
	netbsd_cv_destroy(cv);
}

static inline void cv_wait(kcondvar_t *cv, kmutex_t *mtx)
{
	netbsd_cv_wait(cv, mtx);
}

static inline int cv_wait_sig(kcondvar_t *cv, kmutex_t *mtx)
{
	return netbsd_cv_wait_sig(cv, mtx);
}

static inline int cv_timedwait(kcondvar_t *cv, kmutex_t *mtx, int ticks)
{
	return netbsd_cv_timedwait(cv, mtx, ticks);
}

static inline int cv_timedwait_sig(kcondvar_t *cv, kmutex_t *mtx, int ticks)
{
	return netbsd_cv_timedwait_sig(cv, mtx, ticks);
}

static inline int cv_timedwaitbt(kcondvar_t *cv, kmutex_t *mtx,
				 struct bintime *bt,
				 const struct bintime *epsilon)
{
	return netbsd_cv_timedwaitbt(cv, mtx, bt, epsilon);
}

static inline int cv_timedwaitbt_sig(kcondvar_t *cv, kmutex_t *mtx,
				     struct bintime *bt,
				     const struct bintime *epsilon)
{
	return netbsd_cv_timedwaitbt_sig(cv, mtx, bt, epsilon);
}

static inline void cv_signal(kcondvar_t *cv)
{
	netbsd_cv_signal(cv);
}

static inline void cv_broadcast(kcondvar_t *cv)
{
	netbsd_cv_broadcast(cv);
}

static inline bool cv_has_waiters(kcondvar_t *cv)
{
	return netbsd_cv_has_waiters(cv);
}

static inline bool cv_is_valid(kcondvar_t *cv)
{
	return netbsd_cv_is_valid(cv);
}

#endif /* _BSDCOMPAT_NETBSD_SYS_CONDVAR_H_ */
