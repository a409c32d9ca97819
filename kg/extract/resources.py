"""Data files of the extractor (noise words, cues, patterns), loaded once per process.

Everything language-specific that is a list rather than logic lives in
``kg/extract/data/`` so that tuning the extractor means editing data, not code.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from kg.model import fold

DATA_DIR = Path(__file__).resolve().parent / "data"


@functools.cache
def load_json(name: str) -> dict[str, Any]:
    """One JSON data file of the extractor, parsed once."""
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


@functools.cache
def load_rules() -> tuple[dict[str, Any], ...]:
    """Pattern rules (one JSON object per line of ``patterns.jsonl``)."""
    rules = []
    with (DATA_DIR / "patterns.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.lstrip().startswith("//"):
                rules.append(json.loads(line))
    return tuple(rules)


def rules_for(lang: str, kind: str) -> list[dict[str, Any]]:
    """Rules of one kind that apply to ``lang`` (rules without ``lang`` apply to all)."""
    return [r for r in load_rules() if r["kind"] == kind and lang in r.get("lang", [lang])]


@functools.cache
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words for ``lang`` (lowercase), plus elided forms."""
    if lang == "fr":
        from spacy.lang.fr.stop_words import STOP_WORDS
    else:
        from spacy.lang.en.stop_words import STOP_WORDS
    words = {w.lower() for w in STOP_WORDS}
    words |= {w.replace("'", "’") for w in words}
    return frozenset(words)


@functools.cache
def function_words(role: str) -> frozenset[str]:
    """The closed-class words of one role ('determiners', 'genitives'…), as a set."""
    return frozenset(load_json("function_words.json")[role])


@functools.cache
def name_particles(*, joiners: bool = False) -> frozenset[str]:
    """Lowercase words inside names ('von', 'da'); with ``joiners`` also 'bin', 'of'."""
    data = load_json("names.json")
    return frozenset([*data["particles"], *(data["joiners"] if joiners else [])])


@functools.cache
def noise_words(lang: str) -> frozenset[str]:
    """Folded names that are never entities in ``lang`` (generic words, headings)."""
    data = load_json("noise.json")
    return frozenset(fold(w) for w in [*data["any"], *data.get(lang, [])])


@functools.cache
def title_words(lang: str) -> frozenset[str]:
    """Role words glued before person names ('YouTubeur Mister V')."""
    data = load_json("titles.json")
    return frozenset(w.lower() for key in (lang, "fr", "en") for w in data.get(key, []))


@functools.cache
def cues() -> dict[str, Any]:
    return load_json("cues.json")


@functools.cache
def relation_cues() -> dict[str, Any]:
    return load_json("relations.json")


@functools.cache
def camel_words() -> tuple[str, ...]:
    """CamelCase names never split ('TikTok'), longest first."""
    return tuple(sorted(cues()["camel_words"]["words"], key=len, reverse=True))


def phrases(values: list[str]) -> tuple[tuple[str, ...], ...]:
    """Cue phrases as lowercase token tuples, longest first (for greedy matching)."""
    out = {tuple(v.lower().replace("’", "'").split()) for v in values}
    return tuple(sorted(out, key=len, reverse=True))
