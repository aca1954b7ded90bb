// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bsdcompat: NetBSD, FreeBSD and Digital UNIX kernel interfaces for drivers
 * ported to Linux. This file is the module's entry and exit; each primitive
 * lives in a file of its own under core/ and the personality directories.
 */
#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/module.h>

#include "callout.h"
#include "core.h"
#include "../freebsd/freebsd.h"
#include "../netbsd/netbsd.h"
#include "../tru64/tru64.h"

static struct dentry *bsd_debugfs;

static int __init bsdcompat_init(void)
{
	int err = bsd_callout_init();

	if (err)
		return err;
	err = netbsd_init();
	if (err)
		goto out_callout;
	err = freebsd_init();
	if (err)
		goto out_netbsd;
	err = bsd_cdev_init();
	if (err)
		goto out_freebsd;
	bsd_ts_init();
	bsd_debugfs = debugfs_create_dir("bsdcompat", NULL);
	bsd_lockdebug_init(bsd_debugfs);
	bsd_biglock_init(bsd_debugfs);
	bsd_lockreg_init(bsd_debugfs);
	bsd_lockstat_init_debugfs(bsd_debugfs);
	bsd_witness_init(bsd_debugfs);
	err = tru64_init(bsd_debugfs);
	if (err)
		goto out_debugfs;
	pr_info("bsdcompat: loaded on %u CPUs\n",
		num_online_cpus());
	return 0;

out_debugfs:
	debugfs_remove_recursive(bsd_debugfs);
	bsd_lockreg_exit();
	bsd_lockstat_exit();
	bsd_cdev_exit();
out_freebsd:
	freebsd_exit();
out_netbsd:
	netbsd_exit();
out_callout:
	bsd_callout_exit();
	return err;
}

static void __exit bsdcompat_exit(void)
{
	debugfs_remove_recursive(bsd_debugfs);
	tru64_exit();
	bsd_cdev_exit();
	freebsd_exit();
	netbsd_exit();
	bsd_callout_exit();
	bsd_lockreg_exit();
	bsd_lockstat_exit();
	pr_info("bsdcompat: unloaded\n");
}

module_init(bsdcompat_init);
module_exit(bsdcompat_exit);

MODULE_DESCRIPTION("BSD and Digital UNIX kernel interfaces for ported drivers");
MODULE_LICENSE("Dual BSD/GPL");
