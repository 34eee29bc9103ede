// UNIDIRECTIONAL_SEQUENCE_LSTM: the standard LSTM (all four gates; no peephole, projection,
// layer normalisation or CIFG, which TFLite Micro rejects too) run over a whole sequence in one
// invoke. Per time step, with x the step's input and h, c the hidden and cell state:
//   gate_g = act_g(W_g x + b_g + R_g h)   act = sigmoid (input, forget, output), tanh (cell)
//   c = forget * c + input * cell_gate,   clipped to +-cell_clip when cell_clip > 0
//   h = output * tanh(c),                 and h is the step's output row
// Input is [time, batch, input] (time major) or [batch, time, input]; output likewise with
// `units` columns. h and c are variable tensors the interpreter keeps across invokes.
// Variants, following TFLite Micro's reference kernels bit for bit for the quantized ones:
//   f32: everything float32
//   s8:  int8 input/hidden/output, int8 weights, int32 bias, int16 cell state (power-of-two
//        scale); gate pre-activations in Q3.12, gate outputs in Q0.15
//   s16: as s8 with int16 input/hidden/output (zero point 0) and int64 bias
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "runtime/kernels/fully_connected.h"
#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

// Gate order of the weight, recurrent weight and bias inputs.
enum LstmGate : int { kLstmInputGate = 0, kLstmForgetGate, kLstmCellGate, kLstmOutputGate, kLstmGates };

// TFLite's input slots of UNIDIRECTIONAL_SEQUENCE_LSTM (24 inputs).
enum LstmInput : int {
  kLstmInput = 0,
  kLstmInputWeights = 1,      // + gate: input, forget, cell, output
  kLstmRecurrentWeights = 5,  // + gate
  kLstmPeepholeWeights = 9,   // 9-11, must be absent
  kLstmBias = 12,             // + gate
  kLstmProjectionWeights = 16,
  kLstmProjectionBias = 17,
  kLstmHiddenState = 18,
  kLstmCellState = 19,
  kLstmLayerNormWeights = 20,  // 20-23, must be absent
  kLstmInputCount = 24,
};

struct LstmOptions {
  Activation activation = Activation::kTanh;  // the cell gate's; TFLM only implements TANH
  float cell_clip = 0.0f;
  bool time_major = false;
};

// An elementwise product of two Q0.15 values requantized to the output (quantized only).
struct LstmMulParams {
  int32_t multiplier = 0;
  int32_t shift = 0;
  int32_t output_offset = 0;
  int32_t act_min = 0;
  int32_t act_max = 0;
};

struct LstmParams {
  int32_t batches = 0;
  int32_t time_steps = 0;
  int32_t input_size = 0;
  int32_t units = 0;
  bool time_major = false;
  int32_t rows = 0;  // batch rows per step: all of them (time major) or one (batch major)
  // Per gate, input x input weights + bias and hidden x recurrent weights, each over `rows`.
  FullyConnectedParams input_fc[kLstmGates];
  FullyConnectedParams recurrent_fc[kLstmGates];
  float cell_clip = 0.0f;           // 0 = no clipping (every variant)
  int16_t quantized_cell_clip = 0;  // s8/s16: cell_clip in cell state steps
  LstmMulParams forget_mul;       // forget x cell -> cell
  LstmMulParams input_mul;        // input x cell gate -> cell
  LstmMulParams hidden_mul;       // output x tanh(cell) -> hidden
  // tanh(cell) input scaling in tanh_s16's convention (activation_s16.h).
  int32_t cell_tanh_multiplier = 0;
  int32_t cell_tanh_shift = 0;
};

// Per-invoke data pointers, gate-indexed like LstmGate.
template <typename TAct, typename TWeight, typename TBias, typename TCell>
struct LstmData {
  using Act = TAct;
  using Weight = TWeight;
  using Bias = TBias;
  using Cell = TCell;
  const TAct* input = nullptr;
  const TWeight* input_weights[kLstmGates] = {};
  const TWeight* recurrent_weights[kLstmGates] = {};
  const TBias* bias[kLstmGates] = {};
  TAct* hidden = nullptr;
  TCell* cell = nullptr;
  TCell* scratch = nullptr;  // LstmScratchBytes
  TAct* output = nullptr;
};
using LstmDataF32 = LstmData<float, float, float, float>;
using LstmDataS8 = LstmData<int8_t, int8_t, int32_t, int16_t>;
using LstmDataS16 = LstmData<int16_t, int8_t, int64_t, int16_t>;

// Checks all 24 inputs (nullptr = left out) and the output, fills `p`.
Status PrepareLstm(const Tensor* const* inputs, const Tensor& output, const LstmOptions& options,
                   LstmParams* p);
// Scratch for four gate buffers of rows x units cells.
size_t LstmScratchBytes(const LstmParams& p, DType input_type);

void lstm_f32_ref(const LstmParams& p, const LstmDataF32& d);
void lstm_s8_ref(const LstmParams& p, const LstmDataS8& d);
void lstm_s16_ref(const LstmParams& p, const LstmDataS16& d);

}  // namespace mote
