// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Digital UNIX simple locks (see <kern/simple_lock.h>).
 *
 * A simple lock is a raw_spinlock_t: it spins on PREEMPT_RT too, as a lock
 * that interrupt handlers take must. With lockmode off that is all there is,
 * plus one store that marks the lock as taken without checks.
 *
 * With lockmode on, the lock records its holder (task and context, so an
 * interrupt is never mistaken for the thread it interrupted) and where it
 * was taken, and each CPU keeps a stack per context level of the simple
 * locks it holds: the top is what a sleep, a complex lock or unix_master()
 * is told about, and what the next lock's hierarchy order is checked
 * against. Digital UNIX kept the last 32 simple locks per CPU for the same
 * reasons (slock_debug).
 *
 * Two misuses would spin forever: the holder taking its lock again, and an
 * interrupt taking a lock that the thread it interrupted holds (the driver
 * forgot to raise spl). Both are reported and refused: the caller goes on
 * without the lock, and its simple_unlock() is reported and refused in turn,
 * so the real holder keeps the lock. A lock that has been taken both in an
 * interrupt and with that interrupt enabled is reported once, the first time
 * both have happened, whether or not the deadlock did.
 */
#include <linux/export.h>
#include <linux/irqflags.h>
#include <linux/percpu.h>
#include <linux/spinlock.h>

#include <kern/lockinfo.h>
#include <kern/simple_lock.h>
#include <bsdcompat/lockdebug.h>

#include "../core/adaptive.h"
#include "tru64.h"

#define SLOCK_MAGIC	0x736c6f6bU	/* "slok" */
#define SLOCK_DEAD	0x64656164U	/* "dead": terminated */

/* sl_ctx: where the lock has been taken, to find interrupt-unsafe use. */
#define SL_HARDIRQ	0x01	/* in a hard interrupt */
#define SL_SOFTIRQ	0x02	/* in a softirq */
#define SL_IRQ_ON	0x04	/* outside one, interrupts enabled */
#define SL_BH_ON	0x08	/* in a thread, softirqs enabled */
#define SL_REPORTED	0x10	/* interrupt-unsafe use already reported */

#define SLOCK_STACK	16

struct slock_cpu {
	unsigned int		sc_depth[BSD_NCTX];
	const struct slock	*sc_held[BSD_NCTX][SLOCK_STACK];
};

static DEFINE_PER_CPU(struct slock_cpu, slock_cpu);

static __printf(4, 5)
void sl_error(const struct slock *sl, const char *op, unsigned long ip,
	      const char *fmt, ...)
{
	struct va_format vaf;
	va_list ap;

	va_start(ap, fmt);
	vaf.fmt = fmt;
	vaf.va = &ap;
	bsd_lock_error(TRU64_SLOCK_CLASS, op, sl, sl ? sl->sl_name : "", ip,
		       "%pV", &vaf);
	va_end(ap);
}

static bool sl_ok(const struct slock *sl, const char *op, unsigned long ip)
{
	u32 magic = READ_ONCE(sl->sl_magic);

	if (likely(magic == SLOCK_MAGIC))
		return true;
	sl_error(sl, op, ip, magic == SLOCK_DEAD ?
		 "lock used after simple_lock_terminate" :
		 "lock not initialised");
	return false;
}

/* The top of this CPU's stack for the caller's context, or NULL. */
static const struct slock *sl_top(int ctx)
{
	struct slock_cpu *sc = this_cpu_ptr(&slock_cpu);
	unsigned int d = sc->sc_depth[ctx];

	if (!d)
		return NULL;
	return d <= SLOCK_STACK ? sc->sc_held[ctx][d - 1] : NULL;
}

static void sl_push(const struct slock *sl, int ctx)
{
	struct slock_cpu *sc = this_cpu_ptr(&slock_cpu);
	unsigned int d = sc->sc_depth[ctx]++;

	if (d < SLOCK_STACK)
		sc->sc_held[ctx][d] = sl;
}

/* Locks may be released in any order: take @sl out wherever it is. */
static void sl_pop(const struct slock *sl, int ctx)
{
	struct slock_cpu *sc = this_cpu_ptr(&slock_cpu);
	unsigned int d = min_t(unsigned int, sc->sc_depth[ctx], SLOCK_STACK);
	unsigned int i;

	for (i = d; i-- > 0;) {
		if (sc->sc_held[ctx][i] == sl) {
			memmove(&sc->sc_held[ctx][i], &sc->sc_held[ctx][i + 1],
				(d - i - 1) * sizeof(sc->sc_held[ctx][0]));
			break;
		}
	}
	if (sc->sc_depth[ctx])
		sc->sc_depth[ctx]--;
}

/*
 * The checks made before spinning: the ones that would otherwise end in a
 * hang refuse (return false); the others only report.
 */
static bool sl_may_take(struct slock *sl, long me, int ctx, bool trying,
			unsigned long ip)
{
	const char *op = trying ? "simple_lock_try" : "simple_lock";
	long owner = READ_ONCE(sl->sl_owner);
	const struct lockinfo *li = sl->sl_info;
	const struct slock *top;

	if (owner == me) {
		if (!trying)
			sl_error(sl, op, ip,
				 "recursive simple lock (taken at %pS)",
				 (void *)READ_ONCE(sl->sl_where));
		return false;
	}
	if (owner && owner != SLOCK_UNCHECKED &&
	    bsd_owner_task(owner) == current &&
	    ctx > ((owner >> BSD_OWNER_CTX_SHIFT) & 3)) {
		sl_error(sl, op, ip,
			 "held by the interrupted thread (taken at %pS): raise spl before taking it",
			 (void *)READ_ONCE(sl->sl_where));
		return false;
	}
	if (li && li->li_min_spl && ctx == BSD_CTX_THREAD &&
	    bsd_curipl() < li->li_min_spl)
		sl_error(sl, op, ip, "taken at %s, below its minimum spl %s",
			 bsd_ipl_name(bsd_curipl()),
			 bsd_ipl_name(li->li_min_spl));
	top = trying ? NULL : sl_top(ctx);
	if (li && li->li_order && top && top->sl_info &&
	    top->sl_info->li_order >= li->li_order)
		sl_error(sl, op, ip,
			 "lock order: order %u taken with \"%s\" (order %u) held",
			 li->li_order, top->sl_name, top->sl_info->li_order);
	return true;
}

/* Taken: record the holder and check interrupt-safe use. */
static void sl_taken(struct slock *sl, long me, int ctx, unsigned long ip)
{
	u32 seen = sl->sl_ctx;

	WRITE_ONCE(sl->sl_owner, me);
	WRITE_ONCE(sl->sl_where, ip);
	sl_push(sl, ctx);
	bsd_slock_acquired();

	if (ctx == BSD_CTX_HARDIRQ)
		seen |= SL_HARDIRQ;
	else if (!irqs_disabled())
		seen |= SL_IRQ_ON;
	if (ctx == BSD_CTX_SOFTIRQ)
		seen |= SL_SOFTIRQ;
	else if (ctx == BSD_CTX_THREAD && !irqs_disabled() && !softirq_count())
		seen |= SL_BH_ON;
	if (!(seen & SL_REPORTED) &&
	    (((seen & SL_HARDIRQ) && (seen & SL_IRQ_ON)) ||
	     ((seen & SL_SOFTIRQ) && (seen & SL_BH_ON)))) {
		seen |= SL_REPORTED;
		sl_error(sl, "simple_lock", ip,
			 "taken in interrupt context and with that interrupt enabled: raise spl before taking it");
	}
	sl->sl_ctx = seen;
}

/**
 * tru64_simple_lock_init() - initialise a simple lock
 * @sl: the lock
 * @name: its name, for reports and lockdep
 * @key: its lockdep class
 * @li: its lock class (simple_lock_setup()), or NULL
 *
 * Context: any; does not sleep.
 */
void tru64_simple_lock_init(simple_lock_t sl, const char *name,
			    struct lock_class_key *key, struct lockinfo *li)
{
#ifdef CONFIG_DEBUG_SPINLOCK
	__raw_spin_lock_init(&sl->sl_lock, name, key, LD_WAIT_SPIN);
#else
	raw_spin_lock_init(&sl->sl_lock);
#endif
	sl->sl_owner = 0;
	sl->sl_where = 0;
	sl->sl_name = name;
	sl->sl_info = li;
	sl->sl_ctx = 0;
	WRITE_ONCE(sl->sl_magic, SLOCK_MAGIC);
}
EXPORT_SYMBOL_NS_GPL(tru64_simple_lock_init, BSDCOMPAT);

static noinline void sl_lock_checked(struct slock *sl, unsigned long ip)
{
	long me;
	int ctx;

	if (!sl_ok(sl, "simple_lock", ip))
		return;
	preempt_disable();
	me = bsd_owner_id();
	ctx = bsd_ctx();
	if (sl_may_take(sl, me, ctx, false, ip)) {
		raw_spin_lock(&sl->sl_lock);
		sl_taken(sl, me, ctx, ip);
	}
	preempt_enable();
}

/**
 * tru64_simple_lock() - take a simple lock, spinning until it is free
 * @sl: the lock
 *
 * The spl is left as it is: raise it first if an interrupt handler takes
 * the lock too.
 *
 * Context: any. The holder must not sleep.
 */
void tru64_simple_lock(simple_lock_t sl)
{
	if (tru64_checking()) {
		sl_lock_checked(sl, _RET_IP_);
		return;
	}
	raw_spin_lock(&sl->sl_lock);
	WRITE_ONCE(sl->sl_owner, SLOCK_UNCHECKED);
}
EXPORT_SYMBOL_NS_GPL(tru64_simple_lock, BSDCOMPAT);

static noinline boolean_t sl_try_checked(struct slock *sl, unsigned long ip)
{
	boolean_t got = FALSE;
	long me;
	int ctx;

	if (!sl_ok(sl, "simple_lock_try", ip))
		return FALSE;
	preempt_disable();
	me = bsd_owner_id();
	ctx = bsd_ctx();
	if (sl_may_take(sl, me, ctx, true, ip) &&
	    raw_spin_trylock(&sl->sl_lock)) {
		sl_taken(sl, me, ctx, ip);
		got = TRUE;
	}
	preempt_enable();
	return got;
}

/**
 * tru64_simple_lock_try() - take a simple lock if it is free
 * @sl: the lock
 *
 * Context: any; never spins.
 * Return: TRUE if the caller now holds @sl, FALSE if it was held (by the
 * caller too: a simple lock does not recurse).
 */
boolean_t tru64_simple_lock_try(simple_lock_t sl)
{
	if (tru64_checking())
		return sl_try_checked(sl, _RET_IP_);
	if (!raw_spin_trylock(&sl->sl_lock))
		return FALSE;
	WRITE_ONCE(sl->sl_owner, SLOCK_UNCHECKED);
	return TRUE;
}
EXPORT_SYMBOL_NS_GPL(tru64_simple_lock_try, BSDCOMPAT);

static noinline void sl_unlock_checked(struct slock *sl, long owner,
				       unsigned long ip)
{
	long me;
	int ctx;

	if (!sl_ok(sl, "simple_unlock", ip))
		return;
	preempt_disable();
	me = bsd_owner_id();
	ctx = bsd_ctx();
	if (owner != me) {
		if (!owner)
			sl_error(sl, "simple_unlock", ip, "lock not held");
		else
			sl_error(sl, "simple_unlock", ip,
				 "lock held by %s/%d (taken at %pS)",
				 bsd_owner_task(owner)->comm,
				 task_pid_nr(bsd_owner_task(owner)),
				 (void *)READ_ONCE(sl->sl_where));
		preempt_enable();
		return;
	}
	bsd_slock_releasing();
	sl_pop(sl, ctx);
	WRITE_ONCE(sl->sl_owner, 0);
	raw_spin_unlock(&sl->sl_lock);
	preempt_enable();
}

/**
 * tru64_simple_unlock() - release a simple lock
 * @sl: the lock, held by the caller
 *
 * Context: any.
 */
void tru64_simple_unlock(simple_lock_t sl)
{
	long owner = READ_ONCE(sl->sl_owner);

	if (likely(owner == SLOCK_UNCHECKED)) {
		WRITE_ONCE(sl->sl_owner, 0);
		raw_spin_unlock(&sl->sl_lock);
		return;
	}
	sl_unlock_checked(sl, owner, _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(tru64_simple_unlock, BSDCOMPAT);

/**
 * tru64_simple_lock_terminate() - end the life of a simple lock
 * @sl: the lock, which must not be held
 *
 * Context: any. With lockmode on, terminating a held lock is reported (and
 * the lock is left as it is), and any later use of the lock is reported.
 */
void tru64_simple_lock_terminate(simple_lock_t sl)
{
	unsigned long ip = _RET_IP_;
	long owner;

	if (!tru64_checking()) {
		WRITE_ONCE(sl->sl_magic, SLOCK_DEAD);
		return;
	}
	if (!sl_ok(sl, "simple_lock_terminate", ip))
		return;
	owner = READ_ONCE(sl->sl_owner);
	if (owner) {
		sl_error(sl, "simple_lock_terminate", ip,
			 "terminating a held lock (taken at %pS)",
			 (void *)READ_ONCE(sl->sl_where));
		return;
	}
	WRITE_ONCE(sl->sl_magic, SLOCK_DEAD);
}
EXPORT_SYMBOL_NS_GPL(tru64_simple_lock_terminate, BSDCOMPAT);

/**
 * tru64_simple_lock_held() - does the caller hold a simple lock?
 * @sl: the lock
 *
 * Context: any.
 * Return: with lockmode on, whether this thread holds @sl in the context it
 * runs in; if @sl was taken with lockmode off, whether anyone holds it.
 */
boolean_t tru64_simple_lock_held(simple_lock_t sl)
{
	long owner = READ_ONCE(sl->sl_owner);

	if (owner == SLOCK_UNCHECKED)
		return TRUE;
	return owner && owner == bsd_owner_id();
}
EXPORT_SYMBOL_NS_GPL(tru64_simple_lock_held, BSDCOMPAT);

/*
 * See tru64.h. A spin mutex counts too: the core counts both kinds, and
 * this CPU's stack says how many of them are simple locks.
 */
bool tru64_may_sleep(const char *cls, const char *op, const void *lock,
		     const char *name, const struct slock *interlock,
		     unsigned long ip)
{
	const struct slock *top;
	int spin, slocks;

	if (bsd_intr_context()) {
		bsd_lock_error(cls, op, lock, name, ip,
			       "sleeping from interrupt context");
		return false;
	}
	preempt_disable();
	spin = bsd_spin_held_count() - (interlock ? 1 : 0);
	slocks = this_cpu_read(bsd_cpu.ci_slock_count) - (interlock ? 1 : 0);
	top = sl_top(BSD_CTX_THREAD);
	if (top == interlock && slocks > 0) {
		/* The interlock is on top; name the one below it. */
		struct slock_cpu *sc = this_cpu_ptr(&slock_cpu);
		unsigned int d = sc->sc_depth[BSD_CTX_THREAD];

		top = d >= 2 && d <= SLOCK_STACK ?
			sc->sc_held[BSD_CTX_THREAD][d - 2] : NULL;
	}
	preempt_enable();
	if (slocks > 0) {
		bsd_lock_error(cls, op, lock, name, ip,
			       "sleeping with simple lock \"%s\" held (taken at %pS)",
			       top ? top->sl_name : "?",
			       top ? (void *)READ_ONCE(top->sl_where) : NULL);
		return false;
	}
	if (spin > 0) {
		bsd_lock_error(cls, op, lock, name, ip,
			       "sleeping with spin mutex held");
		return false;
	}
	return true;
}
