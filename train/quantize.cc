#include "train/quantize.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <fmt/format.h>

#include "compiler/host_model.h"

namespace mote::train {
namespace {

// Mean squared error of quantizing `values` with range r (a strided subset for speed).
double QuantizationError(const std::vector<float>& values, Range r, bool int16) {
  const QuantParams p = ActivationParams(r, int16);
  const float qmin = int16 ? -32768.0f : -128.0f, qmax = int16 ? 32767.0f : 127.0f;
  const size_t step = std::max<size_t>(1, values.size() / 200000);
  double err = 0;
  for (size_t i = 0; i < values.size(); i += step) {
    const float q = std::clamp(std::round(values[i] / p.scale) + static_cast<float>(p.zero_point), qmin, qmax);
    const double d = (q - static_cast<float>(p.zero_point)) * p.scale - values[i];
    err += d * d;
  }
  return err;
}

float Percentile(std::vector<float>& v, double fraction) {
  const size_t k = static_cast<size_t>(fraction * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

int ArgMax(const void* data, DType t, int n) {
  int best = 0;
  auto value = [&](int i) -> float {
    switch (t) {
      case DType::kInt8: return static_cast<const int8_t*>(data)[i];
      case DType::kInt16: return static_cast<const int16_t*>(data)[i];
      default: return static_cast<const float*>(data)[i];
    }
  };
  for (int i = 1; i < n; ++i)
    if (value(i) > value(best)) best = i;
  return best;
}

}  // namespace

const char* RangeMethodName(RangeMethod m) {
  switch (m) {
    case RangeMethod::kMinMax: return "minmax";
    case RangeMethod::kPercentile: return "percentile";
    case RangeMethod::kMse: return "mse";
  }
  return "?";
}

bool ParseRangeMethod(const std::string& name, RangeMethod* out) {
  for (RangeMethod m : {RangeMethod::kMinMax, RangeMethod::kPercentile, RangeMethod::kMse})
    if (name == RangeMethodName(m)) {
      *out = m;
      return true;
    }
  return false;
}

Range ActivationSamples::Pick(RangeMethod m, bool int16) const {
  if (values.empty()) return {0, 0};
  const auto [lo_it, hi_it] = std::minmax_element(values.begin(), values.end());
  const Range full{*lo_it, *hi_it};
  if (m == RangeMethod::kMinMax) return full;
  if (m == RangeMethod::kPercentile) {
    std::vector<float> v = values;
    return {Percentile(v, 0.0001), Percentile(v, 0.9999)};
  }
  // Shrink the min/max range by a common factor: a grid over [0.2, 1] is enough for ReLU-like
  // and logit-like distributions and keeps the choice deterministic.
  Range best = full;
  double best_err = QuantizationError(values, full, int16);
  for (int i = 1; i <= 80; ++i) {
    const float f = 1.0f - 0.01f * static_cast<float>(i);
    const Range r{full.lo * f, full.hi * f};
    const double err = QuantizationError(values, r, int16);
    if (err < best_err) best_err = err, best = r;
  }
  return best;
}

std::vector<uint8_t> InputBytes(const Tensor& in, const float* x, int n) {
  std::vector<uint8_t> bytes(static_cast<size_t>(n) * DTypeSize(in.type));
  const float scale = in.q.scale, zp = static_cast<float>(in.q.zero_point);
  for (int i = 0; i < n; ++i) {
    if (in.type == DType::kInt8) {
      const int8_t q = static_cast<int8_t>(std::clamp(std::round(x[i] / scale) + zp, -128.0f, 127.0f));
      std::memcpy(bytes.data() + i, &q, 1);
    } else if (in.type == DType::kInt16) {
      const int16_t q = static_cast<int16_t>(std::clamp(std::round(x[i] / scale) + zp, -32768.0f, 32767.0f));
      std::memcpy(bytes.data() + 2 * i, &q, 2);
    } else {
      std::memcpy(bytes.data() + 4 * i, &x[i], 4);
    }
  }
  return bytes;
}

bool EvaluateTflite(const std::vector<uint8_t>& model, const Dataset& data, const std::vector<int>& indices_in,
                    float* accuracy, std::vector<int>* predictions, std::string* error) {
  std::vector<int> indices = indices_in;
  if (indices.empty())
    for (int i = 0; i < data.size(); ++i) indices.push_back(i);
  const int n = static_cast<int>(indices.size());
  std::vector<int> preds(n, -1);
  std::string errors[kChunks];
  ParallelChunks(n, [&](int chunk, int begin, int end) {
    AlignedBytes bytes(model.size());
    std::memcpy(bytes.data(), model.data(), model.size());
    auto m = HostModel::FromBytes(std::move(bytes), &errors[chunk], size_t{4} << 20);
    if (!m) return;
    Tensor* in = m->interpreter().input(0);
    if (in->NumElements() != data.shape.size()) {
      errors[chunk] = fmt::format("the model's input has {} values, the data's samples {}", in->NumElements(),
                                  data.shape.size());
      return;
    }
    for (int i = begin; i < end; ++i) {
      if (!m->SetInput(0, InputBytes(*in, data.sample(indices[i]), data.shape.size()), &errors[chunk]) ||
          !m->Invoke(&errors[chunk]))
        return;
      const Tensor* out = m->interpreter().output(0);
      preds[i] = ArgMax(out->data, out->type, static_cast<int>(out->NumElements()));
    }
  });
  for (const std::string& e : errors)
    if (!e.empty()) {
      *error = e;
      return false;
    }
  int correct = 0;
  for (int i = 0; i < n; ++i) correct += preds[i] == data.y[indices[i]];
  *accuracy = n ? static_cast<float>(correct) / static_cast<float>(n) : 0.0f;
  if (predictions) *predictions = std::move(preds);
  return true;
}

bool Quantize(const std::vector<uint8_t>& float_model, const Dataset& data, const QuantizeOptions& o,
              QuantizeResult* result, std::string* error) {
  Network net;
  if (!ImportTflite(float_model.data(), float_model.size(), &net, error)) return false;
  if (!(net.input() == data.shape) && net.input().size() != data.shape.size()) {
    *error = fmt::format("the model takes {}x{}x{} inputs, the calibration data has {}x{}x{}", net.input().h,
                         net.input().w, net.input().c, data.shape.h, data.shape.w, data.shape.c);
    return false;
  }
  if (net.output().size() < data.classes) {
    *error = fmt::format("the model has {} outputs, the data {} classes", net.output().size(), data.classes);
    return false;
  }
  if (data.size() < 2 || o.calibration_samples < 1 || o.evaluation_samples < 1 || o.methods.empty()) {
    *error = "quantize needs at least two samples, and calibration/evaluation counts >= 1";
    return false;
  }
  std::vector<Stage> stages;
  if (!PlanStages(net, &stages, error)) return false;

  // Calibration and evaluation samples: disjoint parts of one seeded permutation.
  std::vector<int> order(data.size());
  for (int i = 0; i < data.size(); ++i) order[i] = i;
  Rng rng(o.seed);
  rng.Shuffle(order);
  const int calib = std::min(o.calibration_samples, data.size() / 2);
  const int eval = std::min(o.evaluation_samples, data.size() - calib);
  const std::vector<int> calib_idx(order.begin(), order.begin() + calib);
  const std::vector<int> eval_idx(order.begin() + calib, order.begin() + calib + eval);
  *result = QuantizeResult();
  result->calibration_samples = calib;
  result->evaluation_samples = eval;

  Range input{0, 0};
  std::vector<ActivationSamples> seen(stages.size());
  Batch x;
  std::vector<int> labels;
  for (int start = 0; start < calib; start += 100) {
    const int end = std::min(calib, start + 100);
    GatherBatch(data, calib_idx, start, end, &x, &labels);
    x.s = net.input();
    for (float v : x.v) input.lo = std::min(input.lo, v), input.hi = std::max(input.hi, v);
    net.Forward(x, false);
    for (size_t s = 0; s < stages.size(); ++s) {
      const Batch& a = net.activation(stages[s].output_layer);
      seen[s].values.insert(seen[s].values.end(), a.v.begin(), a.v.end());
    }
  }
  Dataset eval_data = data;  // the network may see the samples in its own shape
  eval_data.shape = net.input();
  result->float_accuracy = Evaluate(net, eval_data, eval_idx).accuracy;

  for (RangeMethod m : o.methods) {
    QuantSpec spec;
    spec.int16 = o.int16;
    spec.input = input;
    for (const auto& s : seen) spec.stage_outputs.push_back(s.Pick(m, o.int16));
    Candidate c;
    c.method = m;
    const std::string description =
        fmt::format("mote quantize: {} post-training quantization, {} ranges from {} samples",
                    o.int16 ? "int16x8" : "int8", RangeMethodName(m), calib);
    if (!ExportTflite(net, &spec, description, &c.tflite, error)) return false;
    if (!EvaluateTflite(c.tflite, eval_data, eval_idx, &c.accuracy, nullptr, error)) {
      *error = fmt::format("running the {} candidate: {}", RangeMethodName(m), *error);
      return false;
    }
    result->candidates.push_back(std::move(c));
  }
  for (size_t i = 1; i < result->candidates.size(); ++i)
    if (result->candidates[i].accuracy > result->candidates[result->chosen].accuracy) result->chosen = i;
  return true;
}

}  // namespace mote::train
