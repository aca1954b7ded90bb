// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: Digital UNIX complex locks.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/rwsem.h>
#include <linux/slab.h>

#include <kern/lock.h>
#include <bsdcompat/biglock.h>
#include <bsdcompat/spl.h>

#include "kunit_helpers.h"

MODULE_IMPORT_NS(BSDCOMPAT);

#define CL_ERR	"Complex lock error: "

/* ---------------------------------------------------------------------- */
/* Helper threads                                                          */

/* Takes the lock, says so, holds it until told, then releases it. */
struct holder {
	lock_t			l;
	bool			write;
	int			hold_ms;
	bool			kernel_lock;	/* take kernel_lock before release */
	bool			got_kernel_lock;
	bool			releasing;
	struct completion	held;
	struct completion	release;
	struct completion	done;
};

static int holder_fn(void *arg)
{
	struct holder *h = arg;

	if (h->write)
		lock_write(h->l);
	else
		lock_read(h->l);
	complete(&h->held);
	wait_for_completion(&h->release);
	if (h->hold_ms)
		msleep(h->hold_ms);
	if (h->kernel_lock) {
		bsd_kernel_lock(1, _THIS_IP_);
		h->got_kernel_lock = bsd_kernel_locked_p();
		bsd_kernel_unlock(1, NULL, _THIS_IP_);
	}
	WRITE_ONCE(h->releasing, true);
	lock_done(h->l);
	complete(&h->done);
	return 0;
}

static void holder_start(struct kunit *test, struct holder *h, lock_t l,
			 bool write)
{
	h->l = l;
	h->write = write;
	h->releasing = false;
	h->got_kernel_lock = false;
	init_completion(&h->held);
	init_completion(&h->release);
	init_completion(&h->done);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(holder_fn, h, "cl-holder")));
	wait_for_completion(&h->held);
}

static void holder_stop(struct holder *h)
{
	complete(&h->release);
	wait_for_completion(&h->done);
}

/* One try in another thread (the caller may hold the lock itself). */
struct try_thread {
	lock_t			l;
	bool			write;
	boolean_t		got;
	struct completion	done;
};

static int try_fn(void *arg)
{
	struct try_thread *t = arg;

	t->got = t->write ? lock_try_write(t->l) : lock_try_read(t->l);
	if (t->got)
		lock_done(t->l);
	complete(&t->done);
	return 0;
}

static boolean_t try_in_thread(struct kunit *test, lock_t l, bool write)
{
	struct try_thread t = { .l = l, .write = write };

	init_completion(&t.done);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(try_fn, &t, "cl-try")));
	wait_for_completion(&t.done);
	return t.got;
}

/* Waits for the lock in another thread; says when it is in. */
struct waiter {
	lock_t			l;
	bool			write;
	struct completion	started;
	struct completion	in;
	struct completion	release;
	struct completion	done;
};

static int waiter_fn(void *arg)
{
	struct waiter *w = arg;

	complete(&w->started);
	if (w->write)
		lock_write(w->l);
	else
		lock_read(w->l);
	complete(&w->in);
	wait_for_completion(&w->release);
	lock_done(w->l);
	complete(&w->done);
	return 0;
}

/* Start a waiter and give it time to queue (not a timing assertion). */
static void waiter_start(struct kunit *test, struct waiter *w, lock_t l,
			 bool write)
{
	w->l = l;
	w->write = write;
	init_completion(&w->started);
	init_completion(&w->in);
	init_completion(&w->release);
	init_completion(&w->done);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(waiter_fn, w, "cl-waiter")));
	wait_for_completion(&w->started);
	msleep(30);
}

static void waiter_finish(struct waiter *w)
{
	complete(&w->release);
	wait_for_completion(&w->done);
}

/* ---------------------------------------------------------------------- */
/* Semantics                                                               */

/* The try forms: TRUE when taken, FALSE when they would have to wait. */
static void cl_try_results(struct kunit *test)
{
	lock_data_t l;

	lock_init(&l, TRUE);
	KUNIT_EXPECT_FALSE(test, lock_islocked(&l));
	KUNIT_EXPECT_TRUE(test, lock_try_read(&l));
	KUNIT_EXPECT_TRUE(test, lock_try_read(&l));	/* readers share */
	KUNIT_EXPECT_TRUE(test, lock_islocked(&l));
	KUNIT_EXPECT_FALSE(test, lock_write_holder(&l));
	KUNIT_EXPECT_FALSE(test, lock_try_write(&l));
	KUNIT_EXPECT_FALSE(test, try_in_thread(test, &l, true));
	KUNIT_EXPECT_TRUE(test, try_in_thread(test, &l, false));
	lock_done(&l);
	lock_read_done(&l);
	KUNIT_EXPECT_FALSE(test, lock_islocked(&l));

	KUNIT_EXPECT_TRUE(test, lock_try_write(&l));
	KUNIT_EXPECT_TRUE(test, lock_write_holder(&l));
	/* The holder too: not recursive, so no. And no report. */
	KUNIT_EXPECT_FALSE(test, lock_try_write(&l));
	KUNIT_EXPECT_FALSE(test, lock_try_read(&l));
	KUNIT_EXPECT_FALSE(test, try_in_thread(test, &l, false));
	KUNIT_EXPECT_FALSE(test, try_in_thread(test, &l, true));
	lock_write_done(&l);
	KUNIT_EXPECT_FALSE(test, lock_islocked(&l));
	KUNIT_EXPECT_FALSE(test, lock_write_holder(&l));

	lock_write(&l);
	KUNIT_EXPECT_TRUE(test, lock_write_holder(&l));
	lock_done(&l);
	lock_read(&l);
	KUNIT_EXPECT_TRUE(test, lock_islocked(&l));
	lock_done(&l);
	lock_terminate(&l);
}

/*
 * Two readers inside at once, one of them sleeping: the thread sleeps while
 * it holds the lock, and waits there until the test's own lock_read() is in.
 */
struct share {
	struct lock		l;
	atomic_t		inside;
	int			seen;
	bool			ok;
	struct completion	in;
	struct completion	main_in;
	struct completion	done;
};

static int share_fn(void *arg)
{
	struct share *s = arg;

	lock_read(&s->l);
	atomic_inc(&s->inside);
	complete(&s->in);
	msleep(20);
	s->ok = wait_for_completion_timeout(&s->main_in, 10 * HZ) != 0;
	s->seen = atomic_read(&s->inside);
	usleep_range(5000, 6000);
	atomic_dec(&s->inside);
	lock_done(&s->l);
	complete(&s->done);
	return 0;
}

static void cl_readers_share_while_sleeping(struct kunit *test)
{
	struct share *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	lock_init(&s->l, TRUE);
	init_completion(&s->in);
	init_completion(&s->main_in);
	init_completion(&s->done);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(share_fn, s, "cl-share")));
	wait_for_completion(&s->in);
	lock_read(&s->l);
	atomic_inc(&s->inside);
	complete(&s->main_in);
	KUNIT_EXPECT_FALSE(test, try_in_thread(test, &s->l, true));
	wait_for_completion(&s->done);
	KUNIT_EXPECT_TRUE(test, s->ok);
	KUNIT_EXPECT_EQ(test, s->seen, 2);
	atomic_dec(&s->inside);
	lock_done(&s->l);
	KUNIT_EXPECT_FALSE(test, lock_islocked(&s->l));
	lock_terminate(&s->l);
}

/*
 * Exclusion under contention: every critical section checks the write-held
 * flag and the reader count; writers bump a counter without atomics, with a
 * sleep or a reschedule in the middle. Readers upgrade and writers downgrade
 * on some turns. At the end the counter is the number of write sections.
 */
#define EXCL_THREADS	4
#define EXCL_ITERS	160

struct excl {
	struct lock		l;
	long			counter;
	bool			wheld;
	atomic_t		readers;
	atomic_t		errors;
	atomic_t		writes;
	atomic_t		upgrades_failed;
};

static void excl_pause(int i)
{
	if (i % 16 == 0)
		usleep_range(20, 50);
	else
		cond_resched();
}

static void excl_write_section(struct excl *e, int i)
{
	long v;

	if (READ_ONCE(e->wheld) || atomic_read(&e->readers))
		atomic_inc(&e->errors);
	WRITE_ONCE(e->wheld, true);
	v = READ_ONCE(e->counter);
	excl_pause(i);
	WRITE_ONCE(e->counter, v + 1);
	if (!lock_write_holder(&e->l))
		atomic_inc(&e->errors);
	WRITE_ONCE(e->wheld, false);
	atomic_inc(&e->writes);
}

static void excl_read_section(struct excl *e, int i)
{
	long v;

	atomic_inc(&e->readers);
	v = READ_ONCE(e->counter);
	if (READ_ONCE(e->wheld))
		atomic_inc(&e->errors);
	excl_pause(i + 1);
	if (READ_ONCE(e->wheld) || READ_ONCE(e->counter) != v)
		atomic_inc(&e->errors);
	atomic_dec(&e->readers);
}

static void excl_fn(void *arg, unsigned int id)
{
	struct excl *e = arg;
	int i;

	for (i = 0; i < EXCL_ITERS; i++) {
		switch (i % 6) {
		case 0:
			lock_write(&e->l);
			excl_write_section(e, i);
			lock_done(&e->l);
			break;
		case 1:
			lock_write(&e->l);
			excl_write_section(e, i);
			lock_write_to_read(&e->l);
			excl_read_section(e, i);
			lock_done(&e->l);
			break;
		case 2:
			lock_read(&e->l);
			excl_read_section(e, i);
			if (lock_read_to_write(&e->l)) {
				atomic_inc(&e->upgrades_failed);
				break;
			}
			excl_write_section(e, i);
			lock_done(&e->l);
			break;
		case 3:
			if (!lock_try_write(&e->l))
				break;
			excl_write_section(e, i);
			lock_done(&e->l);
			break;
		default:
			lock_read(&e->l);
			excl_read_section(e, i);
			lock_done(&e->l);
			break;
		}
	}
}

static void excl_run(struct kunit *test, boolean_t can_sleep)
{
	struct excl *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, e);
	lock_init(&e->l, can_sleep);
	bsd_kunit_run_threads(test, EXCL_THREADS, excl_fn, e, "cl-excl", false);
	KUNIT_EXPECT_EQ(test, atomic_read(&e->errors), 0);
	KUNIT_EXPECT_EQ(test, e->counter, (long)atomic_read(&e->writes));
	KUNIT_EXPECT_FALSE(test, lock_islocked(&e->l));
	kunit_info(test, "%d write sections, %d failed upgrades\n",
		   atomic_read(&e->writes), atomic_read(&e->upgrades_failed));
	lock_terminate(&e->l);
}

static void cl_writers_exclude(struct kunit *test)
{
	excl_run(test, TRUE);
}

/* can_sleep FALSE: the waiters spin, and exclusion is the same. */
static void cl_spinning_waiters_exclude(struct kunit *test)
{
	excl_run(test, FALSE);
}

/* The only reader upgrades; no other writer gets in on the way. */
static void cl_read_to_write_success(struct kunit *test)
{
	struct waiter w;
	lock_data_t l;

	lock_init(&l, TRUE);
	lock_read(&l);
	KUNIT_EXPECT_FALSE(test, lock_read_to_write(&l));
	KUNIT_EXPECT_TRUE(test, lock_write_holder(&l));
	KUNIT_EXPECT_FALSE(test, try_in_thread(test, &l, false));
	lock_done(&l);
	KUNIT_EXPECT_FALSE(test, lock_islocked(&l));

	/* A writer waits; the upgrade still goes first. */
	lock_read(&l);
	waiter_start(test, &w, &l, true);
	KUNIT_EXPECT_FALSE(test, completion_done(&w.in));
	KUNIT_EXPECT_FALSE(test, lock_read_to_write(&l));
	KUNIT_EXPECT_TRUE(test, lock_write_holder(&l));
	KUNIT_EXPECT_FALSE(test, completion_done(&w.in));
	lock_done(&l);
	wait_for_completion(&w.in);
	waiter_finish(&w);
	KUNIT_EXPECT_FALSE(test, lock_islocked(&l));
	lock_terminate(&l);
}

/*
 * Two readers both upgrade: the test's upgrade waits for the other reader,
 * whose upgrade then fails (TRUE) and gives up its read hold, which lets
 * the first one in.
 */
struct upg {
	struct lock		l;
	boolean_t		failed;
	boolean_t		try_read_after;
	struct completion	held;
	struct completion	done;
};

static int upg_fn(void *arg)
{
	struct upg *u = arg;
	int n;

	lock_read(&u->l);
	complete(&u->held);
	/* Wait until the test's upgrade is under way. */
	for (n = 0; n < 1000 && !(atomic_long_read(&u->l.lk_word) & LK_WANT_UPGRADE); n++)
		usleep_range(2000, 3000);
	u->failed = lock_read_to_write(&u->l);
	if (!u->failed) {
		lock_done(&u->l);
	} else {
		u->try_read_after = lock_try_read(&u->l);
		if (u->try_read_after)
			lock_done(&u->l);
	}
	complete(&u->done);
	return 0;
}

static void cl_read_to_write_failure(struct kunit *test)
{
	struct upg *u = kunit_kzalloc(test, sizeof(*u), GFP_KERNEL);
	boolean_t mine;

	KUNIT_ASSERT_NOT_NULL(test, u);
	lock_init(&u->l, TRUE);
	init_completion(&u->held);
	init_completion(&u->done);
	lock_read(&u->l);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(upg_fn, u, "cl-upg")));
	wait_for_completion(&u->held);
	mine = lock_read_to_write(&u->l);
	KUNIT_EXPECT_FALSE(test, mine);
	KUNIT_EXPECT_TRUE(test, lock_write_holder(&u->l));
	wait_for_completion(&u->done);
	KUNIT_EXPECT_TRUE(test, u->failed);
	/* Its read hold was gone, and we (the writer) kept it out. */
	KUNIT_EXPECT_FALSE(test, u->try_read_after);
	lock_done(&u->l);
	KUNIT_EXPECT_FALSE(test, lock_islocked(&u->l));
	lock_terminate(&u->l);
}

/* lock_try_read_to_write(): only for the only reader; keeps the hold. */
static void cl_try_read_to_write(struct kunit *test)
{
	struct holder h = {};
	lock_data_t l;

	lock_init(&l, TRUE);
	lock_read(&l);
	KUNIT_EXPECT_TRUE(test, lock_try_read_to_write(&l));
	KUNIT_EXPECT_TRUE(test, lock_write_holder(&l));
	KUNIT_EXPECT_FALSE(test, try_in_thread(test, &l, false));
	lock_done(&l);
	KUNIT_EXPECT_FALSE(test, lock_islocked(&l));

	lock_read(&l);
	holder_start(test, &h, &l, false);
	KUNIT_EXPECT_FALSE(test, lock_try_read_to_write(&l));
	KUNIT_EXPECT_FALSE(test, lock_write_holder(&l));
	KUNIT_EXPECT_TRUE(test, lock_islocked(&l));
	holder_stop(&h);
	/* Still a reader: now the only one. */
	KUNIT_EXPECT_TRUE(test, lock_islocked(&l));
	KUNIT_EXPECT_FALSE(test, try_in_thread(test, &l, true));
	KUNIT_EXPECT_TRUE(test, lock_try_read_to_write(&l));
	KUNIT_EXPECT_TRUE(test, lock_write_holder(&l));
	lock_done(&l);
	KUNIT_EXPECT_FALSE(test, lock_islocked(&l));
	lock_terminate(&l);
}

/* Downgrade: a waiting reader gets in, writers stay out until lock_done. */
static void cl_write_to_read(struct kunit *test)
{
	struct waiter w;
	lock_data_t l;

	lock_init(&l, TRUE);
	lock_write(&l);
	waiter_start(test, &w, &l, false);
	KUNIT_EXPECT_FALSE(test, completion_done(&w.in));
	lock_write_to_read(&l);
	KUNIT_EXPECT_FALSE(test, lock_write_holder(&l));
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&w.in, 10 * HZ), 0UL);
	KUNIT_EXPECT_TRUE(test, try_in_thread(test, &l, false));
	KUNIT_EXPECT_FALSE(test, try_in_thread(test, &l, true));
	waiter_finish(&w);
	KUNIT_EXPECT_FALSE(test, try_in_thread(test, &l, true));
	lock_done(&l);
	KUNIT_EXPECT_FALSE(test, lock_islocked(&l));
	KUNIT_EXPECT_TRUE(test, try_in_thread(test, &l, true));
	lock_terminate(&l);
}

/* Recursion: every take by the recursive write holder needs a lock_done. */
static void cl_recursion(struct kunit *test)
{
	lock_data_t l;

	lock_init(&l, TRUE);
	lock_write(&l);
	lock_set_recursive(&l);
	lock_write(&l);
	lock_read(&l);
	KUNIT_EXPECT_TRUE(test, lock_try_read(&l));
	KUNIT_EXPECT_TRUE(test, lock_try_write(&l));
	KUNIT_EXPECT_FALSE(test, lock_read_to_write(&l));
	KUNIT_EXPECT_TRUE(test, lock_try_read_to_write(&l));
	lock_write_to_read(&l);		/* a recursive take: no change */
	KUNIT_EXPECT_FALSE(test, try_in_thread(test, &l, false));
	lock_done(&l);
	lock_done(&l);
	lock_done(&l);
	lock_done(&l);
	KUNIT_EXPECT_TRUE(test, lock_write_holder(&l));
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	KUNIT_EXPECT_TRUE(test, lock_is_held(&l.lk_dep_map));
#endif
	lock_clear_recursive(&l);
	KUNIT_EXPECT_FALSE(test, lock_try_write(&l));
	KUNIT_EXPECT_FALSE(test, lock_try_read(&l));
	KUNIT_EXPECT_TRUE(test, lock_write_holder(&l));
	lock_done(&l);
	KUNIT_EXPECT_FALSE(test, lock_islocked(&l));
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	KUNIT_EXPECT_FALSE(test, lock_is_held(&l.lk_dep_map));
#endif
	/* Permission ends with the write hold. */
	lock_write(&l);
	lock_set_recursive(&l);
	lock_done(&l);
	lock_write(&l);
	KUNIT_EXPECT_FALSE(test, lock_try_write(&l));
	lock_done(&l);
	KUNIT_EXPECT_FALSE(test, lock_islocked(&l));
	lock_terminate(&l);
}

/*
 * Free right after lock_done() by another thread (spl#421, zfs#6401): each
 * thread drops its reference under the object's own lock; the last one
 * frees it. Even objects under write, odd ones under read (the last reader
 * waits for the others by taking it for write). KASAN sees any touch of the
 * lock after its release.
 */
#define FREE_THREADS	3
#define FREE_OBJECTS	96

struct cobj {
	struct lock	lock;
	atomic_t	refs;
	atomic_t	arrived;
};

static void cobj_init(void *obj)
{
	struct cobj *o = obj;

	lock_init(&o->lock, TRUE);
	atomic_set(&o->refs, FREE_THREADS);
}

static void free_take(struct bsd_kunit_free_test *ft, lock_t l, bool write,
		      bool sleepy)
{
	if (write ? lock_try_write(l) : lock_try_read(l))
		return;
	atomic_inc(&ft->contended);
	if (sleepy) {
		if (write)
			lock_write(l);
		else
			lock_read(l);
		return;
	}
	while (!(write ? lock_try_write(l) : lock_try_read(l)))
		cond_resched();
}

static void free_fn(void *arg, unsigned int id)
{
	struct bsd_kunit_free_test *ft = arg;
	int i;

	for (i = 0; i < FREE_OBJECTS; i++) {
		struct cobj *o = ft->objs[i];
		bool write = !(i & 1), sleepy = i & 2;
		bool last;

		if (!sleepy) {
			atomic_inc(&o->arrived);
			while (atomic_read(&o->arrived) < FREE_THREADS)
				cond_resched();
		}
		free_take(ft, &o->lock, write, sleepy);
		last = atomic_dec_and_test(&o->refs);
		if (!last && sleepy)
			usleep_range(5, 20);
		else if (!last)
			udelay(20);
		lock_done(&o->lock);
		if (!last)
			continue;
		if (!write) {
			free_take(ft, &o->lock, true, sleepy);
			lock_done(&o->lock);
		}
		lock_terminate(&o->lock);
		kfree(o);
		atomic_inc(&ft->freed);
	}
}

static void cl_free_after_done(struct kunit *test)
{
	bsd_kunit_free_under_own_lock(test, FREE_OBJECTS, sizeof(struct cobj),
				      cobj_init, FREE_THREADS, free_fn,
				      "cl-free");
}

/* A thread that waits at a raised spl waits without it and gets it back. */
static void cl_wait_drops_ipl(struct kunit *test)
{
	static const boolean_t sleeps[] = { TRUE, FALSE };
	struct holder h = {};
	lock_data_t l;
	int i, write, s;

	for (i = 0; i < ARRAY_SIZE(sleeps); i++) {
		lock_init(&l, sleeps[i]);
		for (write = 0; write < 2; write++) {
			h.hold_ms = 20;
			holder_start(test, &h, &l, true);
			s = bsd_splraise(BSD_IPL_VM);
			complete(&h.release);
			if (write)
				lock_write(&l);
			else
				lock_read(&l);
			KUNIT_EXPECT_TRUE(test, READ_ONCE(h.releasing));
			KUNIT_EXPECT_EQ(test, bsd_curipl(), BSD_IPL_VM);
			KUNIT_EXPECT_TRUE(test, irqs_disabled());
			KUNIT_EXPECT_EQ(test, !!lock_write_holder(&l), write);
			lock_done(&l);
			bsd_splx(s);
			KUNIT_EXPECT_EQ(test, bsd_curipl(), BSD_IPL_NONE);
			KUNIT_EXPECT_FALSE(test, irqs_disabled());
			wait_for_completion(&h.done);
		}
		lock_terminate(&l);
	}
}

/*
 * A thread that waits with the kernel lock held gives it up: the holder
 * needs the kernel lock before it can release the complex lock.
 */
static void cl_wait_drops_kernel_lock(struct kunit *test)
{
	static const boolean_t sleeps[] = { TRUE, FALSE };
	struct holder h = {};
	lock_data_t l;
	int i;

	for (i = 0; i < ARRAY_SIZE(sleeps); i++) {
		lock_init(&l, sleeps[i]);
		h.hold_ms = 0;
		h.kernel_lock = true;
		holder_start(test, &h, &l, true);
		bsd_kernel_lock(1, _THIS_IP_);
		complete(&h.release);
		lock_read(&l);
		KUNIT_EXPECT_TRUE(test, bsd_kernel_locked_p());
		KUNIT_EXPECT_EQ(test, bsd_kernel_lock_depth(), 1);
		KUNIT_EXPECT_TRUE(test, READ_ONCE(h.releasing));
		KUNIT_EXPECT_TRUE(test, h.got_kernel_lock);
		lock_done(&l);
		bsd_kernel_unlock(1, NULL, _THIS_IP_);
		KUNIT_EXPECT_FALSE(test, bsd_kernel_locked_p());
		wait_for_completion(&h.done);
		lock_terminate(&l);
	}
}

static noinline void init_at_site_a(lock_t l)
{
	lock_init(l, TRUE);
}

static DEFINE_LOCKINFO(cl_test_info, "cl_test_class", 0, 0);

/*
 * Lockdep: one class per lock_init() site or per lockinfo; reads shared,
 * writes exclusive; an upgrade and a downgrade keep it held.
 */
static void cl_lockdep_classes(struct kunit *test)
{
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	lock_data_t a1, a2, l, s1, s2;

	init_at_site_a(&a1);
	init_at_site_a(&a2);
	lock_init(&l, TRUE);
	lock_setup(&s1, &cl_test_info, TRUE);
	lock_setup(&s2, &cl_test_info, FALSE);

	KUNIT_EXPECT_PTR_EQ(test, a1.lk_dep_map.key, a2.lk_dep_map.key);
	KUNIT_EXPECT_PTR_NE(test, a1.lk_dep_map.key, l.lk_dep_map.key);
	KUNIT_EXPECT_PTR_EQ(test, s1.lk_dep_map.key, s2.lk_dep_map.key);
	KUNIT_EXPECT_PTR_EQ(test, s1.lk_dep_map.key,
			    (struct lock_class_key *)&cl_test_info.li_key);
	KUNIT_EXPECT_STREQ(test, l.lk_dep_map.name, "l");
	KUNIT_EXPECT_STREQ(test, s1.lk_dep_map.name, "cl_test_class");

	lock_read(&l);
	KUNIT_EXPECT_TRUE(test, lock_is_held_type(&l.lk_dep_map, 1));
	KUNIT_EXPECT_FALSE(test, lock_read_to_write(&l));
	KUNIT_EXPECT_TRUE(test, lock_is_held_type(&l.lk_dep_map, 0));
	lock_write_to_read(&l);
	KUNIT_EXPECT_TRUE(test, lock_is_held_type(&l.lk_dep_map, 1));
	lock_done(&l);
	KUNIT_EXPECT_FALSE(test, lock_is_held(&l.lk_dep_map));

	lock_write(&a1);
	lock_read(&l);
	lock_write(&s1);
	KUNIT_EXPECT_TRUE(test, lock_is_held(&a1.lk_dep_map));
	KUNIT_EXPECT_TRUE(test, lock_is_held(&l.lk_dep_map));
	KUNIT_EXPECT_TRUE(test, lock_is_held(&s1.lk_dep_map));
	lock_done(&s1);
	lock_done(&l);
	lock_done(&a1);
	KUNIT_EXPECT_FALSE(test, lock_is_held(&a1.lk_dep_map));

	lock_terminate(&a1);
	lock_terminate(&a2);
	lock_terminate(&l);
	lock_terminate(&s1);
	lock_terminate(&s2);
#else
	kunit_skip(test, "lockdep is not configured");
#endif
}

/*
 * The uncontended cost of a read and a write pair, next to Linux's
 * rw_semaphore, printed for Documentation/tru64-complex-lock.md. No
 * threshold: only that the lock comes back free.
 */
#define COST_ROUNDS	20000

static void cl_uncontended_cost(struct kunit *test)
{
	struct rw_semaphore sem;
	lock_data_t l;
	u64 t0, rd, wr, srd, swr;
	int i;

	lock_init(&l, TRUE);
	init_rwsem(&sem);
	t0 = ktime_get_ns();
	for (i = 0; i < COST_ROUNDS; i++) {
		lock_read(&l);
		lock_done(&l);
	}
	rd = ktime_get_ns() - t0;
	t0 = ktime_get_ns();
	for (i = 0; i < COST_ROUNDS; i++) {
		lock_write(&l);
		lock_done(&l);
	}
	wr = ktime_get_ns() - t0;
	t0 = ktime_get_ns();
	for (i = 0; i < COST_ROUNDS; i++) {
		down_read(&sem);
		up_read(&sem);
	}
	srd = ktime_get_ns() - t0;
	t0 = ktime_get_ns();
	for (i = 0; i < COST_ROUNDS; i++) {
		down_write(&sem);
		up_write(&sem);
	}
	swr = ktime_get_ns() - t0;
	KUNIT_EXPECT_FALSE(test, lock_islocked(&l));
	kunit_info(test,
		   "ns per pair: lock_read+lock_done %llu, lock_write+lock_done %llu; rwsem read %llu, write %llu (lockmode %d)\n",
		   rd / COST_ROUNDS, wr / COST_ROUNDS, srd / COST_ROUNDS,
		   swr / COST_ROUNDS, tru64_lockmode_enabled() ? 4 : 0);
	lock_terminate(&l);
}

/* ---------------------------------------------------------------------- */
/* Misuse: one report each, naming the lock, the operation and the caller   */

static void misuse_cl_with_simple_lock(struct kunit *test)
{
	decl_simple_lock_data(, sl);
	lock_data_t l;
	unsigned long n;

	simple_lock_init(&sl);
	lock_init(&l, TRUE);
	simple_lock(&sl);
	n = bsd_lockdebug_count();
	lock_read(&l);
	EXPECT_REPORT(test, n,
		      CL_ERR "lock_read: sleeping with simple lock \"&sl\" held",
		      "lock \"l\"");
	simple_unlock(&sl);
	KUNIT_EXPECT_FALSE(test, lock_islocked(&l));	/* refused */
	lock_terminate(&l);
	simple_lock_terminate(&sl);
}

struct irq_cl {
	struct lock		l;
	struct hrtimer		timer;
	bool			try;
	boolean_t		held;
	struct completion	done;
};

static enum hrtimer_restart irq_cl_timer(struct hrtimer *t)
{
	struct irq_cl *ic = container_of(t, struct irq_cl, timer);

	if (ic->try) {
		ic->held = lock_try_read(&ic->l);
	} else {
		lock_write(&ic->l);
		ic->held = lock_islocked(&ic->l);
	}
	complete(&ic->done);
	return HRTIMER_NORESTART;
}

/* From a hard interrupt handler: reported and refused; the lock is free. */
static void irq_cl_run(struct kunit *test, bool try, const char *what)
{
	struct irq_cl *ic = kunit_kzalloc(test, sizeof(*ic), GFP_KERNEL);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, ic);
	lock_init(&ic->l, TRUE);
	ic->try = try;
	init_completion(&ic->done);
	hrtimer_init(&ic->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	ic->timer.function = irq_cl_timer;
	n = bsd_lockdebug_count();
	hrtimer_start(&ic->timer, ns_to_ktime(NSEC_PER_MSEC),
		      HRTIMER_MODE_REL_HARD);
	wait_for_completion(&ic->done);
	EXPECT_REPORT(test, n, what, "lock \"ic->l\"");
	KUNIT_EXPECT_FALSE(test, ic->held);
	KUNIT_EXPECT_TRUE(test, try_in_thread(test, &ic->l, true));
	lock_terminate(&ic->l);
}

static void misuse_cl_from_interrupt(struct kunit *test)
{
	irq_cl_run(test, false,
		   CL_ERR "lock_write: sleeping from interrupt context");
}

static void misuse_cl_try_from_interrupt(struct kunit *test)
{
	irq_cl_run(test, true,
		   CL_ERR "lock_try_read: called from interrupt context");
}

static void misuse_cl_write_by_holder(struct kunit *test)
{
	lock_data_t l;
	unsigned long n;

	lock_init(&l, TRUE);
	lock_write(&l);
	n = bsd_lockdebug_count();
	lock_write(&l);
	EXPECT_REPORT(test, n,
		      CL_ERR "lock_write: already held for write by the caller, not recursive",
		      "lock \"l\"");
	n = bsd_lockdebug_count();
	lock_read(&l);
	EXPECT_REPORT(test, n,
		      CL_ERR "lock_read: already held for write by the caller, not recursive",
		      "lock \"l\"");
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_TRUE(test, lock_read_to_write(&l));
	EXPECT_REPORT(test, n,
		      CL_ERR "lock_read_to_write: already held for write by the caller",
		      "lock \"l\"");
	KUNIT_EXPECT_TRUE(test, lock_write_holder(&l));
	n = bsd_lockdebug_count();
	lock_done(&l);
	KUNIT_EXPECT_FALSE(test, lock_islocked(&l));
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n);
	lock_terminate(&l);
}

static void misuse_cl_done_unheld(struct kunit *test)
{
	lock_data_t l;
	unsigned long n;

	lock_init(&l, TRUE);
	n = bsd_lockdebug_count();
	lock_done(&l);
	EXPECT_REPORT(test, n, CL_ERR "lock_done: lock not held", "lock \"l\"");
	KUNIT_EXPECT_FALSE(test, lock_islocked(&l));
	lock_terminate(&l);
}

static void misuse_cl_done_by_other_thread(struct kunit *test)
{
	struct holder h = {};
	lock_data_t l;
	unsigned long n;

	lock_init(&l, TRUE);
	holder_start(test, &h, &l, true);
	n = bsd_lockdebug_count();
	lock_done(&l);
	EXPECT_REPORT(test, n, CL_ERR "lock_done: held for write by cl-holder",
		      "lock \"l\"");
	KUNIT_EXPECT_TRUE(test, lock_islocked(&l));	/* refused */
	holder_stop(&h);
	KUNIT_EXPECT_FALSE(test, lock_islocked(&l));
	lock_terminate(&l);
}

static void misuse_cl_terminate_held(struct kunit *test)
{
	lock_data_t l;
	unsigned long n;

	lock_init(&l, TRUE);
	lock_read(&l);
	n = bsd_lockdebug_count();
	lock_terminate(&l);
	EXPECT_REPORT(test, n, CL_ERR "lock_terminate: terminating a held lock",
		      "lock \"l\"");
	lock_done(&l);		/* still usable: refused */
	lock_terminate(&l);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);
}

static void misuse_cl_uninitialised_and_terminated(struct kunit *test)
{
	lock_data_t l;
	unsigned long n;

	memset(&l, 0, sizeof(l));
	n = bsd_lockdebug_count();
	lock_write(&l);
	EXPECT_REPORT(test, n, CL_ERR "lock_write: lock not initialised",
		      "lock \"\"");

	lock_init(&l, TRUE);
	lock_terminate(&l);
	n = bsd_lockdebug_count();
	lock_read(&l);
	EXPECT_REPORT(test, n, CL_ERR "lock_read: lock used after lock_terminate",
		      "lock \"l\"");
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_FALSE(test, lock_try_write(&l));
	EXPECT_REPORT(test, n,
		      CL_ERR "lock_try_write: lock used after lock_terminate",
		      "lock \"l\"");
}

static void misuse_cl_set_recursive_without_write(struct kunit *test)
{
	lock_data_t l;
	unsigned long n;

	lock_init(&l, TRUE);
	lock_read(&l);
	n = bsd_lockdebug_count();
	lock_set_recursive(&l);
	EXPECT_REPORT(test, n,
		      CL_ERR "lock_set_recursive: don't have write lock",
		      "lock \"l\"");
	lock_done(&l);
	lock_terminate(&l);
}

static void misuse_cl_clear_recursive_wrong_thread(struct kunit *test)
{
	lock_data_t l;
	unsigned long n;

	lock_init(&l, TRUE);
	lock_write(&l);
	n = bsd_lockdebug_count();
	lock_clear_recursive(&l);	/* never set */
	EXPECT_REPORT(test, n, CL_ERR "lock_clear_recursive: wrong thread",
		      "lock \"l\"");
	lock_done(&l);
	lock_terminate(&l);
}

static void misuse_cl_upgrade_without_read(struct kunit *test)
{
	lock_data_t l;
	unsigned long n;

	lock_init(&l, TRUE);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_TRUE(test, lock_read_to_write(&l));
	EXPECT_REPORT(test, n, CL_ERR "lock_read_to_write: not held for read",
		      "lock \"l\"");
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_FALSE(test, lock_try_read_to_write(&l));
	EXPECT_REPORT(test, n,
		      CL_ERR "lock_try_read_to_write: not held for read",
		      "lock \"l\"");
	KUNIT_EXPECT_FALSE(test, lock_islocked(&l));
	lock_terminate(&l);
}

static void misuse_cl_downgrade_not_writer(struct kunit *test)
{
	lock_data_t l;
	unsigned long n;

	lock_init(&l, TRUE);
	lock_read(&l);
	n = bsd_lockdebug_count();
	lock_write_to_read(&l);
	EXPECT_REPORT(test, n,
		      CL_ERR "lock_write_to_read: not held for write by the caller",
		      "lock \"l\"");
	lock_done(&l);
	KUNIT_EXPECT_FALSE(test, lock_islocked(&l));
	lock_terminate(&l);
}

static struct kunit_case tru64_complex_lock_cases[] = {
	KUNIT_CASE(cl_try_results),
	KUNIT_CASE(cl_readers_share_while_sleeping),
	KUNIT_CASE(cl_writers_exclude),
	KUNIT_CASE(cl_spinning_waiters_exclude),
	KUNIT_CASE(cl_read_to_write_success),
	KUNIT_CASE(cl_read_to_write_failure),
	KUNIT_CASE(cl_try_read_to_write),
	KUNIT_CASE(cl_write_to_read),
	KUNIT_CASE(cl_recursion),
	KUNIT_CASE(cl_free_after_done),
	KUNIT_CASE(cl_wait_drops_ipl),
	KUNIT_CASE(cl_wait_drops_kernel_lock),
	KUNIT_CASE(cl_lockdep_classes),
	KUNIT_CASE(cl_uncontended_cost),
	KUNIT_CASE(misuse_cl_with_simple_lock),
	KUNIT_CASE(misuse_cl_from_interrupt),
	KUNIT_CASE(misuse_cl_try_from_interrupt),
	KUNIT_CASE(misuse_cl_write_by_holder),
	KUNIT_CASE(misuse_cl_done_unheld),
	KUNIT_CASE(misuse_cl_done_by_other_thread),
	KUNIT_CASE(misuse_cl_terminate_held),
	KUNIT_CASE(misuse_cl_uninitialised_and_terminated),
	KUNIT_CASE(misuse_cl_set_recursive_without_write),
	KUNIT_CASE(misuse_cl_clear_recursive_wrong_thread),
	KUNIT_CASE(misuse_cl_upgrade_without_read),
	KUNIT_CASE(misuse_cl_downgrade_not_writer),
	{}
};

static struct kunit_suite tru64_complex_lock_suite = {
	.name = "tru64_complex_lock",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = tru64_complex_lock_cases,
};
kunit_test_suite(tru64_complex_lock_suite);
