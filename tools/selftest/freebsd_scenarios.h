// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// What the guest programs do with the fbsddemo driver: threads run through
// its FreeBSD primitives (sleep and spin mutexes, sx and rw locks, the read
// path on mtx_sleep() and cv_wait_sig(), Giant) and each scenario returns
// what happened in one sentence plus the problems found. As in scenarios.h,
// the checks are pure functions so that they are unit-tested on the host.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fbsddemo_client.h"
#include "scenarios.h"

namespace bsdcompat {

// Checks: empty when all is well.
// The MTX_DEF pair after @sections read-modify-write sections: never torn,
// no update lost.
std::vector<std::string> check_freebsd_mtx(const fbsddemo_stats &st, std::uint64_t sections);
// The MTX_SPIN pair after @thread_sections sections from threads and an
// unknown number from the timer: never torn, nothing lost, and the timer
// did run (else nothing was tested against the interrupt).
std::vector<std::string> check_freebsd_spin(const fbsddemo_stats &st,
					    std::uint64_t thread_sections);
// An sx or rw lock (@lock names it in the problems) after @writer_sections
// write sections, each of which writes once, @upgrade_tries of them by
// try_upgrade() from a read hold, and @reader_sections read sections.
// Readers inside at once are reported, and at least one must have been
// seen when there were readers; two or more is timing, as are upgrades.
std::vector<std::string> check_freebsd_sxrw(const fbsddemo_rwstats &s, const std::string &lock,
					    std::uint64_t writer_sections,
					    std::uint64_t reader_sections,
					    std::uint64_t upgrade_tries);
// Read queue @queue after @expected tokens, and then one consumer on the
// empty ring that a signal (handler without SA_RESTART) woke: every token
// taken once, none left, nobody asleep, exactly one sleep ended by the
// signal, and that read failed with @signal_errno == EINTR.
std::vector<std::string> check_freebsd_read(const fbsddemo_stats &st, unsigned queue,
					    std::uint64_t expected, int signal_errno);
// @sections Giant sections, @sleeps of which slept in pause() and gave
// Giant up: never two inside at once, Giant held twice again after each.
std::vector<std::string> check_freebsd_giant(const fbsddemo_stats &st, std::uint64_t sections,
					     std::uint64_t sleeps);
// bsdcompat reported no misuse while the scenario ran.
std::vector<std::string> check_lock_errors(const fbsddemo_stats &st);

// Each one also fails on an errno from any thread and on misuse reports.
Outcome freebsd_mtx_no_lost_update(FbsdDemo &dev, unsigned threads, unsigned loops);
Outcome freebsd_spin_vs_interrupt(FbsdDemo &dev, unsigned threads, unsigned loops);
// The sx lock (readers asleep inside), then the rw lock (nobody asleep).
Outcome freebsd_sx_rw_readers_writers(FbsdDemo &dev, unsigned writers, unsigned readers,
				      unsigned sx_loops, unsigned rw_loops);
// Both queues: producers and consumers, then a signal for a consumer
// asleep on the empty ring. A lost wakeup hangs a consumer (and the guest
// runs out of time).
Outcome freebsd_read_path(FbsdDemo &dev, unsigned pairs, unsigned items);
Outcome freebsd_giant(FbsdDemo &dev, unsigned threads, unsigned loops);

// All of them, in order, at the sizes the guest runs (a few seconds each on
// 2 TCG vCPUs).
std::vector<Outcome> run_freebsd(FbsdDemo &dev);
// How many outcomes run_freebsd returns, for the selftest's KTAP plan.
inline constexpr int kFreebsdScenarios = 5;

} // namespace bsdcompat
