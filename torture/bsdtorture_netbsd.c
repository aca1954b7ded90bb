// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bsdtorture_netbsd.c - the NetBSD locks under torture: the adaptive and
 * the spin kmutex (the spin one at IPL_VM, also taken by an interrupt),
 * the krwlock with rw_tryupgrade() and rw_downgrade(), and the recursive
 * kernel_lock with sleeps that give it up.
 */
#include <sys/intr.h>
#include <sys/kernel.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/rwlock.h>
#include <sys/systm.h>

#include "bsdtorture.h"

/* netbsd_mutex: an adaptive kmutex. */
static kmutex_t bt_adaptive;

static int bt_adaptive_init(void)
{
	mutex_init(&bt_adaptive, MUTEX_DEFAULT, IPL_NONE);
	return 0;
}

static void bt_adaptive_cleanup(void)
{
	mutex_destroy(&bt_adaptive);
}

static void bt_adaptive_lock(void)
{
	mutex_enter(&bt_adaptive);
}

static void bt_adaptive_unlock(void)
{
	mutex_exit(&bt_adaptive);
}

const struct bt_ops bt_netbsd_mutex_ops = {
	.name		= "netbsd_mutex",
	.may_sleep	= true,
	.init		= bt_adaptive_init,
	.cleanup	= bt_adaptive_cleanup,
	.wlock	= bt_adaptive_lock,
	.wunlock	= bt_adaptive_unlock,
};

/* netbsd_spin: a spin kmutex at IPL_VM, taken by threads and an interrupt. */
static kmutex_t bt_spin;

static int bt_spin_init(void)
{
	mutex_init(&bt_spin, MUTEX_SPIN, IPL_VM);
	return 0;
}

static void bt_spin_cleanup(void)
{
	mutex_destroy(&bt_spin);
}

static void bt_spin_lock(void)
{
	mutex_spin_enter(&bt_spin);
}

static void bt_spin_unlock(void)
{
	mutex_spin_exit(&bt_spin);
}

const struct bt_ops bt_netbsd_spin_ops = {
	.name		= "netbsd_spin",
	.spin		= true,
	.init		= bt_spin_init,
	.cleanup	= bt_spin_cleanup,
	.wlock	= bt_spin_lock,
	.wunlock	= bt_spin_unlock,
	.irq_lock	= bt_spin_lock,
	.irq_unlock	= bt_spin_unlock,
};

/* netbsd_rw: a krwlock, with upgrades and downgrades now and then. */
static krwlock_t bt_rw;

static int bt_rw_init(void)
{
	rw_init(&bt_rw);
	return 0;
}

static void bt_rw_cleanup(void)
{
	rw_destroy(&bt_rw);
}

static void bt_rw_write_lock(void)
{
	rw_enter(&bt_rw, RW_WRITER);
}

static void bt_rw_read_lock(void)
{
	rw_enter(&bt_rw, RW_READER);
}

static void bt_rw_unlock(void)
{
	rw_exit(&bt_rw);
}

static enum bt_upgrade bt_rw_upgrade(void)
{
	return rw_tryupgrade(&bt_rw) ? BT_UP_WRITE : BT_UP_READ;
}

static void bt_rw_downgrade(void)
{
	rw_downgrade(&bt_rw);
}

const struct bt_ops bt_netbsd_rw_ops = {
	.name		= "netbsd_rw",
	.may_sleep	= true,
	.init		= bt_rw_init,
	.cleanup	= bt_rw_cleanup,
	.wlock	= bt_rw_write_lock,
	.wunlock	= bt_rw_unlock,
	.rlock	= bt_rw_read_lock,
	.runlock	= bt_rw_unlock,
	.upgrade	= bt_rw_upgrade,
	.downgrade	= bt_rw_downgrade,
};

/* netbsd_kernel_lock: KERNEL_LOCK(9), recursive, given up by sleeps. */
static int bt_kl_chan;

static void bt_kl_lock(void)
{
	KERNEL_LOCK(1, NULL);
}

static void bt_kl_unlock(void)
{
	KERNEL_UNLOCK_ONE(NULL);
}

static void bt_kl_sleep(void)
{
	/* Both sleeps time out after a tick; both give every hold up. */
	if (jiffies & 1)
		kpause("btkl", false, 1, NULL);
	else
		tsleep(&bt_kl_chan, PWAIT, "btkl", 1);
}

const struct bt_ops bt_netbsd_kernel_lock_ops = {
	.name		= "netbsd_kernel_lock",
	.wlock	= bt_kl_lock,
	.wunlock	= bt_kl_unlock,
	.relock		= bt_kl_lock,
	.reunlock	= bt_kl_unlock,
	.sleep_inside	= bt_kl_sleep,
};
