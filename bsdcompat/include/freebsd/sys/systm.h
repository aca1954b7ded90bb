/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* FreeBSD <sys/systm.h>: what a driver expects it to bring in. */
#ifndef _BSDCOMPAT_FREEBSD_SYS_SYSTM_H_
#define _BSDCOMPAT_FREEBSD_SYS_SYSTM_H_

#include <sys/param.h>
#include <sys/kernel.h>
#include <sys/proc.h>
#include <sys/critical.h>
#include <sys/sleep.h>

#endif /* _BSDCOMPAT_FREEBSD_SYS_SYSTM_H_ */
