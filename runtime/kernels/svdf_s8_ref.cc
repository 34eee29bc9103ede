#include "runtime/kernels/svdf.h"
#include "runtime/quant.h"

namespace mote {
namespace {

template <typename TState>
void SvdfInteger(const SvdfParams& p, const int8_t* input, const int8_t* weights_feature,
                 const TState* weights_time, const int32_t* bias, TState* state, void* scratch,
                 int8_t* output) {
  constexpr int32_t kStateMin = sizeof(TState) == 2 ? -32768 : -128;
  constexpr int32_t kStateMax = sizeof(TState) == 2 ? 32767 : 127;
  ShiftSvdfState(p, state);
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* in = input + b * p.input_size;
    TState* newest = state + b * p.filters * p.memory + (p.memory - 1);
    for (int32_t f = 0; f < p.filters; ++f) {
      const int8_t* w = weights_feature + f * p.input_size;
      int32_t dot = 0;
      for (int32_t i = 0; i < p.input_size; ++i) dot += w[i] * (in[i] - p.input_zero_point);
      dot = MultiplyByQuantizedMultiplier(dot, p.multiplier1, p.shift1);
      // TFLM (at the goldens' commit) clamps before adding the state zero point and stores the
      // sum unclamped, wrapping like its narrowing cast.
      dot = Clamp(dot, kStateMin, kStateMax) + p.state_zero_point;
      newest[f * p.memory] = static_cast<TState>(dot);
    }
  }

  int32_t* filter_out = static_cast<int32_t*>(scratch);
  for (int32_t b = 0; b < p.batches; ++b) {
    for (int32_t f = 0; f < p.filters; ++f) {
      const TState* w = weights_time + f * p.memory;
      const TState* s = state + (b * p.filters + f) * p.memory;
      int32_t dot = 0;
      for (int32_t m = 0; m < p.memory; ++m) dot += w[m] * (s[m] - p.state_zero_point);
      filter_out[b * p.filters + f] = dot;
    }
  }

  for (int32_t b = 0; b < p.batches; ++b) {
    for (int32_t u = 0; u < p.units; ++u) {
      int32_t sum = bias ? bias[u] : 0;
      const int32_t* parts = filter_out + b * p.filters + u * p.rank;
      for (int32_t r = 0; r < p.rank; ++r) sum += parts[r];
      const int32_t v = MultiplyByQuantizedMultiplier(sum, p.multiplier2, p.shift2) + p.output_zero_point;
      output[b * p.units + u] = static_cast<int8_t>(Clamp(v, int32_t{-128}, int32_t{127}));
    }
  }
}

}  // namespace

void svdf_s8_ref(const SvdfParams& p, const int8_t* input, const int8_t* weights_feature,
                 const int16_t* weights_time, const int32_t* bias, int16_t* state, void* scratch,
                 int8_t* output) {
  SvdfInteger(p, input, weights_feature, weights_time, bias, state, scratch, output);
}

void svdf_s8_ref(const SvdfParams& p, const int8_t* input, const int8_t* weights_feature,
                 const int8_t* weights_time, const int32_t* bias, int8_t* state, void* scratch,
                 int8_t* output) {
  SvdfInteger(p, input, weights_feature, weights_time, bias, state, scratch, output);
}

}  // namespace mote
