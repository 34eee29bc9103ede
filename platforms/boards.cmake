# The emulated boards, for the host test driver (tests/qemu) and scripts/bench.sh.
# Each platforms/<board>/ has board.cmake (toolchain, architecture, timer clock), board.ld,
# qemu.args (the QEMU command line of ../shared/baselines/METHOD.md, without -kernel) and its
# start-up code.
set(MOTE_BOARDS mps2-an386 mps2-an500 mps2-an505 mps3-an547 riscv-virt)
