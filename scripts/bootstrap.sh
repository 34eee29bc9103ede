#!/usr/bin/env bash
# Installs every Debian package mote needs to build, test, cross-compile and fuzz. Idempotent.
set -euo pipefail
packages=(
  build-essential cmake ninja-build git python3
  zlib1g-dev libopenblas-dev dataset-fashion-mnist  # mote train: gzip IDX reader, BLAS, Fashion-MNIST
  flatbuffers-compiler libflatbuffers-dev       # .tflite reader/writer and verifier
  libcli11-dev libfmt-dev nlohmann-json3-dev     # CLI, formatting, JSON
  libgtest-dev libgmock-dev libbenchmark-dev     # tests and benchmarks
  gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib  # Cortex-M builds
  gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf  # bare-metal RV64 builds (C++ headers from the arm package)
  qemu-system-arm qemu-system-misc               # emulated boards: mps2/mps3, RISC-V virt (ctest -L qemu)
  clang libclang-rt-14-dev                       # libFuzzer target
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "bootstrap: all packages present"
