// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * lockdemo: a small driver written against NetBSD's mutex(9), spl(9),
 * rwlock(9), condvar(9), tsleep(9) and KERNEL_LOCK(9),
 * built with nothing but -I bsdcompat/include/netbsd, so that user space can
 * drive those primitives on a real (or QEMU) SMP machine through a device
 * node. `make run` shows it; the selftest in tools/selftest checks it.
 *
 * It is a pseudo-device, as on NetBSD: module(9) registers the autoconf
 * driver and the cdevsw (devsw_attach) and attaches unit 0, whose node is
 * /dev/lockdemo0. The cdevsw is D_MPSAFE (the ioctls run without the kernel
 * lock, and take it themselves where a test needs it) and names the driver
 * in d_cfdriver, so every call holds a reference on the unit. The ioctl
 * entry point gets the argument in the kernel (the bridge copies it in and
 * out by the command's size) and returns BSD errnos. Linux headers stay
 * only for what the tests themselves use: the hrtimer that plays the
 * interrupt, delays, allocations, signal checks.
 *
 * Locks (NetBSD style):
 *   sc_lock       adaptive: sc_count, the timer switch, the object set
 *   sc_intr_lock  spin at IPL_VM: sc_a, sc_b, shared with the timer interrupt
 *   sc_rwlock     rwlock: sc_rw_a, sc_rw_b (the counters are atomics: read
 *                 sections run side by side)
 *   lo_lock       adaptive, one per object: lo_refs
 *   sc_qlock      adaptive, interlock of sc_qcv: the condvar queue
 *   kernel_lock   the kernel-lock queue, slept on with tsleep()
 *
 * The detach rule. Linux unloads the module even while a file is open on
 * the node, so config_detach() may find threads inside the ioctl: looping,
 * or asleep in a queue waiting for a token that will never come. The
 * detach sets sc_dying (every loop and every queue wait checks it and
 * leaves with ENXIO), wakes the sleepers of both queues, waits with
 * vdevgone() until no thread is inside, and only then stops the timer and
 * destroys the locks; config_detach() frees the softc.
 */
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>

#include <sys/atomic.h>
#include <sys/condvar.h>
#include <sys/conf.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/mutex.h>
#include <sys/param.h>
#include <sys/proc.h>
#include <sys/rwlock.h>
#include <sys/systm.h>
#include <sys/vnode.h>
#include <sys/module.h>

#include "lockdemo_ioctl.h"

#define LD_MAX_OBJECTS	4096
#define LD_MAX_REFS	64
#define LD_MAX_HOLD_US	1000

struct ldobj {
	kmutex_t	lo_lock;
	unsigned int	lo_refs;
};

struct lockdemo_softc {
	bool		sc_dying;	/* detach under way: leave with ENXIO */
	kmutex_t	sc_lock;
	u64		sc_count;
	u64		sc_ipl_errors;

	kmutex_t	sc_intr_lock;
	u64		sc_a, sc_b, sc_torn, sc_timer_hits;
	struct hrtimer	sc_timer;
	ktime_t		sc_period;
	bool		sc_timer_on;

	krwlock_t	sc_rwlock;
	u64		sc_rw_a, sc_rw_b;
	atomic64_t	sc_rw_writes, sc_rw_reads, sc_rw_upgrades, sc_rw_torn;

	kmutex_t	sc_qlock;
	kcondvar_t	sc_qcv;
	struct ldqueue {
		u64	put, get, left, sleeps;
	} sc_q[2];			/* [0]: sc_qlock; [1]: kernel_lock */

	struct ldobj	**sc_objs;	/* sc_lock */
	unsigned int	sc_nobjs;
	unsigned long	sc_tokens;	/* references not dropped yet, a bit each */
	unsigned int	sc_obj_users;	/* OBJ_DROP calls in progress */
};

static devmajor_t lockdemo_cmajor = NODEVMAJOR;

static CFDRIVER_DECL(lockdemo, DV_DULL, NULL);

static struct cfdata lockdemo_cfdata = {
	.cf_name = "lockdemo", .cf_atname = "lockdemo", .cf_unit = 0,
};

/* Between two rounds of a loop: the detach or a signal ends the call. */
static int lockdemo_interrupted(struct lockdemo_softc *sc)
{
	if (atomic_load_relaxed(&sc->sc_dying))
		return ENXIO;
	if (signal_pending(current))
		return EINTR;
	return 0;
}

/* Spin for @us in a critical section, or sleep if the IPL allows it. */
static void lockdemo_hold(unsigned int us, int ipl)
{
	if (!us)
		return;
	if (ipl == IPL_NONE)
		usleep_range(us, 2 * us);
	else
		udelay(min(us, 50U));
}

static int lockdemo_adaptive_inc(struct lockdemo_softc *sc,
				 const struct lockdemo_inc *in)
{
	unsigned int i;
	int error;
	u64 v;
	int s;

	for (i = 0; i < in->loops; i++) {
		s = splraise(in->ipl);
		mutex_enter(&sc->sc_lock);
		/* If mutex_enter() slept, it must have given the IPL back. */
		if (bsd_curipl() < (int)in->ipl)
			sc->sc_ipl_errors++;
		v = sc->sc_count;
		lockdemo_hold(in->hold_us, in->ipl);
		sc->sc_count = v + 1;
		mutex_exit(&sc->sc_lock);
		splx(s);
		error = lockdemo_interrupted(sc);
		if (error)
			return error;
		cond_resched();
	}
	return 0;
}

static void lockdemo_pair_update(struct lockdemo_softc *sc, unsigned int us)
{
	if (sc->sc_a != sc->sc_b)
		sc->sc_torn++;
	sc->sc_a++;
	if (us)
		udelay(us);
	sc->sc_b++;
}

static int lockdemo_spin_inc(struct lockdemo_softc *sc,
			     const struct lockdemo_inc *in)
{
	unsigned int i;
	int error;

	for (i = 0; i < in->loops; i++) {
		mutex_spin_enter(&sc->sc_intr_lock);
		lockdemo_pair_update(sc, min(in->hold_us, 50U));
		mutex_spin_exit(&sc->sc_intr_lock);
		error = lockdemo_interrupted(sc);
		if (error)
			return error;
		cond_resched();
	}
	return 0;
}

/* Under a write hold: update the pair with a sleep in the middle. */
static void lockdemo_rw_write(struct lockdemo_softc *sc, unsigned int us)
{
	sc->sc_rw_a++;
	if (us)
		usleep_range(us, 2 * us);
	sc->sc_rw_b++;
	atomic64_inc(&sc->sc_rw_writes);
}

static void lockdemo_rw_check(struct lockdemo_softc *sc)
{
	if (READ_ONCE(sc->sc_rw_a) != READ_ONCE(sc->sc_rw_b))
		atomic64_inc(&sc->sc_rw_torn);
}

/*
 * Writers update the pair; readers check it, and every eighth read section
 * tries to upgrade, writes if it could, and downgrades again: the pair must
 * never be seen half-updated.
 */
static int lockdemo_rw(struct lockdemo_softc *sc, const struct lockdemo_rw *in)
{
	unsigned int i;
	int error;

	for (i = 0; i < in->loops; i++) {
		if (in->writer) {
			rw_enter(&sc->sc_rwlock, RW_WRITER);
			lockdemo_rw_write(sc, in->hold_us);
		} else {
			rw_enter(&sc->sc_rwlock, RW_READER);
			atomic64_inc(&sc->sc_rw_reads);
			lockdemo_rw_check(sc);
			if (in->hold_us)
				usleep_range(in->hold_us, 2 * in->hold_us);
			lockdemo_rw_check(sc);
			if (i % 8 == 0 && rw_tryupgrade(&sc->sc_rwlock)) {
				atomic64_inc(&sc->sc_rw_upgrades);
				lockdemo_rw_write(sc, in->hold_us);
				rw_downgrade(&sc->sc_rwlock);
				lockdemo_rw_check(sc);
			}
		}
		rw_exit(&sc->sc_rwlock);
		error = lockdemo_interrupted(sc);
		if (error)
			return error;
		cond_resched();
	}
	return 0;
}

/* The "interrupt handler": an hrtimer in hard interrupt context. */
static enum hrtimer_restart lockdemo_intr(struct hrtimer *t)
{
	struct lockdemo_softc *sc = container_of(t, struct lockdemo_softc,
						 sc_timer);

	mutex_spin_enter(&sc->sc_intr_lock);
	lockdemo_pair_update(sc, 0);
	sc->sc_timer_hits++;
	mutex_spin_exit(&sc->sc_intr_lock);
	hrtimer_forward_now(t, sc->sc_period);
	return HRTIMER_RESTART;
}

static int lockdemo_timer(struct lockdemo_softc *sc, u32 period_us)
{
	if (period_us && (period_us < 20 || period_us > 100000))
		return EINVAL;
	mutex_enter(&sc->sc_lock);
	if (sc->sc_timer_on) {
		mutex_exit(&sc->sc_lock);
		hrtimer_cancel(&sc->sc_timer);	/* may wait for the handler */
		mutex_enter(&sc->sc_lock);
		sc->sc_timer_on = false;
	}
	if (period_us) {
		sc->sc_period = ns_to_ktime((u64)period_us * NSEC_PER_USEC);
		sc->sc_timer_on = true;
		hrtimer_start(&sc->sc_timer, sc->sc_period, HRTIMER_MODE_REL_HARD);
	}
	mutex_exit(&sc->sc_lock);
	return 0;
}

/*
 * Free the object set. If every reference was dropped, the objects are gone
 * already; if any was not, every object still holds it and is alive.
 */
static void lockdemo_objs_free(struct lockdemo_softc *sc)
{
	unsigned int i;

	if (!sc->sc_objs)
		return;
	if (sc->sc_tokens) {
		for (i = 0; i < sc->sc_nobjs; i++) {
			mutex_destroy(&sc->sc_objs[i]->lo_lock);
			kfree(sc->sc_objs[i]);
		}
	}
	kfree(sc->sc_objs);
	sc->sc_objs = NULL;
	sc->sc_nobjs = 0;
	sc->sc_tokens = 0;
}

static int lockdemo_obj_setup(struct lockdemo_softc *sc,
			      const struct lockdemo_objs *in)
{
	struct ldobj **objs;
	unsigned int i;
	int error = 0;

	if (!in->objects || in->objects > LD_MAX_OBJECTS ||
	    !in->refs || in->refs > LD_MAX_REFS)
		return EINVAL;
	objs = kcalloc(in->objects, sizeof(*objs), GFP_KERNEL);
	if (!objs)
		return ENOMEM;
	for (i = 0; i < in->objects; i++) {
		objs[i] = kzalloc(sizeof(*objs[i]), GFP_KERNEL);
		if (!objs[i]) {
			while (i--)
				kfree(objs[i]);
			kfree(objs);
			return ENOMEM;
		}
		mutex_init(&objs[i]->lo_lock, MUTEX_DEFAULT, IPL_NONE);
		objs[i]->lo_refs = in->refs;
	}

	mutex_enter(&sc->sc_lock);
	if (sc->sc_obj_users) {
		error = EBUSY;
	} else {
		lockdemo_objs_free(sc);
		sc->sc_objs = objs;
		sc->sc_nobjs = in->objects;
		sc->sc_tokens = GENMASK(in->refs - 1, 0);
		objs = NULL;
	}
	mutex_exit(&sc->sc_lock);

	if (objs) {
		for (i = 0; i < in->objects; i++) {
			mutex_destroy(&objs[i]->lo_lock);
			kfree(objs[i]);
		}
		kfree(objs);
	}
	return error;
}

/*
 * Drop one reference (the next unused one) to every object, each under the
 * object's own mutex; whoever drops the last frees the object at once, while
 * other threads may still be leaving the same mutex. That is the pattern
 * that broke OpenZFS's SPL (spl#421, zfs#6401).
 */
static int lockdemo_obj_drop(struct lockdemo_softc *sc, struct lockdemo_objs *io)
{
	struct ldobj **objs;
	unsigned int i, n;
	int token;

	mutex_enter(&sc->sc_lock);
	token = sc->sc_tokens ? __ffs(sc->sc_tokens) : -1;
	if (token < 0) {
		mutex_exit(&sc->sc_lock);
		return ENOENT;
	}
	sc->sc_tokens &= ~BIT(token);
	sc->sc_obj_users++;
	objs = sc->sc_objs;
	n = sc->sc_nobjs;
	mutex_exit(&sc->sc_lock);

	io->freed = 0;
	for (i = 0; i < n; i++) {
		struct ldobj *o = objs[i];
		bool last;

		mutex_enter(&o->lo_lock);
		last = --o->lo_refs == 0;
		if (!last && (i & 1))
			usleep_range(5, 20);	/* let the others queue up */
		mutex_exit(&o->lo_lock);
		if (last) {
			mutex_destroy(&o->lo_lock);
			kfree(o);
			io->freed++;
		}
	}

	mutex_enter(&sc->sc_lock);
	sc->sc_obj_users--;
	mutex_exit(&sc->sc_lock);
	return 0;
}

/* A token through the condvar queue: the interlock is sc_qlock. */
static int lockdemo_cv_queue(struct lockdemo_softc *sc, bool get)
{
	struct ldqueue *q = &sc->sc_q[0];
	int error = 0;

	mutex_enter(&sc->sc_qlock);
	if (get) {
		while (!q->left && !error) {
			if (atomic_load_relaxed(&sc->sc_dying)) {
				error = ENXIO;
				break;
			}
			q->sleeps++;
			error = cv_wait_sig(&sc->sc_qcv, &sc->sc_qlock);
		}
		if (!error) {
			q->left--;
			q->get++;
		}
	} else {
		q->left++;
		q->put++;
		cv_signal(&sc->sc_qcv);
	}
	mutex_exit(&sc->sc_qlock);
	return error;
}

/*
 * The same through tsleep()/wakeup(), with the kernel lock as the only
 * interlock, as drivers did before condvars: tsleep() gives the kernel lock
 * up once the thread is queued, so no wakeup falls in between.
 */
static int lockdemo_kl_queue(struct lockdemo_softc *sc, bool get)
{
	struct ldqueue *q = &sc->sc_q[1];
	int error = 0;

	KERNEL_LOCK(1, NULL);
	if (get) {
		while (!q->left && !error) {
			if (atomic_load_relaxed(&sc->sc_dying)) {
				error = ENXIO;
				break;
			}
			q->sleeps++;
			error = tsleep(q, PWAIT | PCATCH, "ldqueue", 0);
		}
		if (!error) {
			q->left--;
			q->get++;
		}
	} else {
		q->left++;
		q->put++;
		wakeup(q);
	}
	KERNEL_UNLOCK_ONE(NULL);
	return error;
}

static int lockdemo_queue(struct lockdemo_softc *sc,
			  const struct lockdemo_queue *in)
{
	unsigned int i;
	int error = 0;

	for (i = 0; i < in->items && !error; i++) {
		error = in->queue ? lockdemo_kl_queue(sc, in->get) :
				    lockdemo_cv_queue(sc, in->get);
		if (!in->get)
			usleep_range(5, 20);	/* consumers catch up, then wait */
	}
	/* A signal ends the call with EINTR: it is not restarted. */
	if (error && error != ENXIO)
		error = EINTR;
	return error;
}

static void lockdemo_stats(struct lockdemo_softc *sc, struct lockdemo_stats *st)
{
	mutex_enter(&sc->sc_lock);
	st->count = sc->sc_count;
	st->ipl_errors = sc->sc_ipl_errors;
	mutex_exit(&sc->sc_lock);

	mutex_spin_enter(&sc->sc_intr_lock);
	st->spin_a = sc->sc_a;
	st->spin_b = sc->sc_b;
	st->torn = sc->sc_torn;
	st->timer_hits = sc->sc_timer_hits;
	mutex_spin_exit(&sc->sc_intr_lock);
	st->cpus = num_online_cpus();

	rw_enter(&sc->sc_rwlock, RW_READER);
	st->rw_a = sc->sc_rw_a;
	st->rw_b = sc->sc_rw_b;
	rw_exit(&sc->sc_rwlock);
	st->rw_writes = atomic64_read(&sc->sc_rw_writes);
	st->rw_reads = atomic64_read(&sc->sc_rw_reads);
	st->rw_upgrades = atomic64_read(&sc->sc_rw_upgrades);
	st->rw_torn = atomic64_read(&sc->sc_rw_torn);

	mutex_enter(&sc->sc_qlock);
	st->q_put[0] = sc->sc_q[0].put;
	st->q_get[0] = sc->sc_q[0].get;
	st->q_left[0] = sc->sc_q[0].left;
	st->q_sleeps[0] = sc->sc_q[0].sleeps;
	mutex_exit(&sc->sc_qlock);
	KERNEL_LOCK(1, NULL);
	st->q_put[1] = sc->sc_q[1].put;
	st->q_get[1] = sc->sc_q[1].get;
	st->q_left[1] = sc->sc_q[1].left;
	st->q_sleeps[1] = sc->sc_q[1].sleeps;
	KERNEL_UNLOCK_ONE(NULL);
}

static void lockdemo_reset(struct lockdemo_softc *sc)
{
	mutex_enter(&sc->sc_lock);
	sc->sc_count = 0;
	sc->sc_ipl_errors = 0;
	mutex_exit(&sc->sc_lock);

	mutex_spin_enter(&sc->sc_intr_lock);
	sc->sc_a = sc->sc_b = sc->sc_torn = sc->sc_timer_hits = 0;
	mutex_spin_exit(&sc->sc_intr_lock);

	rw_enter(&sc->sc_rwlock, RW_WRITER);
	sc->sc_rw_a = sc->sc_rw_b = 0;
	atomic64_set(&sc->sc_rw_writes, 0);
	atomic64_set(&sc->sc_rw_reads, 0);
	atomic64_set(&sc->sc_rw_upgrades, 0);
	atomic64_set(&sc->sc_rw_torn, 0);
	rw_exit(&sc->sc_rwlock);

	mutex_enter(&sc->sc_qlock);
	memset(&sc->sc_q[0], 0, sizeof(sc->sc_q[0]));
	mutex_exit(&sc->sc_qlock);
	KERNEL_LOCK(1, NULL);
	memset(&sc->sc_q[1], 0, sizeof(sc->sc_q[1]));
	KERNEL_UNLOCK_ONE(NULL);
}

static void lockdemo_attach(device_t parent, device_t self, void *aux)
{
	struct lockdemo_softc *sc = device_private(self);

	mutex_init(&sc->sc_lock, MUTEX_DEFAULT, IPL_NONE);
	mutex_init(&sc->sc_intr_lock, MUTEX_DEFAULT, IPL_VM);
	rw_init(&sc->sc_rwlock);
	mutex_init(&sc->sc_qlock, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&sc->sc_qcv, "ldqueue");
	hrtimer_init(&sc->sc_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	sc->sc_timer.function = lockdemo_intr;
	aprint_normal_dev(self, "NetBSD lock primitives demonstration\n");
}

/*
 * See "The detach rule" at the top. config_detach() calls this holding
 * the kernel lock, so no tsleep() consumer is between its check of
 * sc_dying and its sleep; the condvar's consumers are kept out by sc_qlock.
 */
static int lockdemo_detach(device_t self, int flags)
{
	struct lockdemo_softc *sc = device_private(self);

	mutex_enter(&sc->sc_qlock);
	atomic_store_relaxed(&sc->sc_dying, true);
	cv_broadcast(&sc->sc_qcv);
	mutex_exit(&sc->sc_qlock);
	KERNEL_LOCK(1, NULL);
	wakeup(&sc->sc_q[1]);
	KERNEL_UNLOCK_ONE(NULL);

	vdevgone(lockdemo_cmajor, device_unit(self), device_unit(self), VCHR);

	/* Nobody is inside: nobody restarts the timer after this. */
	lockdemo_timer(sc, 0);
	lockdemo_objs_free(sc);
	cv_destroy(&sc->sc_qcv);
	mutex_destroy(&sc->sc_qlock);
	rw_destroy(&sc->sc_rwlock);
	mutex_destroy(&sc->sc_intr_lock);
	mutex_destroy(&sc->sc_lock);
	return 0;
}

static CFATTACH_DECL_NEW(lockdemo, sizeof(struct lockdemo_softc), NULL,
			 lockdemo_attach, lockdemo_detach, NULL);

/* ---------------------------------------------------------------------- */
/* The device switch                                                       */

/*
 * @data is the argument in the kernel: the bridge copied it in for _IOW
 * and copies it out for _IOR, by the command's size; LOCKDEMO_TIMER, a
 * command without a size, finds the raw argument there.
 */
static int lockdemo_ioctl(dev_t dev, u_long cmd, void *data, int flag,
			  struct lwp *l)
{
	struct lockdemo_softc *sc = device_lookup_private(&lockdemo_cd,
							  minor(dev));
	struct lockdemo_inc *inc = data;
	struct lockdemo_rw *rw = data;
	struct lockdemo_queue *q = data;

	if (!sc)
		return ENXIO;
	switch (cmd) {
	case LOCKDEMO_ADAPTIVE_INC:
	case LOCKDEMO_SPIN_INC:
		if (inc->ipl > IPL_HIGH || inc->hold_us > LD_MAX_HOLD_US)
			return EINVAL;
		if (cmd == LOCKDEMO_SPIN_INC)
			return lockdemo_spin_inc(sc, inc);
		return lockdemo_adaptive_inc(sc, inc);
	case LOCKDEMO_TIMER:
		return lockdemo_timer(sc, (u32)*(u_long *)data);
	case LOCKDEMO_OBJ_SETUP:
		return lockdemo_obj_setup(sc, data);
	case LOCKDEMO_OBJ_DROP:
		return lockdemo_obj_drop(sc, data);
	case LOCKDEMO_STATS:
		lockdemo_stats(sc, data);
		return 0;
	case LOCKDEMO_RESET:
		lockdemo_reset(sc);
		return 0;
	case LOCKDEMO_RW:
		if (rw->hold_us > LD_MAX_HOLD_US || rw->writer > 1)
			return EINVAL;
		return lockdemo_rw(sc, rw);
	case LOCKDEMO_QUEUE:
		if (q->get > 1 || q->queue > 1)
			return EINVAL;
		return lockdemo_queue(sc, q);
	default:
		return ENOTTY;
	}
}

static const struct cdevsw lockdemo_cdevsw = {
	.d_open = nullopen, .d_close = nullclose, .d_read = noread,
	.d_write = nowrite, .d_ioctl = lockdemo_ioctl, .d_stop = nostop,
	.d_tty = notty, .d_poll = nopoll, .d_mmap = nommap,
	.d_kqfilter = nokqfilter, .d_discard = nodiscard,
	.d_cfdriver = &lockdemo_cd, .d_flag = D_OTHER | D_MPSAFE,
};

/* ---------------------------------------------------------------------- */
/* module(9)                                                               */

MODULE(MODULE_CLASS_DRIVER, lockdemo, NULL);

static void lockdemo_fini(void)
{
	device_t self = device_lookup(&lockdemo_cd, 0);

	if (self)
		config_detach(self, DETACH_QUIET);
	devsw_detach(NULL, &lockdemo_cdevsw);
	config_cfattach_detach("lockdemo", &lockdemo_ca);
	config_cfdriver_detach(&lockdemo_cd);
}

static int lockdemo_init(void)
{
	devmajor_t bmajor = NODEVMAJOR;
	int error;

	error = config_cfdriver_attach(&lockdemo_cd);
	if (error)
		return error;
	error = config_cfattach_attach("lockdemo", &lockdemo_ca);
	if (error) {
		config_cfdriver_detach(&lockdemo_cd);
		return error;
	}
	error = devsw_attach("lockdemo", NULL, &bmajor, &lockdemo_cdevsw,
			     &lockdemo_cmajor);
	if (error) {
		config_cfattach_detach("lockdemo", &lockdemo_ca);
		config_cfdriver_detach(&lockdemo_cd);
		return error;
	}
	if (!config_attach_pseudo(&lockdemo_cfdata)) {
		lockdemo_fini();
		return ENXIO;
	}
	return 0;
}

static int lockdemo_modcmd(modcmd_t cmd, void *arg)
{
	switch (cmd) {
	case MODULE_CMD_INIT:
		return lockdemo_init();
	case MODULE_CMD_FINI:
		lockdemo_fini();
		return 0;
	default:
		return ENOTTY;
	}
}

MODULE_DESCRIPTION("NetBSD-style demonstration driver for bsdcompat");
MODULE_LICENSE("Dual BSD/GPL");
MODULE_IMPORT_NS(BSDCOMPAT);
