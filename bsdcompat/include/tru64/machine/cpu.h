/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Digital UNIX spl(9r) names, on the IPL core that NetBSD's spl(9) uses: a
 * Digital UNIX driver and a NetBSD driver on one machine agree on what each
 * CPU has blocked.
 *
 * Rules:
 *  - Every spl call returns the previous level; splx(s) sets exactly the
 *    level s that one of them returned (and returns the one it replaced).
 *  - Software levels (splsoftclock, splnet) block softirqs; device levels
 *    and above turn local interrupts off. Linux has one hardware level, so
 *    splbio, spltty, splimp, splvm, splclock, splsched, spldevhigh, splhigh
 *    and splextreme differ only in what they record.
 *  - spl gives no exclusion between CPUs: that is what simple locks are for.
 */
#ifndef _BSDCOMPAT_TRU64_MACHINE_CPU_H_
#define _BSDCOMPAT_TRU64_MACHINE_CPU_H_

#include "../../bsdcompat/spl.h"

/* Where each Digital UNIX name sits among the core's levels. */
#define SPLNONE		BSD_IPL_NONE
#define SPLSOFTC	BSD_IPL_SOFTCLOCK	/* software clock */
#define SPLNET		BSD_IPL_SOFTNET		/* network software */
#define SPLBIO		BSD_IPL_VM		/* disk and tape */
#define SPLIMP		BSD_IPL_VM		/* LAN hardware */
#define SPLTTY		BSD_IPL_VM		/* terminals */
#define SPLVM		BSD_IPL_VM
#define SPLDEVHIGH	BSD_IPL_VM		/* every device */
#define SPLCLOCK	BSD_IPL_SCHED
#define SPLSCHED	BSD_IPL_SCHED
#define SPLHIGH		BSD_IPL_HIGH
#define SPLEXTREME	BSD_IPL_HIGH

static inline int getspl(void)
{
	return bsd_curipl();
}

static inline int splx(int s)
{
	int old = bsd_curipl();

	bsd_splx(s);
	return old;
}

static inline int splnone(void)
{
	return splx(SPLNONE);
}

#define spl0()		splnone()
#define splsoftclock()	bsd_splraise(SPLSOFTC)
#define splnet()	bsd_splraise(SPLNET)
#define splbio()	bsd_splraise(SPLBIO)
#define splimp()	bsd_splraise(SPLIMP)
#define spltty()	bsd_splraise(SPLTTY)
#define splvm()		bsd_splraise(SPLVM)
#define spldevhigh()	bsd_splraise(SPLDEVHIGH)
#define splclock()	bsd_splraise(SPLCLOCK)
#define splsched()	bsd_splraise(SPLSCHED)
#define splhigh()	bsd_splraise(SPLHIGH)
#define splextreme()	bsd_splraise(SPLEXTREME)

#endif /* _BSDCOMPAT_TRU64_MACHINE_CPU_H_ */
