"""Audience x trend affinity: how much more two things go together than chance predicts.

Lift over the matrix's own marginals is the measure strategists already read in
social-listening tools; the relationship type comes from the ontology so the
matrix follows whatever property links Trend to Audience.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg.ontology import OntProperty
from kg.store import GraphStore

BIG = 10_000_000

PAIRS = """
MATCH (s:{source})-[r:{rel_type}]->(t:{target})
RETURN s.id AS source_id, s.name AS source, t.id AS target_id, t.name AS target,
       r.weight AS weight, r.doc_count AS docs"""


@dataclass(frozen=True, slots=True)
class AffinityCell:
    audience_id: str
    audience: str
    trend_id: str
    trend: str
    count: int
    docs: int
    expected: float
    lift: float


@dataclass(frozen=True, slots=True)
class Affinity:
    """Audience x trend counts and lift; ``audiences``/``trends`` are (id, name, total)."""

    rel_type: str
    measure: str
    total: int
    audiences: tuple[tuple[str, str, int], ...] = ()
    trends: tuple[tuple[str, str, int], ...] = ()
    cells: tuple[AffinityCell, ...] = field(default=())


def affinity_matrix(
    store: GraphStore,
    *,
    measure: str = "sentences",
    max_audiences: int = 15,
    max_trends: int = 25,
) -> Affinity:
    """How much more each audience goes with each trend than their totals predict.

    ``count`` is the link's supporting sentences (``measure="sentences"``) or
    documents (``"docs"``); lift = count / expected, expected = row total x column
    total / grand total, computed over the whole matrix before the display cut to
    the largest audiences and trends. Lift 1 is "as expected", 2 is twice as often.
    """
    if measure not in ("sentences", "docs"):
        raise ValueError(f"measure must be 'sentences' or 'docs', not {measure!r}")
    prop = _property(store, "Trend", "Audience")
    text = PAIRS.format(source=prop.domain, rel_type=prop.rel_type, target=prop.range)
    rows = store.query(text, limit=BIG, timeout=60.0).dicts()
    key = "weight" if measure == "sentences" else "docs"
    counts = {(r["target_id"], r["source_id"]): (int(r[key] or 0), int(r["docs"] or 0))
              for r in rows}
    names = {r["source_id"]: r["source"] for r in rows} | {r["target_id"]: r["target"]
                                                           for r in rows}
    by_audience: dict[str, int] = defaultdict(int)
    by_trend: dict[str, int] = defaultdict(int)
    for (audience, trend), (count, _) in counts.items():
        by_audience[audience] += count
        by_trend[trend] += count
    total = sum(by_audience.values())
    audiences = sorted(by_audience, key=lambda a: (-by_audience[a], names[a]))[:max_audiences]
    trends = sorted(by_trend, key=lambda t: (-by_trend[t], names[t]))[:max_trends]
    cells = []
    for audience in audiences:
        for trend in trends:
            count, docs = counts.get((audience, trend), (0, 0))
            expected = by_audience[audience] * by_trend[trend] / total if total else 0.0
            cells.append(AffinityCell(
                audience, names[audience], trend, names[trend], count, docs, round(expected, 3),
                round(count / expected, 3) if expected else 0.0,
            ))
    return Affinity(
        rel_type=prop.rel_type, measure=measure, total=total,
        audiences=tuple((a, names[a], by_audience[a]) for a in audiences),
        trends=tuple((t, names[t], by_trend[t]) for t in trends), cells=tuple(cells),
    )


def _property(store: GraphStore, domain: str, range_: str) -> OntProperty:
    """The ontology property linking two classes, so no relationship type is typed here."""
    for prop in store.ontology.properties.values():
        if prop.domain == domain and prop.range == range_:
            return prop
    raise ValueError(f"The ontology declares no property from {domain} to {range_}.")
