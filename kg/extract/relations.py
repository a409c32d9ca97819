"""Relations between the entities of one document, each with the sentence that proves it.

Two entities named in one sentence are a candidate link; the ontology's domain
and range decide its type (a Trend and an Audience -> POPULAR_WITH), the generic
RELATED_TO otherwise. A type the sentence must state (``cue_required``: a brand and
a person are partners only when the words around them say so) falls back to the
generic type without its cue. A candidate becomes a relation only when the sentence's
shape allows it (see :mod:`clauses`: not across ``;``, not between a quotation and
its attribution, not between a closing run of hashtags and the text, not between
two names of one kind in a list) and, for the generic type, only between classes
whose co-occurrence states something (``linkable`` in ``data/relations.json``).

Confidence: a typed link starts above a generic one, a cue phrase for its type in
the sentence ("populaire auprès de", "collaboration avec") raises it, as do
closeness and repetition; the generic type is capped below a cued typed link, and
a link seen only in a headline counts less. Evidence lists body sentences before
headlines; the weight is the number of supporting sentences.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.extract import clauses
from kg.extract.resources import function_words, relation_cues
from kg.model import Entity, Evidence, Mention, Relation
from kg.ontology import Ontology, load_ontology

CLASS = load_ontology().names

CUE_REACH = 30  # characters around two names where a required cue must be found
SEPARATORS = re.compile(r"^[\s,;/&+]*(?:(?:and|et|or|ou|from|to|à|de|vs\.?|versus|,)[\s,]*)*$",
                        re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int
    headline: bool = False


COLLAB_MARKS = frozenset(f" {mark} " for mark in function_words("collab_marks"))


@functools.cache
def _cue_patterns() -> dict[str, re.Pattern[str]]:
    out = {}
    for rel_type, words in relation_cues()["cues"].items():
        alternatives = "|".join(re.escape(w.lower()) for w in sorted(words, key=len, reverse=True))
        out[rel_type] = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    return out


@functools.cache
def _cue_required() -> frozenset[str]:
    return frozenset(relation_cues()["cue_required"]["types"])


@functools.cache
def _policy() -> tuple[frozenset[frozenset[str]], dict[frozenset[str], int], frozenset[str]]:
    settings = relation_cues()
    linkable = frozenset(frozenset(pair) for pair in settings["linkable"])
    near = {frozenset(k.split("|")): v for k, v in settings["near_pairs"].items()}
    return linkable, near, frozenset(settings["locative"])


def relate(
    entities: Sequence[Entity], sentences: Sequence[Sentence], *, doc_id: str,
    ontology: Ontology, text: str = "", structured: bool = True,
) -> list[Relation]:
    """One Relation per (type, source, target), one Evidence per supporting sentence.

    ``structured=False`` is plain sentence co-occurrence (the NER baseline).
    """
    settings = relation_cues()
    by_sentence: dict[int, dict[int, list[Mention]]] = {}
    for index, entity in enumerate(entities):
        for mention in entity.mentions:
            by_sentence.setdefault(mention.sentence, {}).setdefault(index, []).append(mention)
    relations: dict[tuple[str, str, str], Relation] = {}
    scores: dict[tuple[str, str, str], list[float]] = {}
    for sent_index in sorted(by_sentence):
        members = by_sentence[sent_index]
        if len(members) < 2 or sent_index >= len(sentences):
            continue
        sentence = sentences[sent_index]
        shape = _shape(text, sentence, members, entities) if structured and text else None
        order = list(members)
        for n, a in enumerate(order):
            for b in order[n + 1:]:
                found = _candidate(entities[a], entities[b], members[a], members[b], shape,
                                   ontology, text)
                if found is None:
                    continue
                rel_type, source, target, distance = found
                score = _score(rel_type, sentence, distance, ontology, settings)
                k = (rel_type, source.id, target.id)
                relation = relations.setdefault(k, Relation(source.id, target.id, rel_type))
                relation.evidence.append(Evidence(doc_id, sentence.text, sentence.start,
                                                  sentence.end, headline=sentence.headline))
                scores.setdefault(k, []).append(score)
    _fold_unstated(relations, scores, ontology.fallback_type)
    for k, relation in relations.items():
        relation.evidence.sort(key=lambda e: e.headline)  # body sentences first
        extra = settings["extra_sentence_bonus"] * (len(relation.evidence) - 1)
        cap = settings["max_confidence"].get(relation.type, 0.95)
        relation.confidence = round(min(cap, max(scores[k]) + extra), 3)
    return list(relations.values())


def _fold_unstated(relations: dict[tuple[str, str, str], Relation],
                   scores: dict[tuple[str, str, str], list[float]], fallback: str) -> None:
    """A pair the document states once ("Mister V's KFC partnership") keeps one link: its
    other sentences are more evidence for it, not a second, generic link."""
    stated = {frozenset(k[1:]): k for k in relations if k[0] in _cue_required()}
    for k in [k for k in relations if k[0] == fallback and frozenset(k[1:]) in stated]:
        typed = stated[frozenset(k[1:])]
        relations[typed].evidence.extend(relations.pop(k).evidence)
        scores[typed].extend(scores.pop(k))


def _shape(text: str, sentence: Sentence, members: dict[int, list[Mention]],
           entities: Sequence[Entity]) -> clauses.Shape:
    shape = clauses.shape(text, sentence.start, sentence.end)
    for index, mentions in members.items():
        if entities[index].type == CLASS.Person:
            for m in mentions:
                clauses.mark_speaker(text, shape, m.start, m.end)
    return shape


def _candidate(ea: Entity, eb: Entity, ma: list[Mention], mb: list[Mention],
               shape: clauses.Shape | None, ontology: Ontology, text: str,
               ) -> tuple[str, Entity, Entity, int] | None:
    """(type, source, target, distance) of a link the sentence supports, else None."""
    if ea.id == eb.id:
        return None
    rel_type, swapped = _relation_type(ontology, ea.type, eb.type)
    if shape is not None:
        ma = [m for m in ma if not shape.trailing_tag(m.start)]
        mb = [m for m in mb if not shape.trailing_tag(m.start)]
        if not ma or not mb:
            return None
    if len(ma) == 1 and len(mb) == 1:
        x, y = ma[0], mb[0]  # the one pair (most names are named once in a sentence)
    else:
        x, y = min(((p, q) for p in ma for q in mb), key=lambda pq: _gap(*pq))
    distance = _gap(x, y)
    if shape is not None and rel_type in _cue_required():
        if distance > _policy()[1].get(frozenset((ea.type, eb.type)), distance):
            return None
        if not _stated(rel_type, x, y, text):
            rel_type = ontology.fallback_type
    if shape is not None and not _allowed(ea, eb, x, y, shape, text):
        return None
    if shape is not None and rel_type == ontology.fallback_type and not _linkable(
            ea, eb, x, y, distance, text):
        return None
    source, target = (eb, ea) if swapped else (ea, eb)
    if rel_type == ontology.fallback_type or ea.type == eb.type:
        source, target = sorted((ea, eb), key=lambda e: e.id)
    return rel_type, source, target, distance


_TYPES: dict[tuple[int, str, str], tuple[str, bool]] = {}


def _relation_type(ontology: Ontology, a: str, b: str) -> tuple[str, bool]:
    """The ontology's answer for two classes, remembered (asked for every pair of names)."""
    k = (id(ontology), a, b)
    if k not in _TYPES:
        _TYPES[k] = ontology.relation_type(a, b)
    return _TYPES[k]


def _stated(rel_type: str, x: Mention, y: Mention, text: str) -> bool:
    """A cue for the type between or right around the two names (a cue elsewhere in a
    long sentence is about something else)."""
    lo, hi = min(x.start, y.start), max(x.end, y.end)
    first, second = (x, y) if x.start < y.start else (y, x)
    if text[first.end:second.start] in COLLAB_MARKS:
        return True  # "Crocs x Bad Bunny": the mark between two names states the link
    around = text[max(0, lo - CUE_REACH):hi + CUE_REACH].lower()
    return bool(_cue_patterns()[rel_type].search(around))


def _gap(x: Mention, y: Mention) -> int:
    return max(y.start - x.end, x.start - y.end, 0)


def _allowed(ea: Entity, eb: Entity, x: Mention, y: Mention, shape: clauses.Shape,
             text: str) -> bool:
    """The sentence's shape lets these two mentions be linked."""
    if shape.clause(x.start) != shape.clause(y.start):
        return False
    if shape.attributed(x.start) != shape.attributed(y.start):
        return False  # a quote's source is not part of what is quoted
    first, second = sorted((x, y), key=lambda m: m.start)
    return not (ea.type == eb.type and SEPARATORS.match(text[first.end:second.start]))


def _linkable(ea: Entity, eb: Entity, x: Mention, y: Mention, distance: int,
              text: str) -> bool:
    """The generic type links only classes whose co-occurrence says something."""
    linkable, near, locative = _policy()
    pair = frozenset((ea.type, eb.type))
    first, second = (x, y) if x.start < y.start else (y, x)
    if text[first.end:second.start] in COLLAB_MARKS:
        return True  # "Skims × Fendi": two brands of one collaboration
    if pair not in linkable:
        return False
    if pair in near and distance > near[pair]:
        return False
    for entity, mention in ((ea, x), (eb, y)):
        if entity.type == CLASS.Place:
            before = text[max(0, mention.start - 12):mention.start].lower().split()
            if not before or before[-1] not in locative:
                return False
        if entity.type == CLASS.Person and re.match(r"['’]s\b", text[mention.end:mention.end + 3]):
            other = y if mention is x else x
            if not 0 <= other.start - mention.end <= 40:
                return False  # "Ridley Scott's sequel": the person goes with the work
    return True


def _score(rel_type: str, sentence: Sentence, distance: int, ontology: Ontology,
           settings: dict) -> float:
    base = settings["base_confidence"]
    fallback = rel_type == ontology.fallback_type
    score = base["fallback"] if fallback else base["typed"]
    if _cue_patterns()[rel_type].search(sentence.text.lower()):
        score += settings["fallback_cue_bonus" if fallback else "cue_bonus"]
    if distance <= settings["near_chars"]:
        score += settings["near_bonus"]
    if sentence.headline:
        score -= settings["headline_penalty"]
    return score
