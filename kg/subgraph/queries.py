"""The Cypher the subgraph selection runs, kept together (both dialects)."""

from __future__ import annotations

from kg.queries import document_kind, entity_type

NODE_FIELDS = f"""b.id AS id, b.name AS name, {entity_type('b')} AS type,
       b.aliases AS aliases, b.mentions AS mentions, b.first_seen AS first_seen,
       b.last_seen AS last_seen, b.uri AS uri"""

EDGE_FIELDS = """type(r) AS type, r.weight AS weight, r.confidence AS confidence,
       r.evidence AS evidence, r.evidence_docs AS evidence_docs, r.doc_count AS doc_count,
       r.first_seen AS first_seen, r.last_seen AS last_seen, r.cued AS cued"""

# Rings are walked with scalars only (a hub's second ring can be 30k links): the
# neighbour's id, type and mentions rank it; its card, and the evidence and
# supporting documents of links, are fetched for what survives the node cap.
RING_FIELDS = f"""type(r) AS type, r.weight AS weight, r.confidence AS confidence,
       r.first_seen AS first_seen, r.last_seen AS last_seen, r.cued AS cued, b.id AS neighbour,
       {entity_type('b')} AS neighbour_type,
       b.mentions AS neighbour_mentions"""

OUTGOING = f"""
MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND r.weight >= $min_weight
RETURN a.id AS source, b.id AS target, {RING_FIELDS}"""

INCOMING = f"""
MATCH (b:Entity)-[r]->(a:Entity) WHERE a.id IN $ids AND r.weight >= $min_weight
RETURN b.id AS source, a.id AS target, {RING_FIELDS}"""

NODES = f"""
MATCH (b:Entity) WHERE b.id IN $ids
RETURN {NODE_FIELDS}"""

INDUCED = f"""
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids AND r.weight >= $min_weight
RETURN a.id AS source, b.id AS target, {EDGE_FIELDS}"""

DOCUMENTS = f"""
MATCH (d:Document) WHERE d.id IN $ids
RETURN d.id AS id, d.title AS title, d.date AS date, d.url AS url, d.lang AS lang,
       d.platform AS platform, d.author AS author, d.source AS source,
       {document_kind('d')} AS kind"""

DATES = """
MATCH (d:Document)
RETURN min(CASE WHEN d.date IS NOT NULL AND d.date <> '' THEN d.date END) AS first,
       max(CASE WHEN d.date IS NOT NULL AND d.date <> '' THEN d.date END) AS last,
       sum(CASE WHEN d.date IS NULL OR d.date = '' THEN 1 ELSE 0 END) AS undated,
       count(d) AS documents"""
