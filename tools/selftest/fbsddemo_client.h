// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// The fbsddemo device node (drivers/fbsddemo) from user space.
#pragma once

#include <cstdint>
#include <string>

#include "device_node.h"
#include "fbsddemo_ioctl.h"

namespace bsdcompat {

class FbsdDemo : public DeviceNode {
public:
	explicit FbsdDemo(const std::string &path = "/dev/fbsddemo") : DeviceNode(path) {}

	// Each returns 0 or an errno value.
	// Read-modify-write sections under the MTX_DEF mutex.
	int mtx(std::uint32_t loops);
	// Sections under the MTX_SPIN mutex, which the timer shares.
	int spin(std::uint32_t loops);
	// The interrupt side: period 20..100000 us, 0 stops it.
	int timer(std::uint32_t period_us);
	// sx sections (asleep hold_us inside) and rw sections (busy hold_us,
	// at most 50); every 4th write section tries to upgrade a read hold.
	int sx(std::uint32_t loops, std::uint32_t hold_us, bool writer);
	int rw(std::uint32_t loops, std::uint32_t hold_us, bool writer);
	// Tokens through read queue 0 (mtx_sleep()) or 1 (cv_wait_sig()); get:
	// consume, sleeping while the ring is empty, else produce.
	int read(std::uint32_t items, bool get, std::uint32_t queue);
	// Sections under Giant held twice; every 4th sleeps in pause().
	int giant(std::uint32_t loops);
	int stats(fbsddemo_stats &st);
	int reset();
};

} // namespace bsdcompat
