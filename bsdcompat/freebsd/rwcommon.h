/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * What kern_sx.c and kern_rwlock.c share: the FreeBSD side of a
 * reader/writer lock (checks, messages, recursion, WITNESS and lockdep)
 * around the core engine (core/rwlock.h). Not the driver API.
 *
 * struct sx and struct rwlock are both a lock_object followed by a
 * freebsd_rwcore; the class (freebsd_lock_class_sx or _rw) says which
 * one and is what the reports are named after.
 */
#ifndef _BSDCOMPAT_FREEBSD_RWCOMMON_H_
#define _BSDCOMPAT_FREEBSD_RWCOMMON_H_

#include <sys/_rwcore.h>
#include <sys/lock.h>

/* Which hold an unlock call expects. */
enum fbsd_rw_which {
	FBSD_RW_SHARED,
	FBSD_RW_EXCL,
	FBSD_RW_ANY,
};

void fbsd_rwc_init(struct lock_object *lo, const struct lock_class *lc,
		   const char *name, int opts, struct lock_class_key *key,
		   const char *op, unsigned long ip);
void fbsd_rwc_destroy(struct lock_object *lo, const struct lock_class *lc,
		      const char *op, unsigned long ip);
int fbsd_rwc_lock(struct lock_object *lo, const struct lock_class *lc,
		  unsigned int how, const char *op, unsigned long ip);
int fbsd_rwc_trylock(struct lock_object *lo, const struct lock_class *lc,
		     unsigned int how, const char *op, unsigned long ip);
void fbsd_rwc_unlock(struct lock_object *lo, const struct lock_class *lc,
		     enum fbsd_rw_which which, const char *op,
		     unsigned long ip);
int fbsd_rwc_try_upgrade(struct lock_object *lo, const struct lock_class *lc,
			 const char *op, unsigned long ip);
void fbsd_rwc_downgrade(struct lock_object *lo, const struct lock_class *lc,
			const char *op, unsigned long ip);
bool fbsd_rwc_xlocked(const struct lock_object *lo);
struct thread *fbsd_rwc_xholder(const struct lock_object *lo);
bool fbsd_rwc_initialized(const struct lock_object *lo);
void fbsd_rwc_assert(const struct lock_object *lo,
		     const struct lock_class *lc, int what, const char *file,
		     int line, const char *op, unsigned long ip);
/* The lock class methods, the same for both: they take lo's own class. */
uintptr_t fbsd_rwc_lc_unlock(struct lock_object *lo);
void fbsd_rwc_lc_lock(struct lock_object *lo, uintptr_t how);
bool fbsd_rwc_lc_owned(const struct lock_object *lo);

#endif /* _BSDCOMPAT_FREEBSD_RWCOMMON_H_ */
