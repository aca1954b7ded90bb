// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bsdcompat-console-check - pass/fail verdict on a test guest's console log.
 *
 * Exit status: 0 when nothing failed, 1 when something did, 2 on a usage
 * error or an unreadable log.
 */
#include "console_log.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

namespace console = bsdcompat::console;

namespace {

constexpr int EXIT_USAGE = 2;

struct Args {
	console::Options opt;
	std::string name = "console";
	std::string path;
	bool help = false;
};

void usage(std::ostream &os)
{
	os << "usage: bsdcompat-console-check [--name NAME] [--from TEXT]\n"
	      "         [--marker TEXT] [--min-tests N] [--allow-warn FUNC]...\n"
	      "         LOG|-\n"
	      "  --name NAME       label for the closing line (default console)\n"
	      "  --from TEXT       ignore lines before the first containing TEXT\n"
	      "                    (default 'guest: ')\n"
	      "  --marker TEXT     end marker that must appear\n"
	      "                    (default BSDCOMPAT-GUEST-DONE)\n"
	      "  --min-tests N     fewest leaf test results accepted (default 1)\n"
	      "  --allow-warn FUNC WARN() splats from FUNC are expected; may be\n"
	      "                    repeated, replaces the default bsd_lock_error\n";
}

bool parse_unsigned(std::string_view s, unsigned &out)
{
	auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
	return ec == std::errc() && end == s.data() + s.size();
}

// Apply one "--key value" option; false when key or value is bad.
bool apply(Args &a, std::string_view key, const std::string &val,
	   bool &allow_given)
{
	if (key == "--name")
		a.name = val;
	else if (key == "--from")
		a.opt.from = val;
	else if (key == "--marker")
		a.opt.marker = val;
	else if (key == "--min-tests")
		return parse_unsigned(val, a.opt.min_tests);
	else if (key == "--allow-warn") {
		// The first explicit value replaces the default list.
		if (!allow_given)
			a.opt.allow_warn.clear();
		allow_given = true;
		a.opt.allow_warn.push_back(val);
	} else
		return false;
	return true;
}

// Accepts "--key value" and "--key=value"; exactly one log path.
bool parse_args(int argc, char **argv, Args &a)
{
	bool allow_given = false;
	bool have_path = false;

	for (int i = 1; i < argc; i++) {
		std::string_view arg = argv[i];

		if (arg == "-h" || arg == "--help") {
			a.help = true;
			return true;
		}
		if (arg.starts_with("--")) {
			size_t eq = arg.find('=');
			std::string val;
			if (eq != std::string_view::npos)
				val = arg.substr(eq + 1);
			else if (i + 1 < argc)
				val = argv[++i];
			else
				return false;
			if (!apply(a, arg.substr(0, eq), val, allow_given))
				return false;
			continue;
		}
		if (have_path)
			return false;
		a.path = arg;
		have_path = true;
	}
	return have_path;
}

bool read_all(const std::string &path, std::string &out)
{
	std::ostringstream buf;

	if (path == "-") {
		buf << std::cin.rdbuf();
		if (std::cin.bad())
			return false;
	} else {
		std::ifstream in(path, std::ios::binary);
		if (!in)
			return false;
		// An empty file makes operator<< set failbit; that is no error.
		if (in.peek() != std::ifstream::traits_type::eof())
			buf << in.rdbuf();
		if (in.bad())
			return false;
	}
	out = std::move(buf).str();
	return true;
}

} // namespace

int main(int argc, char **argv)
{
	Args a;
	std::string log;

	if (!parse_args(argc, argv, a)) {
		usage(std::cerr);
		return EXIT_USAGE;
	}
	if (a.help) {
		usage(std::cout);
		return 0;
	}
	if (!console::valid_name(a.name)) {
		std::cerr << "bsdcompat-console-check: --name must be one word: '"
			  << a.name << "'\n";
		return EXIT_USAGE;
	}
	errno = 0;
	if (!read_all(a.path, log)) {
		std::cerr << "bsdcompat-console-check: cannot read " << a.path
			  << ": " << std::strerror(errno ? errno : EIO) << "\n";
		return EXIT_USAGE;
	}

	console::Summary sum = console::check(log, a.opt);
	std::cout << console::format(sum, a.name) << std::flush;
	return sum.ok() ? 0 : 1;
}
