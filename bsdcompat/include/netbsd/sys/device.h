/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * NetBSD autoconf(9): devices, their drivers and attachments, and detach.
 *
 * The rules, as NetBSD states them, and where bsdcompat differs:
 *  - A driver is a struct cfdriver (CFDRIVER_DECL) plus one struct cfattach
 *    per bus it attaches to (CFATTACH_DECL_NEW: softc size, match, attach,
 *    detach, activate). Modular drivers register both from their modcmd.
 *  - Attach and detach are serialised (the config lock) and run holding
 *    the kernel lock. A device is visible to device_lookup*() only once
 *    its attach function has returned.
 *  - config_detach() turns new entries away (device_lookup_acquire() and
 *    the calls of a cdevsw with d_cfdriver get NULL/ENXIO), calls the
 *    driver's detach, then waits until every reference and every thread in
 *    an entry point has left, then frees the softc. A detach that fails
 *    (EBUSY, ...) without DETACH_FORCE lets entries in again.
 *  - device_lookup() and device_lookup_private() take no reference: they
 *    are safe only where the caller already keeps the device (inside an
 *    entry point of it). device_lookup_acquire()/device_release() do.
 *  - The driver's detach must stop what can still enter it on its own:
 *    callouts (callout_halt), soft interrupts, threads. Interrupt handlers
 *    established during attach are gated: they stop being called at the
 *    start of config_detach(). bsdcompat has no buses yet: a device is
 *    attached with config_attach_pseudo().
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_DEVICE_H_
#define _BSDCOMPAT_NETBSD_SYS_DEVICE_H_

#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/types.h>

struct xarray;

typedef struct netbsd_device *device_t;

enum devclass {
	DV_DULL, DV_CPU, DV_DISK, DV_IFNET, DV_TAPE, DV_TTY, DV_AUDIODEV,
	DV_DISPLAYDEV, DV_BUS, DV_VIRTUAL,
};

enum devact { DVACT_DEACTIVATE };

struct cfdata {
	const char	*cf_name;	/* the driver */
	const char	*cf_atname;	/* the attachment */
	short		cf_unit;	/* or DVUNIT_ANY */
	short		cf_fstate;
	int		*cf_loc;
	int		cf_flags;
	const void	*cf_pspec;
};
typedef struct cfdata *cfdata_t;
#define DVUNIT_ANY	(-1)
#define FSTATE_STAR	2

struct cfdriver {
	const char	*cd_name;
	enum devclass	cd_class;
	const void	*cd_attrs;
	/*
	 * bsdcompat: the attached units, readable under RCU; set while the
	 * driver is registered (config_cfdriver_attach()).
	 */
	struct xarray	*cd_units;
	struct list_head cd_list;
	struct list_head cd_attach;
};

struct cfattach {
	const char	*ca_name;
	size_t		ca_devsize;
	int		ca_flags;
	int		(*ca_match)(device_t parent, cfdata_t cf, void *aux);
	void		(*ca_attach)(device_t parent, device_t self, void *aux);
	int		(*ca_detach)(device_t self, int flags);
	int		(*ca_activate)(device_t self, enum devact act);
	struct list_head ca_list;
};

#define DVF_PRIV_ALLOC	0x0002

#define CFDRIVER_DECL(name, class, attrs)				\
	struct cfdriver name##_cd = {					\
		.cd_name = #name, .cd_class = (class),			\
		.cd_attrs = (attrs),					\
	}

#define CFATTACH_DECL_NEW(name, ddsize, matfn, attfn, detfn, actfn)	\
	struct cfattach name##_ca = {					\
		.ca_name = #name, .ca_devsize = (ddsize),		\
		.ca_flags = DVF_PRIV_ALLOC, .ca_match = (matfn),	\
		.ca_attach = (attfn), .ca_detach = (detfn),		\
		.ca_activate = (actfn),					\
	}

/* config_detach() flags */
#define DETACH_FORCE	0x01
#define DETACH_QUIET	0x02
#define DETACH_SHUTDOWN	0x04
#define DETACH_POWEROFF	0x08

int netbsd_config_cfdriver_attach(struct cfdriver *cd);
int netbsd_config_cfdriver_detach(struct cfdriver *cd);
int netbsd_config_cfattach_attach(const char *driver, struct cfattach *ca);
int netbsd_config_cfattach_detach(const char *driver, struct cfattach *ca);
device_t netbsd_config_attach_pseudo(cfdata_t cf);
int netbsd_config_detach(device_t dev, int flags);
device_t netbsd_device_lookup(struct cfdriver *cd, int unit);
device_t netbsd_device_lookup_acquire(struct cfdriver *cd, int unit);
void netbsd_device_release(device_t dev);
void *netbsd_device_private(device_t dev);
const char *netbsd_device_xname(device_t dev);
int netbsd_device_unit(device_t dev);
device_t netbsd_device_parent(device_t dev);
bool netbsd_device_is_active(device_t dev);
struct cfdriver *netbsd_device_cfdriver(device_t dev);

#define config_cfdriver_attach(cd)	netbsd_config_cfdriver_attach(cd)
#define config_cfdriver_detach(cd)	netbsd_config_cfdriver_detach(cd)
#define config_cfattach_attach(d, ca)	netbsd_config_cfattach_attach(d, ca)
#define config_cfattach_detach(d, ca)	netbsd_config_cfattach_detach(d, ca)
#define config_attach_pseudo(cf)	netbsd_config_attach_pseudo(cf)
#define config_detach(dev, flags)	netbsd_config_detach(dev, flags)
#define device_lookup(cd, unit)		netbsd_device_lookup(cd, unit)
#define device_lookup_acquire(cd, unit)	netbsd_device_lookup_acquire(cd, unit)
#define device_release(dev)		netbsd_device_release(dev)
#define device_private(dev)		netbsd_device_private(dev)
#define device_xname(dev)		netbsd_device_xname(dev)
#define device_unit(dev)		netbsd_device_unit(dev)
#define device_parent(dev)		netbsd_device_parent(dev)
#define device_is_active(dev)		netbsd_device_is_active(dev)
#define device_cfdriver(dev)		netbsd_device_cfdriver(dev)

static inline void *device_lookup_private(struct cfdriver *cd, int unit)
{
	device_t dev = netbsd_device_lookup(cd, unit);

	return dev ? netbsd_device_private(dev) : NULL;
}

/*
 * aprint(9): attach-time messages. normal and error go to the console;
 * verbose to the log; naive (for quiet boots) and debug at KERN_DEBUG.
 */
__printf(2, 3) void netbsd_aprint(int level, const char *fmt, ...);
__printf(3, 4) void netbsd_aprint_dev(int level, device_t dev,
				      const char *fmt, ...);
#define NETBSD_AP_NORMAL	0
#define NETBSD_AP_ERROR		1
#define NETBSD_AP_VERBOSE	2
#define NETBSD_AP_NAIVE		3
#define NETBSD_AP_DEBUG		4

#define aprint_normal(...)	netbsd_aprint(NETBSD_AP_NORMAL, __VA_ARGS__)
#define aprint_error(...)	netbsd_aprint(NETBSD_AP_ERROR, __VA_ARGS__)
#define aprint_verbose(...)	netbsd_aprint(NETBSD_AP_VERBOSE, __VA_ARGS__)
#define aprint_naive(...)	netbsd_aprint(NETBSD_AP_NAIVE, __VA_ARGS__)
#define aprint_debug(...)	netbsd_aprint(NETBSD_AP_DEBUG, __VA_ARGS__)
#define aprint_normal_dev(d, ...) \
	netbsd_aprint_dev(NETBSD_AP_NORMAL, d, __VA_ARGS__)
#define aprint_error_dev(d, ...) \
	netbsd_aprint_dev(NETBSD_AP_ERROR, d, __VA_ARGS__)
#define aprint_verbose_dev(d, ...) \
	netbsd_aprint_dev(NETBSD_AP_VERBOSE, d, __VA_ARGS__)
#define aprint_naive_dev(d, ...) \
	netbsd_aprint_dev(NETBSD_AP_NAIVE, d, __VA_ARGS__)
#define aprint_debug_dev(d, ...) \
	netbsd_aprint_dev(NETBSD_AP_DEBUG, d, __VA_ARGS__)

#endif /* _BSDCOMPAT_NETBSD_SYS_DEVICE_H_ */
