// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bsdcompat-torture-check - bsdtorture's verdict from a guest console log.
 *
 * Prints one line per lock type and a closing "NAME: P passed, F failed"
 * line. Exit status: 0 when every type did what it must (SUCCESS, and
 * FAILURE for bsd_busted) and the log holds no kernel report; 1 otherwise;
 * 2 on a usage error or an unreadable log.
 */
#include "torture_log.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

namespace torture = bsdcompat::torture;

namespace {

constexpr int EXIT_USAGE = 2;

void usage(std::ostream &os)
{
	os << "usage: bsdcompat-torture-check [--name NAME] [--types A,B,...] LOG|-\n"
	      "  --name NAME      label for the closing line (default torture)\n"
	      "  --types A,B,...  the types that must have run (default: those\n"
	      "                   that did)\n";
}

std::vector<std::string> split_commas(std::string_view s)
{
	std::vector<std::string> out;

	while (!s.empty()) {
		size_t c = s.find(',');
		std::string_view item = s.substr(0, c);
		if (!item.empty())
			out.emplace_back(item);
		s.remove_prefix(c == std::string_view::npos ? s.size() : c + 1);
	}
	return out;
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
	std::string name = "torture", path, log;
	std::vector<std::string> types;
	bool have_path = false;

	for (int i = 1; i < argc; i++) {
		std::string_view arg = argv[i];

		if (arg == "-h" || arg == "--help") {
			usage(std::cout);
			return 0;
		}
		if ((arg == "--name" || arg == "--types") && i + 1 < argc) {
			if (arg == "--name")
				name = argv[++i];
			else
				types = split_commas(argv[++i]);
		} else if (arg.starts_with("--") || have_path) {
			usage(std::cerr);
			return EXIT_USAGE;
		} else {
			path = arg;
			have_path = true;
		}
	}
	if (!have_path || !bsdcompat::console::valid_name(name)) {
		usage(std::cerr);
		return EXIT_USAGE;
	}
	errno = 0;
	if (!read_all(path, log)) {
		std::cerr << "bsdcompat-torture-check: cannot read " << path << ": "
			  << std::strerror(errno ? errno : EIO) << "\n";
		return EXIT_USAGE;
	}
	torture::Summary sum = torture::check(log, types);
	std::cout << torture::format(sum, name) << std::flush;
	return sum.ok() ? 0 : 1;
}
