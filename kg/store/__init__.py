"""Open a graph store from a URI; drivers are imported only by the backend asked for.

- a file path (or ``file://``): embedded FalkorDB, created if absent (the default)
- ``falkordb://host:port[/graph]``: a FalkorDB server
- ``bolt://``, ``neo4j://``, ``neo4j+s://`` (and ``+ssc``): Neo4j, credentials from
  ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD``, database from ``NEO4J_DATABASE``
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

from platformdirs import user_data_dir

from kg.errors import Errors, StoreError
from kg.secrets import redact_uri, register_secret
from kg.store.base import GraphStore, QueryResult, SavedView, StoreStats, WriteReport

__all__ = ["GraphStore", "QueryResult", "SavedView", "StoreStats", "WriteReport",
           "default_store_uri", "open_store"]

NEO4J_SCHEMES = {"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}


def default_store_uri() -> str:
    """``TRENDGRAPH_STORE``, else a file in the user's data directory."""
    return os.environ.get("TRENDGRAPH_STORE") or str(
        Path(user_data_dir("trendgraph", appauthor=False)) / "graph.db"
    )


def open_store(uri: str | None = None) -> GraphStore:
    uri = uri or default_store_uri()
    try:
        parsed = urlparse(uri)
        scheme = parsed.scheme.lower()
        port = parsed.port if scheme == "falkordb" else None
    except ValueError as exc:  # e.g. a port that is not a number
        raise StoreError(Errors.STORE_URI_MALFORMED.format(uri=redact_uri(uri), reason=exc)
                         ) from None
    if scheme in NEO4J_SCHEMES:
        from kg.store.neo4j_store import Neo4jStore

        return Neo4jStore(uri)
    if scheme == "falkordb":
        from kg.store.falkordb_store import FalkorStore

        graph = parsed.path.strip("/") or "trendgraph"
        password = parsed.password or os.environ.get("FALKORDB_PASSWORD") or None
        register_secret(password)
        return FalkorStore(host=parsed.hostname or "localhost", port=port or 6379,
                           graph=graph, password=password)
    if scheme in ("", "file") or len(scheme) == 1:  # one letter: a Windows drive
        from kg.store.falkordb_store import FalkorStore

        path = Path(parsed.path if scheme == "file" else uri).expanduser()
        return FalkorStore(path=path)
    raise StoreError(Errors.STORE_URI_UNSUPPORTED.format(uri=redact_uri(uri)))
