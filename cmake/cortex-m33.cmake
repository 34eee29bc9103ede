# Cortex-M33 toolchain: arm-none-eabi.cmake with MOTE_CPU=cortex-m33.
set(MOTE_CPU cortex-m33)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
