"""From typed mentions to entities: one per real thing, every spelling kept.

Mentions merge when they name the same thing: the same lexicon concept, the same
name up to case, accents, '#', spacing and CamelCase, a plural or a near-identical
spelling of the same type, a surname of a person named in full, or an alias the
text states ("Haley Kalil, who posts as Haley Baylee"). Two different lexicon
concepts never merge, so X the platform stays apart from a letter X and Camp the
aesthetic from a summer camp.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from kg.extract import hashtags
from kg.extract.audiences import english_audience_name
from kg.extract.groups import Groups
from kg.extract.knowledge import common_word_zipf, english_place_name, zipf
from kg.extract.resources import function_words, load_rules, name_particles, relation_cues
from kg.extract.text import key
from kg.model import Entity, Mention, fold, slug
from kg.ontology import load_ontology
from kg.type_votes import mention_weight

CLASS = load_ontology().names

FUZZY_MIN_LENGTH = 6
FUZZY_RATIO = 92
NAME_PARTICLES = name_particles()
SPACES = re.compile(r"\s+")
ALIAS_GAP = re.compile(r"[\s,;:()«»\"“”]+")


@dataclass(frozen=True, slots=True)
class Found:
    """One typed mention, as the pipeline left it."""

    type: str
    name: str
    surface: str
    start: int
    end: int
    sentence: int
    source: str
    confidence: float
    rule: str = ""


def _concept(found: Found) -> str | None:
    return found.name if found.source == "lexicon" else None


def _compatible(a: Sequence[Found], b: Sequence[Found]) -> bool:
    """Groups that hold two different lexicon concepts never merge."""
    ca = {_concept(f) for f in a} - {None}
    cb = {_concept(f) for f in b} - {None}
    return not (ca and cb and ca != cb)


def resolve(found: list[Found], *, text: str) -> list[Entity]:
    """Merge mentions into entities (ordered by first mention)."""
    if not found:
        return []
    groups = Groups(range(len(found)))
    _merge_same_names(found, groups)
    _merge_stated_aliases(found, groups, text)
    _merge_short_person_names(found, groups)
    _merge_near_spellings(found, groups)
    _merge_cue_extensions(found, groups)
    hashtags.attach(groups.members(), found, groups.union, _compatible)
    entities = [
        _entity([found[i] for i in sorted(members)]) for members in groups.members().values()
    ]
    return _dedupe(sorted(entities, key=lambda e: e.mentions[0].start))


def _merge_same_names(found: list[Found], groups: Groups[int]) -> None:
    first: dict[tuple[str, str], int] = {}
    for i, f in enumerate(found):
        keys = {key(f.name)} if f.source == "lexicon" else {key(f.name), key(f.surface)}
        for k in keys:
            if not k:
                continue
            j = first.setdefault((f.type, k), i)
            if j != i and _compatible([found[j]], [f]):
                groups.union(i, j)


@functools.cache
def _alias_cues() -> frozenset[str]:
    return frozenset(c.lower() for c in relation_cues()["aliases"]["cues"])


def _merge_stated_aliases(found: list[Found], groups: Groups[int], text: str) -> None:
    alias_cues = _alias_cues()
    ordered = sorted(range(len(found)), key=lambda i: found[i].start)
    for a, b in itertools.pairwise(ordered):
        fa, fb = found[a], found[b]
        if fa.sentence != fb.sentence or fa.type != fb.type:
            continue
        between = ALIAS_GAP.sub(" ", text[fa.end:fb.start]).strip().lower()
        if between in alias_cues and _compatible([fa], [fb]):
            groups.union(a, b)


def _merge_short_person_names(found: list[Found], groups: Groups[int]) -> None:
    members = groups.members()
    full: dict[str, set[int]] = defaultdict(set)
    for root, idx in members.items():
        if found[root].type != CLASS.Person:
            continue
        for i in idx:
            parts = [p for p in found[i].name.split() if p.lower() not in NAME_PARTICLES]
            if len(parts) >= 2:
                full[key(parts[0])].add(root)
                full[key(parts[-1])].add(root)
    for root, idx in members.items():
        if found[root].type != CLASS.Person:
            continue
        names = {found[i].name for i in idx}
        if all(len(n.split()) == 1 for n in names):
            owners = {o for n in names for o in full.get(key(n), set())} - {root}
            if len(owners) == 1:
                groups.union(root, owners.pop())


def _merge_near_spellings(found: list[Found], groups: Groups[int]) -> None:
    members = groups.members()
    by_type: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for root, idx in members.items():
        for form in {fold(found[i].name) for i in idx}:
            by_type[found[root].type].append((root, form))
    for type_, items in by_type.items():
        for n, (ra, fa) in enumerate(items):
            for rb, fb in items[n + 1:]:
                if groups.find(ra) == groups.find(rb):
                    continue
                if not _near(fa.replace(" ", ""), fb.replace(" ", "")):
                    continue
                if type_ != CLASS.Person and _other_word(fa, fb):
                    continue
                a = [found[i] for i in members[ra]]
                b = [found[i] for i in members[rb]]
                if _compatible(a, b) and not (_all_lexicon(a) and _all_lexicon(b)):
                    groups.union(ra, rb)


def _merge_cue_extensions(found: list[Found], groups: Groups[int]) -> None:
    """'Clean girl' and 'Clean girl aesthetic', 'Stanley cup' and 'Stanley cup craze': one trend.

    Two trend names merge when one is the other followed only by cue words
    (aesthetic, trend, craze…), never two lexicon concepts.
    """
    suffixes = _cue_suffixes()
    members = groups.members()
    names: list[tuple[int, list[str]]] = []
    for root, idx in members.items():
        if found[root].type != CLASS.Trend:
            continue
        for form in {f.name for f in (found[i] for i in idx)} | {found[i].surface for i in idx}:
            words = fold(form).split()
            if words:
                names.append((root, words))
    for ra, wa in names:
        for rb, wb in names:
            if len(wa) >= len(wb) or wb[: len(wa)] != wa or groups.find(ra) == groups.find(rb):
                continue
            if not all(w in suffixes for w in wb[len(wa):]):
                continue
            a = [found[i] for i in members[ra]]
            b = [found[i] for i in members[rb]]
            if _compatible(a, b) and not (_all_lexicon(a) and _all_lexicon(b)):
                groups.union(ra, rb)


@functools.cache
def _cue_suffixes() -> frozenset[str]:
    heads = set(function_words("trend_heads"))
    for rule in load_rules():
        if (rule.get("kind") == "cue" and rule.get("type") == CLASS.Trend
                and rule.get("side") == "left" and not rule.get("keep_cue")):
            heads |= {fold(c) for c in rule["cue"]}
    return frozenset(heads)


def _all_lexicon(group: Sequence[Found]) -> bool:
    return all(f.source == "lexicon" for f in group)


def _other_word(a: str, b: str) -> bool:
    """'Millennial women' / 'millennial men', 'coastal grandma' / 'coastal grandpa': close in
    spelling, but one real word stands where the other has another real word, so they name
    two things, not one thing spelt two ways. (People are left out: 'Haley' and 'Hailey'
    are both common words and one person's two spellings.)"""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return False
    return any(_is_word(x) and _is_word(y) and hashtags.stem(x) != hashtags.stem(y)
               for x, y in zip(wa, wb, strict=True) if x != y)


def _is_word(word: str) -> bool:
    floor = common_word_zipf()
    return zipf(word, "en") >= floor or zipf(word, "fr") >= floor


def _near(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if long_ in (short + "s", short + "es", short + "x"):
        return True
    if len(short) < FUZZY_MIN_LENGTH or short[:1] != long_[:1]:
        return False
    if any(c.isdigit() for c in a + b) and re.sub(r"\D", "", a) != re.sub(r"\D", "", b):
        return False  # Blockout2024 is not Blockout2025
    return fuzz.ratio(a, b) >= FUZZY_RATIO


def _entity(group: list[Found]) -> Entity:
    lexicon = [f for f in group if f.source == "lexicon"]
    spoken = [f.type for f in group if not f.surface.startswith("#")]
    type_ = _most_common(spoken) if spoken else group[0].type
    name = _most_common(f.name for f in lexicon) if lexicon else _best_name(group)
    if type_ == CLASS.Place and not lexicon:
        name = english_place_name(name) or name  # one node for "Chine" and "China"
    elif type_ == CLASS.Audience and not lexicon:
        name = english_audience_name(name) or name  # "Jeunes utilisateurs" -> "Young users"
    best = max(group, key=lambda f: f.confidence)
    confidence = min(0.99, best.confidence + 0.03 * (len(group) - 1))
    if hashtags.is_generic_hashtag(group) and not hashtags.has_trend_shape(name):
        confidence = hashtags.ALONE_CONFIDENCE  # "#nailtrends" alone: the corpus decides
    seen: dict[str, None] = {}
    for f in group:
        for form in (SPACES.sub(" ", f.surface).strip(), f.name):
            if form and form != name:
                seen.setdefault(form, None)
    return Entity(
        type=type_,
        name=name,
        aliases=list(seen),
        mentions=[Mention(f.surface, f.start, f.end, f.sentence)
                  for f in sorted(group, key=lambda f: f.start)],
        confidence=round(confidence, 3),
        source="pattern" if best.source == "propagated" else best.source,
        type_support=sum(mention_weight(f.source, f.rule) for f in group if f.type == type_),
    )


def _most_common[T: Hashable](values: Iterable[T]) -> T:
    """The most frequent value, the first seen among equals (``Counter.most_common``'s
    answer, without building a Counter for the one or two mentions most groups hold)."""
    counts: dict[T, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return max(counts, key=counts.__getitem__)


def _best_name(group: list[Found]) -> str:
    """Most frequent clean name; a full person name beats a surname; hashtags last."""
    counts: dict[str, float] = {}
    first_seen: dict[str, int] = {}
    for f in group:
        weight = 1.0 if not f.surface.startswith("#") else 0.5
        counts[f.name] = counts.get(f.name, 0.0) + weight
        first_seen.setdefault(f.name, f.start)
    if group[0].type == CLASS.Person:
        return max(counts, key=lambda n: (len(n.split()), counts[n], -first_seen[n]))
    return max(counts, key=lambda n: (counts[n], not n.islower(), -first_seen[n]))


def _dedupe(entities: list[Entity]) -> list[Entity]:
    """Two groups that ended with the same (type, name) are one entity."""
    out: dict[tuple[str, str], Entity] = {}
    for entity in entities:
        k = (entity.type, slug(entity.name))
        if k not in out:
            out[k] = entity
            continue
        kept = out[k]
        kept.mentions = sorted(kept.mentions + entity.mentions, key=lambda m: m.start)
        for alias in [entity.name, *entity.aliases]:
            if alias != kept.name and alias not in kept.aliases:
                kept.aliases.append(alias)
        kept.confidence = max(kept.confidence, entity.confidence)
        kept.type_support += entity.type_support
    return list(out.values())
