# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#
# bsdcompat: BSD and Digital UNIX kernel interfaces for drivers ported to
# Linux. See README.md.
#
#   make            build the modules against KDIR
#   make install    install them (modules_install + depmod)
#   make run        set up, boot a 2-vCPU guest on Debian's kernel, demo
#   make check      set up and run every test
#   make torture    bsdtorture, every lock type, on 2 and 4 vCPUs of Debian's
#                   kernel and the debug kernel (TORTURE_SECS=60 for long)
#   make bench      time bsdcompat's locks against Linux's in a guest
#   make tools      build the C++ user-space tools
#
# KDIR defaults to the running kernel's build directory, else the newest
# Debian linux-headers-*-amd64 (not the -rt- flavour).

KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | grep -v -- -rt-amd64 | \
		sort -V | tail -n 1))

# The release the modules are built for (vermagic), where they install.
KRELEASE = $(shell sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' $(KDIR)/include/generated/utsrelease.h)

.PHONY: all modules install clean tools run check deps torture bench

all: modules

modules:
	@test -n "$(KDIR)" || { echo "no kernel headers: run tools/scripts/install-deps.sh build, or set KDIR"; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

install: modules
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_DIR=extra modules_install
	depmod -a $(KRELEASE)

clean:
	@test -z "$(KDIR)" || $(MAKE) -C $(KDIR) M=$(CURDIR) clean
	rm -rf build

deps:
	tools/scripts/install-deps.sh all

tools: deps
	cmake -S tools -B build/tools -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build build/tools -j $$(nproc)

run: tools
	tools/vm/run.sh

check: tools
	tools/scripts/check.sh

torture: tools
	tools/vm/torture.sh

bench: tools
	tools/vm/bench.sh
