/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Digital UNIX timeout(9r) and untimeout(9r): the callout queue.
 *
 * The rules, as Digital UNIX states them, and where bsdcompat differs:
 *  - timeout(func, arg, ticks) calls func(arg) once, @ticks ticks (hz a
 *    second) from now; the same func and arg may be scheduled several
 *    times. There is no handle: the callout queue keeps the element.
 *  - untimeout(func, arg) removes the scheduled call that matches both
 *    func and arg (the soonest, if there are several) and returns TRUE; if
 *    there is none (never scheduled, already called) it returns FALSE. It
 *    does not wait for a call that has started.
 *  - Digital UNIX calls the handler from softclock on the interrupt stack;
 *    bsdcompat calls it in a worker thread on the master CPU (CPU 0),
 *    holding the funnel (the big lock), since the 9r interface has no way
 *    to say a handler is SMP safe. It should not sleep all the same.
 *  - bsdcompat: a call still scheduled when the module whose function it
 *    is unloads is reported and cancelled, instead of jumping into freed
 *    code later.
 */
#ifndef _BSDCOMPAT_TRU64_SYS_CALLOUT_H_
#define _BSDCOMPAT_TRU64_SYS_CALLOUT_H_

#include <sys/types.h>

struct module;

/* A handler: int (*)(), called with the one argument. */
typedef int (*tru64_timeout_fn)(caddr_t arg);

void tru64_timeout(tru64_timeout_fn func, caddr_t arg, int ticks);
boolean_t tru64_untimeout(tru64_timeout_fn func, caddr_t arg);
int tru64_timeout_module_going(struct module *mod);

/*
 * Macros, so that a handler declared int (*)() with any one-argument
 * prototype is taken, as the K&R declaration of the 9r pages takes it.
 */
#define timeout(func, arg, ticks)					\
	tru64_timeout((tru64_timeout_fn)(void *)(func), (caddr_t)(arg), (ticks))
#define untimeout(func, arg)						\
	tru64_untimeout((tru64_timeout_fn)(void *)(func), (caddr_t)(arg))

#endif /* _BSDCOMPAT_TRU64_SYS_CALLOUT_H_ */
