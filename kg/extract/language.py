"""Per-document language detection: French or English, small and deterministic.

The corpus mixes French agency posts (full of English trend names) with English
articles, so counting a few letters is not enough; counting stop words that belong
to only one of the two languages is, and needs no model or download.
"""

from __future__ import annotations

import functools
import re

from kg.extract.resources import stop_words

WORD = re.compile(r"[a-zà-ÿœæ']+", re.IGNORECASE)
FRENCH_LETTERS = re.compile(r"[éèêàùçôîœ]")
SUPPORTED = ("fr", "en")


@functools.cache
def _exclusive() -> tuple[frozenset[str], frozenset[str]]:
    fr, en = stop_words("fr"), stop_words("en")
    return fr - en, en - fr


def detect_language(text: str) -> str:
    """Return "fr" or "en": whichever language's own stop words are more frequent.

    French accents break ties; an empty or undecidable text is English.
    """
    only_fr, only_en = _exclusive()
    fr_score = en_score = 0
    for match in WORD.finditer(text[:20000]):
        word = match.group().lower()
        head = word.split("'")[0] + "'" if "'" in word else word
        if word in only_fr or head in only_fr:
            fr_score += 1
        elif word in only_en:
            en_score += 1
    if fr_score == en_score:
        fr_score += len(FRENCH_LETTERS.findall(text[:20000])) > 3
    return "fr" if fr_score > en_score else "en"


def document_language(declared: str, text: str) -> str:
    """The declared language when it is one we support, else the detected one."""
    declared = (declared or "").lower()[:2]
    return declared if declared in SUPPORTED else detect_language(text)
