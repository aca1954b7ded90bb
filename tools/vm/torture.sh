#!/bin/bash
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#
# `make torture`: bsdtorture, every lock type, in QEMU guests of Debian's
# kernel and of the debug kernel (lockdep, KASAN), with 2 and with 4 vCPUs.
# Prints one line per type, kernel and vCPU count; fails if any type other
# than bsd_busted failed or did not finish, if bsd_busted did not fail, or
# if a guest's console holds a kernel report.
#
#   TORTURE_SECS=N      seconds per type (default 3; the whole run then takes
#                       about 5 minutes on 2 host cores)
#   TORTURE_SMP="2 4"   vCPU counts
#   TORTURE_KERNELS="debian debug"
#   TORTURE_TYPES=a,b   a subset of the types
#
# The long version: TORTURE_SECS=60 make torture (about an hour).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

secs=${TORTURE_SECS:-3}
smps=${TORTURE_SMP:-2 4}
kernels=${TORTURE_KERNELS:-debian debug}
types=${TORTURE_TYPES:-$(torture_types)}
ntypes=$(tr , '\n' <<<"$types" | grep -c .)
out=$build/torture
mkdir -p "$out"
check=$tools_bin/torturecheck/bsdcompat-torture-check
failed=()
start=$(date +%s)

echo "torture: $ntypes types, $secs s each, kernels: $kernels, vCPUs: $smps"
for k in $kernels; do
	case "$k" in
	debian)	kdir=$(debian_kdir); image=$(debian_vmlinuz) ;;
	debug)	kdir=$("$vm/build-kernel.sh" debug); image=$kdir/$(cat "$kdir/.bsdcompat-image") ;;
	*)	echo "torture: unknown kernel '$k'" >&2; exit 2 ;;
	esac
	if ! "$vm/build-modules.sh" "$kdir" "$out/$k" > "$out/build-$k.log" 2>&1; then
		cat "$out/build-$k.log"
		failed+=("build-$k")
		continue
	fi
	guest_initrd "$out/$k/initrd.gz" "$out/$k"
	for smp in $smps; do
		log=$out/$k-${smp}vcpu.log
		# Boot, the types one after the other, and room for a slow guest.
		QEMU_TIMEOUT=$((ntypes * (secs + 10) + 180)) "$vm/qemu.sh" "$image" \
			"$out/$k/initrd.gz" "$smp" torture "$log" \
			"bsdcompat.torture_types=$types bsdcompat.torture_secs=$secs"
		"$check" --name "torture-$k-${smp}vcpu" --types "$types" "$log" \
			> "$log.check" || failed+=("$k-${smp}vcpu")
		cat "$log.check"
	done
done

echo
echo "torture: finished in $(( $(date +%s) - start )) s (logs in $out)"
if [ ${#failed[@]} -ne 0 ]; then
	echo "torture: FAILED: ${failed[*]}"
	exit 1
fi
echo "torture: ok"
