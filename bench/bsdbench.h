/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * bsdbench: what the core (native Linux locks, timing, output) and the
 * personality files (one per set of BSD headers) share.
 *
 * Every loop runs its lock's enter+exit pair @n times, so that one indirect
 * call is paid per batch, not per pair, and both sides pay it alike.
 */
#ifndef _BSDBENCH_H_
#define _BSDBENCH_H_

#include <linux/types.h>

/* An uncontended comparison: a bsdcompat primitive and its native base. */
struct bsdbench_pair {
	const char	*name;		/* for only= and the JSON */
	const char	*kind;		/* "sleep" or "spin": which target */
	const char	*bsd;		/* what the bsdcompat loop does */
	const char	*native;	/* what the native loop does */
	void		(*bsd_loop)(unsigned long n);
	void		(*native_loop)(unsigned long n);
	void		(*setup)(void);		/* may be NULL */
	void		(*teardown)(void);	/* may be NULL */
};

/*
 * A contended series: threads that each take the lock, bump the counter
 * next to it and drop it until *stop; run() returns its acquisitions.
 */
struct bsdbench_series {
	const char	*name;
	bool		bsdcompat;
	unsigned long	(*run)(const bool *stop);
	unsigned long	(*counter)(void);	/* the shared counter */
};

/* Native loops, in bsdbench_core.c. */
void bsdbench_mutex_loop(unsigned long n);
void bsdbench_spl_mutex_loop(unsigned long n);
void bsdbench_spin_irqsave_loop(unsigned long n);
void bsdbench_raw_irqsave_loop(unsigned long n);
void bsdbench_raw_spin_loop(unsigned long n);
void bsdbench_irqsave_loop(unsigned long n);
void bsdbench_down_read_loop(unsigned long n);
void bsdbench_down_write_loop(unsigned long n);
void bsdbench_percpu_ref_loop(unsigned long n);
void bsdbench_percpu_ref_init(void);
void bsdbench_percpu_ref_exit(void);

/* Each personality file: its pairs and series, set up and torn down. */
extern const struct bsdbench_pair bsdbench_netbsd_pairs[];
extern const unsigned int bsdbench_netbsd_npairs;
extern const struct bsdbench_series bsdbench_netbsd_series[];
extern const unsigned int bsdbench_netbsd_nseries;
void bsdbench_netbsd_init(void);
void bsdbench_netbsd_fini(void);

extern const struct bsdbench_pair bsdbench_freebsd_pairs[];
extern const unsigned int bsdbench_freebsd_npairs;
extern const struct bsdbench_series bsdbench_freebsd_series[];
extern const unsigned int bsdbench_freebsd_nseries;
void bsdbench_freebsd_init(void);
void bsdbench_freebsd_fini(void);

extern const struct bsdbench_pair bsdbench_tru64_pairs[];
extern const unsigned int bsdbench_tru64_npairs;
void bsdbench_tru64_init(void);
void bsdbench_tru64_fini(void);

/* Between two contended acquisitions, every so often: let others run. */
#define BSDBENCH_RESCHED_MASK	63

#endif /* _BSDBENCH_H_ */
