/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD device switches (cdevsw, bdevsw) and devsw_attach(9).
 *
 * The rules, as NetBSD states them, and where bsdcompat differs:
 *  - devsw_attach() registers a driver's switches under a name and a major
 *    (NODEVMAJOR: any free one) and devsw_detach() removes them. bsdcompat
 *    makes the character switch a Linux char device; the block switch is
 *    accepted and kept but has no Linux node.
 *  - Entry points without D_MPSAFE run holding the kernel lock. d_close
 *    is called on the last close of a minor, as specfs does.
 *  - With d_cfdriver set (NetBSD 10), each call first takes a reference on
 *    the autoconf unit d_devtounit(dev) (minor(dev) if NULL) and fails with
 *    ENXIO if it is absent or detaching; config_detach() waits for these
 *    references. bsdcompat makes /dev/<name><unit> for each attached unit.
 *  - devsw_detach() waits until no thread is inside an entry point of the
 *    switches; calls on files still open then fail with ENXIO.
 *  - dev_t is Linux's: major() and minor() are Linux's numbers.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_CONF_H_
#define _BSDCOMPAT_NETBSD_SYS_CONF_H_

#include <linux/kdev_t.h>
#include <linux/types.h>

#include <sys/lwp.h>
#include <sys/uio.h>

struct cfdriver;
struct knote;
struct tty;

typedef s32 devmajor_t;
typedef s32 devminor_t;
#define NODEVMAJOR	(-1)
#define NODEV		((dev_t)-1)

#define major(d)	((devmajor_t)MAJOR(d))
#define minor(d)	((devminor_t)MINOR(d))
#define makedev(x, y)	MKDEV((x), (y))

/* d_flag */
#define D_OTHER		0x0000
#define D_TAPE		0x0001
#define D_DISK		0x0002
#define D_TTY		0x0003
#define D_TYPEMASK	0x00ff
#define D_MPSAFE	0x0100
#define D_NEGOFFSAFE	0x0200

#define dev_type_open(n)	int n(dev_t dev, int flag, int mode, struct lwp *l)
#define dev_type_close(n)	int n(dev_t dev, int flag, int mode, struct lwp *l)
#define dev_type_read(n)	int n(dev_t dev, struct uio *uio, int flag)
#define dev_type_write(n)	int n(dev_t dev, struct uio *uio, int flag)
#define dev_type_ioctl(n)	int n(dev_t dev, u_long cmd, void *data, int flag, struct lwp *l)
#define dev_type_poll(n)	int n(dev_t dev, int events, struct lwp *l)
#define dev_type_kqfilter(n)	int n(dev_t dev, struct knote *kn)
#define dev_type_strategy(n)	void n(struct buf *bp)
#define dev_type_dump(n)	int n(dev_t dev, daddr_t blkno, void *va, size_t size)
#define dev_type_size(n)	int n(dev_t dev)
#define dev_type_discard(n)	int n(dev_t dev, off_t pos, off_t len)

struct buf;

struct cdevsw {
	int	(*d_open)(dev_t dev, int flag, int mode, struct lwp *l);
	int	(*d_cancel)(dev_t dev, int flag, int mode, struct lwp *l);
	int	(*d_close)(dev_t dev, int flag, int mode, struct lwp *l);
	int	(*d_read)(dev_t dev, struct uio *uio, int flag);
	int	(*d_write)(dev_t dev, struct uio *uio, int flag);
	int	(*d_ioctl)(dev_t dev, u_long cmd, void *data, int flag,
			   struct lwp *l);
	void	(*d_stop)(struct tty *tp, int rw);
	struct tty *(*d_tty)(dev_t dev);
	int	(*d_poll)(dev_t dev, int events, struct lwp *l);
	void	*d_mmap;
	int	(*d_kqfilter)(dev_t dev, struct knote *kn);
	int	(*d_discard)(dev_t dev, off_t pos, off_t len);
	int	(*d_devtounit)(dev_t dev);
	struct cfdriver *d_cfdriver;
	int	d_flag;
};

struct bdevsw {
	int	(*d_open)(dev_t dev, int flag, int mode, struct lwp *l);
	int	(*d_cancel)(dev_t dev, int flag, int mode, struct lwp *l);
	int	(*d_close)(dev_t dev, int flag, int mode, struct lwp *l);
	void	(*d_strategy)(struct buf *bp);
	int	(*d_ioctl)(dev_t dev, u_long cmd, void *data, int flag,
			   struct lwp *l);
	int	(*d_dump)(dev_t dev, daddr_t blkno, void *va, size_t size);
	int	(*d_psize)(dev_t dev);
	int	(*d_discard)(dev_t dev, off_t pos, off_t len);
	int	(*d_devtounit)(dev_t dev);
	struct cfdriver *d_cfdriver;
	int	d_flag;
};

/* The stock entry points: no* fail with ENODEV, null* succeed. */
int netbsd_noopen(dev_t dev, int flag, int mode, struct lwp *l);
int netbsd_nullopen(dev_t dev, int flag, int mode, struct lwp *l);
int netbsd_norw(dev_t dev, struct uio *uio, int flag);
int netbsd_noioctl(dev_t dev, u_long cmd, void *data, int flag,
		   struct lwp *l);
#define noopen		netbsd_noopen
#define noclose		netbsd_noopen
#define nullopen	netbsd_nullopen
#define nullclose	netbsd_nullopen
#define noread		netbsd_norw
#define nowrite		netbsd_norw
#define noioctl		netbsd_noioctl
#define nostop		NULL
#define notty		NULL
#define nopoll		NULL
#define nommap		NULL
#define nokqfilter	NULL
#define nodiscard	NULL
#define nocancel	NULL
#define nodump		NULL
#define nosize		NULL
#define nostrategy	NULL

int netbsd_devsw_attach(const char *devname, const struct bdevsw *bdev,
			devmajor_t *bmajor, const struct cdevsw *cdev,
			devmajor_t *cmajor);
int netbsd_devsw_detach(const struct bdevsw *bdev, const struct cdevsw *cdev);

static inline int devsw_attach(const char *devname, const struct bdevsw *bdev,
			       devmajor_t *bmajor, const struct cdevsw *cdev,
			       devmajor_t *cmajor)
{
	return netbsd_devsw_attach(devname, bdev, bmajor, cdev, cmajor);
}

/* NetBSD < 10 returned int; 10 returns void. bsdcompat returns 0. */
static inline int devsw_detach(const struct bdevsw *bdev,
			       const struct cdevsw *cdev)
{
	return netbsd_devsw_detach(bdev, cdev);
}

#endif /* _BSDCOMPAT_NETBSD_SYS_CONF_H_ */
