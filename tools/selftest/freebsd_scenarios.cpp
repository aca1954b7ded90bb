// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include "freebsd_scenarios.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <pthread.h>
#include <thread>

#include "scenario_util.h"

namespace bsdcompat {

using util::append;
using util::finish;
using util::on_threads;
using util::reset;
using util::str;

std::vector<std::string> check_freebsd_mtx(const fbsddemo_stats &st, std::uint64_t sections)
{
	std::vector<std::string> p;

	if (st.mtx_torn)
		p.push_back(str(st.mtx_torn) + " sections saw the sleep-mutex pair half-updated");
	if (st.mtx_a != st.mtx_b)
		p.push_back("pair ends unequal: " + str(st.mtx_a) + " != " + str(st.mtx_b));
	if (st.mtx_a != st.mtx_sections)
		p.push_back("pair " + str(st.mtx_a) + " after " + str(st.mtx_sections) +
			    " sections (lost updates)");
	if (st.mtx_sections != sections)
		p.push_back(str(st.mtx_sections) + " sections, expected " + str(sections));
	return p;
}

std::vector<std::string> check_freebsd_spin(const fbsddemo_stats &st,
					    std::uint64_t thread_sections)
{
	std::vector<std::string> p;

	if (st.spin_torn)
		p.push_back(str(st.spin_torn) + " sections saw the spin-mutex pair half-updated");
	if (st.spin_a != st.spin_b)
		p.push_back("pair ends unequal: " + str(st.spin_a) + " != " + str(st.spin_b));
	if (st.spin_a != st.spin_sections + st.timer_hits)
		p.push_back("pair " + str(st.spin_a) + " after " + str(st.spin_sections) +
			    " thread + " + str(st.timer_hits) +
			    " interrupt sections (lost updates)");
	if (st.spin_sections != thread_sections)
		p.push_back(str(st.spin_sections) + " thread sections, expected " +
			    str(thread_sections));
	if (st.timer_hits == 0)
		p.push_back("the timer interrupt never ran: nothing was tested against it");
	return p;
}

std::vector<std::string> check_freebsd_sxrw(const fbsddemo_rwstats &s, const std::string &lock,
					    std::uint64_t writer_sections,
					    std::uint64_t reader_sections,
					    std::uint64_t upgrade_tries)
{
	std::vector<std::string> p;

	if (s.torn)
		p.push_back(lock + ": " + str(s.torn) + " sections saw the pair half-updated");
	if (s.a != s.b)
		p.push_back(lock + ": pair ends unequal: " + str(s.a) + " != " + str(s.b));
	if (s.a != s.writes)
		p.push_back(lock + ": pair " + str(s.a) + " after " + str(s.writes) +
			    " write sections (lost updates)");
	if (s.writes != writer_sections)
		p.push_back(lock + ": " + str(s.writes) + " write sections, expected " +
			    str(writer_sections));
	if (s.reads != reader_sections)
		p.push_back(lock + ": " + str(s.reads) + " read sections, expected " +
			    str(reader_sections));
	// Each try either upgrades or is refused: none vanishes.
	if (s.upgrades + s.upgrade_fails != upgrade_tries)
		p.push_back(lock + ": " + str(s.upgrades) + " upgrades + " +
			    str(s.upgrade_fails) + " refused, expected " + str(upgrade_tries) +
			    " try_upgrade() calls");
	if (reader_sections && s.max_readers == 0)
		p.push_back(lock + ": no reader was ever seen inside");
	return p;
}

std::vector<std::string> check_freebsd_read(const fbsddemo_stats &st, unsigned queue,
					    std::uint64_t expected, int signal_errno)
{
	std::vector<std::string> p;
	const std::string q = "queue " + str(queue) + ": ";

	if (queue > 1)
		return { q + "no such queue" };
	const fbsddemo_qstats &s = st.q[queue];
	if (s.put != expected)
		p.push_back(q + str(s.put) + " tokens put, expected " + str(expected));
	if (s.got != expected)
		p.push_back(q + str(s.got) + " tokens got, expected " + str(expected));
	if (s.left != 0)
		p.push_back(q + str(s.left) + " tokens left over");
	if (s.sum_got != s.sum_put)
		p.push_back(q + "token values got add up to " + str(s.sum_got) + ", put " +
			    str(s.sum_put) + " (a token taken twice or lost)");
	if (s.waiting != 0)
		p.push_back(q + str(s.waiting) + " consumers still asleep");
	if (s.interrupted != 1)
		p.push_back(q + str(s.interrupted) +
			    " sleeps ended by a signal, expected the 1 signalled");
	if (signal_errno != EINTR)
		p.push_back(q + "the signalled read ended with " +
			    (signal_errno ? std::string(std::strerror(signal_errno)) : "success") +
			    ", expected EINTR");
	return p;
}

std::vector<std::string> check_freebsd_giant(const fbsddemo_stats &st, std::uint64_t sections,
					     std::uint64_t sleeps)
{
	std::vector<std::string> p;

	if (st.gnt_sections != sections)
		p.push_back(str(st.gnt_sections) + " Giant sections, expected " + str(sections));
	if (st.gnt_overlaps)
		p.push_back(str(st.gnt_overlaps) + " times two Giant sections ran at once");
	if (st.gnt_sleeps != sleeps)
		p.push_back(str(st.gnt_sleeps) + " pause()s under Giant, expected " + str(sleeps));
	if (st.gnt_lost)
		p.push_back(str(st.gnt_lost) +
			    " times Giant was not held twice again after pause()");
	return p;
}

std::vector<std::string> check_lock_errors(const fbsddemo_stats &st)
{
	return util::lock_errors(st.lock_errors);
}

namespace {

void on_signal(int) {}

// One consumer reads from @queue's empty ring and sleeps; a signal, whose
// handler has no SA_RESTART, must end its read with EINTR. Returns the
// errno that read ended with.
int interrupt_a_consumer(FbsdDemo &dev, unsigned queue)
{
	struct sigaction sa = {}, old = {};
	std::atomic<bool> done = false;
	int error = 0;

	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, &old);
	{
		std::jthread consumer([&] {
			error = dev.read(1, true, queue);
			done = true;
		});
		// A signal sent before the consumer is asleep would find it in
		// user space and be gone: wait until the driver has it asleep
		// (counted under the mutex that the sleep lets go of only once
		// the thread is queued).
		for (;;) {
			fbsddemo_stats st{};

			if (done)
				break;
			if (dev.stats(st)) {
				// Blind: hand the consumer a token instead.
				dev.read(1, false, queue);
				break;
			}
			if (st.q[queue].waiting) {
				pthread_kill(consumer.native_handle(), SIGUSR1);
				break;
			}
			std::this_thread::sleep_for(std::chrono::milliseconds(1));
		}
	}
	sigaction(SIGUSR1, &old, nullptr);
	return error;
}

} // namespace

Outcome freebsd_mtx_no_lost_update(FbsdDemo &dev, unsigned threads, unsigned loops)
{
	Outcome o{ "freebsd_mtx_no_lost_update", "FreeBSD sleep mutex: not run", {} };
	const std::uint64_t sections = std::uint64_t{ threads } * loops;
	fbsddemo_stats st{};

	if (!reset(o, dev))
		return o;
	auto errors = on_threads(threads, [&](unsigned) { return dev.mtx(loops); });
	if (!finish(o, dev, st, errors))
		return o;
	append(o.problems, check_freebsd_mtx(st, sections));
	o.what = "FreeBSD MTX_DEF mutex, " + str(threads) + " threads x " + str(loops) +
		 " read-delay-write sections on " + str(st.cpus) + " CPUs: pair " +
		 str(st.mtx_a) + "/" + str(st.mtx_b) + " (expected " + str(sections) +
		 "), torn " + str(st.mtx_torn);
	return o;
}

Outcome freebsd_spin_vs_interrupt(FbsdDemo &dev, unsigned threads, unsigned loops)
{
	Outcome o{ "freebsd_spin_vs_interrupt", "FreeBSD spin mutex vs interrupt: not run", {} };
	const std::uint64_t sections = std::uint64_t{ threads } * loops;
	fbsddemo_stats st{};

	if (!reset(o, dev))
		return o;
	if (int e = dev.timer(50)) {
		o.problems.push_back(std::string("starting the timer: ") + std::strerror(e));
		return o;
	}
	auto errors = on_threads(threads, [&](unsigned) { return dev.spin(loops); });
	if (int e = dev.timer(0))
		o.problems.push_back(std::string("stopping the timer: ") + std::strerror(e));
	if (!finish(o, dev, st, errors))
		return o;
	append(o.problems, check_freebsd_spin(st, sections));
	o.what = "FreeBSD MTX_SPIN mutex, " + str(threads) + " threads x " + str(loops) +
		 " sections on " + str(st.cpus) + " CPUs against " + str(st.timer_hits) +
		 " hrtimer interrupt sections (mtx_lock_spin() in both): pair " +
		 str(st.spin_a) + "/" + str(st.spin_b) + ", torn " + str(st.spin_torn);
	return o;
}

Outcome freebsd_sx_rw_readers_writers(FbsdDemo &dev, unsigned writers, unsigned readers,
				      unsigned sx_loops, unsigned rw_loops)
{
	Outcome o{ "freebsd_sx_rw_readers_writers", "FreeBSD sx and rw locks: not run", {} };
	fbsddemo_stats st{};

	if (!reset(o, dev))
		return o;
	// sx readers sleep 20 us inside; rw sections stay busy 2 us.
	auto errors = on_threads(writers + readers, [&](unsigned i) {
		return dev.sx(sx_loops, 20, i < writers);
	});
	append(errors, on_threads(writers + readers, [&](unsigned i) {
		return dev.rw(rw_loops, 2, i < writers);
	}));
	if (!finish(o, dev, st, errors))
		return o;
	// The driver's write sections i % 4 == 3 start as readers and upgrade.
	append(o.problems, check_freebsd_sxrw(st.sx, "sx", std::uint64_t{ writers } * sx_loops,
					      std::uint64_t{ readers } * sx_loops,
					      std::uint64_t{ writers } * (sx_loops / 4)));
	append(o.problems, check_freebsd_sxrw(st.rw, "rw", std::uint64_t{ writers } * rw_loops,
					      std::uint64_t{ readers } * rw_loops,
					      std::uint64_t{ writers } * (rw_loops / 4)));
	o.what = "FreeBSD sx and rw locks, " + str(writers) + " writers and " + str(readers) +
		 " readers (every 4th write tries an upgrade from a read hold, then " +
		 "downgrades): sx x " + str(sx_loops) + ": " + str(st.sx.writes) + " writes (" +
		 str(st.sx.upgrades) + " upgraded, " + str(st.sx.upgrade_fails) + " refused), " +
		 str(st.sx.reads) + " reads, at most " + str(st.sx.max_readers) +
		 " readers at once, torn " + str(st.sx.torn) + "; rw x " + str(rw_loops) + ": " +
		 str(st.rw.writes) + " writes (" + str(st.rw.upgrades) + " upgraded, " +
		 str(st.rw.upgrade_fails) + " refused), " + str(st.rw.reads) +
		 " reads, at most " + str(st.rw.max_readers) + " readers at once, torn " +
		 str(st.rw.torn);
	return o;
}

Outcome freebsd_read_path(FbsdDemo &dev, unsigned pairs, unsigned items)
{
	Outcome o{ "freebsd_read_path", "FreeBSD read path: not run", {} };
	const std::uint64_t total = std::uint64_t{ pairs } * items;
	std::vector<int> errors;
	int signalled[2] = {};
	fbsddemo_stats st{};

	if (!reset(o, dev))
		return o;
	for (unsigned q = 0; q < 2; q++) {
		// Even threads consume: thread 0 starts on an empty ring and waits.
		append(errors, on_threads(2 * pairs, [&](unsigned i) {
			return dev.read(items, i % 2 == 0, q);
		}));
		signalled[q] = interrupt_a_consumer(dev, q);
	}
	if (!finish(o, dev, st, errors))
		return o;
	for (unsigned q = 0; q < 2; q++)
		append(o.problems, check_freebsd_read(st, q, total, signalled[q]));
	o.what = str(pairs) + " producers and " + str(pairs) + " consumers x " + str(items) +
		 " tokens through a ring under an MTX_DEF mutex, consumers in mtx_sleep(" +
		 "PCATCH) (" + str(st.q[0].sleeps) + " sleeps, " + str(st.q[0].got) + " of " +
		 str(st.q[0].put) + " taken) and in cv_wait_sig() (" + str(st.q[1].sleeps) +
		 " sleeps, " + str(st.q[1].got) + " of " + str(st.q[1].put) +
		 " taken); a signal ended a sleeping read with " +
		 (signalled[0] ? std::strerror(signalled[0]) : "success") + " and " +
		 (signalled[1] ? std::strerror(signalled[1]) : "success");
	return o;
}

Outcome freebsd_giant(FbsdDemo &dev, unsigned threads, unsigned loops)
{
	Outcome o{ "freebsd_giant", "FreeBSD Giant: not run", {} };
	const std::uint64_t sections = std::uint64_t{ threads } * loops;
	fbsddemo_stats st{};

	if (!reset(o, dev))
		return o;
	auto errors = on_threads(threads, [&](unsigned) { return dev.giant(loops); });
	if (!finish(o, dev, st, errors))
		return o;
	// The driver's sections i % 4 == 3 sleep.
	append(o.problems, check_freebsd_giant(st, sections, std::uint64_t{ threads } * (loops / 4)));
	o.what = "FreeBSD Giant, " + str(threads) + " threads x " + str(loops) +
		 " sections holding it twice (every 4th sleeps in pause(), giving it up): " +
		 str(st.gnt_sections) + " sections, " + str(st.gnt_sleeps) + " sleeps, " +
		 str(st.gnt_overlaps) + " overlaps, " + str(st.gnt_lost) +
		 " times not held twice after a sleep";
	return o;
}

std::vector<Outcome> run_freebsd(FbsdDemo &dev)
{
	std::vector<Outcome> all;

	all.push_back(freebsd_mtx_no_lost_update(dev, 4, 2000));
	all.push_back(freebsd_spin_vs_interrupt(dev, 4, 2000));
	all.push_back(freebsd_sx_rw_readers_writers(dev, 2, 3, 200, 1000));
	all.push_back(freebsd_read_path(dev, 2, 2000));
	all.push_back(freebsd_giant(dev, 4, 100));
	return all;
}

} // namespace bsdcompat
