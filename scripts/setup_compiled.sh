#!/usr/bin/env bash
# Install afgmap into ./.venv-compiled with its extraction stages compiled by mypyc
# (extract_claims about twice as fast; see BENCHMARKS.md). Needs a C compiler and
# Python's headers, which it installs with apt-get when they are missing.
# Usage: bash scripts/setup_compiled.sh [extras]     e.g. bash scripts/setup_compiled.sh test
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
headers=$(python3 -c "import sysconfig; print(sysconfig.get_paths()['include'])")
if ! command -v cc >/dev/null 2>&1 || [ ! -f "$headers/Python.h" ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc python3-dev >/dev/null
fi
python3 -m venv .venv-compiled
.venv-compiled/bin/python -m pip install --quiet --upgrade pip
spec="."
if [ -n "$extras" ]; then spec=".[${extras}]"; fi
# The dependencies first, then afgmap itself, compiled, in place of the plain
# build. Not editable: the compiled modules live in the venv, so no stale build
# can shadow the sources you edit. mypyc writes its modules next to the sources
# it compiles, so it compiles a copy of what the wheel is made of.
.venv-compiled/bin/python -m pip install --quiet "$spec"
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
git ls-files -z --cached --others --exclude-standard -- pyproject.toml README.md LICENSE afgmap geodata \
  | .venv-compiled/bin/python -c "
import pathlib, shutil, sys
for name in filter(None, sys.stdin.read().split('\0')):
    if pathlib.Path(name).is_file():  # not a file deleted but still in git's index
        (pathlib.Path(sys.argv[1]) / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(name, pathlib.Path(sys.argv[1]) / name)
" "$copy"
HATCH_BUILD_HOOK_ENABLE_MYPYC=true .venv-compiled/bin/python -m pip install --quiet \
  --force-reinstall --no-deps "$copy"
# -I: not the checkout's afgmap/ folder, the installed package
.venv-compiled/bin/python -I -c "
import afgmap.claims, afgmap.dates, afgmap.geocoding, afgmap._scanning as s, sys
modules = [afgmap.claims, afgmap.dates, afgmap.geocoding, s]
plain = [m.__file__ for m in modules if m.__file__.endswith('.py')]
if plain:
    sys.exit(f'not compiled: {plain}')
print('compiled:', ', '.join(m.__name__ for m in modules))
"
