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


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase, strip accents and '#', split CamelCase, collapse spaces and punctuation.

    Two surface forms with the same fold are the same name ("#MermaidCore" and
    "mermaid core"), which is what makes identifiers stable across documents.
    """
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text.replace("#", " "))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[\s\-_'’.·]+", " ", text.lower())
    return text.strip()


@functools.lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """URL- and id-safe key of a name; spaces vanish so "Mermaid core" == "Mermaidcore"."""
    return re.sub(r"[^a-z0-9]+", "", fold(text)) or hashlib.sha1(text.encode()).hexdigest()[:12]


@functools.lru_cache(maxsize=65536)
def entity_id(type_: str, name: str) -> str:
    """Stable id: the same (type, name) from any document is the same node.

    Cached: ids are read many times per entity (resolution, relations, rows).
    """
    return f"{type_.lower()}:{slug(name)}"


def entity_uri(type_: str, name: str) -> str:
    return f"{NAMESPACE}id/{type_}/{slug(name)}"


def document_id(text: str) -> str:
    """Content hash, so ingesting the same text twice is a no-op."""
    normalized = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    return "doc:" + hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Document:
    """One article or post, as read from a file, an export or a feed."""

    id: str
    text: str
    source: str
    kind: str = "Article"
    title: str = ""
    url: str = ""
    date: str = ""
    lang: str = ""
    platform: str = ""
    author: str = ""


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
