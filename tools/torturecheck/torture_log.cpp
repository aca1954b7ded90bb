// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * torture_log.cpp - bsdtorture's lines in a console log, and the verdict.
 */
#include "torture_log.h"

#include <algorithm>
#include <charconv>

namespace bsdcompat::torture {
namespace {

using std::string_view;

constexpr string_view kPrefix = "bsdtorture: ";
constexpr string_view kSuffix = "-torture:";

bool consume(string_view &s, string_view prefix)
{
	if (!s.starts_with(prefix))
		return false;
	s.remove_prefix(prefix.size());
	return true;
}

// The number after the first "key" in s ("Total: 123"), if any.
std::optional<unsigned long> number_after(string_view s, string_view key)
{
	size_t at = s.find(key);
	if (at == string_view::npos)
		return std::nullopt;
	s.remove_prefix(at + key.size());
	while (!s.empty() && s.front() == ' ')
		s.remove_prefix(1);
	unsigned long v = 0;
	auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
	if (ec != std::errc() || end == s.data())
		return std::nullopt;
	return v;
}

TypeResult &find_or_add(Summary &sum, const std::string &type)
{
	auto it = std::find_if(sum.types.begin(), sum.types.end(),
			       [&](const TypeResult &r) { return r.type == type; });
	if (it != sum.types.end())
		return *it;
	sum.types.push_back(TypeResult{});
	sum.types.back().type = type;
	return sum.types.back();
}

// "guest: kernel 6.1.0-56-amd64, 2 CPUs, mode torture"
void parse_guest(string_view line, Summary &sum)
{
	if (!consume(line, "guest: kernel "))
		return;
	size_t comma = line.find(", ");
	if (comma == string_view::npos)
		return;
	sum.kernel = line.substr(0, comma);
	if (auto n = number_after(line.substr(comma), ", "))
		sum.vcpus = static_cast<unsigned>(*n);
}

// "guest: insmod bsdtorture.ko torture_type=T failed"
std::optional<std::string> load_failure(string_view line)
{
	if (!consume(line, "guest: insmod bsdtorture.ko torture_type="))
		return std::nullopt;
	size_t sp = line.find(' ');
	if (sp == string_view::npos || line.substr(sp) != " failed")
		return std::nullopt;
	return std::string(line.substr(0, sp));
}

} // namespace

bool TypeResult::as_expected() const
{
	if (!finished || load_failed)
		return false;
	if (type == kBusted)
		return !success && fail > 0;
	return success && fail == 0;
}

unsigned Summary::passed() const
{
	return static_cast<unsigned>(std::count_if(
		types.begin(), types.end(),
		[](const TypeResult &r) { return r.as_expected(); }));
}

unsigned Summary::failed() const
{
	return static_cast<unsigned>(types.size()) - passed() +
	       static_cast<unsigned>(problems.size()) + console.failed();
}

std::optional<Line> parse_line(std::string_view s)
{
	Line l;

	if (!consume(s, kPrefix))
		return std::nullopt;
	size_t end = s.find(kSuffix);
	if (end == string_view::npos || end == 0)
		return std::nullopt;
	l.type = s.substr(0, end);
	s.remove_prefix(end + kSuffix.size());

	if (s.starts_with("--- Start of test:")) {
		l.kind = Line::Start;
		return l;
	}
	if (consume(s, "--- End of test: ")) {
		l.kind = Line::End;
		if (s.starts_with("SUCCESS"))
			l.success = true;
		else if (!s.starts_with("FAILURE"))
			return std::nullopt;
		return l;
	}
	if (s.starts_with(" Writes:"))
		l.kind = Line::Writes;
	else if (s.starts_with(" Reads :"))
		l.kind = Line::Reads;
	else if (s.starts_with(" Irqs  :"))
		l.kind = Line::Irqs;
	else
		return l; // Other: "Changes:" and whatever comes later
	auto total = number_after(s, "Total:");
	auto fail = number_after(s, "Fail:");
	if (!total || !fail)
		return std::nullopt;
	l.total = *total;
	l.fail = *fail;
	return l;
}

Summary check(std::string_view log, const std::vector<std::string> &expected)
{
	Summary sum;
	console::Options opt;

	// Nothing in a torture run provokes a WARN: bsdtorture stays quiet
	// about bsd_busted's failures, and bsdcompat's misuse reports
	// (bsd_lock_error) would be real bugs here.
	opt.allow_warn.clear();
	opt.min_tests = 0;
	sum.console = console::check(log, opt);

	while (!log.empty()) {
		size_t nl = log.find('\n');
		string_view line = log.substr(0, nl);

		log.remove_prefix(nl == string_view::npos ? log.size() : nl + 1);
		if (line.ends_with('\r'))
			line.remove_suffix(1);
		line = console::strip_timestamp(line);

		if (line.starts_with("guest: kernel ")) {
			parse_guest(line, sum);
			continue;
		}
		if (auto t = load_failure(line)) {
			TypeResult &r = find_or_add(sum, *t);
			r.load_failed = true;
			continue;
		}
		auto l = parse_line(line);
		if (!l)
			continue;
		TypeResult &r = find_or_add(sum, l->type);
		switch (l->kind) {
		case Line::Start:
			// A second run of one type starts it afresh.
			r = TypeResult{};
			r.type = l->type;
			r.started = true;
			break;
		case Line::Writes:
			r.writes = l->total;
			r.fail = l->fail;
			break;
		case Line::Reads:
			r.reads = l->total;
			r.fail += l->fail;
			break;
		case Line::Irqs:
			r.irqs = l->total;
			r.fail += l->fail;
			break;
		case Line::End:
			r.finished = true;
			r.success = l->success;
			break;
		case Line::Other:
			break;
		}
	}
	for (const auto &t : expected)
		if (std::none_of(sum.types.begin(), sum.types.end(),
				 [&](const TypeResult &r) { return r.type == t; }))
			sum.problems.push_back("type " + t + " did not run");
	if (sum.types.empty() && expected.empty())
		sum.problems.emplace_back("no bsdtorture results in the log");
	return sum;
}

std::string format(const Summary &sum, std::string_view name)
{
	std::string out;
	std::string head = (sum.kernel.empty() ? "unknown" : sum.kernel) + " " +
			   std::to_string(sum.vcpus) + "vcpu ";

	for (const auto &r : sum.types) {
		out += head + r.type + ": writes " + std::to_string(r.writes) +
		       " reads " + std::to_string(r.reads) + " fail " +
		       std::to_string(r.fail) + " ";
		if (r.load_failed)
			out += "NOT-LOADED";
		else if (!r.finished)
			out += "UNFINISHED";
		else
			out += r.success ? "SUCCESS" : "FAILURE";
		if (r.type == kBusted && r.as_expected())
			out += " (expected)";
		else if (!r.as_expected())
			out += " !!";
		out += "\n";
	}
	for (const auto &p : sum.problems)
		out += "PROBLEM " + p + "\n";
	for (const auto &r : sum.console.reports)
		out += "REPORT " + r + "\n";
	for (const auto &p : sum.console.problems)
		out += "PROBLEM " + p + "\n";
	out += std::string(name) + ": " + std::to_string(sum.passed()) +
	       " passed, " + std::to_string(sum.failed()) + " failed\n";
	return out;
}

} // namespace bsdcompat::torture
