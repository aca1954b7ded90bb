/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * struct uio: the BSD description of a transfer, shared by the three
 * personalities (each <sys/uio.h> includes this one).
 *
 * Rules:
 *  - uio_iov[0 .. uio_iovcnt-1] are the buffers, in user space
 *    (UIO_USERSPACE) or kernel space (UIO_SYSSPACE); uio_resid is the sum of
 *    what is left in them and uio_offset the file offset.
 *  - UIO_READ moves data from the driver to the buffers, UIO_WRITE from the
 *    buffers to the driver.
 *  - uiomove() moves at most uio_resid bytes, advances the iovecs, resid and
 *    offset by what it moved, and returns 0 or EFAULT (a positive BSD errno)
 *    after a partial move. It may sleep (user pages may fault in).
 *  - The fields are the union of NetBSD's, FreeBSD's and Digital UNIX's:
 *    uio_vmspace, uio_td and uio_procp are kept for drivers that look at
 *    them; bsdcompat only reads uio_segflg.
 */
#ifndef _BSDCOMPAT_UIO_H_
#define _BSDCOMPAT_UIO_H_

#include <linux/types.h>
#include <linux/uio.h>

enum uio_rw { UIO_READ, UIO_WRITE };
enum uio_seg { UIO_USERSPACE, UIO_SYSSPACE };

struct uio {
	struct iovec	*uio_iov;
	int		uio_iovcnt;
	loff_t		uio_offset;
	size_t		uio_resid;
	enum uio_rw	uio_rw;
	enum uio_seg	uio_segflg;
	void		*uio_vmspace;	/* NetBSD */
	void		*uio_td;	/* FreeBSD */
	void		*uio_procp;	/* Digital UNIX */
};

int bsd_uiomove(void *buf, size_t n, struct uio *uio);

#endif /* _BSDCOMPAT_UIO_H_ */
