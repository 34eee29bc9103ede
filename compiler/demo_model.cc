#include "compiler/demo_model.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "compiler/tflite_writer.h"

namespace mote {

const char* WaveformClassName(int c) {
  static const char* const kNames[] = {"sine", "square", "triangle", "sawtooth"};
  return c >= 0 && c < WaveformSet::kClasses ? kNames[c] : "?";
}

WaveformSet MakeWaveforms(int count, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  std::normal_distribution<float> noise(0.0f, 0.08f);
  WaveformSet s;
  for (int i = 0; i < count; ++i) {
    const int c = i % WaveformSet::kClasses;
    const float cycles = 1.0f + 3.0f * unit(rng);  // per window
    const float phase = unit(rng);
    const float amp = 0.5f + 0.7f * unit(rng);
    std::vector<float> x(WaveformSet::kLength);
    for (int t = 0; t < WaveformSet::kLength; ++t) {
      const float p = std::fmod(phase + cycles * t / WaveformSet::kLength, 1.0f);  // position in cycle
      float v = 0.0f;
      switch (c) {
        case 0: v = std::sin(6.2831853f * p); break;
        case 1: v = p < 0.5f ? 1.0f : -1.0f; break;
        case 2: v = p < 0.5f ? 4.0f * p - 1.0f : 3.0f - 4.0f * p; break;
        default: v = 2.0f * p - 1.0f; break;
      }
      x[t] = amp * v + noise(rng);
    }
    s.x.push_back(std::move(x));
    s.y.push_back(c);
  }
  return s;
}

namespace {

constexpr int kIn = WaveformSet::kLength, kHidden = 32, kOut = WaveformSet::kClasses;

struct Mlp {
  std::vector<float> w1 = std::vector<float>(kHidden * kIn), b1 = std::vector<float>(kHidden);
  std::vector<float> w2 = std::vector<float>(kOut * kHidden), b2 = std::vector<float>(kOut);

  void Forward(const std::vector<float>& x, float* h, float* logits) const {
    for (int j = 0; j < kHidden; ++j) {
      float a = b1[j];
      for (int i = 0; i < kIn; ++i) a += w1[j * kIn + i] * x[i];
      h[j] = std::max(a, 0.0f);
    }
    for (int k = 0; k < kOut; ++k) {
      float a = b2[k];
      for (int j = 0; j < kHidden; ++j) a += w2[k * kHidden + j] * h[j];
      logits[k] = a;
    }
  }
  int Predict(const std::vector<float>& x) const {
    float h[kHidden], z[kOut];
    Forward(x, h, z);
    return static_cast<int>(std::max_element(z, z + kOut) - z);
  }
};

// Softmax cross-entropy SGD with momentum; returns the mean loss per epoch.
std::vector<float> Train(Mlp& m, const WaveformSet& data, int epochs, uint32_t seed) {
  std::mt19937 rng(seed);
  auto init = [&](std::vector<float>& w, int fan_in) {
    std::normal_distribution<float> d(0.0f, std::sqrt(2.0f / fan_in));
    for (float& v : w) v = d(rng);
  };
  init(m.w1, kIn);
  init(m.w2, kHidden);
  Mlp velocity;
  std::fill(velocity.w1.begin(), velocity.w1.end(), 0.0f);
  std::fill(velocity.w2.begin(), velocity.w2.end(), 0.0f);
  const float lr = 0.02f, momentum = 0.9f;
  const int batch = 16;
  std::vector<int> order(data.x.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<float> losses;
  for (int e = 0; e < epochs; ++e) {
    std::shuffle(order.begin(), order.end(), rng);
    double loss = 0;
    for (size_t start = 0; start < order.size(); start += batch) {
      Mlp grad;
      const size_t end = std::min(order.size(), start + batch);
      for (size_t n = start; n < end; ++n) {
        const auto& x = data.x[order[n]];
        const int y = data.y[order[n]];
        float h[kHidden], z[kOut], p[kOut];
        m.Forward(x, h, z);
        const float zmax = *std::max_element(z, z + kOut);
        float sum = 0;
        for (int k = 0; k < kOut; ++k) sum += p[k] = std::exp(z[k] - zmax);
        for (int k = 0; k < kOut; ++k) p[k] /= sum;
        loss -= std::log(std::max(p[y], 1e-12f));
        float dh[kHidden] = {};
        for (int k = 0; k < kOut; ++k) {
          const float dz = p[k] - (k == y ? 1.0f : 0.0f);
          grad.b2[k] += dz;
          for (int j = 0; j < kHidden; ++j) {
            grad.w2[k * kHidden + j] += dz * h[j];
            dh[j] += dz * m.w2[k * kHidden + j];
          }
        }
        for (int j = 0; j < kHidden; ++j) {
          if (h[j] <= 0.0f) continue;
          grad.b1[j] += dh[j];
          for (int i = 0; i < kIn; ++i) grad.w1[j * kIn + i] += dh[j] * x[i];
        }
      }
      const float scale = lr / static_cast<float>(end - start);
      auto step = [&](std::vector<float>& w, std::vector<float>& v, const std::vector<float>& g) {
        for (size_t i = 0; i < w.size(); ++i) {
          v[i] = momentum * v[i] - scale * g[i];
          w[i] += v[i];
        }
      };
      step(m.w1, velocity.w1, grad.w1);
      step(m.b1, velocity.b1, grad.b1);
      step(m.w2, velocity.w2, grad.w2);
      step(m.b2, velocity.b2, grad.b2);
    }
    losses.push_back(static_cast<float>(loss / order.size()));
  }
  return losses;
}

struct QuantParams {
  float scale;
  int32_t zero_point;
};

// Asymmetric int8 parameters covering [lo, hi] (always including 0, as TFLite requires).
QuantParams AsymmetricInt8(float lo, float hi) {
  lo = std::min(lo, 0.0f);
  hi = std::max(hi, 0.0f);
  const float scale = std::max(hi - lo, 1e-6f) / 255.0f;
  const int32_t zp = static_cast<int32_t>(std::lround(-128.0f - lo / scale));
  return {scale, std::clamp(zp, -128, 127)};
}

// Per-tensor symmetric int8 weights (TFLite's convention for FULLY_CONNECTED); returns the scale.
float QuantizeWeights(const std::vector<float>& w, std::vector<int8_t>* q) {
  float m = 1e-8f;
  for (float v : w) m = std::max(m, std::fabs(v));
  const float scale = m / 127.0f;
  q->resize(w.size());
  for (size_t i = 0; i < w.size(); ++i)
    (*q)[i] = static_cast<int8_t>(std::clamp<long>(std::lround(w[i] / scale), -127, 127));
  return scale;
}

std::vector<int32_t> QuantizeBias(const std::vector<float>& b, float scale) {
  std::vector<int32_t> q(b.size());
  for (size_t i = 0; i < b.size(); ++i) q[i] = static_cast<int32_t>(std::lround(b[i] / scale));
  return q;
}

tflite::BuiltinOptionsUnion FcOptions(tflite::ActivationFunctionType act) {
  tflite::BuiltinOptionsUnion u;
  auto* o = new tflite::FullyConnectedOptionsT();
  o->fused_activation_function = act;
  u.type = tflite::BuiltinOptions::FullyConnectedOptions;
  u.value = o;
  return u;
}

}  // namespace

DemoModel BuildDemoModel(const WaveformSet& train, const WaveformSet& test, int epochs, uint32_t seed) {
  DemoModel out;
  Mlp m;
  out.train_loss = Train(m, train, epochs, seed);
  int correct = 0;
  for (size_t i = 0; i < test.x.size(); ++i) correct += m.Predict(test.x[i]) == test.y[i];
  out.float_accuracy = static_cast<float>(correct) / static_cast<float>(test.x.size());

  // Calibrate activation ranges on the training set.
  float in_lo = 0, in_hi = 0, h_hi = 0, z_lo = 0, z_hi = 0;
  for (const auto& x : train.x) {
    float h[kHidden], z[kOut];
    m.Forward(x, h, z);
    for (float v : x) in_lo = std::min(in_lo, v), in_hi = std::max(in_hi, v);
    for (float v : h) h_hi = std::max(h_hi, v);
    for (float v : z) z_lo = std::min(z_lo, v), z_hi = std::max(z_hi, v);
  }
  const QuantParams qin = AsymmetricInt8(in_lo, in_hi);
  const QuantParams qh = AsymmetricInt8(0.0f, h_hi);
  const QuantParams qz = AsymmetricInt8(z_lo, z_hi);
  out.input_scale = qin.scale;
  out.input_zero_point = qin.zero_point;

  std::vector<int8_t> w1q, w2q;
  const float s1 = QuantizeWeights(m.w1, &w1q);
  const float s2 = QuantizeWeights(m.w2, &w2q);
  const std::vector<int32_t> b1q = QuantizeBias(m.b1, qin.scale * s1);
  const std::vector<int32_t> b2q = QuantizeBias(m.b2, qh.scale * s2);

  TfliteBuilder b;
  b.SetDescription("mote demo: waveform classifier (sine/square/triangle/sawtooth), trained and quantized by mote");
  const int32_t x = b.AddTensor("waveform", DType::kInt8, {1, kIn}, {qin.scale}, {qin.zero_point});
  const int32_t w1 = b.AddConstant("dense1/weights", DType::kInt8, {kHidden, kIn}, w1q, {s1});
  const int32_t bias1 = b.AddConstant("dense1/bias", DType::kInt32, {kHidden}, b1q, {qin.scale * s1});
  const int32_t h = b.AddTensor("dense1/relu", DType::kInt8, {1, kHidden}, {qh.scale}, {qh.zero_point});
  const int32_t w2 = b.AddConstant("dense2/weights", DType::kInt8, {kOut, kHidden}, w2q, {s2});
  const int32_t bias2 = b.AddConstant("dense2/bias", DType::kInt32, {kOut}, b2q, {qh.scale * s2});
  const int32_t z = b.AddTensor("logits", DType::kInt8, {1, kOut}, {qz.scale}, {qz.zero_point});
  const int32_t p = b.AddTensor("probabilities", DType::kInt8, {1, kOut}, {1.0f / 256.0f}, {-128});
  b.AddOp(tflite::BuiltinOperator::FULLY_CONNECTED, {x, w1, bias1}, {h}, FcOptions(tflite::ActivationFunctionType::RELU));
  b.AddOp(tflite::BuiltinOperator::FULLY_CONNECTED, {h, w2, bias2}, {z}, FcOptions(tflite::ActivationFunctionType::NONE));
  tflite::BuiltinOptionsUnion softmax;
  auto* so = new tflite::SoftmaxOptionsT();
  so->beta = 1.0f;
  softmax.type = tflite::BuiltinOptions::SoftmaxOptions;
  softmax.value = so;
  b.AddOp(tflite::BuiltinOperator::SOFTMAX, {z}, {p}, std::move(softmax));
  b.SetInputs({x});
  b.SetOutputs({p});
  out.tflite = b.Finish();
  return out;
}

}  // namespace mote
