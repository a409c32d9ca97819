"""Is a word part of the document's own language?

Trend names in French posts are mostly English borrowings ("la tendance mob wife")
and in English posts mostly coinages ("gorpcore", "bedrotting"). A word the
language's lemmatizer tables do not know is a strong sign that a span after a cue
("la tendance …") is a name rather than a description ("la tendance actuelle").
The tables ship inside the spaCy model, so nothing is downloaded.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable
from typing import Any

from spacy.language import Language

from kg.extract.resources import stop_words

EN_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"), ("ed", ""),
               ("ed", "e"), ("ers", ""), ("er", ""), ("ly", ""), ("ness", ""))


class Vocabulary:
    """Membership test over the words a spaCy model's lemmatizer knows."""

    def __init__(self, words: frozenset[str], lookup: Callable[[str], bool] | None = None,
                 *, lang: str) -> None:
        self.words = words
        self.lookup = lookup
        self.lang = lang
        self._seen: dict[str, bool] = {}  # the same words come back in every document

    def __contains__(self, word: str) -> bool:
        return self.is_native(word)

    def is_native(self, word: str) -> bool:
        """True when the word (or a simple inflection of it) is in the language's tables."""
        known = self._seen.get(word)
        if known is None:
            if len(self._seen) > 200_000:
                self._seen.clear()  # bounded over a very large corpus
            known = self._seen[word] = self._is_native(word)
        return known

    def _is_native(self, word: str) -> bool:
        word = word.lower().strip("'’").replace("œ", "oe")
        if not word or not re.search(r"[a-zà-ÿ]", word) or word in stop_words(self.lang):
            return True
        if not self.words and self.lookup is None:
            return True  # no tables: cannot tell, so never claim a word is foreign
        if word in self.words or (self.lookup is not None and self.lookup(word)):
            return True
        if self.lang == "en":
            for suffix, repl in EN_SUFFIXES:
                if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                    stem = word[: -len(suffix)] + repl
                    if stem in self.words:
                        return True
                    doubled = suffix in ("ing", "ed") and len(stem) > 3 and stem[-1] == stem[-2]
                    if doubled and stem[:-1] in self.words:
                        return True
        return False


class UsesVocabulary:
    """A spaCy component that reads the language's vocabulary, built on first use (the
    lemmatizer's tables load after the component is made) and shared by the pipeline's
    components (five of them read it: one build instead of five)."""

    nlp: Language
    lang: str
    _vocabulary: Vocabulary | None = None

    @property
    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            self._vocabulary = shared_vocabulary(self.nlp, self.lang)
        return self._vocabulary


_shared: weakref.WeakKeyDictionary[Language, dict[str, Vocabulary]] = \
    weakref.WeakKeyDictionary()


def shared_vocabulary(nlp: Language, lang: str) -> Vocabulary:
    """``from_pipeline(nlp, lang)``, built once per pipeline and language."""
    built = _shared.setdefault(nlp, {})
    if lang not in built:
        built[lang] = from_pipeline(nlp, lang)
    return built[lang]


def from_pipeline(nlp: Language, lang: str) -> Vocabulary:
    """Build from the (disabled) lemmatizer of ``nlp``; empty when the model has none."""
    if "lemmatizer" not in nlp.component_names:
        return Vocabulary(frozenset(), lang=lang)
    lemmatizer: Any = nlp.get_pipe("lemmatizer")
    lookups = lemmatizer.lookups
    words: set[str] = set()
    lookup = None
    if lookups.has_table("lemma_index"):
        for entries in lookups.get_table("lemma_index").values():
            words.update(w.lower() for w in entries)
    if lookups.has_table("lemma_exc"):
        for table in lookups.get_table("lemma_exc").values():
            words.update(k.lower() for k in table)
    if lookups.has_table("lemma_lookup"):
        table = lookups.get_table("lemma_lookup")
        lookup = table.__contains__
    return Vocabulary(frozenset(words), lookup, lang=lang)
