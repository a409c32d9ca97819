"""Each entity's strongest links, kept on the entity itself so a view never sorts a hub.

A view of a hub used to read all of its links (25,000 at a million relationships) to
keep its 50 strongest. Each entity now carries its ``TOP_K`` strongest links, in the
order views pick them (background co-occurrences last, then weight, neighbour id,
type), as parallel lists ``top_ids``, ``top_types``, ``top_out`` (the entity is the
link's source), ``top_weight``, ``top_confidence`` and ``top_hidden`` (1 for a
background pair).
A ring of the walk then reads list entries and its neighbours by id, never a link.

The same walk counts what graph-wide figures need of every entity (``FIGURES``): its
links, distinct neighbours and summed link weight. "Most connected" and the hub
percentiles then read one property per entity instead of counting a million
relationships on every view (3.3 and 2.6 s of work at a million links). An entity's
figures are trusted where ``ranked`` holds; elsewhere readers count its links.

Kept up to date where links change, never on a page view:
- a write batch drops the lists of the ends of every link it touched, in the same
  statement, and one ``rank`` pass recomputes them from their links at the end of the
  write (at the end of the whole run for an ingest): a hub's lists are rewritten once
  per run, not once per batch;
- deleting entities ranks again, in the same transaction, their neighbours (a hub's
  list may not name a deleted entity, its figures count it) and every list naming
  them; deleting links ranks both ends;
- a graph loaded by other means (neo4j-admin import, a store from before the lists)
  has none: views read such entities' links as before until ``rank_links`` runs
  (an ingest ranks every entity without a list when it ends, so a killed run's are
  ranked by the next).
Entities created by a write start with empty lists, so a list is never partial.

A store that can find a link by its id in one step (Neo4j's element id seek; FalkorDB
scans every node for it) also keeps each entry's link id, ``top_links``: a view then
reads the evidence of the links it draws by id, not by expanding the typed links
between two hubs (~230 records a link at a million links, 50k for a hub's 80-node
view). An id only points the way: the link found must have the entry's ends and type.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from kg.linkstats import BACKGROUND_PAIRS, FIGURES
from kg.ontology import Ontology
from kg.queries import ENTITY, entity_node, entity_type
from kg.store.results import StoreTraits

TOP_K = 50
"""Links kept per entity: the walk's default ``per_node`` (a view asking for more
reads the links themselves)."""

FIELDS = ("id", "type", "out", "weight", "confidence", "hidden")
PROPERTY = {name: f"top_{name}s" if name in ("id", "type") else f"top_{name}" for name in FIELDS}
"""Entry field -> the entity property holding that field of every entry."""

LINKS = "top_links"
"""The entity property holding each entry's link id (stores with ``StoreTraits.link_id``)."""

EMPTY = ", ".join([*(f"{{var}}.{prop} = []" for prop in PROPERTY.values()),
                   *(f"{{var}}.{prop} = 0" for prop in FIGURES.values())])
"""``ON CREATE`` of an entity: an empty list and zero figures, complete since it has no
link yet."""


def ranked(var: str) -> str:
    """True where ``var``'s list and figures are current: a store ranked before the
    figures existed has lists without them, so both are asked for."""
    return f"{var}.top_ids IS NOT NULL AND {var}.{FIGURES['links']} IS NOT NULL"


def hidden(node: str, other: str, rel: str, fallback: str) -> str:
    """1 for a background co-occurrence (platform-platform, audience-platform), else 0."""
    pairs = sorted({f"{a}|{b}" for pair in BACKGROUND_PAIRS for a, b in (pair, pair[::-1])})
    listed = ", ".join(f"'{p}'" for p in pairs)
    return (f"CASE WHEN type({rel}) = '{fallback}' AND ({entity_type(node)} + '|' + "
            f"{entity_type(other)}) IN [{listed}] THEN 1 ELSE 0 END")


def _values(node: str, other: str, rel: str, out: str, fallback: str) -> dict[str, str]:
    """Each entry field of the link ``rel`` seen from ``node``."""
    return {"id": f"{other}.id", "type": f"type({rel})", "out": out, "weight": f"{rel}.weight",
            "confidence": f"{rel}.confidence", "hidden": hidden(node, other, rel, fallback)}


STALE_TAIL = """
SET a.top_ids = NULL, b.top_ids = NULL
RETURN count(*) AS written"""
"""The end of a link-merging statement (``a``, ``b`` bound): both ends' lists are
dropped, in the statement that changed their links, until ``rank`` writes them again.
Rewriting a hub's six lists in every batch doubled the write cost per document, and a
dropped list is never trusted by a view (it reads the entity's links), so a killed
write leaves slower views, never wrong ones."""

def stale(link_id: str = "") -> str:
    """Entities without a list: links written since the last ranking, or a graph loaded by
    other means, or ranked before the figures existed; with ``link_id``, also lists
    ranked before link ids were kept (the next ingest or ``rank_links(stale_only=True)``
    adds them)."""
    old = f" OR (n.{LINKS} IS NULL AND size(n.top_ids) > 0)" if link_id else ""
    return f"MATCH (n:{ENTITY}) WHERE NOT ({ranked('n')}){old} RETURN n.id AS id ORDER BY id"


NEIGHBOURS = f"""
MATCH {entity_node('e')} WHERE e.id IN $ids
MATCH (e)--{entity_node('o')} WHERE NOT o.id IN $ids
RETURN DISTINCT o.id AS id"""
"""The neighbours of entities ``$ids`` about to be deleted: their figures change even
where their list does not name them (a hub's 50 strongest)."""


def rank(ontology: Ontology, traits: StoreTraits, *, or_naming: bool = False) -> str:
    """Recompute the lists and figures of the entities ``$ids`` from their links (and,
    ``or_naming``, of those whose list names one of ``$gone``, deleted entities).

    Without ``traits.typed_expand`` (FalkorDB) it walks every relationship of
    the entity and keeps the link types by name: FalkorDB expands a pattern of nine
    types, both ways, as eighteen matrices: ranking the 18,545 entities of 20k replayed
    posts took 27.6 s that way and 8.6 s this way (same lists, same store, load ~18).
    Neo4j keeps the typed expand, which skips a hub's many MENTIONS, and keeps each
    entry's link id (``traits.link_id``).

    One walk serves the list and the figures: every link is sorted, the first
    ``TOP_K`` kept, and all of them counted (the summed weight as an integer on both
    stores: FalkorDB's sum is a float)."""
    typed, link_id = traits.typed_expand, traits.link_id
    fallback = ontology.check_rel_type(ontology.fallback_type)
    names = [ontology.check_rel_type(t) for t in ontology.entity_relationship_types]
    types = ":" + "|".join(names) if typed else ""
    kept = "" if typed else " AND type(r) IN [" + ", ".join(f"'{t}'" for t in names) + "]"
    pick = "WHERE n.id IN $ids" + (
        " OR any(x IN coalesce(n.top_ids, []) WHERE x IN $gone)" if or_naming else "")
    values = _values("n", "o", "r", "startNode(r).id = n.id", fallback)
    written = PROPERTY | FIGURES
    if link_id:
        values["link"], written["link"] = f"{link_id}(r)", LINKS
    named = ", ".join(f"{value} AS {name}" for name, value in values.items())
    collected = ", ".join([*(f"collect({name})[..{TOP_K}] AS {name}" for name in values),
                           "count(*) AS links", "count(DISTINCT id) AS degree",
                           "toInteger(sum(weight)) AS strength"])
    return f"""
MATCH {entity_node('n')} {pick}
CALL {{
  WITH n
  MATCH (n)-[r{types}]-{entity_node('o')}
  WHERE o.id <> n.id{kept}
  WITH {named}
  ORDER BY hidden, weight DESC, id, type, out DESC
  RETURN {collected}
}}
SET {", ".join(f"n.{prop} = {name}" for name, prop in written.items())}
RETURN count(n) AS ranked"""


def entity_ids(read: Callable[..., Any], *, stale_only: bool = False,
               link_id: str = "") -> list[str]:
    """Every entity's id (only those ``stale`` when ``stale_only``), through a store's own
    read primitive."""
    text = stale(link_id) if stale_only else f"MATCH (n:{ENTITY}) RETURN n.id AS id ORDER BY id"
    return [row[0] for row in read(text, {}, limit=10**9, timeout=600.0).rows]


RANK_BATCH = 500
"""Entities ranked per transaction by ``rank_links`` (a hub's links are all read)."""


def chunks(ids: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(ids), RANK_BATCH):
        yield ids[start:start + RANK_BATCH]
