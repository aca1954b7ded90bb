/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD atomic_ops(3), atomic_loadstore(9) and membar_ops(3) on Linux.
 * Rules: an atomic op is atomic but orders nothing (use membar_*() or the
 * acquire/release loads and stores); _nv returns the new value, swap and
 * cas the old one; _ni cas is atomic only against the local CPU; operands
 * are naturally aligned; the membars order plain accesses too.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_ATOMIC_H_
#define _BSDCOMPAT_NETBSD_SYS_ATOMIC_H_

#include <linux/atomic.h>
#include <linux/build_bug.h>
#include <linux/compiler.h>
#include <linux/types.h>
#include <asm/barrier.h>
#include <asm/cmpxchg.h>

/*
 * Everything is a static inline over Linux's atomic_t, atomic64_t and
 * atomic_long_t operations, applied to the caller's own integer through a
 * cast (the _relaxed forms where a value comes back), cmpxchg_local() for
 * _ni, and Linux's barriers. No name here is a Linux name: Linux's atomic_t
 * API has no width or type suffix (atomic_add(), atomic_inc(),
 * atomic_xchg(), atomic_cmpxchg()) and no atomic_cas*, atomic_swap*,
 * atomic_load_* or membar_*; a future clash would fail to build (a
 * redefinition), never silently change a meaning.
 * See Documentation/netbsd-atomic.md.
 */

/* The 64-bit ops are always there (atomic64_t); 64-bit loads where native. */
#define __HAVE_ATOMIC64_OPS	1
#ifdef CONFIG_64BIT
#define __HAVE_ATOMIC64_LOADSTORE	1
#endif
/* __HAVE_ATOMIC_AS_MEMBAR stays undefined: these ops are not barriers. */

/* The casts below rely on these: same size as the Linux atomic types. */
static_assert(sizeof(atomic_t) == sizeof(uint32_t));
static_assert(sizeof(atomic_t) == sizeof(unsigned int));
static_assert(sizeof(atomic64_t) == sizeof(uint64_t));
static_assert(sizeof(atomic_long_t) == sizeof(unsigned long));
static_assert(sizeof(atomic_long_t) == sizeof(void *));

/*
 * One family member per NetBSD type val_t; ptr_t is "volatile val_t *",
 * as in NetBSD's prototypes. L is the Linux atomic family of its width:
 * atomic (32 bits), atomic64 or atomic_long. The void forms are Linux's
 * unordered ops; the value-returning ones use the _relaxed forms, since
 * NetBSD promises no ordering either.
 */
#define __NB_ATOMIC_ADD(fn, fn_nv, val_t, ptr_t, delta_t, L)		\
static inline void fn(ptr_t p, delta_t delta)				\
{									\
	L##_add(delta, (L##_t *)p);					\
}									\
static inline val_t fn_nv(ptr_t p, delta_t delta)			\
{									\
	return L##_add_return_relaxed(delta, (L##_t *)p);		\
}

/* and, or: Linux has no and_return/or_return; the new value is old op v. */
#define __NB_ATOMIC_BITOP(fn, fn_nv, val_t, ptr_t, L, op, c_op)		\
static inline void fn(ptr_t p, val_t v)					\
{									\
	L##_##op(v, (L##_t *)p);					\
}									\
static inline val_t fn_nv(ptr_t p, val_t v)				\
{									\
	return (val_t)L##_fetch_##op##_relaxed(v, (L##_t *)p) c_op v;	\
}

#define __NB_ATOMIC_INCDEC(fn, fn_nv, val_t, ptr_t, L, op)		\
static inline void fn(ptr_t p)						\
{									\
	L##_##op((L##_t *)p);						\
}									\
static inline val_t fn_nv(ptr_t p)					\
{									\
	return L##_##op##_return_relaxed((L##_t *)p);			\
}

#define __NB_ATOMIC_SWAP(fn, val_t, ptr_t, L)				\
static inline val_t fn(ptr_t p, val_t v)				\
{									\
	return L##_xchg_relaxed((L##_t *)p, v);				\
}

/*
 * _ni: cmpxchg_local() is atomic against the local CPU only (on x86 it is
 * cmpxchg without the lock prefix), which is exactly what _ni promises.
 */
#define __NB_ATOMIC_CAS(fn, fn_ni, val_t, ptr_t, L, local)		\
static inline val_t fn(ptr_t p, val_t expected, val_t new)		\
{									\
	return L##_cmpxchg_relaxed((L##_t *)p, expected, new);		\
}									\
static inline val_t fn_ni(ptr_t p, val_t expected, val_t new)		\
{									\
	return local(p, expected, new);					\
}

__NB_ATOMIC_ADD(atomic_add_32, atomic_add_32_nv,
		uint32_t, volatile uint32_t *, int32_t, atomic)
__NB_ATOMIC_ADD(atomic_add_int, atomic_add_int_nv,
		unsigned int, volatile unsigned int *, int, atomic)
__NB_ATOMIC_ADD(atomic_add_long, atomic_add_long_nv,
		unsigned long, volatile unsigned long *, long, atomic_long)
__NB_ATOMIC_ADD(atomic_add_64, atomic_add_64_nv,
		uint64_t, volatile uint64_t *, int64_t, atomic64)

__NB_ATOMIC_BITOP(atomic_and_32, atomic_and_32_nv,
		  uint32_t, volatile uint32_t *, atomic, and, &)
__NB_ATOMIC_BITOP(atomic_and_uint, atomic_and_uint_nv,
		  unsigned int, volatile unsigned int *, atomic, and, &)
__NB_ATOMIC_BITOP(atomic_and_ulong, atomic_and_ulong_nv,
		  unsigned long, volatile unsigned long *, atomic_long, and, &)
__NB_ATOMIC_BITOP(atomic_and_64, atomic_and_64_nv,
		  uint64_t, volatile uint64_t *, atomic64, and, &)

__NB_ATOMIC_BITOP(atomic_or_32, atomic_or_32_nv,
		  uint32_t, volatile uint32_t *, atomic, or, |)
__NB_ATOMIC_BITOP(atomic_or_uint, atomic_or_uint_nv,
		  unsigned int, volatile unsigned int *, atomic, or, |)
__NB_ATOMIC_BITOP(atomic_or_ulong, atomic_or_ulong_nv,
		  unsigned long, volatile unsigned long *, atomic_long, or, |)
__NB_ATOMIC_BITOP(atomic_or_64, atomic_or_64_nv,
		  uint64_t, volatile uint64_t *, atomic64, or, |)

__NB_ATOMIC_INCDEC(atomic_inc_32, atomic_inc_32_nv,
		   uint32_t, volatile uint32_t *, atomic, inc)
__NB_ATOMIC_INCDEC(atomic_inc_uint, atomic_inc_uint_nv,
		   unsigned int, volatile unsigned int *, atomic, inc)
__NB_ATOMIC_INCDEC(atomic_inc_ulong, atomic_inc_ulong_nv,
		   unsigned long, volatile unsigned long *, atomic_long, inc)
__NB_ATOMIC_INCDEC(atomic_inc_64, atomic_inc_64_nv,
		   uint64_t, volatile uint64_t *, atomic64, inc)

__NB_ATOMIC_INCDEC(atomic_dec_32, atomic_dec_32_nv,
		   uint32_t, volatile uint32_t *, atomic, dec)
__NB_ATOMIC_INCDEC(atomic_dec_uint, atomic_dec_uint_nv,
		   unsigned int, volatile unsigned int *, atomic, dec)
__NB_ATOMIC_INCDEC(atomic_dec_ulong, atomic_dec_ulong_nv,
		   unsigned long, volatile unsigned long *, atomic_long, dec)
__NB_ATOMIC_INCDEC(atomic_dec_64, atomic_dec_64_nv,
		   uint64_t, volatile uint64_t *, atomic64, dec)

__NB_ATOMIC_SWAP(atomic_swap_32, uint32_t, volatile uint32_t *, atomic)
__NB_ATOMIC_SWAP(atomic_swap_uint, unsigned int, volatile unsigned int *,
		 atomic)
__NB_ATOMIC_SWAP(atomic_swap_ulong, unsigned long, volatile unsigned long *,
		 atomic_long)
__NB_ATOMIC_SWAP(atomic_swap_64, uint64_t, volatile uint64_t *, atomic64)

__NB_ATOMIC_CAS(atomic_cas_32, atomic_cas_32_ni,
		uint32_t, volatile uint32_t *, atomic, cmpxchg_local)
__NB_ATOMIC_CAS(atomic_cas_uint, atomic_cas_uint_ni,
		unsigned int, volatile unsigned int *, atomic, cmpxchg_local)
__NB_ATOMIC_CAS(atomic_cas_ulong, atomic_cas_ulong_ni,
		unsigned long, volatile unsigned long *, atomic_long,
		cmpxchg_local)
__NB_ATOMIC_CAS(atomic_cas_64, atomic_cas_64_ni,
		uint64_t, volatile uint64_t *, atomic64, cmpxchg64_local)

#undef __NB_ATOMIC_ADD
#undef __NB_ATOMIC_BITOP
#undef __NB_ATOMIC_INCDEC
#undef __NB_ATOMIC_SWAP
#undef __NB_ATOMIC_CAS

/*
 * 8- and 16-bit cas, which NetBSD has where the machine does. Linux's
 * cmpxchg() takes 1- and 2-byte operands on x86 and arm64; where an
 * architecture does not, a caller fails to build, as on such a NetBSD port.
 */
static inline uint8_t atomic_cas_8(volatile uint8_t *p, uint8_t expected,
				   uint8_t new)
{
	return cmpxchg_relaxed((uint8_t *)p, expected, new);
}

static inline uint16_t atomic_cas_16(volatile uint16_t *p, uint16_t expected,
				     uint16_t new)
{
	return cmpxchg_relaxed((uint16_t *)p, expected, new);
}

/*
 * Pointers: the value is treated as an unsigned long, so atomic_add_ptr()
 * adds bytes and atomic_inc_ptr() adds one byte, as on NetBSD.
 */
static inline void atomic_add_ptr(volatile void *p, ssize_t delta)
{
	atomic_long_add(delta, (atomic_long_t *)p);
}

static inline void *atomic_add_ptr_nv(volatile void *p, ssize_t delta)
{
	return (void *)atomic_long_add_return_relaxed(delta,
						      (atomic_long_t *)p);
}

static inline void atomic_inc_ptr(volatile void *p)
{
	atomic_long_inc((atomic_long_t *)p);
}

static inline void *atomic_inc_ptr_nv(volatile void *p)
{
	return (void *)atomic_long_inc_return_relaxed((atomic_long_t *)p);
}

static inline void atomic_dec_ptr(volatile void *p)
{
	atomic_long_dec((atomic_long_t *)p);
}

static inline void *atomic_dec_ptr_nv(volatile void *p)
{
	return (void *)atomic_long_dec_return_relaxed((atomic_long_t *)p);
}

static inline void *atomic_swap_ptr(volatile void *p, void *v)
{
	return (void *)atomic_long_xchg_relaxed((atomic_long_t *)p,
						(unsigned long)v);
}

static inline void *atomic_cas_ptr(volatile void *p, void *expected,
				   void *new)
{
	return (void *)atomic_long_cmpxchg_relaxed((atomic_long_t *)p,
						   (unsigned long)expected,
						   (unsigned long)new);
}

static inline void *atomic_cas_ptr_ni(volatile void *p, void *expected,
				      void *new)
{
	return cmpxchg_local((void **)p, expected, new);
}

/*
 * atomic_loadstore(9): P points to an object of at most the machine's word
 * size (a 64-bit object only on 64-bit machines), else the build fails, as
 * on NetBSD. Linux's READ_ONCE() already keeps an address dependency
 * ordered on every architecture (on Alpha it carries the barrier), which
 * is what consume asks for.
 */
#define atomic_load_relaxed(p)						\
({									\
	compiletime_assert_atomic_type(*(p));				\
	READ_ONCE(*(p));						\
})

#define atomic_load_consume(p)						\
({									\
	compiletime_assert_atomic_type(*(p));				\
	READ_ONCE(*(p));						\
})

/* Acquire: ordered before every later load and store. */
#define atomic_load_acquire(p)		smp_load_acquire(p)

#define atomic_store_relaxed(p, v)					\
do {									\
	compiletime_assert_atomic_type(*(p));				\
	WRITE_ONCE(*(p), (v));						\
} while (0)

/* Release: ordered after every earlier load and store. */
#define atomic_store_release(p, v)	smp_store_release((p), (v))

/*
 * membar_ops(3). Each says what NetBSD 10 orders and why the Linux barrier
 * is enough under the Linux-kernel memory model (LKMM). LKMM has one
 * standalone fence that orders an earlier load before a later store, or an
 * earlier store before a later load: smp_mb(). smp_rmb() orders loads
 * against loads only, smp_wmb() stores against stores only.
 */

/* Earlier loads before all later loads and stores. */
static inline void membar_acquire(void)
{
	/*
	 * smp_rmb() would let a later store become visible before the
	 * earlier load is satisfied (load buffering: the thread that took
	 * a reference or a lock could have its store seen by the side that
	 * has not released yet). smp_load_acquire() would do, but it
	 * belongs to one load and this fence follows loads it cannot name.
	 */
	smp_mb();
}

/* Earlier loads and stores before all later stores. */
static inline void membar_release(void)
{
	/*
	 * smp_wmb() would let an earlier load be satisfied after the later
	 * store is visible, so the last read of an object being handed
	 * over could see the next owner's write. Only smp_mb() orders load
	 * before store as a standalone fence.
	 */
	smp_mb();
}

/* Earlier stores before later stores. */
static inline void membar_producer(void)
{
	smp_wmb();	/* exactly store before store */
}

/* Earlier loads before later loads. */
static inline void membar_consumer(void)
{
	smp_rmb();	/* exactly load before load */
}

/* Earlier loads before later loads that use their value as an address. */
static inline void membar_datadep_consumer(void)
{
	/*
	 * Every Linux architecture but Alpha keeps an address dependency in
	 * order in hardware; the compiler barrier stops the compiler from
	 * reusing an earlier load of the dependent location. On Alpha the
	 * driver's first load may be a plain one, which (unlike READ_ONCE())
	 * carries no barrier there, so it takes smp_rmb().
	 */
#ifdef CONFIG_ALPHA
	smp_rmb();	/* a plain first load carries no barrier there */
#else
	barrier();
#endif
}

/* Earlier loads and stores before later loads and stores. */
static inline void membar_sync(void)
{
	/*
	 * Store before load included, which store buffers break even on
	 * x86 (TSO): only smp_mb() orders it.
	 */
	smp_mb();
}

/*
 * Deprecated in NetBSD 10. Documented as earlier stores before later
 * loads and stores, while its callers in NetBSD's tree use it as an
 * acquire (earlier loads before later loads and stores).
 */
static inline void membar_enter(void)
{
	/* Both, store before load included: only smp_mb() gives that. */
	smp_mb();
}

/* Deprecated in NetBSD 10: the old name of membar_release(). */
static inline void membar_exit(void)
{
	membar_release();
}

#endif /* _BSDCOMPAT_NETBSD_SYS_ATOMIC_H_ */
