"""The reads curation needs: which documents a rule touches, and their raw extractions."""

from __future__ import annotations

from kg.queries import MENTIONS, document_kind, document_node, entity_node, entity_type

DOCUMENTS_MENTIONING = f"""
MATCH {document_node('d')}-[:{MENTIONS}]->{entity_node('e')}
WHERE e.id IN $ids
RETURN DISTINCT d.id AS id"""

DOCUMENT_IDS = f"""
MATCH {document_node('d')} RETURN d.id AS id ORDER BY id"""

ARCHIVES = f"""
MATCH {document_node('d')} WHERE d.id IN $ids
RETURN d.id AS id, d.title AS title, d.url AS url, d.date AS date, d.lang AS lang,
       d.platform AS platform, d.author AS author, d.source AS source,
       {document_kind('d')} AS kind, d.extraction AS extraction"""

UNARCHIVED = f"""
MATCH {document_node('d')} WHERE d.extraction IS NULL
RETURN count(d) AS count, collect(d.source)[0..3] AS examples"""

ENTITY_CARDS = f"""
MATCH {entity_node('e')} WHERE e.id IN $ids
RETURN e.id AS id, e.name AS name, {entity_type('e')} AS type"""
