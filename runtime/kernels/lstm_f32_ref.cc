#include <math.h>

#include "runtime/kernels/lstm_common.h"
#include "runtime/quant.h"

namespace mote {
namespace {

struct F32Ops {
  static void Fc(const FullyConnectedParams& fc, const float* x, const float* w, const float* bias,
                 float* out) {
    fully_connected_f32_ref(fc, x, w, bias, out);
  }
  static void Add(const float* a, const float* b, float* out, int32_t n) {
    for (int32_t i = 0; i < n; ++i) out[i] = a[i] + b[i];
  }
  // TFLite's float logistic: saturated tails avoid exp overflow and keep tiny values accurate.
  static void Sigmoid(float* data, int32_t n) {
    for (int32_t i = 0; i < n; ++i) {
      const float v = data[i];
      if (v > 16.619047164916992188f) data[i] = 1.0f;
      else if (v < -9.0f) data[i] = expf(v);
      else data[i] = 1.0f / (1.0f + expf(-v));
    }
  }
  static void GateTanh(float* data, int32_t n) {
    for (int32_t i = 0; i < n; ++i) data[i] = tanhf(data[i]);
  }
  static void CellTanh(const LstmParams&, const float* cell, float* out, int32_t n) {
    for (int32_t i = 0; i < n; ++i) out[i] = tanhf(cell[i]);
  }
  static void Mul(const LstmMulParams&, const float* a, const float* b, float* out, int32_t n) {
    for (int32_t i = 0; i < n; ++i) out[i] = a[i] * b[i];
  }
  static void Clip(const LstmParams& p, float* cell, int32_t n) {
    if (p.cell_clip <= 0.0f) return;
    for (int32_t i = 0; i < n; ++i) cell[i] = Clamp(cell[i], -p.cell_clip, p.cell_clip);
  }
};

}  // namespace

void lstm_f32_ref(const LstmParams& p, const LstmDataF32& d) { RunLstm<F32Ops>(p, d); }

}  // namespace mote
