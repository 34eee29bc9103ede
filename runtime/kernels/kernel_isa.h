// Which instruction-set variant of the kernels a build runs, fixed at compile time. CMake sets
// MOTE_KERNELS_DSP=1 or MOTE_KERNELS_MVE=1 from the MOTE_KERNELS option, whose default comes from
// the toolchain file: `mve` for Cortex-M55, `dsp` for Cortex-M4/M7/M33, `portable` elsewhere. A
// host build may choose `dsp` or `mve` too: the kernels then run on acle_emu.h / mve_emu.h, which
// is how the goldens test them without a board.
//
// The per-op dispatch headers (<op>_dispatch.h) turn (params, isa) into a kernel: a variant may
// decline a shape, and the next one down runs it (an MVE target also has the DSP extension; the
// portable reference `_ref` takes everything). Code generators pass their own target's isa to
// the same functions to learn which kernel to call.
#pragma once

#include <stdint.h>

namespace mote {

enum class KernelIsa : uint8_t {
  kPortable,  // the `_ref` kernels only
  kDsp,       // Armv7E-M / Armv8-M DSP extension: `_dsp` kernels where they exist
  kMve,       // Armv8.1-M Helium (MVE) and the DSP extension: `_mve`, then `_dsp` kernels
};

constexpr bool HasDsp(KernelIsa isa) { return isa == KernelIsa::kDsp || isa == KernelIsa::kMve; }
constexpr bool HasMve(KernelIsa isa) { return isa == KernelIsa::kMve; }

#if defined(MOTE_KERNELS_MVE) && MOTE_KERNELS_MVE
#if defined(__arm__) && !(defined(__ARM_FEATURE_MVE) && __ARM_FEATURE_MVE)
#error "MOTE_KERNELS_MVE is set but the target core has no MVE (Helium)"
#endif  // defined(__arm__) && !(defined(__ARM_FEATURE_MVE) && __ARM_FEATURE_MVE)
constexpr KernelIsa kBuildIsa = KernelIsa::kMve;
#elif defined(MOTE_KERNELS_DSP) && MOTE_KERNELS_DSP
#if defined(__arm__) && !(defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP)
#error "MOTE_KERNELS_DSP is set but the target core has no DSP extension"
#endif  // defined(__arm__) && !(defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP)
constexpr KernelIsa kBuildIsa = KernelIsa::kDsp;
#else
constexpr KernelIsa kBuildIsa = KernelIsa::kPortable;
#endif  // MOTE_KERNELS_MVE, MOTE_KERNELS_DSP

}  // namespace mote
