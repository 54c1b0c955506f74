#!/usr/bin/env bash
# Renders the PNG sizes of the hicolor icon set from motor-studio.svg (needs rsvg-convert,
# package librsvg2-bin). The PNGs are committed, so building the package needs no renderer;
# run this after editing the SVG.
set -euo pipefail
cd "$(dirname "$0")"
for s in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$s" -h "$s" motor-studio.svg -o "motor-studio-$s.png"
done
