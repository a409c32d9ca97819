"""A token matcher that only looks where its patterns can match.

spaCy's ``Matcher`` costs a little on every token of every document, whatever its
patterns hold: on short posts it was a tenth of trendgraph's own work. Yet almost
every pattern of the extractor needs one rare word ("famille", "fans", "brand",
"génération") that most documents lack. :class:`GatedMatcher` reads, for each
pattern, the words each of its obligatory tokens must be (the rarest such set is
the pattern's *anchor*), and

- skips a document where no pattern finds all the words it needs (most posts);
- when every pattern has a bounded length, runs the matcher only on windows around
  the anchors found (a match holds its anchor, so it lies inside one window).

Matches are those the plain matcher returns, offsets in the document; with windows,
matches of keys added with ``greedy`` come window by window rather than grouped by
key, so callers that rank overlapping matches must not rely on that order.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.extract.candidates import doc_text

REPEAT = re.compile(r"^\{(\d*),?(\d*)\}$")
COMMON = 8.0  # punctuation and numbers: never a good anchor


@functools.lru_cache(maxsize=8192)
def _frequency(word: str) -> float:
    """How common a word is in French or English (Zipf), punctuation counting as very common."""
    if not any(c.isalpha() for c in word):
        return COMMON
    from wordfreq import zipf_frequency

    return max(zipf_frequency(word, "en"), zipf_frequency(word, "fr"))


def _repeats(op: str | None) -> tuple[int, int | None]:
    """(minimum, maximum) number of tokens one pattern token stands for."""
    if op is None or op in ("1", "!"):  # "!" consumes one token that is not the one given
        return 1, 1
    if op == "?":
        return 0, 1
    if op == "*":
        return 0, None
    if op == "+":
        return 1, None
    found = REPEAT.match(op)
    if found is None:
        raise ValueError(f"unknown Matcher operator {op!r}")
    low, high = found.group(1), found.group(2)
    if "," not in op:
        return int(low), int(low)
    return int(low or 0), (int(high) if high else None)


def _upper(token: dict[str, Any]) -> dict[str, Any]:
    """The token's attributes with upper-case keys (spaCy reads them case-insensitively)."""
    return {k.upper(): v for k, v in token.items() if isinstance(k, str)}


def _literals(token: dict[str, Any]) -> frozenset[str] | None:
    """The lowercase forms a pattern token must have, or None when it is not a literal."""
    token = _upper(token)
    if token.get("OP") == "!":
        return None  # the one token it must NOT be
    for attr in ("LOWER", "ORTH", "TEXT"):
        value = token.get(attr)
        if isinstance(value, str):
            return frozenset([value.lower()])
        if isinstance(value, dict) and set(value) == {"IN"}:
            return frozenset(v.lower() for v in value["IN"])
    return None


def requirements(pattern: Sequence[dict[str, Any]]) -> list[frozenset[str]]:
    """The word sets the obligatory tokens of ``pattern`` must take, rarest first."""
    sets = {s for token in pattern if _repeats(_upper(token).get("OP"))[0] >= 1
            and (s := _literals(token)) is not None}
    return sorted(sets, key=lambda s: (max(_frequency(w) for w in s), len(s), sorted(s)))


def max_length(pattern: Sequence[dict[str, Any]]) -> int | None:
    """The longest match of ``pattern`` in tokens (None: unbounded)."""
    total = 0
    for token in pattern:
        high = _repeats(_upper(token).get("OP"))[1]
        if high is None:
            return None
        total += high
    return total


class GatedMatcher:
    """``Matcher`` with ``add`` and ``__call__``, run only where an anchor word occurs."""

    def __init__(self, vocab: Vocab, *, windows: bool = True) -> None:
        self.vocab = vocab
        self.matcher = Matcher(vocab)
        self.windows = windows
        self.always = False  # a pattern without a literal token: run on every document
        self.longest: int | None = 0
        self._anchors: set[int] = set()
        self._needs: set[tuple[frozenset[int], ...]] = set()
        self._hints: set[str] = set()
        self._array = numpy.zeros(0, dtype="uint64")

    def add(self, key: str, patterns: Iterable[Sequence[dict[str, Any]]], *,
            hints: Iterable[str] = (), **kwargs: Any) -> None:
        """Add patterns like ``Matcher.add``. ``hints``: words one of which the text of any
        match holds, for patterns whose literal tokens are all common words (a REGEX
        token does not tell its words: ``"the" + over-50s``)."""
        if self.windows and kwargs.get("on_match") is not None:
            raise ValueError("GatedMatcher: on_match callbacks would see windows, not the "
                             "document; pass windows=False to use them")
        rows: list[list[dict[str, Any]]] = [list(p) for p in patterns]
        self.matcher.add(key, rows, **kwargs)
        hints = [h.lower() for h in hints]
        self._hints.update(hints)
        for pattern in rows:
            if hints:
                continue  # gated by the hints (and then matched on the whole document)
            needs = tuple(frozenset(self.vocab.strings.add(w) for w in words)
                          for words in requirements(pattern))
            if not needs:
                self.always = True
            else:
                self._anchors |= needs[0]
                self._needs.add(needs)
            length = max_length(pattern)
            self.longest = None if length is None or self.longest is None else max(
                self.longest, length)
        self._array = numpy.array(sorted(self._anchors), dtype="uint64")

    def __len__(self) -> int:
        return len(self.matcher)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """``(match_id, start, end)`` of every match, as the plain ``Matcher`` finds them."""
        lowers = self._open(doc)
        if lowers is None:
            return []
        if (not self.windows or self._hints or self.longest is None or not len(lowers)
                or len(doc) <= 2 * self.longest):
            return self.matcher(doc)
        out: list[tuple[int, int, int]] = []
        for lo, hi in self._spans(numpy.flatnonzero(numpy.isin(lowers, self._array)), len(doc)):
            out.extend((key, lo + start, lo + end) for key, start, end in self.matcher(doc[lo:hi]))
        return out

    def could_match(self, doc: Doc) -> bool:
        """False when no pattern can match ``doc`` (a word it needs is missing)."""
        return self._open(doc) is not None

    def _open(self, doc: Doc) -> numpy.ndarray | None:
        """None when the gate stays shut; else the token LOWER hashes (empty: match all)."""
        if not len(doc):
            return None
        if self.always:
            return numpy.zeros(0, dtype="uint64")
        if self._hints:
            lowered = doc_text(doc).lower()
            if any(hint in lowered for hint in self._hints):
                return numpy.zeros(0, dtype="uint64")
        lowers = doc.to_array("LOWER")
        present = set(lowers.tolist())
        if self._anchors.isdisjoint(present) or not any(
            all(not words.isdisjoint(present) for words in needs) for needs in self._needs
        ):
            return None
        return lowers

    def _spans(self, positions: numpy.ndarray, size: int) -> list[tuple[int, int]]:
        """Windows around the anchors, merged where they overlap."""
        assert self.longest is not None
        reach = self.longest
        merged: list[list[int]] = []
        for i in positions:
            lo, hi = max(0, int(i) - reach + 1), min(size, int(i) + reach)
            if merged and lo <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        return [(lo, hi) for lo, hi in merged]
