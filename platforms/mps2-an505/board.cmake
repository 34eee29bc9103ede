# mps2-an505: Cortex-M33 (FPv5-SP, DSP, TrustZone; runs Secure), QEMU -M mps2-an505
set(MOTE_BOARD_TOOLCHAIN cortex-m33)       # cmake/<name>.cmake
set(MOTE_BOARD_ARCH cortex-m)            # platforms/<arch>/ holds the shared architecture code
set(MOTE_BOARD_TIMER_HZ 20000000)        # SysTick on the 20 MHz IoT Kit main clock: 50 instructions per tick
