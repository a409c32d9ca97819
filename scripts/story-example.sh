#!/usr/bin/env bash
# Regenerate docs/story/: the Mermaidcore story deck from the sample corpus, every slide
# rendered by LibreOffice (PDF) and poppler (PNG), 1280 px wide, quantized to stay small.
# Debian: apt-get install libreoffice-impress poppler-utils fonts-noto-color-emoji.
# A documentation step only: trendgraph itself never needs LibreOffice.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
.venv/bin/trendgraph ingest data/ --store "$work/graph.db" >/dev/null
.venv/bin/trendgraph export --seed Mermaidcore --story -o "$work/mermaidcore-story.pptx" \
  --store "$work/graph.db"
soffice "-env:UserInstallation=file://$work/lo-profile" --headless --convert-to pdf \
  --outdir "$work" "$work/mermaidcore-story.pptx" >/dev/null
pdftoppm -png -scale-to-x 1280 -scale-to-y 720 "$work/mermaidcore-story.pdf" "$work/slide"
rm -rf docs/story && mkdir -p docs/story
.venv/bin/python - "$work" docs/story <<'PY'
import sys
from pathlib import Path

from PIL import Image

source, target = Path(sys.argv[1]), Path(sys.argv[2])
for k, page in enumerate(sorted(source.glob("slide-*.png")), start=1):
    image = Image.open(page).convert("RGB")
    out = target / f"mermaidcore-{k:02d}.png"
    image.quantize(colors=96, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, optimize=True)
    print(f"wrote {out} ({out.stat().st_size} bytes)")
PY
