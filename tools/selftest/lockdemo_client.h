// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// The lockdemo device node (drivers/lockdemo) from user space: /dev/lockdemo0,
// unit 0 of the NetBSD pseudo-device (its cdevsw makes one node per unit).
#pragma once

#include <cstdint>
#include <string>

#include "device_node.h"
#include "lockdemo_ioctl.h"

namespace bsdcompat {

// NetBSD IPLs as bsdcompat numbers them (bsdcompat/include/bsdcompat/spl.h).
enum Ipl : std::uint32_t {
	IplNone = 0,
	IplSoftClock = 1,
	IplSoftNet = 3,
	IplVm = 5,
	IplHigh = 7,
};

class LockDemo : public DeviceNode {
public:
	explicit LockDemo(const std::string &path = "/dev/lockdemo0") : DeviceNode(path) {}

	// Each returns 0 or an errno value.
	int adaptive_inc(std::uint32_t loops, std::uint32_t hold_us, std::uint32_t ipl);
	int spin_inc(std::uint32_t loops, std::uint32_t hold_us);
	int rw(std::uint32_t loops, std::uint32_t hold_us, bool writer);
	// queue 0: condvar; 1: kernel lock + tsleep. get: consume, else produce.
	int queue(std::uint32_t items, bool get, unsigned queue);
	int timer(std::uint32_t period_us);
	int obj_setup(std::uint32_t objects, std::uint32_t refs);
	int obj_drop(std::uint64_t &freed);
	int stats(lockdemo_stats &st);
	int reset();
};

} // namespace bsdcompat
