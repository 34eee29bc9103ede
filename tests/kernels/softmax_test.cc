// SOFTMAX (float32, int8->int8, int8->int16, int16) and LOG_SOFTMAX (float32, int8) kernels
// against double-precision softmax on the dequantized inputs, on random shapes, plus edge cases
// and the Prepare checks.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "runtime/kernels/softmax.h"
#include "test_util.h"

namespace mote {
namespace {

Tensor MakeTensor(DType type, const std::vector<int32_t>& dims, float scale, int32_t zero_point, void* data) {
  Tensor t;
  t.type = type;
  t.shape.rank = static_cast<int32_t>(dims.size());
  for (size_t i = 0; i < dims.size(); ++i) t.shape.dims[i] = dims[i];
  t.q.scale = scale;
  t.q.zero_point = zero_point;
  t.data = data;
  return t;
}

std::vector<int32_t> RandomDims(std::mt19937& rng, int rank) {
  std::uniform_int_distribution<int32_t> d(1, 9);
  std::vector<int32_t> dims(rank);
  for (int32_t& v : dims) v = d(rng);
  dims.back() = std::uniform_int_distribution<int32_t>(1, 40)(rng);
  return dims;
}

int64_t Elements(const std::vector<int32_t>& dims) {
  int64_t n = 1;
  for (int32_t d : dims) n *= d;
  return n;
}

// Softmax / log-softmax rows of real values, in double. `min_diff` clamps beta * (x - max) from
// below: the int16 kernel's exp table ends at -10, so smaller differences count as exp(-10).
std::vector<double> ReferenceRows(const std::vector<double>& x, int32_t depth, double beta, bool log,
                                  double min_diff = -HUGE_VAL) {
  std::vector<double> y(x.size());
  for (size_t row = 0; row < x.size() / depth; ++row) {
    const double* in = &x[row * depth];
    const double max = *std::max_element(in, in + depth);
    auto diff = [&](int32_t c) { return std::fmax(beta * (in[c] - max), min_diff); };
    double sum = 0;
    for (int32_t c = 0; c < depth; ++c) sum += std::exp(diff(c));
    for (int32_t c = 0; c < depth; ++c) y[row * depth + c] = log ? diff(c) - std::log(sum) : std::exp(diff(c)) / sum;
  }
  return y;
}

// ---- quantized softmax -----------------------------------------------------------------------

enum class Variant { kS8ToS8, kS8ToS16, kS16ToS16, kLogS8 };

struct QuantCase {
  const char* name;
  Variant variant;
  int rank;
  float input_scale;
  int32_t input_zero_point;
  float beta;
  double lsb_tolerance;  // in output LSBs
};

class SoftmaxQuantized : public ::testing::TestWithParam<QuantCase> {};

template <typename In, typename Out>
void RunAndCompare(const QuantCase& c, std::mt19937& rng, const std::vector<int32_t>& dims,
                   float out_scale, int32_t out_zp) {
  const int64_t n = Elements(dims);
  constexpr int lo = sizeof(In) == 1 ? -128 : -32768;
  constexpr int hi = sizeof(In) == 1 ? 127 : 32767;
  std::vector<In> in = test::RandomInts<In>(rng, static_cast<size_t>(n), lo, hi);
  // Some rows concentrated near their maximum, where rounding matters most.
  if (n > 4) {
    in[0] = static_cast<In>(hi);
    in[1] = static_cast<In>(hi - 1);
  }
  std::vector<Out> out(in.size());
  Tensor ti = MakeTensor(sizeof(In) == 1 ? DType::kInt8 : DType::kInt16, dims, c.input_scale, c.input_zero_point, in.data());
  Tensor to = MakeTensor(sizeof(Out) == 1 ? DType::kInt8 : DType::kInt16, dims, out_scale, out_zp, out.data());
  SoftmaxParams p;
  std::vector<int16_t> lut_a(kSoftmaxLutSize), lut_b(kSoftmaxLutSize);
  p.exp_lut = lut_a.data();
  p.one_over_one_plus_x_lut = lut_b.data();
  const bool log = c.variant == Variant::kLogS8;
  if (log) {
    ASSERT_TRUE(PrepareLogSoftmax(ti, to, &p).ok());
  } else {
    ASSERT_TRUE(PrepareSoftmax(ti, to, c.beta, &p).ok());
  }
  if constexpr (sizeof(In) == 2) {
    softmax_s16_ref(p, reinterpret_cast<const int16_t*>(in.data()), reinterpret_cast<int16_t*>(out.data()));
  } else if constexpr (sizeof(Out) == 2) {
    softmax_s8_s16_ref(p, reinterpret_cast<const int8_t*>(in.data()), reinterpret_cast<int16_t*>(out.data()));
  } else if (log) {
    log_softmax_s8_ref(p, reinterpret_cast<const int8_t*>(in.data()), reinterpret_cast<int8_t*>(out.data()));
  } else {
    softmax_s8_ref(p, reinterpret_cast<const int8_t*>(in.data()), reinterpret_cast<int8_t*>(out.data()));
  }
  std::vector<double> x(in.size());
  for (size_t i = 0; i < in.size(); ++i) x[i] = static_cast<double>(c.input_scale) * (in[i] - c.input_zero_point);
  const std::vector<double> y =
      ReferenceRows(x, dims.back(), log ? 1.0 : c.beta, log, sizeof(In) == 2 ? -10.0 : -HUGE_VAL);
  constexpr double out_lo = sizeof(Out) == 1 ? -128 : -32768;
  constexpr double out_hi = sizeof(Out) == 1 ? 127 : 32767;
  for (size_t i = 0; i < in.size(); ++i) {
    const double want = std::fmin(std::fmax(std::round(y[i] / out_scale) + out_zp, out_lo), out_hi);
    ASSERT_NEAR(out[i], want, c.lsb_tolerance) << c.name << " element " << i << " real " << y[i];
  }
}

TEST_P(SoftmaxQuantized, CloseToExactOnRandomShapes) {
  const QuantCase& c = GetParam();
  std::mt19937 rng(std::hash<std::string>()(c.name) & 0xffff);
  for (int trial = 0; trial < 20; ++trial) {
    const std::vector<int32_t> dims = RandomDims(rng, c.rank);
    switch (c.variant) {
      case Variant::kS8ToS8: RunAndCompare<int8_t, int8_t>(c, rng, dims, 1.0f / 256, -128); break;
      case Variant::kS8ToS16: RunAndCompare<int8_t, int16_t>(c, rng, dims, 1.0f / 65536, -32768); break;
      case Variant::kS16ToS16: RunAndCompare<int16_t, int16_t>(c, rng, dims, 1.0f / 32768, 0); break;
      case Variant::kLogS8: RunAndCompare<int8_t, int8_t>(c, rng, dims, 16.0f / 256, 127); break;
    }
    if (HasFatalFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SoftmaxQuantized,
    ::testing::Values(
        QuantCase{"s8_rank1_beta1", Variant::kS8ToS8, 1, 0.05f, 0, 1.0f, 1},
        QuantCase{"s8_rank4_zp_min", Variant::kS8ToS8, 4, 0.1f, -128, 1.0f, 1},
        QuantCase{"s8_rank2_beta_small", Variant::kS8ToS8, 2, 0.04f, 17, 0.3f, 1},
        QuantCase{"s8_rank3_beta_large", Variant::kS8ToS8, 3, 0.03f, 127, 2.5f, 1},
        QuantCase{"s8_fine_scale", Variant::kS8ToS8, 2, 0.001f, -3, 1.0f, 1},
        QuantCase{"s8_s16_rank2", Variant::kS8ToS16, 2, 0.041f, 0, 1.0f, 2},
        QuantCase{"s8_s16_rank4_zp85", Variant::kS8ToS16, 4, 0.041f, 85, 0.337f, 2},
        QuantCase{"s8_s16_rank3_beta_large", Variant::kS8ToS16, 3, 0.0326f, -128, 1.916f, 2},
        QuantCase{"s16_rank2", Variant::kS16ToS16, 2, 0.00014f, 0, 0.59f, 24},
        QuantCase{"s16_rank3_wide", Variant::kS16ToS16, 3, 0.0005f, 0, 1.0f, 24},
        QuantCase{"s16_rank4_beta_large", Variant::kS16ToS16, 4, 0.0002f, 0, 2.5f, 24},
        QuantCase{"s16_rank1", Variant::kS16ToS16, 1, 0.0001f, 0, 1.0f, 24},
        QuantCase{"log_s8_rank2", Variant::kLogS8, 2, 0.036f, 5, 1.0f, 1},
        QuantCase{"log_s8_rank4_zp_min", Variant::kLogS8, 4, 0.078f, -128, 1.0f, 1},
        QuantCase{"log_s8_rank3_fine", Variant::kLogS8, 3, 0.0198f, -21, 1.0f, 1},
        QuantCase{"log_s8_rank1_wide", Variant::kLogS8, 1, 0.3f, 0, 1.0f, 1}),
    [](const auto& info) { return std::string(info.param.name); });

// ---- edge cases ------------------------------------------------------------------------------

TEST(SoftmaxEdges, SingleElementRowsAreCertain) {
  int8_t in[5] = {-128, -5, 0, 77, 127};
  int8_t out[5];
  int16_t out16[5];
  Tensor ti = MakeTensor(DType::kInt8, {5, 1}, 0.1f, 3, in);
  SoftmaxParams p;
  Tensor to = MakeTensor(DType::kInt8, {5, 1}, 1.0f / 256, -128, out);
  ASSERT_TRUE(PrepareSoftmax(ti, to, 1.0f, &p).ok());
  softmax_s8_ref(p, in, out);
  for (int8_t v : out) EXPECT_EQ(v, 127);
  Tensor to16 = MakeTensor(DType::kInt16, {5, 1}, 1.0f / 65536, -32768, out16);
  ASSERT_TRUE(PrepareSoftmax(ti, to16, 1.0f, &p).ok());
  softmax_s8_s16_ref(p, in, out16);
  for (int16_t v : out16) EXPECT_EQ(v, 32767);
  Tensor tl = MakeTensor(DType::kInt8, {5, 1}, 16.0f / 256, 127, out);
  ASSERT_TRUE(PrepareLogSoftmax(ti, tl, &p).ok());
  log_softmax_s8_ref(p, in, out);
  for (int8_t v : out) EXPECT_EQ(v, 127);  // log 1 = 0 at zero point 127
}

TEST(SoftmaxEdges, FarBelowMaximumIsZeroProbability) {
  // Differences beyond diff_min (exp < 2^-31) give exactly the output minimum.
  int8_t in[4] = {127, -128, -128, 126};
  int8_t out[4];
  Tensor ti = MakeTensor(DType::kInt8, {4}, 0.5f, 0, in);
  Tensor to = MakeTensor(DType::kInt8, {4}, 1.0f / 256, -128, out);
  SoftmaxParams p;
  ASSERT_TRUE(PrepareSoftmax(ti, to, 1.0f, &p).ok());
  EXPECT_LT(p.diff_min, 0);
  softmax_s8_ref(p, in, out);
  EXPECT_EQ(out[1], -128);
  EXPECT_EQ(out[2], -128);
  EXPECT_NEAR(out[0], std::round(256 / (1 + std::exp(-0.5))) - 128, 1);
  EXPECT_NEAR(out[3], std::round(256 * std::exp(-0.5) / (1 + std::exp(-0.5))) - 128, 1);
}

TEST(SoftmaxEdges, Int16TablesMatchTheirFunctions) {
  int16_t in[2] = {0, 0};
  int16_t out[2];
  std::vector<int16_t> exp_lut(kSoftmaxLutSize), recip_lut(kSoftmaxLutSize);
  Tensor ti = MakeTensor(DType::kInt16, {2}, 0.001f, 0, in);
  Tensor to = MakeTensor(DType::kInt16, {2}, 1.0f / 32768, 0, out);
  SoftmaxParams p;
  p.exp_lut = exp_lut.data();
  p.one_over_one_plus_x_lut = recip_lut.data();
  ASSERT_TRUE(PrepareSoftmax(ti, to, 1.0f, &p).ok());
  for (int i = 0; i < kSoftmaxLutSize; ++i) {
    EXPECT_NEAR(exp_lut[i], std::fmin(32767, std::exp(-10.0 + 10.0 * i / 512) * 32768), 2) << i;
    EXPECT_NEAR(recip_lut[i], std::fmin(32767, 32768 / (1.0 + i / 512.0)), 2) << i;
  }
  softmax_s16_ref(p, in, out);
  EXPECT_NEAR(out[0], 16384, 8);
  EXPECT_EQ(out[0], out[1]);
}

// ---- float -----------------------------------------------------------------------------------

TEST(SoftmaxF32, MatchesDoubleOnRandomShapes) {
  std::mt19937 rng(99);
  std::uniform_real_distribution<float> d(-12.0f, 12.0f);
  for (int trial = 0; trial < 30; ++trial) {
    const std::vector<int32_t> dims = RandomDims(rng, 1 + trial % 4);
    std::vector<float> in(Elements(dims)), out(in.size());
    for (float& v : in) v = d(rng);
    const float beta = trial % 3 == 0 ? 1.0f : 0.3f + 0.1f * trial;
    for (bool log : {false, true}) {
      Tensor ti = MakeTensor(DType::kFloat32, dims, 0, 0, in.data());
      Tensor to = MakeTensor(DType::kFloat32, dims, 0, 0, out.data());
      SoftmaxParams p;
      if (log) {
        ASSERT_TRUE(PrepareLogSoftmax(ti, to, &p).ok());
        log_softmax_f32_ref(p, in.data(), out.data());
      } else {
        ASSERT_TRUE(PrepareSoftmax(ti, to, beta, &p).ok());
        softmax_f32_ref(p, in.data(), out.data());
      }
      const std::vector<double> x(in.begin(), in.end());
      const std::vector<double> y = ReferenceRows(x, dims.back(), log ? 1.0 : beta, log);
      for (size_t i = 0; i < y.size(); ++i) ASSERT_NEAR(out[i], y[i], 1e-5 * std::fmax(1.0, std::fabs(y[i]))) << i;
    }
  }
}

// ---- Prepare rejects what TFLM rejects -------------------------------------------------------

TEST(SoftmaxPrepare, RejectsBadModels) {
  struct Case {
    const char* name;
    bool log;
    DType in_type, out_type;
    std::vector<int32_t> in_dims, out_dims;
    float in_scale, out_scale;
    int32_t out_zp;
    float beta;
  };
  const Case cases[] = {
      {"scalar input", false, DType::kFloat32, DType::kFloat32, {}, {}, 0, 0, 0, 1.0f},
      {"shape mismatch", false, DType::kFloat32, DType::kFloat32, {2, 3}, {3, 2}, 0, 0, 0, 1.0f},
      {"float to int8", false, DType::kFloat32, DType::kInt8, {4}, {4}, 0, 1.0f / 256, -128, 1.0f},
      {"int8 output zero point", false, DType::kInt8, DType::kInt8, {4}, {4}, 0.1f, 1.0f / 256, 0, 1.0f},
      {"int8 output scale", false, DType::kInt8, DType::kInt8, {4}, {4}, 0.1f, 1.0f / 255, -128, 1.0f},
      {"int8->int16 output zero point", false, DType::kInt8, DType::kInt16, {4}, {4}, 0.1f, 1.0f / 65536, 0, 1.0f},
      {"int8 beta zero", false, DType::kInt8, DType::kInt8, {4}, {4}, 0.1f, 1.0f / 256, -128, 0.0f},
      {"int8 negative beta", false, DType::kInt8, DType::kInt8, {4}, {4}, 0.1f, 1.0f / 256, -128, -1.0f},
      {"int16 to int8", false, DType::kInt16, DType::kInt8, {4}, {4}, 0.001f, 1.0f / 256, -128, 1.0f},
      {"int16 output scale", false, DType::kInt16, DType::kInt16, {4}, {4}, 0.001f, 1.0f / 65536, 0, 1.0f},
      {"int32 input", false, DType::kInt32, DType::kInt32, {4}, {4}, 0, 0, 0, 1.0f},
      {"log int8 output quantization", true, DType::kInt8, DType::kInt8, {4}, {4}, 0.1f, 1.0f / 256, -128, 1.0f},
      {"log int16", true, DType::kInt16, DType::kInt16, {4}, {4}, 0.001f, 1.0f / 32768, 0, 1.0f},
      {"log dtype mismatch", true, DType::kFloat32, DType::kInt8, {4}, {4}, 0, 16.0f / 256, 127, 1.0f},
  };
  std::vector<int16_t> lut_a(kSoftmaxLutSize), lut_b(kSoftmaxLutSize);
  for (const Case& c : cases) {
    Tensor ti = MakeTensor(c.in_type, c.in_dims, c.in_scale, 0, nullptr);
    Tensor to = MakeTensor(c.out_type, c.out_dims, c.out_scale, c.out_zp, nullptr);
    SoftmaxParams p;
    p.exp_lut = lut_a.data();
    p.one_over_one_plus_x_lut = lut_b.data();
    const Status s = c.log ? PrepareLogSoftmax(ti, to, &p) : PrepareSoftmax(ti, to, c.beta, &p);
    EXPECT_FALSE(s.ok()) << c.name;
  }
}

}  // namespace
}  // namespace mote
