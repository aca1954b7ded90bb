/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * A Digital UNIX thread's wait, from assert_wait() to the end of its
 * thread_block(): shared by sched_prim.c (which owns it) and sleep.c
 * (mpsleep() is assert_wait, release the lock, thread_block); not the
 * driver API.
 */
#ifndef _BSDCOMPAT_TRU64_WAIT_H_
#define _BSDCOMPAT_TRU64_WAIT_H_

#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/types.h>

#include "../core/turnstile.h"

/*
 * One per waiting thread, found by its task in a hash table (a Linux task
 * has no room for it). Allocated by assert_wait(), or on the stack of
 * mpsleep(). It holds a reference to the task, so that a wakeup never
 * touches a freed task even if the thread never calls thread_block().
 */
struct tru64_wait {
	struct hlist_node	w_hash;
	struct bsd_tswait	w_tw;		/* on the event's sleep queue */
	struct task_struct	*w_task;
	const void		*w_event;
	const char		*w_mesg;
	ktime_t			w_deadline;	/* thread_set_timeout() */
	bool			w_intr;		/* a signal ends the wait */
	bool			w_heap;		/* kfree() when done */
};

bool tru64_wait_assert(struct tru64_wait *w, const void *event, bool intr,
		       const char *mesg, const char *op, unsigned long ip);
void tru64_wait_set_deadline(struct tru64_wait *w, int ticks);
int tru64_wait_block(const char *op, unsigned long ip);

#endif /* _BSDCOMPAT_TRU64_WAIT_H_ */
