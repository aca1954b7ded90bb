// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: Digital UNIX devsw_add()/devsw_del(): funneled and MP-safe entry
 * points through the core device switch bridge's kernel calls.
 */
#include <linux/types.h>
#include <linux/kdev_t.h>
#include <linux/smp.h>

#include <bsdcompat/biglock.h>
#include <bsdcompat/cdev.h>

#include <sys/types.h>
#include <sys/conf.h>
#include <sys/uio.h>

#include "kunit_helpers.h"

MODULE_IMPORT_NS(BSDCOMPAT);

struct tdt {
	int	cpu;		/* where the last read ran */
	bool	funneled;	/* it held the funnel (the big lock) */
	int	opens, closes;
};

static struct tdt tdt;

static int tdt_open(dev_t dev, int flag, int format)
{
	tdt.opens++;
	return minor(dev) == 0 ? 0 : ENXIO;
}

static int tdt_close(dev_t dev, int flag, int format)
{
	tdt.closes++;
	return 0;
}

static int tdt_read(dev_t dev, struct uio *uio, int flag)
{
	char buf[6] = "tru64";

	tdt.cpu = raw_smp_processor_id();
	tdt.funneled = bsd_kernel_locked_p();
	return uiomove(buf, sizeof(buf), uio);
}

static struct dsent tdt_funnel_dsent = {
	.d_open = tdt_open, .d_close = tdt_close, .d_read = tdt_read,
	.d_funnel = DEV_FUNNEL,
};

static struct dsent tdt_mpsafe_dsent = {
	.d_open = tdt_open, .d_close = tdt_close, .d_read = tdt_read,
	.d_funnel = DEV_FUNNEL_NULL,
};

static void tdt_read_once(struct kunit *test, struct dsent *d)
{
	struct bsd_cdev_kfile *kf;
	char buf[8] = "";
	size_t done;
	int major, error;

	memset(&tdt, 0, sizeof(tdt));
	tdt.cpu = -1;
	major = devsw_add("tdt", MAJ_CHAR, (int)NODEV, d);
	KUNIT_ASSERT_NE(test, major, (int)NODEV);
	kf = bsd_cdev_kopen(MKDEV(major, 1), BSD_FREAD, &error);
	KUNIT_EXPECT_NULL(test, kf);
	KUNIT_EXPECT_EQ(test, error, ENXIO);
	kf = bsd_cdev_kopen(MKDEV(major, 0), BSD_FREAD, &error);
	KUNIT_ASSERT_NOT_NULL(test, kf);
	KUNIT_EXPECT_EQ(test, bsd_cdev_kread(kf, buf, sizeof(buf), &done), 0);
	KUNIT_EXPECT_STREQ(test, buf, "tru64");
	KUNIT_EXPECT_EQ(test, bsd_cdev_kclose(kf), 0);
	KUNIT_EXPECT_EQ(test, tdt.closes, 1);
	KUNIT_EXPECT_EQ(test, devsw_del("tdt", MAJ_CHAR), 0);
	/* The number is free again. */
	kf = bsd_cdev_kopen(MKDEV(major, 0), BSD_FREAD, &error);
	KUNIT_EXPECT_NULL(test, kf);
	KUNIT_EXPECT_EQ(test, error, ENXIO);
}

/* DEV_FUNNEL: entry points run on the master CPU holding the funnel. */
static void devsw_funneled(struct kunit *test)
{
	tdt_read_once(test, &tdt_funnel_dsent);
	KUNIT_EXPECT_TRUE(test, tdt.funneled);
	KUNIT_EXPECT_EQ(test, tdt.cpu, 0);
	KUNIT_EXPECT_FALSE(test, bsd_kernel_locked_p());
}

/* DEV_FUNNEL_NULL: the driver locks for itself; no funnel. */
static void devsw_mpsafe(struct kunit *test)
{
	tdt_read_once(test, &tdt_mpsafe_dsent);
	KUNIT_EXPECT_FALSE(test, tdt.funneled);
}

static void devsw_misuse_del_unknown(struct kunit *test)
{
	unsigned long before = bsd_lockdebug_count();

	KUNIT_EXPECT_EQ(test, devsw_del("nosuchdrv", MAJ_CHAR), ENODEV);
	EXPECT_REPORT(test, before, "no device switch entry", "nosuchdrv");
}

static struct kunit_case tru64_devsw_cases[] = {
	KUNIT_CASE(devsw_funneled),
	KUNIT_CASE(devsw_mpsafe),
	KUNIT_CASE(devsw_misuse_del_unknown),
	{}
};

static struct kunit_suite tru64_devsw_suite = {
	.name = "tru64_devsw",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = tru64_devsw_cases,
};
kunit_test_suite(tru64_devsw_suite);
