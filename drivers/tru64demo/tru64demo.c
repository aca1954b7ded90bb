// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * tru64demo: a small driver written against Digital UNIX's simple locks,
 * spl, complex locks, funnels and mpsleep()/wakeup(), built with nothing but
 * -I bsdcompat/include/tru64, so that user space can drive those primitives
 * on an SMP machine through a device node. The selftest in tools/selftest
 * checks it.
 *
 * Locks (Digital UNIX style):
 *   sc_slock    simple lock, taken at splbio: sc_sl_a, sc_sl_b, shared with
 *               the timer interrupt
 *   sc_clock    complex lock: sc_cl_a, sc_cl_b (the statistics are atomics:
 *               read sections run side by side)
 *   funnel      the funneled section's counters
 *   sc_qlock    simple lock, the mpsleep() interlock of the token queue
 *
 * The driver part comes first, then its device switch entry (struct dsent,
 * registered with devsw_add(): node /dev/tru64demo0) and its configure
 * routine. Entry points return positive errnos, as on Digital UNIX; the
 * bridge copies ioctl arguments in and out.
 */
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/module.h>
#include <linux/sched/signal.h>

#include <kern/lock.h>
#include <machine/cpu.h>
#include <sys/conf.h>
#include <sys/param.h>
#include <sys/proc.h>
#include <sys/systm.h>
#include <bsdcompat/lockdebug.h>

#include "tru64demo_ioctl.h"

#define T64_MAX_HOLD_US	1000

struct tru64demo_softc {
	decl_simple_lock_data(, sc_slock);
	u64		sc_sl_a, sc_sl_b, sc_sl_torn, sc_sl_sections;
	u64		sc_timer_hits;
	struct hrtimer	sc_timer;
	ktime_t		sc_period;
	bool		sc_timer_on;

	lock_data_t	sc_clock;
	u64		sc_cl_a, sc_cl_b;
	atomic64_t	sc_cl_torn, sc_cl_writes, sc_cl_reads;
	atomic64_t	sc_cl_upgrades, sc_cl_upgrade_fails;
	atomic_t	sc_cl_readers, sc_cl_max_readers;

	int		sc_fn_inside;		/* funneled */
	u64		sc_fn_calls, sc_fn_off_master, sc_fn_overlaps;
	u64		sc_fn_sleeps;

	decl_simple_lock_data(, sc_qlock);
	u64		sc_q_put, sc_q_get, sc_q_left, sc_q_sleeps;

	unsigned long	sc_errors_at_reset;
};

static struct tru64demo_softc t64_sc;

/* The pair two kinds of section update: never seen unequal under the lock. */
static void t64_sl_update(struct tru64demo_softc *sc)
{
	if (sc->sc_sl_a != sc->sc_sl_b)
		sc->sc_sl_torn++;
	sc->sc_sl_a++;
	udelay(1);
	sc->sc_sl_b++;
}

static int t64_slock(struct tru64demo_softc *sc, const struct tru64demo_run *r)
{
	unsigned int i;
	int s;

	for (i = 0; i < r->loops; i++) {
		s = splbio();
		simple_lock(&sc->sc_slock);
		t64_sl_update(sc);
		sc->sc_sl_sections++;
		simple_unlock(&sc->sc_slock);
		splx(s);
		if (signal_pending(current))
			return EINTR;
		cond_resched();
	}
	return 0;
}

static enum hrtimer_restart t64_intr(struct hrtimer *t)
{
	struct tru64demo_softc *sc = container_of(t, struct tru64demo_softc,
						  sc_timer);

	simple_lock(&sc->sc_slock);
	t64_sl_update(sc);
	sc->sc_timer_hits++;
	simple_unlock(&sc->sc_slock);
	hrtimer_forward_now(t, sc->sc_period);
	return HRTIMER_RESTART;
}

/* Only ioctl callers touch sc_timer_on; the funnel serialises them. */
static int t64_timer_funneled(void *arg)
{
	struct tru64demo_softc *sc = &t64_sc;
	u32 period_us = (unsigned long)arg;

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
	return 0;
}

static int t64_timer(u32 period_us)
{
	if (period_us && (period_us < 20 || period_us > 100000))
		return EINVAL;
	return tru64_funnel_call(t64_timer_funneled,
				 (void *)(unsigned long)period_us);
}

static void t64_max(atomic_t *max, int v)
{
	int old = atomic_read(max);

	while (v > old && !atomic_try_cmpxchg(max, &old, v))
		;
}

/* A read section; every eighth one tries to upgrade and write. */
static void t64_clock_read(struct tru64demo_softc *sc, unsigned int i,
			   unsigned int hold_us)
{
	lock_read(&sc->sc_clock);
	t64_max(&sc->sc_cl_max_readers, atomic_inc_return(&sc->sc_cl_readers));
	if (READ_ONCE(sc->sc_cl_a) != READ_ONCE(sc->sc_cl_b))
		atomic64_inc(&sc->sc_cl_torn);
	if (hold_us)
		usleep_range(hold_us, 2 * hold_us);	/* readers may sleep */
	atomic64_inc(&sc->sc_cl_reads);
	atomic_dec(&sc->sc_cl_readers);
	if (i % 8 != 7) {
		lock_done(&sc->sc_clock);
		return;
	}
	if (lock_read_to_write(&sc->sc_clock)) {
		/* Failed: someone else upgrades; our read hold is gone. */
		atomic64_inc(&sc->sc_cl_upgrade_fails);
		return;
	}
	atomic64_inc(&sc->sc_cl_upgrades);
	sc->sc_cl_a++;
	sc->sc_cl_b++;
	atomic64_inc(&sc->sc_cl_writes);
	lock_write_to_read(&sc->sc_clock);
	if (READ_ONCE(sc->sc_cl_a) != READ_ONCE(sc->sc_cl_b))
		atomic64_inc(&sc->sc_cl_torn);
	lock_done(&sc->sc_clock);
}

static int t64_clock(struct tru64demo_softc *sc, const struct tru64demo_run *r)
{
	unsigned int i;

	for (i = 0; i < r->loops; i++) {
		if (r->writer) {
			lock_write(&sc->sc_clock);
			if (sc->sc_cl_a != sc->sc_cl_b)
				atomic64_inc(&sc->sc_cl_torn);
			WRITE_ONCE(sc->sc_cl_a, sc->sc_cl_a + 1);
			if (r->hold_us)
				usleep_range(r->hold_us, 2 * r->hold_us);
			WRITE_ONCE(sc->sc_cl_b, sc->sc_cl_b + 1);
			atomic64_inc(&sc->sc_cl_writes);
			lock_done(&sc->sc_clock);
		} else {
			t64_clock_read(sc, i, r->hold_us);
		}
		if (signal_pending(current))
			return EINTR;
		cond_resched();
	}
	return 0;
}

/*
 * A funneled section: on the master CPU, alone. Every fourth one sleeps in
 * mpsleep(), which gives the funnel up: the others run meanwhile.
 */
static int t64_funneled(void *arg)
{
	struct tru64demo_softc *sc = &t64_sc;
	const struct tru64demo_run *r = arg;
	int chan;

	if (sc->sc_fn_inside++)
		sc->sc_fn_overlaps++;
	if (raw_smp_processor_id() != TRU64_MASTER_CPU)
		sc->sc_fn_off_master++;
	sc->sc_fn_calls++;
	if (r->hold_us && sc->sc_fn_calls % 4 == 0) {
		sc->sc_fn_inside--;
		sc->sc_fn_sleeps++;
		mpsleep(&chan, 0, "t64fun", 1, NULL, 0);
		if (raw_smp_processor_id() != TRU64_MASTER_CPU)
			sc->sc_fn_off_master++;
		if (sc->sc_fn_inside++)
			sc->sc_fn_overlaps++;
	}
	sc->sc_fn_inside--;
	return 0;
}

static int t64_funnel(const struct tru64demo_run *r)
{
	unsigned int i;

	for (i = 0; i < r->loops; i++) {
		tru64_funnel_call(t64_funneled, (void *)r);
		if (signal_pending(current))
			return EINTR;
		cond_resched();
	}
	return 0;
}

/*
 * The token queue. A consumer sleeps with mpsleep() and the queue's simple
 * lock as interlock, retaken on success only: on a signal it returns EINTR
 * without the lock, as Digital UNIX's default asks.
 */
static int t64_queue(struct tru64demo_softc *sc,
		     const struct tru64demo_queue *q)
{
	unsigned int i;
	int error;

	for (i = 0; i < q->items; i++) {
		simple_lock(&sc->sc_qlock);
		if (!q->get) {
			sc->sc_q_put++;
			sc->sc_q_left++;
			simple_unlock(&sc->sc_qlock);
			wakeup(&sc->sc_q_left);
			/* Now and then let the consumers run dry and sleep. */
			if (i % 16 == 15)
				usleep_range(50, 100);
			continue;
		}
		while (!sc->sc_q_left) {
			sc->sc_q_sleeps++;
			error = mpsleep(&sc->sc_q_left, PCATCH, "t64q", 0,
					&sc->sc_qlock, MS_LOCK_SIMPLE);
			if (error)
				return EINTR;
		}
		sc->sc_q_left--;
		sc->sc_q_get++;
		simple_unlock(&sc->sc_qlock);
	}
	return 0;
}

static void t64_stats(struct tru64demo_softc *sc, struct tru64demo_stats *st)
{
	int s;

	st->cpus = num_online_cpus();
	s = splbio();
	simple_lock(&sc->sc_slock);
	st->sl_a = sc->sc_sl_a;
	st->sl_b = sc->sc_sl_b;
	st->sl_torn = sc->sc_sl_torn;
	st->sl_sections = sc->sc_sl_sections;
	st->timer_hits = sc->sc_timer_hits;
	simple_unlock(&sc->sc_slock);
	splx(s);

	lock_read(&sc->sc_clock);
	st->cl_a = sc->sc_cl_a;
	st->cl_b = sc->sc_cl_b;
	lock_done(&sc->sc_clock);
	st->cl_torn = atomic64_read(&sc->sc_cl_torn);
	st->cl_writes = atomic64_read(&sc->sc_cl_writes);
	st->cl_reads = atomic64_read(&sc->sc_cl_reads);
	st->cl_upgrades = atomic64_read(&sc->sc_cl_upgrades);
	st->cl_upgrade_fails = atomic64_read(&sc->sc_cl_upgrade_fails);
	st->cl_max_readers = atomic_read(&sc->sc_cl_max_readers);

	unix_master();
	st->fn_calls = sc->sc_fn_calls;
	st->fn_off_master = sc->sc_fn_off_master;
	st->fn_overlaps = sc->sc_fn_overlaps;
	st->fn_sleeps = sc->sc_fn_sleeps;
	unix_release();

	simple_lock(&sc->sc_qlock);
	st->q_put = sc->sc_q_put;
	st->q_get = sc->sc_q_get;
	st->q_left = sc->sc_q_left;
	st->q_sleeps = sc->sc_q_sleeps;
	simple_unlock(&sc->sc_qlock);

	st->lock_errors = bsd_lockdebug_count() - sc->sc_errors_at_reset;
}

static void t64_reset(struct tru64demo_softc *sc)
{
	int s;

	s = splbio();
	simple_lock(&sc->sc_slock);
	sc->sc_sl_a = sc->sc_sl_b = sc->sc_sl_torn = sc->sc_sl_sections = 0;
	sc->sc_timer_hits = 0;
	simple_unlock(&sc->sc_slock);
	splx(s);

	lock_write(&sc->sc_clock);
	sc->sc_cl_a = sc->sc_cl_b = 0;
	atomic64_set(&sc->sc_cl_torn, 0);
	atomic64_set(&sc->sc_cl_writes, 0);
	atomic64_set(&sc->sc_cl_reads, 0);
	atomic64_set(&sc->sc_cl_upgrades, 0);
	atomic64_set(&sc->sc_cl_upgrade_fails, 0);
	atomic_set(&sc->sc_cl_max_readers, 0);
	lock_done(&sc->sc_clock);

	unix_master();
	sc->sc_fn_calls = sc->sc_fn_off_master = sc->sc_fn_overlaps = 0;
	sc->sc_fn_sleeps = 0;
	unix_release();

	simple_lock(&sc->sc_qlock);
	sc->sc_q_put = sc->sc_q_get = sc->sc_q_left = sc->sc_q_sleeps = 0;
	simple_unlock(&sc->sc_qlock);

	sc->sc_errors_at_reset = bsd_lockdebug_count();
}

static void t64_attach(struct tru64demo_softc *sc)
{
	simple_lock_init(&sc->sc_slock);
	lock_init(&sc->sc_clock, TRUE);
	simple_lock_init(&sc->sc_qlock);
	hrtimer_init(&sc->sc_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	sc->sc_timer.function = t64_intr;
	sc->sc_errors_at_reset = bsd_lockdebug_count();
}

static void t64_detach(struct tru64demo_softc *sc)
{
	t64_timer(0);
	simple_lock_terminate(&sc->sc_qlock);
	lock_terminate(&sc->sc_clock);
	simple_lock_terminate(&sc->sc_slock);
}

/* ---------------------------------------------------------------------- */
/* Device switch entry points                                             */

static int t64_open(dev_t dev, int flag, int format)
{
	return minor(dev) == 0 ? 0 : ENXIO;
}

static int t64_close(dev_t dev, int flag, int format)
{
	return 0;
}

/*
 * The bridge has copied the argument in (and copies it out after us) by
 * the command's size, so data is a kernel pointer, as on Digital UNIX. A
 * command without a size gets the raw argument in data.
 */
static int t64_ioctl(dev_t dev, unsigned int cmd, caddr_t data, int flag)
{
	struct tru64demo_softc *sc = &t64_sc;
	struct tru64demo_queue *q;
	struct tru64demo_run *r;

	switch (cmd) {
	case TRU64DEMO_SLOCK:
	case TRU64DEMO_CLOCK:
	case TRU64DEMO_FUNNEL:
		r = (struct tru64demo_run *)data;
		if (r->hold_us > T64_MAX_HOLD_US || r->writer > 1)
			return EINVAL;
		if (cmd == TRU64DEMO_SLOCK)
			return t64_slock(sc, r);
		if (cmd == TRU64DEMO_CLOCK)
			return t64_clock(sc, r);
		return t64_funnel(r);
	case TRU64DEMO_TIMER:
		return t64_timer((u32)*(unsigned long *)data);
	case TRU64DEMO_QUEUE:
		q = (struct tru64demo_queue *)data;
		if (q->get > 1)
			return EINVAL;
		return t64_queue(sc, q);
	case TRU64DEMO_STATS:
		t64_stats(sc, (struct tru64demo_stats *)data);
		return 0;
	case TRU64DEMO_RESET:
		t64_reset(sc);
		return 0;
	default:
		return ENOTTY;
	}
}

/*
 * DEV_FUNNEL_NULL: the driver locks for itself, and its ioctls run
 * unfunneled; the funnel scenario and the timer funnel themselves.
 */
static struct dsent t64_dsent = {
	.d_open		= t64_open,
	.d_close	= t64_close,
	.d_ioctl	= t64_ioctl,
	.d_funnel	= DEV_FUNNEL_NULL,
};

/* ---------------------------------------------------------------------- */
/* Configuration                                                          */

/*
 * Digital UNIX has no module macro: a loadable driver names a configure
 * routine, which the kernel calls with CFG_OP_CONFIGURE at load and
 * CFG_OP_UNCONFIGURE at unload (<sys/sysconfig.h>, with attribute tables
 * bsdcompat does not provide). module_init() and module_exit() below stand
 * in for that call; the operation codes are the driver's own.
 */
#define T64_CFG_OP_CONFIGURE	1
#define T64_CFG_OP_UNCONFIGURE	2

static int tru64demo_configure(int op)
{
	struct tru64demo_softc *sc = &t64_sc;
	int error;

	switch (op) {
	case T64_CFG_OP_CONFIGURE:
		t64_attach(sc);
		if (devsw_add("tru64demo", MAJ_CHAR, NODEV, &t64_dsent) ==
		    (int)NODEV) {
			t64_detach(sc);
			return ENODEV;
		}
		return 0;
	case T64_CFG_OP_UNCONFIGURE:
		/* Waits until no thread is left in an entry point. */
		error = devsw_del("tru64demo", MAJ_CHAR);
		t64_detach(sc);
		return error;
	default:
		return EINVAL;
	}
}

static int __init t64_init(void)
{
	return -tru64demo_configure(T64_CFG_OP_CONFIGURE);
}

static void __exit t64_exit(void)
{
	int error = tru64demo_configure(T64_CFG_OP_UNCONFIGURE);

	if (error)
		pr_err("tru64demo: unconfigure: error %d\n", error);
}

module_init(t64_init);
module_exit(t64_exit);

MODULE_DESCRIPTION("Digital UNIX-style demonstration driver for bsdcompat");
MODULE_LICENSE("Dual BSD/GPL");
MODULE_IMPORT_NS(BSDCOMPAT);
