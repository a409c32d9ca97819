"""App views added for issue 12, through AppTest on the small graph: the landscape, shared
URLs, hubs as badges, proof one click away and the document reader."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

EDGE = "trend:mermaidcore|POPULAR_WITH|audience:queercommunity"
EDGE_DOC = "doc:small08"  # "Queer mermaids on Instagram", the first quote of EDGE


def _texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def _quotes(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith(">")]


def test_app_explore_opens_on_the_landscape_when_nothing_is_picked(open_url):
    at = open_url()
    assert at.selectbox[0].options == [
        "— the whole landscape —", "1. Blockout2024", "2. Mermaidcore · Blokecore"]
    assert "The landscape" in _texts(at.caption)


def test_app_landscape_page_lists_clusters_and_hubs(open_url):
    at = open_url(page="Landscape")
    table = at.dataframe[0].value
    assert list(table["cluster"]) == ["1. Blockout2024", "2. Mermaidcore · Blokecore"]
    assert "Mister V" in table["around them"][0]
    assert "TikTok" in _texts(at.caption)


def test_app_cluster_opens_its_graph(open_url):
    at = open_url(cluster="1")
    assert "### Cluster 1: Blockout2024" in _texts(at.markdown)
    links = at.dataframe[0].value
    assert {"Mister V", "KFC"} <= set(links["from"]) | set(links["to"])


def test_app_shared_url_restores_entity_filters_and_evidence(open_url):
    at = open_url(q="Mermaidcore", f_weight="2",
                  ev="Mermaidcore → popular with → queer community")
    assert at.slider(key="f_weight").value == 2
    assert at.selectbox(key="ev").value == EDGE
    assert len(_quotes(at)) == 3
    links = at.dataframe[0].value
    assert set(links["weight"]) >= {3} and min(links["weight"]) >= 2


def test_app_shared_url_restores_expanded_neighbours(open_url):
    at = open_url(q="Mermaidcore", exp_for="trend:mermaidcore", exp=["trend:blokecore"])
    links = at.dataframe[0].value
    assert {"Adidas", "Millennials"} <= set(links["from"]) | set(links["to"])


def test_app_expand_writes_the_url(open_url):
    at = open_url(q="Mermaidcore")
    at.selectbox(key="expand_pick").set_value("trend:blokecore").run()
    at.button(key="expand").click().run()
    assert at.query_params["exp"] in ("trend:blokecore", ["trend:blokecore"])
    assert at.query_params["exp_for"] in ("trend:mermaidcore", ["trend:mermaidcore"])
    assert at.button(key="expand_reset").label == "Reset"  # the searched entity stays the seed


def test_app_hubs_are_badges_unless_asked(open_url):
    at = open_url(q="Girl Math")
    assert "2 nodes, 1 links drawn" in _texts(at.caption)  # Girl Math and Sexism
    at.toggle(key="hubs").set_value(True).run()
    assert "5 nodes, 4 links drawn" in _texts(at.caption)  # + Gen Z, Millennials, TikTok


def test_app_quote_opens_the_document_reader(open_url):
    at = open_url(q="Mermaidcore", ev="Mermaidcore → popular with → queer community")
    at.button(key=f"read:ev:{EDGE}:0").click().run()
    assert not at.exception, at.exception
    assert at.sidebar.radio(key="page").value == "Document"
    assert "### Queer mermaids on Instagram" in _texts(at.markdown)
    body = next(m.value for m in at.markdown if "<div" in m.value)
    assert "Mermaidcore" in body and "page=Explore" in body
    assert at.query_params["doc"] in (EDGE_DOC, [EDGE_DOC])  # the reader's URL can be shared


def test_app_reader_explains_an_unknown_document(open_url):
    at = open_url(page="Document", doc="doc:nope")
    assert "No document 'doc:nope'" in _texts(at.warning)


def test_app_links_drawn_per_node_come_from_the_url_and_what_is_left_out_is_counted(open_url):
    every = open_url(q="Mermaidcore", f_hops="2", f_drawn="0")
    capped = open_url(q="Mermaidcore", f_hops="2", f_drawn="1")
    assert capped.slider(key="f_drawn").value == 1
    assert len(capped.dataframe[0].value) < len(every.dataframe[0].value)
    assert "weaker links not drawn" in _texts(capped.caption)
    assert "weaker links not drawn" not in _texts(every.caption)
