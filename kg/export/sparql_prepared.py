"""SHACL validation with each SPARQL constraint parsed once, not once per focus node.

pyshacl runs a shape's SPARQL constraint once for every node it targets, handing
rdflib the same query text each time with ``$this`` bound through ``initBindings``;
rdflib parses and translates a query string on every call. On an export, parsing
the constraints of ``ontology/shapes.ttl`` again and again was about three quarters
of the validation time. Inside :func:`prepared_sparql`, rdflib's SPARQL processor
keeps the translated query of each (text, base, namespaces) and evaluates that,
which is what rdflib's own ``prepareQuery`` gives a caller who keeps its result:
the same algebra, evaluated with the same bindings.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

_lock = threading.Lock()
_users = 0
_original: Any = None


@functools.lru_cache(maxsize=256)
def _translated(text: str, base: str | None, namespaces: tuple[tuple[str, Any], ...]) -> Any:
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    return translateQuery(parseQuery(text), base, dict(namespaces))


def _query(self: Any, query: Any, initBindings: Any = None,  # rdflib's parameter names
           initNs: Mapping[str, Any] | None = None, base: str | None = None,
           DEBUG: bool = False) -> Any:
    if isinstance(query, str):
        query = _translated(query, base, tuple(sorted((initNs or {}).items())))
    return _original(self, query, initBindings, initNs, base, DEBUG)


@contextmanager
def prepared_sparql() -> Iterator[None]:
    """Within the block, rdflib evaluates a SPARQL text it has seen before without
    parsing it again (every thread: the result of a query does not change)."""
    global _users, _original
    from rdflib.plugins.sparql.processor import SPARQLProcessor

    with _lock:
        if _users == 0:
            _original = SPARQLProcessor.query
            SPARQLProcessor.query = _query  # type: ignore[method-assign,assignment]  # same arguments
        _users += 1
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            if _users == 0:
                SPARQLProcessor.query = _original  # type: ignore[method-assign]  # rdflib's own
