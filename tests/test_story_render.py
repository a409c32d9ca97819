"""The story deck as LibreOffice draws it (issue 13's geometry bar).

LibreOffice is the independent reader: it converts the PPTX to PDF (then PNG
pages with poppler) and to ODP, whose XML says where it placed every shape and
which shapes each connector is glued to. On every network slide: no two node
shapes overlap, no link label covers a node, every connector is glued at both
ends, the seed sits within 10% of the slide's centre (in the geometry and in the
pixels), and every slide's notes stay under the cap.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from office import convert, gap, odp_pages, pages

from kg.export import export_bytes
from kg.export.notes import CAP
from kg.export.theme import rgb

DAY = "2025-12-01"
SLIDE_CM = (33.867, 19.05)
SEED_FILL = rgb("#E4572E")  # the Trend colour of the ontology
TEMPLATE = Path(__file__).parent / "fixtures" / "client-template.pptx"
pytestmark = pytest.mark.slow  # LibreOffice renders; see the marker in pyproject.toml


@pytest.fixture(scope="module")
def decks(small_graph_uri: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from kg.export.selection import subgraph_for
    from kg.store import open_store

    folder = tmp_path_factory.mktemp("story-render")
    out = {}
    with open_store(small_graph_uri) as store:
        graph = subgraph_for(store, seeds=["Mermaidcore"])
        for name, template in (("plain", None), ("client", TEMPLATE.read_bytes())):
            path = folder / f"{name}.pptx"
            path.write_bytes(export_bytes(graph, "story", store=store, date=DAY,
                                          template=template))
            out[name] = path
    return out


def _network_slides(deck: Path) -> list[tuple[int, set[str], str]]:
    """(index, node names, seed name) of every slide drawing a network."""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    found = []
    prs = Presentation(io.BytesIO(deck.read_bytes()))
    for k, slide in enumerate(prs.slides):
        nodes = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
        if nodes:
            seed = max(nodes, key=lambda s: s.line.width)  # the seed's outline is the thickest
            found.append((k, {s.name for s in nodes}, seed.name))
    return found


@pytest.mark.parametrize("name", ["plain", "client"])
def test_libreoffice_reads_every_network_slide_clean(decks, name: str, tmp_path: Path) -> None:
    deck = decks[name]
    layout = odp_pages(convert(deck, "odp", tmp_path))
    slides = _network_slides(deck)
    assert len(slides) == 4  # overview + audiences, brands, topics (no person is near)
    for index, nodes, seed in slides:
        page = layout[index]
        boxes = [page["shapes"][n] for n in nodes]
        clearances = [gap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]]
        assert min(clearances) > 0, (index, "two node shapes overlap")
        labels = [s for n, s in page["shapes"].items() if n and n.startswith("label: ")]
        assert labels and all(gap(label, box) > 0 for label in labels for box in boxes)
        ids = {s["id"] for s in boxes}
        assert page["connectors"]
        for connector, start, end in page["connectors"]:
            assert start in ids and end in ids, (index, connector, "not glued at both ends")
        centre = page["shapes"][seed]
        dx = abs(centre["x"] + centre["w"] / 2 - SLIDE_CM[0] / 2) / SLIDE_CM[0]
        dy = abs(centre["y"] + centre["h"] / 2 - SLIDE_CM[1] / 2) / SLIDE_CM[1]
        assert dx <= 0.10 and dy <= 0.10, (index, dx, dy)


def test_libreoffice_pictures_show_the_seed_in_the_middle(decks, tmp_path: Path) -> None:
    from PIL import Image

    deck = decks["plain"]
    pngs = pages(convert(deck, "pdf", tmp_path), tmp_path)
    layout = odp_pages(convert(deck, "odp", tmp_path))
    slides = _network_slides(deck)
    assert len(pngs) == len(layout) == 9
    for index, _, seed in slides:
        image = Image.open(pngs[index]).convert("RGB")
        scale = image.width / SLIDE_CM[0]
        box = layout[index]["shapes"][seed]
        crop = image.crop((round(box["x"] * scale), round(box["y"] * scale),
                           round((box["x"] + box["w"]) * scale),
                           round((box["y"] + box["h"]) * scale)))
        pixels = np.asarray(crop, dtype=int).reshape(-1, 3)
        filled = (np.abs(pixels - np.array(SEED_FILL)).max(axis=1) < 40).mean()
        assert filled > 0.3, (index, "the seed is not drawn where it should be")
        centre_x = (box["x"] + box["w"] / 2) / SLIDE_CM[0]
        assert abs(centre_x - 0.5) <= 0.10


def test_every_slide_keeps_its_notes_under_the_cap(decks) -> None:
    from pptx import Presentation

    for path in decks.values():
        for slide in Presentation(io.BytesIO(path.read_bytes())).slides:
            notes = slide.notes_slide.notes_text_frame.text
            assert 0 < len(notes) <= CAP
