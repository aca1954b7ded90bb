// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include "bench.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

using namespace bsdbench;

namespace {

// Shaped like a guest console: timestamps, other lines, and one run.
const char *sample = R"LOG([    1.90] guest: kernel 6.1.0-56-amd64, 2 CPUs, mode bench
[    1.93] bsdbench: {"type":"start","kernel":"6.1.0-56-amd64","cpus":2,"batches":7,"batch_us":1000,"contended_ms":100,"threads":4}
[    1.94] bsdbench: {"type":"uncontended","pair":"kmutex","kind":"sleep","bsd":"mutex_enter/exit (adaptive)","native":"mutex_lock/unlock","iters":14237,"batches":7,"bsd_ns":51.000,"native_ns":50.000,"bsd_min_ns":48.895,"native_min_ns":42.690}
[    1.95] bsdbench: {"type":"uncontended","pair":"kmutex_vs_spl","kind":"sleep","bsd":"mutex_enter/exit (adaptive)","native":"SPL kmutex (mutex + spinlock across unlock)","iters":11837,"batches":7,"bsd_ns":49.000,"native_ns":79.000,"bsd_min_ns":48.985,"native_min_ns":76.602}
[    1.96] bsdbench: {"type":"uncontended","pair":"spl","kind":"spin","bsd":"splraise(IPL_VM)/splx","native":"local_irq_save/restore","iters":12694,"batches":7,"bsd_ns":28.000,"native_ns":27.000,"bsd_min_ns":27.760,"native_min_ns":26.967}
[    2.23] some other kernel line
[    2.24] bsdbench: {"type":"contended","lock":"kmutex","bsdcompat":true,"threads":1,"cpus":2,"ns":106634040,"acquisitions":1919899,"per_sec":18000000,"counter_ok":true}
[    2.25] bsdbench: {"type":"contended","lock":"mutex","bsdcompat":false,"threads":1,"cpus":2,"ns":107078490,"acquisitions":2308615,"per_sec":20000000,"counter_ok":true}
[    2.26] bsdbench: {"type":"contended","lock":"kmutex","bsdcompat":true,"threads":2,"cpus":2,"ns":106727340,"acquisitions":1205649,"per_sec":12000000,"counter_ok":true}
[    2.27] bsdbench: {"type":"contended","lock":"mutex","bsdcompat":false,"threads":2,"cpus":2,"ns":107106520,"acquisitions":1471349,"per_sec":10000000,"counter_ok":false}
[    2.28] bsdbench: {"type":"contended","lock":"spl_mutex","bsdcompat":false,"threads":2,"cpus":2,"ns":1,"acquisitions":1,"per_sec":6000000,"counter_ok":true}
[    4.08] bsdbench: {"type":"done","ms":2150}
)LOG";

bsdbench::Run sample_run()
{
	std::istringstream in(sample);
	return parse_log(in);
}

} // namespace

TEST(Parse, Object)
{
	auto o = parse_object(R"({"a":"x \"y\"","b":-1.5e3,"c":true,"d":false})");
	ASSERT_TRUE(o);
	EXPECT_EQ(std::get<std::string>(o->at("a")), "x \"y\"");
	EXPECT_DOUBLE_EQ(std::get<double>(o->at("b")), -1500);
	EXPECT_TRUE(std::get<bool>(o->at("c")));
	EXPECT_FALSE(std::get<bool>(o->at("d")));
}

TEST(Parse, RejectsBrokenObjects)
{
	EXPECT_FALSE(parse_object(""));
	EXPECT_FALSE(parse_object("{\"a\":1"));		// cut short
	EXPECT_FALSE(parse_object("{\"a\" 1}"));
	EXPECT_FALSE(parse_object("{\"a\":}"));
	EXPECT_TRUE(parse_object("{}"));
}

TEST(Parse, Log)
{
	bsdbench::Run r = sample_run();
	EXPECT_EQ(r.kernel, "6.1.0-56-amd64");
	EXPECT_EQ(r.cpus, 2);
	EXPECT_TRUE(r.done);
	ASSERT_EQ(r.uncontended.size(), 3u);
	EXPECT_EQ(r.uncontended[0].pair, "kmutex");
	EXPECT_EQ(r.uncontended[0].kind, "sleep");
	EXPECT_EQ(r.uncontended[0].iters, 14237);
	EXPECT_DOUBLE_EQ(r.uncontended[0].bsd_ns, 51.0);
	ASSERT_EQ(r.contended.size(), 5u);
	EXPECT_TRUE(r.contended[0].bsdcompat);
	EXPECT_FALSE(r.contended[1].bsdcompat);
	EXPECT_FALSE(r.contended[3].counter_ok);
}

TEST(Parse, CutOffRunIsNotDone)
{
	std::string s = sample;
	s = s.substr(0, s.find("{\"type\":\"done\""));
	std::istringstream in(s);
	EXPECT_FALSE(parse_log(in).done);
}

TEST(Ratio, Uncontended)
{
	bsdbench::Run r = sample_run();
	EXPECT_DOUBLE_EQ(r.uncontended[0].ratio(), 51.0 / 50.0);
	EXPECT_DOUBLE_EQ(uncontended_target(r.uncontended[0]), 1.02);
	EXPECT_DOUBLE_EQ(uncontended_target(r.uncontended[1]), 1.0);
	EXPECT_DOUBLE_EQ(uncontended_target(r.uncontended[2]), 1.05);
	Uncontended zero;
	EXPECT_EQ(zero.ratio(), 0);
}

TEST(Ratio, Contended)
{
	auto rs = contended_ratios(sample_run());
	// kmutex/mutex at 1 and 2 threads, kmutex/spl_mutex at 2 only.
	ASSERT_EQ(rs.size(), 3u);
	EXPECT_EQ(rs[0].threads, 1);
	EXPECT_DOUBLE_EQ(rs[0].ratio(), 0.9);
	EXPECT_DOUBLE_EQ(rs[1].ratio(), 1.2);
	EXPECT_EQ(rs[2].native, "spl_mutex");
	EXPECT_DOUBLE_EQ(rs[2].ratio(), 2.0);
}

TEST(Table, MarksTargets)
{
	std::string t = table(sample_run());
	EXPECT_NE(t.find("| kmutex | mutex_enter/exit (adaptive) | mutex_lock/unlock | 51.0 | 50.0 | 1.02 | <= 1.02 | met |"),
		  std::string::npos);
	EXPECT_NE(t.find("| kmutex | mutex | 1 | 18000000 | 20000000 | 0.90 | >= 1.00 | missed |"),
		  std::string::npos);
	EXPECT_NE(t.find("WARNING: mutex with 2 threads lost counter updates"), std::string::npos);
}

TEST(Svg, WellFormed)
{
	std::string s = svg(sample_run(), "a <title> & more");
	EXPECT_EQ(s.rfind("<?xml", 0), 0u);
	EXPECT_NE(s.find("<svg "), std::string::npos);
	EXPECT_EQ(s.substr(s.size() - 7), "</svg>\n");
	EXPECT_NE(s.find("a &lt;title&gt; &amp; more"), std::string::npos);

	// One polyline per lock: kmutex, mutex, spl_mutex.
	std::regex poly("<polyline [^>]*/>");
	auto n = std::distance(std::sregex_iterator(s.begin(), s.end(), poly),
			       std::sregex_iterator());
	EXPECT_EQ(n, 3);

	// Every element is closed: opening tags match closing and self-closed.
	std::regex open("<([a-z]+)[ >]"), close("</([a-z]+)>"), selfc("/>");
	auto count = [&](const std::regex &re) {
		return std::distance(std::sregex_iterator(s.begin(), s.end(), re),
				     std::sregex_iterator());
	};
	EXPECT_EQ(count(open), count(close) + count(selfc));
}

TEST(Svg, EmptyRunStillValid)
{
	bsdbench::Run r;
	std::string s = svg(r, "empty");
	EXPECT_EQ(s.find("<polyline"), std::string::npos);
	EXPECT_EQ(s.substr(s.size() - 7), "</svg>\n");
}
