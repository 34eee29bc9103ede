// A synthetic sensor data set: waveforms (sine, square, triangle, sawtooth) with random frequency,
// phase, amplitude and noise. The trainer's tests use it as 1 x 32 x 1 windows. (It was the stand-in
// default model's data until `mote train` made the Fashion-MNIST default in models/default.)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mote {

struct WaveformSet {
  static constexpr int kLength = 32;
  static constexpr int kClasses = 4;
  std::vector<std::vector<float>> x;
  std::vector<int> y;
};
const char* WaveformClassName(int c);
WaveformSet MakeWaveforms(int count, uint32_t seed);

}  // namespace mote
