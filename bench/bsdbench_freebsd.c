// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bsdbench, FreeBSD personality: mtx (sleep, with witness on and off, and
 * spin), sx and rw, written as a FreeBSD driver would.
 */
#include <sys/param.h>
#include <sys/lock.h>
#include <sys/mutex.h>
#include <sys/sx.h>
#include <sys/rwlock.h>
#include <linux/cache.h>
#include <linux/sched.h>

#include <bsdcompat/witness.h>
#include "bsdbench.h"

static struct mtx fb_def, fb_spin;
static struct sx fb_sx;
static struct rwlock fb_rw;

static void mtx_loop(unsigned long n)
{
	while (n--) {
		mtx_lock(&fb_def);
		mtx_unlock(&fb_def);
	}
}

static void mtx_spin_loop(unsigned long n)
{
	while (n--) {
		mtx_lock_spin(&fb_spin);
		mtx_unlock_spin(&fb_spin);
	}
}

static void sx_read_loop(unsigned long n)
{
	while (n--) {
		sx_slock(&fb_sx);
		sx_sunlock(&fb_sx);
	}
}

static void sx_write_loop(unsigned long n)
{
	while (n--) {
		sx_xlock(&fb_sx);
		sx_xunlock(&fb_sx);
	}
}

static void rw_read_loop(unsigned long n)
{
	while (n--) {
		rw_rlock(&fb_rw);
		rw_runlock(&fb_rw);
	}
}

static void rw_write_loop(unsigned long n)
{
	while (n--) {
		rw_wlock(&fb_rw);
		rw_wunlock(&fb_rw);
	}
}

/* Witness is on by default; these pairs run with it off, then put it back. */
static void witness_off(void)
{
	bsd_witness_set(false);
}

static void witness_on(void)
{
	bsd_witness_set(true);
}

const struct bsdbench_pair bsdbench_freebsd_pairs[] = {
	{ "mtx", "sleep", "mtx_lock/unlock (MTX_DEF, witness on)",
	  "mutex_lock/unlock", mtx_loop, bsdbench_mutex_loop },
	{ "mtx_nowitness", "sleep", "mtx_lock/unlock (MTX_DEF, witness off)",
	  "mutex_lock/unlock", mtx_loop, bsdbench_mutex_loop,
	  witness_off, witness_on },
	{ "mtx_spin", "spin", "mtx_lock_spin/unlock_spin",
	  "raw_spin_lock_irqsave/restore",
	  mtx_spin_loop, bsdbench_raw_irqsave_loop },
	{ "sx_read", "sleep", "sx_slock/sunlock", "down_read/up_read",
	  sx_read_loop, bsdbench_down_read_loop },
	{ "sx_write", "sleep", "sx_xlock/xunlock", "down_write/up_write",
	  sx_write_loop, bsdbench_down_write_loop },
	{ "rw_read", "sleep", "rw_rlock/runlock", "down_read/up_read",
	  rw_read_loop, bsdbench_down_read_loop },
	{ "rw_write", "sleep", "rw_wlock/wunlock", "down_write/up_write",
	  rw_write_loop, bsdbench_down_write_loop },
	{ "sx_read_nowitness", "sleep", "sx_slock/sunlock (witness off)",
	  "down_read/up_read", sx_read_loop, bsdbench_down_read_loop,
	  witness_off, witness_on },
	{ "sx_write_nowitness", "sleep", "sx_xlock/xunlock (witness off)",
	  "down_write/up_write", sx_write_loop, bsdbench_down_write_loop,
	  witness_off, witness_on },
	{ "rw_read_nowitness", "sleep", "rw_rlock/runlock (witness off)",
	  "down_read/up_read", rw_read_loop, bsdbench_down_read_loop,
	  witness_off, witness_on },
	{ "rw_write_nowitness", "sleep", "rw_wlock/wunlock (witness off)",
	  "down_write/up_write", rw_write_loop, bsdbench_down_write_loop,
	  witness_off, witness_on },
};
const unsigned int bsdbench_freebsd_npairs = ARRAY_SIZE(bsdbench_freebsd_pairs);

/* Contended: the counter just before the lock. */
static struct {
	unsigned long	counter;
	struct mtx	lock;
} c_mtx ____cacheline_aligned;

static unsigned long c_mtx_run(const bool *stop)
{
	unsigned long n = 0;

	while (!READ_ONCE(*stop)) {
		mtx_lock(&c_mtx.lock);
		c_mtx.counter++;
		mtx_unlock(&c_mtx.lock);
		if (!(++n & BSDBENCH_RESCHED_MASK))
			cond_resched();
	}
	return n;
}

static unsigned long c_mtx_counter(void)
{
	return c_mtx.counter;
}

const struct bsdbench_series bsdbench_freebsd_series[] = {
	{ "mtx", true, c_mtx_run, c_mtx_counter },
};
const unsigned int bsdbench_freebsd_nseries = ARRAY_SIZE(bsdbench_freebsd_series);

void bsdbench_freebsd_init(void)
{
	mtx_init(&fb_def, "bsdbench def", NULL, MTX_DEF);
	mtx_init(&fb_spin, "bsdbench spin", NULL, MTX_SPIN);
	sx_init(&fb_sx, "bsdbench sx");
	rw_init(&fb_rw, "bsdbench rw");
	mtx_init(&c_mtx.lock, "bsdbench contended", NULL, MTX_DEF);
}

void bsdbench_freebsd_fini(void)
{
	mtx_destroy(&c_mtx.lock);
	rw_destroy(&fb_rw);
	sx_destroy(&fb_sx);
	mtx_destroy(&fb_spin);
	mtx_destroy(&fb_def);
}
