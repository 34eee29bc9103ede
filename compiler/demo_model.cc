#include "compiler/demo_model.h"

#include <algorithm>
#include <cmath>
#include <random>

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

}  // namespace mote
