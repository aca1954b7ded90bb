/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* What the core's files say to each other; not part of the driver API. */
#ifndef _BSDCOMPAT_CORE_H_
#define _BSDCOMPAT_CORE_H_

struct dentry;

void bsd_lockdebug_init(struct dentry *dir);
void bsd_lockreg_init(struct dentry *dir);
void bsd_lockreg_exit(void);
void bsd_ts_init(void);
void bsd_biglock_init(struct dentry *dir);
void bsd_lockstat_init_debugfs(struct dentry *dir);
void bsd_lockstat_exit(void);
void bsd_witness_init(struct dentry *dir);
int bsd_cdev_init(void);
void bsd_cdev_exit(void);

/* The funnel, from the Digital UNIX personality (tru64/funnel.c). */
void tru64_unix_master(void);
void tru64_unix_release(void);
int tru64_funnel_depth(void);

#endif /* _BSDCOMPAT_CORE_H_ */
