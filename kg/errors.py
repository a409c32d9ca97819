"""trendgraph's one exception tree, and the catalogue of the messages it carries.

Messages say what failed, the bad value, and how to fix it; the CLI and the app
turn them into user-facing text at the edge. As in spaCy's ``errors.py``, the
messages live in one catalogue, ``kg/messages.py`` (``Errors`` for whole messages,
``Reasons`` for what is wrong with one file or row), so they can be read and kept
consistent in one place: ``raise QueryError(Errors.QUERY_TIMEOUT.format(timeout=10))``.
"""

from __future__ import annotations

from kg.messages import Errors as Errors  # re-exported: raisers import both from here
from kg.messages import Reasons as Reasons


class TrendgraphError(Exception):
    """Base of every error trendgraph raises on purpose."""


class InputError(TrendgraphError):
    """A file, line or row that cannot be read as a document."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class InputWarning:
    """Something odd in a file that did not stop it being read (an unreadable date…)."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"

    def __repr__(self) -> str:
        return f"InputWarning({self.source!r}, {self.reason!r})"


class OntologyError(TrendgraphError):
    """The ontology files are missing, invalid, or a name is not in them."""


class StoreError(TrendgraphError):
    """The graph store is unreachable, misconfigured, or refused an operation."""


class StoreUnavailable(StoreError):
    """The store cannot be reached or opened."""


class WriteError(StoreError):
    """A batch failed; ``written`` rows were committed before it."""

    def __init__(self, message: str, *, written: int) -> None:
        super().__init__(f"{message} ({written} rows were written before the failure)")
        self.written = written


class QueryError(StoreError):
    """A Cypher query failed: syntax, timeout, or an unknown name."""


class QueryRefused(QueryError):
    """A query was refused before it ran: it reads outside the graph or administers the server."""


class ReadOnlyError(QueryRefused):
    """A write was attempted through the read-only query path."""


class UnknownEntityError(TrendgraphError):
    """No entity matches a name; ``suggestions`` holds the closest names."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"No entity named {name!r}.{hint}")
        self.name = name
        self.suggestions = suggestions


class ExportError(TrendgraphError):
    """A subgraph cannot be written in the asked format (unknown format, invalid RDF…)."""


class CurationError(TrendgraphError):
    """A curation rule is malformed, names an unknown entity, or cannot be replayed."""


class ViewError(TrendgraphError):
    """A saved view has no usable name, or none by that name is stored."""


class ModelError(TrendgraphError):
    """A spaCy model is not installed or cannot be loaded."""


class AnalysisError(TrendgraphError, ValueError):
    """An analysis was asked a question it cannot answer (an unknown measure, an audience
    compared with itself). A ValueError too, for callers that validate arguments."""


class ConnectionLost(StoreUnavailable, WriteError):
    """The store went away in the middle of a write; ``written`` rows were committed.

    Distinct from a batch the server refused (a plain ``WriteError``) and from a bug in
    trendgraph (which is not caught at all): rerunning the same command after the store
    is back finishes the job."""

    def __init__(self, message: str, *, written: int) -> None:
        WriteError.__init__(self, message, written=written)
