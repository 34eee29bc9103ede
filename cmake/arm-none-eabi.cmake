# Cross toolchain for Arm Cortex-M (Debian's gcc-arm-none-eabi + newlib-nano). Pick the core with
# -DMOTE_CPU=cortex-m4 (default), cortex-m7, cortex-m33 or cortex-m55, or use the per-core wrappers
# cmake/cortex-m*.cmake (which also work inside try_compile, where -D variables are not seen).
# The FPU flags are those of the TFLM baselines (../shared/baselines/METHOD.md section 6), so the
# runtime is measured with the same code generation options.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
if(NOT MOTE_CPU)
  set(MOTE_CPU cortex-m4)
endif()
if(MOTE_CPU STREQUAL "cortex-m4")
  set(MOTE_FPU_FLAGS "-mfpu=fpv4-sp-d16 -mfloat-abi=hard")
elseif(MOTE_CPU STREQUAL "cortex-m7")
  set(MOTE_FPU_FLAGS "-mfpu=fpv5-d16 -mfloat-abi=hard")
elseif(MOTE_CPU STREQUAL "cortex-m33")
  set(MOTE_FPU_FLAGS "-mfpu=fpv5-sp-d16 -mfloat-abi=hard")
elseif(MOTE_CPU STREQUAL "cortex-m55")
  # GCC 12's cortex-m55 default is +mve.fp +fp.dp; hard float keeps Helium enabled.
  set(MOTE_FPU_FLAGS "-mfloat-abi=hard")
else()
  message(FATAL_ERROR "arm-none-eabi.cmake: unknown MOTE_CPU '${MOTE_CPU}'")
endif()
# Every supported core has the DSP extension (SMLAD, SXTB16...): the `_dsp` kernels run by default;
# on Cortex-M55 the Helium (`_mve`) ones first.
if(MOTE_CPU STREQUAL "cortex-m55")
  set(MOTE_DEFAULT_KERNELS mve)
else()
  set(MOTE_DEFAULT_KERNELS dsp)
endif()
set(MOTE_ARM_FLAGS "-mcpu=${MOTE_CPU} -mthumb ${MOTE_FPU_FLAGS} -ffreestanding -fno-exceptions -fno-rtti -ffunction-sections -fdata-sections -fno-unwind-tables -fno-asynchronous-unwind-tables")
set(CMAKE_C_FLAGS_INIT "${MOTE_ARM_FLAGS}")
set(CMAKE_CXX_FLAGS_INIT "${MOTE_ARM_FLAGS}")
set(CMAKE_ASM_FLAGS_INIT "-mcpu=${MOTE_CPU} -mthumb ${MOTE_FPU_FLAGS}")
# Release is -O2, the level of the TFLM baselines (CMake's default Release is -O3).
set(CMAKE_C_FLAGS_RELEASE "-O2 -DNDEBUG" CACHE STRING "C flags for Release (-O2 like the baselines)")
set(CMAKE_CXX_FLAGS_RELEASE "-O2 -DNDEBUG" CACHE STRING "C++ flags for Release (-O2 like the baselines)")
set(MOTE_CROSS_LINK_FLAGS "--specs=nano.specs -nostartfiles -Wl,--gc-sections")
set(MOTE_RUNTIME_ONLY ON CACHE BOOL "" FORCE)
