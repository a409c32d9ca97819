"""Read-side Cypher fragments shared by the modules that ask the graph questions.

Each question keeps its whole statement beside the code that reads its rows
(``kg/entities.py``, ``kg/search.py``, ``kg/subgraph/queries.py`` ...); what those
statements share lives here once, as neo4j-graphrag's ``neo4j_queries.py`` does: the
schema's names, taken from the ontology (never spelled in a statement), and the node
patterns built from them. The write side and the schema are ``kg/store/cypher.py``'s.
tests/test_queries.py fails on a label or type a statement spells by hand.
"""

from __future__ import annotations

from kg.ontology import DOCUMENT_CLASS, ENTITY_CLASS, load_ontology

BIG = 10_000_000
"""Row cap for reads that need the whole answer (every entity, every link of a type)."""

_SCHEMA = load_ontology()
ENTITY = _SCHEMA.check_label(ENTITY_CLASS)
DOCUMENT = _SCHEMA.check_label(DOCUMENT_CLASS)
MENTIONS = _SCHEMA.mentions_type
"""The type of the link from a document to each entity it names."""


def node(var: str, label: str, key: str = "") -> str:
    """``(var:Label)``, or ``(var:Label {id: key})`` when ``key`` (a parameter such as
    ``$id``, or an expression such as ``link.source``) picks one node by its id."""
    return f"({var}:{label} {{id: {key}}})" if key else f"({var}:{label})"


def entity_node(var: str, key: str = "") -> str:
    """An entity node pattern: ``(e:Entity)`` or ``(e:Entity {id: $id})``."""
    return node(var, ENTITY, key)


def document_node(var: str, key: str = "") -> str:
    """A document node pattern: ``(d:Document)`` or ``(d:Document {id: $id})``."""
    return node(var, DOCUMENT, key)


def entity_type(var: str) -> str:
    """The ontology class of entity node ``var`` (its label other than Entity)."""
    return f"[l IN labels({var}) WHERE l <> '{ENTITY}'][0]"


def document_kind(var: str) -> str:
    """The kind of document node ``var`` (Article, Post: its label other than Document)."""
    return f"[l IN labels({var}) WHERE l <> '{DOCUMENT}'][0]"


def named_by(doc: str, entity: str, key: str, mention: str = "") -> str:
    """``MATCH (doc:Document)-[mention:MENTIONS]->(entity:Entity {id: key})`` with the
    entity found by its id first: FalkorDB starts from every document when the statement
    filters documents (a hub trend's days: 1.5-2 s through 100k documents, 0.09 s from
    the trend), Neo4j plans both alike."""
    return (f"MATCH {entity_node(entity, key)}\nWITH {entity}\n"
            f"MATCH {document_node(doc)}-[{mention}:{MENTIONS}]->({entity})")
