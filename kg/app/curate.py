"""Curate: merge, rename, retype and hide entities, hide links, see and undo the rules.

Self-contained: it calls kg.curation (the same rules file and engine as
`trendgraph curate`), shows progress while documents are rewritten, and clears
the app's caches so every page shows the curated graph at once.
"""

from __future__ import annotations

import streamlit as st

from kg.app import state
from kg.curation.curator import (
    curate,
    hide_link_rule,
    hide_rule,
    merge_rule,
    rename_rule,
    retype_rule,
    undo,
)
from kg.curation.rulebook import RuleBook
from kg.search import search

OPERATIONS = ("Merge", "Rename", "Retype", "Hide", "Hide link")
HELP = {
    "Merge": "Fold the first entity into the second: one node, the first one's names kept as "
             "aliases, its mentions, links and quotes added to the second.",
    "Rename": "A new canonical name; the old one stays as an alias.",
    "Retype": "Another ontology class; its links are re-typed to fit (a Brand that is a Place "
              "loses 'associated with').",
    "Hide": "The entity and its links leave the graph, now and in every later ingest.",
    "Hide link": "The links between two entities leave the graph (of one type, or all).",
}


def render(uri: str) -> None:
    st.title("Curate")
    store = state.store(uri)
    book = RuleBook.for_store(store)
    st.caption(f"Each change is a rule in {book.path}; every later ingest obeys the rules, "
               "and undoing one rebuilds the graph from the stored extractions.")
    operation = st.radio("Change", OPERATIONS, horizontal=True, key="cur_op")
    st.caption(HELP[operation])
    build = _form(uri, operation)
    if build is not None and st.button("Apply", key="cur_apply", type="primary"):
        _run(lambda progress: curate(store, book, [build()], by="app", progress=progress),
             lambda result: f"Rule {result[0][0].id}: {result[0][0].label}.")
    _rules(uri, book)


def _form(uri: str, operation: str):
    """The fields of one operation; a function building its rule (None until complete)."""
    store = state.store(uri)
    first = _entity(uri, "Entity" if operation != "Merge" else "Fold in", "cur_a")
    if first is None:
        return None
    if operation == "Merge":
        second = _entity(uri, "Into", "cur_b")
        return None if second in (None, first) else (lambda: merge_rule(store, first, second))
    if operation == "Rename":
        name = st.text_input("New name", key="cur_name").strip()
        return (lambda: rename_rule(store, first, name)) if name else None
    if operation == "Retype":
        type_ = st.selectbox("New class", store.ontology.entity_types, key="cur_type")
        return lambda: retype_rule(store, first, type_)
    if operation == "Hide":
        return lambda: hide_rule(store, first)
    second = _entity(uri, "And", "cur_b")
    rel_type = st.selectbox("Link type", ("", *store.ontology.entity_relationship_types),
                            format_func=lambda t: t or "all types", key="cur_rel")
    return None if second in (None, first) else (
        lambda: hide_link_rule(store, first, second, rel_type))


def _entity(uri: str, label: str, key: str) -> str | None:
    """Find an entity by name or alias; the chosen id, or None while nothing matches."""
    text = st.text_input(f"{label}: find by name or alias", key=f"{key}_q")
    index = state.entity_index(uri)
    hits = (search(index, text, limit=20) if text.strip()
            else sorted(index.entities, key=lambda h: -h.mentions)[:20])
    if not hits:
        st.caption("No entity matches.")
        return None
    names = {h.id: f"{h.name} · {h.type} · {h.mentions} mentions" for h in hits}
    return st.selectbox(label, list(names), format_func=lambda i: names[i], key=key)


def _rules(uri: str, book: RuleBook) -> None:
    entries = book.entries()
    st.subheader(f"Rules in force ({len(entries)})")
    if not entries:
        st.caption("No rules yet.")
        return
    st.dataframe([{"#": e.id, "rule": e.label, "when": e.at, "by": e.by, "note": e.note}
                  for e in entries], hide_index=True, width="stretch")
    labels = {e.id: f"{e.id}: {e.label}" for e in entries}
    chosen = st.selectbox("Undo a rule", list(labels)[::-1], format_func=lambda i: labels[i],
                          key="cur_undo")
    if st.button("Undo", key="cur_undo_go"):
        store = state.store(uri)
        _run(lambda progress: undo(store, book, chosen, progress=progress),
             lambda result: f"Undid rule {result[0].id}; the graph was rebuilt from "
                            f"{result[1].documents} stored extractions.")


def _run(action, message) -> None:
    """Run a curation step with a progress bar, then forget cached pages and say what changed."""
    bar = st.progress(0.0, text="Rewriting documents…")

    def progress(done: int, total: int) -> None:
        bar.progress(min(done / total, 1.0) if total else 1.0,
                     text=f"Rewriting documents… {done}/{total}")

    result = action(progress)
    bar.empty()
    state.refresh()
    st.success(message(result))
