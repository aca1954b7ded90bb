/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD psref(9), passive references, on Linux.
 *
 * The rules, as NetBSD states them, and where bsdcompat differs:
 *  - A class groups targets whose references are taken at or below one
 *    IPL. A target is an object found in a pserialize(9) read section;
 *    psref_acquire() there gives a reference that keeps it alive after
 *    the section ends, also across sleeps.
 *  - The caller stays on its CPU from psref_acquire() to psref_release():
 *    a thread bound with curlwp_bind(), a softint, or preemption off.
 *    bsdcompat reports an unbound caller (on SMP) and binds it until the
 *    release; a release on another CPU is reported and repaired by a cross
 *    call to the CPU of the acquire.
 *  - Acquire, release and copy take no lock shared between CPUs: each CPU
 *    keeps a list of the references held on it.
 *  - psref_target_destroy(), after the target is unpublished and a
 *    pserialize_perform(), marks it draining and waits (cross calls to
 *    every CPU) until no CPU lists a reference to it. Thread context.
 *  - psref_held() says whether the calling LWP holds a reference to the
 *    target on this CPU; a diagnostic.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_PSREF_H_
#define _BSDCOMPAT_NETBSD_SYS_PSREF_H_

#include <linux/list.h>
#include <linux/types.h>

struct psref_class;
struct task_struct;

/* Embedded in the target object; drivers do not look inside. */
struct psref_target {
	bool			prt_draining;
	struct psref_class	*prt_class;
};

/* One reference, usually on the holder's stack; opaque too. */
struct psref {
	struct list_head		psref_entry;
	const struct psref_target	*psref_target;
	struct task_struct		*psref_lwp;
	int				psref_cpu;
	u8				psref_flags;
};

struct psref_class *netbsd_psref_class_create(const char *name, int ipl);
void netbsd_psref_class_destroy(struct psref_class *class);
void netbsd_psref_target_init(struct psref_target *target,
			      struct psref_class *class);
void netbsd_psref_target_destroy(struct psref_target *target,
				 struct psref_class *class);
void netbsd_psref_acquire(struct psref *psref,
			  const struct psref_target *target,
			  struct psref_class *class);
void netbsd_psref_release(struct psref *psref,
			  const struct psref_target *target,
			  struct psref_class *class);
void netbsd_psref_copy(struct psref *pto, const struct psref *pfrom,
		       struct psref_class *class);
bool netbsd_psref_held(const struct psref_target *target,
		       struct psref_class *class);

static inline struct psref_class *psref_class_create(const char *name,
						     int ipl)
{
	return netbsd_psref_class_create(name, ipl);
}

static inline void psref_class_destroy(struct psref_class *class)
{
	netbsd_psref_class_destroy(class);
}

static inline void psref_target_init(struct psref_target *target,
				     struct psref_class *class)
{
	netbsd_psref_target_init(target, class);
}

static inline void psref_target_destroy(struct psref_target *target,
					struct psref_class *class)
{
	netbsd_psref_target_destroy(target, class);
}

static inline void psref_acquire(struct psref *psref,
				 const struct psref_target *target,
				 struct psref_class *class)
{
	netbsd_psref_acquire(psref, target, class);
}

static inline void psref_release(struct psref *psref,
				 const struct psref_target *target,
				 struct psref_class *class)
{
	netbsd_psref_release(psref, target, class);
}

static inline void psref_copy(struct psref *pto, const struct psref *pfrom,
			      struct psref_class *class)
{
	netbsd_psref_copy(pto, pfrom, class);
}

static inline bool psref_held(const struct psref_target *target,
			      struct psref_class *class)
{
	return netbsd_psref_held(target, class);
}

#endif /* _BSDCOMPAT_NETBSD_SYS_PSREF_H_ */
