#!/usr/bin/env bash
# Runs a bare-metal ELF on an emulated board with the exact QEMU command line of
# ../shared/baselines/METHOD.md (platforms/<board>/qemu.args + -kernel <elf>) and a timeout.
# The program's semihosting output (KEY value lines), which QEMU 7.2 writes to its stderr, goes
# to stdout together with any QEMU message; the exit status is the program's
# (SYS_EXIT_EXTENDED), 124 on timeout, 77 when QEMU is not installed.
# Usage: scripts/qemu_run.sh <board> <elf> [timeout seconds, default 120]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
board=${1:?usage: qemu_run.sh <board> <elf> [timeout]}
elf=${2:?usage: qemu_run.sh <board> <elf> [timeout]}
timeout_s=${3:-120}
args_file=$root/platforms/$board/qemu.args
[ -f "$args_file" ] || { echo "qemu_run: unknown board '$board' (no $args_file)" >&2; exit 2; }
[ -f "$elf" ] || { echo "qemu_run: $elf not found" >&2; exit 2; }
read -r -a cmd < "$args_file"
if ! command -v "${cmd[0]}" >/dev/null; then
  echo "qemu_run: ${cmd[0]} not installed (scripts/bootstrap.sh installs it); skipped" >&2
  exit 77
fi
exec timeout --kill-after=5 "$timeout_s" "${cmd[@]}" -kernel "$elf" </dev/null 2>&1
