// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * lockstat.cpp - parse, rank and format bsdcompat's lock statistics.
 * Hand-written parsing, like the console checker: the format is small and
 * every rejected line says why.
 */
#include "lockstat.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <tuple>

namespace bsdcompat::lockstat {
namespace {

using std::string_view;

constexpr string_view kMagic = "# bsdcompat-lockstat v1 ";
constexpr string_view kFields =
	"type acquired contended wait_ns wait_max_ns hold_ns hold_max_ns name";
constexpr std::array<string_view, 4> kTypes = { "adaptive", "spin", "rw_write", "rw_read" };

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A whole token of decimal digits that fits in 64 bits.
bool parse_u64(string_view s, std::uint64_t &out)
{
	if (s.empty() || !std::all_of(s.begin(), s.end(), is_digit))
		return false;
	auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
	return ec == std::errc() && end == s.data() + s.size();
}

// The next space-separated token; s is left after its one separator.
string_view next_token(string_view &s)
{
	size_t sp = s.find(' ');
	string_view tok = s.substr(0, sp);
	s.remove_prefix(sp == string_view::npos ? s.size() : sp + 1);
	return tok;
}

std::string where(size_t lineno, const std::string &what)
{
	return "line " + std::to_string(lineno) + ": " + what;
}

// "enabled=1 dropped=0" into snap; the error, or empty.
std::string parse_status(string_view s, Snapshot &snap)
{
	bool have_enabled = false, have_dropped = false;

	while (!s.empty()) {
		string_view tok = next_token(s);
		size_t eq = tok.find('=');
		if (eq == string_view::npos)
			return "status '" + std::string(tok) + "' is not key=value";
		string_view key = tok.substr(0, eq), val = tok.substr(eq + 1);
		std::uint64_t v = 0;
		if (!parse_u64(val, v))
			return "status '" + std::string(tok) + "' has no number";
		if (key == "enabled") {
			if (v > 1)
				return "enabled must be 0 or 1";
			snap.enabled = v == 1;
			have_enabled = true;
		} else if (key == "dropped") {
			snap.dropped = v;
			have_dropped = true;
		}
		// Other keys are for later versions of v1: ignored.
	}
	if (!have_enabled || !have_dropped)
		return "header lacks enabled= or dropped=";
	return {};
}

std::string parse_header(string_view line, Snapshot &snap)
{
	if (!line.starts_with(kMagic))
		return "not a bsdcompat-lockstat v1 header";
	line.remove_prefix(kMagic.size());
	size_t colon = line.find(": ");
	if (colon == string_view::npos)
		return "header has no ': ' before the field names";
	if (line.substr(colon + 2) != kFields)
		return "unexpected field names '" + std::string(line.substr(colon + 2)) + "'";
	return parse_status(line.substr(0, colon), snap);
}

std::string parse_class(string_view line, ClassStats &c)
{
	string_view rest = line;
	string_view type = next_token(rest);

	if (std::find(kTypes.begin(), kTypes.end(), type) == kTypes.end())
		return "unknown lock type '" + std::string(type) + "'";
	c.type = type;
	std::uint64_t *fields[] = { &c.acquired, &c.contended, &c.wait_ns, &c.wait_max_ns,
				    &c.hold_ns, &c.hold_max_ns };
	for (size_t i = 0; i < std::size(fields); i++) {
		string_view tok = next_token(rest);
		if (!parse_u64(tok, *fields[i]))
			return "field " + std::to_string(i + 2) + " '" + std::string(tok) +
			       "' is not a 64-bit decimal number";
	}
	if (rest.empty())
		return "no lock name";
	c.name = rest;
	return {};
}

} // namespace

std::optional<std::uint64_t> ClassStats::mean_wait_ns() const
{
	if (!contended)
		return std::nullopt;
	return wait_ns / contended;
}

std::optional<std::uint64_t> ClassStats::mean_hold_ns() const
{
	if (!acquired || type == "rw_read")
		return std::nullopt;
	return hold_ns / acquired;
}

const ClassStats *Snapshot::find(string_view name, string_view type) const
{
	for (const auto &c : classes)
		if (c.name == name && c.type == type)
			return &c;
	return nullptr;
}

Snapshot parse(string_view text)
{
	Snapshot snap;
	size_t lineno = 0;
	bool header = false;

	if (text.empty()) {
		snap.errors.push_back("empty: no header line");
		return snap;
	}
	while (!text.empty()) {
		size_t nl = text.find('\n');
		string_view line = text.substr(0, nl);
		text.remove_prefix(nl == string_view::npos ? text.size() : nl + 1);
		lineno++;
		if (!line.empty() && line.back() == '\r')
			line.remove_suffix(1);

		std::string err;
		if (!header) {
			err = parse_header(line, snap);
			header = true;
		} else if (line.empty()) {
			err = "empty line";
		} else {
			ClassStats c;
			err = parse_class(line, c);
			if (err.empty())
				snap.classes.push_back(std::move(c));
		}
		if (!err.empty())
			snap.errors.push_back(where(lineno, err));
	}
	return snap;
}

std::optional<SortKey> parse_sort_key(string_view s)
{
	if (s == "contended")
		return SortKey::Contended;
	if (s == "wait")
		return SortKey::Wait;
	if (s == "hold")
		return SortKey::Hold;
	if (s == "acq" || s == "acquired")
		return SortKey::Acquired;
	return std::nullopt;
}

std::vector<ClassStats> top(std::vector<ClassStats> classes, SortKey key, std::size_t n)
{
	auto rank = [key](const ClassStats &c) {
		switch (key) {
		case SortKey::Wait:
			return std::tuple(c.wait_ns, c.contended);
		case SortKey::Hold:
			return std::tuple(c.hold_ns, c.acquired);
		case SortKey::Acquired:
			return std::tuple(c.acquired, c.contended);
		case SortKey::Contended:
			break;
		}
		return std::tuple(c.contended, c.wait_ns);
	};
	std::stable_sort(classes.begin(), classes.end(), [&](const auto &a, const auto &b) {
		auto ra = rank(a), rb = rank(b);
		if (ra != rb)
			return ra > rb;
		return std::tie(a.name, a.type) < std::tie(b.name, b.type);
	});
	if (classes.size() > n)
		classes.resize(n);
	return classes;
}

std::string format_ns(std::uint64_t ns)
{
	struct Unit {
		std::uint64_t div;
		const char *name;
	};
	static const Unit units[] = { { 1000000000, "s" }, { 1000000, "ms" }, { 1000, "us" } };
	char buf[32];

	for (const auto &u : units) {
		// The largest unit in which the value rounds to 1.00 or more.
		if (ns + u.div / 2000 < u.div)
			continue;
		double v = static_cast<double>(ns) / static_cast<double>(u.div);
		// Three significant digits: 1.23, 12.3, 123.
		int prec = v < 10 ? 2 : v < 100 ? 1 : 0;
		std::snprintf(buf, sizeof(buf), "%.*f%s", prec, v, u.name);
		return buf;
	}
	return std::to_string(ns) + "ns";
}

std::string format_table(const std::vector<ClassStats> &rows)
{
	static const std::vector<std::string> head = {
		"TYPE", "ACQUIRED", "CONTENDED", "WAIT", "MEAN WAIT", "MAX WAIT",
		"HOLD", "MEAN HOLD", "MAX HOLD", "NAME"
	};
	auto opt = [](std::optional<std::uint64_t> v) { return v ? format_ns(*v) : "-"; };
	std::vector<std::vector<std::string>> cells{ head };

	for (const auto &c : rows) {
		bool read = c.type == "rw_read";
		cells.push_back({ c.type, std::to_string(c.acquired), std::to_string(c.contended),
				  format_ns(c.wait_ns), opt(c.mean_wait_ns()),
				  format_ns(c.wait_max_ns), read ? "-" : format_ns(c.hold_ns),
				  opt(c.mean_hold_ns()), read ? "-" : format_ns(c.hold_max_ns),
				  c.name });
	}
	std::vector<size_t> width(head.size(), 0);
	for (const auto &row : cells)
		for (size_t i = 0; i < row.size(); i++)
			width[i] = std::max(width[i], row[i].size());

	std::string out;
	for (const auto &row : cells) {
		std::string line;
		for (size_t i = 0; i < row.size(); i++) {
			// Type and name to the left, numbers to the right.
			bool left = i == 0 || i + 1 == row.size();
			size_t pad = width[i] - row[i].size();
			if (i)
				line += "  ";
			if (!left)
				line.append(pad, ' ');
			line += row[i];
			if (left && i + 1 != row.size())
				line.append(pad, ' ');
		}
		out += line + '\n';
	}
	return out;
}

std::string read_file(const std::string &path, std::string &text)
{
	errno = 0;
	std::ifstream in(path, std::ios::binary);
	std::ostringstream buf;

	if (!in)
		return path + ": " + std::strerror(errno ? errno : ENOENT);
	if (in.peek() != std::ifstream::traits_type::eof())
		buf << in.rdbuf();
	if (in.bad())
		return path + ": read error";
	text = std::move(buf).str();
	return {};
}

std::string control(const std::string &path, string_view word)
{
	// One write(2) of the whole word: the kernel parses each write alone.
	std::FILE *f = std::fopen(path.c_str(), "w");

	if (!f)
		return path + ": " + std::strerror(errno);
	std::string w(word);
	w += '\n';
	errno = 0;
	bool ok = std::fwrite(w.data(), 1, w.size(), f) == w.size();
	ok = std::fclose(f) == 0 && ok;	// the write(2) happens here
	if (!ok)
		return path + ": writing '" + std::string(word) + "': " +
		       std::strerror(errno ? errno : EIO);
	return {};
}

} // namespace bsdcompat::lockstat
