/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FreeBSD character devices: struct cdevsw, make_dev(9), destroy_dev(9).
 *
 * The rules, as FreeBSD states them, and where bsdcompat differs:
 *  - make_dev() makes the node /dev/<name> for one struct cdev of a
 *    cdevsw; d_version must be D_VERSION. si_drv1 and si_drv2 are the
 *    driver's. bsdcompat gives each struct cdev its own Linux device
 *    number.
 *  - Entry points of a cdevsw with D_NEEDGIANT run holding Giant.
 *  - d_close is called on the last close of the device, or on every
 *    close with D_TRACKCLOSE.
 *  - destroy_dev() removes the node and waits until no thread is inside
 *    one of the device's entry points; after it returns none will enter,
 *    and calls on files still open fail with ENXIO. It may sleep; it is
 *    not called from one of the device's own entry points.
 *  - FreeBSD's struct cdev is called struct freebsd_cdev underneath, as
 *    Linux has a struct cdev of its own; drivers keep writing struct cdev.
 */
#ifndef _BSDCOMPAT_FREEBSD_SYS_CONF_H_
#define _BSDCOMPAT_FREEBSD_SYS_CONF_H_

#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/kdev_t.h>
#include <linux/types.h>

#include <sys/types.h>
#include <sys/uio.h>

#define cdev freebsd_cdev

struct bsd_cdev;
struct cdevsw;

#define SPECNAMELEN	63

struct cdev {
	void		*si_drv1;
	void		*si_drv2;
	struct cdevsw	*si_devsw;
	int		si_drv0;	/* the unit given to make_dev() */
	u_int		si_flags;
	/* bsdcompat */
	struct bsd_cdev	*si_bridge;
	dev_t		si_rdev;
	atomic_t	si_opens;
	char		si_name[SPECNAMELEN + 1];
};

typedef int d_open_t(struct cdev *dev, int oflags, int devtype,
		     struct thread *td);
typedef int d_close_t(struct cdev *dev, int fflag, int devtype,
		      struct thread *td);
typedef int d_read_t(struct cdev *dev, struct uio *uio, int ioflag);
typedef int d_write_t(struct cdev *dev, struct uio *uio, int ioflag);
typedef int d_ioctl_t(struct cdev *dev, u_long cmd, caddr_t data, int fflag,
		      struct thread *td);

#define D_VERSION	0x17122009
#define D_TAPE		0x0001
#define D_DISK		0x0002
#define D_TTY		0x0004
#define D_MEM		0x0008
#define D_TRACKCLOSE	0x00080000
#define D_NEEDGIANT	0x00400000

struct cdevsw {
	int		d_version;
	u_int		d_flags;
	const char	*d_name;
	d_open_t	*d_open;
	void		*d_fdopen;
	d_close_t	*d_close;
	d_read_t	*d_read;
	d_write_t	*d_write;
	d_ioctl_t	*d_ioctl;
	void		*d_poll;
	void		*d_mmap;
	void		*d_strategy;
	void		*d_dump;
	void		*d_kqfilter;
	void		*d_purge;
};

/* FreeBSD's ownership arguments; Linux nodes are root's 0600 by udev rule. */
#define UID_ROOT	0
#define GID_WHEEL	0
#define GID_OPERATOR	5

__printf(6, 7)
struct cdev *freebsd_make_dev(struct cdevsw *devsw, int unit, uid_t uid,
			      gid_t gid, int perms, const char *fmt, ...);
void freebsd_destroy_dev(struct cdev *dev);

#define make_dev(...)		freebsd_make_dev(__VA_ARGS__)
#define destroy_dev(dev)	freebsd_destroy_dev(dev)

static inline int dev2unit(struct cdev *dev)
{
	return dev->si_drv0;
}

static inline const char *devtoname(struct cdev *dev)
{
	return dev->si_name;
}

#endif /* _BSDCOMPAT_FREEBSD_SYS_CONF_H_ */
