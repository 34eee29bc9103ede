#include "runtime/kernels/svdf_common.h"
#include "runtime/quant.h"

namespace mote {
namespace {

template <typename TState>
struct IntegerOps {
  using Acc = int32_t;
  static constexpr int32_t kStateMin = sizeof(TState) == 2 ? -32768 : -128;
  static constexpr int32_t kStateMax = sizeof(TState) == 2 ? 32767 : 127;
  const SvdfParams& p;

  int32_t FeatureTerm(int8_t w, int8_t x) const { return w * (x - p.input_zero_point); }
  // TFLM (at the goldens' commit) clamps before adding the state zero point and stores the sum
  // unclamped, wrapping like its narrowing cast.
  TState ToState(int32_t acc) const {
    const int32_t v = MultiplyByQuantizedMultiplier(acc, p.multiplier1, p.shift1);
    return static_cast<TState>(Clamp(v, kStateMin, kStateMax) + p.state_zero_point);
  }
  int32_t TimeTerm(TState w, TState s) const { return w * (s - p.state_zero_point); }
  // No fused activation: TFLM's integer SVDF ignores it.
  int8_t ToOutput(int32_t acc) const {
    const int32_t v = MultiplyByQuantizedMultiplier(acc, p.multiplier2, p.shift2) + p.output_zero_point;
    return static_cast<int8_t>(Clamp(v, int32_t{-128}, int32_t{127}));
  }
};

}  // namespace

void svdf_s8_ref(const SvdfParams& p, const int8_t* input, const int8_t* weights_feature,
                 const int16_t* weights_time, const int32_t* bias, int16_t* state, void* scratch,
                 int8_t* output) {
  RunSvdf(p, IntegerOps<int16_t>{p}, input, weights_feature, weights_time, bias, state,
          static_cast<int32_t*>(scratch), output);
}

void svdf_s8_ref(const SvdfParams& p, const int8_t* input, const int8_t* weights_feature,
                 const int8_t* weights_time, const int32_t* bias, int8_t* state, void* scratch,
                 int8_t* output) {
  RunSvdf(p, IntegerOps<int8_t>{p}, input, weights_feature, weights_time, bias, state,
          static_cast<int32_t*>(scratch), output);
}

}  // namespace mote
