// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bsdtorture_tru64.c - the Digital UNIX locks under torture: a simple lock
 * taken at splbio by threads and by an interrupt, a complex lock with
 * lock_read_to_write() and lock_write_to_read(), and the funnel.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/funnel.h>
#include <machine/cpu.h>
#include <kern/lock.h>
#include <kern/simple_lock.h>
#include <kern/complex_lock.h>
#include <kern/sched_prim.h>

#include "bsdtorture.h"

/*
 * tru64_simple: threads raise spl to splbio and then take the simple lock,
 * as a driver sharing data with its interrupt handler does; the handler
 * (an hrtimer) takes it at the interrupt's level. The spl the thread came
 * from is kept under the lock, as only the holder touches it.
 */
static simple_lock_data_t bt_slock;
static int bt_slock_spl;

static int bt_slock_init(void)
{
	simple_lock_init(&bt_slock);
	return 0;
}

static void bt_slock_cleanup(void)
{
	simple_lock_terminate(&bt_slock);
}

static void bt_slock_lock(void)
{
	int s = splbio();

	simple_lock(&bt_slock);
	bt_slock_spl = s;
}

static void bt_slock_unlock(void)
{
	int s = bt_slock_spl;

	simple_unlock(&bt_slock);
	splx(s);
}

static void bt_slock_irq_lock(void)
{
	simple_lock(&bt_slock);
}

static void bt_slock_irq_unlock(void)
{
	simple_unlock(&bt_slock);
}

const struct bt_ops bt_tru64_simple_ops = {
	.name		= "tru64_simple",
	.spin		= true,
	.init		= bt_slock_init,
	.cleanup	= bt_slock_cleanup,
	.wlock	= bt_slock_lock,
	.wunlock	= bt_slock_unlock,
	.irq_lock	= bt_slock_irq_lock,
	.irq_unlock	= bt_slock_irq_unlock,
};

/* tru64_complex: a sleeping complex lock. */
static lock_data_t bt_clock;

static int bt_clock_init(void)
{
	lock_init(&bt_clock, TRUE);
	return 0;
}

static void bt_clock_cleanup(void)
{
	lock_terminate(&bt_clock);
}

static void bt_clock_write(void)
{
	lock_write(&bt_clock);
}

static void bt_clock_read(void)
{
	lock_read(&bt_clock);
}

static void bt_clock_done(void)
{
	lock_done(&bt_clock);
}

/* Mach's convention: TRUE means the upgrade failed and the read hold is gone. */
static enum bt_upgrade bt_clock_upgrade(void)
{
	return lock_read_to_write(&bt_clock) ? BT_UP_NONE : BT_UP_WRITE;
}

static void bt_clock_downgrade(void)
{
	lock_write_to_read(&bt_clock);
}

const struct bt_ops bt_tru64_complex_ops = {
	.name		= "tru64_complex",
	.may_sleep	= true,
	.init		= bt_clock_init,
	.cleanup	= bt_clock_cleanup,
	.wlock	= bt_clock_write,
	.wunlock	= bt_clock_done,
	.rlock	= bt_clock_read,
	.runlock	= bt_clock_done,
	.upgrade	= bt_clock_upgrade,
	.downgrade	= bt_clock_downgrade,
};

/* tru64_funnel: unix_master()/unix_release(), nested, given up by sleeps. */
static int bt_funnel_event;

static void bt_funnel_enter(void)
{
	unix_master();
}

static void bt_funnel_leave(void)
{
	unix_release();
}

static void bt_funnel_sleep(void)
{
	assert_wait((vm_offset_t)&bt_funnel_event, FALSE);
	thread_set_timeout(1);
	thread_block();
}

const struct bt_ops bt_tru64_funnel_ops = {
	.name		= "tru64_funnel",
	.wlock	= bt_funnel_enter,
	.wunlock	= bt_funnel_leave,
	.relock		= bt_funnel_enter,
	.reunlock	= bt_funnel_leave,
	.sleep_inside	= bt_funnel_sleep,
};
