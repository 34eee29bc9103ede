# Cortex-M55 toolchain: arm-none-eabi.cmake with MOTE_CPU=cortex-m55.
set(MOTE_CPU cortex-m55)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
