// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include "detach_client.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace bsdcompat {

int NbdetCtl::attach()
{
	return call_value(NBDETCTL_ATTACH, 0);
}

int NbdetCtl::detach()
{
	return call_value(NBDETCTL_DETACH, 0);
}

int NbdetCtl::fire()
{
	return call_value(NBDETCTL_FIRE, 0);
}

int NbdetCtl::stats(nbdet_stats &st)
{
	return call(NBDETCTL_STATS, &st);
}

int NbdetCtl::reset()
{
	return call_value(NBDETCTL_RESET, 0);
}

NbdetFile::~NbdetFile()
{
	close();
}

int NbdetFile::open()
{
	if (fd_ >= 0)
		return EBUSY;
	fd_ = ::open(path_.c_str(), O_RDWR | O_CLOEXEC);
	return fd_ >= 0 ? 0 : errno;
}

int NbdetFile::read(std::size_t len, std::size_t &got)
{
	unsigned char buf[256];
	ssize_t n = ::read(fd_, buf, std::min(len, sizeof(buf)));

	got = n > 0 ? static_cast<std::size_t>(n) : 0;
	return n >= 0 ? 0 : errno;
}

int NbdetFile::info(nbdet_info &info)
{
	return ::ioctl(fd_, NBDET_INFO, &info) == 0 ? 0 : errno;
}

int NbdetFile::close()
{
	if (fd_ < 0)
		return 0;
	int r = ::close(fd_);
	fd_ = -1;
	return r == 0 ? 0 : errno;
}

} // namespace bsdcompat
