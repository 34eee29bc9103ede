// Binary elementwise kernels (ADD, SUB, MUL, SQUARED_DIFFERENCE, MAXIMUM, MINIMUM, PRELU)
// against an independent model: numpy broadcasting by explicit index arithmetic, float kernels
// by the same float expression, quantized kernels by double math on dequantized values within
// the rounding the fixed-point pipeline allows. Random broadcast shapes of rank 0-6 from seeded
// generators, named edge cases, and the errors Prepare must report.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <ostream>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include "runtime/kernels/add.h"
#include "runtime/kernels/binary_common.h"
#include "runtime/kernels/maximum_minimum.h"
#include "runtime/kernels/mul.h"
#include "runtime/kernels/prelu.h"
#include "runtime/kernels/squared_difference.h"
#include "test_util.h"

namespace mote {
namespace {

enum class Op { kAdd, kSub, kMul, kSquaredDifference, kMaximum, kMinimum, kPrelu };

const char* OpName(Op op) {
  switch (op) {
    case Op::kAdd: return "ADD";
    case Op::kSub: return "SUB";
    case Op::kMul: return "MUL";
    case Op::kSquaredDifference: return "SQUARED_DIFFERENCE";
    case Op::kMaximum: return "MAXIMUM";
    case Op::kMinimum: return "MINIMUM";
    case Op::kPrelu: return "PRELU";
  }
  return "?";
}

bool HasActivation(Op op) { return op == Op::kAdd || op == Op::kSub || op == Op::kMul; }

Shape MakeShape(const std::vector<int32_t>& dims) {
  Shape s;
  s.rank = static_cast<int32_t>(dims.size());
  for (size_t i = 0; i < dims.size(); ++i) s.dims[i] = dims[i];
  return s;
}

std::string ShapeStr(const Shape& s) {
  std::string out = "[";
  for (int i = 0; i < s.rank; ++i) out += (i ? "x" : "") + std::to_string(s.dims[i]);
  return out + "]";
}

// Where output element `i` reads from `in`: the output's multi-index, aligned at the last
// dimension, with size-1 input dimensions pinned to 0.
int64_t SourceIndex(const Shape& in, const Shape& out, int64_t i) {
  int64_t src = 0;
  int64_t stride = 1;
  for (int k = 0; k < out.rank; ++k) {
    const int od = out.rank - 1 - k;
    const int64_t coord = i % out.dims[od];
    i /= out.dims[od];
    const int id = in.rank - 1 - k;
    if (id < 0) continue;
    if (in.dims[id] != 1) src += coord * stride;
    stride *= in.dims[id];
  }
  return src;
}

struct ShapeTriple {
  Shape a, b, out;
};

// A random output shape and two operands that broadcast to it: dimensions set to 1 and leading
// dimensions dropped independently per operand.
ShapeTriple RandomShapes(std::mt19937& rng) {
  std::uniform_int_distribution<int> rank_d(0, kMaxRank), dim_d(1, 5), pct(0, 99);
  const int rank = rank_d(rng);
  std::vector<int32_t> out(rank);
  for (auto& d : out) d = dim_d(rng);
  auto operand = [&] {
    std::vector<int32_t> s = out;
    for (auto& d : s)
      if (pct(rng) < 35) d = 1;
    const int drop = pct(rng) < 60 ? 0 : std::uniform_int_distribution<int>(0, rank)(rng);
    s.erase(s.begin(), s.begin() + drop);
    return s;
  };
  const std::vector<int32_t> a = operand(), b = operand();
  const int ra = static_cast<int>(a.size()), rb = static_cast<int>(b.size());
  for (int d = 0; d < rank; ++d) {
    const int32_t va = d - (rank - ra) >= 0 ? a[d - (rank - ra)] : 1;
    const int32_t vb = d - (rank - rb) >= 0 ? b[d - (rank - rb)] : 1;
    if (va == 1 && vb == 1) out[d] = 1;
  }
  out.erase(out.begin(), out.begin() + (rank - std::max(ra, rb)));
  return {MakeShape(a), MakeShape(b), MakeShape(out)};
}

template <typename T>
constexpr DType TypeOf() {
  if constexpr (std::is_same_v<T, float>) return DType::kFloat32;
  if constexpr (std::is_same_v<T, int8_t>) return DType::kInt8;
  if constexpr (std::is_same_v<T, int16_t>) return DType::kInt16;
  if constexpr (std::is_same_v<T, int32_t>) return DType::kInt32;
  return DType::kInt64;
}

template <typename T>
Tensor MakeTensor(const Shape& s, std::vector<T>& data, float scale = 0.0f, int32_t zp = 0) {
  Tensor t;
  t.type = TypeOf<T>();
  t.shape = s;
  t.data = data.data();
  t.q.scale = scale;
  t.q.zero_point = zp;
  return t;
}

// PRELU's alpha: float for float32, int8 for both quantized dtypes.
template <typename T>
using AlphaType = std::conditional_t<std::is_same_v<T, float>, float, int8_t>;

template <typename T>
struct Kernels;
template <>
struct Kernels<float> {
  static constexpr auto add = add_f32_ref, sub = sub_f32_ref;
  static constexpr auto mul = mul_f32_ref;
  static constexpr auto sqdiff = squared_difference_f32_ref;
  static constexpr auto max = maximum_f32_ref, min = minimum_f32_ref;
  static constexpr auto prelu = prelu_f32_ref;
};
template <>
struct Kernels<int8_t> {
  static constexpr auto add = add_s8_ref, sub = sub_s8_ref;
  static constexpr auto mul = mul_s8_ref;
  static constexpr auto sqdiff = squared_difference_s8_ref;
  static constexpr auto max = maximum_s8_ref, min = minimum_s8_ref;
  static constexpr auto prelu = prelu_s8_ref;
};
template <>
struct Kernels<int16_t> {
  static constexpr auto add = add_s16_ref, sub = sub_s16_ref;
  static constexpr auto mul = mul_s16_ref;
  static constexpr auto sqdiff = squared_difference_s16_ref;
  static constexpr auto max = maximum_s16_ref, min = minimum_s16_ref;
  static constexpr auto prelu = prelu_s16_ref;
};

// Prepare and run one op. For PRELU `TB` is the alpha type, otherwise T.
template <typename T, typename TB>
Status RunOp(Op op, const Tensor& a, const Tensor& b, Tensor& out, Activation act) {
  const T* x = a.Data<T>();
  const TB* y = b.Data<TB>();
  T* z = out.Data<T>();
  if (op == Op::kPrelu) {
    if constexpr (std::is_same_v<TB, AlphaType<T>>) {
      PreluParams p;
      MOTE_TRY(PreparePrelu(a, b, out, &p));
      Kernels<T>::prelu(p, x, y, z);
      return Status::Ok();
    }
  } else if constexpr (std::is_same_v<T, TB>) {
    switch (op) {
      case Op::kAdd:
      case Op::kSub: {
        AddParams p;
        AddOptions o;
        o.kind = op == Op::kAdd ? AddKind::kAdd : AddKind::kSub;
        o.activation = act;
        MOTE_TRY(PrepareAdd(a, b, out, o, &p));
        (op == Op::kAdd ? Kernels<T>::add : Kernels<T>::sub)(p, x, y, z);
        return Status::Ok();
      }
      case Op::kMul: {
        MulParams p;
        MulOptions o;
        o.activation = act;
        MOTE_TRY(PrepareMul(a, b, out, o, &p));
        Kernels<T>::mul(p, x, y, z);
        return Status::Ok();
      }
      case Op::kSquaredDifference: {
        SquaredDifferenceParams p;
        MOTE_TRY(PrepareSquaredDifference(a, b, out, &p));
        Kernels<T>::sqdiff(p, x, y, z);
        return Status::Ok();
      }
      case Op::kMaximum:
      case Op::kMinimum: {
        MaximumMinimumParams p;
        MOTE_TRY(PrepareMaximumMinimum(a, b, out, &p));
        (op == Op::kMaximum ? Kernels<T>::max : Kernels<T>::min)(p, x, y, z);
        return Status::Ok();
      }
      case Op::kPrelu: break;
    }
  }
  return Status(StatusCode::kInternal, "operand types do not fit the op");
}

template <typename T>
T RefValue(Op op, T a, T b) {
  switch (op) {
    case Op::kAdd: return a + b;
    case Op::kSub: return a - b;
    case Op::kMul: return a * b;
    case Op::kSquaredDifference: return (a - b) * (a - b);
    case Op::kMaximum: return a > b ? a : b;
    case Op::kMinimum: return a < b ? a : b;
    case Op::kPrelu: return a >= 0 ? a : a * b;
  }
  return 0;
}

void FloatActivation(Activation act, float* lo, float* hi) {
  *lo = -3.4028235e38f;
  *hi = 3.4028235e38f;
  if (act == Activation::kRelu) *lo = 0.0f;
  if (act == Activation::kRelu6) *lo = 0.0f, *hi = 6.0f;
  if (act == Activation::kReluN1To1) *lo = -1.0f, *hi = 1.0f;
}

void CheckFloat(Op op, const ShapeTriple& s, Activation act, std::mt19937& rng,
                const std::string& label) {
  std::uniform_real_distribution<float> value(-4.0f, 4.0f);
  std::vector<float> a(s.a.NumElements()), b(s.b.NumElements()), out(s.out.NumElements(), -1.0f);
  for (auto& v : a) v = value(rng);
  for (auto& v : b) v = value(rng);
  Tensor ta = MakeTensor(s.a, a), tb = MakeTensor(s.b, b), tout = MakeTensor(s.out, out);
  const Status st = RunOp<float, float>(op, ta, tb, tout, act);
  ASSERT_TRUE(st.ok()) << label << ": " << st.message();
  float lo, hi;
  FloatActivation(HasActivation(op) ? act : Activation::kNone, &lo, &hi);
  for (int64_t i = 0; i < s.out.NumElements(); ++i) {
    const float x = a[SourceIndex(s.a, s.out, i)], y = b[SourceIndex(s.b, s.out, i)];
    const float want = std::min(std::max(RefValue(op, x, y), lo), hi);
    ASSERT_EQ(out[i], want) << label << " element " << i << " of " << x << ", " << y;
  }
}

struct Quant {
  float s1, s2, so;
  int32_t z1, z2, zo;
};

// The quantized activation range, from its definition on real values.
void QuantActivation(Activation act, const Quant& q, int32_t qmin, int32_t qmax, int32_t* lo,
                     int32_t* hi) {
  auto quantize = [&](double r) { return q.zo + static_cast<int32_t>(std::round(r / q.so)); };
  *lo = qmin;
  *hi = qmax;
  if (act == Activation::kRelu || act == Activation::kRelu6) *lo = std::max(qmin, quantize(0.0));
  if (act == Activation::kRelu6) *hi = std::min(qmax, quantize(6.0));
  if (act == Activation::kReluN1To1) {
    *lo = std::max(qmin, quantize(-1.0));
    *hi = std::min(qmax, quantize(1.0));
  }
}

// How far (in output steps) the fixed-point pipeline may land from the rounded real result:
// one step for the final rescale, plus the error of moving both inputs to the common scale.
double Tolerance(Op op, const Quant& q, bool s16, double real_a, double real_b) {
  const double max_s = std::max(q.s1, q.s2);
  if (op == Op::kAdd || op == Op::kSub) {
    const double unit = 2.0 * max_s / (s16 ? 32768.0 : 1048576.0);
    return 1.0 + 2.0 * unit / q.so;
  }
  if (op == Op::kSquaredDifference) {
    const double e = 2.0 * (2.0 * max_s / (s16 ? 1.0 : 128.0));
    return 1.0 + (2.0 * std::fabs(real_a - real_b) * e + e * e) / q.so;
  }
  if (op == Op::kMaximum || op == Op::kMinimum) return 0.0;
  return 1.0;
}

template <typename T>
void CheckQuantized(Op op, const ShapeTriple& s, const Quant& q, Activation act, std::mt19937& rng,
                    const std::string& label) {
  constexpr bool s16 = std::is_same_v<T, int16_t>;
  const int32_t qmin = s16 ? -32768 : -128, qmax = s16 ? 32767 : 127;
  std::vector<T> a = test::RandomInts<T>(rng, s.a.NumElements(), qmin, qmax);
  std::vector<T> out(s.out.NumElements(), 0);
  Tensor ta = MakeTensor(s.a, a, q.s1, q.z1);
  Tensor tout = MakeTensor(s.out, out, q.so, q.zo);
  // PRELU's alpha is int8 for every quantized dtype.
  const bool prelu = op == Op::kPrelu;
  std::vector<T> b_same;
  std::vector<int8_t> b_alpha;
  Tensor tb;
  Status st;
  if (prelu) {
    b_alpha = test::RandomInts<int8_t>(rng, s.b.NumElements(), -128, 127);
    tb = MakeTensor(s.b, b_alpha, q.s2, q.z2);
    st = RunOp<T, int8_t>(op, ta, tb, tout, act);
  } else {
    b_same = test::RandomInts<T>(rng, s.b.NumElements(), qmin, qmax);
    tb = MakeTensor(s.b, b_same, q.s2, q.z2);
    st = RunOp<T, T>(op, ta, tb, tout, act);
  }
  ASSERT_TRUE(st.ok()) << label << ": " << st.message();
  int32_t lo, hi;
  QuantActivation(HasActivation(op) ? act : Activation::kNone, q, qmin, qmax, &lo, &hi);
  for (int64_t i = 0; i < s.out.NumElements(); ++i) {
    const int32_t qa = a[SourceIndex(s.a, s.out, i)];
    const int64_t bi = SourceIndex(s.b, s.out, i);
    const int32_t qb = prelu ? b_alpha[bi] : b_same[bi];
    if (op == Op::kMaximum || op == Op::kMinimum) {  // stored integers compared as they are
      ASSERT_EQ(out[i], RefValue(op, qa, qb)) << label << " element " << i;
      continue;
    }
    const double ra = q.s1 * static_cast<double>(qa - q.z1);
    const double rb = q.s2 * static_cast<double>(qb - q.z2);
    const double want = std::clamp(std::round(RefValue(op, ra, rb) / q.so) + q.zo,
                                   static_cast<double>(lo), static_cast<double>(hi));
    ASSERT_LE(std::fabs(out[i] - want), Tolerance(op, q, s16, ra, rb) + 1e-9)
        << label << " element " << i << " of q " << qa << ", " << qb << ": got " << int(out[i])
        << " want " << want;
  }
}

float LogUniform(std::mt19937& rng, float lo, float hi) {
  std::uniform_real_distribution<float> u(std::log(lo), std::log(hi));
  return std::exp(u(rng));
}

// Scales and zero points drawn like calibrated models: the output scale covers the op's real
// range times 0.8-1.25, so rescale factors fall above and below 1.
Quant RandomQuant(Op op, bool s16, std::mt19937& rng) {
  std::uniform_real_distribution<float> jitter(0.8f, 1.25f);
  std::uniform_int_distribution<int32_t> zp8(-128, 127);
  Quant q;
  q.s1 = LogUniform(rng, 1e-3f, 1e-1f);
  q.s2 = op == Op::kMaximum || op == Op::kMinimum ? q.s1 : LogUniform(rng, 1e-3f, 1e-1f);
  const float half = s16 ? 32768.0f : 128.0f;
  switch (op) {
    case Op::kAdd:
    case Op::kSub: q.so = (q.s1 + q.s2) * half / (half - 1) * jitter(rng); break;
    case Op::kMul: q.so = q.s1 * q.s2 * half * jitter(rng); break;
    case Op::kSquaredDifference: {
      const float r = (q.s1 + q.s2) * half;
      q.so = r * r / (2 * half - 1) * jitter(rng);
      break;
    }
    case Op::kMaximum:
    case Op::kMinimum: q.so = q.s1; break;
    case Op::kPrelu: q.so = q.s1 * jitter(rng); break;
  }
  // int16: symmetric, except that ADD and PRELU also take offsets (ADD within +-32766).
  const bool any_zp = !s16 || op == Op::kAdd || op == Op::kPrelu;
  std::uniform_int_distribution<int32_t> zp16(-2000, 2000);
  q.z1 = any_zp ? (s16 ? zp16(rng) : zp8(rng)) : 0;
  q.z2 = any_zp ? (s16 && op != Op::kPrelu ? zp16(rng) : zp8(rng)) : 0;
  q.zo = !s16 ? zp8(rng) : (op == Op::kAdd || op == Op::kPrelu ? zp16(rng) : 0);
  if (op == Op::kMaximum || op == Op::kMinimum) q.z2 = q.zo = q.z1;
  return q;
}

Activation RandomActivation(std::mt19937& rng) {
  static constexpr Activation kActs[] = {Activation::kNone, Activation::kRelu,
                                         Activation::kReluN1To1, Activation::kRelu6};
  return kActs[std::uniform_int_distribution<int>(0, 3)(rng)];
}

// --- random sweeps, one named case per (op, dtype) ---------------------------------------------

struct SweepCase {
  const char* name;
  Op op;
  DType type;
};

constexpr SweepCase kSweeps[] = {
    {"add_f32", Op::kAdd, DType::kFloat32},
    {"add_s8", Op::kAdd, DType::kInt8},
    {"add_s16", Op::kAdd, DType::kInt16},
    {"sub_f32", Op::kSub, DType::kFloat32},
    {"sub_s8", Op::kSub, DType::kInt8},
    {"sub_s16", Op::kSub, DType::kInt16},
    {"mul_f32", Op::kMul, DType::kFloat32},
    {"mul_s8", Op::kMul, DType::kInt8},
    {"mul_s16", Op::kMul, DType::kInt16},
    {"squared_difference_f32", Op::kSquaredDifference, DType::kFloat32},
    {"squared_difference_s8", Op::kSquaredDifference, DType::kInt8},
    {"squared_difference_s16", Op::kSquaredDifference, DType::kInt16},
    {"maximum_f32", Op::kMaximum, DType::kFloat32},
    {"maximum_s8", Op::kMaximum, DType::kInt8},
    {"maximum_s16", Op::kMaximum, DType::kInt16},
    {"minimum_f32", Op::kMinimum, DType::kFloat32},
    {"minimum_s8", Op::kMinimum, DType::kInt8},
    {"minimum_s16", Op::kMinimum, DType::kInt16},
    {"prelu_f32", Op::kPrelu, DType::kFloat32},
    {"prelu_s8", Op::kPrelu, DType::kInt8},
    {"prelu_s16", Op::kPrelu, DType::kInt16},
};

void RunCase(const SweepCase& c, const ShapeTriple& s, std::mt19937& rng, const std::string& tag) {
  const Activation act = HasActivation(c.op) ? RandomActivation(rng) : Activation::kNone;
  const std::string label = std::string(c.name) + " " + tag + " " + ShapeStr(s.a) + " " +
                            OpName(c.op) + " " + ShapeStr(s.b) + " -> " + ShapeStr(s.out) +
                            " act " + std::to_string(static_cast<int>(act));
  if (c.type == DType::kFloat32) return CheckFloat(c.op, s, act, rng, label);
  const bool s16 = c.type == DType::kInt16;
  const Quant q = RandomQuant(c.op, s16, rng);
  if (s16) return CheckQuantized<int16_t>(c.op, s, q, act, rng, label);
  return CheckQuantized<int8_t>(c.op, s, q, act, rng, label);
}

void PrintTo(const SweepCase& c, std::ostream* os) { *os << c.name; }

// FNV-1a: a seed per case name that is the same with every standard library.
uint32_t Seed(const char* name) {
  uint32_t h = 2166136261u;
  for (; *name; ++name) h = (h ^ static_cast<uint8_t>(*name)) * 16777619u;
  return h;
}

class BinarySweep : public ::testing::TestWithParam<SweepCase> {};

TEST_P(BinarySweep, RandomBroadcastShapesMatchReference) {
  std::mt19937 rng(Seed(GetParam().name));
  for (int iter = 0; iter < 60; ++iter) {
    const ShapeTriple s = RandomShapes(rng);
    RunCase(GetParam(), s, rng, "iter " + std::to_string(iter));
    if (HasFatalFailure()) return;
  }
}

// Named shapes every op and dtype runs through: the layouts the models use and the corners of
// the broadcast walk.
struct NamedShapes {
  const char* name;
  std::vector<int32_t> a, b, out;
};

const NamedShapes kNamedShapes[] = {
    {"equal_odd", {3, 5, 7}, {3, 5, 7}, {3, 5, 7}},
    {"scalar_rank0", {}, {2, 3}, {2, 3}},
    {"scalar_first_rank1", {1}, {3, 1, 5}, {3, 1, 5}},
    {"per_channel_C", {2, 3, 4, 5}, {5}, {2, 3, 4, 5}},
    {"per_channel_1x1x1xC", {2, 3, 4, 5}, {1, 1, 1, 5}, {2, 3, 4, 5}},
    {"cross_HxW", {1, 3, 1, 4}, {1, 1, 5, 4}, {1, 3, 5, 4}},
    {"two_sided_rank3", {3, 1, 3}, {1, 7, 1}, {3, 7, 3}},
    {"inner_broadcast", {4, 6, 1}, {4, 6, 3}, {4, 6, 3}},
    {"rank5", {2, 1, 3, 1, 2}, {1, 2, 1, 2, 1}, {2, 2, 3, 2, 2}},
    {"rank6", {2, 1, 3, 1, 2, 3}, {1, 2, 1, 2, 1, 3}, {2, 2, 3, 2, 2, 3}},
    {"all_ones", {1, 1, 1}, {1}, {1, 1, 1}},
    {"zero_size", {0, 3}, {3}, {0, 3}},
};

TEST_P(BinarySweep, NamedShapesMatchReference) {
  std::mt19937 rng(12345);
  for (const auto& n : kNamedShapes) {
    const ShapeTriple s{MakeShape(n.a), MakeShape(n.b), MakeShape(n.out)};
    RunCase(GetParam(), s, rng, n.name);
    if (HasFatalFailure()) return;
    const ShapeTriple swapped{s.b, s.a, s.out};  // every layout with the operands exchanged
    RunCase(GetParam(), swapped, rng, std::string(n.name) + "_swapped");
    if (HasFatalFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(Binary, BinarySweep, ::testing::ValuesIn(kSweeps),
                         [](const auto& info) { return std::string(info.param.name); });

// --- quantization corners ----------------------------------------------------------------------

struct QuantCorner {
  const char* name;
  Op op;
  bool s16;
  Quant q;
};

const QuantCorner kQuantCorners[] = {
    {"add_s8_zero_points_at_ends", Op::kAdd, false, {0.02f, 0.05f, 0.07f, -128, 127, -128}},
    {"add_s8_zero_points_high", Op::kAdd, false, {0.02f, 0.02f, 0.03f, 127, 127, 127}},
    {"add_s8_saturating_output", Op::kAdd, false, {0.05f, 0.04f, 0.004f, 3, -9, 20}},
    {"add_s16_offsets", Op::kAdd, true, {0.001f, 0.0003f, 0.0013f, 32766, -32766, 100}},
    {"add_s16_output_multiplier_near_1", Op::kAdd, true, {0.5f, 0.25f, 3.1e-5f, 0, 0, 0}},
    {"sub_s8_zero_points_at_ends", Op::kSub, false, {0.03f, 0.01f, 0.04f, 127, -128, 0}},
    {"sub_s16_unequal_scales", Op::kSub, true, {1e-4f, 3e-3f, 3e-3f, 0, 0, 0}},
    {"mul_s8_multiplier_above_1", Op::kMul, false, {0.1f, 0.1f, 0.002f, -128, 127, 5}},
    {"mul_s8_tiny_multiplier", Op::kMul, false, {0.001f, 1e-4f, 0.01f, 0, 0, -128}},
    {"mul_s16_full_range", Op::kMul, true, {3e-4f, 3e-4f, 2e-3f, 0, 0, 0}},
    {"sqdiff_s8_zero_points_at_ends",
     Op::kSquaredDifference,
     false,
     {0.05f, 0.02f, 0.6f, -128, 127, -128}},
    {"prelu_s8_zero_points_at_ends", Op::kPrelu, false, {0.02f, 0.01f, 0.015f, 127, -128, -128}},
    {"prelu_s16_offsets", Op::kPrelu, true, {1e-3f, 0.01f, 1e-3f, 1000, 5, -300}},
};

void PrintTo(const QuantCorner& c, std::ostream* os) { *os << c.name; }

class BinaryQuantCorner : public ::testing::TestWithParam<QuantCorner> {};

TEST_P(BinaryQuantCorner, MatchesReference) {
  const QuantCorner& c = GetParam();
  std::mt19937 rng(777);
  for (const auto& n : kNamedShapes) {
    const ShapeTriple s{MakeShape(n.a), MakeShape(n.b), MakeShape(n.out)};
    for (Activation act : {Activation::kNone, Activation::kRelu, Activation::kRelu6}) {
      const std::string label = std::string(c.name) + " " + n.name;
      if (c.s16)
        CheckQuantized<int16_t>(c.op, s, c.q, act, rng, label);
      else
        CheckQuantized<int8_t>(c.op, s, c.q, act, rng, label);
      if (HasFatalFailure()) return;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Binary, BinaryQuantCorner, ::testing::ValuesIn(kQuantCorners),
                         [](const auto& info) { return std::string(info.param.name); });

// --- the broadcast layout ----------------------------------------------------------------------

struct LayoutCase {
  const char* name;
  std::vector<int32_t> a, b, out;
  int32_t rank;  // after merging
};

const LayoutCase kLayouts[] = {
    {"equal_shapes_flatten", {2, 3, 4}, {2, 3, 4}, {2, 3, 4}, 1},
    {"scalar_flattens", {}, {2, 3, 4}, {2, 3, 4}, 1},
    {"per_channel_two_dims", {2, 3, 4, 5}, {5}, {2, 3, 4, 5}, 2},
    {"cross_three_dims", {1, 3, 1, 4}, {1, 1, 5, 4}, {1, 3, 5, 4}, 3},
    {"size_one_dims_dropped", {1, 3, 1, 4}, {1, 3, 1, 4}, {1, 3, 1, 4}, 1},
    {"leading_ones_in_output", {3, 4}, {4}, {1, 1, 3, 4}, 2},
    {"all_ones", {1, 1}, {1}, {1, 1}, 1},
};

void PrintTo(const LayoutCase& c, std::ostream* os) { *os << c.name; }

class BinaryLayout : public ::testing::TestWithParam<LayoutCase> {};

TEST_P(BinaryLayout, MergesDimensions) {
  const LayoutCase& c = GetParam();
  BroadcastLayout l;
  ASSERT_TRUE(PrepareBroadcast(MakeShape(c.a), MakeShape(c.b), MakeShape(c.out), &l).ok());
  EXPECT_EQ(l.rank, c.rank);
  EXPECT_EQ(l.num_elements, MakeShape(c.out).NumElements());
}

INSTANTIATE_TEST_SUITE_P(Binary, BinaryLayout, ::testing::ValuesIn(kLayouts),
                         [](const auto& info) { return std::string(info.param.name); });

// The kernels' inner loop relies on this: along the innermost merged dimension each input
// either steps by one element or repeats one value, and never both repeat.
TEST(BinaryLayoutRandom, InnerStridesAreZeroOrOne) {
  std::mt19937 rng(Seed("inner_strides"));
  for (int iter = 0; iter < 2000; ++iter) {
    const ShapeTriple s = RandomShapes(rng);
    BroadcastLayout l;
    ASSERT_TRUE(PrepareBroadcast(s.a, s.b, s.out, &l).ok()) << ShapeStr(s.a) << ShapeStr(s.b);
    const int inner = l.rank - 1;
    const int32_t s1 = l.strides1[inner], s2 = l.strides2[inner];
    EXPECT_TRUE((s1 == 0 || s1 == 1) && (s2 == 0 || s2 == 1) && (s1 + s2 > 0 || l.dims[inner] == 1))
        << ShapeStr(s.a) << " " << ShapeStr(s.b) << ": strides " << s1 << ", " << s2;
    EXPECT_EQ(l.num_elements, s.out.NumElements());
  }
}

// --- what Prepare rejects ----------------------------------------------------------------------

struct Types {
  DType a, b, out;
};
constexpr Types kF32 = {DType::kFloat32, DType::kFloat32, DType::kFloat32};
constexpr Types kS8 = {DType::kInt8, DType::kInt8, DType::kInt8};
constexpr Types kS16 = {DType::kInt16, DType::kInt16, DType::kInt16};

struct ErrorCase {
  const char* name;
  Op op;
  Types types;
  std::vector<int32_t> a, b, out;
  Quant q;
  Activation act;
  bool per_channel;  // input1 carries 3 channel scales
  StatusCode code;
};

constexpr Quant kQ8 = {0.02f, 0.03f, 0.05f, 0, 0, 0};
constexpr Activation kNoAct = Activation::kNone;
using SC = StatusCode;

// clang-format off
const ErrorCase kErrors[] = {
    {"not_broadcastable", Op::kAdd, kF32, {2, 3}, {4}, {2, 3}, kQ8, kNoAct, false,
     SC::kShapeMismatch},
    {"output_shape_wrong", Op::kMul, kF32, {2, 3}, {3}, {3, 3}, kQ8, kNoAct, false,
     SC::kShapeMismatch},
    {"output_misses_broadcast", Op::kSub, kS8, {2, 1}, {1, 3}, {2, 1}, kQ8, kNoAct, false,
     SC::kShapeMismatch},
    {"mixed_dtypes", Op::kAdd, {DType::kInt8, DType::kInt16, DType::kInt8}, {3}, {3}, {3}, kQ8,
     kNoAct, false, SC::kUnsupported},
    {"maximum_mixed_dtypes", Op::kMaximum, {DType::kFloat32, DType::kInt8, DType::kFloat32}, {3},
     {3}, {3}, kQ8, kNoAct, false, SC::kUnsupported},
    {"add_output_scale_too_small", Op::kAdd, kS8, {3}, {3}, {3}, {0.5f, 0.5f, 1e-7f, 0, 0, 0},
     kNoAct, false, SC::kUnsupported},
    {"sub_s16_input_zero_point", Op::kSub, kS16, {3}, {3}, {3}, {0.02f, 0.03f, 0.05f, 4, 0, 0},
     kNoAct, false, SC::kUnsupported},
    {"add_s16_zero_point_at_limit", Op::kAdd, kS16, {3}, {3}, {3},
     {0.02f, 0.03f, 0.05f, -32768, 0, 0}, kNoAct, false, SC::kUnsupported},
    {"mul_s16_zero_point", Op::kMul, kS16, {3}, {3}, {3}, {0.02f, 0.03f, 0.05f, 0, 0, 7}, kNoAct,
     false, SC::kUnsupported},
    {"sqdiff_s16_zero_point", Op::kSquaredDifference, kS16, {3}, {3}, {3},
     {0.02f, 0.03f, 0.05f, 0, 1, 0}, kNoAct, false, SC::kUnsupported},
    {"s8_zero_point_out_of_range", Op::kMul, kS8, {3}, {3}, {3}, {0.02f, 0.03f, 0.05f, 200, 0, 0},
     kNoAct, false, SC::kUnsupported},
    {"zero_scale", Op::kMul, kS8, {3}, {3}, {3}, {0.0f, 0.03f, 0.05f, 0, 0, 0}, kNoAct, false,
     SC::kInvalidModel},
    {"negative_scale", Op::kAdd, kS8, {3}, {3}, {3}, {-0.02f, 0.03f, 0.05f, 0, 0, 0}, kNoAct,
     false, SC::kInvalidModel},
    {"per_channel_operand", Op::kAdd, kS8, {3}, {3}, {3}, kQ8, kNoAct, true, SC::kUnsupported},
    {"quantized_tanh", Op::kAdd, kS8, {3}, {3}, {3}, kQ8, Activation::kTanh, false,
     SC::kUnsupported},
    {"unknown_activation", Op::kMul, kF32, {3}, {3}, {3}, kQ8, static_cast<Activation>(9), false,
     SC::kInvalidModel},
    {"mul_multiplier_overflows", Op::kMul, kS8, {3}, {3}, {3}, {100.0f, 100.0f, 1e-9f, 0, 0, 0},
     kNoAct, false, SC::kUnsupported},
    {"prelu_s8_float_alpha", Op::kPrelu, {DType::kInt8, DType::kFloat32, DType::kInt8}, {2, 3},
     {3}, {2, 3}, kQ8, kNoAct, false, SC::kUnsupported},
    {"prelu_f32_int8_alpha", Op::kPrelu, {DType::kFloat32, DType::kInt8, DType::kFloat32}, {2, 3},
     {3}, {2, 3}, kQ8, kNoAct, false, SC::kUnsupported},
    {"uint8", Op::kAdd, {DType::kUInt8, DType::kUInt8, DType::kUInt8}, {3}, {3}, {3}, kQ8, kNoAct,
     false, SC::kUnsupported},
    {"bool_maximum", Op::kMaximum, {DType::kBool, DType::kBool, DType::kBool}, {3}, {3}, {3}, kQ8,
     kNoAct, false, SC::kUnsupported},
};
// clang-format on

Status PrepareOnly(const ErrorCase& c, const Tensor& a, const Tensor& b, const Tensor& out) {
  switch (c.op) {
    case Op::kAdd:
    case Op::kSub: {
      AddParams p;
      AddOptions o;
      o.kind = c.op == Op::kAdd ? AddKind::kAdd : AddKind::kSub;
      o.activation = c.act;
      return PrepareAdd(a, b, out, o, &p);
    }
    case Op::kMul: {
      MulParams p;
      MulOptions o;
      o.activation = c.act;
      return PrepareMul(a, b, out, o, &p);
    }
    case Op::kSquaredDifference: {
      SquaredDifferenceParams p;
      return PrepareSquaredDifference(a, b, out, &p);
    }
    case Op::kMaximum:
    case Op::kMinimum: {
      MaximumMinimumParams p;
      return PrepareMaximumMinimum(a, b, out, &p);
    }
    case Op::kPrelu: {
      PreluParams p;
      return PreparePrelu(a, b, out, &p);
    }
  }
  return Status(StatusCode::kInternal, "op");
}

void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name; }

class BinaryError : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(BinaryError, PrepareRejects) {
  const ErrorCase& c = GetParam();
  const bool quantized = c.types.out == DType::kInt8 || c.types.out == DType::kInt16;
  auto make = [&](DType t, const std::vector<int32_t>& dims, float scale, int32_t zp) {
    Tensor x;
    x.type = t;
    x.shape = MakeShape(dims);
    if (quantized && t != DType::kFloat32) {
      x.q.scale = scale;
      x.q.zero_point = zp;
    }
    return x;
  };
  Tensor a = make(c.types.a, c.a, c.q.s1, c.q.z1);
  const Tensor b = make(c.types.b, c.b, c.q.s2, c.q.z2);
  const Tensor out = make(c.types.out, c.out, c.q.so, c.q.zo);
  static const float kChannelScales[] = {0.1f, 0.2f, 0.3f};
  if (c.per_channel) {
    a.q.channel_scales = kChannelScales;
    a.q.num_channels = 3;
  }
  const Status s = PrepareOnly(c, a, b, out);
  EXPECT_FALSE(s.ok()) << c.name;
  EXPECT_EQ(s.code(), c.code) << c.name << ": " << s.message();
}

INSTANTIATE_TEST_SUITE_P(Binary, BinaryError, ::testing::ValuesIn(kErrors),
                         [](const auto& info) { return std::string(info.param.name); });

// --- float specifics -----------------------------------------------------------------------------

// TFLite's "no clamp" is [-FLT_MAX, FLT_MAX]: an overflowing sum saturates instead of becoming inf.
TEST(BinaryFloat, OverflowSaturatesAtFloatMax) {
  std::vector<float> a = {3e38f, -3e38f}, b = {3e38f, -3e38f}, out(2);
  Tensor ta = MakeTensor(MakeShape({2}), a), tb = MakeTensor(MakeShape({2}), b);
  Tensor tout = MakeTensor(MakeShape({2}), out);
  ASSERT_TRUE((RunOp<float, float>(Op::kAdd, ta, tb, tout, Activation::kNone).ok()));
  EXPECT_EQ(out[0], 3.4028235e38f);
  EXPECT_EQ(out[1], -3.4028235e38f);
}

TEST(BinaryFloat, MaximumMinimumNanPicksSecondOperand) {
  const float nan = std::nanf("");
  std::vector<float> a = {nan, 1.0f}, b = {2.0f, nan}, mx(2), mn(2);
  Tensor ta = MakeTensor(MakeShape({2}), a), tb = MakeTensor(MakeShape({2}), b);
  Tensor tmx = MakeTensor(MakeShape({2}), mx), tmn = MakeTensor(MakeShape({2}), mn);
  ASSERT_TRUE((RunOp<float, float>(Op::kMaximum, ta, tb, tmx, Activation::kNone).ok()));
  ASSERT_TRUE((RunOp<float, float>(Op::kMinimum, ta, tb, tmn, Activation::kNone).ok()));
  EXPECT_EQ(mx[0], 2.0f);
  EXPECT_TRUE(std::isnan(mx[1]));
  EXPECT_EQ(mn[0], 2.0f);
  EXPECT_TRUE(std::isnan(mn[1]));
}

}  // namespace
}  // namespace mote
