#!/usr/bin/env bash
# Install everything afgmap needs into ./.venv (and Leaflet into ./node_modules).
# Usage: bash scripts/setup.sh [extras]     e.g. bash scripts/setup.sh test,notebooks
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
if [ -n "$extras" ]; then
  .venv/bin/python -m pip install --quiet -e ".[${extras}]"
else
  .venv/bin/python -m pip install --quiet -e .
fi
if command -v npm >/dev/null 2>&1; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error   # Leaflet, for offline HTML
else
  echo "npm not found: offline HTML export (afgmap build --offline) will not be available" >&2
fi
