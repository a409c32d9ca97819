"""Side by side: two to four entities of one class, or one entity in two periods.

Entities: each one's weekly documents on shared weeks, its audiences and
platforms, the neighbours they share (with each one's link weight) and those
only one of them has. Periods: for one entity, the documents, platforms and
co-mentioned entities of each period, and what appeared or faded between them.
Periods count co-mentions (documents naming both) rather than links, because a
link's counters span all time while a document has a date.

Pure functions over the GraphStore interface; the app caches them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from kg.analytics import WeekCount, Window, parse_day, week_of, weekly_mentions
from kg.entities import Link, linked_entities, neighbours
from kg.errors import UnknownEntityError
from kg.linkstats import link_profile
from kg.ontology import load_ontology
from kg.queries import BIG, ENTITY, MENTIONS, document_node, entity_node, entity_type, named_by
from kg.store import GraphStore

MAX_ITEMS = 4
CLASS = load_ontology().names
PROFILE = (CLASS.Audience, CLASS.Platform)
NEIGHBOURS = 200
"""Strongest neighbours read per compared entity: shared and unique ones are found
among these, so comparing hubs never ships all their links."""

CARD = f"""
MATCH {entity_node('e', '$id')}
OPTIONAL MATCH {document_node('d')}-[:{MENTIONS}]->(e)
RETURN e.id AS id, e.name AS name, {entity_type('e')} AS type, e.mentions AS mentions,
       count(d) AS documents"""

PERIOD_DOCS = f"""
{named_by('d', 'e', '$id')}
WHERE d.date >= $since AND d.date < $until
RETURN substring(d.date, 0, 10) AS day, d.platform AS platform, count(d) AS documents"""

CO_MENTIONED = f"""
{named_by('d', 'e', '$id')}
WHERE d.date >= $since AND d.date < $until
MATCH (d)-[:{MENTIONS}]->{entity_node('o')} WHERE o.id <> $id
RETURN o.id AS id, o.name AS name, {entity_type('o')} AS type, count(DISTINCT d) AS docs"""


@dataclass(frozen=True, slots=True)
class Compared:
    """One entity of a comparison; ``profile`` = its strongest audiences and platforms."""

    id: str
    name: str
    type: str
    mentions: int
    documents: int
    weekly: tuple[WeekCount, ...]
    profile: dict[str, tuple[Link, ...]]
    links: int


@dataclass(frozen=True, slots=True)
class Shared:
    """A neighbour of several compared entities; ``weights[i]`` is item i's link (0: none)."""

    id: str
    name: str
    type: str
    weights: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    items: tuple[Compared, ...]
    weeks: tuple[date, ...]
    shared: tuple[Shared, ...]
    unique: tuple[tuple[Link, ...], ...]


def _card(store: GraphStore, entity_id: str) -> dict:
    row = store.query(CARD, {"id": entity_id}, limit=1, timeout=60.0).first()
    if row is None or row["id"] is None:
        raise UnknownEntityError(entity_id, [])
    return row


def compare_entities(store: GraphStore, ids: list[str], *, per_type: int = 5,
                     shared_limit: int = 30, unique_limit: int = 10,
                     per_item: int = NEIGHBOURS) -> Comparison:
    """Two to four entities side by side (more are cut, duplicates dropped).

    Shared and unique neighbours are looked for among each entity's ``per_item``
    strongest; the audiences and platforms are each class's strongest, picked in the
    database; the number of links is the graph's (kg.linkstats, cached per version).
    """
    wanted = list(dict.fromkeys(ids))[:MAX_ITEMS]
    cards = [_card(store, i) for i in wanted]
    series = [weekly_mentions(store, i) for i in wanted]
    linked = [{link.id: link for link in neighbours(store, i, limit=per_item)}
              for i in wanted]
    degrees = link_profile(store).degrees
    weeks = _common_weeks(series)
    items = tuple(
        Compared(
            id=c["id"], name=c["name"] or c["id"], type=c["type"] or ENTITY,
            mentions=int(c["mentions"] or 0), documents=int(c["documents"] or 0),
            weekly=tuple(_align(s, weeks)),
            profile=_profile(store, c["id"], per_type),
            links=degrees.get(c["id"], 0),
        )
        for c, s in zip(cards, series, strict=True)
    )
    return Comparison(items, tuple(weeks), tuple(_shared(linked, wanted)[:shared_limit]),
                      tuple(_unique(linked, wanted, unique_limit)))


def _profile(store: GraphStore, entity_id: str, per_type: int) -> dict[str, tuple[Link, ...]]:
    linked = linked_entities(store, entity_id, types=PROFILE, per_type=per_type)
    return {t: tuple(linked.get(t, ())) for t in PROFILE}


def _common_weeks(series: list[list[WeekCount]]) -> list[date]:
    starts = [s[0].week for s in series if s]
    if not starts:
        return []
    ends = [s[-1].week for s in series if s]
    return weeks_between(min(starts), max(ends))


def weeks_between(start: date, end: date) -> list[date]:
    """Mondays of every ISO week from ``start``'s to ``end``'s, both included."""
    first, last = week_of(start), week_of(end)
    return [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]


def _align(series: list[WeekCount], weeks: list[date]) -> list[WeekCount]:
    by_week = {w.week: w for w in series}
    return [by_week.get(week, WeekCount(week, 0, 0)) for week in weeks]


def _shared(linked: list[dict[str, Link]], wanted: list[str]) -> list[Shared]:
    counts = Counter(i for links in linked for i in links if i not in wanted)
    rows = []
    for neighbour, times in counts.items():
        if times < 2:
            continue
        sample = next(links[neighbour] for links in linked if neighbour in links)
        weights = tuple(links[neighbour].weight if neighbour in links else 0
                        for links in linked)
        rows.append(Shared(neighbour, sample.name, sample.type, weights))
    rows.sort(key=lambda r: (-sum(1 for w in r.weights if w), -sum(r.weights), r.name.lower()))
    return rows


def _unique(linked: list[dict[str, Link]], wanted: list[str], limit: int) -> list[tuple]:
    result = []
    for n, links in enumerate(linked):
        others = set().union(*(set(o) for m, o in enumerate(linked) if m != n))
        own = [link for i, link in links.items() if i not in others and i not in wanted]
        result.append(tuple(own[:limit]))  # neighbours() already sorts strongest first
    return result


@dataclass(frozen=True, slots=True)
class Period:
    """One entity in one window: its documents, platforms and co-mentioned entities."""

    window: Window
    documents: int
    weekly: tuple[WeekCount, ...]
    platforms: tuple[tuple[str, int], ...]
    co_mentioned: tuple[tuple[str, str, str, int], ...] = field(default=())

    @property
    def bounds(self) -> tuple[str, str]:
        return self.window.bounds


@dataclass(frozen=True, slots=True)
class PeriodComparison:
    id: str
    name: str
    type: str
    first: Period
    second: Period
    appeared: tuple[tuple[str, str, str, int], ...]
    faded: tuple[tuple[str, str, str, int], ...]


def compare_periods(store: GraphStore, entity_id: str, first: Window, second: Window, *,
                    limit: int = 15) -> PeriodComparison:
    """One entity in two windows; ``appeared``/``faded``: co-mentions only in one of them."""
    card = _card(store, entity_id)
    one, two = (_period(store, entity_id, w, limit=BIG) for w in (first, second))
    before = {row[0] for row in one.co_mentioned}
    after = {row[0] for row in two.co_mentioned}
    appeared = tuple(r for r in two.co_mentioned if r[0] not in before)[:limit]
    faded = tuple(r for r in one.co_mentioned if r[0] not in after)[:limit]
    trim = [Period(p.window, p.documents, p.weekly, p.platforms, p.co_mentioned[:limit])
            for p in (one, two)]
    return PeriodComparison(card["id"], card["name"] or card["id"], card["type"] or ENTITY,
                            trim[0], trim[1], appeared, faded)


def _period(store: GraphStore, entity_id: str, window: Window, *, limit: int) -> Period:
    since, until = window.bounds
    params = {"id": entity_id, "since": since, "until": until}
    days: Counter[date] = Counter()
    platforms: Counter[str] = Counter()
    for row in store.query(PERIOD_DOCS, params, limit=BIG, timeout=60.0).dicts():
        day = parse_day(row["day"])
        if day is not None:
            days[week_of(day)] += int(row["documents"])
        platforms[row["platform"] or "unknown"] += int(row["documents"])
    co = store.query(CO_MENTIONED, params, limit=BIG, timeout=60.0).dicts()
    ranked = sorted(((r["id"], r["name"] or r["id"], r["type"] or ENTITY, int(r["docs"]))
                     for r in co), key=lambda r: (-r[3], r[1].lower()))
    weekly = [WeekCount(w, days.get(w, 0), 0) for w in weeks_between(window.start, window.end)]
    return Period(window, sum(days.values()), tuple(weekly),
                  tuple(platforms.most_common()), tuple(ranked[:limit]))
