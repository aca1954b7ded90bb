/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD's sleep priorities and flags for tsleep(9) and mtsleep(9). The
 * priority is accepted and ignored (Linux wakes sleepers in its own order);
 * PCATCH and PNORELOCK are honoured.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_PARAM_H_
#define _BSDCOMPAT_NETBSD_SYS_PARAM_H_

#include <sys/kernel.h>

#define PVM		4
#define PINOD		8
#define PRIBIO		16
#define PZERO		22
#define PSOCK		24
#define PWAIT		32
#define PLOCK		36
#define PPAUSE		40
#define PUSER		50
#define MAXPRI		127

#define PRIMASK		0x0ff
#define PCATCH		0x100	/* a signal ends the sleep */
#define PNORELOCK	0x200	/* mtsleep(): do not take the mutex back */

#define PRI_NONE	(-1)
#define PRI_KERNEL	64

#endif /* _BSDCOMPAT_NETBSD_SYS_PARAM_H_ */
