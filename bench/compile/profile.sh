#!/usr/bin/env bash
# Where `fangyi compile` spends its time on a generated rule set.
#
#   bash bench/compile/profile.sh [CHECKS]      # default 10000
#
# Uses perf (DWARF call graphs) when it works here, otherwise valgrind's
# callgrind on a smaller set (CHECKS/10: callgrind is ~50× slower; PROFILER=callgrind
# forces it). Prints
# the inclusive share of the compiler's stages and of the hottest functions.
# Needs the Release binary from run.sh (FANGYI=path to use another) and
# perf (Debian: linux-perf) or valgrind.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
CHECKS="${1:-10000}"
FANGYI="${FANGYI:-$root/build-bench/fangyi}"
[ -x "$FANGYI" ] || { echo "profile.sh: no $FANGYI; run bench/compile/run.sh first (or set FANGYI)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/fangyi-profile.XXXXXX")"
trap 'rm -rf "$work"' EXIT
c++ -O2 -std=c++20 -o "$work/gen_rules" "$here/gen_rules.cc"

# Stages and functions worth naming; the rest is in the full report.
pattern='fangyi::rules::(compile_rules|load_file|parse_[a-z]+|MapReader::[a-z]+|compile_expressions|verify_[a-z]+|write_rules_file|encode_rules|Loaded::~Loaded|RuleSet::~RuleSet|RuleSet::canonicalize|remember|expect_[a-z]+|\(anonymous namespace\)::within_limits)|fangyi::expr::compile|YAML::LoadAll|YAML::RegEx::MatchUnchecked|YAML::detail::memory::create_node|malloc_consolidate|exc_page_fault'

if [ "${PROFILER:-perf}" = perf ] && command -v perf >/dev/null 2>&1 && perf record -q -o "$work/probe.data" true >/dev/null 2>&1; then
  "$work/gen_rules" "$work/set" --checks "$CHECKS" 2>/dev/null
  perf record -q -F 1999 --call-graph dwarf,32768 -o "$work/perf.data" \
    "$FANGYI" compile "$work/set" -o "$work/out.fyb" >/dev/null 2>&1
  echo "perf, $CHECKS checks: inclusive % of samples (children), self %"
  perf report -i "$work/perf.data" --children --stdio -g none --percent-limit 0.5 2>/dev/null |
    grep -E "$pattern" | sed -E 's/ +\[\.\] / /; s/ +\[k\] / /' | cut -c1-160 | awk '!seen[$NF]++'
else
  small=$((CHECKS / 10))
  command -v valgrind >/dev/null 2>&1 || { echo "profile.sh: neither perf nor valgrind (apt-get install -y valgrind)" >&2; exit 1; }
  "$work/gen_rules" "$work/set" --checks "$small" --files 10 2>/dev/null
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" \
    "$FANGYI" compile "$work/set" -o "$work/out.fyb" >/dev/null 2>&1
  echo "callgrind, $small checks: inclusive instructions"
  callgrind_annotate --inclusive=yes "$work/cg.out" 2>/dev/null | grep -E "$pattern" | cut -c1-160 | head -40
fi
