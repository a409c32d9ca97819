"""The shape of one sentence that decides which of its names are linked.

Naming two things in one sentence does not link them. Agency prose has a few
recurring shapes where it does not:

- a quotation and its attribution: in ``"Gorpcore lets millennials…," says Priya
  Natarajan, an analyst at Northbeam Research`` the speaker and her employer are
  the source of the claim, not part of it; they link to each other only;
- clauses split by ``;``: "the vanilla girl favoured cream knits; the strawberry
  girl, launched on Instagram…" says nothing about the vanilla girl and Instagram;
- a run of hashtags closing a post tags it, it does not state anything;
- lists of names of one kind ("Zara and H&M", "from Paris to Seoul").

Offsets are characters of the analysed text; the cue words live in
``data/relations.json`` so that tuning means editing data.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from kg.extract.resources import cues, relation_cues

QUOTE_PAIRS = (("«", "»"), ("“", "”"), ('"', '"'))


@dataclass(slots=True)
class Shape:
    """Regions of one sentence (absolute character offsets)."""

    start: int
    end: int
    quotes: list[tuple[int, int]] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)
    tags_from: int = -1
    attribution: list[tuple[int, int]] = field(default_factory=list)

    def clause(self, offset: int) -> int:
        return sum(1 for b in self.breaks if b < offset)

    def quoted(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.quotes)

    def attributed(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.attribution)

    def trailing_tag(self, offset: int) -> bool:
        return 0 <= self.tags_from <= offset


@functools.cache
def _speaker_cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Cue before the speaker (within a few role words), cue right after, cue opening."""
    data = relation_cues()["speakers"]
    verbs = sorted({*data["verbs"], *cues()["reporting_verbs"]}, key=len, reverse=True)
    alternation = "|".join(re.escape(v) for v in verbs)
    lead = "|".join(re.escape(v) for v in sorted(data["leading"], key=len, reverse=True))
    before = re.compile(rf"(?:(?<!\w)(?:{alternation}|{lead})(?!\w))[^.;:!?«»\"“”]{{0,60}}$",
                        re.IGNORECASE)
    after = re.compile(rf"^[\s,]*(?:{alternation})(?!\w)", re.IGNORECASE)
    opening = re.compile(rf"^\W*(?:{lead})(?!\w)", re.IGNORECASE)
    return before, after, opening


def shape(text: str, start: int, end: int) -> Shape:
    """Quotes, clause breaks and a closing run of hashtags of ``text[start:end]``."""
    sentence = text[start:end]
    out = Shape(start, end)
    for opening, closing in QUOTE_PAIRS:
        i = 0
        while (a := sentence.find(opening, i)) >= 0:
            b = sentence.find(closing, a + 1)
            if b < 0:
                break
            out.quotes.append((start + a, start + b + 1))
            i = b + 1
    out.breaks = [start + m.start() for m in re.finditer(r";", sentence)
                  if not out.quoted(start + m.start())]
    if (tags := trailing_tags_start(sentence)) is not None:
        out.tags_from = start + tags
    return out


def mark_speaker(text: str, sentence: Shape, person_start: int, person_end: int) -> bool:
    """Is the person at these offsets the source of a reported claim? Marks the attribution.

    "says X", "X said", "according to X", "selon X", "Pour la psychologue X, …". The
    attribution region is, with quotes in the sentence, the unquoted stretch holding
    the speaker; without quotes, from the cue to the next comma (cue before the
    speaker) or from the previous comma to the cue (cue after).
    """
    if sentence.quoted(person_start):
        return False
    before, after, _opening = _speaker_cues()
    # a cue before the speaker ends within its reach of the name: search only that tail
    # (one character more, so the cue's "no letter before" check sees what precedes it)
    tail = max(sentence.start, person_start - _speaker_reach() - 1)
    cue_before = before.search(text[tail:person_start])
    cue_after = after.search(text[person_end:sentence.end])
    if cue_before is None and cue_after is None:
        return False
    if sentence.quotes:
        lo = max((b for _a, b in sentence.quotes if b <= person_start), default=sentence.start)
        hi = min((a for a, _b in sentence.quotes if a >= person_end), default=sentence.end)
    elif cue_before is not None:
        lo = tail + cue_before.start()
        comma = text.find(",", person_end, sentence.end)
        hi = comma if comma >= 0 else sentence.end
    else:
        assert cue_after is not None
        comma = text.rfind(",", sentence.start, person_start)
        lo = comma + 1 if comma >= 0 else sentence.start
        hi = person_end + cue_after.end()
    sentence.attribution.append((lo, hi))
    return True


@functools.cache
def _speaker_reach() -> int:
    """How far before a name a speaker cue may start: the longest cue, 60 characters and
    the line break that ``$`` lets the pattern's match stop before."""
    data = relation_cues()["speakers"]
    words = [*data["verbs"], *cues()["reporting_verbs"], *data["leading"]]
    return max(len(w) for w in words) + 61


def trailing_tags_start(sentence: str) -> int | None:
    """Where a closing run of hashtags ("… #ootd #mermaidcore") begins, or None.

    Walked from the end: the regex it replaces, ``(?:\\s*#[\\w-]+)+\\s*$``, retried
    every '#' of a long run of tags and took time quadratic in the run's length.
    """
    text, first = sentence.rstrip(), None
    while (cut := text.rfind("#")) >= 0:
        tag = text[cut + 1:]
        if not tag or not all(c.isalnum() or c in "_-" for c in tag):
            break
        first, text = cut, text[:cut].rstrip()
    return len(text) if first is not None else None

