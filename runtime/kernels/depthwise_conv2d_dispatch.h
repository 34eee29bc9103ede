// Which DEPTHWISE_CONV_2D int8 kernel runs a prepared layer: on a Helium target the MVE variant
// (depth multiplier 1, or 3x3 filters), else the general DSP variant; on a DSP-extension target the 3x3 DSP variant
// for 3x3 filters, else the general one; else (a shape they decline) the reference. Decided from
// the params alone, so Prepare (scratch request), Eval and the code generators agree.
#pragma once

#include <stddef.h>

#include "runtime/kernels/depthwise_conv2d.h"
#include "runtime/kernels/kernel_isa.h"

namespace mote {

enum class DepthwiseConv2DS8Kernel : uint8_t { kRef, kDsp, kDsp3x3, kMve, kBlocked };

inline DepthwiseConv2DS8Kernel SelectDepthwiseConv2DS8(const ConvParams& p, KernelIsa isa) {
  if (HasMve(isa) && DepthwiseConv2DS8MveSupports(p)) return DepthwiseConv2DS8Kernel::kMve;
  if (HasDsp(isa)) {
    if (isa == KernelIsa::kDsp && DepthwiseConv2DS8Dsp3x3Supports(p)) return DepthwiseConv2DS8Kernel::kDsp3x3;
    if (DepthwiseConv2DS8DspSupports(p)) return DepthwiseConv2DS8Kernel::kDsp;
  }
  if (isa == KernelIsa::kPortable && DepthwiseConv2DS8BlockedSupports(p)) return DepthwiseConv2DS8Kernel::kBlocked;
  return DepthwiseConv2DS8Kernel::kRef;
}

// The kernel's function name, for generated code: "depthwise_conv2d_s8_mve",
// "depthwise_conv2d_s8_3x3_dsp", "depthwise_conv2d_s8_dsp" or "depthwise_conv2d_s8_ref". The
// optimized ones take a scratch pointer of DepthwiseConv2DS8ScratchBytes bytes after the output.
// Whether the selected kernel streams (conv_common.h ConvStreamLag): the reference and the blocked
// one (each pixel's outputs after its window); the DSP and Helium variants stage one channel's
// rows at a time over the whole image.
inline bool DepthwiseConv2DS8Streams(const ConvParams& p, KernelIsa isa) {
  const DepthwiseConv2DS8Kernel k = SelectDepthwiseConv2DS8(p, isa);
  return k == DepthwiseConv2DS8Kernel::kRef || k == DepthwiseConv2DS8Kernel::kBlocked;
}

inline const char* DepthwiseConv2DS8KernelName(const ConvParams& p, KernelIsa isa) {
  switch (SelectDepthwiseConv2DS8(p, isa)) {
    case DepthwiseConv2DS8Kernel::kMve: return "depthwise_conv2d_s8_mve";
    case DepthwiseConv2DS8Kernel::kDsp3x3: return "depthwise_conv2d_s8_3x3_dsp";
    case DepthwiseConv2DS8Kernel::kDsp: return "depthwise_conv2d_s8_dsp";
    case DepthwiseConv2DS8Kernel::kBlocked: return "depthwise_conv2d_s8_blocked";
    default: return "depthwise_conv2d_s8_ref";
  }
}

// Scratch bytes the selected kernel needs (0: none).
inline size_t DepthwiseConv2DS8ScratchBytes(const ConvParams& p, KernelIsa isa) {
  switch (SelectDepthwiseConv2DS8(p, isa)) {
    case DepthwiseConv2DS8Kernel::kMve: return DepthwiseConv2DS8MveScratchBytes(p);
    case DepthwiseConv2DS8Kernel::kDsp3x3: return DepthwiseConv2DS8Dsp3x3ScratchBytes(p);
    case DepthwiseConv2DS8Kernel::kDsp: return DepthwiseConv2DS8DspScratchBytes(p);
    default: return 0;
  }
}

// Runs the kernel `isa` selects (the one Prepare sized `scratch` for), falling back to the
// reference when this build does not contain that variant.
inline void RunDepthwiseConv2DS8(const ConvParams& p, KernelIsa isa, const int8_t* input, const int8_t* filter,
                                 const int32_t* bias, int8_t* output, void* scratch) {
  if constexpr (HasMve(kBuildIsa)) {
    if (SelectDepthwiseConv2DS8(p, isa) == DepthwiseConv2DS8Kernel::kMve) {
      depthwise_conv2d_s8_mve(p, input, filter, bias, output, scratch);
      return;
    }
  }
  if constexpr (HasDsp(kBuildIsa)) {
    switch (SelectDepthwiseConv2DS8(p, isa)) {
      case DepthwiseConv2DS8Kernel::kDsp3x3:
        if constexpr (kBuildIsa == KernelIsa::kDsp) {
          depthwise_conv2d_s8_3x3_dsp(p, input, filter, bias, output, scratch);
          return;
        }
        break;
      case DepthwiseConv2DS8Kernel::kDsp:
        depthwise_conv2d_s8_dsp(p, input, filter, bias, output, scratch);
        return;
      default:
        break;
    }
  }
  if (SelectDepthwiseConv2DS8(p, isa) == DepthwiseConv2DS8Kernel::kBlocked) {
    depthwise_conv2d_s8_blocked(p, input, filter, bias, output);
    return;
  }
  depthwise_conv2d_s8_ref(p, input, filter, bias, output);
}

}  // namespace mote
