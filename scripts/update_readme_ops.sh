#!/usr/bin/env bash
# Regenerates the supported-ops table in README.md from the kernel registry (`mote ops`).
set -euo pipefail
cd "$(dirname "$0")/.."
table=$(./build/mote ops)
python3 - "$table" <<'PY'
import re, sys
table = sys.argv[1].strip()
readme = open("README.md").read()
new = "<!-- mote ops -->\n" + table + "\n<!-- /mote ops -->"
readme = re.sub(r"<!-- mote ops -->.*?<!-- /mote ops -->", lambda m: new, readme, flags=re.S)
open("README.md", "w").write(readme)
PY
