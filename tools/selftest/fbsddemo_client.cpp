// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include "fbsddemo_client.h"

namespace bsdcompat {

namespace {

fbsddemo_run run(std::uint32_t loops, std::uint32_t hold_us, bool writer)
{
	return { .loops = loops, .hold_us = hold_us, .writer = writer, .pad = 0 };
}

} // namespace

int FbsdDemo::mtx(std::uint32_t loops)
{
	fbsddemo_run in = run(loops, 0, false);
	return call(FBSDDEMO_MTX, &in);
}

int FbsdDemo::spin(std::uint32_t loops)
{
	fbsddemo_run in = run(loops, 0, false);
	return call(FBSDDEMO_SPIN, &in);
}

int FbsdDemo::timer(std::uint32_t period_us)
{
	// The period is the argument itself, not a pointer to it.
	return call_value(FBSDDEMO_TIMER, period_us);
}

int FbsdDemo::sx(std::uint32_t loops, std::uint32_t hold_us, bool writer)
{
	fbsddemo_run in = run(loops, hold_us, writer);
	return call(FBSDDEMO_SX, &in);
}

int FbsdDemo::rw(std::uint32_t loops, std::uint32_t hold_us, bool writer)
{
	fbsddemo_run in = run(loops, hold_us, writer);
	return call(FBSDDEMO_RW, &in);
}

int FbsdDemo::read(std::uint32_t items, bool get, std::uint32_t queue)
{
	fbsddemo_read in{ .items = items, .get = get, .queue = queue, .pad = 0 };
	return call(FBSDDEMO_READ, &in);
}

int FbsdDemo::giant(std::uint32_t loops)
{
	fbsddemo_run in = run(loops, 0, false);
	return call(FBSDDEMO_GIANT, &in);
}

int FbsdDemo::stats(fbsddemo_stats &st)
{
	return call(FBSDDEMO_STATS, &st);
}

int FbsdDemo::reset()
{
	return call(FBSDDEMO_RESET, nullptr);
}

} // namespace bsdcompat
