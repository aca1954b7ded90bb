// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// A demonstration driver's device node, opened once and driven by ioctl.
#pragma once

#include <string>

namespace bsdcompat {

class DeviceNode {
public:
	// Opens the node; ok() says whether that worked, error() why not.
	explicit DeviceNode(const std::string &path);
	~DeviceNode();
	DeviceNode(const DeviceNode &) = delete;
	DeviceNode &operator=(const DeviceNode &) = delete;

	bool ok() const { return fd_ >= 0; }
	const std::string &error() const { return error_; }

protected:
	// 0 or the errno of ioctl(@req) with a pointer argument...
	int call(unsigned long req, void *arg);
	// ... or with a plain value as the argument.
	int call_value(unsigned long req, unsigned long value);

private:
	int fd_ = -1;
	std::string error_;
};

} // namespace bsdcompat
