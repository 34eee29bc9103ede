// The built-in default model behind `mote demo`, made entirely by mote's own code: a synthetic
// waveform data set (sine, square, triangle, sawtooth with random frequency, phase, amplitude and
// noise), a small float MLP trained on it with seeded SGD, post-training int8 quantization
// (per-channel weights, calibrated activations) and mote's .tflite writer.
// A stand-in until `mote train` produces the Fashion-MNIST default.
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

struct DemoModel {
  std::vector<uint8_t> tflite;         // int8 model: FC+RELU, FC, SOFTMAX
  float float_accuracy = 0.0f;         // float MLP on the test set
  float input_scale = 0.0f;
  int32_t input_zero_point = 0;
  std::vector<float> train_loss;       // per epoch
};

// Trains, quantizes and serializes; `test` is only used to report the float accuracy.
DemoModel BuildDemoModel(const WaveformSet& train, const WaveformSet& test, int epochs, uint32_t seed);

}  // namespace mote
