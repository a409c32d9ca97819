"""Audiences built from parts: the groups a lexicon cannot list one by one.

Known groups (Gen Z, teenagers, les quinquas, the Beyhive) come from the SKOS
lexicon. What this component adds is compositional, from token patterns over
the data in ``data/audiences.json``:

- a group narrowed by who its members are: "young women", "working moms",
  "les femmes noires", "les jeunes actives";
- people defined by what they love: "Black country fans", "les fans de foot";
- a bare group where a cue says it is an audience: "popular among students",
  "séduit les étudiants" (a bare "women" elsewhere is just a word);
- age brackets: "the over-50s", "les moins de 25 ans"; a group with its age: "women
  over 50", « les femmes de plus de 50 ans ».

A group the patterns find that the lexicon also lists ("les jeunes" found by the
determined pattern) takes the concept's name ("Young people"), so the French and
English texts of one audience make one node.

It also corrects the lexicon's audience readings in two ways: a group owned by
someone ("their parents", "ses enfants") is no audience, and a known group inside
a longer one ("moms" in "working moms") gives way to the longer group.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract.candidates import LEXICON_KEY, NER_KEY, PATTERN_KEY, info, make_candidate
from kg.extract.gate import GatedMatcher
from kg.extract.resources import load_json
from kg.extract.text import display_name
from kg.model import fold
from kg.ontology import load_ontology

CLASS = load_ontology().names

CONFIDENCE = {"qualified": 0.7, "fans": 0.65, "cued": 0.6, "age": 0.65, "determined": 0.6,
              "aged": 0.65}
NAMED_TYPES = frozenset([CLASS.Person, CLASS.Brand, CLASS.Organization, CLASS.Platform,
                         CLASS.Place, CLASS.CreativeWork, CLASS.Event, CLASS.Trend])
# what people can be fans of: "Harry Styles fans", "fans de Beyoncé", "Barbie fans", a band
LOVED_TYPES = frozenset([CLASS.Person, CLASS.Brand, CLASS.CreativeWork, CLASS.Trend,
                         CLASS.Organization])  # "Coldplay fans", "fans du PSG"
# an age bracket in either language, named one way: "18-25 year-olds"
AGE_BRACKET = re.compile(r"(?P<low>\d{2})\s?(?:-|–|à|to|-to-)\s?(?P<high>\d{2})"
                         r"(?:\s?ans|[- ]years?[- ]olds?)", re.IGNORECASE)
AGED_FR = re.compile(r"(?<!\w)(?P<head>\w++) de (?P<side>plus|moins) de (?P<age>\d++) ans")
Pattern = list[dict[str, Any]]  # one spaCy Matcher pattern: a token spec per token


@functools.cache
def _known_audiences() -> dict[str, str]:
    """Folded spelling -> canonical name, for every audience concept of the lexicon."""
    from kg.extract.lexicon_entries import label_variants

    return {fold(variant): concept.name for concept in load_ontology().concepts
            if concept.type == CLASS.Audience
            for label in concept.labels for variant in label_variants(label)}


def audience_name(text: str) -> str:
    """The lexicon's name of a group the patterns found, else the text as a name."""
    return _known_audiences().get(fold(text)) or display_name(text)


def english_audience_name(name: str) -> str | None:
    """The English name of a French group built from known words, else None.

    "jeunes utilisateurs" -> "Young users", "femmes actives" -> "Working women": the
    words of ``data/audience_words.json``, a modifier after the noun put before it.
    One unknown word and there is no translation, so no half-French name is made up.
    The English is then read like an English pattern's find: a lexicon label takes its
    concept's name, so both languages of one group make one node. An age bracket in
    either language is named one way ("18 à 25 ans", "18-to-25-year-olds" -> "18-25
    year-olds"), so the two make one node too.
    """
    if bracket := AGE_BRACKET.fullmatch(name.strip()):
        return f"{bracket['low']}-{bracket['high']} year-olds"  # "18 à 25 ans"
    table = load_json("audience_words.json")
    nouns, modifiers = table["nouns"], table["modifiers"]
    if (aged := AGED_FR.fullmatch(name.strip().lower())) and aged["head"] in nouns:
        side = "over" if aged["side"] == "plus" else "under"  # "femmes de plus de 50 ans"
        return audience_name(f"{nouns[aged['head']]} {side} {aged['age']}")
    if fans := _fans_of_a_name(name, table):
        return audience_name(fans)
    words = name.lower().split()
    for i, word in enumerate(words):
        before, after = words[:i], words[i + 1:]
        if word in nouns and all(w in modifiers for w in before + after):
            english = [modifiers[w] for w in before + after[::-1]] + [nouns[word]]
            return audience_name(" ".join(english))
    return None


def _fans_of_a_name(name: str, table: dict[str, Any]) -> str | None:
    """'Fans de Rosalía' -> 'Rosalía fans'; None for 'fans de foot' or 'fans de Formule'."""
    from kg.extract.knowledge import common_word_zipf, zipf

    head, _, rest = name.partition(" ")
    links = sorted(table["fan_links"], key=len, reverse=True)  # 'des' before 'de'
    link = next((w for w in links if rest.lower().startswith(w)), None)
    english = table["fan_heads"].get(head.lower())
    if link is None or english is None:
        return None
    loved = rest[len(link):].strip()
    if link[-1] not in "'’" and rest[len(link):][:1] != " ":
        return None
    if not loved[:1].isupper():
        subject = _subject_in_english(loved.lower(), table)
        return f"{subject} {english}" if subject else None
    floor, margin = common_word_zipf(), table["french_margin"]
    if any(zipf(w, "fr") >= floor and zipf(w, "fr") - zipf(w, "en") >= margin
           for w in loved.lower().split()):
        return None  # 'Formule', 'Stade': French words, not a name
    return f"{loved} {english}"


def _subject_in_english(loved: str, table: dict[str, Any]) -> str | None:
    """'fantasy' -> 'fantasy', 'foot' -> 'football', 'jeux vidéo' -> 'video games'; None
    when a word is neither a French pastime the table lists nor an English loanword."""
    from kg.extract.knowledge import common_word_zipf, zipf

    subjects: dict[str, str] = table["fan_subjects"]
    if loved in subjects:
        return subjects[loved]
    floor, margin = common_word_zipf(), table["loan_margin"]
    words = []
    for word in loved.split():
        if word in subjects:
            words.append(subjects[word])
        elif zipf(word, "en") >= floor and zipf(word, "en") - zipf(word, "fr") >= margin:
            words.append(word)
        else:
            return None
    return " ".join(words) or None


def _words(values: Iterable[str]) -> list[str]:
    return sorted({v.lower() for v in values})


class AudiencePatterns:
    """spaCy component: adds compositional audience candidates to ``doc.spans[spans_key]``."""

    def __init__(self, nlp: Language, name: str = "trendgraph_audiences", *, lang: str,
                 spans_key: str = PATTERN_KEY) -> None:
        self.nlp = nlp
        self.name = name
        self.lang = lang
        self.spans_key = spans_key
        data: dict[str, Any] = load_json("audiences.json")[lang]
        self.weak_heads = frozenset(_words(data.get("weak_heads", [])))
        self.weak_qualifiers = frozenset(_words(data.get("weak_qualifiers", [])))
        self.possessives = frozenset(_words(data["possessives"]))
        self.coordination = frozenset(_words(data.get("coordination", [])))
        self.cue_determiners = frozenset(_words(data["cue_determiners"]))
        # windows=False: the plain matcher's order, which filter_spans' ties depend on
        self.matcher = GatedMatcher(nlp.vocab, windows=False)
        heads = _words(data["heads"])
        self.strong_heads = frozenset(h for h in heads if h not in self.weak_heads)
        self._add_qualified(data, heads)
        self._add_fans(data)
        self._add_cued(data)
        self._add_aged(data, heads)
        self.matcher.add("age", data.get("age_groups", []), greedy="LONGEST",
                         hints=data.get("age_hints", []))
        if groups := data.get("determined_groups"):
            self.matcher.add("determined", [[
                {"LOWER": {"IN": _words(groups["determiners"])}},
                {"LOWER": {"IN": _words(groups["words"])}},
                {"POS": {"NOT_IN": ["NOUN", "PROPN", "ADJ"]}},
            ]])

    # ------------------------------------------------------------------ patterns

    def nlp_tokens(self, text: str) -> list[str]:
        """A phrase as the tokenizer splits it ('stay-at-home' -> stay, -, at, -, home)."""
        return [t.lower_ for t in self.nlp.make_doc(text)]

    def _add_qualified(self, data: dict[str, Any], heads: list[str]) -> None:
        head = {"LOWER": {"IN": heads}}
        if "qualifiers" in data:  # English: qualifiers before the head
            words = [self.nlp_tokens(q) for q in _words(data["qualifiers"])]
            single = {"LOWER": {"IN": sorted(w[0] for w in words if len(w) == 1)}, "OP": "+"}
            patterns: list[Pattern] = [[single, head]]
            # "stay-at-home moms", "low-income families": the tokenizer splits at hyphens
            patterns += [[*({"LOWER": t} for t in w), head] for w in words if len(w) > 1]
            if suffixes := data.get("qualifier_suffixes"):  # "eco-conscious", "tech-savvy"
                patterns.append([{"IS_ALPHA": True}, {"ORTH": "-"},
                                 {"LOWER": {"IN": _words(suffixes)}}, head])
            self.matcher.add("qualified", patterns, greedy="LONGEST")
            return
        before = {"LOWER": {"IN": _words(data.get("qualifiers_before", []))}}
        after = [q.split() for q in _words(data.get("qualifiers_after", []))]
        single = {"LOWER": {"IN": [q[0] for q in after if len(q) == 1]}}
        patterns = [
            [before, head, {**single, "OP": "*"}],
            [head, {**single, "OP": "+"}],
        ]
        patterns += [[head, *({"LOWER": w} for w in q)] for q in after if len(q) > 1]
        self.matcher.add("qualified", patterns, greedy="LONGEST")

    def _add_fans(self, data: dict[str, Any]) -> None:
        fans = {"LOWER": {"IN": _words(data["fan_heads"])}}
        interest = {"IS_ALPHA": True, "IS_STOP": False,
                    "POS": {"IN": ["NOUN", "PROPN", "ADJ", "X"]},
                    "LOWER": {"NOT_IN": _words(data.get("fan_interest_blocked", []))}}
        hyphen = {"ORTH": "-"}
        if "fan_links" in data:  # French: "fans de foot", "passionnés de mode"
            link = {"LOWER": {"IN": _words(data["fan_links"])}}
            adj = {"POS": "ADJ", "OP": "?"}
            name = {**interest, "IS_TITLE": True}  # "fans d'Aya Nakamura": a two-word name
            lower = {**interest, "IS_LOWER": True}  # "fans du girl band coréen": a compound
            patterns: list[Pattern] = [[fans, link, interest, adj], [fans, link, name, name],
                                       [fans, link, interest, hyphen, interest, adj],
                                       [fans, link, lower, lower, adj]]
        else:  # English: "country fans", "K-pop stans", "Black country fans"
            qualifier = {"LOWER": {"IN": _words(data["qualifiers"])}, "OP": "*"}
            patterns = [[qualifier, interest, fans], [qualifier, interest, interest, fans],
                        [qualifier, interest, hyphen, interest, fans]]
        self.matcher.add("fans", patterns, greedy="LONGEST")

    def _add_cued(self, data: dict[str, Any]) -> None:
        strong = sorted(self.strong_heads)
        determiner: dict[str, Any] = {"LOWER": {"IN": _words(data["cue_determiners"])}}
        if self.lang == "en":
            determiner["OP"] = "?"  # "among students"; French always says "chez les étudiants"
        cues = [c.replace("’", "'").split() for c in _words(data["cues"])]
        firsts: list[Pattern] = [[{"LOWER": {"IN": sorted({c[0] for c in cues if len(c) == 1})}}]]
        firsts += [[{"LOWER": w} for w in c] for c in cues if len(c) > 1]
        patterns = [[*cue, {"POS": "ADV", "OP": "?"}, determiner, {"LOWER": {"IN": strong}}]
                    for cue in firsts]
        self.matcher.add("cued", patterns, greedy="LONGEST")

    def _add_aged(self, data: dict[str, Any], heads: list[str]) -> None:
        """'women over 50', « les femmes de plus de 50 ans »: a group narrowed by an age."""
        words = data.get("aged")
        if not words:
            return
        head: dict[str, Any] = {"LOWER": {"IN": heads}}
        age: Pattern = [{"LOWER": {"IN": _words(words["over"] + words["under"])}},
                        {"LIKE_NUM": True}]
        patterns: list[Pattern]
        if "qualifiers" in data:  # English: "older women over 60" keeps its qualifier
            patterns = [[{"LOWER": {"IN": _words(data["qualifiers"])}, "OP": "*"}, head, *age]]
        else:  # French: "de plus de 50 ans"
            patterns = [[head, {"LOWER": "de"}, *age[:1], {"LOWER": "de"}, age[1],
                         {"LOWER": "ans"}]]
        self.matcher.add("aged", patterns, greedy="LONGEST")

    # ------------------------------------------------------------------ matching

    def __call__(self, doc: Doc) -> Doc:
        found = self.match(doc)
        self.set_annotations(doc, found)
        return doc

    def match(self, doc: Doc) -> list[Span]:
        """Audience spans, the longest where two overlap."""
        matches = self.matcher(doc)
        if not matches:
            return []
        taken = {i: s.label_ for key in (LEXICON_KEY, PATTERN_KEY, NER_KEY)
                 for s in doc.spans.get(key, []) if s.label_ in NAMED_TYPES
                 for i in range(s.start, s.end)}
        spans = []
        for match_id, start, end in matches:
            kind = self.nlp.vocab.strings[match_id]
            span = self._extent(doc, kind, start, end, taken)
            extents = [span] if span is not None else []
            if kind == "cued" and span is not None:
                extents += self._listed_after(doc, span.end)
            for extent in extents:
                if "\n" not in extent.text and not self._owned(doc, extent.start):
                    spans.append(make_candidate(
                        doc, extent.start, extent.end, type_=CLASS.Audience, source="pattern",
                        rule=f"audience-{kind}", confidence=CONFIDENCE[kind],
                        name=audience_name(extent.text),
                    ))
        return filter_spans(spans)

    def _listed_after(self, doc: Doc, i: int) -> list[Span]:
        """'among students, retirees and parents': the cue holds for the whole list."""
        out = []
        end = doc[i - 1].sent.end
        while i < end and doc[i].lower_ in self.coordination:
            i += 1
            if i < end and doc[i].lower_ in self.coordination:
                i += 1  # ", and"
            if i < end and doc[i].lower_ in self.cue_determiners:
                i += 1
            if i >= end or doc[i].lower_ not in self.strong_heads:
                break
            out.append(doc[i:i + 1])
            i += 1
        return out

    def _extent(self, doc: Doc, kind: str, start: int, end: int,
                taken: dict[int, str]) -> Span | None:
        if kind == "cued":
            return doc[end - 1:end]
        if kind == "age":
            return doc[start + 1:end]
        if kind == "determined":
            return doc[start + 1:end - 1]
        inside = {taken[i] for i in range(start, end) if i in taken}
        if inside and (kind != "fans" or not inside <= LOVED_TYPES):
            return None  # "TikTok users", "Paris fans": the name stays a name
        span = doc[start:end]
        if kind == "qualified" and self.lang == "en":
            qualifiers, head = [t.lower_ for t in span[:-1]], span[-1].lower_
            if head in self.weak_heads and all(q in self.weak_qualifiers for q in qualifiers):
                return None  # "new users", "older viewers": nobody in particular
        return span

    def _owned(self, doc: Doc, start: int) -> bool:
        """'their parents', 'ses enfants': somebody's relatives, not an audience."""
        return start > 0 and doc[start - 1].lower_ in self.possessives

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        """Add the audiences to the pattern spans; lexicon audiences they contain, or that
        somebody owns, give way."""
        covering = [(s.start, s.end, info(s).rule) for s in spans
                    if info(s).rule != "audience-cued"]
        lexicon = list(doc.spans.get(LEXICON_KEY, []))
        kept = [span for span in lexicon if not self._gives_way(doc, span, covering)]
        if len(kept) != len(lexicon):
            doc.spans[LEXICON_KEY] = kept
        if spans:
            doc.spans[self.spans_key] = [*doc.spans.get(self.spans_key, []), *spans]

    def _gives_way(self, doc: Doc, span: Span, covering: list[tuple[int, int, str]]) -> bool:
        type_ = span.label_
        if type_ == CLASS.Audience and self._owned(doc, span.start):
            return True
        return any(a <= span.start and span.end <= b and b - a > len(span)
                   and (type_ == CLASS.Audience
                        or (rule == "audience-fans" and type_ in LOVED_TYPES))
                   for a, b, rule in covering)


@Language.factory(
    "trendgraph_audiences", default_config={"lang": "en", "spans_key": PATTERN_KEY},
)
def make_audience_patterns(nlp: Language, name: str, lang: str,
                           spans_key: str) -> AudiencePatterns:
    return AudiencePatterns(nlp, name, lang=lang, spans_key=spans_key)
