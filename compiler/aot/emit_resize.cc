// RESIZE_BILINEAR (float32 and int8 kernels) and RESIZE_NEAREST_NEIGHBOR (one byte-generic
// kernel): the geometry was checked and fixed on the host.
#include "compiler/aot/emit_data_helpers.h"
#include "runtime/kernels/resize_common.h"

namespace mote::aot {
namespace {

std::string ResizeParamsOf(EmitContext& ctx) {
  const auto& p = ctx.params<ResizeParams>();
  ctx.Include("runtime/kernels/resize_common.h");
  return ctx.Params("ResizeParams",
                    {{"batches", Lit(p.batches)},
                     {"input_height", Lit(p.input_height)},
                     {"input_width", Lit(p.input_width)},
                     {"output_height", Lit(p.output_height)},
                     {"output_width", Lit(p.output_width)},
                     {"depth", Lit(p.depth)},
                     {"element_size", Lit(p.element_size)},
                     {"options", fmt::format("{{/*align_corners=*/{}, /*half_pixel_centers=*/{}}}",
                                             Lit(p.options.align_corners), Lit(p.options.half_pixel_centers))}});
}

}  // namespace

bool Emit_RESIZE_BILINEAR(EmitContext& ctx, std::string* error) {
  const Tensor* in = ctx.input(0);
  const Tensor* out = ctx.output(0);
  KernelDType k;
  if (!KernelDTypeOf(in->type, /*has_int16=*/false, &k)) {
    *error = "no emitter for this dtype";
    return false;
  }
  const std::string params = ResizeParamsOf(ctx);
  ctx.Call(fmt::format("mote::resize_bilinear_{}_ref({}, {}, {});", k.suffix, params, ctx.Data(in, k.ctype),
                       ctx.Data(out, k.ctype)));
  return true;
}

bool Emit_RESIZE_NEAREST_NEIGHBOR(EmitContext& ctx, std::string*) {
  const std::string params = ResizeParamsOf(ctx);
  ctx.Call(fmt::format("mote::resize_nearest_neighbor_ref({}, {}, {});", params, DataOf(ctx, ctx.input(0)),
                       DataOf(ctx, ctx.output(0))));
  return true;
}

}  // namespace mote::aot
