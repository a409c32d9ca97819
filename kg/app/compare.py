"""Compare: two to four trends, audiences or brands side by side, or one in two periods.

Side by side: the weekly documents of each on one chart, the audiences and
platforms of each, the neighbours they share (each one's link weight) and the
ones only one of them has. Every row and every point of the chart opens its
quotes. The choice (``cmp_type``, ``cmp``) is in the URL; the two-periods view
lives in ``kg.app.compare_periods``.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from kg.app import compare_periods, components, proofs, state, urlstate
from kg.compare import MAX_ITEMS, PROFILE, Comparison
from kg.entities import Link
from kg.ontology import load_ontology

CLASS = load_ontology().names
TYPES = {t: load_ontology().class_plural(t) for t in (CLASS.Trend, CLASS.Audience, CLASS.Brand)}
MODES = {"side": "Side by side", "periods": "Two periods of one"}


def render(uri: str) -> None:
    st.title("Compare")
    c1, c2 = st.columns(2)
    mode = urlstate.choice("Compare", list(MODES), param="cmp_mode",
                           format_func=lambda k: MODES.get(k, k),
                           kind="radio", horizontal=True, where=c1)
    type_ = urlstate.choice("Of", list(TYPES), param="cmp_type",
                            format_func=lambda k: TYPES.get(k, k),
                            kind="radio", horizontal=True, where=c2)
    hits = state.entities_of(uri, type_)
    if len(hits) < (2 if mode == "side" else 1):
        st.info(f"This graph has too few {TYPES[type_].lower()} to compare. Ingest more "
                "articles, or compare another class.")
        return
    names = {h.id: h.name for h in hits}
    if mode == "periods":
        compare_periods.render(uri, names)
        return
    ids = urlstate.choices(f"{TYPES[type_]} (two to four)", list(names), param="cmp",
                           default=[h.id for h in hits[:2]], format_func=lambda k: names.get(k, k),
                           max_selections=MAX_ITEMS)
    if len(ids) < 2:
        st.info(f"Pick at least two {TYPES[type_].lower()} to compare.")
        return
    found = state.comparison(uri, tuple(ids))
    claims = _claims(found)
    _cards(found)
    _weekly(found, claims)
    _profiles(found)
    _shared(found)
    _unique(found)
    proofs.render(uri, claims)


def _cards(found: Comparison) -> None:
    cols = st.columns(len(found.items))
    for col, item in zip(cols, found.items, strict=True):
        col.metric(item.name, f"{item.documents} document{'s' * (item.documents != 1)}",
                   help=f"{item.mentions} mentions, linked to {item.links} entities.")
        proofs.button(f"The {item.documents}", f"docs:{item.id}", key=f"q:docs:{item.id}",
                      where=col)


def _weekly(found: Comparison, claims: dict[str, proofs.Claim]) -> None:
    st.markdown("**Documents per week** (click a point for its documents)")
    if not found.weeks:
        st.info("None of them is mentioned in a dated document.")
        return
    frame = pd.DataFrame([
        {"week": w.week.isoformat(), "entity": item.name, "id": item.id,
         "documents": w.documents}
        for item in found.items for w in item.weekly
    ])
    pick = alt.selection_point(name="point", fields=["week", "id"], on="click")
    chart = (alt.Chart(frame).mark_line(point=alt.OverlayMarkDef(size=28), strokeWidth=1.5)
             .encode(x=alt.X("week:T", title=None),
                     y=alt.Y("documents:Q", axis=alt.Axis(tickMinStep=1, format="d")),
                     color=alt.Color("entity:N", sort=[i.name for i in found.items],
                                     title=None, legend=alt.Legend(orient="top"),
                                     scale=alt.Scale(scheme="tableau10")),
                     tooltip=["entity:N", "week:T", "documents:Q"])
             .add_params(pick))
    proofs.chart(chart, lambda event: _clicked_week(event, claims), key="cmp_weeks", height=260)


def _clicked_week(event: Any, claims: dict[str, proofs.Claim]) -> str | None:
    point = components.clicked_point(event, "point")
    key = f"week:{point.get('id')}:{components.clicked_day(point.get('week'))}" if point else ""
    return key if key in claims else None


def _links_frame(links: tuple[Link, ...] | list[Link]) -> pd.DataFrame:
    return pd.DataFrame([{"name": x.name, "weight": x.weight, "docs": x.docs} for x in links],
                        columns=["name", "weight", "docs"])


def _profiles(found: Comparison) -> None:
    for type_ in PROFILE:
        title = load_ontology().class_plural(type_)
        st.markdown(f"**{title} of each** (select a row for its quotes)")
        cols = st.columns(len(found.items))
        for col, item in zip(cols, found.items, strict=True):
            links = item.profile.get(type_, ())
            col.caption(item.name)
            if not links:
                col.caption(f"No {title.lower()} linked.")
                continue
            proofs.table(_links_frame(links), [f"pair:{item.id}:{x.id}" for x in links],
                         key=f"cmp_{type_}:{item.id}", where=col)


def _shared(found: Comparison) -> None:
    st.markdown("**Shared neighbours** (linked to two or more of them; link weight per "
                "column, select a row for the quotes)")
    if not found.shared:
        st.info("They share no neighbour.")
        return
    frame = pd.DataFrame([
        {"neighbour": s.name, "type": s.type,
         **{item.name: weight for item, weight in zip(found.items, s.weights, strict=True)}}
        for s in found.shared
    ])
    proofs.table(frame, [f"shared:{s.id}" for s in found.shared], key="cmp_shared")


def _unique(found: Comparison) -> None:
    st.markdown("**Only theirs** (neighbours none of the others has)")
    cols = st.columns(len(found.items))
    for col, item, own in zip(cols, found.items, found.unique, strict=True):
        col.caption(item.name)
        if not own:
            col.caption("Nothing of its own.")
            continue
        proofs.table(_links_frame(own), [f"pair:{item.id}:{x.id}" for x in own],
                     key=f"cmp_unique:{item.id}", where=col)


def _claims(found: Comparison) -> dict[str, proofs.Claim]:
    claims: dict[str, proofs.Claim] = {}
    ids = ",".join(i.id for i in found.items)
    for item in found.items:
        claims[f"docs:{item.id}"] = proofs.Claim(
            f"{item.name}: {item.documents} documents", "mentions", item.id)
        for w in item.weekly:
            if w.documents:
                until = (pd.Timestamp(w.week) + pd.Timedelta(days=7)).date().isoformat()
                claims[f"week:{item.id}:{w.week}"] = proofs.Claim(
                    f"{item.name}, week of {w.week:%d %b %Y}: {w.documents} document(s)",
                    "mentions", item.id, since=w.week.isoformat(), until=until)
        for link in [*sum(item.profile.values(), ()), *_own(found, item.id)]:
            claims[f"pair:{item.id}:{link.id}"] = proofs.Claim(
                f"{item.name} — {link.name}: weight {link.weight}", "pair", item.id, link.id)
    for shared in found.shared:
        claims[f"shared:{shared.id}"] = proofs.Claim(
            f"Shared: {shared.name} ({shared.type})", "fan", shared.id, ids)
    return claims


def _own(found: Comparison, item_id: str) -> tuple[Link, ...]:
    for item, own in zip(found.items, found.unique, strict=True):
        if item.id == item_id:
            return own
    return ()
