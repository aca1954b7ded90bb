// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* uiomove(9) for the three personalities (see <bsdcompat/uio.h>). */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <bsdcompat/uio.h>

static int uio_copy(void *buf, struct iovec *iov, size_t cnt,
		    const struct uio *uio)
{
	if (uio->uio_segflg == UIO_SYSSPACE) {
		void *kbase = (__force void *)iov->iov_base;

		if (uio->uio_rw == UIO_READ)
			memcpy(kbase, buf, cnt);
		else
			memcpy(buf, kbase, cnt);
		return 0;
	}
	if (uio->uio_rw == UIO_READ)
		return copy_to_user(iov->iov_base, buf, cnt) ? EFAULT : 0;
	return copy_from_user(buf, iov->iov_base, cnt) ? EFAULT : 0;
}

/**
 * bsd_uiomove() - move data between a driver buffer and a struct uio
 * @buf: the driver's buffer
 * @n: its length; at most uio_resid bytes are moved
 * @uio: the transfer; advanced by what was moved
 *
 * Context: thread context; may sleep when the buffers are in user space.
 * Return: 0, or EFAULT (positive) if a user buffer could not be reached;
 * what was moved before that stays moved.
 */
int bsd_uiomove(void *buf, size_t n, struct uio *uio)
{
	char *p = buf;

	if (uio->uio_segflg == UIO_USERSPACE)
		might_fault();
	while (n > 0 && uio->uio_resid > 0 && uio->uio_iovcnt > 0) {
		struct iovec *iov = uio->uio_iov;
		size_t cnt = min(n, iov->iov_len);
		int error;

		if (cnt == 0) {
			uio->uio_iov++;
			uio->uio_iovcnt--;
			continue;
		}
		cnt = min(cnt, uio->uio_resid);
		error = uio_copy(p, iov, cnt, uio);
		if (error)
			return error;
		iov->iov_base = (char __user *)iov->iov_base + cnt;
		iov->iov_len -= cnt;
		uio->uio_resid -= cnt;
		uio->uio_offset += cnt;
		p += cnt;
		n -= cnt;
	}
	return 0;
}
EXPORT_SYMBOL_NS_GPL(bsd_uiomove, BSDCOMPAT);
