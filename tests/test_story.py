"""Story decks (issue 13): slides built from the graph, a native weekly chart, capped notes.

Every test reads the small hand-written graph (tests/small_graph.py), whose
numbers are known: Mermaidcore is popular with Gen Z and the queer community
(3 sentences each), spreads on TikTok (3) and Instagram (1), Levi's is
associated with it, and lift(queer community, Mermaidcore) = 2.0.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.errors import ExportError
from kg.export import export_bytes
from kg.export.notes import CAP, link_notes
from kg.subgraph import Edge, Evidence, Node, Selection, Subgraph

DAY = "2025-12-01"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


@pytest.fixture(scope="module")
def small_store(small_graph_uri: str):
    from kg.store import open_store

    with open_store(small_graph_uri) as graph:
        yield graph


@pytest.fixture(scope="module")
def overview(small_store) -> Subgraph:
    from kg.export.selection import subgraph_for

    return subgraph_for(small_store, seeds=["Mermaidcore"])


@pytest.fixture(scope="module")
def story(small_store, overview) -> bytes:
    return export_bytes(overview, "story", store=small_store, date=DAY)


def _deck(data: bytes):
    from pptx import Presentation

    return Presentation(io.BytesIO(data))


def test_story_deck_walks_from_overview_to_sources(story: bytes) -> None:
    titles = [slide.shapes.title.text for slide in _deck(story).slides]
    assert titles == [
        "Mermaidcore",
        # queer community first: the link ranks above Gen Z's, a hub linked to everything
        "Mermaidcore is popular with queer community and Gen Z, and spreads on TikTok and "
        "Instagram",
        "Mermaidcore is popular with queer community and Gen Z; Blokecore is popular with "
        "Millennials",
        "Levi's is associated with Mermaidcore; Adidas is associated with Blokecore",
        "Mermaidcore embodies Ocean conservation",
        "Mentions of Mermaidcore peaked in the week of 2025-11-24 (2 documents)",
        "queer community and Mermaidcore are linked 2.0× more often than their totals predict "
        "(3 sentences)",
        "5 quotes behind the strongest links of Mermaidcore",
        "Appendix: 8 sources, 2025-10-05 to 2025-11-28",
    ]


def test_story_title_slide_states_counts_and_plain_dates(story: bytes) -> None:
    slide = _deck(story).slides[0]
    text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert "Trend · 10 mentions" in text
    assert "2025-10-05 to 2025-11-28" in text and "T99" not in text


def _chart_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist()
                if re.fullmatch(r"ppt/charts/chart\d+\.xml", n)}


def test_story_timeline_is_a_native_chart_of_weekly_documents(story: bytes, small_store) -> None:
    from lxml import etree

    from kg.analytics import weekly_mentions

    [xml] = _chart_parts(story).values()
    root = etree.fromstring(xml)
    [series] = root.iter(f"{C}ser")
    name = series.find(f"{C}tx//{C}v").text
    weeks = [p.find(f"{C}v").text for p in series.find(f"{C}cat").iter(f"{C}pt")]
    values = [int(float(p.find(f"{C}v").text)) for p in series.find(f"{C}val").iter(f"{C}pt")]
    expected = weekly_mentions(small_store, "trend:mermaidcore")
    assert name == "Documents mentioning Mermaidcore"
    assert weeks == [w.week.isoformat() for w in expected]
    assert values == [w.documents for w in expected]
    assert sum(values) == 7 and len(weeks) == 9  # weeks of 2025-09-29 .. 2025-11-24, empty kept


def test_story_chart_data_opens_in_excel(story: bytes, small_store) -> None:
    """PowerPoint edits a chart through its embedded workbook: it must hold the same weeks."""
    from openpyxl import load_workbook

    from kg.analytics import weekly_mentions

    with zipfile.ZipFile(io.BytesIO(story)) as archive:
        [name] = [n for n in archive.namelist() if n.endswith(".xlsx")]
        sheet = load_workbook(io.BytesIO(archive.read(name))).active
    rows = list(sheet.iter_rows(values_only=True))
    expected = weekly_mentions(small_store, "trend:mermaidcore")
    assert rows[0][1] == "Documents mentioning Mermaidcore"
    assert rows[1:] == [(w.week.isoformat(), w.documents) for w in expected]


def test_story_link_slides_carry_top_quotes_under_the_cap(story: bytes) -> None:
    deck = _deck(story)
    for slide in deck.slides:
        assert len(slide.notes_slide.notes_text_frame.text) <= CAP
    overview_notes = deck.slides[1].notes_slide.notes_text_frame.text
    assert "Mermaidcore — popular with → Gen Z (3 sentences, 3 documents)" in overview_notes
    assert "“Mermaidcore popular with Gen Z, says this test corpus.” — " \
           "Mermaidcore, the last word, TikTok, 2025-11-28" in overview_notes


def test_story_affinity_slide_is_a_table_of_lift(story: bytes) -> None:
    slide = _deck(story).slides[6]
    [table] = [s.table for s in slide.shapes if s.has_table]
    header = [table.cell(0, k).text for k in range(len(table.columns))]
    assert header[:2] == ["Audience", "Mermaidcore"]
    rows = {table.cell(r, 0).text: table.cell(r, 1).text for r in range(1, len(table.rows))}
    assert rows["queer community"] == "2.0× (3)"


def test_story_evidence_slide_quotes_with_source_and_date(story: bytes) -> None:
    slide = _deck(story).slides[7]
    texts = [s.text_frame.text for s in slide.shapes if s.name.startswith("source ")]
    assert len(texts) == 5
    assert all(re.search(r"\d{4}-\d{2}-\d{2}", t) for t in texts)


def test_story_appendix_lists_every_quoted_source_with_its_link(story: bytes) -> None:
    slide = _deck(story).slides[-1]
    [table] = [s.table for s in slide.shapes if s.has_table]
    urls = [table.cell(r, 4).text for r in range(1, len(table.rows))]
    assert len(urls) == 8 and all(u.startswith("https://example.org/") for u in urls)
    dates = [table.cell(r, 0).text for r in range(1, len(table.rows))]
    assert dates == sorted(dates, reverse=True)


def test_story_is_the_same_bytes_for_the_same_selection(small_store, overview, story) -> None:
    time.sleep(1.1)  # python-pptx dates zip entries to the second: let the clock move on
    assert export_bytes(overview, "story", store=small_store, date=DAY) == story


def test_story_needs_a_store(overview) -> None:
    with pytest.raises(ExportError, match="from a store"):
        export_bytes(overview, "story", date=DAY)


def test_story_needs_a_seed(small_store) -> None:
    from kg.export.selection import subgraph_for

    graph = subgraph_for(small_store, cypher="MATCH (t:Trend)-[r]->(a:Audience) RETURN t, r, a")
    with pytest.raises(ExportError, match="one seed"):
        export_bytes(graph, "story", store=small_store, date=DAY)


def test_cli_export_story_writes_the_deck(small_graph_uri: str, story: bytes,
                                          tmp_path: Path) -> None:
    from kg.cli import app

    out = tmp_path / "mermaidcore.pptx"
    result = CliRunner().invoke(app, ["export", "--seed", "Mermaidcore", "--story", "-o", str(out),
                                      "--store", small_graph_uri])
    assert result.exit_code == 0, result.output
    assert len(_deck(out.read_bytes()).slides) == 9


# -- notes ----------------------------------------------------------------------------------

def _heavy_subgraph(links: int = 30, quotes: int = 6, words: int = 60) -> Subgraph:
    seed = Node("trend:x", "X", "Trend", seed=True)
    nodes, edges = [seed], []
    for k in range(links):
        other = Node(f"audience:a{k}", f"Audience {k}", "Audience")
        nodes.append(other)
        evidence = tuple(Evidence(f"doc:{k}-{q}", f"Quote {q} for link {k}: " + "word " * words)
                         for q in range(quotes))
        edges.append(Edge(seed.id, other.id, "POPULAR_WITH", 100 - k, evidence=evidence,
                          docs=tuple(e.doc for e in evidence)))
    return Subgraph(nodes, edges, selection=Selection(seeds=(seed.id,)))


def _docs(links: int, quotes: int) -> dict:
    return {f"doc:{k}-{q}": {"title": f"Post {k}", "date": f"2025-01-{q + 1:02d}T10:00",
                             "platform": "TikTok", "url": "https://example.org/long"}
            for k in range(links) for q in range(quotes)}


def _blocks(text: str) -> list[str]:
    return [b for b in text.split("\n\n") if b.startswith("X — popular with")]


def test_notes_keep_the_top_three_quotes_of_each_link(ontology) -> None:
    text = link_notes("X", _heavy_subgraph(links=3, words=10), _docs(3, 6), ontology)
    blocks = _blocks(text)
    assert len(blocks) == 3 and all(b.count("“Quote") == 3 for b in blocks)  # 3 of 6 each
    assert "“Quote 5 for link 0" in blocks[0] and "Post 0, TikTok, 2025-01-06" in blocks[0]
    assert "https://" not in text  # links go to the appendix and the XLSX


def test_notes_quote_every_link_once_before_twice_and_stop_at_the_cap(ontology) -> None:
    text = link_notes("X", _heavy_subgraph(), _docs(30, 6), ontology)
    blocks = _blocks(text)
    assert len(text) <= CAP
    assert all(b.count("“Quote") == 1 for b in blocks)
    assert f"{30 - len(blocks)} more links on this slide: every quote is in the XLSX" in text


def test_notes_trim_long_quotes_at_a_word() -> None:
    from kg.export.notes import trim

    cut = trim("alpha " * 100, 40)
    assert len(cut) <= 40 and cut.endswith("…") and "alph…" not in cut


# -- the app's export panel and the CLI ------------------------------------------------------

def test_app_and_cli_write_the_same_decks_for_the_same_selection(
    small_graph_uri: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Explore -> date filter -> export panel gives the bytes `trendgraph export` writes."""
    import datetime as dt

    from streamlit.runtime.memory_media_file_storage import _calculate_file_id
    from streamlit.testing.v1 import AppTest

    from kg.cli import app as cli_app
    from kg.export import FORMATS

    monkeypatch.setenv("TRENDGRAPH_STORE", small_graph_uri)
    at = AppTest.from_file(str(Path(__file__).parent.parent / "app.py"), default_timeout=90)
    at.run()
    at.text_input(key="q").input("Mermaidcore").run()
    at.date_input(key="f_period").set_value((dt.date(2025, 10, 1), dt.date(2025, 11, 20))).run()
    at.toggle(key="explore-export-story").set_value(True).run()
    assert not at.exception, at.exception
    day = dt.date.today().isoformat()
    stem = f"mermaidcore-{day}"
    buttons = {b.key: b.proto.url for b in at.get("download_button")}
    for fmt, flag, key, name in (
        ("pptx", "--format=pptx", "explore-export-download", f"{stem}.pptx"),
        ("story", "--story", "explore-export-story-download", f"{stem}-story.pptx"),
    ):
        out = tmp_path / f"{fmt}.pptx"
        result = CliRunner().invoke(cli_app, [
            "export", "--seed", "Mermaidcore", "--since", "2025-10-01", "--until", "2025-11-20",
            flag, "-o", str(out), "--store", small_graph_uri])
        assert result.exit_code == 0, result.output
        data = out.read_bytes()
        file_id = _calculate_file_id(data, FORMATS[fmt].mime, name)
        assert f"/{file_id}." in buttons[key], (fmt, buttons[key])
        subtitles = [s.text_frame.text for s in _deck(data).slides[1 if fmt == "story" else 0]
                     .shapes if s.name == "Subtitle"]
        assert subtitles and "2025-10-01 to 2025-11-20" in subtitles[0]
        assert "T99" not in subtitles[0]


# -- a client's template ---------------------------------------------------------------------

TEMPLATE = Path(__file__).parent / "fixtures" / "client-template.pptx"


@pytest.fixture(scope="module")
def templated(small_store, overview) -> bytes:
    return export_bytes(overview, "story", store=small_store, date=DAY,
                        template=TEMPLATE.read_bytes())


def test_template_deck_uses_the_clients_master_theme_and_logo(templated: bytes) -> None:
    from kg.export.template import theme_fonts

    deck = _deck(templated)
    assert theme_fonts(deck) == ("Liberation Serif", "DejaVu Sans")
    assert len(deck.slide_masters) == 1
    logo = [s for s in deck.slide_master.shapes if s.name == "Northwind logo"]
    assert logo and all(s.slide_layout.slide_master == deck.slide_master for s in deck.slides)
    # titles and text take the theme's fonts: no run names a font of its own
    named = {r.font.name for s in deck.slides for shape in s.shapes if shape.has_text_frame
             for p in shape.text_frame.paragraphs for r in p.runs}
    assert named == {None}


def test_template_deck_keeps_the_network_clear_of_the_logo(templated: bytes) -> None:
    deck = _deck(templated)
    [logo] = [s for s in deck.slide_master.shapes if s.name == "Northwind logo"]
    for slide in list(deck.slides)[1:5]:  # the network slides
        for shape in slide.shapes:
            assert shape.top + shape.height <= logo.top, (slide.shapes.title.text, shape.name)


def test_template_that_is_not_a_deck_is_a_clear_error(small_store, overview) -> None:
    with pytest.raises(ExportError, match="not a PowerPoint file"):
        export_bytes(overview, "pptx", store=small_store, date=DAY, template=b"not a zip")


def test_cli_export_with_a_template(small_graph_uri: str, tmp_path: Path) -> None:
    from kg.cli import app

    out = tmp_path / "slide.pptx"
    result = CliRunner().invoke(app, ["export", "-s", "Mermaidcore", "-o", str(out),
                                      "--template", str(TEMPLATE), "--store", small_graph_uri])
    assert result.exit_code == 0, result.output
    deck = _deck(out.read_bytes())
    assert [s.name for s in deck.slide_master.shapes if s.name == "Northwind logo"]
    assert len(deck.slides) == 1


def test_notes_prefer_body_sentences_to_headlines() -> None:
    from kg.export.notes import best_quotes
    from kg.export.sources import Quote

    link = Edge("trend:x", "audience:y", "POPULAR_WITH", 2)
    headline = Quote(link, "doc:1", "X wins Y over", date="2025-02-01", headline=True)
    body = Quote(link, "doc:2", "X is what Y posts about all week.", date="2024-01-01")
    assert best_quotes([headline, body], limit=2) == [body, headline]
