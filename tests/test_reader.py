"""The document reader's core: stored text (bounded), entities marked, body-first quotes."""

from __future__ import annotations

import pytest

from kg.entities import DocumentRef, Quote
from kg.model import Document, Entity, Extraction, Mention
from kg.proof import body_first
from kg.reader import UnknownDocumentError, read_document
from kg.store.rows import TEXT_CAP

TEXT = "Mermaidcore séduit la génération Z.\n\nSur TikTok, la #mermaidcore est partout."


def _write(store, text: str = TEXT) -> None:
    doc = Document(id="doc:reader", text=text, source="t.txt", title="Sirènes", lang="fr",
                   date="2025-01-02")
    entities = [Entity(type="Trend", name="Mermaidcore", aliases=["#mermaidcore"],
                       mentions=[Mention("Mermaidcore", 0, 11, 0)] * 2),
                Entity(type="Audience", name="Gen Z", aliases=["génération Z"],
                       mentions=[Mention("génération Z", 22, 34, 0)]),
                Entity(type="Platform", name="TikTok", mentions=[Mention("TikTok", 41, 47, 1)])]
    store.write([Extraction(doc, entities, [], lang="fr")])


def test_reader_returns_the_full_text_with_entities_marked(store):
    _write(store)
    found = read_document(store, "doc:reader")
    assert found.text == TEXT and found.doc.title == "Sirènes"
    marked = [(s.text, s.entity) for s in found.segments if s.entity]
    assert marked == [("Mermaidcore", "trend:mermaidcore"), ("génération Z", "audience:genz"),
                      ("TikTok", "platform:tiktok"), ("#mermaidcore", "trend:mermaidcore")]
    assert "".join(s.text for s in found.segments) == TEXT
    assert found.entities[0].name == "Mermaidcore"  # most mentioned first


def test_reader_keeps_a_bounded_text(store):
    _write(store, "Mermaidcore. " + "x" * (TEXT_CAP + 500))
    assert len(read_document(store, "doc:reader").text) == TEXT_CAP


def test_reader_unknown_document_is_a_clear_error(store):
    with pytest.raises(UnknownDocumentError, match="No document 'doc:missing'"):
        read_document(store, "doc:missing")


def test_proof_prefers_body_sentences_over_the_headline():
    doc = DocumentRef(id="d", title="KFC and Mister V", date="2024-05-01", url="",
                      platform="", lang="en", kind="Article")
    headline = Quote("KFC and Mister V.", doc)
    body = Quote("Mister V's KFC campaign drew boycott calls.", doc)
    assert body_first([headline, body]) == [body]
    assert body_first([headline]) == [headline]  # nothing better: the headline stays
