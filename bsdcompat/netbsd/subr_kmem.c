// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * NetBSD kmem(9): the kernel's general-purpose allocator, on kmalloc() and,
 * for large KM_SLEEP blocks, vmalloc() (kvmalloc()).
 *
 * Every block has a header just before it that records the size asked for
 * and where the Linux allocation starts, so that kmem_free() can check the
 * size it is given (NetBSD's KMEM_SIZE) and still free the right thing when
 * that size is wrong. The header never depends on the size passed to
 * kmem_free(): it is always the 16 bytes below the pointer, inside the
 * allocation.
 *
 * Alignment. The Linux allocation is made A bytes larger than the block and
 * the block starts A bytes in, with A a power of two the allocation is
 * aligned to:
 *  - a power-of-two size gets A = its size, between KMEM_ALIGN_MIN and
 *    PAGE_SIZE: the natural alignment kmalloc() promises for such sizes,
 *    up to a page (a page-aligned allocation of more than a page stays
 *    page-aligned);
 *  - any other size gets A = KMEM_ALIGN_MIN (16 bytes on 64-bit, and never
 *    less than ARCH_KMALLOC_MINALIGN), which is all kmalloc() promises for
 *    it.
 * kmalloc() aligns an allocation of a power-of-two size to that size, and
 * all its caches from 256 bytes up are powers of two; below that the
 * request is rounded up to a power of two, so the slab debugging red zones
 * that leave kmalloc-96 and kmalloc-192 objects only 8-byte aligned do not
 * matter. The cost is the header: a power-of-two block takes the next size
 * class up, as any header would make it.
 *
 * KM_SLEEP may sleep only in kmem_sleep_alloc(). Where the caller cannot
 * sleep (interrupt context, a spin mutex held, interrupts disabled by the
 * caller) that is reported and the allocation is tried without sleeping
 * (GFP_ATOMIC); if even that fails it is reported again and NULL returned:
 * the contract cannot be kept there, and waiting without sleeping could
 * wait forever.
 */
#include <linux/align.h>
#include <linux/bug.h>
#include <linux/export.h>
#include <linux/hardirq.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include <sys/kmem.h>
#include <bsdcompat/lockdebug.h>

#include "../core/adaptive.h"

#define KMEM_MAGIC	0x6b6d656du	/* "kmem" */
#define KMEM_FREED	0x6b667265u	/* "kfre" */

/* The header, in the last bytes before the block. */
struct kmem_hdr {
	size_t	kh_size;	/* the size asked for */
	u32	kh_offset;	/* from the Linux allocation to the block */
	u32	kh_magic;
};

#define KMEM_ALIGN_MIN	(ARCH_KMALLOC_MINALIGN > 16 ? ARCH_KMALLOC_MINALIGN : 16)
/* kmalloc()'s caches of this size and up are all powers of two. */
#define KMEM_POW2_FROM	256
/* kvmalloc() refuses more than INT_MAX; leave room for the header. */
#define KMEM_SIZE_MAX	((size_t)INT_MAX - PAGE_SIZE)

static_assert(sizeof(struct kmem_hdr) <= KMEM_ALIGN_MIN);
static_assert((KMEM_ALIGN_MIN & (KMEM_ALIGN_MIN - 1)) == 0);

/* A block freed late (see kmem_release()), reusing the dead header's room. */
struct kmem_late {
	struct rcu_head	kl_rcu;
};

static_assert(sizeof(struct kmem_late) <= KMEM_ALIGN_MIN);

static DEFINE_PER_CPU(long, kmem_nblocks);

static __printf(4, 5) void kmem_error(const char *op, const void *p,
				      unsigned long ip, const char *fmt, ...)
{
	struct va_format vaf;
	va_list ap;

	va_start(ap, fmt);
	vaf.fmt = fmt;
	vaf.va = &ap;
	bsd_lock_error("kmem", op, p, "", ip, "%pV", &vaf);
	va_end(ap);
}

static struct kmem_hdr *kmem_hdr(const void *p)
{
	return (struct kmem_hdr *)p - 1;
}

/* How far into the Linux allocation the block starts. */
static size_t kmem_align(size_t size)
{
	if (is_power_of_2(size))
		return clamp_t(size_t, size, KMEM_ALIGN_MIN, PAGE_SIZE);
	return KMEM_ALIGN_MIN;
}

/* The size of the Linux allocation, aligned to at least @align. */
static size_t kmem_total(size_t size, size_t align)
{
	size_t n = size + align;

	return n < KMEM_POW2_FROM ? roundup_pow_of_two(n) : n;
}

/*
 * The one place where a kmem(9) allocation sleeps. The thread gives its IPL
 * up for the sleep, as every bsdcompat sleep does. Interrupts that are still
 * off after that were turned off by the caller's own Linux code: no sleep
 * then, and NULL.
 */
static void *kmem_sleep_alloc(size_t n, gfp_t zero)
{
	struct bsd_waitstate ws = BSD_WAITSTATE_INIT;
	int ipl = bsd_spl_sleep_begin();
	void *base = NULL;

	/* Off even at IPL_NONE: the caller's own doing, already reported. */
	if (!irqs_disabled()) {
		/* Like every bsdcompat sleep: without the kernel lock. */
		bsd_wait_begin(&ws);
		base = kvmalloc(n, GFP_KERNEL | __GFP_NOFAIL | zero);
		bsd_wait_end(&ws);
	}
	bsd_spl_sleep_end(ipl);
	return base;
}

/* Never sleeps; NULL where not even the slab allocator may be called. */
static void *kmem_atomic_alloc(size_t n, gfp_t gfp)
{
	if (in_nmi() || (IS_ENABLED(CONFIG_PREEMPT_RT) && !preemptible()))
		return NULL;
	return kmalloc(n, gfp | __GFP_NOWARN);
}

/* Why a KM_SLEEP allocation may not sleep here, or NULL if it may. */
static const char *kmem_cannot_sleep(void)
{
	if (bsd_lock_may_block())
		return NULL;
	if (in_hardirq() || in_nmi() || in_serving_softirq())
		return "from interrupt context";
	return "with spin mutex held";
}

static void *kmem_get(size_t size, km_flag_t kmflags, gfp_t zero, bool intr,
		      const char *op, unsigned long ip)
{
	size_t align = kmem_align(size), n;
	const char *why;
	struct kmem_hdr *h;
	void *base, *p;

	if (unlikely(!size))
		kmem_error(op, NULL, ip, "zero size");
	if (unlikely(size > KMEM_SIZE_MAX)) {
		kmem_error(op, NULL, ip, "size %zu too large", size);
		return NULL;
	}
	if (unlikely(kmflags != KM_SLEEP && kmflags != KM_NOSLEEP)) {
		/* Not exactly one of the two: the side that never sleeps. */
		kmem_error(op, NULL, ip, "bad flags %#x, using KM_NOSLEEP",
			   kmflags);
		kmflags = KM_NOSLEEP;
	}
	n = kmem_total(size, align);

	if (kmflags == KM_NOSLEEP) {
		base = kmem_atomic_alloc(n, (intr ? GFP_ATOMIC : GFP_NOWAIT) | zero);
		if (!base)
			return NULL;
	} else {
		why = kmem_cannot_sleep();
		base = why ? NULL : kmem_sleep_alloc(n, zero);
		if (unlikely(!base)) {
			kmem_error(op, NULL, ip, "KM_SLEEP %s (size %zu)",
				   why ? why : "with interrupts disabled", size);
			base = kmem_atomic_alloc(n, GFP_ATOMIC | zero);
			if (!base) {
				kmem_error(op, NULL, ip,
					   "KM_SLEEP: no %zu bytes without sleeping, NULL",
					   size);
				return NULL;
			}
		}
	}

	p = base + align;
	h = kmem_hdr(p);
	h->kh_size = size;
	h->kh_offset = align;
	h->kh_magic = KMEM_MAGIC;
	this_cpu_inc(kmem_nblocks);
	bsd_lockdebug_mem_forget(p, size);
	return p;
}

/*
 * Give a Linux allocation back. kmem_free() never sleeps, but vfree() may,
 * and on PREEMPT_RT so may kfree(): where they must not, the block goes
 * after an RCU grace period instead (kvfree_rcu() works in any context),
 * in the room of its dead header.
 */
static void kmem_release(void *base)
{
	struct kmem_late *late = base;

	if (preemptible() ||
	    (!IS_ENABLED(CONFIG_PREEMPT_RT) && !is_vmalloc_addr(base)))
		kvfree(base);
	else
		kvfree_rcu(late, kl_rcu);
}

static void kmem_put(void *p, size_t size, const char *op, unsigned long ip)
{
	struct kmem_hdr *h;

	if (unlikely(!p)) {
		kmem_error(op, NULL, ip, "NULL pointer (size %zu)", size);
		return;
	}
	h = kmem_hdr(p);
	if (unlikely(h->kh_magic != KMEM_MAGIC)) {
		/* Nothing safe to free: leak it. */
		kmem_error(op, p, ip,
			   "not from kmem_alloc, or freed twice (size %zu)",
			   size);
		return;
	}
	if (unlikely(h->kh_size != size))
		kmem_error(op, p, ip, "size %zu != allocated size %zu", size,
			   h->kh_size);
	/* The size allocated, not the one given: the whole block goes. */
	bsd_lockdebug_mem_check(op, p, h->kh_size, ip);
	h->kh_magic = KMEM_FREED;
	this_cpu_dec(kmem_nblocks);
	kmem_release(p - h->kh_offset);
}

/**
 * netbsd_kmem_alloc() - allocate memory (kmem_alloc())
 * @size: bytes, more than 0
 * @kmflags: KM_SLEEP or KM_NOSLEEP
 *
 * The memory is not initialised. It is aligned to 16 bytes, and a
 * power-of-two @size up to PAGE_SIZE to @size (Documentation/netbsd-kmem.md).
 * A @size of 0 is reported; a block of no bytes is returned, to be freed
 * with size 0.
 *
 * Context: KM_SLEEP: thread context, may sleep (a raised IPL is dropped for
 * the sleep). From interrupt context, with a spin mutex held or with
 * interrupts disabled it is reported and does not sleep. KM_NOSLEEP: thread
 * or soft interrupt context; does not sleep.
 * Return: the block; NULL only for KM_NOSLEEP, or after a report.
 */
void *netbsd_kmem_alloc(size_t size, km_flag_t kmflags)
{
	return kmem_get(size, kmflags, 0, false, "kmem_alloc", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_kmem_alloc, BSDCOMPAT);

/**
 * netbsd_kmem_zalloc() - allocate zeroed memory (kmem_zalloc())
 * @size: bytes, more than 0
 * @kmflags: KM_SLEEP or KM_NOSLEEP
 *
 * As netbsd_kmem_alloc(), with the memory set to zero.
 *
 * Context: as netbsd_kmem_alloc().
 * Return: the block; NULL only for KM_NOSLEEP, or after a report.
 */
void *netbsd_kmem_zalloc(size_t size, km_flag_t kmflags)
{
	return kmem_get(size, kmflags, __GFP_ZERO, false, "kmem_zalloc",
			_RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_kmem_zalloc, BSDCOMPAT);

/**
 * netbsd_kmem_free() - free memory (kmem_free())
 * @p: a block from kmem_alloc() or kmem_zalloc(), not NULL
 * @size: the size it was allocated with
 *
 * A wrong @size is reported (with both sizes) and the block is freed all the
 * same. So is a block that contains an initialised lock that was not
 * destroyed ("allocation contains active lock"). NULL, or a pointer without
 * a kmem header, is reported and nothing is freed.
 *
 * Context: thread or soft interrupt context; does not sleep.
 */
void netbsd_kmem_free(void *p, size_t size)
{
	kmem_put(p, size, "kmem_free", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_kmem_free, BSDCOMPAT);

/**
 * netbsd_kmem_intr_alloc() - allocate memory from any context (kmem_intr_alloc())
 * @size: bytes, more than 0
 * @kmflags: KM_NOSLEEP (or KM_SLEEP in thread context)
 *
 * As netbsd_kmem_alloc(); KM_NOSLEEP may use the atomic reserves.
 *
 * Context: KM_NOSLEEP: any context but NMI, interrupts on or off; does not
 * sleep. KM_SLEEP: as netbsd_kmem_alloc().
 * Return: the block; NULL only for KM_NOSLEEP, or after a report.
 */
void *netbsd_kmem_intr_alloc(size_t size, km_flag_t kmflags)
{
	return kmem_get(size, kmflags, 0, true, "kmem_intr_alloc", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_kmem_intr_alloc, BSDCOMPAT);

/**
 * netbsd_kmem_intr_zalloc() - allocate zeroed memory from any context
 * @size: bytes, more than 0
 * @kmflags: KM_NOSLEEP (or KM_SLEEP in thread context)
 *
 * kmem_intr_zalloc(): as netbsd_kmem_intr_alloc(), zeroed.
 *
 * Context: as netbsd_kmem_intr_alloc().
 * Return: the block; NULL only for KM_NOSLEEP, or after a report.
 */
void *netbsd_kmem_intr_zalloc(size_t size, km_flag_t kmflags)
{
	return kmem_get(size, kmflags, __GFP_ZERO, true, "kmem_intr_zalloc",
			_RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_kmem_intr_zalloc, BSDCOMPAT);

/**
 * netbsd_kmem_intr_free() - free memory from any context (kmem_intr_free())
 * @p: a block from any kmem allocation, not NULL
 * @size: the size it was allocated with
 *
 * As netbsd_kmem_free(), with the same checks.
 *
 * Context: any context but NMI; does not sleep.
 */
void netbsd_kmem_intr_free(void *p, size_t size)
{
	kmem_put(p, size, "kmem_intr_free", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_kmem_intr_free, BSDCOMPAT);

/**
 * netbsd_kmem_asprintf() - allocate a formatted string (kmem_asprintf())
 * @fmt: printf-style format
 *
 * Free it with kmem_strfree(), or kmem_free(s, strlen(s) + 1).
 *
 * Context: thread context; may sleep (KM_SLEEP).
 * Return: the string.
 */
char *netbsd_kmem_asprintf(const char *fmt, ...)
{
	unsigned long ip = _RET_IP_;
	va_list ap;
	size_t len;
	char *str;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	str = kmem_get(len + 1, KM_SLEEP, 0, false, "kmem_asprintf", ip);
	if (str) {
		va_start(ap, fmt);
		vsnprintf(str, len + 1, fmt, ap);
		va_end(ap);
	}
	return str;
}
EXPORT_SYMBOL_NS_GPL(netbsd_kmem_asprintf, BSDCOMPAT);

/**
 * netbsd_kmem_strdupsize() - copy a string (kmem_strdupsize(), kmem_strdup())
 * @str: the string
 * @lenp: where to store the allocated size, strlen(@str) + 1; may be NULL
 * @kmflags: KM_SLEEP or KM_NOSLEEP
 *
 * Free the copy with kmem_strfree() or kmem_free(s, *@lenp).
 *
 * Context: as netbsd_kmem_alloc().
 * Return: the copy; NULL only for KM_NOSLEEP, or after a report.
 */
char *netbsd_kmem_strdupsize(const char *str, size_t *lenp, km_flag_t kmflags)
{
	size_t len = strlen(str) + 1;
	char *s = kmem_get(len, kmflags, 0, false, "kmem_strdup", _RET_IP_);

	if (!s)
		return NULL;
	memcpy(s, str, len);
	if (lenp)
		*lenp = len;
	return s;
}
EXPORT_SYMBOL_NS_GPL(netbsd_kmem_strdupsize, BSDCOMPAT);

/**
 * netbsd_kmem_strndup() - copy at most @maxlen bytes of a string (kmem_strndup())
 * @str: the string
 * @maxlen: the most characters to copy, more than 0
 * @kmflags: KM_SLEEP or KM_NOSLEEP
 *
 * The copy is always terminated. Free it with kmem_strfree().
 *
 * Context: as netbsd_kmem_alloc().
 * Return: the copy; NULL only for KM_NOSLEEP, or after a report.
 */
char *netbsd_kmem_strndup(const char *str, size_t maxlen, km_flag_t kmflags)
{
	unsigned long ip = _RET_IP_;
	size_t len;
	char *s;

	if (unlikely(!maxlen))
		kmem_error("kmem_strndup", NULL, ip, "zero size");
	len = strnlen(str, maxlen);
	s = kmem_get(len + 1, kmflags, 0, false, "kmem_strndup", ip);
	if (!s)
		return NULL;
	memcpy(s, str, len);
	s[len] = '\0';
	return s;
}
EXPORT_SYMBOL_NS_GPL(netbsd_kmem_strndup, BSDCOMPAT);

/**
 * netbsd_kmem_strfree() - free a string from the kmem string calls (kmem_strfree())
 * @str: the string, or NULL (nothing is done)
 *
 * Context: thread or soft interrupt context; does not sleep.
 */
void netbsd_kmem_strfree(char *str)
{
	if (str)
		kmem_put(str, strlen(str) + 1, "kmem_strfree", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_kmem_strfree, BSDCOMPAT);

/**
 * netbsd_kmem_tmpbuf_alloc() - a temporary buffer (kmem_tmpbuf_alloc())
 * @size: bytes needed
 * @stackbuf: the caller's buffer, used if it is big enough
 * @stackbufsize: its size
 * @kmflags: KM_SLEEP or KM_NOSLEEP, for an allocation
 *
 * Context: as netbsd_kmem_alloc() when an allocation is needed.
 * Return: @stackbuf if @size fits, else a block to be given back with
 * kmem_tmpbuf_free().
 */
void *netbsd_kmem_tmpbuf_alloc(size_t size, void *stackbuf,
			       size_t stackbufsize, km_flag_t kmflags)
{
	if (size <= stackbufsize)
		return stackbuf;
	return kmem_get(size, kmflags, 0, false, "kmem_tmpbuf_alloc", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_kmem_tmpbuf_alloc, BSDCOMPAT);

/**
 * netbsd_kmem_tmpbuf_free() - give back a temporary buffer (kmem_tmpbuf_free())
 * @p: what kmem_tmpbuf_alloc() returned
 * @size: the size given to it
 * @stackbuf: the caller's buffer given to it
 *
 * Context: as netbsd_kmem_free(); does not sleep.
 */
void netbsd_kmem_tmpbuf_free(void *p, size_t size, void *stackbuf)
{
	if (p != stackbuf)
		kmem_put(p, size, "kmem_tmpbuf_free", _RET_IP_);
}
EXPORT_SYMBOL_NS_GPL(netbsd_kmem_tmpbuf_free, BSDCOMPAT);

/**
 * netbsd_kmem_roundup_size() - round a size up to kmem's granularity
 * @size: a size in bytes
 *
 * kmem_roundup_size(): the size rounded up to the 16-byte alignment every
 * block has. Allocate and free with the rounded size.
 *
 * Context: any.
 * Return: the rounded size.
 */
size_t netbsd_kmem_roundup_size(size_t size)
{
	return ALIGN(size, KMEM_ALIGN_MIN);
}
EXPORT_SYMBOL_NS_GPL(netbsd_kmem_roundup_size, BSDCOMPAT);

/**
 * netbsd_kmem_nblocks() - how many kmem blocks are allocated
 *
 * A bsdcompat extension for tests and leak hunting.
 *
 * Context: any. The answer may be stale at once.
 * Return: blocks allocated and not yet freed, over all CPUs.
 */
long netbsd_kmem_nblocks(void)
{
	long n = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		n += per_cpu(kmem_nblocks, cpu);
	return n;
}
EXPORT_SYMBOL_NS_GPL(netbsd_kmem_nblocks, BSDCOMPAT);
