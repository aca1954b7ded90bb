// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* FreeBSD module(9) events from a Linux module's init and exit. */
#include <linux/export.h>
#include <linux/printk.h>

#include <sys/module.h>

static const char *const module_events[] = {
	[MOD_LOAD] = "MOD_LOAD", [MOD_UNLOAD] = "MOD_UNLOAD",
	[MOD_SHUTDOWN] = "MOD_SHUTDOWN", [MOD_QUIESCE] = "MOD_QUIESCE",
};

/**
 * freebsd_module_event() - send a module event to a FreeBSD module
 * @data: the module's moduledata_t
 * @what: MOD_LOAD, MOD_QUIESCE or MOD_UNLOAD
 *
 * An error from MOD_QUIESCE or MOD_UNLOAD is reported: the Linux module is
 * going away regardless.
 *
 * Context: the Linux module's init or exit (thread context; may sleep).
 * Return: the handler's error (a positive errno), 0 if there is none.
 */
int freebsd_module_event(const moduledata_t *data, int what)
{
	int error = data->evhand ? data->evhand(NULL, what, data->priv) : 0;

	if (error && what != MOD_LOAD)
		pr_err("%s: %s failed (%d); unloaded anyway\n", data->name,
		       module_events[what], error);
	return error;
}
EXPORT_SYMBOL_NS_GPL(freebsd_module_event, BSDCOMPAT);
