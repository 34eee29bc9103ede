#!/usr/bin/env bash
# Builds and runs the benchmark of some models on one emulated board and prints one summary
# line per model (instructions per inference, arena, stack, flash), measured as
# ../shared/baselines/METHOD.md describes. Full `KEY value` output: build-qemu/<board>/<model>.out
# Usage: scripts/bench.sh <board> <model id>...      e.g. scripts/bench.sh mps2-an386 mlperf_ad
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
board=${1:?usage: bench.sh <board> <model>...}
shift
[ $# -gt 0 ] || { echo "usage: bench.sh <board> <model>..." >&2; exit 2; }
dir=$root/build-qemu/$board
"$root/scripts/qemu_build.sh" "$board" "$dir" "$*" >/dev/null
printf '%-28s %14s %16s %10s %8s %12s %12s\n' model instructions avg_over_n arena stack flash_code flash_model
for model in "$@"; do
  elf=$dir/platforms/bench_$model.elf
  out=$dir/$model.out
  "$root/scripts/qemu_run.sh" "$board" "$elf" 600 > "$out" || { echo "$model: failed, see $out" >&2; continue; }
  cat "$elf.flash" >> "$out"
  awk -v m="$model" '
    { v[$1] = $2 }
    END { printf "%-28s %14s %16s %10s %8s %12s %12s\n", m, v["instructions_per_inference"],
          v["instructions_avg_over_n"] == "" ? "-" : v["instructions_avg_over_n"],
          v["arena_used_bytes"], v["stack_bytes"], v["flash_code_bytes"], v["flash_model_bytes"] }' "$out"
done
