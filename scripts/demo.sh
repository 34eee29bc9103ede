#!/usr/bin/env bash
# Builds the mote tool and runs `mote demo` on the built-in default model: on the host, then on
# the emulated Cortex-M4 when QEMU and arm-none-eabi-gcc are installed (arguments go to mote demo,
# e.g. --no-board).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C build mote
./build/mote demo "$@"
