// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * nbdetach: a NetBSD pseudo-device driver for the detach test of the guest
 * selftest, written against the NetBSD headers only (as a ported driver
 * would be) and built with nothing but -I bsdcompat/include/netbsd. Its
 * Linux glue is MODULE() + MODULE_LICENSE + MODULE_IMPORT_NS.
 *
 * "nbdet" units: a softc with a magic number, a kmutex and a kcondvar, a
 * ring of bytes that a callout (CALLOUT_MPSAFE, every tick) fills and
 * d_read empties (waiting briefly on the condvar for data), d_ioctl
 * (NBDET_INFO), d_open/d_close counting opens. The cdevsw has d_cfdriver,
 * so each call holds a reference on its unit, and D_MPSAFE. An interrupt
 * handler (IST_MPSAFE at IPL_BIO, established in attach, so the unit's
 * gate shuts it out from the start of config_detach()) makes bytes too,
 * into a small buffer under a spin mutex that the callout and d_read
 * empty into the ring. Its line is a bsdcompat software interrupt source,
 * the stand-in for the hardware: the callout raises it every tick, and
 * NBDETCTL_FIRE from user space whenever it likes.
 *
 * "nbdetctl": a second pseudo-device and cdevsw (no d_cfdriver), node
 * /dev/nbdetctl0, whose ioctls attach and detach nbdet0 and read the
 * driver's statistics, which live outside any softc so that they outlive
 * the units they count.
 *
 * Locks:
 *   sc_lock      adaptive, IPL_NONE: the ring, sc_opens, sc_ticks, sc_dying,
 *                and the interlock of sc_cv; the callout takes it too
 *   sc_intr_lock spin, IPL_BIO: sc_ibuf, shared with the interrupt handler;
 *                taken after sc_lock, never the other way
 *
 * The detach rule. config_detach() closes the unit's gate (no new entry),
 * then calls our detach, and waits for the threads still inside an entry
 * point only after that, before it frees the softc. So while
 * nbdet_detach() runs, threads may be anywhere in d_open, d_read, d_ioctl
 * or d_close, asleep on sc_cv or just before their first
 * mutex_enter(&sc->sc_lock). Destroying sc_lock or sc_cv there would hand
 * them a destroyed lock; leaving them alive is no better (config_detach()
 * reports a softc freed with a live lock in it). So the detach does what a
 * NetBSD driver does: mark the softc dying and wake the sleepers under
 * sc_lock, stop the callout (callout_halt) and the interrupt handler
 * (intr_disestablish), then vdevgone(), which returns
 * once no thread is in an entry point of the unit, and only then destroy
 * the condvar and the mutex. Threads woken by the detach see sc_dying and
 * leave with ENXIO; nothing can enter after the gate closed.
 */
#include <sys/param.h>
#include <sys/atomic.h>
#include <sys/callout.h>
#include <sys/condvar.h>
#include <sys/conf.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/ioccom.h>
#include <sys/kernel.h>
#include <sys/mutex.h>
#include <sys/systm.h>
#include <sys/uio.h>
#include <sys/vnode.h>
#include <sys/module.h>

#include <bsdcompat/intr.h>	/* the software line that stands for hardware */

#include "nbdetach_ioctl.h"

#define NBDET_MAGIC	0x6e626474u	/* "nbdt" */
#define NBDET_RING	NBDET_RING_BYTES
#define NBDET_CHUNK	16		/* bytes the callout adds per tick */
#define NBDET_IBUF	NBDET_IBUF_BYTES
#define NBDET_ICHUNK	8		/* bytes the interrupt adds per run */
#define NBDET_READMAX	64		/* bytes one read takes at most */
#define NBDET_WAIT_MS	10		/* how long a read waits for data */

struct nbdet_softc {
	u_int		sc_magic;
	device_t	sc_dev;
	kmutex_t	sc_lock;
	kcondvar_t	sc_cv;		/* data in the ring, or dying */
	callout_t	sc_callout;
	bool		sc_dying;
	void		*sc_ih;		/* the interrupt handler */
	kmutex_t	sc_intr_lock;
	uint8_t		sc_ibuf[NBDET_IBUF];
	u_int		sc_icount;
	uint8_t		sc_inext;
	uint8_t		sc_ring[NBDET_RING];
	u_int		sc_head, sc_count;
	uint8_t		sc_next;	/* the value of the next byte made */
	uint64_t	sc_opens, sc_ticks;
};

/* The driver's counters: outside the softc, so they outlive the units. */
static struct {
	uint64_t produced, consumed, bad_magic, attaches, detaches;
	uint64_t refused, woken, intrs;
	uint64_t opens, reads, ioctls, closes;
} nbdet_stats;

/* One control operation at a time; another one meanwhile gets EBUSY. */
static u_int nbdet_ctl_busy;

static devmajor_t nbdet_cmajor = NODEVMAJOR;
static struct bsd_intrsrc *nbdet_src;	/* the units' interrupt line */

static CFDRIVER_DECL(nbdet, DV_DULL, NULL);
static CFDRIVER_DECL(nbdetctl, DV_DULL, NULL);

static struct cfdata nbdet_cfdata = {
	.cf_name = "nbdet", .cf_atname = "nbdet", .cf_unit = 0,
};

static struct cfdata nbdetctl_cfdata = {
	.cf_name = "nbdetctl", .cf_atname = "nbdetctl", .cf_unit = 0,
};

static void nbdet_bad_magic(void)
{
	atomic_inc_64(&nbdet_stats.bad_magic);
}

/*
 * The start of every entry point: the softc, or NULL (ENXIO) if it is not
 * what it should be. The unit's reference, held by the device switch for
 * the whole call, keeps the softc alive and its locks undestroyed
 * (vdevgone() in the detach waits for it); a freed softc would show as a
 * bad magic number (slub poison) or a KASAN report.
 */
static struct nbdet_softc *nbdet_enter(dev_t dev)
{
	struct nbdet_softc *sc = device_lookup_private(&nbdet_cd, minor(dev));

	if (!sc)
		return NULL;
	if (atomic_load_relaxed(&sc->sc_magic) != NBDET_MAGIC) {
		nbdet_bad_magic();
		return NULL;
	}
	return sc;
}

static void nbdet_leave(struct nbdet_softc *sc)
{
	if (atomic_load_relaxed(&sc->sc_magic) != NBDET_MAGIC)
		nbdet_bad_magic();
}

/* Under sc_lock: is the detach under way? Counts the refusal. */
static bool nbdet_dying(struct nbdet_softc *sc)
{
	if (!sc->sc_dying)
		return false;
	atomic_inc_64(&nbdet_stats.refused);
	return true;
}

static int nbdet_open(dev_t dev, int flag, int mode, struct lwp *l)
{
	struct nbdet_softc *sc = nbdet_enter(dev);

	int error = ENXIO;

	if (!sc)
		return ENXIO;
	mutex_enter(&sc->sc_lock);
	if (!nbdet_dying(sc)) {
		sc->sc_opens++;
		atomic_inc_64(&nbdet_stats.opens);
		error = 0;
	}
	mutex_exit(&sc->sc_lock);
	nbdet_leave(sc);
	return error;
}

static int nbdet_close(dev_t dev, int flag, int mode, struct lwp *l)
{
	struct nbdet_softc *sc = nbdet_enter(dev);

	if (!sc)
		return ENXIO;
	atomic_inc_64(&nbdet_stats.closes);
	nbdet_leave(sc);
	return 0;
}

/* Under sc_lock: move what the interrupt handler made into the ring. */
static void nbdet_reap(struct nbdet_softc *sc)
{
	u_int i, n;

	mutex_spin_enter(&sc->sc_intr_lock);
	n = MIN(sc->sc_icount, NBDET_RING - sc->sc_count);
	for (i = 0; i < n; i++) {
		sc->sc_ring[(sc->sc_head + sc->sc_count) % NBDET_RING] =
			sc->sc_ibuf[i];
		sc->sc_count++;
	}
	sc->sc_icount -= n;
	memmove(sc->sc_ibuf, sc->sc_ibuf + n, sc->sc_icount);
	mutex_spin_exit(&sc->sc_intr_lock);
}

/*
 * Up to NBDET_READMAX bytes from the ring. An empty ring is waited on for
 * NBDET_WAIT_MS at most, then the read returns nothing; a dying softc ends
 * the wait (the detach broadcasts) and the read fails with ENXIO.
 */
static int nbdet_read(dev_t dev, struct uio *uio, int flag)
{
	struct nbdet_softc *sc = nbdet_enter(dev);
	uint8_t buf[NBDET_READMAX];
	bool waited = false;
	size_t n, i;
	int error;

	if (!sc)
		return ENXIO;
	atomic_inc_64(&nbdet_stats.reads);
	mutex_enter(&sc->sc_lock);
	nbdet_reap(sc);
	while (sc->sc_count == 0 && !sc->sc_dying) {
		waited = true;
		if (cv_timedwait(&sc->sc_cv, &sc->sc_lock,
				 mstohz(NBDET_WAIT_MS)) == EWOULDBLOCK)
			break;
	}
	if (sc->sc_dying) {
		mutex_exit(&sc->sc_lock);
		atomic_inc_64(waited ? &nbdet_stats.woken :
			      &nbdet_stats.refused);
		nbdet_leave(sc);
		return ENXIO;
	}
	n = MIN(sc->sc_count, MIN(uio->uio_resid, sizeof(buf)));
	for (i = 0; i < n; i++) {
		buf[i] = sc->sc_ring[sc->sc_head];
		sc->sc_head = (sc->sc_head + 1) % NBDET_RING;
	}
	sc->sc_count -= n;
	mutex_exit(&sc->sc_lock);
	atomic_add_64(&nbdet_stats.consumed, n);
	/* uiomove() may fault and sleep: not under sc_lock. */
	error = uiomove(buf, n, uio);
	nbdet_leave(sc);
	return error;
}

static int nbdet_ioctl(dev_t dev, u_long cmd, void *data, int flag,
		       struct lwp *l)
{
	struct nbdet_softc *sc = nbdet_enter(dev);
	struct nbdet_info *info = data;
	int error = 0;

	if (!sc)
		return ENXIO;
	switch (cmd) {
	case NBDET_INFO:
		mutex_enter(&sc->sc_lock);
		if (nbdet_dying(sc)) {
			mutex_exit(&sc->sc_lock);
			error = ENXIO;
			break;
		}
		atomic_inc_64(&nbdet_stats.ioctls);
		info->opens = sc->sc_opens;
		info->ticks = sc->sc_ticks;
		info->queued = sc->sc_count;
		mutex_exit(&sc->sc_lock);
		info->unit = device_unit(sc->sc_dev);
		break;
	default:
		error = ENOTTY;
	}
	nbdet_leave(sc);
	return error;
}

/*
 * The interrupt handler: hard interrupt context, at IPL_BIO, entered
 * through the unit's gate (it is not called once config_detach() began).
 */
static int nbdet_intr(void *arg)
{
	struct nbdet_softc *sc = arg;
	u_int i;

	if (atomic_load_relaxed(&sc->sc_magic) != NBDET_MAGIC) {
		nbdet_bad_magic();
		return 0;
	}
	mutex_spin_enter(&sc->sc_intr_lock);
	for (i = 0; i < NBDET_ICHUNK && sc->sc_icount < NBDET_IBUF; i++)
		sc->sc_ibuf[sc->sc_icount++] = sc->sc_inext++;
	mutex_spin_exit(&sc->sc_intr_lock);
	atomic_add_64(&nbdet_stats.produced, i);
	atomic_inc_64(&nbdet_stats.intrs);
	return 1;
}

/*
 * The callout: take in what the interrupt made, add a chunk of bytes,
 * wake the readers, raise the interrupt line, come back.
 */
static void nbdet_tick(void *arg)
{
	struct nbdet_softc *sc = arg;
	u_int i;

	if (atomic_load_relaxed(&sc->sc_magic) != NBDET_MAGIC) {
		nbdet_bad_magic();
		return;
	}
	mutex_enter(&sc->sc_lock);
	sc->sc_ticks++;
	nbdet_reap(sc);
	for (i = 0; i < NBDET_CHUNK && sc->sc_count < NBDET_RING; i++) {
		sc->sc_ring[(sc->sc_head + sc->sc_count) % NBDET_RING] =
			sc->sc_next++;
		sc->sc_count++;
	}
	atomic_add_64(&nbdet_stats.produced, i);
	cv_broadcast(&sc->sc_cv);
	/* The detach sets sc_dying under sc_lock before it halts us. */
	if (!sc->sc_dying)
		callout_schedule(&sc->sc_callout, 1);
	mutex_exit(&sc->sc_lock);
	bsd_intrsrc_fire(nbdet_src);
}

static void nbdet_attach(device_t parent, device_t self, void *aux)
{
	struct nbdet_softc *sc = device_private(self);

	sc->sc_dev = self;
	mutex_init(&sc->sc_lock, MUTEX_DEFAULT, IPL_NONE);
	mutex_init(&sc->sc_intr_lock, MUTEX_DEFAULT, IPL_BIO);
	cv_init(&sc->sc_cv, "nbdetrd");
	callout_init(&sc->sc_callout, CALLOUT_MPSAFE);
	callout_setfunc(&sc->sc_callout, nbdet_tick, sc);
	/* Entry points check the magic first: set it before they can come. */
	atomic_store_release(&sc->sc_magic, NBDET_MAGIC);
	/* Established in attach: bound to the unit's gate. */
	sc->sc_ih = intr_establish_xname(bsd_intrsrc_irq(nbdet_src), IPL_BIO,
					 IST_EDGE | IST_MPSAFE, nbdet_intr, sc,
					 device_xname(self));
	if (!sc->sc_ih)
		aprint_error_dev(self, "no interrupt handler\n");
	callout_schedule(&sc->sc_callout, 1);
	atomic_inc_64(&nbdet_stats.attaches);
	aprint_normal_dev(self, "detach test pseudo-device\n");
}

/*
 * See "The detach rule" at the top: wake the sleepers, stop the callout,
 * wait with vdevgone() for the threads inside, and only then destroy the
 * condvar and the mutex. config_detach() frees the softc.
 */
static int nbdet_detach(device_t self, int flags)
{
	struct nbdet_softc *sc = device_private(self);

	mutex_enter(&sc->sc_lock);
	sc->sc_dying = true;
	cv_broadcast(&sc->sc_cv);
	mutex_exit(&sc->sc_lock);

	callout_halt(&sc->sc_callout, NULL);
	callout_destroy(&sc->sc_callout);
	if (sc->sc_ih)
		intr_disestablish(sc->sc_ih);

	vdevgone(nbdet_cmajor, device_unit(self), device_unit(self), VCHR);

	cv_destroy(&sc->sc_cv);
	mutex_destroy(&sc->sc_intr_lock);
	mutex_destroy(&sc->sc_lock);
	atomic_inc_64(&nbdet_stats.detaches);
	return 0;
}

static CFATTACH_DECL_NEW(nbdet, sizeof(struct nbdet_softc), NULL,
			 nbdet_attach, nbdet_detach, NULL);

static const struct cdevsw nbdet_cdevsw = {
	.d_open = nbdet_open, .d_close = nbdet_close, .d_read = nbdet_read,
	.d_write = nowrite, .d_ioctl = nbdet_ioctl, .d_stop = nostop,
	.d_tty = notty, .d_poll = nopoll, .d_mmap = nommap,
	.d_kqfilter = nokqfilter, .d_discard = nodiscard,
	.d_cfdriver = &nbdet_cd, .d_flag = D_OTHER | D_MPSAFE,
};

/* ---------------------------------------------------------------------- */
/* The control device                                                      */

static void nbdetctl_attach(device_t parent, device_t self, void *aux)
{
	aprint_normal_dev(self, "nbdet control\n");
}

static int nbdetctl_detach(device_t self, int flags)
{
	return 0;
}

static CFATTACH_DECL_NEW(nbdetctl, 0, NULL, nbdetctl_attach,
			 nbdetctl_detach, NULL);

static void nbdetctl_stats(struct nbdet_stats *st)
{
	st->produced = atomic_load_relaxed(&nbdet_stats.produced);
	st->consumed = atomic_load_relaxed(&nbdet_stats.consumed);
	st->bad_magic = atomic_load_relaxed(&nbdet_stats.bad_magic);
	st->attaches = atomic_load_relaxed(&nbdet_stats.attaches);
	st->detaches = atomic_load_relaxed(&nbdet_stats.detaches);
	st->refused = atomic_load_relaxed(&nbdet_stats.refused);
	st->woken = atomic_load_relaxed(&nbdet_stats.woken);
	st->intrs = atomic_load_relaxed(&nbdet_stats.intrs);
	st->opens = atomic_load_relaxed(&nbdet_stats.opens);
	st->reads = atomic_load_relaxed(&nbdet_stats.reads);
	st->ioctls = atomic_load_relaxed(&nbdet_stats.ioctls);
	st->closes = atomic_load_relaxed(&nbdet_stats.closes);
}

static void nbdetctl_reset(void)
{
	atomic_store_relaxed(&nbdet_stats.produced, 0);
	atomic_store_relaxed(&nbdet_stats.consumed, 0);
	atomic_store_relaxed(&nbdet_stats.bad_magic, 0);
	atomic_store_relaxed(&nbdet_stats.attaches, 0);
	atomic_store_relaxed(&nbdet_stats.detaches, 0);
	atomic_store_relaxed(&nbdet_stats.refused, 0);
	atomic_store_relaxed(&nbdet_stats.woken, 0);
	atomic_store_relaxed(&nbdet_stats.intrs, 0);
	atomic_store_relaxed(&nbdet_stats.opens, 0);
	atomic_store_relaxed(&nbdet_stats.reads, 0);
	atomic_store_relaxed(&nbdet_stats.ioctls, 0);
	atomic_store_relaxed(&nbdet_stats.closes, 0);
}

static int nbdetctl_ioctl(dev_t dev, u_long cmd, void *data, int flag,
			  struct lwp *l)
{
	device_t self;
	int error = 0;

	switch (cmd) {
	case NBDETCTL_STATS:
		nbdetctl_stats(data);
		return 0;
	case NBDETCTL_RESET:
		nbdetctl_reset();
		return 0;
	case NBDETCTL_FIRE:
		bsd_intrsrc_fire(nbdet_src);
		return 0;
	case NBDETCTL_ATTACH:
	case NBDETCTL_DETACH:
		break;
	default:
		return ENOTTY;
	}
	if (atomic_cas_uint(&nbdet_ctl_busy, 0, 1) != 0)
		return EBUSY;
	/*
	 * device_lookup() takes no reference: only this thread attaches or
	 * detaches, so what it finds stays until it detaches it itself.
	 */
	self = device_lookup(&nbdet_cd, 0);
	if (cmd == NBDETCTL_ATTACH) {
		if (self)
			error = EBUSY;
		else if (!config_attach_pseudo(&nbdet_cfdata))
			error = ENXIO;
	} else {
		error = self ? config_detach(self, DETACH_QUIET) : ENXIO;
	}
	atomic_store_release(&nbdet_ctl_busy, 0);
	return error;
}

static const struct cdevsw nbdetctl_cdevsw = {
	.d_open = nullopen, .d_close = nullclose, .d_read = noread,
	.d_write = nowrite, .d_ioctl = nbdetctl_ioctl, .d_stop = nostop,
	.d_tty = notty, .d_poll = nopoll, .d_mmap = nommap,
	.d_kqfilter = nokqfilter, .d_discard = nodiscard,
	.d_flag = D_OTHER | D_MPSAFE,
};

/* ---------------------------------------------------------------------- */
/* module(9)                                                               */

MODULE(MODULE_CLASS_DRIVER, nbdetach, NULL);

static void nbdetach_fini(void)
{
	device_t self;

	/* Control calls first, so that none attaches what we detach next. */
	devsw_detach(NULL, &nbdetctl_cdevsw);
	self = device_lookup(&nbdet_cd, 0);
	if (self)
		config_detach(self, DETACH_QUIET);
	self = device_lookup(&nbdetctl_cd, 0);
	if (self)
		config_detach(self, DETACH_QUIET);
	devsw_detach(NULL, &nbdet_cdevsw);
	config_cfattach_detach("nbdetctl", &nbdetctl_ca);
	config_cfdriver_detach(&nbdetctl_cd);
	config_cfattach_detach("nbdet", &nbdet_ca);
	config_cfdriver_detach(&nbdet_cd);
	bsd_intrsrc_destroy(nbdet_src);
}

static int nbdetach_init(void)
{
	devmajor_t bmajor = NODEVMAJOR;
	devmajor_t ctl_bmajor = NODEVMAJOR, ctl_cmajor = NODEVMAJOR;
	int error;

	nbdet_src = bsd_intrsrc_create("nbdet");
	if (!nbdet_src)
		return ENOMEM;
	error = config_cfdriver_attach(&nbdet_cd);
	if (error)
		goto fail_src;
	error = config_cfattach_attach("nbdet", &nbdet_ca);
	if (error) {
		config_cfdriver_detach(&nbdet_cd);
		goto fail_src;
	}
	/* The control switch finds its driver by name: register it first. */
	error = config_cfdriver_attach(&nbdetctl_cd);
	if (error)
		goto fail_nbdet;
	error = config_cfattach_attach("nbdetctl", &nbdetctl_ca);
	if (error) {
		config_cfdriver_detach(&nbdetctl_cd);
		goto fail_nbdet;
	}
	error = devsw_attach("nbdet", NULL, &bmajor, &nbdet_cdevsw,
			     &nbdet_cmajor);
	if (error)
		goto fail_ctl;
	error = devsw_attach("nbdetctl", NULL, &ctl_bmajor, &nbdetctl_cdevsw,
			     &ctl_cmajor);
	if (error) {
		devsw_detach(NULL, &nbdet_cdevsw);
		goto fail_ctl;
	}
	if (!config_attach_pseudo(&nbdetctl_cfdata) ||
	    !config_attach_pseudo(&nbdet_cfdata)) {
		nbdetach_fini();
		return ENXIO;
	}
	return 0;

fail_ctl:
	config_cfattach_detach("nbdetctl", &nbdetctl_ca);
	config_cfdriver_detach(&nbdetctl_cd);
fail_nbdet:
	config_cfattach_detach("nbdet", &nbdet_ca);
	config_cfdriver_detach(&nbdet_cd);
fail_src:
	bsd_intrsrc_destroy(nbdet_src);
	return error;
}

static int nbdetach_modcmd(modcmd_t cmd, void *arg)
{
	switch (cmd) {
	case MODULE_CMD_INIT:
		return nbdetach_init();
	case MODULE_CMD_FINI:
		nbdetach_fini();
		return 0;
	default:
		return ENOTTY;
	}
}

MODULE_DESCRIPTION("NetBSD pseudo-device for bsdcompat's detach test");
MODULE_LICENSE("Dual BSD/GPL");
MODULE_IMPORT_NS(BSDCOMPAT);
