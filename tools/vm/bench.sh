#!/bin/bash
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#
# `make bench`: build bsdcompat and bsdbench for Debian's kernel, boot it on
# QEMU (TCG) with 2 and with 4 vCPUs in guest mode bench, and turn each
# console log into build/bench/{table,throughput}-<n>cpu.{md,svg}.
#
# BENCH_ARGS: bsdbench parameters, e.g. "batches=31 contended_ms=500" for a
# longer run, or "only=kmutex,mutex" for a few pairs (default: a short run).
# BENCH_SMP: the vCPU counts (default "2 4").
set -euo pipefail
source "$(dirname "$0")/lib.sh"

out=$build/bench
args=${BENCH_ARGS:-batches=15 contended_ms=200}
mkdir -p "$out"

kdir=$(debian_kdir)
kernel=$(debian_vmlinuz)
echo "bench: building bsdcompat and bsdbench for $(basename "$kdir")"
"$vm/build-modules.sh" "$kdir" "$out/modules" > /dev/null
guest_initrd "$out/initrd.gz" "$out/modules"

append=
for a in $args; do
	append="$append bsdbench.$a"
done
for smp in ${BENCH_SMP:-2 4}; do
	log=$out/console-${smp}cpu.log
	echo "bench: $smp vCPUs (QEMU TCG), bsdbench $args"
	"$vm/qemu.sh" "$kernel" "$out/initrd.gz" "$smp" bench "$log" "$append"
	"$tools_bin/bsdbench/bsdbench" --svg "$out/throughput-${smp}cpu.svg" \
		--title "bsdbench on $smp vCPUs (QEMU TCG): acquisitions per second" \
		"$log" > "$out/table-${smp}cpu.md"
	cat "$out/table-${smp}cpu.md"
done
echo "bench: tables and plots in $out"
