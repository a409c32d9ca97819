"""Context cues: the words around a name that say what it is ("la ville de X", "X's album").

The phrases live in ``data/type_cues.json``; they are matched once per document on
lowercase tokens with spaCy's ``PhraseMatcher`` (phrases right before or right after a
name, and the head noun of an apposition: ``X, the Paris-based label``, whose comma and
article are then looked for a few tokens back), so no regular expression ever runs
over the text.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kg.extract import knowledge
from kg.extract.resources import function_words, load_json
from kg.extract.text import QUOTES_CLOSE, QUOTES_OPEN, cue_doc
from kg.ontology import load_ontology

CLASS = load_ontology().names

POSSESSIVE = function_words("possessives")
LOCATIVE = function_words("locatives")
STOPS = [",", ".", ";", ":", "!", "?", "(", ")", "\n", "\n\n"]
LISTING = frozenset([",", "and", "et", "or", "ou", "&"])
MAX_LISTED = 6  # tokens back to the locative over a list of places


@dataclass(slots=True)
class Cues:
    """Types announced by the context: by the token a name starts at, or ends before."""

    before: dict[int, str] = field(default_factory=dict)
    after: dict[int, str] = field(default_factory=dict)

    def type_of(self, span: Span) -> str | None:
        """The cued type of ``span``: a phrase before it wins over one after it."""
        doc = span.doc
        end = span.end
        if end < len(doc) and doc[end].text in QUOTES_CLOSE:
            end += 1
        if before := self.before.get(span.start):
            return before
        after = self.after.get(end)
        if after == CLASS.Brand and _after_locative(span) and knowledge.place(span.text):
            return None  # "a bakery in Austin sells…", "hotels in Lyon and Edinburgh sold out"
        return after


class ContextCues:
    """Finds the cue phrases of ``type_cues.json`` in a document."""

    def __init__(self, nlp: Language) -> None:
        data = load_json("type_cues.json")
        self.vocab = nlp.vocab
        self.before = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.after = PhraseMatcher(nlp.vocab, attr="LOWER")
        for type_, phrases in data["before"].items():
            self.before.add(type_, [cue_doc(nlp, p) for p in phrases])
        for type_, phrases in data["after"].items():
            self.after.add(type_, [cue_doc(nlp, p) for p in phrases])
        appositions = data["apposition"]
        self.determiners = frozenset(appositions["determiners"])
        self.max_gap = int(data["max_gap"])
        self.heads = PhraseMatcher(nlp.vocab, attr="LOWER")
        for type_, heads in appositions["heads"].items():
            self.heads.add(type_, [cue_doc(nlp, h) for h in heads])

    def find(self, doc: Doc) -> Cues:
        cues = Cues()
        for match_id, _start, end in self.before(doc):
            type_ = self.vocab.strings[match_id]
            cues.before.setdefault(end, type_)
            if end < len(doc) and doc[end].text in QUOTES_OPEN:
                cues.before.setdefault(end + 1, type_)  # la ville de « X »
        for match_id, start, end in self.heads(doc):
            if end < len(doc) and doc[end].lower_ in POSSESSIVE:
                continue  # "Emily Weiss, the brand's founder": the head is someone else's
            comma = self._apposition_start(doc, start)
            if comma is not None:
                cues.after.setdefault(comma, self.vocab.strings[match_id])
        for match_id, start, _end in self.after(doc):
            cues.after.setdefault(start, self.vocab.strings[match_id])
        return cues

    def _apposition_start(self, doc: Doc, head: int) -> int | None:
        return apposition_comma(doc, head, determiners=self.determiners,
                                max_gap=self.max_gap, stops=STOPS)


def apposition_comma(doc: Doc, head: int, *, determiners: Collection[str],
                     max_gap: int, stops: Collection[str]) -> int | None:
    """The comma that opens ", the Paris-based label" when ``head`` ends such a phrase
    (at most ``max_gap`` words between the determiner and the head, none of ``stops``)."""
    for k in range(head - 1, max(head - 2 - max_gap, 0), -1):
        if doc[k].text in stops:
            return None
        if doc[k].lower_ in determiners and doc[k - 1].text == ",":
            return None if closes_participle_clause(doc, k - 1) else k - 1
    return None


def closes_participle_clause(doc: Doc, comma: int) -> bool:
    """"Founded by Sarah Lee, the label…", « Lancée par Sophie Martin, la marque… »: the
    comma ends a clause that opens the sentence with a participle; what follows is the
    sentence's subject, not an apposition to the name before the comma."""
    first = doc[comma].sent.start
    opener = doc[first]
    if opener.pos_ != "VERB" or "Part" not in opener.morph.get("VerbForm", []):
        return False
    return not any("Fin" in t.morph.get("VerbForm", []) for t in doc[first + 1:comma])


def _after_locative(span: Span) -> bool:
    """Is ``span`` right after a locative ("in Austin"), or listed after a name that is
    ("in Lyon and Edinburgh")?"""
    doc = span.doc
    k = span.start - 1
    while k >= 0 and span.start - k <= MAX_LISTED:
        word = doc[k]
        if word.lower_ in LOCATIVE:
            return k == span.start - 1 or doc[k + 1].text[:1].isupper()
        if not (word.lower_ in LISTING or (word.is_alpha and word.text[:1].isupper())):
            return False
        k -= 1
    return False
