"""What makes a link worth showing: how specific it is, which ends are hubs, what is background.

One place for the three read-side judgements every view shares (the explorer, the
exports, the brand and trend pages):

- **strength** of a link: its supporting sentences, discounted by how often its
  two ends are linked at all. A shrunk pointwise mutual information (observed and
  expected sentences each get one pseudo-sentence, so one sentence between two rare
  entities cannot top the list) times log support. Gen Z and TikTok, both linked to
  everything, score below chance however many sentences name them together.
- **hubs**: entities linked to so much that walking through them reaches everything
  (every Platform, the most connected audiences, and the top percentile of all
  entities by number of neighbours), decided from the graph's own degrees.
- **background links**: co-occurrences between two platforms or an audience and a
  platform ("Instagram related to TikTok"). True, uninformative, kept in the store
  and left out of views unless asked for.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.ontology import load_ontology
from kg.queries import ENTITY, entity_node, entity_type

if TYPE_CHECKING:
    from kg.store import GraphStore

CUED_CONFIDENCE = 0.8
"""A typed link at this confidence or more was stated, not just co-mentioned: the
extractor gives typed co-occurrences 0.55 and a cue phrase adds 0.3
(kg/extract/data/relations.json). A stored ``cued`` flag, when present, wins."""

CLASS = load_ontology().names
BACKGROUND_PAIRS = frozenset({(CLASS.Platform, CLASS.Platform), (CLASS.Audience, CLASS.Platform)})

FIGURES = {"links": "link_count", "degree": "link_degree", "strength": "link_weight"}
"""Figure -> the entity property where the ranking pass (kg.store.toplinks) keeps it:
links (relationships to other entities), degree (distinct neighbours) and strength
(summed link weight)."""

DEGREES = f"""
MATCH {entity_node('e')}-[r]-{entity_node('o')}
WHERE o.id <> e.id
RETURN e.id AS id, {entity_type('e')} AS type,
       count(DISTINCT o) AS degree, sum(r.weight) AS strength"""
"""Counted from the links: 2.5 s of work at a million links, so only for what
``RANKED`` cannot answer (tests compare the two)."""

RANKED = f"""
MATCH {entity_node('e')} WHERE e.top_ids IS NOT NULL AND e.{FIGURES['degree']} > 0
RETURN e.id AS id, {entity_type('e')} AS type,
       e.{FIGURES['degree']} AS degree, e.{FIGURES['strength']} AS strength"""
"""The figures the ranking pass keeps on each entity (``FIGURES``): one
property read per entity instead of a count of every link."""

UNRANKED = f"""
MATCH {entity_node('e')} WHERE e.top_ids IS NULL OR e.{FIGURES['degree']} IS NULL
WITH e
MATCH (e)-[r]-{entity_node('o')}
WHERE o.id <> e.id
RETURN e.id AS id, {entity_type('e')} AS type,
       count(DISTINCT o) AS degree, sum(r.weight) AS strength"""
"""Entities whose figures are not current (links written since the last ranking, a
graph loaded by other means): counted from their links, as DEGREES does."""


@dataclass(frozen=True, slots=True)
class HubPolicy:
    """Which entities count as hubs; percentiles are over all entities' neighbour counts."""

    always: frozenset[str] = frozenset({CLASS.Platform})
    broad: dict[str, float] = field(default_factory=lambda: {CLASS.Audience: 95.0})
    percentile: float = 99.0
    min_degree: int = 10


@dataclass(frozen=True, slots=True)
class LinkProfile:
    """Graph-wide link statistics: neighbours and sentences per entity, and the hubs."""

    degrees: dict[str, int]
    strengths: dict[str, int]
    types: dict[str, str]
    total_weight: int
    hubs: frozenset[str]

    def strength(self, weight: int, a: str, b: str) -> float:
        """Shrunk PMI of one link times log2(1 + sentences); below zero when less than chance."""
        if weight <= 0:
            return 0.0
        sa, sb = self.strengths.get(a, weight), self.strengths.get(b, weight)
        expected = sa * sb / (2 * self.total_weight) if self.total_weight else 0.0
        return round(math.log2((weight + 1) / (expected + 1)) * math.log2(1 + weight), 4)

    def is_hub(self, entity: str) -> bool:
        return entity in self.hubs


def is_cued(rel_type: str, confidence: float, fallback: str, cued: bool | None = None) -> bool:
    """A typed link stated by a cue phrase (not a mere co-occurrence)."""
    if cued is not None:
        return bool(cued) and rel_type != fallback
    return rel_type != fallback and confidence >= CUED_CONFIDENCE


def is_background(rel_type: str, source_type: str, target_type: str, fallback: str) -> bool:
    """A co-occurrence between two platforms, or an audience and a platform."""
    return rel_type == fallback and tuple(sorted((source_type, target_type))) in BACKGROUND_PAIRS


def build_profile(
    rows: list[dict], policy: HubPolicy | None = None
) -> LinkProfile:
    """A profile from (id, type, degree, strength) rows; pure, so tests can feed it."""
    policy = policy or HubPolicy()
    degrees = {r["id"]: int(r["degree"] or 0) for r in rows}
    strengths = {r["id"]: int(r["strength"] or 0) for r in rows}
    types = {r["id"]: r["type"] or ENTITY for r in rows}
    everyone = sorted(degrees.values())
    cut = max(_percentile(everyone, policy.percentile), policy.min_degree)
    broad_cut = {t: max(_percentile(everyone, p), policy.min_degree)
                 for t, p in policy.broad.items()}
    hubs = {e for e, d in degrees.items()
            if types[e] in policy.always or d >= cut
            or (types[e] in broad_cut and d >= broad_cut[types[e]])}
    return LinkProfile(degrees, strengths, types, sum(strengths.values()) // 2, frozenset(hubs))


def _percentile(values: list[int], pct: float) -> float:
    """Nearest-rank percentile of sorted values (0 for none)."""
    if not values:
        return 0.0
    rank = max(1, math.ceil(pct / 100 * len(values)))
    return float(values[min(rank, len(values)) - 1])


_CACHE: dict[tuple[int, str], tuple[tuple, LinkProfile]] = {}
_LOCK = threading.Lock()


def link_profile(store: GraphStore, policy: HubPolicy | None = None) -> LinkProfile:
    """The store's profile, recomputed only after a write changed the graph.

    The check is one node read (``store.version()``), so a view of a million links
    does not rescan them to learn nothing changed; the figures are read off the
    entities where the ranking pass kept them (0.06 s instead of 2.5 s of work at a
    million links).
    """
    version = store.version()
    key = (id(store), store.location)
    with _LOCK:
        cached = _CACHE.get(key)
    if cached and cached[0] == (version, policy):
        return cached[1]
    rows = [*store.query(RANKED, limit=100_000_000, timeout=300.0).dicts(),
            *store.query(UNRANKED, limit=100_000_000, timeout=300.0).dicts()]
    profile = build_profile(rows, policy)
    with _LOCK:
        _CACHE[key] = ((version, policy), profile)
    return profile
