"""Read-side Cypher fragments shared by the modules that ask the graph questions.

Each question keeps its whole statement beside the code that reads its rows
(``kg/entities.py``, ``kg/search.py``, ``kg/subgraph/queries.py`` ...); what those
statements share lives here once, as neo4j-graphrag's ``neo4j_queries.py`` does. The
write side and the schema are ``kg/store/cypher.py``'s. Base labels are checked
against the ontology by tests/test_ontology_names.py.
"""

from __future__ import annotations

BIG = 10_000_000
"""Row cap for reads that need the whole answer (every entity, every link of a type)."""

ENTITY = "Entity"
DOCUMENT = "Document"


def entity_type(var: str) -> str:
    """The ontology class of entity node ``var`` (its label other than Entity)."""
    return f"[l IN labels({var}) WHERE l <> '{ENTITY}'][0]"


def document_kind(var: str) -> str:
    """The kind of document node ``var`` (Article, Post: its label other than Document)."""
    return f"[l IN labels({var}) WHERE l <> '{DOCUMENT}'][0]"
