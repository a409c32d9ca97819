"""Trend and audience patterns: names nobody put in the lexicon.

Two kinds of rules, both in ``data/patterns.jsonl`` (audiences built from parts,
"les jeunes femmes", are :mod:`audiences`' job):

- ``regex`` over the text: word shapes that are names by themselves
  (``…core``, ``…Tok``, ``#Blockout2024``, hashtags);
- ``cue``: a cue phrase and the tokens on one side of it
  (``la tendance « mob wife »``, ``the coquette aesthetic``, ``la communauté queer``);
  the extent must look like a name (``require``: quoted, hashtag, capitalised,
  or a word foreign to the document's language, see :mod:`vocabulary`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from kg.extract.candidates import (
    LEXICON_KEY,
    PATTERN_KEY,
    REJECTED_KEY,
    doc_text,
    make_candidate,
)
from kg.extract.headings import HeadingRules
from kg.extract.resources import cues, function_words, load_json, noise_words, rules_for, stop_words
from kg.extract.text import (
    DETERMINERS,
    QUOTES_CLOSE,
    QUOTES_OPEN,
    cue_doc,
    display_name,
    split_camel,
)
from kg.extract.vocabulary import UsesVocabulary
from kg.model import fold

MAX_QUOTED = 6
DEFINITE = function_words("definite")
NAME_CHARS = re.compile(r"^[\wÀ-ÿ][\wÀ-ÿ'’&.+-]*$")
YEAR_TAIL = re.compile(r"_?(?:19|20)\d{2}$")  # "summer2025", "rentree_2024"


class TrendPatterns(HeadingRules, UsesVocabulary):
    """spaCy component: writes pattern candidates to ``doc.spans[spans_key]``."""

    def __init__(
        self, nlp: Language, name: str = "trendgraph_patterns", *, lang: str,
        spans_key: str = PATTERN_KEY,
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.lang = lang
        self.spans_key = spans_key
        self.stop = stop_words(lang)
        self.noise = noise_words(lang)
        self.modifiers = frozenset(cues()["generic_modifiers"].get(lang, []))
        self.evaluative = self.modifiers - frozenset(load_json("coinage.json")["name_openers"])
        self.regex_rules = [
            (rule, re.compile(rule["pattern"]), frozenset(fold(x) for x in rule.get("exclude", [])))
            for rule in rules_for(lang, "regex")
        ]
        self.plain_tags = frozenset().union(*(ex for _, _, ex in self.regex_rules))
        self.cue_rules: list[dict[str, Any]] = rules_for(lang, "cue")
        self.cue_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for index, rule in enumerate(self.cue_rules):
            self.cue_matcher.add(str(index), [cue_doc(nlp, c) for c in rule["cue"]])
        listing = cues()["enumerations"]
        self.list_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.list_matcher.add("list", [cue_doc(nlp, c) for c in listing["cues"]])
        self.list_heads = {w: t for t, words in listing["heads"].items() for w in words}
        self.list_window = listing["window"]

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Span]:
        spans = [*self._regex(doc), *self._cued(doc), *self._lists(doc),
                 *self._heading(doc)]
        return [s for s in spans if not self._is_noise(s)]

    # ------------------------------------------------------------------ enumerations

    def _lists(self, doc: Doc) -> Iterable[Span]:
        """'snack brands such as Doritos and Pringles': each listed name takes the head's type."""
        for _match_id, start, end in self.list_matcher(doc):
            type_ = self._list_head(doc, start)
            if type_ is None:
                continue
            i = end
            sent_end = doc[start].sent.end
            while i < sent_end:
                j = i
                while j < sent_end and j - i < 3 and self._name_token(doc[j]):
                    j += 1
                if j == i:
                    break
                yield make_candidate(doc, i, j, type_=type_, source="pattern", rule="list",
                                     confidence=0.7, name=doc[i:j].text)
                if j < sent_end and doc[j].lower_ in (",", "and", "et", "or", "ou", "&"):
                    i = j + 1
                    if i < sent_end and doc[i].lower_ in ("and", "et", "or", "ou"):
                        i += 1
                    continue
                break

    def _list_head(self, doc: Doc, cue_start: int) -> str | None:
        lo = max(doc[cue_start].sent.start, cue_start - self.list_window)
        for k in range(cue_start - 1, lo - 1, -1):
            if doc[k].is_punct and doc[k].text != "-":
                continue
            type_ = self.list_heads.get(doc[k].lower_)
            if type_:
                return type_
        return None

    @staticmethod
    def _name_token(token: Token) -> bool:
        return (token.text[:1].isupper() or token.text[:1].isdigit()) and not token.is_punct and (
            token.is_alpha or "-" in token.text or "'" in token.text or "’" in token.text
            or token.text.replace(".", "").isalnum()) and "\n" not in token.whitespace_

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        doc.spans[self.spans_key] = spans

    # ------------------------------------------------------------------ regex rules

    def _regex(self, doc: Doc) -> Iterable[Span]:
        text = doc_text(doc)
        lowered = text.lower()
        for rule, pattern, exclude in self.regex_rules:
            if rule.get("hint") and rule["hint"] not in lowered:
                continue  # the literal every match holds is absent: skip the scan
            for found in pattern.finditer(text):
                name = found.group("name")
                if fold(name) in exclude or fold(name).replace(" ", "") in exclude:
                    continue
                if self._dated_plain_tag(name):
                    continue
                if rule.get("skip_native") and self._is_plain_word(name):
                    continue
                start, end = found.span("name")
                if start > 0 and text[start - 1] == "#":
                    start -= 1
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None or "\n" in span.text:
                    continue
                surface = text[start:end]
                yield make_candidate(
                    doc, span.start, span.end, type_=rule["type"], source="pattern",
                    rule=rule["id"], confidence=rule["confidence"], name=display_name(surface),
                )

    def _dated_plain_tag(self, name: str) -> bool:
        """'#summer2025', '#Fashion2024', '#rentrée_2025': a word no hashtag rule takes
        alone, dated by a year, tags a period or a category, not a trend."""
        folded = fold(name).replace(" ", "")
        stem = YEAR_TAIL.sub("", folded)
        return stem != folded and stem in self.plain_tags

    def _is_plain_word(self, name: str) -> bool:
        """'#ongles', '#nails': a hashtag that is one ordinary word names no trend."""
        words = split_camel(name).split()
        return len(words) == 1 and self.vocabulary.is_native(words[0])

    # ------------------------------------------------------------------ cue rules

    def _cued(self, doc: Doc) -> Iterable[Span]:
        for match_id, start, end in self.cue_matcher(doc):
            rule = self.cue_rules[int(self.nlp.vocab.strings[match_id])]
            cue = doc[start:end]
            extent = (self._right(doc, cue, rule) if rule["side"] == "right"
                      else self._left(doc, cue, rule))
            if extent is None:
                continue
            first, last, quoted = extent
            if end < len(doc) and doc[end].lower_ in rule.get("not_before", ()):
                continue  # "Emily Weiss, the brand's founder": the cue is about another name
            if rule.get("unknown_only") and _known(doc, first, last):
                continue  # "co-founder of Twitter", "TikTok Shop": the lexicon knows them
            k = first - 1
            while k > 0 and doc[k].lower_ in self.evaluative:
                k -= 1  # "the viral little treat culture trend": 'the' introduces the name
            before = doc[k] if k >= 0 else None
            if not quoted:
                first, last = self._trim(doc, first, last)
            tokens = doc[first:last]
            if not len(tokens) or not self._accept(tokens, rule, quoted=quoted, before=before):
                continue
            name_span = tokens
            if rule.get("keep_cue"):
                lo, hi = min(first, start), max(last, end)
                if rule.get("left_modifier") and self._modifier(doc, lo):
                    lo -= 1  # "lazy girl job", "hot girl walk"
                if rule.get("strip_determiner"):
                    while lo < hi and doc[lo].lower_ in DETERMINERS:
                        lo += 1
                name_span = doc[lo:hi]
            span_lo, span_hi = name_span.start, name_span.end
            if rule.get("alias_with_cue"):
                span_lo, span_hi = min(first, start), max(last, end)
            if quoted and not rule.get("keep_cue"):
                span_lo, span_hi = max(span_lo, first), min(span_hi, last)
            yield make_candidate(
                doc, span_lo, span_hi, type_=rule["type"], source="pattern", rule=rule["id"],
                confidence=rule["confidence"] + (0.1 if quoted else 0.0),
                name=display_name(name_span.text),
            )

    def _right(self, doc: Doc, cue: Span, rule: dict[str, Any]) -> tuple[int, int, bool] | None:
        skip = {s.lower() for s in rule.get("skip", [])}
        sent_end = cue.sent.end
        i = cue.end
        while i < sent_end and doc[i].lower_ in skip and doc[i].text not in QUOTES_OPEN:
            i += 1
        if i < sent_end and doc[i].text in QUOTES_OPEN:
            return self._quoted(doc, i + 1, sent_end, direction=1)
        j = i
        limit = rule.get("max_tokens", 4)
        foreign = False
        while j < sent_end and j - i < limit and self._extent_token(doc[j], rule):
            if _glued_hyphen(doc, j + 1):
                j += 2  # "hurkle-durkling": a hyphenated word is one word of the name
            if rule.get("trim_native_tail") and j > i:
                native = self.vocabulary.is_native(doc[j].text)
                if native and (foreign or self._native_verb(doc[j])):
                    break  # "la tendance tradwife emprunte…": the name stops where French resumes
            foreign = foreign or not self.vocabulary.is_native(doc[j].text)
            j += 1
        return (i, j, False) if j > i else None

    def _native_verb(self, token: Token) -> bool:
        return token.pos_ in ("VERB", "AUX") and self.vocabulary.is_native(token.text)

    def _left(self, doc: Doc, cue: Span, rule: dict[str, Any]) -> tuple[int, int, bool] | None:
        sent_start = cue.sent.start
        j = cue.start
        if j - 1 >= sent_start and doc[j - 1].text in QUOTES_CLOSE:
            found = self._quoted(doc, j - 2, sent_start, direction=-1)
            if found:
                return found
        i = j
        limit = rule.get("max_tokens", 4)
        while i - 1 >= sent_start and j - i < limit and self._extent_token(doc[i - 1], rule):
            i -= 1
        return (i, j, False) if i < j else None

    def _quoted(self, doc: Doc, i: int, stop: int, *,
                direction: int) -> tuple[int, int, bool] | None:
        """Tokens between a quote at ``i - direction`` and its partner, if close enough."""
        k = i
        while 0 <= k < len(doc) and abs(k - i) <= MAX_QUOTED and k != stop:
            closing = QUOTES_CLOSE if direction == 1 else QUOTES_OPEN
            if doc[k].text in closing and k != i:
                lo, hi = (i, k) if direction == 1 else (k + 1, i + 1)
                return (lo, hi, True) if hi > lo else None
            if "\n" in doc[k].whitespace_ or doc[k].is_space:
                return None
            k += direction
        return None

    def _extent_token(self, token: Token, rule: dict[str, Any]) -> bool:
        if token.is_punct or token.is_space or token.like_num or token.text.startswith("#"):
            return False
        if "\n" in token.whitespace_ and token.i < len(token.doc) - 1:
            return token.is_alpha and not token.is_stop  # a name may end a line, not span it
        if token.lower_ in self.stop or token.lower_ in DETERMINERS:
            return False
        if not NAME_CHARS.match(token.text):
            return False
        if rule.get("require") == "capitalised" and not token.text[:1].isupper():
            return False  # "founder of Velmora, which": the name stops where lowercase resumes
        pos = rule.get("pos")
        return not pos or token.pos_ in pos

    # ------------------------------------------------------------------ acceptance

    def _modifier(self, doc: Doc, i: int) -> bool:
        """Is the token before ``i`` a describing word that belongs to the name?"""
        if i == 0 or doc[i - 1].is_sent_end or i - 1 < doc[i].sent.start:
            return False
        token = doc[i - 1]
        return (token.is_alpha and token.pos_ in ("ADJ", "NOUN", "PROPN") and not token.is_stop
                and token.lower_ not in self.stop and token.lower_ not in DETERMINERS
                and token.lower_ not in self.modifiers)

    def _trim(self, doc: Doc, first: int, last: int) -> tuple[int, int]:
        """Drop describing words at the edges: 'the viral mob wife aesthetic trend'.

        On the left only evaluative words go ('viral', 'new'): words that open many
        names stay ('the little treat culture trend', 'toxic positivity').
        """
        while first < last and doc[first].lower_ in self.evaluative:
            first += 1
        while last > first and doc[last - 1].lower_ in self.modifiers:
            last -= 1
        return first, last

    def _accept(self, tokens: Span, rule: dict[str, Any], *, quoted: bool,
                before: Token | None) -> bool:
        words = [t for t in tokens if not t.is_punct]
        if not words:
            return False
        if any(t.lower_ in rule.get("reject_words", ()) for t in words):
            return False
        only = rule.get("only")
        if only and not quoted and not all(t.lower_ in only for t in words):
            return False
        require = rule.get("require", "content")
        if require == "content" or quoted:
            return True
        if require == "quoted":
            return False
        if require == "capitalised":
            return not all(t.lower_ in self.stop for t in words)
        marked = self._marked(words)
        if require == "marked":
            return marked
        if require == "determined":
            if marked:
                return True
            if len(words) == 1 and words[0].lower_.endswith("ing"):
                return False  # "the walking trend": an activity, not a name
            return before is not None and before.lower_ in DEFINITE
        return False

    def _marked(self, words: list[Token]) -> bool:
        """Does the extent look like a coined name rather than a description?"""
        for token in words:
            if token.text[:1].isupper() and not token.is_sent_start:
                return True
            if re.search(r"[a-z][A-Z]|\d", token.text) or token.lower_.endswith(("core", "tok")):
                return True
            if not self.vocabulary.is_native(token.text):
                return True
        return False

    def _is_noise(self, span: Span) -> bool:
        name = fold(span.kb_id_ or span.text)
        if not name or len(name.replace(" ", "")) < 3 or name in self.noise:
            return True
        words = name.split()
        return all(w in self.stop for w in words)


def _glued_hyphen(doc: Doc, i: int) -> bool:
    """A hyphen at ``i`` written between two words with no space ('hurkle-durkling')."""
    return (i + 1 < len(doc) and doc[i].text == "-" and not doc[i - 1].whitespace_
            and not doc[i].whitespace_ and doc[i + 1].is_alpha)


def _known(doc: Doc, first: int, last: int) -> bool:
    """Does a lexicon name (taken, or left out for want of a cue) cover a token there?"""
    return any(s.start < last and first < s.end
               for key in (LEXICON_KEY, REJECTED_KEY) for s in doc.spans.get(key, []))


@Language.factory(
    "trendgraph_patterns", default_config={"lang": "en", "spans_key": PATTERN_KEY},
)
def make_trend_patterns(nlp: Language, name: str, lang: str, spans_key: str) -> TrendPatterns:
    return TrendPatterns(nlp, name, lang=lang, spans_key=spans_key)
