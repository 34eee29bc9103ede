// FULLY_CONNECTED: output[b, o] = act(sum_d input[b, d] * filter[o, d] + bias[o]).
// The input is flattened to [batches, accum_depth] with accum_depth = filter's last dimension.
// Quantized variants follow TFLite Micro's reference kernels bit for bit:
//   s8:  int8 input and filter, int32 bias and accumulator, int8 output
//   s16: int16 input (zero point 0), int8 filter, int64 bias and accumulator, int16 output
// with per-tensor or per-output-channel filter scales.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "runtime/quant.h"
#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

struct FullyConnectedOptions {
  Activation activation = Activation::kNone;
  bool keep_num_dims = false;
};

struct FullyConnectedParams {
  int32_t batches = 0;
  int32_t accum_depth = 0;
  int32_t output_depth = 0;
  int32_t input_offset = 0;    // -input zero point
  int32_t filter_offset = 0;   // -filter zero point
  int32_t output_offset = 0;   // output zero point
  int32_t output_multiplier = 0;
  int32_t output_shift = 0;
  const int32_t* channel_multipliers = nullptr;  // output_depth entries when the filter is per-channel
  const int32_t* channel_shifts = nullptr;
  int32_t act_min = 0;
  int32_t act_max = 0;
  float float_min = 0.0f;
  float float_max = 0.0f;
  int scratch_index = -1;  // the optimized int8 variant's buffer, if it runs (OpContext::scratch)
};

// Checks shapes and dtypes and fills `p`. For a per-channel filter, `multipliers` and `shifts`
// must have FullyConnectedChannels(filter) writable entries; `p` then points at them.
Status PrepareFullyConnected(const Tensor& input, const Tensor& filter, const Tensor* bias,
                             const Tensor& output, const FullyConnectedOptions& options,
                             FullyConnectedParams* p, int32_t* multipliers = nullptr,
                             int32_t* shifts = nullptr);
// How many per-channel multiplier entries PrepareFullyConnected needs (0 when per-tensor).
int32_t FullyConnectedChannels(const Tensor& filter);

void fully_connected_f32_ref(const FullyConnectedParams& p, const float* input,
                             const float* filter, const float* bias, float* output);
void fully_connected_s8_ref(const FullyConnectedParams& p, const int8_t* input,
                            const int8_t* filter, const int32_t* bias, int8_t* output);
// The int8 output stage of row `o` (bias already added): requantize, offset, clamp.
inline int8_t FullyConnectedOutputS8(const FullyConnectedParams& p, int32_t acc, int32_t o) {
  const int32_t multiplier = p.channel_multipliers ? p.channel_multipliers[o] : p.output_multiplier;
  const int32_t shift = p.channel_shifts ? p.channel_shifts[o] : p.output_shift;
  acc = MultiplyByQuantizedMultiplier(acc, multiplier, shift) + p.output_offset;
  return static_cast<int8_t>(Clamp(acc, p.act_min, p.act_max));
}

// Blocked variant in plain C++ (four rows per pass over the input), for targets without DSP or
// Helium kernels (RISC-V, the host), bit-exact with fully_connected_s8_ref on symmetric filters
// (filter_offset 0). No scratch.
bool FullyConnectedS8BlockedSupports(const FullyConnectedParams& p);
void fully_connected_s8_blocked(const FullyConnectedParams& p, const int8_t* input, const int8_t* filter,
                                const int32_t* bias, int8_t* output);

void fully_connected_s16_ref(const FullyConnectedParams& p, const int16_t* input,
                             const int8_t* filter, const int64_t* bias, int16_t* output);

// DSP-extension variant (Cortex-M4/M7/M33/M55; portable emulation elsewhere), bit-exact with
// fully_connected_s8_ref on the shapes it supports: symmetric filters (filter_offset 0).
// `scratch` holds FullyConnectedS8DspScratchBytes(p) bytes, 4-byte aligned (the widened input).
bool FullyConnectedS8DspSupports(const FullyConnectedParams& p);
size_t FullyConnectedS8DspScratchBytes(const FullyConnectedParams& p);
void fully_connected_s8_dsp(const FullyConnectedParams& p, const int8_t* input,
                            const int8_t* filter, const int32_t* bias, int8_t* output, void* scratch);

// DSP-extension variant over a filter packed ahead of time (`mote compile`): blocks of four rows,
// the four rows' words for each group of four input elements side by side, zero-padded to whole
// groups and blocks. Takes the layers FullyConnectedS8DspSupports takes with depth up to 1024.
// `packed_filter` is 4-byte aligned, FullyConnectedS8Rows4Bytes(p) bytes from
// PackFullyConnectedS8Rows4; `scratch` holds FullyConnectedS8Rows4ScratchBytes(p) bytes, 4-byte
// aligned (the widened input).
bool FullyConnectedS8Rows4DspSupports(const FullyConnectedParams& p);
size_t FullyConnectedS8Rows4Bytes(const FullyConnectedParams& p);
size_t FullyConnectedS8Rows4ScratchBytes(const FullyConnectedParams& p);
void PackFullyConnectedS8Rows4(const FullyConnectedParams& p, const int8_t* filter, int8_t* packed);
void fully_connected_s8_rows4_dsp(const FullyConnectedParams& p, const int8_t* input, const int8_t* packed_filter,
                                  const int32_t* bias, int8_t* output, void* scratch);

// Helium (MVE) variant (Cortex-M55; portable emulation elsewhere), bit-exact with
// fully_connected_s8_ref on symmetric filters (filter_offset 0). No scratch.
bool FullyConnectedS8MveSupports(const FullyConnectedParams& p);
void fully_connected_s8_mve(const FullyConnectedParams& p, const int8_t* input,
                            const int8_t* filter, const int32_t* bias, int8_t* output);
// The same over a bias with the input offset folded in ahead of time (`mote compile`):
// folded_bias[o] = bias[o] + input_offset * sum_d filter[o, d] (int32, wrapping), output_depth
// entries from FoldFullyConnectedS8Bias.
void FoldFullyConnectedS8Bias(const FullyConnectedParams& p, const int8_t* filter, const int32_t* bias,
                              int32_t* folded_bias);
void fully_connected_s8_mve_folded(const FullyConnectedParams& p, const int8_t* input, const int8_t* filter,
                                   const int32_t* folded_bias, int8_t* output);

}  // namespace mote
