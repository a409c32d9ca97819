"""Sentence starts at blank lines and list items, set before the statistical splitter.

Blog posts put headings on their own line without a full stop ("Why it worked");
without this, the heading, the next sentence and any entity in them are glued
together, which yields spans like "Blockout2024\\n\\nAudience" and false relations.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

LIST_MARKS = frozenset(["-", "*", "•", "–", "#", ">"])


@Language.component("trendgraph_breaks")
def mark_breaks(doc: Doc) -> Doc:
    """Start a sentence after any blank line, and at a new line that opens with a bullet,
    a '#' or a capitalised word."""
    for token in doc[1:]:
        if token.is_space:
            continue
        previous = doc[token.i - 1]
        gap = previous.whitespace_ + (previous.text if previous.is_space else "")
        blank_line = gap.count("\n") >= 2
        new_line = "\n" in gap and (token.text in LIST_MARKS or token.is_title)
        if blank_line or new_line:
            token.is_sent_start = True
    return doc
