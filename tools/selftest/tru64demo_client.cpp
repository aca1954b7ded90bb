// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include "tru64demo_client.h"

namespace bsdcompat {

int Tru64Demo::slock(std::uint32_t loops)
{
	tru64demo_run in{ .loops = loops, .hold_us = 0, .writer = 0, .pad = 0 };
	return call(TRU64DEMO_SLOCK, &in);
}

int Tru64Demo::timer(std::uint32_t period_us)
{
	// The period is the argument itself, not a pointer to it.
	return call_value(TRU64DEMO_TIMER, period_us);
}

int Tru64Demo::complex(std::uint32_t loops, std::uint32_t hold_us, bool writer)
{
	tru64demo_run in{ .loops = loops, .hold_us = hold_us, .writer = writer, .pad = 0 };
	return call(TRU64DEMO_CLOCK, &in);
}

int Tru64Demo::funnel(std::uint32_t loops, std::uint32_t hold_us)
{
	tru64demo_run in{ .loops = loops, .hold_us = hold_us, .writer = 0, .pad = 0 };
	return call(TRU64DEMO_FUNNEL, &in);
}

int Tru64Demo::queue(std::uint32_t items, bool get)
{
	tru64demo_queue in{ .items = items, .get = get };
	return call(TRU64DEMO_QUEUE, &in);
}

int Tru64Demo::stats(tru64demo_stats &st)
{
	return call(TRU64DEMO_STATS, &st);
}

int Tru64Demo::reset()
{
	return call(TRU64DEMO_RESET, nullptr);
}

} // namespace bsdcompat
