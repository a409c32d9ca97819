"""Speaker notes a presenter can read aloud: the top quotes behind each link, capped.

A slide's notes name each link it shows (strongest first) with its three best
quotes, their source and date, and stop before ``CAP`` characters; what does not
fit is counted and sent to the appendix and the XLSX export, which hold every
sentence. Quotes are trimmed to a readable length at a word boundary.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kg.export.sources import Docs, Quote, quotes
from kg.export.wording import day, plural, relation_label
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
    return (f"{names.get(edge.source, edge.source)} — {relation_label(ontology, edge.type)} → "
            f"{names.get(edge.target, edge.target)} ({plural(edge.weight, 'sentence')}, "
            f"{plural(documents(edge), 'document')})")


def best_quotes(edge_quotes: Sequence[Quote], limit: int = PER_LINK) -> list[Quote]:
    """Newest dated sources first, one quote per document before any second one."""
    seen: set[str] = set()
    first, rest = [], []
    for quote in sorted(edge_quotes, key=lambda q: (-_stamp(q.date), q.doc, q.sentence)):
        (rest if quote.doc in seen else first).append(quote)
        seen.add(quote.doc)
    return (first + rest)[:limit]


def _stamp(date: str) -> int:
    digits = "".join(ch for ch in day(date) if ch.isdigit())
    return int(digits) if digits else 0


def link_notes(header: str, subgraph: Subgraph, docs: Docs, ontology: Ontology, *,
               shown: Iterable[tuple[str, str, str]] | None = None, cap: int = CAP) -> str:
    """Notes for a slide drawing the links keyed (source, type, target) in ``shown``.

    Without ``shown``, every link of the subgraph; strongest links come first.
    """
    names = subgraph.names
    by_edge: dict[tuple[str, str, str], list[Quote]] = {}
    for quote in quotes(subgraph, docs):
        by_edge.setdefault(quote.edge.key, []).append(quote)
    keep = set(shown) if shown is not None else None
    shown = [e for e in sorted(subgraph.edges, key=lambda e: (-e.weight, e.source, e.type,
                                                             e.target))
             if keep is None or e.key in keep]
    lines = [header, "", "Evidence for the links on this slide (strongest first):"]
    used = sum(len(line) + 1 for line in lines)
    left_out = 0
    for edge in shown:
        block = ["", link_line(edge, names, ontology)]
        picked = best_quotes(by_edge.get(edge.key, []))
        block += [f"  • “{trim(q.sentence)}” — {source_line(q)}" for q in picked]
        if not picked:
            block.append("  • (no quote stored)")
        size = sum(len(line) + 1 for line in block)
        if left_out or used + size > cap - 120:
            left_out += 1
            continue
        lines += block
        used += size
    if left_out:
        lines += ["", f"{plural(left_out, 'more link')} on this slide: every quote is in the "
                      "appendix slides and in the XLSX export."]
    return "\n".join(lines)
