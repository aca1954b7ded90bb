// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bsdlockstat - show the most contended lock classes from bsdcompat's lock
 * statistics, and switch them on and off.
 *
 * Exit status: 0 when all went well, 1 when the file had malformed lines
 * (they are listed on stderr; the table shows the rest), 2 on a usage
 * error or when the file cannot be read or written.
 */
#include "lockstat.h"

#include <charconv>
#include <iostream>
#include <string>
#include <vector>

namespace ls = bsdcompat::lockstat;

namespace {

constexpr int EXIT_MALFORMED = 1;
constexpr int EXIT_USAGE = 2;

struct Args {
	std::string path = ls::kDefaultPath;
	std::vector<std::string> actions; // enable, disable, clear, in order
	std::size_t top = 10;
	ls::SortKey sort = ls::SortKey::Contended;
	bool help = false;
};

void usage(std::ostream &os)
{
	os << "usage: bsdlockstat [--file PATH] [--enable] [--disable] [--clear]\n"
	      "         [--top N] [--sort contended|wait|hold|acq]\n"
	      "  --file PATH   the statistics file (default " << ls::kDefaultPath << ")\n"
	      "  --enable      start recording\n"
	      "  --disable     stop recording (the counts stay)\n"
	      "  --clear       zero the counts\n"
	      "                (these are done in the order given, then the table\n"
	      "                is printed)\n"
	      "  --top N       show the N highest-ranked classes (default 10)\n"
	      "  --sort KEY    rank by contended acquisitions, then total wait\n"
	      "                (contended, the default), by total wait, by total\n"
	      "                hold or by acquisitions\n";
}

bool parse_size(std::string_view s, std::size_t &out)
{
	auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
	return !s.empty() && ec == std::errc() && end == s.data() + s.size();
}

// Accepts "--key value" and "--key=value".
bool parse_args(int argc, char **argv, Args &a)
{
	for (int i = 1; i < argc; i++) {
		std::string_view arg = argv[i];

		if (arg == "-h" || arg == "--help") {
			a.help = true;
			return true;
		}
		if (arg == "--enable" || arg == "--disable" || arg == "--clear") {
			a.actions.emplace_back(arg.substr(2));
			continue;
		}
		size_t eq = arg.find('=');
		std::string_view key = arg.substr(0, eq);
		std::string val;
		if (key != "--file" && key != "--top" && key != "--sort")
			return false;
		if (eq != std::string_view::npos)
			val = arg.substr(eq + 1);
		else if (i + 1 < argc)
			val = argv[++i];
		else
			return false;
		if (key == "--file") {
			a.path = val;
		} else if (key == "--top") {
			if (!parse_size(val, a.top))
				return false;
		} else {
			auto k = ls::parse_sort_key(val);
			if (!k)
				return false;
			a.sort = *k;
		}
	}
	return true;
}

} // namespace

int main(int argc, char **argv)
{
	Args a;
	std::string text;

	if (!parse_args(argc, argv, a)) {
		usage(std::cerr);
		return EXIT_USAGE;
	}
	if (a.help) {
		usage(std::cout);
		return 0;
	}
	for (const auto &act : a.actions) {
		if (auto err = ls::control(a.path, act); !err.empty()) {
			std::cerr << "bsdlockstat: " << err << "\n";
			return EXIT_USAGE;
		}
	}
	if (auto err = ls::read_file(a.path, text); !err.empty()) {
		std::cerr << "bsdlockstat: " << err << "\n";
		return EXIT_USAGE;
	}

	ls::Snapshot snap = ls::parse(text);
	for (const auto &e : snap.errors)
		std::cerr << "bsdlockstat: " << a.path << ": " << e << "\n";
	auto rows = ls::top(snap.classes, a.sort, a.top);
	std::cout << "lockstat " << (snap.enabled ? "on" : "off") << ", "
		  << snap.classes.size() << " class lines, " << snap.dropped
		  << " dropped; top " << rows.size() << ":\n"
		  << ls::format_table(rows) << std::flush;
	return snap.ok() ? 0 : EXIT_MALFORMED;
}
