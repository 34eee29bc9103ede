#!/usr/bin/env bash
# Builds the libFuzzer target over the model reader with clang and runs it, seeded with every
# model in ../shared. Exits non-zero on any crash.
#   scripts/fuzz.sh [SECONDS]     explore for SECONDS (default 60) from a random seed
#   scripts/fuzz.sh --runs N      exactly N inputs from seed 1: the same inputs every time, which
#                                 is what CI runs (a failure there reproduces anywhere)
set -euo pipefail
cd "$(dirname "$0")/.."
limit=(-max_total_time="${1:-60}")
[ "${1:-}" = "--runs" ] && limit=(-runs="${2:?--runs needs a count}" -seed=1)
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMOTE_FUZZ=ON >/dev/null
ninja -C build-fuzz model_fuzz
corpus=build-fuzz/corpus
mkdir -p "$corpus" build-fuzz/crashes
if [ -d ../shared/models ]; then
  for m in ../shared/models/*/model.tflite ../shared/ops/*_0/model.tflite; do
    [ -f "$m" ] && [ "$(stat -c %s "$m")" -lt 200000 ] && cp "$m" "$corpus/$(basename "$(dirname "$m")").tflite"
  done
fi
./build-fuzz/model_fuzz "$corpus" "${limit[@]}" -max_len=300000 -rss_limit_mb=4096 \
  -print_final_stats=1 -artifact_prefix=build-fuzz/crashes/ 2>&1 | tail -n 12
