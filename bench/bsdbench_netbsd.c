// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bsdbench, NetBSD personality: kmutex (adaptive and spin), krwlock,
 * splraise/splx, kernel_lock and a device reference
 * (device_lookup_acquire/device_release), written as a NetBSD driver would.
 */
#include <sys/param.h>
#include <sys/mutex.h>
#include <sys/rwlock.h>
#include <sys/intr.h>
#include <sys/systm.h>
#include <sys/device.h>
#include <linux/cache.h>
#include <linux/sched.h>

#include "bsdbench.h"

static kmutex_t nb_adaptive, nb_spin;
static krwlock_t nb_rw;

static void kmutex_loop(unsigned long n)
{
	while (n--) {
		mutex_enter(&nb_adaptive);
		mutex_exit(&nb_adaptive);
	}
}

static void kmutex_spin_loop(unsigned long n)
{
	while (n--) {
		mutex_spin_enter(&nb_spin);
		mutex_spin_exit(&nb_spin);
	}
}

static void krw_read_loop(unsigned long n)
{
	while (n--) {
		rw_enter(&nb_rw, RW_READER);
		rw_exit(&nb_rw);
	}
}

static void krw_write_loop(unsigned long n)
{
	while (n--) {
		rw_enter(&nb_rw, RW_WRITER);
		rw_exit(&nb_rw);
	}
}

static void spl_loop(unsigned long n)
{
	while (n--) {
		int s = splraise(IPL_VM);

		splx(s);
	}
}

static void kernel_lock_loop(unsigned long n)
{
	while (n--) {
		KERNEL_LOCK(1, NULL);
		KERNEL_UNLOCK_ONE(NULL);
	}
}

/* A pseudo-device to take references on: its entry gate is the cost. */
static CFDRIVER_DECL(nbbench, DV_DULL, NULL);
static CFATTACH_DECL_NEW(nbbench, 0, NULL, NULL, NULL, NULL);
static struct cfdata nbbench_cf = {
	.cf_name = "nbbench", .cf_atname = "nbbench", .cf_unit = 0,
};
static device_t nbbench_dev;

static void device_ref_setup(void)
{
	bsdbench_percpu_ref_init();
	if (config_cfdriver_attach(&nbbench_cd) == 0 &&
	    config_cfattach_attach("nbbench", &nbbench_ca) == 0)
		nbbench_dev = config_attach_pseudo(&nbbench_cf);
}

static void device_ref_teardown(void)
{
	if (nbbench_dev)
		config_detach(nbbench_dev, DETACH_QUIET);
	nbbench_dev = NULL;
	config_cfattach_detach("nbbench", &nbbench_ca);
	config_cfdriver_detach(&nbbench_cd);
	bsdbench_percpu_ref_exit();
}

static void device_ref_loop(unsigned long n)
{
	while (n--) {
		device_t dev = device_lookup_acquire(&nbbench_cd, 0);

		if (dev)
			device_release(dev);
	}
}

const struct bsdbench_pair bsdbench_netbsd_pairs[] = {
	{ "kmutex", "sleep", "mutex_enter/exit (adaptive)", "mutex_lock/unlock",
	  kmutex_loop, bsdbench_mutex_loop },
	{ "kmutex_vs_spl", "sleep", "mutex_enter/exit (adaptive)",
	  "SPL kmutex (mutex + spinlock across unlock)",
	  kmutex_loop, bsdbench_spl_mutex_loop },
	{ "kmutex_spin", "spin", "mutex_spin_enter/exit (IPL_VM)",
	  "spin_lock_irqsave/restore",
	  kmutex_spin_loop, bsdbench_spin_irqsave_loop },
	{ "kmutex_spin_raw", "spin", "mutex_spin_enter/exit (IPL_VM)",
	  "raw_spin_lock_irqsave/restore",
	  kmutex_spin_loop, bsdbench_raw_irqsave_loop },
	{ "krw_read", "sleep", "rw_enter(RW_READER)/rw_exit", "down_read/up_read",
	  krw_read_loop, bsdbench_down_read_loop },
	{ "krw_write", "sleep", "rw_enter(RW_WRITER)/rw_exit",
	  "down_write/up_write", krw_write_loop, bsdbench_down_write_loop },
	{ "spl", "spin", "splraise(IPL_VM)/splx", "local_irq_save/restore",
	  spl_loop, bsdbench_irqsave_loop },
	{ "kernel_lock", "sleep", "KERNEL_LOCK(1)/KERNEL_UNLOCK_ONE",
	  "mutex_lock/unlock", kernel_lock_loop, bsdbench_mutex_loop },
	{ "device_ref", "spin", "device_lookup_acquire/device_release",
	  "percpu_ref_tryget_live/put", device_ref_loop,
	  bsdbench_percpu_ref_loop, device_ref_setup, device_ref_teardown },
};
const unsigned int bsdbench_netbsd_npairs = ARRAY_SIZE(bsdbench_netbsd_pairs);

/* Contended: the counter shares the lock's first cache line. */
static struct {
	unsigned long	counter;
	kmutex_t	lock;
} c_kmutex ____cacheline_aligned, c_kmutex_spin ____cacheline_aligned;

static unsigned long c_kmutex_run(const bool *stop)
{
	unsigned long n = 0;

	while (!READ_ONCE(*stop)) {
		mutex_enter(&c_kmutex.lock);
		c_kmutex.counter++;
		mutex_exit(&c_kmutex.lock);
		if (!(++n & BSDBENCH_RESCHED_MASK))
			cond_resched();
	}
	return n;
}

static unsigned long c_kmutex_counter(void)
{
	return c_kmutex.counter;
}

static unsigned long c_kmutex_spin_run(const bool *stop)
{
	unsigned long n = 0;

	while (!READ_ONCE(*stop)) {
		mutex_spin_enter(&c_kmutex_spin.lock);
		c_kmutex_spin.counter++;
		mutex_spin_exit(&c_kmutex_spin.lock);
		if (!(++n & BSDBENCH_RESCHED_MASK))
			cond_resched();
	}
	return n;
}

static unsigned long c_kmutex_spin_counter(void)
{
	return c_kmutex_spin.counter;
}

const struct bsdbench_series bsdbench_netbsd_series[] = {
	{ "kmutex", true, c_kmutex_run, c_kmutex_counter },
	{ "kmutex_spin", true, c_kmutex_spin_run, c_kmutex_spin_counter },
};
const unsigned int bsdbench_netbsd_nseries = ARRAY_SIZE(bsdbench_netbsd_series);

void bsdbench_netbsd_init(void)
{
	mutex_init(&nb_adaptive, MUTEX_DEFAULT, IPL_NONE);
	mutex_init(&nb_spin, MUTEX_DEFAULT, IPL_VM);
	rw_init(&nb_rw);
	mutex_init(&c_kmutex.lock, MUTEX_DEFAULT, IPL_NONE);
	mutex_init(&c_kmutex_spin.lock, MUTEX_DEFAULT, IPL_VM);
}

void bsdbench_netbsd_fini(void)
{
	mutex_destroy(&c_kmutex_spin.lock);
	mutex_destroy(&c_kmutex.lock);
	rw_destroy(&nb_rw);
	mutex_destroy(&nb_spin);
	mutex_destroy(&nb_adaptive);
}
