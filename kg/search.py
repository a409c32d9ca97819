"""Find entities by name or alias: fuzzy, accent-, case- and '#'-insensitive.

The index is one read of every entity's names; callers (the app) cache it, so a
keystroke costs a rapidfuzz lookup, not a database round trip.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from kg.errors import UnknownEntityError
from kg.model import fold
from kg.store import GraphStore

ENTITY_INDEX = """
MATCH (e:Entity)
RETURN e.id AS id, e.name AS name, [l IN labels(e) WHERE l <> 'Entity'][0] AS type,
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


def build_index(store: GraphStore) -> EntityIndex:
    result = store.query(ENTITY_INDEX, limit=10_000_000, timeout=120.0)
    entities, keys, owners = [], [], []
    for n, row in enumerate(result.dicts()):
        hit = EntityHit(
            id=row["id"], name=row["name"], type=row["type"] or "Entity",
            aliases=tuple(row["aliases"] or ()), mentions=int(row["mentions"] or 0),
        )
        entities.append(hit)
        for form in dict.fromkeys([hit.name, *hit.aliases]):
            keys.append(fold(form))
            owners.append(n)
    return EntityIndex(tuple(entities), tuple(keys), tuple(owners))


def _score(query: str, key: str, **_: object) -> float:
    """Prefixes and whole words rank first; typos still match through WRatio."""
    if key == query:
        return 100.0
    if key.startswith(query):
        return 95.0 + 5.0 * len(query) / max(len(key), 1) - 0.01
    if f" {query}" in f" {key}":
        return 90.0
    return fuzz.WRatio(query, key) * 0.88


def search(
    index: EntityIndex,
    text: str,
    *,
    limit: int = 10,
    types: set[str] | None = None,
    min_score: float = 60.0,
) -> list[EntityHit]:
    """Best entities for ``text``, one hit per entity, highest score then most mentioned."""
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
    ranked = sorted(
        best.items(), key=lambda item: (-item[1][0], -index.entities[item[0]].mentions)
    )
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
