/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD kmem(9) on Linux: the kernel's general-purpose memory allocator.
 *
 * The rules, as NetBSD states them:
 *  - kmem_alloc(size, KM_SLEEP) may sleep and never fails; KM_NOSLEEP never
 *    sleeps and may return NULL. Exactly one of the two is given.
 *  - A size of 0 is illegal (unlike Solaris).
 *  - kmem_free() is given the size that was allocated, and only a pointer
 *    kmem_alloc() returned (never NULL).
 *  - kmem_alloc(), kmem_zalloc() and kmem_free() are for thread context;
 *    the kmem_intr_*() variants may be called from interrupt context, with
 *    KM_NOSLEEP.
 *  - Freeing memory that holds an initialised, undestroyed lock is an error
 *    ("allocation contains active lock").
 *
 * bsdcompat keeps the size in a header before the block and checks it, and
 * checks for live locks, on every free; see Documentation/netbsd-kmem.md.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_KMEM_H_
#define _BSDCOMPAT_NETBSD_SYS_KMEM_H_

#include <linux/compiler.h>
#include <linux/types.h>

typedef unsigned int km_flag_t;

#define KM_SLEEP	0x00000001	/* may sleep; cannot fail */
#define KM_NOSLEEP	0x00000002	/* never sleeps; may return NULL */

void *netbsd_kmem_alloc(size_t size, km_flag_t kmflags);
void *netbsd_kmem_zalloc(size_t size, km_flag_t kmflags);
void netbsd_kmem_free(void *p, size_t size);
void *netbsd_kmem_intr_alloc(size_t size, km_flag_t kmflags);
void *netbsd_kmem_intr_zalloc(size_t size, km_flag_t kmflags);
void netbsd_kmem_intr_free(void *p, size_t size);
__printf(1, 2) char *netbsd_kmem_asprintf(const char *fmt, ...);
char *netbsd_kmem_strdupsize(const char *str, size_t *lenp, km_flag_t kmflags);
char *netbsd_kmem_strndup(const char *str, size_t maxlen, km_flag_t kmflags);
void netbsd_kmem_strfree(char *str);
void *netbsd_kmem_tmpbuf_alloc(size_t size, void *stackbuf,
			       size_t stackbufsize, km_flag_t kmflags);
void netbsd_kmem_tmpbuf_free(void *p, size_t size, void *stackbuf);
size_t netbsd_kmem_roundup_size(size_t size);
long netbsd_kmem_nblocks(void);

static inline void *kmem_alloc(size_t size, km_flag_t kmflags)
{
	return netbsd_kmem_alloc(size, kmflags);
}

static inline void *kmem_zalloc(size_t size, km_flag_t kmflags)
{
	return netbsd_kmem_zalloc(size, kmflags);
}

static inline void kmem_free(void *p, size_t size)
{
	netbsd_kmem_free(p, size);
}

static inline void *kmem_intr_alloc(size_t size, km_flag_t kmflags)
{
	return netbsd_kmem_intr_alloc(size, kmflags);
}

static inline void *kmem_intr_zalloc(size_t size, km_flag_t kmflags)
{
	return netbsd_kmem_intr_zalloc(size, kmflags);
}

static inline void kmem_intr_free(void *p, size_t size)
{
	netbsd_kmem_intr_free(p, size);
}

#define kmem_asprintf(...)	netbsd_kmem_asprintf(__VA_ARGS__)

static inline char *kmem_strdupsize(const char *str, size_t *lenp,
				    km_flag_t kmflags)
{
	return netbsd_kmem_strdupsize(str, lenp, kmflags);
}

static inline char *kmem_strdup(const char *str, km_flag_t kmflags)
{
	return netbsd_kmem_strdupsize(str, NULL, kmflags);
}

static inline char *kmem_strndup(const char *str, size_t maxlen,
				 km_flag_t kmflags)
{
	return netbsd_kmem_strndup(str, maxlen, kmflags);
}

static inline void kmem_strfree(char *str)
{
	netbsd_kmem_strfree(str);
}

static inline void *kmem_tmpbuf_alloc(size_t size, void *stackbuf,
				      size_t stackbufsize, km_flag_t kmflags)
{
	return netbsd_kmem_tmpbuf_alloc(size, stackbuf, stackbufsize, kmflags);
}

static inline void kmem_tmpbuf_free(void *p, size_t size, void *stackbuf)
{
	netbsd_kmem_tmpbuf_free(p, size, stackbuf);
}

static inline size_t kmem_roundup_size(size_t size)
{
	return netbsd_kmem_roundup_size(size);
}

#endif /* _BSDCOMPAT_NETBSD_SYS_KMEM_H_ */
