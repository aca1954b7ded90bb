/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* What the Digital UNIX personality's files share; not the driver API. */
#ifndef _BSDCOMPAT_TRU64_TRU64_H_
#define _BSDCOMPAT_TRU64_TRU64_H_

#include <linux/jump_label.h>
#include <linux/types.h>

struct dentry;
struct slock;

/* The class names that misuse reports start with. */
#define TRU64_SLOCK_CLASS	"Simple lock"
#define TRU64_LOCK_CLASS	"Complex lock"
#define TRU64_FUNNEL_CLASS	"Funnel"
#define TRU64_SLEEP_CLASS	"Sleep"
#define TRU64_TIMEOUT_CLASS	"Timeout"

/* lockmode 4: check every lock operation (lockmode.c). */
DECLARE_STATIC_KEY_TRUE(tru64_lockmode_key);

static __always_inline bool tru64_checking(void)
{
	return static_branch_likely(&tru64_lockmode_key);
}

/*
 * May the caller sleep (or wait for a complex lock, or take the funnel)?
 * If not, report it as @cls/@op on @lock (@name) from @ip, saying why
 * (interrupt context, the simple lock held and where it was taken, a spin
 * mutex held), and return false. @interlock is a simple lock that the
 * caller holds and gives up before it sleeps (mpsleep()), or NULL.
 * Simple locks are only known with lockmode on.
 */
bool tru64_may_sleep(const char *cls, const char *op, const void *lock,
		     const char *name, const struct slock *interlock,
		     unsigned long ip);

void tru64_funnel_init(struct dentry *dir);
/* The callout queue (timeout.c), set up and torn down by tru64_init/exit. */
int tru64_timeout_init(void);
void tru64_timeout_exit(void);

int tru64_init(struct dentry *dir);
void tru64_exit(void);

#endif /* _BSDCOMPAT_TRU64_TRU64_H_ */
