"""The reads curation needs: which documents a rule touches, and their raw extractions."""

from __future__ import annotations

from kg.queries import document_kind, entity_type

DOCUMENTS_MENTIONING = """
MATCH (d:Document)-[:MENTIONS]->(e:Entity)
WHERE e.id IN $ids
RETURN DISTINCT d.id AS id"""

DOCUMENT_IDS = """
MATCH (d:Document) RETURN d.id AS id ORDER BY id"""

ARCHIVES = f"""
MATCH (d:Document) WHERE d.id IN $ids
RETURN d.id AS id, d.title AS title, d.url AS url, d.date AS date, d.lang AS lang,
       d.platform AS platform, d.author AS author, d.source AS source,
       {document_kind('d')} AS kind, d.extraction AS extraction"""

UNARCHIVED = """
MATCH (d:Document) WHERE d.extraction IS NULL
RETURN count(d) AS count, collect(d.source)[0..3] AS examples"""

ENTITY_CARDS = f"""
MATCH (e:Entity) WHERE e.id IN $ids
RETURN e.id AS id, e.name AS name, {entity_type('e')} AS type"""
