// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bsdtorture_freebsd.c - the FreeBSD locks under torture: mtx (sleep,
 * spin with an interrupt that takes it too, recursive), sx and rw with
 * upgrades and downgrades, and Giant with pause() inside.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/lock.h>
#include <sys/mutex.h>
#include <sys/rwlock.h>
#include <sys/sleep.h>
#include <sys/sx.h>

#include "bsdtorture.h"

/* freebsd_mtx: a sleep mutex. */
static struct mtx bt_mtx;

static int bt_mtx_init(void)
{
	mtx_init(&bt_mtx, "bt_mtx", NULL, MTX_DEF);
	return 0;
}

static int bt_mtx_recurse_init(void)
{
	mtx_init(&bt_mtx, "bt_mtx_recurse", NULL, MTX_DEF | MTX_RECURSE);
	return 0;
}

static void bt_mtx_cleanup(void)
{
	mtx_destroy(&bt_mtx);
}

static void bt_mtx_lock(void)
{
	mtx_lock(&bt_mtx);
}

static void bt_mtx_unlock(void)
{
	mtx_unlock(&bt_mtx);
}

const struct bt_ops bt_freebsd_mtx_ops = {
	.name		= "freebsd_mtx",
	.init		= bt_mtx_init,
	.cleanup	= bt_mtx_cleanup,
	.wlock	= bt_mtx_lock,
	.wunlock	= bt_mtx_unlock,
};

const struct bt_ops bt_freebsd_mtx_recurse_ops = {
	.name		= "freebsd_mtx_recurse",
	.init		= bt_mtx_recurse_init,
	.cleanup	= bt_mtx_cleanup,
	.wlock	= bt_mtx_lock,
	.wunlock	= bt_mtx_unlock,
	.relock		= bt_mtx_lock,
	.reunlock	= bt_mtx_unlock,
};

/* freebsd_mtx_spin: a spin mutex, taken by threads and an interrupt. */
static struct mtx bt_mtx_spin;

static int bt_mtx_spin_init(void)
{
	mtx_init(&bt_mtx_spin, "bt_mtx_spin", NULL, MTX_SPIN);
	return 0;
}

static void bt_mtx_spin_cleanup(void)
{
	mtx_destroy(&bt_mtx_spin);
}

static void bt_mtx_spin_lock(void)
{
	mtx_lock_spin(&bt_mtx_spin);
}

static void bt_mtx_spin_unlock(void)
{
	mtx_unlock_spin(&bt_mtx_spin);
}

const struct bt_ops bt_freebsd_mtx_spin_ops = {
	.name		= "freebsd_mtx_spin",
	.spin		= true,
	.init		= bt_mtx_spin_init,
	.cleanup	= bt_mtx_spin_cleanup,
	.wlock	= bt_mtx_spin_lock,
	.wunlock	= bt_mtx_spin_unlock,
	.irq_lock	= bt_mtx_spin_lock,
	.irq_unlock	= bt_mtx_spin_unlock,
};

/* freebsd_sx: shared/exclusive, holders may sleep. */
static struct sx bt_sx;

static int bt_sx_init(void)
{
	sx_init(&bt_sx, "bt_sx");
	return 0;
}

static void bt_sx_cleanup(void)
{
	sx_destroy(&bt_sx);
}

static void bt_sx_xlock(void)
{
	sx_xlock(&bt_sx);
}

static void bt_sx_xunlock(void)
{
	sx_xunlock(&bt_sx);
}

static void bt_sx_slock(void)
{
	sx_slock(&bt_sx);
}

static void bt_sx_sunlock(void)
{
	sx_sunlock(&bt_sx);
}

static enum bt_upgrade bt_sx_upgrade(void)
{
	return sx_try_upgrade(&bt_sx) ? BT_UP_WRITE : BT_UP_READ;
}

static void bt_sx_downgrade(void)
{
	sx_downgrade(&bt_sx);
}

const struct bt_ops bt_freebsd_sx_ops = {
	.name		= "freebsd_sx",
	.may_sleep	= true,
	.init		= bt_sx_init,
	.cleanup	= bt_sx_cleanup,
	.wlock	= bt_sx_xlock,
	.wunlock	= bt_sx_xunlock,
	.rlock	= bt_sx_slock,
	.runlock	= bt_sx_sunlock,
	.upgrade	= bt_sx_upgrade,
	.downgrade	= bt_sx_downgrade,
};

/* freebsd_rw: reader/writer lock; its holders must not sleep. */
static struct rwlock bt_rw;

static int bt_rw_init(void)
{
	rw_init(&bt_rw, "bt_rw");
	return 0;
}

static void bt_rw_cleanup(void)
{
	rw_destroy(&bt_rw);
}

static void bt_rw_wlock(void)
{
	rw_wlock(&bt_rw);
}

static void bt_rw_wunlock(void)
{
	rw_wunlock(&bt_rw);
}

static void bt_rw_rlock(void)
{
	rw_rlock(&bt_rw);
}

static void bt_rw_runlock(void)
{
	rw_runlock(&bt_rw);
}

static enum bt_upgrade bt_rw_upgrade(void)
{
	return rw_try_upgrade(&bt_rw) ? BT_UP_WRITE : BT_UP_READ;
}

static void bt_rw_downgrade(void)
{
	rw_downgrade(&bt_rw);
}

const struct bt_ops bt_freebsd_rw_ops = {
	.name		= "freebsd_rw",
	.init		= bt_rw_init,
	.cleanup	= bt_rw_cleanup,
	.wlock	= bt_rw_wlock,
	.wunlock	= bt_rw_wunlock,
	.rlock	= bt_rw_rlock,
	.runlock	= bt_rw_runlock,
	.upgrade	= bt_rw_upgrade,
	.downgrade	= bt_rw_downgrade,
};

/* freebsd_giant: Giant, recursive, given up by pause(). */
static void bt_giant_lock(void)
{
	mtx_lock(&Giant);
}

static void bt_giant_unlock(void)
{
	mtx_unlock(&Giant);
}

static void bt_giant_sleep(void)
{
	pause("btgiant", 1);
}

const struct bt_ops bt_freebsd_giant_ops = {
	.name		= "freebsd_giant",
	.wlock	= bt_giant_lock,
	.wunlock	= bt_giant_unlock,
	.relock		= bt_giant_lock,
	.reunlock	= bt_giant_unlock,
	.sleep_inside	= bt_giant_sleep,
};
