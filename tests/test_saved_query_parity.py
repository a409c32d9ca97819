"""Every saved query returns the same rows on the embedded FalkorDB and on Neo4j.

tests/test_saved_queries.py checks each query answers on each backend; this
checks the answers agree (same columns, same values, order aside), which is what
lets a strategist move a store from a laptop to Neo4j without surprises.
"""

from __future__ import annotations

from typing import Any

import pytest

from kg.saved_queries import load_saved_queries
from kg.store.base import GraphNode, GraphRel
from kg.store.toplinks import LINKS

pytestmark = pytest.mark.neo4j

# Point the library's sample-corpus defaults at the contract graph (tests/conftest.py)
# so no comparison is vacuously empty.
CONTRACT_PARAMS: dict[str, dict[str, Any]] = {
    "Evidence for a link": {"source": "Mermaidcore", "target": "communauté queer"},
    "Documents mentioning an entity in a period": {"name": "#MermaidCore"},
}


def _comparable(value: Any) -> Any:
    """Drop backend-specific internal ids (Neo4j's entities also keep their top links'
    element ids, ``toplinks.LINKS``); keep labels, types and properties."""
    if isinstance(value, GraphNode):
        kept = {k: v for k, v in value.properties.items() if k != LINKS}
        return ("node", tuple(sorted(value.labels)), _comparable(kept))
    if isinstance(value, GraphRel):
        return ("rel", value.type, _comparable(value.properties))
    if isinstance(value, list | tuple):
        return tuple(_comparable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _comparable(v)) for k, v in value.items()))
    return value


def _rows(result) -> list[tuple]:
    return sorted((_comparable(row) for row in result.rows), key=repr)


@pytest.mark.parametrize("saved", load_saved_queries(), ids=lambda q: q.name)
def test_saved_query_parity_same_rows_on_both_backends(contract_stores, saved) -> None:
    params = {**saved.params, **CONTRACT_PARAMS.get(saved.name, {})}
    results = {name: graph.query(saved.cypher, params, limit=10_000, timeout=30.0)
               for name, graph in contract_stores.items()}
    falkordb, neo4j = results["falkordb"], results["neo4j"]
    assert falkordb.columns == neo4j.columns
    assert _rows(falkordb) == _rows(neo4j)
    assert neo4j.rows, (
        f"{saved.name!r} returns nothing on the contract graph: extend "
        "_contract_extractions() in tests/conftest.py or CONTRACT_PARAMS here"
    )
