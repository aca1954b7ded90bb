/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * bsdtorture: the interface between the core (threads, checks, statistics)
 * and the per-personality files that know how to take each lock. Each
 * personality file is built with its own BSD headers, so this header uses
 * Linux types only.
 */
#ifndef BSDTORTURE_H
#define BSDTORTURE_H

#include <linux/types.h>

/* What a reader's upgrade attempt left the caller holding. */
enum bt_upgrade {
	BT_UP_WRITE,	/* upgraded: now held for write */
	BT_UP_READ,	/* refused: still held for read */
	BT_UP_NONE,	/* failed and released (Digital UNIX lock_read_to_write) */
};

/**
 * struct bt_ops - one lock type under test
 * @name: the torture_type parameter's value
 * @spin: holders run with interrupts off or preemption disabled: short
 *	holds are udelay()s and long ones stay short
 * @may_sleep: a holder may sleep (usleep_range()) with the lock held
 * @busted: the lock is broken on purpose; failures are expected, no WARN
 * @init: set the lock up; 0 or a negative errno
 * @cleanup: tear it down
 * @wlock: take the lock exclusively
 * @wunlock: release an exclusive hold
 * @rlock: take the lock shared (reader/writer types only)
 * @runlock: release a shared hold
 * @relock: take the exclusively held lock once more (recursive types)
 * @reunlock: give back one recursive hold
 * @sleep_inside: sleep with the lock held through the personality's sleep,
 *	which gives the lock up and takes it back
 * @upgrade: try to turn the caller's read hold into a write hold
 * @downgrade: turn the caller's write hold into a read hold
 * @irq_lock: take the lock from the hrtimer (hard interrupt context)
 * @irq_unlock: release it there
 */
struct bt_ops {
	const char *name;
	bool spin;
	bool may_sleep;
	bool busted;
	int (*init)(void);
	void (*cleanup)(void);
	void (*wlock)(void);
	void (*wunlock)(void);
	void (*rlock)(void);
	void (*runlock)(void);
	void (*relock)(void);
	void (*reunlock)(void);
	void (*sleep_inside)(void);
	enum bt_upgrade (*upgrade)(void);
	void (*downgrade)(void);
	void (*irq_lock)(void);
	void (*irq_unlock)(void);
};

extern const struct bt_ops bt_netbsd_mutex_ops, bt_netbsd_spin_ops,
	bt_netbsd_rw_ops, bt_netbsd_kernel_lock_ops;
extern const struct bt_ops bt_freebsd_mtx_ops, bt_freebsd_mtx_spin_ops,
	bt_freebsd_mtx_recurse_ops, bt_freebsd_sx_ops, bt_freebsd_rw_ops,
	bt_freebsd_giant_ops;
extern const struct bt_ops bt_tru64_simple_ops, bt_tru64_complex_ops,
	bt_tru64_funnel_ops;

#endif /* BSDTORTURE_H */
