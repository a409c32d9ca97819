"""Turtle and JSON-LD export: the subgraph as RDF under the trendgraph ontology.

Each link is both a plain triple (so SPARQL and reasoners see the relation) and
a reified ``rdf:Statement`` carrying its weight, quotes and source documents
(RDF 1.1 has no edge properties). The graph is validated with pyshacl against
``ontology/shapes.ttl`` before anything is written: a file that claims to follow
the ontology and does not would poison whatever imports it.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SH

from kg.errors import Errors, ExportError, OntologyError
from kg.export.request import ExportRequest, Part
from kg.export.sparql_prepared import prepared_sparql
from kg.model import NAMESPACE, entity_uri
from kg.ontology import DOCUMENT_CLASS, TG, Ontology

ID = Namespace(f"{NAMESPACE}id/")
DOC = Namespace(f"{NAMESPACE}doc/")
STATEMENT = Namespace(f"{NAMESPACE}statement/")
MAX_LISTED = 20


def build_graph(request: ExportRequest) -> Graph:
    """The subgraph as an rdflib Graph (not yet validated)."""
    ontology = request.ontology
    graph = Graph()
    graph.bind("tg", TG)
    graph.bind("tgid", ID)
    graph.bind("tgdoc", DOC)
    graph.bind("tgst", STATEMENT)
    graph.bind("dcterms", DCTERMS)
    iris: dict[str, URIRef] = {}
    for node in request.subgraph.nodes:
        iri = URIRef(node.uri or entity_uri(node.type, node.name))
        iris[node.id] = iri
        graph.add((iri, RDF.type, TG[node.type]))
        graph.add((iri, TG.name, Literal(node.name)))
        graph.add((iri, RDFS.label, Literal(node.name)))
        for alias in dict.fromkeys(a for a in node.aliases if a and a != node.name):
            graph.add((iri, TG.alias, Literal(alias)))
        graph.add((iri, TG.mentionCount, Literal(int(node.mentions), datatype=XSD.integer)))
        for prop, value in ((TG.firstSeen, node.first_seen), (TG.lastSeen, node.last_seen)):
            day = _date(value)
            if day is not None:
                graph.add((iri, prop, Literal(day, datatype=XSD.date)))
    documents: set[str] = set()
    for edge in request.subgraph.edges:
        subject, obj = iris.get(edge.source), iris.get(edge.target)
        if subject is None or obj is None:
            continue
        predicate = URIRef(_property(ontology, edge.type).uri)
        graph.add((subject, predicate, obj))
        statement = STATEMENT[_statement_key(edge.source, edge.type, edge.target)]
        graph.add((statement, RDF.type, RDF.Statement))
        graph.add((statement, RDF.subject, subject))
        graph.add((statement, RDF.predicate, predicate))
        graph.add((statement, RDF.object, obj))
        graph.add((statement, TG.weight, Literal(int(edge.weight), datatype=XSD.integer)))
        for ev in edge.evidence:
            sentence = " ".join(ev.sentence.split())
            if sentence:
                graph.add((statement, TG.evidence, Literal(sentence)))
        for doc in dict.fromkeys([*edge.docs, *(ev.doc for ev in edge.evidence)]):
            graph.add((statement, DCTERMS.source, _doc_iri(doc)))
            documents.add(doc)
    for doc in sorted(documents):
        _describe_document(graph, doc, request.docs.get(doc) or {}, ontology)
    return graph


def _property(ontology: Ontology, rel_type: str):
    try:
        return ontology.property_for_type(rel_type)
    except OntologyError as exc:
        raise ExportError(Errors.RDF_UNDECLARED.format(rel_type=rel_type)) from exc


def _describe_document(graph: Graph, doc: str, meta: dict, ontology: Ontology) -> None:
    iri = _doc_iri(doc)
    kind = meta.get("kind") or DOCUMENT_CLASS
    graph.add((iri, RDF.type, TG[kind if kind in ontology.classes else DOCUMENT_CLASS]))
    if meta.get("title"):
        graph.add((iri, TG.title, Literal(meta["title"])))
    day = _date(meta.get("date") or "")
    if day is not None:
        graph.add((iri, TG.date, Literal(day, datatype=XSD.date)))
    if meta.get("url"):
        graph.add((iri, TG.url, Literal(meta["url"], datatype=XSD.anyURI)))
    for prop, key in ((TG.lang, "lang"), (TG.platformName, "platform"), (TG.author, "author")):
        if meta.get(key):
            graph.add((iri, prop, Literal(meta[key])))


def _doc_iri(doc: str) -> URIRef:
    return DOC[doc.removeprefix("doc:")]


def _statement_key(source: str, rel_type: str, target: str) -> str:
    return hashlib.sha1(f"{source}|{rel_type}|{target}".encode()).hexdigest()[:16]


def _date(value: str) -> str | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat() if value else None
    except ValueError:
        return None


def misused_links(request: ExportRequest) -> list[str]:
    """Links whose end types fall outside the property's domain or range, in words.

    One such link makes RDFS inference give a node two classes, which SHACL then
    reports many times over; naming the link itself says what to fix.
    """
    ontology = request.ontology
    nodes = {n.id: n for n in request.subgraph.nodes}
    found = []
    for edge in request.subgraph.edges:
        a, b = nodes.get(edge.source), nodes.get(edge.target)
        try:
            prop = ontology.property_for_type(edge.type)
        except OntologyError:
            continue
        if a is None or b is None:
            continue
        if not (ontology.is_a(a.type, prop.domain) and ontology.is_a(b.type, prop.range)):
            found.append(f"{a.name} ({a.type}) —{edge.type}→ {b.name} ({b.type}): tg:{prop.name} "
                         f"goes from {prop.domain} to {prop.range}")
    return found


def validate(graph: Graph, ontology: Ontology, hints: list[str] | None = None) -> None:
    """Raise ExportError listing every SHACL violation (RDFS inference over the ontology)."""
    import pyshacl

    with prepared_sparql():
        conforms, results, _ = pyshacl.validate(
            graph, shacl_graph=ontology.shapes, ont_graph=ontology.graph, inference="rdfs",
            abort_on_first=False, allow_warnings=True,
        )
    if conforms:
        return
    violations = _violations(results, graph)
    listed = "\n".join(f"  - {v}" for v in violations[:MAX_LISTED])
    more = f"\n  … and {len(violations) - MAX_LISTED} more" if len(violations) > MAX_LISTED else ""
    cause = "".join(f"\n  * {h}" for h in hints or [])
    cause = f"\nLinks outside their property's domain or range:{cause}" if cause else ""
    raise ExportError(Errors.RDF_SHAPES.format(
        count=len(violations), plural="s" if len(violations) != 1 else "", cause=cause,
        listed=listed + more))


def _violations(results: Graph, data: Graph) -> list[str]:
    by_iri = {str(iri): str(name) for iri, name in data.subject_objects(TG.name)}
    found = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        message = results.value(result, SH.resultMessage)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        who = by_iri.get(str(focus)) if focus is not None else None
        where = f"{who} <{focus}>" if who else f"<{focus}>" if not isinstance(focus, BNode) \
            else "a blank node"
        detail = f" ({_short(path)})" if path is not None else ""  # no [..]: rich markup
        shown = f" (value: {_short(value)})" if value is not None and value != focus else ""
        found.add(f"{where}{detail}: {message}{shown}")
    return sorted(found)


def _short(term) -> str:
    text = str(term)
    for prefix, ns in (("tg:", str(TG)), ("rdf:", str(RDF)), ("rdfs:", str(RDFS))):
        if text.startswith(ns):
            return prefix + text[len(ns):]
    return text


def validated_graph(request: ExportRequest) -> Graph:
    graph = build_graph(request)
    validate(graph, request.ontology, misused_links(request))
    return graph


CONTEXT = {
    "tg": str(TG), "tgid": str(ID), "tgdoc": str(DOC), "tgst": str(STATEMENT),
    "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD), "dcterms": str(DCTERMS),
}


def render_ttl(request: ExportRequest) -> list[Part]:
    text = validated_graph(request).serialize(format="turtle")
    return [(".ttl", text.encode("utf-8"))]


def render_jsonld(request: ExportRequest) -> list[Part]:
    text = validated_graph(request).serialize(format="json-ld", context=CONTEXT, indent=2,
                                              ensure_ascii=False)
    return [(".jsonld", text.encode("utf-8"))]
