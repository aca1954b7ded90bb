/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FreeBSD mtx_pool(9): a fixed set of mutexes shared out by address
 * (declared in FreeBSD's <sys/mutex.h>, which includes this header).
 *
 * Rules:
 *  - A pool mutex is an ordinary mutex of the pool's kind (sleep or spin),
 *    for short sections: never held across a sleep.
 *  - mtx_pool_find() always maps one address to the same mutex; unrelated
 *    addresses may share one, so never hold two pool mutexes at once
 *    unless the pool was made with MTX_DUPOK (and then mind the order).
 *  - mtxpool_sleep is a pool of sleep mutexes that always exists.
 */
#ifndef _BSDCOMPAT_FREEBSD_SYS_MUTEX_POOL_H_
#define _BSDCOMPAT_FREEBSD_SYS_MUTEX_POOL_H_

#include <linux/atomic.h>
#include <linux/lockdep.h>
#include <linux/types.h>

struct mtx;

/* Drivers must not look inside. */
struct mtx_pool {
	struct mtx	*mp_mtx;	/* mp_mask + 1 mutexes */
	unsigned int	mp_mask;
	unsigned int	mp_bits;
	atomic_t	mp_next;	/* mtx_pool_alloc()'s round robin */
	int		mp_ready;	/* mutexes initialised */
	int		mp_opts;
	const char	*mp_name;
};

extern struct mtx_pool *freebsd_mtxpool_sleep;
#define mtxpool_sleep	freebsd_mtxpool_sleep

struct mtx_pool *freebsd_mtx_pool_create(const char *name, int size, int opts,
					 const char *ldname,
					 struct lock_class_key *key);
void freebsd_mtx_pool_destroy(struct mtx_pool **poolp);
struct mtx *freebsd_mtx_pool_find(struct mtx_pool *pool, void *ptr);
struct mtx *freebsd_mtx_pool_alloc(struct mtx_pool *pool);

/*
 * A lockdep class per mtx_pool_create() call site, named after @name when
 * it is a string constant (lockdep keeps the pointer).
 */
#define mtx_pool_create(name, size, opts)				\
({									\
	static struct lock_class_key __key;				\
									\
	freebsd_mtx_pool_create((name), (size), (opts),			\
				__builtin_constant_p(name) && (name) ?	\
				(name) : "mtx_pool", &__key);		\
})

#define mtx_pool_destroy(poolp)	freebsd_mtx_pool_destroy(poolp)
#define mtx_pool_find(pool, ptr) freebsd_mtx_pool_find((pool), (ptr))
#define mtx_pool_alloc(pool)	freebsd_mtx_pool_alloc(pool)
#define mtx_pool_lock(pool, ptr)					\
	freebsd_mtx_lock(freebsd_mtx_pool_find((pool), (ptr)))
#define mtx_pool_unlock(pool, ptr)					\
	freebsd_mtx_unlock(freebsd_mtx_pool_find((pool), (ptr)))
#define mtx_pool_lock_spin(pool, ptr)					\
	freebsd_mtx_lock_spin(freebsd_mtx_pool_find((pool), (ptr)))
#define mtx_pool_unlock_spin(pool, ptr)					\
	freebsd_mtx_unlock_spin(freebsd_mtx_pool_find((pool), (ptr)))

#endif /* _BSDCOMPAT_FREEBSD_SYS_MUTEX_POOL_H_ */
