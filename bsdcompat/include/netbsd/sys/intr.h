/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD spl(9) and IPLs on Linux.
 *
 * The rules, as NetBSD states them:
 *  - spl changes the IPL of the local CPU only; it gives no exclusion
 *    between CPUs (use a spin mutex for that).
 *  - splx(s) takes back exactly the level s that an spl call returned.
 *  - Soft levels block soft interrupts, IPL_VM and above block the hardware
 *    interrupts of devices too. On Linux, IPL_VM, IPL_SCHED and IPL_HIGH all
 *    turn local interrupts off: Linux has a single hardware level.
 *  - A thread that sleeps in a bsdcompat primitive at a raised IPL sleeps at
 *    IPL_NONE and gets its IPL back when it runs again.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_INTR_H_
#define _BSDCOMPAT_NETBSD_SYS_INTR_H_

#include "../../bsdcompat/spl.h"

typedef int ipl_t;
typedef struct {
	ipl_t _ipl;
} ipl_cookie_t;

#define IPL_NONE	BSD_IPL_NONE
#define IPL_SOFTCLOCK	BSD_IPL_SOFTCLOCK
#define IPL_SOFTBIO	BSD_IPL_SOFTBIO
#define IPL_SOFTNET	BSD_IPL_SOFTNET
#define IPL_SOFTSERIAL	BSD_IPL_SOFTSERIAL
#define IPL_VM		BSD_IPL_VM
#define IPL_SCHED	BSD_IPL_SCHED
#define IPL_HIGH	BSD_IPL_HIGH
#define NIPL		BSD_NIPL

/* The machine-independent aliases of NetBSD's <sys/intr.h>. */
#define IPL_BIO		IPL_VM
#define IPL_NET		IPL_VM
#define IPL_TTY		IPL_VM
#define IPL_AUDIO	IPL_SCHED
#define IPL_CLOCK	IPL_SCHED
#define IPL_SERIAL	IPL_HIGH

static inline int splraise(int ipl)
{
	return bsd_splraise(ipl);
}

static inline void splx(int s)
{
	bsd_splx(s);
}

static inline void spl0(void)
{
	bsd_splx(IPL_NONE);
}

static inline ipl_cookie_t makeiplcookie(ipl_t ipl)
{
	return (ipl_cookie_t){ ._ipl = ipl };
}

static inline int splraiseipl(ipl_cookie_t icookie)
{
	return bsd_splraise(icookie._ipl);
}

#define splhigh()	splraise(IPL_HIGH)
#define splsched()	splraise(IPL_SCHED)
#define splvm()		splraise(IPL_VM)
#define splbio()	splraise(IPL_BIO)
#define splnet()	splraise(IPL_NET)
#define spltty()	splraise(IPL_TTY)
#define splaudio()	splraise(IPL_AUDIO)
#define splclock()	splraise(IPL_CLOCK)
#define splserial()	splraise(IPL_SERIAL)
#define splsoftclock()	splraise(IPL_SOFTCLOCK)
#define splsoftbio()	splraise(IPL_SOFTBIO)
#define splsoftnet()	splraise(IPL_SOFTNET)
#define splsoftserial()	splraise(IPL_SOFTSERIAL)

#endif /* _BSDCOMPAT_NETBSD_SYS_INTR_H_ */
