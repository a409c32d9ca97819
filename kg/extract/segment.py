"""Hashtag segmentation: ``#cozygamer`` -> "cozy gamer", in French and English.

A hashtag glues words together; to attach it to the trend it names (or to see that
it names none) its words are needed. CamelCase and underscores are split first
(``#MobWife``); each remaining lowercase run is split by the most probable sequence
of words (Viterbi over unigram costs), the costs coming from ``wordfreq``'s
maintained French and English frequency lists (shipped inside the package, nothing
downloaded). Unknown stretches cost more the longer they are, so a coinage stays
whole only when no split into real words is cheaper.
"""

from __future__ import annotations

import functools
import math
import re

from kg.extract.resources import function_words
from kg.extract.text import split_camel

LANGS = ("en", "fr")
MAX_WORD = 24
UNKNOWN_BASE = 9.0
UNKNOWN_PER_CHAR = 1.6
SHORT_WORD_COST = 2.5  # one- and two-letter "words" are mostly noise inside a hashtag
CAPS_THEN_LOWER = re.compile(r"(?<=[A-Z][A-Z])(?=[a-z]{3,})")
CONFIDENT_COST = 6.5
KEEP_SHORT = function_words("short_words")


@functools.cache
def _settings() -> dict:
    from kg.extract.resources import load_json

    return load_json("coinage.json")


@functools.cache
def _costs(lang: str) -> dict[str, float]:
    """Word -> cost (9 - Zipf frequency) in ``lang``, plus coinage suffixes as word pieces."""
    from wordfreq import get_frequency_dict

    costs: dict[str, float] = {}
    for word, freq in get_frequency_dict(lang, wordlist="best").items():
        if not word.isalpha() or len(word) > MAX_WORD or freq <= 0:
            continue
        cost = -math.log10(freq)
        if len(word) <= 2 and word not in KEEP_SHORT:
            cost += SHORT_WORD_COST
        costs[word] = cost
    for suffix in _settings()["suffixes"]:
        costs[suffix] = min(costs.get(suffix, math.inf), _settings()["suffix_cost"])
    return costs


def word_cost(word: str, lang: str) -> float:
    """How unlikely ``word`` is as one word of a hashtag in ``lang`` (lower is likelier)."""
    known = _costs(lang).get(word)
    if known is not None:
        return known
    return UNKNOWN_BASE + UNKNOWN_PER_CHAR * len(word)


def is_known_word(word: str) -> bool:
    """Is ``word`` in the French or English frequency lists?"""
    return any(word.lower() in _costs(lang) for lang in LANGS)


def _viterbi(text: str, lang: str) -> tuple[float, list[int]]:
    """Cheapest split of ``text`` into words of ``lang``: (cost, cut positions)."""
    n = len(text)
    penalty = _settings()["word_penalty"]
    best = [0.0] + [math.inf] * n
    back = [0] * (n + 1)
    for end in range(1, n + 1):
        for start in range(max(0, end - MAX_WORD), end):
            cost = best[start] + word_cost(text[start:end], lang) + penalty
            if cost < best[end]:
                best[end], back[end] = cost, start
    cuts = []
    end = n
    while end > 0:
        cuts.append(end)
        end = back[end]
    return best[n], sorted(cuts)


@functools.lru_cache(maxsize=8192)
def split_run(run: str) -> tuple[str, ...]:
    """The likeliest split of one run of letters ("cozygamer" -> cozy, gamer).

    Each language is tried on its own: a hashtag is written in one language, and
    mixing them invites splits like "qui et luxury" for "quietluxury".
    """
    text = run.lower()
    _, cuts = min(_viterbi(text, lang) for lang in LANGS)
    words, start = [], 0
    for end in cuts:
        words.append(run[start:end])
        start = end
    return tuple(words)


def confident(words: list[str]) -> bool:
    """Is a split made of real words (no stray letters), so it can be shown as the name?"""
    return 1 <= len(words) <= 4 and all(
        w.isdigit() or not w.islower() or ((len(w) >= 3 or w in KEEP_SHORT) and _common(w))
        for w in words)


def _common(word: str) -> bool:
    """Known and not rare (Zipf >= 2.5), or a coinage suffix."""
    return any(_costs(lang).get(word, math.inf) <= CONFIDENT_COST for lang in LANGS)


def segment(hashtag: str) -> list[str]:
    """Words of a hashtag: CamelCase and '_' first, then each lowercase run by frequency.

    '#cozygamer' -> ['cozy', 'gamer']; '#MobWife' -> ['Mob', 'Wife'];
    '#Blockout2024' -> ['Blockout', '2024']; '#TikTokFood' -> ['TikTok', 'Food'].
    """
    body = CAPS_THEN_LOWER.sub(" ", hashtag.lstrip("#"))
    words: list[str] = []
    for piece in split_camel(body).split():
        for part in re.findall(r"\d+|[^\W\d_]+", piece):
            if part.isdigit() or not part.islower() or len(part) <= 3:
                words.append(part)
            else:
                words.extend(split_run(part))
    return words


def hashtag_name(hashtag: str) -> str:
    """How a hashtag reads as a name: '#cozygamer' -> 'cozy gamer', '#balletcore' -> 'balletcore'.

    Coinage suffixes stay glued to the word before them; an unsure split is not shown.
    """
    words = segment(hashtag)
    if not confident(words) or any(w.isdigit() for w in words):
        return split_camel(hashtag.lstrip("#"))
    glued = frozenset(_settings()["glued"])
    out: list[str] = []
    for word in words:
        if out and word.lower() in glued:
            out[-1] += word.lower()
        else:
            out.append(word)
    return " ".join(out)
