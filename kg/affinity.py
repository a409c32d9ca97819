"""Audience x trend affinity: which trends an audience over-indexes on, with support counted.

Lift (count / what the marginals predict) is what social-listening tools show,
but it is unbounded on small counts: one sentence linking a niche audience to a
niche trend reads as 6x or 40x and heads every list. The score used for ranking
and colour is therefore the log-odds ratio with an informative Dirichlet prior
(Monroe, Colaresi and Quinn, "Fightin' Words", 2008), as a z-score: the
audience's share of a trend against the other audiences' (or one named
audience's), both shrunk towards the trend's share in the two groups together
by adding that background count, and divided by its standard error. Few sentences mean a wide
error and a small z, so support is part of the score. Lift stays available as
the familiar, unshrunk figure beside it.

Everything is computed from one read of the Audience-Trend links
(``pair_counts``), so the matrix and the ranked lists share numbers; the
relationship type comes from the ontology.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from kg.errors import AnalysisError, Errors
from kg.ontology import OntProperty, load_ontology
from kg.queries import BIG
from kg.store import GraphStore

CLASS = load_ontology().names

PRIOR = 1.0  # the prior adds PRIOR x the trend's count in both groups to each group
MEASURES = ("sentences", "docs")

# doc_count where links keep counters, size(docs) where they keep the document list.
PAIRS = """
MATCH (s:{source})-[r:{rel_type}]->(t:{target})
RETURN s.id AS source_id, s.name AS source, t.id AS target_id, t.name AS target,
       r.weight AS weight, coalesce(r.doc_count, size(r.docs)) AS docs"""


@dataclass(frozen=True, slots=True)
class PairCounts:
    """Every audience-trend link count: ``counts[(audience, trend)] = (count, documents)``."""

    rel_type: str
    measure: str
    counts: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    by_audience: dict[str, int] = field(default_factory=dict)
    by_trend: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_audience.values())

    def count(self, audience: str, trend: str) -> int:
        return self.counts.get((audience, trend), (0, 0))[0]

    def audiences(self) -> list[str]:
        """Audience ids, largest total first."""
        return sorted(self.by_audience, key=lambda a: (-self.by_audience[a], self.names[a]))

    def trends(self) -> list[str]:
        return sorted(self.by_trend, key=lambda t: (-self.by_trend[t], self.names[t]))


def pair_counts(store: GraphStore, *, measure: str = "sentences") -> PairCounts:
    """Read the Trend -> Audience links once; ``measure`` counts sentences or documents."""
    if measure not in MEASURES:
        raise AnalysisError(Errors.AFFINITY_MEASURE.format(measure=measure))
    prop = _property(store, CLASS.Trend, CLASS.Audience)
    text = PAIRS.format(source=prop.domain, rel_type=prop.rel_type, target=prop.range)
    rows = store.query(text, limit=BIG, timeout=60.0).dicts()
    key = "weight" if measure == "sentences" else "docs"
    counts = {(r["target_id"], r["source_id"]): (int(r[key] or 0), int(r["docs"] or 0))
              for r in rows}
    names = {r["source_id"]: r["source"] or r["source_id"] for r in rows}
    names |= {r["target_id"]: r["target"] or r["target_id"] for r in rows}
    by_audience: dict[str, int] = defaultdict(int)
    by_trend: dict[str, int] = defaultdict(int)
    for (audience, trend), (count, _) in counts.items():
        by_audience[audience] += count
        by_trend[trend] += count
    return PairCounts(prop.rel_type, measure, counts, names, dict(by_audience), dict(by_trend))


def log_odds(y_a: int, n_a: int, y_b: int, n_b: int, alpha_w: float,
             alpha_0: float) -> tuple[float, float]:
    """Log-odds ratio of a trend in group a against group b, with a Dirichlet prior.

    ``y`` are the trend's counts, ``n`` the groups' totals, ``alpha_w`` the prior
    count of the trend and ``alpha_0`` the prior's total. Returns (delta, z):
    delta > 0 means a over-indexes; z = delta / its standard error.
    """
    rest_a = n_a + alpha_0 - y_a - alpha_w
    rest_b = n_b + alpha_0 - y_b - alpha_w
    if alpha_w <= 0 or rest_a <= 0 or rest_b <= 0:
        return 0.0, 0.0
    delta = math.log((y_a + alpha_w) / rest_a) - math.log((y_b + alpha_w) / rest_b)
    variance = 1 / (y_a + alpha_w) + 1 / (y_b + alpha_w)
    return delta, delta / math.sqrt(variance)


def score(counts: PairCounts, audience: str, trend: str, versus: str | None = None, *,
          prior: float = PRIOR) -> float:
    """z of ``audience`` over-indexing on ``trend`` against ``versus`` (None: every other)."""
    y_a, n_a = counts.count(audience, trend), counts.by_audience.get(audience, 0)
    if versus is None:
        y_b = counts.by_trend.get(trend, 0) - y_a
        n_b = counts.total - n_a
    else:
        y_b, n_b = counts.count(versus, trend), counts.by_audience.get(versus, 0)
    # The background both groups are shrunk towards: the two groups together.
    return log_odds(y_a, n_a, y_b, n_b, prior * (y_a + y_b), prior * (n_a + n_b))[1]


def lift(counts: PairCounts, audience: str, trend: str) -> tuple[float, float]:
    """(expected count from the marginals, count / expected)."""
    total = counts.total
    expected = (counts.by_audience.get(audience, 0) * counts.by_trend.get(trend, 0) / total
                if total else 0.0)
    return expected, (counts.count(audience, trend) / expected if expected else 0.0)


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
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class Affinity:
    """Audience x trend counts, lift and score; ``audiences``/``trends`` are (id, name, total)."""

    rel_type: str
    measure: str
    total: int
    audiences: tuple[tuple[str, str, int], ...] = ()
    trends: tuple[tuple[str, str, int], ...] = ()
    cells: tuple[AffinityCell, ...] = field(default=())

    def ranked(self) -> list[AffinityCell]:
        """Linked cells, highest score first (count breaks ties)."""
        return sorted((c for c in self.cells if c.count),
                      key=lambda c: (-c.score, -c.count, c.audience, c.trend))


def affinity_matrix(
    store: GraphStore,
    *,
    measure: str = "sentences",
    max_audiences: int = 15,
    max_trends: int = 25,
    counts: PairCounts | None = None,
) -> Affinity:
    """The largest audiences x the largest trends, each cell with count, lift and score.

    ``score`` is the z of the audience over-indexing on the trend against every
    other audience (``score``); lift = count / (row total x column total / grand
    total). Both use the whole graph's counts, before the cut to the display size.
    """
    counts = counts or pair_counts(store, measure=measure)
    audiences = counts.audiences()[:max_audiences]
    trends = counts.trends()[:max_trends]
    cells = []
    for audience in audiences:
        for trend in trends:
            count, docs = counts.counts.get((audience, trend), (0, 0))
            expected, lifted = lift(counts, audience, trend)
            cells.append(AffinityCell(
                audience, counts.names[audience], trend, counts.names[trend], count, docs,
                round(expected, 3), round(lifted, 3), round(score(counts, audience, trend), 3),
            ))
    names = counts.names
    return Affinity(
        rel_type=counts.rel_type, measure=counts.measure, total=counts.total,
        audiences=tuple((a, names[a], counts.by_audience[a]) for a in audiences),
        trends=tuple((t, names[t], counts.by_trend[t]) for t in trends), cells=tuple(cells),
    )


@dataclass(frozen=True, slots=True)
class OverIndex:
    """One trend in an audience's ranked list; ``other`` counts the comparison group."""

    trend_id: str
    trend: str
    count: int
    other: int
    share: float
    other_share: float
    score: float


def over_index(counts: PairCounts, audience: str, versus: str | None = None, *,
               limit: int = 20) -> list[OverIndex]:
    """What ``audience`` over-indexes on against ``versus`` (None: all other audiences).

    Only trends the audience itself is linked to, highest score first: "what
    Gen Z talks about more than millennials do", not what it never mentions.
    """
    if versus == audience:
        raise AnalysisError(Errors.AFFINITY_SELF)
    n_a = counts.by_audience.get(audience, 0)
    n_b = counts.by_audience.get(versus, 0) if versus else counts.total - n_a
    rows = []
    for trend in counts.by_trend:
        y_a = counts.count(audience, trend)
        if not y_a:
            continue
        y_b = counts.count(versus, trend) if versus else counts.by_trend[trend] - y_a
        rows.append(OverIndex(
            trend, counts.names[trend], y_a, y_b, round(y_a / n_a, 3) if n_a else 0.0,
            round(y_b / n_b, 3) if n_b else 0.0, round(score(counts, audience, trend, versus), 3),
        ))
    rows.sort(key=lambda r: (-r.score, -r.count, r.trend.lower()))
    return rows[:limit]


def _property(store: GraphStore, domain: str, range_: str) -> OntProperty:
    """The ontology property linking two classes, so no relationship type is typed here."""
    for prop in store.ontology.properties.values():
        if prop.domain == domain and prop.range == range_:
            return prop
    raise AnalysisError(Errors.NO_PROPERTY.format(domain=domain, range=range_))
