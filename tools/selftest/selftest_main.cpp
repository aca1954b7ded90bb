// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// bsdcompat-selftest: the kselftest-style test that runs in the guest on
// Debian's kernel, after bsdcompat.ko and lockdemo.ko are loaded. KTAP on
// stdout; exit status 0 only if every test passed.
#include <iostream>
#include <vector>

#include "ktap.h"
#include "lockdemo_client.h"
#include "scenarios.h"

namespace {

void report(bsdcompat::ktap::Writer &ktap, const std::vector<bsdcompat::Outcome> &outcomes)
{
	for (const auto &o : outcomes) {
		ktap.diag(o.what);
		ktap.result(o.name, o.problems);
	}
}

// A driver that cannot be opened still owes its share of the plan: each of
// its tests fails with the reason.
void report_unopened(bsdcompat::ktap::Writer &ktap, const char *name, int tests,
		     const std::string &error)
{
	ktap.diag(error);
	for (int i = 0; i < tests; i++)
		ktap.result(name, { error });
}

} // namespace

int main()
{
	bsdcompat::ktap::Writer ktap(std::cout);
	bsdcompat::LockDemo dev;

	// The lockdebug check comes last: it covers everything that ran.
	ktap.plan(bsdcompat::kNetbsdScenarios + 1);
	if (dev.ok())
		report(ktap, bsdcompat::run_all(dev));
	else
		report_unopened(ktap, "lockdemo_open", bsdcompat::kNetbsdScenarios, dev.error());
	report(ktap, { bsdcompat::lockdebug_clean() });
	return ktap.failed() ? 1 : 0;
}
