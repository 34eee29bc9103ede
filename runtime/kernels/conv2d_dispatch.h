// Which CONV_2D int8 kernel runs a prepared layer: on a Helium target the MVE variant, on a
// DSP-extension target the DSP variant, elsewhere the blocked plain-C++ one, when the variant
// takes the shape; else the reference. The
// two variants take the same shapes, so a Helium build does not link the DSP one. Decided from
// the params alone, so Prepare (scratch request), Eval and the code generators agree.
#pragma once

#include <stddef.h>

#include "runtime/kernels/conv2d.h"
#include "runtime/kernels/kernel_isa.h"

namespace mote {

enum class Conv2DS8Kernel : uint8_t { kRef, kDsp, kMve, kBlocked };

inline Conv2DS8Kernel SelectConv2DS8(const ConvParams& p, KernelIsa isa) {
  if (HasMve(isa) && Conv2DS8MveSupports(p)) return Conv2DS8Kernel::kMve;
  if (isa == KernelIsa::kDsp && Conv2DS8DspSupports(p)) return Conv2DS8Kernel::kDsp;
  if (isa == KernelIsa::kPortable && Conv2DS8BlockedSupports(p)) return Conv2DS8Kernel::kBlocked;
  return Conv2DS8Kernel::kRef;
}

// The kernel's function name, for generated code: "conv2d_s8_mve", "conv2d_s8_dsp" or
// "conv2d_s8_ref". The optimized ones take a scratch pointer of Conv2DS8ScratchBytes bytes after
// the output.
inline const char* Conv2DS8KernelName(const ConvParams& p, KernelIsa isa) {
  switch (SelectConv2DS8(p, isa)) {
    case Conv2DS8Kernel::kMve: return "conv2d_s8_mve";
    case Conv2DS8Kernel::kDsp: return "conv2d_s8_dsp";
    case Conv2DS8Kernel::kBlocked: return "conv2d_s8_blocked";
    default: return "conv2d_s8_ref";
  }
}

// Scratch bytes the selected kernel needs (0: none).
inline size_t Conv2DS8ScratchBytes(const ConvParams& p, KernelIsa isa) {
  switch (SelectConv2DS8(p, isa)) {
    case Conv2DS8Kernel::kMve: return Conv2DS8MveScratchBytes(p);
    case Conv2DS8Kernel::kDsp: return Conv2DS8DspScratchBytes(p);
    default: return 0;
  }
}

// Whether the selected kernel streams (conv_common.h ConvStreamLag): the reference does.
inline bool Conv2DS8Streams(const ConvParams& p, KernelIsa isa) {
  switch (SelectConv2DS8(p, isa)) {
    case Conv2DS8Kernel::kMve: return Conv2DS8MveStreams(p);
    case Conv2DS8Kernel::kDsp: return Conv2DS8DspStreams(p);
    default: return true;
  }
}

// Runs the kernel `isa` selects (the one Prepare sized `scratch` for), falling back to the
// reference when this build does not contain that variant.
inline void RunConv2DS8(const ConvParams& p, KernelIsa isa, const int8_t* input, const int8_t* filter, const int32_t* bias,
                        int8_t* output, void* scratch) {
  if constexpr (HasMve(kBuildIsa)) {
    if (SelectConv2DS8(p, isa) == Conv2DS8Kernel::kMve) {
      conv2d_s8_mve(p, input, filter, bias, output, scratch);
      return;
    }
  }
  if constexpr (kBuildIsa == KernelIsa::kDsp) {
    if (SelectConv2DS8(p, isa) == Conv2DS8Kernel::kDsp) {
      conv2d_s8_dsp(p, input, filter, bias, output, scratch);
      return;
    }
  }
  if (SelectConv2DS8(p, isa) == Conv2DS8Kernel::kBlocked) {
    conv2d_s8_blocked(p, input, filter, bias, output);
    return;
  }
  conv2d_s8_ref(p, input, filter, bias, output);
}

}  // namespace mote
