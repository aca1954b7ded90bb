// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * FreeBSD mtx_pool(9) (see <sys/mutex_pool.h>): an array of mutexes of one
 * kind and one lockdep class, found by hashing an address or handed out in
 * turn.
 *
 * mtxpool_sleep must exist before any driver can call into bsdcompat, and
 * this file has no hook in the module's init: its mutexes live in static
 * storage and are initialised on first use, once, under a raw spinlock (any
 * context may be first).
 */
#include <linux/export.h>
#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include <sys/mutex.h>
#include <bsdcompat/lockdebug.h>

#include "freebsd.h"

#define MTXPOOL_SLEEP_SIZE	128
#define MTXPOOL_MAX		65536

static struct mtx mtxpool_sleep_mtx[MTXPOOL_SLEEP_SIZE];
static struct lock_class_key mtxpool_sleep_key;
static DEFINE_RAW_SPINLOCK(mtxpool_setup_lock);

static struct mtx_pool mtxpool_sleep_pool = {
	.mp_mtx		= mtxpool_sleep_mtx,
	.mp_mask	= MTXPOOL_SLEEP_SIZE - 1,
	.mp_bits	= ilog2(MTXPOOL_SLEEP_SIZE),
	.mp_opts	= MTX_DEF | MTX_NOWITNESS | MTX_QUIET,
	.mp_name	= "sleep mtxpool",
};

/*
 * mtxpool_sleep: the system's pool of sleep mutexes.
 * Context: its mutexes are sleep mutexes (thread context); finding one is
 * fine anywhere.
 */
struct mtx_pool *freebsd_mtxpool_sleep = &mtxpool_sleep_pool;
EXPORT_SYMBOL_NS_GPL(freebsd_mtxpool_sleep, BSDCOMPAT);

static void mtx_pool_init_all(struct mtx_pool *pool, const char *ldname,
			      struct lock_class_key *key)
{
	unsigned int i;

	for (i = 0; i <= pool->mp_mask; i++)
		freebsd_mtx_init(&pool->mp_mtx[i], pool->mp_name, NULL,
				 pool->mp_opts | MTX_NEW, ldname, key);
}

/* The static pool's mutexes, the first time anyone asks for one. */
static noinline void mtx_pool_setup(struct mtx_pool *pool)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&mtxpool_setup_lock, flags);
	if (!pool->mp_ready) {
		mtx_pool_init_all(pool, "mtxpool_sleep", &mtxpool_sleep_key);
		/* Pairs with mtx_pool_ready(): the mutexes before the flag. */
		smp_store_release(&pool->mp_ready, 1);
	}
	raw_spin_unlock_irqrestore(&mtxpool_setup_lock, flags);
}

static inline void mtx_pool_ready(struct mtx_pool *pool)
{
	/* Pairs with mtx_pool_setup(): the flag before the mutexes. */
	if (unlikely(!smp_load_acquire(&pool->mp_ready)))
		mtx_pool_setup(pool);
}

/**
 * freebsd_mtx_pool_create() - make a pool of mutexes (mtx_pool_create())
 * @name: the mutexes' name; the pointer is kept
 * @size: how many; rounded up to a power of two (1 to 65536)
 * @opts: mtx_init() options for every mutex (MTX_DEF or MTX_SPIN, ...)
 * @ldname: the lockdep class name (mtx_pool_create() passes it)
 * @key: the lockdep class, one for the whole pool (mtx_pool_create()
 *	passes one per call site)
 *
 * Context: thread context; may sleep.
 * Return: the pool, or NULL if memory ran out.
 */
struct mtx_pool *freebsd_mtx_pool_create(const char *name, int size, int opts,
					 const char *ldname,
					 struct lock_class_key *key)
{
	struct mtx_pool *pool;
	unsigned int n;

	if (size < 1 || size > MTXPOOL_MAX) {
		bsd_lock_error(FREEBSD_MTX_CLASS, "mtx_pool_create", NULL, name,
			       _RET_IP_, "bad pool size %d", size);
		size = clamp(size, 1, MTXPOOL_MAX);
	}
	n = roundup_pow_of_two(size);
	pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	if (!pool)
		return NULL;
	pool->mp_mtx = kcalloc(n, sizeof(*pool->mp_mtx), GFP_KERNEL);
	if (!pool->mp_mtx) {
		kfree(pool);
		return NULL;
	}
	pool->mp_mask = n - 1;
	pool->mp_bits = ilog2(n);
	pool->mp_opts = opts;
	pool->mp_name = name;
	mtx_pool_init_all(pool, ldname, key);
	pool->mp_ready = 1;
	return pool;
}
EXPORT_SYMBOL_NS_GPL(freebsd_mtx_pool_create, BSDCOMPAT);

/**
 * freebsd_mtx_pool_destroy() - free a pool (mtx_pool_destroy())
 * @poolp: where the pool's pointer is; set to NULL
 *
 * Every mutex is destroyed. If another thread still holds one, that is
 * reported (as mtx_destroy() reports it) and nothing is done: the pool
 * stays whole and *@poolp unchanged, so the caller can try again later.
 *
 * Context: thread context; does not sleep.
 */
void freebsd_mtx_pool_destroy(struct mtx_pool **poolp)
{
	struct mtx_pool *pool = *poolp;
	unsigned int i;

	if (!pool)
		return;
	if (pool == &mtxpool_sleep_pool) {
		bsd_lock_error(FREEBSD_MTX_CLASS, "mtx_pool_destroy", pool,
			       pool->mp_name, _RET_IP_,
			       "mtx_pool_destroy() of mtxpool_sleep");
		return;
	}
	for (i = 0; i <= pool->mp_mask; i++) {
		struct mtx *m = &pool->mp_mtx[i];

		if (atomic_long_read(&m->mtx_lock) && !mtx_owned(m)) {
			freebsd_mtx_destroy(m);	/* reports and refuses */
			return;
		}
	}
	for (i = 0; i <= pool->mp_mask; i++)
		freebsd_mtx_destroy(&pool->mp_mtx[i]);
	*poolp = NULL;
	kfree(pool->mp_mtx);
	kfree(pool);
}
EXPORT_SYMBOL_NS_GPL(freebsd_mtx_pool_destroy, BSDCOMPAT);

/**
 * freebsd_mtx_pool_find() - the pool mutex for an address (mtx_pool_find())
 * @pool: the pool
 * @ptr: the address; the same address always gives the same mutex
 *
 * Context: any.
 * Return: the mutex.
 */
struct mtx *freebsd_mtx_pool_find(struct mtx_pool *pool, void *ptr)
{
	mtx_pool_ready(pool);
	if (!pool->mp_bits)
		return &pool->mp_mtx[0];
	return &pool->mp_mtx[hash_ptr(ptr, pool->mp_bits) & pool->mp_mask];
}
EXPORT_SYMBOL_NS_GPL(freebsd_mtx_pool_find, BSDCOMPAT);

/**
 * freebsd_mtx_pool_alloc() - hand out a pool mutex (mtx_pool_alloc())
 * @pool: the pool
 *
 * The mutexes are handed out in turn; the caller shares it with whoever
 * else got (or finds) the same one.
 *
 * Context: any.
 * Return: a mutex of the pool.
 */
struct mtx *freebsd_mtx_pool_alloc(struct mtx_pool *pool)
{
	mtx_pool_ready(pool);
	return &pool->mp_mtx[atomic_inc_return(&pool->mp_next) & pool->mp_mask];
}
EXPORT_SYMBOL_NS_GPL(freebsd_mtx_pool_alloc, BSDCOMPAT);
