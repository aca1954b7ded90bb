// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The device switch bridge (see <bsdcompat/cdev.h>).
 *
 * Lifetime. A struct bsd_cdev is reference counted: one reference for the
 * registration and one per open file (or kernel open). The struct cdev that
 * Linux's VFS finds is allocated apart with cdev_alloc(), because inodes
 * keep pointers to it for as long as they are cached, long after the
 * switch is gone; open maps the device number back to the bridge through
 * our own table, under bsd_cdev_lock, and takes a reference there.
 *
 * Detach. bsd_cdev_destroy() closes the gate, deletes the cdev (no new
 * opens), and waits for the gate to drain. After that no thread is in the
 * driver through this switch and none can get in: calls on files that are
 * still open fail with ENXIO before they reach the driver.
 */
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/fs.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <bsdcompat/biglock.h>
#include <bsdcompat/cdev.h>
#include <bsdcompat/lockdebug.h>
#include <bsdcompat/uio.h>

#include "core.h"

#define BSD_CDEV_NAMELEN	32
#define BSD_CDEV_MAXNODES	256

struct bsd_cdev {
	struct list_head	c_list;		/* on bsd_cdevs, under bsd_cdev_lock */
	struct cdev		*c_cdev;
	struct bsd_gate		c_gate;
	struct kref		c_ref;
	const struct bsd_cdev_ops *c_ops;
	void			*c_sw;
	void			*c_priv;
	dev_t			c_base;
	unsigned int		c_count;
	unsigned int		c_flags;
	unsigned long		*c_nodes;	/* minors with a /dev node */
	atomic_t		*c_opens;	/* open files per minor */
	char			c_name[BSD_CDEV_NAMELEN];
};

struct bsd_cdev_kfile {
	struct bsd_cdev		*kf_cdev;
	dev_t			kf_dev;
	int			kf_fflag;
	loff_t			kf_pos;
};

static DEFINE_MUTEX(bsd_cdev_lock);
static LIST_HEAD(bsd_cdevs);
static struct class *bsd_cdev_class;

static void bsd_cdev_free(struct kref *ref)
{
	struct bsd_cdev *c = container_of(ref, struct bsd_cdev, c_ref);

	bsd_gate_destroy(&c->c_gate);
	bitmap_free(c->c_nodes);
	kfree(c->c_opens);
	kfree(c);
}

static void bsd_cdev_put(struct bsd_cdev *c)
{
	kref_put(&c->c_ref, bsd_cdev_free);
}

/* The bridge that owns @dev, with a reference; NULL if none. */
static struct bsd_cdev *bsd_cdev_get(dev_t dev)
{
	struct bsd_cdev *c, *found = NULL;

	mutex_lock(&bsd_cdev_lock);
	list_for_each_entry(c, &bsd_cdevs, c_list) {
		if (dev >= c->c_base && dev - c->c_base < c->c_count) {
			kref_get(&c->c_ref);
			found = c;
			break;
		}
	}
	mutex_unlock(&bsd_cdev_lock);
	return found;
}

/* Translate a BSD errno from a driver into a Linux return value. */
static int bsd_cdev_errno(int error)
{
	if (error == ERESTART)
		return -ERESTARTSYS;
	if (error < 0) {
		/* EJUSTRETURN and friends have no meaning to a file op. */
		return -EIO;
	}
	return -error;
}

/*
 * What every call does around the driver's entry point. @unit is the unit
 * gate entered, if any, to be given to bsd_cdev_leave().
 */
static int bsd_cdev_enter(struct bsd_cdev *c, dev_t dev,
			  struct bsd_gate **unit)
{
	struct bsd_gate *g = NULL;

	if (!bsd_gate_enter(&c->c_gate))
		return ENXIO;
	if (c->c_ops->co_unit_enter) {
		g = c->c_ops->co_unit_enter(c, dev);
		if (IS_ERR(g)) {
			bsd_gate_exit(&c->c_gate);
			return ENXIO;
		}
	}
	*unit = g;
	if (!(c->c_flags & BSD_CDEV_MPSAFE))
		bsd_kernel_lock(1, _RET_IP_);
	return 0;
}

static void bsd_cdev_leave(struct bsd_cdev *c, struct bsd_gate *unit)
{
	if (!(c->c_flags & BSD_CDEV_MPSAFE))
		bsd_kernel_unlock(1, NULL, _RET_IP_);
	if (unit)
		bsd_gate_exit(unit);
	bsd_gate_exit(&c->c_gate);
}

/*
 * The open count of a minor is raised before the driver's open runs and
 * lowered again if it fails, so that a close racing with an open does not
 * take itself for the last one. (A last close that races with an open
 * which then fails leaves the driver unclosed; BSD's specfs has the same
 * window.)
 */
static int bsd_cdev_call_open(struct bsd_cdev *c, dev_t dev, int fflag)
{
	atomic_t *opens = &c->c_opens[dev - c->c_base];
	struct bsd_gate *unit;
	int error = bsd_cdev_enter(c, dev, &unit);

	if (error)
		return error;
	atomic_inc(opens);
	error = c->c_ops->co_open ? c->c_ops->co_open(c, dev, fflag) : ENODEV;
	if (error)
		atomic_dec(opens);
	bsd_cdev_leave(c, unit);
	return error;
}

static int bsd_cdev_call_close(struct bsd_cdev *c, dev_t dev, int fflag)
{
	struct bsd_gate *unit;
	int error = bsd_cdev_enter(c, dev, &unit);

	if (error)
		return error;
	if (atomic_dec_and_test(&c->c_opens[dev - c->c_base]) ||
	    !(c->c_flags & BSD_CDEV_LASTCLOSE))
		error = c->c_ops->co_close ?
			c->c_ops->co_close(c, dev, fflag) : 0;
	bsd_cdev_leave(c, unit);
	return error;
}

static int bsd_cdev_call_rw(struct bsd_cdev *c, dev_t dev, struct uio *uio,
			    int fflag)
{
	struct bsd_gate *unit;
	int error = bsd_cdev_enter(c, dev, &unit);

	if (error)
		return error;
	error = c->c_ops->co_rw ? c->c_ops->co_rw(c, dev, uio, fflag) : ENODEV;
	bsd_cdev_leave(c, unit);
	return error;
}

static int bsd_cdev_call_ioctl(struct bsd_cdev *c, dev_t dev,
			       unsigned long cmd, void *data, int fflag)
{
	struct bsd_gate *unit;
	int error = bsd_cdev_enter(c, dev, &unit);

	if (error)
		return error;
	error = c->c_ops->co_ioctl ?
		c->c_ops->co_ioctl(c, dev, cmd, data, fflag) : ENOTTY;
	bsd_cdev_leave(c, unit);
	return error;
}

static int bsd_fflag(const struct file *f)
{
	int fflag = 0;

	if (f->f_mode & FMODE_READ)
		fflag |= BSD_FREAD;
	if (f->f_mode & FMODE_WRITE)
		fflag |= BSD_FWRITE;
	if (f->f_flags & O_NONBLOCK)
		fflag |= BSD_FNONBLOCK;
	return fflag;
}

static int bsd_cdev_open(struct inode *inode, struct file *f)
{
	struct bsd_cdev *c = bsd_cdev_get(inode->i_rdev);
	int error;

	if (!c)
		return -ENXIO;
	error = bsd_cdev_call_open(c, inode->i_rdev, bsd_fflag(f));
	if (error) {
		bsd_cdev_put(c);
		return bsd_cdev_errno(error);
	}
	f->private_data = c;
	return nonseekable_open(inode, f);
}

static int bsd_cdev_release(struct inode *inode, struct file *f)
{
	struct bsd_cdev *c = f->private_data;

	/* After a detach the driver has nothing left to close. */
	bsd_cdev_call_close(c, inode->i_rdev, bsd_fflag(f));
	bsd_cdev_put(c);
	return 0;
}

static ssize_t bsd_cdev_rw(struct file *f, char __user *buf, size_t len,
			   loff_t *ppos, enum uio_rw rw)
{
	struct bsd_cdev *c = f->private_data;
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct uio uio = {
		.uio_iov = &iov, .uio_iovcnt = 1, .uio_offset = *ppos,
		.uio_resid = len, .uio_rw = rw, .uio_segflg = UIO_USERSPACE,
		.uio_vmspace = current->mm, .uio_td = current,
		.uio_procp = current,
	};
	int error;

	error = bsd_cdev_call_rw(c, file_inode(f)->i_rdev, &uio, bsd_fflag(f));
	/* BSD: an error after a partial transfer still reports the bytes. */
	if (uio.uio_resid != len && (error == 0 || error == EINTR ||
				     error == ERESTART ||
				     error == EWOULDBLOCK)) {
		*ppos = uio.uio_offset;
		return len - uio.uio_resid;
	}
	if (error)
		return bsd_cdev_errno(error);
	*ppos = uio.uio_offset;
	return len - uio.uio_resid;
}

static ssize_t bsd_cdev_read(struct file *f, char __user *buf, size_t len,
			     loff_t *ppos)
{
	return bsd_cdev_rw(f, buf, len, ppos, UIO_READ);
}

static ssize_t bsd_cdev_write(struct file *f, const char __user *buf,
			      size_t len, loff_t *ppos)
{
	return bsd_cdev_rw(f, (char __user *)buf, len, ppos, UIO_WRITE);
}

static long bsd_cdev_ioctl(struct file *f, unsigned int lcmd,
			   unsigned long arg)
{
	struct bsd_cdev *c = f->private_data;
	unsigned long cmd = lcmd;
	size_t size = _IOC_SIZE(lcmd);
	u64 stackbuf[16];
	void *data = stackbuf;
	int error;

	if (size > BSD_IOCPARM_MAX)
		return -ENOTTY;
	if (size > sizeof(stackbuf)) {
		data = kzalloc(size, GFP_KERNEL);
		if (!data)
			return -ENOMEM;
	} else {
		memset(stackbuf, 0, sizeof(stackbuf));
	}
	error = 0;
	if ((_IOC_DIR(lcmd) & _IOC_WRITE) && size) {
		if (copy_from_user(data, (void __user *)arg, size))
			error = EFAULT;
	} else if (!size) {
		/* BSD hands a command without a size the raw argument. */
		*(unsigned long *)data = arg;
	}
	if (!error)
		error = bsd_cdev_call_ioctl(c, file_inode(f)->i_rdev, cmd, data,
					    bsd_fflag(f));
	if (!error && (_IOC_DIR(lcmd) & _IOC_READ) && size &&
	    copy_to_user((void __user *)arg, data, size))
		error = EFAULT;
	if (data != stackbuf)
		kfree(data);
	return error ? bsd_cdev_errno(error) : 0;
}

static const struct file_operations bsd_cdev_fops = {
	.owner		= THIS_MODULE,
	.open		= bsd_cdev_open,
	.release	= bsd_cdev_release,
	.read		= bsd_cdev_read,
	.write		= bsd_cdev_write,
	.unlocked_ioctl	= bsd_cdev_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= no_llseek,
};

/**
 * bsd_cdev_create() - register a BSD device switch as Linux char devices
 * @name: the switch's name (as in /proc/devices)
 * @major: the major to use, or -1 for any free one
 * @nminors: how many minors, from 0
 * @ops: the personality's adapter to the driver's entry points
 * @sw: the personality's switch (cdevsw, dsent), for its adapter
 * @flags: BSD_CDEV_MPSAFE if the entry points need no big lock;
 *	BSD_CDEV_LASTCLOSE to call the driver's close on a minor's last
 *	close only
 *
 * No nodes are made: bsd_cdev_mknod() makes them.
 *
 * Context: thread context; may sleep.
 * Return: the bridge, or an ERR_PTR (-EBUSY if @major is taken, -ENOMEM).
 */
struct bsd_cdev *bsd_cdev_create(const char *name, int major,
				 unsigned int nminors,
				 const struct bsd_cdev_ops *ops, void *sw,
				 unsigned int flags)
{
	struct bsd_cdev *c;
	int err;

	if (nminors == 0 || nminors > BSD_CDEV_MAXNODES)
		return ERR_PTR(-EINVAL);
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return ERR_PTR(-ENOMEM);
	c->c_nodes = bitmap_zalloc(nminors, GFP_KERNEL);
	c->c_opens = kcalloc(nminors, sizeof(*c->c_opens), GFP_KERNEL);
	err = c->c_nodes && c->c_opens ?
	      bsd_gate_init(&c->c_gate) : -ENOMEM;
	if (err) {
		bitmap_free(c->c_nodes);
		kfree(c->c_opens);
		kfree(c);
		return ERR_PTR(err);
	}
	kref_init(&c->c_ref);
	strscpy(c->c_name, name, sizeof(c->c_name));
	c->c_ops = ops;
	c->c_sw = sw;
	c->c_flags = flags;
	c->c_count = nminors;

	if (major >= 0) {
		c->c_base = MKDEV(major, 0);
		err = register_chrdev_region(c->c_base, nminors, c->c_name);
	} else {
		err = alloc_chrdev_region(&c->c_base, 0, nminors, c->c_name);
	}
	if (err)
		goto fail;
	c->c_cdev = cdev_alloc();
	err = -ENOMEM;
	if (!c->c_cdev)
		goto fail_region;
	c->c_cdev->owner = THIS_MODULE;
	c->c_cdev->ops = &bsd_cdev_fops;
	mutex_lock(&bsd_cdev_lock);
	list_add(&c->c_list, &bsd_cdevs);
	mutex_unlock(&bsd_cdev_lock);
	err = cdev_add(c->c_cdev, c->c_base, nminors);
	if (err) {
		mutex_lock(&bsd_cdev_lock);
		list_del(&c->c_list);
		mutex_unlock(&bsd_cdev_lock);
		kobject_put(&c->c_cdev->kobj);
		goto fail_region;
	}
	return c;

fail_region:
	unregister_chrdev_region(c->c_base, nminors);
fail:
	bsd_cdev_put(c);
	return ERR_PTR(err);
}
EXPORT_SYMBOL_NS_GPL(bsd_cdev_create, BSDCOMPAT);

/**
 * bsd_cdev_destroy() - unregister a switch and wait for its callers
 * @c: a bridge from bsd_cdev_create()
 *
 * Removes the nodes and the device numbers, makes every later call on a
 * file still open fail with ENXIO, and returns when no thread is inside
 * one of the switch's entry points.
 *
 * Context: thread context; sleeps. Not from one of @c's entry points.
 */
void bsd_cdev_destroy(struct bsd_cdev *c)
{
	unsigned int minor;

	might_sleep();
	bsd_gate_close(&c->c_gate);
	mutex_lock(&bsd_cdev_lock);
	list_del(&c->c_list);
	mutex_unlock(&bsd_cdev_lock);
	for_each_set_bit(minor, c->c_nodes, c->c_count)
		bsd_cdev_rmnod(c, minor);
	cdev_del(c->c_cdev);
	unregister_chrdev_region(c->c_base, c->c_count);
	bsd_gate_wait(&c->c_gate);
	bsd_cdev_put(c);
}
EXPORT_SYMBOL_NS_GPL(bsd_cdev_destroy, BSDCOMPAT);

/**
 * bsd_cdev_mknod() - make /dev/@name for one minor of a switch
 * @c: the bridge
 * @minor: the minor, below the count given to bsd_cdev_create()
 * @name: the node's name under /dev
 *
 * Context: thread context; may sleep.
 * Return: 0, -EINVAL for a bad minor, -EEXIST if it has a node already,
 * or the error from the driver core.
 */
int bsd_cdev_mknod(struct bsd_cdev *c, unsigned int minor, const char *name)
{
	struct device *d;

	if (minor >= c->c_count)
		return -EINVAL;
	if (test_and_set_bit(minor, c->c_nodes))
		return -EEXIST;
	d = device_create(bsd_cdev_class, NULL, c->c_base + minor, NULL,
			  "%s", name);
	if (IS_ERR(d)) {
		clear_bit(minor, c->c_nodes);
		return PTR_ERR(d);
	}
	return 0;
}
EXPORT_SYMBOL_NS_GPL(bsd_cdev_mknod, BSDCOMPAT);

/**
 * bsd_cdev_rmnod() - remove the /dev node of one minor, if it has one
 * @c: the bridge
 * @minor: the minor
 *
 * Context: thread context; may sleep.
 */
void bsd_cdev_rmnod(struct bsd_cdev *c, unsigned int minor)
{
	if (minor < c->c_count && test_and_clear_bit(minor, c->c_nodes))
		device_destroy(bsd_cdev_class, c->c_base + minor);
}
EXPORT_SYMBOL_NS_GPL(bsd_cdev_rmnod, BSDCOMPAT);

/**
 * bsd_cdev_major() - the major number of a switch
 * @c: the bridge
 *
 * Context: any.
 * Return: the major.
 */
int bsd_cdev_major(const struct bsd_cdev *c)
{
	return MAJOR(c->c_base);
}
EXPORT_SYMBOL_NS_GPL(bsd_cdev_major, BSDCOMPAT);

/**
 * bsd_cdev_sw() - the personality's switch behind a bridge
 * @c: the bridge
 *
 * Context: any.
 * Return: the @sw given to bsd_cdev_create().
 */
void *bsd_cdev_sw(const struct bsd_cdev *c)
{
	return c->c_sw;
}
EXPORT_SYMBOL_NS_GPL(bsd_cdev_sw, BSDCOMPAT);

/**
 * bsd_cdev_set_priv() - attach the personality's data to a bridge
 * @c: the bridge
 * @priv: the data (FreeBSD: its struct cdev)
 *
 * Context: any; set it before the first call can arrive.
 */
void bsd_cdev_set_priv(struct bsd_cdev *c, void *priv)
{
	c->c_priv = priv;
}
EXPORT_SYMBOL_NS_GPL(bsd_cdev_set_priv, BSDCOMPAT);

/**
 * bsd_cdev_priv() - the personality's data of a bridge
 * @c: the bridge
 *
 * Context: any.
 * Return: what bsd_cdev_set_priv() stored, or NULL.
 */
void *bsd_cdev_priv(const struct bsd_cdev *c)
{
	return c->c_priv;
}
EXPORT_SYMBOL_NS_GPL(bsd_cdev_priv, BSDCOMPAT);

/**
 * bsd_cdev_kopen() - open a switch's minor from the kernel
 * @dev: the device number
 * @fflag: BSD_FREAD, BSD_FWRITE, BSD_FNONBLOCK
 * @errorp: receives 0 or a positive BSD errno (ENXIO if nothing has @dev)
 *
 * Context: thread context; may sleep (the driver's open may).
 * Return: the open file, or NULL with *@errorp set.
 */
struct bsd_cdev_kfile *bsd_cdev_kopen(dev_t dev, int fflag, int *errorp)
{
	struct bsd_cdev_kfile *kf = kzalloc(sizeof(*kf), GFP_KERNEL);
	struct bsd_cdev *c;

	*errorp = ENOMEM;
	if (!kf)
		return NULL;
	c = bsd_cdev_get(dev);
	*errorp = c ? bsd_cdev_call_open(c, dev, fflag) : ENXIO;
	if (*errorp) {
		if (c)
			bsd_cdev_put(c);
		kfree(kf);
		return NULL;
	}
	kf->kf_cdev = c;
	kf->kf_dev = dev;
	kf->kf_fflag = fflag;
	return kf;
}
EXPORT_SYMBOL_NS_GPL(bsd_cdev_kopen, BSDCOMPAT);

/**
 * bsd_cdev_kread() - read from a file opened with bsd_cdev_kopen()
 * @kf: the file
 * @buf: a kernel buffer
 * @len: its size
 * @done: receives the bytes read
 *
 * Context: thread context; may sleep.
 * Return: 0 or a positive BSD errno.
 */
int bsd_cdev_kread(struct bsd_cdev_kfile *kf, void *buf, size_t len,
		   size_t *done)
{
	struct iovec iov = { .iov_base = (__force void __user *)buf,
			     .iov_len = len };
	struct uio uio = {
		.uio_iov = &iov, .uio_iovcnt = 1, .uio_offset = kf->kf_pos,
		.uio_resid = len, .uio_rw = UIO_READ,
		.uio_segflg = UIO_SYSSPACE,
	};
	int error;

	error = bsd_cdev_call_rw(kf->kf_cdev, kf->kf_dev, &uio, kf->kf_fflag);
	*done = len - uio.uio_resid;
	kf->kf_pos = uio.uio_offset;
	return error;
}
EXPORT_SYMBOL_NS_GPL(bsd_cdev_kread, BSDCOMPAT);

/**
 * bsd_cdev_kioctl() - ioctl on a file opened with bsd_cdev_kopen()
 * @kf: the file
 * @cmd: the command (Linux's encoding, as a ported driver's _IOR etc. make)
 * @data: the argument buffer, in the kernel, of the command's size
 *
 * Context: thread context; may sleep.
 * Return: 0 or a positive BSD errno.
 */
int bsd_cdev_kioctl(struct bsd_cdev_kfile *kf, unsigned long cmd,
		    void *data)
{
	return bsd_cdev_call_ioctl(kf->kf_cdev, kf->kf_dev, cmd, data,
				   kf->kf_fflag);
}
EXPORT_SYMBOL_NS_GPL(bsd_cdev_kioctl, BSDCOMPAT);

/**
 * bsd_cdev_kclose() - close a file opened with bsd_cdev_kopen()
 * @kf: the file; freed
 *
 * Context: thread context; may sleep.
 * Return: 0 or the positive BSD errno of the driver's close (ENXIO after
 * the switch is gone: the driver is not called).
 */
int bsd_cdev_kclose(struct bsd_cdev_kfile *kf)
{
	int error = bsd_cdev_call_close(kf->kf_cdev, kf->kf_dev, kf->kf_fflag);

	bsd_cdev_put(kf->kf_cdev);
	kfree(kf);
	return error;
}
EXPORT_SYMBOL_NS_GPL(bsd_cdev_kclose, BSDCOMPAT);

int bsd_cdev_init(void)
{
	bsd_cdev_class = class_create(THIS_MODULE, "bsdcompat");
	return PTR_ERR_OR_ZERO(bsd_cdev_class);
}

void bsd_cdev_exit(void)
{
	class_destroy(bsd_cdev_class);
}
