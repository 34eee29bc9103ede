// The SVDF step shared by the float and integer kernels. A variant supplies its arithmetic as an
// `Ops` object with:
//   Acc                       accumulator type (float, int32)
//   FeatureTerm(w, x)         one weights_feature x input product
//   ToState(acc)              the feature as stored in the state (requantized for int8)
//   TimeTerm(w, s)            one weights_time x state product
//   ToOutput(acc)             the unit sum as stored in the output (activation or requantize)
// Loops and summation order are TFLite Micro's (svdf_common.cc), so integer results are
// bit-exact and float ones round the same way.
#pragma once

#include "runtime/kernels/svdf.h"

namespace mote {

template <typename Ops, typename TIn, typename TState, typename TBias, typename TOut>
void RunSvdf(const SvdfParams& p, const Ops& ops, const TIn* input, const TIn* weights_feature,
             const TState* weights_time, const TBias* bias, TState* state,
             typename Ops::Acc* filter_out, TOut* output) {
  using Acc = typename Ops::Acc;
  // The state moves one column left as one flat buffer (as in TFLM), so each row's last slot
  // briefly holds the next row's first value until the new column overwrites it.
  const int32_t state_size = p.batches * p.filters * p.memory;
  for (int32_t i = 0; i + 1 < state_size; ++i) state[i] = state[i + 1];

  for (int32_t b = 0; b < p.batches; ++b) {
    const TIn* in = input + b * p.input_size;
    TState* newest = state + b * p.filters * p.memory + (p.memory - 1);
    for (int32_t f = 0; f < p.filters; ++f) {
      const TIn* w = weights_feature + f * p.input_size;
      Acc dot{};
      for (int32_t i = 0; i < p.input_size; ++i) dot += ops.FeatureTerm(w[i], in[i]);
      newest[f * p.memory] = ops.ToState(dot);
    }
  }

  for (int32_t b = 0; b < p.batches; ++b) {
    for (int32_t f = 0; f < p.filters; ++f) {
      const TState* w = weights_time + f * p.memory;
      const TState* s = state + (b * p.filters + f) * p.memory;
      Acc dot{};
      for (int32_t m = 0; m < p.memory; ++m) dot += ops.TimeTerm(w[m], s[m]);
      filter_out[b * p.filters + f] = dot;
    }
  }

  for (int32_t b = 0; b < p.batches; ++b) {
    for (int32_t u = 0; u < p.units; ++u) {
      Acc sum = bias ? static_cast<Acc>(bias[u]) : Acc{};
      const Acc* parts = filter_out + b * p.filters + u * p.rank;
      for (int32_t r = 0; r < p.rank; ++r) sum += parts[r];
      output[b * p.units + u] = ops.ToOutput(sum);
    }
  }
}

}  // namespace mote
