// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include "detach_scenarios.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <mutex>
#include <thread>

#include "scenario_util.h"

namespace bsdcompat {

using util::append;
using util::str;

namespace {

constexpr std::size_t kBadCallsKept = 5;

std::size_t index(DetachCall c)
{
	return static_cast<std::size_t>(c);
}

std::string errno_name(int error)
{
	switch (error) {
	case 0:
		return "success";
	case ENXIO:
		return "ENXIO";
	case ENOENT:
		return "ENOENT";
	default:
		return std::string(std::strerror(error)) + " (" + str(error) + ")";
	}
}

} // namespace

const char *detach_call_name(DetachCall c)
{
	switch (c) {
	case DetachCall::open:
		return "open";
	case DetachCall::read:
		return "read";
	case DetachCall::ioctl:
		return "ioctl";
	case DetachCall::close:
		return "close";
	}
	return "?";
}

Verdict classify(DetachCall call, int error)
{
	if (error == 0)
		return Verdict::ok;
	if (error == ENXIO)
		return Verdict::gone;
	if (error == ENOENT && call == DetachCall::open)
		return Verdict::no_node;
	return Verdict::bad;
}

void DetachTally::add(DetachCall call, int error)
{
	switch (classify(call, error)) {
	case Verdict::ok:
		ok[index(call)]++;
		break;
	case Verdict::gone:
		gone[index(call)]++;
		break;
	case Verdict::no_node:
		no_node++;
		break;
	case Verdict::bad:
		bad++;
		if (bad_calls.size() < kBadCallsKept)
			bad_calls.push_back(std::string(detach_call_name(call)) + ": " +
					    errno_name(error));
		break;
	}
}

void DetachTally::merge(const DetachTally &t)
{
	for (std::size_t i = 0; i < kDetachCalls; i++) {
		ok[i] += t.ok[i];
		gone[i] += t.gone[i];
	}
	no_node += t.no_node;
	bad += t.bad;
	bytes += t.bytes;
	wrong_unit += t.wrong_unit;
	fire_errors += t.fire_errors;
	for (const auto &b : t.bad_calls)
		if (bad_calls.size() < kBadCallsKept)
			bad_calls.push_back(b);
}

std::uint64_t DetachTally::calls() const
{
	std::uint64_t n = no_node + bad;

	for (std::size_t i = 0; i < kDetachCalls; i++)
		n += ok[i] + gone[i];
	return n;
}

std::vector<std::string> check_detach_calls(const DetachTally &t)
{
	std::vector<std::string> p;
	std::uint64_t ok = 0, gone = 0;

	for (std::size_t i = 0; i < kDetachCalls; i++) {
		ok += t.ok[i];
		gone += t.gone[i];
	}
	if (t.bad) {
		std::string which;
		for (const auto &b : t.bad_calls)
			which += (which.empty() ? "" : ", ") + b;
		p.push_back(str(t.bad) + " calls failed with neither ENXIO nor (open) ENOENT: " +
			    which);
	}
	if (t.wrong_unit)
		p.push_back(str(t.wrong_unit) + " NBDET_INFO answers were not for unit 0");
	if (t.fire_errors)
		p.push_back(str(t.fire_errors) + " NBDETCTL_FIRE calls failed");
	if (t.ok[index(DetachCall::open)] == 0)
		p.push_back("no open succeeded: the unit was never used");
	if (gone + t.no_node == 0)
		p.push_back("no call met a detach (no ENXIO, no ENOENT): nothing was tested");
	return p;
}

std::vector<std::string> check_detach_control(unsigned rounds,
					      const std::vector<int> &detach_errors,
					      const std::vector<int> &attach_errors)
{
	std::vector<std::string> p;
	const std::pair<const char *, const std::vector<int> *> ops[] = {
		{ "DETACH", &detach_errors }, { "ATTACH", &attach_errors }
	};

	for (const auto &[name, errors] : ops) {
		if (errors->size() != rounds) {
			p.push_back(str(errors->size()) + " " + name + " calls, expected " +
				    str(rounds));
			continue;
		}
		std::uint64_t failed = 0;
		int first = 0;
		for (int e : *errors)
			if (e && !failed++)
				first = e;
		if (failed)
			p.push_back(str(failed) + " of " + str(rounds) + " " + name +
				    " calls failed, the first with " + errno_name(first));
	}
	return p;
}

std::vector<std::string> check_detach_stats(const nbdet_stats &st, unsigned rounds,
					    const DetachTally &t)
{
	std::vector<std::string> p;

	if (st.bad_magic)
		p.push_back(str(st.bad_magic) +
			    " driver entries found the softc's magic wrong (freed softc)");
	if (st.detaches != rounds)
		p.push_back(str(st.detaches) + " detaches ran in the driver, expected " +
			    str(rounds));
	if (st.intrs == 0)
		p.push_back("the interrupt handler never ran: nothing was tested against it");
	if (st.attaches != rounds)
		p.push_back(str(st.attaches) + " attaches ran in the driver, expected " +
			    str(rounds));
	if (st.opens != t.ok[index(DetachCall::open)])
		p.push_back("the driver counted " + str(st.opens) + " opens, the workers " +
			    str(t.ok[index(DetachCall::open)]) + " successful ones");
	if (st.ioctls != t.ok[index(DetachCall::ioctl)])
		p.push_back("the driver counted " + str(st.ioctls) + " ioctls, the workers " +
			    str(t.ok[index(DetachCall::ioctl)]) + " successful ones");
	if (st.consumed != t.bytes)
		p.push_back("the driver handed out " + str(st.consumed) + " bytes, the workers read " +
			    str(t.bytes));
	// A unit may have held bytes made before the reset.
	constexpr std::uint64_t held = NBDET_RING_BYTES + NBDET_IBUF_BYTES;
	if (st.consumed > st.produced + held)
		p.push_back("the driver handed out " + str(st.consumed) + " bytes but made only " +
			    str(st.produced) + " (+ " + str(held) + " in a unit at the reset)");
	return p;
}

namespace {

// Ends the program if the scenario is not over by its deadline: a call
// hung in the driver cannot be joined, and no result line could say so.
class Watchdog {
public:
	Watchdog(const std::string &name, unsigned limit_s)
		: thread_([this, name, limit_s] {
			  std::unique_lock lock(mutex_);
			  if (cv_.wait_for(lock, std::chrono::seconds(limit_s),
					   [this] { return done_; }))
				  return;
			  std::cout << "# " << name << ": still running after " << limit_s
				    << " s: a call hangs; giving up" << std::endl;
			  std::_Exit(2);
		  })
	{
	}
	~Watchdog()
	{
		{
			std::lock_guard lock(mutex_);
			done_ = true;
		}
		cv_.notify_all();
	}

private:
	std::mutex mutex_;
	std::condition_variable cv_;
	bool done_ = false;
	std::jthread thread_;	// last: it uses the members above
};

// One worker: open, read, ioctl, close until told to stop.
DetachTally worker(NbdetCtl &ctl, const std::string &path, const std::atomic<bool> &stop)
{
	DetachTally t;

	while (!stop.load(std::memory_order_relaxed)) {
		NbdetFile f(path);

		if (ctl.fire())
			t.fire_errors++;
		int e = f.open();

		t.add(DetachCall::open, e);
		if (e) {
			// The node is gone or the unit detaching: let the
			// controller's CPU time go to the attach.
			std::this_thread::sleep_for(std::chrono::microseconds(200));
			continue;
		}
		std::size_t got = 0;
		e = f.read(64, got);
		t.add(DetachCall::read, e);
		if (!e)
			t.bytes += got;
		nbdet_info info{};
		e = f.info(info);
		t.add(DetachCall::ioctl, e);
		if (!e && info.unit != 0)
			t.wrong_unit++;
		t.add(DetachCall::close, f.close());
	}
	return t;
}

} // namespace

Outcome detach_under_load(NbdetCtl &ctl, const std::string &unit_path, unsigned threads,
			  unsigned rounds, unsigned limit_s)
{
	Outcome o{ "netbsd_detach_under_load", "NetBSD detach under load: not run", {} };
	std::vector<int> detach_errors, attach_errors;
	std::vector<DetachTally> tallies(threads);
	std::atomic<bool> stop = false;
	DetachTally all, after;
	nbdet_stats st{};
	Watchdog watchdog(o.name, limit_s);

	// Unit 0 is attached at load; a run before this one may have left it
	// detached.
	if (int e = ctl.attach(); e && e != EBUSY) {
		o.problems.push_back("attaching nbdet0 first: " + errno_name(e));
		return o;
	}
	if (int e = ctl.reset()) {
		o.problems.push_back("resetting the driver's statistics: " + errno_name(e));
		return o;
	}
	auto start = std::chrono::steady_clock::now();
	{
		std::vector<std::jthread> workers;
		for (unsigned i = 0; i < threads; i++)
			workers.emplace_back([&, i] { tallies[i] = worker(ctl, unit_path, stop); });
		for (unsigned r = 0; r < rounds; r++) {
			// Let the workers in, pull the unit from under them,
			// leave it gone a moment, bring it back.
			std::this_thread::sleep_for(std::chrono::milliseconds(10));
			detach_errors.push_back(ctl.detach());
			std::this_thread::sleep_for(std::chrono::milliseconds(1));
			attach_errors.push_back(ctl.attach());
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(3));
		stop = true;
	}
	auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
	for (const auto &t : tallies)
		all.merge(t);

	// The unit works again after all that.
	{
		NbdetFile f(unit_path);
		std::size_t got = 0;
		nbdet_info info{};

		after.add(DetachCall::open, f.open());
		after.add(DetachCall::read, f.is_open() ? f.read(64, got) : EBADF);
		after.add(DetachCall::ioctl, f.is_open() ? f.info(info) : EBADF);
		after.add(DetachCall::close, f.close());
		after.bytes = got;
		for (std::size_t i = 0; i < kDetachCalls; i++)
			if (after.ok[i] != 1)
				o.problems.push_back(
					std::string("after the run, ") +
					detach_call_name(static_cast<DetachCall>(i)) +
					" of the re-attached unit did not succeed" +
					(after.bad_calls.empty() ? "" : ": " + after.bad_calls[0]));
	}

	append(o.problems, check_detach_calls(all));
	append(o.problems, check_detach_control(rounds, detach_errors, attach_errors));
	if (int e = ctl.stats(st)) {
		o.problems.push_back("reading the driver's statistics: " + errno_name(e));
		return o;
	}
	all.merge(after);
	append(o.problems, check_detach_stats(st, rounds, all));

	auto per = [](const std::array<std::uint64_t, kDetachCalls> &a) {
		return "open " + str(a[0]) + ", read " + str(a[1]) + ", ioctl " + str(a[2]) +
		       ", close " + str(a[3]);
	};
	char elapsed[32];
	std::snprintf(elapsed, sizeof(elapsed), "%.1f", secs);
	o.what = str(threads) + " threads x open/read/ioctl/close of " + unit_path + " while " +
		 str(rounds) + " x DETACH/ATTACH of the NetBSD pseudo-device (d_cfdriver, " +
		 "D_MPSAFE, a callout and an MP-safe interrupt handler feeding the reads, the " +
		 "interrupt line raised by the callout and the threads) in " + elapsed + " s: " +
		 str(all.calls()) + " calls; ok: " + per(all.ok) + "; ENXIO: " + per(all.gone) +
		 "; ENOENT opens " + str(all.no_node) + "; other " + str(all.bad) +
		 ". Driver: " + str(st.detaches) + " detaches (dying, wake, callout_halt, " +
		 "intr_disestablish, vdevgone, destroy), " + str(st.intrs) +
		 " interrupt handler runs, " + str(st.woken) + " reads woken by the detaches, " +
		 str(st.refused) + " entries that found the unit dying, " +
		 str(st.produced) + " bytes made, " + str(st.consumed) + " read, bad magic " +
		 str(st.bad_magic);
	return o;
}

std::vector<Outcome> run_detach(NbdetCtl &ctl)
{
	return { detach_under_load(ctl, "/dev/nbdet0", 8, 100) };
}

} // namespace bsdcompat
