"""Small string helpers shared by the components: CamelCase, determiners, names."""

from __future__ import annotations

import functools
import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.extract.resources import function_words
from kg.model import fold

CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-Z])|(?<=[A-Z][A-Z])(?=[A-Z][a-zà-ÿ])")
DETERMINERS = function_words("determiners")
QUOTES_OPEN = frozenset(["«", '"', "“", "‘", "'", "„"])
QUOTES_CLOSE = frozenset(["»", '"', "”", "’", "'", "“"])
NICKNAME = re.compile(r"\s*[«\"“‘]\s*[^«»\"“”‘’]{1,40}?\s*[»\"”’]\s*")
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# English writes day and month names with a capital (not calendar.day_name: it follows the locale)
CALENDAR_NAMES = frozenset([
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December"])


@functools.lru_cache(maxsize=16384)
def split_camel(text: str) -> str:
    """'MobWife' -> 'Mob Wife'; underscores become spaces; known brands stay whole ('TikTok')."""
    from kg.extract.resources import camel_words

    text = text.replace("_", " ")
    protected = {}
    for n, word in enumerate(camel_words()):
        if word in text:
            marker = f"\x00{n}\x00"
            protected[marker] = word
            text = text.replace(word, f" {marker} ")
    text = CAMEL.sub(" ", text)
    for marker, word in protected.items():
        text = text.replace(marker, word)
    return re.sub(r"\s+", " ", text).strip()


def is_camel(text: str) -> bool:
    return bool(re.search(r"[a-zà-ÿ][A-Z]", text))


def key(text: str) -> str:
    """Spacing-insensitive identity of a surface form ('Mermaid core' == '#MermaidCore')."""
    return fold(text).replace(" ", "")


def strip_nickname(name: str) -> str:
    """'Dwayne « The Rock » Johnson' -> 'Dwayne Johnson'."""
    stripped = NICKNAME.sub(" ", name).strip()
    return re.sub(r"\s+", " ", stripped) if len(stripped.split()) >= 2 else name


def strip_possessive(name: str) -> str:
    """'Kalil's' -> 'Kalil' (the brand "Levi's" comes from the lexicon, not from here)."""
    return POSSESSIVE.sub("", name).strip()


@functools.lru_cache(maxsize=16384)
def display_name(surface: str) -> str:
    """A clean canonical form of an unlisted name: no '#', CamelCase split, first letter up.

    '#MobWife' -> 'Mob wife', '#TikTokMadeMeBuyIt' -> 'TikTok made me buy it'; English
    day and month names keep their capital ('#GreenFriday' -> 'Green Friday').
    """
    text = surface.strip().strip("«»\"“”‘’").strip()
    if text.startswith("#"):
        from kg.extract.resources import camel_words
        from kg.extract.segment import hashtag_name

        keep = set(camel_words()) | CALENDAR_NAMES
        words = hashtag_name(text).split()
        words = [w if (w in keep or w.isupper() or n == 0) else w.lower()
                 for n, w in enumerate(words)]
        text = " ".join(words)
    text = re.sub(r"\s+", " ", text)
    if text[:1].islower():
        text = text[:1].upper() + text[1:]
    return text


def lead_word(token: Token) -> bool:
    """A function word before a name ("When Oxford…", "the label Maison…"); a capitalised
    one inside a sentence belongs to the name ("the label Our Legacy", "The Row")."""
    return bool((token.is_stop or token.lower_ in DETERMINERS) and (
        token.is_lower or token.is_sent_start))


def cue_doc(nlp: Language, phrase: str) -> Doc:
    """A cue phrase tokenised as it is inside a text.

    Alone, French elision ends badly: ``make_doc("la ville d'")`` gives ``d`` + ``'``
    while a text has the one token ``d'`` before the name, so the cue never matched.
    The phrase is tokenised with a word after it, which is then left out.
    """
    if not phrase.endswith(("'", "’")):
        return nlp.make_doc(phrase)
    return nlp.make_doc(phrase + "X")[:-1].as_doc()
