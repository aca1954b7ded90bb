/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FreeBSD module(9): DECLARE_MODULE(), DEV_MODULE(), MODULE_VERSION().
 *
 * The rules, as FreeBSD states them, and where bsdcompat differs:
 *  - A module is a moduledata_t: a name, an event handler and an argument.
 *    DECLARE_MODULE() hooks it into the kernel; MOD_LOAD is sent at load
 *    (an error fails it) and MOD_UNLOAD at unload.
 *  - On Linux one .ko has one init and one exit, so a bsdcompat module
 *    declares one module; the SYSINIT subsystem and order are ignored.
 *  - MOD_UNLOAD cannot refuse (Linux's exit cannot fail): an error is
 *    reported and the module is unloaded anyway. MOD_QUIESCE is sent just
 *    before MOD_UNLOAD and is likewise reported only. MOD_SHUTDOWN is
 *    never sent.
 *  - MODULE_VERSION(name, version) replaces Linux's one-argument macro of
 *    the same name (the version becomes the Linux module version);
 *    MODULE_DEPEND() is kept as information: Linux finds dependencies from
 *    the symbols a module uses.
 *  - A bsdcompat module also needs MODULE_LICENSE.
 */
#ifndef _BSDCOMPAT_FREEBSD_SYS_MODULE_H_
#define _BSDCOMPAT_FREEBSD_SYS_MODULE_H_

#include <linux/errno.h>
#include <linux/module.h>
#include <linux/printk.h>

typedef struct module *module_t;

typedef enum modeventtype {
	MOD_LOAD,
	MOD_UNLOAD,
	MOD_SHUTDOWN,
	MOD_QUIESCE,
} modeventtype_t;

typedef int (*modeventhand_t)(module_t mod, int what, void *arg);

typedef struct moduledata {
	const char	*name;
	modeventhand_t	evhand;
	void		*priv;
} moduledata_t;

#define SI_SUB_DRIVERS		0x3100000
#define SI_SUB_PSEUDO		0x7000000
#define SI_SUB_KLD		0x2000000
#define SI_ORDER_FIRST		0x0000000
#define SI_ORDER_MIDDLE		0x1000000
#define SI_ORDER_ANY		0xfffffff

int freebsd_module_event(const moduledata_t *data, int what);

#define DECLARE_MODULE(name, data, sub, order)				\
	static int __init name##_freebsd_init(void)			\
	{								\
		int error = freebsd_module_event(&(data), MOD_LOAD);	\
		return error > 0 ? -error : (error ? -EINVAL : 0);	\
	}								\
	static void __exit name##_freebsd_exit(void)			\
	{								\
		freebsd_module_event(&(data), MOD_QUIESCE);		\
		freebsd_module_event(&(data), MOD_UNLOAD);		\
	}								\
	module_init(name##_freebsd_init);				\
	module_exit(name##_freebsd_exit)

#define DEV_MODULE(name, evh, arg)					\
	static moduledata_t name##_mod = { #name, (evh), (arg) };	\
	DECLARE_MODULE(name, name##_mod, SI_SUB_DRIVERS, SI_ORDER_MIDDLE)

#undef MODULE_VERSION
#define MODULE_VERSION(name, vers)					\
	MODULE_INFO(version, __stringify(vers))

#define MODULE_DEPEND(name, dep, vmin, vpref, vmax)			\
	MODULE_INFO(freebsd_depend, #dep)

#endif /* _BSDCOMPAT_FREEBSD_SYS_MODULE_H_ */
