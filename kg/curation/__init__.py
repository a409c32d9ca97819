"""Curation: merge, rename, retype and hide entities, hide links, as replayable rules.

``rules`` holds the rules as plain dataclasses, ``transform`` applies them to one
extraction (every write goes through it), ``archive`` keeps each document's raw
extraction in the store, ``engine`` applies rules to a store (``apply_rules``) and
rebuilds it, ``rulebook`` keeps the rules in a file beside the store.
"""

from __future__ import annotations

from kg.curation.rules import Hide, HideLink, Merge, Rename, Retype, Rule, describe
from kg.curation.transform import curate_extraction, resolve_id

__all__ = ["Hide", "HideLink", "Merge", "Rename", "Retype", "Rule", "curate_extraction",
           "describe", "resolve_id"]
