// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Entry gates over Linux's percpu_ref (see <bsdcompat/gate.h>).
 *
 * While open, the gate's percpu_ref is in per-CPU mode and holds one
 * reference of its own; callers get and put per-CPU counts. Closing kills
 * the ref: tryget_live fails from then on, the owner's reference is dropped,
 * and after an RCU grace period the counts are summed into one atomic count
 * that reaches zero when the last caller leaves.
 *
 * Waiting is on a wait queue and the condition "count is zero", not on a
 * completion signalled by the release callback: a gate can be reopened and
 * closed again, and a stale completion from the first close would let the
 * second wait return with callers still inside.
 */
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/sched.h>

#include <bsdcompat/biglock.h>
#include <bsdcompat/gate.h>

static void bsd_gate_release(struct percpu_ref *ref)
{
	struct bsd_gate *g = container_of(ref, struct bsd_gate, g_ref);

	wake_up_all(&g->g_wait);
}

/**
 * bsd_gate_init() - set up an open gate
 * @g: the gate
 *
 * Context: thread context; may sleep (allocates the per-CPU counts).
 * Return: 0, or -ENOMEM.
 */
int bsd_gate_init(struct bsd_gate *g)
{
	init_waitqueue_head(&g->g_wait);
	g->g_closed = false;
	return percpu_ref_init(&g->g_ref, bsd_gate_release,
			       PERCPU_REF_ALLOW_REINIT, GFP_KERNEL);
}
EXPORT_SYMBOL_NS_GPL(bsd_gate_init, BSDCOMPAT);

/**
 * bsd_gate_close() - turn new callers away
 * @g: an open gate
 *
 * bsd_gate_enter() fails from the moment this returns. Callers already
 * inside stay until they leave; bsd_gate_wait() waits for them.
 *
 * Context: thread context. Does not sleep.
 */
void bsd_gate_close(struct bsd_gate *g)
{
	if (WARN_ON_ONCE(g->g_closed))
		return;
	WRITE_ONCE(g->g_closed, true);
	percpu_ref_kill(&g->g_ref);
}
EXPORT_SYMBOL_NS_GPL(bsd_gate_close, BSDCOMPAT);

/**
 * bsd_gate_wait() - wait until nobody is inside a closed gate
 * @g: a gate closed with bsd_gate_close()
 *
 * The big lock is given up while waiting and taken back at the same depth,
 * as around every bsdcompat sleep: the callers being waited for may need
 * it to get out (a driver entry point that is not MP-safe).
 *
 * Context: thread context; sleeps (uninterruptibly: the caller is tearing
 * the object down and has no way back). Must not be called from inside @g.
 */
void bsd_gate_wait(struct bsd_gate *g)
{
	int nlocks;

	might_sleep();
	if (WARN_ON_ONCE(!g->g_closed))
		return;
	if (percpu_ref_is_zero(&g->g_ref))
		return;
	bsd_kernel_unlock(0, &nlocks, _RET_IP_);
	wait_event(g->g_wait, percpu_ref_is_zero(&g->g_ref));
	if (nlocks)
		bsd_kernel_lock(nlocks, _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(bsd_gate_wait, BSDCOMPAT);

/**
 * bsd_gate_reopen() - let callers in again after bsd_gate_close()
 * @g: a closed gate; callers may still be inside
 *
 * Context: thread context. Does not sleep.
 */
void bsd_gate_reopen(struct bsd_gate *g)
{
	if (WARN_ON_ONCE(!g->g_closed))
		return;
	percpu_ref_resurrect(&g->g_ref);
	WRITE_ONCE(g->g_closed, false);
}
EXPORT_SYMBOL_NS_GPL(bsd_gate_reopen, BSDCOMPAT);

/**
 * bsd_gate_destroy() - free a gate's counts
 * @g: a gate that is open, or closed and waited for
 *
 * Context: thread context. Does not sleep.
 */
void bsd_gate_destroy(struct bsd_gate *g)
{
	percpu_ref_exit(&g->g_ref);
}
EXPORT_SYMBOL_NS_GPL(bsd_gate_destroy, BSDCOMPAT);
