/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Digital UNIX device switch entries: struct dsent, devsw_add(),
 * devsw_del().
 *
 * The rules, as Digital UNIX states them, and where bsdcompat differs:
 *  - A driver fills a struct dsent with its entry points and registers it
 *    under its name with devsw_add(), which returns the major number (or
 *    NODEV); devsw_del() removes it. bsdcompat makes the character side a
 *    Linux char device with /dev/<name><minor> for minor 0 (others with
 *    tru64_devsw_mknod()); the block side is kept but has no Linux node.
 *  - d_funnel = DEV_FUNNEL: the driver is not SMP safe, and each entry
 *    point runs funneled (unix_master(): the big lock, on the master CPU).
 *    DEV_FUNNEL_NULL: the driver locks for itself.
 *  - d_close is called on the last close of a minor.
 *  - devsw_del() waits until no thread is inside an entry point; calls on
 *    files still open then fail with ENXIO.
 *  - The field order of struct dsent and the flag values are bsdcompat's
 *    reconstruction; drivers that use designated initialisers do not
 *    depend on them.
 */
#ifndef _BSDCOMPAT_TRU64_SYS_CONF_H_
#define _BSDCOMPAT_TRU64_SYS_CONF_H_

#include <linux/kdev_t.h>
#include <linux/types.h>

#include <sys/types.h>
#include <sys/uio.h>

#define DEV_FUNNEL_NULL	0
#define DEV_FUNNEL	1

#define MAJ_CHAR	0x1
#define MAJ_BLOCK	0x2

#ifndef NODEV
#define NODEV		((dev_t)-1)
#endif
#define major(d)	((int)MAJOR(d))
#define minor(d)	((int)MINOR(d))
#define makedev(x, y)	MKDEV((x), (y))

struct dsent {
	int	(*d_open)(dev_t dev, int flag, int format);
	int	(*d_close)(dev_t dev, int flag, int format);
	int	(*d_strategy)(void *bp);
	int	(*d_read)(dev_t dev, struct uio *uio, int flag);
	int	(*d_write)(dev_t dev, struct uio *uio, int flag);
	int	(*d_ioctl)(dev_t dev, unsigned int cmd, caddr_t data, int flag);
	int	(*d_dump)(dev_t dev);
	int	(*d_psize)(dev_t dev);
	int	(*d_stop)(void *tp, int rw);
	int	(*d_reset)(int uban);
	int	(*d_select)(dev_t dev, short *events, short *revents,
			    int scanning);
	int	(*d_mmap)(dev_t dev, off_t off, int prot);
	int	d_funnel;
	int	(*d_segmap)(void);
	void	*d_ttys;
	int	d_flags;
	int	d_bflags;
	int	d_cflags;
};

int tru64_devsw_add(const char *mname, int flags, int majnum,
		    struct dsent *dsent);
int tru64_devsw_del(const char *mname, int flags);
int tru64_devsw_mknod(const char *mname, int minor, const char *node);

static inline int devsw_add(const char *mname, int flags, int majnum,
			    struct dsent *dsent)
{
	return tru64_devsw_add(mname, flags, majnum, dsent);
}

static inline int devsw_del(const char *mname, int flags)
{
	return tru64_devsw_del(mname, flags);
}

#endif /* _BSDCOMPAT_TRU64_SYS_CONF_H_ */
