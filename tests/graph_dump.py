"""Everything trendgraph wrote into a store, as plain sorted data two stores can be compared by.

Used by the tests that race writers or kill them: "the same graph" means equal
dumps, property by property (alias order aside, which follows arrival order).
"""

from __future__ import annotations

from typing import Any

DOCUMENTS = """
MATCH (d:Document)
RETURN d.id AS id, [l IN labels(d) WHERE l <> 'Document'][0] AS kind, d.title AS title,
       d.date AS date, d.lang AS lang, d.platform AS platform, d.links AS links
ORDER BY id"""

ENTITIES = """
MATCH (e:Entity)
RETURN e.id AS id, [l IN labels(e) WHERE l <> 'Entity'][0] AS type, e.name AS name,
       e.aliases AS aliases, e.mentions AS mentions, e.confidence AS confidence,
       e.first_seen AS first_seen, e.last_seen AS last_seen
ORDER BY id"""

MENTIONS = """
MATCH (d:Document)-[m:MENTIONS]->(e:Entity)
RETURN d.id AS doc, e.id AS entity, m.count AS count ORDER BY doc, entity"""

LINKS = """
MATCH (a:Entity)-[r]->(b:Entity)
RETURN a.id AS source, type(r) AS type, b.id AS target, r.weight AS weight,
       r.doc_count AS doc_count, r.confidence AS confidence, r.first_seen AS first_seen,
       r.last_seen AS last_seen, r.evidence AS evidence, r.evidence_docs AS evidence_docs
ORDER BY source, type, target"""

BIG = 10_000_000


def dump(store) -> dict[str, list[dict[str, Any]]]:
    """Documents, entities, mentions and links, each a list of rows in id order."""
    out = {}
    for name, text in (("documents", DOCUMENTS), ("entities", ENTITIES),
                       ("mentions", MENTIONS), ("links", LINKS)):
        rows = store.query(text, limit=BIG, timeout=300.0).dicts()
        for row in rows:
            if "aliases" in row:
                row["aliases"] = sorted(row["aliases"] or [])
            if "links" in row:
                row["links"] = sorted(row["links"] or [])
        out[name] = rows
    return out
