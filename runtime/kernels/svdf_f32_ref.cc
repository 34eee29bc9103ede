#include <math.h>

#include "runtime/kernels/svdf_common.h"
#include "runtime/quant.h"

namespace mote {
namespace {

struct F32Ops {
  using Acc = float;
  Activation activation;

  float FeatureTerm(float w, float x) const { return w * x; }
  float ToState(float v) const { return v; }
  float TimeTerm(float w, float s) const { return w * s; }
  float ToOutput(float v) const {
    switch (activation) {
      case Activation::kRelu: return Max(0.0f, v);
      case Activation::kReluN1To1: return Clamp(v, -1.0f, 1.0f);
      case Activation::kRelu6: return Clamp(v, 0.0f, 6.0f);
      case Activation::kTanh: return tanhf(v);
      case Activation::kSignBit: return signbit(v) ? 1.0f : 0.0f;
      default: return v;
    }
  }
};

}  // namespace

void svdf_f32_ref(const SvdfParams& p, const float* input, const float* weights_feature,
                  const float* weights_time, const float* bias, float* state, void* scratch,
                  float* output) {
  RunSvdf(p, F32Ops{p.activation}, input, weights_feature, weights_time, bias, state,
          static_cast<float*>(scratch), output);
}

}  // namespace mote
