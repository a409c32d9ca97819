"""The ``trendgraph`` command line: parse, call the core, render. Nothing else."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.errors import TrendgraphError
from kg.secrets import scrub
from kg.store import default_store_uri, open_store

app = typer.Typer(
    name="trendgraph",
    help="Cultural-trend knowledge graph: ingest articles and posts, explore and export.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="Store URI: a file path (embedded FalkorDB), falkordb://host:port, or "
        "bolt:// / neo4j:// / neo4j+s:// for Neo4j. Default: $TRENDGRAPH_STORE or a file "
        "in your data directory.",
        show_default=False,
    ),
]


def _fail(exc: TrendgraphError) -> typer.Exit:
    typer.secho(f"Error: {scrub(str(exc))}", err=True, fg="red")
    return typer.Exit(2)


def _json(value: Any) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2, default=_plain))


def _plain(value: Any) -> Any:
    from dataclasses import asdict, is_dataclass

    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return str(value)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to read.")],
    store: StoreOption = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, help="Extraction processes (default: every core; 1 = in this "
        "process). With --cluster local, the number of Dask workers.", show_default=False,
    )] = None,
    cluster: Annotated[str | None, typer.Option(
        "--cluster", help="Extract on a Dask cluster: a scheduler address "
        "(tcp://host:8786) or 'local' to start one on this machine.", show_default=False,
    )] = None,
    bulk_neo4j: Annotated[Path | None, typer.Option(
        "--bulk-neo4j", help="First load of a large corpus: write the CSV files of "
        "`neo4j-admin database import full` into this new or empty folder instead of "
        "storing (with --store, that Neo4j must be empty).", show_default=False,
    )] = None,
) -> None:
    """Read articles and posts, extract the graph and store it (re-runs add nothing)."""
    from ingest import read_paths
    from ingest.files import expand
    from kg.extract.engines import default_workers
    from kg.ingestion import ingest as run_ingest

    files, _ = expand(paths)
    try:
        graph = open_store(store) if store or not bulk_neo4j else None
        with Progress(
            TextColumn("[bold]{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=err, transient=False,
        ) as bar:
            tasks = {
                "read": bar.add_task("Reading", total=len(files)),
                "extract": bar.add_task("Extracting", total=None),
                "store": bar.add_task("Storing", total=None),
            }

            def progress(stage: str, done: int, total: int) -> None:
                bar.update(tasks[stage], completed=done, total=total or None)

            cores = workers or default_workers()
            if bulk_neo4j:
                from kg.bulk_load import prepare_bulk_load

                load = prepare_bulk_load(read_paths(paths), bulk_neo4j, target=graph,
                                         progress=progress, workers=cores, cluster=cluster)
                report = load.report
            else:
                assert graph is not None
                report = run_ingest(read_paths(paths), graph, progress=progress, workers=cores,
                                    cluster=cluster)
        if graph is not None:
            graph.close()
    except TrendgraphError as exc:
        raise _fail(exc) from exc
    if bulk_neo4j:
        _print_bulk(load)
    else:
        assert graph is not None
        out.print(f"Ingested into [bold]{graph.location}[/bold]", highlight=False)
    table = Table(show_header=False)
    for label, value in [
        ("files", report.files), ("documents read", report.documents_read),
        ("new", report.documents_new), ("already stored (skipped)", report.documents_skipped),
        ("rejected", len(report.errors)), ("entities new or updated", report.entities),
        ("links new or updated", report.relations),
        ("extraction workers", _workers_line(report.workers, report.worker_peak_mb)),
    ]:
        table.add_row(label, str(value))
    out.print(table)
    for warning in report.warnings:
        typer.secho(f"warning {warning.source}: {warning.reason}", err=True, fg="yellow")
    for error in report.errors:
        typer.secho(f"rejected {error.source}: {error.reason}", err=True, fg="red")
    if report.store_error:
        typer.secho(f"Error: writing stopped: {report.store_error}. The batches written "
                    "before are complete; run the same command again to finish.",
                    err=True, fg="red")
    # 0: everything read; 1: partial (some files or rows rejected, or the store failed
    # part-way); 3: nothing could be read.
    if report.ok:
        raise typer.Exit(0)
    raise typer.Exit(1 if report.documents_read else 3)


def _print_bulk(load: Any) -> None:
    files = load.files
    out.print(f"Import files for neo4j-admin in [bold]{files.folder}[/bold]: "
              f"{sum(files.nodes.values()):,} nodes, "
              f"{sum(files.relationships.values()):,} relationships.", highlight=False)
    out.print("Load them into a stopped, new or empty database (services/neo4j/import.sh "
              "does it for the local server):", highlight=False)
    out.print(f"  {files.command()}", highlight=False)
    if load.rules:
        out.print(f"Corpus consolidation rules: {load.rules} (copy them to the store's "
                  "rules file so later ingests apply them).", highlight=False)


def _workers_line(workers: int, peaks: dict[str, float]) -> str:
    if not peaks:
        return str(workers)
    sizes = sorted(peaks.values())
    return (f"{workers} (peak memory per worker {sizes[0]:,.0f}"
            f"{f'-{sizes[-1]:,.0f}' if len(sizes) > 1 else ''} MB)")


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Files to extract from.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (the default).")] = True,
) -> None:
    """Extract entities and relations from files without storing anything."""
    from ingest import read_paths
    from kg.extract import extract_many

    documents, errors = [], []
    for read in read_paths(files):
        documents.extend(read.documents)
        errors.extend(read.errors)
    entities: dict[str, dict[str, Any]] = {}
    relations: dict[tuple[str, str, str], dict[str, Any]] = {}
    names: dict[str, str] = {}
    for extraction in extract_many(documents):
        for entity in extraction.entities:
            names[entity.id] = entity.name
            row = entities.setdefault(
                entity.id, {"name": entity.name, "type": entity.type, "aliases": [],
                            "mentions": 0})
            row["aliases"] = list(dict.fromkeys([*row["aliases"], *entity.aliases]))
            row["mentions"] += len(entity.mentions)
        for relation in extraction.relations:
            row = relations.setdefault(
                (relation.type, relation.source, relation.target),
                {"source": relation.source, "target": relation.target, "type": relation.type,
                 "weight": 0, "evidence": []})
            row["weight"] += relation.weight
            row["evidence"] += [{"doc": e.doc, "sentence": e.sentence} for e in relation.evidence]
    for row in relations.values():
        row["source"], row["target"] = names[row["source"]], names[row["target"]]
    _json({
        "documents": len(documents),
        "entities": sorted(entities.values(), key=lambda e: (-e["mentions"], e["name"])),
        "relations": sorted(relations.values(), key=lambda r: -r["weight"]),
        "errors": [{"source": e.source, "reason": e.reason} for e in errors],
    })
    raise typer.Exit(1 if errors else 0)


def _parse_params(values: list[str]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for item in values:
        key, sep, raw = item.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"--param must look like key=value, got {item!r}")
        try:
            params[key] = json.loads(raw)
        except json.JSONDecodeError:
            params[key] = raw
    return params


def _cell(value: Any) -> Any:
    from kg.store.base import GraphNode, GraphRel

    if isinstance(value, GraphNode):
        return {"labels": list(value.labels), **value.properties}
    if isinstance(value, GraphRel):
        return {"type": value.type, **value.properties}
    if isinstance(value, list):
        return [_cell(v) for v in value]
    return value


@app.command()
def query(
    cypher: Annotated[str, typer.Argument(help="A read-only Cypher query.")],
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="Query parameter key=value "
                                       "(value parsed as JSON when it can be).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
    limit: Annotated[int, typer.Option(help="Maximum rows returned.")] = 1000,
    timeout: Annotated[float, typer.Option(help="Seconds before the query is stopped.")] = 10.0,
    store: StoreOption = None,
) -> None:
    """Run a read-only Cypher query (writes are refused)."""
    if fmt not in ("table", "json", "csv"):
        raise typer.BadParameter("--format must be table, json or csv")
    try:
        with open_store(store) as graph:
            result = graph.query(cypher, _parse_params(param or []), limit=limit, timeout=timeout)
    except TrendgraphError as exc:
        raise _fail(exc) from exc
    rows = [{c: _cell(v) for c, v in row.items()} for row in result.dicts()]
    if fmt == "json":
        _json(rows)
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(result.columns)
        for row in rows:
            writer.writerow([json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict)
                             else v for v in row.values()])
        typer.echo(buffer.getvalue(), nl=False)
    else:
        table = Table(*result.columns)
        for row in rows:
            table.add_row(*(json.dumps(v, ensure_ascii=False, default=str)
                            if isinstance(v, list | dict) else str(v) for v in row.values()))
        out.print(table)
        out.print(f"{len(rows)} row(s)" + (" (truncated by --limit)" if result.truncated else ""))


@app.command()
def stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    store: StoreOption = None,
) -> None:
    """Count nodes per label and relationships per type, and show where the store is."""
    try:
        with open_store(store) as graph:
            summary = graph.stats()
    except TrendgraphError as exc:
        raise _fail(exc) from exc
    if as_json:
        _json({"store": summary.location, "backend": summary.backend,
               "labels": summary.labels, "types": summary.types})
        return
    out.print(f"Store: [bold]{summary.location}[/bold] ({summary.backend})", highlight=False)
    for title, counts in (("Label", summary.labels), ("Relationship type", summary.types)):
        table = Table(title, "Count")
        for name, count in sorted(counts.items()):
            table.add_row(name, str(count))
        out.print(table)


@app.command()
def reset(
    store: StoreOption = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete everything in a store, to start over."""
    try:
        with open_store(store) as graph:
            if not yes and not typer.confirm(f"Delete everything in {graph.location}?"):
                raise typer.Exit(1)
            graph.reset()
            out.print(f"Emptied {graph.location}.", highlight=False)
    except TrendgraphError as exc:
        raise _fail(exc) from exc


@app.command("app")
def run_app(
    store: StoreOption = None,
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8501,
    host: Annotated[str, typer.Option(
        help="Address to listen on. 127.0.0.1 serves this machine only; another address "
        "(0.0.0.0 for every interface) needs TRENDGRAPH_APP_PASSWORD, a shared secret the "
        "app asks for.")] = "127.0.0.1",
    headless: Annotated[bool, typer.Option(help="Do not open a browser.")] = False,
) -> None:
    """Open the Streamlit explorer on a store (Ctrl-C or SIGTERM stops it and its server)."""
    from kg.serve import serve

    try:
        code = serve(store_uri=store or default_store_uri(), port=port, host=host,
                     headless=headless)
    except TrendgraphError as exc:
        raise _fail(exc) from exc
    raise typer.Exit(code)


@app.command("eval")
def evaluate(
    gold_dirs: Annotated[list[Path] | None, typer.Argument(
        help="Gold folders (NAME.txt + NAME.gold.json), scored side by side. Default: "
        "every split under tests/gold (dev, blind).", show_default=False)] = None,
    split: Annotated[list[str] | None, typer.Option(
        "--split", help="A split name under --root (repeatable): --split dev --split blind.",
        show_default=False)] = None,
    root: Annotated[Path, typer.Option(help="Folder that holds the splits.")] = Path("tests/gold"),
    details: Annotated[bool, typer.Option(
        "--details", help="List misses and false positives (dev splits only; refused for a "
        "folder named blind).")] = False,
    baseline: Annotated[bool, typer.Option(
        "--baseline/--no-baseline", help="Also score spaCy's NER alone.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Score extraction against gold splits: entities per type, merges, relations, baseline."""
    from kg.evaluate import evaluate_splits, format_report, split_folders

    try:
        folders = split_folders(gold_dirs or [], splits=split or [], root=root)
        report = evaluate_splits(folders, baseline=baseline, details=details)
    except TrendgraphError as exc:
        raise _fail(exc) from exc
    if as_json:
        _json(report)
    else:
        typer.echo(format_report(report))


SPARK_BARS = "▁▂▃▄▅▆▇█"


def _window_days(text: str) -> int:
    """'30d', '4w' or '30' -> days; anything else is a usage error that says what works."""
    raw = text.strip().lower()
    unit = 7 if raw.endswith("w") else 1
    number = raw.rstrip("dw")
    if not number.isdigit() or int(number) < 1:
        raise typer.BadParameter(f"--window must look like 30d, 4w or 30, got {text!r}")
    return int(number) * unit


def _spark(values: tuple[int, ...]) -> str:
    top = max(values, default=0)
    if not top:
        return SPARK_BARS[0] * len(values)
    return "".join(SPARK_BARS[round(v / top * (len(SPARK_BARS) - 1))] for v in values)


@app.command()
def trends(
    window: Annotated[str, typer.Option(help="Window length: 30d, 4w or a number of days.")]
    = "30d",
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Last day of the window (YYYY-MM-DD). "
                                 "Default: the newest document date in the store.")
    ] = None,
    limit: Annotated[int, typer.Option(help="Show at most this many trends.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    store: StoreOption = None,
) -> None:
    """Rising trends: documents in the window against the window before, fastest first."""
    from datetime import date

    from kg.analytics import rising_trends

    days = _window_days(window)
    try:
        day = date.fromisoformat(as_of) if as_of else None
    except ValueError as exc:
        raise typer.BadParameter(f"--as-of must be a date like 2025-11-28, got {as_of!r}") from exc
    try:
        with open_store(store) as graph:
            report = rising_trends(graph, window_days=days, as_of=day, limit=limit)
    except TrendgraphError as exc:
        raise _fail(exc) from exc
    if as_json:
        _json({
            "as_of": report.as_of.isoformat(), "window_days": days,
            "window": [report.window.start.isoformat(), report.window.end.isoformat()],
            "previous": [report.previous.start.isoformat(), report.previous.end.isoformat()],
            "weeks": [w.isoformat() for w in report.weeks],
            "trends": [
                {"trend": r.name, "id": r.id, "mentions": r.mentions, "previous": r.previous,
                 "growth": r.growth, "score": round(r.score, 3), "new": r.new,
                 "first_seen": r.first_seen, "weekly": list(r.weekly)}
                for r in report.rows
            ],
        })
        return
    table = Table("Trend", "Mentions", "Previous", "Growth", "New", "Weekly",
                  title=f"Rising trends, {report.window.start} to {report.window.end} "
                  f"vs {report.previous.start} to {report.previous.end}")
    for r in report.rows:
        growth = f"{r.growth:+.0%}" if r.growth is not None else "—"
        table.add_row(r.name, str(r.mentions), str(r.previous), growth, "new" if r.new else "",
                      _spark(r.weekly))
    out.print(table)
    if not report.rows:
        out.print("No trend is mentioned in this window; try a longer --window or an "
                  "earlier --as-of.")
    out.print("Mentions = documents mentioning the trend. Ranked by (mentions + 1) / "
              "(previous + 1).", highlight=False)


@app.command("export")
def export_subgraph(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (CSV: the stem "
                                         "of <stem>_nodes.csv and <stem>_edges.csv).")],
    seed: Annotated[
        list[str] | None, typer.Option("--seed", "-s", help="Entity to start from (name or "
                                       "alias; repeat for several).")
    ] = None,
    hops: Annotated[int, typer.Option(min=1, max=3, help="Rings of neighbours (1-3).")] = 1,
    types: Annotated[
        str | None, typer.Option("--types", help="Keep only these node types, e.g. "
                                 "Audience,Platform (seeds always stay).")
    ] = None,
    rel_types: Annotated[
        str | None, typer.Option("--rel-types", help="Keep only these link types, e.g. "
                                 "POPULAR_WITH,SPREADS_ON.")
    ] = None,
    min_weight: Annotated[int, typer.Option("--min-weight", min=1,
                                            help="Drop links with fewer supporting sentences.")]
    = 1,
    since: Annotated[str, typer.Option(help="Only links seen in documents from this date "
                                       "(YYYY-MM-DD).")] = "",
    until: Annotated[str, typer.Option(help="Only links seen in documents up to this date.")]
    = "",
    max_nodes: Annotated[int, typer.Option("--max-nodes", min=1,
                                           help="Keep the seeds and the most strongly linked "
                                           "nodes up to this many.")] = 40,
    cypher: Annotated[
        str | None, typer.Option("--cypher", help="Export what a read-only query returns "
                                 "(nodes and relationships) instead of seeds.")
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="pptx, story, png, svg, csv, xlsx, "
                                 "graphml, gexf, cyjs, ttl, jsonld or cypher. Default: from -o's "
                                 "suffix.")
    ] = None,
    title: Annotated[str | None, typer.Option(help="Slide title (default: the seeds).")] = None,
    subtitle: Annotated[
        str | None, typer.Option(help="Subtitle (default: the selection and today's date).")
    ] = None,
    edge_labels: Annotated[bool, typer.Option("--edge-labels/--no-edge-labels",
                                              help="Write the link type on each link where "
                                              "it fits (pptx/png/svg).")] = True,
    links_table: Annotated[bool, typer.Option("--links-table",
                                              help="Add a slide with the top links (pptx).")]
    = False,
    story: Annotated[bool, typer.Option("--story", help="Write a story deck: title, overview, "
                                        "one slide per neighbour type, weekly mentions, "
                                        "affinity, quotes, sources (same as --format story).")]
    = False,
    template: Annotated[
        Path | None, typer.Option("--template", exists=True, dir_okay=False,
                                  help="A client's .pptx whose slide master and theme the deck "
                                  "uses (pptx and story).")
    ] = None,
    through_hubs: Annotated[bool, typer.Option(
        "--through-hubs", help="Let hops beyond the first pass through platforms and the "
        "broadest audiences.")] = False,
    platform_links: Annotated[bool, typer.Option(
        "--platform-links", help="Keep platform-platform and audience-platform "
        "co-occurrences (left out by default).")] = False,
    include_undated: Annotated[bool, typer.Option(
        "--include-undated", help="With --since/--until, keep links from undated "
        "documents too.")] = False,
    store: StoreOption = None,
) -> None:
    """Export a subgraph for a deck or another tool: PPTX, PNG/SVG, CSV/XLSX, Gephi, RDF, Cypher."""
    from kg.export import FORMATS, export
    from kg.export.selection import subgraph_for

    name = "story" if story else (fmt or output.suffix.lstrip(".").lower())
    if name not in FORMATS:
        raise typer.BadParameter(
            f"choose --format among {', '.join(FORMATS)} (got {name or 'none'!r})",
            param_hint="--format",
        )
    try:
        with open_store(store) as graph:
            subgraph = subgraph_for(
                graph, seeds=seed or [], hops=hops, node_types=types, rel_types=rel_types,
                min_weight=min_weight, since=since, until=until, max_nodes=max_nodes,
                cypher=cypher, through_hubs=through_hubs, background_links=platform_links,
                include_undated=include_undated,
            )
            files = export(subgraph, name, output, title=title, subtitle=subtitle, store=graph,
                           edge_labels=edge_labels, links_table=links_table,
                           template=template.read_bytes() if template else None)
    except TrendgraphError as exc:
        raise _fail(exc) from exc
    more = f", {subgraph.omitted_nodes} more not shown" if subgraph.omitted_nodes else ""
    if subgraph.hidden_links:
        more += f", {subgraph.hidden_links} platform links left out (--platform-links)"
    if subgraph.undated_left_out:
        more += f", {subgraph.undated_left_out} undated documents left out (--include-undated)"
    err.print(f"{len(subgraph.nodes)} entities, {len(subgraph.edges)} links{more}.",
              highlight=False)
    for path in files:
        typer.echo(str(path))


def main() -> None:
    app()


def _add_subcommands() -> None:
    from kg.cli_curate import curate_app

    app.add_typer(curate_app)


_add_subcommands()
