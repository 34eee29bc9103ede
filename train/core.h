// Building blocks shared by mote's trainer: a batch of activations in NHWC order, a seeded random
// source whose results are the same with every standard library, and a fixed two-way split of
// work over threads.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

namespace mote::train {

// One sample's shape; a dense layer's output is 1 x 1 x units.
struct SampleShape {
  int h = 1, w = 1, c = 1;
  int size() const { return h * w * c; }
  bool operator==(const SampleShape& o) const { return h == o.h && w == o.w && c == o.c; }
};

// n samples of one shape, NHWC, contiguous.
struct Batch {
  int n = 0;
  SampleShape s;
  std::vector<float> v;

  void Resize(int count, SampleShape shape) {
    n = count;
    s = shape;
    v.assign(static_cast<size_t>(count) * shape.size(), 0.0f);
  }
  float* sample(int i) { return v.data() + static_cast<size_t>(i) * s.size(); }
  const float* sample(int i) const { return v.data() + static_cast<size_t>(i) * s.size(); }
};

// mt19937 with hand-written distributions: std::normal_distribution and std::shuffle differ
// between standard libraries, and a seed must give the same model everywhere.
class Rng {
 public:
  explicit Rng(uint32_t seed);
  uint32_t Next();
  float Uniform();                 // [0, 1)
  float Normal();                  // mean 0, deviation 1 (Box-Muller)
  uint32_t Below(uint32_t n);      // [0, n), unbiased
  void Shuffle(std::vector<int>& v);

 private:
  uint32_t mt_[624];
  int index_ = 624;
};

// Work split into `kChunks` fixed pieces, so that sums over chunks (weight gradients) come out
// the same whatever the number of threads; the chunks run on up to two threads.
constexpr int kChunks = 2;
void ParallelChunks(int count, const std::function<void(int chunk, int begin, int end)>& fn);

// C[M,N] = alpha * op(A) * op(B) + beta * C, row-major (BLAS when built with it).
void Gemm(bool trans_a, bool trans_b, int m, int n, int k, float alpha, const float* a, int lda,
          const float* b, int ldb, float beta, float* c, int ldc);

}  // namespace mote::train
