// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Unit tests for the lockstat parser and ranking. Malformed input must be
 * reported line by line, never dropped in silence; counts are asserted
 * exactly.
 */
#include "lockstat.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <unistd.h>

namespace bsdcompat::lockstat {
namespace {

const std::string kHeader = "# bsdcompat-lockstat v1 enabled=1 dropped=3: type acquired "
			    "contended wait_ns wait_max_ns hold_ns hold_max_ns name\n";

// What the kernel printed in the selftest guest, cut down.
const std::string kGood = kHeader +
			  "adaptive 1200 37 5550000 400000 9000000 120000 sc->sc_lock\n"
			  "spin 6000 12 24000 5000 3000000 2000 sc->sc_intr_lock\n"
			  "rw_write 400 9 900000 300000 800000 9000 sc->sc_rwlock\n"
			  "rw_read 600 9 450000 100000 0 0 sc->sc_rwlock\n"
			  "adaptive 2560 0 0 0 512000 800 objs[i]->lo_lock\n";

TEST(Parse, GoodFile)
{
	Snapshot s = parse(kGood);

	EXPECT_TRUE(s.ok()) << (s.errors.empty() ? "" : s.errors.front());
	EXPECT_TRUE(s.enabled);
	EXPECT_EQ(s.dropped, 3u);
	ASSERT_EQ(s.classes.size(), 5u);
	const ClassStats &c = s.classes[0];
	EXPECT_EQ(c.type, "adaptive");
	EXPECT_EQ(c.acquired, 1200u);
	EXPECT_EQ(c.contended, 37u);
	EXPECT_EQ(c.wait_ns, 5550000u);
	EXPECT_EQ(c.wait_max_ns, 400000u);
	EXPECT_EQ(c.hold_ns, 9000000u);
	EXPECT_EQ(c.hold_max_ns, 120000u);
	EXPECT_EQ(c.name, "sc->sc_lock");
	EXPECT_EQ(c.mean_wait_ns(), 150000u);
	EXPECT_EQ(c.mean_hold_ns(), 7500u);
	EXPECT_EQ(s.classes[4].name, "objs[i]->lo_lock");
}

TEST(Parse, HeaderOnlyIsEmptyAndFine)
{
	Snapshot s = parse("# bsdcompat-lockstat v1 enabled=0 dropped=0: type acquired "
			   "contended wait_ns wait_max_ns hold_ns hold_max_ns name\n");

	EXPECT_TRUE(s.ok());
	EXPECT_FALSE(s.enabled);
	EXPECT_TRUE(s.classes.empty());
}

TEST(Parse, NameKeepsSpacesToEndOfLine)
{
	Snapshot s = parse(kHeader + "adaptive 1 0 0 0 5 5 sc->sc_q[i + 1].lock\n");

	ASSERT_TRUE(s.ok());
	ASSERT_EQ(s.classes.size(), 1u);
	EXPECT_EQ(s.classes[0].name, "sc->sc_q[i + 1].lock");
}

TEST(Parse, NoFinalNewlineAndCrlf)
{
	Snapshot s = parse(kHeader + "spin 2 1 10 10 4 2 a\r\nspin 3 0 0 0 0 0 b");

	EXPECT_TRUE(s.ok());
	ASSERT_EQ(s.classes.size(), 2u);
	EXPECT_EQ(s.classes[0].name, "a");
	EXPECT_EQ(s.classes[1].name, "b");
}

TEST(Parse, MaxU64)
{
	Snapshot s = parse(kHeader + "spin 18446744073709551615 0 0 0 0 0 x\n");

	ASSERT_TRUE(s.ok());
	EXPECT_EQ(s.classes[0].acquired, 18446744073709551615u);
}

TEST(Parse, EmptyInputIsAnError)
{
	Snapshot s = parse("");

	ASSERT_EQ(s.errors.size(), 1u);
	EXPECT_NE(s.errors[0].find("no header"), std::string::npos);
}

TEST(Parse, BadHeaderIsReportedAndLinesStillRead)
{
	Snapshot s = parse("lock stats\nadaptive 1 0 0 0 0 0 a\n");

	ASSERT_EQ(s.errors.size(), 1u);
	EXPECT_EQ(s.errors[0].rfind("line 1: ", 0), 0u) << s.errors[0];
	EXPECT_EQ(s.classes.size(), 1u);
}

TEST(Parse, OtherVersionOrFieldsRejected)
{
	EXPECT_FALSE(parse("# bsdcompat-lockstat v2 enabled=1 dropped=0: type acquired "
			   "contended wait_ns wait_max_ns hold_ns hold_max_ns name\n")
			     .ok());
	EXPECT_FALSE(parse("# bsdcompat-lockstat v1 enabled=1 dropped=0: type acquired "
			   "contended wait_ns hold_ns name\n")
			     .ok());
	EXPECT_FALSE(parse("# bsdcompat-lockstat v1 enabled=1: type acquired "
			   "contended wait_ns wait_max_ns hold_ns hold_max_ns name\n")
			     .ok());
	EXPECT_FALSE(parse("# bsdcompat-lockstat v1 enabled=yes dropped=0: type acquired "
			   "contended wait_ns wait_max_ns hold_ns hold_max_ns name\n")
			     .ok());
}

TEST(Parse, UnknownStatusKeyIgnored)
{
	Snapshot s = parse("# bsdcompat-lockstat v1 enabled=1 dropped=0 since=5: type acquired "
			   "contended wait_ns wait_max_ns hold_ns hold_max_ns name\n");

	EXPECT_TRUE(s.ok());
}

// Each malformed line is reported with its number; good lines around it
// are kept.
TEST(Parse, MalformedLinesReportedNotSkipped)
{
	const std::string bad[] = {
		"mutex 1 0 0 0 0 0 a",		  // unknown type
		"adaptive 1 0 0 0 0 a",		  // a field short: name taken as number
		"adaptive 1 0 0 0 0 0",		  // no name
		"adaptive 1 0 0 0 0 0 ",	  // empty name
		"adaptive -1 0 0 0 0 0 a",	  // negative
		"adaptive 1 0 0x10 0 0 0 a",	  // not decimal
		"adaptive 18446744073709551616 0 0 0 0 0 a", // too big
		"adaptive  1 0 0 0 0 0 a",	  // two spaces: empty field
		"",				  // empty line
	};
	for (const auto &line : bad) {
		Snapshot s = parse(kHeader + "spin 1 0 0 0 0 0 ok1\n" + line +
				   "\nspin 2 0 0 0 0 0 ok2\n");
		ASSERT_EQ(s.errors.size(), 1u) << "accepted: '" << line << "'";
		EXPECT_EQ(s.errors[0].rfind("line 3: ", 0), 0u) << s.errors[0];
		EXPECT_EQ(s.classes.size(), 2u) << line;
	}
}

TEST(Parse, TruncatedFile)
{
	Snapshot s = parse(kHeader + "adaptive 1200 37 55500");

	ASSERT_EQ(s.errors.size(), 1u);
	EXPECT_EQ(s.errors[0].rfind("line 2: ", 0), 0u) << s.errors[0];
}

TEST(Means, NothingToDivideBy)
{
	ClassStats c{ "adaptive", 0, 0, 0, 0, 0, 0, "x" };

	EXPECT_FALSE(c.mean_wait_ns());
	EXPECT_FALSE(c.mean_hold_ns());
	c.type = "rw_read";
	c.acquired = 4;
	c.hold_ns = 0;
	EXPECT_FALSE(c.mean_hold_ns()); // read holds are not measured
}

std::vector<std::string> names(const std::vector<ClassStats> &v)
{
	std::vector<std::string> n;
	for (const auto &c : v)
		n.push_back(c.name + "/" + c.type);
	return n;
}

TEST(Top, ContendedThenWait)
{
	auto s = parse(kGood);
	auto t = top(s.classes, SortKey::Contended, 10);

	EXPECT_EQ(names(t), (std::vector<std::string>{
				    "sc->sc_lock/adaptive", "sc->sc_intr_lock/spin",
				    "sc->sc_rwlock/rw_write", "sc->sc_rwlock/rw_read",
				    "objs[i]->lo_lock/adaptive" }));
}

TEST(Top, LimitsToN)
{
	auto s = parse(kGood);

	EXPECT_EQ(top(s.classes, SortKey::Contended, 2).size(), 2u);
	EXPECT_TRUE(top(s.classes, SortKey::Contended, 0).empty());
}

TEST(Top, OtherKeys)
{
	auto s = parse(kGood);

	EXPECT_EQ(names(top(s.classes, SortKey::Wait, 1)),
		  (std::vector<std::string>{ "sc->sc_lock/adaptive" }));
	EXPECT_EQ(names(top(s.classes, SortKey::Hold, 2)),
		  (std::vector<std::string>{ "sc->sc_lock/adaptive", "sc->sc_intr_lock/spin" }));
	EXPECT_EQ(names(top(s.classes, SortKey::Acquired, 2)),
		  (std::vector<std::string>{ "sc->sc_intr_lock/spin", "objs[i]->lo_lock/adaptive" }));
}

TEST(Top, TiesByNameThenType)
{
	auto s = parse(kHeader + "adaptive 1 0 0 0 0 0 b\nadaptive 1 0 0 0 0 0 a\n");
	auto t = top(s.classes, SortKey::Contended, 10);

	EXPECT_EQ(names(t), (std::vector<std::string>{ "a/adaptive", "b/adaptive" }));
}

TEST(SortKey, Names)
{
	EXPECT_EQ(parse_sort_key("contended"), SortKey::Contended);
	EXPECT_EQ(parse_sort_key("wait"), SortKey::Wait);
	EXPECT_EQ(parse_sort_key("hold"), SortKey::Hold);
	EXPECT_EQ(parse_sort_key("acq"), SortKey::Acquired);
	EXPECT_FALSE(parse_sort_key("name"));
}

TEST(FormatNs, Units)
{
	EXPECT_EQ(format_ns(0), "0ns");
	EXPECT_EQ(format_ns(850), "850ns");
	EXPECT_EQ(format_ns(12345), "12.3us");
	EXPECT_EQ(format_ns(4560000), "4.56ms");
	EXPECT_EQ(format_ns(1200000000), "1.20s");
	EXPECT_EQ(format_ns(999999), "1.00ms");
	EXPECT_EQ(format_ns(999499), "999us");
	EXPECT_EQ(format_ns(999), "999ns");
}

TEST(FormatTable, AlignedColumns)
{
	auto s = parse(kGood);
	std::string t = format_table(top(s.classes, SortKey::Contended, 2));

	EXPECT_EQ(t,
		  "TYPE      ACQUIRED  CONTENDED    WAIT  MEAN WAIT  MAX WAIT    HOLD  MEAN HOLD  "
		  "MAX HOLD  NAME\n"
		  "adaptive      1200         37  5.55ms      150us     400us  9.00ms     7.50us  "
		  "   120us  sc->sc_lock\n"
		  "spin          6000         12  24.0us     2.00us    5.00us  3.00ms      500ns  "
		  "  2.00us  sc->sc_intr_lock\n");
}

TEST(FormatTable, ReadHoldsShowDash)
{
	auto s = parse(kHeader + "rw_read 6 0 0 0 0 0 r\n");
	std::string t = format_table(s.classes);

	EXPECT_NE(t.find("rw_read"), std::string::npos);
	EXPECT_NE(t.find("  -  "), std::string::npos) << t;
}

TEST(Files, ReadAndControl)
{
	char path[] = "/tmp/bsdlockstat-test-XXXXXX";
	int fd = mkstemp(path);
	ASSERT_GE(fd, 0);
	close(fd);
	{
		std::ofstream(path) << kGood;
	}
	std::string text;
	EXPECT_EQ(read_file(path, text), "");
	EXPECT_EQ(text, kGood);
	EXPECT_EQ(control(path, "clear"), "");
	EXPECT_EQ(read_file(path, text), "");
	EXPECT_EQ(text, "clear\n");
	std::remove(path);
	EXPECT_NE(read_file(path, text), "");
	EXPECT_NE(control("/nonexistent-dir/lockstat", "enable"), "");
}

} // namespace
} // namespace bsdcompat::lockstat
