// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Lock statistics per lock class, like NetBSD's lockstat(8).
 *
 * The locks call the hooks of <bsdcompat/lockstat.h> next to their lockdep
 * annotations. Each hook is a static branch, off by default: until someone
 * writes "enable" to bsdcompat/lockstat in debugfs, a hook costs one jump
 * that the kernel has patched out (or one load and test where it has no
 * jump labels).
 *
 * Once on, an acquisition finds its class through the pointer cached in
 * the lock (one lookup per lock, the first time), and counts into per-CPU
 * counters: acquisitions, contended acquisitions, wait and hold time. Only
 * the maxima are shared, and they are written only when they grow. Wait
 * time runs from the failed fast attempt to the acquisition; hold time from
 * the acquisition to the release of an exclusive hold, measured by the
 * holder, which alone writes the lock's timestamp.
 *
 * Class records are made the first time a class is seen, in whatever
 * context that is: GFP_ATOMIC, and where even that may not be called (on
 * PREEMPT_RT with preemption or interrupts off, as under a spin kmutex)
 * from a small reserve filled when lockstat is enabled. When neither gives
 * a record the event is counted as dropped. Records live until the module
 * is unloaded; "clear" only zeroes them.
 *
 * A class is its init site: the lock_class_key and the name string that
 * mutex_init() and rw_init() pass. Both are compared as pointers. Without
 * lockdep the keys are empty structures and may share an address, so the
 * name pointer is what tells the sites apart there; two sites that share
 * both are one class.
 */
#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/export.h>
#include <linux/hashtable.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/rculist.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include <bsdcompat/lockstat.h>

#include "core.h"

DEFINE_STATIC_KEY_FALSE(bsd_lockstat_on);

#define LS_EXCL			0
#define LS_SHARED		1
#define LS_MODES		2

#define LS_RESERVE		32	/* records for contexts that cannot allocate */
#define LS_RESERVE_NAMELEN	96	/* their names are cut to this */

struct ls_counts {
	u64	acquired;
	u64	contended;
	u64	wait_ns;
	u64	hold_ns;
};

struct ls_cpu {
	struct ls_counts	m[LS_MODES];
};

struct bsd_lockstat_class {
	struct hlist_node		ls_hash;
	struct list_head		ls_list;	/* in order of creation */
	const struct lock_class_key	*ls_key;	/* identity only, */
	const char			*ls_name_ptr;	/* never dereferenced */
	enum bsd_lockstat_kind		ls_kind;	/* ADAPTIVE, SPIN or RW_WRITE */
	struct ls_cpu __percpu		*ls_cpu;
	atomic64_t			ls_wait_max[LS_MODES];
	atomic64_t			ls_hold_max[LS_MODES];
	char				ls_name[];	/* a copy */
};

static DEFINE_HASHTABLE(ls_table, 8);
static LIST_HEAD(ls_classes);
/* Insertions, and the reserve; taken from any context. */
static DEFINE_RAW_SPINLOCK(ls_lock);
static struct bsd_lockstat_class *ls_reserve[LS_RESERVE];
static unsigned int ls_nreserve;
/* Enable, disable, clear. */
static DEFINE_MUTEX(ls_control);
static atomic64_t ls_dropped;
/* When lockstat was last switched on: older hold timestamps are stale. */
static u64 ls_since;

/* The clock: monotonic across CPUs, any context, nanosecond resolution. */
static inline u64 ls_now(void)
{
	return ktime_get_mono_fast_ns() ? : 1;
}

static inline int ls_mode(enum bsd_lockstat_kind kind)
{
	return kind == BSD_LOCKSTAT_RW_READ ? LS_SHARED : LS_EXCL;
}

static void ls_max(atomic64_t *max, u64 v)
{
	s64 old = atomic64_read(max);

	while ((u64)old < v && !atomic64_try_cmpxchg(max, &old, v))
		;
}

static struct bsd_lockstat_class *ls_alloc(size_t namelen, gfp_t gfp)
{
	struct bsd_lockstat_class *c;

	c = kzalloc(struct_size(c, ls_name, namelen + 1), gfp | __GFP_NOWARN);
	if (!c)
		return NULL;
	c->ls_cpu = alloc_percpu_gfp(struct ls_cpu, gfp | __GFP_NOWARN);
	if (!c->ls_cpu) {
		kfree(c);
		return NULL;
	}
	return c;
}

static void ls_free(struct bsd_lockstat_class *c)
{
	free_percpu(c->ls_cpu);
	kfree(c);
}

/* May this context call the allocator at all? */
static bool ls_may_alloc(void)
{
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		return preemptible();
	return !in_nmi();
}

static unsigned long ls_hashval(const struct lock_class_key *key,
				const char *name)
{
	return (unsigned long)key ^ ((unsigned long)name >> 1);
}

static struct bsd_lockstat_class *ls_find(const struct lock_class_key *key,
					  const char *name)
{
	struct bsd_lockstat_class *c;

	hash_for_each_possible_rcu(ls_table, c, ls_hash, ls_hashval(key, name))
		if (c->ls_key == key && c->ls_name_ptr == name)
			return c;
	return NULL;
}

/* The lock's class record, made if need be; NULL (and dropped) if none. */
static struct bsd_lockstat_class *ls_class(struct bsd_lockstat_lock *ls,
					   const char *name,
					   enum bsd_lockstat_kind kind)
{
	struct bsd_lockstat_class *c = READ_ONCE(ls->ls_class), *n = NULL;
	const struct lock_class_key *key = ls->ls_key;
	unsigned long flags;
	size_t len;

	if (likely(c))
		return c;
	rcu_read_lock();
	c = ls_find(key, name);
	rcu_read_unlock();
	if (c)
		goto found;

	len = strlen(name);
	if (ls_may_alloc())
		n = ls_alloc(len, GFP_ATOMIC);
	raw_spin_lock_irqsave(&ls_lock, flags);
	c = ls_find(key, name);
	if (!c) {
		if (n) {
			memcpy(n->ls_name, name, len + 1);
		} else if (ls_nreserve) {
			n = ls_reserve[--ls_nreserve];
			strscpy(n->ls_name, name, LS_RESERVE_NAMELEN);
		}
		if (n) {
			n->ls_key = key;
			n->ls_name_ptr = name;
			n->ls_kind = kind == BSD_LOCKSTAT_RW_READ ?
				BSD_LOCKSTAT_RW_WRITE : kind;
			hash_add_rcu(ls_table, &n->ls_hash, ls_hashval(key, name));
			list_add_tail_rcu(&n->ls_list, &ls_classes);
			c = n;
			n = NULL;
		}
	}
	raw_spin_unlock_irqrestore(&ls_lock, flags);
	if (n)
		ls_free(n);	/* lost a race; allocated here, so freeable here */
	if (!c) {
		atomic64_inc(&ls_dropped);
		return NULL;
	}
found:
	WRITE_ONCE(ls->ls_class, c);
	return c;
}

u64 __bsd_lockstat_contended(struct bsd_lockstat_lock *ls, const char *name,
			     enum bsd_lockstat_kind kind)
{
	struct bsd_lockstat_class *c = ls_class(ls, name, kind);

	if (!c)
		return 0;
	this_cpu_inc(c->ls_cpu->m[ls_mode(kind)].contended);
	return ls_now();
}

void __bsd_lockstat_acquired(struct bsd_lockstat_lock *ls, const char *name,
			     enum bsd_lockstat_kind kind, u64 wait_start)
{
	struct bsd_lockstat_class *c = ls_class(ls, name, kind);
	int m = ls_mode(kind);
	u64 now, wait;

	if (!c)
		return;
	this_cpu_inc(c->ls_cpu->m[m].acquired);
	if (!wait_start && m != LS_EXCL)
		return;
	now = ls_now();
	if (wait_start) {
		wait = now > wait_start ? now - wait_start : 0;
		this_cpu_add(c->ls_cpu->m[m].wait_ns, wait);
		ls_max(&c->ls_wait_max[m], wait);
	}
	if (m == LS_EXCL)
		WRITE_ONCE(ls->ls_held_since, now);
}

void __bsd_lockstat_release(struct bsd_lockstat_lock *ls)
{
	struct bsd_lockstat_class *c = READ_ONCE(ls->ls_class);
	u64 since = READ_ONCE(ls->ls_held_since), hold;

	if (!since)
		return;
	WRITE_ONCE(ls->ls_held_since, 0);
	/* Taken before lockstat was last switched on: the stamp is stale. */
	if (!c || since < READ_ONCE(ls_since))
		return;
	hold = ls_now() - since;
	if ((s64)hold < 0)
		hold = 0;
	this_cpu_add(c->ls_cpu->m[LS_EXCL].hold_ns, hold);
	ls_max(&c->ls_hold_max[LS_EXCL], hold);
}

void __bsd_lockstat_raw_spin_lock(raw_spinlock_t *lock,
				  struct bsd_lockstat_lock *ls, const char *name)
{
	u64 start = 0;

	if (!raw_spin_trylock(lock)) {
		start = __bsd_lockstat_contended(ls, name, BSD_LOCKSTAT_SPIN);
		raw_spin_lock(lock);
	}
	__bsd_lockstat_acquired(ls, name, BSD_LOCKSTAT_SPIN, start);
}

/* ---------------------------------------------------------------------- */
/* Control and reading                                                     */

/* Top the reserve up; called with ls_control held. */
static void ls_fill_reserve(void)
{
	struct bsd_lockstat_class *c;
	unsigned long flags;
	bool full = false;

	while (!full) {
		c = ls_alloc(LS_RESERVE_NAMELEN - 1, GFP_KERNEL);
		if (!c)
			return;
		raw_spin_lock_irqsave(&ls_lock, flags);
		full = ls_nreserve == LS_RESERVE;
		if (!full)
			ls_reserve[ls_nreserve++] = c;
		raw_spin_unlock_irqrestore(&ls_lock, flags);
	}
	ls_free(c);
}

/**
 * bsd_lockstat_enable() - start recording lock statistics
 *
 * Counters keep what they had; locks already held when this is called
 * contribute no hold time for that hold.
 *
 * Context: process context; may sleep (patches the kernel's code).
 */
void bsd_lockstat_enable(void)
{
	mutex_lock(&ls_control);
	ls_fill_reserve();
	if (!static_key_enabled(&bsd_lockstat_on)) {
		WRITE_ONCE(ls_since, ls_now());
		static_branch_enable(&bsd_lockstat_on);
	}
	mutex_unlock(&ls_control);
}
EXPORT_SYMBOL_NS_GPL(bsd_lockstat_enable, BSDCOMPAT);

/**
 * bsd_lockstat_disable() - stop recording lock statistics
 *
 * The counters keep their values until bsd_lockstat_clear().
 *
 * Context: process context; may sleep (patches the kernel's code).
 */
void bsd_lockstat_disable(void)
{
	mutex_lock(&ls_control);
	static_branch_disable(&bsd_lockstat_on);
	mutex_unlock(&ls_control);
}
EXPORT_SYMBOL_NS_GPL(bsd_lockstat_disable, BSDCOMPAT);

/**
 * bsd_lockstat_clear() - zero every class's counters and the dropped count
 *
 * The classes themselves stay. Events that happen while the counters are
 * being zeroed may be lost or survive the clear.
 *
 * Context: process context; may sleep.
 */
void bsd_lockstat_clear(void)
{
	struct bsd_lockstat_class *c;
	int cpu, m;

	mutex_lock(&ls_control);
	rcu_read_lock();
	list_for_each_entry_rcu(c, &ls_classes, ls_list) {
		for_each_possible_cpu(cpu)
			memset(per_cpu_ptr(c->ls_cpu, cpu), 0, sizeof(struct ls_cpu));
		for (m = 0; m < LS_MODES; m++) {
			atomic64_set(&c->ls_wait_max[m], 0);
			atomic64_set(&c->ls_hold_max[m], 0);
		}
	}
	rcu_read_unlock();
	atomic64_set(&ls_dropped, 0);
	mutex_unlock(&ls_control);
}
EXPORT_SYMBOL_NS_GPL(bsd_lockstat_clear, BSDCOMPAT);

static void ls_sum(const struct bsd_lockstat_class *c, int m,
		   struct bsd_lockstat_counts *out)
{
	const struct ls_counts *p;
	int cpu;

	memset(out, 0, sizeof(*out));
	for_each_possible_cpu(cpu) {
		p = &per_cpu_ptr(c->ls_cpu, cpu)->m[m];
		out->acquired += READ_ONCE(p->acquired);
		out->contended += READ_ONCE(p->contended);
		out->wait_ns += READ_ONCE(p->wait_ns);
		out->hold_ns += READ_ONCE(p->hold_ns);
	}
	out->wait_max_ns = atomic64_read(&c->ls_wait_max[m]);
	out->hold_max_ns = atomic64_read(&c->ls_hold_max[m]);
}

/**
 * bsd_lockstat_read() - the statistics of one lock class
 * @key: the class's lock_class_key (what its init site passed)
 * @st: filled with the class's counters, summed over the CPUs
 *
 * If several classes share @key (possible only without lockdep, where keys
 * are empty), the first one made is read.
 *
 * Context: any context but NMI; does not sleep.
 * Return: 0, or -ENOENT if no lock of that class has been taken while
 * lockstat was on.
 */
int bsd_lockstat_read(const struct lock_class_key *key,
		      struct bsd_lockstat_stats *st)
{
	struct bsd_lockstat_class *c;
	int ret = -ENOENT;

	rcu_read_lock();
	list_for_each_entry_rcu(c, &ls_classes, ls_list) {
		if (c->ls_key != key)
			continue;
		st->kind = c->ls_kind;
		ls_sum(c, LS_EXCL, &st->excl);
		ls_sum(c, LS_SHARED, &st->shared);
		ret = 0;
		break;
	}
	rcu_read_unlock();
	return ret;
}
EXPORT_SYMBOL_NS_GPL(bsd_lockstat_read, BSDCOMPAT);

/**
 * bsd_lockstat_dropped() - acquisitions that found no class record
 *
 * Context: any.
 * Return: the count since the last clear.
 */
u64 bsd_lockstat_dropped(void)
{
	return atomic64_read(&ls_dropped);
}
EXPORT_SYMBOL_NS_GPL(bsd_lockstat_dropped, BSDCOMPAT);

static const char *const ls_type_names[] = {
	[BSD_LOCKSTAT_ADAPTIVE]	= "adaptive",
	[BSD_LOCKSTAT_SPIN]	= "spin",
	[BSD_LOCKSTAT_RW_WRITE]	= "rw_write",
	[BSD_LOCKSTAT_RW_READ]	= "rw_read",
};

static void ls_show_line(struct seq_file *m, enum bsd_lockstat_kind kind,
			 const struct bsd_lockstat_counts *n, const char *name)
{
	seq_printf(m, "%s %llu %llu %llu %llu %llu %llu %s\n",
		   ls_type_names[kind], n->acquired, n->contended, n->wait_ns,
		   n->wait_max_ns, n->hold_ns, n->hold_max_ns, name);
}

static int ls_show(struct seq_file *m, void *v)
{
	struct bsd_lockstat_class *c;
	struct bsd_lockstat_counts n;

	seq_printf(m, "# bsdcompat-lockstat v1 enabled=%d dropped=%lld: type acquired contended wait_ns wait_max_ns hold_ns hold_max_ns name\n",
		   static_key_enabled(&bsd_lockstat_on) ? 1 : 0,
		   atomic64_read(&ls_dropped));
	rcu_read_lock();
	list_for_each_entry_rcu(c, &ls_classes, ls_list) {
		ls_sum(c, LS_EXCL, &n);
		ls_show_line(m, c->ls_kind, &n, c->ls_name);
		if (c->ls_kind != BSD_LOCKSTAT_RW_WRITE)
			continue;
		ls_sum(c, LS_SHARED, &n);
		ls_show_line(m, BSD_LOCKSTAT_RW_READ, &n, c->ls_name);
	}
	rcu_read_unlock();
	return 0;
}

static int ls_open(struct inode *inode, struct file *file)
{
	return single_open(file, ls_show, NULL);
}

static ssize_t ls_write(struct file *file, const char __user *ubuf,
			size_t len, loff_t *ppos)
{
	char buf[16];
	size_t n = min(len, sizeof(buf) - 1);

	if (copy_from_user(buf, ubuf, n))
		return -EFAULT;
	buf[n] = '\0';
	strim(buf);
	if (!strcmp(buf, "enable"))
		bsd_lockstat_enable();
	else if (!strcmp(buf, "disable"))
		bsd_lockstat_disable();
	else if (!strcmp(buf, "clear"))
		bsd_lockstat_clear();
	else
		return -EINVAL;
	return len;
}

static const struct file_operations ls_fops = {
	.owner		= THIS_MODULE,
	.open		= ls_open,
	.read		= seq_read,
	.llseek		= seq_lseek,
	.release	= single_release,
	.write		= ls_write,
};

void bsd_lockstat_init_debugfs(struct dentry *dir)
{
	debugfs_create_file("lockstat", 0600, dir, NULL, &ls_fops);
}

/* At module exit, when no lock of ours is left: off, and free the records. */
void bsd_lockstat_exit(void)
{
	struct bsd_lockstat_class *c, *t;

	static_branch_disable(&bsd_lockstat_on);
	list_for_each_entry_safe(c, t, &ls_classes, ls_list)
		ls_free(c);
	while (ls_nreserve)
		ls_free(ls_reserve[--ls_nreserve]);
}
