"""Speaker notes a presenter can read aloud: the top quotes behind each link, capped.

A slide's notes name each link it shows (strongest first) with its three best
quotes, their source and date, and stop before ``CAP`` characters; what does not
fit is counted and sent to the appendix and the XLSX export, which hold every
sentence. Quotes are trimmed to a readable length at a word boundary.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kg.export.sources import Docs, Quote, quotes
from kg.export.wording import day, plural
from kg.ontology import Ontology
from kg.subgraph import Edge, Subgraph

CAP = 3000  # characters per slide
PER_LINK = 3
QUOTE_CHARS = 280


def trim(sentence: str, limit: int = QUOTE_CHARS) -> str:
    """One line, at most ``limit`` characters, cut at a word and marked with '…'."""
    flat = " ".join(sentence.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def source_line(quote: Quote) -> str:
    """'Title, platform, 2024-05-01' — the URL stays in the appendix and the XLSX."""
    parts = [" ".join(p.split()) for p in (quote.title, quote.platform, day(quote.date)) if p]
    return ", ".join(parts) if parts else quote.doc


def documents(edge: Edge) -> int:
    """Documents behind a link: the store's count, else the ones the subgraph carries."""
    return edge.doc_count or len(edge.docs)


def link_line(edge: Edge, names: dict[str, str], ontology: Ontology) -> str:
    return (f"{names.get(edge.source, edge.source)} — {ontology.rel_label(edge.type)} → "
            f"{names.get(edge.target, edge.target)} ({plural(edge.weight, 'sentence')}, "
            f"{plural(documents(edge), 'document')})")


def best_quotes(edge_quotes: Sequence[Quote], limit: int = PER_LINK) -> list[Quote]:
    """Body sentences before headlines, newest sources first, one per document first."""
    seen: set[str] = set()
    first: list[Quote] = []
    rest: list[Quote] = []
    for quote in sorted(edge_quotes, key=lambda q: (q.headline, -_stamp(q.date), q.doc,
                                                    q.sentence)):
        (rest if quote.doc in seen else first).append(quote)
        seen.add(quote.doc)
    return (first + rest)[:limit]


def _stamp(date: str) -> int:
    digits = "".join(ch for ch in day(date) if ch.isdigit())
    return int(digits) if digits else 0


def _candidates(edge_quotes: Sequence[Quote]) -> list[Quote]:
    """A link's top quotes; a headline only when no body sentence tells the link."""
    ranked = best_quotes(edge_quotes)
    told = [q for q in ranked if not q.headline]
    return told or ranked


def _quote_line(quote: Quote) -> str:
    return f"  • “{trim(quote.sentence)}” — {source_line(quote)}"


def link_notes(header: str, subgraph: Subgraph, docs: Docs, ontology: Ontology, *,
               shown: Iterable[tuple[str, str, str]] | None = None, cap: int = CAP) -> str:
    """Notes for a slide drawing the links keyed (source, type, target) in ``shown``.

    Without ``shown``, every link of the subgraph; best links first (``Edge.rank``:
    stated links, then those told in a body sentence, then by strength). Quotes are
    handed out in rounds, the first quote of every link before any link's second,
    so a crowded slide names all its links with one quote each before it runs out
    of room; links that do not fit at all are counted at the end.
    """
    names = subgraph.names
    by_edge: dict[tuple[str, str, str], list[Quote]] = {}
    for quote in quotes(subgraph, docs):
        by_edge.setdefault(quote.edge.key, []).append(quote)
    keep = set(shown) if shown is not None else None
    edges = [e for e in sorted(subgraph.edges, key=lambda e: e.rank)
             if keep is None or e.key in keep]
    head = [header, "", "Evidence for the links on this slide (strongest first):"]
    budget = cap - 120 - sum(len(line) + 1 for line in head)
    picked: dict[int, list[Quote]] = {}
    for turn in range(PER_LINK):
        for k, edge in enumerate(edges):
            options = _candidates(by_edge.get(edge.key, []))
            if turn and (k not in picked or len(options) <= turn):
                continue
            size = len(_quote_line(options[turn])) + 1 if options else 24
            if not turn:
                size += len(link_line(edge, names, ontology)) + 2
            if size > budget:
                continue
            budget -= size
            picked.setdefault(k, []).extend(options[turn:turn + 1])
    lines = list(head)
    for k, edge in enumerate(edges):
        if k in picked:
            lines += ["", link_line(edge, names, ontology)]
            lines += [_quote_line(q) for q in picked[k]] or ["  • (no quote stored)"]
    left_out = len(edges) - len(picked)
    if left_out:
        lines += ["", f"{plural(left_out, 'more link')} on this slide: every quote is in the "
                      "XLSX export (evidence sheet); the story's appendix lists the sources."]
    return "\n".join(lines)
