// Which DEPTHWISE_CONV_2D int8 kernel runs a prepared layer: the DSP variant when the target has
// the DSP extension and the variant takes the shape, else the reference. Decided from the params
// alone, so Prepare (scratch request), Eval and the code generators agree.
#pragma once

#include <stddef.h>

#include "runtime/kernels/depthwise_conv2d.h"
#include "runtime/kernels/kernel_isa.h"

namespace mote {

enum class DepthwiseConv2DS8Kernel : uint8_t { kRef, kDsp };

inline DepthwiseConv2DS8Kernel SelectDepthwiseConv2DS8(const ConvParams& p, KernelIsa isa) {
  if (isa == KernelIsa::kDsp && DepthwiseConv2DS8DspSupports(p)) return DepthwiseConv2DS8Kernel::kDsp;
  return DepthwiseConv2DS8Kernel::kRef;
}

// The kernel's function name, for generated code: "depthwise_conv2d_s8_dsp" or
// "depthwise_conv2d_s8_ref". The DSP one takes a scratch pointer of
// DepthwiseConv2DS8ScratchBytes bytes after the output.
inline const char* DepthwiseConv2DS8KernelName(const ConvParams& p, KernelIsa isa) {
  return SelectDepthwiseConv2DS8(p, isa) == DepthwiseConv2DS8Kernel::kDsp ? "depthwise_conv2d_s8_dsp"
                                                                          : "depthwise_conv2d_s8_ref";
}

// Scratch bytes the selected kernel needs (0: none).
inline size_t DepthwiseConv2DS8ScratchBytes(const ConvParams& p, KernelIsa isa) {
  return SelectDepthwiseConv2DS8(p, isa) == DepthwiseConv2DS8Kernel::kDsp ? DepthwiseConv2DS8DspScratchBytes(p) : 0;
}

// Runs the kernel this build selects; `scratch` as requested in Prepare.
inline void RunDepthwiseConv2DS8(const ConvParams& p, const int8_t* input, const int8_t* filter,
                                 const int32_t* bias, int8_t* output, void* scratch) {
  if constexpr (kBuildIsa == KernelIsa::kDsp) {
    if (SelectDepthwiseConv2DS8(p, kBuildIsa) == DepthwiseConv2DS8Kernel::kDsp) {
      depthwise_conv2d_s8_dsp(p, input, filter, bias, output, scratch);
      return;
    }
  }
  depthwise_conv2d_s8_ref(p, input, filter, bias, output);
}

}  // namespace mote
