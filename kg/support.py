"""The documents behind a link, reached through the mentions of its two ends.

A link stores counters and a bounded sample of its best evidence, never the
list of its documents (that list grew with every ingest and travelled with
every view). Each document instead stores the keys of the links it supports
(``Document.links``, see ``kg.store.rows.link_key``); the documents of a link
are the documents mentioning its less-mentioned end whose keys include it.
Asked only for the links a view keeps, with a cap per link.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kg.queries import MENTIONS, document_node, entity_node
from kg.store import GraphStore
from kg.store.rows import link_key

# The documents behind a link are found through the mentions of its rarer end.
ANCHORED = f"""
UNWIND $links AS link
MATCH {entity_node('a', 'link.source')}
MATCH {entity_node('b', 'link.target')}
WITH link, CASE WHEN coalesce(a.mentions, 0) <= coalesce(b.mentions, 0) THEN a ELSE b END
     AS anchor
CALL {{
  WITH link, anchor
  MATCH (anchor)<-[:{MENTIONS}]-{document_node('d')}
"""

SUPPORT = ANCHORED + """  WHERE link.key IN d.links
    AND (($since = '' AND $until = '') OR (coalesce(d.date, '') = '' AND $undated)
         OR (coalesce(d.date, '') <> '' AND ($since = '' OR d.date >= $since)
             AND ($until = '' OR d.date <= $until)))
    AND (size($langs) = 0 OR d.lang IN $langs)
    AND (size($platforms) = 0 OR toLower(d.platform) IN $platforms)
  RETURN d.id AS doc
  LIMIT $per_link
}
RETURN link.key AS key, doc"""

Link = tuple[str, str, str]
"""(source id, relationship type, target id)."""


UNDATED = ANCHORED + """  WHERE link.key IN d.links AND coalesce(d.date, '') = ''
  RETURN d.id AS doc
  LIMIT $cap
}
RETURN DISTINCT doc"""


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    """Which documents count: a date window (ISO, inclusive), languages, platforms.

    With a window, undated documents count only when ``include_undated`` says so.
    """

    since: str = ""
    until: str = ""
    langs: frozenset[str] = frozenset()
    platforms: frozenset[str] = frozenset()
    include_undated: bool = False

    @property
    def active(self) -> bool:
        return bool(self.since or self.until or self.langs or self.platforms)


def supporting_documents(
    store: GraphStore, links: Iterable[Link], *, per_link: int = 20,
    where: DocumentFilter | None = None,
) -> dict[Link, list[str]]:
    """Up to ``per_link`` ids of the documents behind each link (those passing ``where``).

    Links without any such document are absent from the result, so
    ``per_link=1`` answers "does this link hold in that window / language / platform".
    """
    wanted = list(dict.fromkeys(links))
    if not wanted:
        return {}
    where = where or DocumentFilter()
    by_key = {link_key(t, s, o): (s, t, o) for s, t, o in wanted}
    per_link = max(1, int(per_link))
    params = {
        "links": _link_rows(by_key), "per_link": per_link, "since": where.since,
        "until": where.until, "undated": where.include_undated, "langs": sorted(where.langs),
        "platforms": sorted(p.lower() for p in where.platforms),
    }
    result = store.query(SUPPORT, params, limit=len(by_key) * per_link, timeout=60.0)
    found: dict[Link, list[str]] = {}
    for key, doc in result.rows:
        found.setdefault(by_key[key], []).append(doc)
    return found


def undated_documents(store: GraphStore, links: Iterable[Link], *, cap: int = 1000) -> set[str]:
    """The undated documents behind ``links`` (at most ``cap`` per link): what a date
    window leaves out unless undated documents are included."""
    by_key = {link_key(t, s, o): (s, t, o) for s, t, o in dict.fromkeys(links)}
    if not by_key:
        return set()
    result = store.query(UNDATED, {"links": _link_rows(by_key), "cap": cap},
                         limit=len(by_key) * cap, timeout=60.0)
    return {row[0] for row in result.rows}


def _link_rows(by_key: dict[int, Link]) -> list[dict]:
    return [{"source": s, "target": o, "key": key} for key, (s, _, o) in by_key.items()]
