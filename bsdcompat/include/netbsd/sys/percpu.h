/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD percpu(9) on Linux.
 *
 * The rules, as NetBSD states them, and where bsdcompat differs:
 *  - percpu_alloc() and percpu_create() reserve @size zeroed bytes on every
 *    CPU (the constructor, if any, then runs on each copy); percpu_free()
 *    runs the destructor on each copy and gives them back. All three are
 *    expensive, thread context only, and the size given to percpu_free()
 *    must be the size allocated (bsdcompat reports a mismatch and frees the
 *    right size).
 *  - percpu_getref() gives this CPU's copy and keeps the caller on this CPU
 *    (preemption off) until percpu_putref(); nothing in between may sleep.
 *  - percpu_foreach() calls back with every CPU's copy, in the caller's
 *    thread: the copies may be changing under it. percpu_foreach_xcall()
 *    runs the callback on each CPU itself, by an xcall(9).
 *  - bsdcompat: storage is Linux per-CPU memory for every possible CPU; it
 *    never moves, so a pointer from percpu_getptr_remote() stays valid
 *    until percpu_free().
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_PERCPU_H_
#define _BSDCOMPAT_NETBSD_SYS_PERCPU_H_

#include <linux/types.h>

struct cpu_info;

typedef struct percpu percpu_t;
typedef void (*percpu_callback_t)(void *ptr, void *arg, struct cpu_info *ci);

percpu_t *netbsd_percpu_alloc(size_t size);
percpu_t *netbsd_percpu_create(size_t size, percpu_callback_t ctor,
			       percpu_callback_t dtor, void *arg);
void netbsd_percpu_free(percpu_t *pc, size_t size);
void *netbsd_percpu_getref(percpu_t *pc);
void netbsd_percpu_putref(percpu_t *pc);
void netbsd_percpu_foreach(percpu_t *pc, percpu_callback_t cb, void *arg);
void netbsd_percpu_foreach_xcall(percpu_t *pc, unsigned int xcflags,
				 percpu_callback_t cb, void *arg);
void *netbsd_percpu_getptr_remote(percpu_t *pc, struct cpu_info *ci);

static inline percpu_t *percpu_alloc(size_t size)
{
	return netbsd_percpu_alloc(size);
}

static inline percpu_t *percpu_create(size_t size, percpu_callback_t ctor,
				      percpu_callback_t dtor, void *arg)
{
	return netbsd_percpu_create(size, ctor, dtor, arg);
}

static inline void percpu_free(percpu_t *pc, size_t size)
{
	netbsd_percpu_free(pc, size);
}

static inline void *percpu_getref(percpu_t *pc)
{
	return netbsd_percpu_getref(pc);
}

static inline void percpu_putref(percpu_t *pc)
{
	netbsd_percpu_putref(pc);
}

static inline void percpu_foreach(percpu_t *pc, percpu_callback_t cb,
				  void *arg)
{
	netbsd_percpu_foreach(pc, cb, arg);
}

static inline void percpu_foreach_xcall(percpu_t *pc, unsigned int xcflags,
					percpu_callback_t cb, void *arg)
{
	netbsd_percpu_foreach_xcall(pc, xcflags, cb, arg);
}

static inline void *percpu_getptr_remote(percpu_t *pc, struct cpu_info *ci)
{
	return netbsd_percpu_getptr_remote(pc, ci);
}

#endif /* _BSDCOMPAT_NETBSD_SYS_PERCPU_H_ */
