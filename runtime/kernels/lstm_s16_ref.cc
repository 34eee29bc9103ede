#include "runtime/kernels/lstm_common.h"

namespace mote {
namespace {

struct S16Ops : LstmInt16CellOps {
  // Exactly TFLite's 16x8 FULLY_CONNECTED (int64 accumulator and bias).
  static void Fc(const FullyConnectedParams& fc, const int16_t* x, const int8_t* w, const int64_t* bias,
                 int16_t* out) {
    fully_connected_s16_ref(fc, x, w, bias, out);
  }
};

}  // namespace

void lstm_s16_ref(const LstmParams& p, const LstmDataS16& d) { RunLstm<S16Ops>(p, d); }

}  // namespace mote
