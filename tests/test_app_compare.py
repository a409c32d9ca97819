"""The Compare page through AppTest on the small graph: entities side by side and one
entity in two periods, each view opened from its URL as a fresh browser would."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

TRENDS = ["trend:mermaidcore", "trend:girlmath"]


def _quotes(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith(">")]


def _table(at: AppTest, column: str):
    return next(df.value for df in at.dataframe if column in df.value.columns)


def test_app_compare_defaults_to_the_two_most_mentioned_and_writes_them(open_url):
    at = open_url(page="Compare")
    assert at.multiselect(key="url:cmp").value == TRENDS
    assert at.query_params["cmp"] == TRENDS
    assert [m.label for m in at.metric] == ["Mermaidcore", "Girl Math"]


def test_app_compare_shared_url_restores_the_entities(open_url):
    at = open_url(page="Compare", cmp_type="Trend",
                  cmp=["trend:girlmath", "trend:blokecore", "trend:mermaidcore"])
    assert [m.label for m in at.metric] == ["Girl Math", "Blokecore", "Mermaidcore"]
    shared = _table(at, "neighbour")
    millennials = shared[shared["neighbour"] == "Millennials"].iloc[0]
    assert (millennials["Girl Math"], millennials["Blokecore"], millennials["Mermaidcore"]) \
        == (1, 1, 0)


def test_app_compare_shared_neighbour_opens_each_ones_quotes(open_url):
    at = open_url(page="Compare", cmp=TRENDS, proof="shared:audience:genz")
    quotes = _quotes(at)
    assert any("Mermaidcore popular with Gen Z" in q for q in quotes)
    assert any("Girl Math popular with Gen Z" in q for q in quotes)


def test_app_compare_audiences(open_url):
    at = open_url(page="Compare", cmp_type="Audience")
    assert [m.label for m in at.metric] == ["Gen Z", "Millennials"]  # most mentioned


def test_app_compare_two_periods_of_one_trend(open_url):
    at = open_url(page="Compare", cmp_mode="periods", cmp_one="trend:mermaidcore",
                  pa="2025-10-01..2025-10-31", pb="2025-11-01..2025-11-30")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Documents, period A"] == "1" and metrics["Documents, period B"] == "6"
    appeared = [df.value for df in at.dataframe if "entity" in df.value.columns][-2]
    assert {"Gen Z", "Levi's"} <= set(appeared["entity"])


def test_app_compare_period_co_mention_opens_its_documents(open_url):
    at = open_url(page="Compare", cmp_mode="periods", cmp_one="trend:mermaidcore",
                  pa="2025-10-01..2025-10-31", pb="2025-11-01..2025-11-30",
                  proof="pb:co:brand:levis")
    quotes = _quotes(at)
    assert len(quotes) == 2 and all("Levi's associated with Mermaidcore" in q for q in quotes)
    at.button(key="read:m:pb:co:brand:levis:0").click().run()
    assert at.sidebar.radio(key="page").value == "Document"
