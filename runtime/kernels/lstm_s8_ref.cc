#include "runtime/kernels/lstm_common.h"

namespace mote {
namespace {

struct S8Ops : LstmInt16CellOps {
  // TFLite's int8 FULLY_CONNECTED with an int16 output: int32 accumulator, per-tensor rescale.
  static void Fc(const FullyConnectedParams& fc, const int8_t* x, const int8_t* w, const int32_t* bias,
                 int16_t* out) {
    for (int32_t b = 0; b < fc.batches; ++b) {
      const int8_t* in = x + b * fc.accum_depth;
      for (int32_t o = 0; o < fc.output_depth; ++o) {
        const int8_t* row = w + o * fc.accum_depth;
        int32_t acc = 0;
        for (int32_t d = 0; d < fc.accum_depth; ++d)
          acc += (row[d] + fc.filter_offset) * (in[d] + fc.input_offset);
        if (bias) acc += bias[o];
        const int32_t v = MultiplyByQuantizedMultiplier(acc, fc.output_multiplier, fc.output_shift) + fc.output_offset;
        out[b * fc.output_depth + o] = static_cast<int16_t>(Clamp(v, fc.act_min, fc.act_max));
      }
    }
  }
};

}  // namespace

void lstm_s8_ref(const LstmParams& p, const LstmDataS8& d) { RunLstm<S8Ops>(p, d); }

}  // namespace mote
