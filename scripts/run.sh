#!/usr/bin/env bash
# Quick start, step 1: install what is missing, build, and run the main job
# (`fangyi build` on the bundled rules/, forms/, site/ and examples/ -> out/).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
build/fangyi build .
