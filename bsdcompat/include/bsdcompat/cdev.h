/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The device switch bridge: a BSD character device switch (NetBSD cdevsw,
 * FreeBSD cdevsw, Digital UNIX dsent) as a range of Linux character device
 * numbers with nodes in /dev.
 *
 * Rules:
 *  - Every file operation enters the switch's gate, then the unit's gate if
 *    the personality names one (co_unit_enter), then the big lock unless
 *    the switch is MP-safe, and calls the driver's entry point; it leaves
 *    in the reverse order. A closed gate makes the operation fail with
 *    ENXIO without calling the driver.
 *  - bsd_cdev_destroy() removes the nodes, turns new calls away and waits
 *    until every call in progress has left; then the driver may free what
 *    its entry points use. Files still open stay valid (they keep the
 *    bridge alive) but every call on them fails with ENXIO, and their last
 *    close calls nothing in the driver.
 *  - With BSD_CDEV_LASTCLOSE (NetBSD, Digital UNIX) the driver's close is
 *    called only when the last file open on that minor closes, as BSD's
 *    specfs does; otherwise on every close.
 *  - Entry points return positive BSD errnos; ERESTART becomes a restarted
 *    (or EINTR) system call as Linux's signal handling decides.
 *  - ioctl commands keep Linux's encoding end to end: a ported driver's
 *    _IOR/_IOW/_IOWR are Linux's (<sys/ioccom.h> maps to <linux/ioctl.h>),
 *    and so are the user program's. The bridge copies the argument in and
 *    out as the command's direction and size say, as BSD's ioctl does, and
 *    hands a command without a size the raw argument.
 */
#ifndef _BSDCOMPAT_CDEV_H_
#define _BSDCOMPAT_CDEV_H_

#include <linux/kdev_t.h>
#include <linux/types.h>

#include <bsdcompat/gate.h>

struct bsd_cdev;
struct uio;

/* The fflag bits entry points get: the same values in all three BSDs. */
#define BSD_FREAD	0x0001
#define BSD_FWRITE	0x0002
#define BSD_FNONBLOCK	0x0004

/* The largest ioctl argument copied in and out (BSD's IOCPARM_MAX). */
#define BSD_IOCPARM_MAX		4096

/*
 * A personality's adapter from the bridge to its driver's entry points.
 * Each returns 0 or a positive BSD errno. Missing entries mean ENODEV.
 */
struct bsd_cdev_ops {
	int	(*co_open)(struct bsd_cdev *c, dev_t dev, int fflag);
	int	(*co_close)(struct bsd_cdev *c, dev_t dev, int fflag);
	int	(*co_rw)(struct bsd_cdev *c, dev_t dev, struct uio *uio,
			 int fflag);
	int	(*co_ioctl)(struct bsd_cdev *c, dev_t dev, unsigned long cmd,
			    void *data, int fflag);
	/*
	 * Optional: enter the gate of the device behind @dev (NetBSD's
	 * d_cfdriver). Returns the gate entered, NULL if there is none to
	 * enter, or ERR_PTR(-ENXIO) if the unit is absent or detaching.
	 */
	struct bsd_gate *(*co_unit_enter)(struct bsd_cdev *c, dev_t dev);
};

#define BSD_CDEV_MPSAFE		0x0001	/* entry points run without the big lock */
#define BSD_CDEV_LASTCLOSE	0x0002	/* co_close only on a minor's last close */

struct bsd_cdev *bsd_cdev_create(const char *name, int major,
				 unsigned int nminors,
				 const struct bsd_cdev_ops *ops, void *sw,
				 unsigned int flags);
void bsd_cdev_destroy(struct bsd_cdev *c);
int bsd_cdev_mknod(struct bsd_cdev *c, unsigned int minor, const char *name);
void bsd_cdev_rmnod(struct bsd_cdev *c, unsigned int minor);
int bsd_cdev_major(const struct bsd_cdev *c);
void *bsd_cdev_sw(const struct bsd_cdev *c);
void bsd_cdev_set_priv(struct bsd_cdev *c, void *priv);
void *bsd_cdev_priv(const struct bsd_cdev *c);

/*
 * Calls into a switch from the kernel, through the same gates, locks and
 * conversions as the file operations: for tests, and for kernel users.
 * A struct bsd_cdev_kfile stands for an open file.
 */
struct bsd_cdev_kfile;

struct bsd_cdev_kfile *bsd_cdev_kopen(dev_t dev, int fflag, int *errorp);
int bsd_cdev_kread(struct bsd_cdev_kfile *kf, void *buf, size_t len,
		   size_t *done);
int bsd_cdev_kioctl(struct bsd_cdev_kfile *kf, unsigned long cmd,
		    void *data);
int bsd_cdev_kclose(struct bsd_cdev_kfile *kf);

#endif /* _BSDCOMPAT_CDEV_H_ */
