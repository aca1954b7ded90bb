// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// bsdcompat-selftest: the kselftest-style test that runs in the guest on
// Debian's kernel, after bsdcompat.ko, lockdemo.ko and tru64demo.ko are
// loaded: the NetBSD scenarios, the Digital UNIX ones, then bsdcompat's
// misuse report count. KTAP on stdout; exit status 0 only if every test
// passed.
#include <iostream>
#include <vector>

#include "ktap.h"
#include "lockdemo_client.h"
#include "scenarios.h"
#include "tru64_scenarios.h"
#include "tru64demo_client.h"

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
	bsdcompat::LockDemo netbsd;
	bsdcompat::Tru64Demo tru64;

	// The lockdebug check comes last: it covers everything that ran.
	ktap.plan(bsdcompat::kNetbsdScenarios + bsdcompat::kTru64Scenarios + 1);
	if (netbsd.ok())
		report(ktap, bsdcompat::run_all(netbsd));
	else
		report_unopened(ktap, "lockdemo_open", bsdcompat::kNetbsdScenarios, netbsd.error());
	if (tru64.ok())
		report(ktap, bsdcompat::run_tru64(tru64));
	else
		report_unopened(ktap, "tru64demo_open", bsdcompat::kTru64Scenarios, tru64.error());
	report(ktap, { bsdcompat::lockdebug_clean() });
	return ktap.failed() ? 1 : 0;
}
