#!/usr/bin/env bash
# Install everything the tests need (venv, npm ci, Debian's chromium) and run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi
bash scripts/setup.sh test,notebooks
.venv/bin/ruff check .
.venv/bin/python -m pytest
