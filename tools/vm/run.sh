#!/bin/bash
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#
# `make run`: build bsdcompat for Debian's kernel, boot that kernel on an SMP
# QEMU guest (SMP=2 by default), load bsdcompat and the lockdemo (NetBSD),
# tru64demo (Digital UNIX) and fbsddemo (FreeBSD) drivers, run the
# demonstration and print what happened.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

smp=${SMP:-2}
out=$build/run
mkdir -p "$out"

kdir=$(debian_kdir)
kernel=$(debian_vmlinuz)
echo "run: building bsdcompat for $(basename "$kdir")"
"$vm/build-modules.sh" "$kdir" "$out/modules" > /dev/null
guest_initrd "$out/initrd.gz" "$out/modules"

echo "run: booting $(basename "$kernel") on $smp vCPUs (QEMU TCG)"
start=$(date +%s)
"$vm/qemu.sh" "$kernel" "$out/initrd.gz" "$smp" demo "$out/console.log"
echo "run: guest finished in $(( $(date +%s) - start )) s; console from the guest's start:"
echo
sed -n '/guest: /,$p' "$out/console.log" | grep -v '^\s*$'
echo
"$tools_bin/consolecheck/bsdcompat-console-check" --name run --min-tests 0 \
	"$out/console.log" > "$out/check.txt" || { cat "$out/check.txt"; exit 1; }
grep -q 'all checks passed' "$out/console.log" || { echo "run: the demo failed"; exit 1; }
echo "run: ok (full console log: $out/console.log)"
