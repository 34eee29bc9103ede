// Post-training quantization of a float model written by `mote train`: calibrate activation
// ranges on labelled data, quantize with each range method, measure each candidate's accuracy
// with mote's own interpreter on held-out samples and keep the best.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/tensor.h"
#include "train/data.h"
#include "train/export.h"

namespace mote::train {

// How an activation's range is taken from the values seen during calibration.
enum class RangeMethod {
  kMinMax,      // the extremes: nothing clips, rare outliers cost resolution
  kPercentile,  // the 0.01st and 99.99th percentiles
  kMse,         // the clipping of the min/max range that minimizes the quantization error
};
const char* RangeMethodName(RangeMethod m);
bool ParseRangeMethod(const std::string& name, RangeMethod* out);

// Values an activation took during calibration (every value of every calibration sample).
struct ActivationSamples {
  std::vector<float> values;
  Range Pick(RangeMethod m, bool int16) const;
};

struct QuantizeOptions {
  bool int16 = false;
  std::vector<RangeMethod> methods = {RangeMethod::kMinMax, RangeMethod::kPercentile, RangeMethod::kMse};
  int calibration_samples = 500;
  int evaluation_samples = 2000;  // distinct from the calibration samples
  uint32_t seed = 1;              // picks both subsets
};

struct Candidate {
  RangeMethod method;
  float accuracy = 0;  // quantized model on the evaluation samples, run by mote's interpreter
  std::vector<uint8_t> tflite;
};

struct QuantizeResult {
  float float_accuracy = 0;  // float network on the same evaluation samples
  std::vector<Candidate> candidates;
  size_t chosen = 0;         // the most accurate (the earlier method on a tie)
  int calibration_samples = 0, evaluation_samples = 0;
};

bool Quantize(const std::vector<uint8_t>& float_model, const Dataset& data, const QuantizeOptions& o,
              QuantizeResult* result, std::string* error);

// Runs a .tflite (float, int8 or int16 input) with mote's interpreter on samples `indices` of
// `data` (all when empty), quantizing each input with the input tensor's parameters; the
// prediction is the arg max of the output. Two interpreters share the work.
// One sample as the bytes of a model's input tensor: float32 as is, int8/int16 quantized with the
// tensor's scale and zero point (rounded, saturated).
std::vector<uint8_t> InputBytes(const Tensor& in, const float* x, int n);

bool EvaluateTflite(const std::vector<uint8_t>& model, const Dataset& data, const std::vector<int>& indices,
                    float* accuracy, std::vector<int>* predictions, std::string* error);

}  // namespace mote::train
