"""All Cypher the stores write or read internally, in one place.

Values always travel as parameters; labels and relationship types are spliced
into the text only after ``Ontology.check_label`` / ``check_rel_type`` passed.
Every statement here runs unchanged on Neo4j 5 and FalkorDB.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.model import EVIDENCE_CAP
from kg.ontology import Ontology
from kg.queries import DOCUMENT, ENTITY, MENTIONS, document_node, entity_node
from kg.store.rows import ALIAS_CAP
from kg.store.toplinks import EMPTY, STALE_TAIL


def create_documents(label: str) -> str:
    """Documents are known to be new (the batch checked inside its transaction): CREATE
    them with their mentions, whose entities the batch has already merged."""
    return f"""
UNWIND $rows AS row
CREATE (d:{DOCUMENT}:{label} {{id: row.id}})
SET d.title = row.title, d.url = row.url, d.date = row.date, d.lang = row.lang,
    d.platform = row.platform, d.author = row.author, d.source = row.source,
    d.links = row.links, d.extraction = row.extraction, d.text = row.text,
    d.text_hash = row.text_hash
WITH d, row
UNWIND range(0, size(row.entities) - 1) AS i
MATCH {entity_node('e', 'row.entities[i]')}
CREATE (d)-[:{MENTIONS} {{count: row.counts[i]}}]->(e)
RETURN count(*) AS written"""


REWRITE_DOCUMENTS = f"""
UNWIND $rows AS row
MATCH {document_node('d', 'row.id')}
SET d.links = row.links
WITH d, row
UNWIND range(0, size(row.entities) - 1) AS i
MATCH {entity_node('e', 'row.entities[i]')}
CREATE (d)-[:{MENTIONS} {{count: row.counts[i]}}]->(e)
RETURN count(*) AS written"""
"""Stored documents whose entities a curation rule removed: their mentions of the
rewritten entities again, and the keys of the links they now support."""


def merge_entities(label: str) -> str:
    """One row per entity of the batch, with the mentions of the batch's new documents.

    The full-text key (``e.search``, names and aliases) is written only when an alias
    is new: a hub met in every batch would otherwise be re-indexed every time, and
    that cost grows with the store (the index keeps every old version until it is
    cleaned).
    """
    return f"""
UNWIND $rows AS row
MERGE {entity_node('e', 'row.id')}
ON CREATE SET e:{label}, e.name = row.name, e.uri = row.uri, e.aliases = [], e.mentions = 0,
    e.confidence = row.confidence, {EMPTY.format(var='e')}
SET e.confidence = CASE WHEN row.confidence > e.confidence THEN row.confidence
                   ELSE e.confidence END,
    e.mentions = e.mentions + row.mentions,
    e.first_seen = CASE WHEN row.first <> '' AND (e.first_seen IS NULL OR row.first < e.first_seen)
                   THEN row.first ELSE e.first_seen END,
    e.last_seen = CASE WHEN row.last <> '' AND (e.last_seen IS NULL OR row.last > e.last_seen)
                  THEN row.last ELSE e.last_seen END
WITH e, CASE WHEN size(e.aliases) >= {ALIAS_CAP} THEN []
        ELSE [a IN row.aliases WHERE NOT a IN e.aliases] END AS new
WHERE size(new) > 0 OR e.search IS NULL
SET e.aliases = (e.aliases + new)[0..{ALIAS_CAP}]
WITH e
SET e.search = reduce(s = toLower(e.name), a IN e.aliases | s + ' | ' + toLower(a))
RETURN count(e) AS written"""


def merge_relations(rel_type: str) -> str:
    """Counters and a bounded evidence sample: nothing on a link grows with its documents.

    The sample keeps the ``EVIDENCE_CAP`` sentences with the smallest rank keys
    (``rows.evidence_rank``) among those stored and those of the batch; both ends' top
    lists are then dropped until ranked again (``toplinks.STALE_TAIL``).
    """
    return f"""
UNWIND $rows AS row
MATCH {entity_node('a', 'row.source')}
MATCH {entity_node('b', 'row.target')}
MERGE (a)-[r:{rel_type}]->(b)
ON CREATE SET r.weight = 0, r.doc_count = 0, r.evidence = [], r.evidence_docs = [],
    r.evidence_keys = [], r.confidence = row.confidence
SET r.weight = r.weight + row.weight,
    r.doc_count = r.doc_count + row.docs,
    r.confidence = CASE WHEN row.confidence > r.confidence THEN row.confidence
                   ELSE r.confidence END,
    r.first_seen = CASE WHEN row.first <> '' AND (r.first_seen IS NULL OR row.first < r.first_seen)
                   THEN row.first ELSE r.first_seen END,
    r.last_seen = CASE WHEN row.last <> '' AND (r.last_seen IS NULL OR row.last > r.last_seen)
                  THEN row.last ELSE r.last_seen END
WITH a, b, r, r.evidence_keys + row.ev_keys AS keys, r.evidence + row.ev_sentences AS sentences,
     r.evidence_docs + row.ev_docs AS docs
WITH a, b, r, keys, sentences, docs, range(0, size(keys) - 1) AS all
WITH a, b, r, keys, sentences, docs, all,
     [i IN all | size([j IN all WHERE keys[j] < keys[i] OR (keys[j] = keys[i] AND j < i)])]
     AS ranks
WITH a, b, r, keys, sentences, docs,
     [k IN range(0, {EVIDENCE_CAP - 1}) WHERE k < size(keys) |
      head([i IN all WHERE ranks[i] = k])] AS picked
SET r.evidence_keys = [i IN picked | keys[i]],
    r.evidence = [i IN picked | sentences[i]],
    r.evidence_docs = [i IN picked | docs[i]]
{STALE_TAIL}"""


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


EXISTING_DOCUMENTS = f"""
UNWIND $ids AS id
MATCH {document_node('d', 'id')}
RETURN d.id AS id"""

LABEL_COUNTS = """
MATCH (n) UNWIND labels(n) AS label
RETURN label, count(*) AS count ORDER BY label"""

TYPE_COUNTS = """
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS count ORDER BY type"""

# -- curation (kg/curation): nodes and links a rule removes; a rewrite puts back the rest
DELETE_ENTITIES = f"""
UNWIND $ids AS id
MATCH {entity_node('e', 'id')}
DETACH DELETE e
RETURN count(*) AS deleted"""

ENTITY_COUNT = f"""
MATCH {entity_node('e')} RETURN count(e) AS count"""

LINK_COUNT = f"""
MATCH {entity_node('a', '$source')}-[r]-{entity_node('b', '$target')}
WHERE type(r) IN $types
RETURN count(r) AS count"""

DELETE_SOME_ENTITIES = f"""
MATCH {entity_node('e')} WITH e LIMIT $limit
DETACH DELETE e
RETURN count(*) AS deleted"""


def delete_links(rel_types: str) -> str:
    """Links between two entities, either direction, of the given ``A|B`` types."""
    return f"""
MATCH {entity_node('a', '$source')}-[r:{rel_types}]-{entity_node('b', '$target')}
DELETE r
RETURN count(*) AS deleted"""


DELETE_SOME = """
MATCH (n) WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted"""


# -- saved explorer views (kg/views.py): a few small nodes beside the graph, by name
def save_view(label: str) -> str:
    return f"""
MERGE (v:{label} {{name: $name}})
SET v.query = $query, v.saved = $saved
RETURN v.name AS name"""


def saved_views(label: str) -> str:
    return f"""
MATCH (v:{label})
RETURN v.name AS name, v.query AS query, v.saved AS saved
ORDER BY toLower(v.name)"""


def delete_view(label: str) -> str:
    return f"""
MATCH (v:{label} {{name: $name}})
DELETE v"""


# -- the store's write counter: one node, bumped in the transaction of every write
def bump_version(label: str) -> str:
    return f"""
MERGE (s:{label} {{id: 'store'}})
ON CREATE SET s.epoch = $epoch
SET s.version = coalesce(s.version, 0) + 1"""


def store_version(label: str) -> str:
    return f"""
MATCH (s:{label} {{id: 'store'}})
RETURN s.epoch AS epoch, s.version AS version"""


# -- the database's identity: a random id kept in it, which files outside it are named after
def store_identity(label: str) -> str:
    return f"""
MATCH (s:{label} {{id: 'identity'}})
RETURN s.identity AS identity"""


def claim_identity(label: str) -> str:
    """First writer wins: a second claim finds the node and leaves its id alone."""
    return f"""
MERGE (s:{label} {{id: 'identity'}})
ON CREATE SET s.identity = $identity"""


# -- schema: the keys the statements above MERGE and MATCH on, unique and indexed
@dataclass(frozen=True, slots=True)
class Schema:
    """One backend's schema commands, derived from the ontology; the backend runs them."""

    statements: tuple[str, ...]
    unique_keys: tuple[tuple[str, str], ...] = ()
    """(label, property) pairs a backend constrains through its own API, not Cypher."""


def _keys(ontology: Ontology) -> list[tuple[str, str]]:
    """(label, key property) of every node a write merges: entities, documents and the
    ontology's own class and property nodes."""
    meta = ontology.meta
    return [(ENTITY, "id"), (DOCUMENT, "id"), (meta.class_label, "uri"),
            (meta.property_label, "uri")]


def neo4j_schema(ontology: Ontology) -> Schema:
    """Uniqueness constraints (each backs an index) for every key, each entity class and
    the write counter, and the full-text index over entity names and aliases."""
    keyed = [*_keys(ontology), *((label, "id") for label in ontology.entity_types),
             (ontology.meta.state_label, "id")]
    constraints = [
        f"CREATE CONSTRAINT tg_{label.lower()}_{key} IF NOT EXISTS "
        f"FOR (n:{ontology.check_label(label)}) REQUIRE n.{key} IS UNIQUE"
        for label, key in keyed
    ]
    return Schema((*constraints, f"CREATE FULLTEXT INDEX tg_entity_search IF NOT EXISTS "
                                 f"FOR (n:{ENTITY}) ON EACH [n.name, n.search]"))


def falkordb_schema(ontology: Ontology) -> Schema:
    """A range index on every key and unique constraints on entity and document ids.

    No full-text index on entities: FalkorDB re-indexes a node in it on every property
    update (a hub's mention counter, every batch), and that cost grew with the store
    (2.6x over 40k updates of 100 hubs); the app searches its own name index
    (kg.search), and Neo4j keeps its full-text index.
    """
    keyed = _keys(ontology)
    return Schema(
        tuple(f"CREATE INDEX FOR (n:{ontology.check_label(label)}) ON (n.{key})"
              for label, key in keyed),
        unique_keys=((ENTITY, "id"), (DOCUMENT, "id")),
    )
