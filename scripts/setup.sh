#!/usr/bin/env bash
# Installs the Debian packages fangyi needs, if any are missing, and builds it.
# Usage: scripts/setup.sh [BUILD_DIR] [extra cmake args...]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config
  libyaml-cpp-dev libicu-dev libfmt-dev libcli11-dev zlib1g-dev
  libzip-dev libpugixml-dev libxlsxwriter-dev
  libhpdf-dev libharfbuzz-dev fonts-arphic-uming
  libcmark-gfm-dev libcmark-gfm-extensions-dev libkainjow-mustache-dev
  libgtest-dev libgmock-dev
  poppler-utils qpdf chromium nodejs firefox-esr
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

build_dir="${1:-build}"
shift || true
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFANGYI_WERROR=ON "$@" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
