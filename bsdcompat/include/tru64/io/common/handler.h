/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Digital UNIX interrupt handlers: handler_add(), handler_enable(),
 * handler_disable(), handler_del() over the interrupt core.
 *
 * The rules, as Digital UNIX states them (and where bsdcompat differs):
 *  - A driver fills an ihandler_t whose ih_bus_info points to a
 *    struct handler_intr_info (the ISR, its argument, the configuration
 *    type) and registers it with handler_add(), which returns an id; the
 *    ISR is called only between handler_enable() and handler_disable();
 *    handler_del() unregisters a disabled handler.
 *  - An ISR returns INTR_SERVICED when the interrupt was its device's,
 *    INTR_NOT_SERVICED if not (lines are shared, SHARED_INTR_CAPABLE).
 *  - The ISR of a funneled driver (not SMP safe: DEV_FUNNEL in its dsent)
 *    runs funneled, on the master CPU.
 *  - bsdcompat: the bus does not route the interrupt, so ihandler_t has
 *    one field of bsdcompat's, ih_irq: the Linux interrupt number (the bus
 *    glue fills it). NOT_DIST_INTR_SAFE in config_type marks the ISR of a
 *    funneled driver: it runs in the line's irq thread, holding the funnel
 *    (the big lock) on CPU 0. Other ISRs are MP-safe and run in hard
 *    interrupt context. Both run at SPLDEVHIGH (IPL_VM), so splbio() and
 *    the like hold them off on their CPU.
 *  - handler_disable() returns once the ISR runs nowhere: thread context,
 *    not from the ISR itself.
 */
#ifndef _BSDCOMPAT_TRU64_IO_COMMON_HANDLER_H_
#define _BSDCOMPAT_TRU64_IO_COMMON_HANDLER_H_

#include <sys/types.h>

typedef char *ihandler_id_t;

struct bus;

typedef struct ihandler {
	ihandler_id_t	ih_id;		/* set by handler_add() */
	struct bus	*ih_bus;	/* the driver's bus (unused here) */
	char		*ih_bus_info;	/* a struct handler_intr_info */
	int		ih_irq;		/* bsdcompat: the Linux irq */
} ihandler_t;

/* What ih_bus_info points to (<io/common/devdriver.h> on Digital UNIX). */
struct handler_intr_info {
	caddr_t		configuration_st;	/* the controller or bus */
	int		(*intr)(caddr_t param);	/* the ISR */
	caddr_t		param;			/* its argument */
	unsigned int	config_type;
};

#define CONTROLLER_CONFIG_TYPE	0x01
#define ADAPTER_CONFIG_TYPE	0x03
#define SHARED_INTR_CAPABLE	0x100
#define INTR_PRIOR_LOW		0x0200
#define NOT_DIST_INTR_SAFE	0x0400	/* bsdcompat: funneled ISR */

/* What an ISR returns. */
#define INTR_NOT_SERVICED	0
#define INTR_SERVICED		1

ihandler_id_t *tru64_handler_add(ihandler_t *ih);
int tru64_handler_del(ihandler_id_t *id);
int tru64_handler_enable(ihandler_id_t *id);
int tru64_handler_disable(ihandler_id_t *id);

static inline ihandler_id_t *handler_add(ihandler_t *ih)
{
	return tru64_handler_add(ih);
}

static inline int handler_del(ihandler_id_t *id)
{
	return tru64_handler_del(id);
}

static inline int handler_enable(ihandler_id_t *id)
{
	return tru64_handler_enable(id);
}

static inline int handler_disable(ihandler_id_t *id)
{
	return tru64_handler_disable(id);
}

#endif /* _BSDCOMPAT_TRU64_IO_COMMON_HANDLER_H_ */
