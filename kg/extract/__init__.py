"""Extraction: a Document in, typed entities and evidenced relations out.

``extract`` is a pure function of the document (given the installed models and
the ontology), so any engine can map it over a corpus; ``extract_many`` batches
documents through ``nlp.pipe`` per language and yields in input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from kg.extract.extraction import analysed_text, to_extraction
from kg.extract.language import detect_language, document_language
from kg.extract.pipeline import load_pipeline, model_name
from kg.model import Document, Extraction

__all__ = [
    "analysed_text", "detect_language", "extract", "extract_many", "load_pipeline", "model_name",
]

CHUNK = 512


def extract(document: Document) -> Extraction:
    """Entities and relations of one document."""
    return next(extract_many([document]))


def extract_many(
    documents: Iterable[Document], *, n_process: int = 1, batch_size: int = 32,
) -> Iterator[Extraction]:
    """Extract many documents, grouped by language through ``nlp.pipe``, in input order.

    Documents are read in chunks so a long stream never sits in memory at once.
    """
    iterator = iter(documents)
    while chunk := list(islice(iterator, CHUNK)):
        texts = [analysed_text(d) for d in chunk]
        langs = [document_language(d.lang, t) for d, t in zip(chunk, texts, strict=True)]
        results: list[Extraction | None] = [None] * len(chunk)
        for lang in dict.fromkeys(langs):
            indices = [i for i, value in enumerate(langs) if value == lang]
            nlp = load_pipeline(lang)
            docs = nlp.pipe((texts[i] for i in indices), batch_size=batch_size, n_process=n_process)
            for i, doc in zip(indices, docs, strict=True):
                results[i] = to_extraction(chunk[i], doc, lang=lang)
        for result in results:
            assert result is not None
            yield result
