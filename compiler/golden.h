// Runs a model folder of ../shared (model.tflite, manifest.json, case<k>_in<i>.bin,
// case<k>_out<j>.bin) and compares every output with its golden by the manifest's rule:
// byte-exact for integer outputs, numpy.allclose for float ones with
// atol = atol_manifest * max(1, largest |golden| over all cases).
#pragma once

#include <string>
#include <vector>

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

// Model folders (those with a manifest.json) below `root`, sorted.
std::vector<std::string> ListModelFolders(const std::string& root);

}  // namespace mote
