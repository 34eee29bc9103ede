// The JSON form of `mote profile --json` (one document for all targets of a run), also written
// by bench/speed. tests/profile_json_test.cc checks its required keys and types.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/profile/profiler.h"

namespace mote::profile {

nlohmann::json TargetJson(const TargetProfile& p);
nlohmann::json McuJson(const McuReport& r);
// {"model", "note", "targets": [...], "mcu_data", "mcus": [...]}.
nlohmann::json RunJson(const std::vector<TargetProfile>& profiles, const std::vector<McuReport>& mcus,
                       const std::string& mcu_data_path);

}  // namespace mote::profile
