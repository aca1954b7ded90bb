/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The interrupt priority level (IPL) core shared by every personality.
 *
 * Rules:
 *  - The IPL belongs to a CPU while code runs on it and to a thread while
 *    that thread sleeps: a bsdcompat primitive that sleeps at a raised IPL
 *    drops to BSD_IPL_NONE first and raises it again when it runs.
 *  - BSD_IPL_SOFT* levels block softirqs on this CPU (local_bh_disable);
 *    BSD_IPL_VM and above disable local interrupts. Linux has one hardware
 *    level, so IPL_VM, IPL_SCHED and IPL_HIGH block the same things. On
 *    PREEMPT_RT the soft levels disable local interrupts as well.
 *  - spl gives no exclusion between CPUs; that is what spin mutexes are for.
 *  - Called with interrupts already off (a hard interrupt handler, a Linux
 *    spin_lock_irqsave() section), spl only keeps the books: nothing can
 *    interrupt the caller anyway.
 */
#ifndef _BSDCOMPAT_SPL_H_
#define _BSDCOMPAT_SPL_H_

#include <linux/types.h>

#define BSD_IPL_NONE		0
#define BSD_IPL_SOFTCLOCK	1
#define BSD_IPL_SOFTBIO		2
#define BSD_IPL_SOFTNET		3
#define BSD_IPL_SOFTSERIAL	4
#define BSD_IPL_VM		5
#define BSD_IPL_SCHED		6
#define BSD_IPL_HIGH		7
#define BSD_NIPL		8

/* The lowest level that blocks softirqs, and the lowest that disables IRQs. */
#define BSD_IPL_SOFT_MIN	BSD_IPL_SOFTCLOCK
#define BSD_IPL_HARD_MIN	BSD_IPL_VM

int bsd_splraise(int ipl);
void bsd_splx(int s);
int bsd_curipl(void);
const char *bsd_ipl_name(int ipl);

#endif /* _BSDCOMPAT_SPL_H_ */
