/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* FreeBSD <sys/proc.h>: the current thread. */
#ifndef _BSDCOMPAT_FREEBSD_SYS_PROC_H_
#define _BSDCOMPAT_FREEBSD_SYS_PROC_H_

#include <linux/sched.h>
#include <sys/types.h>

#define curthread	((struct thread *)current)

#endif /* _BSDCOMPAT_FREEBSD_SYS_PROC_H_ */
