/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Digital UNIX <sys/systm.h>: what a driver expects it to bring in. */
#ifndef _BSDCOMPAT_TRU64_SYS_SYSTM_H_
#define _BSDCOMPAT_TRU64_SYS_SYSTM_H_

#include <sys/types.h>
#include <sys/callout.h>
#include <sys/funnel.h>
#include <sys/proc.h>
#include <machine/cpu.h>

#endif /* _BSDCOMPAT_TRU64_SYS_SYSTM_H_ */
