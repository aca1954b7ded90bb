// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// bsdbench [--svg FILE] [--title TEXT] LOG
//
// Reads the console log of a bsdbench guest (or bare "bsdbench: {...}"
// lines; "-" for standard input), prints the ratios bsdcompat / native as
// Markdown tables, and with --svg writes throughput against threads.
// Exits 1 when the log holds no finished run or a counter lost updates.
#include "bench.h"

#include <fstream>
#include <iostream>

int main(int argc, char **argv)
{
	std::string svg_path, title = "bsdbench: contended throughput", log;

	for (int i = 1; i < argc; i++) {
		std::string a = argv[i];
		if (a == "--svg" && i + 1 < argc) {
			svg_path = argv[++i];
		} else if (a == "--title" && i + 1 < argc) {
			title = argv[++i];
		} else if (log.empty() && (a == "-" || a[0] != '-')) {
			log = a;
		} else {
			std::cerr << "usage: bsdbench [--svg FILE] [--title TEXT] LOG\n";
			return 2;
		}
	}
	if (log.empty()) {
		std::cerr << "usage: bsdbench [--svg FILE] [--title TEXT] LOG\n";
		return 2;
	}
	bsdbench::Run run;
	if (log == "-") {
		run = bsdbench::parse_log(std::cin);
	} else {
		std::ifstream in(log);
		if (!in) {
			std::cerr << "bsdbench: cannot read " << log << "\n";
			return 2;
		}
		run = bsdbench::parse_log(in);
	}
	std::cout << bsdbench::table(run);
	if (!svg_path.empty()) {
		std::ofstream out(svg_path);
		out << bsdbench::svg(run, title);
		if (!out) {
			std::cerr << "bsdbench: cannot write " << svg_path << "\n";
			return 2;
		}
	}
	if (!run.done) {
		std::cerr << "bsdbench: no finished run in " << log << "\n";
		return 1;
	}
	for (const auto &c : run.contended)
		if (!c.counter_ok)
			return 1;
	return 0;
}
