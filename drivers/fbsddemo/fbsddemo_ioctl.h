/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The ioctl interface of the fbsddemo driver, shared with the user-space
 * programs in tools/selftest. Every call runs a loop inside the kernel
 * through bsdcompat's FreeBSD primitives and leaves its results in
 * struct fbsddemo_stats.
 */
#ifndef _FBSDDEMO_IOCTL_H_
#define _FBSDDEMO_IOCTL_H_

#include <linux/ioctl.h>
#include <linux/types.h>

/* @loops sections under one of the driver's locks, or under Giant. */
struct fbsddemo_run {
	__u32	loops;
	__u32	hold_us;	/* time inside (sx: asleep; rw, spin: busy) */
	__u32	writer;		/* sx, rw: 1 writer, 0 reader */
	__u32	pad;
};

/* Tokens through one of the two read queues (the seed scenario). */
struct fbsddemo_read {
	__u32	items;		/* tokens to put or to get */
	__u32	get;		/* 1: consume; 0: produce */
	__u32	queue;		/* 0: mtx_sleep(); 1: cv_wait_sig() */
	__u32	pad;
};

/* What an sx lock's or an rw lock's sections left behind. */
struct fbsddemo_rwstats {
	__u64	a, b;		/* the pair the writers update */
	__u64	torn;		/* pair seen unequal under the lock */
	__u64	writes;		/* write sections, upgraded ones included */
	__u64	reads;		/* read sections */
	__u64	upgrades;	/* try_upgrade() successes (then downgraded) */
	__u64	upgrade_fails;	/* ... refusals: another reader was in */
	__u64	max_readers;	/* readers inside at once, most seen */
};

/* One read queue: a ring of tokens under the softc's sleep mutex. */
struct fbsddemo_qstats {
	__u64	put, got, left;
	__u64	sum_put, sum_got;	/* token values: each taken once */
	__u64	sleeps;		/* consumer sleeps on an empty ring */
	__u64	waiting;	/* consumers asleep right now */
	__u64	interrupted;	/* consumer sleeps ended by a signal */
};

struct fbsddemo_stats {
	__u64	cpus;		/* online CPUs */
	__u64	mtx_a, mtx_b;	/* MTX_DEF pair: read, modify, write */
	__u64	mtx_torn;	/* pair seen unequal under the mutex */
	__u64	mtx_sections;
	__u64	spin_a, spin_b;	/* MTX_SPIN pair, threads and the timer */
	__u64	spin_torn;
	__u64	spin_sections;	/* thread sections */
	__u64	timer_hits;	/* interrupt sections */
	struct fbsddemo_rwstats sx, rw;
	struct fbsddemo_qstats q[2];
	__u64	gnt_sections;	/* sections under Giant, held twice */
	__u64	gnt_overlaps;	/* two of them at once */
	__u64	gnt_sleeps;	/* pause()s, which give Giant up */
	__u64	gnt_lost;	/* Giant not held, or not recursed, after one */
	__u64	lock_errors;	/* misuse reports while the driver ran */
};

#define FBSDDEMO_MTX	_IOW('F', 1, struct fbsddemo_run)
#define FBSDDEMO_SPIN	_IOW('F', 2, struct fbsddemo_run)
#define FBSDDEMO_TIMER	_IO('F', 3)	/* arg: period in us, 0 stops */
#define FBSDDEMO_SX	_IOW('F', 4, struct fbsddemo_run)
#define FBSDDEMO_RW	_IOW('F', 5, struct fbsddemo_run)
#define FBSDDEMO_READ	_IOW('F', 6, struct fbsddemo_read)
#define FBSDDEMO_GIANT	_IOW('F', 7, struct fbsddemo_run)
#define FBSDDEMO_STATS	_IOR('F', 8, struct fbsddemo_stats)
#define FBSDDEMO_RESET	_IO('F', 9)

#endif /* _FBSDDEMO_IOCTL_H_ */
