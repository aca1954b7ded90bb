#!/bin/bash
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#
# `make check`: every test, from a fresh Debian 12 machine.
#
#  1. host: the C++ tools' unit tests (ctest)
#  2. build: the modules against Debian's headers at W=1, checkpatch
#  3. KUnit in UML (lockdep), parsed by kunit.py
#  4. KUnit on 2 vCPUs of the debug kernel (SMP, PREEMPT, lockdep, KASAN)
#  5. the kselftest-style selftest on 2 vCPUs of the debug kernel, and
#     bsdtorture (every lock type, 1 s each) there too
#  6. the kselftest-style selftest on 2 vCPUs of Debian's own kernel
#     (slub_debug poisoning on), and of Debian's PREEMPT_RT kernel
#
# Kernel builds are cached outside the tree (tools/vm/build-kernel.sh).
# Every stage runs; the last line sums them up and the exit status is 0
# only if all passed.
set -uo pipefail
source "$(dirname "$0")/../vm/lib.sh"

logs=$build/logs
mkdir -p "$logs"
failed_stages=()
total_pass=0
total_fail=0

stage() { echo; echo "=== $* ==="; }

# record NAME CHECK_OUTPUT_FILE: add the checker's closing line to the totals.
record() {
	local name=$1 file=$2 line p f
	line=$(grep -E '^[A-Za-z0-9_-]+: [0-9]+ passed, [0-9]+ failed' "$file" | tail -n 1)
	cat "$file"
	p=$(sed -E 's/.* ([0-9]+) passed.*/\1/' <<<"$line")
	f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
	total_pass=$((total_pass + ${p:-0}))
	total_fail=$((total_fail + ${f:-1}))
	[ -n "$line" ] && [ "${f:-1}" = 0 ] || failed_stages+=("$name")
}

fail() { echo "FAILED: $1"; failed_stages+=("$1"); total_fail=$((total_fail + 1)); }

check_console() {
	local name=$1 log=$2 min=$3
	"$tools_bin/consolecheck/bsdcompat-console-check" --name "$name" \
		--min-tests "$min" "$log" > "$logs/$name.check" 2>&1
	record "$name" "$logs/$name.check"
}

stage "host: C++ tool unit tests"
if ctest --test-dir "$tools_bin" --output-on-failure > "$logs/ctest.log" 2>&1; then
	tail -n 3 "$logs/ctest.log"
	n=$(grep -Eo '[0-9]+ tests failed out of [0-9]+' "$logs/ctest.log" | awk '{print $NF}')
	total_pass=$((total_pass + ${n:-0}))
else
	cat "$logs/ctest.log"; fail ctest
fi

stage "build: modules for Debian's $(basename "$(debian_kdir)") at W=1"
if "$vm/build-modules.sh" "$(debian_kdir)" "$build/debian" > "$logs/build-debian.log" 2>&1; then
	cat "$logs/build-debian.log"
else
	cat "$logs/build-debian.log"; fail build-debian
fi

stage "kernels: UML and debug x86_64 (cached)"
uml=$("$vm/build-kernel.sh" uml) || fail build-uml
debug=$("$vm/build-kernel.sh" debug) || fail build-debug

stage "style: checkpatch on the kernel sources"
if [ -n "${uml:-}" ]; then
	src=$(kernel_src)
	# The personality headers declare the BSD APIs' own typedefs
	# (kmutex_t, ipl_cookie_t): coding-style.rst allows typedefs for
	# API-compatibility types, so NEW_TYPEDEFS is ignored there only.
	# For the same reason VOLATILE: the BSD prototypes take volatile
	# pointers (NetBSD's atomic_ops(3)), and a driver passes them; and
	# MULTISTATEMENT_MACRO_USE_DO_WHILE: FreeBSD's DROP_GIANT() opens a
	# block that PICKUP_GIANT() closes.
	mapfile -t api < <(cd "$top" && git ls-files 'bsdcompat/include/netbsd/*' \
		'bsdcompat/include/freebsd/*' 'bsdcompat/include/tru64/*' | grep '\.h$')
	# BSD kernel interfaces return positive errnos (EWOULDBLOCK, ERESTART):
	# the personalities' sources, the core files that return or pass them
	# (the sleep queue, the device switch bridge) and the KUnit files that
	# play BSD drivers are exempt from USE_NEGATIVE_ERRNO.
	bsdre='^(bsdcompat/(netbsd|freebsd|tru64)/.*\.c|bsdcompat/core/(sleepq|cdev)\.c|kunit/(netbsd_autoconf|freebsd_devsw|tru64_devsw)_test\.c|drivers/(nbdetach/nbdetach|lockdemo/lockdemo)\.c)$'
	mapfile -t bsd < <(cd "$top" && git ls-files '*.c' | grep -E "$bsdre")
	mapfile -t rest < <(cd "$top" && git ls-files '*.c' '*.h' | grep -v '^tools/' |
		grep -v '^bsdcompat/include/\(netbsd\|freebsd\|tru64\)/' |
		grep -Ev "$bsdre")
	cp="perl $src/scripts/checkpatch.pl --no-tree --terse --ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG"
	# All three groups run, so that one failing does not hide the others.
	if (cd "$top" && rc=0 &&
		{ $cp -f "${rest[@]}" || rc=1; } &&
		{ $cp --ignore NEW_TYPEDEFS,VOLATILE,MULTISTATEMENT_MACRO_USE_DO_WHILE -f "${api[@]}" || rc=1; } &&
		{ $cp --ignore USE_NEGATIVE_ERRNO -f "${bsd[@]}" || rc=1; } &&
		exit $rc) > "$logs/checkpatch.log" 2>&1; then
		echo "checkpatch: $(( ${#rest[@]} + ${#api[@]} + ${#bsd[@]} )) files clean"
	else
		grep -E 'ERROR|WARNING' "$logs/checkpatch.log"; fail checkpatch
	fi
	# kernel-doc must parse, and every exported function must say its
	# Context: (may it sleep, from where).
	mapfile -t ksrc < <(cd "$top" && git ls-files 'bsdcompat/*.c' 'drivers/*.c')
	if (cd "$top" && perl "$src/scripts/kernel-doc" -none -Werror "${ksrc[@]}") \
		> "$logs/kernel-doc.log" 2>&1; then
		echo "kernel-doc: ${#ksrc[@]} files clean"
	else
		cat "$logs/kernel-doc.log"; fail kernel-doc
	fi
	for f in "${ksrc[@]}"; do
		e=$(grep -c '^EXPORT_SYMBOL' "$top/$f")
		c=$(grep -c '^ \* Context:' "$top/$f")
		[ "$e" -le "$c" ] || fail "kernel-doc Context: lines in $f ($c for $e exports)"
	done
fi

if [ -n "${uml:-}" ]; then
	stage "KUnit in UML (lockdep on, 1 CPU)"
	if "$vm/build-modules.sh" "$uml" "$build/uml" um > "$logs/build-uml.log" 2>&1; then
		kunit_suites > "$build/uml/kunit-suites"
		"$vm/uml.sh" "$uml" "$build/uml" "$logs/uml-kunit.log"
		sed -n '/guest: /,$p' "$logs/uml-kunit.log" > "$logs/uml-kunit.ktap"
		if python3 "$(kernel_src)/tools/testing/kunit/kunit.py" parse \
			"$logs/uml-kunit.ktap" > "$logs/uml-kunit.parse" 2>&1; then
			tail -n 1 "$logs/uml-kunit.parse"
		else
			cat "$logs/uml-kunit.parse"; fail kunit.py-parse
		fi
		check_console uml-kunit "$logs/uml-kunit.log" 58
	else
		cat "$logs/build-uml.log"; fail build-uml-modules
	fi
fi

if [ -n "${debug:-}" ]; then
	dbg_kernel=$debug/$(cat "$debug/.bsdcompat-image")
	if "$vm/build-modules.sh" "$debug" "$build/debug" > "$logs/build-debug.log" 2>&1; then
		guest_initrd "$build/debug/initrd.gz" "$build/debug"

		stage "KUnit on 2 vCPUs of the debug kernel (SMP, PREEMPT, lockdep, KASAN)"
		"$vm/qemu.sh" "$dbg_kernel" "$build/debug/initrd.gz" 2 kunit "$logs/debug-kunit.log"
		check_console debug-kunit "$logs/debug-kunit.log" 58

		stage "selftest on 2 vCPUs of the debug kernel"
		"$vm/qemu.sh" "$dbg_kernel" "$build/debug/initrd.gz" 2 selftest "$logs/debug-selftest.log"
		check_console debug-selftest "$logs/debug-selftest.log" 18

		stage "torture on 2 vCPUs of the debug kernel (every lock type, 1 s each)"
		types=$(torture_types)
		"$vm/qemu.sh" "$dbg_kernel" "$build/debug/initrd.gz" 2 torture \
			"$logs/debug-torture.log" \
			"bsdcompat.torture_types=$types bsdcompat.torture_secs=1"
		"$tools_bin/torturecheck/bsdcompat-torture-check" --name debug-torture \
			--types "$types" "$logs/debug-torture.log" > "$logs/debug-torture.check" 2>&1
		record debug-torture "$logs/debug-torture.check"
	else
		cat "$logs/build-debug.log"; fail build-debug-modules
	fi
fi

stage "selftest on 2 vCPUs of Debian's kernel (slub_debug poisoning)"
if kernel=$(debian_vmlinuz) && [ -f "$build/debian/bsdcompat/bsdcompat.ko" ]; then
	guest_initrd "$build/debian/initrd.gz" "$build/debian"
	"$vm/qemu.sh" "$kernel" "$build/debian/initrd.gz" 2 selftest "$logs/debian-selftest.log" \
		"slub_debug=FZPU"
	check_console debian-selftest "$logs/debian-selftest.log" 18
else
	fail debian-selftest
fi

stage "selftest on 2 vCPUs of Debian's PREEMPT_RT kernel"
if kernel=$(debian_vmlinuz rt) &&
	"$vm/build-modules.sh" "$(debian_kdir rt)" "$build/debian-rt" > "$logs/build-rt.log" 2>&1; then
	guest_initrd "$build/debian-rt/initrd.gz" "$build/debian-rt"
	"$vm/qemu.sh" "$kernel" "$build/debian-rt/initrd.gz" 2 selftest "$logs/rt-selftest.log"
	check_console rt-selftest "$logs/rt-selftest.log" 18
else
	cat "$logs/build-rt.log" 2>/dev/null; fail rt-selftest
fi

echo
if [ ${#failed_stages[@]} -eq 0 ]; then
	echo "make check: all stages passed (logs in $logs)"
else
	echo "make check: FAILED stages: ${failed_stages[*]} (logs in $logs)"
fi
echo "total: $total_pass passed, $total_fail failed"
[ ${#failed_stages[@]} -eq 0 ]
