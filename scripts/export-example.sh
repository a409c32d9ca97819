#!/usr/bin/env bash
# Regenerate docs/export-example.png: ingest data/ into a throw-away store, export the
# Mermaidcore 2-hop subgraph to PPTX, render its first slide with LibreOffice headless
# (Debian: apt-get install libreoffice-impress poppler-utils) and shrink it for the README.
# A documentation step only: trendgraph itself never needs LibreOffice.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
.venv/bin/trendgraph ingest data/ --store "$work/graph.db" >/dev/null
.venv/bin/trendgraph export --seed Mermaidcore --hops 2 --format pptx \
  -o "$work/mermaidcore.pptx" --store "$work/graph.db"
soffice --headless --convert-to pdf --outdir "$work" "$work/mermaidcore.pptx" >/dev/null
pdftoppm -png -f 1 -l 1 -scale-to-x 1600 -scale-to-y 900 "$work/mermaidcore.pdf" "$work/slide"
.venv/bin/python - "$work"/slide-1.png docs/export-example.png <<'PY'
import sys
from PIL import Image

image = Image.open(sys.argv[1]).convert("RGB")
image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
    sys.argv[2], optimize=True)
PY
echo "wrote docs/export-example.png ($(stat -c %s docs/export-example.png) bytes)"
