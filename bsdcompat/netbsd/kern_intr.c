// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * NetBSD hardware interrupt establishment, over the interrupt core
 * (core/intr.c): a NetBSD handler is the core's "filter" with a boolean
 * answer. MP-safe, it runs in hard interrupt context; otherwise the core
 * runs it in the line's irq thread holding the kernel lock, at its IPL.
 *
 * A handler established from a driver's attach function is bound to the
 * device's entry gate (autoconf, subr_autoconf.c): from the start of the
 * device's config_detach() it is no longer called.
 */
#include <linux/export.h>
#include <linux/kernel.h>

#include <sys/intr.h>
#include <bsdcompat/intr.h>
#include <bsdcompat/lockdebug.h>

#include "netbsd.h"

#define IST_TYPEMASK	0xff

static void *nb_establish(int irq, int ipl, int type, int (*handler)(void *),
			  void *arg, const char *xname, struct bsd_gate *gate,
			  unsigned long ip)
{
	struct bsd_intr_args a = {
		.ipl = ipl,
		.flags = BSD_INTR_BOOL,
		.filter = handler,
		.arg = arg,
		.name = xname ? xname : "netbsd",
		.gate = gate,
		.caller = ip,
	};

	if ((type & ~(IST_TYPEMASK | IST_MPSAFE)) ||
	    (type & IST_TYPEMASK) > IST_LEVEL) {
		bsd_lock_error("Interrupt", "intr_establish", arg, a.name, ip,
			       "bad type %#x", type);
		return NULL;
	}
	if (type & IST_MPSAFE)
		a.flags |= BSD_INTR_MPSAFE;
	return bsd_intr_establish(irq, &a);
}

/**
 * netbsd_intr_establish_xname() - establish a hardware interrupt handler
 * @irq: the Linux interrupt number
 * @ipl: IPL_VM or above (IPL_BIO, IPL_NET, IPL_TTY, IPL_SCHED, ...)
 * @type: IST_NONE, IST_PULSE, IST_EDGE or IST_LEVEL, with IST_MPSAFE
 * @handler: returns non-zero when the interrupt was its device's
 * @arg: its argument
 * @xname: the device's name, for /proc/interrupts; NULL: "netbsd"
 *
 * Called from a driver's attach function, the handler is bound to the
 * device: it is not called once the device's config_detach() has begun.
 *
 * Context: thread context; may sleep.
 * Return: a cookie for intr_disestablish(), or NULL (a bad IPL or type is
 * reported).
 */
void *netbsd_intr_establish_xname(int irq, int ipl, int type,
				  int (*handler)(void *), void *arg,
				  const char *xname)
{
	struct bsd_gate *gate = netbsd_attach_bind();
	void *cookie = nb_establish(irq, ipl, type, handler, arg, xname, gate,
				    _RET_IP_);

	if (!cookie)
		netbsd_attach_unbind(gate);
	return cookie;
}
EXPORT_SYMBOL_NS_GPL(netbsd_intr_establish_xname, BSDCOMPAT);

/**
 * netbsd_intr_disestablish() - remove a hardware interrupt handler
 * @cookie: what intr_establish() returned
 *
 * Returns once the handler runs nowhere.
 *
 * Context: thread context; may sleep. Not from the handler itself.
 */
void netbsd_intr_disestablish(void *cookie)
{
	struct bsd_gate *gate = cookie ? bsd_intr_gate(cookie) : NULL;

	bsd_intr_disestablish_at(cookie, _RET_IP_);
	netbsd_attach_unbind(gate);
}
EXPORT_SYMBOL_NS_GPL(netbsd_intr_disestablish, BSDCOMPAT);
