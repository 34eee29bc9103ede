// Runs a model folder of ../shared (model.tflite, manifest.json, case<k>_in<i>.bin,
// case<k>_out<j>.bin) and compares every output with its golden by the manifest's rule:
// byte-exact for integer outputs, numpy.allclose for float ones with
// atol = atol_manifest * max(1, largest |golden| over all cases).
#pragma once

#include <string>
#include <cstdint>
#include <vector>

#include "runtime/tensor.h"

namespace mote {

struct GoldenCaseResult {
  int case_index = 0;
  bool passed = false;
  std::string detail;   // first mismatch, or why it could not run
};

struct GoldenModelResult {
  std::string id;
  std::string error;    // set when the model could not be loaded at all
  std::vector<GoldenCaseResult> cases;
  bool passed() const;
};

GoldenModelResult RunGoldenFolder(const std::string& folder);

// A folder's manifest, goldens and compare rule, for runners other than the interpreter.
struct GoldenCase {
  std::vector<std::string> input_paths;
  std::vector<std::vector<uint8_t>> outputs;
};
struct GoldenSet {
  std::string id;
  std::vector<GoldenCase> cases;
  bool exact = true;
  double rtol = 0, atol = 0;  // atol already scaled by the largest golden magnitude
};
bool LoadGoldenSet(const std::string& folder, GoldenSet* set, std::string* error);
// "" when `got` matches `golden` under the set's rule, else the first mismatch.
std::string CompareOutput(const GoldenSet& set, DType type, const uint8_t* got, size_t got_bytes,
                          const std::vector<uint8_t>& golden);

// Model folders (those with a manifest.json) below `root`, sorted.
std::vector<std::string> ListModelFolders(const std::string& root);

}  // namespace mote
