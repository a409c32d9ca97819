"""A quoted title that holds a known title is one work: « Mufasa : Le Roi Lion ».

The lexicon knows 'Le Roi Lion'; the quotation marks around the longer title say
where the work's name ends, so the whole quotation is the work and the names inside
it ('Mufasa', read by the model as a place) are part of its title, not things of
their own. Only a quotation that reads as a title (capitalised words, short function
words, a colon or dash between a title and its subtitle) is widened: a quoted
sentence that merely mentions a film stays as it is.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.extract.candidates import info, with_info
from kg.extract.text import QUOTES_CLOSE, QUOTES_OPEN
from kg.ontology import load_ontology

CLASS = load_ontology().names
MAX_TITLE = 8  # tokens inside the quotation marks
TITLE_MARKS = frozenset([":", "-", "–", "—", ",", "&", "'", "’"])


def widen_quoted_works(spans: list[Span]) -> list[Span]:
    """``spans`` with each work that sits inside a longer quoted title widened to it,
    and the other names inside that title dropped."""
    wide: list[Span] = []
    for span in spans:
        if info(span).type == CLASS.CreativeWork and (bounds := _quotation(span)) \
                and _adds_a_word(span, *bounds):
            wide.append(with_info(span, start=bounds[0], end=bounds[1], rule="quoted-whole",
                                  name=span.doc[bounds[0]:bounds[1]].text))
    if not wide:
        return spans
    inside = [(w.start, w.end) for w in wide]
    kept = [s for s in spans if not any(lo <= s.start and s.end <= hi for lo, hi in inside)]
    return kept + wide


def _adds_a_word(span: Span, start: int, end: int) -> bool:
    """The quotation holds a word of its own beside the known title ('Mufasa'), not
    just the article the lexicon match left out (« Le Roi Lion »)."""
    doc = span.doc
    return any(t.is_alpha and not t.is_stop for t in (*doc[start:span.start], *doc[span.end:end]))


def _quotation(span: Span) -> tuple[int, int] | None:
    """(start, end) of the words between the quotation marks around ``span``, when they
    read as a title."""
    doc = span.doc
    lo = _mark(doc, span.start - 1, -1, QUOTES_OPEN, span.sent.start)
    hi = _mark(doc, span.end, 1, QUOTES_CLOSE, span.sent.end - 1)
    if lo is None or hi is None or hi - lo - 1 > MAX_TITLE:
        return None
    words = doc[lo + 1:hi]
    if not all(t.text[:1].isupper() or t.is_stop or t.like_num or t.text in TITLE_MARKS
               for t in words):
        return None
    return lo + 1, hi


def _mark(doc: Doc, i: int, step: int, marks: frozenset[str], limit: int) -> int | None:
    """Index of the nearest quotation mark from ``i`` in direction ``step``, within
    ``MAX_TITLE`` tokens and the sentence; None when another mark type comes first."""
    for _ in range(MAX_TITLE):
        if (step < 0 and i < limit) or (step > 0 and i > limit) or i < 0 or i >= len(doc):
            return None
        text = doc[i].text
        if text in marks and text not in ("'", "’"):
            return i
        if text in QUOTES_OPEN | QUOTES_CLOSE or "\n" in doc[i].whitespace_:
            return None
        i += step
    return None
