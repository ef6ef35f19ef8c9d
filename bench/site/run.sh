#!/usr/bin/env bash
# The handbook benchmark: the same 1,000 generated Markdown pages (Chinese
# text, headings, lists, GFM tables, links) built by Hugo and by
# `fangyi site` in one run, timed with hyperfine; prints both times and the
# ratio. Target (issue 5): fangyi at least 5x faster than Hugo.
#
#   bash bench/site/run.sh          # from anywhere inside the repository
#
# Environment (all optional):
#   FANGYI=path   use this fangyi binary (default: build build-site-bench/ in Release)
#   PAGES=1000    generated pages          RUNS=10  WARMUP=2   hyperfine runs
#   KEEP=1        keep the temporary directory (pages, both sites, JSON)
#
# Exits 1 when a build fails, 3 when the target is missed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
PAGES="${PAGES:-1000}"
RUNS="${RUNS:-10}"
WARMUP="${WARMUP:-2}"
TARGET_RATIO=5

die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

# ---- tools: Hugo, hyperfine and Node (to read hyperfine's JSON) are Debian packages
need=()
command -v hugo >/dev/null 2>&1 || need+=(hugo)
command -v hyperfine >/dev/null 2>&1 || need+=(hyperfine)
command -v node >/dev/null 2>&1 || need+=(nodejs)
if [ "${#need[@]}" -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing ${need[*]}; install them with apt-get (as root)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# ---- fangyi in Release, unless given
if [ -z "${FANGYI:-}" ]; then
  cmake -S . -B build-site-bench -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build-site-bench --target fangyi -j "${JOBS:-1}" >/dev/null
  FANGYI="$root/build-site-bench/fangyi"
fi
[ -x "$FANGYI" ] || die "no fangyi binary at $FANGYI"

tmp="$(mktemp -d /tmp/fangyi-site-bench-XXXXXX)"
if [ "${KEEP:-0}" != 1 ]; then trap 'rm -rf "$tmp"' EXIT; else echo "keeping $tmp"; fi

# ---- the pages, once; Hugo gets the same files with a title in front matter
mkdir -p "$tmp/pages" "$tmp/hugo/content" "$tmp/hugo/layouts/_default"
awk -v n="$PAGES" -v dir="$tmp/pages" -f "$here/gen_pages.awk"
for f in "$tmp"/pages/*.md; do
  name="$(basename "$f")"
  title="$(head -n 1 "$f" | sed 's/^# //')"
  { printf -- '---\ntitle: "%s"\n---\n' "$title"; cat "$f"; } > "$tmp/hugo/content/${name/index.md/_index.md}"
done
sed -i 's/(\(page-[0-9]*\)\.md)/({{< relref "\1.md" >}})/g' "$tmp"/hugo/content/page-*.md
cat > "$tmp/hugo/hugo.toml" <<'TOML'
baseURL = "/"
relativeURLs = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = false
TOML
# A layout doing what fangyi's does per page: title, table of contents,
# content, previous / next.
cat > "$tmp/hugo/layouts/_default/single.html" <<'HTML'
<!DOCTYPE html><html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}"></head><body>
<nav>{{ .TableOfContents }}</nav><main>{{ .Content }}
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</main></body></html>
HTML
cat > "$tmp/hugo/layouts/_default/list.html" <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ .Content }}</main></body></html>
HTML

# ---- rules for fangyi's generated pages
"$FANGYI" compile rules forms -o "$tmp/rules.fyb" 2>/dev/null || die "fangyi compile failed"
seeds=()
[ -d ../shared/seeds ] && seeds=(--seeds ../shared/seeds)

# ---- one build each first: both must succeed, and say what they made
hugo --quiet -s "$tmp/hugo" -d "$tmp/out-hugo" || die "hugo failed"
"$FANGYI" site --rules "$tmp/rules.fyb" --pages "$tmp/pages" --templates templates "${seeds[@]}" \
  -o "$tmp/out-fangyi" 2>"$tmp/fangyi.log" || { cat "$tmp/fangyi.log"; die "fangyi site failed"; }
hugo_pages="$(find "$tmp/out-hugo" -name '*.html' | wc -l)"
fangyi_pages="$(find "$tmp/out-fangyi" -name '*.html' | wc -l)"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(hugo version | cut -d' ' -f1-2)"
echo "input:   $PAGES pages + index, $(du -sh "$tmp/pages" | cut -f1) of Markdown"
echo "hugo:    $hugo_pages HTML files, $(du -sh "$tmp/out-hugo" | cut -f1)"
echo "fangyi:  $fangyi_pages HTML files (also the rule pages, seed pages, print view), search index" \
     "$(du -h "$tmp/out-fangyi/assets/search-index.js" | cut -f1), $(du -sh "$tmp/out-fangyi" | cut -f1)"

hyperfine -N --style basic --warmup "$WARMUP" --runs "$RUNS" --export-json "$tmp/times.json" \
  -n hugo "hugo --quiet -s $tmp/hugo -d $tmp/out-hugo" \
  -n fangyi "$FANGYI site --rules $tmp/rules.fyb --pages $tmp/pages --templates $root/templates ${seeds[*]} -o $tmp/out-fangyi"

node -e '
const r = require(process.argv[1]).results;
const by = Object.fromEntries(r.map((x) => [x.command, x]));
const ms = (s) => (s * 1000).toFixed(0) + " ms";
for (const x of r)
  console.log(x.command.padEnd(7) + " mean " + ms(x.mean) + " ± " + ms(x.stddev) + ", min " + ms(x.min) +
              ", CPU (user+sys) " + ms(x.user + x.system));
const ratio = by.hugo.mean / by.fangyi.mean;
const cpu = (by.hugo.user + by.hugo.system) / (by.fangyi.user + by.fangyi.system);
console.log("ratio   fangyi is " + ratio.toFixed(1) + "x faster than hugo (wall), " + cpu.toFixed(1) + "x (CPU); target " +
            process.argv[2] + "x: " + (ratio >= +process.argv[2] ? "met" : "MISSED"));
process.exit(ratio >= +process.argv[2] ? 0 : 3);
' "$tmp/times.json" "$TARGET_RATIO"
