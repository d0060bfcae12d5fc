#!/usr/bin/env bash
# Install everything the tests need (venv, npm ci, Debian's chromium) and run the whole suite,
# then the tests of the library (not the browser and notebook ones) again on the compiled build.
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
.venv/bin/mypy   # the package type-checks; mypyc compiles four modules from it (files: pyproject.toml)
.venv/bin/python -m pytest
bash scripts/setup_compiled.sh test
.venv-compiled/bin/pytest tests -p no:cacheprovider -m "not browser and not notebook"
