"""Trend dynamics and the page-level bundles the app, the CLI and the benchmark share.

Pure functions over the ``GraphStore`` interface so every surface computes the
same numbers; entity cards live in ``kg.entities``, affinity in ``kg.affinity``,
controversy flags in ``kg.controversy``, and are re-exported here as the one
analytics entry point. Cypher stays in the dialect Neo4j 5 and
FalkorDB share: dates are ISO strings compared as text (no ``datetime()``), and
weekly bucketing happens here in Python. "Mentions" in a time window counts
documents, the social-listening convention: one post that repeats a hashtag ten
times is still one post.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from kg.affinity import Affinity, AffinityCell, affinity_matrix
from kg.controversy import ControversyFlag, controversy_flags
from kg.entities import (
    DocumentRef,
    EntityDetails,
    Link,
    Quote,
    entity_details,
    link_evidence,
    linked_entities,
    quotes,
)
from kg.ontology import load_ontology
from kg.queries import BIG, MENTIONS, document_node, named_by
from kg.store import GraphStore

CLASS = load_ontology().names

__all__ = [
    "Affinity", "AffinityCell", "BrandProfile", "ControversyFlag", "DocumentRef",
    "EntityDetails", "Growth", "Link", "Quote", "RisingReport", "RisingTrend", "TrendProfile",
    "WeekCount", "Window", "affinity_matrix", "brand_profile", "controversy_flags",
    "entity_details", "entity_growth", "latest_date", "link_evidence", "linked_entities",
    "quotes", "rising_trends", "trend_profile", "weekly_mentions",
]

LATEST_DATE = f"""
MATCH {document_node('d')} WHERE d.date IS NOT NULL AND d.date <> ''
RETURN max(d.date) AS latest"""

ENTITY_DAYS = f"""
{named_by('d', 'e', '$id', 'm')}
WHERE d.date IS NOT NULL AND d.date <> ''
RETURN substring(d.date, 0, 10) AS day, count(d) AS documents, sum(m.count) AS mentions"""

LABEL_DAYS = f"""
MATCH {document_node('d')}-[:{MENTIONS}]->(t:{{label}})
WHERE d.date >= $start AND d.date < $end
RETURN t.id AS id, t.name AS name, t.first_seen AS first_seen,
       substring(d.date, 0, 10) AS day, count(d) AS documents"""



# -- dates ---------------------------------------------------------------------------------
def parse_day(value: Any) -> date | None:
    """The calendar day of an ISO date or datetime string; None when absent or malformed."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def week_of(day: date) -> date:
    """Monday of ``day``'s ISO week, the bucket every weekly series uses."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class Window:
    """A closed range of days; the Cypher bounds are [start, end + 1 day) as text."""

    start: date
    end: date

    @classmethod
    def ending(cls, as_of: date, days: int) -> Window:
        return cls(as_of - timedelta(days=days - 1), as_of)

    def before(self) -> Window:
        """The window of the same length that ends the day before this one starts."""
        return Window.ending(self.start - timedelta(days=1), (self.end - self.start).days + 1)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def bounds(self) -> tuple[str, str]:
        return self.start.isoformat(), (self.end + timedelta(days=1)).isoformat()


def latest_date(store: GraphStore) -> date | None:
    """The newest document date: "now" for a corpus that stopped being collected."""
    return parse_day(store.query(LATEST_DATE).scalar())


def _as_of(store: GraphStore, as_of: date | None) -> date:
    return as_of or latest_date(store) or date.today()


def growth_rate(current: int, previous: int) -> float | None:
    """Relative change; None when there is nothing to compare with."""
    return (current - previous) / previous if previous else None


# -- time series ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class WeekCount:
    week: date
    documents: int
    mentions: int


def _fill_weeks(counts: dict[date, list[int]], start: date, end: date) -> list[WeekCount]:
    weeks, current = [], week_of(start)
    while current <= end:
        documents_, mentions = counts.get(current, (0, 0))
        weeks.append(WeekCount(current, documents_, mentions))
        current += timedelta(days=7)
    return weeks


def _entity_days(store: GraphStore, entity_id: str) -> dict[date, tuple[int, int]]:
    days: dict[date, tuple[int, int]] = {}
    for row in store.query(ENTITY_DAYS, {"id": entity_id}, limit=BIG, timeout=60.0).dicts():
        day = parse_day(row["day"])
        if day is not None:
            before = days.get(day, (0, 0))
            days[day] = (before[0] + int(row["documents"]), before[1] + int(row["mentions"] or 0))
    return days


def _weekly(days: dict[date, tuple[int, int]], since: date | None,
            until: date | None) -> list[WeekCount]:
    if not days:
        return []
    buckets: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for day, (docs, mentions) in days.items():
        if (since and day < since) or (until and day > until):
            continue
        bucket = buckets[week_of(day)]
        bucket[0] += docs
        bucket[1] += mentions
    return _fill_weeks(buckets, since or min(days), until or max(days))


def weekly_mentions(
    store: GraphStore, entity_id: str, *, since: date | None = None, until: date | None = None
) -> list[WeekCount]:
    """Documents and mentions per ISO week, with empty weeks kept so charts show gaps."""
    return _weekly(_entity_days(store, entity_id), since, until)


@dataclass(frozen=True, slots=True)
class Growth:
    window: Window
    current: int
    previous: int

    @property
    def rate(self) -> float | None:
        return growth_rate(self.current, self.previous)


def _growth(days: dict[date, tuple[int, int]], window: Window) -> Growth:
    earlier = window.before()
    return Growth(
        window,
        sum(docs for day, (docs, _) in days.items() if day in window),
        sum(docs for day, (docs, _) in days.items() if day in earlier),
    )


def entity_growth(
    store: GraphStore, entity_id: str, *, window_days: int = 30, as_of: date | None = None
) -> Growth:
    """Documents in the last ``window_days`` against the same span just before."""
    window = Window.ending(_as_of(store, as_of), window_days)
    return _growth(_entity_days(store, entity_id), window)


# -- rising trends -------------------------------------------------------------------------
SPARK_WEEKS = 8


@dataclass(frozen=True, slots=True)
class RisingTrend:
    id: str
    name: str
    mentions: int
    previous: int
    growth: float | None
    score: float
    weekly: tuple[int, ...]
    new: bool
    first_seen: str


@dataclass(frozen=True, slots=True)
class RisingReport:
    as_of: date
    window: Window
    previous: Window
    weeks: tuple[date, ...]
    rows: tuple[RisingTrend, ...] = ()

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def rising_trends(
    store: GraphStore,
    window_days: int = 30,
    as_of: date | None = None,
    *,
    label: str = CLASS.Trend,
    limit: int | None = None,
) -> RisingReport:
    """Trends mentioned in the window, fastest-growing first.

    Ranking uses growth with one added to both counts, so a trend going 0 -> 2
    does not outrank one going 3 -> 30 on an infinite ratio; the raw growth
    (None without previous mentions) and the ``new`` flag are reported as they are.
    ``as_of`` defaults to the newest document date, since sample and archived
    corpora stop long before today.
    """
    as_of = _as_of(store, as_of)
    window = Window.ending(as_of, window_days)
    previous = window.before()
    spark_start = min(previous.start, week_of(as_of) - timedelta(weeks=SPARK_WEEKS - 1))
    start, end = Window(spark_start, as_of).bounds
    text = LABEL_DAYS.format(label=store.ontology.check_label(label))
    days: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    names: dict[str, tuple[str, str]] = {}
    for row in store.query(text, {"start": start, "end": end}, limit=BIG, timeout=60.0).dicts():
        day = parse_day(row["day"])
        if day is not None:
            days[row["id"]][day] += int(row["documents"])
            names[row["id"]] = (row["name"] or row["id"], row["first_seen"] or "")
    weeks = tuple(w.week for w in _fill_weeks({}, spark_start, as_of))
    rows = []
    for trend_id, counts in days.items():
        current = sum(n for d, n in counts.items() if d in window)
        if not current:
            continue
        before = sum(n for d, n in counts.items() if d in previous)
        weekly: dict[date, int] = defaultdict(int)
        for day, n in counts.items():
            weekly[week_of(day)] += n
        name, first_seen = names[trend_id]
        first = parse_day(first_seen)
        rows.append(RisingTrend(
            id=trend_id, name=name, mentions=current, previous=before,
            growth=growth_rate(current, before), score=(current + 1) / (before + 1),
            weekly=tuple(weekly.get(w, 0) for w in weeks),
            new=first is not None and first >= window.start, first_seen=first_seen,
        ))
    rows.sort(key=lambda r: (-r.score, -r.mentions, r.name.lower()))
    return RisingReport(as_of, window, previous, weeks, tuple(rows[:limit] if limit else rows))


@dataclass(frozen=True, slots=True)
class BrandProfile:
    details: EntityDetails
    links: dict[str, list[Link]]
    flags: tuple[ControversyFlag, ...]



def brand_profile(store: GraphStore, brand_id: str, *, per_type: int = 10) -> BrandProfile:
    """Trends, audiences, people and other neighbours of a brand, plus controversy flags.

    Each section's strongest ``per_type`` are picked in the database; the flags read
    the brand's links of the classes a controversy cue applies to (kg.controversy),
    so a brand linked to thousands of entities never ships them all.
    """
    details = entity_details(store, brand_id, doc_limit=20)
    return BrandProfile(
        details=details,
        links=linked_entities(store, brand_id, per_type=per_type),
        flags=tuple(controversy_flags(store, brand_id)),
    )


# -- whole-page bundles ----------------------------------------------------------------------
PROFILE_TYPES = (CLASS.Audience, CLASS.Platform, CLASS.Brand, CLASS.Person, CLASS.Topic,
                 CLASS.Trend, CLASS.Event)


@dataclass(frozen=True, slots=True)
class TrendProfile:
    details: EntityDetails
    weekly: tuple[WeekCount, ...]
    growth: Growth
    links: dict[str, list[Link]]


def trend_profile(
    store: GraphStore, trend_id: str, *, window_days: int = 30, as_of: date | None = None,
    per_type: int = 5,
) -> TrendProfile:
    """Everything the trend page shows, with one read of the trend's mention days."""
    details = entity_details(store, trend_id, doc_limit=20)
    days = _entity_days(store, trend_id)
    window = Window.ending(_as_of(store, as_of), window_days)
    return TrendProfile(
        details=details,
        weekly=tuple(_weekly(days, None, window.end if days else None)),
        growth=_growth(days, window),
        links=linked_entities(store, trend_id, types=PROFILE_TYPES, per_type=per_type),
    )
