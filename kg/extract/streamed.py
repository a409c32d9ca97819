"""Titles the words around them say are works.

- A title a streaming service owns or shows: "HBO's Euphoria", "Squid Game sur
  Netflix", "Bridgerton on Netflix" (a person shown on one, "Jenna Ortega on Netflix",
  stays a person). The services are in ``data/cued_names.json`` (``streamers``).
- A title a person releases: "Beyoncé released Cowboy Carter", « Angèle a sorti… »
  (``release_verbs``).
- A title somebody watches, binges or reads through: "we binged Severance",
  « elle a dévoré Heartstopper » (``consumed_verbs``); a person, a place or a date
  after the verb is none.
- A quoted title before the comma of an apposition: « Kaizen », le documentaire…
  (quotes say exactly where a title starts and stops, so it may hold any words).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Token

from kg.extract import knowledge
from kg.extract.resources import function_words
from kg.extract.text import QUOTES_CLOSE, QUOTES_OPEN

Run = tuple[int, int] | None
POSSESSIVE = function_words("possessives")
ON = function_words("platform_prepositions")
LIST_JOINERS = frozenset([",", "et", "and", "ou", "or", "&"])


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
            if run and run[1] - run[0] == 1 and _plural_noun_opening(doc[run[0]]):
                continue  # "Streamers on Twitch argued…": people, not a show
        else:
            continue
        if run is not None and not any(k in people for k in range(*run)):
            yield run


def _plural_noun_opening(token: Token) -> bool:
    """A plural common noun capitalised only because it opens the sentence."""
    return bool(token.is_sent_start) and token.pos_ == "NOUN" and "Plur" in token.morph.get(
        "Number", [])


def _past_joiners(doc: Doc, start: int, end: int) -> Run:
    while start < end and doc[start].is_lower:
        start += 1
    return (start, end) if start < end else None


def released_titles(doc: Doc, *, verbs: frozenset[int], after: Callable[[int], tuple | None],
                    people: frozenset[int], listed: frozenset[int],
                    consumed: frozenset[int] = frozenset()) -> Iterable[tuple[int, int]]:
    """'Beyoncé released Cowboy Carter', « Angèle a sorti Nonante-Cinq »: what a person
    releases is a work, where the model reads the title as one more person. ``verbs`` are
    the hashes of the release verbs; a ``listed`` person or a date is never the title.
    Also the titles after the ``consumed`` verbs (:func:`consumed_titles`)."""
    lowers = doc.to_array("LOWER").tolist()  # hashes: no Token built for other words
    if consumed:
        yield from consumed_titles(doc, lowers, verbs=consumed, after=after, people=people)
    for i in (i for i, h in enumerate(lowers) if h in verbs and i >= 1):
        subject = i - 1 - (doc[i - 1].pos_ == "AUX")
        found = after(i + 1) if subject in people else None
        run = (found[0], found[1]) if found else None  # ``after`` may add "was it quoted"
        while run is not None and not listed & set(range(*run)) \
                and doc[run[0]].ent_type_ not in ("DATE", "TIME"):
            yield run
            run = _listed_after(doc, run[1], after)  # « Djadja » et « Pookie »


def consumed_titles(doc: Doc, lowers: list[int], *, verbs: frozenset[int],
                    after: Callable[[int], tuple | None],
                    people: frozenset[int]) -> Iterable[tuple[int, int]]:
    """'binged Severance', « a dévoré Heartstopper »: what is watched or read through is a
    work, where the model reads an unknown title as a person or misses it. Not a name
    that opens with a first name people bear ('watched Zendaya'), a one-word person, a
    known place, a date, nor one doing something ('watched Arsenal lose'). ``lowers``: the
    document's lowercase hashes, which the caller already holds."""
    for i in (i for i, h in enumerate(lowers) if h in verbs):
        found = after(i + 1)
        if found is None:
            continue
        start, end = found[0], found[1]
        if (end - start == 1 and start in people) or knowledge.is_given_name(doc[start].text) \
                or knowledge.place(doc[start:end].text) \
                or doc[start].ent_type_ in ("DATE", "TIME") or _infinitive(doc, end):
            continue
        yield start, end


def _infinitive(doc: Doc, i: int) -> bool:
    """A bare verb at ``i``: 'watched Arsenal lose', « regardé Marie danser »."""
    return i < len(doc) and doc[i].pos_ in ("VERB", "AUX") and "Inf" in doc[i].morph.get(
        "VerbForm", [])


def _listed_after(doc: Doc, end: int, after: Callable[[int], tuple | None]) -> Run:
    """The next title of a list ("X, Y and Z") that ends at ``end``, if any."""
    j = end + (end < len(doc) and doc[end].text in QUOTES_CLOSE)
    if j + 1 >= len(doc) or doc[j].lower_ not in LIST_JOINERS:
        return None
    found = after(j + 1)
    return (found[0], found[1]) if found else None


MAX_QUOTED = 10  # tokens inside the quotes


def quoted_before(doc: Doc, end: int) -> tuple[int, int] | None:
    """The tokens inside the quotes that close just before ``end`` (a title there starts
    with a capital or a digit), else None."""
    close = end - 1
    if close < 1 or doc[close].text not in QUOTES_CLOSE:
        return None
    sent_start = doc[close].sent.start
    for k in range(close - 1, max(sent_start, close - MAX_QUOTED - 1) - 1, -1):
        if doc[k].text in QUOTES_OPEN and k + 1 < close:
            first = doc[k + 1].text[:1]
            return (k + 1, close) if first.isupper() or first.isdigit() else None
        if "\n" in doc[k].whitespace_ or doc[k].text in QUOTES_CLOSE:
            return None
    return None
