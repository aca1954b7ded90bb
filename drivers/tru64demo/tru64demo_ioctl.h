/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The ioctl interface of the tru64demo driver, shared with the user-space
 * programs in tools/selftest. Every call runs a loop inside the kernel
 * through bsdcompat's Digital UNIX primitives and leaves its results in
 * struct tru64demo_stats.
 */
#ifndef _TRU64DEMO_IOCTL_H_
#define _TRU64DEMO_IOCTL_H_

#include <linux/ioctl.h>
#include <linux/types.h>

/* @loops sections: simple lock at splbio, complex lock, or funneled. */
struct tru64demo_run {
	__u32	loops;
	__u32	hold_us;	/* time inside (complex lock, funnel: asleep) */
	__u32	writer;		/* complex lock: 1 writer, 0 reader */
	__u32	pad;
};

/* Tokens through a queue slept on with mpsleep() and a simple lock. */
struct tru64demo_queue {
	__u32	items;		/* tokens to put or to get */
	__u32	get;		/* 1: consume; 0: produce */
};

struct tru64demo_stats {
	__u64	cpus;		/* online CPUs */
	__u64	sl_a, sl_b;	/* simple-lock pair, threads and the timer */
	__u64	sl_torn;	/* pair seen unequal under the lock */
	__u64	sl_sections;	/* thread sections */
	__u64	timer_hits;	/* interrupt sections */
	__u64	cl_a, cl_b;	/* complex-lock pair */
	__u64	cl_torn;	/* pair seen unequal under the lock */
	__u64	cl_writes;	/* write sections (incl. upgraded ones) */
	__u64	cl_reads;	/* read sections */
	__u64	cl_upgrades;	/* lock_read_to_write() successes */
	__u64	cl_upgrade_fails; /* ... that returned TRUE */
	__u64	cl_max_readers;	/* readers inside at once, most seen */
	__u64	fn_calls;	/* funneled sections */
	__u64	fn_off_master;	/* funneled code seen off the master CPU */
	__u64	fn_overlaps;	/* two funneled sections at once */
	__u64	fn_sleeps;	/* funneled sections that slept */
	__u64	q_put, q_get, q_left;
	__u64	q_sleeps;	/* consumer mpsleep()s */
	__u64	lock_errors;	/* misuse reports while the driver ran */
};

#define TRU64DEMO_SLOCK		_IOW('T', 1, struct tru64demo_run)
#define TRU64DEMO_TIMER		_IO('T', 2)	/* arg: period in us, 0 stops */
#define TRU64DEMO_CLOCK		_IOW('T', 3, struct tru64demo_run)
#define TRU64DEMO_FUNNEL	_IOW('T', 4, struct tru64demo_run)
#define TRU64DEMO_QUEUE		_IOW('T', 5, struct tru64demo_queue)
#define TRU64DEMO_STATS		_IOR('T', 6, struct tru64demo_stats)
#define TRU64DEMO_RESET		_IO('T', 7)

#endif /* _TRU64DEMO_IOCTL_H_ */
