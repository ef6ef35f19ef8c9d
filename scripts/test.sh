#!/usr/bin/env bash
# Quick start, step 2: the same set-up, then every test — once in a normal
# build and once under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="$(nproc)"

scripts/setup.sh build
ctest --test-dir build --output-on-failure -j "$jobs"

scripts/setup.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DFANGYI_SANITIZE=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"

# Opt-in, slow: the end-to-end tests with every fangyi run under valgrind.
if [ "${FANGYI_VALGRIND:-0}" = 1 ]; then
  tests/valgrind/run.sh build
fi
