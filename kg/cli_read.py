"""The commands that read a graph: ``query``, ``trends`` and ``export``.

Thin like kg/cli.py: the store runs the query, kg.analytics ranks the trends, the
selection is kg.export.selection's and the files kg.export's; the export options are
declared once here, so the command itself only calls them and reports.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from kg.cli import StoreOption, _fail, _json, err, out
from kg.errors import Errors, TrendgraphError
from kg.store import open_store
from kg.store.base import DEFAULT_ROW_LIMIT, DEFAULT_TIMEOUT
from kg.subgraph.model import LINKS_PER_NODE


def _parse_params(values: list[str]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for item in values:
        key, sep, raw = item.partition("=")
        if not sep or not key:
            raise typer.BadParameter(Errors.CLI_PARAM.format(item=item))
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


def query(
    cypher: Annotated[str, typer.Argument(help="A read-only Cypher query.")],
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="Query parameter key=value "
                                       "(value parsed as JSON when it can be).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
    limit: Annotated[int, typer.Option(help="Maximum rows returned.")] = DEFAULT_ROW_LIMIT,
    timeout: Annotated[float, typer.Option(
        help="Seconds before the query is stopped.")] = DEFAULT_TIMEOUT,
    store: StoreOption = None,
) -> None:
    """Run a read-only Cypher query (writes are refused)."""
    if fmt not in ("table", "json", "csv"):
        raise typer.BadParameter(Errors.CLI_QUERY_FORMAT)
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


SPARK_BARS = "▁▂▃▄▅▆▇█"


def _window_days(text: str) -> int:
    """'30d', '4w' or '30' -> days; anything else is a usage error that says what works."""
    raw = text.strip().lower()
    unit = 7 if raw.endswith("w") else 1
    number = raw.rstrip("dw")
    if not number.isdigit() or int(number) < 1:
        raise typer.BadParameter(Errors.CLI_WINDOW.format(text=text))
    return int(number) * unit


def _spark(values: tuple[int, ...]) -> str:
    top = max(values, default=0)
    if not top:
        return SPARK_BARS[0] * len(values)
    return "".join(SPARK_BARS[round(v / top * (len(SPARK_BARS) - 1))] for v in values)


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
        raise typer.BadParameter(Errors.CLI_AS_OF.format(as_of=as_of)) from exc
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


Output = Annotated[Path, typer.Option(
    "--output", "-o", help="File to write (CSV: the stem of <stem>_nodes.csv and "
    "<stem>_edges.csv).")]
Seeds = Annotated[list[str] | None, typer.Option(
    "--seed", "-s", help="Entity to start from (name or alias; repeat for several).")]
Hops = Annotated[int, typer.Option(min=1, max=3, help="Rings of neighbours (1-3).")]
Types = Annotated[str | None, typer.Option(
    "--types", help="Keep only these node types, e.g. Audience,Platform (seeds always stay).")]
RelTypes = Annotated[str | None, typer.Option(
    "--rel-types", help="Keep only these link types, e.g. POPULAR_WITH,SPREADS_ON.")]
MinWeight = Annotated[int, typer.Option(
    "--min-weight", min=1, help="Drop links with fewer supporting sentences.")]
Since = Annotated[str, typer.Option(
    help="Only links seen in documents from this date (YYYY-MM-DD).")]
Until = Annotated[str, typer.Option(help="Only links seen in documents up to this date.")]
MaxNodes = Annotated[int, typer.Option(
    "--max-nodes", min=1, help="Keep the seeds and the most strongly linked nodes up to "
    "this many.")]
Cypher = Annotated[str | None, typer.Option(
    "--cypher", help="Export what a read-only query returns (nodes and relationships) "
    "instead of seeds.")]
Format = Annotated[str | None, typer.Option(
    "--format", "-f", help="pptx, story, png, svg, csv, xlsx, graphml, gexf, cyjs, ttl, "
    "jsonld or cypher. Default: from -o's suffix.")]
Title = Annotated[str | None, typer.Option(help="Slide title (default: the seeds).")]
Subtitle = Annotated[str | None, typer.Option(
    help="Subtitle (default: the selection and today's date).")]
EdgeLabels = Annotated[bool, typer.Option(
    "--edge-labels/--no-edge-labels", help="Write the link type on each link where it fits "
    "(pptx/png/svg).")]
LinksTable = Annotated[bool, typer.Option(
    "--links-table", help="Add a slide with the top links (pptx).")]
Story = Annotated[bool, typer.Option(
    "--story", help="Write a story deck: title, overview, one slide per neighbour type, "
    "weekly mentions, affinity, quotes, sources (same as --format story).")]
Template = Annotated[Path | None, typer.Option(
    "--template", exists=True, dir_okay=False, help="A client's .pptx whose slide master "
    "and theme the deck uses (pptx and story).")]
ThroughHubs = Annotated[bool, typer.Option(
    "--through-hubs", help="Let hops beyond the first pass through platforms and the "
    "broadest audiences.")]
PlatformLinks = Annotated[bool, typer.Option(
    "--platform-links", help="Keep platform-platform and audience-platform co-occurrences "
    "(left out by default).")]
LinksPerNode = Annotated[int, typer.Option(
    "--links-per-node", min=0, help="Links drawn per node, strongest first, besides those "
    "that connect the picture (0 draws every link).")]
IncludeUndated = Annotated[bool, typer.Option(
    "--include-undated", help="With --since/--until, keep links from undated documents too.")]


def export_subgraph(
    output: Output, seed: Seeds = None, hops: Hops = 1, types: Types = None,
    rel_types: RelTypes = None, min_weight: MinWeight = 1, since: Since = "", until: Until = "",
    max_nodes: MaxNodes = 40, cypher: Cypher = None, fmt: Format = None, title: Title = None,
    subtitle: Subtitle = None, edge_labels: EdgeLabels = True, links_table: LinksTable = False,
    story: Story = False, template: Template = None, through_hubs: ThroughHubs = False,
    platform_links: PlatformLinks = False, include_undated: IncludeUndated = False,
    links_per_node: LinksPerNode = LINKS_PER_NODE, store: StoreOption = None,
) -> None:
    """Export a subgraph for a deck or another tool: PPTX, PNG/SVG, CSV/XLSX, Gephi, RDF, Cypher."""
    from kg.export import FORMATS, export
    from kg.export.selection import subgraph_for

    name = "story" if story else (fmt or output.suffix.lstrip(".").lower())
    if name not in FORMATS:
        raise typer.BadParameter(
            Errors.CLI_EXPORT_FORMAT.format(formats=", ".join(FORMATS), name=name or "none"),
            param_hint="--format",
        )
    try:
        with open_store(store) as graph:
            subgraph = subgraph_for(
                graph, seeds=seed or [], hops=hops, node_types=types, rel_types=rel_types,
                min_weight=min_weight, since=since, until=until, max_nodes=max_nodes,
                cypher=cypher, through_hubs=through_hubs, background_links=platform_links,
                include_undated=include_undated, links_per_node=links_per_node,
            )
            files = export(subgraph, name, output, title=title, subtitle=subtitle, store=graph,
                           edge_labels=edge_labels, links_table=links_table,
                           template=template.read_bytes() if template else None)
    except TrendgraphError as exc:
        raise _fail(exc) from exc
    err.print(_summary(subgraph), highlight=False)
    for path in files:
        typer.echo(str(path))


def _summary(subgraph) -> str:
    more = f", {subgraph.omitted_nodes} more not shown" if subgraph.omitted_nodes else ""
    if subgraph.hidden_links:
        more += f", {subgraph.hidden_links} platform links left out (--platform-links)"
    if subgraph.undated_left_out:
        more += f", {subgraph.undated_left_out} undated documents left out (--include-undated)"
    return f"{len(subgraph.nodes)} entities, {len(subgraph.edges)} links{more}."
