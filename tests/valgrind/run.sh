#!/usr/bin/env bash
# Runs the end-to-end tests with every fangyi invocation under valgrind
# memcheck: tests/support/run_binary.h puts FANGYI_RUN_PREFIX before the
# binary. Any memory error or definite leak makes that fangyi exit 99, which
# fails its test; valgrind's own report goes to build-*/valgrind/<pid>.log.
#
#   tests/valgrind/run.sh [BUILD_DIR] [GTEST_FILTER]
#     BUILD_DIR defaults to build-valgrind (RelWithDebInfo, configured here);
#     GTEST_FILTER selects e2e tests (default: all of them).
#
# scripts/test.sh runs it when FANGYI_VALGRIND=1: it is slow (the whole e2e
# suite takes tens of minutes under memcheck).
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${1:-build-valgrind}"
filter="${2:-*}"

if ! command -v valgrind >/dev/null 2>&1; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends valgrind
fi
[ -f "$build/build.ninja" ] || scripts/setup.sh "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "${BUILD_JOBS:-$(nproc)}" --target fangyi e2e_tests >/dev/null

logs="$PWD/$build/valgrind"
rm -rf "$logs" && mkdir -p "$logs"
# --errors-for-leak-kinds=definite: a definite leak is an error (exit 99);
# "still reachable" memory (ICU's and fontconfig's caches, freed by the OS
# at exit) is not. tests/valgrind/suppressions.supp names the libraries'
# known noise.
export FANGYI_RUN_PREFIX="valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
--show-leak-kinds=definite --track-origins=yes --suppressions=$PWD/tests/valgrind/suppressions.supp \
--log-file=$logs/%p.log"

status=0
"$build/e2e_tests" --gtest_filter="$filter" || status=$?

# Logs with content are the ones that found something.
found=0
for log in "$logs"/*.log; do
  [ -s "$log" ] || continue
  found=$((found + 1))
  echo "== $log" >&2
  head -60 "$log" >&2
done
echo "valgrind: $(ls "$logs" | wc -l) fangyi runs, $found with reports" >&2
[ "$found" -eq 0 ] || status=1
exit "$status"
