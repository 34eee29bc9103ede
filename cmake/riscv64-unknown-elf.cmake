# Cross toolchain for bare-metal RV64 (Debian's gcc-riscv64-unknown-elf + picolibc), the
# -march/-mabi of the TFLM RISC-V baseline: rv64imafc, lp64f, medany code model, M-mode.
# Debian ships no libstdc++ for riscv64-unknown-elf. The runtime needs only header-only parts of
# the C++ library (flatbuffers' verifier includes <string>, <vector>, ...), so the arm-none-eabi
# libstdc++ headers (package libstdc++-arm-none-eabi-newlib) are used, and executables are linked
# with the C driver so that no -lstdc++ is asked for (as the baseline did).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv64)
set(CMAKE_C_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_CXX_COMPILER riscv64-unknown-elf-g++)
set(CMAKE_ASM_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(MOTE_CPU rv64imafc CACHE STRING "RISC-V -march" FORCE)
set(MOTE_LIBSTDCXX_HEADERS /usr/include/newlib/c++/12.2.1)
set(MOTE_RV_FLAGS "-march=rv64imafc -mabi=lp64f -mcmodel=medany --specs=picolibc.specs")
set(CMAKE_C_FLAGS_INIT "${MOTE_RV_FLAGS} -include ${CMAKE_CURRENT_LIST_DIR}/picolibc-compat.h -ffreestanding -ffunction-sections -fdata-sections -fno-unwind-tables -fno-asynchronous-unwind-tables")
set(CMAKE_CXX_FLAGS_INIT "${CMAKE_C_FLAGS_INIT} -fno-exceptions -fno-rtti -isystem ${MOTE_LIBSTDCXX_HEADERS} -isystem ${MOTE_LIBSTDCXX_HEADERS}/arm-none-eabi")
set(CMAKE_ASM_FLAGS_INIT "${MOTE_RV_FLAGS}")
set(CMAKE_C_FLAGS_RELEASE "-O2 -DNDEBUG" CACHE STRING "C flags for Release (-O2 like the baselines)")
set(CMAKE_CXX_FLAGS_RELEASE "-O2 -DNDEBUG" CACHE STRING "C++ flags for Release (-O2 like the baselines)")
set(CMAKE_CXX_LINK_EXECUTABLE
    "<CMAKE_C_COMPILER> <FLAGS> <CMAKE_CXX_LINK_FLAGS> <LINK_FLAGS> <OBJECTS> -o <TARGET> <LINK_LIBRARIES>")
set(MOTE_CROSS_LINK_FLAGS "-nostartfiles -Wl,--gc-sections")
set(MOTE_RUNTIME_ONLY ON CACHE BOOL "" FORCE)
