// Host commands and their `KEY value` output, for the tools that build, link and measure device
// programs (`mote profile`, bench/arena's flash figures).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace mote::profile {

using KeyValues = std::map<std::string, std::string>;

// `s` single-quoted for the shell.
std::string ShellQuote(const std::string& s);
// Runs `command` through the shell with stdout and stderr captured; returns the exit status
// (128 + signal when killed).
int RunCommand(const std::string& command, std::string* output);
bool OnPath(const std::string& program);
// The whole file; empty when it cannot be read.
std::string ReadText(const std::string& path);

// `KEY value` lines (the device programs' and flash_report.sh's format); later keys win.
KeyValues ParseKeyValues(const std::string& text);
std::optional<uint64_t> GetU64(const KeyValues& kv, const std::string& key);
// GetU64 as a byte count, 0 when absent.
int64_t GetBytes(const KeyValues& kv, const std::string& key);

}  // namespace mote::profile
