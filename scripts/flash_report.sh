#!/usr/bin/env bash
# Flash and RAM accounting of a bare-metal ELF, counted as ../shared/baselines/METHOD.md s.5:
# flash = .vectors + .text + .rodata + .model (the embedded model and cases, sections.ld) +
# .ARM.extab + .ARM.exidx + .init_array + .data (the initial values of .data live in flash); the model is the mote_model_data array; the embedded
# golden-case inputs (mote_case_*) are test data that the TFLM harness did not have (it made its
# input with an LCG), so flash_code_bytes = total - model - cases. With the link map, the total
# is split by input file: runtime (libmote_runtime.a), libc (libc/libm/libgcc/libstdc++/crt
# objects of the toolchain), model_data (the generated model/cases object), aot_weights (the
# <name>_weights.cc object of a `mote compile` module) and harness (start-up, timer, semihosting,
# report and bench code), plus fill (alignment padding). flash_text_bytes is the executable part
# of the total (.vectors, .text, .ARM.extab, .ARM.exidx).
# Usage: scripts/flash_report.sh <elf> [<map>]     Output: `KEY value` lines.
set -euo pipefail
elf=$1
map=${2:-}
command -v readelf >/dev/null || { echo "flash_report: readelf (binutils) not found" >&2; exit 1; }
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

readelf -S -W "$elf" | awk '
  function hex(s,    i, v) {   # "0x1a2b" or "1a2b" -> number (mawk has no hex parsing of its own)
    s = tolower(s); sub(/^0x/, "", s); v = 0
    for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
    return v
  }
  function add(name, size) { sec[name] += hex(size) }
  /^ *\[ *[0-9]+\]/ {
    sub(/^ *\[ *[0-9]+\] */, "")
    # name type address offset size ...
    add($1, $5)
  }
  END {
    split(".vectors .text .rodata .model .ARM.extab .ARM.exidx .init_array .data", f, " ")
    total = 0
    for (i in f) total += sec[f[i]]
    printf "flash_total_bytes %d\n", total
    # executable code (with the vector table and unwind index), the rest being read-only data
    printf "flash_text_bytes %d\n", sec[".vectors"] + sec[".text"] + sec[".ARM.extab"] + sec[".ARM.exidx"]
    printf "ram_data_bytes %d\n", sec[".data"] + sec[".sdata"]
    printf "ram_bss_bytes %d\n", sec[".bss"] + sec[".sbss"]
    printf "ram_stack_bytes %d\n", sec[".stack"]
  }' > "$tmp"

readelf -s -W "$elf" | awk '
  function hex(s,    i, v) {   # "0x1a2b" or "1a2b" -> number (mawk has no hex parsing of its own)
    s = tolower(s); sub(/^0x/, "", s); v = 0
    for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
    return v
  }
  function size(s) { return s ~ /^0x/ ? hex(s) : s + 0 }   # readelf prints large sizes in hex
  $8 == "mote_model_data" { model = size($3) }
  $8 ~ /mote_case_/ { cases += size($3) }   # internal linkage: mangled as _ZL<n>mote_case_...
  END { printf "flash_model_bytes %d\nflash_cases_bytes %d\n", model, cases }' >> "$tmp"

cat "$tmp"
awk '
  $1 == "flash_total_bytes" { t = $2 } $1 == "flash_model_bytes" { m = $2 } $1 == "flash_cases_bytes" { c = $2 }
  END { printf "flash_code_bytes %d\n", t - m - c }' "$tmp"

[ -n "$map" ] && [ -f "$map" ] || exit 0
awk '
  function hex(s,    i, v) {   # "0x1a2b" or "1a2b" -> number (mawk has no hex parsing of its own)
    s = tolower(s); sub(/^0x/, "", s); v = 0
    for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
    return v
  }
  BEGIN {
    n = split(".vectors .text .rodata .model .ARM.extab .ARM.exidx .init_array .data", f, " ")
    for (i = 1; i <= n; i++) flash[f[i]] = 1
  }
  /^Linker script and memory map/ { started = 1; next }
  !started { next }
  /^[.\/A-Za-z_]/ { out = $1; pending = 0; next }   # an output section (or other top-level line)
  function attribute(size, file,    kind) {
    if (!(out in flash)) return
    if (file ~ /libmote_runtime\.a/) kind = "runtime"
    else if (file ~ /\/lib(c|m|g|gcc|c_nano|g_nano|stdc\+\+|stdc\+\+_nano|supc\+\+|supc\+\+_nano|nosys|semihost)\.a\(/ || file ~ /crt[^\/]*\.o$/) kind = "libc"
    else if (file ~ /_weights\.cc\.o(bj)?$/) kind = "weights"   # an AOT module (mote compile)
    else if (file ~ /model_[^\/]*\.cc\.o/) kind = "model_data"
    else kind = "harness"
    part[kind] += hex(size)
  }
  $1 == "*fill*" { if (out in flash) fill += hex($3 != "" ? $3 : $2); next }
  /^ [.A-Za-z_]/ && $1 !~ /^\*/ {
    if (NF >= 4 && $2 ~ /^0x/ && $3 ~ /^0x/) { attribute($3, $4); pending = 0 }
    else if (NF == 1) pending = 1
    next
  }
  pending && $1 ~ /^0x/ && $2 ~ /^0x/ && NF >= 3 { attribute($2, $3); pending = 0; next }
  { pending = 0 }
  END {
    printf "flash_runtime_lib_bytes %d\n", part["runtime"]
    printf "flash_libc_libgcc_bytes %d\n", part["libc"]
    printf "flash_harness_bytes %d\n", part["harness"]
    printf "flash_model_data_object_bytes %d\n", part["model_data"]
    printf "flash_aot_weights_bytes %d\n", part["weights"]
    printf "flash_fill_bytes %d\n", fill
  }' "$map"
