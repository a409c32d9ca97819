"""Proof for what the app shows: the quotes behind a link, a path, a count of documents.

Every number a page shows answers "which sentences say so": a link's weight
(the sentences stored on the links between two entities), a flag two links
away (the sentences of both links, through each entity in between), a count of
documents in a window (each document with the sentence that names the entity).
Quotes are body sentences: when one is only the document's title (a headline)
and another exists, the headline is no proof a strategist can quote, so it
goes last or away.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.entities import Quote, doc_ref, quotes
from kg.model import fold
from kg.queries import BIG, MENTIONS, document_kind, entity_node, named_by
from kg.reader import Mentioned, segments
from kg.store import GraphStore

PAIR_EVIDENCE = f"""
MATCH {entity_node('a', '$a')}-[r]-{entity_node('b', '$b')}
RETURN r.evidence AS evidence, r.evidence_docs AS docs, r.weight AS weight
ORDER BY weight DESC"""

# One ring per end, intersected in Python: cheaper than matching every two-link path
# out of a hub (a brand next to a trend with thousands of links).
RING = f"""
MATCH {entity_node('a', '$id')}-[r]-{entity_node('x')} WHERE x.id <> $id
RETURN x.id AS id, x.name AS name, max(r.weight) AS weight"""

# documents naming a second entity too
BOTH = f"\nMATCH (d)-[:{MENTIONS}]->{entity_node('', '$also')}"


def mentioning(both: str = "") -> str:
    """Documents naming entity ``$id`` in a window (and, with ``BOTH``, ``$also`` too)."""
    return f"""
{named_by('d', 'e', '$id')}{both}
WHERE ($since = '' OR d.date >= $since) AND ($until = '' OR d.date < $until)
RETURN d.id AS id, d.title AS title, d.date AS date, d.url AS url, d.platform AS platform,
       d.lang AS lang, d.author AS author, d.text AS text, e.name AS name,
       e.aliases AS aliases, {document_kind('d')} AS kind
ORDER BY date DESC
LIMIT $limit"""


NAMES = f"""
MATCH {entity_node('e', '$id')} RETURN e.name AS name, e.aliases AS aliases"""

SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def is_headline(quote: Quote) -> bool:
    """The quote is the document's title (or the title plus punctuation)."""
    title = fold(quote.doc.title or "")
    return bool(title) and fold(quote.sentence).strip(" .!?:") == title.strip(" .!?:")


def body_first(found: Iterable[Quote]) -> list[Quote]:
    """Body sentences, newest document first; headlines only when nothing else exists."""
    unique = list(dict.fromkeys(found))
    body = [q for q in unique if not is_headline(q)]
    chosen = body or unique
    return sorted(chosen, key=lambda q: q.doc.date, reverse=True)


def pair_quotes(store: GraphStore, a: str, b: str) -> list[Quote]:
    """The stored sentences of every link between two entities, either direction."""
    pairs: list[tuple[str, str]] = []
    for row in store.query(PAIR_EVIDENCE, {"a": a, "b": b}, limit=100).dicts():
        pairs += zip(row["docs"] or [], row["evidence"] or [], strict=False)
    return body_first(quotes(store, dict.fromkeys(pairs)))


@dataclass(frozen=True, slots=True)
class PathProof:
    """A path a -> via -> b with the quotes of its two links."""

    via_id: str
    via: str
    first: tuple[Quote, ...]
    second: tuple[Quote, ...]


def path_quotes(store: GraphStore, a: str, b: str, *, limit: int = 3) -> list[PathProof]:
    """The strongest two-link paths from ``a`` to ``b`` and the quotes of both links."""
    first, second = (
        {r["id"]: r for r in store.query(RING, {"id": end}, limit=BIG, timeout=30.0).dicts()}
        for end in (a, b))
    between = sorted(
        (first[x] for x in first.keys() & second.keys() if x not in (a, b)),
        key=lambda r: (-(int(r["weight"] or 0) + int(second[r["id"]]["weight"] or 0)),
                       (r["name"] or "").lower()))
    return [PathProof(r["id"], r["name"] or r["id"], tuple(pair_quotes(store, a, r["id"])),
                      tuple(pair_quotes(store, r["id"], b))) for r in between[:limit]]


def mention_quotes(store: GraphStore, entity_id: str, *, since: str = "", until: str = "",
                   also: str = "", limit: int = 20) -> list[Quote]:
    """Documents mentioning the entity in [since, until), newest first, each with the
    sentence that names it (the title when the text was not kept or never names it).

    With ``also``, only documents that mention that entity too.
    """
    text = mentioning(BOTH if also else "")
    params = {"id": entity_id, "since": since, "until": until, "limit": limit, "also": also}
    rows = store.query(text, params, limit=limit, timeout=30.0).dicts()
    other = _mentioned(store, also) if also else None
    found = []
    for row in rows:
        entity = Mentioned(entity_id, row["name"] or entity_id, "", 1,
                           tuple(row["aliases"] or ()))
        sentence = (naming_sentence(row["text"] or "", entity, title=row["title"] or "",
                                    with_=other) or row["title"] or row["id"])
        found.append(Quote(sentence, doc_ref(row)))
    return found


def naming_sentence(text: str, entity: Mentioned, *, title: str = "",
                    with_: Mentioned | None = None) -> str:
    """The first sentence of ``text`` naming the entity that is not the title, or "".

    With ``with_``, the first one naming that entity too, when there is one.
    """
    headline = fold(title).strip(" .!?:")
    candidates, offset = [], 0
    for segment in segments(text, (entity,)):
        if segment.entity:
            sentence = _sentence_around(text, offset, offset + len(segment.text))
            if fold(sentence).strip(" .!?:") != headline and sentence not in candidates:
                candidates.append(sentence)
        offset += len(segment.text)
    if with_ is not None:
        both = [c for c in candidates if any(x.entity for x in segments(c, (with_,)))]
        candidates = both or candidates
    return candidates[0] if candidates else ""


def _mentioned(store: GraphStore, entity_id: str) -> Mentioned | None:
    row = store.query(NAMES, {"id": entity_id}, limit=1).first()
    if row is None:
        return None
    return Mentioned(entity_id, row["name"] or entity_id, "", 1, tuple(row["aliases"] or ()))


def _sentence_around(text: str, start: int, end: int) -> str:
    begin = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    after = SENTENCE_END.search(text, end)
    return text[begin:after.start() if after else len(text)].strip()
