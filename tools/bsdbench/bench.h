// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// bsdbench's results: read from the "bsdbench: {...}" lines of a console
// log, compared (bsdcompat / native) and plotted.
#pragma once

#include <istream>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace bsdbench {

// One flat JSON object, as bsdbench.ko prints them: strings, numbers and
// booleans, no nesting.
using Value = std::variant<std::string, double, bool>;
using Object = std::map<std::string, Value>;

// Parses one object; nullopt if the text is not one.
std::optional<Object> parse_object(const std::string &text);

struct Uncontended {
	std::string pair, kind, bsd, native;
	double bsd_ns = 0, native_ns = 0;
	long iters = 0;
	double ratio() const { return native_ns > 0 ? bsd_ns / native_ns : 0; }
};

struct Contended {
	std::string lock;
	bool bsdcompat = false;
	int threads = 0, cpus = 0;
	double per_sec = 0;
	bool counter_ok = true;
};

struct Run {
	std::string kernel;
	int cpus = 0;
	bool done = false;
	std::vector<Uncontended> uncontended;
	std::vector<Contended> contended;
};

// Reads a console log (or bare JSON lines): every line with "bsdbench: {".
Run parse_log(std::istream &in);

// The targets: bsdcompat / native at most 1.02 for sleeping locks,
// 1.05 for spin locks and spl; kmutex at most 1.0 against the SPL kmutex.
double uncontended_target(const Uncontended &u);

// A contended comparison at one thread count: bsdcompat / native
// throughput, which should be at least 1.
struct ContendedRatio {
	std::string bsd, native;
	int threads = 0;
	double bsd_per_sec = 0, native_per_sec = 0;
	double ratio() const { return native_per_sec > 0 ? bsd_per_sec / native_per_sec : 0; }
};

std::vector<ContendedRatio> contended_ratios(const Run &run);

// Markdown tables of the uncontended pairs and the contended points.
std::string table(const Run &run);

// Throughput against threads, one polyline per lock.
std::string svg(const Run &run, const std::string &title);

} // namespace bsdbench
