// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * console_log.h - decide pass/fail from a test guest's serial console log.
 *
 * Pure functions over text: the caller reads the log and prints the
 * verdict.  Nothing here does I/O or throws for control flow.
 */
#ifndef BSDCOMPAT_CONSOLE_LOG_H
#define BSDCOMPAT_CONSOLE_LOG_H

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bsdcompat::console {

struct Options {
	std::string from = "guest: ";		 // ignore lines before this
	std::string marker = "BSDCOMPAT-GUEST-DONE"; // guest reached the end
	unsigned min_tests = 1;			 // fewest leaf results we accept
	std::vector<std::string> allow_warn{"bsd_lock_error"};
};

// One KTAP "ok"/"not ok" line.
struct Result {
	unsigned indent = 0; // leading spaces: nesting depth of the stream
	bool ok = false;
	bool skip = false; // SKIP or TODO directive
	std::string number;
	std::string name;
};

struct Summary {
	unsigned passed = 0;
	unsigned skipped = 0;
	std::vector<std::string> failures; // failed leaves and parents
	std::vector<std::string> reports;  // first line of each kernel report
	std::vector<std::string> problems; // missing markers, too few tests

	unsigned failed() const
	{
		return static_cast<unsigned>(failures.size() + reports.size() +
					     problems.size());
	}
	bool ok() const { return failed() == 0; }
};

// Drop a printk "[    1.234567] " prefix (and a "[T123] " caller id).
std::string_view strip_timestamp(std::string_view line);

// Parse a KTAP result line (timestamp already stripped).
std::optional<Result> parse_result(std::string_view line);

// Is this line (timestamp already stripped) the head of a kernel report?
bool is_report(std::string_view line, std::span<const std::string> allow_warn);

// Names may not contain white space: the closing line is split on it.
bool valid_name(std::string_view name);

Summary check(std::string_view log, const Options &opt);

// The whole verdict as printed on stdout, ending with the closing line.
std::string format(const Summary &sum, std::string_view name);

} // namespace bsdcompat::console

#endif // BSDCOMPAT_CONSOLE_LOG_H
