"""The story of one seed, gathered from the graph before anything is drawn.

A story deck walks a client through a trend: what surrounds it, who carries it
(one slide per neighbour type: audiences, brands, people, topics, each with what
the seed reaches directly and what it reaches through one of its neighbours),
when it was talked about, which audiences over-index on it, what the sources
say, and where every quote comes from. Every title is a clause built by
``wording`` from a real link or count; nothing here writes free prose.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kg.errors import Errors, ExportError
from kg.export import wording
from kg.export.connectors import drawn_edges
from kg.export.notes import best_quotes
from kg.export.request import ExportRequest
from kg.export.sources import Docs, Quote, load_documents, quotes
from kg.export.story_data import AffinityTable, Timeline, affinity_table, timeline
from kg.ontology import Ontology, load_ontology
from kg.store import GraphStore
from kg.subgraph import Edge, Node, Subgraph, select

CLASS = load_ontology().names
SECTION_TYPES = (CLASS.Audience, CLASS.Brand, CLASS.Person, CLASS.Topic)
SECTION_NODES = 14  # the seed, the neighbours of one type and the neighbours on the way
EVIDENCE = 5


@dataclass(frozen=True, slots=True)
class Section:
    type: str
    heading: str  # "Audiences"
    title: str
    subtitle: str
    subgraph: Subgraph
    docs: Docs


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    date: str
    platform: str
    url: str
    quotes: int


@dataclass(frozen=True, slots=True)
class Story:
    seed: Node
    request: ExportRequest  # the overview: the selection the user made
    title: str
    subtitle: str
    overview_title: str
    sections: tuple[Section, ...]
    timeline: Timeline | None
    affinity: AffinityTable | None
    evidence_title: str
    evidence: tuple[Quote, ...]
    sources: tuple[Source, ...]


def build_story(request: ExportRequest) -> Story:
    """Everything the story deck shows; raises ExportError without a seed or a store."""
    store = request.store
    if store is None:
        raise ExportError(Errors.STORY_NO_STORE)
    seeds = [n for n in request.subgraph.nodes if n.seed]
    if not seeds:
        raise ExportError(Errors.STORY_ONE_SEED)
    seed, ontology = seeds[0], request.ontology
    sections = tuple(s for s in (_section(request, store, seed, t) for t in SECTION_TYPES) if s)
    picked = _evidence(request)
    return Story(
        seed=seed, request=request, title=seed.name,
        subtitle=_title_subtitle(request, seed),
        overview_title=overview_title(request.subgraph, seed, ontology),
        sections=sections,
        timeline=timeline(store, seed, request.subgraph.selection),
        affinity=affinity_table(store, request.subgraph, seed),
        evidence_title=f"{wording.plural(len(picked), 'quote')} behind the strongest links "
                       f"of {seed.name}",
        evidence=tuple(picked),
        sources=_sources(request, sections),
    )


def _title_subtitle(request: ExportRequest, seed: Node) -> str:
    kind = request.ontology.class_label(seed.type)
    drawn, _ = drawn_edges(request.subgraph)
    docs = {d for e in drawn for d in e.docs}
    span = wording.period((request.docs.get(d) or {}).get("date") or "" for d in docs)
    facts = [kind, wording.plural(seed.mentions, "mention")]
    if docs:
        facts.append(f"links backed by {wording.plural(len(docs), 'document')}"
                     + (f", {span}" if span else ""))
    return " · ".join(facts)


def _typed_links(subgraph: Subgraph, seed: Node, ontology: Ontology, *, outgoing: bool
                 ) -> list[tuple[str, list[Edge]]]:
    """The seed's links grouped by type, best group first (``Edge.rank``); co-occurrence last."""
    groups: dict[str, list[Edge]] = {}
    for edge in sorted(subgraph.edges, key=lambda e: e.rank):
        if (edge.source if outgoing else edge.target) == seed.id:
            groups.setdefault(edge.type, []).append(edge)
    return sorted(groups.items(),
                  key=lambda item: (_cooccurrence(ontology, item[0]), item[1][0].rank))


def _cooccurrence(ontology: Ontology, rel_type: str) -> bool:
    return wording.untyped(ontology, rel_type)


def overview_title(subgraph: Subgraph, seed: Node, ontology: Ontology) -> str:
    """'Mermaidcore is popular with Gen Z and spreads on TikTok and Instagram'."""
    names = subgraph.names
    out = _typed_links(subgraph, seed, ontology, outgoing=True)
    typed = [(rel, edges) for rel, edges in out if not _cooccurrence(ontology, rel)]
    if typed:
        parts = []
        for rel, edges in typed[:2]:
            objects = [names[e.target] for e in edges[:2]]
            parts.append(f"{wording.predicate(ontology, rel)} {wording.listing(objects)}")
        joint = ", and " if len(typed[0][1]) > 1 and len(parts) > 1 else " and "
        return f"{seed.name} {joint.join(parts)}"
    incoming = _typed_links(subgraph, seed, ontology, outgoing=False)
    if incoming:
        rel, edges = incoming[0]
        return wording.clause(ontology, rel, [names[e.source] for e in edges[:3]], [seed.name])
    if out:
        rel, edges = out[0]
        return wording.clause(ontology, rel, [seed.name], [names[e.target] for e in edges[:3]])
    return f"{seed.name}: no links in this selection"


def _heading(ontology: Ontology, type_: str) -> str:
    return ontology.class_plural(type_)


def _section(request: ExportRequest, store: GraphStore, seed: Node, type_: str) -> Section | None:
    """Neighbours of one type, linked to the seed or one step further.

    The one selection (``kg.subgraph.select``) does the walk: two hops that never
    pass through a hub, the type filter keeping the neighbour on the way as a
    context node, the strongest links up to ``SECTION_NODES``.
    """
    base = request.subgraph.selection
    graph = select(store, replace(base, seeds=(seed.id,), hops=2,
                                  node_types=frozenset({type_}), max_nodes=SECTION_NODES))
    if not any(n.type == type_ and not n.seed for n in graph.nodes):
        return None
    ontology = request.ontology
    heading = _heading(ontology, type_)
    return Section(
        type=type_, heading=heading, title=_section_title(graph, seed, type_, ontology),
        subtitle=" · ".join([f"{heading} linked to {seed.name} directly, or through one of its "
                             "neighbours (never through a platform or a broad audience)",
                             *wording.filters(base)]),
        subgraph=graph, docs=load_documents(graph, store),
    )


def _section_title(graph: Subgraph, seed: Node, type_: str, ontology: Ontology) -> str:
    """The strongest direct link, then the strongest link through a neighbour."""
    names = graph.names
    types = {n.id: n.type for n in graph.nodes}
    ranked = sorted(graph.edges, key=lambda e: (_cooccurrence(ontology, e.type), e.rank))
    direct = [e for e in ranked if seed.id in (e.source, e.target)
              and type_ in (types[e.source], types[e.target])]
    through = [e for e in ranked if seed.id not in (e.source, e.target)]
    parts = []
    if direct:
        best = direct[0]
        same = [e for e in direct if e.type == best.type and e.source == best.source
                and (e.source == seed.id) == (best.source == seed.id)][:3]
        if best.source == seed.id:
            parts.append(wording.clause(ontology, best.type, [seed.name],
                                        [names[e.target] for e in same]))
        else:
            incoming = [e for e in direct if e.type == best.type and e.target == seed.id][:3]
            parts.append(wording.clause(ontology, best.type, [names[e.source] for e in incoming],
                                        [seed.name]))
    if through:
        best = through[0]
        parts.append(wording.clause(ontology, best.type, [names[best.source]],
                                    [names[best.target]]))
    return "; ".join(parts) or f"{_heading(ontology, type_)} around {seed.name}"


def _evidence(request: ExportRequest) -> list[Quote]:
    """The best quote of each of the strongest drawn links, one per document.

    Headlines (a document's title) are claims, not accounts: only body sentences
    make the slide.
    """
    drawn, _ = drawn_edges(request.subgraph)
    keys = {e.key for e in drawn}
    by_edge: dict[tuple[str, str, str], list[Quote]] = {}
    for quote in quotes(request.subgraph, request.docs):
        if quote.edge.key in keys:
            by_edge.setdefault(quote.edge.key, []).append(quote)
    picked: list[Quote] = []
    seen: set[str] = set()
    seed = next(n.id for n in request.subgraph.nodes if n.seed)
    for edge in sorted(drawn, key=lambda e: (seed not in (e.source, e.target), e.rank)):
        for quote in best_quotes(by_edge.get(edge.key, []), limit=10):
            if quote.doc not in seen and not quote.headline:
                picked.append(quote)
                seen.add(quote.doc)
                break
        if len(picked) == EVIDENCE:
            break
    return picked


def _sources(request: ExportRequest, sections: tuple[Section, ...]) -> tuple[Source, ...]:
    """Every document behind a link drawn on the overview or a section, newest first."""
    counts: dict[str, int] = {}
    meta: Docs = dict(request.docs)
    for graph, docs in [(request.subgraph, request.docs),
                        *((s.subgraph, s.docs) for s in sections)]:
        meta.update(docs)
        for edge in drawn_edges(graph)[0]:
            for ev in edge.evidence:
                counts[ev.doc] = counts.get(ev.doc, 0) + 1
    rows = []
    for doc, used in counts.items():
        info = meta.get(doc) or {}
        rows.append(Source(id=doc, title=info.get("title") or doc,
                           date=wording.day(info.get("date")), platform=info.get("platform") or "",
                           url=info.get("url") or "", quotes=used))
    return tuple(sorted(rows, key=lambda s: (s.date or "0000", s.title), reverse=True))
