// BATCH_MATMUL kernels against a plain index-by-index matrix product written here: random ranks
// 2-5 with every broadcasting pattern and adj_x/adj_y, float32 (tolerance) and int8/int16
// (real-valued product requantized, 1 LSB), plus the shapes Prepare must reject.
#include <gtest/gtest.h>

#include <algorithm>

#include "kernels/sequence_test_util.h"
#include "runtime/kernels/batch_matmul.h"

namespace mote {
namespace {

using test::TestTensor;

struct Case {
  const char* name;
  std::vector<int32_t> lhs;  // stored shapes (already transposed when adj is set)
  std::vector<int32_t> rhs;
  bool adj_x;
  bool adj_y;
};

// Output shape of the broadcast product, TFLite's rule.
std::vector<int32_t> OutputShape(const Case& c) {
  const size_t rank = std::max(c.lhs.size(), c.rhs.size());
  std::vector<int32_t> out(rank);
  for (size_t i = 0; i + 2 < rank; ++i) {
    const int64_t li = static_cast<int64_t>(i) - static_cast<int64_t>(rank - c.lhs.size());
    const int64_t ri = static_cast<int64_t>(i) - static_cast<int64_t>(rank - c.rhs.size());
    const int32_t l = li >= 0 ? c.lhs[li] : 1;
    const int32_t r = ri >= 0 ? c.rhs[ri] : 1;
    out[i] = l == 1 ? r : l;
  }
  const size_t ln = c.lhs.size(), rn = c.rhs.size();
  out[rank - 2] = c.adj_x ? c.lhs[ln - 1] : c.lhs[ln - 2];
  out[rank - 1] = c.adj_y ? c.rhs[rn - 2] : c.rhs[rn - 1];
  return out;
}

// Flat index of element (batch index over the output batch dims, i, j) of a stored operand.
int64_t OperandIndex(const std::vector<int32_t>& shape, const std::vector<int32_t>& out_batch,
                     const std::vector<int32_t>& batch_idx, int32_t i, int32_t j) {
  const size_t rank = shape.size();
  int64_t index = 0;
  for (size_t d = 0; d + 2 < rank; ++d) {
    const size_t od = d + (out_batch.size() - (rank - 2));
    index = index * shape[d] + (shape[d] == 1 ? 0 : batch_idx[od]);
  }
  return (index * shape[rank - 2] + i) * shape[rank - 1] + j;
}

// out[b, r, c] = sum_d L(b, r, d) * R(b, d, c) in double, on real values given by `real`.
template <typename T, typename RealL, typename RealR>
std::vector<double> ReferenceProduct(const Case& c, const std::vector<T>& lhs,
                                     const std::vector<T>& rhs, RealL real_l, RealR real_r) {
  const auto out_shape = OutputShape(c);
  const std::vector<int32_t> out_batch(out_shape.begin(), out_shape.end() - 2);
  const int32_t rows = out_shape[out_shape.size() - 2], cols = out_shape.back();
  const int32_t depth = c.adj_x ? c.lhs[c.lhs.size() - 2] : c.lhs.back();
  int64_t batches = 1;
  for (int32_t d : out_batch) batches *= d;
  std::vector<double> out;
  std::vector<int32_t> idx(out_batch.size(), 0);
  for (int64_t b = 0; b < batches; ++b) {
    for (int32_t r = 0; r < rows; ++r)
      for (int32_t col = 0; col < cols; ++col) {
        double sum = 0.0;
        for (int32_t d = 0; d < depth; ++d) {
          const int64_t li = c.adj_x ? OperandIndex(c.lhs, out_batch, idx, d, r) : OperandIndex(c.lhs, out_batch, idx, r, d);
          const int64_t ri = c.adj_y ? OperandIndex(c.rhs, out_batch, idx, col, d) : OperandIndex(c.rhs, out_batch, idx, d, col);
          sum += real_l(lhs[li]) * real_r(rhs[ri]);
        }
        out.push_back(sum);
      }
    for (int d = static_cast<int>(idx.size()) - 1; d >= 0; --d) {  // next batch index, row-major
      if (++idx[d] < out_batch[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

const Case kCases[] = {
    {"rank2_plain", {3, 11}, {11, 2}, false, false},
    {"rank2_adj_y", {5, 7}, {4, 7}, false, true},
    {"rank2_adj_both", {7, 5}, {4, 7}, true, true},
    {"rank3_same_batch", {2, 5, 11}, {2, 11, 3}, false, false},
    {"rank3_rhs_batch1", {3, 3, 5}, {1, 5, 5}, false, false},
    {"rank3_lhs_batch1", {1, 4, 6}, {3, 6, 2}, false, false},
    {"rank3_rank2_rhs", {3, 5, 3}, {7, 5}, true, true},
    {"rank2_lhs_rank3_rhs", {4, 6}, {2, 6, 3}, false, false},
    {"rank4_cross_broadcast", {2, 1, 5, 5}, {1, 3, 5, 9}, true, false},
    {"rank4_adj_y", {3, 1, 12, 7}, {1, 3, 5, 7}, false, true},
    {"rank4_vs_rank2", {2, 3, 4, 5}, {5, 6}, false, false},
    {"rank5", {2, 1, 3, 4, 5}, {1, 2, 1, 5, 3}, false, false},
    {"depth1", {2, 6, 1}, {2, 1, 4}, false, false},
    {"single_element", {1, 1}, {1, 1}, false, false},
    {"odd_sizes_adj_x", {3, 13, 9}, {3, 13, 11}, true, false},
};

class BatchMatMulTest : public ::testing::TestWithParam<Case> {};

TEST_P(BatchMatMulTest, Float32MatchesReference) {
  const Case& c = GetParam();
  std::mt19937 rng(1234);
  TestTensor<float> lhs(DType::kFloat32, c.lhs), rhs(DType::kFloat32, c.rhs);
  TestTensor<float> out(DType::kFloat32, OutputShape(c));
  test::FillUniform(rng, lhs.v(), -2.0, 2.0);
  test::FillUniform(rng, rhs.v(), -2.0, 2.0);
  BatchMatMulParams p;
  ASSERT_TRUE(PrepareBatchMatMul(lhs.t(), rhs.t(), out.t(), {c.adj_x, c.adj_y}, &p).ok());
  batch_matmul_f32_ref(p, lhs.data(), rhs.data(), out.data());
  const auto id = [](float v) { return static_cast<double>(v); };
  const auto want = ReferenceProduct(c, lhs.v(), rhs.v(), id, id);
  ASSERT_EQ(want.size(), out.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(out.v()[i], want[i], 1e-4) << "at " << i;
}

template <typename T>
void CheckQuantized(const Case& c, DType type, int32_t lhs_zp, int32_t rhs_zp, int32_t out_zp, uint32_t seed) {
  std::mt19937 rng(seed);
  const int32_t qmin = type == DType::kInt8 ? -128 : -32768;
  const int32_t qmax = type == DType::kInt8 ? 127 : 32767;
  const float ls = 0.02f, rs = 0.01f;
  TestTensor<T> lhs(type, c.lhs, ls, lhs_zp), rhs(type, c.rhs, rs, rhs_zp);
  test::FillUniform(rng, lhs.v(), qmin, qmax);
  test::FillUniform(rng, rhs.v(), qmin, qmax);
  const auto real_l = [&](T v) { return ls * (static_cast<double>(v) - lhs_zp); };
  const auto real_r = [&](T v) { return rs * (static_cast<double>(v) - rhs_zp); };
  const auto want = ReferenceProduct(c, lhs.v(), rhs.v(), real_l, real_r);
  // An output scale that maps the largest product to about 3/4 of the range, so most values are
  // inside the range and a few saturate.
  double peak = 1e-9;
  for (double w : want) peak = std::max(peak, std::fabs(w));
  const float os = static_cast<float>(peak / (0.75 * qmax));
  TestTensor<T> out(type, OutputShape(c), os, out_zp);
  BatchMatMulParams p;
  ASSERT_TRUE(PrepareBatchMatMul(lhs.t(), rhs.t(), out.t(), {c.adj_x, c.adj_y}, &p).ok());
  if constexpr (sizeof(T) == 1) batch_matmul_s8_ref(p, lhs.data(), rhs.data(), out.data());
  else batch_matmul_s16_ref(p, lhs.data(), rhs.data(), out.data());
  for (size_t i = 0; i < want.size(); ++i)
    EXPECT_NEAR(out.v()[i], test::QuantizeTo(want[i], os, out_zp, qmin, qmax), 1) << "at " << i;
}

TEST_P(BatchMatMulTest, Int8MatchesRequantizedProduct) {
  CheckQuantized<int8_t>(GetParam(), DType::kInt8, 4, -71, 57, 99);
}

TEST_P(BatchMatMulTest, Int8ExtremeZeroPoints) {
  CheckQuantized<int8_t>(GetParam(), DType::kInt8, -128, 127, -128, 7);
  CheckQuantized<int8_t>(GetParam(), DType::kInt8, 127, -128, 127, 8);
}

TEST_P(BatchMatMulTest, Int16MatchesRequantizedProduct) {
  CheckQuantized<int16_t>(GetParam(), DType::kInt16, 0, 0, 0, 5);
}

INSTANTIATE_TEST_SUITE_P(Shapes, BatchMatMulTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(BatchMatMulRandom, Float32RandomShapes) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> rank_d(2, 5), dim_d(1, 6), coin(0, 1);
  for (int iter = 0; iter < 200; ++iter) {
    Case c{"random", {}, {}, coin(rng) == 1, coin(rng) == 1};
    const int lr = rank_d(rng), rr = rank_d(rng);
    const int out_rank = std::max(lr, rr);
    std::vector<int32_t> batch(out_rank - 2);
    for (auto& b : batch) b = dim_d(rng);
    const int32_t rows = dim_d(rng), cols = dim_d(rng), depth = dim_d(rng);
    for (int i = out_rank - lr; i < out_rank - 2; ++i) c.lhs.push_back(coin(rng) ? batch[i] : 1);
    for (int i = out_rank - rr; i < out_rank - 2; ++i) c.rhs.push_back(coin(rng) ? batch[i] : 1);
    if (c.adj_x) c.lhs.insert(c.lhs.end(), {depth, rows}); else c.lhs.insert(c.lhs.end(), {rows, depth});
    if (c.adj_y) c.rhs.insert(c.rhs.end(), {cols, depth}); else c.rhs.insert(c.rhs.end(), {depth, cols});
    TestTensor<float> lhs(DType::kFloat32, c.lhs), rhs(DType::kFloat32, c.rhs);
    TestTensor<float> out(DType::kFloat32, OutputShape(c));
    test::FillUniform(rng, lhs.v(), -1.0, 1.0);
    test::FillUniform(rng, rhs.v(), -1.0, 1.0);
    BatchMatMulParams p;
    ASSERT_TRUE(PrepareBatchMatMul(lhs.t(), rhs.t(), out.t(), {c.adj_x, c.adj_y}, &p).ok()) << iter;
    batch_matmul_f32_ref(p, lhs.data(), rhs.data(), out.data());
    const auto id = [](float v) { return static_cast<double>(v); };
    const auto want = ReferenceProduct(c, lhs.v(), rhs.v(), id, id);
    ASSERT_EQ(want.size(), out.size()) << iter;
    for (size_t i = 0; i < want.size(); ++i) ASSERT_NEAR(out.v()[i], want[i], 1e-4) << iter << " at " << i;
  }
}

struct BadCase {
  const char* name;
  DType lhs_type, rhs_type;
  std::vector<int32_t> lhs, rhs, out;
  bool adj_x, adj_y;
  StatusCode code;
};

TEST(BatchMatMulPrepare, RejectsInvalidModels) {
  const BadCase cases[] = {
      {"depth_mismatch", DType::kFloat32, DType::kFloat32, {3, 4}, {5, 2}, {3, 2}, false, false, StatusCode::kShapeMismatch},
      {"batch_not_broadcastable", DType::kFloat32, DType::kFloat32, {2, 3, 4}, {3, 4, 2}, {3, 3, 2}, false, false, StatusCode::kShapeMismatch},
      {"output_too_small", DType::kFloat32, DType::kFloat32, {3, 4}, {4, 2}, {3, 1}, false, false, StatusCode::kShapeMismatch},
      {"output_rank_too_small", DType::kFloat32, DType::kFloat32, {2, 3, 4}, {4, 2}, {12}, false, false, StatusCode::kShapeMismatch},
      {"rank1", DType::kFloat32, DType::kFloat32, {4}, {4, 2}, {2}, false, false, StatusCode::kUnsupported},
      {"rank6", DType::kFloat32, DType::kFloat32, {1, 1, 1, 1, 3, 4}, {4, 2}, {1, 1, 1, 1, 3, 2}, false, false, StatusCode::kUnsupported},
      {"mixed_dtypes", DType::kFloat32, DType::kInt8, {3, 4}, {4, 2}, {3, 2}, false, false, StatusCode::kUnsupported},
      {"adj_changes_depth", DType::kFloat32, DType::kFloat32, {3, 4}, {4, 2}, {4, 2}, true, false, StatusCode::kShapeMismatch},
  };
  for (const BadCase& c : cases) {
    TestTensor<float> lhs(c.lhs_type, c.lhs, 0.1f), rhs(c.rhs_type, c.rhs, 0.1f), out(c.lhs_type, c.out, 0.1f);
    BatchMatMulParams p;
    const Status s = PrepareBatchMatMul(lhs.t(), rhs.t(), out.t(), {c.adj_x, c.adj_y}, &p);
    EXPECT_FALSE(s.ok()) << c.name;
    EXPECT_EQ(s.code(), c.code) << c.name << ": " << s.message();
  }
}

TEST(BatchMatMulPrepare, RejectsInt16ZeroPointsAndMissingScales) {
  TestTensor<int16_t> lhs(DType::kInt16, {2, 3}, 0.1f, 3), rhs(DType::kInt16, {3, 2}, 0.1f), out(DType::kInt16, {2, 2}, 0.1f);
  BatchMatMulParams p;
  EXPECT_EQ(PrepareBatchMatMul(lhs.t(), rhs.t(), out.t(), {}, &p).code(), StatusCode::kUnsupported);
  TestTensor<int8_t> l8(DType::kInt8, {2, 3}), r8(DType::kInt8, {3, 2}, 0.1f), o8(DType::kInt8, {2, 2}, 0.1f);
  EXPECT_EQ(PrepareBatchMatMul(l8.t(), r8.t(), o8.t(), {}, &p).code(), StatusCode::kInvalidModel);
}

}  // namespace
}  // namespace mote
