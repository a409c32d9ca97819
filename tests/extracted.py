"""Reading an extraction the way the extractor tests assert on it."""

from __future__ import annotations

from kg.model import Extraction


def types_of(extraction: Extraction) -> dict[str, str]:
    """Each entity's name with its type: what a strategist sees first of a text."""
    return {e.name: e.type for e in extraction.entities}
