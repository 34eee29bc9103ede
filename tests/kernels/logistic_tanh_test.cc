// LOGISTIC and TANH kernels (float32, int8, int16) against double-precision math on the
// dequantized inputs, plus the Prepare checks a hostile model must trip.
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "runtime/kernels/activation_s16.h"
#include "runtime/kernels/logistic_tanh.h"
#include "test_util.h"

namespace mote {
namespace {

Tensor MakeTensor(DType type, std::vector<int32_t> dims, float scale, int32_t zero_point, void* data) {
  Tensor t;
  t.type = type;
  t.shape.rank = static_cast<int32_t>(dims.size());
  for (size_t i = 0; i < dims.size(); ++i) t.shape.dims[i] = dims[i];
  t.q.scale = scale;
  t.q.zero_point = zero_point;
  t.data = data;
  return t;
}

double Reference(LogisticTanhKind kind, double x) {
  return kind == LogisticTanhKind::kLogistic ? 1.0 / (1.0 + std::exp(-x)) : std::tanh(x);
}

const char* KindName(LogisticTanhKind kind) { return kind == LogisticTanhKind::kLogistic ? "logistic" : "tanh"; }

// ---- int8 ------------------------------------------------------------------------------------

struct S8Case {
  const char* name;
  LogisticTanhKind kind;
  float input_scale;
  int32_t input_zero_point;
  std::vector<int32_t> dims;
};

class LogisticTanhS8 : public ::testing::TestWithParam<S8Case> {};

TEST_P(LogisticTanhS8, WithinOneLsbOfExact) {
  const S8Case& c = GetParam();
  std::mt19937 rng(std::hash<std::string>()(c.name) & 0xffff);
  int64_t n = 1;
  for (int32_t d : c.dims) n *= d;
  // Every int8 value at least once, then random ones.
  std::vector<int8_t> in = test::RandomInts<int8_t>(rng, static_cast<size_t>(n), -128, 127);
  for (int v = -128; v <= 127 && v + 128 < n; ++v) in[v + 128] = static_cast<int8_t>(v);
  std::vector<int8_t> out(in.size());
  const bool logistic = c.kind == LogisticTanhKind::kLogistic;
  // TFLM's fixed output quantization.
  const float out_scale = logistic ? 1.0f / 256 : 1.0f / 128;
  const int32_t out_zp = logistic ? -128 : 0;
  Tensor ti = MakeTensor(DType::kInt8, c.dims, c.input_scale, c.input_zero_point, in.data());
  Tensor to = MakeTensor(DType::kInt8, c.dims, out_scale, out_zp, out.data());
  LogisticTanhParams p;
  ASSERT_TRUE(PrepareLogisticTanh(c.kind, ti, to, &p).ok());
  (logistic ? logistic_s8_ref : tanh_s8_ref)(p, in.data(), out.data());
  for (size_t i = 0; i < in.size(); ++i) {
    const double x = c.input_scale * (in[i] - c.input_zero_point);
    const double want = std::fmin(std::fmax(std::round(Reference(c.kind, x) / out_scale) + out_zp, -128.0), 127.0);
    ASSERT_NEAR(out[i], want, 1.0) << KindName(c.kind) << "(" << x << ") input " << int{in[i]};
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, LogisticTanhS8,
    ::testing::Values(
        S8Case{"logistic_typical", LogisticTanhKind::kLogistic, 0.05f, 3, {300}},
        S8Case{"logistic_zp_min", LogisticTanhKind::kLogistic, 0.02081f, -128, {5, 8, 3}},
        S8Case{"logistic_zp_max", LogisticTanhKind::kLogistic, 0.03f, 127, {2, 131}},
        S8Case{"logistic_tiny_scale", LogisticTanhKind::kLogistic, 0.0009f, 0, {257}},
        S8Case{"logistic_wide_saturating", LogisticTanhKind::kLogistic, 0.5f, -7, {1, 3, 5, 19}},
        S8Case{"logistic_huge_scale", LogisticTanhKind::kLogistic, 6.0f, 0, {256}},
        S8Case{"logistic_power_of_two_scale", LogisticTanhKind::kLogistic, 0.0625f, 0, {256}},
        S8Case{"tanh_typical", LogisticTanhKind::kTanh, 0.02f, 2, {7, 7, 3}},
        S8Case{"tanh_zp_min", LogisticTanhKind::kTanh, 0.018f, -128, {3, 1, 9, 11}},
        S8Case{"tanh_zp_max", LogisticTanhKind::kTanh, 0.04f, 127, {301}},
        S8Case{"tanh_tiny_scale", LogisticTanhKind::kTanh, 0.0011f, 5, {256}},
        S8Case{"tanh_wide_saturating", LogisticTanhKind::kTanh, 0.2f, 0, {13, 23}},
        S8Case{"tanh_odd_single", LogisticTanhKind::kTanh, 0.013f, -1, {1}}),
    [](const auto& info) { return std::string(info.param.name); });

// With an input scale of 8 or more TFLM's input radius is 0, so even input == zero point counts
// as saturated (to the low end). Bit-exactness keeps that quirk.
TEST(LogisticTanhS8Quirks, ZeroRadiusSaturatesEverything) {
  int8_t in[3] = {-1, 0, 1};
  int8_t out[3];
  Tensor ti = MakeTensor(DType::kInt8, {3}, 8.0f, 0, in);
  Tensor to = MakeTensor(DType::kInt8, {3}, 1.0f / 256, -128, out);
  LogisticTanhParams p;
  ASSERT_TRUE(PrepareLogisticTanh(LogisticTanhKind::kLogistic, ti, to, &p).ok());
  EXPECT_EQ(p.input_range_radius, 0);
  logistic_s8_ref(p, in, out);
  EXPECT_EQ(out[0], -128);
  EXPECT_EQ(out[1], -128);
  EXPECT_EQ(out[2], 127);
}

// ---- int16 -----------------------------------------------------------------------------------

struct S16Case {
  const char* name;
  LogisticTanhKind kind;
  float input_scale;
  int32_t lsb_tolerance;  // of 2^-15
};

class LogisticTanhS16 : public ::testing::TestWithParam<S16Case> {};

TEST_P(LogisticTanhS16, CloseToExactOverWholeRange) {
  const S16Case& c = GetParam();
  std::vector<int16_t> in;
  for (int v = -32768; v <= 32767; ++v) in.push_back(static_cast<int16_t>(v));
  std::vector<int16_t> out(in.size());
  Tensor ti = MakeTensor(DType::kInt16, {static_cast<int32_t>(in.size())}, c.input_scale, 0, in.data());
  Tensor to = MakeTensor(DType::kInt16, {static_cast<int32_t>(in.size())}, 1.0f / 32768, 0, out.data());
  LogisticTanhParams p;
  ASSERT_TRUE(PrepareLogisticTanh(c.kind, ti, to, &p).ok());
  const bool logistic = c.kind == LogisticTanhKind::kLogistic;
  (logistic ? logistic_s16 : tanh_s16)(p.s16.input_multiplier, p.s16.input_left_shift, p.size, in.data(), out.data());
  int worst = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    const double x = static_cast<double>(c.input_scale) * in[i];
    const double want = std::fmin(std::fmax(std::round(Reference(c.kind, x) * 32768), -32768.0), 32767.0);
    worst = std::max(worst, static_cast<int>(std::fabs(out[i] - want)));
    ASSERT_NEAR(out[i], want, c.lsb_tolerance) << KindName(c.kind) << "(" << x << ") input " << in[i];
  }
  RecordProperty("worst_lsb", worst);
  // The same buffer in place gives the same result (the LSTM runs it on its gate buffers).
  std::vector<int16_t> inplace = in;
  (logistic ? logistic_s16 : tanh_s16)(p.s16.input_multiplier, p.s16.input_left_shift, p.size, inplace.data(), inplace.data());
  EXPECT_EQ(inplace, out);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, LogisticTanhS16,
    ::testing::Values(
        S16Case{"logistic_pot_2m12", LogisticTanhKind::kLogistic, 1.0f / 4096, 3},
        S16Case{"logistic_pot_2m11_general_path", LogisticTanhKind::kLogistic, 1.0f / 2048, 3},
        S16Case{"logistic_pot_2m10", LogisticTanhKind::kLogistic, 1.0f / 1024, 3},
        S16Case{"logistic_general", LogisticTanhKind::kLogistic, 0.00020981f, 3},
        S16Case{"logistic_small_scale", LogisticTanhKind::kLogistic, 0.00001f, 3},
        S16Case{"logistic_large_scale", LogisticTanhKind::kLogistic, 0.01f, 3},
        S16Case{"tanh_pot_2m12", LogisticTanhKind::kTanh, 1.0f / 4096, 6},
        S16Case{"tanh_pot_2m11", LogisticTanhKind::kTanh, 1.0f / 2048, 6},
        S16Case{"tanh_general", LogisticTanhKind::kTanh, 0.00013118f, 6},
        S16Case{"tanh_general_wide", LogisticTanhKind::kTanh, 0.00042f, 6},
        S16Case{"tanh_large_scale", LogisticTanhKind::kTanh, 0.01f, 6}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(LogisticTanhS16Scaling, PowerOfTwoShortcuts) {
  struct Case {
    const char* name;
    bool tanh;
    float scale;
    int32_t multiplier, shift;
  };
  const Case cases[] = {
      {"logistic 2^-12 uses the table directly", false, 1.0f / 4096, 0, 0},
      {"tanh 2^-12 uses the table directly", true, 1.0f / 4096, 0, 0},
      {"tanh 2^-11 doubles", true, 1.0f / 2048, 0, 1},
      {"logistic 2^-11 takes the general path", false, 1.0f / 2048, 24576, 12},
      {"general scale", false, 0.0003f, 30198, 13},
  };
  for (const Case& c : cases) {
    ActivationS16Params p;
    ASSERT_TRUE((c.tanh ? PrepareTanhS16Scaling : PrepareLogisticS16Scaling)(c.scale, &p).ok()) << c.name;
    EXPECT_EQ(p.input_multiplier, c.multiplier) << c.name;
    EXPECT_EQ(p.input_left_shift, c.shift) << c.name;
  }
  int log2 = 0;
  EXPECT_TRUE(CheckedLog2(1.0f / 32768, &log2));
  EXPECT_EQ(log2, -15);
  EXPECT_FALSE(CheckedLog2(0.0003f, &log2));
  EXPECT_FALSE(CheckedLog2(0.0f, &log2));
}

// The LSTM's calls: multiplier 0 with a shift means 3 << shift; a non-zero multiplier with a
// shift is a rounding rescale.
TEST(LogisticTanhS16Scaling, LstmStyleParameters) {
  const int16_t in[] = {-32768, -4096, -1, 0, 1, 4096, 32767};
  int16_t a[7], b[7];
  tanh_s16(0, 1, 7, in, a);   // cell state at 2^-11
  tanh_s16(6, 0, 7, in, b);
  for (int i = 0; i < 7; ++i) EXPECT_EQ(a[i], b[i]) << in[i];
  tanh_s16(3, 1, 7, in, a);   // cell state at 2^-13: 3 / 2 per LSB, rounded
  for (int i = 0; i < 7; ++i) EXPECT_NEAR(a[i], std::round(std::tanh(in[i] / 8192.0) * 32768), 6) << in[i];
  logistic_s16(0, 0, 7, in, a);
  for (int i = 0; i < 7; ++i)
    EXPECT_NEAR(a[i], std::fmin(32767, std::round(32768 / (1 + std::exp(-in[i] / 4096.0)))), 3) << in[i];
}

// ---- float32 ---------------------------------------------------------------------------------

TEST(LogisticTanhF32, MatchesLibm) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> d(-30.0f, 30.0f);
  std::vector<float> in(999);
  for (float& v : in) v = d(rng);
  in[0] = 0.0f;
  in[1] = 16.7f;
  in[2] = -9.5f;
  std::vector<float> out(in.size());
  for (LogisticTanhKind kind : {LogisticTanhKind::kLogistic, LogisticTanhKind::kTanh}) {
    Tensor ti = MakeTensor(DType::kFloat32, {27, 37}, 0, 0, in.data());
    Tensor to = MakeTensor(DType::kFloat32, {27, 37}, 0, 0, out.data());
    LogisticTanhParams p;
    ASSERT_TRUE(PrepareLogisticTanh(kind, ti, to, &p).ok());
    (kind == LogisticTanhKind::kLogistic ? logistic_f32_ref : tanh_f32_ref)(p, in.data(), out.data());
    for (size_t i = 0; i < in.size(); ++i)
      ASSERT_NEAR(out[i], Reference(kind, in[i]), 1e-6) << KindName(kind) << "(" << in[i] << ")";
  }
}

// ---- Prepare rejects what TFLM rejects -------------------------------------------------------

TEST(LogisticTanhPrepare, RejectsBadModels) {
  struct Case {
    const char* name;
    LogisticTanhKind kind;
    DType in_type, out_type;
    float in_scale;
    int32_t in_zp;
    float out_scale;
    int32_t out_zp;
    int32_t out_elements;
  };
  const Case cases[] = {
      {"dtype mismatch", LogisticTanhKind::kTanh, DType::kInt8, DType::kInt16, 0.1f, 0, 1.0f / 32768, 0, 4},
      {"size mismatch", LogisticTanhKind::kTanh, DType::kFloat32, DType::kFloat32, 0, 0, 0, 0, 5},
      {"int8 logistic output zero point", LogisticTanhKind::kLogistic, DType::kInt8, DType::kInt8, 0.1f, 0, 1.0f / 256, 0, 4},
      {"int8 input zero point out of range", LogisticTanhKind::kTanh, DType::kInt8, DType::kInt8, 0.1f, 300, 1.0f / 128, 0, 4},
      {"int8 without input scale", LogisticTanhKind::kTanh, DType::kInt8, DType::kInt8, 0.0f, 0, 1.0f / 128, 0, 4},
      {"int16 input zero point", LogisticTanhKind::kTanh, DType::kInt16, DType::kInt16, 1.0f / 4096, 3, 1.0f / 32768, 0, 4},
      {"int16 output zero point", LogisticTanhKind::kLogistic, DType::kInt16, DType::kInt16, 1.0f / 4096, 0, 1.0f / 32768, 1, 4},
      {"int16 output scale", LogisticTanhKind::kLogistic, DType::kInt16, DType::kInt16, 1.0f / 4096, 0, 1.0f / 16384, 0, 4},
      {"int16 input scale too large", LogisticTanhKind::kTanh, DType::kInt16, DType::kInt16, 4.0f, 0, 1.0f / 32768, 0, 4},
      {"int32 input", LogisticTanhKind::kTanh, DType::kInt32, DType::kInt32, 0, 0, 0, 0, 4},
  };
  for (const Case& c : cases) {
    Tensor ti = MakeTensor(c.in_type, {4}, c.in_scale, c.in_zp, nullptr);
    Tensor to = MakeTensor(c.out_type, {c.out_elements}, c.out_scale, c.out_zp, nullptr);
    LogisticTanhParams p;
    EXPECT_FALSE(PrepareLogisticTanh(c.kind, ti, to, &p).ok()) << c.name;
  }
}

}  // namespace
}  // namespace mote
