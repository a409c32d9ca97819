"""The Cypher the subgraph selection runs, kept together (both dialects)."""

from __future__ import annotations

from kg.queries import document_kind, document_node, entity_node, entity_type

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

# Each node of a ring reads only its ``$k`` strongest links, picked in the database (a
# top-k inside a subquery per node): a hub's tens of thousands of links are never
# shipped, and its second ring costs k x k rows at most. Links the view leaves out
# (other types, outside the period) are not picked; background co-occurrences are
# picked last, so they only fill what stronger links leave free.
RING = f"""
MATCH {entity_node('a')} WHERE a.id IN $ids
CALL {{
  WITH a
  MATCH (a)-[r]-{entity_node('b')}
  WHERE b.id <> a.id AND r.weight >= $min_weight
    AND (size($rel_types) = 0 OR type(r) IN $rel_types)
    AND ($since = '' OR coalesce(r.last_seen, '') = '' OR r.last_seen >= $since)
    AND ($until = '' OR coalesce(r.first_seen, '') = '' OR r.first_seen <= $until)
  WITH r, b, CASE WHEN NOT $background AND type(r) = $fallback
                   AND ({entity_type('a')} + '|' + {entity_type('b')}) IN $background_pairs
              THEN 1 ELSE 0 END AS hidden
  RETURN r, b ORDER BY hidden, r.weight DESC, b.id, type(r) LIMIT $k
}}
RETURN a.id AS here, startNode(r).id AS source, endNode(r).id AS target, {RING_FIELDS}"""

NODES = f"""
MATCH {entity_node('b')} WHERE b.id IN $ids
RETURN {NODE_FIELDS}"""

# Both ends are bound before the link is matched, so a hub among the nodes is
# joined to the others (expand-into), never scanned link by link.
INDUCED = f"""
MATCH {entity_node('a')} WHERE a.id IN $ids
MATCH {entity_node('b')} WHERE b.id IN $ids
MATCH (a)-[r]->(b)
WHERE r.weight >= $min_weight
RETURN a.id AS source, b.id AS target, {EDGE_FIELDS}"""

DOCUMENTS = f"""
MATCH {document_node('d')} WHERE d.id IN $ids
RETURN d.id AS id, d.title AS title, d.date AS date, d.url AS url, d.lang AS lang,
       d.platform AS platform, d.author AS author, d.source AS source,
       {document_kind('d')} AS kind"""

DATES = f"""
MATCH {document_node('d')}
RETURN min(CASE WHEN d.date IS NOT NULL AND d.date <> '' THEN d.date END) AS first,
       max(CASE WHEN d.date IS NOT NULL AND d.date <> '' THEN d.date END) AS last,
       sum(CASE WHEN d.date IS NULL OR d.date = '' THEN 1 ELSE 0 END) AS undated,
       count(d) AS documents"""
