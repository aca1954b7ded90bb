// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * console_log.cpp - KTAP tally and kernel report detection for a guest's
 * serial console log.  Hand-written parsing: the formats are tiny and a
 * regex would hide which prefixes are matched exactly.
 */
#include "console_log.h"

#include <algorithm>
#include <cctype>

namespace bsdcompat::console {
namespace {

using std::string_view;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(string_view s)
{
	return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

string_view ltrim(string_view s)
{
	while (!s.empty() && s.front() == ' ')
		s.remove_prefix(1);
	return s;
}

string_view rtrim(string_view s)
{
	while (!s.empty() && (s.back() == ' ' || s.back() == '\r'))
		s.remove_suffix(1);
	return s;
}

bool consume(string_view &s, string_view prefix)
{
	if (!s.starts_with(prefix))
		return false;
	s.remove_prefix(prefix.size());
	return true;
}

bool consume_digits(string_view &s)
{
	size_t n = 0;
	while (n < s.size() && is_digit(s[n]))
		n++;
	s.remove_prefix(n);
	return n > 0;
}

bool istarts_with(string_view s, string_view prefix)
{
	if (s.size() < prefix.size())
		return false;
	for (size_t i = 0; i < prefix.size(); i++)
		if (std::toupper(static_cast<unsigned char>(s[i])) != prefix[i])
			return false;
	return true;
}

// "    1.234567": printk time, seconds and fraction.
bool is_time(string_view body)
{
	body = ltrim(body);
	size_t dot = body.find('.');
	return dot != string_view::npos && all_digits(body.substr(0, dot)) &&
	       all_digits(body.substr(dot + 1));
}

// "T123" or "C1": CONFIG_PRINTK_CALLER thread or CPU id.
bool is_caller(string_view body)
{
	body = ltrim(body);
	return body.size() > 1 && (body[0] == 'T' || body[0] == 'C') &&
	       all_digits(body.substr(1));
}

// Text after a leading "[body]" whose body is accepted, else nullopt.
std::optional<string_view> after_bracket(string_view s,
					 bool (*accept)(string_view))
{
	if (!s.starts_with('['))
		return std::nullopt;
	size_t end = s.find(']');
	if (end == string_view::npos || !accept(s.substr(1, end - 1)))
		return std::nullopt;
	return s.substr(end + 1);
}

// The function a WARN() splat blames: "WARNING: CPU: 0 PID: 53 at
// path/file.c:65 func+0x1c7/0x1e0 [mod]".  Without CONFIG_BUG's file
// and line the path is absent and the function follows "at" directly.
std::optional<string_view> warn_function(string_view s)
{
	if (!consume(s, "WARNING: CPU: ") || !consume_digits(s) ||
	    !consume(s, " PID: ") || !consume_digits(s) || !consume(s, " at "))
		return std::nullopt;

	string_view word = s.substr(0, s.find(' '));
	if (word.find("+0x") == string_view::npos) {
		s.remove_prefix(word.size());
		s = ltrim(s);
		word = s.substr(0, s.find(' '));
	}
	size_t plus = word.find("+0x");
	if (plus == string_view::npos || plus == 0)
		return std::nullopt;
	return word.substr(0, plus);
}

bool allowed_warn(string_view line, std::span<const std::string> allow)
{
	auto func = warn_function(line);
	return func && std::find(allow.begin(), allow.end(), *func) != allow.end();
}

bool is_ktap_header(string_view s)
{
	s = ltrim(s);
	return s.starts_with("KTAP version ") || s.starts_with("TAP version ");
}

std::string label(const Result &r)
{
	return r.name.empty() ? "test " + r.number : r.name;
}

/*
 * Counts leaves and finds failed parents.  A result is a parent when the
 * result before it was nested deeper.  frames_ holds, per indentation
 * still open, whether a failure was already counted at or below it, so
 * that a "not ok" suite line adds a failure only when none of its cases
 * explains it.
 */
class Tally {
public:
	explicit Tally(Summary &sum) : sum_(sum) {}

	void result(const Result &r)
	{
		bool parent = has_prev_ && prev_ > r.indent;
		bool below = pop_deeper(r.indent);
		bool failed = !r.ok && !r.skip;

		has_prev_ = true;
		prev_ = r.indent;
		if (parent) {
			if (failed && !below)
				sum_.failures.push_back(label(r));
		} else {
			leaves_++;
			if (r.skip)
				sum_.skipped++;
			else if (r.ok)
				sum_.passed++;
			else
				sum_.failures.push_back(label(r));
		}
		mark(r.indent, failed || below);
	}

	// A new stream at a shallower level than the last result means the
	// old one was cut short: its cases are no parent's children.
	void header(unsigned indent)
	{
		if (has_prev_ && prev_ > indent) {
			pop_deeper(indent);
			has_prev_ = false;
		}
	}

	unsigned leaves() const { return leaves_; }

private:
	struct Frame {
		unsigned indent;
		bool failed;
	};

	bool pop_deeper(unsigned indent)
	{
		bool failed = false;
		while (!frames_.empty() && frames_.back().indent > indent) {
			failed |= frames_.back().failed;
			frames_.pop_back();
		}
		return failed;
	}

	void mark(unsigned indent, bool failed)
	{
		if (!frames_.empty() && frames_.back().indent == indent)
			frames_.back().failed |= failed;
		else
			frames_.push_back({indent, failed});
	}

	Summary &sum_;
	std::vector<Frame> frames_;
	bool has_prev_ = false; // std::optional trips gcc 12's
	unsigned prev_ = 0;	// -Wmaybe-uninitialized at -O2
	unsigned leaves_ = 0;
};

} // namespace

std::string_view strip_timestamp(std::string_view line)
{
	auto rest = after_bracket(line, is_time);
	if (!rest)
		return line;
	if (auto after_caller = after_bracket(*rest, is_caller))
		rest = after_caller;
	if (rest->starts_with(' '))
		rest->remove_prefix(1);
	return *rest;
}

std::optional<Result> parse_result(std::string_view line)
{
	Result r;
	string_view s = ltrim(line);

	r.indent = static_cast<unsigned>(line.size() - s.size());
	if (consume(s, "ok "))
		r.ok = true;
	else if (!consume(s, "not ok "))
		return std::nullopt;

	string_view rest = s;
	if (!consume_digits(rest) || !(rest.empty() || rest[0] == ' '))
		return std::nullopt;
	r.number = s.substr(0, s.size() - rest.size());

	s = ltrim(rest);
	consume(s, "- ");
	size_t hash = s.starts_with('#') ? 0 : s.find(" #");
	if (hash != string_view::npos) {
		string_view directive = ltrim(s.substr(s.find('#', hash) + 1));
		r.skip = istarts_with(directive, "SKIP") ||
			 istarts_with(directive, "TODO");
		s = s.substr(0, hash);
	}
	r.name = rtrim(s);
	return r;
}

bool is_report(std::string_view line, std::span<const std::string> allow_warn)
{
	static constexpr string_view heads[] = {
		"BUG:",
		"BUG ", // slab debug: "BUG kmalloc-64 (...): Poison overwritten"
		"Oops",
		"Kernel panic",
		"general protection fault",
		"Unable to handle kernel",
		"rcu: INFO: rcu_", // RCU stalls
		"watchdog: BUG: soft lockup",
		"qemu: guest timed out", // written by tools/vm/qemu.sh
	};
	static constexpr string_view anywhere[] = {
		"KASAN:",
		"UBSAN:",
		"Poison overwritten",
		"Redzone overwritten",
		"Object padding overwritten",
	};

	for (string_view h : heads)
		if (line.starts_with(h))
			return true;
	for (string_view a : anywhere)
		if (line.find(a) != string_view::npos)
			return true;
	if (line.starts_with("INFO: task ") &&
	    line.find("blocked for more than") != string_view::npos)
		return true;
	// The module's own misuse reports are WARN()s the tests provoke.
	return line.starts_with("WARNING:") && !allowed_warn(line, allow_warn);
}

bool valid_name(std::string_view name)
{
	return !name.empty() &&
	       std::none_of(name.begin(), name.end(), [](char c) {
		       return std::isspace(static_cast<unsigned char>(c));
	       });
}

Summary check(std::string_view log, const Options &opt)
{
	Summary sum;
	Tally tally(sum);
	bool started = false;
	bool finished = false;

	while (!log.empty()) {
		size_t nl = log.find('\n');
		string_view line = log.substr(0, nl);

		log.remove_prefix(nl == string_view::npos ? log.size() : nl + 1);
		if (line.ends_with('\r'))
			line.remove_suffix(1);
		line = strip_timestamp(line);

		if (!started && line.find(opt.from) == string_view::npos)
			continue;
		started = true;
		if (line.find(opt.marker) != string_view::npos)
			finished = true;

		if (auto r = parse_result(line))
			tally.result(*r);
		else if (is_ktap_header(line))
			tally.header(static_cast<unsigned>(line.size() -
							   ltrim(line).size()));
		else if (is_report(line, opt.allow_warn))
			sum.reports.emplace_back(line);
	}

	// Without the start marker nothing was read: one problem says it all.
	if (!started) {
		sum.problems.emplace_back("start marker not found");
		return sum;
	}
	if (!finished)
		sum.problems.emplace_back("guest did not finish: end marker missing");
	if (tally.leaves() < opt.min_tests)
		sum.problems.push_back("too few tests: " +
				       std::to_string(tally.leaves()) +
				       " results, expected at least " +
				       std::to_string(opt.min_tests));
	return sum;
}

std::string format(const Summary &sum, std::string_view name)
{
	std::string out;

	for (const auto &f : sum.failures)
		out += "FAIL " + f + "\n";
	for (const auto &r : sum.reports)
		out += "REPORT " + r + "\n";
	for (const auto &p : sum.problems)
		out += "PROBLEM " + p + "\n";
	out += std::string(name) + ": " + std::to_string(sum.passed) +
	       " passed, " + std::to_string(sum.failed()) + " failed, " +
	       std::to_string(sum.skipped) + " skipped\n";
	return out;
}

} // namespace bsdcompat::console
