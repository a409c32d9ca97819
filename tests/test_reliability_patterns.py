"""Every regular expression trendgraph runs on user text takes time linear in its length.

A 117-byte post with 45 capital letters once took over a minute to extract: a rule
with nested quantifiers backtracked exponentially. This fuzz test runs every regex
rule of kg/extract/data/patterns.jsonl and every compiled pattern of the extractor
and reader modules over long runs of the shapes social posts are full of, and checks
that four times the text costs at most about four times the time.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import time
from pathlib import Path

import pytest

import ingest
import kg.extract

PATTERNS = Path(kg.extract.__file__).parent / "data" / "patterns.jsonl"
SHAPES = {
    "capitals": "A",
    "capitals-then-digit": "AB",
    "camel": "Ab",
    "punctuation": "!?",
    "emoji": "😭🔥",
    "hashtags": "#Aa",
    "underscores": "A_",
    "mixed-scripts": "Жa漢",
    "dots": "a.",
    "spaces": "a ",
}


def _regexes() -> list[tuple[str, re.Pattern]]:
    found = []
    for line in PATTERNS.read_text(encoding="utf-8").splitlines():
        rule = json.loads(line) if line.strip() else {}
        if rule.get("kind") == "regex":
            found.append((f"patterns.jsonl:{rule['id']}", re.compile(rule["pattern"])))
    for package in (kg.extract, ingest):
        for module_info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{module_info.name}")
            for name, value in vars(module).items():
                if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                    found.append((f"{module.__name__}.{name}", value))
    return found


def _cost(pattern: re.Pattern, text: str) -> float:
    """CPU seconds of this thread: a busy machine slows the wall clock, not the pattern."""
    started = time.thread_time()
    for _ in pattern.finditer(text):
        pass
    return time.thread_time() - started


SIZES = [4, 8, 12, 16, 20, 24, 28, 32, 48, 64, 128, 256, 512, 1024, 2048, 4096, 8192]
BUDGET = 0.25  # seconds for one run; a backtracking pattern passes it within a few sizes


def _growth(pattern: re.Pattern, unit: str, tail: str) -> tuple[float, float]:
    """(time at 8,192 units, time ratio 8,192 / 2,048); sizes grow slowly first so an
    exponential pattern fails at a few dozen characters instead of running for hours."""
    times = {}
    for size in SIZES:
        times[size] = _cost(pattern, "Gen Z loves " + unit * size + tail)
        assert times[size] < BUDGET, (
            f"{times[size]:.2f} s on {size} x {unit!r}{tail}: the pattern backtracks")
    # The machine is shared: the fastest of three runs is the pattern's own cost.
    small = min(_cost(pattern, "Gen Z loves " + unit * 2048 + tail) for _ in range(3))
    big = min(_cost(pattern, "Gen Z loves " + unit * 8192 + tail) for _ in range(3))
    return big, big / max(small, 1e-4)


@pytest.mark.parametrize(("label", "pattern"), _regexes(), ids=lambda v: v
                         if isinstance(v, str) else "")
def test_patterns_run_in_linear_time(label, pattern):
    worst = max((*_growth(pattern, unit, tail), shape, tail)
                for shape, unit in SHAPES.items() for tail in ("", " 2024", "!"))
    big, ratio, shape, tail = worst
    print(f"\n{label}: worst {big * 1000:.1f} ms on 8,192 x {shape}{tail!r} "
          f"(x{ratio:.1f} for x4 the text)")
    if big > 0.02:  # below 20 ms, timing noise decides the ratio
        assert ratio < 12, f"{label} grows x{ratio:.1f} for x4 the text ({shape}): not linear"
