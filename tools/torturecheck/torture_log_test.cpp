// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Unit tests for the torture log checker, on lines taken from real guest
 * runs (Debian's 6.1 kernel and the debug kernel, 2 vCPUs).
 */
#include "torture_log.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace bsdcompat::torture {
namespace {

const std::string kStart =
	"[    1.887798] guest: kernel 6.1.0-56-amd64, 2 CPUs, mode torture\n";
const std::string kEnd = "[   31.453649] guest: bsdcompat unloaded\n"
			 "[   31.460000] BSDCOMPAT-GUEST-DONE\n";

const std::string kMutex =
	"[    1.935563] guest: torture netbsd_mutex for 2 s\n"
	"[    1.940488] bsdtorture: netbsd_mutex-torture:--- Start of test: "
	"torture_type=netbsd_mutex nwriters_stress=4 nreaders_stress=0 secs=2 "
	"stat_interval=0 long_hold=100\n"
	"[    3.960261] bsdtorture: netbsd_mutex-torture: Writes:  Total: 60243  "
	"Max/Min: 16153/13437   Fail: 0 \n"
	"[    3.960619] bsdtorture: netbsd_mutex-torture:--- End of test: "
	"SUCCESS: torture_type=netbsd_mutex nwriters_stress=4 nreaders_stress=0 "
	"secs=2 long_hold=100\n";

const std::string kRw =
	"bsdtorture: freebsd_sx-torture:--- Start of test: torture_type=freebsd_sx "
	"nwriters_stress=4 nreaders_stress=2 secs=2 stat_interval=0 long_hold=100\n"
	"bsdtorture: freebsd_sx-torture: Writes:  Total: 6733  Max/Min: 2118/1366   "
	"Fail: 0 \n"
	"bsdtorture: freebsd_sx-torture: Reads :  Total: 2793  Max/Min: 1555/1238   "
	"Fail: 0 \n"
	"bsdtorture: freebsd_sx-torture: Changes:  Upgrades: 392  Refused: 219  "
	"Lost: 0  Downgrades: 1593\n"
	"bsdtorture: freebsd_sx-torture:--- End of test: SUCCESS: "
	"torture_type=freebsd_sx nwriters_stress=4 nreaders_stress=2 secs=2 "
	"long_hold=100\n";

const std::string kSpin =
	"bsdtorture: netbsd_spin-torture:--- Start of test: torture_type=netbsd_spin "
	"nwriters_stress=4 nreaders_stress=0 secs=2 stat_interval=0 long_hold=1\n"
	"bsdtorture: netbsd_spin-torture: Writes:  Total: 234415  Max/Min: "
	"62871/54745   Fail: 0 \n"
	"bsdtorture: netbsd_spin-torture: Irqs  :  Total: 14273  Fail: 0 \n"
	"bsdtorture: netbsd_spin-torture:--- End of test: SUCCESS: "
	"torture_type=netbsd_spin nwriters_stress=4 nreaders_stress=0 secs=2 "
	"long_hold=1\n";

const std::string kBusted =
	"bsdtorture: bsd_busted-torture:--- Start of test: torture_type=bsd_busted "
	"nwriters_stress=4 nreaders_stress=0 secs=2 stat_interval=0 long_hold=100\n"
	"bsdtorture: bsd_busted-torture: Writes:  Total: 129446  Max/Min: "
	"34179/30177   Fail: 219 !!!\n"
	"bsdtorture: bsd_busted-torture:--- End of test: FAILURE: "
	"torture_type=bsd_busted nwriters_stress=4 nreaders_stress=0 secs=2 "
	"long_hold=100\n";

std::string guest(const std::string &body)
{
	return "Linux version 6.1.0-56-amd64\n" + kStart + body + kEnd;
}

TEST(ParseLine, Writes)
{
	auto l = parse_line("bsdtorture: netbsd_mutex-torture: Writes:  Total: "
			    "60243  Max/Min: 16153/13437 ???  Fail: 3 !!!");
	ASSERT_TRUE(l);
	EXPECT_EQ(l->kind, Line::Writes);
	EXPECT_EQ(l->type, "netbsd_mutex");
	EXPECT_EQ(l->total, 60243UL);
	EXPECT_EQ(l->fail, 3UL);
}

TEST(ParseLine, EndAndStart)
{
	auto e = parse_line("bsdtorture: tru64_funnel-torture:--- End of test: "
			    "FAILURE: torture_type=tru64_funnel");
	ASSERT_TRUE(e);
	EXPECT_EQ(e->kind, Line::End);
	EXPECT_FALSE(e->success);
	auto s = parse_line("bsdtorture: tru64_funnel-torture:--- Start of test: x");
	ASSERT_TRUE(s);
	EXPECT_EQ(s->kind, Line::Start);
}

TEST(ParseLine, Rejects)
{
	EXPECT_FALSE(parse_line("locktorture: Writes:  Total: 1"));
	EXPECT_FALSE(parse_line("bsdtorture: -torture: Writes:  Total: 1 Fail: 0"));
	EXPECT_FALSE(parse_line("bsdtorture: x-torture: Writes:  Total: many"));
	EXPECT_FALSE(parse_line("bsdtorture: x-torture:--- End of test: MAYBE"));
}

TEST(Check, AllGood)
{
	Summary s = check(guest(kMutex + kRw + kSpin + kBusted), {});
	ASSERT_EQ(s.types.size(), 4U);
	EXPECT_EQ(s.kernel, "6.1.0-56-amd64");
	EXPECT_EQ(s.vcpus, 2U);
	EXPECT_EQ(s.types[1].writes, 6733UL);
	EXPECT_EQ(s.types[1].reads, 2793UL);
	EXPECT_EQ(s.types[2].irqs, 14273UL);
	EXPECT_EQ(s.types[3].fail, 219UL);
	EXPECT_EQ(s.passed(), 4U);
	EXPECT_EQ(s.failed(), 0U);
	EXPECT_EQ(format(s, "t"),
		  "6.1.0-56-amd64 2vcpu netbsd_mutex: writes 60243 reads 0 fail 0 SUCCESS\n"
		  "6.1.0-56-amd64 2vcpu freebsd_sx: writes 6733 reads 2793 fail 0 SUCCESS\n"
		  "6.1.0-56-amd64 2vcpu netbsd_spin: writes 234415 reads 0 fail 0 SUCCESS\n"
		  "6.1.0-56-amd64 2vcpu bsd_busted: writes 129446 reads 0 fail 219 "
		  "FAILURE (expected)\n"
		  "t: 4 passed, 0 failed\n");
}

TEST(Check, RealTypeFailing)
{
	std::string bad = kMutex;
	bad.replace(bad.find("Fail: 0 "), 8, "Fail: 2 !!!");
	bad.replace(bad.find("SUCCESS"), 7, "FAILURE");
	Summary s = check(guest(bad), {});
	EXPECT_EQ(s.passed(), 0U);
	EXPECT_EQ(s.failed(), 1U);
	EXPECT_NE(format(s, "t").find("fail 2 FAILURE !!"), std::string::npos);
}

TEST(Check, ReaderFailureCounts)
{
	std::string bad = kRw;
	bad.replace(bad.find("1555/1238   Fail: 0"), 19, "1555/1238   Fail: 5");
	Summary s = check(guest(bad), {});
	ASSERT_EQ(s.types.size(), 1U);
	EXPECT_EQ(s.types[0].fail, 5UL);
	EXPECT_FALSE(s.ok()); // even though the module said SUCCESS
}

TEST(Check, BustedThatPasses)
{
	std::string b = kBusted;
	b.replace(b.find("Fail: 219 !!!"), 13, "Fail: 0 ");
	b.replace(b.find("FAILURE"), 7, "SUCCESS");
	Summary s = check(guest(b), {});
	EXPECT_EQ(s.failed(), 1U);
	EXPECT_NE(format(s, "t").find("SUCCESS !!"), std::string::npos);
}

TEST(Check, UnfinishedType)
{
	std::string cut = kMutex.substr(0, kMutex.find("[    3.960619]"));
	Summary s = check(guest(cut), {});
	ASSERT_EQ(s.types.size(), 1U);
	EXPECT_FALSE(s.types[0].finished);
	EXPECT_EQ(s.failed(), 1U);
	EXPECT_NE(format(s, "t").find("UNFINISHED !!"), std::string::npos);
}

TEST(Check, MissingAndUnloadedTypes)
{
	Summary s = check(guest(kMutex + "guest: insmod bsdtorture.ko "
					 "torture_type=freebsd_rw failed\n"),
			  {"netbsd_mutex", "freebsd_rw", "tru64_funnel"});
	ASSERT_EQ(s.types.size(), 2U);
	EXPECT_TRUE(s.types[1].load_failed);
	ASSERT_EQ(s.problems.size(), 1U);
	EXPECT_EQ(s.problems[0], "type tru64_funnel did not run");
	EXPECT_EQ(s.passed(), 1U);
	EXPECT_EQ(s.failed(), 2U);
}

TEST(Check, LockdepReportFails)
{
	const std::string lockdep =
		"[   12.0] ======================================================\n"
		"[   12.0] WARNING: possible circular locking dependency detected\n"
		"[   12.0] 6.1.192 #1 Not tainted\n";
	Summary s = check(guest(kMutex + lockdep), {});
	EXPECT_EQ(s.passed(), 1U);
	EXPECT_EQ(s.console.reports.size(), 1U);
	EXPECT_FALSE(s.ok());
	EXPECT_NE(format(s, "t").find("REPORT WARNING: possible circular"),
		  std::string::npos);
}

TEST(Check, AnyWarnFails)
{
	// bsdtorture's own WARN for a real type, and bsdcompat's misuse
	// report: neither is expected in a torture run.
	const std::string warns =
		"WARNING: CPU: 1 PID: 90 at torture/bsdtorture_core.c:120 "
		"bt_failure+0x40/0x60 [bsdtorture]\n"
		"WARNING: CPU: 0 PID: 53 at bsdcompat/core/lockdebug.c:65 "
		"bsd_lock_error+0x1c7/0x1e0 [bsdcompat]\n";
	Summary s = check(guest(kMutex + warns), {});
	EXPECT_EQ(s.console.reports.size(), 2U);
	EXPECT_EQ(s.failed(), 2U);
}

TEST(Check, KasanAndBugFail)
{
	Summary s = check(guest(kSpin + "BUG: KASAN: use-after-free in x\n"), {});
	EXPECT_EQ(s.console.reports.size(), 1U);
	EXPECT_FALSE(s.ok());
}

TEST(Check, GuestDidNotFinish)
{
	Summary s = check("Linux\n" + kStart + kMutex, {});
	EXPECT_EQ(s.passed(), 1U);
	ASSERT_EQ(s.console.problems.size(), 1U);
	EXPECT_FALSE(s.ok());
}

TEST(Check, EmptyLog)
{
	Summary s = check(guest(""), {});
	EXPECT_TRUE(s.types.empty());
	EXPECT_EQ(s.problems.size(), 1U);
	EXPECT_FALSE(s.ok());
}

TEST(Check, StatIntervalLinesKeepTheLast)
{
	std::string body = kMutex;
	body.insert(body.find("[    3.960261]"),
		    "bsdtorture: netbsd_mutex-torture: Writes:  Total: 100  "
		    "Max/Min: 30/20   Fail: 0 \n");
	Summary s = check(guest(body), {});
	ASSERT_EQ(s.types.size(), 1U);
	EXPECT_EQ(s.types[0].writes, 60243UL);
	EXPECT_TRUE(s.ok());
}

} // namespace
} // namespace bsdcompat::torture
