// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include "scenarios.h"

#include <cstring>
#include <fstream>
#include <sstream>

#include "scenario_util.h"

namespace bsdcompat {

using util::append;
using util::on_threads;
using util::str;

std::vector<std::string> check_counter(const lockdemo_stats &st, std::uint64_t expected)
{
	std::vector<std::string> p;

	if (st.count != expected)
		p.push_back("counter " + str(st.count) + ", expected " + str(expected) +
			    " (lost updates)");
	if (st.ipl_errors)
		p.push_back(str(st.ipl_errors) + " critical sections ran below their IPL");
	return p;
}

std::vector<std::string> check_spin_pair(const lockdemo_stats &st, std::uint64_t thread_sections)
{
	std::vector<std::string> p;

	if (st.torn)
		p.push_back(str(st.torn) + " critical sections saw the pair half-updated");
	if (st.spin_a != st.spin_b)
		p.push_back("pair ends unequal: " + str(st.spin_a) + " != " + str(st.spin_b));
	if (st.spin_a != thread_sections + st.timer_hits)
		p.push_back("pair " + str(st.spin_a) + ", expected " + str(thread_sections) +
			    " thread + " + str(st.timer_hits) + " interrupt sections");
	if (st.timer_hits == 0)
		p.push_back("the timer interrupt never ran: nothing was tested against it");
	return p;
}

std::vector<std::string> check_rw_pair(const lockdemo_stats &st, std::uint64_t writer_sections,
				       std::uint64_t reader_sections)
{
	std::vector<std::string> p;

	if (st.rw_torn)
		p.push_back(str(st.rw_torn) + " read sections saw the pair half-updated");
	if (st.rw_a != st.rw_b)
		p.push_back("pair ends unequal: " + str(st.rw_a) + " != " + str(st.rw_b));
	if (st.rw_writes != writer_sections + st.rw_upgrades)
		p.push_back(str(st.rw_writes) + " write sections, expected " +
			    str(writer_sections) + " + " + str(st.rw_upgrades) + " upgraded");
	if (st.rw_a != st.rw_writes)
		p.push_back("pair " + str(st.rw_a) + " after " + str(st.rw_writes) +
			    " write sections (lost updates)");
	if (st.rw_reads != reader_sections)
		p.push_back(str(st.rw_reads) + " read sections, expected " + str(reader_sections));
	return p;
}

std::vector<std::string> check_queue(const lockdemo_stats &st, unsigned queue,
				     std::uint64_t expected)
{
	std::vector<std::string> p;
	const std::string q = queue ? "kernel-lock queue: " : "condvar queue: ";

	if (st.q_put[queue] != expected)
		p.push_back(q + str(st.q_put[queue]) + " tokens put, expected " + str(expected));
	if (st.q_get[queue] != expected)
		p.push_back(q + str(st.q_get[queue]) + " tokens got, expected " + str(expected));
	if (st.q_left[queue] != 0)
		p.push_back(q + str(st.q_left[queue]) + " tokens left over");
	return p;
}

std::vector<std::string> check_freed(std::uint64_t freed, std::uint64_t objects)
{
	if (freed == objects)
		return {};
	return { "freed " + str(freed) + " of " + str(objects) + " objects" };
}

std::vector<std::string> check_errnos(const std::vector<int> &errors)
{
	std::vector<std::string> p;

	for (std::size_t i = 0; i < errors.size(); i++)
		if (errors[i])
			p.push_back("thread " + std::to_string(i) + ": " + std::strerror(errors[i]));
	return p;
}

std::vector<std::string> check_lockdebug(const std::string &text)
{
	std::istringstream in(text);
	std::string word;
	std::uint64_t n = 0;

	if (!(in >> word >> n) || word != "errors:")
		return { "cannot read the lockdebug report count" };
	if (n)
		return { str(n) + " misuse reports from bsdcompat: " + text };
	return {};
}

Outcome adaptive_no_lost_update(LockDemo &dev, unsigned threads, unsigned loops)
{
	Outcome o{ "adaptive_no_lost_update", "", {} };
	lockdemo_stats st{};

	dev.reset();
	auto errors = on_threads(threads, [&](unsigned) {
		return dev.adaptive_inc(loops, 20, IplNone);
	});
	dev.stats(st);
	append(o.problems, check_errnos(errors));
	append(o.problems, check_counter(st, std::uint64_t{threads} * loops));
	o.what = "adaptive kmutex, " + str(threads) + " threads x " + str(loops) +
		 " read-sleep-write increments on " + str(st.cpus) + " CPUs: counter " +
		 str(st.count) + " (expected " + str(std::uint64_t{threads} * loops) + ")";
	return o;
}

Outcome adaptive_at_raised_ipl(LockDemo &dev, unsigned loops)
{
	static const std::uint32_t ipls[] = { IplSoftClock, IplSoftNet, IplVm, IplHigh };
	const unsigned threads = std::size(ipls);
	Outcome o{ "adaptive_sleep_at_raised_ipl", "", {} };
	lockdemo_stats st{};

	dev.reset();
	auto errors = on_threads(threads, [&](unsigned i) {
		return dev.adaptive_inc(loops, 10, ipls[i]);
	});
	dev.stats(st);
	append(o.problems, check_errnos(errors));
	append(o.problems, check_counter(st, std::uint64_t{threads} * loops));
	o.what = "adaptive kmutex entered at splsoftclock/splsoftnet/splvm/splhigh, " +
		 str(threads) + " x " + str(loops) + ": counter " + str(st.count) +
		 ", IPL lost after a sleep " + str(st.ipl_errors) + " times";
	return o;
}

Outcome spin_vs_interrupt(LockDemo &dev, unsigned threads, unsigned loops)
{
	Outcome o{ "spin_mutex_vs_interrupt", "", {} };
	lockdemo_stats st{};

	dev.reset();
	if (int e = dev.timer(100)) {
		o.problems.push_back(std::string("starting the timer: ") + std::strerror(e));
		return o;
	}
	auto errors = on_threads(threads, [&](unsigned) { return dev.spin_inc(loops, 2); });
	dev.timer(0);
	dev.stats(st);
	append(o.problems, check_errnos(errors));
	append(o.problems, check_spin_pair(st, std::uint64_t{threads} * loops));
	o.what = "spin kmutex at IPL_VM, " + str(threads) + " threads x " + str(loops) +
		 " sections against " + str(st.timer_hits) +
		 " hrtimer interrupt sections: torn " + str(st.torn);
	return o;
}

Outcome rwlock_readers_writers(LockDemo &dev, unsigned writers, unsigned readers, unsigned loops)
{
	Outcome o{ "rwlock_readers_writers", "", {} };
	lockdemo_stats st{};

	dev.reset();
	auto errors = on_threads(writers + readers, [&](unsigned i) {
		return dev.rw(loops, 20, i < writers);
	});
	dev.stats(st);
	append(o.problems, check_errnos(errors));
	append(o.problems, check_rw_pair(st, std::uint64_t{writers} * loops,
					 std::uint64_t{readers} * loops));
	o.what = "krwlock, " + str(writers) + " writers and " + str(readers) + " readers x " +
		 str(loops) + " sections (readers upgrade and downgrade now and then): " +
		 str(st.rw_writes) + " writes (" + str(st.rw_upgrades) + " upgraded), " +
		 str(st.rw_reads) + " reads, torn " + str(st.rw_torn);
	return o;
}

Outcome queue_producers_consumers(LockDemo &dev, unsigned pairs, unsigned items)
{
	Outcome o{ "queue_producers_consumers", "", {} };
	const std::uint64_t total = std::uint64_t{ pairs } * items;
	lockdemo_stats st{};

	dev.reset();
	// Consumers first (odd threads) so that many of them have to wait.
	auto errors = on_threads(4 * pairs, [&](unsigned i) {
		return dev.queue(items, i % 2 == 1, i / 2 % 2);
	});
	dev.stats(st);
	append(o.problems, check_errnos(errors));
	append(o.problems, check_queue(st, 0, total));
	append(o.problems, check_queue(st, 1, total));
	o.what = str(pairs) + " producers and " + str(pairs) + " consumers x " + str(items) +
		 " tokens through a condvar (" + str(st.q_sleeps[0]) +
		 " cv_wait_sig sleeps) and through tsleep under the kernel lock (" +
		 str(st.q_sleeps[1]) + " tsleeps): " + str(st.q_get[0]) + " + " +
		 str(st.q_get[1]) + " consumed, " + str(st.q_left[0] + st.q_left[1]) + " left";
	return o;
}

Outcome free_under_own_lock(LockDemo &dev, unsigned threads, unsigned objects, unsigned rounds)
{
	Outcome o{ "free_under_own_lock", "", {} };
	std::uint64_t total = 0;

	for (unsigned r = 0; r < rounds; r++) {
		if (int e = dev.obj_setup(objects, threads)) {
			o.problems.push_back(std::string("setup: ") + std::strerror(e));
			return o;
		}
		std::vector<std::uint64_t> freed(threads, 0);
		auto errors = on_threads(threads, [&](unsigned i) {
			return dev.obj_drop(freed[i]);
		});
		std::uint64_t sum = 0;
		for (auto f : freed)
			sum += f;
		append(o.problems, check_errnos(errors));
		append(o.problems, check_freed(sum, objects));
		total += sum;
	}
	o.what = str(rounds) + " rounds of " + str(objects) + " objects dropped by " +
		 str(threads) + " threads under their own kmutex: " + str(total) +
		 " freed right after mutex_exit()";
	return o;
}

namespace {

// The lockdemo classes, as lockstat names them, and the mode of each line.
const std::pair<const char *, const char *> kDemoClasses[] = {
	{ "sc->sc_lock", "adaptive" },
	{ "sc->sc_intr_lock", "spin" },
	{ "sc->sc_rwlock", "rw_write" },
	{ "sc->sc_rwlock", "rw_read" },
};

void append_parse_errors(std::vector<std::string> &p, const lockstat::Snapshot &snap)
{
	for (const auto &e : snap.errors)
		p.push_back("lockstat file: " + e);
}

} // namespace

std::vector<std::string> check_lockstat_recorded(const lockstat::Snapshot &snap)
{
	std::vector<std::string> p;

	append_parse_errors(p, snap);
	if (!snap.enabled)
		p.push_back("lockstat reads as off after enable");
	if (snap.dropped)
		p.push_back(str(snap.dropped) + " acquisitions dropped (no class record)");
	for (const auto &[name, type] : kDemoClasses) {
		const auto *c = snap.find(name, type);
		if (!c)
			p.push_back(std::string("no ") + type + " line for class " + name);
		else if (!c->acquired)
			p.push_back(std::string(name) + " (" + type + "): no acquisitions recorded");
	}
	return p;
}

std::vector<std::string> check_lockstat_cleared(const lockstat::Snapshot &snap)
{
	std::vector<std::string> p;

	append_parse_errors(p, snap);
	if (snap.enabled)
		p.push_back("lockstat reads as on after disable");
	for (const auto &c : snap.classes)
		if (c.acquired || c.contended || c.wait_ns || c.wait_max_ns || c.hold_ns ||
		    c.hold_max_ns)
			p.push_back(c.name + " (" + c.type + ") not zero after clear");
	return p;
}

Outcome lockstat_lockdemo(LockDemo &dev, unsigned threads, unsigned loops,
			  const std::string &path)
{
	namespace ls = lockstat;
	Outcome o{ "lockstat_lockdemo", "", {} };
	std::string text;

	// Whoever switched lockstat on before us (the demo guest) gets it
	// back on, cleared, at the end.
	if (auto err = ls::read_file(path, text); !err.empty()) {
		o.problems.push_back(err);
		return o;
	}
	const bool was_on = ls::parse(text).enabled;
	for (const char *w : { "disable", "clear", "enable" }) {
		if (auto err = ls::control(path, w); !err.empty()) {
			o.problems.push_back(err);
			return o;
		}
	}
	dev.reset();
	// Each thread drives one lock kind; thread i % 3 picks which.
	auto errors = on_threads(threads, [&](unsigned i) {
		switch (i % 3) {
		case 0:
			return dev.adaptive_inc(loops, 20, IplNone);
		case 1:
			return dev.spin_inc(loops * 4, 2);
		default:
			return dev.rw(loops, 20, i % 2 == 0);
		}
	});
	append(o.problems, check_errnos(errors));

	if (auto err = ls::read_file(path, text); !err.empty()) {
		o.problems.push_back(err);
		return o;
	}
	ls::Snapshot on = ls::parse(text);
	append(o.problems, check_lockstat_recorded(on));

	// Report what was seen; contention on 2 vCPUs is likely, not certain.
	o.what = "lockstat on while " + str(threads) + " threads drove lockdemo:";
	for (const auto &[name, type] : kDemoClasses) {
		if (const auto *c = on.find(name, type)) {
			auto mean = c->mean_wait_ns();
			o.what += std::string(" ") + name + " " + type + " " + str(c->acquired) +
				  " acquired, " + str(c->contended) + " contended" +
				  (mean ? " (mean wait " + ls::format_ns(*mean) + ")" : "") + ";";
		}
	}

	for (const char *w : { "disable", "clear" }) {
		if (auto err = ls::control(path, w); !err.empty()) {
			o.problems.push_back(err);
			return o;
		}
	}
	if (auto err = ls::read_file(path, text); !err.empty()) {
		o.problems.push_back(err);
		return o;
	}
	append(o.problems, check_lockstat_cleared(ls::parse(text)));
	if (was_on)
		if (auto err = ls::control(path, "enable"); !err.empty())
			o.problems.push_back(err);
	return o;
}

Outcome lockdebug_clean(const std::string &path)
{
	Outcome o{ "no_misuse_reports", "", {} };
	std::ifstream in(path);
	std::stringstream text;

	if (!in) {
		o.what = "bsdcompat lockdebug: no report to read";
		o.problems.push_back(path + ": cannot open (is debugfs mounted?)");
		return o;
	}
	text << in.rdbuf();
	o.problems = check_lockdebug(text.str());
	o.what = "bsdcompat lockdebug: " + text.str().substr(0, text.str().find('\n'));
	return o;
}

std::vector<Outcome> run_all(LockDemo &dev, const std::string &lockstat_path)
{
	std::vector<Outcome> all;

	// First: it clears the statistics, which the demo shows at the end.
	all.push_back(lockstat_lockdemo(dev, 6, 200, lockstat_path));
	all.push_back(adaptive_no_lost_update(dev, 4, 300));
	all.push_back(adaptive_at_raised_ipl(dev, 150));
	all.push_back(spin_vs_interrupt(dev, 4, 3000));
	all.push_back(rwlock_readers_writers(dev, 2, 3, 200));
	all.push_back(queue_producers_consumers(dev, 2, 2000));
	all.push_back(free_under_own_lock(dev, 4, 512, 5));
	return all;
}

} // namespace bsdcompat
