"""Trend names in an article's first line: titles name their subject.

A short noun phrase of the heading that the body repeats is a trend candidate
("Goblin mode, the word of the year" ... "goblin mode" later). A verb of the
document's language opening the heading ("Trying", "Looking") is never part of it.
Mixed into :class:`kg.extract.patterns.TrendPatterns`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Span, Token

from kg.extract.candidates import doc_text, make_candidate
from kg.extract.resources import cues
from kg.extract.text import DETERMINERS, QUOTES_CLOSE, QUOTES_OPEN, display_name
from kg.extract.vocabulary import UsesVocabulary
from kg.ontology import load_ontology

CLASS = load_ontology().names

PROPER_LABELS = frozenset(["PER", "PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART"])


@functools.cache
def _breaks() -> tuple[frozenset[str], frozenset[str]]:
    """The words that end a heading's phrase (major: and the heading's reading), built once."""
    settings = cues()["heading"]
    return frozenset(settings["major"]), frozenset(w.lower() for w in settings["minor"])


class HeadingRules(UsesVocabulary):
    """The heading rule, mixed into the pattern component that sets what it reads here."""

    stop: frozenset[str]
    modifiers: frozenset[str]
    _marked: Callable[[list[Token]], bool]  # the component's "looks coined" test

    def _heading(self, doc: Doc) -> Iterable[Span]:
        """The short noun phrases of the first line that the body repeats (titles name trends)."""
        if not len(doc):
            return
        first = next(doc.sents)
        text = doc_text(doc)
        if "\n" not in text[first.start_char:first.end_char + 1] and first.end != len(doc):
            return  # the first sentence is not a line of its own
        settings = cues()["heading"]
        major, minor = _breaks()
        body = text[first.end_char:].lower()
        segment: list[Token] = []
        position = 0
        for token in [*first, None]:
            if token is None or token.text in major or token.lower_ in minor or token.is_space:
                if segment:
                    span = self._heading_phrase(doc, segment, settings["max_tokens"],
                                                opening=position == 0)
                    position += 1
                    if span is not None and re.search(
                        rf"(?<!\w){re.escape(span.text.lower())}(?!\w)", body
                    ):
                        yield make_candidate(
                            doc, span.start, span.end, type_=CLASS.Trend, source="pattern",
                            rule="heading", confidence=settings["confidence"],
                            name=display_name(span.text),
                        )
                segment = []
                if token is None or token.text in major:
                    break
                continue
            segment.append(token)

    def _heading_phrase(self, doc: Doc, segment: list[Token], limit: int, *,
                        opening: bool) -> Span | None:
        """The leading noun phrase of a heading segment, if it looks like a name.

        English headings open with their subject ("Goblin mode, the word of the
        year"), so the opening phrase of several words is taken as it is; anything
        else must look coined (see :meth:`_marked`).
        """
        tokens = list(segment)
        while tokens and (tokens[0].lower_ in DETERMINERS or tokens[0].lower_ in self.stop
                          or tokens[0].lower_ in self.modifiers or self._opening_verb(tokens[0])):
            tokens.pop(0)
        if tokens and tokens[0].text in QUOTES_OPEN:
            return _quoted_name(doc, tokens, limit)  # Le « bureau cocon », …: a coined name
        run: list[Token] = []
        for token in tokens:
            if token.pos_ in ("NOUN", "PROPN", "ADJ", "X") or (
                token.pos_ == "VERB" and token.lower_.endswith("ing")
            ):
                if token.lower_ in self.stop or not token.is_alpha:
                    break
                run.append(token)
            else:
                break
        if not run or len(run) > limit or any(t.ent_type_ in PROPER_LABELS for t in run):
            return None
        free = self.lang == "en" and opening and len(run) >= 2
        if not free and not self._marked(run):
            return None
        return doc[run[0].i:run[-1].i + 1]

    def _opening_verb(self, token: Token) -> bool:
        """'Trying', 'Looking': a verb of the language opening a heading is not a name."""
        return (token.pos_ in ("VERB", "AUX") or token.lower_.endswith(("ing", "ed"))) and \
            self.vocabulary.is_native(token.text)


def _quoted_name(doc: Doc, tokens: list[Token], limit: int) -> Span | None:
    """The lowercase words a heading quotes (at most ``limit``, no proper name among
    them): the quotation marks say a coined name starts and stops there."""
    inner: list[Token] = []
    for token in tokens[1:]:
        if token.text in QUOTES_CLOSE:
            break
        inner.append(token)
    else:
        return None
    if not inner or len(inner) > limit or any(
        not (t.is_alpha or t.text == "-") or t.ent_type_ in PROPER_LABELS for t in inner
    ):
        return None
    opening = tokens[0].is_sent_start  # a capital there says nothing
    if not all(t.is_lower for t in inner[1:]) or not (inner[0].is_lower or opening):
        return None  # a capitalised quotation is a title or a slogan
    return doc[inner[0].i:inner[-1].i + 1]
