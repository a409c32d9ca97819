"""Saved views: an explorer page and its URL parameters under a name, kept in the store.

A view is exactly what its URL says (page, entity, hops, filters, picked link,
window), so saving one stores the query string and opening one opens that URL.
Kept as small nodes of the ontology's view label in the graph itself, so a view
works on every backend, survives a restart and travels with the graph.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from urllib.parse import urlencode

from kg.errors import Errors, ViewError
from kg.store import GraphStore, SavedView

NAME_MAX = 80
QUERY_MAX = 4000
FIRST = "page"  # the page first, so a saved query string reads like the view it opens


def view_query(params: Mapping[str, str | Sequence[str]]) -> str:
    """A URL query string from parameters (lists repeat their key), page first."""
    ordered = sorted(params, key=lambda k: (k != FIRST, k))
    pairs: list[tuple[str, str]] = []
    for key in ordered:
        value = params[key]
        values = [value] if isinstance(value, str) else list(value)
        pairs += [(key, v) for v in values]
    return urlencode(pairs)


def clean_name(name: str) -> str:
    """The name as stored; ViewError when it is empty or too long."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ViewError(Errors.VIEW_NAME_EMPTY)
    if len(cleaned) > NAME_MAX:
        raise ViewError(Errors.VIEW_NAME_LONG.format(limit=NAME_MAX, length=len(cleaned)))
    return cleaned


def save_view(store: GraphStore, name: str, params: Mapping[str, str | Sequence[str]]) -> SavedView:
    """Store the view (a view of the same name is replaced) and return it."""
    query = view_query(params)
    if len(query) > QUERY_MAX:
        raise ViewError(Errors.VIEW_ADDRESS_LONG.format(length=len(query), limit=QUERY_MAX))
    view = SavedView(clean_name(name), query, datetime.now(UTC).isoformat(timespec="seconds"))
    store.save_view(view.name, view.query, saved=view.saved)
    return view


def saved_views(store: GraphStore) -> list[SavedView]:
    """Every saved view, by name."""
    return store.saved_views()


def delete_view(store: GraphStore, name: str) -> None:
    """Remove a view; ViewError naming the views there are when none has that name."""
    if not store.delete_view(name):
        known = ", ".join(v.name for v in store.saved_views()) or "none"
        raise ViewError(Errors.VIEW_UNKNOWN.format(name=name, known=known))


def href(view: SavedView) -> str:
    """The relative link that opens the view."""
    return "?" + view.query
