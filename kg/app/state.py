"""Cached store connections and query results shared by every page.

The store is opened once per URI per server process (``st.cache_resource``).
Page data is cached per parameters and per *state of the graph*: pages are handed
a graph key, the store's URI plus its version (one node read per run), so any write
(an upload, a CLI ingest, a curation) shows at the next run, and a result, however
costly, is computed once per state of the graph rather than once per page view.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import streamlit as st

from kg import affinity as affinities
from kg import analytics, compare, proof, views
from kg import landscape as landscapes
from kg.queries import document_node
from kg.reader import DocumentText, read_document
from kg.search import EntityHit, EntityIndex, build_index
from kg.store import (
    GraphStore,
    QueryResult,
    SavedView,
    StoreStats,
    default_store_uri,
    open_store,
)
from kg.subgraph import Selection, Subgraph, date_range, from_query, select

VERSION = "#version="
PAGE_ENTRIES = 64  # results per function, across parameters and graph states
GRAPH_ENTRIES = 4  # graph-wide computations: a few states of the graph

FACETS = f"""
MATCH {document_node('d')}
RETURN collect(DISTINCT d.lang) AS langs, collect(DISTINCT d.platform) AS platforms"""


def store_uri() -> str:
    return default_store_uri()


@st.cache_resource(show_spinner="Opening the graph store…")
def _connection(uri: str) -> GraphStore:
    return open_store(uri)


def store(key: str) -> GraphStore:
    """The open store of a URI or of a graph key."""
    uri, versioned, _ = key.rpartition(VERSION)
    return _connection(uri if versioned else key)


def graph_key(uri: str) -> str:
    return f"{uri}{VERSION}{store(uri).version()}"


@st.cache_resource(show_spinner="Indexing entity names…", max_entries=2)
def entity_index(uri: str) -> EntityIndex:
    return build_index(store(uri))


def refresh() -> None:
    """Forget every cached result so the next run reads the store again."""
    st.cache_data.clear()
    entity_index.clear()
    entity_names.clear()


def entities_of(uri: str, type_: str) -> list[EntityHit]:
    """Entities of one class, most mentioned first, from the cached name index."""
    hits = [h for h in entity_index(uri).entities if h.type == type_]
    return sorted(hits, key=lambda h: (-h.mentions, h.name.lower()))


@st.cache_data(show_spinner=False, max_entries=PAGE_ENTRIES)
def stats(uri: str) -> StoreStats:
    return store(uri).stats()


@dataclass(frozen=True, slots=True)
class Facets:
    langs: tuple[str, ...]
    platforms: tuple[str, ...]
    first: date | None
    last: date | None
    undated: int = 0


@st.cache_data(show_spinner=False, max_entries=PAGE_ENTRIES)
def facets(uri: str) -> Facets:
    """Languages, platforms, and the span of *dated* documents (undated ones are counted)."""
    row = store(uri).query(FACETS).first() or {}
    dates = date_range(store(uri))
    return Facets(
        langs=tuple(sorted(x for x in row.get("langs") or [] if x)),
        platforms=tuple(sorted(x for x in row.get("platforms") or [] if x)),
        first=analytics.parse_day(dates.first),
        last=analytics.parse_day(dates.last),
        undated=dates.undated,
    )


@st.cache_data(show_spinner="Reading the neighbourhood…", max_entries=PAGE_ENTRIES)
def neighbourhood(uri: str, selection: Selection) -> Subgraph:
    return select(store(uri), selection)


@st.cache_data(show_spinner=False, max_entries=PAGE_ENTRIES)
def details(uri: str, entity_id: str) -> analytics.EntityDetails:
    return analytics.entity_details(store(uri), entity_id)


@st.cache_data(show_spinner=False, max_entries=PAGE_ENTRIES)
def quotes(uri: str, pairs: tuple[tuple[str, str], ...]) -> list[analytics.Quote]:
    return analytics.quotes(store(uri), pairs)


@st.cache_data(show_spinner=False, max_entries=PAGE_ENTRIES)
def link_evidence(uri: str, source: str, target: str, rel_type: str) -> list[analytics.Quote]:
    return analytics.link_evidence(store(uri), source, target, rel_type)


@st.cache_data(show_spinner="Ranking trends…", max_entries=GRAPH_ENTRIES)
def rising(uri: str, window_days: int, as_of: date | None) -> analytics.RisingReport:
    return analytics.rising_trends(store(uri), window_days=window_days, as_of=as_of)


@st.cache_data(show_spinner="Profiling the trend…", max_entries=PAGE_ENTRIES)
def trend_profile(uri: str, trend_id: str, window_days: int,
                  as_of: date | None = None) -> analytics.TrendProfile:
    return analytics.trend_profile(store(uri), trend_id, window_days=window_days, as_of=as_of)


@st.cache_data(show_spinner="Counting audience-trend links…", max_entries=GRAPH_ENTRIES)
def pair_counts(uri: str, measure: str) -> affinities.PairCounts:
    return affinities.pair_counts(store(uri), measure=measure)


@st.cache_data(show_spinner="Computing affinities…", max_entries=GRAPH_ENTRIES)
def affinity(uri: str, measure: str, max_audiences: int, max_trends: int) -> analytics.Affinity:
    return analytics.affinity_matrix(store(uri), measure=measure, max_audiences=max_audiences,
                                     max_trends=max_trends, counts=pair_counts(uri, measure))


def over_index(counts: affinities.PairCounts, audience: str,
               versus: str | None) -> list[affinities.OverIndex]:
    return affinities.over_index(counts, audience, versus)


@st.cache_data(show_spinner="Reading the brand's links…", max_entries=PAGE_ENTRIES)
def brand_profile(uri: str, brand_id: str) -> analytics.BrandProfile:
    return analytics.brand_profile(store(uri), brand_id)


def _params(params_json: str) -> dict[str, Any]:
    return json.loads(params_json) if params_json else {}


@st.cache_data(show_spinner="Running the query…", max_entries=PAGE_ENTRIES)
def run_query(uri: str, cypher: str, params_json: str, limit: int, timeout: float) -> QueryResult:
    """Console queries; errors are raised, and Streamlit never caches a raised error."""
    return store(uri).query(cypher, _params(params_json), limit=limit, timeout=timeout)


@st.cache_data(show_spinner=False, max_entries=PAGE_ENTRIES)
def query_graph(uri: str, cypher: str, params_json: str, limit: int, max_nodes: int) -> Subgraph:
    return from_query(store(uri), cypher, _params(params_json), max_nodes=max_nodes, limit=limit)


@st.cache_data(show_spinner="Mapping the landscape…", max_entries=GRAPH_ENTRIES)
def current_landscape(uri: str) -> landscapes.Landscape:
    return landscapes.current(store(uri))


@st.cache_data(show_spinner="Drawing the cluster…", max_entries=PAGE_ENTRIES)
def cluster_graph(uri: str, cluster_id: int, max_nodes: int) -> Subgraph:
    cluster = current_landscape(uri).cluster(cluster_id)
    if cluster is None:
        return Subgraph()
    return landscapes.cluster_subgraph(store(uri), cluster, max_nodes=max_nodes)


def hub_ids(uri: str) -> frozenset[str]:
    """Platforms and the largest audiences, from the cached name index."""
    entities = {h.id: landscapes.Member(h.id, h.name, h.type, h.mentions)
                for h in entity_index(uri).entities}
    return frozenset(landscapes.hub_ids(entities))


@st.cache_data(show_spinner=False, max_entries=PAGE_ENTRIES)
def document(uri: str, doc_id: str) -> DocumentText:
    return read_document(store(uri), doc_id)


@st.cache_data(show_spinner=False, max_entries=PAGE_ENTRIES)
def pair_quotes(uri: str, a: str, b: str) -> list[analytics.Quote]:
    return proof.pair_quotes(store(uri), a, b)


@st.cache_data(show_spinner=False, max_entries=PAGE_ENTRIES)
def path_quotes(uri: str, a: str, b: str) -> list[proof.PathProof]:
    return proof.path_quotes(store(uri), a, b)


@st.cache_data(show_spinner=False, max_entries=PAGE_ENTRIES)
def mention_quotes(uri: str, entity_id: str, since: str, until: str,
                   also: str = "") -> list[analytics.Quote]:
    return proof.mention_quotes(store(uri), entity_id, since=since, until=until, also=also)


@st.cache_resource(show_spinner=False, max_entries=2)
def entity_names(uri: str) -> dict[str, str]:
    return {h.id: h.name for h in entity_index(uri).entities}


def name_of(uri: str, entity_id: str) -> str:
    """An entity's name from the cached index (its id when the index does not know it)."""
    return entity_names(uri).get(entity_id, entity_id)


@st.cache_data(show_spinner="Comparing…", max_entries=PAGE_ENTRIES)
def comparison(uri: str, ids: tuple[str, ...]) -> compare.Comparison:
    return compare.compare_entities(store(uri), list(ids))


@st.cache_data(show_spinner="Comparing the two periods…", max_entries=PAGE_ENTRIES)
def period_comparison(uri: str, entity_id: str, first: tuple[date, date],
                      second: tuple[date, date]) -> compare.PeriodComparison:
    return compare.compare_periods(store(uri), entity_id, analytics.Window(*first),
                                   analytics.Window(*second))


@st.cache_data(show_spinner=False, max_entries=PAGE_ENTRIES)
def saved_views(uri: str) -> list[SavedView]:
    return views.saved_views(store(uri))
