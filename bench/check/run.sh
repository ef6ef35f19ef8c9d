#!/usr/bin/env bash
# `fangyi check` against the same checks written as SQL for DuckDB, side by
# side on one synthetic export (see bench/check/README.md, "Benchmark").
#
#   bash bench/check/run.sh                  # 1,000,000 cases x 14 days
#   CASES=100000 bash bench/check/run.sh     # smaller
#
# Environment (all optional):
#   CASES=1000000 SCHOOLS=20 SEED=1 FAULTS=0.05   the export (gen_exports.cc)
#   TODAY=2022-01-01   the run date of both tools (after every case's day 14)
#   RUNS=3             timed runs of each tool, alternating DuckDB, fangyi, ...
#   DATA_DIR=dir       where the export goes (default $TMPDIR/fangyi-bench-check/<parameters>);
#                      reused when it was written with the same parameters and generator
#   FANGYI=path        use this binary instead of building build-bench/ (Release)
#   JOBS=1             ninja -j for that build (the machine is shared: 1 by default)
#   DUCKDB_THREADS=n   DuckDB's threads (default: its own, the number of cores)
#   TIMEOUT=600        seconds before a run is stopped (and reported as such)
#   MAX_RSS_MB=16384   a run whose resident memory exceeds this is stopped
#   NICE=0             do not give the timed runs priority (default: nice -20 in their own
#                      autogroup when root, as bench/compile/run.sh does)
#   KEEP=1             keep the work directory (rules, findings, time logs)
#
# Targets (the issue): fangyi at least 3x faster than DuckDB, under 200 MB peak RSS.
# Exit status: 0 targets met, 3 a target missed, 1 something failed (a build,
# a run, or the two tools disagree about the findings).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

CASES="${CASES:-1000000}"
SCHOOLS="${SCHOOLS:-20}"
SEED="${SEED:-1}"
FAULTS="${FAULTS:-0.05}"
TODAY="${TODAY:-2022-01-01}"
RUNS="${RUNS:-3}"
JOBS="${JOBS:-1}"
TIMEOUT="${TIMEOUT:-600}"
MAX_RSS_MB="${MAX_RSS_MB:-16384}"
TARGET_RATIO=3
TARGET_RSS_MB=200

say() { printf '%s\n' "$*"; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

# ---- tools
need_pkgs=()
[ -x /usr/bin/time ] || need_pkgs+=(time)
command -v c++ >/dev/null 2>&1 || need_pkgs+=(g++)
command -v timeout >/dev/null 2>&1 || need_pkgs+=(coreutils)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${need_pkgs[*]} ..."
    apt-get install -y "${need_pkgs[@]}" >/dev/null 2>&1 ||
      { apt-get update >/dev/null 2>&1 && apt-get install -y "${need_pkgs[@]}" >/dev/null 2>&1; } ||
      die "could not install ${need_pkgs[*]}"
  else
    die "missing ${need_pkgs[*]}: apt-get install -y ${need_pkgs[*]}"
  fi
fi
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || die "node and npm are needed (apt-get install -y nodejs npm)"

work="$(mktemp -d "${TMPDIR:-/tmp}/fangyi-bench-check.XXXXXX")"
if [ "${KEEP:-0}" = 1 ]; then
  say "keeping $work"
else
  trap 'rm -rf "$work"' EXIT
fi

# ---- (a) fangyi, Release, and the default rules
if [ -z "${FANGYI:-}" ]; then
  say "building fangyi (Release, build-bench/, ninja -j$JOBS) ..."
  cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release >"$work/cmake.log" 2>&1 ||
    { tail -20 "$work/cmake.log" >&2; die "cmake failed"; }
  ninja -C build-bench -j"$JOBS" fangyi >"$work/ninja.log" 2>&1 ||
    { tail -30 "$work/ninja.log" >&2; die "ninja failed (is someone mid-change? retry in a few minutes)"; }
  FANGYI="$root/build-bench/fangyi"
fi
[ -x "$FANGYI" ] || die "no fangyi binary at $FANGYI"
"$FANGYI" compile rules forms -o "$work/rules.fyb" >"$work/compile.log" 2>&1 ||
  { cat "$work/compile.log" >&2; die "fangyi compile rules forms failed"; }

# ---- (b) the export, reused when its parameters and generator are the same
gen_hash=$(sha256sum "$here/gen_exports.cc" | cut -c1-16)
params="cases=$CASES schools=$SCHOOLS seed=$SEED faults=$FAULTS gen=$gen_hash"
DATA_DIR="${DATA_DIR:-${TMPDIR:-/tmp}/fangyi-bench-check/c$CASES-s$SCHOOLS-seed$SEED-f$FAULTS}"
files=("$DATA_DIR/case-list.csv" "$DATA_DIR/followup.csv" "$DATA_DIR/screening.csv")
have=1
for f in "${files[@]}" "$DATA_DIR/expected-findings.csv" "$DATA_DIR/params"; do [ -s "$f" ] || have=0; done
if [ $have = 1 ] && [ "$(cat "$DATA_DIR/params")" = "$params" ]; then
  say "reusing the export in $DATA_DIR ($params)"
else
  say "generating $CASES cases x 14 days into $DATA_DIR ..."
  c++ -O2 -std=c++20 -pthread -o "$work/gen_exports" "$here/gen_exports.cc" || die "cannot compile gen_exports.cc"
  mkdir -p "$DATA_DIR"
  rm -f "$DATA_DIR/params"
  "$work/gen_exports" --cases "$CASES" --schools "$SCHOOLS" --seed "$SEED" --faults "$FAULTS" --out "$DATA_DIR" \
    2>"$work/gen.log" || { cat "$work/gen.log" >&2; die "gen_exports failed"; }
  printf '%s\n' "$params" >"$DATA_DIR/params"
fi
data_mb=$(du -cm "${files[@]}" | awk 'END {print $1}')
rows=$(for f in "${files[@]}"; do wc -l <"$f"; done | awk '{s += $1 - 1} END {print s}')

# ---- (c) DuckDB for node, into bench/check/node_modules (package-lock.json pins it)
say "npm install (bench/check: @duckdb/node-api) ..."
(cd "$here" && npm install --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1) ||
  { tail -20 "$work/npm.log" >&2; die "npm install failed"; }
duckdb_version=$(cd "$here" && node -e "import('@duckdb/node-api').then(m => console.log(m.default.version()))" 2>/dev/null || echo '?')

# ---- (d) the timed runs
prio=()
if [ "${NICE:-1}" = 1 ] && [ "$(id -u)" = 0 ] && command -v setsid >/dev/null 2>&1; then prio=(nice -n -20); fi

# measure NAME RUN -- command...: /usr/bin/time -v around `timeout`, stopped when its
# resident memory exceeds MAX_RSS_MB. Writes $work/NAME-RUN.{time,out,err,status}.
measure() {
  local name="$1" run="$2"
  shift 3
  local base="$work/$name-$run"
  local launcher=()
  if [ ${#prio[@]} -gt 0 ]; then
    launcher=(setsid --wait bash -c 'echo -20 >/proc/self/autogroup 2>/dev/null; exec nice -n -20 "$@"' _)
  fi
  "${launcher[@]}" /usr/bin/time -v -o "$base.time" timeout --signal=TERM --kill-after=10 "$TIMEOUT" "$@" \
    >"$base.out" 2>"$base.err" &
  local pid=$! killed="" rss_kb
  while kill -0 "$pid" 2>/dev/null; do
    # the resident memory of the process tree under $pid
    # (ps fails when the process has just ended: with pipefail, that must not end the script)
    rss_kb=$({ ps -o rss= --ppid "$(pgrep -d, -P "$pid" 2>/dev/null || echo "$pid")" 2>/dev/null || true; } |
      awk '{s += $1} END {print s + 0}')
    if [ "${rss_kb:-0}" -gt $((MAX_RSS_MB * 1024)) ] && [ -z "$killed" ]; then
      killed="over $MAX_RSS_MB MB"
      # the `timeout` process (its children get TERM from it)
      for p in $(pgrep -P "$pid"); do kill -TERM "$p" 2>/dev/null || true; for q in $(pgrep -P "$p"); do kill -TERM "$q" 2>/dev/null || true; done; done
    fi
    sleep 0.5
  done
  local status=0
  wait "$pid" || status=$?
  [ -n "$killed" ] && status="killed: $killed"
  case "$status" in 124 | 137) status="killed: over $TIMEOUT s" ;; esac
  printf '%s\n' "$status" >"$base.status"
}

# /usr/bin/time -v fields: wall seconds, user+sys seconds, max RSS KiB
time_fields() {
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
    /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident set size/ { r = $2 }
    END { printf "%.3f %.3f %d\n", w, u + s, r }' "$1"
}

say "warming the page cache ($data_mb MB) ..."
cat "${files[@]}" >/dev/null

duck_args=(node "$here/duckdb-checks.mjs" check --case-list "${files[0]}" --followup "${files[1]}"
  --screening "${files[2]}" --today "$TODAY" --out "$work/duckdb-findings.csv")
[ -n "${DUCKDB_THREADS:-}" ] && duck_args+=(--threads "$DUCKDB_THREADS")
fangyi_args=("$FANGYI" check --rules "$work/rules.fyb" --today "$TODAY" --format jsonl
  -o "$work/fangyi-findings.jsonl" "${files[@]}")

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
failed=0
for run in $(seq 1 "$RUNS"); do
  for tool in duckdb fangyi; do
    say "run $run/$RUNS: $tool ..."
    if [ $tool = duckdb ]; then measure duckdb "$run" -- "${duck_args[@]}"; else measure fangyi "$run" -- "${fangyi_args[@]}"; fi
    st=$(cat "$work/$tool-$run.status")
    # fangyi exits 1 when it found errors in the data: that is a success here
    if [ "$st" != 0 ] && ! { [ $tool = fangyi ] && [ "$st" = 1 ]; }; then
      say "  $tool run $run: exit status $st"
      tail -5 "$work/$tool-$run.err" | sed 's/^/  | /'
      failed=1
    fi
  done
  [ $failed = 1 ] && break
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- (e) the table
summary() {  # tool -> "mean min cpu_mean rss_max_kb runs"
  local tool="$1" run
  for run in $(seq 1 "$RUNS"); do
    [ -f "$work/$tool-$run.time" ] || continue
    st=$(cat "$work/$tool-$run.status")
    [ "$st" = 0 ] || { [ $tool = fangyi ] && [ "$st" = 1 ]; } || continue
    time_fields "$work/$tool-$run.time"
  done | awk '{ n++; w += $1; if (min == "" || $1 < min) min = $1; c += $2; if ($3 > r) r = $3 }
    END { if (n) printf "%.3f %.3f %.3f %d %d\n", w / n, min, c / n, r, n; else print "0 0 0 0 0" }'
}
read -r d_mean d_min d_cpu d_rss d_n < <(summary duckdb)
read -r f_mean f_min f_cpu f_rss f_n < <(summary fangyi)
d_findings=$(awk -F'\t' '$1 == "total" {print $2}' "$work/duckdb-1.out" 2>/dev/null || true)
f_findings=$( [ -f "$work/fangyi-findings.jsonl" ] && wc -l <"$work/fangyi-findings.jsonl" || echo '?')
e_findings=$(($(wc -l <"$DATA_DIR/expected-findings.csv") - 1))

mb() { awk -v k="$1" 'BEGIN { printf "%.0f MB", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
r_mean=$(ratio "$d_mean" "$f_mean")
r_min=$(ratio "$d_min" "$f_min")
speed_ok=$(awk -v r="$r_mean" -v t=$TARGET_RATIO 'BEGIN { print (r != "n/a" && r >= t) ? "met" : "NOT met" }')
rss_ok=$(awk -v k="$f_rss" -v t=$TARGET_RSS_MB 'BEGIN { print (k > 0 && k / 1024 < t) ? "met" : "NOT met" }')
rev="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet 2>/dev/null || echo '+dirty')"

say ""
say "fangyi check vs DuckDB — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), load $load_before → $load_after"
say "export: $CASES cases, $SCHOOLS schools, seed $SEED, faults $FAULTS: $rows rows, $data_mb MB ($DATA_DIR); --today $TODAY"
say "fangyi: $FANGYI ($rev); DuckDB $duckdb_version (@duckdb/node-api, node $(node --version))${prio:+; runs at nice -20}"
say ""
say "| tool | runs | wall mean | wall min | CPU mean (user+sys) | peak RSS | findings |"
say "|---|---:|---:|---:|---:|---:|---:|"
say "| DuckDB (SQL, $(ls "$here"/sql/[0-9][0-9]-*.sql | wc -l) files) | $d_n | $d_mean s | $d_min s | $d_cpu s | $(mb "$d_rss") | ${d_findings:-?} |"
say "| fangyi | $f_n | $f_mean s | $f_min s | $f_cpu s | $(mb "$f_rss") | $f_findings |"
say "| expected-findings.csv | | | | | | $e_findings |"
say ""
last=$(ls "$work"/duckdb-*.err 2>/dev/null | sort | tail -1)
if [ -n "$last" ]; then
  say "DuckDB time by SQL file ($(basename "$last" .err)): $(awk -F'\t' '$1 ~ /#/ { split($1, a, "#"); sub(/^ +/, "", a[1]); ms[a[1]] += $2; if (!(a[1] in seen)) { seen[a[1]] = 1; order[++n] = a[1] } }
    END { for (i = 1; i <= n; i++) printf "%s%s %d ms", (i > 1 ? ", " : ""), order[i], ms[order[i]] }' "$last")"
fi
say "DuckDB / fangyi wall time: $r_mean × (mean), $r_min × (min)"
say "target: fangyi ≥ $TARGET_RATIO× faster than DuckDB: $speed_ok ($r_mean×)"
say "target: fangyi peak RSS < $TARGET_RSS_MB MB: $rss_ok ($(mb "$f_rss"))"
if awk -v l="${load_before%% *}" -v m="${load_after%% *}" -v n="$(nproc)" 'BEGIN { exit !((l > n / 2) || (m > n / 2)) }'; then
  say "note: the machine was busy (load $load_before → $load_after on $(nproc) cores): wall times are inflated; compare CPU."
fi
for tool in duckdb fangyi; do
  for run in $(seq 1 "$RUNS"); do
    [ -f "$work/$tool-$run.status" ] || continue
    st=$(cat "$work/$tool-$run.status")
    case "$st" in killed*) say "$tool run $run was stopped ($st): its figures are left out" ;; esac
  done
done

# ---- per rule: DuckDB, fangyi, expected-findings.csv
if [ -s "$work/duckdb-findings.csv" ] && [ -f "$work/fangyi-findings.jsonl" ]; then
  say ""
  say "findings per rule (the last run of each tool; expected = the generator's manifest):"
  cmp_status=0
  node "$here/duckdb-checks.mjs" compare --expected "$DATA_DIR/expected-findings.csv" \
    --sql "$work/duckdb-findings.csv" --fangyi "$work/fangyi-findings.jsonl" --show 10 || cmp_status=$?
  [ $cmp_status = 0 ] || failed=1
else
  say "no findings to compare (a tool did not finish)"
  failed=1
fi

[ $failed = 1 ] && exit 1
[ "$speed_ok" = met ] && [ "$rss_ok" = met ] || exit 3
exit 0
