// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: NetBSD kmem(9), and LOCKDEBUG's "allocation contains active lock".
 * Each case checks one rule of <sys/kmem.h> or one misuse report; "freed"
 * is checked with the count of allocated blocks, and KASAN (debug kernel)
 * watches every access.
 */
#include <kunit/test.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/string.h>

#include <sys/intr.h>
#include <sys/kmem.h>
#include <sys/mutex.h>
#include <sys/rwlock.h>
#include <bsdcompat/lockdebug.h>

#include "kunit_helpers.h"

/* The alignment kmem promises for @size (Documentation/netbsd-kmem.md). */
static unsigned long kmem_promised_align(size_t size)
{
	if (is_power_of_2(size))
		return clamp_t(size_t, size, 16, PAGE_SIZE);
	return 16;
}

static void kmem_alloc_contents(struct kunit *test)
{
	static const size_t sizes[] = { 1, 7, 8, 16, 24, 48, 64, 70, 100, 128,
					200, 256, 1000, 4096, 5000, 8192, 65536 };
	long blocks = netbsd_kmem_nblocks();
	unsigned char *p, *z;
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		p = kmem_alloc(sizes[i], KM_SLEEP);
		z = kmem_zalloc(sizes[i], KM_SLEEP);
		KUNIT_ASSERT_NOT_NULL(test, p);
		KUNIT_ASSERT_NOT_NULL(test, z);
		KUNIT_EXPECT_TRUE_MSG(test, IS_ALIGNED((unsigned long)p,
						       kmem_promised_align(sizes[i])),
				      "size %zu at %p", sizes[i], p);
		KUNIT_EXPECT_TRUE_MSG(test, IS_ALIGNED((unsigned long)z,
						       kmem_promised_align(sizes[i])),
				      "size %zu at %p", sizes[i], z);
		for (j = 0; j < sizes[i]; j++)
			if (z[j])
				break;
		KUNIT_EXPECT_EQ_MSG(test, j, sizes[i], "size %zu", sizes[i]);
		memset(p, 0xa5, sizes[i]);
		KUNIT_EXPECT_EQ(test, p[sizes[i] - 1], 0xa5);
		kmem_free(p, sizes[i]);
		kmem_free(z, sizes[i]);
	}
	KUNIT_EXPECT_EQ(test, netbsd_kmem_nblocks(), blocks);
	KUNIT_EXPECT_EQ(test, kmem_roundup_size(1), (size_t)16);
	KUNIT_EXPECT_EQ(test, kmem_roundup_size(16), (size_t)16);
	KUNIT_EXPECT_EQ(test, kmem_roundup_size(17), (size_t)32);
}

static void kmem_strings(struct kunit *test)
{
	long blocks = netbsd_kmem_nblocks();
	size_t len = 0;
	char *s;

	s = kmem_strdup("softc", KM_SLEEP);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_EXPECT_STREQ(test, s, "softc");
	kmem_strfree(s);

	s = kmem_strdupsize("wm0", &len, KM_SLEEP);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_EXPECT_STREQ(test, s, "wm0");
	KUNIT_EXPECT_EQ(test, len, (size_t)4);
	kmem_free(s, len);

	s = kmem_strndup("interface", 5, KM_SLEEP);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_EXPECT_STREQ(test, s, "inter");
	kmem_free(s, 6);
	s = kmem_strndup("if", 16, KM_NOSLEEP);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_EXPECT_STREQ(test, s, "if");
	kmem_strfree(s);

	s = kmem_asprintf("%s%d: %#x", "wm", 3, 0x1f);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_EXPECT_STREQ(test, s, "wm3: 0x1f");
	kmem_free(s, strlen(s) + 1);	/* the older NetBSD way */

	kmem_strfree(NULL);		/* allowed, does nothing */
	KUNIT_EXPECT_EQ(test, netbsd_kmem_nblocks(), blocks);
}

static void kmem_tmpbuf(struct kunit *test)
{
	long blocks = netbsd_kmem_nblocks();
	char stackbuf[64];
	char *p;

	p = kmem_tmpbuf_alloc(sizeof(stackbuf), stackbuf, sizeof(stackbuf),
			      KM_SLEEP);
	KUNIT_EXPECT_PTR_EQ(test, p, &stackbuf[0]);
	KUNIT_EXPECT_EQ(test, netbsd_kmem_nblocks(), blocks);
	kmem_tmpbuf_free(p, sizeof(stackbuf), stackbuf);

	p = kmem_tmpbuf_alloc(3 * PAGE_SIZE, stackbuf, sizeof(stackbuf),
			      KM_SLEEP);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_PTR_NE(test, p, &stackbuf[0]);
	KUNIT_EXPECT_EQ(test, netbsd_kmem_nblocks(), blocks + 1);
	memset(p, 0, 3 * PAGE_SIZE);
	kmem_tmpbuf_free(p, 3 * PAGE_SIZE, stackbuf);
	KUNIT_EXPECT_EQ(test, netbsd_kmem_nblocks(), blocks);
}

/* 4 MiB and a header is more than kmalloc() can give: vmalloc() it is. */
static void kmem_large_sleep(struct kunit *test)
{
	const size_t size = 4 << 20;
	long blocks = netbsd_kmem_nblocks();
	unsigned char *p, *z;
	size_t i;

	p = kmem_alloc(size, KM_SLEEP);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED((unsigned long)p, PAGE_SIZE));
	p[0] = 1;
	p[size - 1] = 2;
	z = kmem_zalloc(size, KM_SLEEP);
	KUNIT_ASSERT_NOT_NULL(test, z);
	for (i = 0; i < size; i++)
		if (z[i])
			break;
	KUNIT_EXPECT_EQ(test, i, size);
	kmem_free(z, size);
	kmem_free(p, size);
	KUNIT_EXPECT_EQ(test, netbsd_kmem_nblocks(), blocks);
}

/* A thread at splvm() may use KM_SLEEP: the IPL is given up for the sleep. */
static void kmem_sleep_at_raised_ipl(struct kunit *test)
{
	void *p;
	int s;

	s = splvm();
	p = kmem_alloc(256, KM_SLEEP);
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_VM);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	splx(s);
	KUNIT_ASSERT_NOT_NULL(test, p);
	kmem_free(p, 256);
}

static void kmem_intr_irqs_off(struct kunit *test)
{
	long blocks = netbsd_kmem_nblocks();
	unsigned char *p, *z, *big;
	unsigned long flags;
	size_t i;

	/* A vmalloc()ed block freed with interrupts off goes after a grace period. */
	big = kmem_alloc(4 << 20, KM_SLEEP);
	KUNIT_ASSERT_NOT_NULL(test, big);
	KUNIT_EXPECT_TRUE(test, is_vmalloc_addr(big));

	local_irq_save(flags);
	p = kmem_intr_alloc(100, KM_NOSLEEP);
	z = kmem_intr_zalloc(100, KM_NOSLEEP);
	if (p)
		memset(p, 0x5a, 100);
	for (i = 0; z && i < 100; i++)
		if (z[i])
			break;
	if (p)
		kmem_intr_free(p, 100);
	if (z)
		kmem_intr_free(z, 100);
	kmem_intr_free(big, 4 << 20);
	local_irq_restore(flags);

	KUNIT_EXPECT_NOT_NULL(test, p);
	KUNIT_EXPECT_NOT_NULL(test, z);
	KUNIT_EXPECT_EQ(test, i, (size_t)100);
	KUNIT_EXPECT_EQ(test, netbsd_kmem_nblocks(), blocks);
}

static void kmem_nosleep(struct kunit *test)
{
	void *p = kmem_alloc(512, KM_NOSLEEP);
	void *z = kmem_zalloc(32, KM_NOSLEEP);

	KUNIT_EXPECT_NOT_NULL(test, p);
	KUNIT_EXPECT_NOT_NULL(test, z);
	if (p)
		kmem_free(p, 512);
	if (z)
		kmem_free(z, 32);
}

/* ---------------------------------------------------------------------- */
/* Locks in freed memory                                                   */

/*
 * The tracked count is read after each allocation: a new kmem block drops
 * stale records (locks kfree()d undestroyed by earlier suites) inside it.
 */

struct softc {
	int		sc_unit;
	kmutex_t	sc_lock;
	krwlock_t	sc_rwlock;
};

/* Init and destroy are tracked; a destroyed lock in a freed block is fine. */
static void kmem_free_destroyed_lock(struct kunit *test)
{
	struct softc *sc = kmem_zalloc(sizeof(*sc), KM_SLEEP);
	unsigned long tracked = bsd_lockdebug_tracked();

	mutex_init(&sc->sc_lock, MUTEX_DEFAULT, IPL_NONE);
	rw_init(&sc->sc_rwlock);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_tracked(), tracked + 2);
	mutex_enter(&sc->sc_lock);
	mutex_exit(&sc->sc_lock);
	mutex_destroy(&sc->sc_lock);
	rw_destroy(&sc->sc_rwlock);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_tracked(), tracked);
	kmem_free(sc, sizeof(*sc));
}

/* A live lock in another block, or on the stack, is not this free's. */
static void kmem_free_lock_outside(struct kunit *test)
{
	struct softc *a = kmem_zalloc(sizeof(*a), KM_SLEEP);
	struct softc *b = kmem_zalloc(sizeof(*b), KM_SLEEP);
	kmutex_t onstack;

	mutex_init(&a->sc_lock, MUTEX_DEFAULT, IPL_NONE);
	mutex_init(&onstack, MUTEX_DEFAULT, IPL_VM);
	kmem_free(b, sizeof(*b));
	mutex_destroy(&a->sc_lock);
	mutex_destroy(&onstack);
	kmem_free(a, sizeof(*a));
}

/* A report whose caller is the function expecting it. */
#define EXPECT_REPORT_HERE(test, before, what)				\
do {									\
	char __caller[64];						\
									\
	snprintf(__caller, sizeof(__caller), "caller %s+", __func__);	\
	EXPECT_REPORT(test, before, what, __caller);			\
} while (0)

/* The mutex's address, printed as the reports print it. */
#define LOCK_ADDR(buf, lock)	snprintf(buf, sizeof(buf), " %p ", lock)

static void misuse_free_active_mutex(struct kunit *test)
{
	unsigned long tracked, n;
	struct softc *sc;
	char addr[32];

	/* Not held. */
	sc = kmem_zalloc(sizeof(*sc), KM_SLEEP);
	tracked = bsd_lockdebug_tracked();
	mutex_init(&sc->sc_lock, MUTEX_DEFAULT, IPL_NONE);
	LOCK_ADDR(addr, &sc->sc_lock);
	n = bsd_lockdebug_count();
	kmem_free(sc, sizeof(*sc));
	EXPECT_REPORT(test, n,
		      "Mutex error: kmem_free: allocation contains active lock, not held",
		      "lock \"sc->sc_lock\"");
	EXPECT_REPORT_HERE(test, n, addr);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_tracked(), tracked);

	/*
	 * Held. The hold is written into the owner word rather than taken:
	 * lockdep rightly says "held lock freed!" of a real one, and the
	 * console check fails on that.
	 */
	sc = kmem_zalloc(sizeof(*sc), KM_SLEEP);
	tracked = bsd_lockdebug_tracked();
	mutex_init(&sc->sc_lock, MUTEX_DEFAULT, IPL_NONE);
	atomic_long_set(&sc->sc_lock.mtx_owner, (long)current);
	KUNIT_EXPECT_TRUE(test, mutex_owned(&sc->sc_lock));
	n = bsd_lockdebug_count();
	kmem_intr_free(sc, sizeof(*sc));
	EXPECT_REPORT(test, n,
		      "Mutex error: kmem_intr_free: allocation contains active lock, held",
		      "lock \"sc->sc_lock\"");
	EXPECT_REPORT_HERE(test, n, "kmem_intr_free");
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_tracked(), tracked);
}

static void misuse_free_active_rwlock(struct kunit *test)
{
	struct softc *sc = kmem_zalloc(sizeof(*sc), KM_SLEEP);
	unsigned long tracked = bsd_lockdebug_tracked();
	unsigned long n;
	char addr[32];

	rw_init(&sc->sc_rwlock);
	LOCK_ADDR(addr, &sc->sc_rwlock);
	n = bsd_lockdebug_count();
	kmem_free(sc, sizeof(*sc));
	EXPECT_REPORT(test, n,
		      "Reader / writer lock error: kmem_free: allocation contains active lock, not held",
		      "lock \"sc->sc_rwlock\"");
	EXPECT_REPORT_HERE(test, n, addr);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_tracked(), tracked);
}

/* Initialising again at the same address replaces the record. */
static void misuse_reinit_replaces_record(struct kunit *test)
{
	struct softc *sc = kmem_zalloc(sizeof(*sc), KM_SLEEP);
	unsigned long tracked = bsd_lockdebug_tracked();
	unsigned long n;

	mutex_init(&sc->sc_lock, MUTEX_DEFAULT, IPL_NONE);
	n = bsd_lockdebug_count();
	mutex_init(&sc->sc_lock, MUTEX_DEFAULT, IPL_NONE);
	EXPECT_REPORT(test, n, "mutex_init: already initialized",
		      "lock \"sc->sc_lock\"");
	EXPECT_REPORT_HERE(test, n, "Mutex error");
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_tracked(), tracked + 1);
	mutex_destroy(&sc->sc_lock);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_tracked(), tracked);
	kmem_free(sc, sizeof(*sc));
}

static void misuse_size_smaller(struct kunit *test)
{
	long blocks = netbsd_kmem_nblocks();
	unsigned long n;
	void *p;

	p = kmem_alloc(64, KM_SLEEP);
	KUNIT_ASSERT_NOT_NULL(test, p);
	n = bsd_lockdebug_count();
	kmem_free(p, 32);
	EXPECT_REPORT_HERE(test, n,
			   "kmem error: kmem_free: size 32 != allocated size 64");
	KUNIT_EXPECT_EQ(test, netbsd_kmem_nblocks(), blocks);
}

static void misuse_size_larger(struct kunit *test)
{
	long blocks = netbsd_kmem_nblocks();
	unsigned long n;
	void *p;

	p = kmem_alloc(100, KM_SLEEP);
	KUNIT_ASSERT_NOT_NULL(test, p);
	n = bsd_lockdebug_count();
	kmem_free(p, 4096);
	EXPECT_REPORT_HERE(test, n,
			   "kmem error: kmem_free: size 4096 != allocated size 100");
	KUNIT_EXPECT_EQ(test, netbsd_kmem_nblocks(), blocks);

	/* The same from a tmpbuf, and from kmem_intr_free(). */
	p = kmem_tmpbuf_alloc(2 * PAGE_SIZE, NULL, 0, KM_SLEEP);
	n = bsd_lockdebug_count();
	kmem_tmpbuf_free(p, 2 * PAGE_SIZE + 1, NULL);
	EXPECT_REPORT_HERE(test, n,
			   "kmem_tmpbuf_free: size 8193 != allocated size 8192");
	p = kmem_intr_alloc(8, KM_NOSLEEP);
	KUNIT_ASSERT_NOT_NULL(test, p);
	n = bsd_lockdebug_count();
	kmem_intr_free(p, 16);
	EXPECT_REPORT_HERE(test, n,
			   "kmem_intr_free: size 16 != allocated size 8");
	KUNIT_EXPECT_EQ(test, netbsd_kmem_nblocks(), blocks);
}

static void misuse_zero_size(struct kunit *test)
{
	long blocks = netbsd_kmem_nblocks();
	unsigned long n;
	void *p;

	n = bsd_lockdebug_count();
	p = kmem_alloc(0, KM_SLEEP);
	EXPECT_REPORT_HERE(test, n, "kmem error: kmem_alloc: zero size");
	KUNIT_ASSERT_NOT_NULL(test, p);
	n = bsd_lockdebug_count();
	kmem_free(p, 0);		/* the size it was given: no second report */
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n);
	KUNIT_EXPECT_EQ(test, netbsd_kmem_nblocks(), blocks);

	n = bsd_lockdebug_count();
	kmem_free(NULL, 16);
	EXPECT_REPORT_HERE(test, n,
			   "kmem error: kmem_free: NULL pointer (size 16)");
}

static void misuse_sleep_irqs_off(struct kunit *test)
{
	unsigned long flags, n;
	void *p;

	n = bsd_lockdebug_count();
	local_irq_save(flags);
	p = kmem_alloc(128, KM_SLEEP);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	local_irq_restore(flags);
	EXPECT_REPORT_HERE(test, n,
			   "kmem error: kmem_alloc: KM_SLEEP with interrupts disabled (size 128)");
	KUNIT_ASSERT_NOT_NULL(test, p);
	kmem_free(p, 128);
}

static void misuse_sleep_spin_held(struct kunit *test)
{
	unsigned long n;
	kmutex_t spin;
	void *p;

	mutex_init(&spin, MUTEX_SPIN, IPL_VM);
	n = bsd_lockdebug_count();
	mutex_spin_enter(&spin);
	p = kmem_zalloc(128, KM_SLEEP);
	mutex_spin_exit(&spin);
	EXPECT_REPORT_HERE(test, n,
			   "kmem error: kmem_zalloc: KM_SLEEP with spin mutex held (size 128)");
	KUNIT_ASSERT_NOT_NULL(test, p);
	kmem_free(p, 128);
	mutex_destroy(&spin);
}

static struct kunit_case netbsd_kmem_cases[] = {
	KUNIT_CASE(kmem_alloc_contents),
	KUNIT_CASE(kmem_strings),
	KUNIT_CASE(kmem_tmpbuf),
	KUNIT_CASE(kmem_large_sleep),
	KUNIT_CASE(kmem_sleep_at_raised_ipl),
	KUNIT_CASE(kmem_intr_irqs_off),
	KUNIT_CASE(kmem_nosleep),
	KUNIT_CASE(kmem_free_destroyed_lock),
	KUNIT_CASE(kmem_free_lock_outside),
	KUNIT_CASE(misuse_free_active_mutex),
	KUNIT_CASE(misuse_free_active_rwlock),
	KUNIT_CASE(misuse_reinit_replaces_record),
	KUNIT_CASE(misuse_size_smaller),
	KUNIT_CASE(misuse_size_larger),
	KUNIT_CASE(misuse_zero_size),
	KUNIT_CASE(misuse_sleep_irqs_off),
	KUNIT_CASE(misuse_sleep_spin_held),
	{}
};

static struct kunit_suite netbsd_kmem_suite = {
	.name = "netbsd_kmem",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = netbsd_kmem_cases,
};
kunit_test_suite(netbsd_kmem_suite);
