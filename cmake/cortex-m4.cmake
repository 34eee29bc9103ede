# Cortex-M4 toolchain: arm-none-eabi.cmake with MOTE_CPU=cortex-m4.
set(MOTE_CPU cortex-m4)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
