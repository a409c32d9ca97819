"""``trendgraph curate``: merge, rename, retype and hide entities, hide links, list, undo.

Thin like kg/cli.py: names are resolved as the app's search does, rules are built
and applied by kg.curation, and every change is written to the rules file first,
so `reset` and a new ingest keep it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from kg.errors import Errors, TrendgraphError
from kg.store import GraphStore, open_store

if TYPE_CHECKING:  # imported lazily at run time, so `trendgraph --help` stays quick
    from kg.curation.rulebook import RuleBook
    from kg.curation.rules import Rule

curate_app = typer.Typer(
    name="curate", no_args_is_help=True, add_completion=False,
    help="Fix the graph by hand (merge, rename, retype, hide); kept as rules in a file, "
         "applied to every later ingest, listed and undoable.",
)
out = Console()
err = Console(stderr=True)

StoreOption = Annotated[str | None, typer.Option(
    "--store", help="Store URI (as for every command).", show_default=False)]
RulesOption = Annotated[Path | None, typer.Option(
    "--rules", help="Rules file. Default: $TRENDGRAPH_RULES, else NAME.rules.jsonl beside an "
    "embedded store, else a file in your data directory named after an id the server's "
    "database keeps.", show_default=False)]
NoteOption = Annotated[str, typer.Option("--note", help="Why, for whoever reads the rules.")]


@contextmanager
def _session(store: str | None, rules: Path | None) -> Iterator[tuple[GraphStore, RuleBook]]:
    from kg.curation.rulebook import RuleBook

    try:
        with open_store(store) as graph:
            yield graph, RuleBook.for_store(graph, rules)
    except TrendgraphError as exc:
        typer.secho(f"Error: {exc}", err=True, fg="red")
        raise typer.Exit(2) from exc


def _id(graph: GraphStore, name: str) -> str:
    """An entity id (``trend:cozygaming``) or an exact name or alias (any case or accent).

    Never a fuzzy guess: a rule changes the graph for good, so "Mermaidcor" is an
    error that lists the close names rather than Mermaidcore.
    """
    from kg.errors import CurationError, UnknownEntityError
    from kg.model import fold
    from kg.search import build_index, search

    index = build_index(graph)
    exact = [hit for hit in index.entities
             if hit.id == name or fold(name) in {fold(n) for n in (hit.name, *hit.aliases)}]
    if len(exact) == 1:
        return exact[0].id
    if exact:
        choices = ", ".join(f"{h.id} ({h.name}, {h.type})" for h in exact)
        raise CurationError(Errors.AMBIGUOUS_NAME.format(name=name, choices=choices))
    raise UnknownEntityError(name, [h.name for h in search(index, name, limit=5)])


def _apply(graph: GraphStore, book: RuleBook, build: Callable[[], Rule], note: str) -> None:
    from kg.curation.curator import curate

    rule = build()
    with _bar() as progress:
        entries, report = curate(graph, book, [rule], by="cli", note=note, progress=progress)
    typer.echo(f"Rule {entries[0].id}: {entries[0].label}")
    typer.echo(f"{report.documents} document(s) rewritten, {report.entities_removed} entity "
               f"node(s) replaced or removed, {report.links_removed} link(s) removed.")
    typer.echo(f"Rules file: {book.path}")


@contextmanager
def _bar() -> Iterator[Callable[[int, int], None]]:
    with Progress(TextColumn("[bold]Rewriting"), BarColumn(), MofNCompleteColumn(),
                  console=err, transient=True) as bar:
        task = bar.add_task("rewrite", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total or None)


@curate_app.command()
def merge(
    source: Annotated[str, typer.Argument(help="Entity to fold in (name, alias or id).")],
    target: Annotated[str, typer.Argument(help="Entity that stays (name, alias or id).")],
    store: StoreOption = None, rules: RulesOption = None, note: NoteOption = "",
) -> None:
    """Merge SOURCE into TARGET: one node, SOURCE's names kept as aliases."""
    from kg.curation.curator import merge_rule

    with _session(store, rules) as (graph, book):
        _apply(graph, book, lambda: merge_rule(graph, _id(graph, source), _id(graph, target)),
               note)


@curate_app.command()
def rename(
    entity: Annotated[str, typer.Argument(help="Entity (name, alias or id).")],
    name: Annotated[str, typer.Argument(help="New canonical name.")],
    store: StoreOption = None, rules: RulesOption = None, note: NoteOption = "",
) -> None:
    """Give ENTITY a new name; the old one stays as an alias."""
    from kg.curation.curator import rename_rule

    with _session(store, rules) as (graph, book):
        _apply(graph, book, lambda: rename_rule(graph, _id(graph, entity), name), note)


@curate_app.command()
def retype(
    entity: Annotated[str, typer.Argument(help="Entity (name, alias or id).")],
    type_: Annotated[str, typer.Argument(metavar="TYPE", help="Ontology class, e.g. Place.")],
    store: StoreOption = None, rules: RulesOption = None, note: NoteOption = "",
) -> None:
    """Move ENTITY to another ontology class; its links are re-typed to fit."""
    from kg.curation.curator import retype_rule

    with _session(store, rules) as (graph, book):
        _apply(graph, book, lambda: retype_rule(graph, _id(graph, entity), type_), note)


@curate_app.command()
def hide(
    entity: Annotated[str, typer.Argument(help="Entity (name, alias or id).")],
    store: StoreOption = None, rules: RulesOption = None, note: NoteOption = "",
) -> None:
    """Leave ENTITY and its links out of the graph (now and in later ingests)."""
    from kg.curation.curator import hide_rule

    with _session(store, rules) as (graph, book):
        _apply(graph, book, lambda: hide_rule(graph, _id(graph, entity)), note)


@curate_app.command("hide-link")
def hide_link(
    source: Annotated[str, typer.Argument(help="One end (name, alias or id).")],
    target: Annotated[str, typer.Argument(help="The other end.")],
    rel_type: Annotated[str, typer.Option("--type", help="Only this link type, e.g. "
                                          "RELATED_TO (default: all).")] = "",
    store: StoreOption = None, rules: RulesOption = None, note: NoteOption = "",
) -> None:
    """Leave the links between SOURCE and TARGET out of the graph."""
    from kg.curation.curator import hide_link_rule

    with _session(store, rules) as (graph, book):
        _apply(graph, book, lambda: hide_link_rule(graph, _id(graph, source),
                                                   _id(graph, target), rel_type), note)


@curate_app.command("list")
def list_rules(
    store: StoreOption = None, rules: RulesOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the rules in force, numbered (the numbers `undo` takes)."""
    import json

    from kg.curation import describe
    from kg.curation.rules import rule_to_dict

    with _session(store, rules) as (_, book):
        entries = book.entries()
    if as_json:
        typer.echo(json.dumps([{"id": e.id, **rule_to_dict(e.rule), "at": e.at, "by": e.by,
                                "note": e.note, "label": e.label} for e in entries],
                              ensure_ascii=False, indent=2))
        return
    table = Table("#", "rule", "when", "note", title=str(book.path))
    for entry in entries:
        table.add_row(str(entry.id), entry.label or describe(entry.rule), entry.at, entry.note)
    if entries:
        out.print(table)
    else:
        typer.echo(f"No rules in {book.path}.")


@curate_app.command()
def undo(
    number: Annotated[int | None, typer.Argument(help="Rule number (default: the last).")]
    = None,
    store: StoreOption = None, rules: RulesOption = None,
) -> None:
    """Take a rule out and rebuild the graph from the stored extractions under the rest."""
    from kg.curation import describe
    from kg.curation.curator import undo as run_undo

    with _session(store, rules) as (graph, book), _bar() as progress:
        entry, report = run_undo(graph, book, number, progress=progress)
    typer.echo(f"Undid rule {entry.id}: {entry.label or describe(entry.rule)}; "
               f"{report.documents} document(s) rebuilt under {report.rules} remaining rule(s).")


@curate_app.command()
def rebuild(store: StoreOption = None, rules: RulesOption = None) -> None:
    """Rebuild every entity and link from the stored extractions under the rules."""
    from kg.curation.engine import rebuild as run_rebuild

    with _session(store, rules) as (graph, book), _bar() as progress:
        report = run_rebuild(graph, book.rules, progress=progress)
    typer.echo(f"Rebuilt {report.documents} document(s) under {report.rules} rule(s).")
