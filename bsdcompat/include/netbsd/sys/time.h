/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The parts of NetBSD's <sys/time.h> that kernel interfaces take: struct
 * bintime, seconds and 1/2^64 fractions of a second, with the conversions
 * the kernel uses. A negative time is a negative sec with frac >= 0.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_TIME_H_
#define _BSDCOMPAT_NETBSD_SYS_TIME_H_

#include <linux/time64.h>
#include <linux/types.h>

struct bintime {
	time64_t	sec;	/* NetBSD: time_t, 64 bits */
	uint64_t	frac;
};

/* 2^64 / 10^9, rounded down: frac per nanosecond. */
#define BSD_FRAC_PER_NS		18446744073ULL

static inline s64 bintime2ns(const struct bintime *bt)
{
	/* Rounded to the nearest ns, so that ns2bintime() round-trips. */
	return bt->sec * NSEC_PER_SEC +
	       (s64)(((bt->frac >> 32) * NSEC_PER_SEC + (1ULL << 31)) >> 32);
}

static inline void ns2bintime(s64 ns, struct bintime *bt)
{
	s64 sec = ns / NSEC_PER_SEC;
	s64 rem = ns % NSEC_PER_SEC;

	if (rem < 0) {
		sec--;
		rem += NSEC_PER_SEC;
	}
	bt->sec = sec;
	bt->frac = (uint64_t)rem * BSD_FRAC_PER_NS;
}

#endif /* _BSDCOMPAT_NETBSD_SYS_TIME_H_ */
