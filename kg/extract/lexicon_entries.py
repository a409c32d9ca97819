"""The lexicon's spellings: every SKOS label of ``ontology/lexicon.ttl`` with the variants a
text may write it in (CamelCase, joined, hyphenated, hashtag, tagged account, accent-free),
flattened once per process for the lexicon ruler.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from kg.extract.text import is_camel, split_camel
from kg.ontology import load_ontology

CLASS = load_ontology().names

LEADING = re.compile(r"^(?:le|la|les|the|un|une)\s+|^(?:l['’])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LexEntry:
    """One spelling of one known entity."""

    type: str
    name: str
    surface: str
    ambiguous: bool
    capitalised: bool = False  # counts only when the text writes it with a capital


NAME_TYPES = frozenset([CLASS.Brand, CLASS.Organization, CLASS.Platform, CLASS.Person, CLASS.Place,
                        CLASS.Event])

HANDLE_TYPES = NAME_TYPES - {CLASS.Place}


def common_words_only(text: str) -> bool:
    """'The North Face', 'New Balance', 'Ordinary': a name made of everyday words.

    Written in lower case ("the north face of the mountain") it is the phrase, not the
    name, so such spellings are matched only where the text capitalises them.
    """
    from kg.extract.knowledge import common_word_zipf, zipf

    words = [w for w in re.split(r"[\s\-']+", text.lower()) if w]
    floor = common_word_zipf() + 0.5
    return bool(words) and all(
        w.isalpha() and max(zipf(w, "en"), zipf(w, "fr")) >= floor for w in words
    )


def _strip_accents(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    )


def label_variants(label: str) -> set[str]:
    """Spellings of one label a text may use: 'MermaidCore' -> 'Mermaid Core', 'mermaidcore'…"""
    out = {label.strip()}
    if (stripped := LEADING.sub("", label).strip()) and stripped != label:
        out.add(stripped)
    for _ in range(2):  # twice: variants of variants ('Cuisine médiévale' -> 'cuisinemedievale')
        for value in list(out):
            out |= _one_step(value)
    for value in list(out):
        # a short capital last word keeps its full stop as one token: "Gen Z.", "Mister V."
        last = value.split()[-1] if value.split() else ""
        if re.fullmatch(r"[A-Z0-9]{1,4}", last):
            out.add(value + ".")
    return {v for v in out if v.strip("#. ")}


def _one_step(value: str) -> set[str]:
    out = set()
    body = value[1:] if value.startswith("#") else value
    if is_camel(body):
        out.add(split_camel(body))
    if re.search(r"[\s-]", body):
        joined = re.sub(r"[\s-]+", "", body)
        if joined.isalnum():
            out.add(joined)
            out.add("#" + joined)
        if "-" in body:
            out.add(body.replace("-", " "))
    out.add(_strip_accents(value))
    out.add(value.replace("’", "'"))
    out.add(value.replace("'", "’"))
    if value.endswith(".") and len(value) > 2:
        out.add(value.rstrip("."))
    return out


def build_entries(concepts: Iterable) -> list[LexEntry]:
    """Flatten ontology concepts into spellings (deduplicated, order kept)."""
    entries: dict[tuple[str, str, str], LexEntry] = {}
    for concept in concepts:
        for label in concept.labels:
            for variant in sorted(label_variants(label)):
                common = concept.type in NAME_TYPES and common_words_only(variant)
                if common and " " not in variant.strip() and variant != label:
                    continue  # "The Ordinary" is not "ordinary"
                person = concept.type == CLASS.Person  # "madonna", "cher": words, not people
                entry = LexEntry(concept.type, concept.name, variant, concept.ambiguous,
                                 common and (" " in variant.strip() or person))
                entries.setdefault((entry.type, entry.name, variant), entry)
            if concept.type in HANDLE_TYPES and len(handle := _handle(label)) > 3:
                entry = LexEntry(concept.type, concept.name, handle, False)
                entries.setdefault((entry.type, entry.name, handle), entry)
    return list(entries.values())


def _handle(label: str) -> str:
    """The account name a post tags: 'Zara' -> '@zara', 'Kim Kardashian' -> '@kimkardashian'."""
    return "@" + re.sub(r"[\W_]+", "", _strip_accents(label).lower())


@functools.cache
def ontology_entries() -> tuple[LexEntry, ...]:
    """The lexicon's spellings, built once per process: both languages' rulers share them."""
    return tuple(build_entries(load_ontology().concepts))
