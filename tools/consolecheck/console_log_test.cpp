// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Unit tests for the console log checker.  Every test asserts exact
 * counts, so a checker that lets a report or a result slip fails here.
 */
#include "console_log.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace bsdcompat::console {
namespace {

const std::string kStart = "guest: kernel 6.1.192, 2 CPUs, mode kunit\n";
const std::string kEnd = "guest: bsdcompat unloaded\nBSDCOMPAT-GUEST-DONE\n";

// A log that starts and ends properly around body.
std::string guest(const std::string &body)
{
	return "Linux version 6.1.192\n" + kStart + body + kEnd;
}

Summary run(const std::string &log, Options opt = {})
{
	return check(log, opt);
}

const std::string kKunit = "KTAP version 1\n"
			   "1..2\n"
			   "    KTAP version 1\n"
			   "    # Subtest: netbsd_mutex\n"
			   "    1..20\n"
			   "    ok 1 mutex_type_by_ipl\n"
			   "    ok 2 mutex_tryenter_held_by_other # SKIP a spin "
			   "mutex held by another CPU needs 2 CPUs\n"
			   "    not ok 3 mutex_owned_by_caller_only\n"
			   "not ok 1 netbsd_mutex\n";

const std::string kAllowedWarn =
	"------------[ cut here ]------------\n"
	"WARNING: CPU: 0 PID: 53 at /work/main/build/uml/bsdcompat/core/"
	"lockdebug.c:65 bsd_lock_error+0x1c7/0x1e0 [bsdcompat]\n"
	"bsdcompat: Mutex error: mutex_exit: not held by current LWP\n"
	"---[ end trace 0000000000000000 ]---\n";

TEST(StripTimestamp, RemovesPrintkTime)
{
	EXPECT_EQ(strip_timestamp("[    1.234567] ok 1 foo"), "ok 1 foo");
	EXPECT_EQ(strip_timestamp("[ 1234.000001]     ok 1 foo"), "    ok 1 foo");
	EXPECT_EQ(strip_timestamp("[    0.100000][    T1] BUG: x"), "BUG: x");
	EXPECT_EQ(strip_timestamp("[    1.000000]"), "");
}

TEST(StripTimestamp, LeavesOtherBracketsAlone)
{
	EXPECT_EQ(strip_timestamp(" [<6002e850>] ? um_set_signals+0x0/0x50"),
		  " [<6002e850>] ? um_set_signals+0x0/0x50");
	EXPECT_EQ(strip_timestamp("[abc] text"), "[abc] text");
	EXPECT_EQ(strip_timestamp("[ 1.] text"), "[ 1.] text");
	EXPECT_EQ(strip_timestamp("plain"), "plain");
}

TEST(ParseResult, Fields)
{
	auto r = parse_result("    not ok 3 - mutex_owned # SKIP needs 2 CPUs");
	ASSERT_TRUE(r);
	EXPECT_EQ(r->indent, 4u);
	EXPECT_FALSE(r->ok);
	EXPECT_TRUE(r->skip);
	EXPECT_EQ(r->number, "3");
	EXPECT_EQ(r->name, "mutex_owned");

	r = parse_result("ok 12 spin_vs_timer");
	ASSERT_TRUE(r);
	EXPECT_EQ(r->indent, 0u);
	EXPECT_TRUE(r->ok);
	EXPECT_FALSE(r->skip);
	EXPECT_EQ(r->name, "spin_vs_timer");
}

TEST(ParseResult, Directives)
{
	EXPECT_TRUE(parse_result("ok 1 a # skip lowercase")->skip);
	EXPECT_TRUE(parse_result("not ok 1 a # TODO not written")->skip);
	EXPECT_TRUE(parse_result("ok 1 a # SKIP")->skip);
	EXPECT_FALSE(parse_result("ok 1 a # just a comment")->skip);
	EXPECT_EQ(parse_result("ok 1 a # just a comment")->name, "a");
}

TEST(ParseResult, NotResults)
{
	EXPECT_FALSE(parse_result("    # Subtest: netbsd_mutex"));
	EXPECT_FALSE(parse_result("1..20"));
	EXPECT_FALSE(parse_result("ok"));
	EXPECT_FALSE(parse_result("ok x foo"));
	EXPECT_FALSE(parse_result("ok 1x foo"));
	EXPECT_FALSE(parse_result("Checking syscall emulation...OK"));
	EXPECT_FALSE(parse_result("notok 1 foo"));
}

TEST(Check, KunitNestedLeaves)
{
	Summary s = run(guest(kKunit));
	EXPECT_EQ(s.passed, 1u);
	EXPECT_EQ(s.skipped, 1u);
	// The suite's "not ok" is explained by its failed case.
	EXPECT_EQ(s.failures, std::vector<std::string>{"mutex_owned_by_caller_only"});
	EXPECT_TRUE(s.reports.empty());
	EXPECT_TRUE(s.problems.empty());
	EXPECT_EQ(s.failed(), 1u);
	EXPECT_EQ(format(s, "uml"), "FAIL mutex_owned_by_caller_only\n"
				    "uml: 1 passed, 1 failed, 1 skipped\n");
}

TEST(Check, ParentFailureWithPassingLeaves)
{
	Summary s = run(guest("KTAP version 1\n1..1\n"
			      "    KTAP version 1\n    1..2\n"
			      "    ok 1 a\n    ok 2 b\n"
			      "not ok 1 suite_exit_failed\n"));
	EXPECT_EQ(s.passed, 2u);
	EXPECT_EQ(s.skipped, 0u);
	EXPECT_EQ(s.failures, std::vector<std::string>{"suite_exit_failed"});
	EXPECT_EQ(s.failed(), 1u);
}

TEST(Check, SkippedParentIsNoFailure)
{
	Summary s = run(guest("    ok 1 a # SKIP no\n"
			      "not ok 1 suite # SKIP needs 2 CPUs\n"));
	EXPECT_EQ(s.passed, 0u);
	EXPECT_EQ(s.skipped, 1u);
	EXPECT_EQ(s.failed(), 0u);
}

TEST(Check, TwoSuitesPassing)
{
	Summary s = run(guest("KTAP version 1\n1..2\n"
			      "    KTAP version 1\n    1..2\n"
			      "    ok 1 a\n    ok 2 b # SKIP x\n"
			      "ok 1 s1\n"
			      "    KTAP version 1\n    1..1\n"
			      "    ok 1 c\n"
			      "ok 2 s2\n"));
	EXPECT_EQ(s.passed, 2u);
	EXPECT_EQ(s.skipped, 1u);
	EXPECT_EQ(s.failed(), 0u);
	EXPECT_TRUE(s.ok());
}

TEST(Check, DeeperNestingCountsOnce)
{
	// A failed case under a failed sub-suite under a failed suite: one.
	Summary s = run(guest("        not ok 1 deep\n"
			      "    not ok 1 mid\n"
			      "not ok 1 top\n"
			      "ok 2 flat_after\n"));
	EXPECT_EQ(s.passed, 1u);
	EXPECT_EQ(s.failures, std::vector<std::string>{"deep"});
}

TEST(Check, FlatOutputAllLeaves)
{
	Summary s = run(guest("ok 1 adaptive_no_lost_update\n"
			      "not ok 2 spin_vs_timer\n"
			      "ok 3 - third # SKIP one CPU\n"
			      "not ok 4 fourth # TODO later\n"
			      "ok 5 fifth\n"));
	EXPECT_EQ(s.passed, 2u);
	EXPECT_EQ(s.skipped, 2u);
	EXPECT_EQ(s.failures, std::vector<std::string>{"spin_vs_timer"});
	EXPECT_EQ(s.failed(), 1u);
}

TEST(Check, FlatAfterCutShortKunitStream)
{
	// The KUnit stream never printed its suite line; the selftest's
	// own header means its first result is still a leaf.
	Summary s = run(guest("    ok 1 a\n"
			      "TAP version 13\n1..1\n"
			      "ok 1 selftest_first\n"));
	EXPECT_EQ(s.passed, 2u);
	EXPECT_EQ(s.failed(), 0u);
}

TEST(Check, TimestampsAndCarriageReturns)
{
	Summary s = run("[    0.000000] Linux version\r\n"
			"[    1.000000] guest: kernel\r\n"
			"[    1.100000]     ok 1 a\r\n"
			"[    1.200000]     ok 2 b # SKIP x\r\n"
			"[    1.300000] ok 1 suite\r\n"
			"[    1.400000] BSDCOMPAT-GUEST-DONE\r\n");
	EXPECT_EQ(s.passed, 1u);
	EXPECT_EQ(s.skipped, 1u);
	EXPECT_EQ(s.failed(), 0u);
}

TEST(Reports, AllowedWarnIsNoReport)
{
	Summary s = run(guest("    ok 1 misuse_exit_unheld\n" + kAllowedWarn +
			      "ok 1 netbsd_mutex\n"));
	EXPECT_EQ(s.passed, 1u);
	EXPECT_TRUE(s.reports.empty());
	EXPECT_EQ(s.failed(), 0u);
}

TEST(Reports, OtherWarnSplatIsReport)
{
	const std::string other =
		"WARNING: CPU: 1 PID: 9 at kernel/foo.c:10 other_func+0x1/0x2\n";
	Summary s = run(guest("ok 1 a\n" + other + kAllowedWarn));
	EXPECT_EQ(s.passed, 1u);
	ASSERT_EQ(s.reports.size(), 1u);
	EXPECT_EQ(s.reports[0], other.substr(0, other.size() - 1));
	EXPECT_EQ(s.failed(), 1u);
}

TEST(Reports, AllowListIsConfigurable)
{
	Options opt;
	opt.allow_warn = {"other_func"};
	Summary s = run(guest("ok 1 a\n"
			      "WARNING: CPU: 1 PID: 9 at kernel/foo.c:10 "
			      "other_func+0x1/0x2\n" +
			      kAllowedWarn),
			opt);
	ASSERT_EQ(s.reports.size(), 1u);
	EXPECT_NE(s.reports[0].find("bsd_lock_error"), std::string::npos);
}

TEST(Reports, WarnWithoutFileAndLine)
{
	std::vector<std::string> allow{"bsd_lock_error"};
	EXPECT_FALSE(is_report("WARNING: CPU: 0 PID: 1 at bsd_lock_error+0x1/0x2 "
			       "[bsdcompat]",
			       allow));
	EXPECT_TRUE(is_report("WARNING: CPU: 0 PID: 1 at bsd_lock_error_x+0x1/0x2",
			      allow));
	// A prefix of an allowed name is a different function.
	EXPECT_TRUE(is_report("WARNING: CPU: 0 PID: 1 at a.c:1 bsd_lock+0x1/0x2",
			      allow));
}

TEST(Reports, LockdepAndRcuBanners)
{
	Summary s = run(guest("ok 1 a\n"
			      "======================================================\n"
			      "WARNING: possible circular locking dependency detected\n"
			      "6.1.192 #1 Tainted: G           O\n"
			      "WARNING: suspicious RCU usage\n"
			      "WARNING: inconsistent lock state\n"
			      "WARNING: bad unlock balance detected!\n"));
	EXPECT_EQ(s.passed, 1u);
	EXPECT_EQ(s.reports.size(), 4u);
	EXPECT_EQ(s.reports[0],
		  "WARNING: possible circular locking dependency detected");
	EXPECT_EQ(s.failed(), 4u);
}

TEST(Reports, SlabDebug)
{
	Summary s = run(guest("ok 1 a\n"
			      "=============================================\n"
			      "BUG kmalloc-64 (Tainted: G        W  O): Poison "
			      "overwritten\n"
			      "-----------------------------------------------\n"
			      "0xffff888004b1c2a0-0xffff888004b1c2a7 @offset=672.\n"
			      "FIX kmalloc-64: Restoring Poison\n"));
	ASSERT_EQ(s.reports.size(), 1u);
	EXPECT_EQ(s.reports[0],
		  "BUG kmalloc-64 (Tainted: G        W  O): Poison overwritten");
	EXPECT_EQ(s.failed(), 1u);
}

TEST(Reports, Kasan)
{
	Summary s = run(guest(
		"ok 1 a\n"
		"==================================================================\n"
		"BUG: KASAN: use-after-free in netbsd_mutex_exit+0x2a/0x80 "
		"[bsdcompat]\n"
		"Write of size 8 at addr ffff888004b1c2a0 by task insmod/50\n"));
	ASSERT_EQ(s.reports.size(), 1u);
	EXPECT_EQ(s.reports[0].substr(0, 26), "BUG: KASAN: use-after-free");
	EXPECT_EQ(s.failed(), 1u);
}

// Trimmed from a real x86 debug-kernel run: all cases pass, yet the
// kernel complained, so the run must fail.
TEST(Reports, SchedulingWhileAtomicFailsPassingRun)
{
	Summary s = run(guest(
		"KTAP version 1\n1..1\n"
		"    KTAP version 1\n    # Subtest: netbsd_mutex\n    1..3\n"
		"    ok 1 mutex_type_by_ipl\n"
		"BUG: sleeping function called from invalid context at "
		"kernel/sched/completion.c:101\n"
		"in_atomic(): 1, irqs_disabled(): 1, non_block: 0, pid: 46\n"
		"CPU: 1 PID: 46 Comm: kmtx-holder Tainted: G           O     N\n"
		"Call Trace:\n <TASK>\n dump_stack_lvl+0x4c/0x5f\n </TASK>\n"
		"    ok 2 mutex_tryenter_held_by_other\n"
		"BUG: scheduling while atomic: kmtx-holder/49/0x00000002\n"
		"Modules linked in: bsdcompat_kunit(O+) bsdcompat(O)\n"
		"    ok 3 mutex_owned_by_caller_only\n"
		"ok 1 netbsd_mutex\n"));
	EXPECT_EQ(s.passed, 3u);
	EXPECT_TRUE(s.failures.empty());
	EXPECT_EQ(s.reports.size(), 2u);
	EXPECT_EQ(format(s, "debug"),
		  "REPORT BUG: sleeping function called from invalid context at "
		  "kernel/sched/completion.c:101\n"
		  "REPORT BUG: scheduling while atomic: kmtx-holder/49/0x00000002\n"
		  "debug: 3 passed, 2 failed, 0 skipped\n");
}

TEST(Reports, Patterns)
{
	std::vector<std::string> allow{"bsd_lock_error"};
	for (const char *line : {
		     "BUG: scheduling while atomic: kmtx-holder/49/0x00000002",
		     "BUG kmalloc-128 (Not tainted): Object already free",
		     "Oops: 0002 [#1] PREEMPT SMP KASAN",
		     "Kernel panic - not syncing: Fatal exception",
		     "general protection fault, probably for non-canonical address",
		     "    KASAN: null-ptr-deref in range",
		     "UBSAN: shift-out-of-bounds in bsdcompat/core/spl.c:12:3",
		     "Unable to handle kernel NULL pointer dereference at 0000",
		     "INFO: task kworker/0:1:12 blocked for more than 120 seconds.",
		     "rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:",
		     "watchdog: BUG: soft lockup - CPU#0 stuck for 22s!",
		     "Redzone overwritten",
		     "INFO: 0x1 Object padding overwritten",
		     "qemu: guest timed out after 300 s",
	     })
		EXPECT_TRUE(is_report(line, allow)) << line;
	for (const char *line : {
		     "INFO: task kworker/0:1:12 exited",
		     "BUGS none",
		     "bsdcompat: Mutex error: mutex_exit: not held",
		     " [<6002e850>] ? um_set_signals+0x0/0x50",
		     "    ok 1 kasan_free",
	     })
		EXPECT_FALSE(is_report(line, allow)) << line;
}

TEST(Markers, LinesBeforeStartIgnored)
{
	Summary s = run("KTAP version 1\n1..0\n"
			"not ok 1 early\n"
			"WARNING: suspicious RCU usage\n"
			"BUG: early boot thing\n" +
			kStart + "ok 1 a\n" + kEnd);
	EXPECT_EQ(s.passed, 1u);
	EXPECT_TRUE(s.failures.empty());
	EXPECT_TRUE(s.reports.empty());
	EXPECT_EQ(s.failed(), 0u);
}

TEST(Markers, StartMissing)
{
	Summary s = run("Linux version\nok 1 a\nBUG: x\nBSDCOMPAT-GUEST-DONE\n");
	EXPECT_EQ(s.passed, 0u);
	EXPECT_TRUE(s.reports.empty());
	EXPECT_EQ(s.problems, std::vector<std::string>{"start marker not found"});
	EXPECT_EQ(s.failed(), 1u);
	EXPECT_EQ(format(s, "qemu"), "PROBLEM start marker not found\n"
				     "qemu: 0 passed, 1 failed, 0 skipped\n");
}

TEST(Markers, EndMissing)
{
	Summary s = run(kStart + "ok 1 a\nok 2 b\n");
	EXPECT_EQ(s.passed, 2u);
	EXPECT_EQ(s.problems, std::vector<std::string>{
				      "guest did not finish: end marker missing"});
	EXPECT_EQ(s.failed(), 1u);
}

TEST(Markers, CustomMarkers)
{
	Options opt;
	opt.from = "selftest: start";
	opt.marker = "selftest: done";
	Summary s = run("guest: x\nnot ok 1 before\nselftest: start\nok 1 a\n"
			"selftest: done\n",
			opt);
	EXPECT_EQ(s.passed, 1u);
	EXPECT_EQ(s.failed(), 0u);
}

TEST(MinTests, Shortfall)
{
	Options opt;
	opt.min_tests = 3;
	Summary s = run(guest("ok 1 a\nok 2 b # SKIP x\n"), opt);
	EXPECT_EQ(s.passed, 1u);
	EXPECT_EQ(s.skipped, 1u);
	EXPECT_EQ(s.problems, std::vector<std::string>{
				      "too few tests: 2 results, expected at least 3"});
	EXPECT_EQ(s.failed(), 1u);

	// Parents are not tests: two suites with one case each are two.
	s = run(guest("    ok 1 a\nok 1 s1\n    ok 1 b\nok 2 s2\n"), opt);
	EXPECT_EQ(s.passed, 2u);
	EXPECT_EQ(s.problems.size(), 1u);
}

TEST(MinTests, DefaultNeedsOne)
{
	Summary s = run(guest("KTAP version 1\n1..0\n"));
	EXPECT_EQ(s.problems, std::vector<std::string>{
				      "too few tests: 0 results, expected at least 1"});
	EXPECT_EQ(s.failed(), 1u);
}

TEST(Format, EverythingInOrder)
{
	Summary s = run(kStart + "not ok 1 a\nBUG: b\n");
	EXPECT_EQ(format(s, "x"), "FAIL a\n"
				  "REPORT BUG: b\n"
				  "PROBLEM guest did not finish: end marker missing\n"
				  "x: 0 passed, 3 failed, 0 skipped\n");
}

TEST(Name, Validation)
{
	EXPECT_TRUE(valid_name("uml"));
	EXPECT_TRUE(valid_name("qemu-debug"));
	EXPECT_FALSE(valid_name(""));
	EXPECT_FALSE(valid_name("two words"));
	EXPECT_FALSE(valid_name("tab\there"));
}

} // namespace
} // namespace bsdcompat::console
