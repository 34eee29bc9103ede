// Between trained networks and .tflite files. Export writes what TFLite's converter writes for
// the same Keras model: NHWC tensors, OHWI conv filters, 1HWC depthwise filters, batch norm
// folded into the convolution or dense layer before it, ReLU/ReLU6 fused into that op, dropout
// dropped, a RESHAPE before a dense layer on a feature map, and a final SOFTMAX. Import reads
// such a float model back (a chain of CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, pooling,
// RESHAPE and SOFTMAX) so that `mote quantize` can calibrate it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "train/network.h"

namespace mote::train {

enum class FusedActivation { kNone, kRelu, kRelu6 };

// One exported op: a conv/depthwise/dense layer with the batch norm and activation after it, or a
// pooling layer. `output_layer` is the network layer whose output is the op's output.
struct Stage {
  enum class Kind { kConv, kDepthwise, kDense, kMaxPool, kAveragePool };
  Kind kind;
  size_t layer = 0;
  int batch_norm = -1;  // layer index, or -1
  FusedActivation activation = FusedActivation::kNone;
  size_t output_layer = 0;
};
bool PlanStages(const Network& net, std::vector<Stage>* stages, std::string* error);

// Weights in TFLite layout and bias with the stage's batch norm folded in.
void FoldedWeights(const Network& net, const Stage& s, std::vector<float>* weights, std::vector<float>* bias);

struct Range {
  float lo = 0, hi = 0;
};

// Post-training quantization of every tensor. int8: asymmetric activations, symmetric weights
// per output channel for convolutions and per tensor for dense layers, int32 bias. int16x8:
// symmetric int16 activations, the same int8 weights, int64 bias.
struct QuantSpec {
  bool int16 = false;
  Range input;
  std::vector<Range> stage_outputs;  // one per stage (pooling stages keep their input's)
};

// Float model when `quant` is null. `description` goes into the model's description field.
bool ExportTflite(const Network& net, const QuantSpec* quant, const std::string& description,
                  std::vector<uint8_t>* out, std::string* error);

// Reads a float model written by ExportTflite (or an equivalent chain) into a network.
bool ImportTflite(const uint8_t* data, size_t size, Network* net, std::string* error);

// TFLite's scale and zero point for an activation range (the range always includes 0).
struct QuantParams {
  float scale = 1;
  int32_t zero_point = 0;
};
QuantParams ActivationParams(Range r, bool int16);

}  // namespace mote::train
