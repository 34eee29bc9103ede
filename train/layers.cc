#include "train/layers.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace mote::train {
namespace {

const char* PaddingName(Padding p) { return p == Padding::kSame ? "same" : "valid"; }

void HeInit(Param& w, int fan_in, Rng& rng) {
  const float sd = std::sqrt(2.0f / static_cast<float>(fan_in));
  for (float& v : w.value) v = sd * rng.Normal();
}

Param MakeParam(std::string name, size_t size, bool decay) {
  Param p;
  p.name = std::move(name);
  p.value.assign(size, 0.0f);
  p.grad.assign(size, 0.0f);
  p.decay = decay;
  return p;
}

// Sums per-chunk partial gradients in chunk order, so the result does not depend on threads.
void SumPartials(const std::vector<std::vector<float>>& parts, std::vector<float>* out) {
  std::fill(out->begin(), out->end(), 0.0f);
  for (const auto& p : parts)
    for (size_t i = 0; i < out->size(); ++i) (*out)[i] += p[i];
}

}  // namespace

int OutputSize(int in, int kernel, int stride, Padding p) {
  if (in <= 0 || kernel <= 0 || stride <= 0) return 0;
  if (p == Padding::kSame) return (in + stride - 1) / stride;
  return in >= kernel ? (in - kernel) / stride + 1 : 0;
}

int PadBefore(int in, int kernel, int stride, Padding p) {
  if (p == Padding::kValid) return 0;
  const int out = OutputSize(in, kernel, stride, p);
  return std::max((out - 1) * stride + kernel - in, 0) / 2;
}

// ---- Conv2D ---------------------------------------------------------------------------------

Conv2D::Conv2D(int in_c, int out_c, int kh, int kw, int stride, Padding pad)
    : in_c(in_c), out_c(out_c), kh(kh), kw(kw), stride(stride), pad(pad),
      w(MakeParam("weights", static_cast<size_t>(out_c) * kh * kw * in_c, true)),
      b(MakeParam("bias", out_c, false)) {}

std::string Conv2D::Describe() const {
  return fmt::format("conv2d {}x{}x{}->{} stride {} {}", kh, kw, in_c, out_c, stride, PaddingName(pad));
}

SampleShape Conv2D::OutputShape(const SampleShape& in) const {
  if (in.c != in_c) return {0, 0, 0};
  const int oh = OutputSize(in.h, kh, stride, pad), ow = OutputSize(in.w, kw, stride, pad);
  if (oh == 0 || ow == 0) return {0, 0, 0};
  return {oh, ow, out_c};
}

void Conv2D::Init(Rng& rng) { HeInit(w, kh * kw * in_c, rng); }

void Conv2D::Forward(const Batch& in, Batch* out, bool) {
  const SampleShape os = OutputShape(in.s);
  out->Resize(in.n, os);
  const int k = kh * kw * in_c, pixels = os.h * os.w, rows = in.n * pixels;
  const int pt = PadBefore(in.s.h, kh, stride, pad), pl = PadBefore(in.s.w, kw, stride, pad);
  cols_.assign(static_cast<size_t>(rows) * k, 0.0f);
  ParallelChunks(in.n, [&](int, int begin, int end) {
    for (int i = begin; i < end; ++i) {
      const float* x = in.sample(i);
      for (int oy = 0; oy < os.h; ++oy)
        for (int ox = 0; ox < os.w; ++ox) {
          float* col = cols_.data() + (static_cast<size_t>(i) * pixels + oy * os.w + ox) * k;
          for (int ky = 0; ky < kh; ++ky) {
            const int iy = oy * stride - pt + ky;
            if (iy < 0 || iy >= in.s.h) continue;
            for (int kx = 0; kx < kw; ++kx) {
              const int ix = ox * stride - pl + kx;
              if (ix < 0 || ix >= in.s.w) continue;
              std::copy_n(x + (iy * in.s.w + ix) * in_c, in_c, col + (ky * kw + kx) * in_c);
            }
          }
        }
    }
  });
  ParallelChunks(rows, [&](int, int begin, int end) {
    if (end <= begin) return;
    float* y = out->v.data() + static_cast<size_t>(begin) * out_c;
    Gemm(false, true, end - begin, out_c, k, 1.0f, cols_.data() + static_cast<size_t>(begin) * k, k,
         w.value.data(), k, 0.0f, y, out_c);
    for (int r = 0; r < end - begin; ++r)
      for (int o = 0; o < out_c; ++o) y[static_cast<size_t>(r) * out_c + o] += b.value[o];
  });
}

void Conv2D::Backward(const Batch& in, const Batch& out, const Batch& dout, Batch* din) {
  const int k = kh * kw * in_c, pixels = out.s.h * out.s.w, rows = in.n * pixels;
  std::vector<std::vector<float>> dw(kChunks, std::vector<float>(w.value.size()));
  std::vector<std::vector<float>> db(kChunks, std::vector<float>(out_c));
  ParallelChunks(rows, [&](int chunk, int begin, int end) {
    if (end <= begin) return;
    const float* dy = dout.v.data() + static_cast<size_t>(begin) * out_c;
    Gemm(true, false, out_c, k, end - begin, 1.0f, dy, out_c, cols_.data() + static_cast<size_t>(begin) * k, k,
         0.0f, dw[chunk].data(), k);
    for (int r = 0; r < end - begin; ++r)
      for (int o = 0; o < out_c; ++o) db[chunk][o] += dy[static_cast<size_t>(r) * out_c + o];
  });
  SumPartials(dw, &w.grad);
  SumPartials(db, &b.grad);
  if (!din) return;
  din->Resize(in.n, in.s);
  std::vector<float> dcols(static_cast<size_t>(rows) * k);
  ParallelChunks(rows, [&](int, int begin, int end) {
    if (end <= begin) return;
    Gemm(false, false, end - begin, k, out_c, 1.0f, dout.v.data() + static_cast<size_t>(begin) * out_c, out_c,
         w.value.data(), k, 0.0f, dcols.data() + static_cast<size_t>(begin) * k, k);
  });
  const int pt = PadBefore(in.s.h, kh, stride, pad), pl = PadBefore(in.s.w, kw, stride, pad);
  ParallelChunks(in.n, [&](int, int begin, int end) {
    for (int i = begin; i < end; ++i) {
      float* dx = din->sample(i);
      for (int oy = 0; oy < out.s.h; ++oy)
        for (int ox = 0; ox < out.s.w; ++ox) {
          const float* col = dcols.data() + (static_cast<size_t>(i) * pixels + oy * out.s.w + ox) * k;
          for (int ky = 0; ky < kh; ++ky) {
            const int iy = oy * stride - pt + ky;
            if (iy < 0 || iy >= in.s.h) continue;
            for (int kx = 0; kx < kw; ++kx) {
              const int ix = ox * stride - pl + kx;
              if (ix < 0 || ix >= in.s.w) continue;
              float* d = dx + (iy * in.s.w + ix) * in_c;
              const float* c = col + (ky * kw + kx) * in_c;
              for (int ch = 0; ch < in_c; ++ch) d[ch] += c[ch];
            }
          }
        }
    }
  });
}

// ---- DepthwiseConv2D ------------------------------------------------------------------------

DepthwiseConv2D::DepthwiseConv2D(int channels, int kh, int kw, int stride, Padding pad)
    : channels(channels), kh(kh), kw(kw), stride(stride), pad(pad),
      w(MakeParam("weights", static_cast<size_t>(kh) * kw * channels, true)),
      b(MakeParam("bias", channels, false)) {}

std::string DepthwiseConv2D::Describe() const {
  return fmt::format("depthwise_conv2d {}x{}x{} stride {} {}", kh, kw, channels, stride, PaddingName(pad));
}

SampleShape DepthwiseConv2D::OutputShape(const SampleShape& in) const {
  if (in.c != channels) return {0, 0, 0};
  const int oh = OutputSize(in.h, kh, stride, pad), ow = OutputSize(in.w, kw, stride, pad);
  if (oh == 0 || ow == 0) return {0, 0, 0};
  return {oh, ow, channels};
}

void DepthwiseConv2D::Init(Rng& rng) { HeInit(w, kh * kw, rng); }

void DepthwiseConv2D::Forward(const Batch& in, Batch* out, bool) {
  const SampleShape os = OutputShape(in.s);
  out->Resize(in.n, os);
  const int pt = PadBefore(in.s.h, kh, stride, pad), pl = PadBefore(in.s.w, kw, stride, pad);
  const int c = channels;
  ParallelChunks(in.n, [&](int, int begin, int end) {
    for (int i = begin; i < end; ++i) {
      const float* x = in.sample(i);
      float* y = out->sample(i);
      for (int oy = 0; oy < os.h; ++oy)
        for (int ox = 0; ox < os.w; ++ox) {
          float* yp = y + (oy * os.w + ox) * c;
          std::copy_n(b.value.data(), c, yp);
          for (int ky = 0; ky < kh; ++ky) {
            const int iy = oy * stride - pt + ky;
            if (iy < 0 || iy >= in.s.h) continue;
            for (int kx = 0; kx < kw; ++kx) {
              const int ix = ox * stride - pl + kx;
              if (ix < 0 || ix >= in.s.w) continue;
              const float* xp = x + (iy * in.s.w + ix) * c;
              const float* wp = w.value.data() + (ky * kw + kx) * c;
              for (int ch = 0; ch < c; ++ch) yp[ch] += xp[ch] * wp[ch];
            }
          }
        }
    }
  });
}

void DepthwiseConv2D::Backward(const Batch& in, const Batch& out, const Batch& dout, Batch* din) {
  const int pt = PadBefore(in.s.h, kh, stride, pad), pl = PadBefore(in.s.w, kw, stride, pad);
  const int c = channels;
  if (din) din->Resize(in.n, in.s);
  std::vector<std::vector<float>> dw(kChunks, std::vector<float>(w.value.size()));
  std::vector<std::vector<float>> db(kChunks, std::vector<float>(c));
  ParallelChunks(in.n, [&](int chunk, int begin, int end) {
    for (int i = begin; i < end; ++i) {
      const float* x = in.sample(i);
      const float* dy = dout.sample(i);
      float* dx = din ? din->sample(i) : nullptr;
      for (int oy = 0; oy < out.s.h; ++oy)
        for (int ox = 0; ox < out.s.w; ++ox) {
          const float* g = dy + (oy * out.s.w + ox) * c;
          for (int ch = 0; ch < c; ++ch) db[chunk][ch] += g[ch];
          for (int ky = 0; ky < kh; ++ky) {
            const int iy = oy * stride - pt + ky;
            if (iy < 0 || iy >= in.s.h) continue;
            for (int kx = 0; kx < kw; ++kx) {
              const int ix = ox * stride - pl + kx;
              if (ix < 0 || ix >= in.s.w) continue;
              const int xo = (iy * in.s.w + ix) * c, wo = (ky * kw + kx) * c;
              for (int ch = 0; ch < c; ++ch) {
                dw[chunk][wo + ch] += g[ch] * x[xo + ch];
                if (dx) dx[xo + ch] += g[ch] * w.value[wo + ch];
              }
            }
          }
        }
    }
  });
  SumPartials(dw, &w.grad);
  SumPartials(db, &b.grad);
}

// ---- Dense ----------------------------------------------------------------------------------

Dense::Dense(int inputs, int units)
    : inputs(inputs), units(units), w(MakeParam("weights", static_cast<size_t>(units) * inputs, true)),
      b(MakeParam("bias", units, false)) {}

std::string Dense::Describe() const { return fmt::format("dense {}->{}", inputs, units); }

SampleShape Dense::OutputShape(const SampleShape& in) const {
  if (in.size() != inputs) return {0, 0, 0};
  return {1, 1, units};
}

void Dense::Init(Rng& rng) { HeInit(w, inputs, rng); }

void Dense::Forward(const Batch& in, Batch* out, bool) {
  out->Resize(in.n, {1, 1, units});
  ParallelChunks(in.n, [&](int, int begin, int end) {
    if (end <= begin) return;
    float* y = out->sample(begin);
    Gemm(false, true, end - begin, units, inputs, 1.0f, in.sample(begin), inputs, w.value.data(), inputs, 0.0f, y,
         units);
    for (int r = 0; r < end - begin; ++r)
      for (int u = 0; u < units; ++u) y[static_cast<size_t>(r) * units + u] += b.value[u];
  });
}

void Dense::Backward(const Batch& in, const Batch&, const Batch& dout, Batch* din) {
  std::vector<std::vector<float>> dw(kChunks, std::vector<float>(w.value.size()));
  std::vector<std::vector<float>> db(kChunks, std::vector<float>(units));
  ParallelChunks(in.n, [&](int chunk, int begin, int end) {
    if (end <= begin) return;
    Gemm(true, false, units, inputs, end - begin, 1.0f, dout.sample(begin), units, in.sample(begin), inputs, 0.0f,
         dw[chunk].data(), inputs);
    for (int r = begin; r < end; ++r)
      for (int u = 0; u < units; ++u) db[chunk][u] += dout.sample(r)[u];
  });
  SumPartials(dw, &w.grad);
  SumPartials(db, &b.grad);
  if (!din) return;
  din->Resize(in.n, in.s);
  ParallelChunks(in.n, [&](int, int begin, int end) {
    if (end <= begin) return;
    Gemm(false, false, end - begin, inputs, units, 1.0f, dout.sample(begin), units, w.value.data(), inputs, 0.0f,
         din->sample(begin), inputs);
  });
}

// ---- Pool2D ---------------------------------------------------------------------------------

std::string Pool2D::Describe() const {
  const char* name = kind == PoolKind::kMax ? "max_pool" : "average_pool";
  if (global()) return fmt::format("global_{}", name);
  return fmt::format("{} {}x{} stride {}x{}", name, kh, kw, sh, sw);
}

SampleShape Pool2D::OutputShape(const SampleShape& in) const {
  const int oh = OutputSize(in.h, KernelH(in), StrideH(in), Padding::kValid);
  const int ow = OutputSize(in.w, KernelW(in), StrideW(in), Padding::kValid);
  if (oh == 0 || ow == 0) return {0, 0, 0};
  return {oh, ow, in.c};
}

void Pool2D::Forward(const Batch& in, Batch* out, bool) {
  const SampleShape os = OutputShape(in.s);
  out->Resize(in.n, os);
  const int ph = KernelH(in.s), pw = KernelW(in.s), strh = StrideH(in.s), strw = StrideW(in.s), c = in.s.c;
  argmax_.assign(out->v.size(), 0);
  const float inv_area = 1.0f / static_cast<float>(ph * pw);
  ParallelChunks(in.n, [&](int, int begin, int end) {
    for (int i = begin; i < end; ++i) {
      const float* x = in.sample(i);
      for (int oy = 0; oy < os.h; ++oy)
        for (int ox = 0; ox < os.w; ++ox)
          for (int ch = 0; ch < c; ++ch) {
            const size_t o = static_cast<size_t>(i) * os.size() + (oy * os.w + ox) * c + ch;
            float acc = 0.0f, best = 0.0f;
            int best_at = -1;
            for (int ky = 0; ky < ph; ++ky)
              for (int kx = 0; kx < pw; ++kx) {
                const int at = ((oy * strh + ky) * in.s.w + ox * strw + kx) * c + ch;
                acc += x[at];
                if (best_at < 0 || x[at] > best) best = x[at], best_at = at;
              }
            out->v[o] = kind == PoolKind::kMax ? best : acc * inv_area;
            argmax_[o] = best_at;
          }
    }
  });
}

void Pool2D::Backward(const Batch& in, const Batch& out, const Batch& dout, Batch* din) {
  if (!din) return;
  din->Resize(in.n, in.s);
  const int ph = KernelH(in.s), pw = KernelW(in.s), strh = StrideH(in.s), strw = StrideW(in.s), c = in.s.c;
  const float inv_area = 1.0f / static_cast<float>(ph * pw);
  ParallelChunks(in.n, [&](int, int begin, int end) {
    for (int i = begin; i < end; ++i) {
      float* dx = din->sample(i);
      for (int oy = 0; oy < out.s.h; ++oy)
        for (int ox = 0; ox < out.s.w; ++ox)
          for (int ch = 0; ch < c; ++ch) {
            const size_t o = static_cast<size_t>(i) * out.s.size() + (oy * out.s.w + ox) * c + ch;
            if (kind == PoolKind::kMax) {
              dx[argmax_[o]] += dout.v[o];
              continue;
            }
            for (int ky = 0; ky < ph; ++ky)
              for (int kx = 0; kx < pw; ++kx) dx[((oy * strh + ky) * in.s.w + ox * strw + kx) * c + ch] += dout.v[o] * inv_area;
          }
    }
  });
}

// ---- BatchNorm ------------------------------------------------------------------------------

BatchNorm::BatchNorm(int channels, float momentum, float epsilon)
    : channels(channels), momentum(momentum), epsilon(epsilon), gamma(MakeParam("gamma", channels, false)),
      beta(MakeParam("beta", channels, false)), running_mean(channels, 0.0f), running_var(channels, 1.0f) {
  std::fill(gamma.value.begin(), gamma.value.end(), 1.0f);
}

std::string BatchNorm::Describe() const { return fmt::format("batch_norm {}", channels); }

SampleShape BatchNorm::OutputShape(const SampleShape& in) const { return in.c == channels ? in : SampleShape{0, 0, 0}; }

void BatchNorm::Forward(const Batch& in, Batch* out, bool training) {
  out->Resize(in.n, in.s);
  const size_t rows = in.v.size() / channels;
  last_training_ = training;
  mean_.assign(channels, 0.0f);
  inv_std_.assign(channels, 0.0f);
  if (training) {
    std::vector<double> sum(channels, 0.0), sq(channels, 0.0);
    for (size_t r = 0; r < rows; ++r)
      for (int c = 0; c < channels; ++c) sum[c] += in.v[r * channels + c];
    for (int c = 0; c < channels; ++c) mean_[c] = static_cast<float>(sum[c] / rows);
    for (size_t r = 0; r < rows; ++r)
      for (int c = 0; c < channels; ++c) {
        const double d = in.v[r * channels + c] - mean_[c];
        sq[c] += d * d;
      }
    for (int c = 0; c < channels; ++c) {
      const float var = static_cast<float>(sq[c] / rows);
      inv_std_[c] = 1.0f / std::sqrt(var + epsilon);
      running_mean[c] = momentum * running_mean[c] + (1.0f - momentum) * mean_[c];
      running_var[c] = momentum * running_var[c] + (1.0f - momentum) * var;
    }
  } else {
    for (int c = 0; c < channels; ++c) {
      mean_[c] = running_mean[c];
      inv_std_[c] = 1.0f / std::sqrt(running_var[c] + epsilon);
    }
  }
  for (size_t r = 0; r < rows; ++r)
    for (int c = 0; c < channels; ++c) {
      const size_t i = r * channels + c;
      out->v[i] = gamma.value[c] * (in.v[i] - mean_[c]) * inv_std_[c] + beta.value[c];
    }
}

void BatchNorm::Backward(const Batch& in, const Batch&, const Batch& dout, Batch* din) {
  const size_t rows = in.v.size() / channels;
  std::vector<double> dgamma(channels, 0.0), dbeta(channels, 0.0);
  for (size_t r = 0; r < rows; ++r)
    for (int c = 0; c < channels; ++c) {
      const size_t i = r * channels + c;
      dbeta[c] += dout.v[i];
      dgamma[c] += dout.v[i] * (in.v[i] - mean_[c]) * inv_std_[c];
    }
  for (int c = 0; c < channels; ++c) {
    gamma.grad[c] = static_cast<float>(dgamma[c]);
    beta.grad[c] = static_cast<float>(dbeta[c]);
  }
  if (!din) return;
  din->Resize(in.n, in.s);
  const float m = static_cast<float>(rows);
  for (size_t r = 0; r < rows; ++r)
    for (int c = 0; c < channels; ++c) {
      const size_t i = r * channels + c;
      const float scale = gamma.value[c] * inv_std_[c];
      if (!last_training_) {
        din->v[i] = dout.v[i] * scale;
        continue;
      }
      // The batch mean and variance depend on every input too (the standard batch-norm gradient).
      const float xhat = (in.v[i] - mean_[c]) * inv_std_[c];
      din->v[i] = scale / m * (m * dout.v[i] - static_cast<float>(dbeta[c]) - xhat * static_cast<float>(dgamma[c]));
    }
}

// ---- Relu, Dropout --------------------------------------------------------------------------

void Relu::Forward(const Batch& in, Batch* out, bool) {
  out->Resize(in.n, in.s);
  for (size_t i = 0; i < in.v.size(); ++i) {
    const float v = std::max(in.v[i], 0.0f);
    out->v[i] = cap6 ? std::min(v, 6.0f) : v;
  }
}

void Relu::Backward(const Batch& in, const Batch&, const Batch& dout, Batch* din) {
  if (!din) return;
  din->Resize(in.n, in.s);
  for (size_t i = 0; i < in.v.size(); ++i) {
    const bool pass = in.v[i] > 0.0f && (!cap6 || in.v[i] < 6.0f);
    din->v[i] = pass ? dout.v[i] : 0.0f;
  }
}

std::string Dropout::Describe() const { return fmt::format("dropout {:.2f}", rate); }

void Dropout::Forward(const Batch& in, Batch* out, bool training) {
  out->Resize(in.n, in.s);
  if (!training || rate <= 0.0f) {
    out->v = in.v;
    mask_.assign(in.v.size(), 1.0f);
    return;
  }
  const float keep_scale = 1.0f / (1.0f - rate);
  mask_.resize(in.v.size());
  for (size_t i = 0; i < in.v.size(); ++i) {
    mask_[i] = rng_.Uniform() < rate ? 0.0f : keep_scale;
    out->v[i] = in.v[i] * mask_[i];
  }
}

void Dropout::Backward(const Batch& in, const Batch&, const Batch& dout, Batch* din) {
  if (!din) return;
  din->Resize(in.n, in.s);
  for (size_t i = 0; i < in.v.size(); ++i) din->v[i] = dout.v[i] * mask_[i];
}

// ---- loss -----------------------------------------------------------------------------------

float SoftmaxCrossEntropy(const Batch& logits, const int* labels, Batch* dlogits) {
  const int k = logits.s.size();
  if (dlogits) dlogits->Resize(logits.n, logits.s);
  double loss = 0.0;
  std::vector<float> p(k);
  for (int i = 0; i < logits.n; ++i) {
    const float* z = logits.sample(i);
    const float zmax = *std::max_element(z, z + k);
    float sum = 0.0f;
    for (int j = 0; j < k; ++j) sum += p[j] = std::exp(z[j] - zmax);
    loss -= std::log(std::max(p[labels[i]] / sum, 1e-30f));
    if (!dlogits) continue;
    for (int j = 0; j < k; ++j)
      dlogits->sample(i)[j] = (p[j] / sum - (j == labels[i] ? 1.0f : 0.0f)) / static_cast<float>(logits.n);
  }
  return static_cast<float>(loss / logits.n);
}

}  // namespace mote::train
