"""The ``trendgraph`` command line: parse, call the core, render. Nothing else."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

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
    from ingest import expand, read_expanded
    from kg.extract.engines import default_workers
    from kg.ingestion import ingest as run_ingest

    files, bad = expand(paths)  # walked once: counted for the bar, then read
    if bulk_neo4j:
        _bulk(read_expanded(files, bad), len(files) + len(bad), bulk_neo4j, store,
              workers or default_workers(), cluster)
    try:
        with open_store(store) as graph, _bars() as progress:
            progress("read", 0, len(files) + len(bad))
            report = run_ingest(read_expanded(files, bad), graph, progress=progress,
                                workers=workers or default_workers(), cluster=cluster)
    except TrendgraphError as exc:
        raise _fail(exc) from exc
    out.print(f"Ingested into [bold]{graph.location}[/bold]", highlight=False)
    _report(report)


def _report(report: Any) -> NoReturn:
    """The ingest summary, its warnings and errors, then the exit code."""
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


def _bulk(reads: Any, total: int, folder: Path, store: str | None, workers: int,
          cluster: str | None) -> NoReturn:
    """``ingest --bulk-neo4j``: import files instead of writes (kg.bulk_load)."""
    from contextlib import ExitStack

    from kg.bulk_load import prepare_bulk_load

    try:
        with ExitStack() as stack:
            target = stack.enter_context(open_store(store)) if store else None
            progress = stack.enter_context(_bars())
            progress("read", 0, total)
            load = prepare_bulk_load(reads, folder, target=target, progress=progress,
                                     workers=workers, cluster=cluster)
    except TrendgraphError as exc:
        raise _fail(exc) from exc
    files = load.files
    out.print(f"Import files for neo4j-admin in [bold]{files.folder}[/bold]: "
              f"{sum(files.nodes.values()):,} nodes, "
              f"{sum(files.relationships.values()):,} relationships. Load them into a "
              "stopped, new or empty database (services/neo4j/import.sh does it for the "
              f"local server):\n  {files.command()}", highlight=False)
    if load.rules:
        out.print(f"Corpus consolidation rules: {load.rules} (copy them to the store's "
                  "rules file so later ingests apply them).", highlight=False)
    _report(load.report)


@contextmanager
def _bars() -> Iterator[Callable[[str, int, int], None]]:
    """Rich bars for the reading, extracting and storing stages; yields their updater."""
    with Progress(TextColumn("[bold]{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=False) as bar:
        tasks = {"read": bar.add_task("Reading", total=None),
                 "extract": bar.add_task("Extracting", total=None),
                 "store": bar.add_task("Storing", total=None)}

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(tasks[stage], completed=done, total=total or None)

        yield progress


def _workers_line(workers: int, peaks: dict[str, float]) -> str:
    if not peaks:
        return str(workers)
    sizes = sorted(peaks.values())
    return (f"{workers} (peak memory per worker {sizes[0]:,.0f}"
            f"{f'-{sizes[-1]:,.0f}' if len(sizes) > 1 else ''} MB)")


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Files to extract from.")],
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print everything as JSON (entities with aliases, relations with "
        "their evidence) instead of tables.")] = False,
) -> None:
    """Extract entities and relations from files without storing anything."""
    from ingest import read_paths
    from kg.extract import extract_many
    from kg.extract.summary import summarize

    documents, errors = [], []
    for read in read_paths(files):
        documents.extend(read.documents)
        errors.extend(read.errors)
    found = summarize(extract_many(documents), documents=len(documents), errors=errors)
    if as_json:
        _json(found)
    else:
        _extract_tables(found)
    raise typer.Exit(1 if errors else 0)


def _extract_tables(found: dict[str, Any]) -> None:
    entities = Table("Entity", "Type", "Mentions", title=f"{found['documents']} document(s)")
    for row in found["entities"]:
        entities.add_row(row["name"], row["type"], str(row["mentions"]))
    relations = Table("Source", "Link", "Target", "Weight")
    for row in found["relations"]:
        relations.add_row(row["source"], row["type"], row["target"], str(row["weight"]))
    out.print(entities, relations)
    for error in found["errors"]:
        typer.secho(f"rejected {error['source']}: {error['reason']}", err=True, fg="red")


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


def main() -> None:
    app()


def _add_subcommands() -> None:
    from kg.cli_curate import curate_app
    from kg.cli_read import export_subgraph, query, trends

    app.command()(query)
    app.command()(trends)
    app.command("export")(export_subgraph)
    app.add_typer(curate_app)


_add_subcommands()
