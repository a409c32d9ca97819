"""Curation rules: what a strategist decided about the graph, as plain data.

A rule names entities by id (``trend:cozygaming``) and carries whatever a rebuild
needs to replay it without asking the store (the target's name and class), so the
same list of rules turns any extraction, today's or next year's, into the curated
graph. Rules apply in order: a later rule sees the ids earlier rules produced.
"""

from __future__ import annotations

from dataclasses import MISSING, asdict, dataclass, fields
from typing import Any

from kg.errors import CurationError, Errors
from kg.model import entity_id


@dataclass(frozen=True, slots=True)
class Merge:
    """Fold ``source`` into ``target`` (class ``type``, name ``name``), keeping its names."""

    source: str
    target: str
    name: str
    type: str

    def __post_init__(self) -> None:
        if entity_id(self.type, self.name) != self.target:
            raise CurationError(Errors.MERGE_TARGET.format(
                target=self.target, type=self.type, name=self.name,
                expected=entity_id(self.type, self.name)))
        if self.source == self.target:
            raise CurationError(Errors.MERGE_SELF.format(source=self.source))


@dataclass(frozen=True, slots=True)
class Rename:
    """Give ``entity`` a new canonical ``name``; the old one becomes an alias.

    A rename can change the id (ids derive from class and name), and then joins any
    existing entity of that name, exactly as the extractor would have.
    """

    entity: str
    name: str

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise CurationError(Errors.RENAME_EMPTY.format(entity=self.entity))


@dataclass(frozen=True, slots=True)
class Retype:
    """Move ``entity`` to the ontology class ``type``; its links are re-typed to fit."""

    entity: str
    type: str


@dataclass(frozen=True, slots=True)
class Hide:
    """Leave ``entity`` (and every link to it) out of the graph."""

    entity: str


@dataclass(frozen=True, slots=True)
class HideLink:
    """Leave the links between ``source`` and ``target`` out (of ``type``, or all types)."""

    source: str
    target: str
    type: str = ""

    def matches(self, source: str, target: str, rel_type: str) -> bool:
        ends = {source, target} == {self.source, self.target}
        return ends and (not self.type or self.type == rel_type)


Rule = Merge | Rename | Retype | Hide | HideLink

OPS: dict[str, type] = {
    "merge": Merge, "rename": Rename, "retype": Retype, "hide": Hide, "hide-link": HideLink,
}
OP_OF: dict[type, str] = {kind: op for op, kind in OPS.items()}


def rule_to_dict(rule: Rule) -> dict[str, Any]:
    """``{"op": "merge", "source": ..., ...}``: the rule as one JSON object."""
    return {"op": OP_OF[type(rule)], **asdict(rule)}


def rule_from_dict(data: dict[str, Any]) -> Rule:
    """The rule a dict describes; CurationError naming the op or field that is wrong."""
    op = data.get("op")
    kind = OPS.get(str(op))
    if kind is None:
        raise CurationError(Errors.RULE_OPERATION.format(op=op, ops=", ".join(OPS)))
    names = [f.name for f in fields(kind)]
    required = [f.name for f in fields(kind) if f.default is MISSING]
    missing = [n for n in required if not isinstance(data.get(n), str) or not data.get(n)]
    if missing:
        raise CurationError(Errors.RULE_FIELDS.format(op=op, missing=", ".join(missing)))
    return kind(**{n: str(data[n]) for n in names if n in data})


def describe(rule: Rule, names: dict[str, str] | None = None) -> str:
    """One line a strategist reads in `curate list` and in the app."""
    names = names or {}

    def label(entity: str) -> str:
        return f"{names[entity]} ({entity})" if entity in names else entity

    match rule:
        case Merge(source=s, name=n, type=t):
            return f"merge {label(s)} into {n} ({t})"
        case Rename(entity=e, name=n):
            return f"rename {label(e)} to {n}"
        case Retype(entity=e, type=t):
            return f"retype {label(e)} as {t}"
        case Hide(entity=e):
            return f"hide {label(e)}"
        case HideLink(source=s, target=t, type=k):
            return f"hide {k or 'all'} links between {label(s)} and {label(t)}"
    raise TypeError(f"not a curation rule: {rule!r}")  # a bug, not a user's error
