"""Shared fixtures: the ontology, sample texts, and one store per backend.

The ``store`` fixture is parametrised over every backend, so each contract test
runs on the embedded FalkorDB and on the real Neo4j started by
``make neo4j-start``. Outside CI a missing Neo4j skips with how to enable it; in
CI (``CI=true``) it is a failure.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.ontology import Ontology, load_ontology

ROOT = Path(__file__).resolve().parent.parent
# The tests' own Neo4j: scripts/test.sh starts it on its own port and data folder and names
# it in TRENDGRAPH_TEST_NEO4J. Without that, no test connects to a Neo4j (another checkout's
# suite may own the one on 7688), and never with the user's NEO4J_* credentials.
NEO4J_URI = os.environ.get("TRENDGRAPH_TEST_NEO4J", "")
NEO4J_TEST_PASSWORD = os.environ.get("TRENDGRAPH_TEST_NEO4J_PASSWORD", "trendgraph-test")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
TEST_MARKER = "TrendgraphTestMarker"

os.environ["NEO4J_PASSWORD"] = NEO4J_TEST_PASSWORD
os.environ.pop("NEO4J_USERNAME", None)
os.environ.pop("NEO4J_DATABASE", None)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``early`` run first: the longest single tests (mypy over the whole code,
    about 30 s on a fresh clone's cold cache) would otherwise keep one worker busy after
    the other has finished, which ``make test-fast``'s one-minute budget cannot afford.
    xdist hands each worker a run of consecutive tests, so the first one starts at once."""
    items.sort(key=lambda item: item.get_closest_marker("early") is None)


# The tests that run texts through the spaCy pipelines, or build the extractor's knowledge
# tables (places, names: about 2 s a process): whole modules, and single tests.
MODEL_MODULES = frozenset([
    "test_knowledge.py", "test_extract.py", "test_extract_typing.py", "test_extract_cued_names.py",
    "test_extract_audiences.py", "test_extract_trends.py", "test_extract_probes.py",
    "test_relations.py", "test_resolve.py", "test_cli.py", "test_evaluate.py", "test_app.py",
    "test_sample_corpus_links.py", "test_ingest_pipeline.py",
])
MODEL_TESTS = frozenset([
    "tests/test_bad_input.py::test_bad_cli_exit_code_tells_partial_from_total_failure",
    "tests/test_extract_gate.py::test_gate_audience_patterns_match_as_the_plain_matcher",
])


def needs_models(nodeid: str) -> bool:
    test = nodeid.split("[", 1)[0]
    return test.split("::", 1)[0].rsplit("/", 1)[-1] in MODEL_MODULES or test in MODEL_TESTS


@pytest.hookimpl(optionalhook=True)  # xdist's hook: plain pytest runs without it
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """``--dist loadgroup`` (``make test-fast``): the tests that need the spaCy pipelines go
    to one worker as one unit, every other test goes to whichever worker is free. The
    models and the extractor's tables (about 8 s of CPU a process) then load in one worker
    instead of in each. (xdist's own loadgroup reads ``xdist_group`` marks by renaming
    node ids, which pytest 9 ignores.)"""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ModelsOnOneWorker(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "spaCy models" if needs_models(nodeid) else nodeid

    return ModelsOnOneWorker(config, log)


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own user data folder (the default store, a server's curation
    rules): never the user's, and never rules left there by another test for the same
    server address. Subprocesses inherit it."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
    monkeypatch.delenv("TRENDGRAPH_RULES", raising=False)


@pytest.fixture(autouse=True)
def _keep_main_module() -> Iterator[None]:
    """Streamlit's AppTest installs the app script as ``__main__`` and leaves it there;
    a later test that spawns processes (Dask workers) would re-run that script."""
    import sys

    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


@pytest.fixture(scope="session")
def ontology() -> Ontology:
    return load_ontology()


def _neo4j_reachable(uri: str) -> bool:
    from urllib.parse import urlparse

    parsed = urlparse(uri)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 7687), timeout=2):
            return True
    except OSError:
        return False


def open_test_store(backend: str, tmp_path: Path):
    """A fresh, empty store of ``backend``."""
    from kg.store import open_store

    if backend == "falkordb":
        return open_store(str(tmp_path / "graph.db"))
    require_test_neo4j()
    store = open_store(NEO4J_URI)
    _reset_owned(store)
    return store


def require_test_neo4j() -> None:
    """Skip (fail in CI) unless the tests' own Neo4j, started by scripts/test.sh, answers."""
    if not NEO4J_URI:
        message = ("The Neo4j tests run through `scripts/test.sh` (`make test`), which starts "
                   "their own server and sets TRENDGRAPH_TEST_NEO4J; plain pytest never "
                   "connects to a Neo4j it did not start.")
    elif not _neo4j_reachable(NEO4J_URI):
        message = (f"Neo4j is not reachable at {NEO4J_URI}: run the Neo4j tests through "
                   "`scripts/test.sh` (needs Java 17 and Maven).")
    else:
        return
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def _reset_owned(store) -> None:
    """Empty the test Neo4j, refusing when it holds data the tests did not write.

    The tests mark a database they own with one marker node; a database with data
    and no marker belongs to someone else and is never wiped.
    """
    from neo4j import GraphDatabase

    with GraphDatabase.driver(NEO4J_URI, auth=("neo4j", NEO4J_TEST_PASSWORD)) as driver:
        records, _, _ = driver.execute_query(
            f"OPTIONAL MATCH (m:{TEST_MARKER}) WITH count(m) AS marked "
            f"OPTIONAL MATCH (n) WHERE NOT n:{TEST_MARKER} RETURN marked, count(n) AS nodes"
        )
        marked, nodes = records[0]["marked"], records[0]["nodes"]
        if nodes and not marked:
            store.close()
            pytest.fail(
                f"Refusing to wipe the Neo4j at {NEO4J_URI}: it holds {nodes} nodes the tests "
                f"did not write (no :{TEST_MARKER} node). Point TRENDGRAPH_TEST_NEO4J at the "
                "tests' own server (scripts/test.sh starts one on port 7688); if it is that "
                "server, left unmarked by an interrupted run, delete var/test-neo4j/.",
                pytrace=False,
            )
        store.reset()
        mark_owned()


def mark_owned() -> None:
    """(Re)write the marker: tests may reset the database themselves, which removes it."""
    from neo4j import GraphDatabase

    with GraphDatabase.driver(NEO4J_URI, auth=("neo4j", NEO4J_TEST_PASSWORD)) as driver:
        driver.execute_query(f"MERGE (:{TEST_MARKER} {{owner: 'trendgraph tests'}})")


@pytest.fixture(params=["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator:
    graph = open_test_store(request.param, tmp_path)
    yield graph
    graph.close()
    if request.param == "neo4j":
        mark_owned()


CORPUS = ROOT / "tests" / "fixtures" / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """Three short FR/EN texts written for the tests (Mermaidcore, Girl Math, CrowdStrike)."""
    return CORPUS


@pytest.fixture(scope="session")
def ingested_store_uri(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An embedded store holding the test corpus, ingested once per session."""
    from ingest import read_paths
    from kg.ingestion import ingest

    def write(graph) -> None:
        report = ingest(read_paths([CORPUS]), graph)
        assert report.ok, report.errors

    return _store_holding(tmp_path_factory, "ingested", write)


def _store_holding(factory: pytest.TempPathFactory, name: str, write) -> str:
    """The URI of a new embedded store in its own folder, after ``write(store)``."""
    from kg.store import open_store

    uri = str(factory.mktemp(name) / "graph.db")
    with open_store(uri) as graph:
        write(graph)
    return uri


# -- store contract fixtures (issue 3) ---------------------------------------------------
# Plain kg.model extractions, no spaCy: three documents in two languages whose
# relations accumulate across documents, so weights, evidence and mention counts
# have known values on every backend.

def _contract_extractions() -> list:
    from kg.model import Document, Entity, Evidence, Extraction, Mention, Relation

    def entity(type_: str, name: str, *aliases: str, mentions: int = 1) -> Entity:
        found = [Mention(text=name, start=0, end=len(name), sentence=0)] * mentions
        return Entity(type=type_, name=name, aliases=list(aliases), mentions=found)

    def relation(kind: str, source: Entity, target: Entity, doc: str, *sentences: str):
        evidence = [Evidence(doc=doc, sentence=s) for s in sentences]
        return Relation(source=source.id, target=target.id, type=kind, evidence=evidence,
                        confidence=0.8)

    d1 = Document(id="doc:contract-en", text="…", source="tests/en.txt", kind="Article",
                  title="Mermaidcore makes a splash", url="https://example.org/mermaidcore",
                  date="2024-05-01", lang="en", platform="web", author="A. Writer")
    mermaid = entity("Trend", "Mermaidcore", "MermaidCore", "#MermaidCore", mentions=2)
    genz = entity("Audience", "Gen Z", "zoomers")
    tiktok = entity("Platform", "TikTok")
    first = Extraction(d1, [mermaid, genz, tiktok], [
        relation("POPULAR_WITH", mermaid, genz, d1.id, "Mermaidcore is huge with Gen Z."),
        relation("SPREADS_ON", mermaid, tiktok, d1.id, "Mermaidcore spreads on TikTok."),
    ], lang="en")

    d2 = Document(id="doc:contract-fr", text="…", source="tests/fr.txt", kind="Post",
                  title="", url="https://example.org/p/1", date="2024-06-10", lang="fr",
                  platform="instagram", author="@sirène")
    mermaid2 = entity("Trend", "Mermaidcore", "#mermaidcore")
    genz2 = entity("Audience", "Gen Z", "génération Z")
    queer = entity("Audience", "communauté queer")
    second = Extraction(d2, [mermaid2, genz2, queer], [
        relation("POPULAR_WITH", mermaid2, genz2, d2.id,
                 "La #mermaidcore séduit la génération Z.",
                 "La génération Z adore la mermaidcore."),
        relation("POPULAR_WITH", mermaid2, queer, d2.id,
                 "La communauté queer a fait de la mermaidcore un symbole."),
    ], lang="fr")

    d3 = Document(id="doc:contract-brands", text="…", source="tests/brands.txt",
                  kind="Article", title="Blockout2024 and the delivery apps",
                  date="2024-07-20", lang="en")
    uber = entity("Brand", "Uber Eats")
    crowdstrike = entity("Organization", "CrowdStrike")
    blockout = entity("Trend", "Blockout2024", "#Blockout2024")
    genz3 = entity("Audience", "Gen Z")
    boycott = entity("Topic", "Boycott", "boycotts")
    third = Extraction(d3, [uber, crowdstrike, blockout, genz3, boycott], [
        relation("ASSOCIATED_WITH", uber, blockout, d3.id, "Uber Eats was caught in Blockout2024."),
        relation("RELATED_TO", crowdstrike, uber, d3.id, "CrowdStrike sent Uber Eats vouchers."),
        relation("TARGETS", uber, genz3, d3.id, "Uber Eats targets Gen Z with memes."),
        relation("EMBODIES", blockout, boycott, d3.id, "Blockout2024 is a celebrity boycott."),
        relation("POPULAR_WITH", blockout, genz3, d3.id, "Gen Z drove Blockout2024."),
    ], lang="en")
    return [first, second, third]


@pytest.fixture
def contract_extractions() -> list:
    """Three fresh extractions (EN article, FR post, EN article) for the contract suite."""
    return _contract_extractions()


@pytest.fixture
def contract_store(store):
    """The ``store`` fixture with the contract extractions already written."""
    store.write(_contract_extractions())
    return store


@pytest.fixture
def transactional_store(request: pytest.FixtureRequest, store):
    """``store``, marking the test xfail where the backend declares no batch transactions."""
    if not store.traits.transactional_batches:
        request.applymarker(pytest.mark.xfail(
            reason=f"{store.traits.name} has no rollback: a failing statement leaves the "
                   "batch's other statements applied (StoreTraits.transactional_batches=False)",
            strict=True,
        ))
    return store


@pytest.fixture
def falkordb_store(tmp_path: Path) -> Iterator:
    """An empty embedded FalkorDB, for tests that compare the two backends."""
    graph = open_test_store("falkordb", tmp_path)
    yield graph
    graph.close()


@pytest.fixture
def neo4j_store(tmp_path: Path) -> Iterator:
    """The test Neo4j, emptied (skips or fails like the ``store`` fixture)."""
    graph = open_test_store("neo4j", tmp_path)
    yield graph
    graph.close()
    mark_owned()


@pytest.fixture(scope="module")
def contract_stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """Both backends holding the contract graph, shared by one module's read-only tests."""
    folder = tmp_path_factory.mktemp("contract")
    stores: dict = {}
    try:
        for name in ("neo4j", "falkordb"):  # Neo4j first: a skip then opens nothing
            stores[name] = open_test_store(name, folder)
            stores[name].write(_contract_extractions())
        yield stores
    finally:
        for graph in stores.values():
            graph.close()
        if "neo4j" in stores:
            mark_owned()


@pytest.fixture(scope="session")
def neo4j_uri() -> str:
    """Where the test Neo4j listens (``TRENDGRAPH_TEST_NEO4J``)."""
    require_test_neo4j()
    return NEO4J_URI


# -- analytics and app fixtures (issue 5) ------------------------------------------------
# tests/small_graph.py holds a hand-written graph with known trend dynamics, lift and
# controversy neighbours; tests/fixtures/browser/ holds the texts the browser test ingests
# with the real extractor (tests/test_browser.py).


@pytest.fixture(scope="session")
def small_graph_uri(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An embedded store holding the small graph, written once per session (read-only use)."""
    from small_graph import write_small_graph

    return _store_holding(tmp_path_factory, "small-graph", write_small_graph)


@pytest.fixture(scope="module")
def hub_graph_uri(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An embedded store holding tests/hub_graph.py's graph (hubs, platform links, undated
    documents), for one module's read-only tests."""
    from hub_graph import write_hub_graph

    return _store_holding(tmp_path_factory, "hub-graph", write_hub_graph)


@pytest.fixture
def small_graph_store(store):
    """The ``store`` fixture (every backend) with the small graph written into it."""
    from small_graph import write_small_graph

    write_small_graph(store)
    return store


def _app_opener(monkeypatch: pytest.MonkeyPatch, uri: str):
    from streamlit.testing.v1 import AppTest

    def start(**params: str | list[str]) -> AppTest:
        monkeypatch.setenv("TRENDGRAPH_STORE", uri)
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, at.exception
        return at

    return start


@pytest.fixture
def open_url(monkeypatch: pytest.MonkeyPatch, small_graph_uri: str):
    """Open the app on the small graph as a fresh browser opens a shared URL: query
    parameters only. ``open_url(page="Compare", cmp=["a", "b"])`` -> a run AppTest."""
    return _app_opener(monkeypatch, small_graph_uri)


@pytest.fixture
def open_url_writable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """``open_url`` on a fresh copy of the small graph, for tests that write to the store."""
    from small_graph import write_small_graph

    from kg.store import open_store

    uri = str(tmp_path / "writable.db")
    with open_store(uri) as graph:
        write_small_graph(graph)
    return _app_opener(monkeypatch, uri)


SITE = ROOT / "tests" / "fixtures" / "site"


@pytest.fixture(scope="session")
def local_site() -> Iterator[str]:
    """tests/fixtures/site served over HTTP on a free loopback port; yields its base URL.

    A real server (http.server in a thread), so fetching a page goes through the
    network code a user's URL goes through, without leaving the machine.
    """
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(Quiet, directory=str(SITE)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# -- extraction fixtures (issue 4) ---------------------------------------------------------


@pytest.fixture(scope="session")
def warm_models() -> None:
    """Both spaCy pipelines loaded before a test whose own clock starts (an AppTest run
    has a 60 s limit, which a first model load can exceed on a loaded machine)."""
    from kg.extract import load_pipeline

    load_pipeline("en")
    load_pipeline("fr")


@pytest.fixture(scope="session")
def extract_text():
    """Extract one text written for a test: ``extract_text(text, lang="", title="")``.

    Session-scoped so the two spaCy pipelines load once for the whole run.
    """
    from kg.extract import extract
    from kg.model import Document, document_id

    def run(text: str, lang: str = "", title: str = ""):
        document = Document(id=document_id(title + text), text=text, source="test",
                            title=title, lang=lang)
        return extract(document)

    return run


@pytest.fixture(scope="session")
def entity_of():
    """``entity_of(extraction, name)``: the entity with that canonical name, or None."""

    def find(extraction, name: str):
        return next((e for e in extraction.entities if e.name == name), None)

    return find


# -- browser (tests/test_browser.py, tests/test_reliability_app.py) ------------------------
# One Playwright per session: its sync API cannot run twice in one process.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """Debian's headless Chromium through Playwright (nothing downloaded)."""
    import shutil

    executable = shutil.which("chromium")
    if executable is None:
        message = "Chromium is not installed: `apt-get install chromium` (Debian)."
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS,
                                              headless=True)
        yield chromium
        chromium.close()
