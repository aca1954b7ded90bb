// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// The detach test of issue 6 from user space: threads loop over open, read,
// ioctl and close of /dev/nbdet0 while a controller detaches the unit and
// attaches it again through /dev/nbdetctl0. Every call must succeed or fail
// with ENXIO (the unit is detaching or gone: its gate is closed), or, for an
// open, with ENOENT (the node is gone); the driver must never have found
// its softc freed (bad magic), and the run must end. As in scenarios.h the
// checks are pure functions, unit-tested on the host.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "detach_client.h"
#include "scenarios.h"

namespace bsdcompat {

enum class DetachCall { open, read, ioctl, close };
inline constexpr std::size_t kDetachCalls = 4;

const char *detach_call_name(DetachCall c);

enum class Verdict {
	ok,		// the call succeeded
	gone,		// ENXIO: the unit is detaching or detached
	no_node,	// ENOENT from open: the node is gone
	bad,		// anything else
};

// What an errno (0 for success) means for @call.
Verdict classify(DetachCall call, int error);

// What every worker's calls came to. add() one call at a time, merge() the
// threads' tallies.
struct DetachTally {
	std::array<std::uint64_t, kDetachCalls> ok{}, gone{};
	std::uint64_t no_node = 0;	// opens
	std::uint64_t bad = 0;
	std::uint64_t bytes = 0;	// bytes the successful reads got
	std::uint64_t wrong_unit = 0;	// NBDET_INFO answered for another unit
	std::uint64_t fire_errors = 0;	// NBDETCTL_FIRE calls that failed
	std::vector<std::string> bad_calls;	// the first few, for people

	void add(DetachCall call, int error);
	void merge(const DetachTally &t);
	std::uint64_t calls() const;
};

// Checks: empty when all is well.
// Every call classified ok, gone or no_node; the unit answered as unit 0;
// every NBDETCTL_FIRE worked; some calls succeeded, and some met the
// detach (else nothing was tested).
std::vector<std::string> check_detach_calls(const DetachTally &t);
// The controller: each of @rounds DETACH and ATTACH returned 0 (@detach_errors
// and @attach_errors hold the errnos of the ones that did not).
std::vector<std::string> check_detach_control(unsigned rounds,
					      const std::vector<int> &detach_errors,
					      const std::vector<int> &attach_errors);
// The driver's statistics after @rounds detaches and attaches since its
// RESET, against what the workers saw (@t): no entry found a bad magic,
// each detach and attach ran once, the interrupt handler ran, and the
// driver's counts of successful opens and ioctls, and of the bytes read,
// match the workers' exactly.
std::vector<std::string> check_detach_stats(const nbdet_stats &st, unsigned rounds,
					    const DetachTally &t);

// @threads workers (each round: open, read, ioctl, close of the unit, and
// NBDETCTL_FIRE to raise its interrupt) and one controller doing @rounds x
// (DETACH, a pause, ATTACH, a pause); then one more open/read/ioctl/close
// that must all work.
// A call that hangs past @limit_s seconds ends the program (a hang is a
// failure that no result line can report).
Outcome detach_under_load(NbdetCtl &ctl, const std::string &unit_path, unsigned threads,
			  unsigned rounds, unsigned limit_s = 300);

// All of them, at the sizes the guest runs.
std::vector<Outcome> run_detach(NbdetCtl &ctl);
// How many outcomes run_detach returns, for the selftest's KTAP plan.
inline constexpr int kDetachScenarios = 1;

} // namespace bsdcompat
