// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * NetBSD cpu_info handles: one byte per possible CPU, in an array, so that
 * a handle's index is its offset and nothing needs setting up.
 */
#include <linux/cpumask.h>
#include <linux/export.h>
#include <linux/smp.h>
#include <linux/threads.h>

#include <sys/cpu.h>

struct cpu_info {
	u8	ci_unused;
};

static struct cpu_info netbsd_cpus[NR_CPUS];

/**
 * netbsd_curcpu() - the calling CPU's handle (NetBSD curcpu())
 *
 * Context: any; stable only while the caller cannot migrate.
 */
struct cpu_info *netbsd_curcpu(void)
{
	return &netbsd_cpus[raw_smp_processor_id()];
}
EXPORT_SYMBOL_NS_GPL(netbsd_curcpu, BSDCOMPAT);

/**
 * netbsd_cpu_lookup() - the handle of a CPU (NetBSD cpu_lookup())
 * @idx: the CPU's number
 *
 * Return: the handle, or NULL if there is no such CPU.
 *
 * Context: any.
 */
struct cpu_info *netbsd_cpu_lookup(unsigned int idx)
{
	return idx < nr_cpu_ids && cpu_possible(idx) ? &netbsd_cpus[idx] : NULL;
}
EXPORT_SYMBOL_NS_GPL(netbsd_cpu_lookup, BSDCOMPAT);

/**
 * netbsd_cpu_index() - a handle's CPU number (NetBSD cpu_index())
 * @ci: a handle from curcpu() or cpu_lookup()
 *
 * Context: any.
 */
unsigned int netbsd_cpu_index(const struct cpu_info *ci)
{
	return ci - netbsd_cpus;
}
EXPORT_SYMBOL_NS_GPL(netbsd_cpu_index, BSDCOMPAT);

/**
 * netbsd_ncpu() - the number of CPUs that may be online (NetBSD ncpu)
 *
 * Context: any.
 */
unsigned int netbsd_ncpu(void)
{
	return nr_cpu_ids;
}
EXPORT_SYMBOL_NS_GPL(netbsd_ncpu, BSDCOMPAT);
