"""Lexicon ruler: types the known entities of ``ontology/lexicon.ttl`` in a Doc.

Every spelling of ``lexicon_entries`` becomes a phrase pattern matched on lowercase
tokens. Labels that are
also common words (concepts flagged ``tg:ambiguous``: X, Camp, Stanley…) must be
written exactly and confirmed by a cue: a type word nearby ("sur X"), the
statistical NER agreeing, a same-type entity in the same sentence, or another
confirmed mention of the same concept in the document (one sense per discourse).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract import knowledge
from kg.extract.candidates import (
    LEXICON_KEY,
    REJECTED_KEY,
    common_word_at_start,
    make_candidate,
    with_info,
)
from kg.extract.lexicon_entries import LEADING, LexEntry, ontology_entries
from kg.extract.resources import cues, function_words, load_json
from kg.extract.text import QUOTES_OPEN, cue_doc
from kg.ontology import load_ontology

CLASS = load_ontology().names

SPACES = re.compile(r"\s+")
CONFIDENCE = {"label": 0.95, "cue": 0.85, "discourse": 0.8}
READINGS_MAX = 16384

# a capital inside a sentence confirms these ('Since Succession ended', 'on Threads'); a
# brand named by a common word ('Coach', 'Mango') needs more, as capitals also start
# product and place names
CAPITAL_CONFIRMS = frozenset([CLASS.CreativeWork, CLASS.Platform, CLASS.Event])
TAGGED_TYPES = frozenset([CLASS.CreativeWork, CLASS.Event])  # what a bare hashtag may name
OWNED_TYPES = frozenset([CLASS.CreativeWork, CLASS.Brand])  # what a person's 's may own
PERSON_LABELS = frozenset(["PERSON", "PER"])


def _capitals_kept(label: str, text: str) -> bool:
    """Every capitalised word of the label is capitalised in the text (a leading article aside).

    "the North Face" is the brand; "the north face", "The row of houses" are not.
    """
    pairs = list(zip(label.split(), text.split(), strict=False))
    for n, (want, got) in enumerate(pairs):
        if n == 0 and LEADING.match(want + " "):
            continue
        if want[:1].isupper() and not got[:1].isupper():
            return False
    return True


def _adjective_at(doc: Doc, i: int) -> bool:
    """A lowercase adjective that qualifies what precedes it ("Le Monde entier en parle"),
    not one that opens the next noun phrase ("HBO Max last spring")."""
    if not (i < len(doc) and doc[i].pos_ == "ADJ" and doc[i].is_lower):
        return False
    return i + 1 == len(doc) or doc[i + 1].pos_ not in ("NOUN", "PROPN", "ADJ", "NUM")


class LexiconRuler:
    """spaCy component: writes lexicon matches to ``doc.spans[spans_key]``."""

    def __init__(
        self,
        nlp: Language,
        name: str = "trendgraph_lexicon",
        *,
        spans_key: str = LEXICON_KEY,
        window: int = 4,
        entries: list[LexEntry] | None = None,
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.window = window
        if entries is None:
            entries = list(ontology_entries())
        self.set_entries(entries)

    def set_entries(self, entries: list[LexEntry]) -> None:
        self.entries = entries
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.by_key: dict[str, list[LexEntry]] = defaultdict(list)
        for entry in entries:
            self.by_key[entry.surface.lower()].append(entry)
        # what each spelling requires, decided once per entry rather than once per match
        self.checks: dict[str, list[tuple[LexEntry, bool, bool]]] = {
            lower: [(e, self._needs_exact_case(e), self._is_bare(e)) for e in group]
            for lower, group in self.by_key.items()
        }
        self.readings: dict[tuple[str, str], tuple[tuple[LexEntry, bool], ...]] = {}
        for lower, group in self.by_key.items():
            pattern = self.nlp.make_doc(group[0].surface)
            if len(pattern):
                self.matcher.add(lower, [pattern])
        self.suffixes = frozenset(load_json("coinage.json")["trend_suffixes"])
        data = cues()
        self.work_matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.work_matcher.add("work", [cue_doc(self.nlp, c) for c in data["work_before"]])
        self.type_cues: dict[str, frozenset[str]] = {}
        self.compound_cues: dict[str, tuple[tuple[str, ...], ...]] = {}
        for type_, words in data["type_cues"].items():
            split = [tuple(t.lower_ for t in self.nlp.make_doc(w)) for w in words]
            self.type_cues[type_] = frozenset(w[0] for w in split if len(w) == 1)
            self.compound_cues[type_] = tuple(w for w in split if len(w) > 1)
        self.compound_reach = {t: max(map(len, cs)) for t, cs in self.compound_cues.items() if cs}
        self.agreement = {t: frozenset(ls) for t, ls in data["ner_agreement"].items()}

    def __call__(self, doc: Doc) -> Doc:
        accepted, rejected = self.match(doc)
        self.set_annotations(doc, accepted, rejected)
        return doc

    def match(self, doc: Doc) -> tuple[list[Span], list[Span]]:
        """Accepted lexicon spans (longest where they overlap) and unconfirmed ambiguous ones."""
        accepted: list[Span] = []
        pending: list[Span] = []
        work_ends = self._work_cue_ends(doc)
        strings = self.nlp.vocab.strings
        for match_id, start, end in self.matcher(doc):
            span = Span(doc, start, end)  # doc[start:end] without its slice checks
            surface = span.text
            if "\n" in surface or self._phrasal_verb(span) or self._coinage_stem(doc, end):
                continue
            lower = strings[match_id]
            start = self._skip_determiner(doc, start, end, self.by_key[lower])
            if tagged := self._tagged_title(doc, start, lower):
                accepted.append(self._span(doc, start - 1, end, tagged, "label"))
                continue
            for entry, bare in self._readings(lower, surface):
                if entry.capitalised and _adjective_at(doc, end):
                    continue  # "Le Monde entier": the everyday phrase, not the daily
                if not bare:
                    accepted.append(self._span(doc, start, end, entry, "label"))
                elif self._confirmed(span, entry, accepted):
                    accepted.append(self._span(doc, start, end, entry, "cue"))
                else:
                    pending.append(self._span(doc, start, end, entry, "discourse"))
        accepted = filter_spans(accepted)  # "X" inside "Gen X" confirms nothing
        rejected: list[Span] = []
        if pending:
            taken = {i for s in accepted for i in range(s.start, s.end)}
            pending = [s for s in pending if not any(i in taken for i in range(s.start, s.end))]
            known = {(s.label_, s.kb_id_) for s in accepted}
            # a second look: a mention confirmed later in the sentence order still counts
            confirmed = len(accepted)
            for span in pending:
                entry = LexEntry(span.label_, span.kb_id_, span.text, True)
                same_sense = (span.label_, span.kb_id_) in known and not common_word_at_start(span)
                if same_sense or self._confirmed(span, entry, accepted):
                    accepted.append(span)
                else:
                    rejected.append(span)
            if len(accepted) > confirmed:  # filtered spans filter to themselves
                accepted = filter_spans(accepted)
        if not work_ends:
            return accepted, rejected  # no work cue: no span becomes a work
        return [self._as_work(doc, s, work_ends) for s in accepted], rejected

    def _tagged_title(self, doc: Doc, start: int, lower: str) -> LexEntry | None:
        """'#wednesday', '#barbie': a hashtag is a name by intent, so a title or event the
        lexicon knows is meant however it is cased (a brand named by a common word is not:
        '#coach' is about coaching)."""
        if start == 0 or doc[start - 1].text != "#" or doc[start - 1].whitespace_:
            return None
        entries = [e for e in self.by_key[lower] if e.type in TAGGED_TYPES]
        return entries[0] if len({e.name for e in entries}) == 1 else None

    def _coinage_stem(self, doc: Doc, end: int) -> bool:
        """'Barbie-core', 'Bratz-coded': a known name glued to a trend suffix is the
        stem of a new trend word, not a mention of the name."""
        return (end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
                and not doc[end].whitespace_ and doc[end + 1].lower_ in self.suffixes)

    @staticmethod
    def _phrasal_verb(span: Span) -> bool:
        """"creators burn out": the verb and its particle, not the concept Burnout."""
        return (len(span) == 2 and span[0].pos_ == "VERB" and span[0].is_lower
                and span[1].lower_ in function_words("verb_particles"))

    def set_annotations(self, doc: Doc, spans: list[Span], rejected: Iterable[Span] = ()) -> None:
        doc.spans[self.spans_key] = spans
        doc.spans[REJECTED_KEY] = list(rejected)

    def _work_cue_ends(self, doc: Doc) -> set[int]:
        ends = set()
        for _match_id, _start, end in self.work_matcher(doc):
            ends.add(end)
            if end < len(doc) and doc[end].text in QUOTES_OPEN:
                ends.add(end + 1)
        return ends

    @staticmethod
    def _as_work(doc: Doc, span: Span, work_ends: set[int]) -> Span:
        """"le film Marie Antoinette", "le titre « Apple »": the work, not the person or brand
        (a group of people is never one: "single dads")."""
        if span.start not in work_ends or span.label_ in (CLASS.CreativeWork, CLASS.Audience):
            return span
        return with_info(span, type=CLASS.CreativeWork, name=span.text, rule="work-cue")

    def _skip_determiner(self, doc: Doc, start: int, end: int, group: list[LexEntry]) -> int:
        """'la génération Z' is matched whole but the mention is 'génération Z'."""
        if end - start < 2 or not LEADING.match(doc[start].text + " "):
            return start
        rest = doc[start + 1:end].text.lower()
        names = {e.name for e in group}
        if any(e.name in names for e in self.by_key.get(rest, [])):
            return start + 1
        return start

    def _readings(self, lower: str, surface: str) -> tuple[tuple[LexEntry, bool], ...]:
        """:meth:`_candidates` of a spelling, worked out once per process for each way it
        is written (the same few names recur from post to post)."""
        readings = self.readings.get((lower, surface))
        if readings is None:
            if len(self.readings) >= READINGS_MAX:
                self.readings.clear()
            readings = self.readings[(lower, surface)] = tuple(
                self._candidates(self.checks[lower], surface))
        return readings

    @staticmethod
    def _candidates(checks: list[tuple[LexEntry, bool, bool]],
                    surface: str) -> list[tuple[LexEntry, bool]]:
        """The readings of a matched text: (entry, is bare) of each spelling its case allows."""
        text = SPACES.sub(" ", surface)
        out = []
        for entry, exact_case, bare in checks:
            if exact_case and entry.surface != text:
                continue
            if entry.capitalised and not _capitals_kept(entry.surface, text):
                continue
            out.append((entry, bare))
        # one reading per span: unambiguous concepts before ambiguous ones
        out.sort(key=lambda pair: pair[0].ambiguous)
        return out[:1] if out and not out[0][0].ambiguous else out

    @staticmethod
    def _needs_exact_case(entry: LexEntry) -> bool:
        surface = entry.surface.lstrip("#")
        short_caps = len(surface) <= 4 and any(c.isupper() for c in surface)
        return entry.ambiguous or short_caps or (surface.isupper() and len(surface) <= 6)

    @staticmethod
    def _is_bare(entry: LexEntry) -> bool:
        """An ambiguous concept written as one plain word needs a cue."""
        if not entry.ambiguous or entry.surface.startswith("#"):
            return False
        return bool(re.fullmatch(r"[^\W\d_]+", entry.surface))

    def _confirmed(self, span: Span, entry: LexEntry, accepted: list[Span]) -> bool:
        doc = span.doc
        sent = span.sent
        lo, hi = max(sent.start, span.start - self.window), min(sent.end, span.end + self.window)
        at_start = entry.type == CLASS.Organization and _word_at_start(span)  # not "Elle"
        if not at_start and self._cue_near(span, entry.type, lo, hi):
            return True
        labels = self.agreement.get(entry.type, frozenset())
        for ent in doc.ents:
            inside = ent.start <= span.start and span.end <= ent.end
            if inside and ent.label_ in labels and len(ent) <= len(span) + 1:
                return True
        if entry.type in OWNED_TYPES and _owned_by_person(span, accepted):
            return True  # "Christopher Nolan's Oppenheimer", "Hailey Bieber's Rhode"
        return (entry.type in CAPITAL_CONFIRMS and knowledge.named_by_capital(span)) or any(
            other.label_ == entry.type and other.sent.start == sent.start
            and self._coordinated(doc, other, span)
            for other in accepted
        )

    def _cue_near(self, span: Span, type_: str, lo: int, hi: int) -> bool:
        """A cue word of ``type_`` in ``doc[lo:hi]`` outside the span; a cue the tokenizer
        splits ('box-office' is 'box', '-', 'office' in English) counts as its tokens."""
        doc = span.doc
        words = self.type_cues.get(type_, frozenset())
        if any(t.lower_ in words for t in doc[lo:hi] if not (span.start <= t.i < span.end)):
            return True
        reach = self.compound_reach.get(type_)
        if not reach:
            return False
        compounds = self.compound_cues[type_]
        # a compound may start in the window and end past it
        stop = min(span.sent.end, hi + reach - 1)
        around = [t.lower_ if not (span.start <= t.i < span.end) else "" for t in doc[lo:stop]]
        return any(around[i:i + len(c)] == list(c) for c in compounds
                   for i in range(min(hi - lo, len(around) - len(c) + 1)))

    @staticmethod
    def _coordinated(doc: Doc, a: Span, b: Span) -> bool:
        """'TikTok, Instagram et X': only separators between two names of a list."""
        first, second = (a, b) if a.start < b.start else (b, a)
        between = doc[first.end:second.start]
        return len(between) <= 2 and all(
            t.lower_ in (",", "et", "and", "ou", "or", "/", "&") for t in between
        )

    @staticmethod
    def _span(doc: Doc, start: int, end: int, entry: LexEntry, how: str) -> Span:
        return make_candidate(
            doc, start, end, type_=entry.type, source="lexicon", rule=how,
            confidence=CONFIDENCE[how], name=entry.name,
        )

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        with (path / "entries.jsonl").open("w", encoding="utf-8") as handle:
            for entry in self.entries:
                handle.write(json.dumps(asdict(entry), ensure_ascii=False) + "\n")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> LexiconRuler:
        with (Path(path) / "entries.jsonl").open(encoding="utf-8") as handle:
            self.set_entries([LexEntry(**json.loads(line)) for line in handle if line.strip()])
        return self


@Language.factory(
    "trendgraph_lexicon",
    default_config={"spans_key": LEXICON_KEY, "window": 4},
)
def make_lexicon_ruler(nlp: Language, name: str, spans_key: str, window: int) -> LexiconRuler:
    return LexiconRuler(nlp, name, spans_key=spans_key, window=window)


def _owned_by_person(span: Span, accepted: list[Span]) -> bool:
    """Is ``span`` owned by a named person: a name the model (which may hold the 's) or
    the lexicon reads as a person, then 's, right before it?"""
    doc, i = span.doc, span.start
    if i < 2 or doc[i - 1].lower_ not in ("'s", "’s"):
        return False
    return any(e.end in (i - 1, i) and e.label_ in PERSON_LABELS for e in doc.ents) or any(
        s.end == i - 1 and s.label_ == CLASS.Person for s in accepted)


def _word_at_start(span: Span) -> bool:
    """'Elle cite une étude', 'Time will tell': an everyday word opening a sentence is the
    word; a study or report cue nearby does not make it the magazine."""
    if len(span) != 1 or span.start != span.sent.start:
        return False
    lower = span.text.lower()
    return max(knowledge.zipf(lower, "fr"), knowledge.zipf(lower, "en")) >= (
        knowledge.common_word_zipf())
