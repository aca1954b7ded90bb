#!/bin/bash
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#
# Run the KUnit suites in a UML kernel: the root file system is the host's,
# through hostfs, and a busybox script loads the modules built for UML.
#
#   tools/vm/uml.sh UML_BUILD_DIR MODULE_DIR LOG
set -euo pipefail

uml=${1:?usage: uml.sh UML_BUILD_DIR MODULE_DIR LOG}
mods=$(realpath "${2:?}")
log=${3:?}
suites=$(cat "$mods/kunit-suites")
init=$(mktemp /tmp/bsdcompat-uml-init.XXXXXX)
trap 'rm -f "$init"' EXIT

cat > "$init" <<EOS
#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
log() { echo "\$*" > /dev/kmsg; }
log "guest: UML kernel \$(/bin/busybox uname -r)"
/bin/busybox insmod $mods/bsdcompat/bsdcompat.ko || log "guest: insmod bsdcompat.ko failed"
log "KTAP version 1"
log "1..$suites"
/bin/busybox insmod $mods/kunit/bsdcompat_kunit.ko || log "guest: insmod bsdcompat_kunit.ko failed"
/bin/busybox rmmod bsdcompat_kunit
/bin/busybox rmmod bsdcompat && log "guest: bsdcompat unloaded"
log "BSDCOMPAT-GUEST-DONE"
/bin/busybox poweroff -f
EOS
chmod +x "$init"

timeout --foreground "${UML_TIMEOUT:-300}" "$uml/linux" mem=256M \
	root=/dev/root rootfstype=hostfs rootflags=/ rw init="$init" \
	loglevel=7 console=tty < /dev/null > "$log" 2>&1 || true
tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
