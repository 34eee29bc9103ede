// The LSTM recurrence shared by every LSTM variant: step order, gate buffers and state update.
// A variant supplies its arithmetic as an `Ops` type with static functions:
//   Fc(fc, x, weights, bias_or_null, out)  rows x units gate pre-activation (FULLY_CONNECTED)
//   Add(a, b, out, n)                      elementwise sum (int16: saturating)
//   Sigmoid(data, n), GateTanh(data, n)    gate activations, in place
//   CellTanh(p, cell, out, n)              tanh of the cell state
//   Mul(mul, a, b, out, n)                 elementwise product into Cell or Act
//   Clip(p, cell, n)                       cell clipping, when cell_clip > 0
// The order of operations is TFLite Micro's (lstm_eval.h), so quantized results are bit-exact.
#pragma once

#include <string.h>

#include "runtime/kernels/lstm.h"
#include "runtime/kernels/activation_s16.h"
#include "runtime/quant.h"

namespace mote {

// gate = FC(x) + FC(h): TFLM adds the bias in the input FC only.
template <typename Ops, typename Data>
void LstmGatePreActivation(const LstmParams& p, const Data& d, int gate, const typename Data::Act* x,
                           const typename Data::Act* h, typename Data::Cell* out,
                           typename Data::Cell* tmp) {
  Ops::Fc(p.input_fc[gate], x, d.input_weights[gate], d.bias[gate], out);
  Ops::Fc(p.recurrent_fc[gate], h, d.recurrent_weights[gate], nullptr, tmp);
  Ops::Add(out, tmp, out, p.rows * p.units);
}

// One time step for p.rows batch rows: x [rows, input], h and c [rows, units] updated in place,
// out [rows, units] receives the new h.
template <typename Ops, typename Data>
void LstmStep(const LstmParams& p, const Data& d, const typename Data::Act* x,
              typename Data::Act* h, typename Data::Cell* c, typename Data::Act* out) {
  using Cell = typename Data::Cell;
  const int32_t n = p.rows * p.units;
  Cell* forget = d.scratch;
  Cell* input = forget + n;
  Cell* cell_gate = input + n;
  Cell* tmp = cell_gate + n;

  LstmGatePreActivation<Ops>(p, d, kLstmForgetGate, x, h, forget, tmp);
  Ops::Sigmoid(forget, n);
  LstmGatePreActivation<Ops>(p, d, kLstmInputGate, x, h, input, tmp);
  Ops::Sigmoid(input, n);
  LstmGatePreActivation<Ops>(p, d, kLstmCellGate, x, h, cell_gate, tmp);
  Ops::GateTanh(cell_gate, n);

  Ops::Mul(p.forget_mul, forget, c, c, n);
  Ops::Mul(p.input_mul, input, cell_gate, input, n);
  Ops::Add(c, input, c, n);
  Ops::Clip(p, c, n);

  // The output gate still reads the old h: h changes only below.
  Cell* output_gate = input;
  LstmGatePreActivation<Ops>(p, d, kLstmOutputGate, x, h, output_gate, tmp);
  Ops::Sigmoid(output_gate, n);
  Cell* cell_tanh = forget;
  Ops::CellTanh(p, c, cell_tanh, n);
  Ops::Mul(p.hidden_mul, cell_tanh, output_gate, h, n);
  memcpy(out, h, sizeof(*h) * n);
}

// Time major: all batch rows advance together. Batch major: each row runs its whole sequence
// in turn, with its own slice of the state.
template <typename Ops, typename Data>
void RunLstm(const LstmParams& p, const Data& d) {
  const int32_t in_step = p.rows * p.input_size;
  const int32_t out_step = p.rows * p.units;
  const int32_t sequences = p.time_major ? 1 : p.batches;
  for (int32_t s = 0; s < sequences; ++s) {
    const int32_t first = s * p.time_steps;
    for (int32_t t = 0; t < p.time_steps; ++t)
      LstmStep<Ops>(p, d, d.input + (first + t) * in_step, d.hidden + s * p.units,
                    d.cell + s * p.units, d.output + (first + t) * out_step);
  }
}

// The int16-cell arithmetic of the s8 and s16 variants (everything except the gate FC).
struct LstmInt16CellOps {
  static void Add(const int16_t* a, const int16_t* b, int16_t* out, int32_t n) {
    for (int32_t i = 0; i < n; ++i)
      out[i] = static_cast<int16_t>(Clamp<int32_t>(a[i] + b[i], -32768, 32767));
  }
  // Gate pre-activations are Q3.12: the table functions' power-of-two scaling with no shift.
  static void Sigmoid(int16_t* data, int32_t n) { logistic_s16(0, 0, n, data, data); }
  static void GateTanh(int16_t* data, int32_t n) { tanh_s16(0, 0, n, data, data); }
  static void CellTanh(const LstmParams& p, const int16_t* cell, int16_t* out, int32_t n) {
    tanh_s16(p.cell_tanh_multiplier, p.cell_tanh_shift, n, cell, out);
  }
  template <typename TOut>
  static void Mul(const LstmMulParams& m, const int16_t* a, const int16_t* b, TOut* out, int32_t n) {
    for (int32_t i = 0; i < n; ++i) {
      const int32_t v = m.output_offset + MultiplyByQuantizedMultiplier(a[i] * b[i], m.multiplier, m.shift);
      out[i] = static_cast<TOut>(Clamp(v, m.act_min, m.act_max));
    }
  }
  // Enabled by the float option, as in TFLM: a clip below one cell step clamps the cell to 0.
  static void Clip(const LstmParams& p, int16_t* cell, int32_t n) {
    if (p.cell_clip <= 0.0f) return;
    const int16_t clip = p.quantized_cell_clip;
    for (int32_t i = 0; i < n; ++i) cell[i] = Clamp<int16_t>(cell[i], static_cast<int16_t>(-clip), clip);
  }
};

}  // namespace mote
