// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: NetBSD workqueue(9) as bsdcompat implements it.
 *
 * The handler records what it saw in a struct wqt, and in the order it was
 * called; the cases wait with generous bounds (to fail rather than hang),
 * never for a time they expect.
 */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/slab.h>

#include <sys/intr.h>
#include <sys/mutex.h>
#include <sys/systm.h>
#include <sys/workqueue.h>
#include <bsdcompat/biglock.h>

#include "kunit_helpers.h"

MODULE_IMPORT_NS(BSDCOMPAT);

#define WQ_ERR		"Workqueue error: "
#define WQ_WAIT		(10 * HZ)
#define WQ_NITEMS	64

struct wqt;

struct witem {
	struct work		w_work;
	struct wqt		*w_t;
	int			w_id;
	int			w_cpu;		/* where it ran */
	struct completion	w_go;		/* a blocking item waits here */
	bool			w_block;
	bool			w_requeue;	/* enqueue itself once more */
	bool			w_wait_self;
	bool			w_free;		/* kfree() itself */
};

struct wqt {
	struct workqueue	*wq;
	atomic_t		ran;
	atomic_t		running;	/* handlers inside now */
	atomic_t		overlap;	/* times two were inside */
	int			order[WQ_NITEMS * 2];
	atomic_t		norder;
	bool			klocked;
	bool			mpsafe_klocked;
	kmutex_t		*mtx;
	struct completion	entered;
	struct completion	done;
	int			expect;		/* complete done after this many */
};

static void wq_handler(struct work *wk, void *arg)
{
	struct witem *it = container_of(wk, struct witem, w_work);
	struct wqt *t = arg;
	int i;

	if (atomic_inc_return(&t->running) > 1)
		atomic_inc(&t->overlap);
	t->klocked = bsd_kernel_locked_p();
	it->w_cpu = raw_smp_processor_id();
	i = atomic_inc_return(&t->norder) - 1;
	if (i < ARRAY_SIZE(t->order))
		t->order[i] = it->w_id;
	complete(&t->entered);
	if (it->w_block)
		wait_for_completion_timeout(&it->w_go, WQ_WAIT);
	if (t->mtx) {
		mutex_enter(t->mtx);	/* a handler may block on a kmutex */
		usleep_range(1000, 2000); /* and sleep */
		mutex_exit(t->mtx);
	}
	if (it->w_wait_self)
		workqueue_wait(t->wq, wk);
	atomic_dec(&t->running);
	if (it->w_requeue) {
		it->w_requeue = false;
		workqueue_enqueue(t->wq, wk, NULL);
	}
	if (it->w_free)
		kfree(it);
	if (atomic_inc_return(&t->ran) == t->expect)
		complete(&t->done);
}

static struct wqt *wqt_new(struct kunit *test, int flags, int expect)
{
	struct wqt *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	init_completion(&t->entered);
	init_completion(&t->done);
	t->expect = expect;
	KUNIT_ASSERT_EQ(test, workqueue_create(&t->wq, "kunitwq", wq_handler,
					       t, PRI_NONE, IPL_VM, flags), 0);
	return t;
}

static struct witem *witems(struct kunit *test, struct wqt *t, int n)
{
	struct witem *it = kunit_kcalloc(test, n, sizeof(*it), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, it);
	for (i = 0; i < n; i++) {
		it[i].w_t = t;
		it[i].w_id = i;
		init_completion(&it[i].w_go);
	}
	return it;
}

static void wqt_wait(struct kunit *test, struct completion *x)
{
	KUNIT_ASSERT_GT_MSG(test, wait_for_completion_timeout(x, WQ_WAIT), 0,
			    "work handler did not run");
}

/* Without WQ_PERCPU: one worker, items run one at a time, in order. */
static void workqueue_runs_in_enqueue_order(struct kunit *test)
{
	struct wqt *t = wqt_new(test, WQ_MPSAFE, WQ_NITEMS);
	struct witem *it = witems(test, t, WQ_NITEMS);
	int i;

	/* Enqueued from all over: the caller moves between CPUs. */
	for (i = 0; i < WQ_NITEMS; i++) {
		workqueue_enqueue(t->wq, &it[i].w_work, NULL);
		if (i % 8 == 7)
			cond_resched();
	}
	wqt_wait(test, &t->done);
	workqueue_destroy(t->wq);
	for (i = 0; i < WQ_NITEMS; i++)
		KUNIT_EXPECT_EQ(test, t->order[i], i);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->overlap), 0);
}

/* Order holds when the items are enqueued from several CPUs in turn. */
struct order_arg {
	struct wqt	*t;
	struct witem	*it;
	kmutex_t	lock;	/* makes "enqueue order" one order */
	int		next;
};

static void order_thread(void *arg, unsigned int i)
{
	struct order_arg *oa = arg;
	int k;

	for (;;) {
		mutex_enter(&oa->lock);
		k = oa->next++;
		if (k < WQ_NITEMS)
			workqueue_enqueue(oa->t->wq, &oa->it[k].w_work, NULL);
		mutex_exit(&oa->lock);
		if (k >= WQ_NITEMS)
			return;
	}
}

static void workqueue_order_from_many_cpus(struct kunit *test)
{
	struct order_arg *oa = kunit_kzalloc(test, sizeof(*oa), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, oa);
	oa->t = wqt_new(test, WQ_MPSAFE, WQ_NITEMS);
	oa->it = witems(test, oa->t, WQ_NITEMS);
	mutex_init(&oa->lock, MUTEX_DEFAULT, IPL_NONE);
	bsd_kunit_run_threads(test, 2 * num_online_cpus(), order_thread, oa,
			      "wqorder", true);
	wqt_wait(test, &oa->t->done);
	workqueue_destroy(oa->t->wq);
	mutex_destroy(&oa->lock);
	for (i = 0; i < WQ_NITEMS; i++)
		KUNIT_EXPECT_EQ(test, oa->t->order[i], i);
	KUNIT_EXPECT_EQ(test, atomic_read(&oa->t->overlap), 0);
}

/* WQ_PERCPU: @ci picks the CPU, and each CPU's items keep their order. */
static void workqueue_percpu_runs_on_ci(struct kunit *test)
{
	unsigned int ncpus = num_online_cpus(), n = 4 * ncpus, i;
	struct wqt *t = wqt_new(test, WQ_MPSAFE | WQ_PERCPU, n);
	struct witem *it = witems(test, t, n);

	for (i = 0; i < n; i++) {
		it[i].w_cpu = -1;
		workqueue_enqueue(t->wq, &it[i].w_work,
				  cpu_lookup(bsd_kunit_thread_cpu(i)));
	}
	wqt_wait(test, &t->done);
	workqueue_destroy(t->wq);
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_EQ(test, it[i].w_cpu,
				(int)bsd_kunit_thread_cpu(i));
	/* Per CPU, in order: item i came before item i + ncpus. */
	for (i = 0; i + ncpus < n; i++) {
		int a = -1, b = -1, k;

		for (k = 0; k < n; k++) {
			if (t->order[k] == i)
				a = k;
			if (t->order[k] == i + ncpus)
				b = k;
		}
		KUNIT_EXPECT_LT(test, a, b);
	}
}

/* Without WQ_MPSAFE the handler holds the kernel lock; with it, not. */
static void workqueue_kernel_lock(struct kunit *test)
{
	struct wqt *t = wqt_new(test, 0, 1);
	struct witem *it = witems(test, t, 1);

	workqueue_enqueue(t->wq, &it->w_work, NULL);
	wqt_wait(test, &t->done);
	KUNIT_EXPECT_TRUE(test, t->klocked);
	workqueue_destroy(t->wq);

	t = wqt_new(test, WQ_MPSAFE, 1);
	it = witems(test, t, 1);
	workqueue_enqueue(t->wq, &it->w_work, NULL);
	wqt_wait(test, &t->done);
	KUNIT_EXPECT_FALSE(test, t->klocked);
	workqueue_destroy(t->wq);
	KUNIT_EXPECT_FALSE(test, bsd_kernel_locked_p());
}

/* The handler is a thread: it may block on a kmutex, and sleep. */
static void workqueue_handler_may_block(struct kunit *test)
{
	struct wqt *t = wqt_new(test, WQ_MPSAFE, 1);
	struct witem *it = witems(test, t, 1);
	kmutex_t mtx;

	mutex_init(&mtx, MUTEX_DEFAULT, IPL_NONE);
	t->mtx = &mtx;
	mutex_enter(&mtx);
	workqueue_enqueue(t->wq, &it->w_work, NULL);
	wqt_wait(test, &t->entered);
	msleep(20);		/* let it block */
	mutex_exit(&mtx);
	wqt_wait(test, &t->done);
	workqueue_destroy(t->wq);
	mutex_destroy(&mtx);
}

/*
 * workqueue_wait() returns once the item is neither queued nor running,
 * and gives the kernel lock up meanwhile: a non-MPSAFE handler needs it.
 */
static void workqueue_wait_waits(struct kunit *test)
{
	struct wqt *t = wqt_new(test, 0, 2);
	struct witem *it = witems(test, t, 2);

	it[0].w_block = true;
	workqueue_enqueue(t->wq, &it[0].w_work, NULL);
	workqueue_enqueue(t->wq, &it[1].w_work, NULL);
	wqt_wait(test, &t->entered);
	complete(&it[0].w_go);
	KERNEL_LOCK(1, NULL);
	workqueue_wait(t->wq, &it[1].w_work);
	KUNIT_EXPECT_TRUE(test, bsd_kernel_locked_p());
	KERNEL_UNLOCK_ONE(NULL);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->ran), 2);
	/* A never-enqueued item: nothing to wait for. */
	workqueue_wait(t->wq, &witems(test, t, 1)->w_work);
	workqueue_destroy(t->wq);
}

/*
 * Once its handler has been called an item may be enqueued again, from
 * the handler itself; and a handler may free its own item.
 */
static void workqueue_requeue_and_free_from_handler(struct kunit *test)
{
	struct wqt *t = wqt_new(test, WQ_MPSAFE, 3);
	struct witem *it = witems(test, t, 1);
	struct witem *own = kzalloc(sizeof(*own), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, own);
	own->w_t = t;
	own->w_free = true;
	it->w_requeue = true;
	workqueue_enqueue(t->wq, &it->w_work, NULL);
	workqueue_enqueue(t->wq, &own->w_work, NULL);
	wqt_wait(test, &t->done);
	workqueue_destroy(t->wq);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->ran), 3);
}

/* Block the queue's one worker with item 0; return the items. */
static struct witem *wq_block(struct kunit *test, struct wqt *t, int n)
{
	struct witem *it = witems(test, t, n);

	it[0].w_block = true;
	workqueue_enqueue(t->wq, &it[0].w_work, NULL);
	wqt_wait(test, &t->entered);
	return it;
}

static void misuse_workqueue_double_enqueue(struct kunit *test)
{
	struct wqt *t = wqt_new(test, WQ_MPSAFE, 2);
	struct witem *it = wq_block(test, t, 2);
	unsigned long n;

	workqueue_enqueue(t->wq, &it[1].w_work, NULL);
	n = bsd_lockdebug_count();
	workqueue_enqueue(t->wq, &it[1].w_work, NULL);
	EXPECT_REPORT(test, n, WQ_ERR "workqueue_enqueue: tried to enqueue a queued work",
		      "lock \"kunitwq\"");
	complete(&it[0].w_go);
	wqt_wait(test, &t->done);
	workqueue_destroy(t->wq);
	/* Run once, not twice. */
	KUNIT_EXPECT_EQ(test, atomic_read(&t->ran), 2);
}

struct destroy_arg {
	struct wqt	*t;
	struct witem	*it;
	unsigned long	n;
};

static void destroy_thread(void *arg, unsigned int i)
{
	struct destroy_arg *da = arg;
	int k;

	if (i == 0) {
		workqueue_destroy(da->t->wq);
		return;
	}
	/* Let the blocked item go once the report is out. */
	for (k = 0; k < 10000 && bsd_lockdebug_count() == da->n; k++)
		usleep_range(100, 200);
	complete(&da->it[0].w_go);
}

static void misuse_workqueue_destroy_pending(struct kunit *test)
{
	struct destroy_arg *da = kunit_kzalloc(test, sizeof(*da), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, da);
	da->t = wqt_new(test, WQ_MPSAFE, 2);
	da->it = wq_block(test, da->t, 2);
	workqueue_enqueue(da->t->wq, &da->it[1].w_work, NULL);
	da->n = bsd_lockdebug_count();
	bsd_kunit_run_threads(test, 2, destroy_thread, da, "wqdestroy", false);
	EXPECT_REPORT(test, da->n,
		      WQ_ERR "workqueue_destroy: destroyed with work pending",
		      "lock \"kunitwq\"");
	/* Linux drained it: the pending item ran before the queue went. */
	KUNIT_EXPECT_EQ(test, atomic_read(&da->t->ran), 2);
}

static void misuse_workqueue_wait_from_handler(struct kunit *test)
{
	struct wqt *t = wqt_new(test, WQ_MPSAFE, 1);
	struct witem *it = witems(test, t, 1);
	unsigned long n = bsd_lockdebug_count();

	it->w_wait_self = true;
	workqueue_enqueue(t->wq, &it->w_work, NULL);
	wqt_wait(test, &t->done);
	EXPECT_REPORT(test, n,
		      WQ_ERR "workqueue_wait: called from the queue's own handler",
		      "lock \"kunitwq\"");
	workqueue_destroy(t->wq);
}

static void misuse_workqueue_enqueue_above_ipl(struct kunit *test)
{
	struct wqt *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	struct witem *it;
	unsigned long n;
	int s;

	KUNIT_ASSERT_NOT_NULL(test, t);
	init_completion(&t->done);
	init_completion(&t->entered);
	t->expect = 1;
	KUNIT_ASSERT_EQ(test, workqueue_create(&t->wq, "kunitwq", wq_handler,
					       t, PRI_NONE, IPL_NONE,
					       WQ_MPSAFE), 0);
	it = witems(test, t, 1);
	n = bsd_lockdebug_count();
	s = splvm();
	workqueue_enqueue(t->wq, &it->w_work, NULL);
	splx(s);
	EXPECT_REPORT(test, n, WQ_ERR "workqueue_enqueue: enqueued at ",
		      "above the queue's IPL");
	/* Queued all the same. */
	wqt_wait(test, &t->done);
	workqueue_destroy(t->wq);
}

static void misuse_workqueue_create_bad_flags(struct kunit *test)
{
	struct workqueue *wq = NULL;
	unsigned long n = bsd_lockdebug_count();

	KUNIT_EXPECT_EQ(test, workqueue_create(&wq, "kunitbad", wq_handler,
					       NULL, PRI_NONE, IPL_NONE,
					       0x80), EINVAL);
	EXPECT_REPORT(test, n, WQ_ERR "workqueue_create: bad flags",
		      "lock \"kunitbad\"");
	KUNIT_EXPECT_NULL(test, wq);
}

static struct kunit_case netbsd_workqueue_cases[] = {
	KUNIT_CASE(workqueue_runs_in_enqueue_order),
	KUNIT_CASE(workqueue_order_from_many_cpus),
	KUNIT_CASE(workqueue_percpu_runs_on_ci),
	KUNIT_CASE(workqueue_kernel_lock),
	KUNIT_CASE(workqueue_handler_may_block),
	KUNIT_CASE(workqueue_wait_waits),
	KUNIT_CASE(workqueue_requeue_and_free_from_handler),
	KUNIT_CASE(misuse_workqueue_double_enqueue),
	KUNIT_CASE(misuse_workqueue_destroy_pending),
	KUNIT_CASE(misuse_workqueue_wait_from_handler),
	KUNIT_CASE(misuse_workqueue_enqueue_above_ipl),
	KUNIT_CASE(misuse_workqueue_create_bad_flags),
	{}
};

static struct kunit_suite netbsd_workqueue_suite = {
	.name = "netbsd_workqueue",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = netbsd_workqueue_cases,
};
kunit_test_suite(netbsd_workqueue_suite);
