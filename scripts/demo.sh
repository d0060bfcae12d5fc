#!/usr/bin/env bash
# Install afgmap and run the main job on the demo corpus: seeds/ -> out/ (maps, CSVs, PNGs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/afgmap build seeds --out out --offline
echo "open out/timeline.html in a browser (it works offline)"
