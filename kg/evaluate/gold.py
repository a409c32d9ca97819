"""Gold folders: ``NAME.txt`` beside ``NAME.gold.json`` (format in tests/gold/README.md).

A gold entity may say ``"same_as": [names]``: the same concept under another name
in another document of the split (``Gaming douillet`` in a French text is ``Cozy
gaming`` in an English one). Entities with the same canonical name across the
documents of a split are one concept too; merges are scored against those concepts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ingest.text import read_article
from kg.errors import InputError, Reasons
from kg.extract.text import key as name_key  # the matching key of names, as extraction uses it
from kg.model import Document
from kg.ontology import load_ontology

GOLD_TYPES = {"Work": load_ontology().names.CreativeWork}
BLIND = "blind"


@dataclass(frozen=True, slots=True)
class GoldEntity:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    also_ok: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(name_key(n) for n in (self.name, *self.aliases) if name_key(n))

    def accepts(self, type_: str) -> bool:
        accepted = {ontology_type(self.type)} | {ontology_type(t) for t in self.also_ok}
        return type_ in accepted


@dataclass(frozen=True, slots=True)
class GoldRelation:
    source: str
    target: str
    kind: str
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class GoldDocument:
    name: str
    document: Document
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldRelation, ...]


def ontology_type(gold_type: str) -> str:
    """Gold files say "Work" where the ontology says "CreativeWork"."""
    return GOLD_TYPES.get(gold_type, gold_type)


def is_blind(path: Path) -> bool:
    """A folder named ``blind`` (or inside one) holds the blind split: numbers only."""
    return any(part.lower() == BLIND for part in Path(path).resolve().parts)


def parse_gold_text(text: str, *, source: str) -> Document:
    """A gold ``.txt`` is read exactly as ``trendgraph ingest`` reads an article."""
    return read_article(text, source)


def _entity(raw: dict, where: Path) -> GoldEntity:
    try:
        return GoldEntity(raw["name"], raw["type"], tuple(raw.get("aliases", [])),
                          tuple(raw.get("also_ok", [])), tuple(raw.get("same_as", [])))
    except (KeyError, TypeError) as exc:
        raise InputError(str(where), Reasons.GOLD_ENTITY_FIELDS.format(raw=raw)) from exc


def read_gold(gold_dir: Path) -> list[GoldDocument]:
    """Every ``NAME.txt`` with its ``NAME.gold.json``, sorted by name."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise InputError(str(gold_dir), Reasons.GOLD_NOT_A_FOLDER)
    out = []
    for txt in sorted(gold_dir.glob("*.txt")):
        gold_path = txt.with_name(txt.stem + ".gold.json")
        if not gold_path.is_file():
            raise InputError(str(txt), Reasons.GOLD_FILE_MISSING.format(name=gold_path.name))
        try:
            data = json.loads(gold_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(str(gold_path), Reasons.GOLD_JSON.format(reason=exc)) from exc
        entities = tuple(_entity(e, gold_path) for e in data.get("entities", []))
        relations = tuple(
            GoldRelation(r["source"], r["target"], r.get("kind", ""), r.get("evidence", ""))
            for r in data.get("relations", [])
        )
        document = parse_gold_text(txt.read_text(encoding="utf-8"), source=str(txt))
        out.append(GoldDocument(txt.stem, document, entities, relations))
    if not out:
        raise InputError(str(gold_dir), Reasons.GOLD_EMPTY)
    return out
