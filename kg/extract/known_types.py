"""What a name the model found is known to be, whatever label the model gave it.

The small models label by shape: a capitalised word after "in" is a place, a
capitalised word in a list of shops is an organisation. Knowledge corrects that
(``kg/extract/knowledge.py``): "Biarritz" is a town even when the model says ORG,
"Kim" is a given name, "Capitol", "Vibes" and "OMG" are words, not brands. The
lexicon has already typed the names it lists; this module decides the rest, and a
context cue ("la marque X", "the singer X") still outranks it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span

from kg.extract import knowledge
from kg.extract.vocabulary import Vocabulary
from kg.ontology import load_ontology

CLASS = load_ontology().names

PERSON_LABELS = frozenset(["PER", "PERSON"])
PLACE_LABELS = frozenset(["LOC", "GPE", "FAC"])
TOWN_POPULATION = 15_000
WORD_TOWN_POPULATION = 100_000  # a town this small, named by a common word, needs a place label


@dataclass(frozen=True, slots=True)
class Known:
    """A type decided by knowledge (``None``: not a name at all) and why."""

    type: str | None
    rule: str
    confidence: float = 0.0


@functools.cache
def english_vocabulary() -> Vocabulary:
    """English lemma tables, to recognise English words in French text ("Vibes", "Mood").

    Only the English model's lemmatizer is loaded (about a second, once per process).
    """
    import spacy

    from kg.extract.pipeline import model_name
    from kg.extract.vocabulary import from_pipeline

    nlp = spacy.load(model_name("en"), exclude=["tok2vec", "tagger", "parser", "senter",
                                                "attribute_ruler", "ner"])
    return from_pipeline(nlp, "en")


@functools.lru_cache(maxsize=16384)
def is_common_word(word: str, lang: str, is_native: Callable[[str], bool]) -> bool:
    """A single word of the text's language or of English, frequent enough to be a word.

    'Capitol', 'Vibes', 'Mood' are words; 'Rouje' or 'Kardashian' are not. Proper
    names that dictionaries also list ('Lisbon') are caught by places first.
    """
    lowered = word.lower()
    floor = knowledge.common_word_zipf()
    if is_native(lowered) and knowledge.zipf(lowered, lang) >= floor:
        return True
    return english_vocabulary().is_native(lowered) and knowledge.zipf(lowered, "en") >= floor


def known_type(span: Span, label: str, *, lang: str, is_native: Callable[[str], bool],
               name_parts: frozenset[str]) -> Known | None:
    """The type knowledge gives the whole of ``span`` (already trimmed), or None if unknown.

    ``name_parts`` are the words of full person names in the document: "Jordan" after
    "Michael Jordan" is the person, not the country.
    """
    words = [t for t in span if not t.is_punct]
    if not words:
        return None
    text = span.text
    single = len(words) == 1
    person_label = label in PERSON_LABELS
    place = knowledge.place(text)
    if place is not None and single and label not in PLACE_LABELS and (
        place.kind == "city" and place.population < WORD_TOWN_POPULATION
        and is_common_word(text, lang, is_native)
    ):
        place = None  # "The Olympic opening ceremony" (EVENT): the word, not a town of that name
    if place is not None and not (person_label and (
        not single or text.lower() in name_parts or knowledge.is_given_name(text)
    )):
        town = place.kind == "city" and place.population < TOWN_POPULATION
        return Known(CLASS.Place, "place", 0.65 if town else 0.75)
    if not single:
        return None
    if knowledge.is_given_name(text) and text[:1].isupper() and not text.isupper():
        if is_common_word(text, lang, is_native):
            return None  # "Pearl", "Valentine", "Summer": the word as often as the name
        return Known(CLASS.Person, "given-name", 0.7 if person_label else 0.55)
    if knowledge.is_common_acronym(text):
        return Known(None, "common-acronym")
    if (text[:1].isupper() and label not in PERSON_LABELS | PLACE_LABELS
            and is_common_word(text, lang, is_native)):
        return Known(None, "common-word")
    return None
