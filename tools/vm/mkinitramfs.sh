#!/bin/bash
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#
# Make a busybox initramfs for the test guests:
#
#   tools/vm/mkinitramfs.sh OUT.cpio.gz FILE...
#
# *.ko files go to /lib, executables to /bin; guest-init.sh becomes /init.
set -euo pipefail

out=${1:?usage: mkinitramfs.sh OUT.cpio.gz FILE...}
shift
here=$(cd "$(dirname "$0")" && pwd)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,lib,proc,sys,dev,tmp}
cp /bin/busybox "$root/bin/busybox"
cp "$here/guest-init.sh" "$root/init"
chmod +x "$root/init"
for f in "$@"; do
	case "$f" in
	*.ko)	cp "$f" "$root/lib/" ;;
	*)	if [ -x "$f" ]; then cp "$f" "$root/bin/"; else cp "$f" "$root/lib/"; fi ;;
	esac
done
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$out"
