// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * fbsddemo: a small driver written against FreeBSD's mutex(9) (sleep and
 * spin mutexes, Giant), sx(9), rwlock(9), sleep(9) and condvar(9), built
 * with nothing but -I bsdcompat/include/freebsd, so that user space can
 * drive those primitives on an SMP machine through a device node. The
 * selftest in tools/selftest checks it.
 *
 * Locks (FreeBSD style):
 *   sc_mtx      sleep mutex (MTX_DEF): sc_mtx_a, sc_mtx_b and both read
 *               queues, whose consumers sleep on it with mtx_sleep() or
 *               cv_wait_sig()
 *   sc_spin     spin mutex (MTX_SPIN): sc_spin_a, sc_spin_b, shared with
 *               the timer interrupt
 *   sc_sx       sx lock: sc_sxs.a, sc_sxs.b (readers may sleep inside)
 *   sc_rw       rw lock: sc_rws.a, sc_rws.b (nobody sleeps inside)
 *   sc_cfg      sx lock: the timer's on/off state (hrtimer_cancel() may
 *               wait, which no mutex holder may do)
 *   Giant       the Giant sections' counters
 * The sx and rw statistics that readers bump are atomics: read sections
 * run side by side.
 *
 * The driver part comes first; the device switch (node /dev/fbsddemo,
 * ioctls only, without Giant) and the module glue, as a FreeBSD driver
 * writes them, sit at the end. Every function returns 0 or a positive
 * FreeBSD errno; the bridge hands the errno to Linux (ERESTART from a
 * sleep that a signal ended becomes -ERESTARTSYS: Linux restarts the call
 * or fails it with EINTR as the handler's SA_RESTART says).
 */
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/sched/signal.h>

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/lock.h>
#include <sys/mutex.h>
#include <sys/sx.h>
#include <sys/rwlock.h>
#include <sys/condvar.h>
#include <sys/proc.h>
#include <sys/conf.h>
#include <sys/module.h>
#include <bsdcompat/lockdebug.h>

#include "fbsddemo_ioctl.h"

#define FBSD_MAX_HOLD_US	1000	/* sx sections: asleep that long */
#define FBSD_MAX_BUSY_US	50	/* rw and spin sections: busy */
#define FBSD_RING		64	/* tokens a read queue holds */

/* What sx and rw sections leave behind; a and b under the lock itself. */
struct fbsd_rwside {
	u64		a, b;
	atomic64_t	torn, writes, reads, upgrades, upgrade_fails;
	atomic_t	readers, max_readers;
};

/* A read queue: a ring of tokens, under sc_mtx. */
struct fbsd_ring {
	u32		data[FBSD_RING];	/* queue 0's wait channel too */
	unsigned int	head, count;
	struct cv	cv;			/* queue 1's consumers wait here */
	int		space;			/* producers wait here when full */
	u64		put, got, sum_put, sum_got;
	u64		sleeps, waiting, interrupted;
};

struct fbsddemo_softc {
	struct mtx	sc_mtx;
	u64		sc_mtx_a, sc_mtx_b, sc_mtx_torn, sc_mtx_sections;
	struct fbsd_ring sc_q[2];

	struct mtx	sc_spin;
	u64		sc_spin_a, sc_spin_b, sc_spin_torn, sc_spin_sections;
	u64		sc_timer_hits;
	struct hrtimer	sc_timer;
	ktime_t		sc_period;

	struct sx	sc_cfg;
	bool		sc_timer_on;

	struct sx	sc_sx;
	struct fbsd_rwside sc_sxs;
	struct rwlock	sc_rw;
	struct fbsd_rwside sc_rws;

	int		sc_gnt_inside;		/* under Giant */
	u64		sc_gnt_sections, sc_gnt_overlaps, sc_gnt_sleeps;
	u64		sc_gnt_lost;

	unsigned long	sc_errors_at_reset;
};

static struct fbsddemo_softc fbsd_sc;

/*
 * A sleep mutex section: read, modify and write one half of the pair with
 * a window in between, in which a second thread inside would lose an update.
 */
static int fbsd_mtx(struct fbsddemo_softc *sc, const struct fbsddemo_run *r)
{
	unsigned int i;
	u64 v;

	for (i = 0; i < r->loops; i++) {
		mtx_lock(&sc->sc_mtx);
		if (sc->sc_mtx_a != sc->sc_mtx_b)
			sc->sc_mtx_torn++;
		v = sc->sc_mtx_a;
		udelay(1);
		sc->sc_mtx_a = v + 1;
		sc->sc_mtx_b++;
		sc->sc_mtx_sections++;
		mtx_unlock(&sc->sc_mtx);
		if (signal_pending(current))
			return EINTR;
		cond_resched();
	}
	return 0;
}

/* The pair both kinds of spin section update: never seen unequal. */
static void fbsd_spin_update(struct fbsddemo_softc *sc)
{
	if (sc->sc_spin_a != sc->sc_spin_b)
		sc->sc_spin_torn++;
	sc->sc_spin_a++;
	udelay(1);
	sc->sc_spin_b++;
}

static int fbsd_spin(struct fbsddemo_softc *sc, const struct fbsddemo_run *r)
{
	unsigned int i;

	for (i = 0; i < r->loops; i++) {
		/* Interrupts are off inside: the timer cannot cut in here. */
		mtx_lock_spin(&sc->sc_spin);
		fbsd_spin_update(sc);
		if (r->hold_us)
			udelay(r->hold_us);
		sc->sc_spin_sections++;
		mtx_unlock_spin(&sc->sc_spin);
		if (signal_pending(current))
			return EINTR;
		cond_resched();
	}
	return 0;
}

/* The interrupt handler: a hard-interrupt hrtimer, as a device's would be. */
static enum hrtimer_restart fbsd_intr(struct hrtimer *t)
{
	struct fbsddemo_softc *sc = container_of(t, struct fbsddemo_softc,
						 sc_timer);

	mtx_lock_spin(&sc->sc_spin);
	fbsd_spin_update(sc);
	sc->sc_timer_hits++;
	mtx_unlock_spin(&sc->sc_spin);
	hrtimer_forward_now(t, sc->sc_period);
	return HRTIMER_RESTART;
}

static int fbsd_timer(struct fbsddemo_softc *sc, u32 period_us)
{
	if (period_us && (period_us < 20 || period_us > 100000))
		return EINVAL;
	sx_xlock(&sc->sc_cfg);
	if (sc->sc_timer_on) {
		hrtimer_cancel(&sc->sc_timer);
		sc->sc_timer_on = false;
	}
	if (period_us) {
		sc->sc_period = ns_to_ktime((u64)period_us * NSEC_PER_USEC);
		sc->sc_timer_on = true;
		hrtimer_start(&sc->sc_timer, sc->sc_period,
			      HRTIMER_MODE_REL_HARD);
	}
	sx_xunlock(&sc->sc_cfg);
	return 0;
}

static void fbsd_max(atomic_t *max, int v)
{
	int old = atomic_read(max);

	while (v > old && !atomic_try_cmpxchg(max, &old, v))
		;
}

/* Time inside a section: asleep where the lock allows it, else busy. */
static void fbsd_hold(unsigned int us, bool may_sleep)
{
	if (!us)
		return;
	if (may_sleep)
		usleep_range(us, 2 * us);
	else
		udelay(us);
}

/* A write section's body, with the lock held exclusively. */
static void fbsd_rw_write(struct fbsd_rwside *s, unsigned int us,
			  bool may_sleep)
{
	if (s->a != s->b)
		atomic64_inc(&s->torn);
	WRITE_ONCE(s->a, s->a + 1);
	fbsd_hold(us, may_sleep);
	WRITE_ONCE(s->b, s->b + 1);
	atomic64_inc(&s->writes);
}

/* A read section's body, with the lock held shared. */
static void fbsd_rw_read(struct fbsd_rwside *s, unsigned int us,
			 bool may_sleep)
{
	fbsd_max(&s->max_readers, atomic_inc_return(&s->readers));
	if (READ_ONCE(s->a) != READ_ONCE(s->b))
		atomic64_inc(&s->torn);
	fbsd_hold(us, may_sleep);
	atomic64_inc(&s->reads);
	atomic_dec(&s->readers);
}

/* After a downgrade: nobody can have written in between. */
static void fbsd_rw_recheck(struct fbsd_rwside *s)
{
	if (READ_ONCE(s->a) != READ_ONCE(s->b))
		atomic64_inc(&s->torn);
}

/*
 * An sx section. Every fourth write section starts as a reader and tries
 * to upgrade; refused (another reader is in), it still holds its shared
 * lock, lets go and writes the plain way. So every write section writes
 * exactly once.
 */
static void fbsd_sx_section(struct fbsddemo_softc *sc, unsigned int i,
			    const struct fbsddemo_run *r)
{
	struct fbsd_rwside *s = &sc->sc_sxs;

	if (!r->writer) {
		sx_slock(&sc->sc_sx);
		fbsd_rw_read(s, r->hold_us, true);	/* readers may sleep */
		sx_sunlock(&sc->sc_sx);
		return;
	}
	if (i % 4 == 3) {
		sx_slock(&sc->sc_sx);
		if (sx_try_upgrade(&sc->sc_sx)) {
			atomic64_inc(&s->upgrades);
			fbsd_rw_write(s, r->hold_us, true);
			sx_downgrade(&sc->sc_sx);
			fbsd_rw_recheck(s);
			sx_sunlock(&sc->sc_sx);
			return;
		}
		atomic64_inc(&s->upgrade_fails);
		sx_sunlock(&sc->sc_sx);
	}
	sx_xlock(&sc->sc_sx);
	fbsd_rw_write(s, r->hold_us, true);
	sx_xunlock(&sc->sc_sx);
}

/* An rw section: as an sx one, but nobody may sleep with the lock held. */
static void fbsd_rw_section(struct fbsddemo_softc *sc, unsigned int i,
			    const struct fbsddemo_run *r)
{
	struct fbsd_rwside *s = &sc->sc_rws;

	if (!r->writer) {
		rw_rlock(&sc->sc_rw);
		fbsd_rw_read(s, r->hold_us, false);
		rw_runlock(&sc->sc_rw);
		return;
	}
	if (i % 4 == 3) {
		rw_rlock(&sc->sc_rw);
		if (rw_try_upgrade(&sc->sc_rw)) {
			atomic64_inc(&s->upgrades);
			fbsd_rw_write(s, r->hold_us, false);
			rw_downgrade(&sc->sc_rw);
			fbsd_rw_recheck(s);
			rw_runlock(&sc->sc_rw);
			return;
		}
		atomic64_inc(&s->upgrade_fails);
		rw_runlock(&sc->sc_rw);
	}
	rw_wlock(&sc->sc_rw);
	fbsd_rw_write(s, r->hold_us, false);
	rw_wunlock(&sc->sc_rw);
}

static int fbsd_sxrw(struct fbsddemo_softc *sc, const struct fbsddemo_run *r,
		     bool sx)
{
	unsigned int i;

	for (i = 0; i < r->loops; i++) {
		if (sx)
			fbsd_sx_section(sc, i, r);
		else
			fbsd_rw_section(sc, i, r);
		if (signal_pending(current))
			return EINTR;
		cond_resched();
	}
	return 0;
}

/*
 * The read path of the USB driver that started the FreeBSD work, as it
 * should have been written: the consumer sleeps on the softc's mutex with
 * mtx_sleep() (queue 0) or cv_wait_sig() (queue 1), never with the mutex
 * held across a plain sleep. A signal ends the wait: the mutex is held
 * again on return, so it is let go before the error (ERESTART, or EINTR
 * for a fatal signal) goes out.
 */
static int fbsd_read_get(struct fbsddemo_softc *sc, struct fbsd_ring *q,
			 unsigned int queue)
{
	int error;

	mtx_lock(&sc->sc_mtx);
	while (!q->count) {
		q->sleeps++;
		q->waiting++;
		if (queue == 0)
			error = mtx_sleep(&q->data, &sc->sc_mtx, PCATCH, "rd",
					  0);
		else
			error = cv_wait_sig(&q->cv, &sc->sc_mtx);
		q->waiting--;
		if (error) {
			q->interrupted++;
			mtx_unlock(&sc->sc_mtx);
			return error;
		}
	}
	q->sum_got += q->data[q->head];
	q->head = (q->head + 1) % FBSD_RING;
	q->count--;
	q->got++;
	/* A producer may wait for room: the ring was full a moment ago. */
	if (q->count == FBSD_RING - 1)
		wakeup(&q->space);
	mtx_unlock(&sc->sc_mtx);
	return 0;
}

static int fbsd_read_put(struct fbsddemo_softc *sc, struct fbsd_ring *q,
			 unsigned int queue, u32 token)
{
	int error;

	mtx_lock(&sc->sc_mtx);
	while (q->count == FBSD_RING) {
		error = mtx_sleep(&q->space, &sc->sc_mtx, PCATCH, "wr", 0);
		if (error) {
			mtx_unlock(&sc->sc_mtx);
			return error;
		}
	}
	q->data[(q->head + q->count) % FBSD_RING] = token;
	q->count++;
	q->put++;
	q->sum_put += token;
	if (queue == 0)
		wakeup_one(&q->data);
	else
		cv_signal(&q->cv);
	mtx_unlock(&sc->sc_mtx);
	return 0;
}

static int fbsd_read(struct fbsddemo_softc *sc,
		     const struct fbsddemo_read *rd)
{
	struct fbsd_ring *q = &sc->sc_q[rd->queue];
	unsigned int i;
	int error;

	for (i = 0; i < rd->items; i++) {
		if (rd->get) {
			error = fbsd_read_get(sc, q, rd->queue);
		} else {
			error = fbsd_read_put(sc, q, rd->queue, i + 1);
			/* Now and then let the consumers run dry and sleep. */
			if (!error && i % 16 == 15)
				pause("fbsdpr", 1);
		}
		if (error)
			return error;
	}
	return 0;
}

/*
 * A section under Giant, taken twice as old code that calls itself does.
 * Every fourth one sleeps in pause(), which gives Giant up (all of it) and
 * takes it back: meanwhile other sections run, but never two at once.
 */
static int fbsd_giant(struct fbsddemo_softc *sc, const struct fbsddemo_run *r)
{
	unsigned int i;

	for (i = 0; i < r->loops; i++) {
		mtx_lock(&Giant);
		mtx_lock(&Giant);
		if (sc->sc_gnt_inside++)
			sc->sc_gnt_overlaps++;
		sc->sc_gnt_sections++;
		if (i % 4 == 3) {
			sc->sc_gnt_inside--;
			sc->sc_gnt_sleeps++;
			pause("gnt", 1);
			if (!mtx_owned(&Giant) || !mtx_recursed(&Giant))
				sc->sc_gnt_lost++;
			if (sc->sc_gnt_inside++)
				sc->sc_gnt_overlaps++;
		}
		sc->sc_gnt_inside--;
		mtx_unlock(&Giant);
		mtx_unlock(&Giant);
		if (signal_pending(current))
			return EINTR;
		cond_resched();
	}
	return 0;
}

static void fbsd_rwside_stats(struct fbsd_rwside *s,
			      struct fbsddemo_rwstats *st)
{
	st->a = s->a;
	st->b = s->b;
	st->torn = atomic64_read(&s->torn);
	st->writes = atomic64_read(&s->writes);
	st->reads = atomic64_read(&s->reads);
	st->upgrades = atomic64_read(&s->upgrades);
	st->upgrade_fails = atomic64_read(&s->upgrade_fails);
	st->max_readers = atomic_read(&s->max_readers);
}

static void fbsd_rwside_reset(struct fbsd_rwside *s)
{
	s->a = s->b = 0;
	atomic64_set(&s->torn, 0);
	atomic64_set(&s->writes, 0);
	atomic64_set(&s->reads, 0);
	atomic64_set(&s->upgrades, 0);
	atomic64_set(&s->upgrade_fails, 0);
	atomic_set(&s->max_readers, 0);
}

static void fbsd_stats(struct fbsddemo_softc *sc, struct fbsddemo_stats *st)
{
	struct fbsd_ring *q;
	int n;

	st->cpus = num_online_cpus();
	mtx_lock(&sc->sc_mtx);
	st->mtx_a = sc->sc_mtx_a;
	st->mtx_b = sc->sc_mtx_b;
	st->mtx_torn = sc->sc_mtx_torn;
	st->mtx_sections = sc->sc_mtx_sections;
	for (n = 0; n < 2; n++) {
		q = &sc->sc_q[n];
		st->q[n].put = q->put;
		st->q[n].got = q->got;
		st->q[n].left = q->count;
		st->q[n].sum_put = q->sum_put;
		st->q[n].sum_got = q->sum_got;
		st->q[n].sleeps = q->sleeps;
		st->q[n].waiting = q->waiting;
		st->q[n].interrupted = q->interrupted;
	}
	mtx_unlock(&sc->sc_mtx);

	mtx_lock_spin(&sc->sc_spin);
	st->spin_a = sc->sc_spin_a;
	st->spin_b = sc->sc_spin_b;
	st->spin_torn = sc->sc_spin_torn;
	st->spin_sections = sc->sc_spin_sections;
	st->timer_hits = sc->sc_timer_hits;
	mtx_unlock_spin(&sc->sc_spin);

	sx_slock(&sc->sc_sx);
	fbsd_rwside_stats(&sc->sc_sxs, &st->sx);
	sx_sunlock(&sc->sc_sx);
	rw_rlock(&sc->sc_rw);
	fbsd_rwside_stats(&sc->sc_rws, &st->rw);
	rw_runlock(&sc->sc_rw);

	mtx_lock(&Giant);
	st->gnt_sections = sc->sc_gnt_sections;
	st->gnt_overlaps = sc->sc_gnt_overlaps;
	st->gnt_sleeps = sc->sc_gnt_sleeps;
	st->gnt_lost = sc->sc_gnt_lost;
	mtx_unlock(&Giant);

	st->lock_errors = bsd_lockdebug_count() - sc->sc_errors_at_reset;
}

/* Consumers asleep keep their place; the rings' contents are dropped. */
static void fbsd_reset(struct fbsddemo_softc *sc)
{
	struct fbsd_ring *q;
	int n;

	mtx_lock(&sc->sc_mtx);
	sc->sc_mtx_a = sc->sc_mtx_b = sc->sc_mtx_torn = 0;
	sc->sc_mtx_sections = 0;
	for (n = 0; n < 2; n++) {
		q = &sc->sc_q[n];
		q->head = q->count = 0;
		q->put = q->got = q->sum_put = q->sum_got = 0;
		q->sleeps = q->interrupted = 0;
	}
	mtx_unlock(&sc->sc_mtx);

	mtx_lock_spin(&sc->sc_spin);
	sc->sc_spin_a = sc->sc_spin_b = sc->sc_spin_torn = 0;
	sc->sc_spin_sections = sc->sc_timer_hits = 0;
	mtx_unlock_spin(&sc->sc_spin);

	sx_xlock(&sc->sc_sx);
	fbsd_rwside_reset(&sc->sc_sxs);
	sx_xunlock(&sc->sc_sx);
	rw_wlock(&sc->sc_rw);
	fbsd_rwside_reset(&sc->sc_rws);
	rw_wunlock(&sc->sc_rw);

	mtx_lock(&Giant);
	sc->sc_gnt_sections = sc->sc_gnt_overlaps = sc->sc_gnt_sleeps = 0;
	sc->sc_gnt_lost = 0;
	mtx_unlock(&Giant);

	sc->sc_errors_at_reset = bsd_lockdebug_count();
}

static void fbsd_attach(struct fbsddemo_softc *sc)
{
	mtx_init(&sc->sc_mtx, "fbsddemo", "fbsddemo softc", MTX_DEF);
	mtx_init(&sc->sc_spin, "fbsddemo intr", "fbsddemo intr", MTX_SPIN);
	cv_init(&sc->sc_q[0].cv, "rd");
	cv_init(&sc->sc_q[1].cv, "rd");
	sx_init(&sc->sc_cfg, "fbsddemo cfg");
	sx_init(&sc->sc_sx, "fbsddemo sx");
	rw_init(&sc->sc_rw, "fbsddemo rw");
	hrtimer_init(&sc->sc_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	sc->sc_timer.function = fbsd_intr;
	sc->sc_errors_at_reset = bsd_lockdebug_count();
}

static void fbsd_detach(struct fbsddemo_softc *sc)
{
	fbsd_timer(sc, 0);
	rw_destroy(&sc->sc_rw);
	sx_destroy(&sc->sc_sx);
	sx_destroy(&sc->sc_cfg);
	cv_destroy(&sc->sc_q[1].cv);
	cv_destroy(&sc->sc_q[0].cv);
	mtx_destroy(&sc->sc_spin);
	mtx_destroy(&sc->sc_mtx);
}

/* ---------------------------------------------------------------------- */
/* The device switch and module(9)                                         */

static d_open_t		fbsddemo_open;
static d_close_t	fbsddemo_close;
static d_ioctl_t	fbsddemo_ioctl;

/*
 * No D_NEEDGIANT: the ioctls run without Giant, so that the sections of
 * several threads overlap and FBSDDEMO_GIANT takes Giant itself.
 */
static struct cdevsw fbsddemo_cdevsw = {
	.d_version	= D_VERSION,
	.d_name		= "fbsddemo",
	.d_open		= fbsddemo_open,
	.d_close	= fbsddemo_close,
	.d_ioctl	= fbsddemo_ioctl,
};

static struct cdev *fbsddemo_dev;

static int fbsddemo_open(struct cdev *dev, int oflags, int devtype,
			 struct thread *td)
{
	/* make_dev() made the node before si_drv1 was set. */
	return dev->si_drv1 ? 0 : ENXIO;
}

static int fbsddemo_close(struct cdev *dev, int fflag, int devtype,
			  struct thread *td)
{
	return 0;
}

/* The bridge copied the argument in (and copies it out): data is ours. */
static int fbsddemo_ioctl(struct cdev *dev, u_long cmd, caddr_t data,
			  int fflag, struct thread *td)
{
	struct fbsddemo_softc *sc = dev->si_drv1;
	struct fbsddemo_run *r = (struct fbsddemo_run *)data;
	struct fbsddemo_read *rd = (struct fbsddemo_read *)data;

	switch (cmd) {
	case FBSDDEMO_MTX:
	case FBSDDEMO_SPIN:
	case FBSDDEMO_SX:
	case FBSDDEMO_RW:
	case FBSDDEMO_GIANT:
		if (r->hold_us > FBSD_MAX_HOLD_US || r->writer > 1)
			return EINVAL;
		/* Busy sections stay short: others spin meanwhile. */
		if ((cmd == FBSDDEMO_SPIN || cmd == FBSDDEMO_RW) &&
		    r->hold_us > FBSD_MAX_BUSY_US)
			return EINVAL;
		if (cmd == FBSDDEMO_MTX)
			return fbsd_mtx(sc, r);
		if (cmd == FBSDDEMO_SPIN)
			return fbsd_spin(sc, r);
		if (cmd == FBSDDEMO_GIANT)
			return fbsd_giant(sc, r);
		return fbsd_sxrw(sc, r, cmd == FBSDDEMO_SX);
	case FBSDDEMO_TIMER:
		/* A command without a size: data holds the argument itself. */
		return fbsd_timer(sc, (u32)*(u_long *)data);
	case FBSDDEMO_READ:
		if (rd->get > 1 || rd->queue > 1)
			return EINVAL;
		return fbsd_read(sc, rd);
	case FBSDDEMO_STATS:
		fbsd_stats(sc, (struct fbsddemo_stats *)data);
		return 0;
	case FBSDDEMO_RESET:
		fbsd_reset(sc);
		return 0;
	default:
		return ENOTTY;
	}
}

static int fbsddemo_modevent(module_t mod, int what, void *arg)
{
	switch (what) {
	case MOD_LOAD:
		fbsd_attach(&fbsd_sc);
		fbsddemo_dev = make_dev(&fbsddemo_cdevsw, 0, UID_ROOT, GID_WHEEL,
					0600, "fbsddemo");
		if (!fbsddemo_dev) {
			fbsd_detach(&fbsd_sc);
			return ENXIO;
		}
		fbsddemo_dev->si_drv1 = &fbsd_sc;
		return 0;
	case MOD_QUIESCE:
		return 0;
	case MOD_UNLOAD:
		/* Waits for the threads still in an entry point. */
		destroy_dev(fbsddemo_dev);
		fbsd_detach(&fbsd_sc);
		return 0;
	default:
		return EOPNOTSUPP;
	}
}

DEV_MODULE(fbsddemo, fbsddemo_modevent, NULL);
MODULE_VERSION(fbsddemo, 1);

MODULE_DESCRIPTION("FreeBSD-style demonstration driver for bsdcompat");
MODULE_LICENSE("Dual BSD/GPL");
MODULE_IMPORT_NS(BSDCOMPAT);
