/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* What the NetBSD personality's files share with the core; not the driver API. */
#ifndef _BSDCOMPAT_NETBSD_NETBSD_H_
#define _BSDCOMPAT_NETBSD_NETBSD_H_

#include <linux/types.h>

/* The class name that callout misuse reports start with. */
#define NETBSD_CALLOUT_CLASS	"Callout"

/* Module init and exit of the NetBSD personality (callout workqueue). */
int netbsd_init(void);
void netbsd_exit(void);

/* autoconf and the device switches (subr_autoconf.c, subr_devsw.c). */
struct bsd_gate;
struct cfdriver;

struct bsd_gate *netbsd_device_enter(struct cfdriver *cd, int unit);
struct bsd_gate *netbsd_attach_bind(void);
void netbsd_attach_unbind(struct bsd_gate *g);
void netbsd_devsw_unit_attached(struct cfdriver *cd, int unit);
void netbsd_devsw_unit_detached(struct cfdriver *cd, int unit);
struct cfdriver *netbsd_config_cfdriver_lookup(const char *name);

/* Wait for cross calls nobody waited for (subr_xcall.c); module exit. */
void netbsd_xcall_exit(void);

/* Is the caller a softint handler, NetBSD's cpu_softintr_p() (kern_softint.c)? */
bool netbsd_softint_running(void);

#endif /* _BSDCOMPAT_NETBSD_NETBSD_H_ */
