// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// bsdcompat-selftest: the kselftest-style test that runs in the guest on
// Debian's kernel, after bsdcompat.ko and lockdemo.ko are loaded. KTAP on
// stdout; exit status 0 only if every test passed.
#include <iostream>

#include "ktap.h"
#include "lockdemo_client.h"
#include "scenarios.h"

int main()
{
	bsdcompat::ktap::Writer ktap(std::cout);
	bsdcompat::LockDemo dev;
	constexpr int tests = 7;

	ktap.plan(tests);
	if (!dev.ok()) {
		ktap.diag(dev.error());
		for (int i = 0; i < tests; i++)
			ktap.result("lockdemo_open", { dev.error() });
		return 1;
	}
	for (const auto &o : bsdcompat::run_all(dev)) {
		ktap.diag(o.what);
		ktap.result(o.name, o.problems);
	}
	return ktap.failed() ? 1 : 0;
}
