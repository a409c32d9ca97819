"""Document reader: a source's full text, its entities marked and linked to their views."""

from __future__ import annotations

import html

import streamlit as st

from kg.app import state
from kg.app.navigation import href, open_page
from kg.app.urlstate import text
from kg.ontology import Ontology, load_ontology
from kg.reader import DocumentText, UnknownDocumentError

CLASS = load_ontology().names

PAGES_BY_TYPE = {CLASS.Trend: ("Trend profile", "trend"), CLASS.Brand: ("Brand view", "brand")}


def render(uri: str) -> None:
    st.title("Document")
    doc_id = text("Document id", param="doc",
                  help="Open a document from any quote (Read the document).")
    if not doc_id.strip():
        st.info("Pick a quote on Explore, Trend profile, Brand view, Rising trends or Compare "
                "and press “Read the document” to read it here.")
        return
    try:
        found = state.document(uri, doc_id.strip())
    except UnknownDocumentError as exc:
        st.warning(str(exc))
        return
    ontology = state.store(uri).ontology
    doc = found.doc
    st.markdown(f"### {doc.title}")
    meta = " · ".join(x for x in (doc.date or "undated", doc.platform, doc.lang, doc.kind,
                                  doc.author) if x)
    st.caption(meta + (f" · [source]({doc.url})" if doc.url else ""))
    if found.text:
        st.markdown(_marked(found, ontology), unsafe_allow_html=True)
    else:
        st.info("The text of this document was not kept (it was ingested before the store "
                "kept texts). Ingest it again to read it here.")
    _entities(found, ontology)


def _marked(found: DocumentText, ontology: Ontology) -> str:
    """The text as one HTML block: entities as coloured links to their Explore view."""
    types = {e.id: e for e in found.entities}
    parts = []
    for segment in found.segments:
        text = html.escape(segment.text)
        entity = types.get(segment.entity)
        if entity is None:
            parts.append(text)
            continue
        color = ontology.color(entity.type)
        link = html.escape(href("Explore", q=entity.name))
        parts.append(f"<a href='{link}' target='_self' title='{html.escape(entity.type)}' "
                     f"style='background:{color}33;border-bottom:2px solid {color};"
                     f"color:inherit;text-decoration:none;padding:0 2px'>{text}</a>")
    body = "".join(parts).replace("\n\n", "<br><br>").replace("\n", "<br>")
    return f"<div style='line-height:1.7;font-size:1.02rem'>{body}</div>"


def _entities(found: DocumentText, ontology: Ontology) -> None:
    if not found.entities:
        return
    st.markdown("**Entities in this document**")
    cols = st.columns(4)
    for n, entity in enumerate(found.entities):
        label = ontology.class_label(entity.type)
        page, param = PAGES_BY_TYPE.get(entity.type, ("Explore", ""))
        args = (page, None, {param: entity.id}) if param else (page, {"q": entity.name})
        cols[n % 4].button(f"{entity.name} · {label} ({entity.count})", key=f"ent:{entity.id}",
                           on_click=open_page, args=args, type="tertiary")
