"""The numbers behind the story's chart slides: weekly mentions and audience affinity.

Both come from the shared analytics (``kg.analytics.weekly_mentions``,
``kg.affinity.affinity_matrix``), so the deck shows the figures the app's trend
profile and affinity pages show; only the cut for one seed happens here.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.affinity import AffinityCell, affinity_matrix
from kg.analytics import WeekCount, parse_day, weekly_mentions
from kg.export import wording
from kg.ontology import load_ontology
from kg.store import GraphStore
from kg.subgraph import Node, Selection, Subgraph

CLASS = load_ontology().names

AFFINITY_COLUMNS = 4  # the seed and up to three trends linked to it
AFFINITY_ROWS = 8
ALL = 100_000


@dataclass(frozen=True, slots=True)
class Timeline:
    title: str
    subtitle: str
    series: str
    weeks: tuple[WeekCount, ...]


@dataclass(frozen=True, slots=True)
class AffinityTable:
    title: str
    subtitle: str
    columns: tuple[tuple[str, str], ...]  # (trend id, name), the seed first
    rows: tuple[tuple[str, str], ...]  # (audience id, name)
    cells: dict[tuple[str, str], AffinityCell]  # (audience id, trend id)


def timeline(store: GraphStore, seed: Node, selection: Selection) -> Timeline | None:
    """Documents per week mentioning the seed, over the selection's dates (None if undated)."""
    weeks = weekly_mentions(store, seed.id, since=parse_day(selection.since),
                            until=parse_day(selection.until))
    if not weeks or not any(w.documents for w in weeks):
        return None
    peak = max(weeks, key=lambda w: (w.documents, w.week))
    total = sum(w.documents for w in weeks)
    span = f"{weeks[0].week.isoformat()} to {weeks[-1].week.isoformat()}"
    return Timeline(
        title=f"Mentions of {seed.name} peaked in the week of {peak.week.isoformat()} "
              f"({wording.plural(peak.documents, 'document')})",
        subtitle=f"Documents mentioning {seed.name} per week, {span} · "
                 f"{wording.plural(total, 'document')} in {wording.plural(len(weeks), 'week')}",
        series=f"Documents mentioning {seed.name}",
        weeks=tuple(weeks),
    )


def affinity_table(store: GraphStore, overview: Subgraph, seed: Node) -> AffinityTable | None:
    """Audience x trend lift for the seed and the trends next to it (Trend seeds only)."""
    if seed.type != CLASS.Trend:
        return None
    matrix = affinity_matrix(store, max_audiences=ALL, max_trends=ALL)
    trends = {t[0]: t[1] for t in matrix.trends}
    if seed.id not in trends:
        return None
    cells = {(c.audience_id, c.trend_id): c for c in matrix.cells}
    neighbours = sorted(
        (n for n in overview.nodes if n.type == CLASS.Trend and not n.seed and n.id in trends),
        key=lambda n: (-_link_weight(overview, seed.id, n.id), n.name))
    columns = [(seed.id, seed.name), *((n.id, n.name) for n in neighbours)]
    columns = columns[:AFFINITY_COLUMNS]
    audiences = [(a[0], a[1]) for a in matrix.audiences
                 if any(cells.get((a[0], t)) and cells[(a[0], t)].count for t, _ in columns)]
    audiences.sort(key=lambda a: (-_count(cells, a[0], seed.id), -_total(cells, a[0], columns),
                                  a[1]))
    rows = tuple(audiences[:AFFINITY_ROWS])
    if not rows:
        return None
    return AffinityTable(
        title=_affinity_title(cells, rows, seed),
        subtitle="Lift (× what the totals predict) and sentences · shading by a "
                 "support-aware score",
        columns=tuple(columns), rows=rows,
        cells={k: v for k, v in cells.items() if k[0] in dict(rows) and k[1] in dict(columns)},
    )


def _link_weight(graph: Subgraph, a: str, b: str) -> int:
    return sum(e.weight for e in graph.edges if {e.source, e.target} == {a, b})


def _count(cells: dict, audience: str, trend: str) -> int:
    cell = cells.get((audience, trend))
    return cell.count if cell else 0


def _total(cells: dict, audience: str, columns: list[tuple[str, str]]) -> int:
    return sum(_count(cells, audience, t) for t, _ in columns)


def _affinity_title(cells: dict, rows: tuple[tuple[str, str], ...], seed: Node) -> str:
    """The seed's audience with the best support-aware score (``AffinityCell.score``), in words.

    The score is a log-odds z with an informative prior (kg.affinity), so a single
    sentence between two rare entities cannot headline the slide; lift is the figure
    strategists read, so the title states it.
    """
    mine = [cells[(a, seed.id)] for a, _ in rows if (a, seed.id) in cells
            and cells[(a, seed.id)].count]
    if not mine:
        return f"No audience is linked to {seed.name} yet; its neighbours' audiences"
    best = max(mine, key=lambda c: (c.score, c.count, c.audience))
    return (f"{best.audience} and {seed.name} are linked {best.lift:.1f}× more often than "
            f"their totals predict ({wording.plural(best.count, 'sentence')})")
