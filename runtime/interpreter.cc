#include "runtime/interpreter.h"

#include <string.h>

#include "runtime/planner.h"
#include "runtime/schema/tflite_generated.h"
#include "runtime/strbuf.h"

namespace mote {
namespace {

constexpr size_t kModelAlignment = 16;

// TFLite stores op codes < 127 in the deprecated byte field and larger ones in builtin_code; the
// effective code is the larger of the two.
int32_t EffectiveBuiltinCode(const tflite::OperatorCode* code) {
  const int32_t a = static_cast<int32_t>(code->deprecated_builtin_code());
  const int32_t b = static_cast<int32_t>(code->builtin_code());
  return a > b ? a : b;
}

bool IsSupportedTensorType(int8_t t) {
  switch (static_cast<DType>(t)) {
    case DType::kFloat32:
    case DType::kInt32:
    case DType::kUInt8:
    case DType::kInt64:
    case DType::kBool:
    case DType::kInt16:
    case DType::kInt8:
      return true;
    default:
      return false;
  }
}

}  // namespace

Status Interpreter::Fail(Status s, int node, int tensor) {
  StrBuf msg(error_, sizeof error_);
  if (node >= 0) {
    msg << "op " << node << " (" << (nodes_ && nodes_[node].kernel ? nodes_[node].kernel->name
                                                                   : BuiltinOpName(nodes_ ? nodes_[node].builtin_code : -1))
        << ")";
    if (tensor >= 0) msg << ", ";
    else msg << ": ";
  }
  if (tensor >= 0) {
    msg << "tensor " << tensor;
    if (tensors_ && tensors_[tensor].name && tensors_[tensor].name[0])
      msg << " '" << tensors_[tensor].name << "'";
    msg << ": ";
  }
  msg << s.message();
  // For an unsupported dtype, say what the op does support and what this layer has.
  if (node >= 0 && nodes_ && nodes_[node].kernel && s.code() == StatusCode::kUnsupported) {
    const OpContext& ctx = nodes_[node].ctx;
    msg << " (mote's " << nodes_[node].kernel->name << " supports " << nodes_[node].kernel->dtypes;
    if (ctx.num_inputs_ > 0 && ctx.inputs_[0])
      msg << "; input 0 '" << ctx.inputs_[0]->name << "' is " << DTypeName(ctx.inputs_[0]->type);
    msg << ")";
  }
  return s;
}

Status Interpreter::Init(const void* model, size_t model_bytes, uint8_t* arena, size_t arena_bytes) {
  ready_ = false;
  tensors_ = nullptr;
  nodes_ = nullptr;
  num_tensors_ = num_nodes_ = num_inputs_ = num_outputs_ = 0;
  planned_bytes_ = 0;
  error_[0] = '\0';
  if (model == nullptr || arena == nullptr)
    return Fail(Status(StatusCode::kInvalidArgument, "null model or arena"), -1, -1);
  if (reinterpret_cast<uintptr_t>(model) % kModelAlignment != 0)
    return Fail(Status(StatusCode::kInvalidArgument, "model data must be 16-byte aligned"), -1, -1);
  if (model_bytes < 8 || model_bytes >= (size_t{1} << 31) - 1)
    return Fail(Status(StatusCode::kInvalidModel, "file too small or too large to be a .tflite model"), -1, -1);
  if (!flatbuffers::BufferHasIdentifier(model, tflite::ModelIdentifier()))
    return Fail(Status(StatusCode::kInvalidModel, "not a TFLite model (file identifier is not TFL3)"), -1, -1);
  flatbuffers::Verifier verifier(static_cast<const uint8_t*>(model), model_bytes, 64, 1000000);
  if (!tflite::VerifyModelBuffer(verifier))
    return Fail(Status(StatusCode::kInvalidModel, "flatbuffer verification failed (truncated or corrupt .tflite)"), -1, -1);
  model_ = tflite::GetModel(model);
  allocator_.Reset(arena, arena_bytes);

  MOTE_TRY(LoadTensors());
  MOTE_TRY(LoadNodes());
  MOTE_TRY(CheckDataflow());
  MOTE_TRY(PrepareNodes());
  MOTE_TRY(PlanMemory());
  ResetState();
  ready_ = true;
  return Status::Ok();
}

Status Interpreter::LoadTensors() {
  const auto* subgraphs = model_->subgraphs();
  if (subgraphs == nullptr || subgraphs->size() == 0)
    return Fail(Status(StatusCode::kInvalidModel, "model has no subgraph"), -1, -1);
  const tflite::SubGraph* sg = subgraphs->Get(0);
  const auto* tensors = sg->tensors();
  const auto* buffers = model_->buffers();
  num_tensors_ = tensors ? static_cast<int>(tensors->size()) : 0;
  tensors_ = static_cast<Tensor*>(allocator_.AllocateTop(sizeof(Tensor) * (num_tensors_ + 1), alignof(Tensor)));
  if (tensors_ == nullptr) return Fail(Status(StatusCode::kArenaTooSmall, "arena too small for the tensor table"), -1, -1);

  for (int i = 0; i < num_tensors_; ++i) {
    const tflite::Tensor* ft = tensors->Get(i);
    Tensor& t = tensors_[i];
    t = Tensor();
    t.name = ft->name() ? ft->name()->c_str() : "";
    if (!IsSupportedTensorType(static_cast<int8_t>(ft->type())))
      return Fail(Status(StatusCode::kUnsupported, "unsupported tensor dtype"), -1, i);
    t.type = static_cast<DType>(ft->type());
    if (ft->sparsity() != nullptr)
      return Fail(Status(StatusCode::kUnsupported, "sparse tensors are not supported"), -1, i);
    const auto* shape = ft->shape();
    const int rank = shape ? static_cast<int>(shape->size()) : 0;
    if (rank > kMaxRank) return Fail(Status(StatusCode::kUnsupported, "rank above 6"), -1, i);
    t.shape.rank = rank;
    int64_t elements = 1;
    for (int d = 0; d < rank; ++d) {
      const int32_t dim = shape->Get(d);
      if (dim < 0) return Fail(Status(StatusCode::kUnsupported, "dynamic (negative) dimension"), -1, i);
      t.shape.dims[d] = dim;
      elements *= dim;
      if (elements > (int64_t{1} << 31)) return Fail(Status(StatusCode::kInvalidModel, "tensor too large"), -1, i);
    }
    if (const auto* q = ft->quantization()) {
      const auto* scales = q->scale();
      const auto* zps = q->zero_point();
      if (scales && scales->size() > 0) {
        t.q.scale = scales->Get(0);
        t.q.num_channels = static_cast<int32_t>(scales->size());
        t.q.channel_scales = scales->data();
        t.q.axis = q->quantized_dimension();
        if (zps && zps->size() > 0) {
          const int64_t zp = zps->Get(0);
          if (zp < INT32_MIN || zp > INT32_MAX)
            return Fail(Status(StatusCode::kInvalidModel, "zero point out of range"), -1, i);
          t.q.zero_point = static_cast<int32_t>(zp);
        }
        if (t.q.num_channels > 1) {
          // Some converters leave a 1-D bias with its filter's quantized_dimension: normalise.
          if (rank == 1 && t.shape.dims[0] == t.q.num_channels) t.q.axis = 0;
          if (t.q.axis < 0 || t.q.axis >= rank || t.shape.dims[t.q.axis] != t.q.num_channels)
            return Fail(Status(StatusCode::kInvalidModel, "per-channel scales do not match the quantized dimension"), -1, i);
          if (zps && zps->size() != 0 && zps->size() != scales->size())
            return Fail(Status(StatusCode::kInvalidModel, "per-channel zero points do not match the scales"), -1, i);
        }
      }
    }
    t.is_variable = ft->is_variable();
    const uint32_t buffer = ft->buffer();
    if (buffers == nullptr || buffer >= buffers->size()) {
      if (buffer != 0) return Fail(Status(StatusCode::kInvalidModel, "buffer index out of range"), -1, i);
      continue;
    }
    const tflite::Buffer* fb = buffers->Get(buffer);
    if (fb->offset() > 1)
      return Fail(Status(StatusCode::kUnsupported, "buffers stored outside the flatbuffer (>2 GB models)"), -1, i);
    const auto* data = fb->data();
    if (data && data->size() > 0) {
      if (data->size() != t.Bytes())
        return Fail(Status(StatusCode::kInvalidModel, "constant data size does not match the tensor shape"), -1, i);
      if (t.is_variable)
        return Fail(Status(StatusCode::kInvalidModel, "variable tensor with constant data"), -1, i);
      t.data = const_cast<uint8_t*>(data->data());
      t.is_constant = true;
    }
  }

  const auto* ins = sg->inputs();
  const auto* outs = sg->outputs();
  if (ins == nullptr || outs == nullptr || outs->size() == 0)
    return Fail(Status(StatusCode::kInvalidModel, "subgraph lists no inputs or outputs"), -1, -1);
  for (int32_t idx : *ins)
    if (idx < 0 || idx >= num_tensors_)
      return Fail(Status(StatusCode::kInvalidModel, "subgraph input index out of range"), -1, -1);
  for (int32_t idx : *outs)
    if (idx < 0 || idx >= num_tensors_)
      return Fail(Status(StatusCode::kInvalidModel, "subgraph output index out of range"), -1, -1);
  input_indices_ = ins->data();
  num_inputs_ = static_cast<int>(ins->size());
  output_indices_ = outs->data();
  num_outputs_ = static_cast<int>(outs->size());
  return Status::Ok();
}

Status Interpreter::LoadNodes() {
  const tflite::SubGraph* sg = model_->subgraphs()->Get(0);
  const auto* ops = sg->operators();
  const auto* codes = model_->operator_codes();
  num_nodes_ = ops ? static_cast<int>(ops->size()) : 0;
  nodes_ = static_cast<Node*>(allocator_.AllocateTop(sizeof(Node) * (num_nodes_ + 1), alignof(Node)));
  if (nodes_ == nullptr) return Fail(Status(StatusCode::kArenaTooSmall, "arena too small for the op table"), -1, -1);
  for (int n = 0; n < num_nodes_; ++n) nodes_[n] = Node();

  for (int n = 0; n < num_nodes_; ++n) {
    const tflite::Operator* op = ops->Get(n);
    Node& node = nodes_[n];
    if (codes == nullptr || op->opcode_index() >= codes->size())
      return Fail(Status(StatusCode::kInvalidModel, "operator code index out of range"), n, -1);
    const tflite::OperatorCode* code = codes->Get(op->opcode_index());
    node.builtin_code = EffectiveBuiltinCode(code);
    if (node.builtin_code == static_cast<int32_t>(tflite::BuiltinOperator::CUSTOM))
      return Fail(Status(StatusCode::kUnsupported, code->custom_code() ? "custom operator is not supported" : "custom operator without a name"), n, -1);
    node.kernel = FindOpKernel(node.builtin_code);
    if (node.kernel == nullptr)
      return Fail(Status(StatusCode::kUnsupported, "operator not supported by mote (see `mote ops`)"), n, -1);

    const auto* ins = op->inputs();
    const auto* outs = op->outputs();
    const int ni = ins ? static_cast<int>(ins->size()) : 0;
    const int no = outs ? static_cast<int>(outs->size()) : 0;
    if (ni > kMaxOpInputs || no > kMaxOpInputs || no == 0)
      return Fail(Status(StatusCode::kInvalidModel, "operator has no outputs or too many inputs/outputs"), n, -1);
    Tensor** ptrs = static_cast<Tensor**>(allocator_.AllocateTop(sizeof(Tensor*) * (ni + no), alignof(Tensor*)));
    if (ptrs == nullptr) return Fail(Status(StatusCode::kArenaTooSmall, "arena too small for the op table"), n, -1);
    for (int i = 0; i < ni; ++i) {
      const int32_t idx = ins->Get(i);
      if (idx < -1 || idx >= num_tensors_)
        return Fail(Status(StatusCode::kInvalidModel, "input tensor index out of range"), n, -1);
      ptrs[i] = idx < 0 ? nullptr : &tensors_[idx];
    }
    for (int i = 0; i < no; ++i) {
      const int32_t idx = outs->Get(i);
      if (idx < 0 || idx >= num_tensors_)
        return Fail(Status(StatusCode::kInvalidModel, "output tensor index out of range"), n, -1);
      ptrs[ni + i] = &tensors_[idx];
    }
    node.input_indices = ni ? ins->data() : nullptr;
    node.output_indices = outs->data();
    node.ctx.inputs_ = ptrs;
    node.ctx.outputs_ = ptrs + ni;
    node.ctx.num_inputs_ = ni;
    node.ctx.num_outputs_ = no;
    node.ctx.op_ = op;
    node.ctx.allocator_ = &allocator_;
  }
  return Status::Ok();
}

// Every tensor an op reads must be constant, a graph input, state, or written by an earlier op:
// this rejects cycles and reads of never-written tensors. Each tensor is written at most once.
Status Interpreter::CheckDataflow() {
  // Per-tensor "written" flags, in the still-unplanned bottom of the arena.
  if (static_cast<size_t>(num_tensors_) > allocator_.top())
    return Fail(Status(StatusCode::kArenaTooSmall, "arena too small"), -1, -1);
  uint8_t* written = allocator_.base();
  memset(written, 0, num_tensors_);
  for (int i = 0; i < num_inputs_; ++i) written[input_indices_[i]] = 1;
  for (int t = 0; t < num_tensors_; ++t)
    if (tensors_[t].is_constant || tensors_[t].is_variable) written[t] = 1;
  for (int n = 0; n < num_nodes_; ++n) {
    const Node& node = nodes_[n];
    for (int i = 0; i < node.ctx.num_inputs_; ++i) {
      const int32_t idx = node.input_indices[i];
      if (idx >= 0 && !written[idx])
        return Fail(Status(StatusCode::kInvalidModel, "read before any op writes it (graph has a cycle or a dangling input)"), n, idx);
    }
    for (int i = 0; i < node.ctx.num_outputs_; ++i) {
      const int32_t idx = node.output_indices[i];
      if (tensors_[idx].is_constant)
        return Fail(Status(StatusCode::kInvalidModel, "op writes a constant tensor"), n, idx);
      if (written[idx] && !tensors_[idx].is_variable)
        return Fail(Status(StatusCode::kInvalidModel, "tensor written twice"), n, idx);
      written[idx] = 1;
    }
  }
  for (int i = 0; i < num_outputs_; ++i)
    if (!written[output_indices_[i]])
      return Fail(Status(StatusCode::kInvalidModel, "graph output is never written"), -1, output_indices_[i]);
  return Status::Ok();
}

Status Interpreter::PrepareNodes() {
  for (int n = 0; n < num_nodes_; ++n) {
    Node& node = nodes_[n];
    Status s = node.kernel->prepare(node.ctx);
    if (!s.ok()) return Fail(s, n, -1);
    if (allocator_.failed())
      return Fail(Status(StatusCode::kArenaTooSmall, "arena too small for op parameters"), n, -1);
  }
  return Status::Ok();
}

Status Interpreter::PlanMemory() {
  // Variable tensors persist across invokes: they live in the persistent area.
  for (int t = 0; t < num_tensors_; ++t) {
    Tensor& tensor = tensors_[t];
    if (!tensor.is_variable) continue;
    tensor.data = allocator_.AllocateTop(tensor.Bytes() ? tensor.Bytes() : 1, 16);
    if (tensor.data == nullptr)
      return Fail(Status(StatusCode::kArenaTooSmall, "arena too small for state tensors"), -1, t);
  }

  // Planner inputs live temporarily at the bottom of the arena, below the persistent area.
  int32_t num_buffers = 0;
  for (int n = 0; n < num_nodes_; ++n) num_buffers += nodes_[n].ctx.num_scratch_;
  const int32_t max_buffers = num_tensors_ + num_buffers;
  const size_t temp_bytes = sizeof(PlanBuffer) * max_buffers + sizeof(int32_t) * (2 * max_buffers);
  if (temp_bytes > allocator_.top())
    return Fail(Status(StatusCode::kArenaTooSmall, "arena too small to plan memory"), -1, -1);
  PlanBuffer* buffers = reinterpret_cast<PlanBuffer*>(allocator_.base());
  int32_t* order = reinterpret_cast<int32_t*>(buffers + max_buffers);
  int32_t* owner = order + max_buffers;   // tensor index, or -(scratch id + 1)

  // Lifetimes: first and last step that touch each non-constant, non-variable tensor.
  int32_t count = 0;
  const int32_t last_step = num_nodes_ > 0 ? num_nodes_ - 1 : 0;
  auto touch = [&](int32_t t, int32_t step) {
    Tensor& tensor = tensors_[t];
    if (tensor.is_constant || tensor.is_variable) return;
    for (int32_t b = 0; b < count; ++b)
      if (owner[b] == t) {
        if (step < buffers[b].first_step) buffers[b].first_step = step;
        if (step > buffers[b].last_step) buffers[b].last_step = step;
        return;
      }
    buffers[count] = PlanBuffer();
    buffers[count].bytes = tensor.Bytes();
    buffers[count].first_step = step;
    buffers[count].last_step = step;
    owner[count++] = t;
  };
  for (int i = 0; i < num_inputs_; ++i) touch(input_indices_[i], 0);
  for (int n = 0; n < num_nodes_; ++n) {
    for (int i = 0; i < nodes_[n].ctx.num_inputs_; ++i)
      if (nodes_[n].input_indices[i] >= 0) touch(nodes_[n].input_indices[i], n);
    for (int i = 0; i < nodes_[n].ctx.num_outputs_; ++i) touch(nodes_[n].output_indices[i], n);
  }
  for (int i = 0; i < num_outputs_; ++i) touch(output_indices_[i], last_step);
  int32_t scratch_id = 0;
  for (int n = 0; n < num_nodes_; ++n)
    for (int s = 0; s < nodes_[n].ctx.num_scratch_; ++s) {
      buffers[count] = PlanBuffer();
      buffers[count].bytes = nodes_[n].ctx.scratch_bytes_[s];
      buffers[count].first_step = n;
      buffers[count].last_step = n;
      owner[count++] = -(scratch_id++ + 1);
    }

  planned_bytes_ = GreedyPlan(buffers, count, order);
  if (planned_bytes_ > allocator_.top()) {
    StrBuf msg(error_, sizeof error_);
    msg << "arena too small: needs " << (planned_bytes_ + allocator_.persistent_bytes())
        << " bytes, has " << allocator_.size();
    return Status(StatusCode::kArenaTooSmall, "arena too small");
  }
  // Tensor buffers were appended before scratch buffers: walk them in the same order.
  uint8_t* base = allocator_.base();
  int32_t b = 0;
  for (; b < count && owner[b] >= 0; ++b) tensors_[owner[b]].data = base + buffers[b].offset;
  for (int n = 0; n < num_nodes_; ++n)
    for (int s = 0; s < nodes_[n].ctx.num_scratch_; ++s, ++b)
      nodes_[n].ctx.scratch_[s] = base + buffers[b].offset;
  return Status::Ok();
}

void Interpreter::ResetState() {
  for (int t = 0; t < num_tensors_; ++t) {
    Tensor& tensor = tensors_[t];
    if (!tensor.is_variable || tensor.data == nullptr) continue;
    const int fill = tensor.type == DType::kInt8 ? tensor.q.zero_point : 0;
    memset(tensor.data, fill, tensor.Bytes());
  }
}

Status Interpreter::Invoke() {
  if (!ready_) return Status(StatusCode::kInvalidArgument, "interpreter not initialised");
  for (int n = 0; n < num_nodes_; ++n) {
    Status s = nodes_[n].kernel->eval(nodes_[n].ctx);
    if (!s.ok()) return Fail(s, n, -1);
  }
  return Status::Ok();
}

Status Interpreter::InvokeNode(int n) {
  if (!ready_) return Status(StatusCode::kInvalidArgument, "interpreter not initialised");
  if (n < 0 || n >= num_nodes_) return Status(StatusCode::kInvalidArgument, "node index out of range");
  Status s = nodes_[n].kernel->eval(nodes_[n].ctx);
  return s.ok() ? s : Fail(s, n, -1);
}

}  // namespace mote
