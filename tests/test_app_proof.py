"""Proof everywhere and views that keep: Trend profile, Brand view, Rising trends and the
affinity page through AppTest on the small graph, each opened from a URL."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def _quotes(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith(">")]


def test_app_trend_profile_url_names_its_trend(open_url):
    at = open_url(page="Trend profile", trend="trend:girlmath")
    assert "### Girl Math" in _texts(at.markdown)
    assert at.query_params["trend"] in ("trend:girlmath", ["trend:girlmath"])


def test_app_trend_profile_link_row_opens_its_quotes(open_url):
    at = open_url(page="Trend profile", trend="trend:girlmath", proof="link:topic:sexism")
    quotes = _quotes(at)
    assert len(quotes) == 1 and "Girl Math embodies Sexism" in quotes[0]


def test_app_trend_profile_count_opens_its_documents(open_url):
    at = open_url(page="Trend profile", trend="trend:mermaidcore")
    at.button(key="q:now").click().run()
    assert at.query_params["proof"] in ("now", ["now"])
    quotes = _quotes(at)
    assert len(quotes) == 6 and all("Mermaidcore" in q for q in quotes)
    at.button(key="read:m:now:0").click().run()
    assert at.sidebar.radio(key="page").value == "Document"
    assert "### Mermaidcore, the last word" in _texts(at.markdown)


def test_app_brand_flag_opens_the_path_behind_it(open_url):
    at = open_url(page="Brand view", brand="brand:kfc")
    at.button(key="q:flag:trend:blockout2024").click().run()
    assert "**Through Mister V**: KFC — Mister V — Blockout2024" in _texts(at.markdown)
    quotes = _quotes(at)
    assert any("KFC partners with Mister V" in q for q in quotes)
    assert any("Mister V related to Blockout2024" in q for q in quotes)


def test_app_brand_link_row_opens_its_quotes_then_the_document(open_url):
    at = open_url(page="Brand view", brand="brand:levis", proof="link:trend:mermaidcore")
    assert len(_quotes(at)) == 2
    at.button(key="read:p:link:trend:mermaidcore:0").click().run()
    assert "### Mermaidcore, the last word" in _texts(at.markdown)


def test_app_rising_window_pinned_in_the_url(open_url):
    at = open_url(page="Rising trends", asof="2025-10-31")
    assert "2025-10-02 → **2025-10-31** (pinned)" in _texts(at.caption)
    assert at.dataframe[0].value["trend"].iloc[0] == "Girl Math"


def test_app_rising_pin_writes_the_newest_date(open_url):
    at = open_url(page="Rising trends")
    at.radio(key="asof_mode").set_value("pinned").run()
    assert at.query_params["asof"] in ("2025-11-28", ["2025-11-28"])
    at.radio(key="asof_mode").set_value("latest").run()
    assert "asof" not in at.query_params


def test_app_rising_row_opens_the_documents_behind_its_count(open_url):
    at = open_url(page="Rising trends", proof="now:trend:blokecore")
    quotes = _quotes(at)
    assert len(quotes) == 2 and all("Blokecore" in q for q in quotes)


def test_app_affinity_ranked_list_against_another_audience(open_url):
    at = open_url(page="Audience × trend", aff_a="audience:genz", aff_b="audience:millennials")
    table = next(df.value for df in at.dataframe if "trend" in df.value.columns)
    assert list(table["trend"]) == ["Mermaidcore", "Barbiecore", "Girl Math"]
    assert list(table["Millennials"]) == [0, 0, 1]


def test_app_saved_view_is_listed_as_a_link_to_its_url(open_url_writable):
    at = open_url_writable(page="Compare", cmp=["trend:girlmath", "trend:blokecore"])
    assert "None yet" in _texts(at.sidebar.caption)
    at.sidebar.text_input(key="view_name").input("Girl Math vs Blokecore").run()
    at.sidebar.button(key="view_save").click().run()
    assert "Saved “Girl Math vs Blokecore”." in _texts(at.sidebar.success)
    link = next(m.value for m in at.sidebar.markdown if "Girl Math vs Blokecore" in m.value)
    assert "href='?page=Compare&amp;cmp=trend%3Agirlmath&amp;cmp=trend%3Ablokecore" in link


def test_app_saved_view_without_a_name_says_so(open_url_writable):
    at = open_url_writable(page="Landscape")
    at.sidebar.button(key="view_save").click().run()
    assert "Give the view a name" in _texts(at.sidebar.error)


def test_app_console_shared_url_runs_its_query(open_url):
    at = open_url(page="Cypher console",
                  cy="MATCH (t:Trend) WHERE t.mentions >= $least RETURN t.name AS name "
                     "ORDER BY name", cyp='{"least": 5}')
    assert at.text_area(key="console_cypher").value.startswith("MATCH (t:Trend)")
    names = list(at.dataframe[0].value["name"])
    assert names == ["Girl Math", "Mermaidcore"]


def test_app_chart_click_is_read_as_its_first_point_and_its_day() -> None:
    """Vega hands a clicked week over as epoch milliseconds (or an ISO string)."""
    from kg.app.components import clicked_day, clicked_point

    point = clicked_point({"selection": {"week": [{"week": 1717372800000}]}}, "week")
    assert point is not None and clicked_day(point["week"]) == "2024-06-03"
    assert clicked_day("2024-06-03T00:00:00") == "2024-06-03"


def test_app_chart_without_a_click_picks_nothing() -> None:
    from kg.app.components import clicked_point

    assert clicked_point({"selection": {"week": []}}, "week") is None
    assert clicked_point({"selection": {}}, "week") is None
    assert clicked_point(None, "week") is None
