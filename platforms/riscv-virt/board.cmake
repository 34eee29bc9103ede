# riscv-virt: RV64IMAFC in M-mode, QEMU -M virt -bios none
set(MOTE_BOARD_TOOLCHAIN riscv64-unknown-elf)       # cmake/<name>.cmake
set(MOTE_BOARD_ARCH riscv-virt)            # platforms/<arch>/ holds the shared architecture code
set(MOTE_BOARD_TIMER_HZ 10000000)        # CLINT mtime at 10 MHz: 100 instructions per tick
