"""All Cypher the stores write or read internally, in one place.

Values always travel as parameters; labels and relationship types are spliced
into the text only after ``Ontology.check_label`` / ``check_rel_type`` passed.
Every statement here runs unchanged on Neo4j 5 and FalkorDB.
"""

from __future__ import annotations

from kg.model import EVIDENCE_CAP


def merge_documents(label: str) -> str:
    return f"""
UNWIND $rows AS row
MERGE (d:Document {{id: row.id}})
SET d:{label}, d.title = row.title, d.url = row.url, d.date = row.date, d.lang = row.lang,
    d.platform = row.platform, d.author = row.author, d.source = row.source,
    d.extraction = row.extraction
RETURN count(d) AS written"""


def merge_entities(label: str) -> str:
    return f"""
UNWIND $rows AS row
MERGE (e:Entity {{id: row.id}})
ON CREATE SET e:{label}, e.name = row.name, e.uri = row.uri, e.aliases = [], e.mentions = 0,
    e.confidence = row.confidence
SET e.aliases = e.aliases + [a IN row.aliases WHERE NOT a IN e.aliases],
    e.confidence = CASE WHEN row.confidence > e.confidence THEN row.confidence
                   ELSE e.confidence END
WITH e
SET e.search = reduce(s = toLower(e.name), a IN e.aliases | s + ' | ' + toLower(a))
RETURN count(e) AS written"""


# Separate from merge_documents so the reader's full text can be stored (bounded by
# rows.TEXT_CAP) or dropped without touching how documents are merged.
SET_DOCUMENT_TEXT = """
UNWIND $rows AS row
MATCH (d:Document {id: row.id})
SET d.text = row.text
RETURN count(d) AS written"""


MERGE_MENTIONS = """
UNWIND $rows AS row
MATCH (d:Document {id: row.doc})
MATCH (e:Entity {id: row.entity})
MERGE (d)-[m:MENTIONS]->(e)
ON CREATE SET m.count = row.count, m.fresh = true
WITH e, m, row
WHERE m.fresh = true
SET e.mentions = e.mentions + row.count,
    e.first_seen = CASE WHEN row.date <> '' AND (e.first_seen IS NULL OR row.date < e.first_seen)
                   THEN row.date ELSE e.first_seen END,
    e.last_seen = CASE WHEN row.date <> '' AND (e.last_seen IS NULL OR row.date > e.last_seen)
                  THEN row.date ELSE e.last_seen END
REMOVE m.fresh
RETURN count(m) AS written"""


def merge_relations(rel_type: str) -> str:
    return f"""
UNWIND $rows AS row
MATCH (a:Entity {{id: row.source}})
MATCH (b:Entity {{id: row.target}})
MERGE (a)-[r:{rel_type}]->(b)
ON CREATE SET r.weight = 0, r.docs = [], r.evidence = [], r.evidence_docs = [],
    r.confidence = row.confidence
WITH r, row,
     [i IN range(0, size(row.docs) - 1) WHERE NOT row.docs[i] IN r.docs] AS fresh,
     [j IN range(0, size(row.ev_docs) - 1) WHERE NOT row.ev_docs[j] IN r.docs] AS fresh_ev
WITH r, row, fresh, fresh_ev,
     [i IN fresh | row.dates[i]] AS dates
SET r.weight = r.weight + reduce(s = 0, i IN fresh | s + row.counts[i]),
    r.docs = r.docs + [i IN fresh | row.docs[i]],
    r.evidence = (r.evidence + [j IN fresh_ev | row.ev_sentences[j]])[0..{EVIDENCE_CAP}],
    r.evidence_docs = (r.evidence_docs + [j IN fresh_ev | row.ev_docs[j]])[0..{EVIDENCE_CAP}],
    r.confidence = CASE WHEN row.confidence > r.confidence THEN row.confidence
                   ELSE r.confidence END,
    r.first_seen = reduce(m = r.first_seen, d IN dates |
        CASE WHEN d <> '' AND (m IS NULL OR d < m) THEN d ELSE m END),
    r.last_seen = reduce(m = r.last_seen, d IN dates |
        CASE WHEN d <> '' AND (m IS NULL OR d > m) THEN d ELSE m END)
RETURN count(r) AS written"""


def merge_classes(class_label: str, subclass_type: str) -> str:
    return f"""
UNWIND $rows AS row
MERGE (c:{class_label} {{uri: row.uri}})
SET c.name = row.name, c.label = row.label, c.label_fr = row.label_fr
WITH c, row WHERE row.parent IS NOT NULL
MERGE (p:{class_label} {{uri: row.parent}})
MERGE (c)-[:{subclass_type}]->(p)
RETURN count(c) AS written"""


def merge_properties(
    property_label: str, class_label: str, domain_type: str, range_type: str
) -> str:
    return f"""
UNWIND $rows AS row
MERGE (p:{property_label} {{uri: row.uri}})
SET p.name = row.name, p.type = row.type, p.label = row.label, p.label_fr = row.label_fr,
    p.symmetric = row.symmetric
WITH p, row
MATCH (d:{class_label} {{uri: row.domain}})
MATCH (r:{class_label} {{uri: row.range}})
MERGE (p)-[:{domain_type}]->(d)
MERGE (p)-[:{range_type}]->(r)
RETURN count(p) AS written"""


EXISTING_DOCUMENTS = """
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d.id AS id"""

LABEL_COUNTS = """
MATCH (n) UNWIND labels(n) AS label
RETURN label, count(*) AS count ORDER BY label"""

TYPE_COUNTS = """
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS count ORDER BY type"""

# -- curation (kg/curation): nodes and links a rule removes; a rewrite puts back the rest
DELETE_ENTITIES = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
DETACH DELETE e
RETURN count(*) AS deleted"""

ENTITY_COUNT = """
MATCH (e:Entity) RETURN count(e) AS count"""

LINK_COUNT = """
MATCH (a:Entity {id: $source})-[r]-(b:Entity {id: $target})
WHERE type(r) IN $types
RETURN count(r) AS count"""

DELETE_SOME_ENTITIES = """
MATCH (e:Entity) WITH e LIMIT $limit
DETACH DELETE e
RETURN count(*) AS deleted"""


def delete_links(rel_types: str) -> str:
    """Links between two entities, either direction, of the given ``A|B`` types."""
    return f"""
MATCH (a:Entity {{id: $source}})-[r:{rel_types}]-(b:Entity {{id: $target}})
DELETE r
RETURN count(*) AS deleted"""


DELETE_SOME = """
MATCH (n) WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted"""
