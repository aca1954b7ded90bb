// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// The tru64demo device node (drivers/tru64demo), /dev/tru64demo0 (the
// node devsw_add() makes for minor 0), from user space.
#pragma once

#include <cstdint>
#include <string>

#include "device_node.h"
#include "tru64demo_ioctl.h"

namespace bsdcompat {

class Tru64Demo : public DeviceNode {
public:
	explicit Tru64Demo(const std::string &path = "/dev/tru64demo0") : DeviceNode(path) {}

	// Each returns 0 or an errno value.
	// Sections under the simple lock at splbio, which the timer shares.
	int slock(std::uint32_t loops);
	// The interrupt side: period 20..100000 us, 0 stops it.
	int timer(std::uint32_t period_us);
	// Complex-lock sections; readers try lock_read_to_write() every 8th.
	int complex(std::uint32_t loops, std::uint32_t hold_us, bool writer);
	// Funneled sections; hold_us != 0 makes every 4th one sleep.
	int funnel(std::uint32_t loops, std::uint32_t hold_us);
	// get: consume (sleeping in mpsleep() while empty), else produce.
	int queue(std::uint32_t items, bool get);
	int stats(tru64demo_stats &st);
	int reset();
};

} // namespace bsdcompat
