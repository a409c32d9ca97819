"""Brands named before the words that say what they are.

"Parade, the underwear label, …", « Sézane, la marque parisienne, … », « Respire, qui
fabrique des déodorants, … »: a capitalised name, a comma, then an apposition whose head
is a brand word, or a relative clause saying the name makes or sells something. The
model often drops such names (one everyday word at the start of a sentence), so the
apposition itself is the evidence. The brand words are the apposition heads of
``data/type_cues.json`` (the same words that type a name the model did find); the
relative clauses are its ``makers``.

The apposition must close before the main verb ("Parade, the label, has…", "Skims, the
brand founded by…"): "In Paris, the brand opened…" names no brand, and neither does a
phrase about someone's brand ("Emily Weiss, the brand's founder", "the brand founder").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extract import knowledge
from kg.extract.candidates import LEXICON_KEY, REJECTED_KEY
from kg.extract.context import apposition_comma
from kg.extract.resources import function_words, load_json, noise_words
from kg.extract.text import cue_doc
from kg.model import fold
from kg.ontology import load_ontology

CLASS = load_ontology().names

Run = tuple[int, int] | None
POSSESSIVE = function_words("possessives")
CLOSERS = frozenset([",", ".", ";", ":", "!", "?", ")", "—", "–"])
NOT_NAMES = frozenset(["ADV", "ADP", "SCONJ", "CCONJ", "PRON", "DET", "NUM", "INTJ", "AUX"])
COMPOUND = frozenset(["NOUN", "PROPN"])  # "the brand founder": the head is another word


class DescribedBrands:
    """Finds "Name, the … label" and "Name, qui fabrique …" in a document."""

    def __init__(self, nlp: Language, lang: str) -> None:
        openers = load_json("noise.json")["sentence_openers"]["words"]
        self.noise = noise_words(lang) | {fold(w) for w in openers}  # "Mardi", "Ensuite"
        data = load_json("type_cues.json")
        appositions = data["apposition"]
        self.determiners = frozenset(appositions["determiners"])
        self.max_gap = int(data["max_gap"])
        self.heads = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.heads.add("head", [cue_doc(nlp, h) for h in appositions["heads"][CLASS.Brand]])
        self.makers = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.makers.add("maker", [cue_doc(nlp, f", {m}") for m in appositions["makers"]])

    def __call__(self, doc: Doc, *, before: Callable[[int], Run],
                 people: frozenset[int]) -> Iterable[tuple[int, int]]:
        """(start, end) of each described name that is no person.

        ``before(i)`` is the capitalised run ending just before token ``i``.
        """
        commas = [self._comma(doc, start, end) for _m, start, end in self.heads(doc)]
        commas += [start for _m, start, _end in self.makers(doc)]
        for comma in sorted({c for c in commas if c is not None and c > 0}):
            run = before(comma)
            if run is not None and fold(doc[run[0]:run[1]].text) not in self.noise \
                    and self._a_name(doc, *run, people):
                yield run

    def _comma(self, doc: Doc, head: int, end: int) -> int | None:
        """The comma opening ", the underwear label" if the apposition closes after ``end``."""
        if not self._closes(doc, end):
            return None
        return apposition_comma(doc, head, determiners=self.determiners,
                                max_gap=self.max_gap, stops=CLOSERS)

    @staticmethod
    def _closes(doc: Doc, end: int) -> bool:
        """No main verb between the head and the next punctuation (a participle or a
        relative clause may describe the head: "the brand founded by", "qui …")."""
        if end < len(doc) and (doc[end].pos_ in COMPOUND or doc[end].lower_ in POSSESSIVE):
            return False
        sent_end = doc[end - 1].sent.end
        for k in range(end, sent_end):
            token = doc[k]
            if token.text in CLOSERS:
                return True
            if "Rel" in token.morph.get("PronType", []):
                return True  # "la marque qui …", "the label that …"
            if token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm", []):
                return False  # "In Paris, the brand opened…": the apposition is the subject
        return True

    @staticmethod
    def _a_name(doc: Doc, start: int, end: int, people: frozenset[int]) -> bool:
        """A name, not someone ("Paul, qui fabrique des meubles"), a date or a sentence
        adverb ("Meanwhile, the brand, …")."""
        first = doc[start]
        if any(i in people for i in range(start, end)) or first.pos_ in NOT_NAMES:
            return False
        if first.is_stop or knowledge.is_given_name(first.text) \
                or any(t.like_num for t in doc[start:end]):
            return False
        if start > 0 and doc[start - 1].pos_ == "ADP":
            return False  # "based in Paris, the label…"
        if any(s.start < end and start < s.end and s.label_ != CLASS.Brand
               for key in (LEXICON_KEY, REJECTED_KEY) for s in doc.spans.get(key, [])):
            return False  # the lexicon knows the name as something else
        return not any(e.label_ in ("DATE", "TIME") and e.start <= start < e.end
                       for e in doc.ents)
