// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * KUnit: NetBSD rwlock(9). Each case checks one rule of <sys/rwlock.h>:
 * readers share and writers exclude, the held predicates, the atomic
 * upgrade and downgrade, writers not starved by a stream of readers, the
 * exit use-after-free of spl#421 / zfs#6401 for both kinds of hold, the
 * IPL given back after a sleep, and every misuse report.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/irqflags.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/lockdep.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <sys/intr.h>
#include <sys/mutex.h>
#include <sys/rwlock.h>
#include <bsdcompat/lockdebug.h>

#include "kunit_helpers.h"

/* The start of every rwlock report. */
#define RW_ERR	"Reader / writer lock error: "

/* ---------------------------------------------------------------------- */
/* Other threads: a holder, a one-time try, a waiter                       */

struct holder {
	krwlock_t		*rw;
	krw_t			op;
	struct completion	held;
	struct completion	release;
	struct completion	done;
	int			read_held_in_holder;
	int			write_held_in_holder;
	unsigned int		hold_ms;	/* keep holding after release */
	bool			releasing;	/* set just before rw_exit */
};

static int holder_fn(void *arg)
{
	struct holder *h = arg;

	rw_enter(h->rw, h->op);
	h->read_held_in_holder = rw_read_held(h->rw);
	h->write_held_in_holder = rw_write_held(h->rw);
	complete(&h->held);
	wait_for_completion(&h->release);
	if (h->hold_ms)
		msleep(h->hold_ms);
	WRITE_ONCE(h->releasing, true);
	rw_exit(h->rw);
	complete(&h->done);
	return 0;
}

/* Start a thread that holds @rw for @op; returns once it holds it. */
static void holder_start(struct kunit *test, struct holder *h, krwlock_t *rw,
			 krw_t op)
{
	h->rw = rw;
	h->op = op;
	h->releasing = false;
	init_completion(&h->held);
	init_completion(&h->release);
	init_completion(&h->done);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(holder_fn, h, "krw-holder")));
	wait_for_completion(&h->held);
}

static void holder_stop(struct holder *h)
{
	complete(&h->release);
	wait_for_completion(&h->done);
}

struct try_thread {
	krwlock_t		*rw;
	krw_t			op;
	int			got;
	struct completion	done;
};

static int try_fn(void *arg)
{
	struct try_thread *tt = arg;

	tt->got = rw_tryenter(tt->rw, tt->op);
	if (tt->got)
		rw_exit(tt->rw);
	complete(&tt->done);
	return 0;
}

/*
 * rw_tryenter() by another thread, which lets go at once if it got the
 * lock: what the lock looks like from outside the calling thread.
 */
static int try_in_thread(struct kunit *test, krwlock_t *rw, krw_t op)
{
	struct try_thread tt = { .rw = rw, .op = op };

	init_completion(&tt.done);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(try_fn, &tt, "krw-try")));
	wait_for_completion(&tt.done);
	return tt.got;
}

struct waiter {
	krwlock_t		rw;		/* the lock it waits for */
	krw_t			op;
	bool			inside;		/* set once it holds the lock */
	struct completion	started;
	struct completion	in;
	struct completion	done;
};

static int waiter_fn(void *arg)
{
	struct waiter *w = arg;

	complete(&w->started);
	rw_enter(&w->rw, w->op);
	WRITE_ONCE(w->inside, true);
	complete(&w->in);
	rw_exit(&w->rw);
	complete(&w->done);
	return 0;
}

/*
 * Start a thread that blocks in rw_enter(&w->rw, @op) behind the caller's
 * hold. The sleep only lets it get there and queue (on one CPU it runs
 * only while we sleep); nothing is asserted about time.
 */
static void waiter_start(struct kunit *test, struct waiter *w, krw_t op)
{
	w->op = op;
	w->inside = false;
	init_completion(&w->started);
	init_completion(&w->in);
	init_completion(&w->done);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(waiter_fn, w, "krw-waiter")));
	wait_for_completion(&w->started);
	msleep(50);
}

/*
 * Wait for a waiter to get in and leave, and free it. A waiter whose wakeup
 * was lost sleeps for ever: then fail, and leak it (it is on the heap for
 * that) instead of hanging the suite. Working wakeups never reach the bound.
 */
static void waiter_finish(struct kunit *test, struct waiter *w)
{
	if (!wait_for_completion_timeout(&w->done, 10 * HZ)) {
		KUNIT_FAIL(test, "a thread waiting in rw_enter() was never woken");
		return;
	}
	KUNIT_EXPECT_TRUE(test, w->inside);
	KUNIT_EXPECT_FALSE(test, rw_lock_held(&w->rw));
	rw_destroy(&w->rw);
	kfree(w);
}

/* ---------------------------------------------------------------------- */
/* Semantics                                                               */

/* Many readers: a second reader gets in, a writer does not. */
static void rw_readers_share(struct kunit *test)
{
	struct holder h = {};
	krwlock_t rw;

	rw_init(&rw);
	holder_start(test, &h, &rw, RW_READER);
	KUNIT_EXPECT_TRUE(test, h.read_held_in_holder);
	KUNIT_EXPECT_FALSE(test, h.write_held_in_holder);

	KUNIT_EXPECT_EQ(test, rw_tryenter(&rw, RW_WRITER), 0);
	KUNIT_EXPECT_NE(test, rw_tryenter(&rw, RW_READER), 0);
	KUNIT_EXPECT_TRUE(test, rw_read_held(&rw));
	KUNIT_EXPECT_FALSE(test, rw_write_held(&rw));
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &rw, RW_WRITER), 0);
	KUNIT_EXPECT_NE(test, try_in_thread(test, &rw, RW_READER), 0);
	rw_exit(&rw);

	/* Our hold is gone, the holder's is not. */
	KUNIT_EXPECT_TRUE(test, rw_read_held(&rw));
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &rw, RW_WRITER), 0);
	holder_stop(&h);
	KUNIT_EXPECT_FALSE(test, rw_read_held(&rw));
	KUNIT_EXPECT_NE(test, try_in_thread(test, &rw, RW_WRITER), 0);
	rw_destroy(&rw);
}

/* One writer: neither a reader nor a writer gets in; the hold is the holder's. */
static void rw_writer_excludes(struct kunit *test)
{
	struct holder h = {};
	krwlock_t rw;

	rw_init(&rw);
	holder_start(test, &h, &rw, RW_WRITER);
	KUNIT_EXPECT_TRUE(test, h.write_held_in_holder);
	KUNIT_EXPECT_FALSE(test, h.read_held_in_holder);

	KUNIT_EXPECT_EQ(test, rw_tryenter(&rw, RW_READER), 0);
	KUNIT_EXPECT_EQ(test, rw_tryenter(&rw, RW_WRITER), 0);
	KUNIT_EXPECT_FALSE(test, rw_write_held(&rw));	/* not by us */
	KUNIT_EXPECT_FALSE(test, rw_read_held(&rw));
	KUNIT_EXPECT_FALSE(test, rw_lock_held(&rw));
	holder_stop(&h);

	KUNIT_EXPECT_NE(test, rw_tryenter(&rw, RW_READER), 0);
	KUNIT_EXPECT_TRUE(test, rw_read_held(&rw));
	rw_exit(&rw);
	KUNIT_EXPECT_NE(test, rw_tryenter(&rw, RW_WRITER), 0);
	KUNIT_EXPECT_TRUE(test, rw_write_held(&rw));
	rw_exit(&rw);
	KUNIT_EXPECT_FALSE(test, rw_lock_held(&rw));
	rw_destroy(&rw);
}

static void rw_held_predicates_and_lock_op(struct kunit *test)
{
	krwlock_t rw;

	rw_init(&rw);
	KUNIT_EXPECT_FALSE(test, rw_write_held(&rw));
	KUNIT_EXPECT_FALSE(test, rw_read_held(&rw));
	KUNIT_EXPECT_FALSE(test, rw_lock_held(&rw));

	rw_enter(&rw, RW_WRITER);
	KUNIT_EXPECT_TRUE(test, rw_write_held(&rw));
	KUNIT_EXPECT_FALSE(test, rw_read_held(&rw));
	KUNIT_EXPECT_TRUE(test, rw_lock_held(&rw));
	KUNIT_EXPECT_EQ(test, rw_lock_op(&rw), RW_WRITER);
	rw_exit(&rw);
	KUNIT_EXPECT_FALSE(test, rw_write_held(&rw));
	KUNIT_EXPECT_FALSE(test, rw_read_held(&rw));
	KUNIT_EXPECT_FALSE(test, rw_lock_held(&rw));

	rw_enter(&rw, RW_READER);
	KUNIT_EXPECT_TRUE(test, rw_read_held(&rw));
	KUNIT_EXPECT_FALSE(test, rw_write_held(&rw));
	KUNIT_EXPECT_TRUE(test, rw_lock_held(&rw));
	KUNIT_EXPECT_EQ(test, rw_lock_op(&rw), RW_READER);
	rw_exit(&rw);
	KUNIT_EXPECT_FALSE(test, rw_write_held(&rw));
	KUNIT_EXPECT_FALSE(test, rw_read_held(&rw));
	KUNIT_EXPECT_FALSE(test, rw_lock_held(&rw));
	rw_destroy(&rw);
}

/* After rw_downgrade() the caller is a reader: readers get in, writers don't. */
static void rw_downgrade_lets_readers_in(struct kunit *test)
{
	krwlock_t rw;

	rw_init(&rw);
	rw_enter(&rw, RW_WRITER);
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &rw, RW_READER), 0);
	rw_downgrade(&rw);
	KUNIT_EXPECT_TRUE(test, rw_read_held(&rw));
	KUNIT_EXPECT_FALSE(test, rw_write_held(&rw));
	KUNIT_EXPECT_TRUE(test, rw_lock_held(&rw));
	KUNIT_EXPECT_EQ(test, rw_lock_op(&rw), RW_READER);
	KUNIT_EXPECT_NE(test, try_in_thread(test, &rw, RW_READER), 0);
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &rw, RW_WRITER), 0);
	rw_exit(&rw);
	KUNIT_EXPECT_FALSE(test, rw_lock_held(&rw));
	KUNIT_EXPECT_NE(test, try_in_thread(test, &rw, RW_WRITER), 0);
	rw_destroy(&rw);
}

/*
 * A reader that waits behind a write hold gets in when the writer
 * downgrades, while the old writer still holds it for read: the downgrade
 * must wake it. (The bound only turns a lost wakeup into a failure
 * instead of a hang.)
 */
static void rw_downgrade_wakes_waiting_reader(struct kunit *test)
{
	struct waiter *w = kzalloc(sizeof(*w), GFP_KERNEL);
	unsigned long left;

	KUNIT_ASSERT_NOT_NULL(test, w);
	rw_init(&w->rw);
	rw_enter(&w->rw, RW_WRITER);
	waiter_start(test, w, RW_READER);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(w->inside));
	rw_downgrade(&w->rw);
	left = wait_for_completion_timeout(&w->in, 10 * HZ);
	KUNIT_EXPECT_NE_MSG(test, left, 0UL,
			    "the waiting reader was not woken by rw_downgrade");
	KUNIT_EXPECT_TRUE(test, rw_read_held(&w->rw));
	KUNIT_EXPECT_FALSE(test, rw_write_held(&w->rw));
	rw_exit(&w->rw);
	waiter_finish(test, w);
}

/* The only reader upgrades; one rw_exit() then releases the write hold. */
static void rw_tryupgrade_one_reader(struct kunit *test)
{
	krwlock_t rw;

	rw_init(&rw);
	rw_enter(&rw, RW_READER);
	KUNIT_ASSERT_NE(test, rw_tryupgrade(&rw), 0);
	KUNIT_EXPECT_TRUE(test, rw_write_held(&rw));
	KUNIT_EXPECT_FALSE(test, rw_read_held(&rw));
	KUNIT_EXPECT_EQ(test, rw_lock_op(&rw), RW_WRITER);
	/* Really held for write, and no read hold left behind. */
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &rw, RW_READER), 0);
	rw_exit(&rw);
	KUNIT_EXPECT_FALSE(test, rw_write_held(&rw));
	KUNIT_EXPECT_FALSE(test, rw_lock_held(&rw));
	KUNIT_EXPECT_NE(test, try_in_thread(test, &rw, RW_WRITER), 0);
	rw_destroy(&rw);
}

/* With another reader, the upgrade fails and leaves the caller a reader. */
static void rw_tryupgrade_two_readers(struct kunit *test)
{
	struct holder h = {};
	krwlock_t rw;
	int got;

	rw_init(&rw);
	holder_start(test, &h, &rw, RW_READER);
	got = rw_tryenter(&rw, RW_READER);
	KUNIT_EXPECT_NE(test, got, 0);
	if (!got) {
		holder_stop(&h);
		return;
	}
	KUNIT_EXPECT_EQ(test, rw_tryupgrade(&rw), 0);
	KUNIT_EXPECT_TRUE(test, rw_read_held(&rw));
	KUNIT_EXPECT_FALSE(test, rw_write_held(&rw));
	KUNIT_EXPECT_EQ(test, rw_lock_op(&rw), RW_READER);
	rw_exit(&rw);
	/* Exactly one read hold, the holder's, is left. */
	KUNIT_EXPECT_TRUE(test, rw_read_held(&rw));
	KUNIT_EXPECT_EQ(test, try_in_thread(test, &rw, RW_WRITER), 0);
	holder_stop(&h);
	KUNIT_EXPECT_FALSE(test, rw_lock_held(&rw));
	KUNIT_EXPECT_NE(test, try_in_thread(test, &rw, RW_WRITER), 0);
	rw_destroy(&rw);
}

/*
 * A sole reader upgrades even with a writer queued, and the queued writer
 * does not slip in between the read hold and the write hold: the upgrade
 * is one atomic step, not rw_exit() then rw_enter().
 */
static void rw_tryupgrade_no_writer_window(struct kunit *test)
{
	struct waiter *w = kzalloc(sizeof(*w), GFP_KERNEL);
	int up;

	KUNIT_ASSERT_NOT_NULL(test, w);
	rw_init(&w->rw);
	rw_enter(&w->rw, RW_READER);
	waiter_start(test, w, RW_WRITER);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(w->inside));

	up = rw_tryupgrade(&w->rw);
	KUNIT_EXPECT_NE(test, up, 0);
	if (up) {
		KUNIT_EXPECT_TRUE(test, rw_write_held(&w->rw));
		msleep(20);	/* give the writer every chance to get in wrongly */
		KUNIT_EXPECT_FALSE(test, READ_ONCE(w->inside));
	}
	rw_exit(&w->rw);
	waiter_finish(test, w);
}

/*
 * Writers are not starved: three readers hold the lock in turns that
 * overlap (they sleep while holding), so it is never free of readers; a
 * writer that waits must still get in while they keep coming. Each reader
 * stops after a budget of turns, so that a starved writer fails the test
 * instead of hanging it.
 */
#define STARVE_READERS	3
#define STARVE_BUDGET	200000

struct starve {
	krwlock_t		rw;
	bool			stop;
	bool			overlapped;	/* two readers held it at once */
	atomic_t		inside;		/* readers holding it now */
	atomic_t		finished;	/* readers out of budget */
	atomic_long_t		turns;
	/* what the writer saw */
	long			turns_before;
	bool			readers_running;
	int			readers_inside;
};

static void starve_writer(struct starve *st)
{
	msleep(20);	/* let the readers' turns overlap */
	st->turns_before = atomic_long_read(&st->turns);

	rw_enter(&st->rw, RW_WRITER);
	st->readers_running = atomic_read(&st->finished) == 0;
	st->readers_inside = atomic_read(&st->inside);
	rw_exit(&st->rw);

	WRITE_ONCE(st->stop, true);
}

/* Threads 0 to STARVE_READERS - 1 read; the last one is the writer. */
static void starve_fn(void *arg, unsigned int id)
{
	struct starve *st = arg;
	int i;

	if (id == STARVE_READERS) {
		starve_writer(st);
		return;
	}
	for (i = 0; i < STARVE_BUDGET && !READ_ONCE(st->stop); i++) {
		rw_enter(&st->rw, RW_READER);
		if (atomic_inc_return(&st->inside) > 1)
			WRITE_ONCE(st->overlapped, true);
		atomic_long_inc(&st->turns);
		usleep_range(50, 100);
		atomic_dec(&st->inside);
		rw_exit(&st->rw);
	}
	if (i == STARVE_BUDGET)
		atomic_inc(&st->finished);
}

static void rw_writer_not_starved(struct kunit *test)
{
	struct starve *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, st);
	rw_init(&st->rw);
	bsd_kunit_run_threads(test, STARVE_READERS + 1, starve_fn, st,
			      "krw-starve", false);

	/* The case means something only if readers held it, overlapping. */
	KUNIT_EXPECT_GT(test, st->turns_before, 0L);
	KUNIT_EXPECT_TRUE(test, st->overlapped);
	KUNIT_EXPECT_TRUE_MSG(test, st->readers_running,
			      "the writer got in only when the readers ran out of turns");
	KUNIT_EXPECT_EQ(test, st->readers_inside, 0);
	kunit_info(test, "%ld reader turns before the writer, %ld in all\n",
		   st->turns_before, atomic_long_read(&st->turns));
	rw_destroy(&st->rw);
}

/*
 * Writers do read, sleep, write under RW_WRITER: no update may be lost.
 * Readers check a pair the writers update one half at a time, with a
 * sleep between: under RW_READER they must never see it torn.
 */
#define LOST_WRITERS	4
#define LOST_READERS	2
#define LOST_LOOPS	50
#define LOST_READ_BUDGET 100000	/* per reader; bounds a starved writer */

struct lost {
	krwlock_t		rw;
	unsigned long		counter;
	unsigned long		a, b;
	atomic_t		writers;	/* writers still running */
	atomic_long_t		torn;
	atomic_long_t		reads;
};

static void lost_writer(struct lost *l)
{
	unsigned long v;
	int i;

	for (i = 0; i < LOST_LOOPS; i++) {
		rw_enter(&l->rw, RW_WRITER);
		v = l->counter;
		WRITE_ONCE(l->a, l->a + 1);
		usleep_range(10, 30);
		l->counter = v + 1;
		WRITE_ONCE(l->b, l->b + 1);
		rw_exit(&l->rw);
		usleep_range(500, 1000);	/* room for the readers */
	}
	atomic_dec(&l->writers);
}

static void lost_reader(struct lost *l)
{
	unsigned long a;
	int i;

	for (i = 0; i < LOST_READ_BUDGET && atomic_read(&l->writers); i++) {
		rw_enter(&l->rw, RW_READER);
		a = READ_ONCE(l->a);
		usleep_range(10, 50);	/* a writer must not get in now */
		if (a != READ_ONCE(l->b) || a != READ_ONCE(l->a))
			atomic_long_inc(&l->torn);
		atomic_long_inc(&l->reads);
		rw_exit(&l->rw);
		usleep_range(10, 50);
	}
}

/* Threads 0 to LOST_WRITERS - 1 write; the others read. */
static void lost_fn(void *arg, unsigned int id)
{
	if (id < LOST_WRITERS)
		lost_writer(arg);
	else
		lost_reader(arg);
}

static void rw_no_lost_update(struct kunit *test)
{
	struct lost *l = kunit_kzalloc(test, sizeof(*l), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, l);
	rw_init(&l->rw);
	atomic_set(&l->writers, LOST_WRITERS);
	bsd_kunit_run_threads(test, LOST_WRITERS + LOST_READERS, lost_fn, l,
			      "krw-lost", false);
	KUNIT_EXPECT_EQ(test, l->counter,
			(unsigned long)LOST_WRITERS * LOST_LOOPS);
	KUNIT_EXPECT_EQ(test, l->a, (unsigned long)LOST_WRITERS * LOST_LOOPS);
	KUNIT_EXPECT_EQ(test, l->b, l->a);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&l->torn), 0L);
	KUNIT_EXPECT_GT(test, atomic_long_read(&l->reads), 0L);
	kunit_info(test, "%ld reads beside %d writes\n",
		   atomic_long_read(&l->reads), LOST_WRITERS * LOST_LOOPS);
	rw_destroy(&l->rw);
}

/*
 * Free under own lock (spl#421, zfs#6401), for both kinds of hold. Every
 * thread drops its reference to each object under the object's own lock:
 * - even objects under RW_WRITER; the thread that drops the last reference
 *   frees the object right after its rw_exit();
 * - odd objects under RW_READER, several threads at once; the thread that
 *   drops the last one waits for the other readers' rw_exit() by taking
 *   the lock for write, then frees the object.
 * An rw_exit() that touched the lock after releasing it would write to
 * freed memory (KASAN and slab poisoning report it). That shows only if
 * the freeing thread is running when the lock is released, so on half of
 * the objects the threads arrive together, busy-wait while holding and
 * poll with rw_tryenter() while waiting (on SMP the last one takes the
 * lock the moment it is released); on the other half they sleep in both
 * (the others queue and are woken).
 */
#define FREE_THREADS	4
#define FREE_OBJECTS	128

struct robj {
	krwlock_t	lock;
	atomic_t	refs;
	atomic_t	arrived;
};

static void robj_init(void *obj)
{
	struct robj *o = obj;

	rw_init(&o->lock);
	atomic_set(&o->refs, FREE_THREADS);
}

static void free_enter(struct bsd_kunit_free_test *ft, krwlock_t *rw, krw_t op,
		       bool sleepy)
{
	if (rw_tryenter(rw, op))
		return;
	atomic_inc(&ft->contended);
	if (sleepy) {
		rw_enter(rw, op);
		return;
	}
	while (!rw_tryenter(rw, op))
		cond_resched();
}

static void free_fn(void *arg, unsigned int id)
{
	struct bsd_kunit_free_test *ft = arg;
	int i;

	for (i = 0; i < FREE_OBJECTS; i++) {
		struct robj *o = ft->objs[i];
		krw_t op = (i & 1) ? RW_READER : RW_WRITER;
		bool sleepy = i & 2;
		bool last;

		if (!sleepy) {
			atomic_inc(&o->arrived);
			while (atomic_read(&o->arrived) < FREE_THREADS)
				cond_resched();
		}
		free_enter(ft, &o->lock, op, sleepy);
		last = atomic_dec_and_test(&o->refs);
		if (!last && sleepy)
			usleep_range(5, 20);	/* make the others queue */
		else if (!last)
			udelay(20);
		rw_exit(&o->lock);
		if (!last)
			continue;
		if (op == RW_READER) {
			/* The others may still be in their rw_exit(). */
			free_enter(ft, &o->lock, RW_WRITER, sleepy);
			rw_exit(&o->lock);
		}
		rw_destroy(&o->lock);
		kfree(o);
		atomic_inc(&ft->freed);
	}
}

static void rw_free_under_own_lock(struct kunit *test)
{
	bsd_kunit_free_under_own_lock(test, FREE_OBJECTS, sizeof(struct robj),
				      robj_init, FREE_THREADS, free_fn,
				      "krw-free");
}

/* A thread that sleeps in rw_enter() at a raised IPL gets its IPL back. */
static void rw_sleep_restores_ipl(struct kunit *test)
{
	static const int ipls[] = { IPL_SOFTNET, IPL_VM };
	static const krw_t ops[] = { RW_READER, RW_WRITER };
	struct holder h = {};
	krwlock_t rw;
	int i, j, s;

	rw_init(&rw);
	for (i = 0; i < ARRAY_SIZE(ipls); i++) {
		for (j = 0; j < ARRAY_SIZE(ops); j++) {
			h.hold_ms = 20;
			holder_start(test, &h, &rw, RW_WRITER);
			s = splraise(ipls[i]);
			/* The holder lets go 20 ms from now, while we sleep. */
			complete(&h.release);
			rw_enter(&rw, ops[j]);
			KUNIT_EXPECT_TRUE(test, READ_ONCE(h.releasing));
			KUNIT_EXPECT_EQ(test, bsd_curipl(), ipls[i]);
			KUNIT_EXPECT_EQ(test, !!irqs_disabled(), ipls[i] >= IPL_VM);
			KUNIT_EXPECT_TRUE(test, in_softirq() || irqs_disabled());
			if (ops[j] == RW_WRITER)
				KUNIT_EXPECT_TRUE(test, rw_write_held(&rw));
			else
				KUNIT_EXPECT_TRUE(test, rw_read_held(&rw));
			rw_exit(&rw);
			splx(s);
			KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_NONE);
			KUNIT_EXPECT_FALSE(test, irqs_disabled());
			KUNIT_EXPECT_FALSE(test, in_softirq());
			wait_for_completion(&h.done);
		}
	}
	rw_destroy(&rw);
}

static void rw_obj_refcount(struct kunit *test)
{
	krwlock_t *rw = rw_obj_alloc();

	KUNIT_ASSERT_NOT_NULL(test, rw);
	KUNIT_EXPECT_EQ(test, rw_obj_refcnt(rw), 1U);
	rw_obj_hold(rw);
	KUNIT_EXPECT_EQ(test, rw_obj_refcnt(rw), 2U);
	rw_enter(rw, RW_WRITER);
	KUNIT_EXPECT_TRUE(test, rw_write_held(rw));
	rw_exit(rw);
	KUNIT_EXPECT_FALSE(test, rw_obj_free(rw));
	KUNIT_EXPECT_EQ(test, rw_obj_refcnt(rw), 1U);
	KUNIT_EXPECT_TRUE(test, rw_obj_free(rw));

	rw = rw_obj_tryalloc();
	KUNIT_ASSERT_NOT_NULL(test, rw);
	KUNIT_EXPECT_EQ(test, rw_obj_refcnt(rw), 1U);
	rw_enter(rw, RW_READER);
	KUNIT_EXPECT_TRUE(test, rw_read_held(rw));
	rw_exit(rw);
	KUNIT_EXPECT_TRUE(test, rw_obj_free(rw));
}

static noinline void init_rw_at_site_a(krwlock_t *rw)
{
	rw_init(rw);
}

/* One lockdep class per rw_init() call site, named after the lock. */
static void rw_lockdep_class_per_site(struct kunit *test)
{
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	krwlock_t a1, a2, rw;

	init_rw_at_site_a(&a1);
	init_rw_at_site_a(&a2);
	rw_init(&rw);

	KUNIT_EXPECT_PTR_EQ(test, a1.rw_dep_map.key, a2.rw_dep_map.key);
	KUNIT_EXPECT_PTR_NE(test, a1.rw_dep_map.key, rw.rw_dep_map.key);
	KUNIT_EXPECT_STREQ(test, rw.rw_dep_map.name, "rw");
	KUNIT_EXPECT_STREQ(test, a1.rw_dep_map.name, "rw");

	rw_enter(&rw, RW_WRITER);
	KUNIT_EXPECT_TRUE(test, lock_is_held(&rw.rw_dep_map));
	rw_exit(&rw);
	KUNIT_EXPECT_FALSE(test, lock_is_held(&rw.rw_dep_map));

	rw_enter(&rw, RW_READER);
	KUNIT_EXPECT_TRUE(test, lock_is_held(&rw.rw_dep_map));
	rw_exit(&rw);
	KUNIT_EXPECT_FALSE(test, lock_is_held(&rw.rw_dep_map));

	/* Two classes nest without a report; lockdep sees both held. */
	rw_enter(&a1, RW_WRITER);
	rw_enter(&rw, RW_READER);
	KUNIT_EXPECT_TRUE(test, lock_is_held(&a1.rw_dep_map));
	KUNIT_EXPECT_TRUE(test, lock_is_held(&rw.rw_dep_map));
	rw_exit(&rw);
	rw_exit(&a1);
	KUNIT_EXPECT_FALSE(test, lock_is_held(&a1.rw_dep_map));
	KUNIT_EXPECT_FALSE(test, lock_is_held(&rw.rw_dep_map));

	rw_destroy(&a1);
	rw_destroy(&a2);
	rw_destroy(&rw);
#else
	kunit_skip(test, "lockdep is not configured");
#endif
}

/* ---------------------------------------------------------------------- */
/* Misuse: one report each, naming the lock, the operation and the caller   */

static void misuse_rw_exit_unheld(struct kunit *test)
{
	krwlock_t rw;
	unsigned long n;

	rw_init(&rw);
	n = bsd_lockdebug_count();
	rw_exit(&rw);
	EXPECT_REPORT(test, n, RW_ERR "rw_exit: not locked", "lock \"rw\"");
	/* Refused: the lock is still free. */
	KUNIT_EXPECT_FALSE(test, rw_lock_held(&rw));
	KUNIT_EXPECT_NE(test, try_in_thread(test, &rw, RW_WRITER), 0);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);
	rw_destroy(&rw);
}

static void misuse_rw_exit_by_non_owner(struct kunit *test)
{
	struct holder h = {};
	krwlock_t rw;
	unsigned long n;

	rw_init(&rw);
	holder_start(test, &h, &rw, RW_WRITER);
	n = bsd_lockdebug_count();
	rw_exit(&rw);
	EXPECT_REPORT(test, n, RW_ERR "rw_exit: not held by current LWP",
		      "lock \"rw\"");
	/* Refused: the holder still holds it for write. */
	KUNIT_EXPECT_EQ(test, rw_tryenter(&rw, RW_READER), 0);
	KUNIT_EXPECT_FALSE(test, rw_write_held(&rw));
	holder_stop(&h);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);
	KUNIT_EXPECT_NE(test, try_in_thread(test, &rw, RW_WRITER), 0);
	rw_destroy(&rw);
}

static void misuse_rw_recursive_write(struct kunit *test)
{
	krwlock_t rw;
	unsigned long n;

	rw_init(&rw);
	rw_enter(&rw, RW_WRITER);
	n = bsd_lockdebug_count();
	rw_enter(&rw, RW_WRITER);
	EXPECT_REPORT(test, n, RW_ERR "rw_enter: locking against myself",
		      "lock \"rw\"");
	KUNIT_EXPECT_TRUE(test, rw_write_held(&rw));

	n = bsd_lockdebug_count();
	rw_enter(&rw, RW_READER);
	EXPECT_REPORT(test, n, RW_ERR "rw_enter: locking against myself",
		      "lock \"rw\"");
	KUNIT_EXPECT_TRUE(test, rw_write_held(&rw));
	KUNIT_EXPECT_FALSE(test, rw_read_held(&rw));

	/* Both refused: one rw_exit() frees it. */
	rw_exit(&rw);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);
	KUNIT_EXPECT_FALSE(test, rw_lock_held(&rw));
	KUNIT_EXPECT_NE(test, try_in_thread(test, &rw, RW_WRITER), 0);
	rw_destroy(&rw);
}

static void misuse_rw_downgrade_by_reader(struct kunit *test)
{
	krwlock_t rw;
	unsigned long n;

	rw_init(&rw);
	rw_enter(&rw, RW_READER);
	n = bsd_lockdebug_count();
	rw_downgrade(&rw);
	EXPECT_REPORT(test, n,
		      RW_ERR "rw_downgrade: not held for write by current LWP",
		      "lock \"rw\"");
	/* Still exactly one read hold. */
	KUNIT_EXPECT_TRUE(test, rw_read_held(&rw));
	KUNIT_EXPECT_FALSE(test, rw_write_held(&rw));
	rw_exit(&rw);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);
	KUNIT_EXPECT_FALSE(test, rw_lock_held(&rw));
	KUNIT_EXPECT_NE(test, try_in_thread(test, &rw, RW_WRITER), 0);
	rw_destroy(&rw);
}

static void misuse_rw_tryupgrade_not_reader(struct kunit *test)
{
	krwlock_t rw;
	unsigned long n;

	rw_init(&rw);
	n = bsd_lockdebug_count();
	KUNIT_EXPECT_EQ(test, rw_tryupgrade(&rw), 0);
	EXPECT_REPORT(test, n, RW_ERR "rw_tryupgrade: not held for read",
		      "lock \"rw\"");
	KUNIT_EXPECT_FALSE(test, rw_write_held(&rw));
	KUNIT_EXPECT_FALSE(test, rw_lock_held(&rw));
	KUNIT_EXPECT_NE(test, try_in_thread(test, &rw, RW_WRITER), 0);
	rw_destroy(&rw);
}

static void misuse_rw_destroy_held(struct kunit *test)
{
	krwlock_t rw;
	unsigned long n;

	rw_init(&rw);
	rw_enter(&rw, RW_WRITER);
	n = bsd_lockdebug_count();
	rw_destroy(&rw);
	EXPECT_REPORT(test, n, RW_ERR "rw_destroy: is locked or in use",
		      "lock \"rw\"");
	/* Refused: the holder can still release it, without a report. */
	KUNIT_EXPECT_TRUE(test, rw_write_held(&rw));
	rw_exit(&rw);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);

	/* The same with a read hold. */
	rw_enter(&rw, RW_READER);
	n = bsd_lockdebug_count();
	rw_destroy(&rw);
	EXPECT_REPORT(test, n, RW_ERR "rw_destroy: is locked or in use",
		      "lock \"rw\"");
	KUNIT_EXPECT_TRUE(test, rw_read_held(&rw));
	rw_exit(&rw);
	rw_destroy(&rw);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);
}

static void misuse_rw_uninitialized_and_destroyed(struct kunit *test)
{
	krwlock_t rw;
	unsigned long n;

	memset(&rw, 0, sizeof(rw));
	n = bsd_lockdebug_count();
	rw_enter(&rw, RW_WRITER);
	EXPECT_REPORT(test, n, RW_ERR "rw_enter: uninitialized lock", "caller ");
	KUNIT_EXPECT_EQ(test, atomic_long_read(&rw.rw_owner), 0L);

	rw_init(&rw);
	n = bsd_lockdebug_count();
	rw_init(&rw);
	EXPECT_REPORT(test, n, RW_ERR "rw_init: already initialized",
		      "lock \"rw\"");

	rw_destroy(&rw);
	n = bsd_lockdebug_count();
	rw_enter(&rw, RW_READER);
	EXPECT_REPORT(test, n, RW_ERR "rw_enter: destroyed lock", "lock \"rw\"");
	KUNIT_EXPECT_EQ(test, atomic_long_read(&rw.rw_owner), 0L);
}

/*
 * rw_enter() from a hard interrupt handler: reported, and (the lock being
 * free) taken and released all the same.
 */
struct irq_rw {
	krwlock_t		rw;
	struct hrtimer		timer;
	int			held;
	struct completion	done;
};

static enum hrtimer_restart irq_rw_timer(struct hrtimer *t)
{
	struct irq_rw *ie = container_of(t, struct irq_rw, timer);

	rw_enter(&ie->rw, RW_READER);
	ie->held = rw_read_held(&ie->rw);
	rw_exit(&ie->rw);
	complete(&ie->done);
	return HRTIMER_NORESTART;
}

static void misuse_rw_from_interrupt(struct kunit *test)
{
	struct irq_rw *ie = kunit_kzalloc(test, sizeof(*ie), GFP_KERNEL);
	unsigned long n;

	KUNIT_ASSERT_NOT_NULL(test, ie);
	rw_init(&ie->rw);
	init_completion(&ie->done);
	hrtimer_init(&ie->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	ie->timer.function = irq_rw_timer;
	n = bsd_lockdebug_count();
	hrtimer_start(&ie->timer, ns_to_ktime(NSEC_PER_MSEC),
		      HRTIMER_MODE_REL_HARD);
	wait_for_completion(&ie->done);
	EXPECT_REPORT(test, n,
		      RW_ERR "rw_enter: acquiring sleep lock from interrupt context",
		      "lock \"ie->rw\"");
	KUNIT_EXPECT_TRUE(test, ie->held);
	KUNIT_EXPECT_FALSE(test, rw_lock_held(&ie->rw));
	KUNIT_EXPECT_NE(test, try_in_thread(test, &ie->rw, RW_WRITER), 0);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);
	rw_destroy(&ie->rw);
}

static void misuse_rw_with_spin_mutex_held(struct kunit *test)
{
	kmutex_t spin;
	krwlock_t rw;
	unsigned long n;

	mutex_init(&spin, MUTEX_DEFAULT, IPL_VM);
	rw_init(&rw);
	mutex_enter(&spin);
	n = bsd_lockdebug_count();
	rw_enter(&rw, RW_WRITER);
	EXPECT_REPORT(test, n,
		      RW_ERR "rw_enter: acquiring sleep lock with spin mutex held",
		      "lock \"rw\"");
	KUNIT_EXPECT_TRUE(test, rw_write_held(&rw));
	rw_exit(&rw);
	mutex_exit(&spin);
	KUNIT_EXPECT_EQ(test, bsd_lockdebug_count(), n + 1);
	KUNIT_EXPECT_FALSE(test, rw_lock_held(&rw));
	KUNIT_EXPECT_EQ(test, bsd_curipl(), IPL_NONE);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	rw_destroy(&rw);
	mutex_destroy(&spin);
}

static struct kunit_case netbsd_rwlock_cases[] = {
	KUNIT_CASE(rw_readers_share),
	KUNIT_CASE(rw_writer_excludes),
	KUNIT_CASE(rw_held_predicates_and_lock_op),
	KUNIT_CASE(rw_downgrade_lets_readers_in),
	KUNIT_CASE(rw_downgrade_wakes_waiting_reader),
	KUNIT_CASE(rw_tryupgrade_one_reader),
	KUNIT_CASE(rw_tryupgrade_two_readers),
	KUNIT_CASE(rw_tryupgrade_no_writer_window),
	KUNIT_CASE(rw_writer_not_starved),
	KUNIT_CASE(rw_no_lost_update),
	KUNIT_CASE(rw_free_under_own_lock),
	KUNIT_CASE(rw_sleep_restores_ipl),
	KUNIT_CASE(rw_obj_refcount),
	KUNIT_CASE(rw_lockdep_class_per_site),
	KUNIT_CASE(misuse_rw_exit_unheld),
	KUNIT_CASE(misuse_rw_exit_by_non_owner),
	KUNIT_CASE(misuse_rw_recursive_write),
	KUNIT_CASE(misuse_rw_downgrade_by_reader),
	KUNIT_CASE(misuse_rw_tryupgrade_not_reader),
	KUNIT_CASE(misuse_rw_destroy_held),
	KUNIT_CASE(misuse_rw_uninitialized_and_destroyed),
	KUNIT_CASE(misuse_rw_from_interrupt),
	KUNIT_CASE(misuse_rw_with_spin_mutex_held),
	{}
};

static struct kunit_suite netbsd_rwlock_suite = {
	.name = "netbsd_rwlock",
	.init = bsd_kunit_init,
	.exit = bsd_kunit_exit,
	.test_cases = netbsd_rwlock_cases,
};
kunit_test_suite(netbsd_rwlock_suite);
