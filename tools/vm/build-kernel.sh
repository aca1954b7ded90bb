#!/bin/bash
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#
# Build (or reuse from the cache) one of the test kernels from Debian's
# linux-source-6.1:
#
#   tools/vm/build-kernel.sh uml     # UML with KUnit + lockdep
#   tools/vm/build-kernel.sh debug   # x86_64 SMP, PREEMPT, lockdep, KASAN
#
# Prints the build directory on stdout. The cache lives outside the tree,
# in ${BSDCOMPAT_CACHE:-~/.cache/bsdcompat}, keyed by the source package
# version and a hash of the config fragment and this script, so a second
# run costs nothing and a changed fragment builds a new kernel.
set -euo pipefail

kind=${1:?usage: build-kernel.sh uml|debug}
here=$(cd "$(dirname "$0")" && pwd)
cache=${BSDCOMPAT_CACHE:-$HOME/.cache/bsdcompat}
tarball=/usr/src/linux-source-6.1.tar.xz
jobs=${JOBS:-$(nproc)}

case "$kind" in
uml)	frag=$here/configs/uml-kunit.config; arch=um; image=linux ;;
debug)	frag=$here/configs/x86-debug.config; arch=x86_64; image=arch/x86/boot/bzImage ;;
*)	echo "build-kernel.sh: unknown kernel '$kind'" >&2; exit 2 ;;
esac

[ -f "$tarball" ] || { echo "build-kernel.sh: $tarball missing (tools/scripts/install-deps.sh vm)" >&2; exit 1; }
srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
key=$(cat "$frag" "$0" | sha256sum | cut -c1-12)
src=$cache/src/linux-source-$srcver
out=$cache/$kind-$srcver-$key
log=$cache/$kind-$srcver-$key.log

if [ -f "$out/.bsdcompat-done" ]; then
	echo "$out"
	exit 0
fi
mkdir -p "$cache/src"

if [ ! -f "$src/.unpacked" ]; then
	echo "build-kernel: unpacking linux-source $srcver" >&2
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	tar -xf "$tarball" -C "$src.tmp" --strip-components=1
	mv "$src.tmp" "$src"
	touch "$src/.unpacked"
fi

echo "build-kernel: building $kind kernel in $out (log: $log)" >&2
start=$(date +%s)
rm -rf "$out"
mkdir -p "$out"
{
	if [ "$kind" = uml ]; then
		cp "$frag" "$out/.config"
		make -C "$src" O="$out" ARCH=$arch olddefconfig
	else
		make -C "$src" O="$out" ARCH=$arch tinyconfig
		"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$frag"
		make -C "$src" O="$out" ARCH=$arch olddefconfig
	fi
	# Every option of the fragment must have survived olddefconfig.
	missing=0
	while IFS= read -r line; do
		case "$line" in CONFIG_*=*) ;; *) continue ;; esac
		grep -qx "$line" "$out/.config" || { echo "config: $line did not stick"; missing=1; }
	done < "$frag"
	[ "$missing" = 0 ]
	make -C "$src" O="$out" ARCH=$arch -j"$jobs"
} > "$log" 2>&1 || { echo "build-kernel: $kind build failed; last lines of $log:" >&2; tail -30 "$log" >&2; exit 1; }

[ -f "$out/$image" ] || { echo "build-kernel: $out/$image not produced" >&2; exit 1; }
echo "$image" > "$out/.bsdcompat-image"
touch "$out/.bsdcompat-done"
echo "build-kernel: $kind kernel built in $(( $(date +%s) - start )) s" >&2
echo "$out"
