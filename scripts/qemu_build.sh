#!/usr/bin/env bash
# Configures and builds the bare-metal images of one board (platforms/CMakeLists.txt): the
# runtime, calib.elf and bench_<model>.elf for each model given.
# Exits 77 (a skip for ctest) when the board's cross compiler is not installed.
# Usage: scripts/qemu_build.sh <board> <build dir> [model ids, ';' or ' ' separated]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
board=${1:?usage: qemu_build.sh <board> <build dir> [models]}
dir=${2:?usage: qemu_build.sh <board> <build dir> [models]}
models=${3:-}
models=${models// /;}
board_file=$root/platforms/$board/board.cmake
[ -f "$board_file" ] || { echo "qemu_build: unknown board '$board'" >&2; exit 2; }
toolchain=$(sed -n 's/^set(MOTE_BOARD_TOOLCHAIN \([^) ]*\).*/\1/p' "$board_file")
case $toolchain in
  riscv64-unknown-elf) cc=riscv64-unknown-elf-gcc ;;
  *) cc=arm-none-eabi-gcc ;;
esac
if ! command -v "$cc" >/dev/null; then
  echo "qemu_build: $cc not installed (scripts/bootstrap.sh installs it); $board skipped" >&2
  exit 77
fi
gen=()
command -v ninja >/dev/null && gen=(-G Ninja)
if [ ! -f "$dir/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$dir" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE="$root/cmake/$toolchain.cmake" -DMOTE_BOARD="$board" \
    -DMOTE_BENCH_MODELS="$models" >/dev/null
else
  cmake "$dir" -DMOTE_BENCH_MODELS="$models" >/dev/null
fi
cmake --build "$dir" -j"${MOTE_BUILD_JOBS:-2}"
