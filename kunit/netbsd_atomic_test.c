// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: NetBSD atomic_ops(3), atomic_loadstore(9) and membar_ops(3).
 *
 * Per family: what comes back (old or new value; cas failing when the
 * expected value does not match), the width (32-bit wrap-around, 64-bit
 * values beyond 2^32, byte arithmetic on pointers, neighbours untouched),
 * and exact results when threads on every CPU hammer one word.
 *
 * Ordering: litmus tests run by two threads on two CPUs, one fresh pair of
 * locations per iteration. Store buffering with membar_sync() is the one
 * reordering x86 hardware shows (TSO lets a store wait in the store buffer
 * while a later load goes ahead), so it is the one that catches a missing
 * smp_mb() on x86. Message passing with membar_producer()/consumer() and
 * membar_release()/acquire() is never reordered by x86 hardware: there
 * these cases catch only a missing compiler barrier (the reader loads the
 * data once before the flag, so a compiler free to reuse that load does).
 * On a weakly ordered machine they test the hardware too.
 */
#include <kunit/test.h>
#include <linux/bitmap.h>
#include <linux/cpumask.h>
#include <linux/limits.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include <sys/atomic.h>

#include "kunit_helpers.h"

/* ---------------------------------------------------------------------- */
/* Single thread: values and widths                                        */

static void atomic_add_values(struct kunit *test)
{
	uint32_t v32 = 10;
	unsigned int ui = 10;
	unsigned long ul = 10;
	uint64_t v64 = 10;

	atomic_add_32(&v32, 5);
	KUNIT_EXPECT_EQ(test, v32, 15U);
	KUNIT_EXPECT_EQ(test, atomic_add_32_nv(&v32, -20), (uint32_t)-5);
	KUNIT_EXPECT_EQ(test, atomic_add_32_nv(&v32, 5), 0U);

	atomic_add_int(&ui, -3);
	KUNIT_EXPECT_EQ(test, ui, 7U);
	KUNIT_EXPECT_EQ(test, atomic_add_int_nv(&ui, 100), 107U);
	KUNIT_EXPECT_EQ(test, ui, 107U);

	atomic_add_long(&ul, -11);
	KUNIT_EXPECT_EQ(test, ul, ULONG_MAX);
	KUNIT_EXPECT_EQ(test, atomic_add_long_nv(&ul, 2), 1UL);

	atomic_add_64(&v64, -4);
	KUNIT_EXPECT_EQ(test, v64, 6ULL);
	KUNIT_EXPECT_EQ(test, atomic_add_64_nv(&v64, 1LL << 40),
			(1ULL << 40) + 6);
}

/* 32-bit ops wrap at 2^32 and leave their neighbours alone; 64-bit don't. */
static void atomic_width(struct kunit *test)
{
	uint32_t w[3] = { 0xa5a5a5a5, 0xffffffff, 0x5a5a5a5a };
	uint64_t q = 0xffffffffULL;
	unsigned long ul = ULONG_MAX;

	KUNIT_EXPECT_EQ(test, atomic_inc_32_nv(&w[1]), 0U);
	KUNIT_EXPECT_EQ(test, atomic_dec_32_nv(&w[1]), 0xffffffffU);
	KUNIT_EXPECT_EQ(test, atomic_add_32_nv(&w[1], 2), 1U);
	KUNIT_EXPECT_EQ(test, atomic_add_32_nv(&w[1], INT_MIN), 0x80000001U);
	KUNIT_EXPECT_EQ(test, atomic_add_32_nv(&w[1], INT_MIN), 1U);
	atomic_and_32(&w[1], 0);
	atomic_or_32(&w[1], 0xffffffff);
	KUNIT_EXPECT_EQ(test, atomic_swap_32(&w[1], 0), 0xffffffffU);
	KUNIT_EXPECT_EQ(test, atomic_cas_32(&w[1], 0, 0xffffffff), 0U);
	KUNIT_EXPECT_EQ(test, w[0], 0xa5a5a5a5U);
	KUNIT_EXPECT_EQ(test, w[2], 0x5a5a5a5aU);

	/* 64 bits: carries and borrows cross bit 32. */
	KUNIT_EXPECT_EQ(test, atomic_inc_64_nv(&q), 0x100000000ULL);
	KUNIT_EXPECT_EQ(test, atomic_dec_64_nv(&q), 0xffffffffULL);
	KUNIT_EXPECT_EQ(test, atomic_add_64_nv(&q, 0x100000001LL),
			0x200000000ULL);
	KUNIT_EXPECT_EQ(test, atomic_add_64_nv(&q, -0x200000001LL), U64_MAX);
	KUNIT_EXPECT_EQ(test, atomic_inc_64_nv(&q), 0ULL);
	KUNIT_EXPECT_EQ(test, atomic_or_64_nv(&q, 1ULL << 63), 1ULL << 63);
	KUNIT_EXPECT_EQ(test, atomic_and_64_nv(&q, ~0ULL << 62), 1ULL << 63);
	KUNIT_EXPECT_EQ(test, atomic_swap_64(&q, 0x123456789ULL), 1ULL << 63);
	KUNIT_EXPECT_EQ(test, atomic_cas_64(&q, 0x23456789ULL, 0), 0x123456789ULL);
	KUNIT_EXPECT_EQ(test, q, 0x123456789ULL);

	/* unsigned long is the machine word. */
	KUNIT_EXPECT_EQ(test, atomic_inc_ulong_nv(&ul), 0UL);
	KUNIT_EXPECT_EQ(test, atomic_dec_ulong_nv(&ul), ULONG_MAX);
	KUNIT_EXPECT_EQ(test, atomic_add_long_nv(&ul, LONG_MIN),
			(unsigned long)LONG_MAX);
}

/* Pointers: byte arithmetic on the value; swap and cas hand back the old. */
static void atomic_ptr_ops(struct kunit *test)
{
	static char buf[64];
	void *p = &buf[8];
	void *old;

	atomic_add_ptr(&p, 16);
	KUNIT_EXPECT_PTR_EQ(test, p, (void *)&buf[24]);
	KUNIT_EXPECT_PTR_EQ(test, atomic_add_ptr_nv(&p, -(ssize_t)sizeof(long)),
			    (void *)&buf[24 - sizeof(long)]);
	p = &buf[10];
	atomic_inc_ptr(&p);
	KUNIT_EXPECT_PTR_EQ(test, p, (void *)&buf[11]);
	KUNIT_EXPECT_PTR_EQ(test, atomic_inc_ptr_nv(&p), (void *)&buf[12]);
	atomic_dec_ptr(&p);
	KUNIT_EXPECT_PTR_EQ(test, atomic_dec_ptr_nv(&p), (void *)&buf[10]);

	old = atomic_swap_ptr(&p, buf);
	KUNIT_EXPECT_PTR_EQ(test, old, (void *)&buf[10]);
	KUNIT_EXPECT_PTR_EQ(test, p, (void *)buf);

	KUNIT_EXPECT_PTR_EQ(test, atomic_cas_ptr(&p, buf, &buf[1]), (void *)buf);
	KUNIT_EXPECT_PTR_EQ(test, p, (void *)&buf[1]);
	KUNIT_EXPECT_PTR_EQ(test, atomic_cas_ptr(&p, buf, NULL), (void *)&buf[1]);
	KUNIT_EXPECT_PTR_EQ(test, p, (void *)&buf[1]);
	KUNIT_EXPECT_PTR_EQ(test, atomic_cas_ptr_ni(&p, &buf[1], NULL),
			    (void *)&buf[1]);
	KUNIT_EXPECT_NULL(test, p);
	KUNIT_EXPECT_NULL(test, atomic_cas_ptr_ni(&p, buf, buf));
	KUNIT_EXPECT_NULL(test, p);
}

static void atomic_and_or_values(struct kunit *test)
{
	uint32_t v32 = 0xf0f0f0f0;
	unsigned int ui = 0x0ff0;
	unsigned long ul = 0x5;
	uint64_t v64 = 0xff00000000ULL;

	atomic_and_32(&v32, 0xff00ff00);
	KUNIT_EXPECT_EQ(test, v32, 0xf000f000U);
	KUNIT_EXPECT_EQ(test, atomic_and_32_nv(&v32, 0x3000ffff), 0x3000f000U);
	atomic_or_32(&v32, 0x0f);
	KUNIT_EXPECT_EQ(test, v32, 0x3000f00fU);
	KUNIT_EXPECT_EQ(test, atomic_or_32_nv(&v32, 0xc0000000), 0xf000f00fU);

	atomic_and_uint(&ui, 0x00ff);
	KUNIT_EXPECT_EQ(test, ui, 0x00f0U);
	KUNIT_EXPECT_EQ(test, atomic_and_uint_nv(&ui, 0x30), 0x30U);
	atomic_or_uint(&ui, 0x1);
	KUNIT_EXPECT_EQ(test, atomic_or_uint_nv(&ui, 0x100), 0x131U);

	atomic_or_ulong(&ul, 0x8);
	KUNIT_EXPECT_EQ(test, ul, 0xdUL);
	KUNIT_EXPECT_EQ(test, atomic_or_ulong_nv(&ul, 1UL << (BITS_PER_LONG - 1)),
			(1UL << (BITS_PER_LONG - 1)) | 0xd);
	atomic_and_ulong(&ul, ~0x1UL);
	KUNIT_EXPECT_EQ(test, atomic_and_ulong_nv(&ul, 0xff), 0xcUL);

	atomic_or_64(&v64, 0xf);
	KUNIT_EXPECT_EQ(test, v64, 0xff0000000fULL);
	KUNIT_EXPECT_EQ(test, atomic_and_64_nv(&v64, 0xf00000000fULL),
			0xf00000000fULL);
	atomic_and_64(&v64, 0xffffffff00000000ULL);
	KUNIT_EXPECT_EQ(test, atomic_or_64_nv(&v64, 1ULL << 63),
			0x800000f000000000ULL);
}

static void atomic_inc_dec_values(struct kunit *test)
{
	uint32_t v32 = 0;
	unsigned int ui = 1;
	unsigned long ul = 41;
	uint64_t v64 = 0;

	atomic_inc_32(&v32);
	KUNIT_EXPECT_EQ(test, v32, 1U);
	KUNIT_EXPECT_EQ(test, atomic_inc_32_nv(&v32), 2U);
	atomic_dec_32(&v32);
	KUNIT_EXPECT_EQ(test, atomic_dec_32_nv(&v32), 0U);

	atomic_dec_uint(&ui);
	KUNIT_EXPECT_EQ(test, ui, 0U);
	KUNIT_EXPECT_EQ(test, atomic_dec_uint_nv(&ui), UINT_MAX);
	atomic_inc_uint(&ui);
	KUNIT_EXPECT_EQ(test, atomic_inc_uint_nv(&ui), 1U);

	atomic_inc_ulong(&ul);
	KUNIT_EXPECT_EQ(test, atomic_inc_ulong_nv(&ul), 43UL);
	atomic_dec_ulong(&ul);
	KUNIT_EXPECT_EQ(test, atomic_dec_ulong_nv(&ul), 41UL);

	atomic_dec_64(&v64);
	KUNIT_EXPECT_EQ(test, v64, U64_MAX);
	KUNIT_EXPECT_EQ(test, atomic_inc_64_nv(&v64), 0ULL);
	atomic_inc_64(&v64);
	KUNIT_EXPECT_EQ(test, atomic_dec_64_nv(&v64), 0ULL);
}

/* swap: the old value comes back, the new one is stored. */
static void atomic_swap_values(struct kunit *test)
{
	uint32_t v32 = 7;
	unsigned int ui = 8;
	unsigned long ul = ULONG_MAX;
	uint64_t v64 = 1ULL << 35;

	KUNIT_EXPECT_EQ(test, atomic_swap_32(&v32, 0xdeadbeef), 7U);
	KUNIT_EXPECT_EQ(test, v32, 0xdeadbeefU);
	KUNIT_EXPECT_EQ(test, atomic_swap_uint(&ui, 9), 8U);
	KUNIT_EXPECT_EQ(test, ui, 9U);
	KUNIT_EXPECT_EQ(test, atomic_swap_ulong(&ul, 3), ULONG_MAX);
	KUNIT_EXPECT_EQ(test, ul, 3UL);
	KUNIT_EXPECT_EQ(test, atomic_swap_64(&v64, 5), 1ULL << 35);
	KUNIT_EXPECT_EQ(test, v64, 5ULL);
}

/*
 * cas returns what was there: the expected value when it stored the new
 * one, anything else when it did not (and then it stored nothing).
 */
static void atomic_cas_values(struct kunit *test)
{
	uint8_t v8[4] = { 0x11, 0x22, 0x33, 0x44 };
	uint16_t v16[3] = { 0x1111, 0x2222, 0x3333 };
	uint32_t v32 = 1;
	unsigned int ui = 2;
	unsigned long ul = 3;
	uint64_t v64 = 0x100000004ULL;

	KUNIT_EXPECT_EQ(test, atomic_cas_32(&v32, 1, 10), 1U);
	KUNIT_EXPECT_EQ(test, v32, 10U);
	KUNIT_EXPECT_EQ(test, atomic_cas_32(&v32, 1, 20), 10U);
	KUNIT_EXPECT_EQ(test, v32, 10U);
	KUNIT_EXPECT_EQ(test, atomic_cas_32_ni(&v32, 10, 30), 10U);
	KUNIT_EXPECT_EQ(test, atomic_cas_32_ni(&v32, 10, 40), 30U);
	KUNIT_EXPECT_EQ(test, v32, 30U);

	KUNIT_EXPECT_EQ(test, atomic_cas_uint(&ui, 2, 0), 2U);
	KUNIT_EXPECT_EQ(test, atomic_cas_uint(&ui, 2, 5), 0U);
	KUNIT_EXPECT_EQ(test, atomic_cas_uint_ni(&ui, 0, 6), 0U);
	KUNIT_EXPECT_EQ(test, atomic_cas_uint_ni(&ui, 0, 7), 6U);
	KUNIT_EXPECT_EQ(test, ui, 6U);

	KUNIT_EXPECT_EQ(test, atomic_cas_ulong(&ul, 3, ULONG_MAX), 3UL);
	KUNIT_EXPECT_EQ(test, atomic_cas_ulong(&ul, 3, 0), ULONG_MAX);
	KUNIT_EXPECT_EQ(test, atomic_cas_ulong_ni(&ul, ULONG_MAX, 1), ULONG_MAX);
	KUNIT_EXPECT_EQ(test, atomic_cas_ulong_ni(&ul, ULONG_MAX, 2), 1UL);
	KUNIT_EXPECT_EQ(test, ul, 1UL);

	/* A 64-bit compare that differs only above bit 31 must fail. */
	KUNIT_EXPECT_EQ(test, atomic_cas_64(&v64, 4, 0), 0x100000004ULL);
	KUNIT_EXPECT_EQ(test, v64, 0x100000004ULL);
	KUNIT_EXPECT_EQ(test, atomic_cas_64(&v64, 0x100000004ULL, 1ULL << 40),
			0x100000004ULL);
	KUNIT_EXPECT_EQ(test, v64, 1ULL << 40);
	KUNIT_EXPECT_EQ(test, atomic_cas_64_ni(&v64, 0, 1), 1ULL << 40);
	KUNIT_EXPECT_EQ(test, atomic_cas_64_ni(&v64, 1ULL << 40, 2), 1ULL << 40);
	KUNIT_EXPECT_EQ(test, v64, 2ULL);

	/* 8 and 16 bits: only the addressed element changes. */
	KUNIT_EXPECT_EQ(test, atomic_cas_8(&v8[1], 0x22, 0xee), 0x22);
	KUNIT_EXPECT_EQ(test, atomic_cas_8(&v8[2], 0x22, 0xee), 0x33);
	KUNIT_EXPECT_EQ(test, v8[0], 0x11);
	KUNIT_EXPECT_EQ(test, v8[1], 0xee);
	KUNIT_EXPECT_EQ(test, v8[2], 0x33);
	KUNIT_EXPECT_EQ(test, v8[3], 0x44);
	KUNIT_EXPECT_EQ(test, atomic_cas_16(&v16[1], 0x2222, 0xffff), 0x2222);
	KUNIT_EXPECT_EQ(test, atomic_cas_16(&v16[1], 0x2222, 0), 0xffff);
	KUNIT_EXPECT_EQ(test, v16[0], 0x1111);
	KUNIT_EXPECT_EQ(test, v16[1], 0xffff);
	KUNIT_EXPECT_EQ(test, v16[2], 0x3333);
}

/* atomic_loadstore(9): every width up to the word, and pointers. */
static void atomic_loadstore_values(struct kunit *test)
{
	uint8_t c = 0;
	uint16_t h = 0;
	uint32_t w = 0;
	unsigned long l = 0;
	int x = 5;
	int *p = NULL;

	atomic_store_relaxed(&c, 0xab);
	atomic_store_release(&h, 0xabcd);
	atomic_store_relaxed(&w, 0xdeadbeef);
	atomic_store_release(&l, ULONG_MAX);
	atomic_store_release(&p, &x);
	KUNIT_EXPECT_EQ(test, atomic_load_relaxed(&c), 0xab);
	KUNIT_EXPECT_EQ(test, atomic_load_acquire(&h), 0xabcd);
	KUNIT_EXPECT_EQ(test, atomic_load_acquire(&w), 0xdeadbeefU);
	KUNIT_EXPECT_EQ(test, atomic_load_relaxed(&l), ULONG_MAX);
	KUNIT_EXPECT_EQ(test, *atomic_load_consume(&p), 5);
#ifdef __HAVE_ATOMIC64_LOADSTORE
	{
		uint64_t q = 0;

		atomic_store_relaxed(&q, 1ULL << 40);
		KUNIT_EXPECT_EQ(test, atomic_load_acquire(&q), 1ULL << 40);
		atomic_store_release(&q, U64_MAX);
		KUNIT_EXPECT_EQ(test, atomic_load_relaxed(&q), U64_MAX);
	}
#endif
}

/* ---------------------------------------------------------------------- */
/* Threads on every CPU                                                    */

#define PAR_MAX_THREADS	8
#define PAR_LOOPS	20000

struct par;
typedef void (*par_fn)(struct par *par, unsigned int id);

struct par {
	par_fn			fn;
	unsigned int		nthreads;
	atomic_t		arrived;
	/* the shared words */
	uint32_t		u32;
	unsigned int		ui;
	unsigned long		ul;
	uint64_t		u64;
	void			*ptr;
	/* per-thread results */
	unsigned long		errors[PAR_MAX_THREADS];
	unsigned long		held[PAR_MAX_THREADS];
	unsigned long		held_ul[PAR_MAX_THREADS];
	/* the values atomic_inc_32_nv() returned, one bit each */
	unsigned long		*seen;
};

static void par_thread_fn(void *arg, unsigned int id)
{
	struct par *par = arg;

	/* Start together, so the threads really overlap. */
	atomic_inc(&par->arrived);
	while (atomic_read(&par->arrived) < par->nthreads)
		cond_resched();
	par->fn(par, id);
}

/*
 * Run @fn in two threads per online CPU (at most PAR_MAX_THREADS), bound
 * round-robin to the CPUs. Needs two CPUs: on one, "concurrent" would only
 * mean preempted.
 */
static struct par *par_run(struct kunit *test, par_fn fn, bool want_seen)
{
	struct par *par;

	if (num_online_cpus() < 2)
		kunit_skip(test, "needs 2 CPUs, %u online", num_online_cpus());
	par = kunit_kzalloc(test, sizeof(*par), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, par);
	par->fn = fn;
	par->nthreads = min(2 * num_online_cpus(), (unsigned int)PAR_MAX_THREADS);
	if (want_seen) {
		par->seen = kunit_kzalloc(test,
					  BITS_TO_LONGS(par->nthreads * PAR_LOOPS) *
					  sizeof(long), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, par->seen);
	}
	bsd_kunit_run_threads(test, par->nthreads, par_thread_fn, par,
			      "natomic", true);
	return par;
}

static unsigned long par_errors(struct par *par)
{
	unsigned long sum = 0;
	unsigned int i;

	for (i = 0; i < par->nthreads; i++)
		sum += par->errors[i];
	return sum;
}

/*
 * Half the threads use the void ops, half the _nv ops; every value an
 * _nv op returns must be returned once only.
 */
static void inc_fn(struct par *par, unsigned int id)
{
	unsigned int i;

	for (i = 0; i < PAR_LOOPS; i++) {
		if (id & 1) {
			atomic_inc_32(&par->u32);
			atomic_inc_ulong(&par->ul);
			atomic_dec_uint(&par->ui);
			atomic_inc_ptr(&par->ptr);
		} else {
			uint32_t v = atomic_inc_32_nv(&par->u32);

			if (v == 0 || v > par->nthreads * PAR_LOOPS ||
			    test_and_set_bit(v - 1, par->seen))
				par->errors[id]++;
			atomic_inc_ulong_nv(&par->ul);
			atomic_dec_uint_nv(&par->ui);
			atomic_inc_ptr_nv(&par->ptr);
		}
	}
}

static void atomic_inc_concurrent(struct kunit *test)
{
	struct par *par = par_run(test, inc_fn, true);
	unsigned long n = (unsigned long)par->nthreads * PAR_LOOPS;

	KUNIT_EXPECT_EQ(test, par->u32, (uint32_t)n);
	KUNIT_EXPECT_EQ(test, par->ul, n);
	KUNIT_EXPECT_EQ(test, par->ui, (unsigned int)-n);
	KUNIT_EXPECT_EQ(test, (unsigned long)par->ptr, n);
	KUNIT_EXPECT_EQ(test, par_errors(par), 0UL);
	kunit_info(test, "%u threads x %d increments\n", par->nthreads,
		   PAR_LOOPS);
}

/* Each add carries into bit 32: a torn 64-bit add loses the carry. */
#define ADD64_DELTA	0x1ffffffffLL

static void add_fn(struct par *par, unsigned int id)
{
	unsigned int i;

	for (i = 0; i < PAR_LOOPS; i++) {
		if (id & 1) {
			atomic_add_64(&par->u64, ADD64_DELTA);
			atomic_add_long(&par->ul, -3);
			atomic_add_32(&par->u32, 0x10001);
		} else {
			atomic_add_64_nv(&par->u64, ADD64_DELTA);
			atomic_add_long_nv(&par->ul, -3);
			atomic_add_int_nv(&par->u32, 0x10001);
		}
	}
}

static void atomic_add_concurrent(struct kunit *test)
{
	struct par *par = par_run(test, add_fn, false);
	uint64_t n = (uint64_t)par->nthreads * PAR_LOOPS;

	KUNIT_EXPECT_EQ(test, par->u64, n * ADD64_DELTA);
	KUNIT_EXPECT_EQ(test, par->ul, (unsigned long)(-3 * (long)n));
	KUNIT_EXPECT_EQ(test, par->u32, (uint32_t)(n * 0x10001));
}

/* A counter made of cas loops, in 32 and 64 bits, loses nothing. */
static void cas_fn(struct par *par, unsigned int id)
{
	unsigned int i;

	for (i = 0; i < PAR_LOOPS; i++) {
		uint32_t o32;
		uint64_t o64;

		do {
			o32 = READ_ONCE(par->u32);
		} while (atomic_cas_32(&par->u32, o32, o32 + 1) != o32);
		do {
			o64 = READ_ONCE(par->u64);
			par->held[id]++;	/* attempts */
		} while (atomic_cas_64(&par->u64, o64, o64 + 0x100000001ULL) != o64);
	}
}

static void atomic_cas_concurrent(struct kunit *test)
{
	struct par *par = par_run(test, cas_fn, false);
	uint64_t n = (uint64_t)par->nthreads * PAR_LOOPS;
	unsigned long attempts = 0;
	unsigned int i;

	for (i = 0; i < par->nthreads; i++)
		attempts += par->held[i];
	KUNIT_EXPECT_EQ(test, par->u32, (uint32_t)n);
	KUNIT_EXPECT_EQ(test, par->u64, n * 0x100000001ULL);
	kunit_info(test, "%llu 64-bit cas increments, %llu failed attempts\n",
		   n, attempts - n);
}

/*
 * Swap conservation: one token per thread and one in each shared word,
 * a bit each. Threads keep swapping their token with the word's; at the
 * end the tokens held plus the word's are each bit exactly once.
 */
static void swap_fn(struct par *par, unsigned int id)
{
	unsigned long mine = 1UL << id, mine_ul = 1UL << id;
	unsigned int i;

	for (i = 0; i < PAR_LOOPS; i++) {
		mine = atomic_swap_32(&par->u32, mine);
		mine_ul = atomic_swap_ulong(&par->ul, mine_ul);
	}
	par->held[id] = mine;
	par->held_ul[id] = mine_ul;
}

static void atomic_swap_concurrent(struct kunit *test)
{
	struct par *par = par_run(test, swap_fn, false);
	unsigned long all, sum, sum_ul, or, or_ul;
	unsigned int i;

	/* The words started at 0, a token with no bit in it. */
	sum = par->u32;
	or = par->u32;
	sum_ul = par->ul;
	or_ul = par->ul;
	for (i = 0; i < par->nthreads; i++) {
		sum += par->held[i];
		or |= par->held[i];
		sum_ul += par->held_ul[i];
		or_ul |= par->held_ul[i];
	}
	/* Each thread's bit exactly once: none lost, none duplicated. */
	all = (1UL << par->nthreads) - 1;
	KUNIT_EXPECT_EQ(test, or, all);
	KUNIT_EXPECT_EQ(test, sum, all);
	KUNIT_EXPECT_EQ(test, or_ul, all);
	KUNIT_EXPECT_EQ(test, sum_ul, all);
}

/*
 * and/or: each thread owns one bit of each shared word and sets and
 * clears only that bit; a lost update would show a thread its own bit in
 * the wrong state.
 */
static void bits_fn(struct par *par, unsigned int id)
{
	uint32_t b32 = 1U << id;
	unsigned long bl = 1UL << (BITS_PER_LONG - 1 - id);
	uint64_t b64 = 1ULL << (32 + id);
	unsigned int i;

	for (i = 0; i < PAR_LOOPS; i++) {
		if (i & 1) {
			atomic_or_32(&par->u32, b32);
			atomic_or_ulong(&par->ul, bl);
			atomic_or_64(&par->u64, b64);
			if (!(READ_ONCE(par->u32) & b32) ||
			    !(READ_ONCE(par->ul) & bl) ||
			    !(READ_ONCE(par->u64) & b64))
				par->errors[id]++;
			atomic_and_32(&par->u32, ~b32);
			atomic_and_ulong(&par->ul, ~bl);
			atomic_and_64(&par->u64, ~b64);
			if ((READ_ONCE(par->u32) & b32) ||
			    (READ_ONCE(par->ul) & bl) ||
			    (READ_ONCE(par->u64) & b64))
				par->errors[id]++;
		} else {
			if (!(atomic_or_32_nv(&par->u32, b32) & b32) ||
			    !(atomic_or_uint_nv(&par->ui, b32) & b32) ||
			    !(atomic_or_ulong_nv(&par->ul, bl) & bl) ||
			    !(atomic_or_64_nv(&par->u64, b64) & b64))
				par->errors[id]++;
			if ((atomic_and_32_nv(&par->u32, ~b32) & b32) ||
			    (atomic_and_uint_nv(&par->ui, ~b32) & b32) ||
			    (atomic_and_ulong_nv(&par->ul, ~bl) & bl) ||
			    (atomic_and_64_nv(&par->u64, ~b64) & b64))
				par->errors[id]++;
		}
	}
}

static void atomic_and_or_concurrent(struct kunit *test)
{
	struct par *par = par_run(test, bits_fn, false);

	KUNIT_EXPECT_EQ(test, par_errors(par), 0UL);
	KUNIT_EXPECT_EQ(test, par->u32, 0U);
	KUNIT_EXPECT_EQ(test, par->ui, 0U);
	KUNIT_EXPECT_EQ(test, par->ul, 0UL);
	KUNIT_EXPECT_EQ(test, par->u64, 0ULL);
}

/* ---------------------------------------------------------------------- */
/* Ordering: two-thread litmus tests                                       */

#define LITMUS_ITERS	50000

struct litmus;
typedef u8 (*litmus_fn)(struct litmus *l, unsigned int i);

/*
 * Iteration i uses x[i], y[i] and z[i] (zero at the start) and records
 * what each thread saw in res[0][i] and res[1][i]. Before each iteration
 * the threads meet (thread 1 says it is ready, thread 0 says go), then each
 * waits a small random number of loops, so that over many iterations their
 * accesses line up every way, within a store buffer's reach included.
 * (Measured on QEMU TCG, 2 vCPUs: a spread of 0-7 loops on both sides
 * shows store buffering most often; none at all shows it almost never.)
 *
 * The bodies are not KASAN-instrumented: a KASAN check is a call between
 * the store and the load, long enough for the store to drain first, and
 * then store buffering never shows even without membar_sync().
 */
#define __litmus	__no_sanitize_address

struct litmus {
	u32		*x, *y, *z;
	u8		*res[2];
	litmus_fn	fn[2];
	unsigned int	ready;
	unsigned int	go;
};

static void litmus_thread_fn(void *arg, unsigned int id)
{
	struct litmus *l = arg;
	u32 rnd = 0x9e3779b9U * (id + 1);
	unsigned int i, k, delay;

	for (i = 1; i <= LITMUS_ITERS; i++) {
		/* A plain spin: cpu_relax() makes QEMU's TCG leave the vCPU. */
		if (id) {
			WRITE_ONCE(l->ready, i);
			while (READ_ONCE(l->go) != i)
				barrier();
		} else {
			while (READ_ONCE(l->ready) != i)
				barrier();
			WRITE_ONCE(l->go, i);
		}
		rnd ^= rnd << 13;
		rnd ^= rnd >> 17;
		rnd ^= rnd << 5;
		delay = rnd % 8;
		for (k = 0; k < delay; k++)
			barrier();
		l->res[id][i - 1] = l->fn[id](l, i - 1);
		if (!(i % 4096))
			cond_resched();
	}
}

static void litmus_free(struct litmus *l)
{
	kvfree(l->x);
	kvfree(l->y);
	kvfree(l->z);
	kvfree(l->res[0]);
	kvfree(l->res[1]);
	kfree(l);
}

/* Run fn0 on one CPU and fn1 on another; NULL if there are not two. */
static struct litmus *litmus_run(struct kunit *test, litmus_fn fn0,
				 litmus_fn fn1)
{
	struct litmus *l;

	if (num_online_cpus() < 2)
		kunit_skip(test, "needs 2 CPUs, %u online", num_online_cpus());
	l = kzalloc(sizeof(*l), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, l);
	l->x = kvcalloc(LITMUS_ITERS, sizeof(u32), GFP_KERNEL);
	l->y = kvcalloc(LITMUS_ITERS, sizeof(u32), GFP_KERNEL);
	l->z = kvcalloc(LITMUS_ITERS, sizeof(u32), GFP_KERNEL);
	l->res[0] = kvcalloc(LITMUS_ITERS, sizeof(u8), GFP_KERNEL);
	l->res[1] = kvcalloc(LITMUS_ITERS, sizeof(u8), GFP_KERNEL);
	if (!l->x || !l->y || !l->z || !l->res[0] || !l->res[1]) {
		litmus_free(l);
		KUNIT_ASSERT_FAILURE(test, "out of memory");
	}
	l->fn[0] = fn0;
	l->fn[1] = fn1;
	/*
	 * Bound: the first two online CPUs, one each. Should a thread not
	 * be created, the test fails there and l leaks; no thread uses it.
	 */
	bsd_kunit_run_threads(test, 2, litmus_thread_fn, l, "nlitmus", true);
	return l;
}

/*
 * Store buffering (Dekker): each thread stores to its own location, then
 * loads the other's. With membar_sync() between, at least one load sees
 * the other's store: never r0 == r1 == 0. Without it, x86 shows that
 * outcome (each store still in its CPU's store buffer).
 */
static u8 __litmus sb_thread0(struct litmus *l, unsigned int i)
{
	WRITE_ONCE(l->x[i], 1);
	membar_sync();
	return READ_ONCE(l->y[i]);
}

static u8 __litmus sb_thread1(struct litmus *l, unsigned int i)
{
	WRITE_ONCE(l->y[i], 1);
	membar_sync();
	return READ_ONCE(l->x[i]);
}

/* The same with membar_enter(), which also orders store before load. */
static u8 __litmus sb_enter_thread0(struct litmus *l, unsigned int i)
{
	WRITE_ONCE(l->x[i], 1);
	membar_enter();
	return READ_ONCE(l->y[i]);
}

static u8 __litmus sb_enter_thread1(struct litmus *l, unsigned int i)
{
	WRITE_ONCE(l->y[i], 1);
	membar_enter();
	return READ_ONCE(l->x[i]);
}

static void litmus_sb_check(struct kunit *test, struct litmus *l,
			    const char *membar)
{
	unsigned int i, both_zero = 0, both_one = 0;

	for (i = 0; i < LITMUS_ITERS; i++) {
		if (!l->res[0][i] && !l->res[1][i])
			both_zero++;
		else if (l->res[0][i] && l->res[1][i])
			both_one++;
	}
	/* both_one: iterations where the two threads really overlapped. */
	kunit_info(test, "%s: %u iterations, r0 == r1 == 0 in %u, r0 == r1 == 1 in %u\n",
		   membar, LITMUS_ITERS, both_zero, both_one);
	KUNIT_EXPECT_EQ_MSG(test, both_zero, 0U,
			    "store buffering seen through %s", membar);
}

static void membar_sync_store_buffering(struct kunit *test)
{
	struct litmus *l = litmus_run(test, sb_thread0, sb_thread1);

	litmus_sb_check(test, l, "membar_sync");
	litmus_free(l);
}

static void membar_enter_store_buffering(struct kunit *test)
{
	struct litmus *l = litmus_run(test, sb_enter_thread0, sb_enter_thread1);

	litmus_sb_check(test, l, "membar_enter");
	litmus_free(l);
}

/*
 * Message passing. The writer stores the data (x, plain), then the flag
 * (y); the reader loads the flag, then the data: a reader that sees the
 * flag must see the data. The reader also loads x once before the flag,
 * as code often does: without a compiler barrier the compiler may reuse
 * that early value. For release/acquire, load buffering too: the writer
 * loads z before its release, the reader stores z after its acquire; a
 * reader that saw the flag must not have its store seen by that load.
 */
#define MP_FLAG		0x1
#define MP_DATA		0x2
#define MP_EARLY	0x4	/* the data was there before the flag was read */

static u8 mp_reader_result(u32 early, u32 flag, u32 data)
{
	return (early ? MP_EARLY : 0) | (flag ? MP_FLAG : 0) |
	       (data ? MP_DATA : 0);
}

static u8 __litmus mp_producer(struct litmus *l, unsigned int i)
{
	l->x[i] = 1;
	membar_producer();
	WRITE_ONCE(l->y[i], 1);
	return 0;
}

static u8 __litmus mp_consumer(struct litmus *l, unsigned int i)
{
	u32 early = l->x[i];
	u32 flag = READ_ONCE(l->y[i]);
	u32 data;

	membar_consumer();
	data = l->x[i];
	return mp_reader_result(early, flag, data);
}

static u8 __litmus mp_release(struct litmus *l, unsigned int i)
{
	u32 lb;

	l->x[i] = 1;
	lb = l->z[i];
	membar_release();
	WRITE_ONCE(l->y[i], 1);
	return lb;
}

static u8 __litmus mp_acquire(struct litmus *l, unsigned int i)
{
	u32 early = l->x[i];
	u32 flag = READ_ONCE(l->y[i]);
	u32 data;

	membar_acquire();
	data = l->x[i];
	l->z[i] = 1;
	return mp_reader_result(early, flag, data);
}

static u8 __litmus mp_store_release(struct litmus *l, unsigned int i)
{
	u32 lb;

	l->x[i] = 1;
	lb = l->z[i];
	atomic_store_release(&l->y[i], 1);
	return lb;
}

static u8 __litmus mp_load_acquire(struct litmus *l, unsigned int i)
{
	u32 early = l->x[i];
	u32 flag = atomic_load_acquire(&l->y[i]);
	u32 data = l->x[i];

	l->z[i] = 1;
	return mp_reader_result(early, flag, data);
}

static void litmus_mp_check(struct kunit *test, struct litmus *l,
			    const char *membars)
{
	unsigned int i, stale = 0, lb = 0, flags = 0;

	for (i = 0; i < LITMUS_ITERS; i++) {
		u8 r = l->res[1][i];

		if (!(r & MP_FLAG))
			continue;
		flags++;
		if (!(r & MP_DATA))
			stale++;
		if (l->res[0][i])
			lb++;
	}
	kunit_info(test, "%s: %u iterations, flag seen in %u, data missing in %u, load buffering in %u\n",
		   membars, LITMUS_ITERS, flags, stale, lb);
	KUNIT_EXPECT_EQ_MSG(test, stale, 0U, "flag without data through %s",
			    membars);
	KUNIT_EXPECT_EQ_MSG(test, lb, 0U, "load buffering through %s",
			    membars);
}

static void membar_producer_consumer_mp(struct kunit *test)
{
	struct litmus *l = litmus_run(test, mp_producer, mp_consumer);

	litmus_mp_check(test, l, "membar_producer/membar_consumer");
	litmus_free(l);
}

static void membar_release_acquire_mp(struct kunit *test)
{
	struct litmus *l = litmus_run(test, mp_release, mp_acquire);

	litmus_mp_check(test, l, "membar_release/membar_acquire");
	litmus_free(l);
}

static void atomic_store_release_load_acquire_mp(struct kunit *test)
{
	struct litmus *l = litmus_run(test, mp_store_release, mp_load_acquire);

	litmus_mp_check(test, l, "atomic_store_release/atomic_load_acquire");
	litmus_free(l);
}

static struct kunit_case netbsd_atomic_cases[] = {
	KUNIT_CASE(atomic_add_values),
	KUNIT_CASE(atomic_width),
	KUNIT_CASE(atomic_ptr_ops),
	KUNIT_CASE(atomic_and_or_values),
	KUNIT_CASE(atomic_inc_dec_values),
	KUNIT_CASE(atomic_swap_values),
	KUNIT_CASE(atomic_cas_values),
	KUNIT_CASE(atomic_loadstore_values),
	KUNIT_CASE(atomic_inc_concurrent),
	KUNIT_CASE(atomic_add_concurrent),
	KUNIT_CASE(atomic_cas_concurrent),
	KUNIT_CASE(atomic_swap_concurrent),
	KUNIT_CASE(atomic_and_or_concurrent),
	KUNIT_CASE(membar_sync_store_buffering),
	KUNIT_CASE(membar_enter_store_buffering),
	KUNIT_CASE(membar_producer_consumer_mp),
	KUNIT_CASE(membar_release_acquire_mp),
	KUNIT_CASE(atomic_store_release_load_acquire_mp),
	{}
};

static struct kunit_suite netbsd_atomic_suite = {
	.name = "netbsd_atomic",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = netbsd_atomic_cases,
};
kunit_test_suite(netbsd_atomic_suite);
