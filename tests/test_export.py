"""Subgraph exports (issue 6): every format, the layout, the CLI command and the app panel.

Most tests build a Subgraph directly from kg.subgraph dataclasses, so they need
no store; one end-to-end test writes extractions to each backend, selects and
exports; the Cypher script is run on the real Neo4j.
"""

from __future__ import annotations

import csv
import io
import json
import os
import uuid
import zipfile
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.errors import ExportError, UnknownEntityError
from kg.export import FORMATS, export, export_bytes, file_name
from kg.export.cypher_script import literal
from kg.export.geometry import sites
from kg.export.scene import build_scene
from kg.model import entity_id, entity_uri
from kg.subgraph import Edge, Evidence, Node, Selection, Subgraph

DAY = "2025-01-15"
TRICKY = 'Sirène "queer" \\ l\'été 🧜‍♀️'


# -- fixtures -------------------------------------------------------------------------------

def node(type_: str, name: str, mentions: int = 3, *, seed: bool = False,
         aliases: tuple[str, ...] = ()) -> Node:
    return Node(id=entity_id(type_, name), name=name, type=type_, aliases=aliases,
                mentions=mentions, first_seen="2024-03-01", last_seen="2024-06-30",
                uri=entity_uri(type_, name), seed=seed)


def edge(a: Node, rel: str, b: Node, weight: int = 2, *quotes: str) -> Edge:
    quotes = quotes or (f"{a.name} and {b.name} in one sentence.",)
    evidence = tuple(Evidence(f"doc:{i}{a.id[-3:]}", q) for i, q in enumerate(quotes))
    return Edge(source=a.id, target=b.id, type=rel, weight=weight, confidence=0.8,
                evidence=evidence, docs=tuple(dict.fromkeys(e.doc for e in evidence)),
                first_seen="2024-03-01", last_seen="2024-06-30")


def mermaid_subgraph() -> Subgraph:
    mermaid = node("Trend", "Mermaidcore", 20, seed=True, aliases=("MermaidCore", "#mermaidcore"))
    genz = node("Audience", "Gen Z", 15, aliases=("zoomers",))
    queer = node("Audience", TRICKY, 6)
    tiktok = node("Platform", "TikTok", 12)
    brand = node("Brand", "H&M", 4)
    climate = node("Topic", "climat", 3)
    person = node("Person", "Halle Bailey", 5)
    gala = node("Event", "Met Gala", 2)
    paris = node("Place", "Paris", 2)
    film = node("CreativeWork", "The Little Mermaid", 6)
    edges = [
        edge(mermaid, "POPULAR_WITH", genz, 7, "Mermaidcore is huge with Gen Z.",
             'Gen Z says "mermaid" \\ "siren".'),
        edge(mermaid, "POPULAR_WITH", queer, 3, "La communauté queer s'approprie l'esthétique."),
        edge(mermaid, "SPREADS_ON", tiktok, 9),
        edge(brand, "ASSOCIATED_WITH", mermaid, 2),
        edge(brand, "TARGETS", genz, 1),
        edge(mermaid, "EMBODIES", climate, 2),
        edge(mermaid, "RELATED_TO", person, 3),
        edge(mermaid, "RELATED_TO", gala, 1),
        edge(mermaid, "RELATED_TO", paris, 1),
        edge(film, "RELATED_TO", mermaid, 4),
    ]
    nodes = [mermaid, genz, queer, tiktok, brand, climate, person, gala, paris, film]
    return Subgraph(nodes, edges, selection=Selection(seeds=(mermaid.id,), hops=2))


def forty_node_subgraph() -> Subgraph:
    """40 nodes, long and short names, every entity class: the layout's stress case."""
    types = ["Audience", "Brand", "Person", "Platform", "Topic", "Event", "CreativeWork",
             "Place", "Organization", "Trend"]
    names = ["Coastal Grandmother", "Gen Z", "communauté queer", "TikTok", "Instagram",
             "Pinterest", "H&M", "Zara", "Shein", "Halle Bailey", "Met Gala", "Paris",
             "The Little Mermaid", "Mermaiding", "climat", "océans", "Cottagecore",
             "Barbiecore", "Y2K", "Quiet Luxury", "Old Money", "Dark Academia", "BookTok",
             "millennials", "Gen Alpha", "Stanley", "Sephora", "Rihanna", "Fenty Beauty",
             "Festival de Cannes", "Nice", "Surfrider Foundation", "inclusion", "durabilité",
             "Girl Math", "Clean Girl", "Latte Makeup", "Glazed Donut Nails",
             "Hailey Bieber"]
    seed = node("Trend", "Mermaidcore", 30, seed=True)
    nodes = [seed] + [node(types[i % len(types)], n, mentions=i % 17)
                      for i, n in enumerate(names)]
    edges = [edge(seed if i < 15 else nodes[(i * 7) % i], "RELATED_TO", n, 1 + i % 5)
             for i, n in enumerate(nodes[1:], start=1)]
    edges += [edge(nodes[i], "RELATED_TO", nodes[(i * 3) % 40], 1) for i in range(2, 40, 3)
              if (i * 3) % 40 not in (0, i)]
    unique = {e.key: e for e in edges}
    return Subgraph(nodes, list(unique.values()), selection=Selection(seeds=(seed.id,)))


@pytest.fixture
def subgraph() -> Subgraph:
    return mermaid_subgraph()


def extractions() -> list:
    """Two documents (EN article, FR post) for the end-to-end and CLI tests."""
    from kg.model import Document, Entity, Extraction, Mention, Relation
    from kg.model import Evidence as ModelEvidence

    def entity(type_: str, name: str, *aliases: str) -> Entity:
        return Entity(type=type_, name=name, aliases=list(aliases),
                      mentions=[Mention(text=name, start=0, end=len(name), sentence=0)])

    def relation(kind: str, a: Entity, b: Entity, doc: str, *sentences: str) -> Relation:
        return Relation(a.id, b.id, kind, [ModelEvidence(doc, s) for s in sentences], 0.8)

    en = Document(id="doc:export-en", text="…", source="en.txt", kind="Article",
                  title="Mermaidcore makes a splash", url="https://example.org/mermaidcore",
                  date="2024-05-01", lang="en", platform="web")
    fr = Document(id="doc:export-fr", text="…", source="fr.txt", kind="Post", title="",
                  url="https://example.org/p/1", date="2024-06-10", lang="fr",
                  platform="instagram")
    mermaid, genz = entity("Trend", "Mermaidcore", "MermaidCore"), entity("Audience", "Gen Z")
    tiktok, queer = entity("Platform", "TikTok"), entity("Audience", "communauté queer")
    brand = entity("Brand", "Uber Eats")
    return [
        Extraction(en, [mermaid, genz, tiktok, brand], [
            relation("POPULAR_WITH", mermaid, genz, en.id, "Mermaidcore is huge with Gen Z."),
            relation("SPREADS_ON", mermaid, tiktok, en.id, "Mermaidcore spreads on TikTok."),
            relation("TARGETS", brand, genz, en.id, "Uber Eats targets Gen Z."),
        ], lang="en"),
        Extraction(fr, [mermaid, genz, queer], [
            relation("POPULAR_WITH", mermaid, genz, fr.id, "La génération Z adore la mermaidcore."),
            relation("POPULAR_WITH", mermaid, queer, fr.id, "La communauté queer l'a adoptée."),
        ], lang="fr"),
    ]


@pytest.fixture
def export_store(store):
    """``store`` (every backend) holding the two export documents."""
    store.write(extractions())
    return store


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An embedded store file with the export documents, for the CLI (read-only use)."""
    from kg.store import open_store

    uri = str(tmp_path_factory.mktemp("export") / "export.db")
    with open_store(uri) as graph:
        graph.write(extractions())
    return uri


@pytest.fixture(scope="module")
def read_store(store_file: str):
    """``store_file`` opened once for the selection tests, which only read."""
    from kg.store import open_store

    with open_store(store_file) as graph:
        yield graph


# -- registry -------------------------------------------------------------------------------

def test_export_registry_lists_every_format() -> None:
    assert list(FORMATS) == ["pptx", "story", "png", "svg", "csv", "xlsx", "graphml", "gexf",
                             "cyjs", "ttl", "jsonld", "cypher"]


def test_export_unknown_format_is_an_error_listing_formats(subgraph, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="pptx, story, png"):
        export(subgraph, "docx", tmp_path / "x.docx")


# -- PPTX -----------------------------------------------------------------------------------

def _open_pptx(data: bytes):
    from pptx import Presentation

    return Presentation(io.BytesIO(data))


def _node_shapes(slide):
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]


def _connectors(slide):
    from pptx.oxml.ns import qn

    return [s for s in slide.shapes if s.element.tag == qn("p:cxnSp")]


def test_export_pptx_one_shape_per_node_one_connector_per_edge(subgraph, tmp_path: Path) -> None:
    [path] = export(subgraph, "pptx", tmp_path / "deck.pptx", date=DAY)
    prs = _open_pptx(path.read_bytes())
    assert len(prs.slides) == 1
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 16:9
    slide = prs.slides[0]
    assert slide.shapes.title.text == "Mermaidcore"
    shapes = _node_shapes(slide)
    assert sorted(s.text_frame.text.replace("\n", " ") for s in shapes) == sorted(
        n.name for n in subgraph.nodes)
    # H&M -> Gen Z joins two of the seed's neighbours through an audience: not drawn
    assert len(_connectors(slide)) == len(subgraph.edges) - 1
    texts = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert f"2 hops · {DAY}" in texts and "Mermaidcore · 2 hops" not in texts
    assert "1 links between neighbours not drawn" in texts


def test_export_pptx_connectors_are_glued_to_their_nodes(subgraph) -> None:
    slide = _open_pptx(export_bytes(subgraph, "pptx", date=DAY)).slides[0]
    by_shape_id = {s.shape_id: s for s in _node_shapes(slide)}
    name_of = {n.id: n.name for n in subgraph.nodes}
    expected = sorted((name_of[e.source], name_of[e.target]) for e in subgraph.edges
                      if e.type != "TARGETS")  # H&M -> Gen Z is not drawn
    glued = []
    for connector in _connectors(slide):
        props = connector.element.nvCxnSpPr.cNvCxnSpPr
        begin, end = by_shape_id[props.stCxn.id], by_shape_id[props.endCxn.id]
        for shape, idx in ((begin, props.stCxn.idx), (end, props.endCxn.idx)):
            shape_sites = sites(_shape_kind(shape), shape.width, shape.height)
            assert 0 <= idx < len(shape_sites)
        # the drawn end points sit on the glued connection sites (within 1/100 inch)
        begin_site = sites(_shape_kind(begin), begin.width, begin.height)[props.stCxn.idx]
        assert abs(connector.begin_x - (begin.left + begin_site[0])) < 9144
        assert abs(connector.begin_y - (begin.top + begin_site[1])) < 9144
        glued.append((begin.name, end.name))
    assert sorted(glued) == expected


def _shape_kind(shape) -> str:
    from kg.export.geometry import SPECS

    preset = shape.auto_shape_type
    return next(k for k, s in SPECS.items() if s.preset == preset.name)


def test_export_pptx_notes_hold_the_evidence(subgraph) -> None:
    notes = _open_pptx(export_bytes(subgraph, "pptx", date=DAY)).slides[0] \
        .notes_slide.notes_text_frame.text
    for e in subgraph.edges:
        for ev in e.evidence:
            assert (ev.sentence in notes) == (e.type != "TARGETS")  # the drawn links only
    assert "Mermaidcore — popular with → Gen Z (7 sentences, 2 documents)" in notes
    assert notes.index("→ TikTok") < notes.index("→ Gen Z")  # strongest link first


def test_export_pptx_links_table_adds_a_second_slide(subgraph) -> None:
    prs = _open_pptx(export_bytes(subgraph, "pptx", date=DAY, links_table=True))
    assert len(prs.slides) == 2
    table = next(s for s in prs.slides[1].shapes if s.has_table).table
    assert table.cell(0, 0).text == "Source"
    assert table.cell(1, 2).text == "TikTok"  # heaviest link first (weight 9)


def test_export_pptx_edge_labels_are_optional(subgraph) -> None:
    plain = _open_pptx(export_bytes(subgraph, "pptx", date=DAY, edge_labels=False)).slides[0]
    labelled = _open_pptx(export_bytes(subgraph, "pptx", date=DAY)).slides[0]
    labels = [s.text_frame.text for s in labelled.shapes if s.name.startswith("label:")]
    assert not [s for s in plain.shapes if s.name.startswith("label:")]
    assert labels.count("popular with") == 2 and labels.count("related to") == 4


@pytest.mark.slow
def test_export_pptx_renders_in_libreoffice_with_links_on_their_sites(
    subgraph, tmp_path: Path
) -> None:
    """LibreOffice re-routes glued connectors to the glue point ``idx``: lines must not move."""
    import re

    from office import convert

    [deck] = export(subgraph, "pptx", tmp_path / "deck.pptx", date=DAY)
    svg = convert(deck, "svg", tmp_path).read_text(encoding="utf-8")
    paths = re.findall(r'ConnectorShape">.*?<path[^>]*d="M (-?\d+),(-?\d+) L (-?\d+),(-?\d+)"',
                       svg, re.S)
    scene = build_scene(subgraph, title="Mermaidcore", subtitle="s")
    assert len(paths) == len(scene.edges) == len(subgraph.edges) - 1
    links = [(_hundredths(e.begin), _hundredths(e.end)) for e in scene.edges]

    def near(a: tuple[int, int], b: tuple[int, int], tolerance: int) -> bool:
        return abs(a[0] - b[0]) <= tolerance and abs(a[1] - b[1]) <= tolerance

    for bx, by, ex, ey in ((int(v) for v in path) for path in paths):
        # begins within 0.05 mm; an arrowhead shortens the line's end by under 5 mm
        assert any(near(b, (bx, by), 5) and near(e, (ex, ey), 500) for b, e in links), (
            bx, by, ex, ey)


def _hundredths(point: tuple[float, float]) -> tuple[int, int]:
    return round(point[0] * 2540), round(point[1] * 2540)


# -- layout ---------------------------------------------------------------------------------

def _overlaps(scene) -> list[tuple[str, str]]:
    clashes = []
    nodes = scene.nodes
    for i, a in enumerate(nodes):
        for b in nodes[i + 1:]:
            if (a.left < b.left + b.width and b.left < a.left + a.width
                    and a.top < b.top + b.height and b.top < a.top + a.height):
                clashes.append((a.name, b.name))
    return clashes


def test_export_layout_has_no_overlapping_labels_for_40_nodes() -> None:
    graph = forty_node_subgraph()
    assert len(graph.nodes) == 40
    scene = build_scene(graph, title="t", subtitle="s")
    assert _overlaps(scene) == []
    assert min(n.font_pt for n in scene.nodes) >= 9  # still readable on a slide
    for n in scene.nodes:  # inside the slide, below the subtitle, above the legend
        assert n.left >= 0 and n.left + n.width <= scene.width
        assert n.top >= 1.4 and n.top + n.height <= scene.legend[0].top


def test_export_layout_is_deterministic() -> None:
    first = build_scene(forty_node_subgraph(), title="t", subtitle="s")
    second = build_scene(forty_node_subgraph(), title="t", subtitle="s")
    assert [(n.left, n.top) for n in first.nodes] == [(n.left, n.top) for n in second.nodes]


def test_export_layout_positions_are_in_a_unit_box() -> None:
    from kg.export.layout import layout

    ids = [f"n{i}" for i in range(12)]
    placed = layout(ids, [(ids[0], i, 1.0) for i in ids[1:]], {i: (1.0, 0.3) for i in ids},
                    area=(12.0, 5.0), seeds=[ids[0]])
    assert placed.overlaps == 0
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in placed.positions.values())


# -- pictures -------------------------------------------------------------------------------

def test_export_png_has_the_expected_pixel_size(subgraph, tmp_path: Path) -> None:
    from PIL import Image

    [path] = export(subgraph, "png", tmp_path / "graph", date=DAY)
    assert path.name == "graph.png"
    with Image.open(path) as image:
        assert image.size == (2560, 1440)
        assert image.info.get("dpi", (200, 200))[0] == pytest.approx(200, abs=1)


def test_export_svg_keeps_labels_as_text(subgraph) -> None:
    from xml.etree import ElementTree

    data = export_bytes(subgraph, "svg", date=DAY)
    root = ElementTree.fromstring(data)
    assert root.tag.endswith("svg")
    text = data.decode("utf-8")
    for name in ("Mermaidcore", "Gen Z", "TikTok", "Audience", "Platform"):
        assert name in text


# -- tables ---------------------------------------------------------------------------------

def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_export_csv_writes_node_and_edge_tables(subgraph, tmp_path: Path) -> None:
    written = export(subgraph, "csv", tmp_path / "mermaid.csv", date=DAY)
    assert [p.name for p in written] == ["mermaid_nodes.csv", "mermaid_edges.csv"]
    nodes, edges = _csv_rows(written[0]), _csv_rows(written[1])
    assert list(nodes[0])[:7] == ["id", "name", "type", "aliases", "mentions", "first_seen",
                                  "last_seen"]
    assert list(edges[0])[:6] == ["source", "target", "type", "weight", "evidence_count",
                                  "example_evidence"]
    assert len(nodes) == len(subgraph.nodes) and len(edges) == len(subgraph.edges)
    seed = next(r for r in nodes if r["name"] == "Mermaidcore")
    assert seed["aliases"] == "MermaidCore; #mermaidcore" and seed["type"] == "Trend"
    assert any(r["name"] == TRICKY for r in nodes)
    top = next(r for r in edges if r["type"] == "POPULAR_WITH" and r["weight"] == "7")
    assert top["evidence_count"] == "2"
    assert top["example_evidence"] == "Mermaidcore is huge with Gen Z."


def test_export_csv_download_zips_the_same_two_files(subgraph, tmp_path: Path) -> None:
    written = export(subgraph, "csv", tmp_path / "view", date=DAY)
    archive = zipfile.ZipFile(io.BytesIO(export_bytes(subgraph, "csv", date=DAY, stem="view")))
    assert sorted(archive.namelist()) == ["view_edges.csv", "view_nodes.csv"]
    for path in written:
        assert archive.read(path.name) == path.read_bytes()
    assert file_name("csv", "view") == "view.zip"


def test_export_xlsx_has_nodes_edges_and_evidence_sheets(subgraph) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(export_bytes(subgraph, "xlsx", date=DAY)))
    assert book.sheetnames == ["Nodes", "Edges", "Evidence"]
    assert book["Nodes"].max_row == len(subgraph.nodes) + 1
    assert book["Edges"].max_row == len(subgraph.edges) + 1
    sentences = sum(len(e.evidence) for e in subgraph.edges)
    evidence = list(book["Evidence"].iter_rows(values_only=True))
    assert len(evidence) == sentences + 1
    header = evidence[0]
    assert {"sentence", "doc", "title", "url"} <= set(header)
    quotes = {row[header.index("sentence")] for row in evidence[1:]}
    assert 'Gen Z says "mermaid" \\ "siren".' in quotes


# -- Gephi / Cytoscape ----------------------------------------------------------------------

def test_export_graphml_loads_back_with_networkx(subgraph, tmp_path: Path) -> None:
    [path] = export(subgraph, "graphml", tmp_path / "g.graphml", date=DAY)
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.number_of_nodes() == len(subgraph.nodes)
    assert graph.number_of_edges() == len(subgraph.edges)
    mermaid = entity_id("Trend", "Mermaidcore")
    assert graph.nodes[mermaid]["type"] == "Trend"
    assert graph.nodes[mermaid]["aliases"] == "MermaidCore; #mermaidcore"
    assert graph.nodes[entity_id("Audience", TRICKY)]["label"] == TRICKY
    data = graph.get_edge_data(mermaid, entity_id("Platform", "TikTok"))
    [attrs] = data.values()
    assert attrs["type"] == "SPREADS_ON" and attrs["weight"] == 9


def test_export_gexf_loads_back_with_networkx(subgraph, tmp_path: Path) -> None:
    [path] = export(subgraph, "gexf", tmp_path / "g.gexf", date=DAY)
    graph = nx.read_gexf(path)
    assert graph.number_of_nodes() == len(subgraph.nodes)
    assert graph.number_of_edges() == len(subgraph.edges)
    mermaid = entity_id("Trend", "Mermaidcore")
    assert graph.nodes[mermaid]["type"] == "Trend"
    assert graph.nodes[mermaid]["label"] == "Mermaidcore"
    assert "position" in graph.nodes[mermaid]["viz"]
    weights = {d["rel_type"]: d["weight"] for _, _, d in graph.edges(data=True)}
    assert weights["SPREADS_ON"] == 9


def test_export_cytoscape_json_has_elements(subgraph) -> None:
    data = json.loads(export_bytes(subgraph, "cyjs", date=DAY))
    assert len(data["elements"]["nodes"]) == len(subgraph.nodes)
    assert len(data["elements"]["edges"]) == len(subgraph.edges)
    first = data["elements"]["nodes"][0]
    assert first["data"]["type"] == "Trend" and first["data"]["color"].startswith("#")
    assert {"x", "y"} <= set(first["position"])
    graph = nx.cytoscape_graph(data)
    assert graph.number_of_edges() == len(subgraph.edges)


# -- RDF ------------------------------------------------------------------------------------

def test_export_turtle_parses_and_conforms_to_the_shapes(subgraph, ontology) -> None:
    import pyshacl
    from rdflib import RDF, Graph, Literal, URIRef

    from kg.ontology import TG

    graph = Graph().parse(data=export_bytes(subgraph, "ttl", date=DAY), format="turtle")
    conforms, _, report = pyshacl.validate(graph, shacl_graph=ontology.shapes,
                                           ont_graph=ontology.graph, inference="rdfs")
    assert conforms, report
    mermaid = URIRef(entity_uri("Trend", "Mermaidcore"))
    genz = URIRef(entity_uri("Audience", "Gen Z"))
    assert (mermaid, RDF.type, TG.Trend) in graph
    assert (mermaid, TG.popularWith, genz) in graph
    assert (mermaid, TG.alias, Literal("#mermaidcore")) in graph
    statements = list(graph.subjects(RDF.type, RDF.Statement))
    assert len(statements) == len(subgraph.edges)
    [st] = [s for s in statements if (s, RDF.object, genz) in graph
            and (s, RDF.subject, mermaid) in graph]
    assert graph.value(st, TG.weight).toPython() == 7
    assert {str(o) for o in graph.objects(st, TG.evidence)} == {
        "Mermaidcore is huge with Gen Z.", 'Gen Z says "mermaid" \\ "siren".'}
    assert str(graph.value(URIRef(entity_uri("Audience", TRICKY)), TG.name)) == TRICKY


def test_export_jsonld_holds_the_same_triples_as_turtle(subgraph) -> None:
    from rdflib import Graph
    from rdflib.compare import isomorphic

    turtle = Graph().parse(data=export_bytes(subgraph, "ttl", date=DAY), format="turtle")
    jsonld = Graph().parse(data=export_bytes(subgraph, "jsonld", date=DAY), format="json-ld")
    assert len(jsonld) == len(turtle)
    assert isomorphic(jsonld, turtle)


def test_export_rdf_refuses_a_link_outside_its_domain(subgraph, tmp_path: Path) -> None:
    genz = subgraph.node(entity_id("Audience", "Gen Z"))
    mermaid = subgraph.node(entity_id("Trend", "Mermaidcore"))
    subgraph.edges.append(edge(genz, "POPULAR_WITH", mermaid, 1, "Backwards."))
    with pytest.raises(ExportError) as caught:
        export(subgraph, "ttl", tmp_path / "bad.ttl", date=DAY)
    message = str(caught.value)
    assert "popularWith" in message and "Gen Z" in message
    assert "Gen Z (Audience) —POPULAR_WITH→ Mermaidcore (Trend): tg:popularWith goes from " \
           "Trend to Audience" in message
    assert not (tmp_path / "bad.ttl").exists()


def test_export_rdf_refuses_a_link_without_evidence(subgraph) -> None:
    a, b = subgraph.nodes[0], subgraph.nodes[3]
    subgraph.edges.append(Edge(source=a.id, target=b.id, type="RELATED_TO", weight=1))
    with pytest.raises(ExportError, match="tg:evidence"):
        export_bytes(subgraph, "jsonld", date=DAY)


# -- Cypher ---------------------------------------------------------------------------------

def test_export_cypher_literals_are_escaped() -> None:
    assert literal("it's") == "'it\\'s'"
    assert literal("a\\b") == "'a\\\\b'"
    assert literal("line\nbreak\u2028") == "'line\\nbreak\\u2028'"
    assert literal("Sirène 🧜") == "'Sirène 🧜'"
    assert literal(["a", 1, 2.5, True, None]) == "['a', 1, 2.5, true, null]"
    assert literal(float("nan")) == "null"


def _statements(script: str) -> list[str]:
    return [line for line in script.splitlines() if line and not line.startswith("//")]


def test_export_cypher_script_is_one_merge_per_line(subgraph) -> None:
    script = export_bytes(subgraph, "cypher", date=DAY).decode("utf-8")
    statements = _statements(script)
    assert len(statements) == len(subgraph.nodes) + len(subgraph.edges)
    assert all(s.startswith("MERGE ") and s.endswith(";") for s in statements)
    assert "$" not in script.replace("\\$", "")  # parameter-free
    assert "SET n:`Trend`" in script and "[r:`POPULAR_WITH`]" in script


def _tagged(graph: Subgraph, tag: str) -> Subgraph:
    """The same subgraph with every id suffixed, so a shared Neo4j can be counted exactly."""
    nodes = [replace(n, id=f"{n.id}-{tag}") for n in graph.nodes]
    edges = [replace(e, source=f"{e.source}-{tag}", target=f"{e.target}-{tag}")
             for e in graph.edges]
    return replace(graph, nodes=nodes, edges=edges)


@pytest.mark.neo4j
def test_export_cypher_script_recreates_the_subgraph_on_neo4j(subgraph, tmp_path: Path) -> None:
    from conftest import NEO4J_URI, open_test_store
    from neo4j import GraphDatabase

    store = open_test_store("neo4j", tmp_path)  # reset, or skip/fail when Neo4j is absent
    graph = _tagged(subgraph, uuid.uuid4().hex[:8])
    ids = [n.id for n in graph.nodes]
    script = export_bytes(graph, "cypher", date=DAY).decode("utf-8")
    auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ["NEO4J_PASSWORD"])
    try:
        with GraphDatabase.driver(NEO4J_URI, auth=auth) as driver:
            for _ in range(2):  # running it twice changes nothing
                for statement in _statements(script):
                    driver.execute_query(statement.rstrip(";"))
            # counted by id: other sessions may write to the same server meanwhile
            nodes = store.query("MATCH (n:Entity) WHERE n.id IN $ids RETURN count(n)",
                                {"ids": ids}).scalar()
            rels = store.query("MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND "
                               "b.id IN $ids RETURN count(r)", {"ids": ids}).scalar()
            assert (nodes, rels) == (len(graph.nodes), len(graph.edges))
            tricky = next(n for n in graph.nodes if n.name == TRICKY)
            row = store.query("MATCH (n:Entity {id: $id}) RETURN n.name AS name, "
                              "labels(n) AS labels, n.aliases AS aliases", {"id": tricky.id}
                              ).first()
            assert row["name"] == TRICKY and set(row["labels"]) == {"Entity", "Audience"}
            assert row["aliases"] == []
            link = store.query(
                "MATCH (a:Trend {id: $a})-[r:POPULAR_WITH]->(b:Audience {id: $b}) "
                "RETURN r.weight AS w, r.evidence AS ev",
                {"a": ids[0], "b": ids[1]}).first()
            assert link["w"] == 7 and 'Gen Z says "mermaid" \\ "siren".' in link["ev"]
    finally:
        with GraphDatabase.driver(NEO4J_URI, auth=auth) as driver:
            driver.execute_query("MATCH (n:Entity) WHERE n.id IN $ids DETACH DELETE n",
                                 {"ids": ids})
        store.close()


# -- end to end on a store ------------------------------------------------------------------

def test_export_end_to_end_from_a_store(export_store, tmp_path: Path) -> None:
    from kg.export.selection import subgraph_for

    graph = subgraph_for(export_store, seeds=["mermaid core"], hops=2)
    names = sorted(n.name for n in graph.nodes)
    assert names == ["Gen Z", "Mermaidcore", "TikTok", "Uber Eats", "communauté queer"]
    [deck] = export(graph, "pptx", tmp_path / "deck.pptx", store=export_store, date=DAY)
    slide = _open_pptx(deck.read_bytes()).slides[0]
    # 4 stored links + Uber Eats named in "Mermaidcore makes a splash" (a SAME_STORY link);
    # the slide leaves out Uber Eats - Gen Z, which then runs between two first-ring nodes
    assert len(graph.edges) == 4 + 1
    assert len(_node_shapes(slide)) == 5 and len(_connectors(slide)) == 4
    notes = slide.notes_slide.notes_text_frame.text
    # source and date in the notes; the URL goes to the story's appendix and the XLSX
    assert "“La génération Z adore la mermaidcore.” — instagram, 2024-06-10" in notes
    assert "Mermaidcore makes a splash, web, 2024-05-01" in notes
    ttl = export_bytes(graph, "ttl", store=export_store, date=DAY).decode("utf-8")
    assert "Mermaidcore makes a splash" in ttl and "tg:Post" in ttl
    workbook = export_bytes(graph, "xlsx", store=export_store, date=DAY)
    assert workbook[:2] == b"PK"


def test_export_unknown_seed_suggests_close_names(read_store) -> None:
    from kg.export.selection import subgraph_for

    with pytest.raises(UnknownEntityError) as caught:
        subgraph_for(read_store, seeds=["Mermaidcorps"])
    assert "Mermaidcore" in caught.value.suggestions


def test_export_unknown_type_filter_is_an_error(read_store) -> None:
    from kg.export.selection import subgraph_for

    with pytest.raises(ExportError, match="Audiance"):
        subgraph_for(read_store, seeds=["Mermaidcore"], node_types="Audiance,Platform")


# -- CLI ------------------------------------------------------------------------------------

runner = CliRunner()


def cli(*args: str):
    from kg.cli import app

    return runner.invoke(app, list(args))


def test_cli_export_writes_the_file_and_prints_it(store_file: str, tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    result = cli("export", "--seed", "Mermaidcore", "--hops", "2", "--format", "pptx",
                 "-o", str(out), "--store", store_file)
    assert result.exit_code == 0, result.output
    assert str(out) in result.stdout and out.exists()
    assert len(_node_shapes(_open_pptx(out.read_bytes()).slides[0])) == 5


def test_cli_export_csv_writes_two_files(store_file: str, tmp_path: Path) -> None:
    result = cli("export", "-s", "Gen Z", "--types", "Trend", "-f", "csv",
                 "-o", str(tmp_path / "genz.csv"), "--store", store_file)
    assert result.exit_code == 0, result.output
    nodes = _csv_rows(tmp_path / "genz_nodes.csv")
    assert sorted(r["type"] for r in nodes) == ["Audience", "Trend"]
    assert (tmp_path / "genz_edges.csv").exists()


def test_cli_export_format_comes_from_the_suffix(store_file: str, tmp_path: Path) -> None:
    out = tmp_path / "graph.graphml"
    result = cli("export", "-s", "Mermaidcore", "--rel-types", "POPULAR_WITH", "-o", str(out),
                 "--store", store_file)
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(out).number_of_edges() == 2


def test_cli_export_unknown_seed_fails_with_suggestions(store_file: str, tmp_path: Path) -> None:
    result = cli("export", "--seed", "Mermaidcorps", "-f", "png", "-o", str(tmp_path / "x.png"),
                 "--store", store_file)
    assert result.exit_code == 2
    assert "Mermaidcorps" in result.output and "Did you mean: Mermaidcore" in result.output
    assert not (tmp_path / "x.png").exists()


def test_cli_export_unknown_format_is_a_usage_error(store_file: str, tmp_path: Path) -> None:
    result = cli("export", "-s", "Mermaidcore", "-o", str(tmp_path / "x.docx"),
                 "--store", store_file)
    assert result.exit_code == 2
    assert "pptx" in result.output


def test_cli_export_from_a_cypher_query(store_file: str, tmp_path: Path) -> None:
    out = tmp_path / "q.cyjs"
    result = cli("export", "--cypher",
                 "MATCH (t:Trend)-[r:POPULAR_WITH]->(a:Audience) RETURN t, r, a",
                 "-f", "cyjs", "-o", str(out), "--store", store_file)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["elements"]["nodes"]) == 3 and len(data["elements"]["edges"]) == 2


def test_cli_export_needs_seeds_or_a_query(store_file: str, tmp_path: Path) -> None:
    result = cli("export", "-f", "csv", "-o", str(tmp_path / "x.csv"), "--store", store_file)
    assert result.exit_code == 2
    assert "seeds or a Cypher query" in result.output


# -- app panel ------------------------------------------------------------------------------

def _panel_script() -> None:
    from test_export import mermaid_subgraph

    from kg.app.export_panel import render_export_panel

    render_export_panel(mermaid_subgraph(), store=None)


def test_export_panel_downloads_the_same_bytes_as_the_cli(tmp_path: Path) -> None:
    import datetime as dt

    from streamlit.runtime.memory_media_file_storage import _calculate_file_id
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_function(_panel_script, default_timeout=60)
    app.run()
    assert not app.exception
    assert app.selectbox[0].options[0] == FORMATS["pptx"].label
    for fmt in ("cypher", "csv", "svg"):
        app.selectbox[0].set_value(fmt).run()
        assert not app.exception and not app.error
        [button] = app.get("download_button")
        day = dt.date.today().isoformat()
        stem = f"mermaidcore-{day}"
        expected = export_bytes(mermaid_subgraph(), fmt, date=day, stem=stem)
        name = file_name(fmt, stem)
        file_id = _calculate_file_id(expected, FORMATS[fmt].mime, name)
        assert f"/{file_id}." in button.proto.url, (fmt, button.proto.url)


def test_export_panel_reports_an_invalid_rdf_export() -> None:
    from streamlit.testing.v1 import AppTest

    def script() -> None:
        from test_export import mermaid_subgraph

        from kg.app.export_panel import render_export_panel
        from kg.subgraph import Edge

        graph = mermaid_subgraph()
        graph.edges.append(Edge(graph.nodes[1].id, graph.nodes[0].id, "POPULAR_WITH", 1))
        render_export_panel(graph, store=None)

    app = AppTest.from_function(script, default_timeout=60)
    app.run()
    app.selectbox[0].set_value("ttl").run()
    assert not app.exception
    assert "cannot be exported as ttl" in app.error[0].value
    assert not app.get("download_button")


def test_cli_export_draws_at_most_links_per_node(tmp_path: Path) -> None:
    from hub_graph import woven_extractions

    from kg.store import open_store

    uri = str(tmp_path / "woven.db")
    with open_store(uri) as graph:
        graph.write(woven_extractions())

    def edges(cap: str) -> list[dict]:
        out = tmp_path / f"cap{cap}.csv"
        result = cli("export", "-s", "Woven bags", "--hops", "2", "--links-per-node", cap,
                     "-f", "csv", "-o", str(out), "--store", uri)
        assert result.exit_code == 0, result.output
        return _csv_rows(tmp_path / f"cap{cap}_edges.csv")

    every, three = edges("0"), edges("3")
    assert 0 < len(three) < len(every)
