// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * NetBSD device switches on the core bridge (see <sys/conf.h> and
 * <bsdcompat/cdev.h>).
 *
 * A cdevsw becomes a bridge with NETBSD_DEVSW_MINORS minors; the adapter
 * below turns bridge calls into d_open(dev, flag, S_IFCHR, curlwp) and so
 * on. Nodes: /dev/<name><unit> for each attached unit of the switch's
 * driver (d_cfdriver, or the autoconf driver of the same name), made when
 * both exist and removed when the unit starts to detach.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/stat.h>
#include <linux/xarray.h>

#include <bsdcompat/cdev.h>
#include <bsdcompat/lockdebug.h>

#include <sys/conf.h>
#include <sys/device.h>

#include "netbsd.h"

#define NETBSD_DEVSW_MINORS	256

struct netbsd_devsw {
	struct list_head	ds_list;
	const struct cdevsw	*ds_cdev;
	const struct bdevsw	*ds_bdev;
	struct bsd_cdev		*ds_bridge;
	struct cfdriver		*ds_cfdriver;	/* whose units get nodes */
	char			ds_name[16];
};

static DEFINE_MUTEX(devsw_lock);
static LIST_HEAD(devsws);

/**
 * netbsd_noopen() - noopen/noclose: an entry point the driver does not have
 * @dev: the device
 * @flag: open flags
 * @mode: S_IFCHR or S_IFBLK
 * @l: the calling LWP
 *
 * Context: thread context.
 * Return: ENODEV.
 */
int netbsd_noopen(dev_t dev, int flag, int mode, struct lwp *l)
{
	return ENODEV;
}
EXPORT_SYMBOL_NS_GPL(netbsd_noopen, BSDCOMPAT);

/**
 * netbsd_nullopen() - nullopen/nullclose: an entry point that does nothing
 * @dev: the device
 * @flag: open flags
 * @mode: S_IFCHR or S_IFBLK
 * @l: the calling LWP
 *
 * Context: thread context.
 * Return: 0.
 */
int netbsd_nullopen(dev_t dev, int flag, int mode, struct lwp *l)
{
	return 0;
}
EXPORT_SYMBOL_NS_GPL(netbsd_nullopen, BSDCOMPAT);

/**
 * netbsd_norw() - noread/nowrite
 * @dev: the device
 * @uio: the transfer
 * @flag: I/O flags
 *
 * Context: thread context.
 * Return: ENODEV.
 */
int netbsd_norw(dev_t dev, struct uio *uio, int flag)
{
	return ENODEV;
}
EXPORT_SYMBOL_NS_GPL(netbsd_norw, BSDCOMPAT);

/**
 * netbsd_noioctl() - noioctl
 * @dev: the device
 * @cmd: the command
 * @data: its argument
 * @flag: file flags
 * @l: the calling LWP
 *
 * Context: thread context.
 * Return: ENODEV.
 */
int netbsd_noioctl(dev_t dev, u_long cmd, void *data, int flag,
		   struct lwp *l)
{
	return ENODEV;
}
EXPORT_SYMBOL_NS_GPL(netbsd_noioctl, BSDCOMPAT);

static const struct cdevsw *ds_cdevsw(struct bsd_cdev *c)
{
	return bsd_cdev_sw(c);
}

/* NetBSD's IO_NDELAY for d_read/d_write's ioflag. */
#define NETBSD_IO_NDELAY	0x0010

static int ds_open(struct bsd_cdev *c, dev_t dev, int fflag)
{
	const struct cdevsw *sw = ds_cdevsw(c);

	return sw->d_open ? sw->d_open(dev, fflag, S_IFCHR, curlwp) : ENODEV;
}

static int ds_close(struct bsd_cdev *c, dev_t dev, int fflag)
{
	const struct cdevsw *sw = ds_cdevsw(c);

	return sw->d_close ? sw->d_close(dev, fflag, S_IFCHR, curlwp) : 0;
}

static int ds_rw(struct bsd_cdev *c, dev_t dev, struct uio *uio, int fflag)
{
	const struct cdevsw *sw = ds_cdevsw(c);
	int ioflag = (fflag & BSD_FNONBLOCK) ? NETBSD_IO_NDELAY : 0;
	int (*fn)(dev_t d, struct uio *u, int f);

	fn = uio->uio_rw == UIO_READ ? sw->d_read : sw->d_write;
	return fn ? fn(dev, uio, ioflag) : ENODEV;
}

static int ds_ioctl(struct bsd_cdev *c, dev_t dev, unsigned long cmd,
		    void *data, int fflag)
{
	const struct cdevsw *sw = ds_cdevsw(c);

	return sw->d_ioctl ? sw->d_ioctl(dev, cmd, data, fflag, curlwp) :
			     ENOTTY;
}

static struct bsd_gate *ds_unit_enter(struct bsd_cdev *c, dev_t dev)
{
	const struct cdevsw *sw = ds_cdevsw(c);
	int unit;

	if (!sw->d_cfdriver)
		return NULL;
	unit = sw->d_devtounit ? sw->d_devtounit(dev) : minor(dev);
	return netbsd_device_enter(sw->d_cfdriver, unit);
}

static const struct bsd_cdev_ops netbsd_cdev_ops = {
	.co_open	= ds_open,
	.co_close	= ds_close,
	.co_rw		= ds_rw,
	.co_ioctl	= ds_ioctl,
	.co_unit_enter	= ds_unit_enter,
};

static void ds_mknod(struct netbsd_devsw *ds, int unit)
{
	char name[32];

	if (unit < 0 || unit >= NETBSD_DEVSW_MINORS)
		return;
	snprintf(name, sizeof(name), "%s%d", ds->ds_name, unit);
	bsd_cdev_mknod(ds->ds_bridge, unit, name);
}

static bool ds_serves(struct netbsd_devsw *ds, struct cfdriver *cd)
{
	if (!ds->ds_bridge)
		return false;
	if (ds->ds_cfdriver)
		return ds->ds_cfdriver == cd;
	return !strcmp(ds->ds_name, cd->cd_name);
}

/* autoconf: unit @unit of @cd has attached (or its detach backed out). */
void netbsd_devsw_unit_attached(struct cfdriver *cd, int unit)
{
	struct netbsd_devsw *ds;

	mutex_lock(&devsw_lock);
	list_for_each_entry(ds, &devsws, ds_list)
		if (ds_serves(ds, cd))
			ds_mknod(ds, unit);
	mutex_unlock(&devsw_lock);
}

/* autoconf: unit @unit of @cd is detaching. */
void netbsd_devsw_unit_detached(struct cfdriver *cd, int unit)
{
	struct netbsd_devsw *ds;

	mutex_lock(&devsw_lock);
	list_for_each_entry(ds, &devsws, ds_list)
		if (ds_serves(ds, cd))
			bsd_cdev_rmnod(ds->ds_bridge, unit);
	mutex_unlock(&devsw_lock);
}

static struct netbsd_devsw *ds_find(const struct bdevsw *bdev,
				    const struct cdevsw *cdev)
{
	struct netbsd_devsw *ds;

	lockdep_assert_held(&devsw_lock);
	list_for_each_entry(ds, &devsws, ds_list)
		if ((cdev && ds->ds_cdev == cdev) ||
		    (bdev && ds->ds_bdev == bdev))
			return ds;
	return NULL;
}

/**
 * netbsd_devsw_attach() - register a driver's device switches
 * @devname: the name (of the /dev nodes, and in /proc/devices)
 * @bdev: the block switch, or NULL (kept, but no Linux node)
 * @bmajor: its major, or NODEVMAJOR; receives the one used
 * @cdev: the character switch, or NULL
 * @cmajor: its major, or NODEVMAJOR for any; receives the one used
 *
 * Context: thread context; may sleep.
 * Return: 0, EEXIST if a switch is already attached, EBUSY if the major
 * is taken, ENOMEM.
 */
int netbsd_devsw_attach(const char *devname, const struct bdevsw *bdev,
			devmajor_t *bmajor, const struct cdevsw *cdev,
			devmajor_t *cmajor)
{
	struct netbsd_devsw *ds;
	unsigned long unit;
	device_t dev;
	int error = 0;

	ds = kzalloc(sizeof(*ds), GFP_KERNEL);
	if (!ds)
		return ENOMEM;
	strscpy(ds->ds_name, devname, sizeof(ds->ds_name));
	ds->ds_cdev = cdev;
	ds->ds_bdev = bdev;
	ds->ds_cfdriver = cdev ? cdev->d_cfdriver : NULL;
	if (!ds->ds_cfdriver)
		ds->ds_cfdriver = netbsd_config_cfdriver_lookup(devname);

	mutex_lock(&devsw_lock);
	if (ds_find(bdev, cdev)) {
		error = EEXIST;
		goto out;
	}
	if (cdev) {
		struct bsd_cdev *c;

		c = bsd_cdev_create(devname, cmajor ? *cmajor : NODEVMAJOR,
				    NETBSD_DEVSW_MINORS, &netbsd_cdev_ops,
				    (void *)cdev,
				    BSD_CDEV_LASTCLOSE |
				    ((cdev->d_flag & D_MPSAFE) ?
				     BSD_CDEV_MPSAFE : 0));
		if (IS_ERR(c)) {
			error = -PTR_ERR(c);
			goto out;
		}
		ds->ds_bridge = c;
		if (cmajor)
			*cmajor = bsd_cdev_major(c);
	}
	if (bdev && bmajor && *bmajor == NODEVMAJOR)
		*bmajor = cmajor ? *cmajor : 0;
	list_add_tail(&ds->ds_list, &devsws);
	/* Units attached before the switch get their nodes now. */
	if (ds->ds_bridge && ds->ds_cfdriver && ds->ds_cfdriver->cd_units) {
		xa_for_each(ds->ds_cfdriver->cd_units, unit, dev)
			ds_mknod(ds, unit);
	}
	ds = NULL;
out:
	mutex_unlock(&devsw_lock);
	kfree(ds);
	return error;
}
EXPORT_SYMBOL_NS_GPL(netbsd_devsw_attach, BSDCOMPAT);

/**
 * netbsd_devsw_detach() - unregister a driver's device switches
 * @bdev: the block switch given to devsw_attach(), or NULL
 * @cdev: the character switch, or NULL
 *
 * Removes the nodes, makes calls on files still open fail with ENXIO, and
 * waits until no thread is inside one of the switch's entry points (giving
 * the kernel lock up while it waits).
 *
 * Context: thread context; sleeps. Not from one of the switch's entry
 * points.
 * Return: 0, or ENOENT (reported) if the switches were not attached.
 */
int netbsd_devsw_detach(const struct bdevsw *bdev, const struct cdevsw *cdev)
{
	struct netbsd_devsw *ds;

	mutex_lock(&devsw_lock);
	ds = ds_find(bdev, cdev);
	if (ds)
		list_del(&ds->ds_list);
	mutex_unlock(&devsw_lock);
	if (!ds) {
		bsd_lock_error("devsw", "devsw_detach", cdev ? (void *)cdev :
			       (void *)bdev, "", _RET_IP_,
			       "switch not attached");
		return ENOENT;
	}
	if (ds->ds_bridge)
		bsd_cdev_destroy(ds->ds_bridge);
	kfree(ds);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(netbsd_devsw_detach, BSDCOMPAT);
