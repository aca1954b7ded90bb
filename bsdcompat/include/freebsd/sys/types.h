/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The FreeBSD types that its kernel interfaces use. Only the types: the rest
 * of <sys/types.h> is Linux's, which a kernel module already has.
 */
#ifndef _BSDCOMPAT_FREEBSD_SYS_TYPES_H_
#define _BSDCOMPAT_FREEBSD_SYS_TYPES_H_

#include <linux/types.h>

typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef char *caddr_t;
typedef s64 sbintime_t;		/* 32.32 fixed-point seconds */

/*
 * A FreeBSD thread is a Linux task. struct thread stays opaque: a driver
 * compares thread pointers (mtx_owner(m) == curthread), it does not look
 * inside.
 */
struct thread;

#endif /* _BSDCOMPAT_FREEBSD_SYS_TYPES_H_ */
