#include "train/export.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <flatbuffers/flatbuffers.h>
#include <fmt/format.h>

#include "compiler/tflite_writer.h"

namespace mote::train {
namespace {

using tflite::ActivationFunctionType;
using tflite::BuiltinOperator;

template <typename T>
const T* LayerAs(const Network& net, size_t i) {
  return i < net.layers().size() ? dynamic_cast<const T*>(net.layers()[i].get()) : nullptr;
}

ActivationFunctionType TfliteActivation(FusedActivation a) {
  switch (a) {
    case FusedActivation::kRelu: return ActivationFunctionType::RELU;
    case FusedActivation::kRelu6: return ActivationFunctionType::RELU6;
    default: return ActivationFunctionType::NONE;
  }
}

tflite::Padding TflitePadding(Padding p) { return p == Padding::kSame ? tflite::Padding::SAME : tflite::Padding::VALID; }

// The op versions TFLite's converter records for these (op, type) pairs.
int32_t OpVersion(BuiltinOperator op, bool quantized, bool int16) {
  if (!quantized) return 1;
  switch (op) {
    case BuiltinOperator::CONV_2D: return int16 ? 4 : 3;
    case BuiltinOperator::DEPTHWISE_CONV_2D: return int16 ? 5 : 3;
    case BuiltinOperator::FULLY_CONNECTED: return int16 ? 7 : 4;
    case BuiltinOperator::MAX_POOL_2D:
    case BuiltinOperator::AVERAGE_POOL_2D: return int16 ? 3 : 2;
    case BuiltinOperator::SOFTMAX: return int16 ? 3 : 2;
    default: return 1;
  }
}

// Symmetric int8 per slice: `slices` scales over weights laid out so that slice s of element i
// is slice_of(i).
template <typename SliceOf>
std::vector<float> SymmetricScales(const std::vector<float>& w, int slices, SliceOf slice_of, std::vector<int8_t>* q) {
  std::vector<float> max_abs(slices, 0.0f);
  for (size_t i = 0; i < w.size(); ++i) max_abs[slice_of(i)] = std::max(max_abs[slice_of(i)], std::fabs(w[i]));
  std::vector<float> scales(slices);
  // An all-zero channel still needs a positive scale; any value gives zero weights.
  for (int s = 0; s < slices; ++s) scales[s] = max_abs[s] > 0 ? max_abs[s] / 127.0f : 1e-8f;
  q->resize(w.size());
  for (size_t i = 0; i < w.size(); ++i) {
    const float v = std::round(w[i] / scales[slice_of(i)]);
    (*q)[i] = static_cast<int8_t>(std::clamp(v, -127.0f, 127.0f));
  }
  return scales;
}

struct Writer {
  const Network& net;
  const QuantSpec* q;
  TfliteBuilder b;
  int32_t current = -1;       // tensor holding the latest output
  QuantParams current_q;      // its quantization (quantized models)
  bool rank2 = false;         // the latest output is [1, n] (after a dense layer)

  bool quantized() const { return q != nullptr; }
  bool int16() const { return q && q->int16; }
  DType ActType() const { return !q ? DType::kFloat32 : (q->int16 ? DType::kInt16 : DType::kInt8); }

  int32_t Activation(const std::string& name, std::vector<int32_t> shape, QuantParams p) {
    if (!quantized()) return b.AddTensor(name, DType::kFloat32, std::move(shape));
    return b.AddTensor(name, ActType(), std::move(shape), {p.scale}, {p.zero_point});
  }
  void Op(BuiltinOperator op, std::vector<int32_t> inputs, int32_t output, tflite::BuiltinOptionsUnion options) {
    b.AddOp(op, std::move(inputs), {output}, std::move(options), OpVersion(op, quantized(), int16()));
  }

  void Input() {
    const SampleShape s = net.input();
    current_q = quantized() ? ActivationParams(q->input, int16()) : QuantParams{};
    current = Activation("input", {1, s.h, s.w, s.c}, current_q);
  }

  void Flatten(const std::string& name, int size) {
    if (rank2) return;
    const int32_t shape = b.AddConstant<int32_t>(name + "/shape", DType::kInt32, {2}, {1, size});
    const int32_t out = Activation(name + "/flatten", {1, size}, current_q);
    tflite::BuiltinOptionsUnion u;
    auto* o = new tflite::ReshapeOptionsT();
    o->new_shape = {1, size};
    u.type = tflite::BuiltinOptions::ReshapeOptions;
    u.value = o;
    Op(BuiltinOperator::RESHAPE, {current, shape}, out, std::move(u));
    current = out;
    rank2 = true;
  }

  // Weights and bias constants of a conv/depthwise/dense stage.
  std::pair<int32_t, int32_t> WeightsAndBias(const std::string& name, const Stage& s, std::vector<int32_t> wshape,
                                             int out_channels) {
    std::vector<float> w, bias;
    FoldedWeights(net, s, &w, &bias);
    if (!quantized())
      return {b.AddConstant(name + "/weights", DType::kFloat32, wshape, w),
              b.AddConstant(name + "/bias", DType::kFloat32, {out_channels}, bias)};
    std::vector<int8_t> wq;
    std::vector<float> scales;
    int32_t axis = 0;
    const size_t per_out = w.size() / out_channels;
    if (s.kind == Stage::Kind::kConv) {
      scales = SymmetricScales(w, out_channels, [&](size_t i) { return static_cast<int>(i / per_out); }, &wq);
    } else if (s.kind == Stage::Kind::kDepthwise) {
      axis = 3;  // 1HWC: the channel is the fastest index
      scales = SymmetricScales(w, out_channels, [&](size_t i) { return static_cast<int>(i % out_channels); }, &wq);
    } else {
      scales = SymmetricScales(w, 1, [](size_t) { return 0; }, &wq);  // dense: per tensor
    }
    const int32_t wt = b.AddConstant(name + "/weights", DType::kInt8, wshape, wq, scales,
                                     std::vector<int64_t>(scales.size(), 0), axis);
    std::vector<float> bias_scales(out_channels);
    for (int c = 0; c < out_channels; ++c) bias_scales[c] = current_q.scale * scales[scales.size() == 1 ? 0 : c];
    std::vector<int64_t> bq(out_channels);
    for (int c = 0; c < out_channels; ++c) bq[c] = std::llround(static_cast<double>(bias[c]) / bias_scales[c]);
    if (scales.size() == 1) bias_scales.resize(1);
    int32_t bt;
    if (int16()) {
      bt = b.AddConstant(name + "/bias", DType::kInt64, {out_channels}, bq, bias_scales, {}, 0);
    } else {
      std::vector<int32_t> b32(out_channels);
      for (int c = 0; c < out_channels; ++c)
        b32[c] = static_cast<int32_t>(std::clamp<int64_t>(bq[c], INT32_MIN, INT32_MAX));
      bt = b.AddConstant(name + "/bias", DType::kInt32, {out_channels}, b32, bias_scales, {}, 0);
    }
    return {wt, bt};
  }

  bool StageOp(const Stage& s, size_t index, std::string* error) {
    const SampleShape in = net.InputOf(s.layer), out = net.InputOf(s.output_layer + 1);
    QuantParams out_q = current_q;  // pooling keeps its input's quantization, as TFLite requires
    const bool pooling = s.kind == Stage::Kind::kMaxPool || s.kind == Stage::Kind::kAveragePool;
    if (quantized() && !pooling) {
      if (index >= q->stage_outputs.size()) {
        *error = fmt::format("quantization: no range for op {}", index);
        return false;
      }
      out_q = ActivationParams(q->stage_outputs[index], int16());
    }
    tflite::BuiltinOptionsUnion u;
    switch (s.kind) {
      case Stage::Kind::kConv: {
        const auto* c = LayerAs<Conv2D>(net, s.layer);
        const std::string name = fmt::format("conv2d_{}", index);
        const auto [w, bias] = WeightsAndBias(name, s, {c->out_c, c->kh, c->kw, c->in_c}, c->out_c);
        const int32_t y = Activation(name, {1, out.h, out.w, out.c}, out_q);
        auto* o = new tflite::Conv2DOptionsT();
        o->padding = TflitePadding(c->pad);
        o->stride_w = o->stride_h = c->stride;
        o->fused_activation_function = TfliteActivation(s.activation);
        u.type = tflite::BuiltinOptions::Conv2DOptions;
        u.value = o;
        Op(BuiltinOperator::CONV_2D, {current, w, bias}, y, std::move(u));
        current = y;
        break;
      }
      case Stage::Kind::kDepthwise: {
        const auto* d = LayerAs<DepthwiseConv2D>(net, s.layer);
        const std::string name = fmt::format("depthwise_conv2d_{}", index);
        const auto [w, bias] = WeightsAndBias(name, s, {1, d->kh, d->kw, d->channels}, d->channels);
        const int32_t y = Activation(name, {1, out.h, out.w, out.c}, out_q);
        auto* o = new tflite::DepthwiseConv2DOptionsT();
        o->padding = TflitePadding(d->pad);
        o->stride_w = o->stride_h = d->stride;
        o->depth_multiplier = 1;
        o->fused_activation_function = TfliteActivation(s.activation);
        u.type = tflite::BuiltinOptions::DepthwiseConv2DOptions;
        u.value = o;
        Op(BuiltinOperator::DEPTHWISE_CONV_2D, {current, w, bias}, y, std::move(u));
        current = y;
        break;
      }
      case Stage::Kind::kDense: {
        const auto* d = LayerAs<Dense>(net, s.layer);
        const std::string name = fmt::format("dense_{}", index);
        Flatten(name, d->inputs);
        const auto [w, bias] = WeightsAndBias(name, s, {d->units, d->inputs}, d->units);
        const int32_t y = Activation(name, {1, d->units}, out_q);
        auto* o = new tflite::FullyConnectedOptionsT();
        o->fused_activation_function = TfliteActivation(s.activation);
        u.type = tflite::BuiltinOptions::FullyConnectedOptions;
        u.value = o;
        Op(BuiltinOperator::FULLY_CONNECTED, {current, w, bias}, y, std::move(u));
        current = y;
        break;
      }
      case Stage::Kind::kMaxPool:
      case Stage::Kind::kAveragePool: {
        const auto* p = LayerAs<Pool2D>(net, s.layer);
        if (rank2) {
          *error = "pooling after a dense layer cannot be exported";
          return false;
        }
        const bool is_max = s.kind == Stage::Kind::kMaxPool;
        const std::string name = fmt::format("{}_{}", is_max ? "max_pool" : "average_pool", index);
        const int32_t y = Activation(name, {1, out.h, out.w, out.c}, out_q);
        auto* o = new tflite::Pool2DOptionsT();
        o->padding = tflite::Padding::VALID;
        o->filter_height = p->KernelH(in);
        o->filter_width = p->KernelW(in);
        o->stride_h = p->StrideH(in);
        o->stride_w = p->StrideW(in);
        u.type = tflite::BuiltinOptions::Pool2DOptions;
        u.value = o;
        Op(is_max ? BuiltinOperator::MAX_POOL_2D : BuiltinOperator::AVERAGE_POOL_2D, {current}, y, std::move(u));
        current = y;
        break;
      }
    }
    current_q = out_q;
    return true;
  }

  void Softmax() {
    const int classes = net.output().size();
    Flatten("logits", classes);
    QuantParams p;
    if (quantized()) p = int16() ? QuantParams{1.0f / 32768.0f, 0} : QuantParams{1.0f / 256.0f, -128};
    const int32_t y = Activation("probabilities", {1, classes}, p);
    tflite::BuiltinOptionsUnion u;
    auto* o = new tflite::SoftmaxOptionsT();
    o->beta = 1.0f;
    u.type = tflite::BuiltinOptions::SoftmaxOptions;
    u.value = o;
    const int32_t in = current;
    Op(BuiltinOperator::SOFTMAX, {in}, y, std::move(u));
    current = y;
  }
};

}  // namespace

QuantParams ActivationParams(Range r, bool int16) {
  const float lo = std::min(r.lo, 0.0f), hi = std::max(r.hi, 0.0f);
  if (int16) {
    const float m = std::max(std::max(-lo, hi), 1e-8f);
    return {m / 32767.0f, 0};
  }
  const float scale = std::max(hi - lo, 1e-8f) / 255.0f;
  const int32_t zp = static_cast<int32_t>(std::lround(-128.0 - static_cast<double>(lo) / scale));
  return {scale, std::clamp(zp, -128, 127)};
}

bool PlanStages(const Network& net, std::vector<Stage>* stages, std::string* error) {
  stages->clear();
  const size_t n = net.layers().size();
  for (size_t i = 0; i < n;) {
    Stage s;
    s.layer = i;
    if (LayerAs<Conv2D>(net, i)) s.kind = Stage::Kind::kConv;
    else if (LayerAs<DepthwiseConv2D>(net, i)) s.kind = Stage::Kind::kDepthwise;
    else if (LayerAs<Dense>(net, i)) s.kind = Stage::Kind::kDense;
    else if (const auto* p = LayerAs<Pool2D>(net, i)) s.kind = p->kind == PoolKind::kMax ? Stage::Kind::kMaxPool : Stage::Kind::kAveragePool;
    else if (LayerAs<Dropout>(net, i)) {
      ++i;  // inference: identity
      continue;
    } else {
      *error = fmt::format("layer {} ({}) must follow a convolution or dense layer to be exported", i,
                           net.layers()[i]->Describe());
      return false;
    }
    size_t j = i + 1;
    const bool has_weights = s.kind == Stage::Kind::kConv || s.kind == Stage::Kind::kDepthwise || s.kind == Stage::Kind::kDense;
    if (has_weights && LayerAs<BatchNorm>(net, j)) s.batch_norm = static_cast<int>(j++);
    if (has_weights)
      if (const auto* r = LayerAs<Relu>(net, j)) {
        s.activation = r->cap6 ? FusedActivation::kRelu6 : FusedActivation::kRelu;
        ++j;
      }
    s.output_layer = j - 1;
    while (LayerAs<Dropout>(net, j)) s.output_layer = j++;  // the same values at inference
    stages->push_back(s);
    i = j;
  }
  if (stages->empty()) {
    *error = "the network has no layers to export";
    return false;
  }
  return true;
}

void FoldedWeights(const Network& net, const Stage& s, std::vector<float>* weights, std::vector<float>* bias) {
  int out_channels = 0;
  bool channel_fastest = false;  // depthwise 1HWC: channel = index % C; otherwise index / per_out
  if (const auto* c = LayerAs<Conv2D>(net, s.layer)) *weights = c->w.value, *bias = c->b.value, out_channels = c->out_c;
  if (const auto* d = LayerAs<DepthwiseConv2D>(net, s.layer))
    *weights = d->w.value, *bias = d->b.value, out_channels = d->channels, channel_fastest = true;
  if (const auto* d = LayerAs<Dense>(net, s.layer)) *weights = d->w.value, *bias = d->b.value, out_channels = d->units;
  const auto* bn = s.batch_norm >= 0 ? LayerAs<BatchNorm>(net, static_cast<size_t>(s.batch_norm)) : nullptr;
  if (!bn) return;
  // y = gamma * (x - mean) / sqrt(var + eps) + beta with x = w.in + b.
  std::vector<float> k(out_channels);
  for (int c = 0; c < out_channels; ++c) {
    k[c] = bn->gamma.value[c] / std::sqrt(bn->running_var[c] + bn->epsilon);
    (*bias)[c] = ((*bias)[c] - bn->running_mean[c]) * k[c] + bn->beta.value[c];
  }
  const size_t per_out = weights->size() / out_channels;
  for (size_t i = 0; i < weights->size(); ++i)
    (*weights)[i] *= k[channel_fastest ? i % out_channels : i / per_out];
}

bool ExportTflite(const Network& net, const QuantSpec* quant, const std::string& description,
                  std::vector<uint8_t>* out, std::string* error) {
  std::vector<Stage> stages;
  if (!PlanStages(net, &stages, error)) return false;
  Writer w{net, quant, {}, -1, {}, false};
  w.b.SetDescription(description);
  w.Input();
  const int32_t input = w.current;
  for (size_t i = 0; i < stages.size(); ++i)
    if (!w.StageOp(stages[i], i, error)) return false;
  w.Softmax();
  w.b.SetInputs({input});
  w.b.SetOutputs({w.current});
  *out = w.b.Finish();
  return true;
}

// ---- import ---------------------------------------------------------------------------------

namespace {

struct Importer {
  const tflite::ModelT& m;
  const tflite::SubGraphT& g;
  Network* net;
  std::string* error;

  bool Fail(const std::string& msg) {
    *error = msg;
    return false;
  }
  const tflite::TensorT* TensorAt(int32_t i) const {
    return i >= 0 && static_cast<size_t>(i) < g.tensors.size() ? g.tensors[i].get() : nullptr;
  }
  // A float32 constant's values, checked against `count`.
  bool Floats(int32_t index, size_t count, std::vector<float>* out, const char* what, size_t op) {
    const tflite::TensorT* t = TensorAt(index);
    if (!t || t->type != tflite::TensorType::FLOAT32 || t->buffer >= m.buffers.size() || !m.buffers[t->buffer])
      return Fail(fmt::format("op {}: {} is not a float32 constant (quantize a float model)", op, what));
    const auto& data = m.buffers[t->buffer]->data;
    if (data.size() != count * sizeof(float))
      return Fail(fmt::format("op {}: {} has {} bytes, expected {}", op, what, data.size(), count * sizeof(float)));
    out->resize(count);
    std::memcpy(out->data(), data.data(), data.size());
    return true;
  }
  bool AddActivation(ActivationFunctionType a, size_t op) {
    if (a == ActivationFunctionType::NONE) return true;
    if (a != ActivationFunctionType::RELU && a != ActivationFunctionType::RELU6)
      return Fail(fmt::format("op {}: fused activation {} is not supported", op, tflite::EnumNameActivationFunctionType(a)));
    return net->Add(std::make_unique<Relu>(a == ActivationFunctionType::RELU6), error);
  }
  static Padding PaddingOf(tflite::Padding p) { return p == tflite::Padding::SAME ? Padding::kSame : Padding::kValid; }

  bool Op(size_t index, const tflite::OperatorT& op) {
    if (op.opcode_index >= m.operator_codes.size()) return Fail(fmt::format("op {}: bad opcode index", index));
    const auto code = std::max(m.operator_codes[op.opcode_index]->builtin_code,
                               static_cast<tflite::BuiltinOperator>(m.operator_codes[op.opcode_index]->deprecated_builtin_code));
    const SampleShape in = net->output();
    const auto input_count = op.inputs.size();
    switch (code) {
      case BuiltinOperator::CONV_2D: {
        const auto* o = op.builtin_options.AsConv2DOptions();
        const auto* w = input_count >= 2 ? TensorAt(op.inputs[1]) : nullptr;
        if (!o || !w || w->shape.size() != 4) return Fail(fmt::format("op {} CONV_2D: missing options or filter", index));
        if (o->stride_w != o->stride_h || o->dilation_w_factor != 1 || o->dilation_h_factor != 1)
          return Fail(fmt::format("op {} CONV_2D: only equal strides and no dilation are supported", index));
        auto c = std::make_unique<Conv2D>(w->shape[3], w->shape[0], w->shape[1], w->shape[2], o->stride_w, PaddingOf(o->padding));
        if (!Floats(op.inputs[1], c->w.value.size(), &c->w.value, "filter", index)) return false;
        if (input_count >= 3 && op.inputs[2] >= 0 && !Floats(op.inputs[2], c->b.value.size(), &c->b.value, "bias", index))
          return false;
        return net->Add(std::move(c), error) && AddActivation(o->fused_activation_function, index);
      }
      case BuiltinOperator::DEPTHWISE_CONV_2D: {
        const auto* o = op.builtin_options.AsDepthwiseConv2DOptions();
        const auto* w = input_count >= 2 ? TensorAt(op.inputs[1]) : nullptr;
        if (!o || !w || w->shape.size() != 4) return Fail(fmt::format("op {} DEPTHWISE_CONV_2D: missing options or filter", index));
        if (o->stride_w != o->stride_h || o->dilation_w_factor != 1 || o->dilation_h_factor != 1 || w->shape[3] != in.c)
          return Fail(fmt::format("op {} DEPTHWISE_CONV_2D: only multiplier 1, equal strides, no dilation", index));
        auto d = std::make_unique<DepthwiseConv2D>(in.c, w->shape[1], w->shape[2], o->stride_w, PaddingOf(o->padding));
        if (!Floats(op.inputs[1], d->w.value.size(), &d->w.value, "filter", index)) return false;
        if (input_count >= 3 && op.inputs[2] >= 0 && !Floats(op.inputs[2], d->b.value.size(), &d->b.value, "bias", index))
          return false;
        return net->Add(std::move(d), error) && AddActivation(o->fused_activation_function, index);
      }
      case BuiltinOperator::FULLY_CONNECTED: {
        const auto* o = op.builtin_options.AsFullyConnectedOptions();
        const auto* w = input_count >= 2 ? TensorAt(op.inputs[1]) : nullptr;
        if (!w || w->shape.size() != 2) return Fail(fmt::format("op {} FULLY_CONNECTED: missing filter", index));
        auto d = std::make_unique<Dense>(w->shape[1], w->shape[0]);
        if (!Floats(op.inputs[1], d->w.value.size(), &d->w.value, "weights", index)) return false;
        if (input_count >= 3 && op.inputs[2] >= 0 && !Floats(op.inputs[2], d->b.value.size(), &d->b.value, "bias", index))
          return false;
        return net->Add(std::move(d), error) &&
               AddActivation(o ? o->fused_activation_function : ActivationFunctionType::NONE, index);
      }
      case BuiltinOperator::MAX_POOL_2D:
      case BuiltinOperator::AVERAGE_POOL_2D: {
        const auto* o = op.builtin_options.AsPool2DOptions();
        if (!o || o->padding != tflite::Padding::VALID || o->fused_activation_function != ActivationFunctionType::NONE)
          return Fail(fmt::format("op {}: only VALID pooling without activation is supported", index));
        const PoolKind kind = code == BuiltinOperator::MAX_POOL_2D ? PoolKind::kMax : PoolKind::kAverage;
        return net->Add(std::make_unique<Pool2D>(kind, o->filter_height, o->filter_width, o->stride_h, o->stride_w), error);
      }
      case BuiltinOperator::RESHAPE:
        return true;  // a flatten before a dense layer, which flattens anyway
      case BuiltinOperator::SOFTMAX:
        if (index + 1 != g.operators.size()) return Fail(fmt::format("op {}: SOFTMAX must be the last op", index));
        return true;
      default:
        return Fail(fmt::format("op {}: {} is not supported by mote quantize", index, tflite::EnumNameBuiltinOperator(code)));
    }
  }
};

}  // namespace

bool ImportTflite(const uint8_t* data, size_t size, Network* net, std::string* error) {
  flatbuffers::Verifier verifier(data, size);
  if (size < 8 || !tflite::VerifyModelBuffer(verifier)) {
    *error = "not a valid .tflite file";
    return false;
  }
  const std::unique_ptr<tflite::ModelT> m(tflite::GetModel(data)->UnPack());
  if (m->subgraphs.size() != 1) {
    *error = "only models with one subgraph are supported";
    return false;
  }
  const tflite::SubGraphT& g = *m->subgraphs[0];
  if (g.inputs.size() != 1 || g.outputs.size() != 1) {
    *error = "only models with one input and one output are supported";
    return false;
  }
  const tflite::TensorT* in = g.inputs[0] >= 0 && static_cast<size_t>(g.inputs[0]) < g.tensors.size() ? g.tensors[g.inputs[0]].get() : nullptr;
  if (!in || in->type != tflite::TensorType::FLOAT32 || in->shape.size() < 2 || in->shape.size() > 4 || in->shape[0] != 1) {
    *error = "the input must be a float32 tensor [1, ...] of rank 2 to 4 (quantize a float model)";
    return false;
  }
  SampleShape s;
  const auto& d = in->shape;
  if (d.size() == 2) s = {1, 1, d[1]};
  if (d.size() == 3) s = {1, d[1], d[2]};
  if (d.size() == 4) s = {d[1], d[2], d[3]};
  if (s.h <= 0 || s.w <= 0 || s.c <= 0) {
    *error = "the input shape has a non-positive dimension";
    return false;
  }
  *net = Network(s, 0);
  Importer imp{*m, g, net, error};
  int32_t previous = g.inputs[0];
  for (size_t i = 0; i < g.operators.size(); ++i) {
    const auto& op = *g.operators[i];
    if (op.inputs.empty() || op.outputs.size() != 1 || op.inputs[0] != previous) {
      *error = fmt::format("op {}: not a chain (each op must read the previous op's output)", i);
      return false;
    }
    if (!imp.Op(i, op)) return false;
    previous = op.outputs[0];
  }
  if (previous != g.outputs[0]) {
    *error = "the last op's output is not the model's output";
    return false;
  }
  if (net->layers().empty()) {
    *error = "the model has no layers mote quantize understands";
    return false;
  }
  net->set_classes(net->output().size());
  return true;
}

}  // namespace mote::train
