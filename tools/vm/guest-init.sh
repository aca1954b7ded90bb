#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#
# /init of the test guests. What it does comes from the kernel command line:
#   bsdcompat.mode=kunit     load bsdcompat and the KUnit suites
#   bsdcompat.mode=selftest  load bsdcompat, lockdemo, tru64demo,
#                            fbsddemo and nbdetach, run the selftest
#   bsdcompat.mode=demo      load bsdcompat, lockdemo, tru64demo and
#                            fbsddemo, run the demo
#   bsdcompat.mode=torture   load bsdcompat, then bsdtorture once per type
#                            in bsdcompat.torture_types=a,b,c for
#                            bsdcompat.torture_secs=N seconds each
#   bsdcompat.mode=bench     load bsdcompat, then bsdbench with the
#                            parameters given as bsdbench.NAME=VALUE
# Everything goes to the serial console; the last line is the end marker.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null

mode=demo
torture_types=
torture_secs=2
bench_args=
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	bsdcompat.mode=*) mode=${arg#bsdcompat.mode=} ;;
	bsdcompat.torture_types=*) torture_types=${arg#bsdcompat.torture_types=} ;;
	bsdcompat.torture_secs=*) torture_secs=${arg#bsdcompat.torture_secs=} ;;
	bsdbench.*=*) bench_args="$bench_args ${arg#bsdbench.}" ;;
	esac
done

log() { echo "$*" > /dev/kmsg; }

log "guest: kernel $(uname -r), $(grep -c ^processor /proc/cpuinfo) CPUs, mode $mode"
if ! insmod /lib/bsdcompat.ko; then
	log "guest: insmod bsdcompat.ko failed"
else
	case "$mode" in
	kunit)
		# KUnit prints each suite as it runs; the plan line is ours.
		log "KTAP version 1"
		log "1..$(cat /lib/kunit-suites)"
		insmod /lib/bsdcompat_kunit.ko || log "guest: insmod bsdcompat_kunit.ko failed"
		;;
	bench)
		# The benchmark runs inside insmod and prints its JSON lines.
		# shellcheck disable=SC2086
		insmod /lib/bsdbench.ko $bench_args || log "guest: insmod bsdbench.ko failed"
		rmmod bsdbench
		;;
	selftest|demo)
		insmod /lib/lockdemo.ko || log "guest: insmod lockdemo.ko failed"
		# The Digital UNIX driver; without it the selftest's tru64
		# tests fail on opening /dev/tru64demo0.
		insmod /lib/tru64demo.ko || log "guest: insmod tru64demo.ko failed"
		# The FreeBSD one, likewise for /dev/fbsddemo.
		insmod /lib/fbsddemo.ko || log "guest: insmod fbsddemo.ko failed"
		if [ "$mode" = selftest ]; then
			# The NetBSD pseudo-device of the detach test
			# (/dev/nbdet0, /dev/nbdetctl0).
			insmod /lib/nbdetach.ko || log "guest: insmod nbdetach.ko failed"
			/bin/bsdcompat-selftest > /dev/kmsg 2>&1
			rmmod nbdetach && log "guest: nbdetach unloaded"
		else
			# The demo runs with lock statistics on; the table follows.
			/bin/bsdlockstat --clear --enable > /dev/null
			/bin/lockdemo-run 2>&1
			/bin/bsdlockstat --disable --top 5 2>&1
		fi
		log "guest: bsdcompat lockdebug: $(cat /sys/kernel/debug/bsdcompat/lockdebug 2>/dev/null | head -1)"
		rmmod fbsddemo && log "guest: fbsddemo unloaded"
		rmmod tru64demo && log "guest: tru64demo unloaded"
		rmmod lockdemo && log "guest: lockdemo unloaded"
		;;
	torture)
		# Each load runs one test to the end before insmod returns.
		for t in $(echo "$torture_types" | tr , ' '); do
			log "guest: torture $t for $torture_secs s"
			insmod /lib/bsdtorture.ko torture_type="$t" secs="$torture_secs" ||
				log "guest: insmod bsdtorture.ko torture_type=$t failed"
			rmmod bsdtorture 2>/dev/null
		done
		;;
	esac
	rmmod bsdcompat_kunit 2>/dev/null
	rmmod bsdcompat && log "guest: bsdcompat unloaded"
fi
log "BSDCOMPAT-GUEST-DONE"
sync
poweroff -f
