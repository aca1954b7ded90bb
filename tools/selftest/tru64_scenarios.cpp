// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include "tru64_scenarios.h"

#include <cstring>

#include "scenario_util.h"

namespace bsdcompat {

using util::append;
using util::finish;
using util::on_threads;
using util::reset;
using util::str;

std::vector<std::string> check_slock_pair(const tru64demo_stats &st,
					  std::uint64_t thread_sections)
{
	std::vector<std::string> p;

	if (st.sl_torn)
		p.push_back(str(st.sl_torn) + " sections saw the simple-lock pair half-updated");
	if (st.sl_a != st.sl_b)
		p.push_back("pair ends unequal: " + str(st.sl_a) + " != " + str(st.sl_b));
	if (st.sl_a != st.sl_sections + st.timer_hits)
		p.push_back("pair " + str(st.sl_a) + " after " + str(st.sl_sections) +
			    " thread + " + str(st.timer_hits) +
			    " interrupt sections (lost updates)");
	if (st.sl_sections != thread_sections)
		p.push_back(str(st.sl_sections) + " thread sections, expected " +
			    str(thread_sections));
	if (st.timer_hits == 0)
		p.push_back("the timer interrupt never ran: nothing was tested against it");
	return p;
}

std::vector<std::string> check_complex_lock(const tru64demo_stats &st,
					    std::uint64_t writer_sections,
					    std::uint64_t reader_sections,
					    std::uint64_t upgrade_tries)
{
	std::vector<std::string> p;

	if (st.cl_torn)
		p.push_back(str(st.cl_torn) + " sections saw the complex-lock pair half-updated");
	if (st.cl_a != st.cl_b)
		p.push_back("pair ends unequal: " + str(st.cl_a) + " != " + str(st.cl_b));
	if (st.cl_a != st.cl_writes)
		p.push_back("pair " + str(st.cl_a) + " after " + str(st.cl_writes) +
			    " write sections (lost updates)");
	if (st.cl_writes != writer_sections + st.cl_upgrades)
		p.push_back(str(st.cl_writes) + " write sections, expected " +
			    str(writer_sections) + " + " + str(st.cl_upgrades) + " upgraded");
	if (st.cl_reads != reader_sections)
		p.push_back(str(st.cl_reads) + " read sections, expected " +
			    str(reader_sections));
	// Each try either upgrades or, returning TRUE, fails: none vanishes.
	if (st.cl_upgrades + st.cl_upgrade_fails != upgrade_tries)
		p.push_back(str(st.cl_upgrades) + " upgrades + " + str(st.cl_upgrade_fails) +
			    " refused, expected " + str(upgrade_tries) +
			    " lock_read_to_write() tries");
	if (reader_sections && st.cl_max_readers == 0)
		p.push_back("no reader was ever seen inside the complex lock");
	return p;
}

std::vector<std::string> check_funnel(const tru64demo_stats &st, std::uint64_t calls)
{
	std::vector<std::string> p;

	if (st.fn_calls != calls)
		p.push_back(str(st.fn_calls) + " funneled sections, expected " + str(calls));
	if (st.fn_off_master)
		p.push_back(str(st.fn_off_master) + " times funneled code ran off the master CPU");
	if (st.fn_overlaps)
		p.push_back(str(st.fn_overlaps) + " times two funneled sections ran at once");
	if (calls >= 4 && st.fn_sleeps == 0)
		p.push_back("no funneled section slept: giving the funnel up in mpsleep() "
			    "was not tested");
	return p;
}

std::vector<std::string> check_tru64_queue(const tru64demo_stats &st, std::uint64_t expected)
{
	std::vector<std::string> p;

	if (st.q_put != expected)
		p.push_back(str(st.q_put) + " tokens put, expected " + str(expected));
	if (st.q_get != expected)
		p.push_back(str(st.q_get) + " tokens got, expected " + str(expected));
	if (st.q_left != 0)
		p.push_back(str(st.q_left) + " tokens left over");
	return p;
}

std::vector<std::string> check_lock_errors(const tru64demo_stats &st)
{
	return util::lock_errors(st.lock_errors);
}

Outcome tru64_slock_vs_interrupt(Tru64Demo &dev, unsigned threads, unsigned loops)
{
	Outcome o{ "tru64_slock_vs_interrupt", "Tru64 simple lock vs interrupt: not run", {} };
	const std::uint64_t sections = std::uint64_t{ threads } * loops;
	tru64demo_stats st{};

	if (!reset(o, dev))
		return o;
	if (int e = dev.timer(50)) {
		o.problems.push_back(std::string("starting the timer: ") + std::strerror(e));
		return o;
	}
	auto errors = on_threads(threads, [&](unsigned) { return dev.slock(loops); });
	if (int e = dev.timer(0))
		o.problems.push_back(std::string("stopping the timer: ") + std::strerror(e));
	if (!finish(o, dev, st, errors))
		return o;
	append(o.problems, check_slock_pair(st, sections));
	o.what = "Tru64 simple lock at splbio, " + str(threads) + " threads x " + str(loops) +
		 " sections on " + str(st.cpus) + " CPUs against " + str(st.timer_hits) +
		 " hrtimer interrupt sections: pair " + str(st.sl_a) + "/" + str(st.sl_b) +
		 ", torn " + str(st.sl_torn);
	return o;
}

Outcome tru64_complex_readers_writers(Tru64Demo &dev, unsigned writers, unsigned readers,
				      unsigned loops)
{
	Outcome o{ "tru64_complex_readers_writers", "Tru64 complex lock: not run", {} };
	tru64demo_stats st{};

	if (!reset(o, dev))
		return o;
	auto errors = on_threads(writers + readers, [&](unsigned i) {
		return dev.complex(loops, 20, i < writers);
	});
	if (!finish(o, dev, st, errors))
		return o;
	// The driver's read sections i % 8 == 7 try to upgrade.
	append(o.problems, check_complex_lock(st, std::uint64_t{ writers } * loops,
					      std::uint64_t{ readers } * loops,
					      std::uint64_t{ readers } * (loops / 8)));
	o.what = "Tru64 complex lock, " + str(writers) + " writers and " + str(readers) +
		 " readers x " + str(loops) + " sections (every 8th read tries " +
		 "lock_read_to_write()): " + str(st.cl_writes) + " writes (" +
		 str(st.cl_upgrades) + " upgraded, " + str(st.cl_upgrade_fails) +
		 " upgrades refused), " + str(st.cl_reads) + " reads, at most " +
		 str(st.cl_max_readers) + " readers at once, torn " + str(st.cl_torn);
	return o;
}

Outcome tru64_funnel(Tru64Demo &dev, unsigned threads, unsigned loops)
{
	Outcome o{ "tru64_funnel", "Tru64 funnel: not run", {} };
	const std::uint64_t calls = std::uint64_t{ threads } * loops;
	tru64demo_stats st{};

	if (!reset(o, dev))
		return o;
	// hold_us 1: every 4th funneled section sleeps a tick in mpsleep().
	auto errors = on_threads(threads, [&](unsigned) { return dev.funnel(loops, 1); });
	if (!finish(o, dev, st, errors))
		return o;
	append(o.problems, check_funnel(st, calls));
	o.what = "Tru64 funnel, " + str(threads) + " threads x " + str(loops) +
		 " sections (every 4th sleeps in mpsleep(), giving the funnel up): " +
		 str(st.fn_calls) + " calls, " + str(st.fn_sleeps) + " sleeps, " +
		 str(st.fn_off_master) + " off the master CPU, " + str(st.fn_overlaps) +
		 " overlaps";
	return o;
}

Outcome tru64_queue_producers_consumers(Tru64Demo &dev, unsigned pairs, unsigned items)
{
	Outcome o{ "tru64_queue_producers_consumers", "Tru64 mpsleep() token queue: not run", {} };
	const std::uint64_t total = std::uint64_t{ pairs } * items;
	tru64demo_stats st{};

	if (!reset(o, dev))
		return o;
	// Even threads consume: thread 0 starts on an empty queue and waits.
	auto errors = on_threads(2 * pairs, [&](unsigned i) {
		return dev.queue(items, i % 2 == 0);
	});
	if (!finish(o, dev, st, errors))
		return o;
	append(o.problems, check_tru64_queue(st, total));
	o.what = str(pairs) + " producers and " + str(pairs) + " consumers x " + str(items) +
		 " tokens through mpsleep() with a Tru64 simple lock as interlock (" +
		 str(st.q_sleeps) + " consumer sleeps): " + str(st.q_get) + " of " +
		 str(st.q_put) + " consumed, " + str(st.q_left) + " left";
	return o;
}

std::vector<Outcome> run_tru64(Tru64Demo &dev)
{
	std::vector<Outcome> all;

	all.push_back(tru64_slock_vs_interrupt(dev, 4, 2000));
	all.push_back(tru64_complex_readers_writers(dev, 2, 3, 200));
	all.push_back(tru64_funnel(dev, 4, 100));
	all.push_back(tru64_queue_producers_consumers(dev, 2, 2000));
	return all;
}

} // namespace bsdcompat
