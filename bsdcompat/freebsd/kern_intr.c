// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * FreeBSD bus_setup_intr(9) over the interrupt core (core/intr.c).
 *
 * FreeBSD's filter is the core's filter, run in hard interrupt context at
 * IPL_VM; its ithread is the core's thread part, run at IPL_NONE (FreeBSD
 * has no IPLs: an ithread is an ordinary thread), holding Giant (the core's
 * big lock) unless INTR_MPSAFE. A filter alone is MP-safe whatever the
 * flags say: FreeBSD never gives a filter Giant.
 */
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include <sys/bus.h>
#include <bsdcompat/intr.h>
#include <bsdcompat/lockdebug.h>
#include <bsdcompat/spl.h>

#define INTR_FLAGS	(INTR_TYPE_TTY | INTR_TYPE_BIO | INTR_TYPE_NET | \
			 INTR_TYPE_CAM | INTR_TYPE_MISC | INTR_TYPE_CLK | \
			 INTR_TYPE_AV | INTR_EXCL | INTR_MPSAFE | \
			 INTR_ENTROPY | INTR_MD1 | INTR_MD2 | INTR_MD3 | \
			 INTR_MD4)

/**
 * freebsd_device_get_nameunit() - a device's name and unit: "em0"
 * @dev: the device
 *
 * Context: any.
 * Return: a string that lives as long as @dev.
 */
const char *freebsd_device_get_nameunit(device_t dev)
{
	if (!dev->nameunit[0])
		snprintf(dev->nameunit, sizeof(dev->nameunit), "%s%d",
			 dev->name ? dev->name : "device", dev->unit);
	return dev->nameunit;
}
EXPORT_SYMBOL_NS_GPL(freebsd_device_get_nameunit, BSDCOMPAT);

static void bus_error(device_t dev, const char *op, unsigned long ip,
		      const char *msg)
{
	bsd_lock_error("Interrupt", op, dev,
		       dev ? device_get_nameunit(dev) : "device", ip, "%s",
		       msg);
}

/**
 * freebsd_bus_setup_intr() - establish a filter and/or ithread
 * @dev: the device (its nameunit names the handler, its gate guards it)
 * @r: the SYS_RES_IRQ resource
 * @flags: INTR_TYPE_*, INTR_MPSAFE, INTR_EXCL, INTR_ENTROPY, INTR_MD*
 * @filter: run in hard interrupt context, or NULL
 * @ithread: run in the interrupt thread, or NULL
 * @arg: the argument of both
 * @cookiep: receives the cookie for bus_teardown_intr()
 *
 * Context: thread context; may sleep.
 * Return: 0, EINVAL for bad arguments (reported) or ENXIO if the line
 * could not be had.
 */
int freebsd_bus_setup_intr(device_t dev, struct resource *r, int flags,
			   driver_filter_t filter, driver_intr_t ithread,
			   void *arg, void **cookiep)
{
	unsigned long ip = _RET_IP_;
	struct bsd_intr_args a = {
		.ipl = BSD_IPL_VM,
		.flags = BSD_INTR_THREAD_SPL0,
		.filter = filter,
		.ithread = ithread,
		.arg = arg,
		.caller = ip,
	};
	struct bsd_intr *ih;

	if (!dev || !r || !cookiep || r->r_type != SYS_RES_IRQ) {
		bus_error(dev, "bus_setup_intr", ip,
			  "no device, cookie or interrupt resource");
		return EINVAL;
	}
	if (flags & ~INTR_FLAGS) {
		bsd_lock_error("Interrupt", "bus_setup_intr", dev,
			       device_get_nameunit(dev), ip, "bad flags %#x",
			       flags);
		return EINVAL;
	}
	if ((flags & INTR_MPSAFE) || !ithread)
		a.flags |= BSD_INTR_MPSAFE;
	a.name = device_get_nameunit(dev);
	a.gate = dev->gate;
	*cookiep = NULL;
	ih = bsd_intr_establish(rman_get_start(r), &a);
	if (!ih)
		return filter || ithread ? ENXIO : EINVAL;
	*cookiep = ih;
	return 0;
}
EXPORT_SYMBOL_NS_GPL(freebsd_bus_setup_intr, BSDCOMPAT);

/**
 * freebsd_bus_teardown_intr() - remove what bus_setup_intr() established
 * @dev: the device
 * @r: the resource
 * @cookie: the cookie bus_setup_intr() gave
 *
 * Returns once neither the filter nor the ithread runs anywhere.
 *
 * Context: thread context; may sleep. Not from the handler itself.
 * Return: 0, or EINVAL for a NULL cookie (reported).
 */
int freebsd_bus_teardown_intr(device_t dev, struct resource *r, void *cookie)
{
	if (!cookie) {
		bus_error(dev, "bus_teardown_intr", _RET_IP_, "NULL cookie");
		return EINVAL;
	}
	bsd_intr_disestablish_at(cookie, _RET_IP_);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(freebsd_bus_teardown_intr, BSDCOMPAT);

/**
 * freebsd_bus_describe_intr() - give a handler a description
 * @dev: the device
 * @irq: the resource
 * @cookie: the handler's cookie
 * @fmt: printf format of the description
 *
 * bsdcompat: accepted and dropped; /proc/interrupts shows the device's
 * nameunit, given at bus_setup_intr() time.
 *
 * Context: thread context.
 * Return: 0.
 */
int freebsd_bus_describe_intr(device_t dev, struct resource *irq,
			      void *cookie, const char *fmt, ...)
{
	return 0;
}
EXPORT_SYMBOL_NS_GPL(freebsd_bus_describe_intr, BSDCOMPAT);
