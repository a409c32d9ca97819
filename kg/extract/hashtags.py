"""Hashtags attach to what they name; a hashtag that names nothing is a weak trend.

``#cozygamer`` in a post about cozy gaming is another spelling of *Cozy gaming*, and
``#Nintendo`` is the brand, not a trend called Nintendo. A hashtag whose words (once
segmented, see :mod:`segment`) match another entity of the document, word for word
up to inflection (gamer ~ gaming, nail ~ nails), joins that entity. A generic
hashtag left alone (``#nailtrends``, ``#slowliving``) keeps a low confidence: it
becomes a trend node only if the corpus backs it (see :mod:`kg.consolidate`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Protocol

from kg.extract.resources import load_json
from kg.model import fold

HASHTAG_RULE = "hashtag"
ALONE_CONFIDENCE = 0.3
STEM_SUFFIXES = tuple(load_json("function_words.json")["stem_suffixes"])  # in order


class _Found(Protocol):
    """What these rules read of a mention (read-only, so a frozen dataclass fits)."""

    @property
    def name(self) -> str: ...
    @property
    def surface(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def rule(self) -> str: ...


def stem(word: str) -> str:
    """A crude inflection-free form: 'gamer' and 'gaming' -> 'gam', 'nails' -> 'nail'."""
    word = fold(word).replace(" ", "")
    for suffix in STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@functools.lru_cache(maxsize=16384)
def stems(name: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in re.split(r"[\s\-_]+", fold(name)) if w)


def is_hashtag_only(group: Sequence[_Found]) -> bool:
    return all(f.surface.startswith("#") for f in group)


def is_generic_hashtag(group: Sequence[_Found]) -> bool:
    """Only found by the catch-all hashtag rule (not a lexicon or a trend-shape rule)."""
    return is_hashtag_only(group) and all(
        f.source == "pattern" and f.rule == HASHTAG_RULE for f in group)


@functools.cache
def _shape_suffixes() -> tuple[str, ...]:
    from kg.extract.resources import load_json

    return tuple(load_json("coinage.json")["glued"])


def has_trend_shape(name: str) -> bool:
    """'Balletcore', 'Looksmaxxing': the name itself is built like a coinage."""
    last = fold(name).split()[-1] if fold(name).split() else ""
    return any(last.endswith(s) and len(last) > len(s) + 2 for s in _shape_suffixes())


def attach[F: _Found](members: dict[int, list[int]], found: Sequence[F],
                      union: Callable[[int, int], None],
                      compatible: Callable[[Sequence[F], Sequence[F]], bool]) -> None:
    """Join each hashtag-only group to the one other group whose words it repeats."""
    tags = [root for root, idx in members.items()
            if is_generic_hashtag([found[i] for i in idx])]
    if not tags:
        return
    named: dict[tuple[str, ...], set[int]] = {}
    for root, idx in members.items():
        group = [found[i] for i in idx]
        if is_hashtag_only(group):
            continue
        for f in group:
            for form in (f.name, f.surface):
                if key := stems(form):
                    named.setdefault(key, set()).add(root)
    for root in tags:
        group = [found[i] for i in members[root]]
        owners = {o for f in group for o in named.get(stems(f.name), set())}
        if len(owners) == 1:
            owner = owners.pop()
            if compatible(group, [found[i] for i in members[owner]]):
                union(owner, root)
