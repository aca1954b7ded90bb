// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// Small helpers shared by the scenario files (scenarios.cpp for lockdemo,
// tru64_scenarios.cpp for tru64demo), so that both build their sentences
// and run their threads the same way.
#pragma once

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

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

inline void append(std::vector<std::string> &to, std::vector<std::string> from)
{
	to.insert(to.end(), from.begin(), from.end());
}

} // namespace bsdcompat::util
