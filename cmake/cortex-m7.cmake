# Cortex-M7 toolchain: arm-none-eabi.cmake with MOTE_CPU=cortex-m7.
set(MOTE_CPU cortex-m7)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
