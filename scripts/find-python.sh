#!/usr/bin/env bash
# Print the path of a Python >= 3.12 interpreter, or explain how to get one.
set -euo pipefail
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; }
for candidate in "${PYTHON:-}" python3.12 python3.13 python3; do
  [ -n "$candidate" ] || continue
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if ok "$path"; then echo "$path"; exit 0; fi
done
if command -v pyenv >/dev/null 2>&1; then
  for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.(1[2-9])' | sort -V); do
    path="$(pyenv root)/versions/$v/bin/python"
    if ok "$path"; then echo "$path"; exit 0; fi
  done
fi
echo "trendgraph needs Python >= 3.12: install python3.12 (or 3.13) or set PYTHON=/path/to/python" >&2
exit 1
