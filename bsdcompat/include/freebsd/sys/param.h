/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* FreeBSD <sys/param.h>, as far as sleeping and priorities go. */
#ifndef _BSDCOMPAT_FREEBSD_SYS_PARAM_H_
#define _BSDCOMPAT_FREEBSD_SYS_PARAM_H_

#include <sys/types.h>

/* Priorities (<sys/priority.h>): accepted and ignored; Linux schedules. */
#define PRI_MIN_KERN	48
#define PSWP		(PRI_MIN_KERN + 0)
#define PVM		(PRI_MIN_KERN + 4)
#define PINOD		(PRI_MIN_KERN + 8)
#define PRIBIO		(PRI_MIN_KERN + 12)
#define PVFS		(PRI_MIN_KERN + 16)
#define PZERO		(PRI_MIN_KERN + 20)
#define PSOCK		(PRI_MIN_KERN + 24)
#define PWAIT		(PRI_MIN_KERN + 28)
#define PLOCK		(PRI_MIN_KERN + 32)
#define PPAUSE		(PRI_MIN_KERN + 36)
#define PUSER		(PRI_MIN_KERN + 80)
#define PRIMASK		0x0ff

/* Sleep flags, or'ed into the priority. */
#define PCATCH		0x100	/* a signal ends the sleep */
#define PDROP		0x200	/* do not take the interlock back */
#define PNOLOCK		0x400	/* historical; accepted */

#endif /* _BSDCOMPAT_FREEBSD_SYS_PARAM_H_ */
