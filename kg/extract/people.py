"""People beyond one full name: families, first names after an introduction, eponymous labels.

- "the Kardashian family", "la famille Beckham", "the Hadid sisters" name a group of
  people: one Person entity named in English ("Kardashian family"), the text's words
  kept as an alias (the ontology has no group class, and a strategist reads a family
  as people, so Person rather than Organization).
- A given name alone ("Kim") in a text that introduces one family and no person of
  that first name is that family's member ("Kim Kardashian", "Kim" kept as alias).
- A label named after its designer ("Jacquemus") is the brand, except where the
  words around it make it the person named in full elsewhere ("Jacquemus says").
- "Ridley Scott's Gladiator II": a name the model calls an organisation, that owns a
  work with 's and opens with a first name people bear, is the work's author.
- « Marée Basse »: a quoted name the model calls a person, with no first name, is a title.

The words are in ``data/type_cues.json`` ("family") and ``data/cues.json``
("reporting_verbs"); family words are found with spaCy's ``PhraseMatcher``, then the
capitalised surname next to them is read token by token.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.extract import knowledge
from kg.extract.candidates import info, make_candidate, with_info
from kg.extract.resources import cues, load_json, title_words
from kg.extract.text import QUOTES_CLOSE, QUOTES_OPEN, cue_doc
from kg.model import fold
from kg.ontology import load_ontology

CLASS = load_ontology().names


def _name_word(token: Token) -> bool:
    return token.is_alpha and token.is_title


class People:
    """Finds families and settles short names of people in one document."""

    def __init__(self, nlp: Language, lang: str) -> None:
        data = load_json("type_cues.json")["family"]
        self.after: dict[str, str] = data["after"]
        self.before: dict[str, str] = data["before"]
        self.articles = frozenset(data["articles"])
        self.words = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.words.add("after", [cue_doc(nlp, w) for w in self.after])
        self.words.add("before", [cue_doc(nlp, w) for w in self.before])
        self.reporting = frozenset(w.lower() for w in cues()["reporting_verbs"])
        self.titles = title_words(lang)

    def families(self, doc: Doc) -> list[Span]:
        """Candidate spans for "Kardashian family" / "famille Beckham" (article left out)."""
        found = []
        for match_id, start, end in self.words(doc):
            where = self._surname(doc, doc.vocab.strings[match_id], start, end)
            if where is None:
                continue
            lo, hi, surname, word = where
            if "\n" in doc[lo:hi].text or any(t.is_sent_start for t in surname):
                continue
            if knowledge.place(surname.text) and word == "family":
                continue  # "the Paris family" is more likely a household of that city
            found.append(make_candidate(doc, lo, hi, type_=CLASS.Person, source="pattern",
                                        rule="family", confidence=0.8,
                                        name=f"{surname.text} {word}"))
        return filter_spans(found)

    def _surname(self, doc: Doc, side: str, start: int,
                 end: int) -> tuple[int, int, Span, str] | None:
        """Extent, surname and English group word around a family word, if a name is there."""
        if side == "after":  # "the Kardashian family"
            lo = start
            while lo > max(start - 2, 1) and _name_word(doc[lo - 1]):
                lo -= 1
            if lo == start or doc[lo - 1].lower_ not in self.articles:
                return None
            return lo, end, doc[lo:start], self.after[doc[start].lower_]
        hi = end  # "la famille Beckham"
        while hi < min(end + 2, len(doc)) and _name_word(doc[hi]):
            hi += 1
        if hi == end:
            return None
        return start, hi, doc[end:hi], self.before[doc[start].lower_]

    def settle(self, spans: list[Span]) -> list[Span]:
        """First names after a family, eponymous labels used as their designer, and the
        authors of works named with 's."""
        spans = _quoted_titles(_authors(spans))
        people = [info(s).name or s.text for s in spans if info(s).type == CLASS.Person]
        if not people:
            return list(spans)  # no family and no full name: nothing to settle
        families = {n.rsplit(" ", 1)[0] for s, n in ((s, info(s).name) for s in spans)
                    if info(s).rule == "family"}
        full = [n for n in people if len(n.split()) >= 2 and not n.endswith(
            tuple(self.after.values()))]
        first_names = {n.split()[0].lower() for n in full}
        surnames = {n.split()[-1].lower(): n for n in full}
        out = []
        for span in spans:
            meta = info(span)
            name = meta.name or span.text
            if (meta.type == CLASS.Person and len(families) == 1 and len(span) == 1
                    and name.lower() not in first_names | set(surnames)
                    and knowledge.is_given_name(name)):
                span = with_info(span, name=f"{name} {next(iter(families))}")
            elif (meta.type == CLASS.Brand and len(span) == 1 and span.text.lower() in surnames
                  and self._about_a_person(span)):
                span = with_info(span, type=CLASS.Person, name=surnames[span.text.lower()])
            out.append(span)
        return out

    def _about_a_person(self, span: Span) -> bool:
        """'Jacquemus says', 'le créateur Jacquemus': the designer, not the label."""
        doc = span.doc
        after = doc[span.end:min(span.end + 2, span.sent.end)]
        before = doc[span.start - 1] if span.start > span.sent.start else None
        return any(t.lower_ in self.reporting for t in after) or (
            before is not None and before.lower_ in self.titles)


def _authors(spans: list[Span]) -> list[Span]:
    """'Ridley Scott's Gladiator II', 'Greta Gerwig's Barbie': the small English model reads
    a director's or author's name with 's as an organisation when it does not know the
    first name; owning a work, and opening with a first name people bear (the wide name
    dictionary), it is the person. A company owning a work ('Warner Bros.' Barbie',
    'Netflix's Wednesday') has no such first name, or is known to the lexicon."""
    starts = {s.start: s for s in spans}
    out = []
    for span in spans:
        meta = info(span)
        doc, end = span.doc, span.end
        work = starts.get(end + 1)
        if (work is not None and info(work).type == CLASS.CreativeWork and meta.source == "ner"
                and meta.type in (CLASS.Brand, CLASS.Organization)
                and not meta.rule.endswith(("+cue", "+known")) and 2 <= len(span) <= 3
                and all(t.is_alpha and t.is_title for t in span)
                and doc[end].lower_ in ("'s", "’s")
                and fold(span[0].text) in knowledge.name_dictionary()):
            span = with_info(span, type=CLASS.Person, name=span.text)
        out.append(span)
    return out


def _quoted_titles(spans: list[Span]) -> list[Span]:
    """« Marée Basse », "Low Tide": quotation marks around a whole name say it is a title
    (a film, song or book); people's names are not quoted, except nicknames, which open
    with a first name ("Haley Baylee") or follow a role ('the TikToker "Velvet Thunder"').
    The model's unconfirmed person reading gives way."""
    out = []
    for span in spans:
        meta, doc = info(span), span.doc
        if (meta.type == CLASS.Person and meta.source == "ner"
                and not meta.rule.endswith(("+cue", "+known"))
                and span.start > 0 and span.end < len(doc)
                and doc[span.start - 1].text in QUOTES_OPEN and doc[span.end].text in QUOTES_CLOSE
                and not knowledge.is_given_name(span[0].text)
                and (span.start < 2 or doc[span.start - 2].lower_ not in title_words("en"))
                and all(t.text[:1].isupper() or not t.is_alpha or t.is_stop for t in span)):
            span = with_info(span, type=CLASS.CreativeWork, name=span.text)
        out.append(span)
    return out
