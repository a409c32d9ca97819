"""Trend names built like new words, and quoted names kept whole.

Cue rules find names that are introduced ("the X trend"); slang coinages are often
just used: "boys moved from looksmaxxing to sleepmaxxing", "sigma mogging clips",
"le slow living". Three general shapes, none naming a trend:

- a lowercase word that is rare or unknown in French and English (``wordfreq``) but
  splits into common words or a known word and a coinage suffix (``-maxxing``,
  ``-pilled``, ``-core``, see ``data/coinage.json``): ``brainrot``, ``sleepmaxxing``;
  a describing word right before it belongs to the name (``sigma mogging``);
- in a French text, a determiner followed by two or three lowercase English words
  foreign to French (``le slow living``, ``la soft girl era``);
- a trend candidate inside a short quotation is the whole quotation
  (``"rat girl summer" energy``), since quotes mark where a name starts and stops;
- a lowercase phrase an appositive defines (``fridge foraging, the practice of
  cooking from leftovers``, « le tricot social, cette tendance qui … »).
"""

from __future__ import annotations

import functools

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract.candidates import PATTERN_KEY, info, make_candidate, with_info
from kg.extract.resources import cues, function_words, load_json, noise_words, stop_words
from kg.extract.text import DETERMINERS, QUOTES_CLOSE, QUOTES_OPEN, display_name
from kg.extract.vocabulary import UsesVocabulary
from kg.model import fold
from kg.ontology import load_ontology

CLASS = load_ontology().names

RARE_ZIPF = 2.0
COMMON_ZIPF = 2.5
MIN_LENGTH = 6
ENGLISH_ZIPF = 3.0
ENGLISH_MARGIN = 1.0
MAX_QUOTED = 5
MAX_DEFINED = 4
DEFINED_POS = frozenset(["NOUN", "ADJ", "VERB", "PROPN"])
FR_DETERMINERS = function_words("singular_determiners_fr")  # "le slow living", not "des …"
INFLECTIONS = (("ier", "y"), ("iest", "y"), ("ies", "y"), ("er", ""), ("est", ""), ("ers", ""),
               ("ly", ""), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("s", ""))


@functools.cache
def _settings() -> dict:
    return load_json("coinage.json")


@functools.lru_cache(maxsize=16384)
def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang, wordlist="best")


@functools.lru_cache(maxsize=16384)
def is_coinage(word: str) -> bool:
    """Rare as a whole, made of common parts: 'sleepmaxxing', 'brainrot', 'blackpilled'."""
    from kg.extract.segment import split_run

    lowered = word.lower()
    if len(lowered) < MIN_LENGTH or not lowered.isalpha():
        return False
    if max(_zipf(lowered, "en"), _zipf(lowered, "fr")) >= RARE_ZIPF:
        return False
    suffixes = _settings()["suffixes"]
    if lowered in suffixes:
        return True  # "mogging", "maxxing" used on their own
    if _inflected(lowered):
        return False  # "scruffier" is scruffy, not a new word
    for suffix in suffixes:
        stem = lowered[: -len(suffix)]
        if len(suffix) >= 4 and lowered.endswith(suffix) and _common_word(stem, minimum=3):
            return True  # "redpilled", "sleepmaxxing"
    parts = split_run(lowered)
    if len(parts) != 2:
        return False
    head, tail = parts
    if head in _settings()["derivation_prefixes"]:
        return False  # "propalestiniens", "postcovid": a prefixed word of the language
    common = functools.partial(_common_word, minimum=3)
    return common(head) and (tail in suffixes or common(tail))


def _inflected(word: str) -> bool:
    for suffix, repl in INFLECTIONS:
        if word.endswith(suffix) and _common_word(word[: -len(suffix)] + repl, minimum=4):
            return True
    return False


def _common_word(word: str, *, minimum: int) -> bool:
    return len(word) >= minimum and max(_zipf(word, "en"), _zipf(word, "fr")) >= COMMON_ZIPF


class Coinages(UsesVocabulary):
    """spaCy component: adds coinage candidates to, and widens quoted ones in, the patterns."""

    def __init__(self, nlp: Language, name: str = "trendgraph_coinages", *, lang: str) -> None:
        self.nlp = nlp
        self.name = name
        self.lang = lang
        self.stop = stop_words(lang)
        # loanwords that are themes or plain nouns ("le girl band"), not trends
        self.loans = frozenset(fold(p) for p in _settings()["loan_topics"]) | noise_words(lang)
        self.suffixes = frozenset(_settings()["suffixes"])
        self.generic = frozenset(cues()["generic_modifiers"].get(lang, []))
        self.definitions = {k: frozenset(v) for k, v in _settings()["definitions"][lang].items()}

    def __call__(self, doc: Doc) -> Doc:
        spans = [self._quoted_whole(s) for s in doc.spans.get(PATTERN_KEY, [])]
        spans += self._coinages(doc) + self._defined(doc)
        if self.lang == "fr":
            spans += self._borrowed(doc)
        doc.spans[PATTERN_KEY] = spans
        return doc

    def _coinages(self, doc: Doc) -> list[Span]:
        out = []
        for token in doc:
            if (len(token) < MIN_LENGTH or not token.is_alpha or not token.is_lower
                    or not is_coinage(token.text)):
                continue
            if self.vocabulary.is_native(token.text) and self.lang == "fr":
                continue
            start = token.i
            if token.lower_ in self.suffixes and self._describes(doc, start - 1):
                start -= 1  # "sigma mogging"
            out.append(make_candidate(doc, start, token.i + 1, type_=CLASS.Trend, source="pattern",
                                      rule="coinage", confidence=0.6,
                                      name=display_name(doc[start:token.i + 1].text)))
        return out

    def _describes(self, doc: Doc, i: int) -> bool:
        """An English word right before a coinage that is part of it ('sigma mogging').

        French puts the describing noun first ('la tendance tradwife'): never there.
        """
        if self.lang != "en" or i < 0 or doc[i].is_sent_end or doc[i].sent.start > i:
            return False
        token = doc[i]
        return (token.text.islower() and token.is_alpha and token.pos_ in ("NOUN", "ADJ", "PROPN")
                and token.lower_ not in self.stop and token.lower_ not in DETERMINERS
                and not token.is_stop and token.lower_ not in self.generic)

    def _defined(self, doc: Doc) -> list[Span]:
        """'fridge foraging, the practice of cooking …': the phrase a definition follows."""
        out = []
        for comma in doc[1:-4]:
            if comma.text != "," or not self._definition_follows(doc, comma.i + 1):
                continue
            start = comma.i
            while (start > comma.sent.start and comma.i - start < MAX_DEFINED
                   and self._defined_word(doc[start - 1], inner=start < comma.i)):
                start -= 1
            while start < comma.i and doc[start].is_stop:
                start += 1  # "de" opens no name
            phrase = doc[start:comma.i]
            if len(phrase) < 2 and not (len(phrase) == 1 and is_coinage(phrase.text)):
                continue
            if fold(phrase.text) in self.loans or doc[comma.i - 1].is_stop:
                continue
            out.append(make_candidate(doc, phrase.start, phrase.end, type_=CLASS.Trend,
                                      source="pattern", rule="defined", confidence=0.6,
                                      name=display_name(phrase.text)))
        return out

    def _definition_follows(self, doc: Doc, i: int) -> bool:
        """'the practice of <verb>', 'a trend where', « cette tendance qui », « la pratique de »."""
        cue = self.definitions
        if i + 3 > len(doc) or doc[i].lower_ not in cue["determiners"]:
            return False
        if doc[i + 1].lower_ not in cue["nouns"]:
            return False
        after = doc[i + 2].lower_
        if after in cue["clauses"]:
            return True
        return after in cue["of"] and i + 3 < len(doc) and doc[i + 3].pos_ == "VERB"

    def _defined_word(self, token: Token, *, inner: bool) -> bool:
        """A word of a defined name: lowercase content words; French 'de' only inside."""
        if not (token.is_alpha and token.text.islower()):
            return False
        if token.is_stop or token.lower_ in self.stop:
            return inner and self.lang == "fr" and token.lower_ in ("de", "du")
        if token.pos_ == "VERB" and not token.lower_.endswith("ing"):
            return False  # "try fridge foraging": the verb is no part of the name
        return token.pos_ in DEFINED_POS and token.lower_ not in self.generic

    def _borrowed(self, doc: Doc) -> list[Span]:
        """'le slow living', du « slow dating »: two or three English words a French determiner
        introduces, bare or held whole by quotation marks."""
        out = []
        for token in doc[:-2]:
            # quoted after a determiner: 'le « batch cooking »', not 'a dit « good job »'
            quoted = token.text in QUOTES_OPEN and token.i > 0 and doc[token.i - 1].lower_ in (
                DETERMINERS)
            if not quoted and token.lower_ not in FR_DETERMINERS:
                continue
            j = token.i + 1
            while j < len(doc) and j - token.i <= 3 and self._english(doc[j]):
                j += 1
            if j - token.i - 1 < 2 or (j < len(doc) and self._english_continues(doc[j])):
                continue
            if quoted and (j >= len(doc) or doc[j].text not in QUOTES_CLOSE):
                continue
            phrase = doc[token.i + 1:j]
            if fold(phrase.text) in self.loans or "\n" in phrase.text:
                continue
            out.append(make_candidate(doc, phrase.start, phrase.end, type_=CLASS.Trend,
                                      source="pattern", rule="borrowed", confidence=0.6,
                                      name=display_name(phrase.text)))
        return out

    def _english(self, token: Token) -> bool:
        word = token.lower_
        english, french = _zipf(word, "en"), _zipf(word, "fr")
        return (token.text.islower() and token.is_alpha and len(word) >= 3
                and word not in self.stop and english >= ENGLISH_ZIPF
                and english >= french + ENGLISH_MARGIN)

    def _english_continues(self, token: Token) -> bool:
        return self._english(token)

    @staticmethod
    def _quoted_whole(span: Span) -> Span:
        """A trend candidate inside « … » or "…" of a few words is the whole quotation."""
        meta = info(span)
        if meta.type != CLASS.Trend:
            return span
        doc = span.doc
        lo, hi = span.start, span.end
        while lo > 0 and lo > span.start - MAX_QUOTED and doc[lo - 1].is_alpha:
            lo -= 1
        while hi < len(doc) and hi < span.end + MAX_QUOTED and doc[hi].is_alpha:
            hi += 1
        if (lo == span.start and hi == span.end) or lo == 0 or hi >= len(doc):
            return span
        if doc[lo - 1].text not in QUOTES_OPEN or doc[hi].text not in QUOTES_CLOSE:
            return span
        if hi - lo > MAX_QUOTED or any(t.sent.start != span.sent.start for t in (doc[lo], doc[hi])):
            return span
        return with_info(span, start=lo, end=hi, name=display_name(doc[lo:hi].text))


@Language.factory("trendgraph_coinages", default_config={"lang": "en"})
def make_coinages(nlp: Language, name: str, lang: str) -> Coinages:
    return Coinages(nlp, name, lang=lang)
