#!/bin/bash
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#
# Build the modules for one kernel in a copy of the tree, so that builds for
# Debian's kernel, UML and the debug kernel never mix their objects:
#
#   tools/vm/build-modules.sh KDIR OUTDIR [ARCH]
#
# Fails on any compiler warning (W=1).
set -euo pipefail

kdir=${1:?usage: build-modules.sh KDIR OUTDIR [ARCH]}
out=$(realpath -m "${2:?usage: build-modules.sh KDIR OUTDIR [ARCH]}")
arch=${3:-x86_64}
top=$(cd "$(dirname "$0")/../.." && pwd)

mkdir -p "$out"
rsync -a --delete --exclude build/ --exclude .git/ \
	--include '*/' --include '*.c' --include '*.h' --include 'Kbuild' \
	--include 'Makefile' --exclude '*' "$top/" "$out/"
log=$out/build.log
if ! make -C "$kdir" M="$out" ARCH="$arch" W=1 -j"$(nproc)" modules > "$log" 2>&1; then
	cat "$log" >&2
	exit 1
fi
if grep -E 'warning:|error:' "$log" >&2; then
	echo "build-modules: warnings in the build for $kdir" >&2
	exit 1
fi
find "$out" -name '*.ko' | sort
