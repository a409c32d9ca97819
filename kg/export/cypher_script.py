"""Cypher export: a script of parameter-free MERGE statements that rebuilds the subgraph.

Meant for an empty Neo4j 5 (``cypher-shell -f export.cypher`` or Neo4j Browser):
values are inlined as escaped literals because a script file has no parameters.
Every statement is one line ending in ``;`` and is idempotent, so running the
script twice changes nothing. Labels and types are checked against the ontology
before they reach the text, exactly as the stores do.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any

from kg.export.request import ExportRequest, Part
from kg.ontology import Ontology
from kg.queries import entity_node

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
            "\f": "\\f"}


def string(value: str) -> str:
    """A single-quoted Cypher string literal; control and line-separator characters escaped.

    Other Unicode (accents, emoji) is kept as UTF-8 text, which Neo4j reads as is.
    """
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif unicodedata.category(char) in ("Cc", "Zl", "Zp", "Cs"):
            out.append(f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else "\\ufffd")
        else:
            out.append(char)
    return "'" + "".join(out) + "'"


def literal(value: Any) -> str:
    """A Cypher literal for a property value: string, number, boolean, null or list."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else "null"
    if isinstance(value, str):
        return string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as a Cypher literal")


def name(identifier: str) -> str:
    return "`" + identifier.replace("`", "``") + "`"


def _set(variable: str, props: dict[str, Any]) -> str:
    kept = {k: v for k, v in props.items() if v not in (None, "")}
    return ", ".join(f"{variable}.{k} = {literal(v)}" for k, v in kept.items())


def statements(request: ExportRequest) -> list[str]:
    """One MERGE statement per entity, then one per relationship (no trailing ';')."""
    ontology: Ontology = request.ontology
    out = []
    for node in request.subgraph.nodes:
        label = name(ontology.check_label(node.type))
        props = {"name": node.name, "aliases": list(node.aliases), "mentions": node.mentions,
                 "first_seen": node.first_seen, "last_seen": node.last_seen, "uri": node.uri}
        out.append(f"MERGE {entity_node('n', literal(node.id))} SET n:{label}, "
                   + _set("n", props))
    known = {n.id for n in request.subgraph.nodes}
    for edge in request.subgraph.edges:
        if edge.source not in known or edge.target not in known:
            continue
        rel = name(ontology.check_rel_type(edge.type))
        props = {"weight": edge.weight, "confidence": float(edge.confidence),
                 "evidence": [ev.sentence for ev in edge.evidence],
                 "evidence_docs": [ev.doc for ev in edge.evidence], "doc_count": edge.doc_count,
                 "first_seen": edge.first_seen, "last_seen": edge.last_seen}
        out.append(
            f"MERGE {entity_node('a', literal(edge.source))} "
            f"MERGE {entity_node('b', literal(edge.target))} "
            f"MERGE (a)-[r:{rel}]->(b) SET " + _set("r", props)
        )
    return out


def script(request: ExportRequest) -> str:
    graph = request.subgraph
    header = [
        f"// trendgraph export: {_comment(request.title)}",
        f"// {_comment(request.subtitle)}",
        f"// {len(graph.nodes)} entities, {len(graph.edges)} relationships. Run on an empty "
        "Neo4j 5: cypher-shell -f FILE (or paste into Neo4j Browser).",
        "// Every statement is an idempotent MERGE on one line. For large exports, first run:",
        f"// CREATE CONSTRAINT entity_id IF NOT EXISTS FOR {entity_node('n')} "
        "REQUIRE n.id IS UNIQUE;",
    ]
    return "\n".join([*header, *(s + ";" for s in statements(request))]) + "\n"


def _comment(text: str) -> str:
    return " ".join(text.split())


def render(request: ExportRequest) -> list[Part]:
    return [(".cypher", script(request).encode("utf-8"))]
