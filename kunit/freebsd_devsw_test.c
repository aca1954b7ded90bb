// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: FreeBSD make_dev(9)/destroy_dev(9) and module glue, through the
 * core device switch bridge's kernel calls (the same gates, locks and
 * conversions as a file in /dev).
 */
#include <linux/completion.h>
#include <linux/delay.h>

#include <bsdcompat/cdev.h>

#include <sys/types.h>
#include <sys/conf.h>
#include <sys/ioccom.h>
#include <sys/lock.h>
#include <sys/mutex.h>
#include <sys/uio.h>

#include "kunit_helpers.h"

MODULE_IMPORT_NS(BSDCOMPAT);

#define FBT_ECHO	_IOWR('f', 1, int)

struct fbt {
	atomic_t		opens, closes, reads;
	bool			giant;		/* the last read held Giant */
	bool			slow;		/* read waits to be let go */
	struct completion	in_read;
	atomic_t		read_done;
};

static struct fbt fbt;

static int fbt_open(struct cdev *dev, int oflags, int devtype,
		    struct thread *td)
{
	atomic_inc(&fbt.opens);
	return dev->si_drv1 == &fbt ? 0 : ENXIO;
}

static int fbt_close(struct cdev *dev, int fflag, int devtype,
		     struct thread *td)
{
	atomic_inc(&fbt.closes);
	return 0;
}

static int fbt_read(struct cdev *dev, struct uio *uio, int ioflag)
{
	char buf[4] = "fbt";

	atomic_inc(&fbt.reads);
	fbt.giant = mtx_owned(&Giant);
	if (fbt.slow) {
		complete(&fbt.in_read);
		usleep_range(50000, 60000);
		atomic_set(&fbt.read_done, 1);
	}
	return uiomove(buf, sizeof(buf), uio);
}

static int fbt_ioctl(struct cdev *dev, u_long cmd, caddr_t data, int fflag,
		     struct thread *td)
{
	if (cmd != FBT_ECHO)
		return ENOTTY;
	*(int *)data *= 2;
	return 0;
}

static struct cdevsw fbt_cdevsw = {
	.d_version = D_VERSION, .d_name = "fbt", .d_open = fbt_open,
	.d_close = fbt_close, .d_read = fbt_read, .d_ioctl = fbt_ioctl,
};

static struct cdevsw fbt_giant_cdevsw = {
	.d_version = D_VERSION, .d_flags = D_NEEDGIANT | D_TRACKCLOSE,
	.d_name = "fbtg", .d_open = fbt_open, .d_close = fbt_close,
	.d_read = fbt_read, .d_ioctl = fbt_ioctl,
};

static struct cdev *fbt_make(struct kunit *test, struct cdevsw *sw)
{
	struct cdev *dev;

	memset(&fbt, 0, sizeof(fbt));
	init_completion(&fbt.in_read);
	dev = make_dev(sw, 3, UID_ROOT, GID_WHEEL, 0600, "%s%d", sw->d_name, 3);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	dev->si_drv1 = &fbt;
	return dev;
}

static void make_dev_calls(struct kunit *test)
{
	struct cdev *dev = fbt_make(test, &fbt_cdevsw);
	struct bsd_cdev_kfile *kf, *kf2;
	char buf[8] = "";
	size_t done;
	int error, n = 21;

	KUNIT_EXPECT_STREQ(test, devtoname(dev), "fbt3");
	KUNIT_EXPECT_EQ(test, dev2unit(dev), 3);
	kf = bsd_cdev_kopen(dev->si_rdev, BSD_FREAD, &error);
	KUNIT_ASSERT_NOT_NULL(test, kf);
	kf2 = bsd_cdev_kopen(dev->si_rdev, BSD_FREAD, &error);
	KUNIT_ASSERT_NOT_NULL(test, kf2);
	KUNIT_EXPECT_EQ(test, bsd_cdev_kread(kf, buf, sizeof(buf), &done), 0);
	KUNIT_EXPECT_EQ(test, done, (size_t)4);
	KUNIT_EXPECT_STREQ(test, buf, "fbt");
	KUNIT_EXPECT_FALSE(test, fbt.giant);
	KUNIT_EXPECT_EQ(test, bsd_cdev_kioctl(kf, FBT_ECHO, &n), 0);
	KUNIT_EXPECT_EQ(test, n, 42);
	/* Without D_TRACKCLOSE only the last close reaches the driver. */
	KUNIT_EXPECT_EQ(test, bsd_cdev_kclose(kf2), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&fbt.closes), 0);
	KUNIT_EXPECT_EQ(test, bsd_cdev_kclose(kf), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&fbt.closes), 1);
	destroy_dev(dev);
}

static void make_dev_needgiant_trackclose(struct kunit *test)
{
	struct cdev *dev = fbt_make(test, &fbt_giant_cdevsw);
	struct bsd_cdev_kfile *kf, *kf2;
	char buf[8];
	size_t done;
	int error;

	kf = bsd_cdev_kopen(dev->si_rdev, BSD_FREAD, &error);
	KUNIT_ASSERT_NOT_NULL(test, kf);
	kf2 = bsd_cdev_kopen(dev->si_rdev, BSD_FREAD, &error);
	KUNIT_ASSERT_NOT_NULL(test, kf2);
	KUNIT_EXPECT_EQ(test, bsd_cdev_kread(kf, buf, sizeof(buf), &done), 0);
	KUNIT_EXPECT_TRUE(test, fbt.giant);
	KUNIT_EXPECT_FALSE(test, mtx_owned(&Giant));
	KUNIT_EXPECT_EQ(test, bsd_cdev_kclose(kf2), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&fbt.closes), 1);
	KUNIT_EXPECT_EQ(test, bsd_cdev_kclose(kf), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&fbt.closes), 2);
	destroy_dev(dev);
}

struct fbt_race {
	struct cdev		*dev;
	struct bsd_cdev_kfile	*kf;
	int			read_error;
	bool			read_done_first;
};

static void destroy_thread(void *arg, unsigned int i)
{
	struct fbt_race *r = arg;
	char buf[4];
	size_t done;

	if (i == 0) {
		r->read_error = bsd_cdev_kread(r->kf, buf, sizeof(buf), &done);
	} else {
		wait_for_completion(&fbt.in_read);
		destroy_dev(r->dev);
		r->read_done_first = atomic_read(&fbt.read_done);
	}
}

/* destroy_dev() waits for a thread inside d_read; later calls fail. */
static void destroy_dev_waits(struct kunit *test)
{
	struct fbt_race r = { };
	char buf[4];
	size_t done;
	int error;

	r.dev = fbt_make(test, &fbt_giant_cdevsw);
	fbt.slow = true;
	r.kf = bsd_cdev_kopen(r.dev->si_rdev, BSD_FREAD, &error);
	KUNIT_ASSERT_NOT_NULL(test, r.kf);
	bsd_kunit_run_threads(test, 2, destroy_thread, &r, "fbt_destroy",
			      false);
	KUNIT_EXPECT_EQ(test, r.read_error, 0);
	KUNIT_EXPECT_TRUE(test, r.read_done_first);
	KUNIT_EXPECT_EQ(test, bsd_cdev_kread(r.kf, buf, sizeof(buf), &done),
			ENXIO);
	KUNIT_EXPECT_EQ(test, bsd_cdev_kclose(r.kf), ENXIO);
	KUNIT_EXPECT_EQ(test, atomic_read(&fbt.closes), 0);
}

static void make_dev_misuse_bad_version(struct kunit *test)
{
	struct cdevsw bad = { .d_version = 0x1234, .d_name = "fbtbad" };
	unsigned long before = bsd_lockdebug_count();

	KUNIT_EXPECT_NULL(test, make_dev(&bad, 0, UID_ROOT, GID_WHEEL, 0600,
					 "fbtbad"));
	EXPECT_REPORT(test, before, "is not D_VERSION", "fbtbad");
}

static struct kunit_case freebsd_devsw_cases[] = {
	KUNIT_CASE(make_dev_calls),
	KUNIT_CASE(make_dev_needgiant_trackclose),
	KUNIT_CASE(destroy_dev_waits),
	KUNIT_CASE(make_dev_misuse_bad_version),
	{}
};

static struct kunit_suite freebsd_devsw_suite = {
	.name = "freebsd_devsw",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = freebsd_devsw_cases,
};
kunit_test_suite(freebsd_devsw_suite);
