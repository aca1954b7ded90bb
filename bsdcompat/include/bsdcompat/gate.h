/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Entry gates: how a device (or a device switch entry) knows who is inside
 * it, so that detach can shut the door and wait for the last one to leave.
 *
 * Rules:
 *  - bsd_gate_enter() lets a caller in while the gate is open and fails once
 *    it is closed. It never sleeps and works in any context, hard interrupt
 *    handlers included. Its fast path is one per-CPU increment: no locked
 *    instruction on a cache line that other CPUs write (Linux percpu_ref).
 *  - Every successful enter is matched by one bsd_gate_exit(). The caller
 *    may sleep and move to another CPU, or hand the exit to another thread,
 *    in between.
 *  - bsd_gate_close() turns new callers away; bsd_gate_wait() then sleeps
 *    until everyone inside has left. bsd_gate_reopen() undoes a close (a
 *    detach that backed out). Close, wait and reopen are serialised by the
 *    gate's owner (autoconf's config lock, the device switch's lock).
 *  - A thread inside a gate must not wait for it: it would wait for itself.
 *    (Not detected: an entry does not record which thread made it.)
 */
#ifndef _BSDCOMPAT_GATE_H_
#define _BSDCOMPAT_GATE_H_

#include <linux/percpu-refcount.h>
#include <linux/types.h>
#include <linux/wait.h>

struct bsd_gate {
	struct percpu_ref	g_ref;
	wait_queue_head_t	g_wait;
	bool			g_closed;	/* close()d and not reopen()ed */
};

int bsd_gate_init(struct bsd_gate *g);
void bsd_gate_destroy(struct bsd_gate *g);
void bsd_gate_close(struct bsd_gate *g);
void bsd_gate_wait(struct bsd_gate *g);
void bsd_gate_reopen(struct bsd_gate *g);

/* Enter; false if the gate is closed. Any context, never sleeps. */
static inline bool bsd_gate_enter(struct bsd_gate *g)
{
	return percpu_ref_tryget_live(&g->g_ref);
}

/* Leave after a successful bsd_gate_enter(). Any context. */
static inline void bsd_gate_exit(struct bsd_gate *g)
{
	percpu_ref_put(&g->g_ref);
}

/* Has the gate been closed? A hint: it may close right after "false". */
static inline bool bsd_gate_closed(const struct bsd_gate *g)
{
	return READ_ONCE(g->g_closed);
}

#endif /* _BSDCOMPAT_GATE_H_ */
