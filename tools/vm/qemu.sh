#!/bin/bash
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#
# Boot a kernel with an initramfs on an SMP QEMU guest (TCG: KVM does not
# work on these machines) and copy its serial console to a log:
#
#   tools/vm/qemu.sh KERNEL INITRD SMP MODE LOG [EXTRA_APPEND]
#
# Gives up after ${QEMU_TIMEOUT:-600} seconds. printk.devkmsg=on: the guest
# programs write their results to /dev/kmsg, which otherwise drops lines
# that come faster than ten per five seconds.
set -euo pipefail

kernel=${1:?} initrd=${2:?} smp=${3:?} mode=${4:?} log=${5:?}
extra=${6:-}
timeout=${QEMU_TIMEOUT:-600}

timeout --foreground "$timeout" qemu-system-x86_64 \
	-accel tcg,thread=multi -smp "$smp" -m 1024 \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=ttyS0 loglevel=7 panic=-1 printk.devkmsg=on bsdcompat.mode=$mode $extra" \
	-nographic -no-reboot -monitor none -serial stdio < /dev/null > "$log" 2>&1 || {
	rc=$?
	[ $rc = 124 ] && echo "qemu: guest timed out after $timeout s" >> "$log"
}
tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
