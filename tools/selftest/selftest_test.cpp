// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// Host-side tests of the guest programs' pure parts: the KTAP writer and
// the checks that decide pass or fail.
#include <gtest/gtest.h>

#include <cerrno>
#include <sstream>

#include "ktap.h"
#include "scenarios.h"

using namespace bsdcompat;

TEST(Ktap, PlanResultsAndDiagnostics)
{
	std::ostringstream out;
	ktap::Writer w(out);

	w.plan(3);
	w.result("good", {});
	w.result("bad", { "counter 3, expected 4" });
	w.skip("later", "no device");
	EXPECT_EQ(out.str(), "KTAP version 1\n1..3\nok 1 good\n"
			     "# counter 3, expected 4\nnot ok 2 bad\n"
			     "ok 3 later # SKIP no device\n");
	EXPECT_EQ(w.passed(), 1);
	EXPECT_EQ(w.failed(), 1);
}

TEST(Checks, CounterLostUpdateAndIpl)
{
	lockdemo_stats st{};

	st.count = 800;
	EXPECT_TRUE(check_counter(st, 800).empty());
	st.count = 799;
	EXPECT_EQ(check_counter(st, 800).size(), 1u);
	st.count = 800;
	st.ipl_errors = 2;
	ASSERT_EQ(check_counter(st, 800).size(), 1u);
	EXPECT_NE(check_counter(st, 800)[0].find("below their IPL"), std::string::npos);
}

TEST(Checks, SpinPair)
{
	lockdemo_stats st{};

	st.spin_a = st.spin_b = 1010;
	st.timer_hits = 10;
	EXPECT_TRUE(check_spin_pair(st, 1000).empty());

	st.torn = 1;
	EXPECT_EQ(check_spin_pair(st, 1000).size(), 1u);
	st.torn = 0;
	st.spin_b = 1009;
	EXPECT_EQ(check_spin_pair(st, 1000).size(), 1u);
	st.spin_b = 1010;
	EXPECT_EQ(check_spin_pair(st, 999).size(), 1u);	// a section went missing

	// No interrupt at all means nothing was tested: a failure, not a pass.
	st.spin_a = st.spin_b = 1000;
	st.timer_hits = 0;
	EXPECT_EQ(check_spin_pair(st, 1000).size(), 1u);
}

TEST(Checks, RwPair)
{
	lockdemo_stats st{};

	st.rw_upgrades = 3;
	st.rw_writes = 103;
	st.rw_a = st.rw_b = 103;
	st.rw_reads = 300;
	EXPECT_TRUE(check_rw_pair(st, 100, 300).empty());

	st.rw_torn = 1;
	EXPECT_EQ(check_rw_pair(st, 100, 300).size(), 1u);
	st.rw_torn = 0;
	st.rw_a = st.rw_b = 102;	// a write section lost its update
	EXPECT_EQ(check_rw_pair(st, 100, 300).size(), 1u);
	st.rw_a = st.rw_b = 103;
	EXPECT_EQ(check_rw_pair(st, 100, 299).size(), 1u);
	EXPECT_EQ(check_rw_pair(st, 101, 300).size(), 1u);
}

TEST(Checks, Queue)
{
	lockdemo_stats st{};

	st.q_put[1] = st.q_get[1] = 400;
	EXPECT_TRUE(check_queue(st, 1, 400).empty());
	EXPECT_EQ(check_queue(st, 0, 400).size(), 2u);	// the other queue
	st.q_get[1] = 399;
	st.q_left[1] = 1;				// a token never consumed
	EXPECT_EQ(check_queue(st, 1, 400).size(), 2u);
	st.q_get[1] = 401;
	st.q_left[1] = 0;				// one consumed twice
	EXPECT_EQ(check_queue(st, 1, 400).size(), 1u);
}

TEST(Checks, FreedErrnosAndLockdebug)
{
	EXPECT_TRUE(check_freed(512, 512).empty());
	EXPECT_EQ(check_freed(511, 512).size(), 1u);
	EXPECT_TRUE(check_errnos({ 0, 0 }).empty());
	EXPECT_EQ(check_errnos({ 0, EINTR, EINVAL }).size(), 2u);
	EXPECT_TRUE(check_lockdebug("errors: 0\n").empty());
	EXPECT_EQ(check_lockdebug("errors: 2\nlast: Mutex error: ...\n").size(), 1u);
	EXPECT_EQ(check_lockdebug("garbage").size(), 1u);
}

TEST(Checks, LockstatRecorded)
{
	const std::string head = "# bsdcompat-lockstat v1 enabled=1 dropped=0: type acquired "
				 "contended wait_ns wait_max_ns hold_ns hold_max_ns name\n";
	const std::string demo = "adaptive 800 5 100 50 900 40 sc->sc_lock\n"
				 "spin 3000 0 0 0 600 2 sc->sc_intr_lock\n"
				 "rw_write 200 1 10 10 300 9 sc->sc_rwlock\n"
				 "rw_read 300 0 0 0 0 0 sc->sc_rwlock\n";

	EXPECT_TRUE(check_lockstat_recorded(lockstat::parse(head + demo)).empty());
	// Contention is not required.
	EXPECT_TRUE(check_lockstat_recorded(lockstat::parse(
		head + "adaptive 800 0 0 0 900 40 sc->sc_lock\n"
		       "spin 3000 0 0 0 600 2 sc->sc_intr_lock\n"
		       "rw_write 200 0 0 0 300 9 sc->sc_rwlock\n"
		       "rw_read 300 0 0 0 0 0 sc->sc_rwlock\n")).empty());
	// A class missing, one with no acquisitions, a malformed line, off,
	// dropped: one problem each.
	EXPECT_EQ(check_lockstat_recorded(lockstat::parse(
		head + "spin 3000 0 0 0 600 2 sc->sc_intr_lock\n"
		       "rw_write 200 1 10 10 300 9 sc->sc_rwlock\n"
		       "rw_read 300 0 0 0 0 0 sc->sc_rwlock\n")).size(), 1u);
	EXPECT_EQ(check_lockstat_recorded(lockstat::parse(
		head + "adaptive 0 0 0 0 0 0 sc->sc_lock\n"
		       "spin 3000 0 0 0 600 2 sc->sc_intr_lock\n"
		       "rw_write 200 1 10 10 300 9 sc->sc_rwlock\n"
		       "rw_read 300 0 0 0 0 0 sc->sc_rwlock\n")).size(), 1u);
	EXPECT_EQ(check_lockstat_recorded(lockstat::parse(head + demo + "spin x\n")).size(), 1u);
	std::string off = head;
	off.replace(off.find("enabled=1"), 9, "enabled=0");
	EXPECT_EQ(check_lockstat_recorded(lockstat::parse(off + demo)).size(), 1u);
	std::string dropped = head;
	dropped.replace(dropped.find("dropped=0"), 9, "dropped=7");
	EXPECT_EQ(check_lockstat_recorded(lockstat::parse(dropped + demo)).size(), 1u);
}

TEST(Checks, LockstatCleared)
{
	const std::string head = "# bsdcompat-lockstat v1 enabled=0 dropped=0: type acquired "
				 "contended wait_ns wait_max_ns hold_ns hold_max_ns name\n";

	EXPECT_TRUE(check_lockstat_cleared(lockstat::parse(
		head + "adaptive 0 0 0 0 0 0 sc->sc_lock\n")).empty());
	EXPECT_EQ(check_lockstat_cleared(lockstat::parse(
		head + "adaptive 0 0 0 0 0 1 sc->sc_lock\n")).size(), 1u);
	std::string on = head;
	on.replace(on.find("enabled=0"), 9, "enabled=1");
	EXPECT_EQ(check_lockstat_cleared(lockstat::parse(on)).size(), 1u);
}

// The selftest announces its KTAP plan before anything runs: run_all must
// return exactly kNetbsdScenarios outcomes. On a device that does not
// open, each of them must fail rather than pass vacuously.
TEST(Scenarios, RunAllMatchesThePlanAndFailsWithoutTheDriver)
{
	LockDemo dev("/nonexistent/lockdemo");

	ASSERT_FALSE(dev.ok());
	auto all = run_all(dev, "/nonexistent/lockstat");
	ASSERT_EQ(all.size(), std::size_t(kNetbsdScenarios));
	for (const auto &o : all)
		EXPECT_FALSE(o.problems.empty()) << o.name;
}
