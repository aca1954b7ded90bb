/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD uio(9): struct uio is bsdcompat's common one (<bsdcompat/uio.h>);
 * uiomove() moves at most uio_resid bytes and returns 0 or EFAULT.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_UIO_H_
#define _BSDCOMPAT_NETBSD_SYS_UIO_H_

#include "../../bsdcompat/uio.h"

static inline int uiomove(void *buf, size_t n, struct uio *uio)
{
	return bsd_uiomove(buf, n, uio);
}

#define UIO_SETUP_SYSSPACE(uio)	((uio)->uio_segflg = UIO_SYSSPACE)

#endif /* _BSDCOMPAT_NETBSD_SYS_UIO_H_ */
