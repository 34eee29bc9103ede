#include "train/core.h"

#include <cmath>
#include <thread>

#if MOTE_HAVE_OPENBLAS
#include <cblas.h>
extern "C" void openblas_set_num_threads(int num_threads);  // OpenBLAS's own, not in every cblas.h
#endif

namespace mote::train {

Rng::Rng(uint32_t seed) {
  mt_[0] = seed;
  for (int i = 1; i < 624; ++i) mt_[i] = 1812433253u * (mt_[i - 1] ^ (mt_[i - 1] >> 30)) + static_cast<uint32_t>(i);
}

uint32_t Rng::Next() {
  if (index_ >= 624) {
    for (int i = 0; i < 624; ++i) {
      const uint32_t y = (mt_[i] & 0x80000000u) | (mt_[(i + 1) % 624] & 0x7fffffffu);
      mt_[i] = mt_[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1u) ? 0x9908b0dfu : 0u);
    }
    index_ = 0;
  }
  uint32_t y = mt_[index_++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= y >> 18;
  return y;
}

float Rng::Uniform() { return static_cast<float>(Next() >> 8) * (1.0f / 16777216.0f); }

float Rng::Normal() {
  const float u1 = 1.0f - Uniform();  // (0, 1]: log is finite
  const float u2 = Uniform();
  return std::sqrt(-2.0f * std::log(u1)) * std::cos(6.28318530718f * u2);
}

uint32_t Rng::Below(uint32_t n) {
  const uint32_t limit = UINT32_MAX - UINT32_MAX % n;  // reject the uneven tail
  uint32_t r;
  do r = Next();
  while (r >= limit);
  return r % n;
}

void Rng::Shuffle(std::vector<int>& v) {
  for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[Below(static_cast<uint32_t>(i))]);
}

namespace {

int Threads() {
  static const int n = [] {
#if MOTE_HAVE_OPENBLAS
    openblas_set_num_threads(1);  // the trainer splits work itself, deterministically
#endif
    const unsigned hw = std::thread::hardware_concurrency();
    return hw >= 2 ? 2 : 1;
  }();
  return n;
}

}  // namespace

void ParallelChunks(int count, const std::function<void(int, int, int)>& fn) {
  auto bounds = [count](int chunk) { return static_cast<int>(static_cast<int64_t>(count) * chunk / kChunks); };
  if (Threads() < 2 || count < 2) {
    for (int c = 0; c < kChunks; ++c) fn(c, bounds(c), bounds(c + 1));
    return;
  }
  std::thread helper([&] { fn(1, bounds(1), bounds(2)); });
  fn(0, bounds(0), bounds(1));
  helper.join();
}

void Gemm(bool trans_a, bool trans_b, int m, int n, int k, float alpha, const float* a, int lda,
          const float* b, int ldb, float beta, float* c, int ldc) {
  Threads();
#if MOTE_HAVE_OPENBLAS
  cblas_sgemm(CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans, trans_b ? CblasTrans : CblasNoTrans, m, n, k,
              alpha, a, lda, b, ldb, beta, c, ldc);
#else
  for (int i = 0; i < m; ++i) {
    float* crow = c + static_cast<size_t>(i) * ldc;
    for (int j = 0; j < n; ++j) crow[j] = beta == 0.0f ? 0.0f : beta * crow[j];
    for (int p = 0; p < k; ++p) {
      const float av = alpha * (trans_a ? a[static_cast<size_t>(p) * lda + i] : a[static_cast<size_t>(i) * lda + p]);
      if (av == 0.0f) continue;
      for (int j = 0; j < n; ++j)
        crow[j] += av * (trans_b ? b[static_cast<size_t>(j) * ldb + p] : b[static_cast<size_t>(p) * ldb + j]);
    }
  }
#endif
}

}  // namespace mote::train
