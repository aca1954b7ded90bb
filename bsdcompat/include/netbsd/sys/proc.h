/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD tsleep(9) on Linux: sleeping on a wait channel, any address.
 *
 * The rules, as NetBSD states them:
 *  - tsleep() sleeps on @ident until wakeup(@ident), the timeout (in ticks,
 *    0 for none) or, with PCATCH, a signal. wakeup() wakes every sleeper on
 *    the channel. Wakeups may be spurious: re-check in a loop.
 *  - mtsleep() releases the mutex once the thread is queued, so a wakeup
 *    issued under that mutex is never lost, and takes it back unless
 *    PNORELOCK is given. kpause() just sleeps.
 *  - Sleeping gives the IPL and the kernel lock up and takes them back.
 *  - Thread context only; condvar(9) is the interface new code should use.
 * Return values: 0 when woken, EWOULDBLOCK on timeout, EINTR or ERESTART
 * on a signal.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_PROC_H_
#define _BSDCOMPAT_NETBSD_SYS_PROC_H_

#include <linux/types.h>

#include <sys/lwp.h>
#include <sys/mutex.h>
#include <sys/param.h>

typedef volatile const void *wchan_t;
typedef int pri_t;

int netbsd_tsleep(wchan_t ident, pri_t priority, const char *wmesg, int timo);
int netbsd_mtsleep(wchan_t ident, pri_t priority, const char *wmesg, int timo,
		   kmutex_t *mtx);
void netbsd_wakeup(wchan_t ident);
int netbsd_kpause(const char *wmesg, bool intr, int timo, kmutex_t *mtx);

static inline int tsleep(wchan_t ident, pri_t priority, const char *wmesg,
			 int timo)
{
	return netbsd_tsleep(ident, priority, wmesg, timo);
}

static inline int mtsleep(wchan_t ident, pri_t priority, const char *wmesg,
			  int timo, kmutex_t *mtx)
{
	return netbsd_mtsleep(ident, priority, wmesg, timo, mtx);
}

static inline void wakeup(wchan_t ident)
{
	netbsd_wakeup(ident);
}

static inline int kpause(const char *wmesg, bool intr, int timo,
			 kmutex_t *mtx)
{
	return netbsd_kpause(wmesg, intr, timo, mtx);
}

#endif /* _BSDCOMPAT_NETBSD_SYS_PROC_H_ */
