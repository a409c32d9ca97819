"""Proof for what the app shows: quotes that are body sentences, not headlines.

A relationship keeps a few evidence sentences; when one of them is only the
document's title (a headline) and another sentence exists, the headline is not
proof of anything a strategist can quote, so it goes last or away.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.entities import Quote
from kg.model import fold


def is_headline(quote: Quote) -> bool:
    """The quote is the document's title (or the title plus punctuation)."""
    title = fold(quote.doc.title or "")
    return bool(title) and fold(quote.sentence).strip(" .!?:") == title.strip(" .!?:")


def body_first(quotes: Iterable[Quote]) -> list[Quote]:
    """Body sentences, newest document first; headlines only when nothing else exists."""
    found = list(dict.fromkeys(quotes))
    body = [q for q in found if not is_headline(q)]
    chosen = body or found
    return sorted(chosen, key=lambda q: q.doc.date, reverse=True)
