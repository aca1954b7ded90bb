// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// bsdcompat-selftest: the kselftest-style test that runs in the guest on
// Debian's kernel, after bsdcompat.ko, lockdemo.ko, tru64demo.ko,
// fbsddemo.ko and nbdetach.ko are loaded: the NetBSD scenarios, the Digital
// UNIX ones, the FreeBSD ones, the detach test, then bsdcompat's misuse
// report count. KTAP on stdout; exit status 0 only if every test passed.
#include <iostream>
#include <vector>

#include "detach_client.h"
#include "detach_scenarios.h"
#include "fbsddemo_client.h"
#include "freebsd_scenarios.h"
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
	bsdcompat::FbsdDemo freebsd;
	bsdcompat::NbdetCtl detach;

	// The lockdebug check comes last: it covers everything that ran.
	ktap.plan(bsdcompat::kNetbsdScenarios + bsdcompat::kTru64Scenarios +
		  bsdcompat::kFreebsdScenarios + bsdcompat::kDetachScenarios + 1);
	if (netbsd.ok())
		report(ktap, bsdcompat::run_all(netbsd));
	else
		report_unopened(ktap, "lockdemo_open", bsdcompat::kNetbsdScenarios, netbsd.error());
	if (tru64.ok())
		report(ktap, bsdcompat::run_tru64(tru64));
	else
		report_unopened(ktap, "tru64demo_open", bsdcompat::kTru64Scenarios, tru64.error());
	if (freebsd.ok())
		report(ktap, bsdcompat::run_freebsd(freebsd));
	else
		report_unopened(ktap, "fbsddemo_open", bsdcompat::kFreebsdScenarios,
				freebsd.error());
	if (detach.ok())
		report(ktap, bsdcompat::run_detach(detach));
	else
		report_unopened(ktap, "nbdetctl_open", bsdcompat::kDetachScenarios,
				detach.error());
	report(ktap, { bsdcompat::lockdebug_clean() });
	return ktap.failed() ? 1 : 0;
}
