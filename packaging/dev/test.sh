#!/usr/bin/env bash
# README command 2: install what is missing, build and run the whole test suite twice:
# once optimised (release preset, gcc), then the .deb is built, installed, smoke-tested and
# removed; and once under AddressSanitizer + UBSan with the libFuzzer targets smoke-run (asan
# preset, clang). `--quick` runs only the first pass.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
packaging/dev/install-deps.sh

# Qt warns on every start when this is unset (as root, under CI).
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp/mailtopo-xdg-$(id -u)}"
mkdir -p -m 700 "$XDG_RUNTIME_DIR"

presets=(release)
[ "${1:-}" = "--quick" ] || presets+=(asan)
for preset in "${presets[@]}"; do
  echo "== $preset: configure and build" >&2
  [ -f "build/$preset/build.ninja" ] || cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  echo "== $preset: tests" >&2
  ctest --preset "$preset"
  if [ "$preset" = release ]; then
    echo "== release: .deb package (build, install, smoke test, remove)" >&2
    packaging/linux/check-deb.sh build/release
  fi
done
