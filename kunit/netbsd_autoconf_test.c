// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: NetBSD autoconf(9), device switches and safe detach.
 *
 * A small pseudo-device driver, "nbt", written against the NetBSD headers
 * only: a softc with a magic number, a cdevsw with d_cfdriver (so every
 * call holds a reference on its unit), a callout that re-arms itself, and
 * a detach that stops it. The driver checks the magic number on every
 * entry and exit; an entry that ran on a freed softc trips KASAN (debug
 * kernel) or, with the freed memory reused, the magic check.
 */
#include <linux/delay.h>
#include <linux/kdev_t.h>
#include <linux/slab.h>

#include <bsdcompat/biglock.h>
#include <bsdcompat/cdev.h>
#include <bsdcompat/intr.h>

#include <sys/callout.h>
#include <sys/conf.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/ioccom.h>
#include <sys/condvar.h>
#include <sys/kernel.h>
#include <sys/mutex.h>
#include <sys/systm.h>
#include <sys/uio.h>
#include <sys/vnode.h>

#include "kunit_helpers.h"

MODULE_IMPORT_NS(BSDCOMPAT);

#define NBT_MAGIC	0x6e627430u
#define NBT_GETCOUNT	_IOR('n', 1, int)
#define NBT_ADD		_IOWR('n', 2, int)

struct nbt_softc {
	u32		sc_magic;
	device_t	sc_dev;
	callout_t	sc_callout;
	atomic_t	sc_inside;	/* threads in an entry point */
	atomic_t	sc_calls;
	atomic_t	sc_closes;	/* d_close calls */
	atomic_t	sc_ticks;	/* callout runs */
	void		*sc_si;		/* softint, scheduled by the callout */
	void		*sc_ih;		/* interrupt handler */
	atomic_t	sc_intrs;	/* interrupt handler runs */
	atomic_t	sc_softints;	/* softint runs */
	bool		sc_leak_softint; /* detach "forgets" to disestablish */
	bool		sc_klocked;	/* the last read held the kernel lock */
	int		sc_detach_error; /* what detach returns, once */
	kmutex_t	sc_lock;
	kcondvar_t	sc_cv;
	bool		sc_dying;
	bool		sc_sleepy;	/* read waits until the detach */
	device_t	sc_child;	/* attached from our attach, if any */
};

static bool nbt_attach_child;	/* attach an "nbtc" child in nbt_attach() */

static atomic_t nbt_bad;		/* entries that saw a bad softc */

static CFDRIVER_DECL(nbt, DV_DULL, NULL);

static struct nbt_softc *nbt_enter(dev_t dev)
{
	struct nbt_softc *sc = device_lookup_private(&nbt_cd, minor(dev));

	if (!sc)
		return NULL;
	if (READ_ONCE(sc->sc_magic) != NBT_MAGIC) {
		atomic_inc(&nbt_bad);
		return NULL;
	}
	atomic_inc(&sc->sc_inside);
	atomic_inc(&sc->sc_calls);
	return sc;
}

static void nbt_leave(struct nbt_softc *sc)
{
	if (READ_ONCE(sc->sc_magic) != NBT_MAGIC)
		atomic_inc(&nbt_bad);
	atomic_dec(&sc->sc_inside);
}

static int nbt_open(dev_t dev, int flag, int mode, struct lwp *l)
{
	struct nbt_softc *sc = nbt_enter(dev);

	if (!sc)
		return ENXIO;
	nbt_leave(sc);
	return 0;
}

static int nbt_close(dev_t dev, int flag, int mode, struct lwp *l)
{
	struct nbt_softc *sc = nbt_enter(dev);

	if (!sc)
		return ENXIO;
	atomic_inc(&sc->sc_closes);
	nbt_leave(sc);
	return 0;
}

static int nbt_read(dev_t dev, struct uio *uio, int flag)
{
	struct nbt_softc *sc = nbt_enter(dev);
	char buf[8] = "nbtdata";
	int error;

	if (!sc)
		return ENXIO;
	if (READ_ONCE(sc->sc_sleepy)) {
		/* Wait for data that never comes, until the detach. */
		mutex_enter(&sc->sc_lock);
		while (!sc->sc_dying)
			cv_wait(&sc->sc_cv, &sc->sc_lock);
		mutex_exit(&sc->sc_lock);
		nbt_leave(sc);
		return ENXIO;
	}
	sc->sc_klocked = bsd_kernel_locked_p();
	/* Stay inside a while, so detach finds threads here. */
	usleep_range(20, 200);
	error = uiomove(buf, sizeof(buf), uio);
	nbt_leave(sc);
	return error;
}

static int nbt_ioctl(dev_t dev, u_long cmd, void *data, int flag,
		     struct lwp *l)
{
	struct nbt_softc *sc = nbt_enter(dev);
	int error = 0;

	if (!sc)
		return ENXIO;
	switch (cmd) {
	case NBT_GETCOUNT:
		*(int *)data = atomic_read(&sc->sc_calls);
		break;
	case NBT_ADD:
		*(int *)data += 1;
		break;
	default:
		error = ENOTTY;
	}
	nbt_leave(sc);
	return error;
}

static void nbt_tick(void *arg)
{
	struct nbt_softc *sc = arg;

	if (READ_ONCE(sc->sc_magic) != NBT_MAGIC) {
		atomic_inc(&nbt_bad);
		return;
	}
	atomic_inc(&sc->sc_ticks);
	kpreempt_disable();
	softint_schedule(sc->sc_si);
	kpreempt_enable();
	callout_schedule(&sc->sc_callout, 1);
}

static void nbt_soft(void *arg)
{
	struct nbt_softc *sc = arg;

	if (READ_ONCE(sc->sc_magic) != NBT_MAGIC)
		atomic_inc(&nbt_bad);
	else
		atomic_inc(&sc->sc_softints);
}

static void *nbt_leaked_si;

/* A child driver, attached and detached from nbt's attach and detach. */
static int nbtc_detach(device_t self, int flags)
{
	return 0;
}

static CFDRIVER_DECL(nbtc, DV_DULL, NULL);
static CFATTACH_DECL_NEW(nbtc, 0, NULL, NULL, nbtc_detach, NULL);
static struct cfdata nbtc_cfdata = {
	.cf_name = "nbtc", .cf_atname = "nbtc", .cf_unit = DVUNIT_ANY,
};
/* What the handlers of detached devices did, for the stress report. */
static atomic_t nbt_total_intrs, nbt_total_softints, nbt_total_ticks;
static struct bsd_intrsrc *nbt_src;	/* the device's interrupt line */

static int nbt_intr(void *arg)
{
	struct nbt_softc *sc = arg;

	if (READ_ONCE(sc->sc_magic) != NBT_MAGIC) {
		atomic_inc(&nbt_bad);
		return 0;
	}
	atomic_inc(&sc->sc_intrs);
	return 1;
}

static void nbt_attach(device_t parent, device_t self, void *aux)
{
	struct nbt_softc *sc = device_private(self);

	sc->sc_magic = NBT_MAGIC;
	sc->sc_dev = self;
	mutex_init(&sc->sc_lock, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&sc->sc_cv, "nbtread");
	sc->sc_si = softint_establish(SOFTINT_BIO | SOFTINT_MPSAFE, nbt_soft,
				      sc);
	sc->sc_ih = intr_establish_xname(bsd_intrsrc_irq(nbt_src), IPL_BIO,
					 IST_EDGE | IST_MPSAFE, nbt_intr, sc,
					 device_xname(self));
	callout_init(&sc->sc_callout, CALLOUT_MPSAFE);
	callout_reset(&sc->sc_callout, 1, nbt_tick, sc);
	if (nbt_attach_child)
		sc->sc_child = config_attach_pseudo(&nbtc_cfdata);
	aprint_normal_dev(self, "bsdcompat KUnit pseudo-device\n");
}

static atomic_t nbt_inside_at_destroy;	/* threads inside after vdevgone */

#define KASSERT_INSIDE_ZERO(sc)						\
	do {								\
		if (atomic_read(&(sc)->sc_inside))			\
			atomic_inc(&nbt_inside_at_destroy);		\
	} while (0)

static devmajor_t nbt_cmajor = NODEVMAJOR;

static int nbt_detach(device_t self, int flags)
{
	struct nbt_softc *sc = device_private(self);
	int error = sc->sc_detach_error;

	if (error) {
		sc->sc_detach_error = 0;
		return error;
	}
	if (sc->sc_child) {
		error = config_detach(sc->sc_child, 0);
		if (error)
			return error;
		sc->sc_child = NULL;
	}
	/*
	 * As a NetBSD driver does: tell the sleepers to leave, stop what
	 * enters the driver on its own, wait with vdevgone() for the threads
	 * still in an entry point, and only then destroy what they use.
	 */
	mutex_enter(&sc->sc_lock);
	sc->sc_dying = true;
	cv_broadcast(&sc->sc_cv);
	mutex_exit(&sc->sc_lock);
	callout_halt(&sc->sc_callout, NULL);
	callout_destroy(&sc->sc_callout);
	if (sc->sc_leak_softint)
		nbt_leaked_si = sc->sc_si;
	else
		softint_disestablish(sc->sc_si);
	if (sc->sc_ih)
		intr_disestablish(sc->sc_ih);
	vdevgone(nbt_cmajor, 0, 255, VCHR);
	atomic_add(atomic_read(&sc->sc_intrs), &nbt_total_intrs);
	atomic_add(atomic_read(&sc->sc_softints), &nbt_total_softints);
	atomic_add(atomic_read(&sc->sc_ticks), &nbt_total_ticks);
	KASSERT_INSIDE_ZERO(sc);
	cv_destroy(&sc->sc_cv);
	mutex_destroy(&sc->sc_lock);
	return 0;
}

static CFATTACH_DECL_NEW(nbt, sizeof(struct nbt_softc), NULL, nbt_attach,
		  nbt_detach, NULL);

static const struct cdevsw nbt_cdevsw = {
	.d_open = nbt_open, .d_close = nbt_close, .d_read = nbt_read,
	.d_write = nowrite, .d_ioctl = nbt_ioctl, .d_stop = nostop,
	.d_tty = notty, .d_poll = nopoll, .d_mmap = nommap,
	.d_kqfilter = nokqfilter, .d_discard = nodiscard,
	.d_cfdriver = &nbt_cd, .d_flag = D_OTHER | D_MPSAFE,
};

/* The same driver's entry points through a switch without D_MPSAFE. */
static const struct cdevsw nbt_giant_cdevsw = {
	.d_open = nbt_open, .d_close = nbt_close, .d_read = nbt_read,
	.d_ioctl = nbt_ioctl, .d_cfdriver = &nbt_cd, .d_flag = D_OTHER,
};

static struct cfdata nbt_cfdata = {
	.cf_name = "nbt", .cf_atname = "nbt", .cf_unit = DVUNIT_ANY,
};

static int nbt_setup(struct kunit *test, const struct cdevsw *sw)
{
	devmajor_t bmajor = NODEVMAJOR;

	KUNIT_ASSERT_EQ(test, config_cfdriver_attach(&nbt_cd), 0);
	KUNIT_ASSERT_EQ(test, config_cfattach_attach("nbt", &nbt_ca), 0);
	nbt_cmajor = NODEVMAJOR;
	KUNIT_ASSERT_EQ(test, devsw_attach("nbt", NULL, &bmajor, sw,
					   &nbt_cmajor), 0);
	KUNIT_ASSERT_GE(test, nbt_cmajor, 0);
	atomic_set(&nbt_bad, 0);
	atomic_set(&nbt_inside_at_destroy, 0);
	nbt_src = bsd_intrsrc_create("nbt");
	KUNIT_ASSERT_NOT_NULL(test, nbt_src);
	return 0;
}

static void nbt_teardown(struct kunit *test, const struct cdevsw *sw)
{
	KUNIT_EXPECT_EQ(test, devsw_detach(NULL, sw), 0);
	KUNIT_EXPECT_EQ(test, config_cfattach_detach("nbt", &nbt_ca), 0);
	KUNIT_EXPECT_EQ(test, config_cfdriver_detach(&nbt_cd), 0);
	bsd_intrsrc_destroy(nbt_src);
	nbt_src = NULL;
	KUNIT_EXPECT_EQ(test, atomic_read(&nbt_bad), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&nbt_inside_at_destroy), 0);
}

static dev_t nbt_dev(int unit)
{
	return MKDEV(nbt_cmajor, unit);
}

/* Attach, look up, name, softc, and detach. */
static void autoconf_attach_detach(struct kunit *test)
{
	struct nbt_softc *sc;
	device_t dev, dev1;

	nbt_setup(test, &nbt_cdevsw);
	dev = config_attach_pseudo(&nbt_cfdata);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	dev1 = config_attach_pseudo(&nbt_cfdata);
	KUNIT_ASSERT_NOT_NULL(test, dev1);
	KUNIT_EXPECT_STREQ(test, device_xname(dev), "nbt0");
	KUNIT_EXPECT_STREQ(test, device_xname(dev1), "nbt1");
	KUNIT_EXPECT_EQ(test, device_unit(dev1), 1);
	KUNIT_EXPECT_TRUE(test, device_is_active(dev));
	KUNIT_EXPECT_PTR_EQ(test, device_lookup(&nbt_cd, 0), dev);
	KUNIT_EXPECT_PTR_EQ(test, device_cfdriver(dev), &nbt_cd);
	KUNIT_EXPECT_NULL(test, device_parent(dev));
	sc = device_lookup_private(&nbt_cd, 1);
	KUNIT_ASSERT_NOT_NULL(test, sc);
	KUNIT_EXPECT_EQ(test, sc->sc_magic, NBT_MAGIC);
	KUNIT_EXPECT_PTR_EQ(test, sc->sc_dev, dev1);
	KUNIT_EXPECT_NULL(test, device_lookup(&nbt_cd, 2));
	/* A driver with devices or attachments does not go away. */
	KUNIT_EXPECT_EQ(test, config_cfattach_detach("nbt", &nbt_ca), EBUSY);

	KUNIT_EXPECT_EQ(test, config_detach(dev, 0), 0);
	KUNIT_EXPECT_NULL(test, device_lookup(&nbt_cd, 0));
	KUNIT_EXPECT_NULL(test, device_lookup_acquire(&nbt_cd, 0));
	KUNIT_EXPECT_EQ(test, config_detach(dev1, DETACH_QUIET), 0);
	nbt_teardown(test, &nbt_cdevsw);
}

/* A detach the driver refuses leaves the device usable. */
static void autoconf_detach_refused(struct kunit *test)
{
	struct nbt_softc *sc;
	device_t dev;

	nbt_setup(test, &nbt_cdevsw);
	dev = config_attach_pseudo(&nbt_cfdata);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	sc = device_private(dev);
	sc->sc_detach_error = EBUSY;
	KUNIT_EXPECT_EQ(test, config_detach(dev, 0), EBUSY);
	KUNIT_EXPECT_TRUE(test, device_is_active(dev));
	KUNIT_EXPECT_PTR_EQ(test, device_lookup_acquire(&nbt_cd, 0), dev);
	device_release(dev);
	KUNIT_EXPECT_EQ(test, config_detach(dev, 0), 0);
	nbt_teardown(test, &nbt_cdevsw);
}

struct hold {
	device_t	dev;
	atomic_t	released;
	atomic_t	detached;
};

static void hold_thread(void *arg, unsigned int i)
{
	struct hold *h = arg;

	if (i == 0) {
		/* Hold a reference across a sleep, then drop it. */
		msleep(50);
		atomic_set(&h->released, 1);
		device_release(h->dev);
	} else {
		config_detach(h->dev, 0);
		atomic_set(&h->detached, 1);
	}
}

/* config_detach() waits for a device_lookup_acquire() reference. */
static void autoconf_detach_waits_for_reference(struct kunit *test)
{
	struct hold h = { };

	nbt_setup(test, &nbt_cdevsw);
	KUNIT_ASSERT_NOT_NULL(test, config_attach_pseudo(&nbt_cfdata));
	h.dev = device_lookup_acquire(&nbt_cd, 0);
	KUNIT_ASSERT_NOT_NULL(test, h.dev);
	bsd_kunit_run_threads(test, 2, hold_thread, &h, "nbt_hold", false);
	KUNIT_EXPECT_EQ(test, atomic_read(&h.released), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&h.detached), 1);
	KUNIT_EXPECT_NULL(test, device_lookup(&nbt_cd, 0));
	nbt_teardown(test, &nbt_cdevsw);
}

/* Open, read, ioctl and close through the switch. */
static void devsw_calls(struct kunit *test)
{
	struct bsd_cdev_kfile *kf;
	char buf[16] = "";
	size_t done;
	int error, n = 41;
	device_t dev;

	nbt_setup(test, &nbt_cdevsw);
	kf = bsd_cdev_kopen(nbt_dev(0), BSD_FREAD, &error);
	KUNIT_EXPECT_NULL(test, kf);
	KUNIT_EXPECT_EQ(test, error, ENXIO);	/* no unit 0 yet */

	dev = config_attach_pseudo(&nbt_cfdata);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	kf = bsd_cdev_kopen(nbt_dev(0), BSD_FREAD, &error);
	KUNIT_ASSERT_NOT_NULL(test, kf);
	KUNIT_EXPECT_EQ(test, bsd_cdev_kread(kf, buf, sizeof(buf), &done), 0);
	KUNIT_EXPECT_EQ(test, done, (size_t)8);
	KUNIT_EXPECT_STREQ(test, buf, "nbtdata");
	KUNIT_EXPECT_FALSE(test, ((struct nbt_softc *)device_private(dev))->sc_klocked);
	KUNIT_EXPECT_EQ(test, bsd_cdev_kioctl(kf, NBT_ADD, &n), 0);
	KUNIT_EXPECT_EQ(test, n, 42);
	KUNIT_EXPECT_EQ(test, bsd_cdev_kioctl(kf, _IO('n', 9), NULL), ENOTTY);

	/* Detach with the file open: calls fail, close calls nothing. */
	KUNIT_EXPECT_EQ(test, config_detach(dev, 0), 0);
	KUNIT_EXPECT_EQ(test, bsd_cdev_kread(kf, buf, sizeof(buf), &done),
			ENXIO);
	KUNIT_EXPECT_EQ(test, bsd_cdev_kioctl(kf, NBT_ADD, &n), ENXIO);
	KUNIT_EXPECT_EQ(test, bsd_cdev_kclose(kf), ENXIO);
	nbt_teardown(test, &nbt_cdevsw);
}

/* d_close runs on the last close of a minor only, as with specfs. */
static void devsw_last_close(struct kunit *test)
{
	struct bsd_cdev_kfile *kf, *kf2;
	struct nbt_softc *sc;
	device_t dev;
	int error;

	nbt_setup(test, &nbt_cdevsw);
	dev = config_attach_pseudo(&nbt_cfdata);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	sc = device_private(dev);
	kf = bsd_cdev_kopen(nbt_dev(0), BSD_FREAD, &error);
	KUNIT_ASSERT_NOT_NULL(test, kf);
	kf2 = bsd_cdev_kopen(nbt_dev(0), BSD_FREAD, &error);
	KUNIT_ASSERT_NOT_NULL(test, kf2);
	KUNIT_EXPECT_EQ(test, bsd_cdev_kclose(kf), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&sc->sc_closes), 0);
	KUNIT_EXPECT_EQ(test, bsd_cdev_kclose(kf2), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&sc->sc_closes), 1);
	/* An open that fails does not count. */
	kf = bsd_cdev_kopen(nbt_dev(7), BSD_FREAD, &error);
	KUNIT_EXPECT_NULL(test, kf);
	KUNIT_EXPECT_EQ(test, config_detach(dev, 0), 0);
	nbt_teardown(test, &nbt_cdevsw);
}

/* Without D_MPSAFE the entry points run holding the kernel lock. */
static void devsw_not_mpsafe_kernel_lock(struct kunit *test)
{
	struct bsd_cdev_kfile *kf;
	char buf[8];
	size_t done;
	device_t dev;
	int error;

	nbt_setup(test, &nbt_giant_cdevsw);
	dev = config_attach_pseudo(&nbt_cfdata);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	kf = bsd_cdev_kopen(nbt_dev(0), BSD_FREAD, &error);
	KUNIT_ASSERT_NOT_NULL(test, kf);
	KUNIT_EXPECT_EQ(test, bsd_cdev_kread(kf, buf, sizeof(buf), &done), 0);
	KUNIT_EXPECT_TRUE(test, ((struct nbt_softc *)device_private(dev))->sc_klocked);
	KUNIT_EXPECT_FALSE(test, bsd_kernel_locked_p());
	KUNIT_EXPECT_EQ(test, bsd_cdev_kclose(kf), 0);
	KUNIT_EXPECT_EQ(test, config_detach(dev, 0), 0);
	nbt_teardown(test, &nbt_giant_cdevsw);
}

/* devsw_detach() with the file open: every later call fails. */
static void devsw_detach_open_file(struct kunit *test)
{
	struct bsd_cdev_kfile *kf;
	char buf[8];
	size_t done;
	device_t dev;
	int error;

	nbt_setup(test, &nbt_cdevsw);
	dev = config_attach_pseudo(&nbt_cfdata);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	kf = bsd_cdev_kopen(nbt_dev(0), BSD_FREAD, &error);
	KUNIT_ASSERT_NOT_NULL(test, kf);
	KUNIT_EXPECT_EQ(test, devsw_detach(NULL, &nbt_cdevsw), 0);
	KUNIT_EXPECT_EQ(test, bsd_cdev_kread(kf, buf, sizeof(buf), &done),
			ENXIO);
	KUNIT_EXPECT_EQ(test, bsd_cdev_kclose(kf), ENXIO);
	KUNIT_EXPECT_EQ(test, config_detach(dev, 0), 0);
	/* Attach it again so that the common teardown has one to detach. */
	KUNIT_EXPECT_EQ(test, devsw_attach("nbt", NULL, NULL, &nbt_cdevsw,
					   &nbt_cmajor), 0);
	nbt_teardown(test, &nbt_cdevsw);
}

struct sleeper {
	device_t	dev;
	int		read_error;
	int		detach_error;
};

static void sleeper_thread(void *arg, unsigned int i)
{
	struct sleeper *s = arg;
	struct nbt_softc *sc = device_private(s->dev);
	struct bsd_cdev_kfile *kf;
	char buf[8];
	size_t done;
	int error, n;

	if (i == 0) {
		kf = bsd_cdev_kopen(nbt_dev(0), BSD_FREAD, &error);
		if (!kf) {
			s->read_error = error;
			return;
		}
		s->read_error = bsd_cdev_kread(kf, buf, sizeof(buf), &done);
		bsd_cdev_kclose(kf);
		return;
	}
	/* Detach once the reader is asleep inside d_read. */
	for (n = 0; n < 10000 && atomic_read(&sc->sc_inside) == 0; n++)
		usleep_range(100, 200);
	s->detach_error = config_detach(s->dev, 0);
}

/*
 * A thread asleep in d_read when the device detaches: the driver's detach
 * wakes it, vdevgone() waits for it to leave, and only then does the
 * driver destroy its mutex and condvar (no misuse report, no hang).
 */
static void detach_wakes_sleeper_vdevgone(struct kunit *test)
{
	struct sleeper s = { };

	nbt_setup(test, &nbt_cdevsw);
	s.dev = config_attach_pseudo(&nbt_cfdata);
	KUNIT_ASSERT_NOT_NULL(test, s.dev);
	((struct nbt_softc *)device_private(s.dev))->sc_sleepy = true;
	bsd_kunit_run_threads(test, 2, sleeper_thread, &s, "nbt_sleeper",
			      false);
	KUNIT_EXPECT_EQ(test, s.read_error, ENXIO);
	KUNIT_EXPECT_EQ(test, s.detach_error, 0);
	KUNIT_EXPECT_NULL(test, device_lookup(&nbt_cd, 0));
	nbt_teardown(test, &nbt_cdevsw);
}

static void autoconf_misuse_detach_twice(struct kunit *test)
{
	unsigned long before;
	device_t dev;

	nbt_setup(test, &nbt_cdevsw);
	dev = config_attach_pseudo(&nbt_cfdata);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_EXPECT_EQ(test, config_detach(dev, 0), 0);
	before = bsd_lockdebug_count();
	/* The device is freed: the check must not touch it. */
	KUNIT_EXPECT_EQ(test, config_detach(dev, 0), ENOENT);
	EXPECT_REPORT(test, before, "not an attached device", "config_detach");
	nbt_teardown(test, &nbt_cdevsw);
}

static void autoconf_misuse_forced_detach_fails(struct kunit *test)
{
	unsigned long before;
	device_t dev;

	nbt_setup(test, &nbt_cdevsw);
	dev = config_attach_pseudo(&nbt_cfdata);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	((struct nbt_softc *)device_private(dev))->sc_detach_error = EBUSY;
	before = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, config_detach(dev, DETACH_FORCE), EBUSY);
	EXPECT_REPORT(test, before, "forced detach failed", "nbt0");
	KUNIT_EXPECT_EQ(test, config_detach(dev, 0), 0);
	nbt_teardown(test, &nbt_cdevsw);
}

/* A detach that leaves a softint established is reported. */
static void autoconf_misuse_detach_leaves_softint(struct kunit *test)
{
	unsigned long before;
	device_t dev;

	nbt_setup(test, &nbt_cdevsw);
	dev = config_attach_pseudo(&nbt_cfdata);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	((struct nbt_softc *)device_private(dev))->sc_leak_softint = true;
	before = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, config_detach(dev, 0), 0);
	EXPECT_REPORT(test, before, "detach left handlers established",
		      "nbt0");
	/* Its device is gone: disestablishing it must not touch the device. */
	softint_disestablish(nbt_leaked_si);
	nbt_teardown(test, &nbt_cdevsw);
}

/* The softint and the interrupt handler run while attached. */
static void autoconf_handlers_bound(struct kunit *test)
{
	struct nbt_softc *sc;
	device_t dev;
	int n;

	nbt_setup(test, &nbt_cdevsw);
	dev = config_attach_pseudo(&nbt_cfdata);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	sc = device_private(dev);
	for (n = 0; n < 2000 && atomic_read(&sc->sc_softints) < 3; n++)
		usleep_range(1000, 2000);
	KUNIT_EXPECT_GE(test, atomic_read(&sc->sc_softints), 3);
	bsd_intrsrc_fire(nbt_src);
	for (n = 0; n < 2000 && atomic_read(&sc->sc_intrs) < 1; n++)
		usleep_range(1000, 2000);
	KUNIT_EXPECT_GE(test, atomic_read(&sc->sc_intrs), 1);
	KUNIT_EXPECT_EQ(test, config_detach(dev, 0), 0);
	nbt_teardown(test, &nbt_cdevsw);
}

/* A driver's attach and detach may call autoconf again (a child). */
static void autoconf_nested_child(struct kunit *test)
{
	struct nbt_softc *sc;
	device_t dev;

	nbt_setup(test, &nbt_cdevsw);
	KUNIT_ASSERT_EQ(test, config_cfdriver_attach(&nbtc_cd), 0);
	KUNIT_ASSERT_EQ(test, config_cfattach_attach("nbtc", &nbtc_ca), 0);
	nbt_attach_child = true;
	dev = config_attach_pseudo(&nbt_cfdata);
	nbt_attach_child = false;
	KUNIT_ASSERT_NOT_NULL(test, dev);
	sc = device_private(dev);
	KUNIT_ASSERT_NOT_NULL(test, sc->sc_child);
	KUNIT_EXPECT_STREQ(test, device_xname(sc->sc_child), "nbtc0");
	KUNIT_EXPECT_PTR_EQ(test, device_lookup(&nbtc_cd, 0), sc->sc_child);
	KUNIT_EXPECT_EQ(test, config_detach(dev, 0), 0);
	KUNIT_EXPECT_NULL(test, device_lookup(&nbtc_cd, 0));
	KUNIT_EXPECT_EQ(test, config_cfattach_detach("nbtc", &nbtc_ca), 0);
	KUNIT_EXPECT_EQ(test, config_cfdriver_detach(&nbtc_cd), 0);
	nbt_teardown(test, &nbt_cdevsw);
}

static void autoconf_misuse_unknown_driver(struct kunit *test)
{
	struct cfdata cf = { .cf_name = "nosuch", .cf_atname = "nosuch",
			     .cf_unit = DVUNIT_ANY };
	unsigned long before = bsd_lockdebug_count();

	KUNIT_EXPECT_NULL(test, config_attach_pseudo(&cf));
	EXPECT_REPORT(test, before, "no such driver", "nosuch");
}

static void devsw_misuse_detach_unattached(struct kunit *test)
{
	unsigned long before = bsd_lockdebug_count();

	KUNIT_EXPECT_EQ(test, devsw_detach(NULL, &nbt_cdevsw), ENOENT);
	EXPECT_REPORT(test, before, "switch not attached", "devsw_detach");
}

/*
 * The detach test of issue 6: threads loop over open/read/ioctl/close of
 * unit 0 and fire the device's interrupt line, while its callout and the
 * softint it schedules run, and the device is detached and attached again,
 * 100 times. Every call returns 0 or ENXIO; no entry sees a freed or
 * poisoned softc; nothing hangs.
 */
#define STRESS_ROUNDS	100
#define STRESS_THREADS	8

struct stress {
	atomic_t	stop;
	atomic_t	ok, enxio, other;
	atomic_t	detaches;
};

static void stress_count(struct stress *s, int error)
{
	if (!error)
		atomic_inc(&s->ok);
	else if (error == ENXIO)
		atomic_inc(&s->enxio);
	else
		atomic_inc(&s->other);
}

static void stress_thread(void *arg, unsigned int i)
{
	struct stress *s = arg;
	struct bsd_cdev_kfile *kf;
	char buf[8];
	size_t done;
	int error, n;

	if (i == 0) {
		for (n = 0; n < STRESS_ROUNDS; n++) {
			device_t dev = config_attach_pseudo(&nbt_cfdata);

			if (!dev) {
				atomic_inc(&s->other);
				break;
			}
			usleep_range(2000, 5000);
			if (config_detach(dev, 0) == 0)
				atomic_inc(&s->detaches);
		}
		atomic_set(&s->stop, 1);
		return;
	}
	while (!atomic_read(&s->stop)) {
		kf = bsd_cdev_kopen(nbt_dev(0), BSD_FREAD | BSD_FWRITE,
				    &error);
		stress_count(s, error);
		if (!kf) {
			usleep_range(10, 50);	/* no device: let the others run */
			continue;
		}
		bsd_intrsrc_fire(nbt_src);
		stress_count(s, bsd_cdev_kread(kf, buf, sizeof(buf), &done));
		n = 0;
		stress_count(s, bsd_cdev_kioctl(kf, NBT_ADD, &n));
		stress_count(s, bsd_cdev_kclose(kf));
	}
}

static void detach_stress(struct kunit *test)
{
	struct stress s = { };

	nbt_setup(test, &nbt_cdevsw);
	atomic_set(&nbt_total_intrs, 0);
	atomic_set(&nbt_total_softints, 0);
	atomic_set(&nbt_total_ticks, 0);
	bsd_kunit_run_threads(test, STRESS_THREADS + 1, stress_thread, &s,
			      "nbt_stress", true);
	kunit_info(test, "%d detaches, %d calls ok, %d ENXIO, %d other; handlers: %d interrupts, %d callouts, %d softints\n",
		   atomic_read(&s.detaches), atomic_read(&s.ok),
		   atomic_read(&s.enxio), atomic_read(&s.other),
		   atomic_read(&nbt_total_intrs), atomic_read(&nbt_total_ticks),
		   atomic_read(&nbt_total_softints));
	KUNIT_EXPECT_EQ(test, atomic_read(&s.detaches), STRESS_ROUNDS);
	KUNIT_EXPECT_EQ(test, atomic_read(&s.other), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&s.ok), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&s.enxio), 0);
	nbt_teardown(test, &nbt_cdevsw);
}

static struct kunit_case netbsd_autoconf_cases[] = {
	KUNIT_CASE(autoconf_attach_detach),
	KUNIT_CASE(autoconf_detach_refused),
	KUNIT_CASE(autoconf_detach_waits_for_reference),
	KUNIT_CASE(devsw_calls),
	KUNIT_CASE(devsw_not_mpsafe_kernel_lock),
	KUNIT_CASE(devsw_last_close),
	KUNIT_CASE(devsw_detach_open_file),
	KUNIT_CASE(detach_wakes_sleeper_vdevgone),
	KUNIT_CASE(autoconf_misuse_detach_twice),
	KUNIT_CASE(autoconf_misuse_forced_detach_fails),
	KUNIT_CASE(autoconf_misuse_unknown_driver),
	KUNIT_CASE(autoconf_misuse_detach_leaves_softint),
	KUNIT_CASE(autoconf_handlers_bound),
	KUNIT_CASE(autoconf_nested_child),
	KUNIT_CASE(devsw_misuse_detach_unattached),
	KUNIT_CASE(detach_stress),
	{}
};

static struct kunit_suite netbsd_autoconf_suite = {
	.name = "netbsd_autoconf",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = netbsd_autoconf_cases,
};
kunit_test_suite(netbsd_autoconf_suite);
