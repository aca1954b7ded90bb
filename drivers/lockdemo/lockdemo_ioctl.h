/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The ioctl interface of the lockdemo driver, shared with the user-space
 * programs in tools/selftest. Every call runs a loop inside the kernel
 * through bsdcompat's NetBSD primitives and leaves its results in
 * struct lockdemo_stats.
 */
#ifndef _LOCKDEMO_IOCTL_H_
#define _LOCKDEMO_IOCTL_H_

#include <linux/ioctl.h>
#include <linux/types.h>

/* Run @loops critical sections of the adaptive (or spin) kmutex at @ipl. */
struct lockdemo_inc {
	__u32	loops;
	__u32	hold_us;	/* time inside; at IPL_NONE the holder sleeps */
	__u32	ipl;		/* NetBSD IPL the caller raises to first, 0..7 */
	__u32	pad;
};

/* Objects freed under their own mutex by whoever drops the last reference. */
struct lockdemo_objs {
	__u32	objects;	/* OBJ_SETUP: how many */
	__u32	refs;		/* OBJ_SETUP: references each (one per thread) */
	__u64	freed;		/* OBJ_DROP: how many this caller freed */
};

/* Run @loops critical sections of the krwlock, as a reader or a writer. */
struct lockdemo_rw {
	__u32	loops;
	__u32	hold_us;	/* time inside, sleeping */
	__u32	writer;		/* 1: RW_WRITER; 0: RW_READER, with upgrades */
	__u32	pad;
};

/*
 * A queue of tokens between producer and consumer threads: through a
 * condvar with an adaptive mutex (queue 0) or through tsleep()/wakeup()
 * with the kernel lock as the only interlock (queue 1). A consumer blocks
 * until a token is there; a signal ends the call with EINTR.
 */
struct lockdemo_queue {
	__u32	items;		/* tokens to put or to get */
	__u32	get;		/* 1: consume; 0: produce */
	__u32	queue;		/* 0: condvar; 1: kernel lock + tsleep */
	__u32	pad;
};

struct lockdemo_stats {
	__u64	count;		/* adaptive kmutex counter */
	__u64	spin_a;		/* spin kmutex pair, updated by threads */
	__u64	spin_b;		/* and by the timer interrupt */
	__u64	torn;		/* pair seen unequal inside the mutex */
	__u64	timer_hits;	/* interrupt critical sections */
	__u64	ipl_errors;	/* IPL not restored after mutex_enter */
	__u64	cpus;		/* online CPUs */
	__u64	rw_a;		/* krwlock pair, written by writers */
	__u64	rw_b;		/* and by readers that upgraded */
	__u64	rw_writes;	/* write sections (incl. upgraded ones) */
	__u64	rw_reads;	/* read sections */
	__u64	rw_upgrades;	/* rw_tryupgrade() successes */
	__u64	rw_torn;	/* pair seen unequal under the lock */
	__u64	q_put[2];	/* tokens produced, per queue */
	__u64	q_get[2];	/* tokens consumed */
	__u64	q_left[2];	/* tokens in the queue now */
	__u64	q_sleeps[2];	/* consumer waits (cv_wait_sig or tsleep) */
};

#define LOCKDEMO_ADAPTIVE_INC	_IOW('L', 1, struct lockdemo_inc)
#define LOCKDEMO_SPIN_INC	_IOW('L', 2, struct lockdemo_inc)
#define LOCKDEMO_TIMER		_IO('L', 3)	/* arg: period in us, 0 stops */
#define LOCKDEMO_OBJ_SETUP	_IOW('L', 4, struct lockdemo_objs)
#define LOCKDEMO_OBJ_DROP	_IOWR('L', 5, struct lockdemo_objs)
#define LOCKDEMO_STATS		_IOR('L', 6, struct lockdemo_stats)
#define LOCKDEMO_RESET		_IO('L', 7)
#define LOCKDEMO_RW		_IOW('L', 8, struct lockdemo_rw)
#define LOCKDEMO_QUEUE		_IOW('L', 9, struct lockdemo_queue)

#endif /* _LOCKDEMO_IOCTL_H_ */
