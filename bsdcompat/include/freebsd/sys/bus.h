/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FreeBSD newbus, as far as interrupts need it: device_t and
 * bus_setup_intr(9) over the interrupt core.
 *
 * The rules, as FreeBSD states them (and where bsdcompat differs):
 *  - A handler is a filter, an ithread, or both. The filter runs in
 *    primary interrupt context (only spin mutexes, never block) and returns
 *    FILTER_STRAY or FILTER_HANDLED, optionally with FILTER_SCHEDULE_THREAD
 *    to run the ithread. The ithread runs in an interrupt thread: it may
 *    take sleep mutexes and rwlocks but must not sleep.
 *  - Without INTR_MPSAFE the ithread runs holding Giant. A filter never
 *    takes Giant (it is MP-safe by definition).
 *  - bus_teardown_intr() waits until the handler runs nowhere.
 *  - bsdcompat: the filter runs in hard interrupt context at IPL_VM, the
 *    ithread in the line's Linux irq thread at IPL_NONE. Lines are always
 *    shared: INTR_EXCL is accepted and ignored, as are the INTR_TYPE_*
 *    priorities (Linux irq threads all run at one priority).
 *  - bsdcompat: device_t is minimal here (name, unit, softc, and the entry
 *    gate every handler of the device enters: closed, its handlers are
 *    skipped; see <bsdcompat/gate.h>).
 */
#ifndef _BSDCOMPAT_FREEBSD_SYS_BUS_H_
#define _BSDCOMPAT_FREEBSD_SYS_BUS_H_

#include <linux/types.h>

#include <sys/types.h>
#include <sys/rman.h>

struct bsd_gate;

struct _device {
	const char	*name;		/* driver name: "em" */
	int		unit;		/* unit number: 0 */
	void		*softc;
	struct bsd_gate	*gate;		/* NULL: none */
	char		nameunit[32];	/* "em0", filled on first use */
};
typedef struct _device *device_t;

const char *freebsd_device_get_nameunit(device_t dev);

static inline void *device_get_softc(device_t dev)
{
	return dev->softc;
}

static inline const char *device_get_name(device_t dev)
{
	return dev->name;
}

static inline int device_get_unit(device_t dev)
{
	return dev->unit;
}

static inline const char *device_get_nameunit(device_t dev)
{
	return freebsd_device_get_nameunit(dev);
}

/* What filters return. */
#define FILTER_STRAY		0x01
#define FILTER_HANDLED		0x02
#define FILTER_SCHEDULE_THREAD	0x04

typedef int driver_filter_t(void *arg);
typedef void driver_intr_t(void *arg);

/* bus_setup_intr() flags. */
#define INTR_TYPE_TTY	1
#define INTR_TYPE_BIO	2
#define INTR_TYPE_NET	4
#define INTR_TYPE_CAM	8
#define INTR_TYPE_MISC	16
#define INTR_TYPE_CLK	32
#define INTR_TYPE_AV	64
#define INTR_EXCL	256
#define INTR_MPSAFE	512
#define INTR_ENTROPY	1024
#define INTR_MD1	4096
#define INTR_MD2	8192
#define INTR_MD3	16384
#define INTR_MD4	32768

int freebsd_bus_setup_intr(device_t dev, struct resource *r, int flags,
			   driver_filter_t filter, driver_intr_t ithread,
			   void *arg, void **cookiep);
int freebsd_bus_teardown_intr(device_t dev, struct resource *r,
			      void *cookie);
__printf(4, 5)
int freebsd_bus_describe_intr(device_t dev, struct resource *irq,
			      void *cookie, const char *fmt, ...);

static inline int bus_setup_intr(device_t dev, struct resource *r, int flags,
				 driver_filter_t filter,
				 driver_intr_t ithread, void *arg,
				 void **cookiep)
{
	return freebsd_bus_setup_intr(dev, r, flags, filter, ithread, arg,
				      cookiep);
}

static inline int bus_teardown_intr(device_t dev, struct resource *r,
				    void *cookie)
{
	return freebsd_bus_teardown_intr(dev, r, cookie);
}

#define bus_describe_intr	freebsd_bus_describe_intr

#endif /* _BSDCOMPAT_FREEBSD_SYS_BUS_H_ */
