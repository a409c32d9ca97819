"""Corpus-level consolidation: one node per concept, decided over every document at once.

Extraction sees one document; some decisions need the corpus. ``Gaming douillet``
in a French post and ``Cozy gaming`` in English articles are one trend; a hashtag
written once (``#nailtrends``) that names no trend the corpus talks about is not a
trend node. This module turns per-entity statistics into *rules*: merge A into B
(keeping A's names as aliases) or hide A. It is a pure function, so it runs the same
in memory over a split's extractions (``trendgraph eval``) and over the statistics a
store keeps after ingest (the curation engine applies the rules there).

Merges are deliberately conservative (a wrong merge is worse than a missed one):
two entities of one type merge only when a name of one *is* the canonical name of
the other, or when a French name translates word for word, through a small table of
trend-name heads and modifiers (``data/trend_words.json``), into the canonical name
of an English one.
"""

from __future__ import annotations

import functools
import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from kg.model import Entity, Extraction, Relation, fold, slug
from kg.ontology import load_ontology
from kg.queries import BIG, MENTIONS, document_node, entity_node, entity_type
from kg.type_votes import retypes

CLASS = load_ontology().names

if TYPE_CHECKING:
    from kg.store import GraphStore

MERGEABLE_TYPES = load_ontology().common_types  # common phrases, not proper names
WEAK = 0.5  # below this, a hashtag-only trend needs the corpus behind it
BACKED_DOCUMENTS = 3
BACKED_AUTHORS = 2
LINKING_WORDS = frozenset(["de", "d", "du", "des"])  # folded: "d'apnée" -> "d apnee"


@dataclass(frozen=True, slots=True)
class Rule:
    """One curation decision: ``merge`` entity into target, or ``hide`` entity."""

    action: str
    entity: str
    target: str = ""
    aliases: tuple[str, ...] = ()
    reason: str = ""


@dataclass(slots=True)
class EntityStats:
    """What the corpus says about one node: its names and how much support it has."""

    id: str
    type: str
    name: str
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    documents: int = 0
    authors: set[str] = field(default_factory=set)
    hashtag_mentions: int = 0
    confidence: float = 0.0
    langs: Counter[str] = field(default_factory=Counter)
    support: float = 0.0  # votes for the type, summed over documents (kg/type_votes.py)

    @property
    def hashtag_only(self) -> bool:
        return self.mentions > 0 and self.hashtag_mentions == self.mentions


def entity_stats(extractions: Iterable[Extraction]) -> dict[str, EntityStats]:
    """Per-node statistics over a corpus of extractions."""
    stats: dict[str, EntityStats] = {}
    for extraction in extractions:
        author = extraction.document.author or extraction.document.source
        for entity in extraction.entities:
            row = stats.setdefault(entity.id, EntityStats(entity.id, entity.type, entity.name))
            row.aliases.update(entity.aliases)
            row.mentions += len(entity.mentions)
            row.documents += 1
            row.authors.add(author)
            row.hashtag_mentions += sum(m.text.startswith("#") for m in entity.mentions)
            row.confidence = max(row.confidence, entity.confidence)
            row.langs[extraction.lang] += 1
            row.support += entity.type_support
    return stats


def _support(row: EntityStats) -> tuple[int, int, int]:
    return (not row.hashtag_only, row.documents, row.mentions)


@functools.cache
def _translations() -> dict[str, tuple[str, ...]]:
    from kg.extract.resources import load_json

    table = load_json("trend_words.json")["fr_en"]
    return {fold(fr): tuple(fold(en) for en in ens) for fr, ens in table.items()}


def translated_keys(name: str) -> set[str]:
    """English keys a French trend name may translate to, word for word, in both orders.

    At least one word must be translated ("gaming douillet" -> "cozy gaming"); words
    the table does not know are kept (French trend names borrow English words). A
    French "X de Y" is also read as the English "Y X", its linking word dropped
    ("fans de fantasy" -> "fantasy fans", "amateurs de fantasy" -> "fantasy fans").
    """
    words = fold(name).split()
    if not 1 <= len(words) <= 3:
        return set()
    out = _word_for_word(words, required=True)
    if len(words) == 3 and words[1] in LINKING_WORDS:
        out |= _word_for_word([words[0], words[2]], required=False)
        if "fans" in (words[0], *_translations().get(words[0], ())):
            out |= _practitioners(words[2])
    return out


def _practitioners(activity: str) -> set[str]:
    """'amateurs d'apnée' are also 'free divers': English names the people who do an
    activity by its '-ing' word with '-ers' (diving -> divers, surfing -> surfers)."""
    names = _translations().get(activity, (activity,))  # French borrows 'running', 'gaming'
    ing = (en.replace(" ", "") for en in names)
    return {en[:-3] + "ers" for en in ing if en.endswith("ing") and len(en) > 5}


def _word_for_word(words: Sequence[str], *, required: bool) -> set[str]:
    table = _translations()
    options = [((w,), False) if w not in table else (table[w], True) for w in words]
    if required and not any(translated for _, translated in options):
        return set()
    out = set()
    for combo in itertools.product(*(choices for choices, _ in options)):
        out.add(" ".join(combo).replace(" ", ""))
        out.add(" ".join(reversed(combo)).replace(" ", ""))
    return out


def plan(stats: dict[str, EntityStats]) -> list[Rule]:
    """Merge rules for one corpus (each merge points at a node that is itself kept)."""
    by_name: dict[tuple[str, str], str] = {}
    for row in stats.values():
        by_name.setdefault((row.type, slug(row.name)), row.id)
    target: dict[str, str] = {}
    reasons: dict[str, str] = {}
    for row in stats.values():
        if row.type not in MERGEABLE_TYPES:
            continue
        named = (by_name.get((row.type, slug(a))) for a in row.aliases)
        candidates = {other for other in named if other is not None and other != row.id}
        for candidate in candidates:
            _link(target, reasons, stats, row.id, candidate, "a name of one is the other's name")
        for k in translated_keys(row.name) if row.langs["fr"] else ():
            other = by_name.get((row.type, k))
            if other and other != row.id:
                _link(target, reasons, stats, row.id, other, "French name translates")
    for source, winner, reason in retypes(stats.values()):
        if source not in target:
            target[source], reasons[source] = winner, reason
    _attach_hashtags(stats, target, reasons)
    rules = [Rule("hide", row.id, reason="a hashtag that names no trend, with little support")
             for row in stats.values() if _unbacked(row) and row.id not in target]
    for source in sorted(target):
        root = _root(target, source)
        if root == source:
            continue
        row = stats[source]
        rules.append(Rule("merge", source, root, tuple(sorted({row.name, *row.aliases})),
                          reasons[source]))
    return rules


def _unbacked(row: EntityStats) -> bool:
    """A weak hashtag-only trend used in too few documents, by too few authors."""
    return (row.type == CLASS.Trend and row.hashtag_only and row.confidence < WEAK
            and (row.documents < BACKED_DOCUMENTS or len(row.authors) < BACKED_AUTHORS))


def _attach_hashtags(stats: dict[str, EntityStats], target: dict[str, str],
                     reasons: dict[str, str]) -> None:
    """A hashtag-only trend whose words are another trend's name joins it ('#cozygamer')."""
    from kg.extract.hashtags import stems

    named: dict[tuple[str, ...], set[str]] = {}
    for row in stats.values():
        if row.type == CLASS.Trend and not row.hashtag_only:
            named.setdefault(stems(row.name), set()).add(row.id)
    for row in stats.values():
        if row.type != CLASS.Trend or not row.hashtag_only or row.id in target:
            continue
        owners = named.get(stems(row.name), set()) - {row.id}
        if len(owners) == 1:
            _link(target, reasons, stats, row.id, owners.pop(), "a hashtag of that trend")


def _root(target: dict[str, str], node: str) -> str:
    seen = set()
    while node in target and node not in seen:
        seen.add(node)
        node = target[node]
    return node


def _link(target: dict[str, str], reasons: dict[str, str], stats: dict[str, EntityStats],
          a: str, b: str, reason: str) -> None:
    """Point the weaker of two nodes at the stronger one's root."""
    ra, rb = _root(target, a), _root(target, b)
    if ra == rb:
        return
    weak, strong = sorted((ra, rb), key=lambda i: (_support(stats[i]), i))
    target[weak] = strong
    reasons[weak] = reason


def apply(extractions: Sequence[Extraction], rules: Sequence[Rule]) -> list[Extraction]:
    """The extractions as the store will hold them after the rules (ids rewritten)."""
    merged = {r.entity: r.target for r in rules if r.action == "merge"}
    hidden = {r.entity for r in rules if r.action == "hide"}
    if not merged and not hidden:
        return list(extractions)
    names: dict[str, tuple[str, str]] = {}
    for extraction in extractions:
        for entity in extraction.entities:
            names.setdefault(entity.id, (entity.type, entity.name))
    return [_rewrite(e, merged, hidden, names) for e in extractions]


def _rewrite(extraction: Extraction, merged: dict[str, str], hidden: set[str],
             names: dict[str, tuple[str, str]]) -> Extraction:
    entities: dict[str, Entity] = {}
    for entity in extraction.entities:
        if entity.id in hidden:
            continue
        new_id = merged.get(entity.id, entity.id)
        type_, name = names.get(new_id, (entity.type, entity.name))
        kept = entities.get(new_id)
        if kept is None:
            kept = Entity(type=type_, name=name, aliases=[], mentions=[],
                          confidence=entity.confidence, source=entity.source)
            entities[new_id] = kept
        for alias in (entity.name, *entity.aliases):
            if alias != kept.name and alias not in kept.aliases:
                kept.aliases.append(alias)
        kept.mentions = sorted([*kept.mentions, *entity.mentions], key=lambda m: m.start)
        kept.confidence = max(kept.confidence, entity.confidence)
        kept.type_support += entity.type_support
    relations: dict[tuple[str, str, str], Relation] = {}
    for relation in extraction.relations:
        source = merged.get(relation.source, relation.source)
        target = merged.get(relation.target, relation.target)
        if source == target or source in hidden or target in hidden:
            continue
        k = (relation.type, source, target)
        if k in relations:
            kept_rel = relations[k]
            kept_rel.evidence = [*kept_rel.evidence, *relation.evidence]
            kept_rel.confidence = max(kept_rel.confidence, relation.confidence)
        else:
            relations[k] = replace(relation, source=source, target=target,
                                   evidence=list(relation.evidence))
    return replace(extraction, entities=list(entities.values()), relations=list(relations.values()))


def consolidate(extractions: Sequence[Extraction]) -> list[Extraction]:
    """Plan the rules of a corpus and apply them (what ``trendgraph eval`` scores)."""
    return apply(extractions, plan(entity_stats(extractions)))


# ---------------------------------------------------------------- after ingest, over a store

ENTITY_STATS = f"""
MATCH {document_node('d')}-[:{MENTIONS}]->{entity_node('e')}
WITH e, count(d) AS documents, collect(DISTINCT coalesce(d.author, d.source)) AS authors,
     collect(d.lang) AS langs
RETURN e.id AS id, {entity_type('e')} AS type, e.name AS name,
       e.aliases AS aliases, e.mentions AS mentions, e.confidence AS confidence,
       documents, authors, langs"""

AUTHOR = "trendgraph (corpus consolidation)"

SHADOWED_LINKS = f"""
MATCH {entity_node('a')}-[g]-{entity_node('b')}
WHERE type(g) = $fallback AND a.id < b.id
MATCH (a)-[s]-(b) WHERE type(s) <> $fallback
RETURN DISTINCT a.id AS source, b.id AS target ORDER BY source, target"""


def store_stats(store: GraphStore) -> dict[str, EntityStats]:
    """Per-node statistics as a store holds them (hashtag-only: every name a '#' form)."""
    stats = {}
    for row in store.query(ENTITY_STATS, {}, limit=BIG).dicts():
        aliases = set(row["aliases"] or [])
        mentions = int(row["mentions"] or 0)
        tags_only = bool(aliases) and all(a.startswith("#") for a in aliases)
        stats[row["id"]] = EntityStats(
            row["id"], row["type"] or "", row["name"] or row["id"], aliases, mentions,
            int(row["documents"] or 0), set(row["authors"] or []),
            mentions if tags_only else 0, float(row["confidence"] or 0.0),
            Counter(row["langs"] or []))
    return stats


def curation_rules(rules: Sequence[Rule], stats: dict[str, EntityStats]) -> list[Any]:
    """The same decisions as curation rules (kg.curation), which the store applies."""
    from kg.curation import Hide, Merge

    out: list[Any] = []
    for rule in rules:
        if rule.action == "merge" and rule.target in stats:
            target = stats[rule.target]
            out.append(Merge(source=rule.entity, target=rule.target, name=target.name,
                             type=target.type))
        elif rule.action == "hide":
            out.append(Hide(entity=rule.entity))
    return out


def consolidate_store(store: GraphStore, *, book: Any = None) -> list[Any]:
    """Plan over the whole store and apply what is new as curation rules; returns them.

    Rules go to the store's rules file (author :data:`AUTHOR`), so later ingests apply
    them to new documents too, and `trendgraph curate list|undo` shows and undoes them.
    A rule touching an entity some rule of the file already names is left out: a
    strategist's decision is never overridden.
    """
    from kg.curation.curator import curate, ids_of
    from kg.curation.rulebook import RuleBook

    book = book or RuleBook.for_store(store)
    taken = {i for rule in book.rules for i in ids_of(rule)}
    stats = store_stats(store)
    planned = [*curation_rules(plan(stats), stats), *shadowed_links(store)]
    fresh = [r for r in planned if not set(ids_of(r)) & taken]
    if fresh:
        curate(store, book, fresh, by=AUTHOR, note="corpus consolidation after ingest")
    return fresh


def shadowed_links(store: GraphStore) -> list[Any]:
    """Hide-link rules for the generic links of pairs that also hold a stated one.

    One document folds its generic link into the stated one (kg/extract/relations.py);
    across documents a pair may get both ("Dan Egan, vice president at Betterment" in
    one, "Dan Egan from Betterment" in another). The stated link is the one kept: a
    pair shows one link.
    """
    from kg.curation import HideLink
    from kg.ontology import load_ontology

    fallback = load_ontology().fallback_type
    rows = store.query(SHADOWED_LINKS, {"fallback": fallback}, limit=BIG).dicts()
    return [HideLink(source=r["source"], target=r["target"], type=fallback) for r in rows]
