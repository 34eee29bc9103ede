#include "runtime/interpreter.h"

#include <string.h>

#include "runtime/planner.h"
#include "runtime/schedule.h"
#include "runtime/schema/model_access.h"
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

// A zero point must be a value of the tensor's own type (int32/int64 tensors: any int32).
int64_t ZeroPointMin(DType t) {
  switch (t) {
    case DType::kInt8: return -128;
    case DType::kUInt8: return 0;
    case DType::kInt16: return -32768;
    default: return INT32_MIN;
  }
}
int64_t ZeroPointMax(DType t) {
  switch (t) {
    case DType::kInt8: return 127;
    case DType::kUInt8: return 255;
    case DType::kInt16: return 32767;
    default: return INT32_MAX;
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
  init_temp_bytes_ = 0;
  model_order_peak_ = 0;
  plan_ = PlanResult();
  schedule_ = nullptr;
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
        for (flatbuffers::uoffset_t c = 0; c < scales->size(); ++c) {
          const float sc = scales->Get(c);
          if (!(sc >= 0.0f && sc <= 3.0e38f))  // also rejects NaN
            return Fail(Status(StatusCode::kInvalidModel, "quantization scale is negative or not finite"), -1, i);
        }
        if (zps && zps->size() > 0) {
          const int64_t zp = ZeroPointAt(*zps, 0);
          if (zp < ZeroPointMin(t.type) || zp > ZeroPointMax(t.type))
            return Fail(Status(StatusCode::kInvalidModel, "zero point outside the tensor dtype's range"), -1, i);
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
      // Converters align buffers to 16 bytes; kernels load words. A model that does not gets its
      // constant copied into the arena rather than misaligned loads (which fault on Cortex-M).
      const size_t align = DTypeSize(t.type) > 4 ? 8 : 4;
      if (reinterpret_cast<uintptr_t>(t.data) % align != 0) {
        void* copy = allocator_.AllocateTop(t.Bytes(), 16);
        if (copy == nullptr)
          return Fail(Status(StatusCode::kArenaTooSmall, "arena too small for an aligned copy of constant data"), -1, i);
        memcpy(copy, data->data(), t.Bytes());
        t.data = copy;
      }
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
    node.ctx.isa_ = isa_;
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
  init_temp_bytes_ = static_cast<size_t>(num_tensors_);
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

  GraphView g = graph();
  // Planning works in temporary memory at the bottom of the arena, which the plan then reuses:
  // the buffers, each tensor's buffer, the chosen order, and work memory for the steps below.
  const int32_t max_buffers = MaxPlanBuffers(g);
  const bool fixed_order = ScheduleIsFixed(g);
  size_t work_bytes = LifetimeWorkBytes(g);
  if (PlanWorkBytes(max_buffers) > work_bytes) work_bytes = PlanWorkBytes(max_buffers);
  if (!fixed_order && ScheduleWorkBytes(g) > work_bytes) work_bytes = ScheduleWorkBytes(g);
  const size_t buffers_bytes = sizeof(PlanBuffer) * max_buffers;
  const size_t offsets_bytes = sizeof(size_t) * num_tensors_;
  const size_t indices_bytes = sizeof(int32_t) * (num_tensors_ + num_nodes_);
  const size_t temp_bytes = buffers_bytes + offsets_bytes + indices_bytes + work_bytes;
  if (temp_bytes > init_temp_bytes_) init_temp_bytes_ = temp_bytes;
  if (temp_bytes > allocator_.top()) {
    StrBuf msg(error_, sizeof error_);
    msg << "arena too small: planning needs " << static_cast<int64_t>(temp_bytes + allocator_.persistent_bytes())
        << " bytes, has " << static_cast<int64_t>(allocator_.size());
    return Status(StatusCode::kArenaTooSmall, "arena too small to plan memory");
  }
  PlanBuffer* buffers = reinterpret_cast<PlanBuffer*>(allocator_.base());
  size_t* tensor_offset = reinterpret_cast<size_t*>(allocator_.base() + buffers_bytes);
  int32_t* tensor_buffer = reinterpret_cast<int32_t*>(allocator_.base() + buffers_bytes + offsets_bytes);
  int32_t* order = tensor_buffer + num_tensors_;
  void* work = allocator_.base() + buffers_bytes + offsets_bytes + indices_bytes;

  // Candidates: with and without streaming layers sharing memory with their inputs (which helps
  // where a convolution's input and output would otherwise coexist, and can cost a little
  // elsewhere), each in model order and in the order ChooseSchedule finds. The smallest arena
  // wins, ties to the simpler plan; its buffers are then rebuilt.
  bool best_lags = false, best_reordered = false;
  size_t best_arena = SIZE_MAX;
  int32_t count = 0;
  ScheduleResult schedule;
  auto consider = [&](bool lags, const int32_t* op_order) -> Status {
    PlanResult candidate;
    MOTE_TRY(BuildPlanBuffers(g, op_order, buffers, &count, tensor_buffer, work, work_bytes, tensor_offset));
    MOTE_TRY(PlanOffsets(buffers, count, work, work_bytes, &candidate));
    if (candidate.arena_bytes < best_arena) {
      best_arena = candidate.arena_bytes;
      best_lags = lags;
      best_reordered = op_order != nullptr;
    }
    return Status::Ok();
  };
  for (bool lags : {false, true}) {
    g.stream_lags = lags;
    MOTE_TRY(consider(lags, nullptr));
    if (fixed_order) continue;
    MOTE_TRY(ChooseSchedule(g, order, work, work_bytes, &schedule));
    if (schedule.reordered) MOTE_TRY(consider(lags, order));
  }
  g.stream_lags = stream_lags_ = best_lags;
  if (!fixed_order) MOTE_TRY(ChooseSchedule(g, order, work, work_bytes, &schedule));
  MOTE_TRY(BuildPlanBuffers(g, best_reordered ? order : nullptr, buffers, &count, tensor_buffer, work, work_bytes,
                            tensor_offset));
  MOTE_TRY(PlanOffsets(buffers, count, work, work_bytes, &plan_));
  model_order_peak_ = fixed_order ? plan_.lower_bound : schedule.model_order_peak;
  if (best_reordered) {
    // The order is kept above the temporary memory, which ends at temp_bytes.
    int32_t* kept = static_cast<int32_t*>(
        allocator_.top() >= temp_bytes + sizeof(int32_t) * num_nodes_ + alignof(int32_t)
            ? allocator_.AllocateTop(sizeof(int32_t) * num_nodes_, alignof(int32_t))
            : nullptr);
    if (kept == nullptr) return Fail(Status(StatusCode::kArenaTooSmall, "arena too small for the op order"), -1, -1);
    memcpy(kept, order, sizeof(int32_t) * num_nodes_);
    schedule_ = kept;
  }
  planned_bytes_ = plan_.arena_bytes;
  if (planned_bytes_ > allocator_.top()) {
    StrBuf msg(error_, sizeof error_);
    msg << "arena too small: needs " << static_cast<int64_t>(arena_used_bytes()) << " bytes, has "
        << static_cast<int64_t>(allocator_.size());
    return Status(StatusCode::kArenaTooSmall, "arena too small");
  }
  uint8_t* base = allocator_.base();
  for (int t = 0; t < num_tensors_; ++t)
    if (tensor_buffer[t] >= 0) tensors_[t].data = base + buffers[tensor_buffer[t]].offset + tensor_offset[t];
  // Scratch buffers come last, ops in model order.
  int32_t b = count;
  for (int n = 0; n < num_nodes_; ++n) b -= nodes_[n].ctx.num_scratch_;
  for (int n = 0; n < num_nodes_; ++n)
    for (int s = 0; s < nodes_[n].ctx.num_scratch_; ++s, ++b) nodes_[n].ctx.scratch_[s] = base + buffers[b].offset;
  return Status::Ok();
}

GraphView Interpreter::graph() const {
  GraphView g;
  g.tensors = tensors_;
  g.num_tensors = num_tensors_;
  g.nodes = nodes_;
  g.num_nodes = num_nodes_;
  g.inputs = input_indices_;
  g.num_inputs = num_inputs_;
  g.outputs = output_indices_;
  g.num_outputs = num_outputs_;
  g.stream_lags = stream_lags_;
  return g;
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
  for (int step = 0; step < num_nodes_; ++step) {
    const int n = node_at_step(step);
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
