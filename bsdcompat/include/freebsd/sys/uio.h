/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FreeBSD uio(9): struct uio is bsdcompat's common one (<bsdcompat/uio.h>);
 * uiomove() moves at most uio_resid bytes and returns 0 or EFAULT.
 */
#ifndef _BSDCOMPAT_FREEBSD_SYS_UIO_H_
#define _BSDCOMPAT_FREEBSD_SYS_UIO_H_

#include "../../bsdcompat/uio.h"

static inline int uiomove(void *cp, int n, struct uio *uio)
{
	return n < 0 ? EINVAL : bsd_uiomove(cp, n, uio);
}

#endif /* _BSDCOMPAT_FREEBSD_SYS_UIO_H_ */
