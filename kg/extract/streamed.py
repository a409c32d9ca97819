"""Titles the words around them say are works.

- A title a streaming service owns or shows: "HBO's Euphoria", "Squid Game sur
  Netflix", "Bridgerton on Netflix" (a person shown on one, "Jenna Ortega on Netflix",
  stays a person). The services are in ``data/cued_names.json`` (``streamers``).
- A title a person releases: "Beyoncé released Cowboy Carter", « Angèle a sorti… »
  (``release_verbs``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Doc

from kg.extract.resources import function_words

Run = tuple[int, int] | None
POSSESSIVE = function_words("possessives")
ON = function_words("platform_prepositions")


def streamed_titles(doc: Doc, *, streamers: frozenset[int], before: Callable[[int], Run],
                    after: Callable[[int], Run], people: frozenset[int],
                    ) -> Iterable[tuple[int, int]]:
    """(start, end) of each title a streaming service owns or shows; ``streamers`` are the
    hashes of the services' names, computed once by the component."""
    orths = doc.to_array("ORTH").tolist()  # hashes: no Token built for other words
    for i in (i for i, h in enumerate(orths) if h in streamers):
        j = i + 1
        if j + 1 < len(doc) and doc[j].lower_ in POSSESSIVE:
            run = after(j + 1)  # "HBO's Euphoria"
        elif i >= 2 and doc[i - 1].lower_ in ON:
            run = before(i - 1)  # "Squid Game sur Netflix"
            while run and run[0] < run[1] - 1 and doc[run[0]].is_sent_start \
                    and doc[run[0]].pos_ != "PROPN":
                run = _past_joiners(doc, run[0] + 1, run[1])  # "Viewers of Bridgerton on…"
        else:
            continue
        if run is not None and not any(k in people for k in range(*run)):
            yield run


def _past_joiners(doc: Doc, start: int, end: int) -> Run:
    while start < end and doc[start].is_lower:
        start += 1
    return (start, end) if start < end else None


def released_titles(doc: Doc, *, verbs: frozenset[int], after: Callable[[int], tuple | None],
                    people: frozenset[int], listed: frozenset[int],
                    ) -> Iterable[tuple[int, int]]:
    """'Beyoncé released Cowboy Carter', « Angèle a sorti Nonante-Cinq »: what a person
    releases is a work, where the model reads the title as one more person. ``verbs`` are
    the hashes of the release verbs; a ``listed`` person or a date is never the title."""
    lowers = doc.to_array("LOWER").tolist()  # hashes: no Token built for other words
    for i in (i for i, h in enumerate(lowers) if h in verbs and i >= 1):
        subject = i - 1 - (doc[i - 1].pos_ == "AUX")
        found = after(i + 1) if subject in people else None
        run = (found[0], found[1]) if found else None  # ``after`` may add "was it quoted"
        if run is not None and not listed & set(range(*run)) \
                and doc[run[0]].ent_type_ not in ("DATE", "TIME"):
            yield run
