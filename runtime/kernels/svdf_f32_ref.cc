#include <math.h>

#include "runtime/kernels/svdf.h"
#include "runtime/quant.h"

namespace mote {
namespace {

float Activate(Activation act, float v) {
  switch (act) {
    case Activation::kRelu: return Max(0.0f, v);
    case Activation::kReluN1To1: return Clamp(v, -1.0f, 1.0f);
    case Activation::kRelu6: return Clamp(v, 0.0f, 6.0f);
    case Activation::kTanh: return tanhf(v);
    case Activation::kSignBit: return signbit(v) ? 1.0f : 0.0f;
    default: return v;
  }
}

}  // namespace

void svdf_f32_ref(const SvdfParams& p, const float* input, const float* weights_feature,
                  const float* weights_time, const float* bias, float* state, void* scratch,
                  float* output) {
  ShiftSvdfState(p, state);
  for (int32_t b = 0; b < p.batches; ++b) {
    const float* in = input + b * p.input_size;
    float* newest = state + b * p.filters * p.memory + (p.memory - 1);
    for (int32_t f = 0; f < p.filters; ++f) {
      const float* w = weights_feature + f * p.input_size;
      float dot = 0.0f;
      for (int32_t i = 0; i < p.input_size; ++i) dot += w[i] * in[i];
      newest[f * p.memory] = dot;
    }
  }

  float* filter_out = static_cast<float*>(scratch);
  for (int32_t b = 0; b < p.batches; ++b) {
    for (int32_t f = 0; f < p.filters; ++f) {
      const float* w = weights_time + f * p.memory;
      const float* s = state + (b * p.filters + f) * p.memory;
      float dot = 0.0f;
      for (int32_t m = 0; m < p.memory; ++m) dot += w[m] * s[m];
      filter_out[b * p.filters + f] = dot;
    }
  }

  for (int32_t b = 0; b < p.batches; ++b) {
    for (int32_t u = 0; u < p.units; ++u) {
      float sum = bias ? bias[u] : 0.0f;
      const float* parts = filter_out + b * p.filters + u * p.rank;
      for (int32_t r = 0; r < p.rank; ++r) sum += parts[r];
      output[b * p.units + u] = Activate(p.activation, sum);
    }
  }
}

}  // namespace mote
