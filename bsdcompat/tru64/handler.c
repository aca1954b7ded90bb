// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Digital UNIX handler_add(9r) and friends (see <io/common/handler.h>).
 *
 * handler_add() only records the ISR; handler_enable() establishes it on
 * the core (core/intr.c) and handler_disable() takes it away again, so a
 * disabled ISR is not called at all. A funneled ISR is the core's
 * "filter" with BSD_INTR_FUNNEL: the core runs it in the line's irq thread
 * inside unix_master() (funnel.c), which binds the thread to the master CPU
 * and takes the big lock; the thread, not the interrupt, moves to CPU 0.
 */
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/slab.h>

#include <io/common/handler.h>
#include <machine/cpu.h>
#include <bsdcompat/intr.h>
#include <bsdcompat/lockdebug.h>

#define HANDLER_CLASS	"Interrupt"
#define HK_MAGIC	0x68616e64u	/* "hand" */
#define HK_DEAD		0x68646564u

struct handler_key {
	ihandler_id_t		hk_id;		/* what handler_add() returns */
	u32			hk_magic;
	struct handler_intr_info hk_info;	/* a copy */
	int			hk_irq;
	struct mutex		hk_lock;	/* enable against disable */
	struct bsd_intr		*hk_ih;		/* non-NULL while enabled */
};

static void handler_error(const void *p, const char *op, unsigned long ip,
			  const char *msg)
{
	bsd_lock_error(HANDLER_CLASS, op, p, "handler", ip, "%s", msg);
}

static struct handler_key *handler_key(ihandler_id_t *id, const char *op,
				       unsigned long ip)
{
	struct handler_key *hk;
	u32 magic;

	if (!id) {
		handler_error(id, op, ip, "NULL handler id");
		return NULL;
	}
	hk = container_of(id, struct handler_key, hk_id);
	magic = READ_ONCE(hk->hk_magic);
	if (magic == HK_MAGIC)
		return hk;
	handler_error(id, op, ip, magic == HK_DEAD ? "handler deleted" :
		      "not a handler id");
	return NULL;
}

/**
 * tru64_handler_add() - register an interrupt service routine
 * @ih: ih_bus_info points to the struct handler_intr_info with the ISR;
 *	ih_irq is the Linux interrupt number
 *
 * The ISR is not called until handler_enable().
 *
 * Context: thread context; may sleep.
 * Return: the handler's id, also stored in @ih->ih_id, or NULL (bad
 * arguments are reported).
 */
ihandler_id_t *tru64_handler_add(ihandler_t *ih)
{
	struct handler_intr_info *info;
	struct handler_key *hk;

	if (!ih || !ih->ih_bus_info || ih->ih_irq < 0) {
		handler_error(ih, "handler_add", _RET_IP_,
			      "no handler info or interrupt");
		return NULL;
	}
	info = (struct handler_intr_info *)ih->ih_bus_info;
	if (!info->intr) {
		handler_error(ih, "handler_add", _RET_IP_, "NULL ISR");
		return NULL;
	}
	hk = kzalloc(sizeof(*hk), GFP_KERNEL);
	if (!hk)
		return NULL;
	hk->hk_info = *info;
	hk->hk_irq = ih->ih_irq;
	mutex_init(&hk->hk_lock);
	hk->hk_id = (ihandler_id_t)hk;
	hk->hk_magic = HK_MAGIC;
	ih->ih_id = hk->hk_id;
	return &hk->hk_id;
}
EXPORT_SYMBOL_NS_GPL(tru64_handler_add, BSDCOMPAT);

/* The ISR, with its caddr_t argument, as the core's filter. */
static int handler_isr(void *arg)
{
	struct handler_key *hk = arg;

	return hk->hk_info.intr(hk->hk_info.param);
}

/**
 * tru64_handler_enable() - let the ISR be called
 * @id: what handler_add() returned
 *
 * Context: thread context; may sleep.
 * Return: 0, or -1 if the interrupt could not be had or @id is not a
 * disabled handler (reported).
 */
int tru64_handler_enable(ihandler_id_t *id)
{
	unsigned long ip = _RET_IP_;
	struct handler_key *hk = handler_key(id, "handler_enable", ip);
	struct bsd_intr_args a = {
		.ipl = SPLDEVHIGH,
		.flags = BSD_INTR_BOOL,
		.filter = handler_isr,
		.name = "tru64",
		.caller = ip,
	};
	int ret = 0;

	if (!hk)
		return -1;
	a.arg = hk;
	if (hk->hk_info.config_type & NOT_DIST_INTR_SAFE)
		a.flags |= BSD_INTR_FUNNEL;
	else
		a.flags |= BSD_INTR_MPSAFE;
	mutex_lock(&hk->hk_lock);
	if (hk->hk_ih) {
		handler_error(id, "handler_enable", ip, "already enabled");
		ret = -1;
	} else {
		hk->hk_ih = bsd_intr_establish(hk->hk_irq, &a);
		if (!hk->hk_ih)
			ret = -1;
	}
	mutex_unlock(&hk->hk_lock);
	return ret;
}
EXPORT_SYMBOL_NS_GPL(tru64_handler_enable, BSDCOMPAT);

/**
 * tru64_handler_disable() - stop calling the ISR
 * @id: what handler_add() returned
 *
 * Returns once the ISR runs nowhere.
 *
 * Context: thread context; may sleep. Not from the ISR itself.
 * Return: 0, or -1 if @id is not an enabled handler (reported).
 */
int tru64_handler_disable(ihandler_id_t *id)
{
	unsigned long ip = _RET_IP_;
	struct handler_key *hk = handler_key(id, "handler_disable", ip);
	struct bsd_intr *ih;

	if (!hk)
		return -1;
	mutex_lock(&hk->hk_lock);
	ih = hk->hk_ih;
	hk->hk_ih = NULL;
	mutex_unlock(&hk->hk_lock);
	if (!ih) {
		handler_error(id, "handler_disable", ip, "not enabled");
		return -1;
	}
	bsd_intr_disestablish_at(ih, ip);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(tru64_handler_disable, BSDCOMPAT);

/**
 * tru64_handler_del() - unregister a disabled ISR
 * @id: what handler_add() returned; invalid afterwards
 *
 * An enabled handler is reported and disabled first.
 *
 * Context: thread context; may sleep.
 * Return: 0, or -1 for a bad @id (reported).
 */
int tru64_handler_del(ihandler_id_t *id)
{
	unsigned long ip = _RET_IP_;
	struct handler_key *hk = handler_key(id, "handler_del", ip);

	if (!hk)
		return -1;
	if (READ_ONCE(hk->hk_ih)) {
		handler_error(id, "handler_del", ip, "handler still enabled");
		tru64_handler_disable(id);
	}
	WRITE_ONCE(hk->hk_magic, HK_DEAD);
	mutex_destroy(&hk->hk_lock);
	kfree(hk);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(tru64_handler_del, BSDCOMPAT);
