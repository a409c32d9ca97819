"""Relations between the entities of one document, each with the sentence that proves it.

Two entities named in one sentence are linked; the ontology's domain and range
decide the type (a Trend and an Audience -> POPULAR_WITH), the generic
RELATED_TO otherwise. A cue phrase for that type in the sentence ("populaire
auprès de", "collaboration avec") raises the confidence, as do closeness and
repetition; the weight is the number of supporting sentences.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.extract.resources import relation_cues
from kg.model import Entity, Evidence, Relation
from kg.ontology import Ontology


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int


@functools.cache
def _cue_patterns() -> dict[str, re.Pattern[str]]:
    out = {}
    for rel_type, words in relation_cues()["cues"].items():
        alternatives = "|".join(re.escape(w.lower()) for w in sorted(words, key=len, reverse=True))
        out[rel_type] = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    return out


def relate(
    entities: Sequence[Entity], sentences: Sequence[Sentence], *, doc_id: str, ontology: Ontology,
) -> list[Relation]:
    """One Relation per (type, source, target), one Evidence per supporting sentence."""
    settings = relation_cues()
    base = settings["base_confidence"]
    fallback = ontology.fallback_type
    by_sentence: dict[int, list[int]] = {}
    for index, entity in enumerate(entities):
        for mention in entity.mentions:
            members = by_sentence.setdefault(mention.sentence, [])
            if index not in members:
                members.append(index)
    relations: dict[tuple[str, str, str], Relation] = {}
    scores: dict[tuple[str, str, str], list[float]] = {}
    for sent_index in sorted(by_sentence):
        members = by_sentence[sent_index]
        if len(members) < 2 or sent_index >= len(sentences):
            continue
        sentence = sentences[sent_index]
        lowered = sentence.text.lower()
        for n, a in enumerate(members):
            for b in members[n + 1:]:
                ea, eb = entities[a], entities[b]
                if ea.id == eb.id:
                    continue
                rel_type, swapped = ontology.relation_type(ea.type, eb.type)
                source, target = (eb, ea) if swapped else (ea, eb)
                if rel_type == fallback or ea.type == eb.type:
                    source, target = sorted((ea, eb), key=lambda e: e.id)
                score = base["fallback"] if rel_type == fallback else base["typed"]
                if _cue_patterns()[rel_type].search(lowered):
                    score += settings["cue_bonus" if rel_type != fallback else "fallback_cue_bonus"]
                if _distance(ea, eb, sent_index) <= settings["near_chars"]:
                    score += settings["near_bonus"]
                k = (rel_type, source.id, target.id)
                relation = relations.setdefault(k, Relation(source.id, target.id, rel_type))
                relation.evidence.append(
                    Evidence(doc_id, sentence.text, sentence.start, sentence.end)
                )
                scores.setdefault(k, []).append(score)
    for k, relation in relations.items():
        extra = settings["extra_sentence_bonus"] * (len(relation.evidence) - 1)
        relation.confidence = round(min(0.95, max(scores[k]) + extra), 3)
    return list(relations.values())


def _distance(a: Entity, b: Entity, sentence: int) -> int:
    """Characters between the closest mentions of two entities in one sentence."""
    starts_a = [(m.start, m.end) for m in a.mentions if m.sentence == sentence]
    starts_b = [(m.start, m.end) for m in b.mentions if m.sentence == sentence]
    return min(
        max(sb - ea, sa - eb, 0) for sa, ea in starts_a for sb, eb in starts_b
    )
