"""French titles written in sentence case: « le film Le Diable s'habille en Prada ».

French capitalises a title's first word (and proper nouns) only, so the capitalised run
after a work word stops at the first lower-case word: "Le Diable". A title that opens
with a capitalised article (Le, La, Les, L', Un, Une) is such a title, so it runs on
through lower-case nouns, adjectives, articles and short prepositions, and through
capitalised names ("en Prada"), up to a boundary of the sentence: punctuation, an
auxiliary, a relative pronoun, a preposition that starts a new phrase (« sur Netflix »,
« avec Meryl Streep ») or the main verb. A verb may belong to the title only where the
title is no subject ("Dans le film Le Diable s'habille en Prada, …"): right after a
preposition or a verb; elsewhere the first verb is the sentence's own ("le film
La Reine des neiges cartonne"). A title that reaches no boundary within a few words
keeps its capitalised run, and so does a title the lexicon knows.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.candidates import LEXICON_KEY

ARTICLES = frozenset(["le", "la", "les", "l'", "l’", "un", "une"])
INSIDE = frozenset(["NOUN", "ADJ", "DET", "PROPN"])  # words a title may hold
SHORT_PREPOSITIONS = frozenset(["de", "d'", "d’", "du", "des", "à", "au", "aux", "en"])
CLITICS = frozenset(["s'", "s’", "se", "l'", "l’", "le", "la", "les", "y", "en", "ne", "n'", "n’"])
ENDS = frozenset(["NOUN", "ADJ", "PROPN"])  # a title ends on a word, never on "de" or "s'"
GENITIVES = frozenset(["de", "d'", "d’"])
MAX_TITLE = 8


def sentence_case_title(doc: Doc, start: int, end: int, people: frozenset[int], *,
                        lang: str) -> int:
    """The end of the title whose capitalised run is ``doc[start:end]`` (French only)."""
    if lang != "fr" or doc[start].lower_ not in ARTICLES or end - start > 2 or end >= len(doc):
        return end
    longer = _run_on(doc, start, end, people)
    if any(s.start < end and start < s.end for s in doc.spans.get(LEXICON_KEY, [])):
        return end  # the lexicon knows the title ("Reine des neiges" is Frozen)
    return longer


def _run_on(doc: Doc, start: int, end: int, people: frozenset[int]) -> int:
    sent = doc[start].sent
    verb_allowed = _no_subject(doc, start)
    last = end
    for j in range(end, min(sent.end, start + MAX_TITLE + 1)):
        token = doc[j]
        if "\n" in doc[j - 1].whitespace_ or _boundary(token, people):
            return _trimmed(doc, end, last)
        if _finite(token):
            if not verb_allowed:
                return _trimmed(doc, end, last)
            verb_allowed = False  # one verb at most: "Le Diable s'habille"
        elif not _inside(token):
            return end
        last = j + 1
    return _trimmed(doc, end, last) if last >= sent.end else end


def _no_subject(doc: Doc, start: int) -> bool:
    """Is the work word's phrase ("le nouveau film") after a preposition or a verb?"""
    k = start - 1
    while k >= 0 and doc[k].pos_ in ("NOUN", "ADJ", "DET") and start - k <= 4:
        k -= 1
    return k >= 0 and (doc[k].pos_ in ("ADP", "VERB", "AUX"))


def _finite(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm", [])


def _boundary(token: Token, people: frozenset[int]) -> bool:
    """Where a title ends: punctuation, an auxiliary, « qui », a new phrase, its author."""
    if token.is_punct or token.pos_ == "AUX":
        return True
    if token.i in people and token.nbor(-1).lower_ in GENITIVES:
        return True  # « La Haine de Mathieu Kassovitz »
    if "Rel" in token.morph.get("PronType", []):
        return True
    return token.pos_ == "ADP" and token.lower_ not in SHORT_PREPOSITIONS


def _inside(token: Token) -> bool:
    """A word a sentence-case title holds: lower-case noun, adjective, article, short
    preposition, clitic, or a capitalised name."""
    if token.is_title or token.is_upper:
        return token.is_alpha
    lower = token.lower_
    return (token.pos_ in INSIDE or lower in SHORT_PREPOSITIONS or lower in CLITICS) \
        and not token.like_num


def _trimmed(doc: Doc, end: int, last: int) -> int:
    """Back to the last content word: no title ends on "en", "de" or "s'"."""
    while last > end and doc[last - 1].pos_ not in ENDS:
        last -= 1
    return last
