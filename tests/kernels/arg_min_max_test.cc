// ARG_MAX / ARG_MIN kernels against std::max_element / std::min_element (which also keep the
// first of equal values) along the resolved axis, over named edge cases (ties, negative axes,
// rank 1 to a scalar, size-1 axes) and seeded random shapes, plus the Prepare checks.
#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "runtime/kernels/arg_min_max.h"
#include "test_util.h"

namespace mote {
namespace {

Tensor MakeTensor(DType type, const std::vector<int>& dims, void* data) {
  Tensor t;
  t.type = type;
  t.data = data;
  t.shape.rank = static_cast<int32_t>(dims.size());
  for (size_t i = 0; i < dims.size(); ++i) t.shape.dims[i] = dims[i];
  return t;
}

struct ArgCase {
  std::string name;
  DType type;
  std::vector<int> dims;
  int axis;
  int lo = -128, hi = 127;  // value range drawn; a narrow one forces ties
  bool int64_axis = false;
};

void PrintTo(const ArgCase& c, std::ostream* os) { *os << c.name; }

template <typename T>
void CheckArgSearch(const ArgCase& ac, const std::vector<T>& in) {
  const int rank = static_cast<int>(ac.dims.size());
  const int axis = ac.axis < 0 ? ac.axis + rank : ac.axis;
  std::vector<int> out_dims;
  int outer = 1, inner = 1;
  for (int d = 0; d < rank; ++d) {
    if (d == axis) continue;
    out_dims.push_back(ac.dims[d]);
    (d < axis ? outer : inner) *= ac.dims[d];
  }
  std::vector<int32_t> out(static_cast<size_t>(outer) * inner, -1);
  int32_t axis32 = ac.axis;
  int64_t axis64 = ac.axis;
  Tensor ti = MakeTensor(ac.type, ac.dims, const_cast<T*>(in.data()));
  Tensor ta = ac.int64_axis ? MakeTensor(DType::kInt64, {1}, &axis64) : MakeTensor(DType::kInt32, {}, &axis32);
  ta.is_constant = true;
  Tensor to = MakeTensor(DType::kInt32, out_dims, out.data());
  ArgMinMaxParams p;
  bool resolved = false;
  const Status s = PrepareArgMinMax(ti, ta, to, &p, &resolved);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_TRUE(resolved);
  const int size = ac.dims[axis];
  for (bool take_max : {true, false}) {
    if constexpr (sizeof(T) == 1) {
      take_max ? arg_max_s8_ref(p, in.data(), out.data()) : arg_min_s8_ref(p, in.data(), out.data());
    } else {
      take_max ? arg_max_f32_ref(p, in.data(), out.data()) : arg_min_f32_ref(p, in.data(), out.data());
    }
    for (int o = 0; o < outer; ++o)
      for (int i = 0; i < inner; ++i) {
        std::vector<T> line;
        for (int a = 0; a < size; ++a) line.push_back(in[(static_cast<size_t>(o) * size + a) * inner + i]);
        const auto it = take_max ? std::max_element(line.begin(), line.end())
                                 : std::min_element(line.begin(), line.end());
        ASSERT_EQ(out[static_cast<size_t>(o) * inner + i], it - line.begin())
            << (take_max ? "arg_max" : "arg_min") << " outer " << o << " inner " << i;
      }
  }
}

std::vector<ArgCase> Cases() {
  std::vector<ArgCase> cases = {
      {"s8_axis_last", DType::kInt8, {8, 10}, 1},
      {"s8_axis_0", DType::kInt8, {5, 3, 4}, 0},
      {"s8_axis_negative_middle", DType::kInt8, {2, 5, 3, 4}, -3},
      {"s8_ties_keep_first", DType::kInt8, {4, 9, 3}, 1, -1, 1},
      {"s8_all_equal", DType::kInt8, {3, 6}, -1, 7, 7},
      {"s8_rank1_to_scalar", DType::kInt8, {13}, 0},
      {"s8_axis_size_1", DType::kInt8, {3, 1, 4}, 1},
      {"s8_int64_axis", DType::kInt8, {3, 7}, -1, -128, 127, true},
      {"f32_axis_last", DType::kFloat32, {6, 5}, -1},
      {"f32_ties", DType::kFloat32, {2, 3, 8}, 2, -2, 2},
      {"f32_rank4_axis_0", DType::kFloat32, {3, 2, 2, 3}, 0},
  };
  std::mt19937 rng(4242);
  auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (int i = 0; i < 24; ++i) {
    ArgCase ac;
    ac.name = "random_" + std::to_string(i);
    ac.type = i % 2 ? DType::kInt8 : DType::kFloat32;
    const int rank = pick(1, 5);
    for (int d = 0; d < rank; ++d) ac.dims.push_back(pick(1, 7));
    ac.axis = pick(-rank, rank - 1);
    if (i % 3 == 0) ac.lo = -3, ac.hi = 3;
    cases.push_back(ac);
  }
  return cases;
}

class ArgMinMaxTest : public ::testing::TestWithParam<ArgCase> {};

TEST_P(ArgMinMaxTest, MatchesFirstExtremum) {
  const ArgCase& ac = GetParam();
  std::mt19937 rng(static_cast<uint32_t>(std::hash<std::string>()(ac.name)));
  size_t n = 1;
  for (int d : ac.dims) n *= d;
  if (ac.type == DType::kInt8) {
    CheckArgSearch(ac, test::RandomInts<int8_t>(rng, n, ac.lo, ac.hi));
  } else {
    // Integers scaled by a quarter: exact in float and prone to ties.
    std::vector<float> in(n);
    for (float& v : in) v = 0.25f * std::uniform_int_distribution<int>(ac.lo, ac.hi)(rng);
    CheckArgSearch(ac, in);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, ArgMinMaxTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<ArgCase>& i) { return i.param.name; });

TEST(ArgMinMaxAxis, NonConstantAxisIsResolvedLater) {
  std::vector<float> in = {1, 5, 2, 7, 0, 3};
  std::vector<int32_t> out(2);
  int32_t axis = 1;
  Tensor ti = MakeTensor(DType::kFloat32, {2, 3}, in.data());
  Tensor ta = MakeTensor(DType::kInt32, {1}, &axis);
  Tensor to = MakeTensor(DType::kInt32, {2}, out.data());
  ArgMinMaxParams p;
  bool resolved = true;
  ASSERT_TRUE(PrepareArgMinMax(ti, ta, to, &p, &resolved).ok());
  EXPECT_FALSE(resolved);
  ASSERT_TRUE(ResolveArgMinMaxAxis(ti, ta, to, &p).ok());
  arg_max_f32_ref(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int32_t>{1, 0}));
  axis = 2;
  EXPECT_FALSE(ResolveArgMinMaxAxis(ti, ta, to, &p).ok());
}

struct BadCase {
  std::string name;
  DType in_type, out_type, axis_type;
  std::vector<int> in_dims, out_dims, axis_dims;
  int axis;
  std::string reason;  // a substring of the expected error message
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

class ArgMinMaxRejects : public ::testing::TestWithParam<BadCase> {};

TEST_P(ArgMinMaxRejects, PrepareFails) {
  const BadCase& bc = GetParam();
  int64_t axis[1] = {bc.axis};
  int32_t axis32[1] = {bc.axis};
  Tensor in = MakeTensor(bc.in_type, bc.in_dims, nullptr);
  Tensor ta = MakeTensor(bc.axis_type, bc.axis_dims, bc.axis_type == DType::kInt64 ? static_cast<void*>(axis) : axis32);
  ta.is_constant = true;
  Tensor out = MakeTensor(bc.out_type, bc.out_dims, nullptr);
  ArgMinMaxParams p;
  bool resolved;
  const Status s = PrepareArgMinMax(in, ta, out, &p, &resolved);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(std::string(s.message()).find(bc.reason), std::string::npos) << s.message();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ArgMinMaxRejects,
    ::testing::Values(
        BadCase{"axis_too_large", DType::kInt8, DType::kInt32, DType::kInt32, {2, 3}, {2}, {1}, 2, "out of range"},
        BadCase{"axis_too_negative", DType::kInt8, DType::kInt32, DType::kInt32, {2, 3}, {2}, {1}, -3, "out of range"},
        BadCase{"output_keeps_axis", DType::kInt8, DType::kInt32, DType::kInt32, {2, 3}, {2, 1}, {1}, 1, "without the axis"},
        BadCase{"int64_output", DType::kInt8, DType::kInt64, DType::kInt32, {2, 3}, {2}, {1}, 1, "int32"},
        BadCase{"int16_input", DType::kInt16, DType::kInt32, DType::kInt32, {2, 3}, {2}, {1}, 1, "float32 and int8"},
        BadCase{"float_axis", DType::kInt8, DType::kInt32, DType::kFloat32, {2, 3}, {2}, {1}, 1, "axis must be"},
        BadCase{"empty_axis", DType::kInt8, DType::kInt32, DType::kInt32, {2, 3}, {2}, {0}, 1, "empty"},
        BadCase{"scalar_input", DType::kFloat32, DType::kInt32, DType::kInt32, {}, {}, {1}, 0, "rank"}),
    [](const ::testing::TestParamInfo<BadCase>& i) { return i.param.name; });

}  // namespace
}  // namespace mote
