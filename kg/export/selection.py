"""Turn what a user typed (seed names, type lists, dates) into the subgraph to export.

The CLI and any other caller share this, so a misspelt seed fails the same way
everywhere (with the closest names) and type filters are checked against the
ontology instead of silently matching nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from kg.errors import Errors, ExportError
from kg.search import build_index, resolve
from kg.store import GraphStore
from kg.subgraph import LINKS_PER_NODE, PER_NODE, Selection, Subgraph, from_query, select


def split_names(values: Iterable[str] | str | None) -> frozenset[str]:
    """'Trend,Audience' or ['Trend', 'Audience,Brand'] -> {'Trend', 'Audience', 'Brand'}."""
    if values is None:
        return frozenset()
    items = [values] if isinstance(values, str) else list(values)
    return frozenset(p.strip() for item in items for p in item.split(",") if p.strip())


def _check(names: frozenset[str], known: Iterable[str], what: str, option: str) -> None:
    known = sorted(set(known))
    unknown = sorted(names - set(known))
    if unknown:
        raise ExportError(Errors.EXPORT_NAMES.format(
            what=what, names=", ".join(map(repr, unknown)), option=option, known=", ".join(known)))


def _day(value: str, option: str) -> str:
    if not value:
        return ""
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise ExportError(Errors.EXPORT_DATE.format(option=option, value=value)) from exc


def subgraph_for(
    store: GraphStore,
    *,
    seeds: Sequence[str] = (),
    hops: int = 1,
    node_types: Iterable[str] | str | None = None,
    rel_types: Iterable[str] | str | None = None,
    min_weight: int = 1,
    since: str = "",
    until: str = "",
    max_nodes: int = 40,
    cypher: str | None = None,
    through_hubs: bool = False,
    background_links: bool = False,
    include_undated: bool = False,
    per_node: int = PER_NODE,
    links_per_node: int = LINKS_PER_NODE,
) -> Subgraph:
    """The subgraph for seed names (resolved like the app's search) or a read-only query.

    Raises UnknownEntityError (with suggestions) for a seed no entity matches, and
    ExportError for a type the ontology does not declare or a malformed date.
    """
    if bool(seeds) == bool(cypher):
        raise ExportError(Errors.EXPORT_SEEDS_OR_QUERY)
    if not 1 <= hops <= 3:
        raise ExportError(Errors.EXPORT_HOPS.format(hops=hops))
    if max_nodes < 1:
        raise ExportError(Errors.EXPORT_NODE_CAP.format(max_nodes=max_nodes))
    if cypher:
        return from_query(store, cypher, max_nodes=max_nodes)
    ontology = store.ontology
    types = split_names(node_types)
    links = split_names(rel_types)
    _check(types, ontology.entity_types, "node type", "--types")
    _check(links, ontology.entity_relationship_types, "link type", "--rel-types")
    index = build_index(store)
    ids = tuple(dict.fromkeys(resolve(index, name).id for name in seeds))
    selection = Selection(
        seeds=ids, hops=hops, node_types=types, rel_types=links, min_weight=min_weight,
        since=_day(since, "--since"), until=_day(until, "--until"),
        max_nodes=max_nodes, through_hubs=through_hubs, background_links=background_links,
        include_undated=include_undated, per_node=per_node, links_per_node=links_per_node,
    )
    return select(store, selection)
