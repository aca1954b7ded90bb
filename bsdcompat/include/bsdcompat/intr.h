/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The interrupt core shared by every personality: establish a handler on a
 * Linux interrupt line at a BSD IPL, MP-safe or under the big lock, and a
 * software interrupt source that tests fire.
 *
 * Rules:
 *  - A handler has a filter part, run in hard interrupt context, and a
 *    thread part, run in the line's Linux irq thread; either may be NULL.
 *    A filter with no thread part and without BSD_INTR_MPSAFE runs in the
 *    thread instead (the NetBSD and Digital UNIX handler that is not
 *    MP-safe): hard interrupt context is for MP-safe code only.
 *  - Both parts run at the handler's IPL: this CPU's IPL is raised to it
 *    while they run, so spl and spin mutexes inside behave as on BSD, and a
 *    CPU at that IPL or above holds the line's handlers off on this CPU
 *    (BSD_INTR_THREAD_SPL0: the thread part stays at IPL_NONE, FreeBSD's
 *    ithreads).
 *  - Without BSD_INTR_MPSAFE the thread part holds the big lock (NetBSD's
 *    kernel_lock, FreeBSD's Giant); with BSD_INTR_FUNNEL it runs funneled
 *    (the big lock, on CPU 0: Digital UNIX). The lock is taken before the
 *    IPL is raised: it may sleep.
 *  - With a gate, every call of either part enters it first and is skipped,
 *    counted as stray, while it is closed.
 *  - Lines may be shared by any number of handlers. Every handler is
 *    established IRQF_ONESHOT, so ours share with each other, but not with
 *    a Linux driver's handler that is not ONESHOT.
 *  - bsd_intr_disestablish() returns once neither part runs anywhere; thread
 *    context, never from the handler itself.
 */
#ifndef _BSDCOMPAT_INTR_H_
#define _BSDCOMPAT_INTR_H_

#include <linux/types.h>

struct bsd_gate;
struct bsd_intr;
struct bsd_intrsrc;

/* What a filter returns (FreeBSD's values). */
#define BSD_FILTER_STRAY		0x01	/* not this device's */
#define BSD_FILTER_HANDLED		0x02	/* dealt with */
#define BSD_FILTER_SCHEDULE_THREAD	0x04	/* run the thread part */

/* bsd_intr_args.flags */
#define BSD_INTR_MPSAFE		0x0001	/* no big lock for the thread part */
#define BSD_INTR_FUNNEL		0x0002	/* thread part funneled (CPU 0) */
#define BSD_INTR_BOOL		0x0004	/* filter returns 0 / non-zero */
#define BSD_INTR_THREAD_SPL0	0x0008	/* thread part at IPL_NONE */

struct bsd_intr_args {
	int		ipl;		/* BSD_IPL_VM .. BSD_IPL_HIGH */
	unsigned int	flags;		/* BSD_INTR_* */
	/* BSD_FILTER_* (with BSD_INTR_BOOL: non-zero if it was ours) */
	int		(*filter)(void *arg);
	void		(*ithread)(void *arg);
	void		*arg;
	const char	*name;		/* copied; NULL: "bsdintr" */
	struct bsd_gate	*gate;		/* NULL: none */
	unsigned long	caller;		/* for reports; 0: our caller */
};

struct bsd_intr *bsd_intr_establish(int irq, const struct bsd_intr_args *a);
void bsd_intr_disestablish(struct bsd_intr *ih);
void bsd_intr_disestablish_at(struct bsd_intr *ih, unsigned long caller);
int bsd_intr_irq(const struct bsd_intr *ih);
struct bsd_gate *bsd_intr_gate(const struct bsd_intr *ih);

/* What a handler has done so far; for tests and statistics. */
struct bsd_intr_stats {
	u64	is_filter;	/* filter calls */
	u64	is_thread;	/* thread part calls */
	u64	is_stray;	/* calls that were not ours, or gated off */
};

void bsd_intr_stats(const struct bsd_intr *ih, struct bsd_intr_stats *st);

/*
 * The software interrupt source: a Linux interrupt line of its own that
 * nothing but bsd_intrsrc_fire() raises. Its handlers run in hard
 * interrupt context on the firing CPU as soon as that CPU has interrupts
 * on (and their thread parts in their threads after). Firing again before
 * the line's handlers ran gives one interrupt, as an edge would.
 */
struct bsd_intrsrc *bsd_intrsrc_create(const char *name);
void bsd_intrsrc_destroy(struct bsd_intrsrc *src);
int bsd_intrsrc_irq(const struct bsd_intrsrc *src);
void bsd_intrsrc_fire(struct bsd_intrsrc *src);
void bsd_intrsrc_fire_on(struct bsd_intrsrc *src, int cpu);
unsigned long bsd_intrsrc_delivered(const struct bsd_intrsrc *src);

#endif /* _BSDCOMPAT_INTR_H_ */
