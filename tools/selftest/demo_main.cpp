// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// lockdemo-run: what `make run` shows. The same scenarios as the selftest
// (lockdemo's NetBSD ones, tru64demo's Digital UNIX ones, then fbsddemo's
// FreeBSD ones), told for people.
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "fbsddemo_client.h"
#include "freebsd_scenarios.h"
#include "lockdemo_client.h"
#include "scenarios.h"
#include "tru64_scenarios.h"
#include "tru64demo_client.h"

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
	bsdcompat::LockDemo netbsd;
	bsdcompat::Tru64Demo tru64;
	bsdcompat::FbsdDemo freebsd;
	std::string kernel;
	int bad = 0;

	std::getline(std::ifstream("/proc/sys/kernel/osrelease"), kernel);
	std::cout << "\n== bsdcompat demo on Linux " << kernel << " ==\n";
	std::cout << "-- NetBSD driver (lockdemo) --\n";
	if (netbsd.ok()) {
		bad += show(bsdcompat::run_all(netbsd));
	} else {
		std::cout << "cannot open the lockdemo driver: " << netbsd.error() << '\n';
		bad++;
	}
	std::cout << "-- Digital UNIX driver (tru64demo) --\n";
	if (tru64.ok()) {
		bad += show(bsdcompat::run_tru64(tru64));
	} else {
		std::cout << "cannot open the tru64demo driver: " << tru64.error() << '\n';
		bad++;
	}
	std::cout << "-- FreeBSD driver (fbsddemo) --\n";
	if (freebsd.ok()) {
		bad += show(bsdcompat::run_freebsd(freebsd));
	} else {
		std::cout << "cannot open the fbsddemo driver: " << freebsd.error() << '\n';
		bad++;
	}
	std::cout << "-- bsdcompat --\n";
	bad += show({ bsdcompat::lockdebug_clean() });
	std::cout << "== " << (bad ? "some checks failed" : "all checks passed") << " ==\n\n";
	return bad ? 1 : 0;
}
