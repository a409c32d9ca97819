"""Statistical NER spans mapped onto ontology classes, with context re-typing.

The models know PER/ORG/LOC/MISC (French) or OntoNotes labels (English), not trends or platforms.
The mapping in ``data/ner_labels.json`` gives a default; the words around a span then decide: "la
marque X" is a Brand, "l'association X" an Organization, "sur X" a Platform, "le film X" a
CreativeWork, "YouTubeur X" a Person, "Sophie Martin" (a common given name first) a Person whatever
the label. English in lowercase read as a name (French "soft life", ORG) is a trend candidate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kg.extract import knowledge, noise
from kg.extract.candidates import NER_KEY, make_candidate
from kg.extract.context import ContextCues, Cues
from kg.extract.cue_fit import cue_fits
from kg.extract.known_types import PERSON_LABELS, PLACE_LABELS, Known, is_common_word, known_type
from kg.extract.resources import cues, function_words, load_json, title_words
from kg.extract.text import (
    QUOTES_CLOSE,
    QUOTES_OPEN,
    cue_doc,
    display_name,
    strip_nickname,
    strip_possessive,
)
from kg.extract.vocabulary import UsesVocabulary
from kg.ontology import load_ontology

CLASS = load_ontology().names

CUE_KINDS = ("brand_before", "organization_before", "platform_before", "work_before")
CUE_TYPE = {"brand_before": CLASS.Brand, "organization_before": CLASS.Organization,
            "platform_before": CLASS.Platform, "work_before": CLASS.CreativeWork}
# "de nombreux Américains": a French nationality word names people (its English is capitalised)
DEMONYMS = frozenset(w for w, e in load_json("audience_words.json")["modifiers"].items()
                     if e[:1].isupper())
CONTEXT_RETYPABLE = frozenset([CLASS.Brand, CLASS.Person, CLASS.Organization, CLASS.Place,
                               CLASS.Event, None])
RETYPABLE = {  # the types (None: untyped) a cue before a name may override
    "brand_before": CONTEXT_RETYPABLE,
    "organization_before": CONTEXT_RETYPABLE,
    "platform_before": frozenset([CLASS.Brand, None]),
    "work_before": CONTEXT_RETYPABLE,
}
GROUP_LABELS = frozenset(["NORP"])  # "French stores": a nationality before a shop word
COORDINATION = function_words("coordination")
UNSPLIT_LABELS = frozenset(["WORK_OF_ART", "EVENT", "LAW"])
NON_NOMINAL = frozenset(["VERB", "AUX", "ADV", "ADP", "PRON", "DET", "SCONJ", "CCONJ", "PART"])


def _without_first(ent: Span, start: int) -> Span:
    span = ent.doc[start:ent.end]
    span.label_ = ent.label_
    return span


def _rule_suffix(kind: str | None, known: Known | None) -> str:
    """How the type was decided: a context cue, knowledge, a lone given name, or the model."""
    if kind:
        return "+cue"
    if known is None:
        return ""
    return "+name" if known.rule == "given-name" else "+known"


@dataclass(frozen=True, slots=True)
class _Seen:
    """What one document's NER and cues show, passed along while its spans are typed (kept
    on no component, so one component serves any number of documents, in any order)."""

    known_parts: frozenset[str]  # words of the multi-word person names
    name_parts: frozenset[str]  # those, plus the last words of any multi-word name
    ents: Sequence[Span]  # the model's names (counted only for the rare trend-like phrase)
    cues: Cues
    cue_ends: dict[int, str]  # token index after a type cue -> the cue's kind


class NerTypes(UsesVocabulary):
    """spaCy component: typed, cleaned NER candidates in ``doc.spans[spans_key]``."""

    def __init__(self, nlp: Language, name: str = "trendgraph_ner_types", *, lang: str,
                 spans_key: str = NER_KEY) -> None:
        self.nlp = nlp
        self.name = name
        self.lang = lang
        self.spans_key = spans_key
        table = load_json("ner_labels.json")
        self.labels: dict[str, dict] = table.get(lang, table["en"])
        data = cues()
        self.org_words = frozenset(w.lower() for w in data["organization_words"])
        events = "|".join(re.escape(w.lower()) for w in data["event_words"])
        self.event_words = re.compile(rf"(?<!\w)(?:{events})(?!\w)")
        self.platform_after = frozenset(w.lower() for w in data["platform_after"])
        self.brand_lead = frozenset(w.lower() for w in data["brand_lead_words"])
        self.brand_tail = frozenset(w.lower() for w in data["brand_tail_words"])
        self.reporting = frozenset(w.lower() for w in data["reporting_verbs"])
        self.titles = title_words(lang)
        self.person_heads = frozenset(data["person_heads"]["words"])
        self.before = PhraseMatcher(nlp.vocab, attr="LOWER")
        for kind in CUE_KINDS:
            self.before.add(kind, [cue_doc(nlp, p) for p in data[kind]])
        self.context = ContextCues(nlp)
        self.modifiers = frozenset(data["generic_modifiers"].get(lang, []))
        self.proper_types = load_ontology().proper_types - {CLASS.CreativeWork}  # look proper

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, list(self.match(doc)))
        return doc

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        doc.spans[self.spans_key] = spans

    def match(self, doc: Doc) -> Iterable[Span]:
        ents = doc.ents  # built from the tokens on every access: read it once
        if not any(ent.label_ in self.labels for ent in ents):
            return  # nothing to type: no cue or name list is needed
        seen = self._seen(doc, ents)
        for ent in ents:
            if (mapping := self.labels.get(ent.label_)) is None:
                continue
            if ent.label_ in PERSON_LABELS or (len(ent) == 1 and knowledge.is_given_name(ent.text)):
                ent = self._extend_name(ent)
            for piece in self._pieces(ent):
                candidate = self._typed(piece, mapping["type"], mapping["confidence"], seen)
                if candidate is not None:
                    yield candidate

    def _seen(self, doc: Doc, ents: Sequence[Span]) -> _Seen:
        known_parts = frozenset(
            t.lower_ for e in ents if e.label_ in PERSON_LABELS and len(e) >= 2
            for t in e if t.is_alpha and len(t) > 2
        )
        # last words of multi-word names of any label: "Bieber" after "Hailey Bieber" (ORG)
        name_tails = frozenset(
            e[-1].lower_ for e in ents if len(e) >= 2 and e[-1].is_alpha and e[-1].is_title
        )
        cue_ends: dict[int, str] = {}
        for match_id, _start, end in self.before(doc):
            kind = self.nlp.vocab.strings[match_id]
            cue_ends.setdefault(end, kind)
            if end < len(doc) and doc[end].text in QUOTES_OPEN:
                cue_ends.setdefault(end + 1, kind)  # le titre « Apple »
            window = doc[end:end + 2]  # "la marque française Cimalp": adjectives may follow
            n = next((k for k, t in enumerate(window) if not (t.is_lower and t.pos_ == "ADJ")),
                     len(window))
            if n and kind != "platform_before":
                cue_ends.setdefault(end + n, kind)
        return _Seen(known_parts=known_parts, name_parts=known_parts | name_tails, ents=ents,
                     cues=self.context.find(doc), cue_ends=cue_ends)

    @staticmethod
    def _pieces(ent: Span) -> list[Span]:
        """'Vinted and Etsy' is two names; a title like 'Pride and Prejudice' stays whole."""
        if ent.label_ in UNSPLIT_LABELS:
            return [ent]
        bounds, start = [], ent.start
        for token in ent:
            if token.lower_ in COORDINATION:
                if token.i > start:
                    bounds.append((start, token.i))
                start = token.i + 1
        if start < ent.end:
            bounds.append((start, ent.end))
        if bounds == [(ent.start, ent.end)]:
            return [ent]  # one name: no new span needed
        return [Span(ent.doc, lo, hi, label=ent.label_) for lo, hi in bounds]

    @staticmethod
    def _extend_name(ent: Span) -> Span:
        """The small models stop names early ('Gabrielle' of 'Gabrielle Judge', even a GPE) or
        start them late (no opening given name); 's ends one ("Denis Villeneuve's Dune")."""
        doc = ent.doc
        start, end = ent.start, ent.end
        before = doc[start - 1] if start > 0 else None
        if (before is not None and before.is_title and before.is_alpha and not before.is_stop
                and before.ent_iob_ == "O" and "\n" not in before.whitespace_
                and knowledge.is_given_name(before.text)):
            start -= 1
        while (end < len(doc) and end - ent.end < 2 and doc[end].pos_ == "PROPN"
               and doc[end - 1].lower_ not in ("'s", "’s") and doc[end].text[:1].isupper()
               and doc[end].is_alpha and not doc[end].is_stop
               and "\n" not in doc[end - 1].whitespace_ and doc[end].ent_iob_ != "B"):
            end += 1
        if (start, end) == (ent.start, ent.end):
            return ent
        span = doc[start:end]
        span.label_ = ent.label_
        return span

    def _typed(self, ent: Span, type_: str | None, confidence: float,
               seen: _Seen) -> Span | None:
        probe = noise.trim(ent, self.lang, type_=CLASS.Brand)
        if probe is None or all(t.lower_ in self.titles for t in probe):
            return None
        if len(probe) >= 2 and probe[0].is_lower and probe.start + 1 in seen.cue_ends:
            ent = _without_first(ent, probe.start + 1)  # "l'appli Zorbly": the cue is no name
            if (probe := noise.trim(ent, self.lang, type_=CLASS.Brand)) is None:
                return None
        if (len(probe) == 1 and probe[0].is_sent_start and probe[0].pos_ != "PROPN"
                and self.vocabulary.is_native(probe[0].text)):
            return None  # "Pain", "Figure": a capitalised common word opening a sentence
        kind = seen.cue_ends.get(probe.start)
        words = [t for t in probe if t.is_alpha or "-" in t.text]
        lowered = {t.lower_ for t in probe}
        known = None
        if probe[0].lower_ in self.titles and len(probe) >= 2 and probe[-1].text[:1].isupper():
            type_, confidence = CLASS.Person, max(confidence, 0.8)  # "YouTubeur Mister V"
        elif kind and type_ in RETYPABLE[kind] and cue_fits(kind, probe):
            type_, confidence = CUE_TYPE[kind], max(confidence, 0.75)
        elif noise.has_title_before(probe, self.lang) and len(probe) <= 3:
            type_, confidence = CLASS.Person, max(confidence, 0.85)  # "la TikTokeuse Jools Lebron"
        elif (type_ in CONTEXT_RETYPABLE and ent.label_ not in GROUP_LABELS
              and (cued := seen.cues.type_of(probe))):
            type_, confidence, kind = cued, max(confidence, 0.75), "context"  # "X's album"
        elif (known := known_type(probe, ent.label_, lang=self.lang,
                                  is_native=self.vocabulary.is_native,
                                  name_parts=seen.name_parts)) is not None:
            if known.type is None:
                return None  # "Capitol", "OMG": a word, whatever the model says
            type_, confidence = known.type, max(confidence, known.confidence)
        elif type_ in (CLASS.Brand, None) and lowered & self.org_words:
            type_ = CLASS.Organization
        elif len(probe) >= 2 and (probe[0].lower_ in self.brand_lead
                                  or probe[-1].lower_ in self.brand_tail):
            type_ = CLASS.Brand  # "Maison Flanelle", "Back Market", "Ballerina Farm"
        elif self._given_name_first(words, ent.label_):
            type_, confidence = CLASS.Person, max(confidence, 0.7)
            known = Known(CLASS.Person, "full-name", 0.7)
        elif type_ == CLASS.Person:
            pass
        elif type_ in (CLASS.Brand, None) and self._is_event(probe):
            type_ = CLASS.Event
        elif type_ in (CLASS.Brand, None) and self._platform_after(probe):
            type_ = CLASS.Platform
        elif type_ is None and ent.label_ == "MISC":
            return self._trendish(probe, seen)
        if type_ is None or (type_ == CLASS.Place and self._demonym(probe)):
            return None
        return self._candidate(ent, type_, confidence, kind, known, words, seen)

    def _candidate(self, ent: Span, type_: str, confidence: float, kind: str | None,
                   known: Known | None, words: list, seen: _Seen) -> Span | None:
        """The typed name trimmed for its type, or what it falls back to when it does not
        look like a name of that type (a trend-like phrase, or nothing)."""
        doc = ent.doc
        span = noise.trim(ent, self.lang, type_=type_)
        if span is None:
            return None
        name = span.text
        if type_ == CLASS.Person:
            name = strip_possessive(strip_nickname(re.sub(r"\s+", " ", name)))
            parts = seen.known_parts
            if known is not None and known.type == CLASS.Person:
                parts = parts | {span.text.lower()}  # a known given name, not a common word
            if not noise.looks_like_person(span, self.lang, is_native=self.vocabulary.is_native,
                                           known_parts=parts):
                return self._trendish(span, seen)
            if (len(words) == 1 and kind is None and known is None
                    and not noise.has_title_before(span, self.lang)):
                lone, confidence = self._lone_name(span, confidence, seen)
                if lone is None:
                    return None
                type_ = lone
        elif type_ in self.proper_types and not noise.is_proper(span):
            return self._trendish(span, seen)
        elif type_ in (CLASS.Brand, CLASS.Organization, CLASS.Place) and self._lowercase_tail(span):
            return self._trendish(span, seen)  # "Office siren": a name does not go on in lowercase
        if noise.is_noise_name(name, self.lang, type_=type_):
            return None
        return make_candidate(
            doc, span.start, span.end, type_=type_, source="ner",
            rule=ent.label_ + _rule_suffix(kind, known), confidence=confidence,
            name=display_name(name) if type_ == CLASS.Trend else name,
        )

    def _platform_after(self, span: Span) -> bool:
        """'the Depop app', 'Lemon8 users'."""
        doc = span.doc
        return span.end < len(doc) and doc[span.end].lower_ in self.platform_after

    @staticmethod
    def _demonym(span: Span) -> bool:
        """"les Américains", "des Japonais": people of a country, which French tags LOC."""
        doc = span.doc
        return len(span) == 1 and span.start > 0 and (span.text.lower() in DEMONYMS or (
            span.text.endswith(("s", "x")) and doc[span.start - 1].lower_ in ("les", "des", "aux")))

    @staticmethod
    def _lowercase_tail(span: Span) -> bool:
        words = [t for t in span if t.is_alpha]
        return len(words) >= 2 and any(
            t.text.islower() and t.lower_ not in noise.NAME_PARTICLES for t in words[1:]
        )

    def _given_name_first(self, words: list, label: str) -> bool:
        """"Dolly Parton", "Post Malone": a common given name, then capitalised name words.

        A place the model found ("Roman Empire", "Victoria Station") ends in a common word.
        """
        parts = " ".join(t.text for t in words).replace(" - ", "-").split()
        if not 2 <= len(parts) <= 3 or not knowledge.is_given_name(words[0].text):
            return False
        if not all(t.text[:1].isupper() and not t.is_upper and t.lower_ not in self.org_words
                   for t in words if not t.is_punct):
            return False
        return label not in PLACE_LABELS or not is_common_word(
            words[-1].text, self.lang, self.vocabulary.is_native)

    def _lone_name(self, span: Span, confidence: float,
                   seen: _Seen) -> tuple[str | None, float]:
        """One capitalised word the model calls a person, with no full name in the text.

        In agency posts that is mostly a brand ("Valentino", "Doritos"); it stays a
        person when it is a given name or when a reporting verb follows ("Fox says").
        """
        token = span[0]
        if token.text.rstrip(".").lower() in seen.name_parts:
            return CLASS.Person, confidence
        if token.is_sent_start:
            return None, 0.0  # "Burnout and…": a capitalised word, not a name
        doc = span.doc
        following = {t.lower_ for t in doc[span.end:min(span.end + 3, span.sent.end)]}
        if following & self.reporting:
            return CLASS.Person, confidence
        return CLASS.Brand, 0.5

    def _is_event(self, span: Span) -> bool:
        return self.event_words.search(span.text.lower()) is not None

    def _trendish(self, span: Span, seen: _Seen) -> Span | None:
        """A lowercase expression foreign to the text's language, taken for a name by NER.

        "soft life" (ORG), "Office siren" (ORG), "brat summer" (PER) in a French post are
        trend names; "la chorégraphie" or "Collins Dictionary" are not.
        """
        doc = span.doc
        best: tuple[int, int] | None = None
        start = span.start
        for i in range(span.start, span.end + 1):
            if i == span.end or doc[i].is_punct or doc[i].text in QUOTES_OPEN | QUOTES_CLOSE:
                piece = self._trim_native(doc, start, i)
                if piece and (best is None or piece[1] - piece[0] > best[1] - best[0]):
                    best = piece
                start = i + 1
        if best is None:
            return None
        lo, hi = best
        words = [t for t in doc[lo:hi] if t.is_alpha]
        if not 2 <= len(words) <= 4 or len(words) != hi - lo:
            return None
        title_case = all(t.text[:1].isupper() for t in words)
        if title_case or any(t.is_upper and len(t) > 1 for t in words):
            return None  # Title Case is a work or a company; CAPS is a slogan
        while words and words[0].lower_ in self.modifiers:
            words.pop(0)  # "Very demure" is "demure"
        if len(words) < 2 or (words[0].text[:1].isupper() and not words[0].is_sent_start):
            return None  # a capital inside a sentence starts a proper name ("Collins Dictionary")
        if words[-1].lower_ in self.person_heads:
            return None  # "la mermaid queen": a role people hold, not a trend
        lo = words[0].i
        foreign = any(not self.vocabulary.is_native(t.text) for t in words)
        lowercase = all(t.text.islower() for t in words[1:]) and all(
            t.pos_ in ("NOUN", "ADJ", "PROPN", "X") for t in words)
        text = doc[lo:hi].text
        if not foreign and not (lowercase and self.lang == "fr" and _named_twice(text, seen)):
            return None  # an expression of the text's own language, named once
        if noise.is_noise_name(text, self.lang, type_=CLASS.Trend):
            return None
        return make_candidate(doc, lo, hi, type_=CLASS.Trend, source="ner", rule="trendish",
                              confidence=0.55, name=display_name(text))

    def _trim_native(self, doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
        """Cut the document's own function words and verbs off the edges ('tradwife emprunte')."""
        while lo < hi and doc[lo].pos_ in NON_NOMINAL and self.vocabulary.is_native(doc[lo].text):
            lo += 1
        while hi > lo and (doc[hi - 1].pos_ in NON_NOMINAL or doc[hi - 1].is_space) and (
            self.vocabulary.is_native(doc[hi - 1].text)
        ):
            hi -= 1
        return (lo, hi) if hi > lo else None


def _named_twice(text: str, seen: _Seen) -> bool:
    """The model took this phrase for a name at least twice in the document."""
    lowered = text.lower()
    return sum(e.text.lower() == lowered for e in seen.ents) >= 2


@Language.factory("trendgraph_ner_types", default_config={"lang": "en", "spans_key": NER_KEY})
def make_ner_types(nlp: Language, name: str, lang: str, spans_key: str) -> NerTypes:
    return NerTypes(nlp, name, lang=lang, spans_key=spans_key)
