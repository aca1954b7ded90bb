// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// What the guest programs do with the tru64demo driver: threads run through
// its Digital UNIX primitives (simple locks at spl, complex locks, funnels,
// mpsleep()) and each scenario returns what happened in one sentence plus
// the problems found. As in scenarios.h, the checks are pure functions so
// that they are unit-tested on the host.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "scenarios.h"
#include "tru64demo_client.h"

namespace bsdcompat {

// Checks: empty when all is well.
// The simple-lock pair after @thread_sections sections from threads and an
// unknown number from the timer: never torn, nothing lost, and the timer
// did run (else nothing was tested against the interrupt).
std::vector<std::string> check_slock_pair(const tru64demo_stats &st,
					  std::uint64_t thread_sections);
// The complex lock after @writer_sections write sections and
// @reader_sections read sections, @upgrade_tries of which tried
// lock_read_to_write(). Readers inside at once are reported, and at least
// one must have been seen when there were readers; two or more is timing.
std::vector<std::string> check_complex_lock(const tru64demo_stats &st,
					    std::uint64_t writer_sections,
					    std::uint64_t reader_sections,
					    std::uint64_t upgrade_tries);
// @calls funneled sections run with hold_us != 0 (every 4th one sleeps in
// mpsleep() and gives the funnel up): all on the master CPU, one at a
// time, and with 4 or more some did sleep.
std::vector<std::string> check_funnel(const tru64demo_stats &st, std::uint64_t calls);
// The mpsleep() token queue after @expected tokens: every token consumed
// once, none left.
std::vector<std::string> check_tru64_queue(const tru64demo_stats &st, std::uint64_t expected);
// bsdcompat reported no misuse while the scenario ran.
std::vector<std::string> check_lock_errors(const tru64demo_stats &st);

// Each one also fails on an errno from any thread and on misuse reports.
Outcome tru64_slock_vs_interrupt(Tru64Demo &dev, unsigned threads, unsigned loops);
Outcome tru64_complex_readers_writers(Tru64Demo &dev, unsigned writers, unsigned readers,
				      unsigned loops);
Outcome tru64_funnel(Tru64Demo &dev, unsigned threads, unsigned loops);
// Consumers block in mpsleep() with the queue's simple lock as interlock.
// A lost wakeup hangs a consumer (and the guest runs out of time).
Outcome tru64_queue_producers_consumers(Tru64Demo &dev, unsigned pairs, unsigned items);

// All of them, in order, at the sizes the guest runs (a few seconds each on
// 2 TCG vCPUs).
std::vector<Outcome> run_tru64(Tru64Demo &dev);
// How many outcomes run_tru64 returns, for the selftest's KTAP plan.
inline constexpr int kTru64Scenarios = 4;

} // namespace bsdcompat
