// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Digital UNIX devsw_add()/devsw_del() on the core device switch bridge
 * (see <sys/conf.h> and <bsdcompat/cdev.h>). A funneled driver's entry
 * points are called between unix_master() and unix_release(), so they run
 * on the master CPU holding the funnel, as on Digital UNIX; the bridge
 * itself is told the switch is MP-safe, so it does not take the big lock a
 * second time.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/stat.h>

#include <bsdcompat/cdev.h>
#include <bsdcompat/lockdebug.h>

#include <sys/conf.h>
#include <sys/funnel.h>

struct tru64_devsw {
	struct list_head	td_list;
	struct dsent		*td_dsent;
	struct bsd_cdev		*td_bridge;
	int			td_flags;
	char			td_name[32];
};

static DEFINE_MUTEX(tru64_devsw_lock);
static LIST_HEAD(tru64_devsws);

static struct dsent *td_dsent(struct bsd_cdev *c)
{
	return bsd_cdev_sw(c);
}

static bool td_enter(const struct dsent *d)
{
	if (d->d_funnel == DEV_FUNNEL)
		unix_master();
	return d->d_funnel == DEV_FUNNEL;
}

static void td_leave(bool funneled)
{
	if (funneled)
		unix_release();
}

static int td_open(struct bsd_cdev *c, dev_t dev, int fflag)
{
	struct dsent *d = td_dsent(c);
	bool f;
	int error;

	if (!d->d_open)
		return 0;
	f = td_enter(d);
	error = d->d_open(dev, fflag, S_IFCHR);
	td_leave(f);
	return error;
}

static int td_close(struct bsd_cdev *c, dev_t dev, int fflag)
{
	struct dsent *d = td_dsent(c);
	bool f;
	int error;

	if (!d->d_close)
		return 0;
	f = td_enter(d);
	error = d->d_close(dev, fflag, S_IFCHR);
	td_leave(f);
	return error;
}

static int td_rw(struct bsd_cdev *c, dev_t dev, struct uio *uio, int fflag)
{
	struct dsent *d = td_dsent(c);
	int (*fn)(dev_t d, struct uio *u, int f);
	bool f;
	int error;

	fn = uio->uio_rw == UIO_READ ? d->d_read : d->d_write;
	if (!fn)
		return ENODEV;
	f = td_enter(d);
	error = fn(dev, uio, fflag);
	td_leave(f);
	return error;
}

static int td_ioctl(struct bsd_cdev *c, dev_t dev, unsigned long cmd,
		    void *data, int fflag)
{
	struct dsent *d = td_dsent(c);
	bool f;
	int error;

	if (!d->d_ioctl)
		return ENOTTY;
	f = td_enter(d);
	error = d->d_ioctl(dev, cmd, data, fflag);
	td_leave(f);
	return error;
}

static const struct bsd_cdev_ops tru64_cdev_ops = {
	.co_open	= td_open,
	.co_close	= td_close,
	.co_rw		= td_rw,
	.co_ioctl	= td_ioctl,
};

static struct tru64_devsw *td_find(const char *mname)
{
	struct tru64_devsw *td;

	lockdep_assert_held(&tru64_devsw_lock);
	list_for_each_entry(td, &tru64_devsws, td_list)
		if (!strcmp(td->td_name, mname))
			return td;
	return NULL;
}

/**
 * tru64_devsw_add() - register a driver's device switch entry
 * @mname: the driver's name
 * @flags: MAJ_CHAR and/or MAJ_BLOCK
 * @majnum: the major wanted, or NODEV for any
 * @dsent: the entry points and d_funnel
 *
 * Context: thread context; may sleep.
 * Return: the major number, or NODEV (as an int) if the name is taken or
 * Linux has no number or memory left.
 */
int tru64_devsw_add(const char *mname, int flags, int majnum,
		    struct dsent *dsent)
{
	struct tru64_devsw *td = kzalloc(sizeof(*td), GFP_KERNEL);
	int major = (int)NODEV;
	char node[40];

	if (!td)
		return major;
	strscpy(td->td_name, mname, sizeof(td->td_name));
	td->td_dsent = dsent;
	td->td_flags = flags;
	mutex_lock(&tru64_devsw_lock);
	if (td_find(mname))
		goto out;
	if (flags & MAJ_CHAR) {
		struct bsd_cdev *c;

		c = bsd_cdev_create(mname, majnum == (int)NODEV ? -1 : majnum,
				    256, &tru64_cdev_ops, dsent,
				    BSD_CDEV_MPSAFE | BSD_CDEV_LASTCLOSE);
		if (IS_ERR(c))
			goto out;
		td->td_bridge = c;
		major = bsd_cdev_major(c);
		snprintf(node, sizeof(node), "%s0", mname);
		bsd_cdev_mknod(c, 0, node);
	} else {
		major = majnum == (int)NODEV ? 0 : majnum;
	}
	list_add_tail(&td->td_list, &tru64_devsws);
	td = NULL;
out:
	mutex_unlock(&tru64_devsw_lock);
	kfree(td);
	return major;
}
EXPORT_SYMBOL_NS_GPL(tru64_devsw_add, BSDCOMPAT);

/**
 * tru64_devsw_mknod() - make another /dev node for a registered switch
 * @mname: the driver's name
 * @minor: the minor, below 256
 * @node: the node's name under /dev
 *
 * Context: thread context; may sleep.
 * Return: 0, or a negative Linux errno (-ENOENT for an unknown name).
 */
int tru64_devsw_mknod(const char *mname, int minor, const char *node)
{
	struct tru64_devsw *td;
	int err = -ENOENT;

	mutex_lock(&tru64_devsw_lock);
	td = td_find(mname);
	if (td && td->td_bridge)
		err = bsd_cdev_mknod(td->td_bridge, minor, node);
	mutex_unlock(&tru64_devsw_lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(tru64_devsw_mknod, BSDCOMPAT);

/**
 * tru64_devsw_del() - unregister a driver's device switch entry and wait
 * @mname: the name given to devsw_add()
 * @flags: MAJ_CHAR and/or MAJ_BLOCK, as given to devsw_add()
 *
 * Removes the nodes, makes calls on files still open fail with ENXIO, and
 * waits until no thread is inside an entry point.
 *
 * Context: thread context; sleeps. Not from one of the driver's entry
 * points, and not funneled (a funneled caller would wait for itself).
 * Return: 0, or ENODEV (reported) if nothing is registered under @mname.
 */
int tru64_devsw_del(const char *mname, int flags)
{
	struct tru64_devsw *td;

	mutex_lock(&tru64_devsw_lock);
	td = td_find(mname);
	if (td)
		list_del(&td->td_list);
	mutex_unlock(&tru64_devsw_lock);
	if (!td) {
		bsd_lock_error("devsw", "devsw_del", NULL, mname, _RET_IP_,
			       "no device switch entry of that name");
		return ENODEV;
	}
	if (td->td_bridge)
		bsd_cdev_destroy(td->td_bridge);
	kfree(td);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(tru64_devsw_del, BSDCOMPAT);
