// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// Host-side tests of the Tru64 scenarios' checks: good statistics pass, and
// each broken field gives exactly the problem it should. The scenarios
// themselves need the tru64demo driver; here they only meet a device that
// does not open.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tru64_scenarios.h"

using namespace bsdcompat;

namespace {

// Exactly one problem, and it mentions @words.
void expect_one(const std::vector<std::string> &problems, const std::string &words)
{
	ASSERT_EQ(problems.size(), 1u) << (problems.empty() ? "none" : problems[0]);
	EXPECT_NE(problems[0].find(words), std::string::npos) << problems[0];
}

// 4 threads x 2000 sections against 37 timer sections.
tru64demo_stats good_slock()
{
	tru64demo_stats st{};

	st.sl_sections = 8000;
	st.timer_hits = 37;
	st.sl_a = st.sl_b = 8037;
	return st;
}

// 2 writers and 3 readers x 200: 75 upgrade tries, 70 of them upgraded.
tru64demo_stats good_complex()
{
	tru64demo_stats st{};

	st.cl_upgrades = 70;
	st.cl_upgrade_fails = 5;
	st.cl_writes = 470;
	st.cl_a = st.cl_b = 470;
	st.cl_reads = 600;
	st.cl_max_readers = 2;
	return st;
}

} // namespace

TEST(Tru64Checks, SlockPair)
{
	tru64demo_stats st = good_slock();

	EXPECT_TRUE(check_slock_pair(st, 8000).empty());

	st = good_slock();
	st.sl_torn = 2;
	expect_one(check_slock_pair(st, 8000), "half-updated");
	st = good_slock();
	st.sl_b = 8036;
	expect_one(check_slock_pair(st, 8000), "unequal");
	st = good_slock();
	st.sl_a = st.sl_b = 8036;		// a section's update vanished
	expect_one(check_slock_pair(st, 8000), "lost updates");
	st = good_slock();
	st.sl_sections = 7999;			// a thread section never ran
	st.sl_a = st.sl_b = 8036;
	expect_one(check_slock_pair(st, 8000), "7999 thread sections, expected 8000");
	// No interrupt at all means nothing was tested: a failure, not a pass.
	st = good_slock();
	st.timer_hits = 0;
	st.sl_a = st.sl_b = 8000;
	expect_one(check_slock_pair(st, 8000), "timer interrupt never ran");
}

TEST(Tru64Checks, ComplexLock)
{
	tru64demo_stats st = good_complex();

	EXPECT_TRUE(check_complex_lock(st, 400, 600, 75).empty());
	// One reader at a time is timing, not a failure.
	st.cl_max_readers = 1;
	EXPECT_TRUE(check_complex_lock(st, 400, 600, 75).empty());

	st = good_complex();
	st.cl_torn = 1;
	expect_one(check_complex_lock(st, 400, 600, 75), "half-updated");
	st = good_complex();
	st.cl_b = 469;
	expect_one(check_complex_lock(st, 400, 600, 75), "unequal");
	st = good_complex();
	st.cl_a = st.cl_b = 469;
	expect_one(check_complex_lock(st, 400, 600, 75), "lost updates");
	st = good_complex();
	st.cl_writes = st.cl_a = st.cl_b = 471;	// a write section too many
	expect_one(check_complex_lock(st, 400, 600, 75), "471 write sections, expected 400 + 70");
	st = good_complex();
	st.cl_reads = 599;
	expect_one(check_complex_lock(st, 400, 600, 75), "599 read sections, expected 600");
	st = good_complex();
	st.cl_upgrade_fails = 4;		// a try neither upgraded nor failed
	expect_one(check_complex_lock(st, 400, 600, 75), "expected 75 lock_read_to_write()");
	st = good_complex();
	st.cl_max_readers = 0;
	expect_one(check_complex_lock(st, 400, 600, 75), "no reader");

	// Writers only: no reader is expected inside.
	st = {};
	st.cl_writes = st.cl_a = st.cl_b = 400;
	EXPECT_TRUE(check_complex_lock(st, 400, 0, 0).empty());
}

TEST(Tru64Checks, Funnel)
{
	tru64demo_stats st{};

	st.fn_calls = 400;
	st.fn_sleeps = 100;
	EXPECT_TRUE(check_funnel(st, 400).empty());

	st.fn_calls = 399;
	expect_one(check_funnel(st, 400), "399 funneled sections, expected 400");
	st.fn_calls = 400;
	st.fn_off_master = 3;
	expect_one(check_funnel(st, 400), "off the master CPU");
	st.fn_off_master = 0;
	st.fn_overlaps = 1;
	expect_one(check_funnel(st, 400), "at once");
	st.fn_overlaps = 0;
	st.fn_sleeps = 0;
	expect_one(check_funnel(st, 400), "no funneled section slept");
	// Under 4 sections none sleeps: nothing to ask for.
	st.fn_calls = 3;
	EXPECT_TRUE(check_funnel(st, 3).empty());
}

TEST(Tru64Checks, Queue)
{
	tru64demo_stats st{};

	st.q_put = st.q_get = 4000;
	st.q_sleeps = 12;
	EXPECT_TRUE(check_tru64_queue(st, 4000).empty());
	// Consumers need not have slept.
	st.q_sleeps = 0;
	EXPECT_TRUE(check_tru64_queue(st, 4000).empty());

	st.q_put = 3999;
	expect_one(check_tru64_queue(st, 4000), "3999 tokens put");
	st.q_put = 4000;
	st.q_get = 4001;			// one consumed twice
	expect_one(check_tru64_queue(st, 4000), "4001 tokens got");
	st.q_get = 4000;
	st.q_left = 1;
	expect_one(check_tru64_queue(st, 4000), "1 tokens left");
}

TEST(Tru64Checks, LockErrors)
{
	tru64demo_stats st{};

	EXPECT_TRUE(check_lock_errors(st).empty());
	st.lock_errors = 2;
	expect_one(check_lock_errors(st), "2 misuse reports");
}

// The selftest announces its KTAP plan before anything runs: run_tru64 must
// return exactly kTru64Scenarios outcomes. Without the driver each of them
// fails, and still says what it was about.
TEST(Tru64Scenarios, RunMatchesThePlanAndFailsWithoutTheDriver)
{
	Tru64Demo dev("/nonexistent/tru64demo");

	ASSERT_FALSE(dev.ok());
	EXPECT_NE(dev.error().find("/nonexistent/tru64demo"), std::string::npos);
	auto all = run_tru64(dev);
	ASSERT_EQ(all.size(), std::size_t(kTru64Scenarios));
	for (const auto &o : all) {
		EXPECT_FALSE(o.problems.empty()) << o.name;
		EXPECT_FALSE(o.what.empty()) << o.name;
		EXPECT_EQ(o.name.rfind("tru64_", 0), 0u) << o.name;
	}
}
