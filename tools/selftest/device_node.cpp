// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include "device_node.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace bsdcompat {

DeviceNode::DeviceNode(const std::string &path)
{
	fd_ = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
	if (fd_ < 0)
		error_ = path + ": " + std::strerror(errno);
}

DeviceNode::~DeviceNode()
{
	if (fd_ >= 0)
		::close(fd_);
}

int DeviceNode::call(unsigned long req, void *arg)
{
	return ::ioctl(fd_, req, arg) == 0 ? 0 : errno;
}

int DeviceNode::call_value(unsigned long req, unsigned long value)
{
	return ::ioctl(fd_, req, value) == 0 ? 0 : errno;
}

} // namespace bsdcompat
