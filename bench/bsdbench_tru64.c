// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bsdbench, Digital UNIX personality: simple locks (lockmode 4 and 0) and
 * complex locks, written as a Digital UNIX driver would.
 */
#include <sys/param.h>
#include <kern/lock.h>
#include <kern/lockinfo.h>
#include <linux/kernel.h>

#include "bsdbench.h"

decl_simple_lock_data(static, tu_slock);
static lock_data_t tu_clock;

static void slock_loop(unsigned long n)
{
	while (n--) {
		simple_lock(&tu_slock);
		simple_unlock(&tu_slock);
	}
}

static void clock_read_loop(unsigned long n)
{
	while (n--) {
		lock_read(&tu_clock);
		lock_done(&tu_clock);
	}
}

static void clock_write_loop(unsigned long n)
{
	while (n--) {
		lock_write(&tu_clock);
		lock_done(&tu_clock);
	}
}

/* lockmode 4 (checking) is the default; slock_mode0 turns it off a while. */
static void lockmode0(void)
{
	tru64_lockmode_set(0);
}

static void lockmode4(void)
{
	tru64_lockmode_set(4);
}

const struct bsdbench_pair bsdbench_tru64_pairs[] = {
	{ "slock", "spin", "simple_lock/unlock (lockmode 4)",
	  "raw_spin_lock/unlock", slock_loop, bsdbench_raw_spin_loop,
	  lockmode4, NULL },
	{ "slock_mode0", "spin", "simple_lock/unlock (lockmode 0)",
	  "raw_spin_lock/unlock", slock_loop, bsdbench_raw_spin_loop,
	  lockmode0, lockmode4 },
	{ "clock_read", "sleep", "lock_read/lock_done", "down_read/up_read",
	  clock_read_loop, bsdbench_down_read_loop },
	{ "clock_write", "sleep", "lock_write/lock_done", "down_write/up_write",
	  clock_write_loop, bsdbench_down_write_loop },
};
const unsigned int bsdbench_tru64_npairs = ARRAY_SIZE(bsdbench_tru64_pairs);

void bsdbench_tru64_init(void)
{
	simple_lock_init(&tu_slock);
	lock_init(&tu_clock, TRUE);
}

void bsdbench_tru64_fini(void)
{
	lock_terminate(&tu_clock);
	simple_lock_terminate(&tu_slock);
}
