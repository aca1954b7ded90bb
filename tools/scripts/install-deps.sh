#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#
# Install the Debian 12 packages that building and testing bsdcompat need.
# Idempotent: a package that is already there costs one dpkg query.
#
#   tools/scripts/install-deps.sh [build|vm|all]
#
# build: what `make` needs (Debian's kernel headers, the toolchain).
# vm:    what the guests and kernel builds need as well.
set -eu

what=${1:-all}

pkgs_build="build-essential bc flex bison libelf-dev libssl-dev kmod rsync
	linux-headers-amd64 cmake g++ libgtest-dev"
pkgs_vm="linux-image-amd64 linux-image-rt-amd64 linux-headers-rt-amd64
	linux-source-6.1 qemu-system-x86 busybox-static cpio xz-utils zstd python3"

case "$what" in
build)	pkgs=$pkgs_build ;;
vm|all)	pkgs="$pkgs_build $pkgs_vm" ;;
*)	echo "usage: $0 [build|vm|all]" >&2; exit 2 ;;
esac

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q '^install ok installed$' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "install-deps: missing Debian packages:$missing" >&2
	echo "install-deps: run as root, or: apt-get install$missing" >&2
	exit 1
fi
echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
