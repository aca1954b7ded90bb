/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD's light-weight process is a Linux task here. struct lwp is opaque:
 * drivers compare lwp pointers (curlwp) but do not look inside.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_LWP_H_
#define _BSDCOMPAT_NETBSD_SYS_LWP_H_

#include <asm/current.h>

struct lwp;
typedef struct lwp lwp_t;

#define curlwp		((struct lwp *)current)

#endif /* _BSDCOMPAT_NETBSD_SYS_LWP_H_ */
