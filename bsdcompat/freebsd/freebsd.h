/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* What the FreeBSD personality's files share; not the driver API. */
#ifndef _BSDCOMPAT_FREEBSD_FREEBSD_H_
#define _BSDCOMPAT_FREEBSD_FREEBSD_H_

/*
 * The class names that misuse reports start with: FreeBSD's lock class
 * names (lock_class_mtx_sleep is "sleep mutex", ...), and "Sleep" and
 * "Condition variable" for the sleeping calls.
 */
#define FREEBSD_MTX_CLASS	"sleep mutex"
#define FREEBSD_MTX_SPIN_CLASS	"spin mutex"
#define FREEBSD_SX_CLASS	"sx"
#define FREEBSD_RW_CLASS	"rw"
#define FREEBSD_SLEEP_CLASS	"Sleep"
#define FREEBSD_CV_CLASS	"Condition variable"
#define FREEBSD_CALLOUT_CLASS	"callout"
#define FREEBSD_TASKQUEUE_CLASS	"taskqueue"

/* Module init and exit of the FreeBSD personality (kern_timeout.c). */
int freebsd_init(void);
void freebsd_exit(void);
int freebsd_taskqueue_init(void);
void freebsd_taskqueue_exit(void);

#endif /* _BSDCOMPAT_FREEBSD_FREEBSD_H_ */
