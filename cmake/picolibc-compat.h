// Force-included (-include) into every RISC-V C/C++ translation unit by riscv64-unknown-elf.cmake.
// picolibc's <limits.h> defines ARG_MAX unconditionally (sys/syslimits.h), which breaks the
// BuiltinOperator::ARG_MAX enumerator of the generated TFLite schema. Include it once here and
// make the macro expand to its own name (a self-referential macro is not expanded again), so the
// enumerator survives and later inclusions of <limits.h> (`#ifndef ARG_MAX`) leave it alone.
#pragma once
#include <limits.h>
#undef ARG_MAX
#define ARG_MAX ARG_MAX
