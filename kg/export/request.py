"""What every format writer receives: the subgraph, the words around it, and sources.

Bundling the options in one object keeps each writer a plain function of it, and
lets the document metadata be fetched from the store once however many parts a
format writes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from kg.export.sources import Docs, load_documents
from kg.ontology import Ontology, load_ontology
from kg.store import GraphStore
from kg.subgraph import Subgraph

Part = tuple[str, bytes]  # (file-name suffix such as ".pptx" or "_nodes.csv", content)


@dataclass(frozen=True)
class ExportRequest:
    subgraph: Subgraph
    title: str
    subtitle: str
    date: str
    store: GraphStore | None = None
    edge_labels: bool = False
    links_table: bool = False
    template: bytes | None = None  # a client's .pptx whose master and theme the deck uses

    @functools.cached_property
    def docs(self) -> Docs:
        return load_documents(self.subgraph, self.store)

    @property
    def ontology(self) -> Ontology:
        return self.store.ontology if self.store is not None else load_ontology()
