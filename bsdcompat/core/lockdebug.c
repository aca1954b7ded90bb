// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Misuse reports in the style of NetBSD's LOCKDEBUG.
 *
 * NetBSD prints "<class> error: <function>: <message>" and panics. bsdcompat
 * prints the same line, with the lock's name and address, the caller, the
 * CPU and the thread, then a stack through WARN(), and returns: the
 * primitive that called it refuses or repairs the operation so the kernel
 * keeps running where it safely can. The count of reports and the text of
 * the last one stay readable for tests and in debugfs.
 */
#include <linux/debugfs.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include <bsdcompat/lockdebug.h>

#include "core.h"

static DEFINE_RAW_SPINLOCK(lockdebug_lock);
static char lockdebug_last[BSD_LOCKDEBUG_MSGLEN];
static unsigned long lockdebug_count;

/**
 * bsd_lock_error() - report the misuse of a lock
 * @cls: the lock class as NetBSD names it ("Mutex", "spl", ...)
 * @op: the operation that was misused ("mutex_exit", ...)
 * @lock: the lock's address, or NULL
 * @name: the lock's name, or "" if it has none
 * @caller: the return address of the operation (_RET_IP_)
 * @fmt: what went wrong, printf-style
 *
 * Prints one line and a stack (WARN) and records the line. Does not panic.
 *
 * Context: any, including hard interrupt context. Does not sleep.
 */
void bsd_lock_error(const char *cls, const char *op, const void *lock,
		    const char *name, unsigned long caller,
		    const char *fmt, ...)
{
	char what[160], line[BSD_LOCKDEBUG_MSGLEN];
	unsigned long flags;
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);

	scnprintf(line, sizeof(line),
		  "%s error: %s: %s: lock \"%s\" %p caller %pS cpu %d lwp %s/%d",
		  cls, op, what, name ? name : "", lock, (void *)caller,
		  raw_smp_processor_id(), current->comm, task_pid_nr(current));

	raw_spin_lock_irqsave(&lockdebug_lock, flags);
	strscpy(lockdebug_last, line, sizeof(lockdebug_last));
	lockdebug_count++;
	raw_spin_unlock_irqrestore(&lockdebug_lock, flags);

#ifdef CONFIG_BUG
	WARN(1, "bsdcompat: %s\n", line);
#else
	pr_err("bsdcompat: %s\n", line);
	dump_stack();
#endif
}
EXPORT_SYMBOL_NS_GPL(bsd_lock_error, BSDCOMPAT);

/**
 * bsd_lockdebug_count() - how many misuse reports there have been
 *
 * Context: any.
 * Return: the number of bsd_lock_error() calls since the module loaded.
 */
unsigned long bsd_lockdebug_count(void)
{
	unsigned long flags, n;

	raw_spin_lock_irqsave(&lockdebug_lock, flags);
	n = lockdebug_count;
	raw_spin_unlock_irqrestore(&lockdebug_lock, flags);
	return n;
}
EXPORT_SYMBOL_NS_GPL(bsd_lockdebug_count, BSDCOMPAT);

/**
 * bsd_lockdebug_last() - copy out the last misuse report
 * @buf: where to copy it
 * @len: the size of @buf
 *
 * Context: any.
 * Return: the length of the copied line, 0 if there was none.
 */
size_t bsd_lockdebug_last(char *buf, size_t len)
{
	unsigned long flags;
	ssize_t n;

	raw_spin_lock_irqsave(&lockdebug_lock, flags);
	n = strscpy(buf, lockdebug_last, len);
	raw_spin_unlock_irqrestore(&lockdebug_lock, flags);
	return n < 0 ? len - 1 : n;
}
EXPORT_SYMBOL_NS_GPL(bsd_lockdebug_last, BSDCOMPAT);

static int lockdebug_show(struct seq_file *m, void *v)
{
	char buf[BSD_LOCKDEBUG_MSGLEN];
	unsigned long n = bsd_lockdebug_count();

	bsd_lockdebug_last(buf, sizeof(buf));
	seq_printf(m, "errors: %lu\n", n);
	if (n)
		seq_printf(m, "last: %s\n", buf);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(lockdebug);

void bsd_lockdebug_init(struct dentry *dir)
{
	debugfs_create_file("lockdebug", 0444, dir, NULL, &lockdebug_fops);
}
