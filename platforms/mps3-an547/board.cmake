# mps3-an547: Cortex-M55 (FPv5, Helium MVE-I/F; runs Secure), QEMU -M mps3-an547
set(MOTE_BOARD_TOOLCHAIN cortex-m55)       # cmake/<name>.cmake
set(MOTE_BOARD_ARCH cortex-m)            # platforms/<arch>/ holds the shared architecture code
set(MOTE_BOARD_TIMER_HZ 32000000)        # SysTick on the 32 MHz processor clock: 31.25 instructions per tick
