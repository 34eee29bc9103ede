// CONV_2D, DEPTHWISE_CONV_2D and TRANSPOSE_CONV kernels against an independent double-precision
// evaluation on dequantized values: named edge cases plus seeded random shapes for every op and
// dtype variant. Quantized outputs may differ from the rounded real result by the requantization
// error only: 1 LSB (32-bit multiplier), 2 LSB for the 16-bit multiplier of int64 accumulators.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "runtime/kernels/conv2d.h"
#include "runtime/kernels/depthwise_conv2d.h"
#include "runtime/kernels/transpose_conv.h"
#include "test_util.h"

namespace mote {
namespace {

enum class Op { kConv, kDepthwise, kTranspose };
// Dtype variant with its bias type: s16 has one per accumulator path.
enum class Kind { kF32, kS8, kS16, kS16Bias32, kS16Bias16 };

struct Case {
  std::string name;
  Op op = Op::kConv;
  Kind kind = Kind::kF32;
  int n = 1, h = 5, w = 5, c = 3;  // input
  int kh = 3, kw = 3;
  int out_c = 4;      // conv / transpose: filters; depthwise: c * multiplier
  int groups = 1;     // conv only
  int sh = 1, sw = 1, dh = 1, dw = 1;
  Padding padding = Padding::kSame;
  Activation act = Activation::kNone;
  bool bias = true;
  bool per_channel = true;
  int in_zp = 0, out_zp = 0;  // int8 only
  int out_h = 0, out_w = 0;   // transpose only; 0 = TensorFlow's size for the padding
  int depth_multiplier_option = 0;
};

bool Quantized(Kind k) { return k != Kind::kF32; }
bool Int16(Kind k) { return k == Kind::kS16 || k == Kind::kS16Bias32 || k == Kind::kS16Bias16; }

// --- independent geometry and reference ---------------------------------------------------

int OutSize(Padding padding, int in, int k, int stride, int dilation) {
  const int extent = (k - 1) * dilation + 1;
  if (padding == Padding::kSame) return (in + stride - 1) / stride;
  return in >= extent ? (in - extent) / stride + 1 : 0;
}
int PadBefore(int in, int k, int stride, int dilation, int out) {
  const int extent = (k - 1) * dilation + 1;
  return std::max(0, (out - 1) * stride + extent - in) / 2;
}

struct Dims {
  int oh, ow, pad_h, pad_w;
  std::vector<int32_t> input, filter, output;
};

Dims Geometry(const Case& c) {
  Dims d;
  d.input = {c.n, c.h, c.w, c.c};
  if (c.op == Op::kTranspose) {
    d.oh = c.out_h ? c.out_h : (c.padding == Padding::kSame ? c.h * c.sh : (c.h - 1) * c.sh + c.kh);
    d.ow = c.out_w ? c.out_w : (c.padding == Padding::kSame ? c.w * c.sw : (c.w - 1) * c.sw + c.kw);
    d.pad_h = PadBefore(d.oh, c.kh, c.sh, 1, OutSize(c.padding, d.oh, c.kh, c.sh, 1));
    d.pad_w = PadBefore(d.ow, c.kw, c.sw, 1, OutSize(c.padding, d.ow, c.kw, c.sw, 1));
    d.filter = {c.out_c, c.kh, c.kw, c.c};
  } else {
    d.oh = OutSize(c.padding, c.h, c.kh, c.sh, c.dh);
    d.ow = OutSize(c.padding, c.w, c.kw, c.sw, c.dw);
    d.pad_h = PadBefore(c.h, c.kh, c.sh, c.dh, d.oh);
    d.pad_w = PadBefore(c.w, c.kw, c.sw, c.dw, d.ow);
    d.filter = c.op == Op::kConv ? std::vector<int32_t>{c.out_c, c.kh, c.kw, c.c / c.groups}
                                 : std::vector<int32_t>{1, c.kh, c.kw, c.out_c};
  }
  d.output = {c.n, d.oh, d.ow, c.out_c};
  return d;
}

size_t Count(const std::vector<int32_t>& s) {
  size_t n = 1;
  for (int32_t v : s) n *= static_cast<size_t>(v);
  return n;
}

// Real-valued output before bias and activation, written as a gather over the output.
std::vector<double> ReferenceSums(const Case& c, const Dims& d, const std::vector<double>& in,
                                  const std::vector<double>& w) {
  std::vector<double> out(Count(d.output), 0.0);
  auto input_at = [&](int b, int y, int x, int ch) { return in[((static_cast<size_t>(b) * c.h + y) * c.w + x) * c.c + ch]; };
  size_t i = 0;
  for (int b = 0; b < c.n; ++b)
    for (int oy = 0; oy < d.oh; ++oy)
      for (int ox = 0; ox < d.ow; ++ox)
        for (int o = 0; o < c.out_c; ++o, ++i) {
          double sum = 0.0;
          for (int ky = 0; ky < c.kh; ++ky)
            for (int kx = 0; kx < c.kw; ++kx) {
              if (c.op == Op::kTranspose) {
                const int ty = oy + d.pad_h - ky, tx = ox + d.pad_w - kx;
                if (ty < 0 || tx < 0 || ty % c.sh || tx % c.sw || ty / c.sh >= c.h || tx / c.sw >= c.w) continue;
                for (int ic = 0; ic < c.c; ++ic)
                  sum += input_at(b, ty / c.sh, tx / c.sw, ic) * w[((static_cast<size_t>(o) * c.kh + ky) * c.kw + kx) * c.c + ic];
                continue;
              }
              const int y = oy * c.sh - d.pad_h + ky * c.dh, x = ox * c.sw - d.pad_w + kx * c.dw;
              if (y < 0 || y >= c.h || x < 0 || x >= c.w) continue;
              if (c.op == Op::kDepthwise) {
                const int m = c.out_c / c.c;
                sum += input_at(b, y, x, o / m) * w[(static_cast<size_t>(ky) * c.kw + kx) * c.out_c + o];
              } else {
                const int per_group = c.c / c.groups, g = o / (c.out_c / c.groups);
                for (int i2 = 0; i2 < per_group; ++i2)
                  sum += input_at(b, y, x, g * per_group + i2) *
                         w[((static_cast<size_t>(o) * c.kh + ky) * c.kw + kx) * per_group + i2];
              }
            }
          out[i] = sum;
        }
  return out;
}

// --- running the kernels -----------------------------------------------------------------

Tensor MakeTensor(DType type, const std::vector<int32_t>& shape, void* data) {
  Tensor t;
  t.type = type;
  t.data = data;
  t.shape.rank = static_cast<int32_t>(shape.size());
  for (size_t i = 0; i < shape.size(); ++i) t.shape.dims[i] = shape[i];
  return t;
}

ConvOptions OptionsFor(const Case& c) {
  ConvOptions o;
  o.padding = c.padding;
  o.stride_h = c.sh;
  o.stride_w = c.sw;
  o.dilation_h = c.dh;
  o.dilation_w = c.dw;
  o.activation = c.act;
  o.depth_multiplier = c.depth_multiplier_option;
  if (c.kind == Kind::kS16Bias32) o.quantized_bias_type = DType::kInt32;
  return o;
}

Status PrepareFor(Op op, const ConvOptions& o, const Tensor& in, const Tensor& filter, const Tensor* bias,
                  const Tensor& out, ConvParams* p) {
  switch (op) {
    case Op::kConv: return PrepareConv2D(in, filter, bias, out, o, p);
    case Op::kDepthwise: return PrepareDepthwiseConv2D(in, filter, bias, out, o, p);
    default: return PrepareTransposeConv(in, filter, bias, out, o, p);
  }
}

void RunFloat(const Case& c, std::mt19937& rng) {
  const Dims d = Geometry(c);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::vector<float> in(Count(d.input)), w(Count(d.filter)), bias(c.out_c), out(Count(d.output), 99.0f);
  for (auto* v : {&in, &w, &bias})
    for (float& x : *v) x = u(rng);
  Tensor ti = MakeTensor(DType::kFloat32, d.input, in.data());
  Tensor tf = MakeTensor(DType::kFloat32, d.filter, w.data());
  Tensor tb = MakeTensor(DType::kFloat32, {c.out_c}, bias.data());
  Tensor to = MakeTensor(DType::kFloat32, d.output, out.data());
  ConvParams p;
  const Status s = PrepareFor(c.op, OptionsFor(c), ti, tf, c.bias ? &tb : nullptr, to, &p);
  ASSERT_TRUE(s.ok()) << s.message();
  const float* b = c.bias ? bias.data() : nullptr;
  switch (c.op) {
    case Op::kConv: conv2d_f32_ref(p, in.data(), w.data(), b, out.data()); break;
    case Op::kDepthwise: depthwise_conv2d_f32_ref(p, in.data(), w.data(), b, out.data()); break;
    case Op::kTranspose: transpose_conv_f32_ref(p, in.data(), w.data(), b, out.data()); break;
  }
  const std::vector<double> sums = ReferenceSums(c, d, std::vector<double>(in.begin(), in.end()),
                                                 std::vector<double>(w.begin(), w.end()));
  const FloatRange r = FloatActivationRange(static_cast<uint8_t>(c.act));
  for (size_t i = 0; i < out.size(); ++i) {
    double want = sums[i] + (c.bias ? bias[i % c.out_c] : 0.0);
    want = std::min<double>(std::max<double>(want, r.min), r.max);
    ASSERT_NEAR(out[i], want, 1e-4 * std::max(1.0, std::fabs(want))) << "element " << i;
  }
}

template <typename T>
std::vector<T> Ints(std::mt19937& rng, size_t n, int lo, int hi) {
  return test::RandomInts<T>(rng, n, lo, hi);
}

// The activation range, derived here from the definition rather than QuantizedActivationRange.
void ExpectedRange(Activation act, float scale, int zp, int qmin, int qmax, int* lo, int* hi) {
  auto q = [&](double v) { return zp + static_cast<int>(std::lround(v / scale)); };
  *lo = qmin;
  *hi = qmax;
  if (act == Activation::kRelu || act == Activation::kRelu6) *lo = std::max(qmin, q(0.0));
  if (act == Activation::kRelu6) *hi = std::min(qmax, q(6.0));
  if (act == Activation::kReluN1To1) {
    *lo = std::max(qmin, q(-1.0));
    *hi = std::min(qmax, q(1.0));
  }
}

void RunQuantized(const Case& c, std::mt19937& rng) {
  const Dims d = Geometry(c);
  const bool s16 = Int16(c.kind);
  const int qmin = s16 ? -32768 : -128, qmax = s16 ? 32767 : 127;
  // The 32-bit int16 path must not wrap here (a separate test covers wrapping).
  const int in_limit = c.kind == Kind::kS16Bias32 ? 2000 : qmax;
  std::vector<int16_t> in16 = Ints<int16_t>(rng, Count(d.input), -in_limit, in_limit);
  std::vector<int8_t> in8 = Ints<int8_t>(rng, Count(d.input), -128, 127);
  std::vector<int8_t> w = Ints<int8_t>(rng, Count(d.filter), -127, 127);
  std::vector<int32_t> bias32 = Ints<int32_t>(rng, c.out_c, -3000, 3000);
  std::vector<int64_t> bias64 = Ints<int64_t>(rng, c.out_c, -300000, 300000);
  std::vector<int16_t> bias16 = Ints<int16_t>(rng, c.out_c, -30000, 30000);

  std::uniform_real_distribution<float> log_scale(-9.0f, -4.0f);
  const float in_scale = std::exp2(log_scale(rng));
  std::vector<float> w_scales(c.out_c);
  for (float& s : w_scales) s = std::exp2(log_scale(rng));
  if (!c.per_channel) std::fill(w_scales.begin(), w_scales.end(), w_scales[0]);

  std::vector<double> in_real(Count(d.input)), w_int(w.begin(), w.end());
  for (size_t i = 0; i < in_real.size(); ++i) in_real[i] = s16 ? in16[i] : in8[i] - c.in_zp;
  const std::vector<double> sums = ReferenceSums(c, d, in_real, w_int);  // integer units
  auto bias_at = [&](int o) -> double {
    if (!c.bias) return 0.0;
    if (!s16) return bias32[o];
    return c.kind == Kind::kS16Bias32 ? bias32[o] : c.kind == Kind::kS16Bias16 ? bias16[o] : bias64[o];
  };
  std::vector<double> real(sums.size());
  double max_abs = 1e-30;
  for (size_t i = 0; i < sums.size(); ++i) {
    const int o = static_cast<int>(i % c.out_c);
    real[i] = (sums[i] + bias_at(o)) * in_scale * w_scales[o];
    max_abs = std::max(max_abs, std::fabs(real[i]));
  }
  // Calibrated like post-training quantization, with some saturation (factor below 1).
  std::uniform_real_distribution<double> factor(0.8, 1.25);
  const float out_scale = static_cast<float>(2.0 * max_abs / (qmax - qmin) * factor(rng));

  Tensor ti = s16 ? MakeTensor(DType::kInt16, d.input, in16.data()) : MakeTensor(DType::kInt8, d.input, in8.data());
  ti.q.scale = in_scale;
  ti.q.zero_point = s16 ? 0 : c.in_zp;
  Tensor tf = MakeTensor(DType::kInt8, d.filter, w.data());
  tf.q.scale = w_scales[0];
  if (c.per_channel) {
    tf.q.channel_scales = w_scales.data();
    tf.q.num_channels = c.out_c;
    tf.q.axis = c.op == Op::kDepthwise ? 3 : 0;
  }
  Tensor tb;
  if (!s16 || c.kind == Kind::kS16Bias32) tb = MakeTensor(DType::kInt32, {c.out_c}, bias32.data());
  else if (c.kind == Kind::kS16Bias16) tb = MakeTensor(DType::kInt16, {c.out_c}, bias16.data());
  else tb = MakeTensor(DType::kInt64, {c.out_c}, bias64.data());
  std::vector<int16_t> out16(Count(d.output), 1234);
  std::vector<int8_t> out8(Count(d.output), 99);
  Tensor to = s16 ? MakeTensor(DType::kInt16, d.output, out16.data()) : MakeTensor(DType::kInt8, d.output, out8.data());
  to.q.scale = out_scale;
  to.q.zero_point = s16 ? 0 : c.out_zp;

  ConvParams p;
  std::vector<int32_t> multipliers(c.out_c), shifts(c.out_c);
  p.channel_multipliers = multipliers.data();
  p.channel_shifts = shifts.data();
  const Status s = PrepareFor(c.op, OptionsFor(c), ti, tf, c.bias ? &tb : nullptr, to, &p);
  ASSERT_TRUE(s.ok()) << s.message();
  std::vector<int64_t> scratch(Count(d.output));
  auto* scratch32 = reinterpret_cast<int32_t*>(scratch.data());
  const int32_t* b32 = c.bias ? bias32.data() : nullptr;
  const int64_t* b64 = c.bias ? bias64.data() : nullptr;
  switch (c.op) {
    case Op::kConv:
      if (!s16) conv2d_s8_ref(p, in8.data(), w.data(), b32, out8.data());
      else if (p.wide_accumulator) conv2d_s16_ref(p, in16.data(), w.data(), b64, out16.data());
      else conv2d_s16_ref(p, in16.data(), w.data(), b32, out16.data());
      break;
    case Op::kDepthwise:
      if (!s16) depthwise_conv2d_s8_ref(p, in8.data(), w.data(), b32, out8.data());
      else depthwise_conv2d_s16_ref(p, in16.data(), w.data(), b64, out16.data());
      break;
    case Op::kTranspose:
      if (!s16) transpose_conv_s8_ref(p, in8.data(), w.data(), b32, out8.data(), scratch32);
      else if (c.kind == Kind::kS16Bias16)
        transpose_conv_s16_ref(p, in16.data(), w.data(), c.bias ? bias16.data() : nullptr, out16.data(), scratch.data());
      else transpose_conv_s16_ref(p, in16.data(), w.data(), b64, out16.data(), scratch.data());
      break;
  }

  int lo, hi;
  ExpectedRange(c.act, out_scale, to.q.zero_point, qmin, qmax, &lo, &hi);
  const bool wide = s16 && c.kind != Kind::kS16Bias32;
  const int tolerance = wide ? 2 : 1;
  double signed_error = 0.0;
  for (size_t i = 0; i < real.size(); ++i) {
    const double x = real[i] / out_scale;
    const double q = std::clamp(std::round(x) + to.q.zero_point, static_cast<double>(lo), static_cast<double>(hi));
    const int got = s16 ? out16[i] : out8[i];
    ASSERT_NEAR(got, q, tolerance) << "element " << i << " real " << real[i];
    signed_error += got - q;
    if (wide || got == q) continue;
    // A 32-bit multiplier rounds twice (to 2^shift LSB, then to 1 LSB), so it may only differ
    // from the single rounding of the real value that close to a tie.
    const int shift = p.channel_shifts[i % c.out_c];
    const double tie_distance = std::fabs(x - std::floor(x) - 0.5);
    EXPECT_LE(tie_distance, std::ldexp(1.0, std::min(shift, 0) - 1) + 1e-6)
        << "element " << i << ": got " << got << ", real/scale " << x << " + zero point " << to.q.zero_point;
  }
  // The 16-bit multiplier of the wide path errs either way per channel, but no path is biased.
  const double n = static_cast<double>(real.size());
  EXPECT_LE(std::fabs(signed_error) / n, wide ? 0.5 : 0.1) << "mean error " << signed_error / n;
}

class ConvKernels : public ::testing::TestWithParam<Case> {};

TEST_P(ConvKernels, MatchesDoubleReference) {
  const Case& c = GetParam();
  std::mt19937 rng(static_cast<uint32_t>(std::hash<std::string>()(c.name)));
  if (Quantized(c.kind)) RunQuantized(c, rng);
  else RunFloat(c, rng);
}

// --- the case table ----------------------------------------------------------------------

const char* KindName(Kind k) {
  switch (k) {
    case Kind::kF32: return "f32";
    case Kind::kS8: return "s8";
    case Kind::kS16: return "s16";
    case Kind::kS16Bias32: return "s16b32";
    default: return "s16b16";
  }
}
const char* OpName(Op op) {
  return op == Op::kConv ? "conv" : op == Op::kDepthwise ? "depthwise" : "transpose";
}

// Shapes and options shared by every dtype; each is instantiated for every kind its op has.
std::vector<Case> EdgeShapes(Op op) {
  std::vector<Case> v;
  auto add = [&](const char* name, auto edit) {
    Case c;
    c.op = op;
    c.name = name;
    if (op == Op::kDepthwise) c.out_c = c.c * 2;
    edit(c);
    v.push_back(c);
  };
  add("k3_same_s1", [](Case&) {});
  add("k1_valid", [](Case& c) { c.kh = c.kw = 1; c.padding = Padding::kValid; });
  add("k3_same_s2_odd", [](Case& c) { c.h = 7; c.w = 9; c.sh = c.sw = 2; });
  add("k2x4_valid_s1x2", [](Case& c) { c.kh = 2; c.kw = 4; c.h = 6; c.w = 11; c.sw = 2; c.padding = Padding::kValid; });
  add("no_bias_relu", [](Case& c) { c.bias = false; c.act = Activation::kRelu; });
  add("relu6_batch2", [](Case& c) { c.n = 2; c.act = Activation::kRelu6; });
  add("relu_n1_to_1", [](Case& c) { c.act = Activation::kReluN1To1; });
  add("relu_nonzero_zero_point", [](Case& c) { c.act = Activation::kRelu; c.out_zp = 20; });
  add("per_tensor_filter", [](Case& c) { c.per_channel = false; });
  add("zero_points_min", [](Case& c) { c.in_zp = -128; c.out_zp = -128; c.act = Activation::kRelu; });
  add("zero_points_max", [](Case& c) { c.in_zp = 127; c.out_zp = 127; });
  add("filter_wider_than_input", [](Case& c) { c.h = 2; c.w = 3; c.kh = 4; c.kw = 5; });
  add("single_pixel", [](Case& c) { c.h = c.w = 1; c.c = 1; c.out_c = c.op == Op::kDepthwise ? 3 : 2; });
  if (op != Op::kTranspose) {
    add("dilation2_same", [](Case& c) { c.h = 9; c.w = 8; c.dh = c.dw = 2; });
    add("dilation_2x3_valid_s2", [](Case& c) { c.h = 11; c.w = 12; c.dh = 2; c.dw = 3; c.sh = c.sw = 2; c.padding = Padding::kValid; });
  }
  if (op == Op::kConv) {
    add("grouped_2", [](Case& c) { c.c = 4; c.groups = 2; c.out_c = 6; });
    add("grouped_depthwise_like", [](Case& c) { c.c = 3; c.groups = 3; c.out_c = 6; c.kh = 2; });
  }
  if (op == Op::kDepthwise) {
    add("multiplier1", [](Case& c) { c.c = 5; c.out_c = 5; c.depth_multiplier_option = 1; });
    add("multiplier3_option", [](Case& c) { c.c = 2; c.out_c = 6; c.depth_multiplier_option = 3; });
  }
  if (op == Op::kTranspose) {
    add("same_s2_short_output", [](Case& c) { c.h = 3; c.w = 4; c.sh = c.sw = 2; c.out_h = 5; c.out_w = 7; });
    add("valid_s3_k2_gaps", [](Case& c) { c.sh = c.sw = 3; c.kh = c.kw = 2; c.padding = Padding::kValid; });
    add("same_k4_s2", [](Case& c) { c.kh = c.kw = 4; c.sh = c.sw = 2; c.h = 3; c.w = 2; });
  }
  return v;
}

std::vector<Case> RandomShapes(Op op, int count) {
  std::mt19937 rng(1234u + static_cast<uint32_t>(op));
  auto r = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  std::vector<Case> v;
  for (int i = 0; i < count; ++i) {
    Case c;
    c.op = op;
    c.name = "random" + std::to_string(i);
    c.n = r(1, 2);
    c.h = r(1, 9);
    c.w = r(1, 9);
    c.kh = r(1, 4);
    c.kw = r(1, 4);
    c.sh = r(1, 3);
    c.sw = r(1, 3);
    c.padding = r(0, 1) ? Padding::kValid : Padding::kSame;
    c.act = static_cast<Activation>(r(0, 3));
    c.bias = r(0, 3) != 0;
    c.per_channel = r(0, 3) != 0;
    c.in_zp = r(-128, 127);
    c.out_zp = r(-128, 127);
    if (op != Op::kTranspose) {
      c.dh = r(1, 2);
      c.dw = r(1, 2);
    }
    if (op == Op::kConv) {
      c.groups = r(1, 3);
      c.c = c.groups * r(1, 4);
      c.out_c = c.groups * r(1, 3);
    } else if (op == Op::kDepthwise) {
      c.c = r(1, 5);
      c.out_c = c.c * r(1, 3);
    } else {
      c.c = r(1, 5);
      c.out_c = r(1, 5);
    }
    // VALID needs the window to fit; keep at least one output row and column.
    if (op != Op::kTranspose && c.padding == Padding::kValid) {
      c.h = std::max(c.h, (c.kh - 1) * c.dh + 1);
      c.w = std::max(c.w, (c.kw - 1) * c.dw + 1);
    }
    v.push_back(c);
  }
  return v;
}

std::vector<Case> AllCases() {
  std::vector<Case> out;
  const std::vector<std::pair<Op, std::vector<Kind>>> ops = {
      {Op::kConv, {Kind::kF32, Kind::kS8, Kind::kS16, Kind::kS16Bias32}},
      {Op::kDepthwise, {Kind::kF32, Kind::kS8, Kind::kS16}},
      {Op::kTranspose, {Kind::kF32, Kind::kS8, Kind::kS16, Kind::kS16Bias16}},
  };
  for (const auto& [op, kinds] : ops) {
    std::vector<Case> shapes = EdgeShapes(op);
    for (const Case& c : RandomShapes(op, 25)) shapes.push_back(c);
    for (Kind k : kinds)
      for (Case c : shapes) {
        c.kind = k;
        if (Int16(k)) c.in_zp = c.out_zp = 0;
        c.name = std::string(OpName(op)) + "_" + KindName(k) + "_" + c.name;
        out.push_back(c);
      }
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Table, ConvKernels, ::testing::ValuesIn(AllCases()),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

// --- behaviour pinned to TFLM's kernels ----------------------------------------------------

// With an int32 bias (or none) TFLM's int16 CONV_2D accumulates in int32 and wraps.
TEST(ConvS16, Int32AccumulatorWrapsLikeTflm) {
  const int depth = 600;
  std::vector<int16_t> in(depth, 32767);
  std::vector<int8_t> w(depth, 127);
  std::vector<int32_t> bias = {5};
  int16_t out = 0;
  Tensor ti = MakeTensor(DType::kInt16, {1, 1, 1, depth}, in.data());
  ti.q.scale = 1.0f / 1024;
  Tensor tf = MakeTensor(DType::kInt8, {1, 1, 1, depth}, w.data());
  tf.q.scale = 1.0f / 1024;
  Tensor tb = MakeTensor(DType::kInt32, {1}, bias.data());
  Tensor to = MakeTensor(DType::kInt16, {1, 1, 1, 1}, &out);
  to.q.scale = 1.0f / 4096;
  ConvParams p;
  int32_t multiplier = 0, shift = 0;
  p.channel_multipliers = &multiplier;
  p.channel_shifts = &shift;
  ConvOptions o;
  o.stride_h = o.stride_w = 1;
  ASSERT_TRUE(PrepareConv2D(ti, tf, &tb, to, o, &p).ok());
  conv2d_s16_ref(p, in.data(), w.data(), bias.data(), &out);
  const uint32_t sum = static_cast<uint32_t>(depth) * 32767u * 127u + 5u;
  const int32_t wrapped = static_cast<int32_t>(sum);
  ASSERT_LT(wrapped, 0);
  const int32_t want = Clamp(MultiplyByQuantizedMultiplier(wrapped, multiplier, shift), -32768, 32767);
  EXPECT_EQ(out, want);
}

// Without a bias, TFLM's int16 CONV_2D keeps the int64 accumulator unless the model's
// quantized_bias_type option asks for int32.
TEST(ConvS16, BiasLessAccumulatorFollowsQuantizedBiasType) {
  std::vector<int16_t> in(4);
  std::vector<int8_t> w(4);
  int16_t out = 0;
  Tensor ti = MakeTensor(DType::kInt16, {1, 1, 1, 4}, in.data());
  ti.q.scale = 1.0f / 1024;
  Tensor tf = MakeTensor(DType::kInt8, {1, 1, 1, 4}, w.data());
  tf.q.scale = 1.0f / 128;
  Tensor to = MakeTensor(DType::kInt16, {1, 1, 1, 1}, &out);
  to.q.scale = 1.0f / 256;
  int32_t multiplier = 0, shift = 0;
  for (DType hint : {DType::kFloat32, DType::kInt64, DType::kInt32}) {
    ConvParams p;
    p.channel_multipliers = &multiplier;
    p.channel_shifts = &shift;
    ConvOptions o;
    o.stride_h = o.stride_w = 1;
    o.quantized_bias_type = hint;
    ASSERT_TRUE(PrepareConv2D(ti, tf, nullptr, to, o, &p).ok());
    EXPECT_EQ(p.wide_accumulator, hint != DType::kInt32) << DTypeName(hint);
  }
}

// TFLM derives every channel's multiplier in double, also for a per-tensor filter.
TEST(ConvQuantization, PerTensorFilterUsesDoubleProduct) {
  int8_t in = 1, w = 1, out = 0;
  Tensor ti = MakeTensor(DType::kInt8, {1, 1, 1, 1}, &in);
  ti.q.scale = 0.1f;
  Tensor tf = MakeTensor(DType::kInt8, {1, 1, 1, 1}, &w);
  tf.q.scale = 0.3f;
  Tensor to = MakeTensor(DType::kInt8, {1, 1, 1, 1}, &out);
  to.q.scale = 0.7f;
  ConvParams p;
  int32_t multiplier = 0, shift = 0;
  p.channel_multipliers = &multiplier;
  p.channel_shifts = &shift;
  ConvOptions o;
  o.stride_h = o.stride_w = 1;
  ASSERT_TRUE(PrepareConv2D(ti, tf, nullptr, to, o, &p).ok());
  const QuantizedMultiplier want = QuantizeMultiplier(static_cast<double>(0.1f) * static_cast<double>(0.3f) /
                                                      static_cast<double>(0.7f));
  EXPECT_EQ(multiplier, want.multiplier);
  EXPECT_EQ(shift, want.shift);
}

// --- Prepare rejects what TFLM cannot run --------------------------------------------------

struct BadCase {
  std::string name;
  void (*edit)(Case& c, Tensor& in, Tensor& filter, Tensor& bias, Tensor& out, ConvOptions& o);
  StatusCode code;
};

class ConvPrepareErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(ConvPrepareErrors, ReturnsStatus) {
  const BadCase& bad = GetParam();
  Case c;
  c.op = Op::kConv;
  c.kind = Kind::kS8;
  const Dims d = Geometry(c);
  std::vector<int8_t> in(Count(d.input)), w(Count(d.filter)), out(Count(d.output));
  std::vector<int32_t> bias(c.out_c);
  std::vector<float> scales(c.out_c, 0.01f);
  Tensor ti = MakeTensor(DType::kInt8, d.input, in.data());
  ti.q.scale = 0.02f;
  Tensor tf = MakeTensor(DType::kInt8, d.filter, w.data());
  tf.q.scale = 0.01f;
  tf.q.channel_scales = scales.data();
  tf.q.num_channels = c.out_c;
  Tensor tb = MakeTensor(DType::kInt32, {c.out_c}, bias.data());
  Tensor to = MakeTensor(DType::kInt8, d.output, out.data());
  to.q.scale = 0.05f;
  ConvOptions o = OptionsFor(c);
  bad.edit(c, ti, tf, tb, to, o);
  ConvParams p;
  std::vector<int32_t> multipliers(16), shifts(16);
  p.channel_multipliers = multipliers.data();
  p.channel_shifts = shifts.data();
  const Status s = PrepareFor(c.op, o, ti, tf, &tb, to, &p);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), bad.code) << s.message();
}

std::vector<BadCase> BadCases() {
  using T = Tensor;
  return {
      {"stride_zero", [](Case&, T&, T&, T&, T&, ConvOptions& o) { o.stride_w = 0; }, StatusCode::kInvalidModel},
      {"dilation_zero", [](Case&, T&, T&, T&, T&, ConvOptions& o) { o.dilation_h = 0; }, StatusCode::kInvalidModel},
      {"unknown_padding", [](Case&, T&, T&, T&, T&, ConvOptions& o) { o.padding = static_cast<Padding>(7); },
       StatusCode::kInvalidModel},
      {"unknown_activation", [](Case&, T&, T&, T&, T&, ConvOptions& o) { o.activation = static_cast<Activation>(9); },
       StatusCode::kInvalidModel},
      {"huge_stride", [](Case&, T&, T&, T&, T&, ConvOptions& o) { o.stride_h = 0x7fffffff; }, StatusCode::kUnsupported},
      {"huge_dilation", [](Case&, T&, T&, T&, T&, ConvOptions& o) { o.dilation_w = 0x40000000; },
       StatusCode::kUnsupported},
      {"rank3_input", [](Case&, T& in, T&, T&, T&, ConvOptions&) { in.shape.rank = 3; }, StatusCode::kShapeMismatch},
      {"output_height_wrong", [](Case&, T&, T&, T&, T& out, ConvOptions&) { out.shape.dims[1] += 1; },
       StatusCode::kShapeMismatch},
      {"output_channels_wrong", [](Case&, T&, T&, T&, T& out, ConvOptions&) { out.shape.dims[3] = 3; },
       StatusCode::kShapeMismatch},
      {"depth_not_multiple", [](Case&, T&, T& f, T&, T&, ConvOptions&) { f.shape.dims[3] = 2; },
       StatusCode::kShapeMismatch},
      {"bias_size_wrong", [](Case&, T&, T&, T& b, T&, ConvOptions&) { b.shape.dims[0] = 3; }, StatusCode::kShapeMismatch},
      {"bias_int64_for_int8", [](Case&, T&, T&, T& b, T&, ConvOptions&) { b.type = DType::kInt64; },
       StatusCode::kUnsupported},
      {"hybrid_float_input", [](Case&, T& in, T&, T&, T&, ConvOptions&) { in.type = DType::kFloat32; },
       StatusCode::kUnsupported},
      {"uint8_input", [](Case&, T& in, T&, T&, T&, ConvOptions&) { in.type = DType::kUInt8; }, StatusCode::kUnsupported},
      {"per_channel_count_wrong", [](Case&, T&, T& f, T&, T&, ConvOptions&) { f.q.num_channels = 3; },
       StatusCode::kInvalidModel},
      {"unquantized_filter", [](Case&, T&, T& f, T&, T&, ConvOptions&) { f.q = Quantization(); },
       StatusCode::kInvalidModel},
      {"zero_output_scale", [](Case&, T&, T&, T&, T& out, ConvOptions&) { out.q.scale = 0.0f; },
       StatusCode::kInvalidModel},
      {"nan_input_scale", [](Case&, T& in, T&, T&, T&, ConvOptions&) { in.q.scale = std::nanf(""); },
       StatusCode::kInvalidModel},
      {"multiplier_too_large", [](Case&, T&, T&, T&, T& out, ConvOptions&) { out.q.scale = 1e-20f; },
       StatusCode::kUnsupported},
      {"int16_nonzero_zero_point",
       [](Case& c, T& in, T&, T& b, T& out, ConvOptions&) {
         c.kind = Kind::kS16;
         in.type = out.type = DType::kInt16;
         b.type = DType::kInt64;
         out.q.zero_point = 3;
       },
       StatusCode::kUnsupported},
      {"depthwise_multiplier_option_mismatch",
       [](Case& c, T&, T& f, T&, T& out, ConvOptions& o) {
         c.op = Op::kDepthwise;
         f.shape = out.shape;  // [1, 5, 5, 4] is not a filter, make it one: [1, 3, 3, 6]
         f.shape.dims[0] = 1;
         f.shape.dims[1] = f.shape.dims[2] = 3;
         f.shape.dims[3] = 6;
         f.q.num_channels = 0;
         out.shape.dims[3] = 6;
         o.depth_multiplier = 3;
       },
       StatusCode::kInvalidModel},
      {"transpose_with_dilation",
       [](Case& c, T&, T&, T&, T&, ConvOptions& o) {
         c.op = Op::kTranspose;
         o.dilation_h = 2;
       },
       StatusCode::kInvalidModel},
  };
}

INSTANTIATE_TEST_SUITE_P(Table, ConvPrepareErrors, ::testing::ValuesIn(BadCases()),
                         [](const ::testing::TestParamInfo<BadCase>& info) { return info.param.name; });

}  // namespace
}  // namespace mote
