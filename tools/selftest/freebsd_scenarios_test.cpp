// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// Host-side tests of the FreeBSD scenarios' checks: good statistics pass,
// and each broken field gives exactly the problem it should. The scenarios
// themselves need the fbsddemo driver; here they only meet a device that
// does not open.
#include <gtest/gtest.h>

#include <cerrno>
#include <string>
#include <vector>

#include "freebsd_scenarios.h"

using namespace bsdcompat;

namespace {

// Exactly one problem, and it mentions @words.
void expect_one(const std::vector<std::string> &problems, const std::string &words)
{
	ASSERT_EQ(problems.size(), 1u) << (problems.empty() ? "none" : problems[0]);
	EXPECT_NE(problems[0].find(words), std::string::npos) << problems[0];
}

// 4 threads x 2000 read-modify-write sections.
fbsddemo_stats good_mtx()
{
	fbsddemo_stats st{};

	st.mtx_sections = 8000;
	st.mtx_a = st.mtx_b = 8000;
	return st;
}

// 4 threads x 2000 sections against 41 timer sections.
fbsddemo_stats good_spin()
{
	fbsddemo_stats st{};

	st.spin_sections = 8000;
	st.timer_hits = 41;
	st.spin_a = st.spin_b = 8041;
	return st;
}

// 2 writers and 3 readers x 200: 100 upgrade tries, 60 of them upgraded.
fbsddemo_rwstats good_sxrw()
{
	fbsddemo_rwstats s{};

	s.upgrades = 60;
	s.upgrade_fails = 40;
	s.writes = 400;
	s.a = s.b = 400;
	s.reads = 600;
	s.max_readers = 2;
	return s;
}

// Queue 1 after 4000 tokens (values 1..2000 from each of 2 producers) and
// one signalled consumer.
fbsddemo_stats good_read()
{
	fbsddemo_stats st{};

	st.q[1].put = st.q[1].got = 4000;
	st.q[1].sum_put = st.q[1].sum_got = 2 * (2000 * 2001 / 2);
	st.q[1].sleeps = 57;
	st.q[1].interrupted = 1;
	return st;
}

// 4 threads x 100 Giant sections, 100 of them asleep.
fbsddemo_stats good_giant()
{
	fbsddemo_stats st{};

	st.gnt_sections = 400;
	st.gnt_sleeps = 100;
	return st;
}

} // namespace

TEST(FreebsdChecks, Mtx)
{
	fbsddemo_stats st = good_mtx();

	EXPECT_TRUE(check_freebsd_mtx(st, 8000).empty());

	st = good_mtx();
	st.mtx_torn = 3;
	expect_one(check_freebsd_mtx(st, 8000), "half-updated");
	st = good_mtx();
	st.mtx_b = 7999;
	expect_one(check_freebsd_mtx(st, 8000), "unequal");
	st = good_mtx();
	st.mtx_a = st.mtx_b = 7998;		// two read-modify-writes overlapped
	expect_one(check_freebsd_mtx(st, 8000), "lost updates");
	st = good_mtx();
	st.mtx_sections = st.mtx_a = st.mtx_b = 7999;	// a section never ran
	expect_one(check_freebsd_mtx(st, 8000), "7999 sections, expected 8000");
}

TEST(FreebsdChecks, Spin)
{
	fbsddemo_stats st = good_spin();

	EXPECT_TRUE(check_freebsd_spin(st, 8000).empty());

	st = good_spin();
	st.spin_torn = 1;
	expect_one(check_freebsd_spin(st, 8000), "half-updated");
	st = good_spin();
	st.spin_b = 8040;
	expect_one(check_freebsd_spin(st, 8000), "unequal");
	st = good_spin();
	st.spin_a = st.spin_b = 8040;		// an interrupt's update vanished
	expect_one(check_freebsd_spin(st, 8000), "lost updates");
	st = good_spin();
	st.spin_sections = 7999;
	st.spin_a = st.spin_b = 8040;
	expect_one(check_freebsd_spin(st, 8000), "7999 thread sections, expected 8000");
	// No interrupt at all means nothing was tested: a failure, not a pass.
	st = good_spin();
	st.timer_hits = 0;
	st.spin_a = st.spin_b = 8000;
	expect_one(check_freebsd_spin(st, 8000), "timer interrupt never ran");
}

TEST(FreebsdChecks, SxRw)
{
	fbsddemo_rwstats s = good_sxrw();

	EXPECT_TRUE(check_freebsd_sxrw(s, "sx", 400, 600, 100).empty());
	// One reader at a time, and no upgrade granted, are timing.
	s.max_readers = 1;
	s.upgrades = 0;
	s.upgrade_fails = 100;
	EXPECT_TRUE(check_freebsd_sxrw(s, "sx", 400, 600, 100).empty());

	s = good_sxrw();
	s.torn = 1;
	expect_one(check_freebsd_sxrw(s, "rw", 400, 600, 100), "rw: 1 sections saw the pair");
	s = good_sxrw();
	s.b = 399;
	expect_one(check_freebsd_sxrw(s, "sx", 400, 600, 100), "unequal");
	s = good_sxrw();
	s.a = s.b = 399;
	expect_one(check_freebsd_sxrw(s, "sx", 400, 600, 100), "lost updates");
	s = good_sxrw();
	s.writes = s.a = s.b = 401;		// a write section wrote twice
	expect_one(check_freebsd_sxrw(s, "sx", 400, 600, 100), "401 write sections, expected 400");
	s = good_sxrw();
	s.reads = 599;
	expect_one(check_freebsd_sxrw(s, "sx", 400, 600, 100), "599 read sections, expected 600");
	s = good_sxrw();
	s.upgrade_fails = 39;			// a try neither upgraded nor refused
	expect_one(check_freebsd_sxrw(s, "sx", 400, 600, 100), "expected 100 try_upgrade()");
	s = good_sxrw();
	s.max_readers = 0;
	expect_one(check_freebsd_sxrw(s, "sx", 400, 600, 100), "no reader");

	// Writers only: no reader is expected inside.
	s = {};
	s.writes = s.a = s.b = 400;
	s.upgrade_fails = 100;
	EXPECT_TRUE(check_freebsd_sxrw(s, "rw", 400, 0, 100).empty());
}

TEST(FreebsdChecks, Read)
{
	fbsddemo_stats st = good_read();

	EXPECT_TRUE(check_freebsd_read(st, 1, 4000, EINTR).empty());
	// Consumers need not have slept on the busy ring.
	st.q[1].sleeps = 0;
	EXPECT_TRUE(check_freebsd_read(st, 1, 4000, EINTR).empty());
	// The other queue's numbers are not this one's business.
	st.q[0].put = 5;
	EXPECT_TRUE(check_freebsd_read(st, 1, 4000, EINTR).empty());

	st = good_read();
	st.q[1].put = 3999;
	expect_one(check_freebsd_read(st, 1, 4000, EINTR), "queue 1: 3999 tokens put");
	st = good_read();
	st.q[1].got = 4001;
	expect_one(check_freebsd_read(st, 1, 4000, EINTR), "4001 tokens got");
	st = good_read();
	st.q[1].left = 1;
	expect_one(check_freebsd_read(st, 1, 4000, EINTR), "1 tokens left");
	st = good_read();
	st.q[1].sum_got -= 7;			// one token taken twice, another never
	expect_one(check_freebsd_read(st, 1, 4000, EINTR), "taken twice or lost");
	st = good_read();
	st.q[1].waiting = 1;
	expect_one(check_freebsd_read(st, 1, 4000, EINTR), "1 consumers still asleep");
	st = good_read();
	st.q[1].interrupted = 0;
	expect_one(check_freebsd_read(st, 1, 4000, EINTR), "0 sleeps ended by a signal");
	st = good_read();
	expect_one(check_freebsd_read(st, 1, 4000, 0), "ended with success, expected EINTR");
	expect_one(check_freebsd_read(st, 1, 4000, EAGAIN), "expected EINTR");
	expect_one(check_freebsd_read(st, 2, 4000, EINTR), "no such queue");
}

TEST(FreebsdChecks, Giant)
{
	fbsddemo_stats st = good_giant();

	EXPECT_TRUE(check_freebsd_giant(st, 400, 100).empty());

	st.gnt_sections = 399;
	expect_one(check_freebsd_giant(st, 400, 100), "399 Giant sections, expected 400");
	st = good_giant();
	st.gnt_overlaps = 2;
	expect_one(check_freebsd_giant(st, 400, 100), "at once");
	st = good_giant();
	st.gnt_sleeps = 99;
	expect_one(check_freebsd_giant(st, 400, 100), "99 pause()s under Giant, expected 100");
	st = good_giant();
	st.gnt_lost = 1;
	expect_one(check_freebsd_giant(st, 400, 100), "not held twice again");
}

TEST(FreebsdChecks, LockErrors)
{
	fbsddemo_stats st{};

	EXPECT_TRUE(check_lock_errors(st).empty());
	st.lock_errors = 3;
	expect_one(check_lock_errors(st), "3 misuse reports");
}

// The selftest announces its KTAP plan before anything runs: run_freebsd
// must return exactly kFreebsdScenarios outcomes. Without the driver each
// of them fails, and still says what it was about.
TEST(FreebsdScenarios, RunMatchesThePlanAndFailsWithoutTheDriver)
{
	FbsdDemo dev("/nonexistent/fbsddemo");

	ASSERT_FALSE(dev.ok());
	EXPECT_NE(dev.error().find("/nonexistent/fbsddemo"), std::string::npos);
	auto all = run_freebsd(dev);
	ASSERT_EQ(all.size(), std::size_t(kFreebsdScenarios));
	for (const auto &o : all) {
		EXPECT_FALSE(o.problems.empty()) << o.name;
		EXPECT_FALSE(o.what.empty()) << o.name;
		EXPECT_EQ(o.name.rfind("freebsd_", 0), 0u) << o.name;
	}
}
