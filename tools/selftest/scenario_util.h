// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// Small helpers shared by the scenario files (scenarios.cpp for lockdemo,
// tru64_scenarios.cpp for tru64demo, freebsd_scenarios.cpp for fbsddemo),
// so that all build their sentences, run their threads and read their
// driver's statistics the same way.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "scenarios.h"

namespace bsdcompat::util {

inline std::string str(std::uint64_t v)
{
	return std::to_string(v);
}

// Run fn(i) on n threads and collect each thread's errno (0 = fine).
template <typename Fn>
std::vector<int> on_threads(unsigned n, Fn fn)
{
	std::vector<int> errors(n, 0);
	{
		std::vector<std::jthread> threads;
		for (unsigned i = 0; i < n; i++)
			threads.emplace_back([&, i] { errors[i] = fn(i); });
	}
	return errors;
}

template <typename T>
void append(std::vector<T> &to, std::vector<T> from)
{
	to.insert(to.end(), from.begin(), from.end());
}

// bsdcompat's misuse reports while a driver ran (its stats' lock_errors).
inline std::vector<std::string> lock_errors(std::uint64_t n)
{
	if (n == 0)
		return {};
	return { str(n) + " misuse reports from bsdcompat while it ran" };
}

// For the drivers whose RESET and STATS calls look alike (tru64demo,
// fbsddemo). Without a reset the counters hold an earlier run's sections
// and every check would be off: false says stop there.
template <typename Dev>
bool reset(Outcome &o, Dev &dev)
{
	if (int e = dev.reset()) {
		o.problems.push_back(std::string("resetting the driver: ") + std::strerror(e));
		return false;
	}
	return true;
}

// What every scenario checks once its threads are done: their errnos, and
// bsdcompat's misuse reports. False when the statistics cannot be read: the
// scenario's own checks would only be about zeros.
template <typename Dev, typename Stats>
bool finish(Outcome &o, Dev &dev, Stats &st, const std::vector<int> &errors)
{
	append(o.problems, check_errnos(errors));
	if (int e = dev.stats(st)) {
		o.problems.push_back(std::string("reading the statistics: ") + std::strerror(e));
		return false;
	}
	append(o.problems, lock_errors(st.lock_errors));
	return true;
}

} // namespace bsdcompat::util
