"""Where a handful of phrases taken from a document occur again in it.

Some components look a document over for the names it has just found ("the film
Saltburn" ... "Saltburn"). A ``PhraseMatcher`` built for that costs more than the
rest of the component on a short post, so the tokens are compared here, with the
matcher's answer: ``(key, start, end)`` by start, the shorter first. Two keys with
the same tokens come from the matcher, which alone knows their order.
"""

from __future__ import annotations

import functools

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc


def find_phrases(nlp: Language, doc: Doc, phrases: list[str], *,
                 lower: bool) -> list[tuple[str, int, int]]:
    """Each place in ``doc`` where one of ``phrases`` occurs, token for token (in lower
    case when ``lower``), as ``PhraseMatcher(attr="LOWER" or "ORTH")`` reports it."""
    attr = "LOWER" if lower else "ORTH"
    wanted = {phrase: _tokens(nlp, phrase, attr) for phrase in phrases}
    wanted = {phrase: tokens for phrase, tokens in wanted.items() if tokens}
    if len(set(wanted.values())) < len(wanted):
        return _matched(nlp, doc, wanted, attr)
    by_first: dict[int, list[tuple[str, tuple[int, ...]]]] = {}
    for phrase, tokens in wanted.items():
        by_first.setdefault(tokens[0], []).append((phrase, tokens))
    words = doc.to_array(attr).tolist()
    found = []
    for start, word in enumerate(words):
        for phrase, tokens in by_first.get(word, ()):
            end = start + len(tokens)
            if tuple(words[start:end]) == tokens:
                found.append((start, end, phrase))
    found.sort(key=lambda m: (m[0], m[1]))  # by start, the shorter first
    return [(phrase, start, end) for start, end, phrase in found]


@functools.lru_cache(maxsize=16384)
def _tokens(nlp: Language, phrase: str, attr: str) -> tuple[int, ...]:
    """The phrase's token hashes, tokenised once per process (names recur across posts)."""
    return tuple(nlp.make_doc(phrase).to_array(attr).tolist())


def _matched(nlp: Language, doc: Doc, wanted: dict[str, tuple[int, ...]],
             attr: str) -> list[tuple[str, int, int]]:
    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    for phrase in wanted:
        matcher.add(phrase, [nlp.make_doc(phrase)])
    return [(nlp.vocab.strings[key], start, end) for key, start, end in matcher(doc)]
