"""A view's rings and drawn links read off each entity's top-link list, when they can be.

Each entity carries its ``TOP_K`` strongest links (kg.store.toplinks), in the order the
walk picks them. A view whose filters keep every link (no type, period or weight
filter, background links last) and reads at most ``TOP_K`` links per node gets the
same rings from the lists, and draws the links among its nodes that their lists name,
without the database reading a hub's links. Other views, and entities without a list
(a store loaded by neo4j-admin, links written since the last ranking: ``rank_links``),
read the links themselves.
"""

from __future__ import annotations

from typing import Any

from kg.store import GraphStore
from kg.store.toplinks import TOP_K
from kg.subgraph.model import Selection
from kg.subgraph.queries import LISTS, RING, RING_LISTED, links_of_type


def reads_lists(selection: Selection, k: int) -> bool:
    """True when the lists hold what the view asks for: every link passes its filters,
    background links rank last (as in the lists), and ``k`` per node fit in a list."""
    return (0 < k <= TOP_K and selection.min_weight <= 1 and not selection.rel_types
            and not selection.since and not selection.until
            and not selection.background_links)


def ring_rows(store: GraphStore, params: dict[str, Any], selection: Selection) -> list[dict]:
    """One ring's rows: off the lists where the view allows, the links themselves else."""
    limit = max(len(params["ids"]) * params["k"], 1)
    if not reads_lists(selection, params["k"]):
        return store.query(RING, {**params, "unlisted_only": False}, limit=limit,
                           timeout=60.0).dicts()
    rows = store.query(RING_LISTED, params, limit=limit, timeout=60.0).dicts()
    return rows + store.query(RING, {**params, "unlisted_only": True}, limit=limit,
                              timeout=60.0).dicts()


def drawn_from_lists(store: GraphStore, ids: list[str], walked: set[tuple[str, str, str]],
                     k: int) -> dict[str, Any] | None:
    """DRAWN's answer made from the lists: the walk's links and each node's ``k``
    strongest listed links among ``ids``; ``links`` counts the links the lists name
    among them, ``background`` names the background ones. None when a node has no list.
    """
    lists = (store.query(LISTS, {"ids": ids}, limit=1, timeout=60.0).first()
             or {}).get("lists") or []
    if len(lists) < len(ids) or any(item[1] is None for item in lists):
        return None
    shown_ids, walked_keys = set(ids), {"|".join(key) for key in walked}
    picked, shown, background = set(walked_keys), set(walked_keys), set[str]()
    for here, others, types, outs, hiddens in lists:
        among = [(f"{here}|{kind}|{other}" if out else f"{other}|{kind}|{here}", hidden)
                 for other, kind, out, hidden in zip(others, types, outs, hiddens, strict=True)
                 if other in shown_ids]
        picked.update([key for key, _ in among if key not in walked_keys][:k])
        for key, hidden in among:
            (background if hidden else shown).add(key)
    return {"drawn": _links(store, picked), "links": len(shown - background),
            "background": [sorted(background)]}


def _links(store: GraphStore, keys: set[str]) -> list[dict[str, Any]]:
    """The links named by "source|type|target" keys, with their evidence, by type."""
    by_type: dict[str, list[dict[str, str]]] = {}
    for key in sorted(keys):
        source, rel_type, target = key.split("|")
        by_type.setdefault(rel_type, []).append({"source": source, "target": target})
    found: list[dict[str, Any]] = []
    for rel_type, pairs in by_type.items():
        text = links_of_type(store.ontology.check_rel_type(rel_type))
        found += (store.query(text, {"keys": pairs}, limit=1, timeout=60.0).first()
                  or {}).get("drawn") or []
    return found
