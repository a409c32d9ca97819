"""How strongly a name's type is supported, in one document and across the corpus.

In a document each mention of an entity votes for the type it ended with: a lexicon
entry counts 4, a pattern or a context cue 3, knowledge (a place, a full name) 2, a
lone given name 1.5, the statistical model's bare guess 1. An entity carries the sum
(``Entity.type_support``).

Across the corpus one name may come out with two types: "Rouje" a Brand where an
article says "la marque Rouje", a Person in a post where the model guessed. The
corpus step is a pure function over per-entity statistics (id, type, name, mentions,
support), so it runs the same over a list of extractions in memory (``trendgraph
eval``) and over the statistics a store keeps after ingest: a reading held only by
weak votes (under 2 a mention) merges into the type the corpus supports at least
twice as much. Readings backed by a cue or the lexicon are kept: "Apple" the song
and "Apple" the brand stay apart. A store keeps no votes: there mentions stand for
support and a confidence of 0.75 or more (lexicon, cue, knowledge) for a firm reading.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Protocol

from kg.model import slug
from kg.ontology import load_ontology

CONFUSABLE = load_ontology().proper_types
"""Classes the model confuses with one another: those whose entities bear a proper name."""
WEAK = 2.0
MAJORITY = 2.0


def mention_weight(source: str, rule: str) -> float:
    """The vote of one mention for its type (see the module docstring)."""
    if source == "lexicon":
        return 4.0
    if source in ("pattern", "propagated") or rule.endswith("+cue"):
        return 3.0
    if rule.endswith("+known"):
        return 2.0
    return 1.5 if rule.endswith("+name") else 1.0


class Row(Protocol):
    """What the corpus step reads about one node (``kg.consolidate.EntityStats``)."""

    id: str
    type: str
    name: str
    mentions: int
    documents: int
    support: float
    confidence: float


FIRM_CONFIDENCE = 0.75


def _support(row: Row) -> float:
    """A store that keeps no votes counts one per mention."""
    return row.support or float(row.mentions or row.documents)


def _weak(row: Row) -> bool:
    """Typed by the model's guesses only: under 2 votes a mention; without votes (a store),
    a confidence under that of a cue (lexicon, cues and knowledge score 0.75 or more)."""
    if row.support:
        return row.support < WEAK * max(row.mentions, 1)
    return row.confidence < FIRM_CONFIDENCE


def retypes(rows: Iterable[Row]) -> list[tuple[str, str, str]]:
    """``(weak node, node it merges into, reason)`` for names typed two ways in the corpus."""
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.type in CONFUSABLE:
            groups[slug(row.name)].append(row)
    out = []
    for members in groups.values():
        if len({r.type for r in members}) < 2:
            continue
        totals: dict[str, float] = defaultdict(float)
        for row in members:
            totals[row.type] += _support(row)
        ranked = sorted(totals.items(), key=lambda kv: kv[1], reverse=True)
        winner_type, best = ranked[0]
        winner = max((r for r in members if r.type == winner_type), key=_support)
        for row in members:
            if row.type != winner_type and _weak(row) and best >= MAJORITY * totals[row.type]:
                out.append((row.id, winner.id,
                            f"typed {winner_type} by the corpus ({best:g} against "
                            f"{totals[row.type]:g} for {row.type})"))
    return out
