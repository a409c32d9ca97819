"""Find entities by name or alias: fuzzy, accent-, case- and '#'-insensitive.

The index is one read of every entity's names; callers (the app) cache it, so a
keystroke costs a rapidfuzz lookup, not a database round trip.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from kg.errors import UnknownEntityError
from kg.model import fold
from kg.queries import BIG, ENTITY, entity_node, entity_type
from kg.store import GraphStore

ENTITY_INDEX = f"""
MATCH {entity_node('e')}
RETURN e.id AS id, e.name AS name, {entity_type('e')} AS type,
       e.aliases AS aliases, e.mentions AS mentions"""


@dataclass(frozen=True, slots=True)
class EntityHit:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: int
    score: float = 0.0
    matched: str = ""


@dataclass(frozen=True, slots=True)
class EntityIndex:
    entities: tuple[EntityHit, ...]
    keys: tuple[str, ...]
    owners: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.entities)


def index_of(entities: list[EntityHit]) -> EntityIndex:
    """An index over these entities: one key per folded name or alias."""
    keys, owners = [], []
    for n, hit in enumerate(entities):
        for form in dict.fromkeys([hit.name, *hit.aliases]):
            keys.append(fold(form))
            owners.append(n)
    return EntityIndex(tuple(entities), tuple(keys), tuple(owners))


def build_index(store: GraphStore) -> EntityIndex:
    result = store.query(ENTITY_INDEX, limit=BIG, timeout=120.0)
    return index_of([
        EntityHit(id=row["id"], name=row["name"], type=row["type"] or ENTITY,
                  aliases=tuple(row["aliases"] or ()), mentions=int(row["mentions"] or 0))
        for row in result.dicts()
    ])


MIN_SCORE = 60.0
CLOSE = 4.0  # points: matches this close to the best one are ranked by mentions instead


def _score(query: str, key: str, **_: object) -> float:
    """Prefixes and whole words rank first; typos still match through WRatio.

    A key shorter than the query is compared whole (``fuzz.ratio``): WRatio's
    partial match would score "zzqxv" against "x" at 90, because "x" occurs in it.
    """
    if key == query:
        return 100.0
    if key.startswith(query):
        return 95.0 + 5.0 * len(query) / max(len(key), 1) - 0.01
    if f" {query}" in f" {key}":
        return 90.0
    if len(key) < len(query):
        return fuzz.ratio(query, key) * 0.88
    return fuzz.WRatio(query, key) * 0.88


def search(
    index: EntityIndex,
    text: str,
    *,
    limit: int = 10,
    types: set[str] | None = None,
    min_score: float = MIN_SCORE,
) -> list[EntityHit]:
    """Best entities for ``text``, one hit per entity; [] when nothing is similar enough.

    Among the matches within ``CLOSE`` points of the best one, the most mentioned
    comes first ("cozy" opens Cozy gaming, 27 mentions, before Cozygamer, 1);
    the rest follow by score, then mentions.
    """
    query = fold(text)
    if not query:
        return []
    best: dict[int, tuple[float, str]] = {}
    matches = process.extract(
        query, index.keys, scorer=_score, limit=max(limit * 5, 50), score_cutoff=min_score
    )
    for key, score, position in matches:
        owner = index.owners[position]
        if types and index.entities[owner].type not in types:
            continue
        if owner not in best or score > best[owner][0]:
            best[owner] = (score, key)
    top = max((score for score, _ in best.values()), default=0.0)

    def rank(item: tuple[int, tuple[float, str]]) -> tuple[bool, float, int]:
        owner, (score, _) = item
        mentions = index.entities[owner].mentions
        close = score >= top - CLOSE
        return (not close, -mentions if close else -score, -mentions)

    ranked = sorted(best.items(), key=rank)
    return [
        _with_score(index.entities[owner], score, key) for owner, (score, key) in ranked[:limit]
    ]


def _with_score(hit: EntityHit, score: float, matched: str) -> EntityHit:
    return EntityHit(hit.id, hit.name, hit.type, hit.aliases, hit.mentions, round(score, 1),
                     matched)


def resolve(index: EntityIndex, name: str, *, types: set[str] | None = None) -> EntityHit:
    """The entity a user means by ``name``; UnknownEntityError lists close names if unsure."""
    hits = search(index, name, limit=5, types=types, min_score=50.0)
    exact = [h for h in hits if h.score >= 95.0]
    if exact:
        return exact[0]
    raise UnknownEntityError(name, [h.name for h in hits])
