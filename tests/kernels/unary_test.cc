// Elementwise unary kernels (runtime/kernels/unary.h) against an independent model written here:
// float ops in double precision, integer ops as "dequantize, apply the real function in double,
// quantize with round-half-away, clamp", allowing the LSBs TFLite's fixed-point arithmetic is
// documented to differ by. Named edge cases, seeded random configurations, and Prepare errors.
#include "runtime/kernels/unary.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "test_util.h"

namespace mote {
namespace {

Tensor MakeTensor(DType type, int32_t n, void* data, float scale = 0.0f, int32_t zero_point = 0) {
  Tensor t;
  t.type = type;
  t.shape.rank = 1;
  t.shape.dims[0] = n;
  t.data = data;
  t.q.scale = scale;
  t.q.zero_point = zero_point;
  t.q.num_channels = scale != 0.0f ? 1 : 0;
  return t;
}

template <typename T>
constexpr DType DTypeOf() {
  if constexpr (std::is_same_v<T, int8_t>) return DType::kInt8;
  if constexpr (std::is_same_v<T, uint8_t>) return DType::kUInt8;
  if constexpr (std::is_same_v<T, int16_t>) return DType::kInt16;
  if constexpr (std::is_same_v<T, int32_t>) return DType::kInt32;
  return DType::kFloat32;
}

// ---------------------------------------------------------------------------------------------
// Integer ops: reference = quantize(f(dequantize(x)))

enum class Op { kRelu, kRelu6, kLeakyRelu, kHardSwish, kElu, kAbs, kRsqrt, kQuantize };

double RealFunction(Op op, double x, double alpha) {
  switch (op) {
    case Op::kRelu: return x < 0 ? 0 : x;
    case Op::kRelu6: return x < 0 ? 0 : (x > 6 ? 6 : x);
    case Op::kLeakyRelu: return x > 0 ? x : alpha * x;
    case Op::kHardSwish: return x * std::min(6.0, std::max(0.0, x + 3)) / 6;
    case Op::kElu: return x < 0 ? std::expm1(x) : x;
    case Op::kAbs: return std::fabs(x);
    case Op::kRsqrt: return x == 0 ? std::numeric_limits<double>::infinity() : 1 / std::sqrt(x);
    case Op::kQuantize: return x;
  }
  return 0;
}

template <typename Out>
int64_t QuantizeReference(double real, double scale, int32_t zero_point) {
  const double q = std::round(real / scale) + zero_point;
  const double lo = std::numeric_limits<Out>::min(), hi = std::numeric_limits<Out>::max();
  return static_cast<int64_t>(std::min(hi, std::max(lo, q)));
}

struct QuantCase {
  const char* name;
  Op op;
  DType in_type;
  DType out_type;
  float in_scale;
  int32_t in_zp;
  float out_scale;
  int32_t out_zp;
  float alpha;    // LEAKY_RELU only
  int tolerance;  // LSBs of the output
};

Status PrepareOp(const QuantCase& c, const Tensor& in, const Tensor& out, UnaryParams* p) {
  switch (c.op) {
    case Op::kRelu: return PrepareRelu(in, out, p);
    case Op::kRelu6: return PrepareRelu6(in, out, p);
    case Op::kLeakyRelu: return PrepareLeakyRelu(in, out, c.alpha, p);
    case Op::kHardSwish: return PrepareHardSwish(in, out, p);
    case Op::kElu: return PrepareElu(in, out, p);
    case Op::kAbs: return PrepareAbs(in, out, p);
    case Op::kRsqrt: return PrepareRsqrt(in, out, p);
    case Op::kQuantize: return PrepareQuantize(in, out, p);
  }
  return Status(StatusCode::kInternal, "op");
}

void Run(Op op, const UnaryParams& p, const int8_t* in, int8_t* out) {
  switch (op) {
    case Op::kRelu: return relu_s8_ref(p, in, out);
    case Op::kRelu6: return relu6_s8_ref(p, in, out);
    case Op::kLeakyRelu: return leaky_relu_s8_ref(p, in, out);
    case Op::kHardSwish: return hard_swish_s8_ref(p, in, out);
    case Op::kElu: return elu_s8_ref(p, in, out);
    case Op::kAbs: return abs_s8_ref(p, in, out);
    case Op::kRsqrt: ASSERT_TRUE(rsqrt_s8_ref(p, in, out).ok()); return;
    case Op::kQuantize: return quantize_s8_ref(p, in, out);
  }
}
void Run(Op op, const UnaryParams& p, const int16_t* in, int16_t* out) {
  switch (op) {
    case Op::kRelu: return relu_s16_ref(p, in, out);
    case Op::kRelu6: return relu6_s16_ref(p, in, out);
    case Op::kLeakyRelu: return leaky_relu_s16_ref(p, in, out);
    case Op::kAbs: return abs_s16_ref(p, in, out);
    case Op::kQuantize: return quantize_s16_ref(p, in, out);
    default: FAIL() << "no int16 kernel";
  }
}
void Run(Op, const UnaryParams& p, const int8_t* in, uint8_t* out) { quantize_s8_ref(p, in, out); }
void Run(Op, const UnaryParams& p, const int8_t* in, int16_t* out) { quantize_s8_ref(p, in, out); }
void Run(Op, const UnaryParams& p, const int8_t* in, int32_t* out) { quantize_s8_ref(p, in, out); }
void Run(Op, const UnaryParams& p, const uint8_t* in, int8_t* out) { quantize_u8_ref(p, in, out); }
void Run(Op, const UnaryParams& p, const int16_t* in, int8_t* out) { quantize_s16_ref(p, in, out); }
void Run(Op, const UnaryParams& p, const int16_t* in, int32_t* out) {
  quantize_s16_ref(p, in, out);
}
void Run(Op, const UnaryParams& p, const int32_t* in, int8_t* out) { quantize_s32_ref(p, in, out); }
void Run(Op, const UnaryParams& p, const int32_t* in, int16_t* out) {
  quantize_s32_ref(p, in, out);
}

// Every int8/uint8 value, or the int16 extremes plus random values; odd length on purpose.
template <typename In>
std::vector<In> TestInputs(std::mt19937& rng, const QuantCase& c) {
  std::vector<In> v;
  if constexpr (sizeof(In) == 1) {
    for (int x = std::numeric_limits<In>::min(); x <= std::numeric_limits<In>::max(); ++x)
      v.push_back(static_cast<In>(x));
  } else {
    v = test::RandomInts<In>(rng, 1999, std::numeric_limits<In>::min() / 2,
                             std::numeric_limits<In>::max() / 2);
    for (int64_t x : {int64_t{std::numeric_limits<In>::min()}, int64_t{-1}, int64_t{0}, int64_t{1},
                      int64_t{std::numeric_limits<In>::max()}})
      v.push_back(static_cast<In>(x));
  }
  // x - zero point must not leave int32 (TFLite lets it wrap; the reference here cannot).
  const int64_t lo = int64_t{INT32_MIN} + std::max(c.in_zp, 0);
  const int64_t hi = int64_t{INT32_MAX} + std::min(c.in_zp, 0);
  for (auto& x : v) x = static_cast<In>(std::clamp<int64_t>(x, lo, hi));
  if (c.op == Op::kRsqrt)  // RSQRT is defined for x >= zero point only
    for (auto& x : v) x = static_cast<In>(std::max<int64_t>(x, c.in_zp));
  return v;
}

template <typename In, typename Out>
void CheckQuantCase(const QuantCase& c, std::mt19937& rng) {
  SCOPED_TRACE(c.name);
  std::vector<In> input = TestInputs<In>(rng, c);
  const int32_t n = static_cast<int32_t>(input.size());
  std::vector<Out> output(n);
  std::vector<int8_t> table(kEluTableSize);
  Tensor in = MakeTensor(DTypeOf<In>(), n, input.data(), c.in_scale, c.in_zp);
  Tensor out = MakeTensor(DTypeOf<Out>(), n, output.data(), c.out_scale, c.out_zp);
  UnaryParams p;
  p.table = table.data();
  const Status s = PrepareOp(c, in, out, &p);
  ASSERT_TRUE(s.ok()) << s.message();
  Run(c.op, p, input.data(), output.data());

  // RELU6 does not requantize: it clamps in the input's quantization.
  const double out_scale = c.op == Op::kRelu6 ? c.in_scale : c.out_scale;
  const int32_t out_zp = c.op == Op::kRelu6 ? c.in_zp : c.out_zp;
  int64_t worst = 0;
  for (int32_t i = 0; i < n; ++i) {
    const double real =
        static_cast<double>(c.in_scale) * (static_cast<int64_t>(input[i]) - c.in_zp);
    const int64_t want =
        QuantizeReference<Out>(RealFunction(c.op, real, c.alpha), out_scale, out_zp);
    const int64_t diff = std::llabs(static_cast<int64_t>(output[i]) - want);
    worst = std::max(worst, diff);
    if (diff > c.tolerance) {
      ADD_FAILURE() << "input " << int64_t{input[i]} << " (real " << real << "): got "
                    << int64_t{output[i]} << ", want " << want << " +- " << c.tolerance;
      return;
    }
  }
  ::testing::Test::RecordProperty(std::string(c.name) + "_worst_lsb", static_cast<int>(worst));
}

void CheckQuantCase(const QuantCase& c, std::mt19937& rng) {
  const DType i = c.in_type, o = c.out_type;
  if (i == DType::kInt8 && o == DType::kInt8) return CheckQuantCase<int8_t, int8_t>(c, rng);
  if (i == DType::kInt16 && o == DType::kInt16) return CheckQuantCase<int16_t, int16_t>(c, rng);
  if (i == DType::kInt8 && o == DType::kUInt8) return CheckQuantCase<int8_t, uint8_t>(c, rng);
  if (i == DType::kInt8 && o == DType::kInt16) return CheckQuantCase<int8_t, int16_t>(c, rng);
  if (i == DType::kInt8 && o == DType::kInt32) return CheckQuantCase<int8_t, int32_t>(c, rng);
  if (i == DType::kUInt8 && o == DType::kInt8) return CheckQuantCase<uint8_t, int8_t>(c, rng);
  if (i == DType::kInt16 && o == DType::kInt8) return CheckQuantCase<int16_t, int8_t>(c, rng);
  if (i == DType::kInt16 && o == DType::kInt32) return CheckQuantCase<int16_t, int32_t>(c, rng);
  if (i == DType::kInt32 && o == DType::kInt8) return CheckQuantCase<int32_t, int8_t>(c, rng);
  if (i == DType::kInt32 && o == DType::kInt16) return CheckQuantCase<int32_t, int16_t>(c, rng);
  FAIL() << "untested dtype pair";
}

constexpr DType k8 = DType::kInt8, k16 = DType::kInt16, kU8 = DType::kUInt8, k32 = DType::kInt32;

// Requantizing ops are within 1 LSB of exact rounding (double rounding of the multiplier);
// ELU's float table within 1; HARD_SWISH and RSQRT's fixed point within 2.
const QuantCase kQuantCases[] = {
    {"relu_s8_calibrated", Op::kRelu, k8, k8, 0.05f, 3, 0.03f, -128, 0, 1},
    {"relu_s8_same_quantization", Op::kRelu, k8, k8, 0.1f, -20, 0.1f, -20, 0, 0},
    {"relu_s8_zp_extremes", Op::kRelu, k8, k8, 0.02f, 127, 0.01f, 127, 0, 1},
    {"relu_s8_shrinking", Op::kRelu, k8, k8, 0.01f, -128, 0.2f, 5, 0, 1},
    {"relu_s16", Op::kRelu, k16, k16, 0.001f, 0, 0.0007f, 0, 0, 1},
    {"relu6_s8_six_inside", Op::kRelu6, k8, k8, 0.03f, -100, 0.03f, -100, 0, 0},
    {"relu6_s8_six_beyond_range", Op::kRelu6, k8, k8, 0.1f, 10, 0.1f, 10, 0, 0},
    {"relu6_s8_zp_max", Op::kRelu6, k8, k8, 0.05f, 127, 0.05f, 127, 0, 0},
    {"relu6_s16", Op::kRelu6, k16, k16, 0.0003f, 0, 0.0003f, 0, 0, 0},
    {"leaky_s8_small_alpha", Op::kLeakyRelu, k8, k8, 0.04f, 7, 0.03f, -50, 0.05f, 1},
    {"leaky_s8_alpha_above_one", Op::kLeakyRelu, k8, k8, 0.04f, 7, 0.1f, 0, 2.5f, 1},
    {"leaky_s8_negative_alpha", Op::kLeakyRelu, k8, k8, 0.04f, 0, 0.03f, -128, -0.5f, 1},
    {"leaky_s8_zero_alpha", Op::kLeakyRelu, k8, k8, 0.04f, -128, 0.04f, -128, 0.0f, 1},
    {"leaky_s16", Op::kLeakyRelu, k16, k16, 0.0017f, 0, 0.0046f, 0, 0.3f, 1},
    {"hard_swish_s8", Op::kHardSwish, k8, k8, 0.05f, 0, 0.04f, -60, 0, 2},
    {"hard_swish_s8_wide", Op::kHardSwish, k8, k8, 0.1f, -128, 0.09f, -100, 0, 2},
    {"hard_swish_s8_narrow", Op::kHardSwish, k8, k8, 0.01f, 127, 0.008f, 30, 0, 2},
    {"elu_s8", Op::kElu, k8, k8, 0.05f, 0, 0.03f, 20, 0, 1},
    {"elu_s8_wide", Op::kElu, k8, k8, 0.1f, 127, 0.05f, -128, 0, 1},
    {"abs_s8_rescale", Op::kAbs, k8, k8, 0.02f, 5, 0.015f, -128, 0, 1},
    {"abs_s8_same_scale", Op::kAbs, k8, k8, 0.02f, -128, 0.02f, -3, 0, 0},
    {"abs_s16", Op::kAbs, k16, k16, 0.0005f, 0, 0.0002f, 0, 0, 1},
    {"rsqrt_s8", Op::kRsqrt, k8, k8, 0.05f, -128, 0.01f, -128, 0, 2},
    {"rsqrt_s8_small_scale", Op::kRsqrt, k8, k8, 0.004f, -100, 0.2f, -120, 0, 2},
    {"quantize_s8_s8_up", Op::kQuantize, k8, k8, 0.02f, 4, 0.05f, -9, 0, 1},
    {"quantize_s8_s8_down", Op::kQuantize, k8, k8, 0.05f, -128, 0.02f, 127, 0, 1},
    {"quantize_s8_u8_shift128", Op::kQuantize, k8, kU8, 0.03f, 0, 0.03f, 128, 0, 0},
    {"quantize_u8_s8_shift128", Op::kQuantize, kU8, k8, 0.03f, 128, 0.03f, 0, 0, 0},
    {"quantize_s8_s16", Op::kQuantize, k8, k16, 0.05f, 3, 0.0002f, 0, 0, 1},
    {"quantize_s8_s32", Op::kQuantize, k8, k32, 0.05f, -7, 0.00001f, 11, 0, 1},
    {"quantize_s16_s8", Op::kQuantize, k16, k8, 0.0004f, 0, 0.05f, -3, 0, 1},
    {"quantize_s16_s16", Op::kQuantize, k16, k16, 0.0004f, 0, 0.0006f, 0, 0, 1},
    {"quantize_s16_s32", Op::kQuantize, k16, k32, 0.000494f, 0, 1.49e-7f, 0, 0, 1},
    {"quantize_s32_s8", Op::kQuantize, k32, k8, 1e-5f, 100, 0.05f, -1, 0, 1},
    {"quantize_s32_s16", Op::kQuantize, k32, k16, 1.49e-7f, 0, 0.00092f, 0, 0, 1},
};

class QuantizedUnary : public ::testing::TestWithParam<QuantCase> {};

TEST_P(QuantizedUnary, MatchesDequantizedReference) {
  std::mt19937 rng(1234);
  CheckQuantCase(GetParam(), rng);
}

INSTANTIATE_TEST_SUITE_P(Cases, QuantizedUnary, ::testing::ValuesIn(kQuantCases),
                         [](const auto& info) { return std::string(info.param.name); });

// Seeded random scales and zero points for every integer op.
TEST(QuantizedUnaryRandom, SeededConfigurations) {
  std::mt19937 rng(20240601);
  std::uniform_real_distribution<float> log_scale(-9.0f, -1.0f);
  std::uniform_real_distribution<float> ratio(0.5f, 2.0f);
  std::uniform_int_distribution<int> zp(-128, 127);
  struct OpSpec {
    Op op;
    DType type;
    int tolerance;
  };
  const OpSpec specs[] = {
      {Op::kRelu, k8, 1},      {Op::kRelu, k16, 1},      {Op::kRelu6, k8, 0},
      {Op::kLeakyRelu, k8, 1}, {Op::kLeakyRelu, k16, 1}, {Op::kHardSwish, k8, 2},
      {Op::kElu, k8, 1},       {Op::kAbs, k8, 1},        {Op::kAbs, k16, 1},
      {Op::kRsqrt, k8, 2},     {Op::kQuantize, k8, 1},   {Op::kQuantize, k16, 1}};
  for (const OpSpec& s : specs) {
    for (int trial = 0; trial < 25; ++trial) {
      QuantCase c{"random", s.op, s.type, s.type, std::exp2(log_scale(rng)),
                  0,        0,    0,      0,      s.tolerance};
      c.out_scale = c.in_scale * ratio(rng);
      if (s.type == k8) {
        c.in_zp = zp(rng);
        c.out_zp = zp(rng);
      }
      if (s.op == Op::kRelu6) {
        c.out_scale = c.in_scale;
        c.out_zp = c.in_zp;
      }
      if (s.op == Op::kLeakyRelu) c.alpha = std::uniform_real_distribution<float>(-1.0f, 3.0f)(rng);
      // RSQRT outputs span 1/sqrt(input range): pick an output scale that covers them.
      if (s.op == Op::kRsqrt) c.out_scale = 1.0f / std::sqrt(c.in_scale) / 100.0f * ratio(rng);
      const std::string name = "op " + std::to_string(static_cast<int>(s.op)) + " dtype " +
                               DTypeName(s.type) + " trial " + std::to_string(trial);
      SCOPED_TRACE(name);
      CheckQuantCase(c, rng);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Float ops against double precision.

struct FloatCase {
  const char* name;
  void (*kernel)(const UnaryParams&, const float*, float*);
  double (*reference)(double);
  float lo, hi;  // input range
};

const FloatCase kFloatCases[] = {
    {"relu", relu_f32_ref, [](double x) { return x < 0 ? 0.0 : x; }, -10, 10},
    {"relu6", relu6_f32_ref, [](double x) { return std::clamp(x, 0.0, 6.0); }, -12, 12},
    {"hard_swish", hard_swish_f32_ref, [](double x) { return x * std::clamp(x + 3, 0.0, 6.0) / 6; },
     -8, 8},
    {"elu", elu_f32_ref, [](double x) { return x < 0 ? std::expm1(x) : x; }, -12, 12},
    {"abs", abs_f32_ref, [](double x) { return std::fabs(x); }, -5, 5},
    {"neg", neg_f32_ref, [](double x) { return -x; }, -5, 5},
    {"sqrt", sqrt_f32_ref, [](double x) { return std::sqrt(x); }, 0, 50},
    {"rsqrt", rsqrt_f32_ref, [](double x) { return 1 / std::sqrt(x); }, 0.005f, 50},
};

class FloatUnary : public ::testing::TestWithParam<FloatCase> {};

TEST_P(FloatUnary, MatchesDoublePrecision) {
  const FloatCase& c = GetParam();
  std::mt19937 rng(99);
  std::uniform_real_distribution<float> dist(c.lo, c.hi);
  std::vector<float> input(1001);
  for (float& x : input) x = dist(rng);
  input[0] = c.lo;
  input[1] = c.hi;
  std::vector<float> output(input.size());
  UnaryParams p;
  p.size = static_cast<int32_t>(input.size());
  c.kernel(p, input.data(), output.data());
  for (size_t i = 0; i < input.size(); ++i) {
    const double want = c.reference(input[i]);
    ASSERT_NEAR(output[i], want, 1e-6 + 2e-7 * std::fabs(want)) << "input " << input[i];
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, FloatUnary, ::testing::ValuesIn(kFloatCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(FloatUnary, LeakyReluAlphas) {
  for (float alpha : {0.0f, 0.2f, 0.95f, 2.5f, -0.3f}) {
    std::vector<float> input = {-3.5f, -1.0f, -0.0f, 0.0f, 0.25f, 7.0f};
    std::vector<float> output(input.size());
    Tensor in = MakeTensor(DType::kFloat32, 6, input.data());
    Tensor out = MakeTensor(DType::kFloat32, 6, output.data());
    UnaryParams p;
    ASSERT_TRUE(PrepareLeakyRelu(in, out, alpha, &p).ok());
    leaky_relu_f32_ref(p, input.data(), output.data());
    for (size_t i = 0; i < input.size(); ++i)
      EXPECT_FLOAT_EQ(output[i], input[i] > 0 ? input[i] : alpha * input[i]) << "alpha " << alpha;
  }
}

// ---------------------------------------------------------------------------------------------
// QUANTIZE from float32 and DEQUANTIZE.

template <typename Out>
void CheckQuantizeFromFloat(float scale, int32_t zp) {
  SCOPED_TRACE(std::string(DTypeName(DTypeOf<Out>())) + " zp " + std::to_string(zp));
  std::mt19937 rng(7);
  const double range =
      scale * (double{std::numeric_limits<Out>::max()} - std::numeric_limits<Out>::min());
  std::uniform_real_distribution<double> dist(-0.6 * range, 0.6 * range);
  std::vector<float> input;
  for (int i = 0; i < 777; ++i) input.push_back(static_cast<float>(dist(rng)));
  // Exact ties (scale is a power of two) must round away from zero.
  for (int k = -20; k <= 20; ++k) input.push_back((k + 0.5f) * scale);
  for (float x : {std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(),
                  3e38f, -3e38f, 0.0f, -0.0f})
    input.push_back(x);
  const int32_t n = static_cast<int32_t>(input.size());
  std::vector<Out> output(n);
  Tensor in = MakeTensor(DType::kFloat32, n, input.data());
  Tensor out = MakeTensor(DTypeOf<Out>(), n, output.data(), scale, zp);
  UnaryParams p;
  ASSERT_TRUE(PrepareQuantize(in, out, &p).ok());
  quantize_f32_ref(p, input.data(), output.data());
  for (int32_t i = 0; i < n; ++i)
    ASSERT_EQ(output[i], QuantizeReference<Out>(input[i], scale, zp)) << "input " << input[i];
}

TEST(Quantize, FromFloatRoundsHalfAwayAndSaturates) {
  CheckQuantizeFromFloat<int8_t>(0.0625f, -128);
  CheckQuantizeFromFloat<int8_t>(0.125f, 127);
  CheckQuantizeFromFloat<int8_t>(0.015625f, 3);
  CheckQuantizeFromFloat<int16_t>(1.0f / 4096, 0);
  CheckQuantizeFromFloat<int16_t>(1.0f / 256, -1000);
}

template <typename In>
void CheckDequantize(float scale, int32_t zp) {
  std::vector<In> input;
  for (int x = std::numeric_limits<In>::min(); x <= std::numeric_limits<In>::max();
       x += sizeof(In) == 1 ? 1 : 37)
    input.push_back(static_cast<In>(x));
  const int32_t n = static_cast<int32_t>(input.size());
  std::vector<float> output(n);
  Tensor in = MakeTensor(DTypeOf<In>(), n, input.data(), scale, zp);
  Tensor out = MakeTensor(DType::kFloat32, n, output.data());
  UnaryParams p;
  ASSERT_TRUE(PrepareDequantize(in, out, &p).ok());
  if constexpr (std::is_same_v<In, int8_t>) dequantize_s8_ref(p, input.data(), output.data());
  if constexpr (std::is_same_v<In, uint8_t>) dequantize_u8_ref(p, input.data(), output.data());
  if constexpr (std::is_same_v<In, int16_t>) dequantize_s16_ref(p, input.data(), output.data());
  for (int32_t i = 0; i < n; ++i) {
    const double want = double{scale} * (int64_t{input[i]} - zp);
    ASSERT_NEAR(output[i], want, 1e-6 * std::fabs(want) + 1e-12) << "input " << int64_t{input[i]};
  }
}

TEST(Dequantize, AllDtypes) {
  CheckDequantize<int8_t>(0.037f, -128);
  CheckDequantize<int8_t>(0.2f, 127);
  CheckDequantize<uint8_t>(0.01f, 128);
  CheckDequantize<int16_t>(0.0003f, 0);
}

// ---------------------------------------------------------------------------------------------
// Special values and paths the dequantized reference does not pin down.

TEST(Abs, Int16WithoutQuantizationWrapsLikeInt16) {
  std::vector<int16_t> input = {-32768, -32767, -1, 0, 1, 32767};
  std::vector<int16_t> output(input.size());
  Tensor in = MakeTensor(DType::kInt16, 6, input.data());
  Tensor out = MakeTensor(DType::kInt16, 6, output.data());
  UnaryParams p;
  ASSERT_TRUE(PrepareAbs(in, out, &p).ok());
  abs_s16_ref(p, input.data(), output.data());
  EXPECT_EQ(output, (std::vector<int16_t>{-32768, 32767, 1, 0, 1, 32767}));
}

TEST(Rsqrt, ZeroGivesMaximumAndNegativeFails) {
  std::vector<int8_t> input = {-128, -127, 127};
  std::vector<int8_t> output(input.size());
  Tensor in = MakeTensor(DType::kInt8, 3, input.data(), 0.05f, -128);
  Tensor out = MakeTensor(DType::kInt8, 3, output.data(), 0.02f, -100);
  UnaryParams p;
  ASSERT_TRUE(PrepareRsqrt(in, out, &p).ok());
  ASSERT_TRUE(rsqrt_s8_ref(p, input.data(), output.data()).ok());
  EXPECT_EQ(output[0], 127);  // exact zero, whatever the output zero point
  input[1] = -128;
  in.q.zero_point = p.input_offset = -100;
  EXPECT_EQ(rsqrt_s8_ref(p, input.data(), output.data()).code(), StatusCode::kInvalidArgument);
}

TEST(Relu6, SixBeyondTheRangeClampsAtTheTypeMaximum) {
  std::vector<int8_t> input = {-128, 9, 10, 50, 127};
  std::vector<int8_t> output(input.size());
  Tensor in = MakeTensor(DType::kInt8, 5, input.data(), 0.2f, 10);  // 6.0 is q = 40
  Tensor out = MakeTensor(DType::kInt8, 5, output.data(), 0.2f, 10);
  UnaryParams p;
  ASSERT_TRUE(PrepareRelu6(in, out, &p).ok());
  relu6_s8_ref(p, input.data(), output.data());
  EXPECT_EQ(output, (std::vector<int8_t>{10, 10, 10, 40, 40}));
  in.q.scale = 0.01f;  // 6.0 is q = 610: beyond int8
  ASSERT_TRUE(PrepareRelu6(in, out, &p).ok());
  relu6_s8_ref(p, input.data(), output.data());
  EXPECT_EQ(output, (std::vector<int8_t>{10, 10, 10, 50, 127}));
}

TEST(Quantize, Int32SaturatesIntoInt16) {
  std::vector<int32_t> input = {INT32_MIN, -40000000, 0, 40000000, INT32_MAX};
  std::vector<int16_t> output(input.size());
  Tensor in = MakeTensor(DType::kInt32, 5, input.data(), 1e-4f, 0);
  Tensor out = MakeTensor(DType::kInt16, 5, output.data(), 1e-3f, 0);
  UnaryParams p;
  ASSERT_TRUE(PrepareQuantize(in, out, &p).ok());
  quantize_s32_ref(p, input.data(), output.data());
  EXPECT_EQ(output, (std::vector<int16_t>{-32768, -32768, 0, 32767, 32767}));
}

TEST(Elu, EmptyTensorIsFine) {
  std::vector<int8_t> table(kEluTableSize);
  int8_t dummy = 0;
  Tensor in = MakeTensor(DType::kInt8, 0, &dummy, 0.1f, 0);
  Tensor out = MakeTensor(DType::kInt8, 0, &dummy, 0.1f, 0);
  UnaryParams p;
  p.table = table.data();
  ASSERT_TRUE(PrepareElu(in, out, &p).ok());
  elu_s8_ref(p, &dummy, &dummy);
  EXPECT_EQ(p.size, 0);
}

// ---------------------------------------------------------------------------------------------
// Prepare rejects what TFLite Micro rejects, and hostile values, with a Status.

struct ErrorCase {
  const char* name;
  Status (*prepare)(const Tensor&, const Tensor&, UnaryParams*);
  DType in_type;
  int32_t in_n;
  float in_scale;
  int32_t in_zp;
  DType out_type;
  int32_t out_n;
  float out_scale;
  int32_t out_zp;
  StatusCode want;
};

constexpr DType kF32 = DType::kFloat32;
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

const ErrorCase kErrorCases[] = {
    {"size_mismatch", PrepareRelu, kF32, 4, 0, 0, kF32, 5, 0, 0, StatusCode::kShapeMismatch},
    {"dtype_mismatch", PrepareRelu, k8, 4, 0.1f, 0, k16, 4, 0.1f, 0, StatusCode::kUnsupported},
    {"relu_int32", PrepareRelu, k32, 4, 0.1f, 0, k32, 4, 0.1f, 0, StatusCode::kUnsupported},
    {"relu_no_scale", PrepareRelu, k8, 4, 0, 0, k8, 4, 0.1f, 0, StatusCode::kInvalidModel},
    {"relu_nan_scale", PrepareRelu, k8, 4, kNaN, 0, k8, 4, 0.1f, 0, StatusCode::kInvalidModel},
    {"relu_negative_scale", PrepareRelu, k8, 4, -0.1f, 0, k8, 4, 0.1f, 0,
     StatusCode::kInvalidModel},
    {"relu_zp_out_of_range", PrepareRelu, k8, 4, 0.1f, 300, k8, 4, 0.1f, 0,
     StatusCode::kInvalidModel},
    {"relu_s16_nonzero_zp", PrepareRelu, k16, 4, 0.1f, 3, k16, 4, 0.1f, 0,
     StatusCode::kUnsupported},
    {"relu_huge_ratio", PrepareRelu, k8, 4, 1e10f, 0, k8, 4, 1e-10f, 0, StatusCode::kUnsupported},
    {"hard_swish_s16", PrepareHardSwish, k16, 4, 0.1f, 0, k16, 4, 0.1f, 0,
     StatusCode::kUnsupported},
    {"hard_swish_fine_output", PrepareHardSwish, k8, 4, 1.0f, 0, k8, 4, 0.001f, 0,
     StatusCode::kUnsupported},
    {"elu_s16", PrepareElu, k16, 4, 0.1f, 0, k16, 4, 0.1f, 0, StatusCode::kUnsupported},
    {"abs_s16_nonzero_zp", PrepareAbs, k16, 4, 0.1f, 0, k16, 4, 0.1f, 2, StatusCode::kUnsupported},
    {"abs_s8_unquantized", PrepareAbs, k8, 4, 0, 0, k8, 4, 0, 0, StatusCode::kInvalidModel},
    {"rsqrt_s16", PrepareRsqrt, k16, 4, 0.1f, 0, k16, 4, 0.1f, 0, StatusCode::kUnsupported},
    {"neg_s8", PrepareFloatUnary, k8, 4, 0.1f, 0, k8, 4, 0.1f, 0, StatusCode::kUnsupported},
    {"quantize_f32_to_f32", PrepareQuantize, kF32, 4, 0, 0, kF32, 4, 0, 0,
     StatusCode::kUnsupported},
    {"quantize_f32_to_s32", PrepareQuantize, kF32, 4, 0, 0, k32, 4, 0.1f, 0,
     StatusCode::kUnsupported},
    {"quantize_u8_to_s16", PrepareQuantize, kU8, 4, 0.1f, 0, k16, 4, 0.1f, 0,
     StatusCode::kUnsupported},
    {"quantize_no_output_scale", PrepareQuantize, kF32, 4, 0, 0, k8, 4, 0, 0,
     StatusCode::kInvalidModel},
    {"dequantize_to_s8", PrepareDequantize, k8, 4, 0.1f, 0, k8, 4, 0.1f, 0,
     StatusCode::kUnsupported},
    {"dequantize_f32", PrepareDequantize, kF32, 4, 0, 0, kF32, 4, 0, 0, StatusCode::kUnsupported},
};

class UnaryPrepareError : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(UnaryPrepareError, IsRejected) {
  const ErrorCase& c = GetParam();
  std::vector<int8_t> table(kEluTableSize);
  Tensor in = MakeTensor(c.in_type, c.in_n, nullptr, c.in_scale, c.in_zp);
  Tensor out = MakeTensor(c.out_type, c.out_n, nullptr, c.out_scale, c.out_zp);
  UnaryParams p;
  p.table = table.data();
  const Status s = c.prepare(in, out, &p);
  EXPECT_EQ(s.code(), c.want) << s.message();
}

INSTANTIATE_TEST_SUITE_P(Cases, UnaryPrepareError, ::testing::ValuesIn(kErrorCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(UnaryPrepareError, PerChannelQuantizeOutput) {
  const float scales[] = {0.1f, 0.2f};
  Tensor in = MakeTensor(DType::kFloat32, 2, nullptr);
  Tensor out = MakeTensor(DType::kInt8, 2, nullptr, 0.1f, 0);
  out.q.channel_scales = scales;
  out.q.num_channels = 2;
  UnaryParams p;
  EXPECT_EQ(PrepareQuantize(in, out, &p).code(), StatusCode::kUnsupported);
}

}  // namespace
}  // namespace mote
