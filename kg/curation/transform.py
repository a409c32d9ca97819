"""Apply curation rules to one extraction: a pure function, like extraction itself.

Every write goes through here (ingest, a rebuild, the partial rewrite after a new
rule), so a document ingested next month obeys the rules made today, and the graph
is always what the stored raw extractions and the rules say it is.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from kg.curation.rules import Hide, HideLink, Merge, Rename, Retype, Rule
from kg.errors import CurationError, Errors
from kg.model import Entity, Extraction, Relation, entity_id
from kg.ontology import Ontology


@dataclass(slots=True)
class _State:
    entities: dict[str, Entity]
    relations: list[Relation]
    ontology: Ontology


def curate_extraction(
    extraction: Extraction, rules: Sequence[Rule], ontology: Ontology
) -> Extraction:
    """The extraction as the rules want it; ``extraction`` itself is left unchanged."""
    if not rules:
        return extraction
    state = _State(
        entities={e.id: replace(e, aliases=list(e.aliases), mentions=list(e.mentions))
                  for e in extraction.entities},
        relations=[replace(r, evidence=list(r.evidence)) for r in extraction.relations],
        ontology=ontology,
    )
    for rule in rules:
        _apply(state, rule)
    return replace(extraction, entities=list(state.entities.values()),
                   relations=state.relations)


def resolve_id(entity: str, rules: Iterable[Rule], ontology: Ontology) -> str | None:
    """Where the rules send one entity id; None when a rule hides it."""
    type_ = type_of_id(entity, ontology)
    current = entity
    for rule in rules:
        match rule:
            case Merge(source=source, target=target, type=new_type) if source == current:
                current, type_ = target, new_type
            case Rename(entity=found, name=name) if found == current:
                current = entity_id(type_, name)
            case Retype(entity=found, type=new_type) if found == current:
                current, type_ = f"{new_type.lower()}:{current.split(':', 1)[1]}", new_type
            case Hide(entity=found) if found == current:
                return None
    return current


def type_of_id(entity: str, ontology: Ontology) -> str:
    """The class an id names (``trend:x`` -> ``Trend``); CurationError when none does."""
    prefix = entity.split(":", 1)[0]
    for name in ontology.entity_types:
        if name.lower() == prefix:
            return name
    examples = ", ".join(t.lower() + ":" for t in ontology.entity_types[:3])
    raise CurationError(Errors.NOT_ENTITY_ID.format(entity=entity, examples=examples))


def _apply(state: _State, rule: Rule) -> None:
    match rule:
        case Merge(source=source, name=name, type=type_):
            _move(state, source, _checked_type(type_, state.ontology), name)
        case Rename(entity=entity, name=name):
            if entity in state.entities:
                _move(state, entity, state.entities[entity].type, name.strip())
        case Retype(entity=entity, type=type_):
            if entity in state.entities:
                _move(state, entity, _checked_type(type_, state.ontology),
                      state.entities[entity].name)
        case Hide(entity=entity):
            if state.entities.pop(entity, None) is not None:
                state.relations = [r for r in state.relations if entity not in (r.source, r.target)]
        case HideLink():
            state.relations = [r for r in state.relations
                               if not rule.matches(r.source, r.target, r.type)]


def _checked_type(type_: str, ontology: Ontology) -> str:
    if type_ not in ontology.entity_types:
        raise CurationError(Errors.CLASS_UNKNOWN.format(
            type=type_, known=", ".join(ontology.entity_types)))
    return type_


def _move(state: _State, old_id: str, type_: str, name: str) -> None:
    """Give one entity a new class and name; it joins the entity that already has them."""
    entity = state.entities.pop(old_id, None)
    if entity is None:
        return
    moved = replace(entity, type=type_, name=name,
                    aliases=_aliases([*entity.aliases, entity.name], name))
    existing = state.entities.get(moved.id)
    if existing is not None:
        existing.aliases = _aliases([*existing.aliases, *moved.aliases], existing.name)
        existing.mentions = [*existing.mentions, *moved.mentions]
        existing.confidence = max(existing.confidence, moved.confidence)
    else:
        state.entities[moved.id] = moved
    state.relations = _remap(state, old_id, moved.id)


def _aliases(names: Iterable[str], canonical: str) -> list[str]:
    return [a for a in dict.fromkeys(names) if a and a != canonical]


def _remap(state: _State, old_id: str, new_id: str) -> list[Relation]:
    """Relations with ``old_id`` renamed, re-typed to fit the classes, duplicates joined."""
    merged: dict[tuple[str, str, str], Relation] = {}
    for relation in state.relations:
        if old_id in (relation.source, relation.target):
            ends = [new_id if end == old_id else end for end in (relation.source, relation.target)]
            if ends[0] == ends[1]:
                continue
            relation = _fit(replace(relation, source=ends[0], target=ends[1]), state)
        key = (relation.type, relation.source, relation.target)
        if key in merged:
            kept = merged[key]
            seen = {(ev.doc, ev.sentence) for ev in kept.evidence}
            kept.evidence.extend(
                ev for ev in relation.evidence if (ev.doc, ev.sentence) not in seen)
            kept.confidence = max(kept.confidence, relation.confidence)
        else:
            merged[key] = relation
    return list(merged.values())


def _fit(relation: Relation, state: _State) -> Relation:
    """Keep a type whose domain and range still fit the ends; else type it like the extractor."""
    ontology = state.ontology
    source_type = state.entities[relation.source].type
    target_type = state.entities[relation.target].type
    fallback = ontology.fallback_type
    rel_type, swapped = relation.type, False
    if rel_type != fallback:
        prop = ontology.property_for_type(rel_type)
        if ontology.is_a(source_type, prop.domain) and ontology.is_a(target_type, prop.range):
            pass
        elif ontology.is_a(target_type, prop.domain) and ontology.is_a(source_type, prop.range):
            swapped = True
        else:
            rel_type, swapped = ontology.relation_type(source_type, target_type)
    source, target = (relation.target, relation.source) if swapped else (
        relation.source, relation.target)
    if rel_type == fallback:
        source, target = sorted((source, target))
    return replace(relation, source=source, target=target, type=rel_type)


def focus_on(extraction: Extraction, ids: Collection[str]) -> Extraction:
    """Only what touches ``ids``: their entities, their links and the other ends of those.

    Used to rewrite the nodes a rule removed without counting anything else twice:
    the other ends are merged (unchanged) so the links can attach to them.
    """
    relations = [r for r in extraction.relations if r.source in ids or r.target in ids]
    ends = {end for r in relations for end in (r.source, r.target)}
    entities = [e for e in extraction.entities if e.id in ids or e.id in ends]
    return replace(extraction, entities=entities, relations=relations)
