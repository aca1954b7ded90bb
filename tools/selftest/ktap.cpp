// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include "ktap.h"

namespace bsdcompat::ktap {

void Writer::plan(int tests)
{
	out_ << "KTAP version 1\n1.." << tests << '\n';
}

void Writer::result(std::string_view name, const std::vector<std::string> &problems)
{
	for (const auto &p : problems)
		diag(p);
	if (problems.empty()) {
		out_ << "ok " << next_++ << ' ' << name << '\n';
		passed_++;
	} else {
		out_ << "not ok " << next_++ << ' ' << name << '\n';
		failed_++;
	}
	out_.flush();
}

void Writer::skip(std::string_view name, std::string_view why)
{
	out_ << "ok " << next_++ << ' ' << name << " # SKIP " << why << '\n';
	out_.flush();
}

void Writer::diag(std::string_view text)
{
	out_ << "# " << text << '\n';
}

} // namespace bsdcompat::ktap
