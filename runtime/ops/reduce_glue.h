// Glue shared by MEAN, SUM, REDUCE_MAX and REDUCE_MIN: inputs (input, axis), ReducerOptions.
// A non-constant axis tensor is resolved again on every eval.
#pragma once

#include "runtime/kernels/reduce.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {

struct ReduceOpData {
  ReduceParams params;
  int scratch = -1;
};

inline Status PrepareReduceOp(OpContext& ctx, ReduceKind kind) {
  MOTE_ENSURE(ctx.num_inputs() == 2 && ctx.num_outputs() == 1, kInvalidModel,
              "reductions expect input, axis and one output");
  const Tensor* input = ctx.input(0);
  const Tensor* axis = ctx.input(1);
  MOTE_ENSURE(input && axis, kInvalidModel, "missing input or axis");
  ReduceOptions options;
  if (const auto* o = ctx.op()->builtin_options_as_ReducerOptions()) options.keep_dims = o->keep_dims();
  auto* data = ctx.AllocateParams<ReduceOpData>();
  MOTE_ENSURE(data, kArenaTooSmall, "arena too small for params");
  MOTE_TRY(PrepareReduce(kind, *input, *axis, *ctx.output(0), options, &data->params));
  if (const size_t bytes = ReduceScratchBytes(data->params, *input, *ctx.output(0)))
    MOTE_TRY(ctx.RequestScratch(bytes, &data->scratch));
  ctx.set_params(data);
  return Status::Ok();
}

inline Status EvalReduceOp(OpContext& ctx) {
  auto& data = *ctx.params<ReduceOpData>();
  ReduceParams& p = data.params;
  const Tensor& in = *ctx.input(0);
  Tensor& out = *ctx.output(0);
  if (!ctx.input(1)->is_constant) MOTE_TRY(ResolveReduceAxes(in, *ctx.input(1), out, &p));
  int32_t* sums = data.scratch >= 0 ? static_cast<int32_t*>(ctx.scratch(data.scratch)) : nullptr;
  const bool mean = p.kind == ReduceKind::kMean;
  switch (in.type) {
    case DType::kFloat32:
      switch (p.kind) {
        case ReduceKind::kMean: reduce_mean_f32_ref(p, in.Data<float>(), out.Data<float>()); break;
        case ReduceKind::kSum: reduce_sum_f32_ref(p, in.Data<float>(), out.Data<float>()); break;
        case ReduceKind::kMax: reduce_max_f32_ref(p, in.Data<float>(), out.Data<float>()); break;
        case ReduceKind::kMin: reduce_min_f32_ref(p, in.Data<float>(), out.Data<float>()); break;
      }
      return Status::Ok();
    case DType::kInt8:
      switch (p.kind) {
        case ReduceKind::kMax: reduce_max_s8_ref(p, in.Data<int8_t>(), out.Data<int8_t>()); break;
        case ReduceKind::kMin: reduce_min_s8_ref(p, in.Data<int8_t>(), out.Data<int8_t>()); break;
        default:
          if (mean) reduce_mean_s8_ref(p, in.Data<int8_t>(), sums, out.Data<int8_t>());
          else reduce_sum_s8_ref(p, in.Data<int8_t>(), sums, out.Data<int8_t>());
      }
      return Status::Ok();
    case DType::kInt16:
      switch (p.kind) {
        case ReduceKind::kMax: reduce_max_s16_ref(p, in.Data<int16_t>(), out.Data<int16_t>()); break;
        case ReduceKind::kMin: reduce_min_s16_ref(p, in.Data<int16_t>(), out.Data<int16_t>()); break;
        default:
          if (mean) reduce_mean_s16_ref(p, in.Data<int16_t>(), sums, out.Data<int16_t>());
          else reduce_sum_s16_ref(p, in.Data<int16_t>(), sums, out.Data<int16_t>());
      }
      return Status::Ok();
    default:
      return Status(StatusCode::kUnsupported, "dtype");
  }
}

}  // namespace mote
