/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Digital UNIX <sys/param.h>: what mpsleep(), sleep() and tsleep-style
 * callers pass. Only PCATCH in a priority means anything here: the number
 * itself never set a scheduling priority on Digital UNIX either.
 */
#ifndef _BSDCOMPAT_TRU64_SYS_PARAM_H_
#define _BSDCOMPAT_TRU64_SYS_PARAM_H_

/* Sleep priorities (the traditional values; ignored). */
#define PSWP		0
#define PINOD		10
#define PRIBIO		20
#define PZERO		25
#define PWAIT		30
#define PLOCK		35
#define PSLEP		40
#define PUSER		50
#define PRIMASK		0x0ff

#define PCATCH		0x100	/* a signal ends the sleep */
#define PSUSP		0x200	/* may be suspended (accepted, ignored) */

/* mpsleep() flags: the interlock's type, then what to do with it after. */
#define MS_LOCK_TYPE		0x00ff
#define MS_LOCK_SIMPLE		0x0001	/* a simple lock */
#define MS_LOCK_READ		0x0002	/* a complex lock, read-held */
#define MS_LOCK_WRITE		0x0004	/* a complex lock, write-held */
#define MS_LOCK_ON_ERROR	0x0100	/* take it back after an error too */
#define MS_LOCK_NO_RELOCK	0x0200	/* never take it back */

#endif /* _BSDCOMPAT_TRU64_SYS_PARAM_H_ */
