#!/usr/bin/env bash
# `fangyi classify` on large synthetic rosters: close contacts across the
# 2022-04-26 change (seed 004) and mainland students (seed 003), written as
# CSV and as XLSX. Prints the median wall time of RUNS runs, rows per second
# and peak RSS, and checks that classifying the CSV output again gives the
# same bytes (idempotence at scale).
#
#   bash bench/classify/run.sh                 # 100,000 rows per roster
#   ROWS=20000 RUNS=3 bash bench/classify/run.sh
#
# Environment (all optional):
#   ROWS=100000 SEED=1   roster size and generator seed (gen_roster.awk)
#   RUNS=5               timed runs per case
#   FANGYI=path          use this binary instead of building build-bench-classify/ (Release)
#   JOBS=1               ninja -j for that build
#   KEEP=1               keep the work directory
# Exit status: 0 done, 1 something failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

ROWS="${ROWS:-100000}"
SEED="${SEED:-1}"
RUNS="${RUNS:-5}"
JOBS="${JOBS:-1}"

die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

if [[ -z "${FANGYI:-}" ]]; then
  cmake -S . -B build-bench-classify -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build-bench-classify -j "$JOBS" --target fangyi >/dev/null
  FANGYI="$root/build-bench-classify/fangyi"
fi
[[ -x "$FANGYI" ]] || die "no fangyi binary at $FANGYI"

work="$(mktemp -d)"
if [[ "${KEEP:-0}" == 1 ]]; then echo "work directory: $work"; else trap 'rm -rf "$work"' EXIT; fi

"$FANGYI" compile rules forms -o "$work/rules.fyb" 2>/dev/null || die "compile failed"
for kind in contacts arrivals; do
  awk -v KIND="$kind" -v N="$ROWS" -v SEED="$SEED" -f "$here/gen_roster.awk" >"$work/$kind.csv"
done

# Median of the wall times (seconds) of RUNS runs of the command.
median_time() {
  local times=() start end
  for ((r = 0; r < RUNS; ++r)); do
    start=$(date +%s.%N)
    "$@" || [[ $? == 1 ]] || die "failed: $*"
    end=$(date +%s.%N)
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", b - a }')")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{ t[NR] = $1 } END { printf "%.3f", (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'
}

peak_rss_mb() {
  if [[ -x /usr/bin/time ]]; then
    # Exit status 1 (someone unclassified) is expected of the contacts roster.
    { /usr/bin/time -v "$@" 2>&1 >/dev/null || true; } | awk '/Maximum resident set size/ { printf "%.0f", $NF / 1024 }'
  else
    printf 'n/a'
  fi
}

printf '| roster | rows | output | median wall | rows/s | peak RSS | output size |\n|---|---|---|---|---|---|---|\n'
for kind in contacts arrivals; do
  for ext in csv xlsx; do
    out="$work/$kind.out.$ext"
    cmd=("$FANGYI" classify --rules "$work/rules.fyb" --roster "$work/$kind.csv" -q -o "$out")
    t=$(median_time "${cmd[@]}")
    rss=$(peak_rss_mb "${cmd[@]}")
    size=$(stat -c %s "$out")
    awk -v k="$kind" -v n="$ROWS" -v e="$ext" -v t="$t" -v r="$rss" -v s="$size" \
      'BEGIN { printf "| %s | %d | %s | %s s | %.0f | %s MB | %.1f MB |\n", k, n, e, t, n / t, r, s / 1048576 }'
  done
  "$FANGYI" classify --rules "$work/rules.fyb" --roster "$work/$kind.out.csv" -q -o "$work/$kind.again.csv" || [[ $? == 1 ]] || die "reclassify failed"
  cmp -s "$work/$kind.out.csv" "$work/$kind.again.csv" || die "$kind: classifying the output again changed it"
done
echo "idempotent: classifying each CSV output again gave the same bytes"
