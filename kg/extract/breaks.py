"""Sentence starts at blank lines and list items, set before the statistical splitter.

Blog posts put headings on their own line without a full stop ("Why it worked");
without this, the heading, the next sentence and any entity in them are glued
together, which yields spans like "Blockout2024\\n\\nAudience" and false relations.
A short capital word keeps its full stop as one token ("génération Z." reads like an
initial), so the sentence after it would be glued too; such a token is split when
the next word opens a sentence.
"""

from __future__ import annotations

import bisect
import functools
import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.extract.candidates import doc_text
from kg.extract.resources import load_json, stop_words

LIST_MARKS = frozenset(["-", "*", "•", "–", "#", ">"])
BREAK_CHARS = re.compile(r"[\n.]")
STOP_THEN_SPACE = re.compile(r"\. ")
SHORT_WITH_STOP = re.compile(r"^[A-Z0-9][A-Za-z0-9]{0,3}\.$")


@Language.component("trendgraph_breaks")
def mark_breaks(doc: Doc) -> Doc:
    """Start a sentence after any blank line, and at a new line that opens with a bullet,
    a '#' or a capitalised word; split "Z." off a sentence end."""
    _split_final_stops(doc)
    for i in _after_newline_or_stop(doc):
        previous, token = doc[i - 1], doc[i]
        if token.is_space:
            continue
        gap = previous.whitespace_ + (previous.text if previous.is_space else "")
        blank_line = gap.count("\n") >= 2
        new_line = "\n" in gap and (token.text in LIST_MARKS or token.is_title)
        if blank_line or new_line or _after_split_stop(previous):
            token.is_sent_start = True
    return doc


def _after_newline_or_stop(doc: Doc) -> list[int]:
    """The tokens after one whose text or trailing space holds a new line or a full stop,
    in order: only there can a sentence start be set (a token-by-token walk of every
    post cost more than the rest of this component)."""
    text = doc_text(doc)
    starts = doc.to_array("IDX").tolist()
    owners = {bisect.bisect_right(starts, m.start()) - 1 for m in BREAK_CHARS.finditer(text)}
    return sorted(j + 1 for j in owners if 0 <= j < len(doc) - 1)


def _opens_sentence(token: Token) -> bool:
    """A capitalised function word ("Il", "The", "Rien") starts a sentence; a surname does not."""
    if not token.text[:1].isupper():
        return False
    lowered = token.lower_.replace("’", "'")
    return lowered in stop_words("fr") or lowered in stop_words("en") or lowered in _openers()


@functools.cache
def _openers() -> frozenset[str]:
    return frozenset(load_json("noise.json")["sentence_openers"]["words"])


def _split_final_stops(doc: Doc) -> None:
    starts = doc.to_array("IDX").tolist()  # only a token ending in ". " can qualify
    ends = sorted({bisect.bisect_right(starts, m.start()) - 1
                   for m in STOP_THEN_SPACE.finditer(doc_text(doc))})
    targets = [
        t for t in (doc[j] for j in ends if j < len(doc) - 1)
        if SHORT_WITH_STOP.match(t.text) and t.whitespace_ and _opens_sentence(doc[t.i + 1])
    ]
    if not targets:
        return
    with doc.retokenize() as retokenizer:
        for token in targets:
            retokenizer.split(token, [token.text[:-1], "."], heads=[(token, 0), (token, 0)])


def _after_split_stop(previous: Token) -> bool:
    """Is ``previous`` the full stop split off by :func:`_split_final_stops`?"""
    if previous.text != "." or not previous.whitespace_ or previous.i == 0:
        return False
    before = previous.doc[previous.i - 1]
    return not before.whitespace_ and bool(SHORT_WITH_STOP.match(before.text + "."))
