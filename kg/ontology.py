"""The graph schema, derived from ``ontology/*.ttl`` and nowhere else.

Node labels are class local names, relationship types come from ``tg:neo4jType``,
and the extractor's lexicon is the SKOS concept scheme. Stores check every label
and type they write against this module, so the Turtle files stay the one truth.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from kg.errors import Errors, OntologyError

TG = Namespace("https://trendgraph.dev/ontology#")
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "ontology"
FILES = ("trendgraph.ttl", "lexicon.ttl", "shapes.ttl")
ENTITY_CLASS = "Entity"
DOCUMENT_CLASS = "Document"
"""The two root classes the graph's shape hangs on (every node is one or the other); the
loader refuses an ontology that does not declare them."""


@dataclass(frozen=True, slots=True)
class OntClass:
    name: str
    uri: str
    label_en: str
    label_fr: str
    parent: str | None
    color: str = "#888888"
    shape: str = "ellipse"
    extractable: bool = False
    plural_en: str = ""
    proper_name: bool = False


@dataclass(frozen=True, slots=True)
class OntProperty:
    name: str
    uri: str
    rel_type: str
    domain: str
    range: str
    label_en: str
    label_fr: str
    symmetric: bool = False
    cooccurrence: bool = False
    derived: bool = False


@dataclass(frozen=True, slots=True)
class Concept:
    """A known entity from the lexicon, with every spelling it may take."""

    uri: str
    type: str
    name: str
    labels: tuple[str, ...]
    ambiguous: bool = False
    broader: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MetaSchema:
    """How the ontology itself is kept in a graph (n10s onto-import conventions)."""

    class_label: str
    property_label: str
    subclass_type: str
    domain_type: str
    range_type: str
    view_label: str
    state_label: str


class ClassNames:
    """The ontology's class names as attributes: ``names.Trend`` is ``"Trend"`` when the
    Turtle declares the class, else an OntologyError where the code binds it (at import).
    Code that means one class (a page's sections, a rule's scope) names it so, never as a
    free string, and a class renamed in ``ontology/*.ttl`` cannot leave a stale copy.

    A checked name is kept as a plain attribute: the extractor reads ``CLASS.X`` ~110
    times a short post, and ``__getattr__`` on each read was a tenth of its own work."""

    __slots__ = ("__dict__", "_known")

    def __init__(self, known: Iterable[str]) -> None:
        self._known = frozenset(known)

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):  # copy/pickle probes, before __init__ has run
            raise AttributeError(name)
        if name not in self._known:
            raise OntologyError(Errors.CLASS_UNDECLARED.format(
                name=name, known=", ".join(sorted(self._known))))
        self.__dict__[name] = name  # found without __getattr__ from now on
        return name


@dataclass(frozen=True)
class Ontology:
    classes: dict[str, OntClass]
    properties: dict[str, OntProperty]
    concepts: tuple[Concept, ...]
    meta: MetaSchema
    graph: Graph = field(repr=False)
    shapes: Graph = field(repr=False)

    @functools.cached_property
    def entity_types(self) -> tuple[str, ...]:
        """Classes the extractor may assign, in ontology order."""
        return tuple(c.name for c in self.classes.values() if c.extractable)

    @functools.cached_property
    def proper_types(self) -> frozenset[str]:
        """Classes whose entities bear a proper name (``tg:properName``)."""
        return frozenset(c.name for c in self.classes.values() if c.proper_name)

    @functools.cached_property
    def names(self) -> ClassNames:
        """Checked class names for code that means one class (``names.Trend``)."""
        return ClassNames(self.classes)

    @functools.cached_property
    def common_types(self) -> frozenset[str]:
        """Extractable classes whose entities are common phrases, not proper names (Trend,
        Audience, Topic): two spellings of one folded phrase are one entity."""
        return frozenset(self.entity_types) - self.proper_types

    def ordered(self, first: Iterable[str]) -> tuple[str, ...]:
        """``first``, then every other extractable class in ontology order: a page's chosen
        order that still shows a class added to the Turtle later."""
        chosen = tuple(first)
        return chosen + tuple(t for t in self.entity_types if t not in chosen)

    @functools.cached_property
    def document_types(self) -> tuple[str, ...]:
        return tuple(n for n in self.classes
                     if self.is_a(n, DOCUMENT_CLASS) and n != DOCUMENT_CLASS)

    @functools.cached_property
    def node_labels(self) -> frozenset[str]:
        """Every label a store may write: classes plus the meta-schema labels."""
        meta = self.meta
        return frozenset(self.classes) | {meta.class_label, meta.property_label, meta.view_label,
                                          meta.state_label}

    @functools.cached_property
    def relationship_types(self) -> frozenset[str]:
        meta = {self.meta.subclass_type, self.meta.domain_type, self.meta.range_type}
        return frozenset(p.rel_type for p in self.properties.values()) | meta

    @functools.cached_property
    def entity_relationship_types(self) -> tuple[str, ...]:
        """Types that link two entities (everything but document mentions)."""
        return tuple(
            p.rel_type for p in self.properties.values()
            if self.is_a(p.domain, ENTITY_CLASS) and self.is_a(p.range, ENTITY_CLASS)
        )

    @functools.cached_property
    def mentions_type(self) -> str:
        return next(
            p.rel_type for p in self.properties.values()
            if self.is_a(p.domain, DOCUMENT_CLASS) and self.is_a(p.range, ENTITY_CLASS)
        )

    @functools.cached_property
    def fallback_type(self) -> str:
        """The generic co-occurrence type: an Entity-Entity property not typed by classes."""
        return next(
            p.rel_type for p in self.properties.values()
            if p.domain == p.range == ENTITY_CLASS and not p.cooccurrence and not p.derived
        )

    @functools.cached_property
    def derived_type(self) -> str:
        """The link read off documents, never stored: two entities in one story."""
        return next(p.rel_type for p in self.properties.values() if p.derived)

    def ancestors(self, name: str) -> list[str]:
        """``name`` and its superclasses, nearest first."""
        chain: list[str] = []
        current: str | None = name
        while current is not None and current not in chain:
            chain.append(current)
            current = self.classes[current].parent if current in self.classes else None
        return chain

    def is_a(self, name: str, ancestor: str) -> bool:
        return ancestor in self.ancestors(name)

    def relation_type(self, source: str, target: str) -> tuple[str, bool]:
        """Relationship type for two entity classes named in one sentence.

        Returns ``(type, swapped)``: ``swapped`` means the ontology's direction is
        target -> source. Falls back to the generic symmetric type.
        """
        for prop in self.properties.values():
            if not prop.cooccurrence:
                continue
            if self.is_a(source, prop.domain) and self.is_a(target, prop.range):
                return prop.rel_type, False
            if self.is_a(target, prop.domain) and self.is_a(source, prop.range):
                return prop.rel_type, True
        return self.fallback_type, False

    def class_label(self, name: str) -> str:
        """The English label of a class ('CreativeWork' -> 'Creative work'); else the name."""
        cls = self.classes.get(name)
        return cls.label_en if cls and cls.label_en else name

    def class_plural(self, name: str) -> str:
        """How a list of the class is titled ('Person' -> 'People'); else its label."""
        cls = self.classes.get(name)
        return cls.plural_en if cls and cls.plural_en else self.class_label(name)

    def rel_label(self, rel_type: str) -> str:
        """The English label of a relationship type ('POPULAR_WITH' -> 'popular with'); a
        type outside the ontology still reads as words."""
        for prop in self.properties.values():
            if prop.rel_type == rel_type and prop.label_en:
                return prop.label_en
        return rel_type.replace("_", " ").lower()

    def property_for_type(self, rel_type: str) -> OntProperty:
        for prop in self.properties.values():
            if prop.rel_type == rel_type:
                return prop
        known = ", ".join(sorted(p.rel_type for p in self.properties.values()))
        raise OntologyError(Errors.REL_TYPE_UNKNOWN.format(rel_type=rel_type, known=known))

    def check_label(self, label: str) -> str:
        """Return ``label`` if the ontology declares it, else raise (labels reach Cypher text)."""
        if label not in self.node_labels:
            known = ", ".join(sorted(self.node_labels))
            raise OntologyError(Errors.LABEL_UNKNOWN.format(label=label, known=known))
        return label

    def check_rel_type(self, rel_type: str) -> str:
        if rel_type not in self.relationship_types:
            known = ", ".join(sorted(self.relationship_types))
            raise OntologyError(Errors.REL_TYPE_UNKNOWN.format(rel_type=rel_type, known=known))
        return rel_type

    def color(self, type_: str) -> str:
        return self.classes[type_].color if type_ in self.classes else "#888888"


def _text(graph: Graph, subject: Node, predicate: URIRef, lang: str | None = None) -> str:
    for value in graph.objects(subject, predicate):
        if isinstance(value, Literal) and (lang is None or value.language == lang):
            return str(value)
    return ""


def _local(uri: Node | str) -> str:
    text = str(uri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _flag(graph: Graph, subject: Node, predicate: URIRef) -> bool:
    value = graph.value(subject, predicate)
    return bool(value.toPython()) if isinstance(value, Literal) else False


def _classes(graph: Graph) -> Iterator[OntClass]:
    for uri in sorted(graph.subjects(RDF.type, OWL.Class), key=str):
        if not str(uri).startswith(str(TG)):
            continue
        parent = graph.value(uri, RDFS.subClassOf)
        yield OntClass(
            name=_local(uri),
            uri=str(uri),
            label_en=_text(graph, uri, RDFS.label, "en") or _local(uri),
            label_fr=_text(graph, uri, RDFS.label, "fr") or _local(uri),
            parent=_local(parent) if parent is not None else None,
            color=_text(graph, uri, TG.color) or "#888888",
            shape=_text(graph, uri, TG.shape) or "ellipse",
            extractable=_flag(graph, uri, TG.extractable),
            plural_en=_text(graph, uri, TG.plural, "en"),
            proper_name=_flag(graph, uri, TG.properName),
        )


def _properties(graph: Graph) -> Iterator[OntProperty]:
    for uri in graph.subjects(RDF.type, OWL.ObjectProperty):
        rel_type = _text(graph, uri, TG.neo4jType)
        domain, range_ = graph.value(uri, RDFS.domain), graph.value(uri, RDFS.range)
        if not rel_type or domain is None or range_ is None:
            raise OntologyError(Errors.PROPERTY_INCOMPLETE.format(uri=uri))
        yield OntProperty(
            name=_local(uri),
            uri=str(uri),
            rel_type=rel_type,
            domain=_local(domain),
            range=_local(range_),
            label_en=_text(graph, uri, RDFS.label, "en"),
            label_fr=_text(graph, uri, RDFS.label, "fr"),
            symmetric=(uri, RDF.type, OWL.SymmetricProperty) in graph,
            cooccurrence=_flag(graph, uri, TG.cooccurrence),
            derived=_flag(graph, uri, TG.derived),
        )


def _concepts(graph: Graph, classes: dict[str, OntClass]) -> Iterator[Concept]:
    for uri in sorted(graph.subjects(RDF.type, SKOS.Concept), key=str):
        type_uri = graph.value(uri, DCTERMS.type)
        type_ = _local(type_uri) if type_uri is not None else ""
        if type_ not in classes:
            raise OntologyError(Errors.CONCEPT_TYPE.format(uri=uri, type_uri=type_uri))
        name = _text(graph, uri, SKOS.prefLabel, "en") or _text(graph, uri, SKOS.prefLabel)
        labels = dict.fromkeys(
            [name]
            + [str(v) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
               for v in graph.objects(uri, p)]
        )
        yield Concept(
            uri=str(uri),
            type=type_,
            name=name,
            labels=tuple(labels),
            ambiguous=_flag(graph, uri, TG.ambiguous),
            broader=tuple(str(b) for b in graph.objects(uri, SKOS.broader)),
        )


def _meta(graph: Graph) -> MetaSchema:
    def label(subject: URIRef, predicate: URIRef) -> str:
        value = _text(graph, subject, predicate)
        if not value:
            raise OntologyError(Errors.ONTOLOGY_META.format(predicate=predicate, subject=subject))
        return value

    return MetaSchema(
        class_label=label(OWL.Class, TG.graphLabel),
        property_label=label(OWL.ObjectProperty, TG.graphLabel),
        subclass_type=label(RDFS.subClassOf, TG.graphType),
        domain_type=label(RDFS.domain, TG.graphType),
        range_type=label(RDFS.range, TG.graphType),
        view_label=label(TG.SavedView, TG.graphLabel),
        state_label=label(TG.StoreState, TG.graphLabel),
    )


def ontology_dir() -> Path:
    return Path(os.environ.get("TRENDGRAPH_ONTOLOGY", DEFAULT_DIR))


@functools.cache
def load_ontology(directory: Path | None = None) -> Ontology:
    """Parse the three Turtle files once per process."""
    directory = directory or ontology_dir()
    missing = [name for name in FILES if not (directory / name).is_file()]
    if missing:
        raise OntologyError(Errors.ONTOLOGY_FILES.format(directory=directory,
                                                         files=", ".join(missing)))
    schema, lexicon, shapes = Graph(), Graph(), Graph()
    try:
        schema.parse(directory / "trendgraph.ttl")
        lexicon.parse(directory / "lexicon.ttl")
        shapes.parse(directory / "shapes.ttl")
    except Exception as exc:  # rdflib raises several parser-specific types
        raise OntologyError(Errors.ONTOLOGY_PARSE.format(directory=directory, reason=exc)) from exc
    classes = {c.name: c for c in _classes(schema)}
    if roots := sorted({ENTITY_CLASS, DOCUMENT_CLASS} - set(classes)):
        raise OntologyError(Errors.ONTOLOGY_ROOTS.format(directory=directory,
                                                         classes=", ".join(roots)))
    properties = {p.name: p for p in sorted(_properties(schema), key=lambda p: p.uri)}
    return Ontology(
        classes=classes,
        properties=properties,
        concepts=tuple(_concepts(lexicon, classes)),
        meta=_meta(schema),
        graph=schema,
        shapes=shapes,
    )
