"""The one-seed slide layout (issue 13): seed at the centre, sectors by type, clean links.

Built on the same in-memory subgraphs as tests/test_export.py, so no store is needed.
"""

from __future__ import annotations

import math
import warnings

from test_export import edge, forty_node_subgraph, mermaid_subgraph, node

from kg.export.connectors import drawn_edges
from kg.export.edge_labels import label_box
from kg.export.scene import DEFAULT_FRAME, build_scene
from kg.export.theme import text_width
from kg.export.wording import clause, day, describe, predicate
from kg.subgraph import Selection, Subgraph


def _centre(box) -> tuple[float, float]:
    return box.left + box.width / 2, box.top + box.height / 2


def test_layout_puts_the_seed_at_the_centre_of_the_graph_area() -> None:
    scene = build_scene(mermaid_subgraph(), title="t", subtitle="s")
    [seed] = [n for n in scene.nodes if n.seed]
    frame = DEFAULT_FRAME
    assert math.isclose(_centre(seed)[0], (frame.left + frame.right) / 2, abs_tol=1e-6)
    assert math.isclose(_centre(seed)[1], (frame.top + frame.bottom) / 2, abs_tol=1e-6)


def test_layout_groups_neighbours_by_type_around_the_seed() -> None:
    scene = build_scene(forty_node_subgraph(), title="t", subtitle="s")
    [seed] = [n for n in scene.nodes if n.seed]
    cx, cy = _centre(seed)
    around = sorted((n for n in scene.nodes if not n.seed),
                    key=lambda n: (math.atan2(_centre(n)[1] - cy, _centre(n)[0] - cx)
                                   + math.pi / 2) % (2 * math.pi))
    runs = [n.type for k, n in enumerate(around) if k == 0 or n.type != around[k - 1].type]
    assert len(runs) == len(set(runs))  # each type in one sector, clockwise from 12 o'clock
    assert runs[0] == "Audience"


def test_layout_keeps_forty_neighbours_apart_at_a_readable_size() -> None:
    scene = build_scene(forty_node_subgraph(), title="t", subtitle="s")
    boxes = [(n.left, n.top, n.left + n.width, n.top + n.height) for n in scene.nodes]
    gaps = [max(b[0] - a[2], a[0] - b[2], b[1] - a[3], a[1] - b[3])
            for i, a in enumerate(boxes) for b in boxes[i + 1:]]
    assert min(gaps) > 0.05  # inches between the closest two boxes
    assert min(n.font_pt for n in scene.nodes) >= 9


def test_link_labels_never_cover_a_node_or_another_label() -> None:
    scene = build_scene(forty_node_subgraph(), title="t", subtitle="s", edge_labels=True)
    nodes = [(n.left, n.top, n.left + n.width, n.top + n.height) for n in scene.nodes]
    labels = [label_box(e, e.label_at) for e in scene.edges if e.label_at]
    assert len(labels) >= len(scene.edges) // 3  # where space allows, but not nowhere

    def clash(a, b) -> bool:
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    assert not [(a, b) for a in labels for b in nodes if clash(a, b)]
    assert not [(a, b) for i, a in enumerate(labels) for b in labels[i + 1:] if clash(a, b)]


def test_links_between_neighbours_through_a_hub_are_not_drawn() -> None:
    graph = mermaid_subgraph()
    drawn, hidden = drawn_edges(graph)
    assert hidden == 1
    assert {e.type for e in graph.edges} - {e.type for e in drawn} == {"TARGETS"}  # H&M->Gen Z


def test_arrowheads_into_one_node_land_on_different_sites() -> None:
    seed = node("Trend", "Mermaidcore", 9, seed=True)
    brands = [node("Brand", name, 2) for name in ("Zara", "Sephora", "Disney")]
    graph = Subgraph([seed, *brands], [edge(b, "ASSOCIATED_WITH", seed, 2) for b in brands],
                     selection=Selection(seeds=(seed.id,)))
    scene = build_scene(graph, title="t", subtitle="s")
    ends = [e.end_site for e in scene.edges]
    assert len(set(ends)) == 3, ends


def test_selection_dates_are_described_as_plain_days() -> None:
    chosen = Selection(seeds=("trend:mermaidcore",), since="2024-05-01", until="2025-11-28")
    text = describe(chosen, {"trend:mermaidcore": "Mermaidcore"})
    assert text == "Mermaidcore · 1 hop · 2024-05-01 to 2025-11-28"
    assert describe(chosen, seeds=False) == "1 hop · 2024-05-01 to 2025-11-28"
    assert day("2025-11-28T10:15:00") == "2025-11-28"


def test_titles_use_the_ontology_labels_as_verbs(ontology) -> None:
    assert predicate(ontology, "POPULAR_WITH") == "is popular with"
    assert predicate(ontology, "SPREADS_ON") == "spreads on"
    assert predicate(ontology, "EMBODIES", plural_subject=True) == "embody"
    assert clause(ontology, "ASSOCIATED_WITH", ["Zara", "Disney"], ["Mermaidcore"]) == \
        "Zara and Disney are associated with Mermaidcore"


def test_pictures_show_a_marker_for_emoji_their_fonts_cannot_draw() -> None:
    import warnings

    from kg.export import export_bytes

    graph = mermaid_subgraph()  # one audience is named 'Sirène "queer" \\ l'été 🧜‍♀️'
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        svg = export_bytes(graph, "svg", date="2025-01-15").decode("utf-8")
        export_bytes(graph, "png", date="2025-01-15")
    assert "[merperson]" in svg and "🧜" not in svg
    assert not [w for w in caught if "missing from font" in str(w.message)]


def test_connectors_draw_symmetric_types_without_arrows_and_unknown_types_with_them(
        ontology) -> None:
    from kg.export.connectors import _directed

    assert _directed(ontology, "POPULAR_WITH") is True
    assert _directed(ontology, "RELATED_TO") is False  # symmetric co-occurrence
    assert _directed(ontology, "NOT_AN_ONTOLOGY_TYPE") is True


def test_measuring_a_label_with_a_control_character_warns_nothing() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert text_width("Line one\nline two", 11.0) > 0
