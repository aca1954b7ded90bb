/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Shared by the bsdcompat KUnit suites. */
#ifndef _BSDCOMPAT_KUNIT_HELPERS_H_
#define _BSDCOMPAT_KUNIT_HELPERS_H_

#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/string.h>
#include <bsdcompat/lockdebug.h>

/*
 * Expect exactly one misuse report since the count was @before, and that
 * its line contains @what and @lock; every report names its caller too.
 */
#define EXPECT_REPORT(test, before, what, lock)				\
do {									\
	char __line[BSD_LOCKDEBUG_MSGLEN];				\
									\
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), (before) + 1);	\
	bsd_lockdebug_last(__line, sizeof(__line));			\
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(__line, what),		\
				  "report: %s", __line);		\
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(__line, lock),		\
				  "report: %s", __line);		\
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(__line, " caller "),	\
				  "report: %s", __line);		\
} while (0)

/*
 * Per-test init and exit for every suite: a case that is not about misuse
 * (its name does not contain "misuse") must not cause a single report. The
 * guest's console checker lets bsdcompat's own reports through, because the
 * misuse cases provoke them; this is what catches an unexpected one.
 */
static inline int bsd_kunit_init(struct kunit *test)
{
	test->priv = (void *)bsd_lockdebug_count();
	return 0;
}

static inline void bsd_kunit_exit(struct kunit *test)
{
	unsigned long before = (unsigned long)test->priv;

	if (!strstr(test->name, "misuse"))
		KUNIT_EXPECT_EQ_MSG(test, bsd_lockdebug_count(), before,
				    "unexpected bsdcompat misuse report");
}

/*
 * bsd_kunit_run_threads - run @fn on @n kthreads and wait for all of them
 *
 * Thread i calls fn(@arg, i), 0 <= i < @n, and is named "@name/i". The
 * threads report through @arg; it is theirs until this returns, which is
 * only once every @fn has returned. All @n threads are created before any
 * calls @fn, and they start together. A thread that cannot be created
 * fails the test (and none calls @fn).
 *
 * With @bind, thread i is bound to bsd_kunit_thread_cpu(i): the online CPUs
 * in turn, so @n a multiple of num_online_cpus() puts as many on each.
 */
void bsd_kunit_run_threads(struct kunit *test, unsigned int n,
			   void (*fn)(void *arg, unsigned int i), void *arg,
			   const char *name, bool bind);

/* The CPU bsd_kunit_run_threads() binds thread @i to: the (i % online)th. */
unsigned int bsd_kunit_thread_cpu(unsigned int i);

/*
 * Free under own lock (spl#421, zfs#6401), the frame the lock kinds share.
 * @nobjs objects of @size bytes are allocated, zeroed and given to @init
 * (which sets up the lock and one reference per thread), then @fn runs on
 * @nthreads threads with a struct bsd_kunit_free_test as its argument. The
 * threads drop their references under each object's own lock; the one that
 * drops the last frees the object with kfree() and counts it in @freed.
 * A thread that found a lock taken counts that in @contended. Every object
 * must have been freed, and some acquisition contended.
 */
struct bsd_kunit_free_test {
	void		**objs;
	atomic_t	freed;
	atomic_t	contended;
};

void bsd_kunit_free_under_own_lock(struct kunit *test, unsigned int nobjs,
				   size_t size, void (*init)(void *obj),
				   unsigned int nthreads,
				   void (*fn)(void *arg, unsigned int i),
				   const char *name);

/*
 * Run @fn(@arg) once in hard interrupt context (a hard hrtimer on this CPU)
 * and wait until it has returned: for the "called from interrupt context"
 * misuse cases.
 */
void bsd_kunit_in_hardirq(void (*fn)(void *arg), void *arg);

#endif /* _BSDCOMPAT_KUNIT_HELPERS_H_ */
