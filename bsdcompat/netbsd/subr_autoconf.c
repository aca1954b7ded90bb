// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * NetBSD autoconf(9) on Linux: drivers, attachments, devices and detach
 * (see <sys/device.h> for the rules).
 *
 * Each device carries an entry gate (<bsdcompat/gate.h>). Everything that
 * enters the driver on the device's behalf from outside (device_lookup_
 * acquire(), the calls of a cdevsw with d_cfdriver, interrupt handlers
 * established during attach) goes through the gate, so config_detach() can
 * close it, let the driver tear down, and wait for the last one out before
 * it frees the softc. Entering is a per-CPU increment under RCU; the unit
 * table is an xarray read under RCU and devices are freed after a grace
 * period, so a lookup that races with a detach finds either the device
 * with its gate closed or nothing, never freed memory.
 *
 * The config lock serialises attach and detach and is always taken before
 * the kernel lock: a caller holding the kernel lock (a non-MP-safe ioctl
 * detaching its own pseudo-device, say) gives it up to wait for the config
 * lock, as it would around any bsdcompat sleep. It is recursive for its
 * owner, because a driver's attach or detach may call autoconf again:
 * devsw_attach(), or the attach or detach of a child device.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/xarray.h>

#include <bsdcompat/biglock.h>
#include <bsdcompat/gate.h>
#include <bsdcompat/lockdebug.h>

#include <sys/device.h>
#include <sys/vnode.h>

#include "netbsd.h"

#define DVF_ACTIVE	0x0001

struct netbsd_device {
	struct bsd_gate		dv_gate;
	struct list_head	dv_list;	/* on alldevs */
	struct cfdriver		*dv_cfdriver;
	struct cfattach		*dv_cfattach;
	device_t		dv_parent;
	int			dv_unit;
	unsigned int		dv_flags;
	atomic_t		dv_nbound;	/* handlers bound to dv_gate */
	void			*dv_private;
	char			dv_xname[16];
	struct rcu_head		dv_rcu;
};

static DEFINE_MUTEX(config_lock);
static LIST_HEAD(allcfdrivers);
static LIST_HEAD(alldevs);	/* changed under config_lock and alldevs_lock */
static DEFINE_SPINLOCK(alldevs_lock);
static DECLARE_WAIT_QUEUE_HEAD(config_wq);	/* a detach finished */
/*
 * Under config_lock: its owner and depth (a driver's attach or detach may
 * call back into autoconf: devsw_attach(), a child's attach), and the
 * device whose attach or detach function is running, if any.
 */
static struct task_struct *config_owner;
static int config_depth;
static struct task_struct *config_attacher;	/* in a driver's attach */
static device_t config_attaching;
static struct task_struct *config_detacher;	/* in a driver's detach */
static device_t config_detaching;

static void config_error(const char *op, const void *obj, const char *name,
			 unsigned long ip, const char *msg)
{
	bsd_lock_error("autoconf", op, obj, name, ip, "%s", msg);
}

/* Take the config lock, giving the kernel lock up while waiting for it. */
static int config_enter(void)
{
	int nlocks;

	if (READ_ONCE(config_owner) == current) {
		config_depth++;		/* from a driver's attach or detach */
		return 0;
	}
	bsd_kernel_unlock(0, &nlocks, _RET_IP_);
	mutex_lock(&config_lock);
	WRITE_ONCE(config_owner, current);
	config_depth = 1;
	return nlocks;
}

static void config_exit(int nlocks)
{
	if (--config_depth == 0) {
		WRITE_ONCE(config_owner, NULL);
		mutex_unlock(&config_lock);
	}
	if (nlocks)
		bsd_kernel_lock(nlocks, _RET_IP_);
}

static struct cfdriver *config_find_cfdriver(const char *name)
{
	struct cfdriver *cd;

	lockdep_assert_held(&config_lock);
	list_for_each_entry(cd, &allcfdrivers, cd_list)
		if (!strcmp(cd->cd_name, name))
			return cd;
	return NULL;
}

/* The registered driver called @name, or NULL; for the device switches. */
struct cfdriver *netbsd_config_cfdriver_lookup(const char *name)
{
	int nlocks = config_enter();
	struct cfdriver *cd = config_find_cfdriver(name);

	config_exit(nlocks);
	return cd;
}

static bool config_dev_valid(device_t dev)
{
	device_t d;

	lockdep_assert_held(&config_lock);
	list_for_each_entry(d, &alldevs, dv_list)
		if (d == dev)
			return true;
	return false;
}

/**
 * netbsd_config_cfdriver_attach() - register a driver (config_cfdriver_attach)
 * @cd: the driver, from CFDRIVER_DECL()
 *
 * Context: thread context; may sleep.
 * Return: 0, or EEXIST if a driver of that name is registered.
 */
int netbsd_config_cfdriver_attach(struct cfdriver *cd)
{
	int nlocks = config_enter();
	int error = 0;

	if (config_find_cfdriver(cd->cd_name)) {
		error = EEXIST;
	} else {
		struct xarray *xa = kmalloc(sizeof(*xa), GFP_KERNEL);

		if (xa) {
			xa_init_flags(xa, XA_FLAGS_ALLOC);
			INIT_LIST_HEAD(&cd->cd_attach);
			WRITE_ONCE(cd->cd_units, xa);
			list_add_tail(&cd->cd_list, &allcfdrivers);
		} else {
			error = ENOMEM;
		}
	}
	config_exit(nlocks);
	return error;
}
EXPORT_SYMBOL_NS_GPL(netbsd_config_cfdriver_attach, BSDCOMPAT);

/**
 * netbsd_config_cfdriver_detach() - unregister a driver
 * @cd: a registered driver with no attachments and no devices
 *
 * Context: thread context; may sleep.
 * Return: 0, EBUSY if it still has attachments or devices, ENOENT if it is
 * not registered.
 */
int netbsd_config_cfdriver_detach(struct cfdriver *cd)
{
	int nlocks = config_enter();
	int error = 0;

	if (config_find_cfdriver(cd->cd_name) != cd)
		error = ENOENT;
	else if (!list_empty(&cd->cd_attach) || !xa_empty(cd->cd_units))
		error = EBUSY;
	else
		list_del(&cd->cd_list);
	config_exit(nlocks);
	if (!error) {
		struct xarray *xa = cd->cd_units;

		/* Lookups may still be reading it under RCU. */
		WRITE_ONCE(cd->cd_units, NULL);
		synchronize_rcu();
		xa_destroy(xa);
		kfree(xa);
	}
	return error;
}
EXPORT_SYMBOL_NS_GPL(netbsd_config_cfdriver_detach, BSDCOMPAT);

/**
 * netbsd_config_cfattach_attach() - register an attachment of a driver
 * @driver: the driver's name
 * @ca: the attachment, from CFATTACH_DECL_NEW()
 *
 * Context: thread context; may sleep.
 * Return: 0, or ESRCH if no driver has that name.
 */
int netbsd_config_cfattach_attach(const char *driver, struct cfattach *ca)
{
	int nlocks = config_enter();
	struct cfdriver *cd = config_find_cfdriver(driver);

	if (cd)
		list_add_tail(&ca->ca_list, &cd->cd_attach);
	config_exit(nlocks);
	return cd ? 0 : ESRCH;
}
EXPORT_SYMBOL_NS_GPL(netbsd_config_cfattach_attach, BSDCOMPAT);

/**
 * netbsd_config_cfattach_detach() - unregister an attachment
 * @driver: the driver's name
 * @ca: the attachment
 *
 * Context: thread context; may sleep.
 * Return: 0, ESRCH for an unknown driver, EBUSY while a device uses @ca.
 */
int netbsd_config_cfattach_detach(const char *driver, struct cfattach *ca)
{
	int nlocks = config_enter();
	struct cfdriver *cd = config_find_cfdriver(driver);
	int error = cd ? 0 : ESRCH;
	device_t d;

	list_for_each_entry(d, &alldevs, dv_list)
		if (d->dv_cfattach == ca)
			error = EBUSY;
	if (!error)
		list_del(&ca->ca_list);
	config_exit(nlocks);
	return error;
}
EXPORT_SYMBOL_NS_GPL(netbsd_config_cfattach_detach, BSDCOMPAT);

static struct cfattach *config_find_cfattach(struct cfdriver *cd,
					     const char *atname)
{
	struct cfattach *ca;

	list_for_each_entry(ca, &cd->cd_attach, ca_list)
		if (!atname || !strcmp(ca->ca_name, atname))
			return ca;
	return NULL;
}

/**
 * netbsd_config_attach_pseudo() - attach a pseudo-device
 * @cf: the driver (cf_name), the attachment (cf_atname) and the unit
 *	(cf_unit, or DVUNIT_ANY for the lowest free one)
 *
 * Allocates the device and its zeroed softc (ca_devsize bytes) and calls
 * the driver's attach, holding the kernel lock. The device becomes visible
 * to lookups, and gets its /dev node if its cdevsw is attached, when the
 * attach function returns.
 *
 * Context: thread context; may sleep.
 * Return: the device, or NULL (unknown driver or attachment, unit in use,
 * no memory).
 */
device_t netbsd_config_attach_pseudo(cfdata_t cf)
{
	int nlocks = config_enter();
	struct cfdriver *cd = config_find_cfdriver(cf->cf_name);
	struct cfattach *ca = cd ? config_find_cfattach(cd, cf->cf_atname) :
				   NULL;
	struct task_struct *prev_attacher;
	device_t dev = NULL, prev_attaching;
	u32 unit;
	int err;

	if (!ca) {
		config_error("config_attach_pseudo", cf, cf->cf_name, _RET_IP_,
			     "no such driver or attachment");
		goto out;
	}
	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		goto out;
	if (ca->ca_devsize) {
		dev->dv_private = kzalloc(ca->ca_devsize, GFP_KERNEL);
		if (!dev->dv_private)
			goto fail;
	}
	if (bsd_gate_init(&dev->dv_gate))
		goto fail;
	if (cf->cf_unit == DVUNIT_ANY) {
		err = xa_alloc(cd->cd_units, &unit, NULL, xa_limit_31b,
			       GFP_KERNEL);
	} else {
		unit = cf->cf_unit;
		err = xa_insert(cd->cd_units, unit, NULL, GFP_KERNEL);
	}
	if (err)
		goto fail_gate;
	dev->dv_cfdriver = cd;
	dev->dv_cfattach = ca;
	dev->dv_unit = unit;
	snprintf(dev->dv_xname, sizeof(dev->dv_xname), "%s%u", cd->cd_name,
		 unit);
	spin_lock(&alldevs_lock);
	list_add_tail(&dev->dv_list, &alldevs);
	spin_unlock(&alldevs_lock);

	bsd_kernel_lock(1, _RET_IP_);
	prev_attacher = config_attacher;
	prev_attaching = config_attaching;
	WRITE_ONCE(config_attacher, current);
	config_attaching = dev;
	if (ca->ca_attach)
		ca->ca_attach(NULL, dev, NULL);
	config_attaching = prev_attaching;
	WRITE_ONCE(config_attacher, prev_attacher);
	dev->dv_flags |= DVF_ACTIVE;
	bsd_kernel_unlock(1, NULL, _RET_IP_);

	xa_store(cd->cd_units, unit, dev, GFP_KERNEL);
	netbsd_devsw_unit_attached(cd, unit);
	goto out;

fail_gate:
	bsd_gate_destroy(&dev->dv_gate);
fail:
	kfree(dev->dv_private);
	kfree(dev);
	dev = NULL;
out:
	config_exit(nlocks);
	return dev;
}
EXPORT_SYMBOL_NS_GPL(netbsd_config_attach_pseudo, BSDCOMPAT);

/**
 * netbsd_config_detach() - detach a device and free it (config_detach(9))
 * @dev: an attached device
 * @flags: DETACH_FORCE, DETACH_QUIET, DETACH_SHUTDOWN, DETACH_POWEROFF
 *
 * Turns new entries away, calls the driver's detach holding the kernel
 * lock, waits until every reference and every thread in an entry point of
 * the device has left, and frees the device and its softc. If the driver's
 * detach fails the device stays and entries are let in again (with
 * DETACH_FORCE this is reported: NetBSD would panic).
 *
 * Context: thread context; sleeps. Not from inside an entry point of @dev
 * (it would wait for itself).
 * Return: 0, the driver's error, EOPNOTSUPP if the driver has no detach,
 * or ENOENT if @dev is not an attached device.
 */
int netbsd_config_detach(device_t dev, int flags)
{
	int nlocks = config_enter();
	struct task_struct *prev_detacher;
	device_t prev_detaching;
	struct cfdriver *cd;
	void *priv;
	size_t size;
	int error;

	if (!config_dev_valid(dev)) {
		config_error("config_detach", dev, "", _RET_IP_,
			     "not an attached device");
		config_exit(nlocks);
		return ENOENT;
	}
	cd = dev->dv_cfdriver;
	bsd_gate_close(&dev->dv_gate);
	netbsd_devsw_unit_detached(cd, dev->dv_unit);

	bsd_kernel_lock(1, _RET_IP_);
	prev_detacher = config_detacher;
	prev_detaching = config_detaching;
	WRITE_ONCE(config_detacher, current);
	config_detaching = dev;
	error = dev->dv_cfattach->ca_detach ?
		dev->dv_cfattach->ca_detach(dev, flags) : EOPNOTSUPP;
	config_detaching = prev_detaching;
	WRITE_ONCE(config_detacher, prev_detacher);
	bsd_kernel_unlock(1, NULL, _RET_IP_);
	if (error) {
		if (flags & DETACH_FORCE)
			config_error("config_detach", dev, dev->dv_xname,
				     _RET_IP_, "forced detach failed");
		bsd_gate_reopen(&dev->dv_gate);
		netbsd_devsw_unit_attached(cd, dev->dv_unit);
		config_exit(nlocks);
		wake_up_all(&config_wq);
		return error;
	}
	dev->dv_flags &= ~DVF_ACTIVE;
	if (atomic_read(&dev->dv_nbound))
		config_error("config_detach", dev, dev->dv_xname, _RET_IP_,
			     "detach left handlers established (softint or interrupt)");
	bsd_gate_wait(&dev->dv_gate);
	xa_erase(cd->cd_units, dev->dv_unit);
	spin_lock(&alldevs_lock);
	list_del(&dev->dv_list);
	spin_unlock(&alldevs_lock);
	config_exit(nlocks);
	wake_up_all(&config_wq);
	if (!(flags & DETACH_QUIET))
		pr_info("%s detached\n", dev->dv_xname);

	priv = dev->dv_private;
	size = dev->dv_cfattach->ca_devsize;
	if (priv) {
		bsd_lockdebug_mem_check("config_detach", priv, size, _RET_IP_);
		kfree(priv);
	}
	bsd_gate_destroy(&dev->dv_gate);
	kfree_rcu(dev, dv_rcu);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(netbsd_config_detach, BSDCOMPAT);

/**
 * netbsd_vdevgone() - wait for the device's entry points to drain (vdevgone)
 * @maj: the major of the device's switch (unused: the device is known)
 * @minl: the lowest minor (unused)
 * @minh: the highest minor (unused)
 * @type: VCHR or VBLK (unused)
 *
 * Called from a driver's detach, after it has told its sleepers to leave:
 * returns when no thread is in an entry point of the device being
 * detached, so that the driver may then destroy the locks and condvars
 * its entry points use. (config_detach() waits again, for references,
 * before it frees the softc.) Elsewhere it does nothing.
 *
 * Context: thread context; sleeps (the kernel lock is given up while it
 * waits). Only useful from a ca_detach function.
 */
void netbsd_vdevgone(int maj, int minl, int minh, int type)
{
	if (READ_ONCE(config_detacher) != current)
		return;
	bsd_gate_wait(&config_detaching->dv_gate);
}
EXPORT_SYMBOL_NS_GPL(netbsd_vdevgone, BSDCOMPAT);

/**
 * netbsd_device_lookup() - the device of a unit, without a reference
 * @cd: the driver
 * @unit: the unit
 *
 * Context: any. The result is safe to use only while the caller keeps the
 * device attached by other means (it is inside one of its entry points).
 * Return: the device, or NULL if the unit is not attached.
 */
device_t netbsd_device_lookup(struct cfdriver *cd, int unit)
{
	struct xarray *xa = READ_ONCE(cd->cd_units);

	if (unit < 0 || !xa)
		return NULL;
	return xa_load(xa, unit);
}
EXPORT_SYMBOL_NS_GPL(netbsd_device_lookup, BSDCOMPAT);

/**
 * netbsd_device_enter() - enter a unit's gate, for the entry-point bridges
 * @cd: the driver
 * @unit: the unit
 *
 * Context: any; never sleeps.
 * Return: the gate entered (leave it with bsd_gate_exit()), or
 * ERR_PTR(-ENXIO) if the unit is not attached or is detaching.
 */
struct bsd_gate *netbsd_device_enter(struct cfdriver *cd, int unit)
{
	struct bsd_gate *g = ERR_PTR(-ENXIO);
	device_t dev;

	if (unit < 0)
		return g;
	rcu_read_lock();
	dev = netbsd_device_lookup(cd, unit);
	if (dev && bsd_gate_enter(&dev->dv_gate))
		g = &dev->dv_gate;
	rcu_read_unlock();
	return g;
}

/* Is @dev, seen at @unit with its gate closed, still there and detaching? */
static bool lookup_detaching(struct cfdriver *cd, int unit, device_t dev)
{
	device_t cur;
	bool busy;

	rcu_read_lock();
	cur = netbsd_device_lookup(cd, unit);
	busy = cur == dev && bsd_gate_closed(&dev->dv_gate);
	rcu_read_unlock();
	return busy;
}

/**
 * netbsd_device_lookup_acquire() - look a unit up and take a reference
 * @cd: the driver
 * @unit: the unit
 *
 * While the unit is detaching, waits until the detach has finished (NULL)
 * or backed out (the device). The reference keeps config_detach() from
 * freeing the device; it may be held across sleeps.
 *
 * Context: thread context; may sleep (the kernel lock is given up while
 * waiting).
 * Return: the device, referenced, or NULL.
 */
device_t netbsd_device_lookup_acquire(struct cfdriver *cd, int unit)
{
	device_t dev;
	int nlocks;

	might_sleep();
	for (;;) {
		rcu_read_lock();
		dev = netbsd_device_lookup(cd, unit);
		if (dev && bsd_gate_enter(&dev->dv_gate)) {
			rcu_read_unlock();
			return dev;
		}
		rcu_read_unlock();
		if (!dev)
			return NULL;
		bsd_kernel_unlock(0, &nlocks, _RET_IP_);
		wait_event(config_wq, !lookup_detaching(cd, unit, dev));
		if (nlocks)
			bsd_kernel_lock(nlocks, _RET_IP_);
	}
}
EXPORT_SYMBOL_NS_GPL(netbsd_device_lookup_acquire, BSDCOMPAT);

/**
 * netbsd_device_release() - drop a reference from device_lookup_acquire()
 * @dev: the device
 *
 * Context: any; never sleeps.
 */
void netbsd_device_release(device_t dev)
{
	bsd_gate_exit(&dev->dv_gate);
}
EXPORT_SYMBOL_NS_GPL(netbsd_device_release, BSDCOMPAT);

/**
 * netbsd_attach_bind() - bind a handler to the device whose attach is running
 *
 * For establish calls (softint_establish(), intr_establish_xname()) made
 * from a driver's attach function: the handler will enter the device's
 * gate, so it stops being called when config_detach() starts. The
 * binding is counted until netbsd_attach_unbind(): a detach that leaves a
 * bound handler established is reported (the handler would outlive the
 * device's gate).
 *
 * Context: any.
 * Return: the gate, or NULL if the caller is not in an attach function.
 */
struct bsd_gate *netbsd_attach_bind(void)
{
	if (READ_ONCE(config_attacher) != current)
		return NULL;
	atomic_inc(&config_attaching->dv_nbound);
	return &config_attaching->dv_gate;
}

/**
 * netbsd_attach_unbind() - a handler bound by netbsd_attach_bind() is gone
 * @g: the gate it returned (NULL: nothing to do)
 *
 * Context: thread context or softirq; does not sleep.
 */
void netbsd_attach_unbind(struct bsd_gate *g)
{
	device_t dev;

	if (!g)
		return;
	/* The device may be gone already (a detach that left it bound). */
	spin_lock(&alldevs_lock);
	list_for_each_entry(dev, &alldevs, dv_list) {
		if (&dev->dv_gate == g) {
			atomic_dec(&dev->dv_nbound);
			break;
		}
	}
	spin_unlock(&alldevs_lock);
}

/**
 * netbsd_device_private() - the softc of a device
 * @dev: the device
 *
 * Context: any.
 * Return: the softc (ca_devsize bytes, zeroed at attach), or NULL.
 */
void *netbsd_device_private(device_t dev)
{
	return dev->dv_private;
}
EXPORT_SYMBOL_NS_GPL(netbsd_device_private, BSDCOMPAT);

/**
 * netbsd_device_xname() - a device's name, driver name and unit ("foo0")
 * @dev: the device
 *
 * Context: any.
 * Return: the name.
 */
const char *netbsd_device_xname(device_t dev)
{
	return dev->dv_xname;
}
EXPORT_SYMBOL_NS_GPL(netbsd_device_xname, BSDCOMPAT);

/**
 * netbsd_device_unit() - a device's unit number
 * @dev: the device
 *
 * Context: any.
 * Return: the unit.
 */
int netbsd_device_unit(device_t dev)
{
	return dev->dv_unit;
}
EXPORT_SYMBOL_NS_GPL(netbsd_device_unit, BSDCOMPAT);

/**
 * netbsd_device_parent() - a device's parent
 * @dev: the device
 *
 * Context: any.
 * Return: the parent, NULL for a pseudo-device.
 */
device_t netbsd_device_parent(device_t dev)
{
	return dev->dv_parent;
}
EXPORT_SYMBOL_NS_GPL(netbsd_device_parent, BSDCOMPAT);

/**
 * netbsd_device_is_active() - has the device attached and not detached?
 * @dev: the device
 *
 * Context: any.
 * Return: true between the end of attach and the end of detach.
 */
bool netbsd_device_is_active(device_t dev)
{
	return dev->dv_flags & DVF_ACTIVE;
}
EXPORT_SYMBOL_NS_GPL(netbsd_device_is_active, BSDCOMPAT);

/**
 * netbsd_device_cfdriver() - a device's driver
 * @dev: the device
 *
 * Context: any.
 * Return: the struct cfdriver.
 */
struct cfdriver *netbsd_device_cfdriver(device_t dev)
{
	return dev->dv_cfdriver;
}
EXPORT_SYMBOL_NS_GPL(netbsd_device_cfdriver, BSDCOMPAT);

static void aprint_va(int level, device_t dev, struct va_format *vaf)
{
	const char *name = dev ? dev->dv_xname : "";
	const char *sep = dev ? ": " : "";

	switch (level) {
	case NETBSD_AP_ERROR:
		pr_err("%s%s%pV", name, sep, vaf);
		break;
	case NETBSD_AP_VERBOSE:
		pr_info("%s%s%pV", name, sep, vaf);
		break;
	case NETBSD_AP_NAIVE:
	case NETBSD_AP_DEBUG:
		pr_debug("%s%s%pV", name, sep, vaf);
		break;
	default:
		pr_notice("%s%s%pV", name, sep, vaf);
	}
}

/**
 * netbsd_aprint() - aprint_normal() and friends
 * @level: NETBSD_AP_NORMAL, _ERROR, _VERBOSE, _NAIVE or _DEBUG
 * @fmt: printf format
 *
 * Context: any.
 */
void netbsd_aprint(int level, const char *fmt, ...)
{
	struct va_format vaf = { .fmt = fmt };
	va_list ap;

	va_start(ap, fmt);
	vaf.va = &ap;
	aprint_va(level, NULL, &vaf);
	va_end(ap);
}
EXPORT_SYMBOL_NS_GPL(netbsd_aprint, BSDCOMPAT);

/**
 * netbsd_aprint_dev() - aprint_normal_dev() and friends: "foo0: ..."
 * @level: NETBSD_AP_NORMAL, _ERROR, _VERBOSE, _NAIVE or _DEBUG
 * @dev: the device whose name starts the line
 * @fmt: printf format
 *
 * Context: any.
 */
void netbsd_aprint_dev(int level, device_t dev, const char *fmt, ...)
{
	struct va_format vaf = { .fmt = fmt };
	va_list ap;

	va_start(ap, fmt);
	vaf.va = &ap;
	aprint_va(level, dev, &vaf);
	va_end(ap);
}
EXPORT_SYMBOL_NS_GPL(netbsd_aprint_dev, BSDCOMPAT);
