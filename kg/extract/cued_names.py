"""Works, events, organisations and places that say what they are.

Statistical NER reads "the film Marie Antoinette" as a person and misses most
titles; this component finds names from the words around them, with the data
in ``data/cued_names.json``:

- a title after a work word preceded by a definite or possessive determiner
  ("the film Saltburn", "her debut album Brat", « la série Les Soprano »,
  'the track "Levii's Jeans"');
- a quoted title credited to someone ('"Jolene" by Dolly Parton', « Apple » de Charli XCX);
- a brand described after its name ("Parade, the underwear label", kg/extract/described.py);
- a capitalised name ending in an event, institution or street word
  ("Glastonbury Festival", "Halden Institute", "Fifth Avenue") or, in French,
  opening with one ("la Fashion Week de Paris", "l'université Lyon 2", "rue de la Paix").

Titles are capitalised runs holding short function words, or French sentence-case ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.extract import knowledge
from kg.extract.candidates import (
    LEXICON_KEY,
    NER_KEY,
    PATTERN_KEY,
    common_word_at_start,
    doc_text,
    info,
    make_candidate,
)
from kg.extract.collabs import collab_ends
from kg.extract.described import DescribedBrands
from kg.extract.phrases import find_phrases
from kg.extract.resources import load_json
from kg.extract.sentence_case import sentence_case_title
from kg.extract.streamed import quoted_before, released_titles, streamed_titles
from kg.extract.text import DETERMINERS, QUOTES_CLOSE, QUOTES_OPEN, cue_doc, display_name, lead_word
from kg.extract.themes import theme_after
from kg.ontology import load_ontology

CLASS = load_ontology().names

MAX_TITLE = 8
NAME_LABELS = frozenset(["PER", "PERSON", "ORG"])
TLDS = "com|fr|io|co|net|org|app|tv"
DOMAIN = rf"^[A-Z][A-Za-z0-9-]{{1,30}}\.(?:{TLDS})$"
DOMAIN_IN_TEXT = re.compile(rf"[A-Za-z0-9]\.(?:{TLDS})\b")
CONFIDENCE = 0.7
NAME_KINDS = {"event": CLASS.Event, "organization": CLASS.Organization, "place": CLASS.Place,
              "brand": CLASS.Brand}


def _lower(values: Iterable[str]) -> list[str]:
    return sorted({v.lower() for v in values})


def _people(doc: Doc, keys: tuple[str, ...] = (NER_KEY, LEXICON_KEY)) -> frozenset[int]:
    """Tokens inside a person's name found by the model or the lexicon."""
    return frozenset(i for key in keys for s in doc.spans.get(key, [])
                     if s.label_ == CLASS.Person for i in range(s.start, s.end))


class CuedNames:
    """spaCy component: adds cued works, events, organisations and places to the pattern spans."""

    def __init__(self, nlp: Language, name: str = "trendgraph_cued_names", *, lang: str,
                 spans_key: str = PATTERN_KEY) -> None:
        self.nlp = nlp
        self.name = name
        self.lang = lang
        self.spans_key = spans_key
        both: dict[str, Any] = load_json("cued_names.json")
        data: dict[str, Any] = both[lang]
        self.determiners = frozenset(_lower(data["work_determiners"]))
        self.adjectives = frozenset(_lower(data["work_adjectives"]))
        self.credits = frozenset(_lower(data["credit_words"]))
        self.joiners = frozenset(_lower(data["title_joiners"]))
        self.work_cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.work_cues.add("work", [cue_doc(nlp, c) for c in data["work_cues"]])
        self.release_hashes = frozenset(map(get_string_id, _lower(data.get("release_verbs", []))))
        self.consumed_hashes = frozenset(map(get_string_id, _lower(data["consumed_verbs"])))
        self.streamer_hashes = frozenset(map(get_string_id, both["streamers"]))
        self.names = Matcher(nlp.vocab)
        title = {"IS_ALPHA": True, "IS_LOWER": False, "OP": "+"}  # Title, UPPER or CamelCase
        self.tail_words = frozenset(t[-1] for k in NAME_KINDS for t in data[f"{k}_tails"])
        amp: tuple[list[dict], ...] = ([], [{"ORTH": "&"}, title])  # "Signal & Noise"
        for kind in NAME_KINDS:
            tails = [[title, *more, *({"ORTH": w} for w in tail)]
                     for tail in data[f"{kind}_tails"] for more in amp]
            for key, field in ((kind, "heads"), (f"{kind}-descriptor", "descriptors")):
                heads = [[*({"LOWER": w.lower()} for w in head), title, *more,
                          {"IS_DIGIT": True, "OP": "?"}]
                         for head in data[f"{kind}_{field}"] for more in amp]
                if patterns := (tails if key == kind else []) + heads:
                    self.names.add(key, patterns, greedy="LONGEST")
        self.domains = Matcher(nlp.vocab)
        if data.get("domain_names"):  # "Dictionary.com"
            self.domains.add("organization", [[{"TEXT": {"REGEX": DOMAIN}}]])
        # cheap first pass: the token patterns run only where one of their fixed words occurs
        self.triggers = PhraseMatcher(nlp.vocab, attr="ORTH")
        words = {t[-1] for k in NAME_KINDS for t in data[f"{k}_tails"]}
        for head in {h[0] for k in NAME_KINDS for f in ("heads", "descriptors")
                     for h in data[f"{k}_{f}"]}:
            words |= {head.lower(), head.capitalize()}
        self.triggers.add("name", [nlp.make_doc(w) for w in sorted(words)])
        self.topic_cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.topic_cues.add("topic", [cue_doc(nlp, c) for c in data.get("topic_cues", [])])
        self.years = Matcher(nlp.vocab)
        self.years.add("year", [[{"ORTH": "("}, {"SHAPE": "dddd"}, {"ORTH": ")"}]])
        self.quotes = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.quotes.add("quote", [nlp.make_doc(q) for q in sorted(QUOTES_OPEN)])
        self.described = DescribedBrands(nlp, lang)

    def __call__(self, doc: Doc) -> Doc:
        spans = self.match(doc)
        self.set_annotations(doc, spans)
        return doc

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        """Add the names to the pattern spans; listed names inside longer names give way
        ("Fashion Week" and "Paris" inside "la Fashion Week de Paris")."""
        held = [(s.start, s.end) for s in spans]
        held += [(s.start, s.end) for s in doc.spans.get(NER_KEY, []) if len(s) > 1]
        lexicon = list(doc.spans.get(LEXICON_KEY, []))
        kept = [s for s in lexicon if not self._inside_a_name(s, held, len(spans))]
        if len(kept) != len(lexicon):
            doc.spans[LEXICON_KEY] = kept
        if spans:
            doc.spans[self.spans_key] = [*doc.spans.get(self.spans_key, []), *spans]

    @staticmethod
    def _inside_a_name(span: Span, held: list[tuple[int, int]], cued: int) -> bool:
        """Inside a longer cued name, any listed name gives way; inside a name the model
        found, a theme word does ("AI" in "Mistral AI")."""
        if span.label_ == CLASS.Topic and len(span) == 1 and span[0].is_upper and span.start > 0:
            before = span.doc[span.start - 1]
            if before.is_title and not before.is_sent_start:
                return True  # "Stability AI": an acronym after a name ends the name
        for n, (a, b) in enumerate(held):
            if a <= span.start and span.end <= b and b - a > len(span) and (
                n < cued or span.label_ == CLASS.Topic
            ):
                return True
        return False

    def match(self, doc: Doc) -> list[Span]:
        people = _people(doc)  # per document, so passed along, never kept on the component
        spans = [*self._works(doc, people), *self._credited(doc, people), *self._named(doc, people),
                 *self._released(doc, people), *self._marked(doc, people), *self._dated_titles(doc),
                 *self._topics(doc)]
        spans = filter_spans([s for s in spans if "\n" not in s.text.strip()])
        return filter_spans(spans + self._repeats(doc, spans))

    def _repeats(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Later bare mentions keep the type the cue gave ('the film Saltburn' … 'Saltburn')."""
        names = {s.text: s for s in spans
                 if len(s.text) >= 3 and info(s).rule != "work-apposition"}
        if not names:
            return []
        out = []
        for text, start, end in find_phrases(self.nlp, doc, list(names), lower=False):
            origin = names[text]
            if (start, end) != (origin.start, origin.end) \
                    and not common_word_at_start(doc[start:end]):
                out.append(self._candidate(doc, start, end, origin.label_, "cued-repeat"))
        return out

    # ------------------------------------------------------------------ works

    def _works(self, doc: Doc, people: frozenset[int]) -> Iterable[Span]:
        for _match_id, start, end in self.work_cues(doc):
            determined = self._determined(doc, start)
            extent = self._title_after(doc, end, people)
            if extent is not None and (determined or extent[2]):
                yield self._candidate(doc, extent[0], extent[1], CLASS.CreativeWork, "work-cue")
            elif determined and self._ends_phrase(doc, end) and (
                before := self._title_before_comma(doc, start, people)
            ):
                yield self._candidate(doc, *before, CLASS.CreativeWork, "work-apposition")

    def _released(self, doc: Doc, people: frozenset[int]) -> Iterable[Span]:
        for start, end in released_titles(doc, verbs=self.release_hashes, people=people,
                                          after=partial(self._title_after, doc, people=people),
                                          listed=_people(doc, keys=(LEXICON_KEY,)),
                                          consumed=self.consumed_hashes):
            yield self._candidate(doc, start, end, CLASS.CreativeWork, "work-release")

    @staticmethod
    def _ends_phrase(doc: Doc, i: int) -> bool:
        """'Brat, le sixième album de…' yes; 'Greta Gerwig, the film's director' no."""
        return i >= len(doc) or doc[i].is_punct or doc[i].pos_ in ("ADP", "VERB", "AUX", "PRON")

    def _title_before_comma(self, doc: Doc, cue_start: int,
                            people: frozenset[int]) -> tuple[int, int] | None:
        """'la sortie de Brat, le sixième album', 'Saltburn, the film that…',
        'Gladiator II, Ridley Scott's sequel'."""
        i = cue_start - 1
        while i >= 0 and (doc[i].lower_ in self.adjectives or doc[i].lower_ in self.determiners):
            i -= 1
        if i >= 0 and i in people and doc[i + 1].lower_ in ("'s", "’s"):
            while i >= 0 and i in people:
                i -= 1  # the work's owner: "Ridley Scott's sequel"
        if i < 1 or doc[i].text != ",":
            return None
        run = quoted_before(doc, i) or self._title_before(doc, i)
        if run is None or doc[run[0]].is_sent_start:
            return None  # a sentence-initial capital is no evidence of a title
        return run

    def _title_before(self, doc: Doc, end: int) -> tuple[int, int] | None:
        """The capitalised run (function words inside) that ends just before ``end``."""
        start = end
        while start - 1 >= doc[end - 1].sent.start and (
            self._title_token(doc[start - 1]) or (doc[start - 1].lower_ in self.joiners
                                                  and start - 2 >= 0
                                                  and self._title_token(doc[start - 2]))
        ) and end - start < MAX_TITLE:
            start -= 1
        while start < end and doc[start].lower_ in self.joiners:
            start += 1
        return (start, end) if start < end else None

    def _dated_titles(self, doc: Doc) -> Iterable[Span]:
        """'Splash (1984)', 'The Shape of Water (2017)': a title with its year in brackets."""
        years = self.years(doc) if "(" in doc_text(doc) else ()  # the pattern needs a "("
        for _match_id, start, _end in years:
            run = self._title_before(doc, start) if start > 0 else None
            if run is None:
                continue
            first, last = run
            if doc[first].is_sent_start and doc[first].is_stop and first + 1 < last \
                    and doc[first].lower_ not in DETERMINERS:
                first += 1  # "Like Splash (1984)"
            yield self._candidate(doc, first, last, CLASS.CreativeWork, "dated-title")

    def _topics(self, doc: Doc) -> Iterable[Span]:
        """'lutter contre la sédentarité', 'concerns about overfishing': the theme named."""
        themes = (theme_after(doc, end) for _match_id, _start, end in self.topic_cues(doc))
        return [self._candidate(doc, *t, CLASS.Topic, "topic-cue") for t in themes if t]

    def _determined(self, doc: Doc, cue_start: int) -> bool:
        """'the film', 'her debut album', 'Beyoncé's album', 'le nouvel album'."""
        i = cue_start - 1
        while i >= 0 and cue_start - i <= 3 and doc[i].lower_ in self.adjectives:
            i -= 1
        return i >= 0 and doc[i].lower_ in self.determiners

    def _title_after(self, doc: Doc, i: int,
                     people: frozenset[int]) -> tuple[int, int, bool] | None:
        """The title after a work word, and whether it was quoted."""
        if i < len(doc) and doc[i].text in (",", ":") and i + 1 < len(doc):
            i += 1  # "the album, Cowboy Carter"
        if i < len(doc) and doc[i].text in QUOTES_OPEN:
            quoted = self._quoted(doc, i)
            return (*quoted, True) if quoted else None
        run = self._title_run(doc, i, people)
        if run is None or self._person_then_verb(doc, *run):
            return None
        return run[0], sentence_case_title(doc, *run, people, lang=self.lang), False

    @staticmethod
    def _person_then_verb(doc: Doc, start: int, end: int) -> bool:
        """'the song Taylor Swift wrote', 'the game Epic Games released': a name the model
        reads as a person or a company, then a relative clause; not a title."""
        if end >= len(doc) or doc[end].pos_ not in ("VERB", "AUX"):
            return False
        named = any(e.start == start and e.end == end and e.label_ in NAME_LABELS for e in doc.ents)
        given = knowledge.is_given_name(doc[start].text)  # one unknown word: the title
        return (named or given) if end - start >= 2 else (named and given)

    def _title_run(self, doc: Doc, i: int, people: frozenset[int]) -> tuple[int, int] | None:
        """Capitalised tokens, function words only between two; a joiner before a person ends it."""
        sent_end = doc[i].sent.end if i < len(doc) else i
        if i >= sent_end or not self._title_token(doc[i]):
            return None
        end = i + 1
        j = i + 1
        while j < sent_end and j - i < MAX_TITLE and "\n" not in doc[j - 1].whitespace_:
            token = doc[j]
            if self._title_token(token) and (j == end or j not in people):
                end = j = j + 1
            elif token.lower_ in self.joiners and j + 1 not in people:
                j += 1  # "Les Affranchis" stops before "de Martin Scorsese"
            else:
                break
        return i, end

    @staticmethod
    def _title_token(token: Token) -> bool:
        number = token.like_num and not token.is_lower  # "13 Reasons Why"; not « trois fois »
        return (token.is_title or token.is_upper or number) and not token.is_punct and (
            token.is_alpha or number or "'" in token.text or "’" in token.text or "-" in token.text)

    def _quoted(self, doc: Doc, open_at: int) -> tuple[int, int] | None:
        for k in range(open_at + 1, min(len(doc), open_at + MAX_TITLE + 2)):
            if "\n" in doc[k - 1].whitespace_:
                return None
            if doc[k].text in QUOTES_CLOSE:
                if k > open_at + 1 and self._title_token(doc[open_at + 1]):
                    return open_at + 1, k
                return None
        return None

    def _credited(self, doc: Doc, people: frozenset[int]) -> Iterable[Span]:
        """'"Jolene" by Dolly Parton', 'Dolly Parton's "Jolene"', « Apple » de Charli XCX:
        a quoted title tied to a person the model or the lexicon knows."""
        for _match_id, at, _end in self.quotes(doc):
            token = doc[at]
            if token.i + 1 >= len(doc):
                continue
            extent = self._quoted(doc, token.i)
            if extent is None:
                continue
            start, end = extent
            by = end + 2 < len(doc) and doc[end + 1].lower_ in self.credits and end + 2 in people
            owner = token.i >= 2 and doc[token.i - 1].lower_ in ("'s", "’s") and (
                token.i - 2 in people)
            if by or owner:
                yield self._candidate(doc, start, end, CLASS.CreativeWork, "credited-title")

    # ------------------------------------------------------------------ events, bodies, places

    def _named(self, doc: Doc, people: frozenset[int]) -> Iterable[Span]:
        matches = []
        sentences = {doc[start].sent for _m, start, _e in self.triggers(doc)}
        for sent in sentences:  # only where a kind word occurs
            matches += [(m, sent.start + a, sent.start + b) for m, a, b in self.names(sent)]
        if DOMAIN_IN_TEXT.search(doc_text(doc)):
            matches += self.domains(doc)
        for match_id, start, end in matches:
            kind = self.nlp.vocab.strings[match_id]
            end = self._of_tail(doc, end)
            if doc[end - 1].text not in self.tail_words and self._cut_short(doc, end):
                continue  # "festival Rock" of "festival Rock en Seine": extent unsure
            kind, _, descriptor = kind.partition("-")
            if kind == "brand" and any(knowledge.is_given_name(doc[i].text)
                                       for i in people & set(range(start + 1, end))):
                continue  # "the brand Emily Weiss founded": her name; not « Ourson Blanc »
            start = self._after_person(doc, start, end)
            while start < end - 1 and (lead_word(doc[start]) or (
                    descriptor and (doc[start].is_lower or doc[start].is_punct))):
                start += 1  # "When Oxford University Press…"; "le groupe de k-pop Stray Kids"
            yield self._candidate(doc, start, end, NAME_KINDS[kind], f"{kind}-name")

    @staticmethod
    def _after_person(doc: Doc, start: int, end: int) -> int:
        """'the Taylor Swift Eras Tour': a person named inside the name stays a person
        (but 'Larkin Avenue' read whole as a person is the avenue)."""
        for key in (NER_KEY, LEXICON_KEY):
            for span in doc.spans.get(key, []):
                if span.label_ == CLASS.Person and start <= span.start and span.end < end:
                    start = max(start, span.end)
        return start

    def _of_tail(self, doc: Doc, end: int) -> int:
        """'London School' + 'of Economics', 'Fashion Institute' + 'of Technology'."""
        if end + 1 < len(doc) and doc[end].lower_ in ("of", "for", "de", "du", "des"):
            stop = end + 1
            while stop < len(doc) and stop - end <= 4 and doc[stop].is_title:
                stop += 1
            return stop if stop > end + 1 else end
        return end

    @staticmethod
    def _cut_short(doc: Doc, end: int) -> bool:
        return (end + 1 < len(doc) and doc[end].is_lower and len(doc[end]) <= 3
                and doc[end + 1].is_title and doc[end].sent.start == doc[end + 1].sent.start)

    def _marked(self, doc: Doc, people: frozenset[int]) -> Iterable[Span]:
        """Brands joined by a mark or described ("Parade, the label"); works streamers show."""
        left, right = partial(self._title_before, doc), partial(self._title_run, doc, people=people)
        for start, end in collab_ends(doc, before=left, after=right, people=people):
            yield self._candidate(doc, start, end, CLASS.Brand, "collab")
        for start, end in self.described(doc, before=left, people=people):
            yield self._candidate(doc, start, end, CLASS.Brand, "described-brand")
        for start, end in streamed_titles(doc, streamers=self.streamer_hashes, people=people,
                                          before=left, after=right):
            yield self._candidate(doc, start, end, CLASS.CreativeWork, "streamed-title")

    def _candidate(self, doc: Doc, start: int, end: int, type_: str, rule: str) -> Span:
        return make_candidate(doc, start, end, type_=type_, source="pattern", rule=rule,
                              confidence=CONFIDENCE, name=display_name(doc[start:end].text))


@Language.factory(
    "trendgraph_cued_names", default_config={"lang": "en", "spans_key": PATTERN_KEY},
)
def make_cued_names(nlp: Language, name: str, lang: str, spans_key: str) -> CuedNames:
    return CuedNames(nlp, name, lang=lang, spans_key=spans_key)
