/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The Mach and OSF/1 types that Digital UNIX driver interfaces use. Only the
 * types: the rest of <sys/types.h> is Linux's, which a kernel module already
 * has.
 */
#ifndef _BSDCOMPAT_TRU64_SYS_TYPES_H_
#define _BSDCOMPAT_TRU64_SYS_TYPES_H_

#include <linux/types.h>

struct task_struct;

typedef int boolean_t;
typedef unsigned long vm_offset_t;
typedef char *caddr_t;
typedef struct task_struct *thread_t;	/* a Digital UNIX thread is a task */

#ifndef TRUE
#define TRUE	1
#endif
#ifndef FALSE
#define FALSE	0
#endif

#endif /* _BSDCOMPAT_TRU64_SYS_TYPES_H_ */
