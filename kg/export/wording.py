"""Words built from data for slides: the selection, dates, links, slide titles.

Every sentence a deck shows is assembled here from names, counts and the
ontology's own labels ("popular with", "spreads on"), never written freely, so a
title can always be traced back to the graph. The CLI and the app describe a
selection through ``describe`` alone, so the same selection reads the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from kg.ontology import Ontology
from kg.subgraph import Selection


def day(value: str | None) -> str:
    """The calendar day of an ISO date or timestamp ('2025-11-28T10:30' -> '2025-11-28')."""
    if not value:
        return ""
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return text


def filters(selection: Selection) -> list[str]:
    """The selection's filters alone (types, links, weight, dates, languages, platforms)."""
    parts = []
    if selection.node_types:
        parts.append("types " + "/".join(sorted(selection.node_types)))
    if selection.rel_types:
        parts.append("links " + "/".join(sorted(selection.rel_types)))
    if selection.min_weight > 1:
        parts.append(f"weight >= {selection.min_weight}")
    if selection.since or selection.until:
        undated = " (with undated)" if selection.include_undated else ""
        parts.append(f"{day(selection.since) or '…'} to {day(selection.until) or '…'}{undated}")
    if selection.langs:
        parts.append("lang " + "/".join(sorted(selection.langs)))
    if selection.platforms:
        parts.append("on " + "/".join(sorted(selection.platforms)))
    if selection.background_links:
        parts.append("platform links shown")
    return parts


def describe(selection: Selection, names: dict[str, str] | None = None, *,
             seeds: bool = True) -> str:
    """'Mermaidcore · 1 hop · types Audience/Brand · 2024-05-01 to 2025-11-28'.

    ``seeds=False`` leaves the seed names out, for a subtitle under a title naming them.
    """
    names = names or {}
    parts = []
    if seeds or not selection.seeds:
        parts.append(", ".join(names.get(s, s) for s in selection.seeds) or "query result")
    if selection.seeds:
        parts.append(f"{selection.hops} hop{'s' if selection.hops > 1 else ''}")
        if selection.hops > 1 and selection.through_hubs:
            parts.append("through hubs")
    return " · ".join(parts + filters(selection))


def untyped(ontology: Ontology, rel_type: str) -> bool:
    """Is this the generic co-occurrence link ('related to') rather than a typed relation?"""
    return rel_type == ontology.fallback_type


def plural(count: int, noun: str, many: str | None = None) -> str:
    """'1 document', '3 documents'."""
    return f"{count} {noun if count == 1 else (many or noun + 's')}"


def listing(items: Sequence[str], limit: int = 3) -> str:
    """'A', 'A and B', 'A, B and C', 'A, B, C and 2 more'."""
    items = list(items)
    if len(items) > limit:
        rest = len(items) - limit
        items = [*items[:limit], f"{rest} more"]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def period(days: Iterable[str]) -> str:
    """'2024-02-05 to 2025-11-24' over the non-empty days given, or ''."""
    known = sorted(d for d in (day(v) for v in days) if d)
    if not known:
        return ""
    return known[0] if known[0] == known[-1] else f"{known[0]} to {known[-1]}"


def predicate(ontology: Ontology, rel_type: str, *, plural_subject: bool = False) -> str:
    """The ontology label as a verb phrase: 'spreads on', 'is popular with', 'are …'."""
    label = ontology.rel_label(rel_type)
    first, _, rest = label.partition(" ")
    is_verb = first.endswith("s") and first not in ("is", "as")
    if not is_verb:
        return f"{'are' if plural_subject else 'is'} {label}"
    if not plural_subject:
        return label
    stem = first[:-3] + "y" if first.endswith("ies") else first[:-1]
    return f"{stem} {rest}".strip()


def clause(ontology: Ontology, rel_type: str, subjects: Sequence[str],
           objects: Sequence[str]) -> str:
    """'Mermaidcore is popular with Gen Z', 'Zara and Disney are associated with Mermaidcore'."""
    verb = predicate(ontology, rel_type, plural_subject=len(subjects) > 1)
    return f"{listing(subjects)} {verb} {listing(objects)}"
