// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * lockstat.h - bsdcompat's lock statistics (debugfs bsdcompat/lockstat):
 * parse the file, rank the classes, format a table.
 *
 * The format (Documentation/lockstat.md) is one header line,
 *
 *   # bsdcompat-lockstat v1 enabled=1 dropped=0: type acquired contended wait_ns wait_max_ns hold_ns hold_max_ns name
 *
 * then one line per class and mode: the type (adaptive, spin, rw_write,
 * rw_read), six decimal counters, and the name, which runs to the end of
 * the line and may contain spaces.
 *
 * Parsing and ranking are pure functions over text; reading and writing
 * the file are separate, so that the tests need no kernel.
 */
#ifndef BSDCOMPAT_LOCKSTAT_H
#define BSDCOMPAT_LOCKSTAT_H

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bsdcompat::lockstat {

inline constexpr const char *kDefaultPath = "/sys/kernel/debug/bsdcompat/lockstat";

// One line of the file: one mode of one lock class.
struct ClassStats {
	std::string type; // adaptive, spin, rw_write or rw_read
	std::uint64_t acquired = 0;
	std::uint64_t contended = 0;
	std::uint64_t wait_ns = 0;
	std::uint64_t wait_max_ns = 0;
	std::uint64_t hold_ns = 0;
	std::uint64_t hold_max_ns = 0;
	std::string name;

	// Mean wait of a contended acquisition; mean hold of an acquisition.
	// Empty when there is nothing to divide by, or (hold of rw_read)
	// nothing measured.
	std::optional<std::uint64_t> mean_wait_ns() const;
	std::optional<std::uint64_t> mean_hold_ns() const;
};

struct Snapshot {
	bool enabled = false;
	std::uint64_t dropped = 0;
	std::vector<ClassStats> classes;
	// "line N: what is wrong with it", one per line that did not parse.
	std::vector<std::string> errors;

	bool ok() const { return errors.empty(); }
	// The first class of that name and type, if any.
	const ClassStats *find(std::string_view name, std::string_view type) const;
};

// Every line is either taken or reported in errors; none is skipped.
Snapshot parse(std::string_view text);

enum class SortKey { Contended, Wait, Hold, Acquired };

// "contended", "wait", "hold", "acq" (also "acquired").
std::optional<SortKey> parse_sort_key(std::string_view s);

// The n classes that rank highest by key, most first. Ties go to the next
// criterion: contended, then total wait; wait, then contended; hold, then
// acquisitions; acquisitions, then contended; finally by name and type, so
// that the order is total.
std::vector<ClassStats> top(std::vector<ClassStats> classes, SortKey key, std::size_t n);

// "0ns", "850ns", "12.3us", "4.56ms", "1.20s".
std::string format_ns(std::uint64_t ns);

// An aligned table with a header row, one row per class.
std::string format_table(const std::vector<ClassStats> &rows);

// File access: read the whole file; write one control word (enable,
// disable, clear). Both return an empty string or the error.
std::string read_file(const std::string &path, std::string &text);
std::string control(const std::string &path, std::string_view word);

} // namespace bsdcompat::lockstat

#endif // BSDCOMPAT_LOCKSTAT_H
