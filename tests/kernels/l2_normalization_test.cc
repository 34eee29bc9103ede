// L2_NORMALIZATION kernels against x / ||x|| computed in double on dequantized values (int8 within
// the 2 LSB the fixed-point inverse square root allows), the fixed-point inverse square root
// against 1/sqrt, and the Prepare checks a hostile model must hit.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "runtime/kernels/l2_normalization.h"
#include "test_util.h"

namespace mote {
namespace {

Tensor MakeTensor(DType type, const std::vector<int>& dims, void* data, float scale = 0.0f, int zp = 0) {
  Tensor t;
  t.type = type;
  t.data = data;
  t.shape.rank = static_cast<int32_t>(dims.size());
  for (size_t i = 0; i < dims.size(); ++i) t.shape.dims[i] = dims[i];
  t.q.scale = scale;
  t.q.zero_point = zp;
  return t;
}

struct L2Case {
  std::string name;
  DType type;
  std::vector<int> dims;
  float scale = 0.0f;
  int zero_point = 0;
  int lo = -128, hi = 127;  // input range drawn (int8)
};

void PrintTo(const L2Case& c, std::ostream* os) { *os << c.name; }

size_t Elements(const std::vector<int>& dims) {
  size_t n = 1;
  for (int d : dims) n *= d;
  return n;
}

void RunFloat(const L2Case& lc, std::mt19937& rng) {
  std::vector<float> in(Elements(lc.dims)), out(in.size());
  std::uniform_real_distribution<float> dist(-5.0f, 5.0f);
  for (float& v : in) v = dist(rng);
  Tensor ti = MakeTensor(DType::kFloat32, lc.dims, in.data());
  Tensor to = MakeTensor(DType::kFloat32, lc.dims, out.data());
  L2NormParams p;
  ASSERT_TRUE(PrepareL2Normalization(ti, to, Activation::kNone, &p).ok());
  l2_normalization_f32_ref(p, in.data(), out.data());
  const int depth = lc.dims.back();
  for (size_t row = 0; row < in.size() / depth; ++row) {
    double norm = 0;
    for (int c = 0; c < depth; ++c) norm += double(in[row * depth + c]) * in[row * depth + c];
    norm = std::max(std::sqrt(norm), 1e-6);
    for (int c = 0; c < depth; ++c)
      ASSERT_NEAR(out[row * depth + c], in[row * depth + c] / norm, 1e-5) << "row " << row;
  }
}

void RunInt8(const L2Case& lc, std::mt19937& rng) {
  std::vector<int8_t> in = test::RandomInts<int8_t>(rng, Elements(lc.dims), lc.lo, lc.hi);
  std::vector<int8_t> out(in.size());
  Tensor ti = MakeTensor(DType::kInt8, lc.dims, in.data(), lc.scale, lc.zero_point);
  Tensor to = MakeTensor(DType::kInt8, lc.dims, out.data(), 1.0f / 128, 0);
  L2NormParams p;
  ASSERT_TRUE(PrepareL2Normalization(ti, to, Activation::kNone, &p).ok());
  l2_normalization_s8_ref(p, in.data(), out.data());
  const int depth = lc.dims.back();
  for (size_t row = 0; row < in.size() / depth; ++row) {
    double norm = 0;
    for (int c = 0; c < depth; ++c) norm += std::pow(in[row * depth + c] - lc.zero_point, 2);
    norm = std::sqrt(norm);
    for (int c = 0; c < depth; ++c) {
      const double x = in[row * depth + c] - lc.zero_point;
      // An all-zero row has no direction: TFLite returns zeros.
      const double want = norm == 0 ? 0 : std::clamp(128 * x / norm, -128.0, 127.0);
      ASSERT_NEAR(out[row * depth + c], want, 2.0) << "row " << row << " col " << c;
    }
  }
}

std::vector<L2Case> Cases() {
  std::vector<L2Case> cases = {
      {"s8_8x7", DType::kInt8, {8, 7}, 0.018f, 3},
      {"s8_rank4", DType::kInt8, {2, 3, 2, 9}, 0.05f, -20},
      {"s8_rank1", DType::kInt8, {17}, 0.1f, 0},
      {"s8_depth1_is_sign", DType::kInt8, {5, 1}, 0.1f, 0},
      {"s8_zero_point_min", DType::kInt8, {4, 6}, 0.02f, -128},
      {"s8_zero_point_max", DType::kInt8, {4, 6}, 0.02f, 127},
      {"s8_rows_near_zero_point", DType::kInt8, {6, 5}, 0.02f, 10, 9, 11},
      {"s8_all_at_zero_point", DType::kInt8, {3, 4}, 0.02f, -7, -7, -7},
      {"s8_long_rows", DType::kInt8, {2, 300}, 0.02f, 1},
      {"f32_rank2", DType::kFloat32, {6, 11}},
      {"f32_rank4", DType::kFloat32, {2, 2, 3, 5}},
  };
  std::mt19937 rng(5150);
  auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (int i = 0; i < 20; ++i) {
    L2Case lc;
    lc.name = "random_" + std::to_string(i);
    lc.type = i % 4 == 0 ? DType::kFloat32 : DType::kInt8;
    const int rank = pick(1, 4);
    for (int d = 0; d < rank; ++d) lc.dims.push_back(pick(1, 9));
    lc.scale = 0.01f * pick(1, 20);
    lc.zero_point = pick(-128, 127);
    cases.push_back(lc);
  }
  return cases;
}

class L2NormTest : public ::testing::TestWithParam<L2Case> {};

TEST_P(L2NormTest, MatchesDoubleNormalization) {
  const L2Case& lc = GetParam();
  std::mt19937 rng(static_cast<uint32_t>(std::hash<std::string>()(lc.name)));
  if (lc.type == DType::kFloat32) RunFloat(lc, rng);
  else RunInt8(lc, rng);
}

INSTANTIATE_TEST_SUITE_P(Cases, L2NormTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<L2Case>& i) { return i.param.name; });

TEST(InvSqrtQuantizedMultiplier, ApproximatesInverseSquareRoot) {
  std::mt19937 rng(99);
  std::vector<int32_t> inputs = {2, 3, 4, 5, 100, 65025, (1 << 27) - 1, 1 << 27, (1 << 29) - 1, 1 << 29,
                                 1 << 30, INT32_MAX};
  for (int i = 0; i < 2000; ++i) inputs.push_back(std::uniform_int_distribution<int32_t>(2, INT32_MAX)(rng));
  for (int32_t x : inputs) {
    int32_t multiplier, shift;
    InvSqrtQuantizedMultiplier(x, &multiplier, &shift);
    ASSERT_LE(shift, 0) << x;
    const double got = multiplier / 2147483648.0 * std::ldexp(1.0, shift);
    ASSERT_NEAR(got * std::sqrt(double(x)), 1.0, 1e-5) << x;  // five Newton steps from 1
  }
  int32_t multiplier, shift;
  for (int32_t x : {0, 1}) {
    InvSqrtQuantizedMultiplier(x, &multiplier, &shift);
    EXPECT_EQ(multiplier, INT32_MAX);
    EXPECT_EQ(shift, 0);
  }
}

struct BadCase {
  std::string name;
  DType in_type, out_type;
  std::vector<int> in_dims, out_dims;
  float out_scale;
  int out_zp;
  Activation act;
  std::string reason;  // a substring of the expected error message
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

class L2NormRejects : public ::testing::TestWithParam<BadCase> {};

TEST_P(L2NormRejects, PrepareFails) {
  const BadCase& bc = GetParam();
  Tensor in = MakeTensor(bc.in_type, bc.in_dims, nullptr, 0.1f, 0);
  Tensor out = MakeTensor(bc.out_type, bc.out_dims, nullptr, bc.out_scale, bc.out_zp);
  L2NormParams p;
  const Status s = PrepareL2Normalization(in, out, bc.act, &p);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(std::string(s.message()).find(bc.reason), std::string::npos) << s.message();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, L2NormRejects,
    ::testing::Values(
        BadCase{"fused_relu", DType::kInt8, DType::kInt8, {2, 3}, {2, 3}, 1.0f / 128, 0, Activation::kRelu, "activation"},
        BadCase{"rank5", DType::kFloat32, DType::kFloat32, {1, 1, 1, 2, 3}, {1, 1, 1, 2, 3}, 0, 0, Activation::kNone, "rank"},
        BadCase{"scalar", DType::kFloat32, DType::kFloat32, {}, {}, 0, 0, Activation::kNone, "rank"},
        BadCase{"shape_mismatch", DType::kFloat32, DType::kFloat32, {2, 3}, {3, 2}, 0, 0, Activation::kNone, "shape"},
        BadCase{"int16", DType::kInt16, DType::kInt16, {2, 3}, {2, 3}, 1.0f / 128, 0, Activation::kNone, "float32 and int8"},
        BadCase{"output_scale_not_1_128", DType::kInt8, DType::kInt8, {2, 3}, {2, 3}, 0.01f, 0, Activation::kNone, "1/128"},
        BadCase{"output_zero_point_not_0", DType::kInt8, DType::kInt8, {2, 3}, {2, 3}, 1.0f / 128, 3, Activation::kNone, "1/128"},
        BadCase{"dtype_mismatch", DType::kInt8, DType::kFloat32, {2, 3}, {2, 3}, 0, 0, Activation::kNone, "dtype"}),
    [](const ::testing::TestParamInfo<BadCase>& i) { return i.param.name; });

}  // namespace
}  // namespace mote
