"""What `trendgraph curate` and the app's Curate page do: record a rule, then apply it.

Rules are built from entity ids the caller resolved (the CLI by name search, the
app by pickers), completed here from the store (the target's class and name), so
a rule replays without the store that saw it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kg.curation import queries
from kg.curation.engine import CurationReport, Progress, apply_rules, rebuild
from kg.curation.rulebook import Entry, RuleBook
from kg.curation.rules import Hide, HideLink, Merge, Rename, Retype, Rule, describe
from kg.errors import CurationError, Errors, UnknownEntityError
from kg.queries import BIG

if TYPE_CHECKING:
    from kg.store import GraphStore


def ids_of(rule: Rule) -> list[str]:
    """The entity ids a rule names."""
    return [getattr(rule, k) for k in ("source", "target", "entity") if hasattr(rule, k)]


def cards(store: GraphStore, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
    """id -> (class, name) of the entities the store holds among ``ids``."""
    rows = store.query(queries.ENTITY_CARDS, {"ids": list(ids)}, limit=BIG)
    return {row["id"]: (row["type"] or "", row["name"] or row["id"]) for row in rows.dicts()}


def _card(store: GraphStore, entity: str) -> tuple[str, str]:
    found = cards(store, [entity])
    if entity not in found:
        raise UnknownEntityError(entity, [])
    return found[entity]


def merge_rule(store: GraphStore, source: str, target: str) -> Merge:
    """Merge ``source`` into ``target``, both stored entities."""
    _card(store, source)
    type_, name = _card(store, target)
    return Merge(source=source, target=target, name=name, type=type_)


def rename_rule(store: GraphStore, entity: str, name: str) -> Rename:
    _card(store, entity)
    return Rename(entity=entity, name=name.strip())


def retype_rule(store: GraphStore, entity: str, type_: str) -> Retype:
    current, _ = _card(store, entity)
    if type_ not in store.ontology.entity_types:
        raise CurationError(Errors.CLASS_UNKNOWN.format(
            type=type_, known=", ".join(store.ontology.entity_types)))
    if type_ == current:
        raise CurationError(Errors.ALREADY_TYPED.format(entity=entity, type=type_))
    return Retype(entity=entity, type=type_)


def hide_rule(store: GraphStore, entity: str) -> Hide:
    _card(store, entity)
    return Hide(entity=entity)


def hide_link_rule(store: GraphStore, source: str, target: str, rel_type: str = "") -> HideLink:
    _card(store, source)
    _card(store, target)
    if rel_type:
        store.ontology.check_rel_type(rel_type)
    return HideLink(source=source, target=target, type=rel_type)


def curate(
    store: GraphStore, book: RuleBook, rules: Sequence[Rule], *, by: str = "",
    note: str = "", progress: Progress | None = None,
) -> tuple[list[Entry], CurationReport]:
    """Record ``rules`` in the book, then apply them to the store."""
    already = book.rules
    found = cards(store, [i for rule in rules for i in ids_of(rule)])
    names = {i: name for i, (_, name) in found.items()}
    entries = book.add(rules, by=by, note=note, labels=[describe(r, names) for r in rules])
    try:
        report = apply_rules(store, rules, already=already, progress=progress)
    except Exception as exc:
        raise CurationError(Errors.RULE_NOT_APPLIED.format(path=book.path, reason=exc)) from exc
    return entries, report


def undo(
    store: GraphStore, book: RuleBook, entry_id: int | None = None,
    *, progress: Progress | None = None,
) -> tuple[Entry, CurationReport]:
    """Take a rule out of the book (the last by default) and rebuild under the rest."""
    gone = book.remove(entry_id)
    try:
        report = rebuild(store, book.rules, progress=progress)
    except CurationError:
        book.restore(gone)
        raise
    return gone, report
