// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Digital UNIX lockmode: the run-time switch for lock checking.
 *
 * Digital UNIX checked lock hierarchy, minimum spl and initialisation when
 * the generic subsystem attribute lockmode was 4, and not otherwise. Here it
 * is the module parameter tru64_lockmode, writable at run time in
 * /sys/module/bsdcompat/parameters/: 4 (the default: a porting layer's
 * users want to hear about misuse) turns every check on, 0 turns them off
 * and leaves the fast paths a static branch away from the bare lock.
 *
 * A lock remembers whether it was taken with checks on, so a switch while
 * locks are held never makes a release look like misuse.
 */
#include <linux/jump_label.h>
#include <linux/moduleparam.h>

#include <kern/lockinfo.h>

#include "tru64.h"

DEFINE_STATIC_KEY_TRUE(tru64_lockmode_key);

static int tru64_lockmode = 4;

/**
 * tru64_lockmode_set() - switch Digital UNIX lock checking
 * @mode: 4 to check every lock operation, 0 not to
 *
 * What writing the module parameter tru64_lockmode does; for tests and for
 * drivers that want to switch it themselves.
 *
 * Context: thread context; may sleep (it patches code).
 * Return: 0, or -EINVAL for another mode.
 */
int tru64_lockmode_set(int mode)
{
	if (mode != 0 && mode != 4)
		return -EINVAL;
	if (mode)
		static_branch_enable(&tru64_lockmode_key);
	else
		static_branch_disable(&tru64_lockmode_key);
	WRITE_ONCE(tru64_lockmode, mode);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(tru64_lockmode_set, BSDCOMPAT);

static int lockmode_set(const char *val, const struct kernel_param *kp)
{
	int mode, error;

	error = kstrtoint(val, 0, &mode);
	if (error)
		return error;
	return tru64_lockmode_set(mode);
}

static const struct kernel_param_ops lockmode_ops = {
	.set	= lockmode_set,
	.get	= param_get_int,
};
module_param_cb(tru64_lockmode, &lockmode_ops, &tru64_lockmode, 0644);
MODULE_PARM_DESC(tru64_lockmode,
		 "Digital UNIX lock checking: 4 on (default), 0 off");

/**
 * tru64_lockmode_enabled() - is Digital UNIX lock checking on?
 *
 * Context: any.
 * Return: true when lockmode is 4.
 */
bool tru64_lockmode_enabled(void)
{
	return tru64_checking();
}
EXPORT_SYMBOL_NS_GPL(tru64_lockmode_enabled, BSDCOMPAT);

/* The Digital UNIX personality's start and end (called by core/module.c). */
int tru64_init(struct dentry *dir)
{
	tru64_funnel_init(dir);
	return tru64_timeout_init();
}

void tru64_exit(void)
{
	tru64_timeout_exit();
}
