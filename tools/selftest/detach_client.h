// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// The nbdetach driver (drivers/nbdetach) from user space: its control node,
// kept open, and its unit node, opened and closed for every round of calls
// because the unit comes and goes under them.
#pragma once

#include <cstddef>
#include <string>
#include <utility>

#include "device_node.h"
#include "nbdetach_ioctl.h"

namespace bsdcompat {

// /dev/nbdetctl0. Each call returns 0 or an errno value.
class NbdetCtl : public DeviceNode {
public:
	explicit NbdetCtl(const std::string &path = "/dev/nbdetctl0") : DeviceNode(path) {}

	int attach();	// unit 0; EBUSY if it is attached
	int detach();	// unit 0; ENXIO if it is not attached
	int fire();	// raise the units' interrupt line
	int stats(nbdet_stats &st);
	int reset();
};

// One open of the unit node, /dev/nbdet0. Each call returns 0 or an errno
// value; open() may fail (ENOENT while the node is gone), the others need
// an open file. Closes what is still open when it goes.
class NbdetFile {
public:
	explicit NbdetFile(std::string path = "/dev/nbdet0") : path_(std::move(path)) {}
	~NbdetFile();
	NbdetFile(const NbdetFile &) = delete;
	NbdetFile &operator=(const NbdetFile &) = delete;

	int open();
	// Up to @len (at most 256) bytes; @got receives how many came.
	int read(std::size_t len, std::size_t &got);
	int info(nbdet_info &info);
	int close();
	bool is_open() const { return fd_ >= 0; }

private:
	std::string path_;
	int fd_ = -1;
};

} // namespace bsdcompat
