"""Controversy cues and the flags they raise around a brand.

The cue list is data (``controversy_cues.yaml``) so an agency can tune it
without touching code; matching runs on folded text so "#BoycottKFC",
"boycotts" and "Boycott" all hit the same cue.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from kg.entities import Link, neighbours
from kg.errors import Errors, TrendgraphError
from kg.model import fold
from kg.queries import BIG, ENTITY, entity_node, entity_type
from kg.store import GraphStore
from kg.subgraph.stories import story_links

DEFAULT_PATH = Path(__file__).with_name("controversy_cues.yaml")
MAX_VIAS = 5
DIRECT_LINKS = 1000
"""A brand's strongest links of the flagged classes read for direct flags (cut in the
database): a brand linked to more is flagged on its strongest thousand."""
VIA_LINKS = 200
"""The brand's strongest links to the classes flags run through, read for indirect flags:
a hub brand's second ring stays a bounded read."""


@dataclass(frozen=True)
class CueCategory:
    name: str
    label: str
    cues: tuple[str, ...]
    applies_to: tuple[str, ...]
    via: tuple[str, ...] = ()

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        alternatives = "|".join(re.escape(fold(c)) for c in sorted(self.cues, key=len,
                                                                     reverse=True))
        return re.compile(rf"(?:^|\s)({alternatives})")


@functools.cache
def load_cues(path: Path | None = None) -> tuple[CueCategory, ...]:
    """Parse the cue file once per process; a broken file is an error naming the file."""
    path = path or DEFAULT_PATH
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        applies_to = tuple(data.get("applies_to") or ())
        via = tuple(data.get("via") or ())
        return tuple(
            CueCategory(name=name, label=str(body.get("label") or name),
                        cues=tuple(str(c) for c in body.get("cues") or ()),
                        applies_to=applies_to, via=via)
            for name, body in (data.get("categories") or {}).items()
        )
    except (OSError, yaml.YAMLError, AttributeError, TypeError) as exc:
        raise TrendgraphError(Errors.CONTROVERSY_CUES.format(path=path, reason=exc)) from exc


def match_cue(
    names: Iterable[str], categories: Iterable[CueCategory]
) -> tuple[CueCategory, str] | None:
    """The first category and cue found in any of ``names``, or None."""
    folded = [fold(n) for n in names if n]
    for category in categories:
        for name in folded:
            found = category.pattern.search(name)
            if found:
                return category, found.group(1)
    return None


def _second_ring(kinds: list[str], via: list[str]) -> str:
    """Entities of the given classes two links away, one row each with who links them.

    Only the ``VIA_LINKS`` strongest first links are followed, and the rows are
    aggregated in the query, so a hub brand returns one row per candidate, not one
    per path (labels are ontology-checked before they reach this text). The brand is
    found first: FalkorDB otherwise started from every entity of the middle classes
    (a top brand's flags: 5.3-7.4 s, 1.0-1.8 s from the brand, same rows).
    """
    targets = " OR ".join(f"c:{kind}" for kind in kinds)
    middles = " OR ".join(f"x:{kind}" for kind in via) or "true"
    return f"""
MATCH {entity_node('b', '$id')}
WITH b
MATCH (b)-[near]-{entity_node('x')}
WHERE x.id <> $id AND ({middles})
WITH x, max(near.weight) AS strength
ORDER BY strength DESC, x.id LIMIT {VIA_LINKS}
MATCH (x)-[r]-{entity_node('c')}
WHERE c.id <> $id AND ({targets})
WITH c, collect(DISTINCT x.name) AS vias, max(r.weight) AS weight
RETURN c.id AS id, c.name AS name, {entity_type('c')} AS type, c.aliases AS aliases,
       vias[0..{MAX_VIAS}] AS vias, size(vias) AS via_count, weight"""


def _story_flags(store: GraphStore, entity_id: str, cues: tuple[CueCategory, ...],
                 kinds: set[str], flags: dict[str, ControversyFlag]) -> None:
    """Flags through stories: the documents naming the brand whose title names the topic."""
    for link in story_links(store, [entity_id]):
        if link.other in flags or link.other_type not in kinds:
            continue
        hit = match_cue([link.other_name, *link.other_aliases], cues)
        if hit:
            titles = tuple(f"the story “{t}”" for t in link.titles)
            flags[link.other] = ControversyFlag(
                link.other, link.other_name, link.other_type, hit[0].name, hit[0].label,
                hit[1], link.edge.weight, titles[:MAX_VIAS], len(titles), link.edge.docs)


@dataclass(frozen=True, slots=True)
class ControversyFlag:
    """A controversial topic, trend or event next to a brand, directly or through others.

    ``via`` names up to five entities in between when the link is indirect (empty
    when the brand itself is linked), ``via_count`` how many there are; ``weight``
    is the strongest link that raised it.
    """

    id: str
    name: str
    type: str
    category: str
    category_label: str
    cue: str
    weight: int
    via: tuple[str, ...] = ()
    via_count: int = 0
    documents: tuple[str, ...] = ()
    """Ids of the stories (documents) that raised a flag through a story, else empty."""

    @property
    def direct(self) -> bool:
        return not self.via


def controversy_flags(
    store: GraphStore, entity_id: str, *, cues: tuple[CueCategory, ...] | None = None,
    around: Sequence[Link] | None = None,
) -> list[ControversyFlag]:
    """Neighbours (and neighbours' neighbours) whose name or alias carries a controversy cue.

    One hop away the brand itself is linked to the topic; two hops away the link
    runs through a trend, person or organisation it is linked to, which is still
    what a strategist must check before a campaign (KFC -> Mister V -> Blockout2024);
    or through a story: a document naming the brand whose title names the topic
    (Dior in two articles about #Blockout2024, though no sentence names both; the
    flag's ``via`` holds the titles, ``documents`` their ids). ``around``: the entity's
    ``neighbours`` when the caller has already read them.
    """
    cues = cues if cues is not None else load_cues()
    check = store.ontology.check_label
    kinds = sorted({check(k) for c in cues for k in c.applies_to})
    via_kinds = sorted({check(k) for c in cues for k in c.via})
    flags: dict[str, ControversyFlag] = {}
    own = neighbours(store, entity_id, types=kinds, limit=DIRECT_LINKS) if kinds else []
    for link in own if around is None else around:
        if link.type in kinds and (hit := match_cue([link.name, *link.aliases], cues)):
            flags[link.id] = ControversyFlag(link.id, link.name, link.type, hit[0].name,
                                             hit[0].label, hit[1], link.weight)
    if not kinds:
        return list(flags.values())
    rows = store.query(_second_ring(kinds, via_kinds), {"id": entity_id}, limit=BIG,
                       timeout=60.0)
    for row in rows.dicts():
        if row["id"] in flags:
            continue
        hit = match_cue([row["name"], *(row["aliases"] or ())], cues)
        if hit:
            flags[row["id"]] = ControversyFlag(
                row["id"], row["name"], row["type"] or ENTITY, hit[0].name, hit[0].label,
                hit[1], int(row["weight"] or 0), tuple(sorted(row["vias"] or ())),
                int(row["via_count"] or 0))
    _story_flags(store, entity_id, cues, set(kinds), flags)
    return sorted(flags.values(), key=lambda f: (not f.direct, -f.weight, f.name.lower()))

