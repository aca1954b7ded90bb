# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
# Shared by tools/scripts/check.sh and tools/vm/run.sh (sourced, not run).

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
vm=$top/tools/vm
build=$top/build
tools_bin=$build/tools

# Debian's headers and the matching distribution kernel: the plain amd64
# flavour, or with "rt" the PREEMPT_RT one.
debian_kdir() {
	local flavour=${1:-}
	if [ "$flavour" = rt ]; then
		ls -d /usr/src/linux-headers-*-rt-amd64 2>/dev/null | sort -V | tail -n 1
	else
		ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | grep -v -- '-rt-amd64$' |
			sort -V | tail -n 1
	fi
}

debian_vmlinuz() {
	local kdir kver
	kdir=$(debian_kdir "${1:-}")
	kver=$(basename "$kdir")
	kver=${kver#linux-headers-}
	if [ -z "$kdir" ] || [ ! -f "/boot/vmlinuz-$kver" ]; then
		echo "no /boot/vmlinuz-$kver to match the headers in $kdir" >&2
		return 1
	fi
	echo "/boot/vmlinuz-$kver"
}

kunit_suites() {
	cat "$top"/kunit/*.c | grep -c '^kunit_test_suite('
}

kernel_src() {
	ls -d "${BSDCOMPAT_CACHE:-$HOME/.cache/bsdcompat}"/src/linux-source-* | sort -V | tail -n 1
}

# guest_initrd OUT_DIR MODULE_BUILD_DIR: an initramfs with the modules and
# the static guest programs.
guest_initrd() {
	local out=$1 mods=$2
	kunit_suites > "$mods/kunit-suites"
	local files=("$mods/bsdcompat/bsdcompat.ko" "$mods/drivers/lockdemo/lockdemo.ko"
		"$mods/drivers/tru64demo/tru64demo.ko" "$mods/drivers/fbsddemo/fbsddemo.ko"
		"$mods/drivers/nbdetach/nbdetach.ko" "$mods/kunit-suites"
		"$tools_bin/selftest/bsdcompat-selftest" "$tools_bin/selftest/lockdemo-run"
		"$tools_bin/bsdlockstat/bsdlockstat")
	[ -f "$mods/torture/bsdtorture.ko" ] && files+=("$mods/torture/bsdtorture.ko")
	[ -f "$mods/kunit/bsdcompat_kunit.ko" ] && files+=("$mods/kunit/bsdcompat_kunit.ko")
	[ -f "$mods/bench/bsdbench.ko" ] && files+=("$mods/bench/bsdbench.ko")
	"$vm/mkinitramfs.sh" "$out" "${files[@]}"
}

# Every bsdtorture lock type, comma-separated, read from the sources.
torture_types() {
	grep -ho '\.name[[:space:]]*= "[a-z0-9_]*"' "$top"/torture/bsdtorture_*.c |
		sed 's/.*"\(.*\)"/\1/' | paste -sd, -
}
