// MEAN / SUM / REDUCE_MAX / REDUCE_MIN kernels against a multi-index evaluation in double written
// here: named edge cases (negative and repeated axes, scalar and empty axis lists, full reduction
// to a scalar, extreme zero points, saturation, TFLM's same-quantization MEAN path) and seeded
// random shapes up to rank 6, plus the Prepare checks a hostile model must hit.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "runtime/kernels/reduce.h"
#include "test_util.h"

namespace mote {
namespace {

struct ReduceCase {
  std::string name;
  DType type;
  ReduceKind kind;
  std::vector<int> in_dims;
  std::vector<int32_t> axes;
  bool keep_dims;
  float in_scale = 0.0f;
  int in_zp = 0;
  float out_scale = 0.0f;
  int out_zp = 0;
  bool scalar_axis = false;  // axis tensor of rank 0
};

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

std::vector<bool> ReducedMask(const ReduceCase& rc) {
  const int rank = static_cast<int>(rc.in_dims.size());
  std::vector<bool> reduced(rank, false);
  for (int32_t a : rc.axes) reduced[a < 0 ? a + rank : a] = true;
  return reduced;
}

std::vector<int> OutDims(const ReduceCase& rc) {
  const std::vector<bool> reduced = ReducedMask(rc);
  std::vector<int> out;
  for (size_t d = 0; d < rc.in_dims.size(); ++d) {
    if (!reduced[d]) out.push_back(rc.in_dims[d]);
    else if (rc.keep_dims) out.push_back(1);
  }
  return out;
}

struct Folded {
  std::vector<double> sum, max, min;
  std::vector<int64_t> raw_sum;
  int64_t count = 1;
};

// Folds every input element into its output by decomposing the flat index.
template <typename T>
Folded Fold(const ReduceCase& rc, const std::vector<T>& in, double scale, int zp) {
  const std::vector<bool> reduced = ReducedMask(rc);
  const int rank = static_cast<int>(rc.in_dims.size());
  int64_t outputs = 1;
  Folded f;
  for (int d = 0; d < rank; ++d) (reduced[d] ? f.count : outputs) *= rc.in_dims[d];
  f.sum.assign(outputs, 0.0);
  f.raw_sum.assign(outputs, 0);
  f.max.assign(outputs, -1e300);
  f.min.assign(outputs, 1e300);
  for (size_t i = 0; i < in.size(); ++i) {
    size_t rest = i, out = 0, stride = 1;
    for (int d = rank - 1; d >= 0; --d) {
      const size_t idx = rest % rc.in_dims[d];
      rest /= rc.in_dims[d];
      if (!reduced[d]) {
        out += idx * stride;
        stride *= rc.in_dims[d];
      }
    }
    const double v = scale * (static_cast<double>(in[i]) - zp);
    f.sum[out] += v;
    f.raw_sum[out] += in[i];
    f.max[out] = std::max<double>(f.max[out], in[i]);
    f.min[out] = std::min<double>(f.min[out], in[i]);
  }
  return f;
}

struct Prepared {
  ReduceParams params;
  Tensor input, axis, output;
};

void RunFloat(const ReduceCase& rc, std::mt19937& rng) {
  size_t n = 1;
  for (int d : rc.in_dims) n *= d;
  std::vector<float> in(n);
  std::uniform_real_distribution<float> dist(-8.0f, 8.0f);
  for (float& v : in) v = dist(rng);
  const std::vector<int> out_dims = OutDims(rc);
  size_t m = 1;
  for (int d : out_dims) m *= d;
  std::vector<float> out(m);
  std::vector<int32_t> axes = rc.axes;
  Tensor ti = MakeTensor(DType::kFloat32, rc.in_dims, in.data());
  Tensor ta = MakeTensor(DType::kInt32, rc.scalar_axis ? std::vector<int>{} : std::vector<int>{(int)axes.size()}, axes.data());
  ta.is_constant = true;
  Tensor to = MakeTensor(DType::kFloat32, out_dims, out.data());
  ReduceParams p;
  const Status s = PrepareReduce(rc.kind, ti, ta, to, ReduceOptions{rc.keep_dims}, &p);
  ASSERT_TRUE(s.ok()) << s.message();
  switch (rc.kind) {
    case ReduceKind::kMean: reduce_mean_f32_ref(p, in.data(), out.data()); break;
    case ReduceKind::kSum: reduce_sum_f32_ref(p, in.data(), out.data()); break;
    case ReduceKind::kMax: reduce_max_f32_ref(p, in.data(), out.data()); break;
    case ReduceKind::kMin: reduce_min_f32_ref(p, in.data(), out.data()); break;
  }
  const Folded f = Fold(rc, in, 1.0, 0);
  for (size_t o = 0; o < m; ++o) {
    double want = 0;
    switch (rc.kind) {
      case ReduceKind::kMean: want = f.sum[o] / f.count; break;
      case ReduceKind::kSum: want = f.sum[o]; break;
      case ReduceKind::kMax: want = f.max[o]; break;
      case ReduceKind::kMin: want = f.min[o]; break;
    }
    ASSERT_NEAR(out[o], want, 1e-5 * std::max(1.0, std::abs(want)) * std::sqrt(double(f.count))) << "output " << o;
  }
}

template <typename T>
void RunQuantized(const ReduceCase& rc, std::mt19937& rng) {
  constexpr int kMin = sizeof(T) == 1 ? -128 : -32768;
  constexpr int kMax = sizeof(T) == 1 ? 127 : 32767;
  size_t n = 1;
  for (int d : rc.in_dims) n *= d;
  std::vector<T> in = test::RandomInts<T>(rng, n, kMin, kMax);
  const std::vector<int> out_dims = OutDims(rc);
  size_t m = 1;
  for (int d : out_dims) m *= d;
  std::vector<T> out(m);
  std::vector<int32_t> sums(m);
  std::vector<int32_t> axes = rc.axes;
  Tensor ti = MakeTensor(rc.type, rc.in_dims, in.data(), rc.in_scale, rc.in_zp);
  Tensor ta = MakeTensor(DType::kInt32, rc.scalar_axis ? std::vector<int>{} : std::vector<int>{(int)axes.size()}, axes.data());
  ta.is_constant = true;
  Tensor to = MakeTensor(rc.type, out_dims, out.data(), rc.out_scale, rc.out_zp);
  ReduceParams p;
  const Status s = PrepareReduce(rc.kind, ti, ta, to, ReduceOptions{rc.keep_dims}, &p);
  ASSERT_TRUE(s.ok()) << s.message();
  if constexpr (sizeof(T) == 1) {
    switch (rc.kind) {
      case ReduceKind::kMean: reduce_mean_s8_ref(p, in.data(), sums.data(), out.data()); break;
      case ReduceKind::kSum: reduce_sum_s8_ref(p, in.data(), sums.data(), out.data()); break;
      case ReduceKind::kMax: reduce_max_s8_ref(p, in.data(), out.data()); break;
      case ReduceKind::kMin: reduce_min_s8_ref(p, in.data(), out.data()); break;
    }
  } else {
    switch (rc.kind) {
      case ReduceKind::kMean: reduce_mean_s16_ref(p, in.data(), sums.data(), out.data()); break;
      case ReduceKind::kSum: reduce_sum_s16_ref(p, in.data(), sums.data(), out.data()); break;
      case ReduceKind::kMax: reduce_max_s16_ref(p, in.data(), out.data()); break;
      case ReduceKind::kMin: reduce_min_s16_ref(p, in.data(), out.data()); break;
    }
  }
  const Folded f = Fold(rc, in, rc.in_scale, rc.in_zp);
  for (size_t o = 0; o < m; ++o) {
    if (rc.kind == ReduceKind::kMax || rc.kind == ReduceKind::kMin) {
      ASSERT_EQ(out[o], rc.kind == ReduceKind::kMax ? f.max[o] : f.min[o]) << "output " << o;
      continue;
    }
    const double real = rc.kind == ReduceKind::kMean ? f.sum[o] / f.count : f.sum[o];
    const double want = std::clamp(rc.out_zp + real / rc.out_scale, double(kMin), double(kMax));
    ASSERT_NEAR(out[o], want, 1.0) << "output " << o;  // one rounding of the requantization
  }
}

std::vector<ReduceCase> Cases() {
  using K = ReduceKind;
  std::vector<ReduceCase> cases = {
      {"mean_s8_axes_1_2_keep", DType::kInt8, K::kMean, {2, 7, 5, 3}, {1, 2}, true, 0.005f, 0, 0.0008f, 5},
      {"mean_s8_axes_2_1_drop", DType::kInt8, K::kMean, {3, 3, 5, 9}, {2, 1}, false, 0.02f, -128, 0.01f, -128},
      {"mean_s8_same_quantization", DType::kInt8, K::kMean, {4, 6, 5}, {-1, 0}, false, 0.05f, 3, 0.05f, 3},
      {"mean_s8_large_count", DType::kInt8, K::kMean, {1, 40, 30, 2}, {1, 2}, true, 0.1f, -7, 0.003f, 0},
      {"mean_s8_negative_duplicate_axes", DType::kInt8, K::kMean, {3, 4, 5}, {-1, 2, -3, 0}, true, 0.03f, 10, 0.02f, -4},
      {"sum_s8_all_axes_to_scalar", DType::kInt8, K::kSum, {3, 4, 5}, {0, 1, 2}, false, 0.01f, -128, 0.6f, 127},
      {"sum_s8_saturates", DType::kInt8, K::kSum, {2, 50}, {1}, false, 0.05f, 0, 0.01f, 0},
      {"sum_s8_same_quantization_requantizes", DType::kInt8, K::kSum, {4, 5}, {0}, true, 0.05f, 2, 0.05f, 2},
      {"sum_s8_scalar_axis", DType::kInt8, K::kSum, {5, 3}, {1}, false, 0.05f, 1, 0.1f, -3, true},
      {"mean_s8_empty_axis_list_is_identity", DType::kInt8, K::kMean, {2, 3}, {}, false, 0.05f, 1, 0.04f, -2},
      {"mean_s16_axis_0", DType::kInt16, K::kMean, {7, 3, 4}, {0}, false, 0.0005f, 0, 0.0002f, 0},
      {"sum_s16_wide", DType::kInt16, K::kSum, {2, 3, 40}, {-1}, true, 0.0003f, 0, 0.01f, 0},
      {"mean_s16_same_quantization", DType::kInt16, K::kMean, {5, 6}, {1}, false, 0.0004f, 0, 0.0004f, 0},
      {"max_s8_duplicate_negative_axes", DType::kInt8, K::kMax, {2, 3, 4, 5}, {-1, 3, -1}, true, 0.1f, -5, 0.1f, -5},
      {"min_s8_axis_0", DType::kInt8, K::kMin, {6, 2, 3}, {0}, false, 0.1f, 7, 0.1f, 7},
      {"max_s16_axes_0_2", DType::kInt16, K::kMax, {3, 4, 5}, {0, -1}, false, 0.001f, 0, 0.001f, 0},
      {"mean_f32_axes_0_3", DType::kFloat32, K::kMean, {3, 2, 4, 5}, {0, 3}, false},
      {"sum_f32_rank6", DType::kFloat32, K::kSum, {2, 1, 3, 2, 2, 3}, {5, 1, -3}, true},
      {"max_f32_all", DType::kFloat32, K::kMax, {3, 7}, {0, 1}, false},
      {"min_f32_scalar_axis", DType::kFloat32, K::kMin, {4, 3}, {-2}, true, 0, 0, 0, 0, true},
      {"mean_f32_rank1", DType::kFloat32, K::kMean, {11}, {0}, false},
  };
  std::mt19937 rng(77031);
  auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const DType types[] = {DType::kFloat32, DType::kInt8, DType::kInt16};
  for (int i = 0; i < 40; ++i) {
    ReduceCase rc;
    rc.type = types[i % 3];
    rc.kind = static_cast<ReduceKind>(pick(0, 3));
    const int rank = pick(1, 6);
    for (int d = 0; d < rank; ++d) rc.in_dims.push_back(pick(1, rank > 4 ? 3 : 6));
    const int num_axes = pick(1, rank + 1);
    for (int a = 0; a < num_axes; ++a) rc.axes.push_back(pick(-rank, rank - 1));
    rc.keep_dims = pick(0, 1);
    if (rc.type != DType::kFloat32) {
      rc.in_scale = 0.001f * pick(1, 100);
      rc.in_zp = rc.type == DType::kInt8 ? pick(-128, 127) : 0;
      const bool extremum = rc.kind == ReduceKind::kMax || rc.kind == ReduceKind::kMin;
      rc.out_scale = extremum ? rc.in_scale : rc.in_scale * (0.2f + 0.1f * pick(0, 30));
      rc.out_zp = extremum ? rc.in_zp : (rc.type == DType::kInt8 ? pick(-128, 127) : 0);
    }
    static const char* kKinds[] = {"mean", "sum", "max", "min"};
    rc.name = std::string("random_") + std::to_string(i) + "_" + kKinds[static_cast<int>(rc.kind)] + "_" +
              (rc.type == DType::kFloat32 ? "f32" : rc.type == DType::kInt8 ? "s8" : "s16");
    cases.push_back(rc);
  }
  return cases;
}

// gtest names cases by their `name`; print that instead of raw bytes.
void PrintTo(const ReduceCase& c, std::ostream* os) { *os << c.name; }

class ReduceTest : public ::testing::TestWithParam<ReduceCase> {};

TEST_P(ReduceTest, MatchesMultiIndexEvaluation) {
  const ReduceCase& rc = GetParam();
  std::mt19937 rng(static_cast<uint32_t>(std::hash<std::string>()(rc.name)));
  switch (rc.type) {
    case DType::kFloat32: RunFloat(rc, rng); break;
    case DType::kInt8: RunQuantized<int8_t>(rc, rng); break;
    default: RunQuantized<int16_t>(rc, rng); break;
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, ReduceTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<ReduceCase>& i) { return i.param.name; });

TEST(ReduceAxis, NonConstantAxisIsResolvedLater) {
  std::vector<float> in(24), out(6);
  int32_t axes[1] = {0};
  Tensor ti = MakeTensor(DType::kFloat32, {4, 6}, in.data());
  Tensor ta = MakeTensor(DType::kInt32, {1}, axes);
  Tensor to = MakeTensor(DType::kFloat32, {6}, out.data());
  ReduceParams p;
  ASSERT_TRUE(PrepareReduce(ReduceKind::kSum, ti, ta, to, ReduceOptions{false}, &p).ok());
  EXPECT_FALSE(p.axes_resolved);
  for (int i = 0; i < 24; ++i) in[i] = static_cast<float>(i);
  ASSERT_TRUE(ResolveReduceAxes(ti, ta, to, &p).ok());
  reduce_sum_f32_ref(p, in.data(), out.data());
  EXPECT_FLOAT_EQ(out[5], 5 + 11 + 17 + 23);
  axes[0] = 1;  // the same output shape no longer fits
  EXPECT_FALSE(ResolveReduceAxes(ti, ta, to, &p).ok());
}

struct BadCase {
  std::string name;
  ReduceKind kind;
  DType in_type, out_type, axis_type;
  std::vector<int> in_dims, axis_dims, out_dims;
  std::vector<int32_t> axes;
  bool keep_dims;
  float out_scale;
  std::string reason;  // a substring of the expected error message
  int out_zp = 0;
};

// gtest names cases by their `name`; print that instead of raw bytes.
void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

class ReduceRejects : public ::testing::TestWithParam<BadCase> {};

TEST_P(ReduceRejects, PrepareFails) {
  const BadCase& bc = GetParam();
  std::vector<int32_t> axes = bc.axes;
  Tensor ti = MakeTensor(bc.in_type, bc.in_dims, nullptr, 0.1f, 0);
  Tensor ta = MakeTensor(bc.axis_type, bc.axis_dims, axes.data());
  ta.is_constant = true;
  Tensor to = MakeTensor(bc.out_type, bc.out_dims, nullptr, bc.out_scale, bc.out_zp);
  ReduceParams p;
  const Status s = PrepareReduce(bc.kind, ti, ta, to, ReduceOptions{bc.keep_dims}, &p);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(std::string(s.message()).find(bc.reason), std::string::npos) << s.message();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ReduceRejects,
    ::testing::Values(
        BadCase{"axis_too_large", ReduceKind::kMean, DType::kInt8, DType::kInt8, DType::kInt32, {2, 3, 4}, {1}, {2, 3}, {3}, false, 0.1f, "out of range"},
        BadCase{"axis_too_negative", ReduceKind::kSum, DType::kInt8, DType::kInt8, DType::kInt32, {2, 3, 4}, {1}, {3, 4}, {-4}, false, 0.1f, "out of range"},
        BadCase{"keep_dims_shape_mismatch", ReduceKind::kMean, DType::kFloat32, DType::kFloat32, DType::kInt32, {2, 3}, {1}, {2}, {1}, true, 0.1f, "output shape"},
        BadCase{"output_shape_wrong", ReduceKind::kSum, DType::kFloat32, DType::kFloat32, DType::kInt32, {2, 3}, {1}, {3}, {1}, false, 0.1f, "output shape"},
        BadCase{"int64_axis", ReduceKind::kMean, DType::kFloat32, DType::kFloat32, DType::kInt64, {2, 3}, {1}, {2}, {1, 0}, false, 0.1f, "int32"},
        BadCase{"axis_rank_2", ReduceKind::kMean, DType::kFloat32, DType::kFloat32, DType::kInt32, {2, 3}, {1, 1}, {2}, {1}, false, 0.1f, "scalar or 1-D"},
        BadCase{"int16_reduce_min_zero_point_differs", ReduceKind::kMin, DType::kInt16, DType::kInt16, DType::kInt32, {2, 3}, {1}, {2}, {1}, false, 0.1f, "share scale", 4},
        BadCase{"reduce_max_scale_differs", ReduceKind::kMax, DType::kInt8, DType::kInt8, DType::kInt32, {2, 3}, {1}, {2}, {1}, false, 0.2f, "share scale"},
        BadCase{"int32_input", ReduceKind::kSum, DType::kInt32, DType::kInt32, DType::kInt32, {2, 3}, {1}, {2}, {1}, false, 0.1f, "support"},
        BadCase{"output_dtype_differs", ReduceKind::kMean, DType::kInt8, DType::kInt16, DType::kInt32, {2, 3}, {1}, {2}, {1}, false, 0.1f, "output dtype"},
        BadCase{"missing_output_scale", ReduceKind::kMean, DType::kInt8, DType::kInt8, DType::kInt32, {2, 3}, {1}, {2}, {1}, false, 0.0f, "need a scale"},
        BadCase{"huge_requantization", ReduceKind::kSum, DType::kInt8, DType::kInt8, DType::kInt32, {2, 3}, {1}, {2}, {1}, false, 1e-12f, "too large"}),
    [](const ::testing::TestParamInfo<BadCase>& i) { return i.param.name; });

}  // namespace
}  // namespace mote
