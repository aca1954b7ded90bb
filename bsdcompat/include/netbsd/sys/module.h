/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD module(9): MODULE(class, name, required) and name_modcmd().
 *
 * The rules, as NetBSD states them, and where bsdcompat differs:
 *  - A module declares itself with MODULE(class, name, required) and
 *    provides static int name_modcmd(modcmd_t cmd, void *arg).
 *  - MODULE_CMD_INIT runs at load; a non-zero return (a BSD errno) fails
 *    the load. MODULE_CMD_FINI runs at unload; bsdcompat maps it to the
 *    Linux module's exit, which cannot fail: an error is reported and the
 *    module is unloaded anyway, so FINI must not refuse after it has
 *    torn anything down (NetBSD would keep the module loaded).
 *  - The "required" list is for NetBSD's loader; Linux finds dependencies
 *    from the symbols a module uses, so it is kept as a MODULE_INFO string.
 *  - MODULE_CMD_STAT and MODULE_CMD_AUTOUNLOAD are never sent.
 *  - A bsdcompat module also needs MODULE_LICENSE; MODULE() does not
 *    guess it.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_MODULE_H_
#define _BSDCOMPAT_NETBSD_SYS_MODULE_H_

#include <linux/errno.h>
#include <linux/module.h>
#include <linux/printk.h>

/*
 * Kbuild compiles every module with -DMODULE; NetBSD's MODULE() below
 * replaces that macro. It stays defined, so "#ifdef MODULE" in Linux
 * headers included later still sees a module.
 */
#undef MODULE

typedef enum modcmd {
	MODULE_CMD_INIT,
	MODULE_CMD_FINI,
	MODULE_CMD_STAT,
	MODULE_CMD_AUTOUNLOAD,
} modcmd_t;

typedef enum modclass {
	MODULE_CLASS_ANY,
	MODULE_CLASS_MISC,
	MODULE_CLASS_VFS,
	MODULE_CLASS_DRIVER,
	MODULE_CLASS_EXEC,
	MODULE_CLASS_SECMODEL,
	MODULE_CLASS_BUFQ,
} modclass_t;

#define MODULE(class, name, required)					\
	static int name##_modcmd(modcmd_t, void *);			\
	MODULE_INFO(netbsd_required, #required);			\
	static int __init name##_netbsd_init(void)			\
	{								\
		int error = name##_modcmd(MODULE_CMD_INIT, NULL);	\
		/* BSD errnos are positive; ERESTART has no load meaning. */ \
		return error > 0 ? -error : (error ? -EINVAL : 0);	\
	}								\
	static void __exit name##_netbsd_exit(void)			\
	{								\
		int error = name##_modcmd(MODULE_CMD_FINI, NULL);	\
		if (error)						\
			pr_err("%s: MODULE_CMD_FINI failed (%d); unloaded anyway\n", \
			       #name, error);				\
	}								\
	module_init(name##_netbsd_init);				\
	module_exit(name##_netbsd_exit)

#endif /* _BSDCOMPAT_NETBSD_SYS_MODULE_H_ */
