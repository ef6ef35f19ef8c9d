#!/usr/bin/env bash
# Builds the fuzz targets with clang and libFuzzer (+ ASan and UBSan) in
# build-fuzz/ and runs each for a fixed time, starting from its seed inputs
# (the same ones the replay tests use). A crash input is copied to
# tests/fuzz/crashes/<target>/, where the normal test builds replay it.
#
#   tests/fuzz/run.sh                 # every target, 600 s each
#   SECONDS_EACH=60 tests/fuzz/run.sh csv xlsx
#   JOBS=2                            # targets run at the same time
#   BUILD_JOBS=1                      # parallel compile jobs (default: nproc)
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
seconds="${SECONDS_EACH:-600}"
jobs="${JOBS:-1}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(rules_yaml expression rule_binary csv cells xlsx markdown seating school utf8)

if ! command -v clang++ >/dev/null 2>&1 || ! dpkg-query -W -f='${Status}' libclang-rt-dev 2>/dev/null | grep -q "install ok"; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends clang libclang-rt-dev
fi
[ -d build ] || scripts/setup.sh build >/dev/null  # the Debian packages, once
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFANGYI_FUZZ=ON \
  -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build build-fuzz -j "${BUILD_JOBS:-$(nproc)}" --target $(printf 'fuzz_%s ' "${targets[@]}") >/dev/null

# Seed folders per target, as CMakeLists.txt gives them to the replay tests.
seeds() {
  case "$1" in
    rules_yaml) echo rules forms tests/rules/broken ;;
    expression) echo tests/fuzz/seeds/expression ;;
    rule_binary) echo tests/fuzz/seeds/rule_binary ;;
    csv) echo examples tests/check/fixtures ;;
    cells) echo tests/fuzz/seeds/cells ;;
    utf8) echo examples tests/check/fixtures site ;;
    xlsx) echo tests/fuzz/seeds/xlsx ;;
    markdown) echo site docs ;;
    seating) echo examples/contacts/seating ;;
    school) echo tests/fuzz/seeds/school ;;
  esac
}

run_one() {
  local t="$1" work="build-fuzz/work/$1"
  rm -rf "$work" && mkdir -p "$work/corpus" "$work/artifacts" "tests/fuzz/crashes/$t"
  # libFuzzer reads seed folders flat: copy every seed file in.
  for d in $(seeds "$t"); do find "$d" -type f -exec cp -t "$work/corpus" {} + 2>/dev/null || true; done
  cp -t "$work/corpus" tests/fuzz/crashes/"$t"/* 2>/dev/null || true
  local status=0
  # No allocation stacks: libFuzzer's out-of-memory report walks them and
  # can hang before it writes the input; they also grow RSS over a long run.
  (cd "$work" && ASAN_OPTIONS=malloc_context_size=0 "$root/build-fuzz/fuzz_$t" corpus -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 \
     -max_len=65536 -print_final_stats=1 -artifact_prefix=artifacts/ >log.txt 2>&1) || status=$?
  local runs
  runs="$(grep -E '^stat::number_of_executed_units' "$work/log.txt" | awk '{print $2}' || true)"
  local found=0
  for a in "$work"/artifacts/*; do
    [ -f "$a" ] || continue
    cp "$a" "tests/fuzz/crashes/$t/$(basename "$a")"
    found=$((found + 1))
  done
  printf '%-12s %6ss %12s executions  exit %s  %s new crash input(s)\n' "$t" "$seconds" "${runs:-?}" "$status" "$found"
}

export -f run_one seeds
export seconds root
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one {}'
