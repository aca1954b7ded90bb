// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * torture_log.h - read bsdtorture's results out of a guest console log.
 *
 * Pure functions over text, like console_log.h, whose report detection
 * (lockdep, KASAN, BUG, WARN, the end marker) they reuse.
 */
#ifndef BSDCOMPAT_TORTURE_LOG_H
#define BSDCOMPAT_TORTURE_LOG_H

#include "console_log.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bsdcompat::torture {

// The deliberately broken lock: it must end in FAILURE.
inline constexpr std::string_view kBusted = "bsd_busted";

// One torture_type's run, as the module reported it.
struct TypeResult {
	std::string type;
	unsigned long writes = 0;
	unsigned long reads = 0;
	unsigned long irqs = 0;
	unsigned long fail = 0; // writes, reads and interrupt failures
	bool started = false;
	bool finished = false; // "End of test" seen
	bool success = false;  // ... and it said SUCCESS
	bool load_failed = false; // the guest could not insmod it

	// Did this type do what it must: SUCCESS, or FAILURE for bsd_busted?
	bool as_expected() const;
};

struct Summary {
	std::string kernel;   // from "guest: kernel X, N CPUs, ..."
	unsigned vcpus = 0;
	std::vector<TypeResult> types; // in the order they ran
	std::vector<std::string> problems; // missing types, unknown lines
	console::Summary console;	    // reports, end marker
	unsigned passed() const;
	unsigned failed() const;
	bool ok() const { return failed() == 0; }
};

// One "bsdtorture: <type>-torture: ..." line, timestamp already stripped.
struct Line {
	enum Kind { Start, Writes, Reads, Irqs, End, Other } kind = Other;
	std::string type;
	unsigned long total = 0;
	unsigned long fail = 0;
	bool success = false; // End only
};

std::optional<Line> parse_line(std::string_view line);

// expected: the types that must have run (empty: whatever ran).
Summary check(std::string_view log, const std::vector<std::string> &expected);

// One line per type, problems and reports, and the closing
// "NAME: P passed, F failed" line.
std::string format(const Summary &sum, std::string_view name);

} // namespace bsdcompat::torture

#endif // BSDCOMPAT_TORTURE_LOG_H
