// Writes .tflite flatbuffers with mote's schema (runtime/schema/tflite.fbs) through flatc's
// object API: the same schema file the reader uses, so what mote writes it can read back.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/schema/tflite_generated.h"
#include "runtime/tensor.h"

namespace mote {

class TfliteBuilder {
 public:
  TfliteBuilder();

  // A tensor; `data` (may be empty) makes it a constant. Per-channel when scales has > 1 entry.
  int32_t AddTensor(const std::string& name, DType type, std::vector<int32_t> shape,
                    std::vector<float> scales = {}, std::vector<int64_t> zero_points = {},
                    const std::vector<uint8_t>& data = {}, int32_t quant_axis = 0);
  template <typename T>
  int32_t AddConstant(const std::string& name, DType type, std::vector<int32_t> shape, const std::vector<T>& values,
                      std::vector<float> scales = {}, std::vector<int64_t> zero_points = {}, int32_t quant_axis = 0) {
    std::vector<uint8_t> bytes(values.size() * sizeof(T));
    if (!bytes.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
    return AddTensor(name, type, std::move(shape), std::move(scales), std::move(zero_points), bytes, quant_axis);
  }
  void AddOp(tflite::BuiltinOperator op, std::vector<int32_t> inputs, std::vector<int32_t> outputs,
             tflite::BuiltinOptionsUnion options = {}, int32_t version = 1);
  void SetInputs(std::vector<int32_t> inputs);
  void SetOutputs(std::vector<int32_t> outputs);
  void SetDescription(const std::string& d);

  // The serialized model, file identifier "TFL3".
  std::vector<uint8_t> Finish();

 private:
  tflite::ModelT model_;
  tflite::SubGraphT* graph_;
};

}  // namespace mote
