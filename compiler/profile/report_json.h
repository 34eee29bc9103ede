// The JSON form of `mote profile --json` (one document for all targets of a run), also written
// by bench/speed. tests/qemu/profile_check.cc checks its required keys and types.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/profile/profiler.h"

namespace mote::profile {

nlohmann::ordered_json TargetJson(const TargetProfile& p);
nlohmann::ordered_json McuJson(const McuReport& r);
// {"model", "note", "targets": [...], "mcu_data", "mcus": [...]}.
nlohmann::ordered_json RunJson(const std::vector<TargetProfile>& profiles, const std::vector<McuReport>& mcus,
                       const std::string& mcu_data_path);

}  // namespace mote::profile
