// RESIZE_BILINEAR (float32, int8) and RESIZE_NEAREST_NEIGHBOR kernels against direct
// implementations of TFLite's sampling rules, on random sizes from a seeded generator, plus
// hand-computed cases and hostile-model rejections.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "runtime/kernels/resize_common.h"
#include "test_util.h"

namespace mote {
namespace {

struct Image {
  std::vector<uint8_t> bytes;
  Tensor t;
  Image(DType type, int32_t n, int32_t h, int32_t w, int32_t c) {
    t.type = type;
    t.shape.rank = 4;
    t.shape.dims[0] = n;
    t.shape.dims[1] = h;
    t.shape.dims[2] = w;
    t.shape.dims[3] = c;
    bytes.assign(t.Bytes() + 1, 0);
    t.data = bytes.data();
  }
};

struct SizeTensor {
  int32_t hw[2];
  Tensor t;
  SizeTensor(int32_t h, int32_t w) : hw{h, w} {
    t.type = DType::kInt32;
    t.shape.rank = 1;
    t.shape.dims[0] = 2;
    t.data = hw;
    t.is_constant = true;
  }
};

// The input coordinate TFLite samples for output index i, in double.
double Coordinate(int32_t i, int32_t in, int32_t out, const ResizeOptions& o) {
  const double scale = o.align_corners && out > 1 ? double(in - 1) / (out - 1) : double(in) / out;
  return o.half_pixel_centers ? (i + 0.5) * scale - 0.5 : i * scale;
}

// Bilinear blend at real coordinates (y, x), TFLite's edge handling: neighbours floor and ceil,
// clamped into the image, weights from the unclamped coordinate.
template <typename T>
double Bilinear(const T* img, int32_t h, int32_t w, int32_t c, int32_t ch, double y, double x) {
  const int32_t y0 = std::max(static_cast<int32_t>(std::floor(y)), 0);
  const int32_t y1 = std::min(static_cast<int32_t>(std::ceil(y)), h - 1);
  const int32_t x0 = std::max(static_cast<int32_t>(std::floor(x)), 0);
  const int32_t x1 = std::min(static_cast<int32_t>(std::ceil(x)), w - 1);
  auto at = [&](int32_t yy, int32_t xx) { return double(img[(yy * w + xx) * c + ch]); };
  const double dy = y - y0, dx = x - x0;
  return at(y0, x0) * (1 - dy) * (1 - dx) + at(y1, x0) * dy * (1 - dx) + at(y0, x1) * (1 - dy) * dx +
         at(y1, x1) * dy * dx;
}

struct Geometry {
  int32_t n, in_h, in_w, c, out_h, out_w;
  ResizeOptions o;
};

Geometry RandomGeometry(std::mt19937& rng, bool allow_both_flags) {
  auto dim = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  Geometry g{dim(1, 2), dim(1, 9), dim(1, 9), dim(1, 4), dim(1, 20), dim(1, 20), {}};
  switch (rng() % (allow_both_flags ? 4 : 3)) {
    case 1: g.o.align_corners = true; break;
    case 2: g.o.half_pixel_centers = true; break;
    case 3: g.o.align_corners = g.o.half_pixel_centers = true; break;
    default: break;
  }
  return g;
}

std::string Describe(const Geometry& g) {
  return std::to_string(g.in_h) + "x" + std::to_string(g.in_w) + " -> " + std::to_string(g.out_h) + "x" +
         std::to_string(g.out_w) + (g.o.align_corners ? " align" : "") + (g.o.half_pixel_centers ? " half" : "");
}

TEST(ResizeBilinear, Float32RandomMatchesDoubleReference) {
  std::mt19937 rng(2024);
  for (int iter = 0; iter < 200; ++iter) {
    const Geometry g = RandomGeometry(rng, false);
    Image in(DType::kFloat32, g.n, g.in_h, g.in_w, g.c), out(DType::kFloat32, g.n, g.out_h, g.out_w, g.c);
    float* src = reinterpret_cast<float*>(in.bytes.data());
    std::uniform_real_distribution<float> value(-10.0f, 10.0f);
    for (int64_t i = 0; i < in.t.NumElements(); ++i) src[i] = value(rng);
    SizeTensor size(g.out_h, g.out_w);
    ResizeParams p;
    ASSERT_TRUE(PrepareResize(in.t, size.t, out.t, g.o, &p).ok());
    resize_bilinear_f32_ref(p, src, reinterpret_cast<float*>(out.bytes.data()));
    const float* dst = reinterpret_cast<const float*>(out.bytes.data());
    for (int32_t b = 0; b < g.n; ++b)
      for (int32_t y = 0; y < g.out_h; ++y)
        for (int32_t x = 0; x < g.out_w; ++x)
          for (int32_t ch = 0; ch < g.c; ++ch) {
            const double expected = Bilinear(src + b * g.in_h * g.in_w * g.c, g.in_h, g.in_w, g.c, ch,
                                             Coordinate(y, g.in_h, g.out_h, g.o),
                                             Coordinate(x, g.in_w, g.out_w, g.o));
            ASSERT_NEAR(expected, dst[((b * g.out_h + y) * g.out_w + x) * g.c + ch], 1e-4)
                << Describe(g) << " at " << y << "," << x;
          }
  }
}

// Q10 coordinates carry the scale rounded to 1/1024 (error up to half a unit per output step)
// plus the truncated half-pixel term: the documented coordinate error grows with the index.
double Q10Tolerance(int32_t i) { return ((i + 1) * 0.5 + 1) / 1024.0; }

TEST(ResizeBilinear, Int8RandomWithinQ10Rounding) {
  std::mt19937 rng(7);
  for (int iter = 0; iter < 200; ++iter) {
    const Geometry g = RandomGeometry(rng, false);
    Image in(DType::kInt8, g.n, g.in_h, g.in_w, g.c), out(DType::kInt8, g.n, g.out_h, g.out_w, g.c);
    int8_t* src = reinterpret_cast<int8_t*>(in.bytes.data());
    for (int64_t i = 0; i < in.t.NumElements(); ++i) src[i] = static_cast<int8_t>(rng());
    SizeTensor size(g.out_h, g.out_w);
    ResizeParams p;
    ASSERT_TRUE(PrepareResize(in.t, size.t, out.t, g.o, &p).ok());
    resize_bilinear_s8_ref(p, src, reinterpret_cast<int8_t*>(out.bytes.data()));
    const int8_t* dst = reinterpret_cast<const int8_t*>(out.bytes.data());
    for (int32_t b = 0; b < g.n; ++b)
      for (int32_t y = 0; y < g.out_h; ++y)
        for (int32_t x = 0; x < g.out_w; ++x)
          for (int32_t ch = 0; ch < g.c; ++ch) {
            const double expected = Bilinear(src + b * g.in_h * g.in_w * g.c, g.in_h, g.in_w, g.c, ch,
                                             Coordinate(y, g.in_h, g.out_h, g.o),
                                             Coordinate(x, g.in_w, g.out_w, g.o));
            const double tolerance = 1 + 255 * (Q10Tolerance(y) + Q10Tolerance(x));
            ASSERT_NEAR(std::round(expected), dst[((b * g.out_h + y) * g.out_w + x) * g.c + ch], tolerance)
                << Describe(g) << " at " << y << "," << x;
          }
  }
}

struct BilinearCase {
  const char* name;
  std::vector<int8_t> row;  // a 1 x 1 x W x 1 image
  int32_t out_w;
  ResizeOptions o;
  std::vector<int8_t> expected;
};

class BilinearCaseTest : public ::testing::TestWithParam<BilinearCase> {};

TEST_P(BilinearCaseTest, Int8MatchesHandComputed) {
  const BilinearCase& c = GetParam();
  const int32_t w = static_cast<int32_t>(c.row.size());
  Image in(DType::kInt8, 1, 1, w, 1), out(DType::kInt8, 1, 1, c.out_w, 1);
  std::memcpy(in.bytes.data(), c.row.data(), w);
  SizeTensor size(1, c.out_w);
  ResizeParams p;
  ASSERT_TRUE(PrepareResize(in.t, size.t, out.t, c.o, &p).ok());
  resize_bilinear_s8_ref(p, reinterpret_cast<const int8_t*>(in.bytes.data()),
                         reinterpret_cast<int8_t*>(out.bytes.data()));
  std::vector<int8_t> got(out.bytes.begin(), out.bytes.begin() + c.out_w);
  EXPECT_EQ(got, c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BilinearCaseTest,
    ::testing::Values(
        BilinearCase{"double_width", {0, 100}, 4, {}, {0, 50, 100, 100}},
        // -0.5 rounds away from zero.
        BilinearCase{"negative_half", {-1, 0}, 4, {}, {-1, -1, 0, 0}},
        BilinearCase{"align_corners", {0, 90}, 4, {true, false}, {0, 30, 60, 90}},
        // Half-pixel: the first sample sits left of pixel 0 and reuses it.
        BilinearCase{"half_pixel", {0, 100}, 4, {false, true}, {0, 25, 75, 100}},
        BilinearCase{"extremes", {-128, 127}, 3, {true, false}, {-128, -1, 127}}),
    [](const auto& info) { return std::string(info.param.name); });

// TFLite's nearest rule, computed in float as TFLite does (the float rounding of the scale
// decides ties at exact multiples).
int32_t NearestIndex(int32_t i, int32_t in, int32_t out, const ResizeOptions& o) {
  const float scale = o.align_corners && out > 1 ? float(in - 1) / float(out - 1) : float(in) / float(out);
  const float v = (float(i) + (o.half_pixel_centers ? 0.5f : 0.0f)) * scale;
  int32_t r = static_cast<int32_t>(o.align_corners ? std::round(v) : std::floor(v));
  return std::max(std::min(r, in - 1), 0);
}

TEST(ResizeNearestNeighbor, RandomMatchesReferenceForEveryElementSize) {
  std::mt19937 rng(31);
  const DType types[] = {DType::kInt8, DType::kInt16, DType::kFloat32, DType::kInt64};
  for (int iter = 0; iter < 300; ++iter) {
    const DType type = types[iter % 4];
    const Geometry g = RandomGeometry(rng, true);
    Image in(type, g.n, g.in_h, g.in_w, g.c), out(type, g.n, g.out_h, g.out_w, g.c);
    for (auto& b : in.bytes) b = static_cast<uint8_t>(rng());
    SizeTensor size(g.out_h, g.out_w);
    ResizeParams p;
    ASSERT_TRUE(PrepareResize(in.t, size.t, out.t, g.o, &p).ok());
    resize_nearest_neighbor_ref(p, in.t.data, out.t.data);
    const size_t px = DTypeSize(type) * g.c;
    for (int32_t b = 0; b < g.n; ++b)
      for (int32_t y = 0; y < g.out_h; ++y)
        for (int32_t x = 0; x < g.out_w; ++x) {
          const int32_t sy = NearestIndex(y, g.in_h, g.out_h, g.o);
          const int32_t sx = NearestIndex(x, g.in_w, g.out_w, g.o);
          const uint8_t* expected = in.bytes.data() + ((b * g.in_h + sy) * g.in_w + sx) * px;
          const uint8_t* got = out.bytes.data() + ((b * g.out_h + y) * g.out_w + x) * px;
          ASSERT_EQ(0, std::memcmp(expected, got, px)) << Describe(g) << " at " << y << "," << x;
        }
  }
}

struct ResizeErrorCase {
  const char* name;
  int32_t in_rank;
  int32_t size_h, size_w;
  int32_t out_n, out_h, out_w, out_c;
  DType size_type;
  bool size_constant;
};

class ResizeErrorTest : public ::testing::TestWithParam<ResizeErrorCase> {};

TEST_P(ResizeErrorTest, Rejected) {
  const ResizeErrorCase& c = GetParam();
  Image in(DType::kInt8, 1, 3, 3, 2), out(DType::kInt8, c.out_n, c.out_h, c.out_w, c.out_c);
  in.t.shape.rank = c.in_rank;
  SizeTensor size(c.size_h, c.size_w);
  size.t.type = c.size_type;
  size.t.is_constant = c.size_constant;
  ResizeParams p;
  EXPECT_FALSE(PrepareResize(in.t, size.t, out.t, {}, &p).ok());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ResizeErrorTest,
    ::testing::Values(ResizeErrorCase{"input_rank_3", 3, 6, 6, 1, 6, 6, 2, DType::kInt32, true},
                      ResizeErrorCase{"size_differs_from_output", 4, 6, 5, 1, 6, 6, 2, DType::kInt32, true},
                      ResizeErrorCase{"batch_differs", 4, 6, 6, 2, 6, 6, 2, DType::kInt32, true},
                      ResizeErrorCase{"depth_differs", 4, 6, 6, 1, 6, 6, 3, DType::kInt32, true},
                      ResizeErrorCase{"size_not_int32", 4, 6, 6, 1, 6, 6, 2, DType::kFloat32, true},
                      ResizeErrorCase{"size_not_constant", 4, 6, 6, 1, 6, 6, 2, DType::kInt32, false},
                      ResizeErrorCase{"empty_output", 4, 0, 6, 1, 0, 6, 2, DType::kInt32, true}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace mote
