"""Context cues: the words around a name that say what it is ("la ville de X", "X's album").

The phrases live in ``data/type_cues.json``; they are matched once per document on
lowercase tokens with spaCy's ``PhraseMatcher`` (phrases right before or right after
a name) and ``Matcher`` (an apposition: ``X, the Paris-based label``), so no regular
expression ever runs over the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from kg.extract.resources import load_json
from kg.extract.text import QUOTES_CLOSE, QUOTES_OPEN

STOPS = [",", ".", ";", ":", "!", "?", "(", ")", "\n", "\n\n"]


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
        return self.before.get(span.start) or self.after.get(end)


class ContextCues:
    """Finds the cue phrases of ``type_cues.json`` in a document."""

    def __init__(self, nlp: Language) -> None:
        data = load_json("type_cues.json")
        self.vocab = nlp.vocab
        self.before = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.after = PhraseMatcher(nlp.vocab, attr="LOWER")
        for type_, phrases in data["before"].items():
            self.before.add(type_, [nlp.make_doc(p) for p in phrases])
        for type_, phrases in data["after"].items():
            self.after.add(type_, [nlp.make_doc(p) for p in phrases])
        self.apposition = Matcher(nlp.vocab)
        dets = data["apposition"]["determiners"]
        gap = {"ORTH": {"NOT_IN": STOPS}, "OP": f"{{0,{int(data['max_gap'])}}}"}
        for type_, heads in data["apposition"]["heads"].items():
            patterns = []
            for head in heads:
                words = [{"LOWER": w} for w in nlp.make_doc(head).text.lower().split()]
                patterns.append([{"ORTH": ","}, {"LOWER": {"IN": dets}}, gap, *words])
            self.apposition.add(type_, patterns)

    def find(self, doc: Doc) -> Cues:
        cues = Cues()
        for match_id, _start, end in self.before(doc):
            type_ = self.vocab.strings[match_id]
            cues.before.setdefault(end, type_)
            if end < len(doc) and doc[end].text in QUOTES_OPEN:
                cues.before.setdefault(end + 1, type_)  # la ville de « X »
        for matcher in (self.apposition, self.after):
            for match_id, start, _end in matcher(doc):
                cues.after.setdefault(start, self.vocab.strings[match_id])
        return cues
