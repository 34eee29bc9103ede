// mote's host-side graph IR: what `mote inspect` reports on and what the compiler passes (memory
// planning, code generation, quantization) work on. Imported from a .tflite flatbuffer after the
// flatbuffers Verifier and mote's own index, shape and dataflow checks.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/schema/tflite_generated.h"
#include "runtime/tensor.h"

namespace mote {

struct TensorInfo {
  std::string name;
  DType type = DType::kFloat32;
  std::vector<int32_t> shape;
  std::vector<float> scales;        // empty = not quantized; >1 entries = per-channel
  std::vector<int64_t> zero_points;
  int32_t quant_axis = 0;
  const uint8_t* data = nullptr;    // constant data inside the model bytes, or nullptr
  size_t data_bytes = 0;
  bool is_variable = false;

  bool is_constant() const { return data != nullptr; }
  int64_t NumElements() const;
  size_t Bytes() const { return static_cast<size_t>(NumElements()) * DTypeSize(type); }
};

struct OpInfo {
  int32_t builtin_code = 0;
  std::string name;                 // "CONV_2D"
  int32_t version = 1;
  std::vector<int32_t> inputs;      // -1 = optional input left out
  std::vector<int32_t> outputs;
  tflite::BuiltinOptionsUnion options;  // typed options (object API)
};

struct Graph {
  std::vector<TensorInfo> tensors;
  std::vector<OpInfo> ops;          // execution order
  std::vector<int32_t> inputs;
  std::vector<int32_t> outputs;
  std::string description;

  const TensorInfo& tensor(int32_t i) const { return tensors.at(static_cast<size_t>(i)); }
};

// Imports subgraph 0 of a .tflite. The bytes must outlive the graph (constants point into them).
// On failure returns false and one line naming the problem (op index, tensor) in `error`.
bool ImportTflite(const uint8_t* data, size_t size, Graph* graph, std::string* error);

// Multiply-accumulates of one op (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, TRANSPOSE_CONV,
// BATCH_MATMUL; 0 for others), as the manifests count them.
int64_t OpMacs(const Graph& g, const OpInfo& op);
// Bytes of the op's constant inputs (weights, biases, tables).
size_t OpParamBytes(const Graph& g, const OpInfo& op);
// The manifests' (op, dtype) key: "CONV_2D:int8", "CONV_2D:int16x8", "QUANTIZE:int16->int32".
std::string OpKey(const Graph& g, const OpInfo& op);

std::string ShapeString(const std::vector<int32_t>& shape);

}  // namespace mote
