// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// What the guest programs do with the lockdemo driver. Each scenario runs
// threads through the driver's NetBSD primitives and returns what happened
// in one sentence plus the problems found; the checks are pure functions
// so that they are unit-tested on the host.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lockdemo_client.h"
#include "lockstat.h"

namespace bsdcompat {

struct Outcome {
	std::string name;	// KTAP test name
	std::string what;	// one sentence for people
	std::vector<std::string> problems;
};

// Checks: empty when all is well.
std::vector<std::string> check_counter(const lockdemo_stats &st, std::uint64_t expected);
std::vector<std::string> check_spin_pair(const lockdemo_stats &st,
					 std::uint64_t thread_sections);
std::vector<std::string> check_freed(std::uint64_t freed, std::uint64_t objects);
std::vector<std::string> check_errnos(const std::vector<int> &errors);
std::vector<std::string> check_rw_pair(const lockdemo_stats &st, std::uint64_t writer_sections,
				       std::uint64_t reader_sections);
// A producer/consumer queue (0: condvar, 1: kernel lock + tsleep) after
// @expected tokens went through it: every token consumed once, none left.
std::vector<std::string> check_queue(const lockdemo_stats &st, unsigned queue,
				     std::uint64_t expected);
// Parses bsdcompat's debugfs lockdebug file ("errors: N" first).
std::vector<std::string> check_lockdebug(const std::string &text);
// lockstat after lockdemo ran with it on: parsed cleanly, on, nothing
// dropped, and lockdemo's classes (sc->sc_lock, sc->sc_intr_lock,
// sc->sc_rwlock both ways) have acquisitions. Contention is not required.
std::vector<std::string> check_lockstat_recorded(const lockstat::Snapshot &snap);
// lockstat after disable and clear: parsed cleanly, off, every count zero.
std::vector<std::string> check_lockstat_cleared(const lockstat::Snapshot &snap);

Outcome adaptive_no_lost_update(LockDemo &dev, unsigned threads, unsigned loops);
Outcome adaptive_at_raised_ipl(LockDemo &dev, unsigned loops);
Outcome spin_vs_interrupt(LockDemo &dev, unsigned threads, unsigned loops);
Outcome rwlock_readers_writers(LockDemo &dev, unsigned writers, unsigned readers,
			       unsigned loops);
// Consumers block until producers hand them tokens, through a condvar and
// through tsleep()/wakeup() under the kernel lock. A lost wakeup hangs a
// consumer (and the guest runs out of time).
Outcome queue_producers_consumers(LockDemo &dev, unsigned pairs, unsigned items);
Outcome free_under_own_lock(LockDemo &dev, unsigned threads, unsigned objects,
			    unsigned rounds);
// Leaves lockstat cleared, and on only if it was on before.
Outcome lockstat_lockdemo(LockDemo &dev, unsigned threads, unsigned loops,
			  const std::string &path = lockstat::kDefaultPath);
Outcome lockdebug_clean(const std::string &path = "/sys/kernel/debug/bsdcompat/lockdebug");

// All of them but lockdebug_clean (which the programs run last, after the
// other drivers' scenarios too), in order, at the sizes the guest runs.
// @lockstat_path is for the host tests.
std::vector<Outcome> run_all(LockDemo &dev,
			     const std::string &lockstat_path = lockstat::kDefaultPath);
// How many outcomes run_all returns: the selftest's KTAP plan comes before
// anything runs. selftest_test holds the two together.
inline constexpr int kNetbsdScenarios = 7;

} // namespace bsdcompat
