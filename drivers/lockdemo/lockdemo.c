// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * lockdemo: a small driver written against NetBSD's mutex(9), spl(9),
 * rwlock(9), condvar(9), tsleep(9) and KERNEL_LOCK(9),
 * built with nothing but -I bsdcompat/include/netbsd, so that user space can
 * drive those primitives on a real (or QEMU) SMP machine through a device
 * node. `make run` shows it; the selftest in tools/selftest checks it.
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
 * The driver part comes first; the Linux glue (misc device, module init)
 * sits at the end until bsdcompat has devsw(9) and module(9).
 */
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/hrtimer.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <sys/condvar.h>
#include <sys/intr.h>
#include <sys/mutex.h>
#include <sys/param.h>
#include <sys/proc.h>
#include <sys/rwlock.h>
#include <sys/systm.h>

#include "lockdemo_ioctl.h"

#define LD_MAX_OBJECTS	4096
#define LD_MAX_REFS	64
#define LD_MAX_HOLD_US	1000

struct ldobj {
	kmutex_t	lo_lock;
	unsigned int	lo_refs;
};

struct lockdemo_softc {
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

static struct lockdemo_softc lockdemo_sc;

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
		if (signal_pending(current))
			return -EINTR;
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

	for (i = 0; i < in->loops; i++) {
		mutex_spin_enter(&sc->sc_intr_lock);
		lockdemo_pair_update(sc, min(in->hold_us, 50U));
		mutex_spin_exit(&sc->sc_intr_lock);
		if (signal_pending(current))
			return -EINTR;
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
		if (signal_pending(current))
			return -EINTR;
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
		return -EINVAL;
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
		return -EINVAL;
	objs = kcalloc(in->objects, sizeof(*objs), GFP_KERNEL);
	if (!objs)
		return -ENOMEM;
	for (i = 0; i < in->objects; i++) {
		objs[i] = kzalloc(sizeof(*objs[i]), GFP_KERNEL);
		if (!objs[i]) {
			while (i--)
				kfree(objs[i]);
			kfree(objs);
			return -ENOMEM;
		}
		mutex_init(&objs[i]->lo_lock, MUTEX_DEFAULT, IPL_NONE);
		objs[i]->lo_refs = in->refs;
	}

	mutex_enter(&sc->sc_lock);
	if (sc->sc_obj_users) {
		error = -EBUSY;
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
		return -ENOENT;
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
	return error ? -EINTR : 0;
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

static int lockdemo_attach(struct lockdemo_softc *sc)
{
	mutex_init(&sc->sc_lock, MUTEX_DEFAULT, IPL_NONE);
	mutex_init(&sc->sc_intr_lock, MUTEX_DEFAULT, IPL_VM);
	rw_init(&sc->sc_rwlock);
	mutex_init(&sc->sc_qlock, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&sc->sc_qcv, "ldqueue");
	hrtimer_init(&sc->sc_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	sc->sc_timer.function = lockdemo_intr;
	return 0;
}

static void lockdemo_detach(struct lockdemo_softc *sc)
{
	lockdemo_timer(sc, 0);
	lockdemo_objs_free(sc);
	cv_destroy(&sc->sc_qcv);
	mutex_destroy(&sc->sc_qlock);
	rw_destroy(&sc->sc_rwlock);
	mutex_destroy(&sc->sc_intr_lock);
	mutex_destroy(&sc->sc_lock);
}

/* ---------------------------------------------------------------------- */
/* Linux glue                                                              */

static long lockdemo_ioctl(struct file *fp, unsigned int cmd, unsigned long arg)
{
	struct lockdemo_softc *sc = &lockdemo_sc;
	void __user *uarg = (void __user *)arg;
	struct lockdemo_stats st = {};
	struct lockdemo_objs objs;
	struct lockdemo_inc inc;
	struct lockdemo_queue q;
	struct lockdemo_rw rw;
	int error;

	switch (cmd) {
	case LOCKDEMO_ADAPTIVE_INC:
	case LOCKDEMO_SPIN_INC:
		if (copy_from_user(&inc, uarg, sizeof(inc)))
			return -EFAULT;
		if (inc.ipl > IPL_HIGH || inc.hold_us > LD_MAX_HOLD_US)
			return -EINVAL;
		if (cmd == LOCKDEMO_SPIN_INC)
			return lockdemo_spin_inc(sc, &inc);
		return lockdemo_adaptive_inc(sc, &inc);
	case LOCKDEMO_TIMER:
		return lockdemo_timer(sc, (u32)arg);
	case LOCKDEMO_OBJ_SETUP:
		if (copy_from_user(&objs, uarg, sizeof(objs)))
			return -EFAULT;
		return lockdemo_obj_setup(sc, &objs);
	case LOCKDEMO_OBJ_DROP:
		error = lockdemo_obj_drop(sc, &objs);
		if (!error && copy_to_user(uarg, &objs, sizeof(objs)))
			return -EFAULT;
		return error;
	case LOCKDEMO_STATS:
		lockdemo_stats(sc, &st);
		return copy_to_user(uarg, &st, sizeof(st)) ? -EFAULT : 0;
	case LOCKDEMO_RESET:
		lockdemo_reset(sc);
		return 0;
	case LOCKDEMO_RW:
		if (copy_from_user(&rw, uarg, sizeof(rw)))
			return -EFAULT;
		if (rw.hold_us > LD_MAX_HOLD_US || rw.writer > 1)
			return -EINVAL;
		return lockdemo_rw(sc, &rw);
	case LOCKDEMO_QUEUE:
		if (copy_from_user(&q, uarg, sizeof(q)))
			return -EFAULT;
		if (q.get > 1 || q.queue > 1)
			return -EINVAL;
		return lockdemo_queue(sc, &q);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations lockdemo_fops = {
	.owner		= THIS_MODULE,
	.unlocked_ioctl	= lockdemo_ioctl,
};

static struct miscdevice lockdemo_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "lockdemo",
	.fops	= &lockdemo_fops,
	.mode	= 0600,
};

static int __init lockdemo_init(void)
{
	int error;

	error = lockdemo_attach(&lockdemo_sc);
	if (error)
		return error;
	error = misc_register(&lockdemo_misc);
	if (error)
		lockdemo_detach(&lockdemo_sc);
	return error;
}

static void __exit lockdemo_exit(void)
{
	misc_deregister(&lockdemo_misc);
	lockdemo_detach(&lockdemo_sc);
}

module_init(lockdemo_init);
module_exit(lockdemo_exit);

MODULE_DESCRIPTION("NetBSD-style demonstration driver for bsdcompat");
MODULE_LICENSE("Dual BSD/GPL");
MODULE_IMPORT_NS(BSDCOMPAT);
