# mps2-an500: Cortex-M7 (FPv5-D16), QEMU -M mps2-an500
set(MOTE_BOARD_TOOLCHAIN cortex-m7)       # cmake/<name>.cmake
set(MOTE_BOARD_ARCH cortex-m)            # platforms/<arch>/ holds the shared architecture code
set(MOTE_BOARD_TIMER_HZ 25000000)        # SysTick on the 25 MHz processor clock: 40 instructions per tick
