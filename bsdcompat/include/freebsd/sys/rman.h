/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FreeBSD rman(9) resources, as far as interrupts need them.
 *
 * The rules, as FreeBSD states them (and where bsdcompat differs):
 *  - A driver gets its interrupt as a struct resource from
 *    bus_alloc_resource_any(dev, SYS_RES_IRQ, &rid, RF_ACTIVE |
 *    RF_SHAREABLE) and gives it to bus_setup_intr(); it never looks
 *    inside, except through rman_get_*().
 *  - bsdcompat: an interrupt resource is a Linux interrupt number; the bus
 *    glue that allocates it fills r_start (and r_end, the same number).
 */
#ifndef _BSDCOMPAT_FREEBSD_SYS_RMAN_H_
#define _BSDCOMPAT_FREEBSD_SYS_RMAN_H_

#include <linux/types.h>

#define SYS_RES_IRQ	1
#define SYS_RES_DRQ	2
#define SYS_RES_MEMORY	3
#define SYS_RES_IOPORT	4

#define RF_ACTIVE	0x0002
#define RF_SHAREABLE	0x0004

typedef unsigned long rman_res_t;

struct resource {
	int		r_type;		/* SYS_RES_* */
	int		r_rid;
	rman_res_t	r_start;	/* SYS_RES_IRQ: the Linux irq */
	rman_res_t	r_end;
};

static inline rman_res_t rman_get_start(const struct resource *r)
{
	return r->r_start;
}

static inline rman_res_t rman_get_end(const struct resource *r)
{
	return r->r_end;
}

static inline int rman_get_rid(const struct resource *r)
{
	return r->r_rid;
}

#endif /* _BSDCOMPAT_FREEBSD_SYS_RMAN_H_ */
