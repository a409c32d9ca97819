"""A view's rings and drawn links read off each entity's top-link list, when they can be.

Each entity carries its ``TOP_K`` strongest links (kg.store.toplinks), in the order the
walk picks them. A view whose filters keep every link (no type, period or weight
filter, background links last) and reads at most ``TOP_K`` links per node gets the
same rings from the lists, and draws the links among its nodes that their lists name,
without the database reading a hub's links. Other views, and entities without a list
(a store loaded by neo4j-admin, links written since the last ranking: ``rank_links``),
read the links themselves.

What crosses the wire is what the view uses: a ring ships each node's list entries
(one record), never a row per candidate with its neighbour's card; the links among
the shown nodes ship their ranking fields first, and their evidence only for those
drawn (a hub's 80-node view picks about 600 and draws about 200).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from kg.linkstats import LinkProfile
from kg.store import GraphStore
from kg.store.toplinks import TOP_K
from kg.subgraph.model import Edge, Evidence, Selection
from kg.subgraph.queries import (
    AMONG,
    KEYED_EVIDENCE,
    KEYED_LINKS,
    NODES,
    RING,
    RING_LISTS,
    keyed,
    linked_evidence,
)


def reads_lists(selection: Selection, k: int) -> bool:
    """True when the lists hold what the view asks for: every link passes its filters,
    background links rank last (as in the lists), and ``k`` per node fit in a list."""
    return (0 < k <= TOP_K and selection.min_weight <= 1 and not selection.rel_types
            and not selection.since and not selection.until
            and not selection.background_links)


def ring_rows(store: GraphStore, params: dict[str, Any], selection: Selection,
              profile: LinkProfile) -> list[dict]:
    """One ring's rows: off the lists where the view allows, the links themselves else.

    A listed row has no neighbour mentions: they only break ties between equal links
    in the walk's order, and a link's rank ends with its key, so none are equal."""
    limit = max(len(params["ids"]) * params["k"], 1)
    if not reads_lists(selection, params["k"]):
        return store.query(RING, {**params, "unlisted_only": False}, limit=limit,
                           timeout=60.0).dicts()
    lists = (store.query(RING_LISTS, {"ids": params["ids"], "k": params["k"]}, limit=1,
                         timeout=60.0).first() or {}).get("lists") or []
    rows, unlisted = [], []
    for here, others, kinds, outs, weights, confidences in lists:
        if others is None:
            unlisted.append(here)
            continue
        rows += [{"here": here, "source": here if out else other,
                  "target": other if out else here, "type": kind, "weight": weight,
                  "confidence": confidence, "neighbour": other, "neighbour_mentions": None}
                 for other, kind, out, weight, confidence
                 in zip(others, kinds, outs, weights, confidences, strict=True)]
    types = _types(store, profile, {row["neighbour"] for row in rows})
    rows = [{**row, "neighbour_type": types[row["neighbour"]]} for row in rows
            if row["neighbour"] in types]
    if unlisted:
        rows += store.query(RING, {**params, "ids": unlisted, "unlisted_only": False},
                            limit=limit, timeout=60.0).dicts()
    return rows


def _types(store: GraphStore, profile: LinkProfile, ids: set[str]) -> dict[str, str]:
    """Each entity's class: from the link profile (it holds every linked entity), the
    database for any it lacks (none, unless the graph changed since: then it is read)."""
    found = {i: profile.types[i] for i in ids if i in profile.types}
    missing = sorted(ids - found.keys())
    if missing:
        found |= {row["id"]: row["type"] for row in store.query(
            NODES, {"ids": missing}, limit=len(missing), timeout=60.0).dicts()}
    return found


def drawn_from_lists(store: GraphStore, ids: list[str], walked: set[tuple[str, str, str]],
                     k: int) -> dict[str, Any] | None:
    """DRAWN's answer made from the lists, without evidence (``bare``: ``with_evidence``
    reads it for the links drawn): the walk's links and each node's ``k`` strongest
    listed links among ``ids``, with the weight and confidence their lists hold;
    ``links`` counts the links the lists name among them, ``background`` names the
    background ones. None when a node has no list.
    """
    lists = (store.query(AMONG, {"ids": ids}, limit=1, timeout=60.0).first()
             or {}).get("lists") or []
    if len(lists) < len(ids) or any(item[1] is None for item in lists):
        return None
    walked_keys = {"|".join(key) for key in walked}
    picked, shown, background = set(walked_keys), set(walked_keys), set[str]()
    listed: dict[str, dict[str, Any]] = {}
    at: dict[str, list] = {}  # where a list names the link: [entity, index]
    among = set(ids)
    for here, *fields in lists:
        keys = []
        for index, (other, kind, out, hidden, weight, confidence) in enumerate(_entries(fields)):
            if other not in among:
                continue
            source, target = (here, other) if out else (other, here)
            key = f"{source}|{kind}|{target}"
            keys.append(key)
            (background if hidden else shown).add(key)
            if key not in listed:
                listed[key] = {"source": source, "target": target, "type": kind,
                               "weight": weight, "confidence": confidence}
                at[key] = [here, index]
        picked.update([key for key in keys if key not in walked_keys][:k])
    derived = store.ontology.derived_type  # never stored: a story is not a link
    unlisted = {key for key in picked - listed.keys() if key.split("|")[1] != derived}
    found = [listed[key] for key in sorted(picked) if key in listed]
    return {"drawn": found + _keyed(store, KEYED_LINKS, unlisted, "drawn"),
            "links": len(shown - background), "background": [sorted(background)],
            "bare": True, "at": at}


def _entries(fields: list[list | None]) -> Iterator[tuple]:
    """A list's entries from its parallel fields (a missing field reads as nulls)."""
    size = len(fields[0] or [])
    return zip(*(f if f is not None and len(f) == size else [*(f or []), *[None] * size][:size]
                 for f in fields), strict=True)


def with_evidence(store: GraphStore, edges: list[Edge], at: dict[str, list] | None = None,
                  titles: dict[str, str] | None = None) -> list[Edge]:
    """The links with their evidence, supporting-document count and dates.

    ``at``: where a top-link list names each link ("source|type|target" -> [entity,
    index]); on a store that keeps link ids those links are found by id, the others
    (and any whose list keeps no id, or an id naming another link) by their ends.
    ``titles`` gets the titles of the documents of the evidence read by id."""
    wanted = {"|".join(e.key) for e in edges}
    shown: dict[tuple, list] = {}
    if at and store.traits.link_id:
        named = [at[key] for key in sorted(wanted) if key in at]
        found = store.query(linked_evidence(store.traits.link_id), {"at": named}, limit=1,
                            timeout=60.0).first() or {}
        shown = {(source, kind, target): rest for source, kind, target, *rest
                 in found.get("shown") or [] if f"{source}|{kind}|{target}" in wanted}
        if titles is not None:
            titles.update((doc, title or "") for pairs in found.get("titles") or []
                          for doc, title in pairs)
    missing = {key for key in wanted if tuple(key.split("|")) not in shown}
    shown |= {(source, kind, target): rest for source, kind, target, *rest in _keyed(
        store, KEYED_EVIDENCE, missing, "shown")}
    out = []
    for edge in edges:
        doc_count, first, last, docs, sentences = shown.get(edge.key) or (0, "", "", [], [])
        evidence = tuple(Evidence(doc=d, sentence=s) for d, s in
                         zip(docs or [], sentences or [], strict=False))
        out.append(replace(edge, evidence=evidence, doc_count=int(doc_count or 0),
                           first_seen=first or "", last_seen=last or ""))
    return out


def _keyed(store: GraphStore, returned: str, keys: set[str], column: str) -> list[Any]:
    """One read of the links named by "source|type|target" keys (every type at once)."""
    if not keys:
        return []
    ontology = store.ontology
    named = []
    for key in sorted(keys):
        source, rel_type, target = key.split("|")
        named.append({"source": source, "type": ontology.check_rel_type(rel_type),
                      "target": target})
    stored = tuple(sorted(ontology.check_rel_type(t) for t in ontology.entity_relationship_types
                          if t != ontology.derived_type))
    return (store.query(keyed(stored, returned), {"keys": named}, limit=1, timeout=60.0).first()
            or {}).get(column) or []
