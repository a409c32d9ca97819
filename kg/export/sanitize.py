"""Text every export format can hold: no character XML 1.0 forbids.

A NUL or a vertical tab in a quote crashed the XLSX and GraphML exports and made
the GEXF file invalid; XML (and so XLSX, GraphML, GEXF, PPTX, SVG) cannot carry
C0 control characters other than tab and newlines, lone surrogates or U+FFFE/FFFF.
Ingest removes them from new documents; this keeps older stores and Cypher-chosen
values exportable too.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from typing import Any

import networkx as nx

NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
LINE_LIKE = re.compile("[\x0b\x0c\x85\u2028\u2029]")


def xml_text(text: str) -> str:
    """``text`` with line-like controls as newlines and every other forbidden character gone."""
    return NOT_XML.sub("", LINE_LIKE.sub("\n", text))


def clean_value(value: Any) -> Any:
    """Strings cleaned inside any list, tuple, dict or dataclass; other values unchanged."""
    if isinstance(value, str):
        return xml_text(value)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: clean_value(getattr(value, f.name)) for f in fields(value)
                   if f.init}
        return replace(value, **changes)
    if isinstance(value, list | tuple):
        return type(value)(clean_value(v) for v in value)
    if isinstance(value, dict):
        return {clean_value(k): clean_value(v) for k, v in value.items()}
    return value


def clean_graph(graph: nx.Graph) -> nx.Graph:
    """The same graph with every string attribute (graph, nodes, edges) made XML-safe."""
    graph.graph.update(clean_value(dict(graph.graph)))
    for _, data in graph.nodes(data=True):
        data.update(clean_value(dict(data)))
    for *_, data in graph.edges(data=True):
        data.update(clean_value(dict(data)))
    return graph
