// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// A KTAP writer for the kselftest-style programs that run in the guest.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace bsdcompat::ktap {

class Writer {
public:
	explicit Writer(std::ostream &out) : out_(out) {}

	// "KTAP version 1" and the plan; call once, first.
	void plan(int tests);
	// One result: ok when problems is empty, else not ok with each problem
	// as a diagnostic line after it.
	void result(std::string_view name, const std::vector<std::string> &problems);
	void skip(std::string_view name, std::string_view why);
	void diag(std::string_view text);

	int passed() const { return passed_; }
	int failed() const { return failed_; }

private:
	std::ostream &out_;
	int next_ = 1;
	int passed_ = 0;
	int failed_ = 0;
};

} // namespace bsdcompat::ktap
