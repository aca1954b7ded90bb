/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD pserialize(9), passive serialization, on Linux RCU.
 *
 * The rules, as NetBSD states them, and where bsdcompat differs:
 *  - Readers bracket lock-free reads with pserialize_read_enter() and
 *    pserialize_read_exit(s); sections nest, are short, may be entered
 *    from any context, and must not block. A section keeps this CPU's
 *    soft interrupts out, as NetBSD's does: it disables preemption, and
 *    bsdcompat's softints run in threads.
 *  - A writer, serialised against other writers by a lock of its own,
 *    unpublishes an object and calls pserialize_perform(): on return no
 *    reader is still in a section that could have seen it, and it may be
 *    freed. perform blocks: thread context only, never from an interrupt,
 *    a softint, or inside a read section (each is reported and refused).
 *  - bsdcompat: perform is synchronize_rcu(), which waits for every
 *    preemption-disabled section; the kernel lock is given up meanwhile.
 *  - Sleeping in a read section is caught by Linux ("scheduling while
 *    atomic" or might_sleep()), not by a bsdcompat report.
 *  - pserialize_in_read_section() and pserialize_not_in_read_section() are
 *    diagnostics: they ask whether this CPU is in a read section (a hard
 *    interrupt sees the section of the thread it interrupted).
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_PSERIALIZE_H_
#define _BSDCOMPAT_NETBSD_SYS_PSERIALIZE_H_

#include <linux/types.h>

typedef struct pserialize *pserialize_t;

pserialize_t netbsd_pserialize_create(void);
void netbsd_pserialize_destroy(pserialize_t psz);
int netbsd_pserialize_read_enter(void);
void netbsd_pserialize_read_exit(int s);
void netbsd_pserialize_perform(pserialize_t psz);
bool netbsd_pserialize_in_read_section(void);

static inline pserialize_t pserialize_create(void)
{
	return netbsd_pserialize_create();
}

static inline void pserialize_destroy(pserialize_t psz)
{
	netbsd_pserialize_destroy(psz);
}

static inline int pserialize_read_enter(void)
{
	return netbsd_pserialize_read_enter();
}

static inline void pserialize_read_exit(int s)
{
	netbsd_pserialize_read_exit(s);
}

static inline void pserialize_perform(pserialize_t psz)
{
	netbsd_pserialize_perform(psz);
}

static inline bool pserialize_in_read_section(void)
{
	return netbsd_pserialize_in_read_section();
}

static inline bool pserialize_not_in_read_section(void)
{
	return !netbsd_pserialize_in_read_section();
}

#endif /* _BSDCOMPAT_NETBSD_SYS_PSERIALIZE_H_ */
