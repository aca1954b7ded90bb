// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include "bench.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <sstream>

namespace bsdbench {

namespace {

void skip_space(const std::string &s, size_t &i)
{
	while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])))
		i++;
}

std::optional<std::string> parse_string(const std::string &s, size_t &i)
{
	if (i >= s.size() || s[i] != '"')
		return std::nullopt;
	std::string out;
	for (i++; i < s.size(); i++) {
		char c = s[i];
		if (c == '"') {
			i++;
			return out;
		}
		if (c == '\\') {
			if (++i >= s.size())
				return std::nullopt;
			c = s[i];
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			default: break;	// \" \\ \/ stand for themselves
			}
		}
		out += c;
	}
	return std::nullopt;
}

std::optional<Value> parse_value(const std::string &s, size_t &i)
{
	if (i >= s.size())
		return std::nullopt;
	if (s[i] == '"') {
		auto str = parse_string(s, i);
		if (!str)
			return std::nullopt;
		return Value{*str};
	}
	if (s.compare(i, 4, "true") == 0) {
		i += 4;
		return Value{true};
	}
	if (s.compare(i, 5, "false") == 0) {
		i += 5;
		return Value{false};
	}
	const char *start = s.c_str() + i;
	char *end = nullptr;
	double d = std::strtod(start, &end);
	if (end == start)
		return std::nullopt;
	i += static_cast<size_t>(end - start);
	return Value{d};
}

std::string str(const Object &o, const std::string &k)
{
	auto it = o.find(k);
	if (it == o.end())
		return {};
	if (auto *s = std::get_if<std::string>(&it->second))
		return *s;
	return {};
}

double num(const Object &o, const std::string &k)
{
	auto it = o.find(k);
	if (it == o.end())
		return 0;
	if (auto *d = std::get_if<double>(&it->second))
		return *d;
	return 0;
}

bool boolean(const Object &o, const std::string &k, bool dflt)
{
	auto it = o.find(k);
	if (it == o.end())
		return dflt;
	if (auto *b = std::get_if<bool>(&it->second))
		return *b;
	return dflt;
}

std::string fixed(double v, int prec)
{
	char buf[64];
	std::snprintf(buf, sizeof(buf), "%.*f", prec, v);
	return buf;
}

std::string xml_escape(const std::string &s)
{
	std::string out;
	for (char c : s) {
		switch (c) {
		case '<': out += "&lt;"; break;
		case '>': out += "&gt;"; break;
		case '&': out += "&amp;"; break;
		case '"': out += "&quot;"; break;
		default: out += c;
		}
	}
	return out;
}

} // namespace

std::optional<Object> parse_object(const std::string &text)
{
	size_t i = 0;
	Object o;

	skip_space(text, i);
	if (i >= text.size() || text[i] != '{')
		return std::nullopt;
	i++;
	skip_space(text, i);
	if (i < text.size() && text[i] == '}')
		return o;
	for (;;) {
		skip_space(text, i);
		auto key = parse_string(text, i);
		if (!key)
			return std::nullopt;
		skip_space(text, i);
		if (i >= text.size() || text[i] != ':')
			return std::nullopt;
		i++;
		skip_space(text, i);
		auto v = parse_value(text, i);
		if (!v)
			return std::nullopt;
		o[*key] = *v;
		skip_space(text, i);
		if (i < text.size() && text[i] == ',') {
			i++;
			continue;
		}
		if (i < text.size() && text[i] == '}')
			return o;
		return std::nullopt;
	}
}

Run parse_log(std::istream &in)
{
	static const std::string tag = "bsdbench: {";
	Run run;
	std::string line;

	while (std::getline(in, line)) {
		auto at = line.find(tag);
		if (at == std::string::npos)
			continue;
		auto o = parse_object(line.substr(at + tag.size() - 1));
		if (!o)
			continue;
		std::string type = str(*o, "type");
		if (type == "start") {
			run.kernel = str(*o, "kernel");
			run.cpus = static_cast<int>(num(*o, "cpus"));
		} else if (type == "uncontended") {
			Uncontended u;
			u.pair = str(*o, "pair");
			u.kind = str(*o, "kind");
			u.bsd = str(*o, "bsd");
			u.native = str(*o, "native");
			u.bsd_ns = num(*o, "bsd_ns");
			u.native_ns = num(*o, "native_ns");
			u.iters = static_cast<long>(num(*o, "iters"));
			run.uncontended.push_back(u);
		} else if (type == "contended") {
			Contended c;
			c.lock = str(*o, "lock");
			c.bsdcompat = boolean(*o, "bsdcompat", false);
			c.threads = static_cast<int>(num(*o, "threads"));
			c.cpus = static_cast<int>(num(*o, "cpus"));
			c.per_sec = num(*o, "per_sec");
			c.counter_ok = boolean(*o, "counter_ok", true);
			run.contended.push_back(c);
		} else if (type == "done") {
			run.done = true;
		}
	}
	return run;
}

double uncontended_target(const Uncontended &u)
{
	if (u.pair == "kmutex_vs_spl")
		return 1.0;
	return u.kind == "spin" ? 1.05 : 1.02;
}

std::vector<ContendedRatio> contended_ratios(const Run &run)
{
	// Each bsdcompat lock against its base, and kmutex against its peer.
	static const std::pair<const char *, const char *> cmp[] = {
		{"kmutex", "mutex"},
		{"kmutex", "spl_mutex"},
		{"kmutex_spin", "spinlock"},
		{"mtx", "mutex"},
	};
	std::vector<ContendedRatio> out;
	std::set<int> threads;

	for (const auto &c : run.contended)
		threads.insert(c.threads);
	for (const auto &[bsd, native] : cmp) {
		for (int t : threads) {
			const Contended *b = nullptr, *n = nullptr;
			for (const auto &c : run.contended) {
				if (c.threads != t)
					continue;
				if (c.lock == bsd)
					b = &c;
				if (c.lock == native)
					n = &c;
			}
			if (b && n)
				out.push_back({bsd, native, t, b->per_sec, n->per_sec});
		}
	}
	return out;
}

std::string table(const Run &run)
{
	std::ostringstream os;

	os << "Kernel " << (run.kernel.empty() ? "?" : run.kernel) << ", "
	   << run.cpus << " vCPUs\n\n";
	if (!run.uncontended.empty()) {
		os << "| pair | bsdcompat | native | bsdcompat ns | native ns | ratio | target | met |\n"
		   << "|---|---|---|---:|---:|---:|---:|---|\n";
		for (const auto &u : run.uncontended) {
			double t = uncontended_target(u);
			os << "| " << u.pair << " | " << u.bsd << " | " << u.native << " | "
			   << fixed(u.bsd_ns, 1) << " | " << fixed(u.native_ns, 1) << " | "
			   << fixed(u.ratio(), 2) << " | <= " << fixed(t, 2) << " | "
			   << (u.ratio() <= t ? "met" : "missed") << " |\n";
		}
		os << "\n";
	}
	auto ratios = contended_ratios(run);
	if (!ratios.empty()) {
		os << "| contended | against | threads | bsdcompat acq/s | native acq/s | ratio | target | met |\n"
		   << "|---|---|---:|---:|---:|---:|---:|---|\n";
		for (const auto &r : ratios)
			os << "| " << r.bsd << " | " << r.native << " | " << r.threads << " | "
			   << fixed(r.bsd_per_sec, 0) << " | " << fixed(r.native_per_sec, 0) << " | "
			   << fixed(r.ratio(), 2) << " | >= 1.00 | "
			   << (r.ratio() >= 1.0 ? "met" : "missed") << " |\n";
		os << "\n";
	}
	for (const auto &c : run.contended)
		if (!c.counter_ok)
			os << "WARNING: " << c.lock << " with " << c.threads
			   << " threads lost counter updates\n";
	return os.str();
}

std::string svg(const Run &run, const std::string &title)
{
	static const char *colours[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
					"#9467bd", "#8c564b", "#e377c2", "#17becf"};
	const double w = 640, h = 400, left = 80, right = 170, top = 40, bottom = 50;
	const double pw = w - left - right, ph = h - top - bottom;
	std::vector<std::string> locks;
	int tmax = 1;
	double ymax = 0;

	for (const auto &c : run.contended) {
		if (std::find(locks.begin(), locks.end(), c.lock) == locks.end())
			locks.push_back(c.lock);
		tmax = std::max(tmax, c.threads);
		ymax = std::max(ymax, c.per_sec);
	}
	if (ymax <= 0)
		ymax = 1;
	auto x = [&](double t) { return left + (tmax > 1 ? (t - 1) / (tmax - 1) : 0.5) * pw; };
	auto y = [&](double v) { return top + ph - v / ymax * ph; };

	std::ostringstream os;
	os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	   << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << w << "\" height=\"" << h
	   << "\" viewBox=\"0 0 " << w << " " << h << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
	   << "<rect x=\"0\" y=\"0\" width=\"" << w << "\" height=\"" << h << "\" fill=\"white\"/>\n"
	   << "<text x=\"" << w / 2 << "\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">"
	   << xml_escape(title) << "</text>\n"
	   << "<line x1=\"" << left << "\" y1=\"" << top + ph << "\" x2=\"" << left + pw
	   << "\" y2=\"" << top + ph << "\" stroke=\"black\"/>\n"
	   << "<line x1=\"" << left << "\" y1=\"" << top << "\" x2=\"" << left
	   << "\" y2=\"" << top + ph << "\" stroke=\"black\"/>\n";
	for (int i = 0; i <= 4; i++) {
		double v = ymax * i / 4;
		os << "<text x=\"" << left - 6 << "\" y=\"" << fixed(y(v) + 4, 1)
		   << "\" text-anchor=\"end\">" << fixed(v / 1e6, 2) << "M</text>\n";
	}
	std::set<int> ticks;
	for (const auto &c : run.contended)
		ticks.insert(c.threads);
	for (int t : ticks)
		os << "<text x=\"" << fixed(x(t), 1) << "\" y=\"" << top + ph + 18
		   << "\" text-anchor=\"middle\">" << t << "</text>\n";
	os << "<text x=\"" << left + pw / 2 << "\" y=\"" << h - 10
	   << "\" text-anchor=\"middle\">threads</text>\n"
	   << "<text x=\"16\" y=\"" << top + ph / 2 << "\" text-anchor=\"middle\" transform=\"rotate(-90 16 "
	   << top + ph / 2 << ")\">acquisitions per second</text>\n";
	for (size_t i = 0; i < locks.size(); i++) {
		std::vector<std::pair<int, double>> pts;
		bool bsd = false;
		for (const auto &c : run.contended)
			if (c.lock == locks[i]) {
				pts.emplace_back(c.threads, c.per_sec);
				bsd = c.bsdcompat;
			}
		std::sort(pts.begin(), pts.end());
		const char *colour = colours[i % std::size(colours)];
		os << "<polyline fill=\"none\" stroke=\"" << colour << "\" stroke-width=\"2\""
		   << (bsd ? "" : " stroke-dasharray=\"6 3\"") << " points=\"";
		for (size_t j = 0; j < pts.size(); j++)
			os << (j ? " " : "") << fixed(x(pts[j].first), 1) << ","
			   << fixed(y(pts[j].second), 1);
		os << "\"/>\n";
		double ly = top + 10 + 18 * static_cast<double>(i);
		os << "<line x1=\"" << left + pw + 15 << "\" y1=\"" << ly << "\" x2=\""
		   << left + pw + 40 << "\" y2=\"" << ly << "\" stroke=\"" << colour
		   << "\" stroke-width=\"2\"" << (bsd ? "" : " stroke-dasharray=\"6 3\"") << "/>\n"
		   << "<text x=\"" << left + pw + 45 << "\" y=\"" << ly + 4 << "\">"
		   << xml_escape(locks[i]) << "</text>\n";
	}
	os << "</svg>\n";
	return os.str();
}

} // namespace bsdbench
