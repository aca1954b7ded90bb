// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The registry of initialised locks, behind LOCKDEBUG's "allocation contains
 * active lock".
 *
 * NetBSD's LOCKDEBUG keeps a record of every initialised lock and, when
 * kmem_free() or pool_put() hands back memory, looks for records inside the
 * freed block: a lock that was initialised and never destroyed is about to
 * vanish under whoever still uses it. bsdcompat does the same: the lock
 * types register each lock at init and unregister it at destroy, and the
 * frees of the personalities call bsd_lockdebug_mem_check().
 *
 * The registry is out of line: a red-black tree of nodes it allocates
 * itself, keyed by the lock's address, under a raw spinlock, so that any
 * context may init, destroy or free. A node holds a copy of the lock's name
 * (the string may belong to a module that is unloaded later) and the ops of
 * its class; the registry never reads a lock except through the ops'
 * lo_held(), and only inside bsd_lockdebug_mem_check(), where the block
 * being freed is still live and belongs to the caller.
 *
 * Limits, by design:
 *  - Init may run in atomic context, so nodes come from GFP_ATOMIC (and not
 *    at all where even that is forbidden: NMI, or an atomic section on
 *    PREEMPT_RT). A lock whose node could not be allocated is untracked:
 *    it is counted, and never reported.
 *  - Memory freed with Linux's kfree() is not checked. A lock in it that was
 *    never destroyed leaves a stale node behind. Registering the same
 *    address again (a new lock there) replaces the node, and a bsdcompat
 *    allocation that covers the address drops it silently, so stale nodes
 *    do not turn into false reports; they cost memory until then.
 */
#include <linux/debugfs.h>
#include <linux/export.h>
#include <linux/hardirq.h>
#include <linux/preempt.h>
#include <linux/rbtree.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include <bsdcompat/lockdebug.h>

#include "core.h"

struct lockreg_node {
	struct rb_node			ln_rb;
	const void			*ln_lock;
	const struct bsd_lockreg_ops	*ln_ops;
	union {
		struct lockreg_node	*ln_next;	/* taken out, to report */
		struct rcu_head		ln_rcu;		/* freed late (RT) */
	};
	char				ln_name[BSD_LOCKREG_NAMELEN];
};

static DEFINE_RAW_SPINLOCK(lockreg_lock);
static struct rb_root lockreg_root = RB_ROOT;
static unsigned long lockreg_tracked;		/* nodes in the tree */
static unsigned long lockreg_untracked;		/* registrations without a node */

/*
 * May the registry call the slab allocator here? Not in NMI context, and on
 * PREEMPT_RT not where sleeping is forbidden (its slab locks sleep).
 */
static bool lockreg_slab_ok(void)
{
	if (in_nmi())
		return false;
	return !IS_ENABLED(CONFIG_PREEMPT_RT) || preemptible();
}

static void lockreg_free(struct lockreg_node *n)
{
	if (lockreg_slab_ok())
		kfree(n);
	else
		kfree_rcu(n, ln_rcu);
}

/* The first node at or above @addr, or NULL. Called with lockreg_lock held. */
static struct lockreg_node *lockreg_ceil(unsigned long addr)
{
	struct rb_node *rb = lockreg_root.rb_node;
	struct lockreg_node *best = NULL;

	while (rb) {
		struct lockreg_node *n = rb_entry(rb, struct lockreg_node, ln_rb);

		if ((unsigned long)n->ln_lock >= addr) {
			best = n;
			rb = rb->rb_left;
		} else {
			rb = rb->rb_right;
		}
	}
	return best;
}

/*
 * Take the nodes of locks in [@p, @p + @size) out of the tree; return them
 * as a list in address order.
 */
static struct lockreg_node *lockreg_take(const void *p, size_t size)
{
	unsigned long lo = (unsigned long)p, last = lo + size - 1;
	struct lockreg_node *n, *head = NULL, **tail = &head;
	struct rb_node *next;
	unsigned long flags;

	if (!size || last < lo)
		return NULL;
	raw_spin_lock_irqsave(&lockreg_lock, flags);
	for (n = lockreg_ceil(lo); n && (unsigned long)n->ln_lock <= last;
	     n = next ? rb_entry(next, struct lockreg_node, ln_rb) : NULL) {
		next = rb_next(&n->ln_rb);
		rb_erase(&n->ln_rb, &lockreg_root);
		lockreg_tracked--;
		n->ln_next = NULL;
		*tail = n;
		tail = &n->ln_next;
	}
	raw_spin_unlock_irqrestore(&lockreg_lock, flags);
	return head;
}

/**
 * bsd_lockdebug_register() - record an initialised lock
 * @lock: the lock's address
 * @name: its name (copied, truncated to BSD_LOCKREG_NAMELEN - 1 bytes)
 * @ops: its class and how to tell whether it is held
 *
 * A lock already recorded at @lock (one that was freed without being
 * destroyed, and its memory reused) is replaced. If no node can be
 * allocated, the lock is untracked: any record at @lock is dropped, and
 * freeing the lock later goes unreported.
 *
 * Context: any; does not sleep.
 */
void bsd_lockdebug_register(const void *lock, const char *name,
			    const struct bsd_lockreg_ops *ops)
{
	struct rb_node **link = &lockreg_root.rb_node, *parent = NULL;
	struct lockreg_node *n, *old = NULL;
	unsigned long flags;

	n = lockreg_slab_ok() ? kmalloc(sizeof(*n), GFP_ATOMIC | __GFP_NOWARN) : NULL;
	if (!n) {
		bsd_lockdebug_unregister(lock);
		raw_spin_lock_irqsave(&lockreg_lock, flags);
		lockreg_untracked++;
		raw_spin_unlock_irqrestore(&lockreg_lock, flags);
		return;
	}
	n->ln_lock = lock;
	n->ln_ops = ops;
	strscpy(n->ln_name, name ? name : "", sizeof(n->ln_name));

	raw_spin_lock_irqsave(&lockreg_lock, flags);
	while (*link) {
		struct lockreg_node *cur = rb_entry(*link, struct lockreg_node, ln_rb);

		parent = *link;
		if (lock < cur->ln_lock) {
			link = &parent->rb_left;
		} else if (lock > cur->ln_lock) {
			link = &parent->rb_right;
		} else {
			/* A stale record (a lock freed undestroyed): replace it. */
			old = cur;
			rb_replace_node(&old->ln_rb, &n->ln_rb, &lockreg_root);
			break;
		}
	}
	if (!old) {
		rb_link_node(&n->ln_rb, parent, link);
		rb_insert_color(&n->ln_rb, &lockreg_root);
		lockreg_tracked++;
	}
	raw_spin_unlock_irqrestore(&lockreg_lock, flags);
	if (old)
		lockreg_free(old);
}

/**
 * bsd_lockdebug_unregister() - forget a lock that is being destroyed
 * @lock: the lock's address
 *
 * Context: any; does not sleep. An unknown (untracked) lock is ignored.
 */
void bsd_lockdebug_unregister(const void *lock)
{
	struct lockreg_node *n = lockreg_take(lock, 1);

	if (n)
		lockreg_free(n);
}

/**
 * bsd_lockdebug_mem_check() - report live locks in memory being freed
 * @op: the freeing operation ("kmem_free", ...)
 * @p: the block; it must still be live, and the caller's
 * @size: its size in bytes
 * @caller: the return address of @op (_RET_IP_)
 *
 * Every tracked lock whose address lies in [@p, @p + @size) is reported as
 * "allocation contains active lock", with its class, name and address,
 * whether it is held, and @caller; then it is forgotten.
 *
 * Context: any; does not sleep.
 */
void bsd_lockdebug_mem_check(const char *op, const void *p, size_t size,
			     unsigned long caller)
{
	struct lockreg_node *n = lockreg_take(p, size), *next;
	bool held;

	for (; n; n = next) {
		next = n->ln_next;
		held = n->ln_ops->lo_held && n->ln_ops->lo_held(n->ln_lock);
		bsd_lock_error(n->ln_ops->lo_class, op, n->ln_lock, n->ln_name,
			       caller, "allocation contains active lock, %s",
			       held ? "held" : "not held");
		lockreg_free(n);
	}
}

/**
 * bsd_lockdebug_mem_forget() - drop stale records in a new allocation
 * @p: a block just allocated
 * @size: its size
 *
 * A record inside memory that was free is stale: its lock went away with a
 * Linux kfree() that bsdcompat cannot check. Dropping it here keeps it from
 * being reported against the block's new owner.
 *
 * Context: any; does not sleep.
 */
void bsd_lockdebug_mem_forget(const void *p, size_t size)
{
	struct lockreg_node *n = lockreg_take(p, size), *next;

	for (; n; n = next) {
		next = n->ln_next;
		lockreg_free(n);
	}
}

/**
 * bsd_lockdebug_tracked() - how many locks the registry holds
 *
 * Context: any. The number may change at once.
 * Return: the number of initialised, not destroyed, tracked locks (stale
 * records included).
 */
unsigned long bsd_lockdebug_tracked(void)
{
	unsigned long flags, n;

	raw_spin_lock_irqsave(&lockreg_lock, flags);
	n = lockreg_tracked;
	raw_spin_unlock_irqrestore(&lockreg_lock, flags);
	return n;
}
EXPORT_SYMBOL_NS_GPL(bsd_lockdebug_tracked, BSDCOMPAT);

static int lockreg_show(struct seq_file *m, void *v)
{
	unsigned long flags, tracked, untracked;

	raw_spin_lock_irqsave(&lockreg_lock, flags);
	tracked = lockreg_tracked;
	untracked = lockreg_untracked;
	raw_spin_unlock_irqrestore(&lockreg_lock, flags);
	seq_printf(m, "tracked: %lu\nuntracked: %lu\n", tracked, untracked);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(lockreg);

void bsd_lockreg_init(struct dentry *dir)
{
	debugfs_create_file("lockreg", 0444, dir, NULL, &lockreg_fops);
}

/* Module exit: no lock can be registered any more; free every node. */
void bsd_lockreg_exit(void)
{
	struct lockreg_node *n, *tmp;
	struct rb_root root;
	unsigned long flags;

	raw_spin_lock_irqsave(&lockreg_lock, flags);
	root = lockreg_root;
	lockreg_root = RB_ROOT;
	lockreg_tracked = 0;
	raw_spin_unlock_irqrestore(&lockreg_lock, flags);
	rbtree_postorder_for_each_entry_safe(n, tmp, &root, ln_rb)
		kfree(n);
	/* Nodes freed by kfree_rcu() (PREEMPT_RT) need no module code. */
}
