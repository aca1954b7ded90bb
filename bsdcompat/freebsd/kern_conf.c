// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * FreeBSD make_dev(9) and destroy_dev(9) on the core device switch bridge
 * (see <sys/conf.h> and <bsdcompat/cdev.h>): each struct cdev is a bridge
 * with one minor and one node.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/slab.h>
#include <linux/stat.h>

#include <bsdcompat/cdev.h>
#include <bsdcompat/lockdebug.h>

#include <sys/conf.h>
#include <sys/proc.h>

/* FreeBSD's IO_NDELAY for d_read/d_write's ioflag. */
#define FREEBSD_IO_NDELAY	0x0004

static struct cdev *fc_cdev(struct bsd_cdev *c)
{
	return bsd_cdev_priv(c);
}

static int fc_open(struct bsd_cdev *c, dev_t rdev, int fflag)
{
	struct cdev *dev = fc_cdev(c);
	int error;

	error = dev->si_devsw->d_open ?
		dev->si_devsw->d_open(dev, fflag, S_IFCHR, curthread) : 0;
	if (!error)
		atomic_inc(&dev->si_opens);
	return error;
}

static int fc_close(struct bsd_cdev *c, dev_t rdev, int fflag)
{
	struct cdev *dev = fc_cdev(c);
	struct cdevsw *sw = dev->si_devsw;

	/* Without D_TRACKCLOSE only the last close reaches the driver. */
	if (!atomic_dec_and_test(&dev->si_opens) &&
	    !(sw->d_flags & D_TRACKCLOSE))
		return 0;
	return sw->d_close ? sw->d_close(dev, fflag, S_IFCHR, curthread) : 0;
}

static int fc_rw(struct bsd_cdev *c, dev_t rdev, struct uio *uio, int fflag)
{
	struct cdev *dev = fc_cdev(c);
	int ioflag = (fflag & BSD_FNONBLOCK) ? FREEBSD_IO_NDELAY : 0;
	d_read_t *fn;

	fn = uio->uio_rw == UIO_READ ? dev->si_devsw->d_read :
				       dev->si_devsw->d_write;
	return fn ? fn(dev, uio, ioflag) : ENODEV;
}

static int fc_ioctl(struct bsd_cdev *c, dev_t rdev, unsigned long cmd,
		    void *data, int fflag)
{
	struct cdev *dev = fc_cdev(c);

	return dev->si_devsw->d_ioctl ?
		dev->si_devsw->d_ioctl(dev, cmd, data, fflag, curthread) :
		ENOTTY;
}

static const struct bsd_cdev_ops freebsd_cdev_ops = {
	.co_open	= fc_open,
	.co_close	= fc_close,
	.co_rw		= fc_rw,
	.co_ioctl	= fc_ioctl,
};

/**
 * freebsd_make_dev() - make a character device and its node (make_dev(9))
 * @devsw: the switch; d_version must be D_VERSION
 * @unit: the unit, returned by dev2unit()
 * @uid: the node's owner (kept for the driver; Linux's udev decides)
 * @gid: the node's group (likewise)
 * @perms: the node's mode (likewise)
 * @fmt: printf format of the node's name under /dev
 *
 * Context: thread context; may sleep.
 * Return: the device, or NULL (reported) for a bad d_version, or when
 * Linux has no device number or memory left.
 */
struct cdev *freebsd_make_dev(struct cdevsw *devsw, int unit, uid_t uid,
			      gid_t gid, int perms, const char *fmt, ...)
{
	struct bsd_cdev *c;
	struct cdev *dev;
	va_list ap;

	if (devsw->d_version != D_VERSION) {
		bsd_lock_error("cdevsw", "make_dev", devsw,
			       devsw->d_name ? devsw->d_name : "", _RET_IP_,
			       "d_version %#x is not D_VERSION",
			       devsw->d_version);
		return NULL;
	}
	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(dev->si_name, sizeof(dev->si_name), fmt, ap);
	va_end(ap);
	dev->si_devsw = devsw;
	dev->si_drv0 = unit;
	atomic_set(&dev->si_opens, 0);

	c = bsd_cdev_create(dev->si_name, -1, 1, &freebsd_cdev_ops, devsw,
			    (devsw->d_flags & D_NEEDGIANT) ? 0 :
			    BSD_CDEV_MPSAFE);
	if (IS_ERR(c)) {
		kfree(dev);
		return NULL;
	}
	bsd_cdev_set_priv(c, dev);
	dev->si_bridge = c;
	dev->si_rdev = MKDEV(bsd_cdev_major(c), 0);
	if (bsd_cdev_mknod(c, 0, dev->si_name)) {
		bsd_cdev_destroy(c);
		kfree(dev);
		return NULL;
	}
	return dev;
}
EXPORT_SYMBOL_NS_GPL(freebsd_make_dev, BSDCOMPAT);

/**
 * freebsd_destroy_dev() - remove a device made by make_dev() and wait
 * @dev: the device; freed
 *
 * Removes the node, makes calls on files still open fail with ENXIO, and
 * returns once no thread is inside one of the device's entry points
 * (Giant is given up while it waits).
 *
 * Context: thread context; sleeps. Not from one of @dev's entry points.
 */
void freebsd_destroy_dev(struct cdev *dev)
{
	might_sleep();
	bsd_cdev_destroy(dev->si_bridge);
	kfree(dev);
}
EXPORT_SYMBOL_NS_GPL(freebsd_destroy_dev, BSDCOMPAT);
