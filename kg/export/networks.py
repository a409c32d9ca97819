"""GraphML, GEXF and Cytoscape JSON: the subgraph for Gephi, yEd and Cytoscape.

Node types and link weights travel as attributes so they can drive colour and
thickness there; lists become "; "-joined strings because GraphML and GEXF have
no list type. Positions and colours from the slide layout are included (GEXF
``viz``, Cytoscape ``position``), so the graph opens looking like the slide.
GEXF reserves the edge attribute ``type`` (directed/undirected), so there the
relationship type is ``rel_type``.
"""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx

from kg.export import theme
from kg.export.request import ExportRequest, Part
from kg.export.sanitize import clean_graph
from kg.export.scene import build_scene

SEPARATOR = "; "
PIXELS_PER_INCH = 100  # Cytoscape and Gephi coordinates


def _positions(request: ExportRequest) -> dict[str, tuple[float, float]]:
    scene = build_scene(request.subgraph, title=request.title, subtitle=request.subtitle,
                        ontology=request.ontology)
    return {n.id: (round(n.center[0] * PIXELS_PER_INCH, 1),
                   round(n.center[1] * PIXELS_PER_INCH, 1)) for n in scene.nodes}


def to_networkx(request: ExportRequest, *, gexf: bool = False) -> nx.MultiDiGraph:
    """A MultiDiGraph (two entities may be linked by several types) with flat attributes."""
    ontology = request.ontology
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(name=request.title, description=request.subtitle)
    positions = _positions(request) if gexf else {}
    for node in request.subgraph.nodes:
        style = theme.type_style(ontology, node.type)
        attrs: dict[str, Any] = {
            "label": node.name, "type": node.type,
            "aliases": SEPARATOR.join(a for a in node.aliases if a != node.name),
            "mentions": int(node.mentions), "first_seen": node.first_seen,
            "last_seen": node.last_seen, "uri": node.uri, "seed": bool(node.seed),
            "color": style.color,
        }
        if gexf:
            r, g, b = theme.rgb(style.color)
            x, y = positions.get(node.id, (0.0, 0.0))
            attrs["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0},
                            "position": {"x": x, "y": -y, "z": 0.0},
                            "size": 10.0 + min(node.mentions, 40) / 2}
        graph.add_node(node.id, **attrs)
    for edge in request.subgraph.edges:
        attrs = {
            "type": edge.type, "label": request.ontology.rel_label(edge.type),
            "weight": int(edge.weight), "confidence": float(edge.confidence),
            "evidence_count": len(edge.evidence),
            "evidence": " | ".join(" ".join(ev.sentence.split()) for ev in edge.evidence),
            "evidence_docs": SEPARATOR.join(ev.doc for ev in edge.evidence),
            "documents": SEPARATOR.join(edge.docs),
            "first_seen": edge.first_seen, "last_seen": edge.last_seen,
        }
        if gexf:
            attrs["rel_type"] = attrs.pop("type")
            attrs["id"] = edge.id
        graph.add_edge(edge.source, edge.target, key=edge.id, **attrs)
    return graph


def render_graphml(request: ExportRequest) -> list[Part]:
    buffer = io.BytesIO()
    nx.write_graphml(clean_graph(to_networkx(request)), buffer, encoding="utf-8", prettyprint=True)
    return [(".graphml", buffer.getvalue())]


def render_gexf(request: ExportRequest) -> list[Part]:
    buffer = io.BytesIO()
    graph = clean_graph(to_networkx(request, gexf=True))
    nx.write_gexf(graph, buffer, encoding="utf-8", prettyprint=True, version="1.2draft")
    return [(".gexf", buffer.getvalue())]


def cytoscape(request: ExportRequest) -> dict[str, Any]:
    """Cytoscape.js / Cytoscape desktop ``elements`` JSON, with positions and colours.

    The keys ``value``, ``key``, ``directed`` and ``multigraph`` make it loadable by
    ``networkx.cytoscape_graph`` as well.
    """
    ontology = request.ontology
    positions = _positions(request)
    nodes = []
    for node in request.subgraph.nodes:
        style = theme.type_style(ontology, node.type)
        x, y = positions.get(node.id, (0.0, 0.0))
        nodes.append({
            "data": {"id": node.id, "value": node.id, "name": node.name, "label": node.name,
                     "type": node.type,
                     "aliases": list(node.aliases), "mentions": node.mentions,
                     "first_seen": node.first_seen, "last_seen": node.last_seen,
                     "uri": node.uri, "seed": node.seed, "color": style.color,
                     "shape": style.shape},
            "position": {"x": x, "y": y},
        })
    edges = [
        {"data": {"id": e.id, "key": e.id, "source": e.source, "target": e.target,
                  "type": e.type,
                  "label": request.ontology.rel_label(e.type), "weight": e.weight,
                  "confidence": e.confidence,
                  "evidence": [{"doc": ev.doc, "sentence": ev.sentence} for ev in e.evidence],
                  "documents": list(e.docs), "first_seen": e.first_seen,
                  "last_seen": e.last_seen}}
        for e in request.subgraph.edges
    ]
    return {
        "format_version": "1.0",
        "generated_by": "trendgraph",
        "directed": True,
        "multigraph": True,
        "data": {"name": request.title, "description": request.subtitle},
        "elements": {"nodes": nodes, "edges": edges},
    }


def render_cyjs(request: ExportRequest) -> list[Part]:
    text = json.dumps(cytoscape(request), ensure_ascii=False, indent=2)
    return [(".cyjs", text.encode("utf-8"))]
