// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// Host-side tests of the detach scenario's checks: how each errno of each
// call is classified, how tallies add up, and that good statistics pass
// while each broken field gives exactly the problem it should. The scenario
// itself needs the nbdetach driver; here it only meets nodes that do not
// open.
#include <gtest/gtest.h>

#include <cerrno>
#include <string>
#include <vector>

#include "detach_scenarios.h"

using namespace bsdcompat;

namespace {

// Exactly one problem, and it mentions @words.
void expect_one(const std::vector<std::string> &problems, const std::string &words)
{
	ASSERT_EQ(problems.size(), 1u) << (problems.empty() ? "none" : problems[0]);
	EXPECT_NE(problems[0].find(words), std::string::npos) << problems[0];
}

// What 8 workers might have seen: some of every call worked, some met the
// detach, some opens found no node.
DetachTally good_tally()
{
	DetachTally t;

	for (int i = 0; i < 40; i++)
		t.add(DetachCall::open, 0);
	for (int i = 0; i < 38; i++)
		t.add(DetachCall::read, 0);
	t.add(DetachCall::read, ENXIO);
	t.add(DetachCall::read, ENXIO);
	for (int i = 0; i < 39; i++)
		t.add(DetachCall::ioctl, 0);
	t.add(DetachCall::ioctl, ENXIO);
	for (int i = 0; i < 40; i++)
		t.add(DetachCall::close, 0);
	for (int i = 0; i < 7; i++)
		t.add(DetachCall::open, ENOENT);
	t.add(DetachCall::open, ENXIO);
	t.bytes = 38 * 64;
	return t;
}

// The driver's side of good_tally() after 100 rounds.
nbdet_stats good_stats()
{
	nbdet_stats st{};

	st.attaches = st.detaches = 100;
	st.opens = 40;
	st.ioctls = 39;
	st.consumed = 38 * 64;
	st.produced = 38 * 64 + 500;
	st.reads = 40;
	st.refused = 3;
	st.woken = 1;
	st.intrs = 25;
	return st;
}

} // namespace

TEST(DetachClassify, SuccessIsOkForEveryCall)
{
	for (auto c : { DetachCall::open, DetachCall::read, DetachCall::ioctl, DetachCall::close })
		EXPECT_EQ(classify(c, 0), Verdict::ok) << detach_call_name(c);
}

TEST(DetachClassify, EnxioIsGoneForEveryCall)
{
	for (auto c : { DetachCall::open, DetachCall::read, DetachCall::ioctl, DetachCall::close })
		EXPECT_EQ(classify(c, ENXIO), Verdict::gone) << detach_call_name(c);
}

TEST(DetachClassify, EnoentOnlyForOpen)
{
	EXPECT_EQ(classify(DetachCall::open, ENOENT), Verdict::no_node);
	EXPECT_EQ(classify(DetachCall::read, ENOENT), Verdict::bad);
	EXPECT_EQ(classify(DetachCall::ioctl, ENOENT), Verdict::bad);
	EXPECT_EQ(classify(DetachCall::close, ENOENT), Verdict::bad);
}

TEST(DetachClassify, OtherErrnosAreBad)
{
	for (int e : { EIO, ENODEV, EBADF, EFAULT, ENOTTY, EINTR, EBUSY, EINVAL })
		for (auto c : { DetachCall::open, DetachCall::read, DetachCall::ioctl,
				DetachCall::close })
			EXPECT_EQ(classify(c, e), Verdict::bad)
				<< detach_call_name(c) << " errno " << e;
}

TEST(DetachTally, CountsAndMerges)
{
	DetachTally a, b;

	a.add(DetachCall::open, 0);
	a.add(DetachCall::read, ENXIO);
	a.add(DetachCall::open, ENOENT);
	b.add(DetachCall::ioctl, 0);
	b.add(DetachCall::close, EIO);
	b.bytes = 7;
	a.merge(b);
	EXPECT_EQ(a.ok[0], 1u);
	EXPECT_EQ(a.gone[1], 1u);
	EXPECT_EQ(a.ok[2], 1u);
	EXPECT_EQ(a.no_node, 1u);
	EXPECT_EQ(a.bad, 1u);
	EXPECT_EQ(a.bytes, 7u);
	EXPECT_EQ(a.calls(), 5u);
	ASSERT_EQ(a.bad_calls.size(), 1u);
	EXPECT_NE(a.bad_calls[0].find("close"), std::string::npos);
}

TEST(DetachTally, KeepsOnlyTheFirstBadCalls)
{
	DetachTally t;

	for (int i = 0; i < 50; i++)
		t.add(DetachCall::read, EIO);
	EXPECT_EQ(t.bad, 50u);
	EXPECT_LE(t.bad_calls.size(), 5u);
}

TEST(DetachCalls, GoodTallyPasses)
{
	EXPECT_TRUE(check_detach_calls(good_tally()).empty());
}

TEST(DetachCalls, BadErrnoFails)
{
	DetachTally t = good_tally();

	t.add(DetachCall::ioctl, ENODEV);
	expect_one(check_detach_calls(t), "ioctl: ");
}

TEST(DetachCalls, EnoentFromReadFails)
{
	DetachTally t = good_tally();

	t.add(DetachCall::read, ENOENT);
	expect_one(check_detach_calls(t), "neither ENXIO");
}

TEST(DetachCalls, WrongUnitFails)
{
	DetachTally t = good_tally();

	t.wrong_unit = 2;
	expect_one(check_detach_calls(t), "not for unit 0");
}

TEST(DetachCalls, NoSuccessfulOpenFails)
{
	DetachTally t;

	t.add(DetachCall::open, ENOENT);
	expect_one(check_detach_calls(t), "no open succeeded");
}

TEST(DetachCalls, NothingMetTheDetachFails)
{
	DetachTally t;

	t.add(DetachCall::open, 0);
	t.add(DetachCall::read, 0);
	expect_one(check_detach_calls(t), "nothing was tested");
}

TEST(DetachControl, AllZeroPasses)
{
	EXPECT_TRUE(check_detach_control(3, { 0, 0, 0 }, { 0, 0, 0 }).empty());
}

TEST(DetachControl, FailedDetachFails)
{
	expect_one(check_detach_control(3, { 0, EBUSY, EBUSY }, { 0, 0, 0 }),
		   "2 of 3 DETACH");
}

TEST(DetachControl, FailedAttachFails)
{
	expect_one(check_detach_control(3, { 0, 0, 0 }, { ENXIO, 0, 0 }), "ATTACH");
}

TEST(DetachControl, MissingRoundsFail)
{
	expect_one(check_detach_control(3, { 0, 0 }, { 0, 0, 0 }), "2 DETACH calls, expected 3");
}

TEST(DetachStats, GoodStatsPass)
{
	EXPECT_TRUE(check_detach_stats(good_stats(), 100, good_tally()).empty());
}

TEST(DetachStats, RingLeftFromBeforeTheResetPasses)
{
	nbdet_stats st = good_stats();

	st.produced = st.consumed - NBDET_RING_BYTES - NBDET_IBUF_BYTES;
	EXPECT_TRUE(check_detach_stats(st, 100, good_tally()).empty());
}

TEST(DetachStats, BadMagicFails)
{
	nbdet_stats st = good_stats();

	st.bad_magic = 1;
	expect_one(check_detach_stats(st, 100, good_tally()), "magic");
}

TEST(DetachStats, WrongDetachCountFails)
{
	nbdet_stats st = good_stats();

	st.detaches = 99;
	expect_one(check_detach_stats(st, 100, good_tally()), "99 detaches");
}

TEST(DetachStats, NoInterruptFails)
{
	nbdet_stats st = good_stats();

	st.intrs = 0;
	expect_one(check_detach_stats(st, 100, good_tally()), "interrupt handler never ran");
}

TEST(DetachCalls, FireErrorsFail)
{
	DetachTally t = good_tally();

	t.fire_errors = 3;
	expect_one(check_detach_calls(t), "3 NBDETCTL_FIRE");
}

TEST(DetachStats, WrongAttachCountFails)
{
	nbdet_stats st = good_stats();

	st.attaches = 101;
	expect_one(check_detach_stats(st, 100, good_tally()), "101 attaches");
}

TEST(DetachStats, OpensMismatchFails)
{
	nbdet_stats st = good_stats();

	st.opens = 41;
	expect_one(check_detach_stats(st, 100, good_tally()), "41 opens");
}

TEST(DetachStats, IoctlsMismatchFails)
{
	nbdet_stats st = good_stats();

	st.ioctls = 38;
	expect_one(check_detach_stats(st, 100, good_tally()), "38 ioctls");
}

TEST(DetachStats, BytesMismatchFails)
{
	nbdet_stats st = good_stats();

	st.consumed += 1;
	st.produced += 1;
	expect_one(check_detach_stats(st, 100, good_tally()), "bytes, the workers read");
}

TEST(DetachStats, ConsumedMoreThanProducedFails)
{
	nbdet_stats st = good_stats();

	st.produced = st.consumed - NBDET_RING_BYTES - NBDET_IBUF_BYTES - 1;
	expect_one(check_detach_stats(st, 100, good_tally()), "made only");
}

TEST(DetachScenario, UnopenedNodesFailWithoutHanging)
{
	NbdetCtl ctl("/nonexistent/nbdetctl0");

	ASSERT_FALSE(ctl.ok());
	Outcome o = detach_under_load(ctl, "/nonexistent/nbdet0", 2, 3, 30);
	EXPECT_FALSE(o.problems.empty());
}
