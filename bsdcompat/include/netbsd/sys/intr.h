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

/*
 * softint(9): handlers that a hard interrupt (or a thread with preemption
 * off) triggers on its own CPU, to run soon after in thread context.
 *
 * The rules, as NetBSD states them (and where bsdcompat differs):
 *  - softint_establish() registers a handler at a level (SOFTINT_CLOCK,
 *    BIO, NET, SERIAL) and gives a cookie; thread context, may sleep.
 *  - softint_schedule() triggers it on the calling CPU; it is called from a
 *    hard interrupt or with preemption disabled, and never sleeps. While it
 *    is pending, triggering it again does nothing: it runs once.
 *  - The handler runs in a thread bound to that CPU. It may block briefly
 *    on adaptive mutexes and rwlocks; it must not wait on condvars or for
 *    memory. Without SOFTINT_MPSAFE it runs holding the kernel lock.
 *  - softint_schedule_cpu() triggers it on another CPU (SOFTINT_RCPU).
 *  - softint_disestablish() waits until the handler runs nowhere, then
 *    frees it; the caller makes sure nobody triggers it any more.
 *  - bsdcompat: the handler runs at IPL_NONE, in a high-priority per-CPU
 *    workqueue worker, not at its soft IPL; the levels are accepted but do
 *    not order handlers. A thread at a soft IPL still keeps the CPU's
 *    handlers out, since it cannot be preempted.
 */
#define SOFTINT_BIO	0x0000
#define SOFTINT_CLOCK	0x0001
#define SOFTINT_SERIAL	0x0002
#define SOFTINT_NET	0x0003
#define SOFTINT_LVLMASK	0x00ff
#define SOFTINT_COUNT	4
#define SOFTINT_MPSAFE	0x0100
#define SOFTINT_RCPU	0x0200

struct cpu_info;

void *netbsd_softint_establish(unsigned int flags, void (*func)(void *),
			       void *arg);
void netbsd_softint_disestablish(void *cookie);
void netbsd_softint_schedule(void *cookie);
void netbsd_softint_schedule_cpu(void *cookie, struct cpu_info *ci);

static inline void *softint_establish(unsigned int flags,
				      void (*func)(void *), void *arg)
{
	return netbsd_softint_establish(flags, func, arg);
}

static inline void softint_disestablish(void *cookie)
{
	netbsd_softint_disestablish(cookie);
}

static inline void softint_schedule(void *cookie)
{
	netbsd_softint_schedule(cookie);
}

static inline void softint_schedule_cpu(void *cookie, struct cpu_info *ci)
{
	netbsd_softint_schedule_cpu(cookie, ci);
}

/*
 * Hardware interrupt handlers: the intr_establish() of NetBSD's ports
 * (evbarm, mips, ...; x86 and PCI have their own forms over the same core).
 *
 * The rules, as NetBSD states them (and where bsdcompat differs):
 *  - The handler returns non-zero if the interrupt was its device's, 0 if
 *    not: lines are shared.
 *  - It runs at its IPL (IPL_VM and above: IPL_BIO, IPL_NET, IPL_TTY,
 *    IPL_AUDIO, ...); a CPU at that IPL or above does not take it, so spl
 *    protects what the handler shares with the rest of the driver.
 *  - With IST_MPSAFE (PCI_INTR_MPSAFE) it runs without the kernel lock;
 *    bsdcompat runs it in hard interrupt context. Without it, it runs
 *    holding the kernel lock, in the line's irq thread (bsdcompat: a thread
 *    because the kernel lock sleeps), still at its IPL; it may block on an
 *    adaptive mutex as on NetBSD.
 *  - A soft IPL is refused: soft interrupts are softint_establish()'s.
 *  - intr_disestablish() waits until the handler runs nowhere; thread
 *    context, never from the handler itself.
 *  - The trigger type is the interrupt controller's business on Linux: it
 *    is checked and otherwise ignored.
 */
#define IST_NONE	0
#define IST_PULSE	1
#define IST_EDGE	2
#define IST_LEVEL	3
#define IST_MPSAFE	0x100

void *netbsd_intr_establish_xname(int irq, int ipl, int type,
				  int (*handler)(void *), void *arg,
				  const char *xname);
void netbsd_intr_disestablish(void *cookie);

static inline void *intr_establish_xname(int irq, int ipl, int type,
					 int (*handler)(void *), void *arg,
					 const char *xname)
{
	return netbsd_intr_establish_xname(irq, ipl, type, handler, arg,
					   xname);
}

static inline void *intr_establish(int irq, int ipl, int type,
				   int (*handler)(void *), void *arg)
{
	return netbsd_intr_establish_xname(irq, ipl, type, handler, arg,
					   NULL);
}

static inline void intr_disestablish(void *cookie)
{
	netbsd_intr_disestablish(cookie);
}

#endif /* _BSDCOMPAT_NETBSD_SYS_INTR_H_ */
