// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * NetBSD KERNEL_LOCK(9): the macros in <sys/systm.h> call the core's big
 * lock (core/biglock.c) directly; this file has what they need beyond it.
 */
#include <linux/export.h>

#include <sys/systm.h>
#include <bsdcompat/lockdebug.h>

/**
 * netbsd_kernel_lwp_check() - report a KERNEL_LOCK(9) call for another LWP
 * @op: the macro used
 * @l: the lwp passed, which is neither NULL nor curlwp
 *
 * The lock is taken or released for the caller all the same.
 *
 * Context: any.
 */
void netbsd_kernel_lwp_check(const char *op, struct lwp *l)
{
	bsd_lock_error("Kernel lock", op, l, "kernel_lock", _RET_IP_,
		       "assertion failed: l == NULL || l == curlwp");
}
EXPORT_SYMBOL_NS_GPL(netbsd_kernel_lwp_check, BSDCOMPAT);
