// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include "lockdemo_client.h"

namespace bsdcompat {

int LockDemo::adaptive_inc(std::uint32_t loops, std::uint32_t hold_us, std::uint32_t ipl)
{
	lockdemo_inc in{ .loops = loops, .hold_us = hold_us, .ipl = ipl, .pad = 0 };
	return call(LOCKDEMO_ADAPTIVE_INC, &in);
}

int LockDemo::spin_inc(std::uint32_t loops, std::uint32_t hold_us)
{
	lockdemo_inc in{ .loops = loops, .hold_us = hold_us, .ipl = 0, .pad = 0 };
	return call(LOCKDEMO_SPIN_INC, &in);
}

int LockDemo::rw(std::uint32_t loops, std::uint32_t hold_us, bool writer)
{
	lockdemo_rw in{ .loops = loops, .hold_us = hold_us, .writer = writer, .pad = 0 };
	return call(LOCKDEMO_RW, &in);
}

int LockDemo::queue(std::uint32_t items, bool get, unsigned queue)
{
	lockdemo_queue in{ .items = items, .get = get, .queue = queue, .pad = 0 };
	return call(LOCKDEMO_QUEUE, &in);
}

int LockDemo::timer(std::uint32_t period_us)
{
	return call_value(LOCKDEMO_TIMER, period_us);
}

int LockDemo::obj_setup(std::uint32_t objects, std::uint32_t refs)
{
	lockdemo_objs in{ .objects = objects, .refs = refs, .freed = 0 };
	return call(LOCKDEMO_OBJ_SETUP, &in);
}

int LockDemo::obj_drop(std::uint64_t &freed)
{
	lockdemo_objs io{};
	int error = call(LOCKDEMO_OBJ_DROP, &io);

	freed = io.freed;
	return error;
}

int LockDemo::stats(lockdemo_stats &st)
{
	return call(LOCKDEMO_STATS, &st);
}

int LockDemo::reset()
{
	return call(LOCKDEMO_RESET, nullptr);
}

} // namespace bsdcompat
