#include "compiler/graph.h"

#include <fmt/format.h>

#include "runtime/op_kernel.h"
#include "runtime/schema/model_access.h"

namespace mote {

int64_t TensorInfo::NumElements() const {
  int64_t n = 1;
  for (int32_t d : shape) n = SaturatingMul(n, d);
  return n;
}

std::string ShapeString(const std::vector<int32_t>& shape) {
  if (shape.empty()) return "scalar";
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? "x" : "") + std::to_string(shape[i]);
  return s;
}

namespace {

bool Fail(std::string* error, std::string msg) {
  *error = std::move(msg);
  return false;
}

std::string TensorLabel(const Graph& g, int32_t t) {
  const std::string& n = g.tensors[t].name;
  return n.empty() ? fmt::format("tensor {}", t) : fmt::format("tensor {} '{}'", t, n);
}

bool ImportTensors(const tflite::Model* model, const tflite::SubGraph* sg, Graph* g, std::string* error) {
  const auto* tensors = sg->tensors();
  const auto* buffers = model->buffers();
  const size_t num_buffers = buffers ? buffers->size() : 0;
  if (!tensors) return true;
  for (flatbuffers::uoffset_t i = 0; i < tensors->size(); ++i) {
    const tflite::Tensor* ft = tensors->Get(i);
    TensorInfo t;
    t.name = ft->name() ? ft->name()->str() : "";
    const std::string label = t.name.empty() ? fmt::format("tensor {}", i) : fmt::format("tensor {} '{}'", i, t.name);
    t.type = static_cast<DType>(ft->type());
    if (DTypeSize(t.type) == 0)
      return Fail(error, fmt::format("{}: unsupported dtype {}", label, tflite::EnumNameTensorType(ft->type())));
    if (ft->sparsity()) return Fail(error, fmt::format("{}: sparse tensors are not supported", label));
    if (ft->shape()) {
      if (ft->shape()->size() > static_cast<flatbuffers::uoffset_t>(kMaxRank))
        return Fail(error, fmt::format("{}: rank {} is above mote's limit of {}", label, ft->shape()->size(), kMaxRank));
      for (int32_t d : *ft->shape()) {
        if (d < 0) return Fail(error, fmt::format("{}: dynamic dimension {} is not supported", label, d));
        t.shape.push_back(d);
      }
    }
    if (t.NumElements() > (int64_t{1} << 31)) return Fail(error, fmt::format("{}: tensor too large", label));
    if (const auto* q = ft->quantization()) {
      if (q->scale()) t.scales.assign(q->scale()->begin(), q->scale()->end());
      if (const auto* zps = q->zero_point())
        for (flatbuffers::uoffset_t z = 0; z < zps->size(); ++z) t.zero_points.push_back(ZeroPointAt(*zps, z));
      t.quant_axis = q->quantized_dimension();
      for (float sc : t.scales)
        if (!(sc >= 0.0f && sc <= 3.0e38f)) return Fail(error, fmt::format("{}: quantization scale {} is negative or not finite", label, sc));
      const int64_t zp_lo = t.type == DType::kInt8 ? -128 : t.type == DType::kUInt8 ? 0 : t.type == DType::kInt16 ? -32768 : INT32_MIN;
      const int64_t zp_hi = t.type == DType::kInt8 ? 127 : t.type == DType::kUInt8 ? 255 : t.type == DType::kInt16 ? 32767 : INT32_MAX;
      for (int64_t zp : t.zero_points)
        if (zp < zp_lo || zp > zp_hi)
          return Fail(error, fmt::format("{}: zero point {} is outside the {} range", label, zp, DTypeName(t.type)));
      // Some converters leave a 1-D bias with its filter's quantized_dimension: normalise.
      if (t.scales.size() > 1 && t.shape.size() == 1 && t.shape[0] == static_cast<int32_t>(t.scales.size()))
        t.quant_axis = 0;
      if (t.scales.size() > 1 &&
          (t.quant_axis < 0 || t.quant_axis >= static_cast<int32_t>(t.shape.size()) ||
           t.shape[t.quant_axis] != static_cast<int32_t>(t.scales.size())))
        return Fail(error, fmt::format("{}: {} per-channel scales do not match quantized dimension {}", label,
                                       t.scales.size(), t.quant_axis));
    }
    t.is_variable = ft->is_variable();
    if (ft->buffer() >= num_buffers && ft->buffer() != 0)
      return Fail(error, fmt::format("{}: buffer index {} out of range ({} buffers)", label, ft->buffer(), num_buffers));
    if (ft->buffer() < num_buffers) {
      const auto* data = buffers->Get(ft->buffer())->data();
      if (data && data->size() > 0) {
        if (data->size() != t.Bytes())
          return Fail(error, fmt::format("{}: constant data has {} bytes, shape {} {} needs {}", label, data->size(),
                                         ShapeString(t.shape), DTypeName(t.type), t.Bytes()));
        t.data = data->data();
        t.data_bytes = data->size();
      }
    }
    g->tensors.push_back(std::move(t));
  }
  return true;
}

bool ImportOps(const tflite::Model* model, const tflite::SubGraph* sg, Graph* g, std::string* error) {
  const auto* ops = sg->operators();
  const auto* codes = model->operator_codes();
  if (!ops) return true;
  const int32_t num_tensors = static_cast<int32_t>(g->tensors.size());
  for (flatbuffers::uoffset_t n = 0; n < ops->size(); ++n) {
    const tflite::Operator* fo = ops->Get(n);
    OpInfo op;
    if (!codes || fo->opcode_index() >= codes->size())
      return Fail(error, fmt::format("op {}: operator code index {} out of range", n, fo->opcode_index()));
    const tflite::OperatorCode* code = codes->Get(fo->opcode_index());
    op.builtin_code = std::max<int32_t>(code->deprecated_builtin_code(), static_cast<int32_t>(code->builtin_code()));
    op.name = BuiltinOpName(op.builtin_code);
    if (op.builtin_code == static_cast<int32_t>(tflite::BuiltinOperator::CUSTOM))
      op.name = fmt::format("CUSTOM '{}'", code->custom_code() ? code->custom_code()->str() : "");
    op.version = code->version();
    if (fo->inputs()) op.inputs.assign(fo->inputs()->begin(), fo->inputs()->end());
    if (fo->outputs()) op.outputs.assign(fo->outputs()->begin(), fo->outputs()->end());
    for (int32_t t : op.inputs)
      if (t < -1 || t >= num_tensors)
        return Fail(error, fmt::format("op {} ({}): input tensor index {} out of range ({} tensors)", n, op.name, t, num_tensors));
    for (int32_t t : op.outputs)
      if (t < 0 || t >= num_tensors)
        return Fail(error, fmt::format("op {} ({}): output tensor index {} out of range ({} tensors)", n, op.name, t, num_tensors));
    // A union may name its type yet carry no table (the Verifier accepts that): no options then.
    if (fo->builtin_options()) {
      op.options.type = fo->builtin_options_type();
      op.options.value = tflite::BuiltinOptionsUnion::UnPack(fo->builtin_options(), fo->builtin_options_type(), nullptr);
    }
    g->ops.push_back(std::move(op));
  }
  return true;
}

// Ops run in file order, so every tensor must be written before it is read: this rejects cycles.
bool CheckDataflow(Graph* g, std::string* error) {
  std::vector<int> writer(g->tensors.size(), -2);  // -2 unwritten, -1 input/constant/state
  for (int32_t t : g->inputs) writer[t] = -1;
  for (size_t t = 0; t < g->tensors.size(); ++t)
    if (g->tensors[t].is_constant() || g->tensors[t].is_variable) writer[t] = -1;
  for (size_t n = 0; n < g->ops.size(); ++n) {
    const OpInfo& op = g->ops[n];
    for (int32_t t : op.inputs)
      if (t >= 0 && writer[t] == -2)
        return Fail(error, fmt::format("op {} ({}): reads {} before any op writes it (cycle or dangling input)", n,
                                       op.name, TensorLabel(*g, t)));
    for (int32_t t : op.outputs) {
      if (g->tensors[t].is_constant())
        return Fail(error, fmt::format("op {} ({}): writes constant {}", n, op.name, TensorLabel(*g, t)));
      if (writer[t] >= 0)
        return Fail(error, fmt::format("op {} ({}): {} is already written by op {}", n, op.name, TensorLabel(*g, t), writer[t]));
      if (!g->tensors[t].is_variable) writer[t] = static_cast<int>(n);
    }
  }
  for (int32_t t : g->outputs)
    if (writer[t] == -2) return Fail(error, fmt::format("graph output {} is never written", TensorLabel(*g, t)));
  return true;
}

}  // namespace

bool ImportTflite(const uint8_t* data, size_t size, Graph* g, std::string* error) {
  *g = Graph();
  if (size < 8 || !flatbuffers::BufferHasIdentifier(data, tflite::ModelIdentifier()))
    return Fail(error, "not a TFLite model (file identifier is not TFL3)");
  flatbuffers::Verifier verifier(data, size, 64, 1000000);
  if (!tflite::VerifyModelBuffer(verifier))
    return Fail(error, "flatbuffer verification failed (truncated or corrupt .tflite)");
  const tflite::Model* model = tflite::GetModel(data);
  if (!model->subgraphs() || model->subgraphs()->size() == 0) return Fail(error, "model has no subgraph");
  const tflite::SubGraph* sg = model->subgraphs()->Get(0);
  if (model->description()) g->description = model->description()->str();
  if (!ImportTensors(model, sg, g, error)) return false;
  const int32_t num_tensors = static_cast<int32_t>(g->tensors.size());
  if (sg->inputs()) g->inputs.assign(sg->inputs()->begin(), sg->inputs()->end());
  if (sg->outputs()) g->outputs.assign(sg->outputs()->begin(), sg->outputs()->end());
  if (g->outputs.empty()) return Fail(error, "subgraph has no outputs");
  for (int32_t t : g->inputs)
    if (t < 0 || t >= num_tensors) return Fail(error, fmt::format("subgraph input index {} out of range", t));
  for (int32_t t : g->outputs)
    if (t < 0 || t >= num_tensors) return Fail(error, fmt::format("subgraph output index {} out of range", t));
  if (!ImportOps(model, sg, g, error)) return false;
  return CheckDataflow(g, error);
}

namespace {

const TensorInfo* In(const Graph& g, const OpInfo& op, size_t i) {
  return i < op.inputs.size() && op.inputs[i] >= 0 ? &g.tensors[op.inputs[i]] : nullptr;
}

}  // namespace

int64_t OpMacs(const Graph& g, const OpInfo& op) {
  using B = tflite::BuiltinOperator;
  const auto code = static_cast<B>(op.builtin_code);
  if (op.outputs.empty()) return 0;
  const TensorInfo& out = g.tensors[op.outputs[0]];
  switch (code) {
    case B::CONV_2D: {  // filter [O, H, W, I/groups]
      const TensorInfo* f = In(g, op, 1);
      if (!f || f->shape.size() != 4) return 0;
      return SaturatingMul(SaturatingMul(SaturatingMul(out.NumElements(), f->shape[1]), f->shape[2]), f->shape[3]);
    }
    case B::DEPTHWISE_CONV_2D: {  // filter [1, H, W, O]
      const TensorInfo* f = In(g, op, 1);
      if (!f || f->shape.size() != 4) return 0;
      return SaturatingMul(SaturatingMul(out.NumElements(), f->shape[1]), f->shape[2]);
    }
    case B::FULLY_CONNECTED: {
      const TensorInfo* f = In(g, op, 1);
      if (!f || f->shape.size() != 2) return 0;
      return SaturatingMul(out.NumElements(), f->shape[1]);
    }
    case B::TRANSPOSE_CONV: {  // filter [O, H, W, I]; every input element meets H*W*O weights
      const TensorInfo* f = In(g, op, 1);
      const TensorInfo* x = In(g, op, 2);
      if (!f || !x || f->shape.size() != 4) return 0;
      return SaturatingMul(SaturatingMul(SaturatingMul(x->NumElements(), f->shape[0]), f->shape[1]), f->shape[2]);
    }
    default:
      return 0;
  }
}

size_t OpParamBytes(const Graph& g, const OpInfo& op) {
  size_t bytes = 0;
  for (int32_t t : op.inputs)
    if (t >= 0 && g.tensors[t].is_constant()) bytes += g.tensors[t].data_bytes;
  return bytes;
}

std::string OpKey(const Graph& g, const OpInfo& op) {
  using B = tflite::BuiltinOperator;
  const auto code = static_cast<B>(op.builtin_code);
  // The data input: first non-constant input (TRANSPOSE_CONV: input 2, after output_shape).
  const TensorInfo* data = nullptr;
  if (code == B::TRANSPOSE_CONV) data = In(g, op, 2);
  for (size_t i = 0; !data && i < op.inputs.size(); ++i)
    if (op.inputs[i] >= 0 && !g.tensors[op.inputs[i]].is_constant()) data = &g.tensors[op.inputs[i]];
  if (!data) data = In(g, op, 0);
  if (!data) return op.name;
  std::string key = op.name + ":" + DTypeName(data->type);
  const bool weighted = code == B::CONV_2D || code == B::DEPTHWISE_CONV_2D || code == B::FULLY_CONNECTED ||
                        code == B::TRANSPOSE_CONV;
  if (weighted && data->type == DType::kInt16) return key + "x8";
  if (!op.outputs.empty()) {
    const DType out = g.tensors[op.outputs[0]].type;
    const bool converts = code == B::QUANTIZE || code == B::DEQUANTIZE;  // always shown as a conversion
    if (out != data->type || converts) key += std::string("->") + DTypeName(out);
  }
  return key;
}

}  // namespace mote
