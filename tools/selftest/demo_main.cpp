// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// lockdemo-run: what `make run` shows. The same scenarios as the selftest,
// told for people.
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "lockdemo_client.h"
#include "scenarios.h"

namespace {

// Prints each outcome; returns how many failed.
int show(const std::vector<bsdcompat::Outcome> &outcomes)
{
	int bad = 0;

	for (const auto &o : outcomes) {
		std::cout << (o.problems.empty() ? "  [ok]   " : "  [FAIL] ") << o.what << '\n';
		for (const auto &p : o.problems)
			std::cout << "         " << p << '\n';
		bad += !o.problems.empty();
	}
	return bad;
}

} // namespace

int main()
{
	bsdcompat::LockDemo dev;
	std::string kernel;
	int bad = 0;

	std::getline(std::ifstream("/proc/sys/kernel/osrelease"), kernel);
	std::cout << "\n== bsdcompat demo on Linux " << kernel << " ==\n";
	if (dev.ok()) {
		bad += show(bsdcompat::run_all(dev));
	} else {
		std::cout << "cannot open the lockdemo driver: " << dev.error() << '\n';
		bad++;
	}
	bad += show({ bsdcompat::lockdebug_clean() });
	std::cout << "== " << (bad ? "some checks failed" : "all checks passed") << " ==\n\n";
	return bad ? 1 : 0;
}
