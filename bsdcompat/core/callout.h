/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The callout engine as the personalities use it (see
 * <bsdcompat/callout.h>); not the driver API. The _locked calls want the
 * callout's bc_lock held (bsd_callout_lock()).
 */
#ifndef _BSDCOMPAT_CORE_CALLOUT_H_
#define _BSDCOMPAT_CORE_CALLOUT_H_

#include <linux/spinlock.h>

#include <bsdcompat/callout.h>

void bsd_callout_setup(struct bsd_callout *c);

#define bsd_callout_lock(c, flags)	raw_spin_lock_irqsave(&(c)->bc_lock, flags)
#define bsd_callout_unlock(c, flags)					\
	raw_spin_unlock_irqrestore(&(c)->bc_lock, flags)

bool bsd_callout_arm_locked(struct bsd_callout *c, unsigned long delay);
bool bsd_callout_disarm_locked(struct bsd_callout *c);
bool bsd_callout_executing_locked(struct bsd_callout *c);
bool bsd_callout_running(struct bsd_callout *c);
bool bsd_callout_is_self(struct bsd_callout *c);
bool bsd_callout_wait(struct bsd_callout *c);

int bsd_callout_init(void);
void bsd_callout_exit(void);

#endif /* _BSDCOMPAT_CORE_CALLOUT_H_ */
