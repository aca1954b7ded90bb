/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The ioctl interface of the nbdetach driver, shared with the user-space
 * selftest in tools/selftest. Two nodes:
 *   /dev/nbdet0      the pseudo-device unit 0: read() gives the bytes its
 *                    callout produced, NBDET_INFO describes the unit
 *   /dev/nbdetctl0   the control node: attach and detach unit 0, raise
 *                    its interrupt line, and the driver's statistics,
 *                    which outlive every unit
 */
#ifndef _NBDETACH_IOCTL_H_
#define _NBDETACH_IOCTL_H_

#include <linux/ioctl.h>
#include <linux/types.h>

/* The bytes a unit's ring holds, and its interrupt handler's buffer. */
#define NBDET_RING_BYTES	256
#define NBDET_IBUF_BYTES	64

/* What one unit has done since it attached. */
struct nbdet_info {
	__u64	opens;		/* d_open calls that succeeded */
	__u64	ticks;		/* callout runs */
	__u64	queued;		/* bytes in the ring now */
	__u32	unit;
	__u32	pad;
};

/*
 * The driver's counters, since load or NBDETCTL_RESET. What a unit's ring
 * held at the reset is read afterwards: consumed may exceed produced by
 * up to NBDET_RING_BYTES + NBDET_IBUF_BYTES.
 */
struct nbdet_stats {
	__u64	produced;	/* bytes the callouts and interrupts made */
	__u64	consumed;	/* bytes d_read took out */
	__u64	bad_magic;	/* entries that found the softc's magic wrong */
	__u64	attaches;	/* units attached */
	__u64	detaches;	/* units detached (the driver's detach ran) */
	__u64	refused;	/* entries that found the unit dying: ENXIO */
	__u64	woken;		/* reads woken from their wait by the detach */
	__u64	intrs;		/* interrupt handler runs */
	__u64	opens, reads, ioctls, closes;	/* entry points run */
};

#define NBDET_INFO		_IOR('N', 1, struct nbdet_info)

#define NBDETCTL_ATTACH		_IO('N', 10)	/* EBUSY if attached */
#define NBDETCTL_DETACH		_IO('N', 11)	/* ENXIO if not attached */
#define NBDETCTL_STATS		_IOR('N', 12, struct nbdet_stats)
#define NBDETCTL_RESET		_IO('N', 13)
#define NBDETCTL_FIRE		_IO('N', 14)	/* raise the units' interrupt line */

#endif /* _NBDETACH_IOCTL_H_ */
