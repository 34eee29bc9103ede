// Data-movement kernels (reshape family, PAD, SLICE, STRIDED_SLICE, TRANSPOSE, CONCATENATION,
// PACK, SPLIT, UNPACK) against plain index-by-index implementations written here, on random
// shapes from a seeded generator, plus named edge cases and hostile-model rejections.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "runtime/kernels/concatenation.h"
#include "runtime/kernels/movement_common.h"
#include "runtime/kernels/pad.h"
#include "runtime/kernels/reshape.h"
#include "runtime/kernels/slice.h"
#include "runtime/kernels/split.h"
#include "runtime/kernels/transpose.h"
#include "test_util.h"

namespace mote {
namespace {

using Dims = std::vector<int32_t>;

// A tensor that owns its bytes.
struct Buffer {
  std::vector<uint8_t> bytes;
  Tensor t;

  Buffer(DType type, const Dims& dims, bool constant = false) {
    t.type = type;
    t.shape.rank = static_cast<int32_t>(dims.size());
    for (size_t i = 0; i < dims.size(); ++i) t.shape.dims[i] = dims[i];
    bytes.assign(t.Bytes() + 1, 0);  // +1: never a null pointer, even when empty
    t.data = bytes.data();
    t.is_constant = constant;
  }
  template <typename T>
  T* data() { return reinterpret_cast<T*>(bytes.data()); }
};

template <typename T>
Buffer IndexTensor(DType type, const std::vector<T>& values, Dims dims = {}) {
  if (dims.empty()) dims = {static_cast<int32_t>(values.size())};
  Buffer b(type, dims, /*constant=*/true);
  if (!values.empty()) std::memcpy(b.bytes.data(), values.data(), values.size() * sizeof(T));
  return b;
}

Buffer Int32s(const std::vector<int32_t>& v, Dims dims = {}) { return IndexTensor(DType::kInt32, v, dims); }
Buffer Int64s(const std::vector<int64_t>& v, Dims dims = {}) { return IndexTensor(DType::kInt64, v, dims); }

// Fills with distinct-looking values so misplaced elements show.
void FillRandom(Buffer& b, std::mt19937& rng) {
  for (auto& x : b.bytes) x = static_cast<uint8_t>(rng());
}

int64_t Count(const Dims& d) {
  int64_t n = 1;
  for (int32_t x : d) n *= x;
  return n;
}

// Row-major coordinates of flat index i.
Dims Unravel(int64_t i, const Dims& dims) {
  Dims idx(dims.size());
  for (int d = static_cast<int>(dims.size()) - 1; d >= 0; --d) {
    idx[d] = static_cast<int32_t>(i % dims[d]);
    i /= dims[d];
  }
  return idx;
}

int64_t Ravel(const Dims& idx, const Dims& dims) {
  int64_t i = 0;
  for (size_t d = 0; d < dims.size(); ++d) i = i * dims[d] + idx[d];
  return i;
}

Dims RandomDims(std::mt19937& rng, int rank, int max_dim) {
  Dims d(rank);
  for (auto& x : d) x = std::uniform_int_distribution<int>(1, max_dim)(rng);
  return d;
}

const DType kSizedTypes[] = {DType::kInt8, DType::kInt16, DType::kFloat32, DType::kInt64};

// ----------------------------------------------------------------------------------- reshape

TEST(Reshape, CopiesBytesAndChecksCounts) {
  Buffer in(DType::kInt16, {2, 3, 4});
  Buffer out(DType::kInt16, {4, 6});
  std::mt19937 rng(1);
  FillRandom(in, rng);
  ReshapeParams p;
  ASSERT_TRUE(PrepareReshape(in.t, out.t, &p).ok());
  reshape_ref(p, in.t.data, out.t.data);
  EXPECT_EQ(0, std::memcmp(in.t.data, out.t.data, in.t.Bytes()));

  Buffer bad(DType::kInt16, {5, 5});
  EXPECT_FALSE(PrepareReshape(in.t, bad.t, &p).ok());
  Buffer other_type(DType::kInt8, {4, 6});
  EXPECT_FALSE(PrepareReshape(in.t, other_type.t, &p).ok());
}

TEST(Reshape, InPlaceIsANoOp) {
  Buffer t(DType::kFloat32, {3, 2});
  std::mt19937 rng(2);
  FillRandom(t, rng);
  const std::vector<uint8_t> before = t.bytes;
  ReshapeParams p;
  ASSERT_TRUE(PrepareReshape(t.t, t.t, &p).ok());
  reshape_ref(p, t.t.data, t.t.data);
  EXPECT_EQ(before, t.bytes);
}

struct SqueezeCase {
  const char* name;
  Dims input;
  std::vector<int32_t> squeeze_dims;
  Dims output;
  bool ok;
};

class SqueezeTest : public ::testing::TestWithParam<SqueezeCase> {};

TEST_P(SqueezeTest, ChecksShape) {
  const SqueezeCase& c = GetParam();
  Buffer in(DType::kInt8, c.input), out(DType::kInt8, c.output);
  const Status s = CheckSqueezeShape(in.t.shape, c.squeeze_dims.data(),
                                     static_cast<int32_t>(c.squeeze_dims.size()), out.t.shape);
  EXPECT_EQ(s.ok(), c.ok) << s.message();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SqueezeTest,
    ::testing::Values(SqueezeCase{"explicit", {7, 1, 1, 2}, {1, 2}, {7, 2}, true},
                      SqueezeCase{"all_unit_axes", {1, 8, 1}, {}, {8}, true},
                      SqueezeCase{"negative", {1, 5, 3, 1}, {-1}, {1, 5, 3}, true},
                      SqueezeCase{"duplicate", {3, 1, 3}, {1, -2}, {3, 3}, true},
                      SqueezeCase{"to_scalar", {1, 1}, {}, {}, true},
                      SqueezeCase{"non_unit_axis", {3, 2}, {1}, {3}, false},
                      SqueezeCase{"axis_out_of_range", {3, 1}, {2}, {3}, false},
                      SqueezeCase{"wrong_output", {3, 1, 4}, {1}, {4, 3}, false}),
    [](const auto& info) { return std::string(info.param.name); });

struct ExpandDimsCase {
  const char* name;
  Dims input;
  int32_t axis;
  Dims output;
  bool ok;
};

class ExpandDimsTest : public ::testing::TestWithParam<ExpandDimsCase> {};

TEST_P(ExpandDimsTest, ChecksShape) {
  const ExpandDimsCase& c = GetParam();
  Buffer in(DType::kInt8, c.input), out(DType::kInt8, c.output);
  EXPECT_EQ(CheckExpandDimsShape(in.t.shape, c.axis, out.t.shape).ok(), c.ok);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ExpandDimsTest,
    ::testing::Values(ExpandDimsCase{"front", {3}, 0, {1, 3}, true},
                      ExpandDimsCase{"back_negative", {6, 4}, -1, {6, 4, 1}, true},
                      ExpandDimsCase{"middle", {7, 1, 3}, 1, {7, 1, 1, 3}, true},
                      ExpandDimsCase{"middle_negative", {4, 5}, -2, {4, 1, 5}, true},
                      ExpandDimsCase{"append", {4, 5}, 2, {4, 5, 1}, true},
                      ExpandDimsCase{"scalar", {}, 0, {1}, true},
                      ExpandDimsCase{"axis_too_large", {4, 5}, 3, {4, 5, 1}, false},
                      ExpandDimsCase{"axis_too_small", {4, 5}, -4, {1, 4, 5}, false},
                      ExpandDimsCase{"wrong_output", {4, 5}, 0, {4, 1, 5}, false}),
    [](const auto& info) { return std::string(info.param.name); });

// --------------------------------------------------------------------------------------- pad

// Index-by-index PAD: an output element comes from the input when every coordinate lands inside
// the copied box, otherwise it is the pad value.
std::vector<uint8_t> ReferencePad(const Buffer& in, const std::vector<int32_t>& pads,
                                  const Dims& out_dims, const uint8_t* value) {
  const size_t es = DTypeSize(in.t.type);
  const Dims in_dims(in.t.shape.dims, in.t.shape.dims + in.t.shape.rank);
  std::vector<uint8_t> out(Count(out_dims) * es);
  for (int64_t i = 0; i < Count(out_dims); ++i) {
    Dims idx = Unravel(i, out_dims);
    bool inside = true;
    for (size_t d = 0; d < idx.size(); ++d) {
      idx[d] -= pads[2 * d];
      inside = inside && idx[d] >= 0 && idx[d] < in_dims[d];
    }
    const uint8_t* src = inside ? in.bytes.data() + Ravel(idx, in_dims) * es : value;
    std::memcpy(out.data() + i * es, src, es);
  }
  return out;
}

TEST(Pad, RandomShapesMatchReference) {
  std::mt19937 rng(1234);
  for (int iter = 0; iter < 300; ++iter) {
    const DType type = kSizedTypes[iter % 4];
    const int rank = std::uniform_int_distribution<int>(1, 6)(rng);
    const Dims in_dims = RandomDims(rng, rank, rank > 4 ? 3 : 6);
    std::vector<int32_t> pads(2 * rank);
    Dims out_dims(rank);
    for (int d = 0; d < rank; ++d) {
      // Often no padding on an axis, so the axis-merging path is exercised.
      pads[2 * d] = rng() % 3 == 0 ? 0 : std::uniform_int_distribution<int>(0, 3)(rng);
      pads[2 * d + 1] = rng() % 3 == 0 ? 0 : std::uniform_int_distribution<int>(0, 3)(rng);
      out_dims[d] = in_dims[d] + pads[2 * d] + pads[2 * d + 1];
    }
    Buffer in(type, in_dims), out(type, out_dims);
    FillRandom(in, rng);
    const bool v2 = iter % 2 == 0;
    Buffer value(type, {});
    FillRandom(value, rng);
    in.t.q.zero_point = type == DType::kInt8 ? std::uniform_int_distribution<int>(-128, 127)(rng) : 0;
    out.t.q = in.t.q;
    value.t.q = in.t.q;
    const bool int64_pads = iter % 3 == 0;
    Buffer paddings = int64_pads ? Int64s(std::vector<int64_t>(pads.begin(), pads.end()), {rank, 2})
                                 : Int32s(pads, {rank, 2});
    PadParams p;
    ASSERT_TRUE(PreparePad(in.t, paddings.t, v2 ? &value.t : nullptr, out.t, &p).ok()) << iter;
    const uint8_t* pad_value = v2 ? value.bytes.data() : p.default_value;
    pad_ref(p, in.t.data, pad_value, out.t.data);

    uint8_t expected_default[8] = {};
    if (type == DType::kInt8) expected_default[0] = static_cast<uint8_t>(in.t.q.zero_point);
    const auto expected = ReferencePad(in, pads, out_dims, v2 ? value.bytes.data() : expected_default);
    ASSERT_EQ(0, std::memcmp(expected.data(), out.t.data, expected.size())) << "iteration " << iter;
  }
}

TEST(Pad, Int16DefaultsToZeroNotZeroPoint) {
  Buffer in(DType::kInt16, {2}), out(DType::kInt16, {4});
  in.t.q.scale = out.t.q.scale = 0.5f;
  in.t.q.zero_point = out.t.q.zero_point = 7;
  in.data<int16_t>()[0] = 11;
  in.data<int16_t>()[1] = -3;
  Buffer paddings = Int32s({1, 1}, {1, 2});
  PadParams p;
  ASSERT_TRUE(PreparePad(in.t, paddings.t, nullptr, out.t, &p).ok());
  pad_ref(p, in.t.data, p.default_value, out.t.data);
  const int16_t expected[] = {0, 11, -3, 0};
  EXPECT_EQ(0, std::memcmp(expected, out.t.data, sizeof expected));
}

TEST(Pad, ScalarAndEmptyInputs) {
  Buffer scalar_in(DType::kFloat32, {}), scalar_out(DType::kFloat32, {});
  scalar_in.data<float>()[0] = 2.5f;
  Buffer no_pads = Int32s({}, {0, 2});
  PadParams p;
  ASSERT_TRUE(PreparePad(scalar_in.t, no_pads.t, nullptr, scalar_out.t, &p).ok());
  pad_ref(p, scalar_in.t.data, p.default_value, scalar_out.t.data);
  EXPECT_EQ(2.5f, scalar_out.data<float>()[0]);

  Buffer empty_in(DType::kInt8, {0, 3}), out(DType::kInt8, {2, 4});
  out.t.q.zero_point = -5;
  Buffer pads = Int32s({1, 1, 0, 1}, {2, 2});
  ASSERT_TRUE(PreparePad(empty_in.t, pads.t, nullptr, out.t, &p).ok());
  pad_ref(p, empty_in.t.data, p.default_value, out.t.data);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(-5, out.data<int8_t>()[i]);
}

struct PadErrorCase {
  const char* name;
  Dims input;
  std::vector<int32_t> pads;
  Dims pads_shape;
  Dims output;
  bool constant_paddings;
};

class PadErrorTest : public ::testing::TestWithParam<PadErrorCase> {};

TEST_P(PadErrorTest, Rejected) {
  const PadErrorCase& c = GetParam();
  Buffer in(DType::kFloat32, c.input), out(DType::kFloat32, c.output);
  Buffer pads = Int32s(c.pads, c.pads_shape);
  pads.t.is_constant = c.constant_paddings;
  PadParams p;
  EXPECT_FALSE(PreparePad(in.t, pads.t, nullptr, out.t, &p).ok());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PadErrorTest,
    ::testing::Values(PadErrorCase{"negative", {4, 4}, {-1, 0, 0, 0}, {2, 2}, {3, 4}, true},
                      PadErrorCase{"wrong_output", {4, 4}, {1, 0, 0, 0}, {2, 2}, {4, 4}, true},
                      PadErrorCase{"paddings_shape", {4, 4}, {1, 0, 0}, {3}, {5, 4}, true},
                      PadErrorCase{"paddings_rows", {4, 4}, {1, 0}, {1, 2}, {5, 4}, true},
                      PadErrorCase{"non_constant", {4, 4}, {1, 0, 0, 0}, {2, 2}, {5, 4}, false}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Pad, RejectsConstantValuesOfAnotherQuantization) {
  Buffer in(DType::kInt8, {3}), out(DType::kInt8, {5}), value(DType::kInt8, {});
  in.t.q.scale = out.t.q.scale = 0.1f;
  value.t.q.scale = 0.2f;
  Buffer pads = Int32s({1, 1}, {1, 2});
  PadParams p;
  EXPECT_FALSE(PreparePad(in.t, pads.t, &value.t, out.t, &p).ok());
  value.t.q.scale = 0.1f;
  EXPECT_TRUE(PreparePad(in.t, pads.t, &value.t, out.t, &p).ok());
  Buffer value16(DType::kInt16, {});
  EXPECT_FALSE(PreparePad(in.t, pads.t, &value16.t, out.t, &p).ok());
}

// ------------------------------------------------------------------------------------- slice

TEST(Slice, RandomShapesMatchReference) {
  std::mt19937 rng(99);
  for (int iter = 0; iter < 300; ++iter) {
    const DType type = kSizedTypes[iter % 4];
    const int rank = std::uniform_int_distribution<int>(1, 6)(rng);
    const Dims in_dims = RandomDims(rng, rank, rank > 4 ? 4 : 7);
    std::vector<int64_t> begin(rank), size(rank);
    Dims out_dims(rank);
    for (int d = 0; d < rank; ++d) {
      begin[d] = std::uniform_int_distribution<int>(0, in_dims[d])(rng);
      const int remaining = in_dims[d] - static_cast<int>(begin[d]);
      size[d] = rng() % 4 == 0 ? -1 : std::uniform_int_distribution<int>(0, remaining)(rng);
      out_dims[d] = size[d] == -1 ? remaining : static_cast<int32_t>(size[d]);
    }
    Buffer in(type, in_dims), out(type, out_dims);
    FillRandom(in, rng);
    const bool i64 = iter % 2 == 1;
    Buffer b = i64 ? Int64s(begin) : Int32s(std::vector<int32_t>(begin.begin(), begin.end()));
    Buffer s = i64 ? Int64s(size) : Int32s(std::vector<int32_t>(size.begin(), size.end()));
    ASSERT_TRUE(CheckSliceTensors(in.t, b.t, s.t, out.t).ok());
    StridedCopyParams p;
    ASSERT_TRUE(ResolveSlice(in.t, b.t, s.t, out.t, &p).ok()) << iter;
    strided_copy_ref(p, in.t.data, out.t.data);
    const size_t es = DTypeSize(type);
    for (int64_t i = 0; i < Count(out_dims); ++i) {
      Dims idx = Unravel(i, out_dims);
      for (int d = 0; d < rank; ++d) idx[d] += static_cast<int32_t>(begin[d]);
      ASSERT_EQ(0, std::memcmp(in.bytes.data() + Ravel(idx, in_dims) * es, out.bytes.data() + i * es, es))
          << "iteration " << iter << " element " << i;
    }
  }
}

struct SliceErrorCase {
  const char* name;
  std::vector<int32_t> begin, size;
  Dims output;
};

class SliceErrorTest : public ::testing::TestWithParam<SliceErrorCase> {};

TEST_P(SliceErrorTest, Rejected) {
  const SliceErrorCase& c = GetParam();
  Buffer in(DType::kFloat32, {4, 5}), out(DType::kFloat32, c.output);
  Buffer b = Int32s(c.begin), s = Int32s(c.size);
  StridedCopyParams p;
  const bool checked = CheckSliceTensors(in.t, b.t, s.t, out.t).ok();
  EXPECT_FALSE(checked && ResolveSlice(in.t, b.t, s.t, out.t, &p).ok());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SliceErrorTest,
    ::testing::Values(SliceErrorCase{"negative_begin", {-1, 0}, {1, 1}, {1, 1}},
                      SliceErrorCase{"begin_past_end", {5, 0}, {0, 1}, {0, 1}},
                      SliceErrorCase{"size_past_end", {2, 0}, {3, 1}, {3, 1}},
                      SliceErrorCase{"negative_size", {0, 0}, {-2, 1}, {1, 1}},
                      SliceErrorCase{"wrong_output", {0, 0}, {2, 2}, {2, 3}},
                      SliceErrorCase{"short_begin", {0}, {2, 2}, {2, 2}}),
    [](const auto& info) { return std::string(info.param.name); });

// ----------------------------------------------------------------------------- strided slice

// Python's slice(start, stop, step).indices(n), then range(): the semantics TFLite follows.
std::vector<int32_t> PythonRange(int32_t n, bool has_start, int32_t start, bool has_stop,
                                 int32_t stop, int32_t step) {
  auto adjust = [&](bool given, int32_t v, int32_t dflt) {
    if (!given) return dflt;
    if (v < 0) v += n;
    if (step > 0) return std::min(std::max(v, 0), n);
    return std::min(std::max(v, -1), n - 1);
  };
  const int32_t a = adjust(has_start, start, step > 0 ? 0 : n - 1);
  const int32_t b = adjust(has_stop, stop, step > 0 ? n : -1);
  std::vector<int32_t> r;
  for (int32_t i = a; step > 0 ? i < b : i > b; i += step) r.push_back(i);
  return r;
}

TEST(StridedSlice, RandomSlicesMatchPythonSemantics) {
  std::mt19937 rng(4321);
  int non_empty = 0;
  for (int iter = 0; iter < 1000; ++iter) {
    const DType type = kSizedTypes[iter % 4];
    const int rank = std::uniform_int_distribution<int>(1, 5)(rng);
    const Dims in_dims = RandomDims(rng, rank, 7);
    std::vector<int32_t> begin(rank), end(rank), strides(rank);
    StridedSliceOptions o;
    std::vector<std::vector<int32_t>> picks(rank);
    Dims out_dims;
    for (int d = 0; d < rank; ++d) {
      const int32_t n = in_dims[d];
      std::uniform_int_distribution<int> index(-n - 2, n + 2);
      begin[d] = index(rng);
      end[d] = index(rng);
      const int32_t magnitude = std::uniform_int_distribution<int>(1, 3)(rng);
      strides[d] = rng() % 3 == 0 ? -magnitude : magnitude;
      const bool bm = rng() % 4 == 0, em = rng() % 4 == 0;
      if (bm) o.begin_mask |= 1 << d;
      if (em) o.end_mask |= 1 << d;
      const int32_t b_resolved = begin[d] < 0 ? begin[d] + n : begin[d];
      if (!bm && rng() % 5 == 0 && b_resolved >= 0 && b_resolved < n) {
        o.shrink_axis_mask |= 1 << d;
        picks[d] = {b_resolved};
        continue;
      }
      picks[d] = PythonRange(n, !bm, begin[d], !em, end[d], strides[d]);
      out_dims.push_back(static_cast<int32_t>(picks[d].size()));
    }
    Buffer in(type, in_dims), out(type, out_dims);
    FillRandom(in, rng);
    Buffer b = Int32s(begin), e = Int32s(end), s = Int32s(strides);
    ASSERT_TRUE(CheckStridedSliceTensors(in.t, b.t, e.t, s.t, out.t).ok());
    StridedCopyParams p;
    const Status st = ResolveStridedSlice(in.t, b.t, e.t, s.t, o, out.t, &p);
    ASSERT_TRUE(st.ok()) << "iteration " << iter << ": " << st.message();
    strided_copy_ref(p, in.t.data, out.t.data);

    Dims pick_dims(rank);
    for (int d = 0; d < rank; ++d) pick_dims[d] = static_cast<int32_t>(picks[d].size());
    const size_t es = DTypeSize(type);
    const int64_t total = Count(pick_dims);
    if (total > 0) ++non_empty;
    for (int64_t i = 0; i < total; ++i) {
      Dims idx = Unravel(i, pick_dims);
      for (int d = 0; d < rank; ++d) idx[d] = picks[d][idx[d]];
      ASSERT_EQ(0, std::memcmp(in.bytes.data() + Ravel(idx, in_dims) * es, out.bytes.data() + i * es, es))
          << "iteration " << iter << " element " << i;
    }
  }
  EXPECT_GT(non_empty, 200) << "too few non-empty slices to be a meaningful test";
}

struct StridedSliceCase {
  const char* name;
  Dims input;
  std::vector<int32_t> begin, end, strides;
  int32_t begin_mask, end_mask, shrink_mask;
  Dims output;
  std::vector<int32_t> expected;  // input flat indices; empty with ok=false means rejected
  bool ok;
};

class StridedSliceCaseTest : public ::testing::TestWithParam<StridedSliceCase> {};

TEST_P(StridedSliceCaseTest, Matches) {
  const StridedSliceCase& c = GetParam();
  Buffer in(DType::kInt32, c.input), out(DType::kInt32, c.output);
  for (int64_t i = 0; i < in.t.NumElements(); ++i) in.data<int32_t>()[i] = static_cast<int32_t>(i);
  Buffer b = Int32s(c.begin), e = Int32s(c.end), s = Int32s(c.strides);
  StridedSliceOptions o{c.begin_mask, c.end_mask, c.shrink_mask};
  StridedCopyParams p;
  const Status st = ResolveStridedSlice(in.t, b.t, e.t, s.t, o, out.t, &p);
  ASSERT_EQ(st.ok(), c.ok) << st.message();
  if (!c.ok) return;
  strided_copy_ref(p, in.t.data, out.t.data);
  std::vector<int32_t> got(out.data<int32_t>(), out.data<int32_t>() + out.t.NumElements());
  EXPECT_EQ(got, c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, StridedSliceCaseTest,
    ::testing::Values(
        StridedSliceCase{"reverse_all", {5}, {-1}, {-6}, {-1}, 0, 0, 0, {5}, {4, 3, 2, 1, 0}, true},
        StridedSliceCase{"reverse_masked", {5}, {0}, {0}, {-2}, 1, 1, 0, {3}, {4, 2, 0}, true},
        StridedSliceCase{"shrink_negative_index", {2, 3}, {-1, 0}, {0, 3}, {1, 1}, 0, 0, 1, {3}, {3, 4, 5}, true},
        StridedSliceCase{"shrink_to_scalar", {2, 3}, {1, 2}, {0, 0}, {1, 1}, 0, 0, 3, {}, {5}, true},
        StridedSliceCase{"clamped_bounds", {4}, {-100}, {100}, {3}, 0, 0, 0, {2}, {0, 3}, true},
        StridedSliceCase{"empty_range", {4, 2}, {3, 0}, {1, 2}, {1, 1}, 0, 0, 0, {0, 2}, {}, true},
        StridedSliceCase{"zero_stride", {4}, {0}, {4}, {0}, 0, 0, 0, {4}, {}, false},
        StridedSliceCase{"shrink_out_of_range", {4}, {4}, {5}, {1}, 0, 0, 1, {}, {}, false},
        StridedSliceCase{"wrong_output_shape", {4}, {0}, {4}, {1}, 0, 0, 0, {3}, {}, false},
        StridedSliceCase{"wrong_output_rank", {4, 1}, {0, 0}, {4, 1}, {1, 1}, 0, 0, 0, {4}, {}, false}),
    [](const auto& info) { return std::string(info.param.name); });

// --------------------------------------------------------------------------------- transpose

TEST(Transpose, RandomPermutationsMatchReference) {
  std::mt19937 rng(777);
  for (int iter = 0; iter < 300; ++iter) {
    const DType type = kSizedTypes[iter % 4];
    const int rank = std::uniform_int_distribution<int>(1, 6)(rng);
    const Dims in_dims = RandomDims(rng, rank, rank > 4 ? 4 : 7);
    std::vector<int32_t> perm(rank);
    for (int d = 0; d < rank; ++d) perm[d] = d;
    std::shuffle(perm.begin(), perm.end(), rng);
    Dims out_dims(rank);
    for (int d = 0; d < rank; ++d) out_dims[d] = in_dims[perm[d]];
    Buffer in(type, in_dims), out(type, out_dims);
    FillRandom(in, rng);
    Buffer perm_t = iter % 2 ? Int64s(std::vector<int64_t>(perm.begin(), perm.end())) : Int32s(perm);
    StridedCopyParams p;
    ASSERT_TRUE(PrepareTranspose(in.t, perm_t.t, out.t, &p).ok());
    strided_copy_ref(p, in.t.data, out.t.data);
    const size_t es = DTypeSize(type);
    for (int64_t i = 0; i < Count(out_dims); ++i) {
      const Dims o = Unravel(i, out_dims);
      Dims idx(rank);
      for (int d = 0; d < rank; ++d) idx[perm[d]] = o[d];
      ASSERT_EQ(0, std::memcmp(in.bytes.data() + Ravel(idx, in_dims) * es, out.bytes.data() + i * es, es))
          << "iteration " << iter << " element " << i;
    }
  }
}

struct TransposeErrorCase {
  const char* name;
  std::vector<int32_t> perm;
  Dims output;
};

class TransposeErrorTest : public ::testing::TestWithParam<TransposeErrorCase> {};

TEST_P(TransposeErrorTest, Rejected) {
  const TransposeErrorCase& c = GetParam();
  Buffer in(DType::kInt8, {2, 3, 4}), out(DType::kInt8, c.output);
  Buffer perm = Int32s(c.perm);
  StridedCopyParams p;
  EXPECT_FALSE(PrepareTranspose(in.t, perm.t, out.t, &p).ok());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, TransposeErrorTest,
    ::testing::Values(TransposeErrorCase{"duplicate_axis", {0, 0, 2}, {2, 2, 4}},
                      TransposeErrorCase{"axis_out_of_range", {0, 1, 3}, {2, 3, 4}},
                      TransposeErrorCase{"negative_axis", {-1, 0, 1}, {4, 2, 3}},
                      TransposeErrorCase{"short_perm", {1, 0}, {3, 2, 4}},
                      TransposeErrorCase{"wrong_output", {2, 1, 0}, {4, 2, 3}}),
    [](const auto& info) { return std::string(info.param.name); });

// --------------------------------------------------------------- concatenation, pack, split

TEST(Concatenation, RandomPartsRoundTripThroughSplit) {
  std::mt19937 rng(55);
  for (int iter = 0; iter < 200; ++iter) {
    const DType type = kSizedTypes[iter % 4];
    const int rank = std::uniform_int_distribution<int>(1, 5)(rng);
    const Dims base = RandomDims(rng, rank, 5);
    const int axis = std::uniform_int_distribution<int>(0, rank - 1)(rng);
    const int n = std::uniform_int_distribution<int>(1, 5)(rng);
    std::vector<Buffer> parts;
    Dims out_dims = base;
    out_dims[axis] = 0;
    for (int i = 0; i < n; ++i) {
      Dims d = base;
      d[axis] = std::uniform_int_distribution<int>(0, 4)(rng);
      out_dims[axis] += d[axis];
      parts.emplace_back(type, d);
      FillRandom(parts.back(), rng);
    }
    Buffer out(type, out_dims);
    std::vector<const Tensor*> in_ptrs;
    std::vector<const void*> in_data;
    for (auto& b : parts) {
      in_ptrs.push_back(&b.t);
      in_data.push_back(b.t.data);
    }
    std::vector<int64_t> pieces(n);
    ConcatSplitParams p;
    p.piece_bytes = pieces.data();
    const int32_t given_axis = rng() % 2 ? axis : axis - rank;
    ASSERT_TRUE(PrepareConcatenation(in_ptrs.data(), n, given_axis, out.t, &p).ok()) << iter;
    concatenation_ref(p, in_data.data(), out.t.data);

    // Element-wise check: output coordinate along the axis picks the part and its row.
    const size_t es = DTypeSize(type);
    for (int64_t i = 0; i < Count(out_dims); ++i) {
      Dims idx = Unravel(i, out_dims);
      int part = 0;
      while (idx[axis] >= parts[part].t.shape.dims[axis]) idx[axis] -= parts[part++].t.shape.dims[axis];
      const Dims part_dims(parts[part].t.shape.dims, parts[part].t.shape.dims + rank);
      ASSERT_EQ(0, std::memcmp(parts[part].bytes.data() + Ravel(idx, part_dims) * es,
                               out.bytes.data() + i * es, es))
          << "iteration " << iter << " element " << i;
    }

    // SPLIT_V back into fresh parts must give the originals.
    std::vector<Buffer> back;
    std::vector<const Tensor*> out_ptrs;
    std::vector<void*> out_data;
    std::vector<int32_t> sizes;
    for (auto& b : parts) {
      back.emplace_back(type, Dims(b.t.shape.dims, b.t.shape.dims + rank));
      sizes.push_back(b.t.shape.dims[axis]);
    }
    for (auto& b : back) {
      out_ptrs.push_back(&b.t);
      out_data.push_back(b.t.data);
    }
    ConcatSplitParams sp;
    sp.piece_bytes = pieces.data();
    ASSERT_TRUE(PrepareSplit(out.t, out_ptrs.data(), n, given_axis, sizes.data(), &sp).ok());
    split_ref(sp, out.t.data, out_data.data());
    for (int i = 0; i < n; ++i)
      ASSERT_EQ(0, std::memcmp(parts[i].t.data, back[i].t.data, parts[i].t.Bytes())) << iter;
  }
}

TEST(Pack, RandomStacksMatchReferenceAndUnpack) {
  std::mt19937 rng(66);
  for (int iter = 0; iter < 200; ++iter) {
    const DType type = kSizedTypes[iter % 4];
    const int rank = std::uniform_int_distribution<int>(0, 4)(rng);
    const Dims in_dims = RandomDims(rng, rank, 5);
    const int n = std::uniform_int_distribution<int>(1, 5)(rng);
    const int axis = std::uniform_int_distribution<int>(0, rank)(rng);
    Dims out_dims = in_dims;
    out_dims.insert(out_dims.begin() + axis, n);
    std::vector<Buffer> parts;
    for (int i = 0; i < n; ++i) {
      parts.emplace_back(type, in_dims);
      FillRandom(parts.back(), rng);
    }
    Buffer out(type, out_dims);
    std::vector<const Tensor*> ptrs;
    std::vector<const void*> data;
    for (auto& b : parts) {
      ptrs.push_back(&b.t);
      data.push_back(b.t.data);
    }
    std::vector<int64_t> pieces(n);
    ConcatSplitParams p;
    p.piece_bytes = pieces.data();
    const int32_t given_axis = rng() % 2 ? axis : axis - rank - 1;
    ASSERT_TRUE(PreparePack(ptrs.data(), n, given_axis, out.t, &p).ok()) << iter;
    concatenation_ref(p, data.data(), out.t.data);
    const size_t es = DTypeSize(type);
    for (int64_t i = 0; i < Count(out_dims); ++i) {
      Dims idx = Unravel(i, out_dims);
      const int part = idx[axis];
      idx.erase(idx.begin() + axis);
      ASSERT_EQ(0, std::memcmp(parts[part].bytes.data() + Ravel(idx, in_dims) * es,
                               out.bytes.data() + i * es, es))
          << "iteration " << iter << " element " << i;
    }

    std::vector<Buffer> back;
    std::vector<const Tensor*> out_ptrs;
    std::vector<void*> out_data;
    for (int i = 0; i < n; ++i) back.emplace_back(type, in_dims);
    for (auto& b : back) {
      out_ptrs.push_back(&b.t);
      out_data.push_back(b.t.data);
    }
    ConcatSplitParams up;
    up.piece_bytes = pieces.data();
    ASSERT_TRUE(PrepareUnpack(out.t, out_ptrs.data(), n, given_axis < 0 ? axis - rank - 1 : axis, &up).ok());
    split_ref(up, out.t.data, out_data.data());
    for (int i = 0; i < n; ++i)
      ASSERT_EQ(0, std::memcmp(parts[i].t.data, back[i].t.data, parts[i].t.Bytes())) << iter;
  }
}

struct JoinErrorCase {
  const char* name;
  std::vector<Dims> parts;
  int32_t axis;
  Dims whole;
};

class ConcatenationErrorTest : public ::testing::TestWithParam<JoinErrorCase> {};

TEST_P(ConcatenationErrorTest, Rejected) {
  const JoinErrorCase& c = GetParam();
  std::vector<Buffer> parts;
  for (const auto& d : c.parts) parts.emplace_back(DType::kFloat32, d);
  std::vector<const Tensor*> ptrs;
  for (auto& b : parts) ptrs.push_back(&b.t);
  Buffer whole(DType::kFloat32, c.whole);
  std::vector<int64_t> pieces(parts.size());
  ConcatSplitParams p;
  p.piece_bytes = pieces.data();
  EXPECT_FALSE(PrepareConcatenation(ptrs.data(), static_cast<int32_t>(ptrs.size()), c.axis, whole.t, &p).ok());
  EXPECT_FALSE(PrepareSplit(whole.t, ptrs.data(), static_cast<int32_t>(ptrs.size()), c.axis, nullptr, &p).ok());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ConcatenationErrorTest,
    ::testing::Values(JoinErrorCase{"axis_out_of_range", {{2, 3}, {2, 3}}, 2, {2, 6}},
                      JoinErrorCase{"axis_too_negative", {{2, 3}, {2, 3}}, -3, {4, 3}},
                      JoinErrorCase{"other_dim_differs", {{2, 3}, {3, 3}}, 1, {2, 6}},
                      JoinErrorCase{"sum_differs", {{2, 3}, {2, 3}}, 1, {2, 7}},
                      JoinErrorCase{"rank_differs", {{2, 3}, {2, 3, 1}}, 1, {2, 6}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Concatenation, RejectsMixedDtypes) {
  Buffer a(DType::kInt8, {2}), b(DType::kInt16, {2}), out(DType::kInt8, {4});
  const Tensor* ptrs[] = {&a.t, &b.t};
  int64_t pieces[2];
  ConcatSplitParams p;
  p.piece_bytes = pieces;
  EXPECT_FALSE(PrepareConcatenation(ptrs, 2, 0, out.t, &p).ok());
}

TEST(Split, RejectsRequestedSizesThatDisagreeWithOutputs) {
  Buffer in(DType::kInt8, {6, 2}), a(DType::kInt8, {2, 2}), b(DType::kInt8, {4, 2});
  const Tensor* outs[] = {&a.t, &b.t};
  int64_t pieces[2];
  ConcatSplitParams p;
  p.piece_bytes = pieces;
  const int32_t equal[] = {3, 3};
  EXPECT_FALSE(PrepareSplit(in.t, outs, 2, 0, equal, &p).ok());
  const int32_t listed[] = {2, 4};
  EXPECT_TRUE(PrepareSplit(in.t, outs, 2, 0, listed, &p).ok());
}

TEST(Unpack, RejectsWrongCountAndShapes) {
  Buffer in(DType::kFloat32, {3, 2}), a(DType::kFloat32, {2}), b(DType::kFloat32, {2}),
      c(DType::kFloat32, {3});
  int64_t pieces[3];
  ConcatSplitParams p;
  p.piece_bytes = pieces;
  const Tensor* two[] = {&a.t, &b.t};
  EXPECT_FALSE(PrepareUnpack(in.t, two, 2, 0, &p).ok());
  const Tensor* three[] = {&a.t, &b.t, &c.t};
  EXPECT_FALSE(PrepareUnpack(in.t, three, 3, 0, &p).ok());
  const Tensor* good[] = {&c.t, &c.t};
  EXPECT_TRUE(PrepareUnpack(in.t, good, 2, 1, &p).ok());
  EXPECT_FALSE(PrepareUnpack(in.t, good, 2, 2, &p).ok());
}

// --------------------------------------------------------------------------- view simplifier

TEST(StridedCopy, MergesContiguousAxes) {
  StridedCopyParams p;
  p.rank = 4;
  p.element_size = 4;
  const int32_t counts[] = {2, 1, 3, 4};
  const int64_t strides[] = {12, 99, 4, 1};
  for (int d = 0; d < 4; ++d) {
    p.count[d] = counts[d];
    p.stride[d] = strides[d];
  }
  SimplifyStridedCopy(&p);
  EXPECT_EQ(p.rank, 1);
  EXPECT_EQ(p.count[0], 24);
  EXPECT_EQ(p.stride[0], 1);
  EXPECT_EQ(p.total, 24);
}

}  // namespace
}  // namespace mote
