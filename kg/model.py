"""The plain data that flows through trendgraph: ingest -> extract -> store.

Nothing here knows about spaCy or a database, so every stage can be tested and
replaced on its own.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

NAMESPACE = "https://trendgraph.dev/"
EVIDENCE_CAP = 5
SLUG_MAX = 120


CAMEL_JOINS = re.compile(r"(?<=[a-z])(?=[A-Z])")
NAME_PUNCTUATION = re.compile(r"[\s\-_'’.·]+")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase, strip accents and '#', split CamelCase, collapse spaces and punctuation.

    Two surface forms with the same fold are the same name ("#MermaidCore" and
    "mermaid core"), which is what makes identifiers stable across documents.
    """
    text = CAMEL_JOINS.sub(" ", text.replace("#", " "))
    if not text.isascii():  # ASCII has no accents to strip (NFKD leaves it as it is)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return NAME_PUNCTUATION.sub(" ", text.lower()).strip()


@functools.lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """URL- and id-safe key of a name; spaces vanish so "Mermaid core" == "Mermaidcore".

    Capped at SLUG_MAX characters (a hash keeps long ones distinct): a 5,000-letter
    hashtag once made an id the embedded database could not hold.
    """
    # '+' is part of a name: Disney+ is not Disney, Apple TV+ not Apple TV
    folded = fold(text).replace("+", " plus ")
    key = re.sub(r"[^a-z0-9]+", "", folded) or hashlib.sha1(text.encode()).hexdigest()[:12]
    if len(key) > SLUG_MAX:
        key = key[: SLUG_MAX - 13] + "-" + hashlib.sha1(key.encode()).hexdigest()[:12]
    return key


@functools.lru_cache(maxsize=65536)
def entity_id(type_: str, name: str) -> str:
    """Stable id: the same (type, name) from any document is the same node.

    Cached: ids are read many times per entity (resolution, relations, rows).
    """
    return f"{type_.lower()}:{slug(name)}"


def entity_uri(type_: str, name: str) -> str:
    return f"{NAMESPACE}id/{type_}/{slug(name)}"


def document_id(text: str) -> str:
    """Content hash: the identity of a document that has no source id or URL."""
    normalized = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    return "doc:" + hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:16]


def source_document_id(*, platform: str = "", post_id: str = "", url: str = "") -> str | None:
    """Identity from where a document comes from: platform + post id, else its URL.

    Three posts with the same text by three authors are three documents (reposts
    count in volumes); the same export read twice gives the same ids, so it adds
    nothing. None when there is neither id nor URL (the text hash is used then).
    """
    if post_id.strip():
        key = f"post|{platform.strip().lower()}|{post_id.strip()}"
    elif url.strip():
        key = "url|" + _normal_url(url.strip())
    else:
        return None
    return "doc:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _normal_url(url: str) -> str:
    """Scheme and host in lower case, no fragment, no trailing slash."""
    head, sep, rest = url.partition("://")
    if not sep:
        return url.split("#")[0].rstrip("/")
    host, slash, path = rest.partition("/")
    return f"{head.lower()}://{host.lower()}{slash}{path.split('#')[0]}".rstrip("/")


@functools.cache
def _default_kind() -> str:
    """The class of a document whose reader does not say (a long text): the ontology's
    Article, by its checked name, so a rename in the Turtle fails here at once."""
    from kg.ontology import load_ontology  # imported late: the schema is read once, on use

    return load_ontology().names.Article


@dataclass(frozen=True, slots=True)
class Document:
    """One article or post, as read from a file, an export or a feed."""

    id: str
    text: str
    source: str
    kind: str = field(default_factory=_default_kind)
    title: str = ""
    url: str = ""
    date: str = ""
    lang: str = ""
    platform: str = ""
    author: str = ""
    text_hash: str = ""  # document_id(text): copies of one text share it (reposts)


@dataclass(frozen=True, slots=True)
class Mention:
    """Where a surface form of an entity occurs in a document."""

    text: str
    start: int
    end: int
    sentence: int


@dataclass(slots=True)
class Entity:
    """One real-world thing found in a document, all its spellings merged."""

    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    confidence: float = 1.0
    source: str = "ner"
    type_support: float = 0.0  # votes of the mentions for the type (kg/type_votes.py)

    @property
    def id(self) -> str:
        return entity_id(self.type, self.name)

    @property
    def uri(self) -> str:
        return entity_uri(self.type, self.name)


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence that supports a relation, and where it comes from."""

    doc: str
    sentence: str
    start: int = 0
    end: int = 0
    headline: bool = False


@dataclass(slots=True)
class Relation:
    """A typed link between two entities of one document, with its proof."""

    source: str
    target: str
    type: str
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5

    @property
    def weight(self) -> int:
        return len(self.evidence)


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one document; a pure function of the document."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    lang: str = ""
