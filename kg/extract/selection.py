"""One typed reading per stretch of text: lexicon, patterns and NER reconciled.

Where candidates overlap, the curated lexicon beats the rules, and the rules beat
the statistical NER; the longer span wins among equals. Two exceptions carry
knowledge the ranking lacks: a multi-word person name from NER keeps the brand or
place it contains ("Paris Hilton" is not Paris), and a bare surname is the person
named in full elsewhere in the document ("Kalil" -> Haley Kalil). Names found by
a pattern are then looked for everywhere else in the document, because a trend
introduced once with a cue ("la tendance mob wife") is then named bare.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract import knowledge
from kg.extract.candidates import (
    ENTITY_KEY,
    LEXICON_KEY,
    NER_KEY,
    PATTERN_KEY,
    REJECTED_KEY,
    SOURCE_RANK,
    CandidateInfo,
    doc_text,
    info,
    make_candidate,
    with_info,
)
from kg.extract.contested import drop_contested_headings
from kg.extract.people import People
from kg.extract.phrases import find_phrases
from kg.extract.possessive_brands import possessive_brands
from kg.extract.quoted_works import widen_quoted_works
from kg.extract.resources import name_particles
from kg.extract.text import key, strip_possessive
from kg.extract.vocabulary import UsesVocabulary
from kg.ontology import load_ontology

CLASS = load_ontology().names
COMMON_TYPES = load_ontology().common_types  # Trend, Audience, Topic: phrases, not names

PROPAGATED_TYPES = (CLASS.Trend, CLASS.Audience)
# "Squeezie et par Michou", "by Nike and by Puma": the preposition may be said again
COORDINATION = re.compile(r"(?:,|&|/|(?:,\s*)?(?:et|and|or|ou|ni|nor))"
                          r"(?:\s+(?:par|by|avec|with|chez|pour|for))?")
CONTAINED_TYPES = frozenset([CLASS.Place, CLASS.Brand, CLASS.Organization, CLASS.Platform])
AFFILIATION_WORDS = frozenset(["of", "from", "de", "du", "des", "d'", "d’"])  # Lisa of BLACKPINK
NAME_PARTICLES = name_particles()


def _firm(meta: CandidateInfo) -> bool:
    """A model guess confirmed by a context cue or by knowledge (a place, a full name)."""
    return meta.rule.endswith(("+cue", "+known"))


def _weight(meta: CandidateInfo) -> float:
    """How much one mention's type counts: cue 3, knowledge 2, a lone given name 1.5, model 1."""
    if meta.rule.endswith("+cue"):
        return 3.0
    if meta.rule.endswith("+known"):
        return 2.0
    return 1.5 if meta.rule.endswith("+name") else 1.0


class EntitySelector(UsesVocabulary):
    """spaCy component: final non-overlapping typed spans in ``doc.spans[spans_key]``."""

    def __init__(self, nlp: Language, name: str = "trendgraph_entities", *, lang: str,
                 spans_key: str = ENTITY_KEY) -> None:
        self.nlp = nlp
        self.name = name
        self.lang = lang
        self.spans_key = spans_key
        self.people = People(nlp, lang)

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[self.spans_key] = self.select(doc)
        return doc

    def select(self, doc: Doc) -> list[Span]:
        lexicon = list(doc.spans.get(LEXICON_KEY, []))
        patterns = list(doc.spans.get(PATTERN_KEY, [])) + self.people.families(doc)
        rejected = list(doc.spans.get(REJECTED_KEY, []))
        ner = self._drop_rejected_readings(list(doc.spans.get(NER_KEY, [])), rejected)
        ner = self._link_short_names(ner, lexicon)
        lexicon = self._extend_known_brands(lexicon, ner, rejected)
        candidates = drop_contested_headings(possessive_brands(lexicon + patterns + ner))
        chosen = self._resolve_overlaps(candidates)
        chosen = self._one_type_per_name(chosen)
        chosen = self._type_by_coordination(doc, sorted(chosen, key=lambda s: s.start))
        chosen = widen_quoted_works(self.people.settle(chosen))
        chosen = self._propagate(doc, chosen)
        return sorted(chosen, key=lambda s: s.start)

    @staticmethod
    def _extend_known_brands(lexicon: list[Span], ner: list[Span],
                             rejected: list[Span]) -> list[Span]:
        """"Patagonia Provisions", "Dior Homme": a known brand the model reads on into more
        capitalised words names a line or company of its own, a brand too (unless those
        words are another known name: "Zara Barbie" is a collaboration)."""
        by_start = {s.start: n for n, s in enumerate(lexicon) if info(s).type == CLASS.Brand}
        known = {i for s in [*lexicon, *rejected] for i in range(s.start, s.end)}
        out = list(lexicon)
        for span in ner:
            n = by_start.get(span.start)
            if n is None or span.end <= lexicon[n].end or "\n" in span.text:
                continue
            if info(span).type == CLASS.Person and knowledge.is_given_name(lexicon[n].text):
                continue  # "Chloe Ting": a person the model found, whose first name is a label
            extra = span.doc[lexicon[n].end:span.end]
            if all(t.is_alpha and t.text[:1].isupper() and t.i not in known for t in extra) and (
                not knowledge.place(extra.text)
            ):
                out[n] = make_candidate(span.doc, span.start, span.end, type_=CLASS.Brand,
                                        source="lexicon", rule="extended", confidence=0.8,
                                        name=span.text)
        return out

    @staticmethod
    def _drop_rejected_readings(ner: list[Span], rejected: list[Span]) -> list[Span]:
        """A word the lexicon knows as ambiguous ("Barbie", "Camp") and could not confirm
        is not handed to NER's guess either: it stays the common word."""
        bad = {(s.start, s.end) for s in rejected}
        return [s for s in ner if (s.start, s.end) not in bad]

    @staticmethod
    def _one_type_per_name(spans: list[Span]) -> list[Span]:
        """One sense per document: NER mentions of one name get one type.

        Each mention votes for its type: a context cue ("the film Saltburn") counts
        three, knowledge ("Biarritz" is a town) two, the model's bare guess one.
        """
        groups: dict[str, list[int]] = {}
        for index, span in enumerate(spans):
            meta = info(span)
            if meta.source == "ner" and meta.type not in COMMON_TYPES:
                groups.setdefault(key(meta.name or span.text), []).append(index)
        out = list(spans)
        for members in groups.values():
            types = [info(spans[i]) for i in members]
            if len({m.type for m in types}) < 2:
                continue
            votes: dict[str, float] = defaultdict(float)
            for m in types:
                votes[m.type] += _weight(m)
            winner = max(votes, key=votes.__getitem__)
            for i in members:
                if info(spans[i]).type != winner:
                    out[i] = with_info(spans[i], type=winner)
        return out

    @staticmethod
    def _type_by_coordination(doc: Doc, spans: list[Span]) -> list[Span]:
        """"Salomon, The North Face et Patagonia": names listed together are of one kind.

        Model guesses (places, lone names, unknown organisations) listed with a known
        brand, platform or person (lexicon, cue, knowledge) take its type.
        """
        out = list(spans)
        if len(spans) < 2:
            return out  # a list needs two names
        text = doc_text(doc)
        run: list[int] = []
        runs: list[list[int]] = []
        for index, span in enumerate(spans):
            if run:
                previous = spans[run[-1]]
                between = text[previous.end_char:span.start_char]
                if (between.strip() and len(between) < 12
                        and COORDINATION.fullmatch(between.strip().lower())
                        and previous.sent.start == span.sent.start):
                    run.append(index)
                    continue
                if len(run) > 1:
                    runs.append(run)
            run = [index]
        if len(run) > 1:
            runs.append(run)
        for members in runs:
            metas = [info(spans[i]) for i in members]
            anchors = [m.type for i, m in zip(members, metas, strict=True)
                       if m.type in (CLASS.Brand, CLASS.Platform, CLASS.Person)
                       and (m.source != "ner" or _firm(m)
                            or (m.rule.startswith("PER") and len(spans[i]) >= 2))]
            if not anchors:
                continue
            target = Counter(anchors).most_common(1)[0][0]
            for i, meta in zip(members, metas, strict=True):
                if (meta.source == "ner" and meta.type in (CLASS.Place, CLASS.Person, CLASS.Brand)
                        and meta.type != target and not _firm(meta) and len(spans[i]) <= 3
                        and not _named_in_full(spans[i], meta)):
                    out[i] = with_info(spans[i], type=target, confidence=0.6)
        return out

    @staticmethod
    def _rank(span: Span) -> tuple:
        """Lexicon > patterns > NER, then longer; a known theme ("Covid") is no stronger
        than a pattern, so the longer "génération Covid" holds it."""
        meta = info(span)
        rank = SOURCE_RANK.get(meta.source, 0)
        if meta.source == "lexicon" and meta.type == CLASS.Topic:
            rank = SOURCE_RANK["pattern"]
        return (rank, len(span), meta.confidence)

    def _resolve_overlaps(self, spans: list[Span]) -> list[Span]:
        spans = self._drop_names_inside_people(spans)
        taken: set[int] = set()
        chosen: list[Span] = []
        for span in sorted(spans, key=self._rank, reverse=True):
            tokens = set(range(span.start, span.end))
            if tokens & taken:
                continue
            chosen.append(span)
            taken |= tokens
        return chosen

    @staticmethod
    def _container(meta: CandidateInfo) -> bool:
        """Spans that may hold another name: people, and organisations found by NER."""
        return meta.type == CLASS.Person or (meta.type == CLASS.Organization
                                             and meta.source == "ner")

    def _drop_names_inside_people(self, spans: list[Span]) -> list[Span]:
        """'Paris Hilton' is a person, not Paris: drop a place or brand inside a full name.

        Unless the rest of the "name" is ordinary words: 'Zara Home' is Zara's shop (but
        'Chloe Ting' opens with a first name: the person, whatever 'ting' means).
        """
        spans = _cut_affiliations(spans)
        people = [s for s in spans if len(s) >= 2 and self._container(info(s))]
        if not people:
            return list(spans)  # no full name to hold another name
        ordinary = set()
        kept = []
        for span in spans:
            meta = info(span)
            owner = next((p for p in people if p.start <= span.start and span.end <= p.end
                          and len(p) > len(span)), None)
            if owner is None or meta.type not in CONTAINED_TYPES:
                kept.append(span)
                continue
            rest = [t for t in owner if not (span.start <= t.i < span.end) and t.is_alpha]
            if info(owner).rule != "family" and info(owner).type == CLASS.Person and rest and all(
                self.vocabulary.is_native(t.text) for t in rest
            ) and not (span.start == owner.start and knowledge.is_given_name(span.text)):
                kept.append(span)
                ordinary.add((owner.start, owner.end))
        return [s for s in kept
                if not (info(s).type == CLASS.Person and (s.start, s.end) in ordinary)]

    @staticmethod
    def _link_short_names(ner: list[Span], lexicon: list[Span]) -> list[Span]:
        """Single-word names equal to a part of a full person name become that person."""
        full: dict[str, set[str]] = {}
        for span in [*lexicon, *ner]:
            meta = info(span)
            if meta.type != CLASS.Person:
                continue
            name = meta.name or span.text
            parts = [p for p in name.split() if p.lower() not in NAME_PARTICLES]
            if len(parts) >= 2:
                for part in (parts[0], parts[-1]):
                    full.setdefault(key(part), set()).add(name)
        lone_people = {key(strip_possessive(s.text)) for s in ner
                       if info(s).type == CLASS.Person and len(s) == 1}
        out = []
        for span in ner:
            meta = info(span)
            words = [t for t in span if t.is_alpha]
            if (len(words) >= 2 and meta.type in (CLASS.Brand, CLASS.Place, CLASS.Organization)
                    and not _firm(meta) and all(t.text[:1].isupper() for t in words)
                    and key(strip_possessive(words[-1].text)) in lone_people):
                # "Hailey Bieber" (ORG) and later "Bieber" (PERSON): a person
                span = with_info(span, type=CLASS.Person, name=strip_possessive(span.text))
            elif len(words) == 1:
                owners = full.get(key(strip_possessive(words[0].text)), set())
                if len(owners) == 1:
                    span = with_info(span, type=CLASS.Person, name=next(iter(owners)),
                                     confidence=max(meta.confidence, 0.75))
            out.append(span)
        return out

    def _propagate(self, doc: Doc, chosen: list[Span]) -> list[Span]:
        """Bare mentions elsewhere in the text of names that patterns found once.

        One sense per document: the model's unconfirmed place reading of such a name
        gives way too (the "Roman Empire" meme, then "think about the Roman Empire")."""
        found: dict[str, Span] = {}
        for span in chosen:
            meta = info(span)
            if meta.source == "pattern" and meta.type in PROPAGATED_TYPES:
                for surface in {span.text, meta.name}:
                    if surface and len(key(surface)) >= 4:
                        found.setdefault(surface.lower(), span)
        if not found:
            return chosen
        chosen = [s for s in chosen if not (
            info(s).source == "ner" and info(s).type == CLASS.Place and not _firm(info(s))
            and s.text.lower() in found)]
        taken = {i for span in chosen for i in range(span.start, span.end)}
        extra: list[Span] = []
        matches = find_phrases(self.nlp, doc, list(found), lower=True)
        for surface, start, end in sorted(matches, key=lambda m: m[1] - m[2]):
            if any(i in taken for i in range(start, end)) or "\n" in doc[start:end].text:
                continue
            origin = info(found[surface])
            extra.append(make_candidate(
                doc, start, end, type_=origin.type, source="propagated", rule=origin.rule,
                confidence=origin.confidence, name=origin.name,
            ))
            taken |= set(range(start, end))
        return chosen + extra


def _cut_affiliations(spans: list[Span]) -> list[Span]:
    """'Lisa of BLACKPINK', 'Jungkook from BTS': the model reads on from a member's name
    into the group, band or company a known name ends with; the person is the name
    before the preposition, and the known name stays itself."""
    known = {(s.start, s.end) for s in spans
             if info(s).source == "lexicon" and info(s).type in CONTAINED_TYPES}
    out = []
    for span in spans:
        meta = info(span)
        cut = next((k for k in range(span.start + 1, span.end - 1)
                    if span.doc[k].lower_ in AFFILIATION_WORDS and (k + 1, span.end) in known),
                   None)
        if meta.type == CLASS.Person and meta.source == "ner" and cut is not None and all(
                t.is_title for t in span.doc[span.start:cut]):
            span = make_candidate(span.doc, span.start, cut, type_=CLASS.Person,
                                  source=meta.source, rule=meta.rule,
                                  confidence=meta.confidence, name=span.doc[span.start:cut].text)
        out.append(span)
    return out


def _named_in_full(span: Span, meta: CandidateInfo) -> bool:
    """'Weiss' after 'Emily Weiss': a surname already tied to the person the document
    names in full keeps being that person, whatever it is listed with."""
    return meta.type == CLASS.Person and len(span) == 1 and len((meta.name or "").split()) >= 2


@Language.factory("trendgraph_entities", default_config={"lang": "en", "spans_key": ENTITY_KEY})
def make_entity_selector(nlp: Language, name: str, lang: str, spans_key: str) -> EntitySelector:
    return EntitySelector(nlp, name, lang=lang, spans_key=spans_key)
