"""Collaboration names: "Kith x Birkenstock", "Skims × Fendi", "Crocs x Bad Bunny".

A lower-case "x" or a "×" between two capitalised names is how fashion, beauty and
food write a collaboration; both ends are partners, and an end that is not a person
is a brand. The statistical model drops such names (one word, often an everyday word
the lexicon holds back without a cue: "Skims", "Palace"); the mark itself is the cue.
An upper-case "X" is the platform, and numbers ("2 x 3") are no names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.strings import get_string_id
from spacy.tokens import Doc

from kg.extract.resources import function_words

MARKS = function_words("collab_marks")
MARK_HASHES = frozenset(map(get_string_id, MARKS))

Run = tuple[int, int] | None


def collab_ends(doc: Doc, *, before: Callable[[int], Run], after: Callable[[int], Run],
                people: frozenset[int]) -> Iterable[tuple[int, int]]:
    """(start, end) of each collaboration end that is no person.

    ``before(i)`` is the capitalised run ending just before token ``i``, ``after(i)``
    the one starting at ``i``; both come from the component that knows titles.
    """
    orths = doc.to_array("ORTH").tolist()  # hashes: no Token built for other words
    for i in (i for i, h in enumerate(orths) if h in MARK_HASHES):
        token = doc[i]
        if i == 0 or i + 1 >= len(doc) or token.is_sent_start:
            continue
        if doc[i - 1].whitespace_ == "" or token.whitespace_ == "":
            continue  # "4x4", "x2": not a mark between two names
        left, right = before(i), after(i + 1)
        if left is None or right is None:
            continue
        for start, end in (left, right):
            words = doc[start:end]
            if any(t.like_num for t in words) or any(t.i in people for t in words):
                continue
            yield start, end
