#!/usr/bin/env bash
# Builds mote and runs every test: the unit and goldens tests (release build), the tests on the
# emulated boards (ctest label qemu: cross builds of the runtime with -Werror for Cortex-M4, M7,
# M33, M55 and RV64, timer calibration, goldens in QEMU; skipped when QEMU or a cross compiler is
# missing), the host suite under AddressSanitizer + UndefinedBehaviorSanitizer, the freestanding
# Cortex-M4 build of the runtime with -Werror, and a short libFuzzer run over the model reader.
# Usage: scripts/test.sh [--quick]   (--quick: release build and host tests only, no QEMU)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

step() { echo; echo "=== $* ==="; }

step "release build + tests"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C build -j"$jobs"
# The goldens and AOT suites run directly so their pass/skip counts are printed.
if [ "${1:-}" = "--quick" ]; then
  ctest --test-dir build --output-on-failure -j"$jobs" -LE qemu -E "golden_test|aot_test_"
else
  ctest --test-dir build --output-on-failure -j"$jobs" -E "golden_test|aot_test_"
fi
step "goldens: every case of ../shared/models and ../shared/ops through the runtime interpreter"
./build/tests/golden_test --gtest_brief=1 2>&1 | tail -n 6
step "AOT: every model folder compiled by mote compile, built -Werror, run and compared"
pids=()
for shard in 0 1; do
  GTEST_TOTAL_SHARDS=2 GTEST_SHARD_INDEX=$shard ./build/tests/aot_test --gtest_brief=1 \
    > build/aot_shard$shard.log 2>&1 &
  pids+=($!)
done
aot_status=0
for pid in "${pids[@]}"; do wait "$pid" || aot_status=1; done
for shard in 0 1; do grep -E "^\[  (PASSED|FAILED|SKIPPED) |tests ran|FAILED TEST|Failure|error" build/aot_shard$shard.log | grep -v "^\[  SKIPPED \] Shared" | head -n 40; done
echo "AOT: $(grep -hc '^\[  SKIPPED \] Shared' build/aot_shard*.log | awk '{s+=$1} END {print s+0}') model folders skipped (ops without a code emitter yet)"
[ $aot_status -eq 0 ] || { echo "AOT suite failed"; exit 1; }

[ "${1:-}" = "--quick" ] && exit 0

step "Cortex-M4 runtime build (-ffreestanding -fno-exceptions -fno-rtti -Werror)"
cmake -S . -B build-arm -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/arm-none-eabi.cmake >/dev/null
ninja -C build-arm -j"$jobs"

step "ASan + UBSan build + tests"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMOTE_SANITIZE=ON >/dev/null
ninja -C build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" -LE "qemu|aot"

step "libFuzzer: model reader"
scripts/fuzz.sh --runs 40000
