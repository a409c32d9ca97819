"""The Cypher the subgraph selection runs, kept together (both dialects)."""

from __future__ import annotations

import functools

from kg.queries import document_kind, document_node, entity_node, entity_type
from kg.store.toplinks import LINKS

NODE_FIELDS = f"""b.id AS id, b.name AS name, {entity_type('b')} AS type,
       b.aliases AS aliases, b.mentions AS mentions, b.first_seen AS first_seen,
       b.last_seen AS last_seen, b.uri AS uri"""

# Rings are walked with scalars only (a hub's second ring can be 30k links): the
# neighbour's id, type and mentions rank it; its card, and the evidence and
# supporting documents of links, are fetched for what survives the node cap.
RING_FIELDS = f"""type(r) AS type, r.weight AS weight, r.confidence AS confidence,
       r.first_seen AS first_seen, r.last_seen AS last_seen, r.cued AS cued, b.id AS neighbour,
       {entity_type('b')} AS neighbour_type,
       b.mentions AS neighbour_mentions"""

# What a view reads of a link: kept in the database's filter, shared by the ring walk
# and the links drawn.
LINK_FILTER = """r.weight >= $min_weight
    AND (size($rel_types) = 0 OR type(r) IN $rel_types)
    AND ($since = '' OR coalesce(r.last_seen, '') = '' OR r.last_seen >= $since)
    AND ($until = '' OR coalesce(r.first_seen, '') = '' OR r.first_seen <= $until)"""
HIDDEN = f"""CASE WHEN NOT $background AND type(r) = $fallback
                   AND ({entity_type('a')} + '|' + {entity_type('b')}) IN $background_pairs
              THEN 1 ELSE 0 END"""

# Each node of a ring reads only its ``$k`` strongest links, picked in the database (a
# top-k inside a subquery per node): a hub's tens of thousands of links are never
# shipped, and its second ring costs k x k rows at most. Links the view leaves out
# (other types, outside the period) are not picked; background co-occurrences are
# picked last, so they only fill what stronger links leave free.
RING = f"""
MATCH {entity_node('a')} WHERE a.id IN $ids AND (NOT $unlisted_only OR a.top_ids IS NULL)
CALL {{
  WITH a
  MATCH (a)-[r]-{entity_node('b')}
  WHERE b.id <> a.id AND {LINK_FILTER}
  WITH r, b, {HIDDEN} AS hidden
  RETURN r, b ORDER BY hidden, r.weight DESC, b.id, type(r) LIMIT $k
}}
RETURN a.id AS here, startNode(r).id AS source, endNode(r).id AS target, {RING_FIELDS}"""

# What RING would pick, read off each node's top-link list (kg.store.toplinks), for a
# view whose filters keep every link: one record holding each node's first ``$k``
# entries (null for a node without a list), and no link read. The neighbours' types
# come from the link profile (a link's dates only pre-filter a dated view).
RING_LISTS = f"""
MATCH {entity_node('a')} WHERE a.id IN $ids
RETURN collect([a.id, a.top_ids[..$k], a.top_types[..$k], a.top_out[..$k],
                a.top_weight[..$k], a.top_confidence[..$k]]) AS lists"""

NODES = f"""
MATCH {entity_node('b')} WHERE b.id IN $ids
RETURN {NODE_FIELDS}"""

# A map per link: one record for all of a view's links (the Neo4j driver pays per record).
LINK_MAP = """{source: startNode(r).id, target: endNode(r).id, type: type(r), weight: r.weight,
       confidence: r.confidence, doc_count: r.doc_count, first_seen: r.first_seen,
       last_seen: r.last_seen, cued: r.cued, evidence: r.evidence,
       evidence_docs: r.evidence_docs}"""

# The links among a view's nodes it may draw: each node's ``$k`` strongest (background
# co-occurrences last) and the links the walk came by (``$walked``, "source|type|target"),
# never all of them (a hub's 80-node view holds over a thousand links, and shipping
# their evidence was most of its cost). Links are matched in one direction (the
# undirected pattern costs ten times more on both backends), then each counts for both
# of its ends. ``links`` counts every link between the nodes that passes the filters
# and ``background`` names the background ones, so what is left out is counted.
DRAWN = f"""
MATCH {entity_node('a')} WHERE a.id IN $ids
MATCH {entity_node('b')} WHERE b.id IN $ids
MATCH (a)-[r]->(b)
WHERE a.id <> b.id AND {LINK_FILTER}
WITH a.id AS source, b.id AS target, r, {HIDDEN} AS hidden,
     a.id + '|' + type(r) + '|' + b.id AS key
WITH source, target, r, hidden, key, key IN $walked AS walked
UNWIND [source, target] AS end
WITH end, r, hidden, walked, key ORDER BY hidden, r.weight DESC, source, target, type(r)
WITH end, collect(CASE WHEN walked THEN r END) AS walked,
     collect(CASE WHEN NOT walked THEN r END)[..$k] AS strongest,
     count(CASE WHEN hidden = 0 THEN r END) AS ends,
     collect(CASE WHEN hidden = 1 THEN key END) AS background
WITH collect(walked + strongest) AS picked, sum(ends) / 2 AS links,
     collect(background) AS background
UNWIND picked AS some
UNWIND some AS r
WITH DISTINCT r, links, background
RETURN collect({LINK_MAP}) AS drawn, links, background"""

# Each of a view's nodes' top-link list (kg.store.toplinks) as it is stored: neighbour,
# type, direction, background flag, weight and confidence (null for a node with no
# list). The links among the view's nodes are picked and ranked from the entries that
# name another of them; no link is read. The entries are filtered by the client: the
# same filter in Cypher (an ``IN $ids`` per entry) cost the server twice the reading.
AMONG = f"""
MATCH {entity_node('a')} WHERE a.id IN $ids
RETURN collect([a.id, a.top_ids, a.top_types, a.top_out, a.top_hidden, a.top_weight,
                a.top_confidence]) AS lists"""

# What is read of the links named by ``$keys`` ({source, type, target}): KEYED_LINKS
# what ranks them (for links a list does not hold), KEYED_EVIDENCE what is shown of
# the links a view draws (their evidence is most of the bytes).
KEYED_LINKS = """
RETURN collect({source: key.source, target: key.target, type: key.type, weight: r.weight,
                confidence: r.confidence, cued: r.cued}) AS drawn"""
KEYED_EVIDENCE = """
RETURN collect([key.source, key.type, key.target, r.doc_count, r.first_seen, r.last_seen,
                r.evidence_docs, r.evidence]) AS shown"""

# linked_evidence: KEYED_EVIDENCE for links named by a list entry (``$at``: [entity id, index], on a
# store with ``StoreTraits.link_id``): the entry's link id is read in the database and
# the link found by one seek (its ids never cross the wire). Each row names the link's
# own ends and type, so an id that no longer names the listed link is never taken for it.
# The titles of the evidence documents come along (headline marking needs them): read
# here from the links, not sent back as a thousand ids in a read of their own.
def linked_evidence(link_id: str) -> str:
    """LINKED_EVIDENCE with the store's link id function (``StoreTraits.link_id``)."""
    return f"""
UNWIND $at AS at
MATCH {entity_node('a', 'at[0]')}
WITH a.{LINKS}[at[1]] AS link WHERE link IS NOT NULL
MATCH ()-[r]->() WHERE {link_id}(r) = link
CALL {{
  WITH r
  UNWIND coalesce(r.evidence_docs, []) AS doc
  MATCH {document_node('d', 'doc')}
  RETURN collect([doc, d.title]) AS titles
}}
RETURN collect([startNode(r).id, type(r), endNode(r).id, r.doc_count, r.first_seen,
                r.last_seen, r.evidence_docs, r.evidence]) AS shown, collect(titles) AS titles"""


@functools.lru_cache(maxsize=32)
def keyed(types: tuple[str, ...], returned: str) -> str:
    """``returned`` for each link named by ``$keys``, every type in one statement.

    Both ends are found by id first (the ``WITH`` keeps FalkorDB from walking a hub's
    links instead), then the link between them with its type spelled: Neo4j expands a
    typed pattern between two dense nodes through that type's group (~270 records a
    link at a million links), an untyped one through every link (~800: 175k records
    for a view's 217 links). ``types``: the ontology-checked stored types."""
    tried = "\n".join(f"OPTIONAL MATCH (a)-[r{n}:{rel_type}]->(b) WHERE key.type = '{rel_type}'"
                      for n, rel_type in enumerate(types))
    return f"""
UNWIND $keys AS key
MATCH {entity_node('a', 'key.source')}, {entity_node('b', 'key.target')}
WITH a, b, key
{tried}
WITH key, coalesce({", ".join(f"r{n}" for n in range(len(types)))}) AS r
WHERE r IS NOT NULL""" + returned


# Headline marking needs a document's title and nothing else (one record, as LINK_MAP).
TITLES = f"""
MATCH {document_node('d')} WHERE d.id IN $ids
RETURN collect([d.id, d.title]) AS titles"""

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
