/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD <sys/ioccom.h>: ioctl commands keep Linux's encoding, so that the
 * driver's _IOR/_IOW/_IOWR and the user program's agree (see
 * <bsdcompat/cdev.h>). The BSD names that look inside a command are
 * defined on Linux's fields.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_IOCCOM_H_
#define _BSDCOMPAT_NETBSD_SYS_IOCCOM_H_

#include <linux/ioctl.h>

#define IOCPARM_LEN(x)	_IOC_SIZE(x)
#define IOCGROUP(x)	_IOC_TYPE(x)
/* IOC_IN, IOC_OUT and IOC_INOUT come from <linux/ioctl.h>. */

#endif /* _BSDCOMPAT_NETBSD_SYS_IOCCOM_H_ */
