"""Proof one click away on the profile pages: every number, row and flag names a claim,
and the claim in the URL (``?proof=``) opens its quotes under the page.

A page builds its claims (``Claim``) as it draws its numbers, tables and flags;
a table row, a chart bar or a button picks one, and ``render`` shows the
quotes behind it with "Read the document" under each. The quotes themselves
come from ``kg.proof`` through cached calls.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from kg.app import components, state, urlstate
from kg.entities import EntityDetails, Link
from kg.ontology import Ontology

PARAM = "proof"
NONE = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """What a number says, and how to find its quotes.

    ``kind`` is "pair" (the links between ``a`` and ``b``), "path" (``a`` to ``b``
    through one entity), "fan" (the links between ``a`` and each id of ``b``,
    comma-separated) or "mentions" (documents mentioning ``a`` in [since, until),
    and ``also`` too when set).
    """

    label: str
    kind: str
    a: str
    b: str = ""
    since: str = ""
    until: str = ""
    also: str = ""


def pick(claim_key: str | None, source: str) -> None:
    """A table row or chart click picks a claim, once per new click."""
    if urlstate.fresh(source, claim_key):
        urlstate.write(PARAM, claim_key)


def chart(figure: Any, claim_of: Callable[[Any], str | None], *, key: str, height: int) -> None:
    """An Altair chart whose click picks a claim: ``claim_of`` reads the click event."""
    event = st.altair_chart(figure, on_select="rerun", key=key, height=height, width="stretch")
    pick(claim_of(event), key)


def button(label: str, claim_key: str, *, key: str, where: Any = st) -> None:
    """A small button that opens ``claim_key``'s quotes."""
    where.button(label, key=key, on_click=urlstate.write, args=(PARAM, claim_key),
                 type="tertiary", icon=":material/format_quote:")


def table(frame: pd.DataFrame, keys: Sequence[str], *, key: str, where: Any = st,
          **options: Any) -> None:
    """A dataframe whose rows open their claims (``keys[i]`` for row i) when selected."""
    event = where.dataframe(frame, hide_index=True, width="stretch", key=key,
                            on_select="rerun", selection_mode="single-row", **options)
    rows = event.selection.rows if event is not None and hasattr(event, "selection") else []
    pick(keys[rows[0]] if rows and rows[0] < len(keys) else None, key)


def link_sections(links: Mapping[str, Sequence[Link]], ontology: Ontology, *,
                  order: Sequence[str], own_type: str, own_prefix: str, key: str) -> None:
    """The linked entities, a table per class in ``order`` three to a row, each titled by
    the class's plural label ("Related trends" for the page's own class); a row opens the
    quotes of its link (the claims of :func:`link_claims`)."""
    present = [t for t in order if links.get(t)]
    for row in range(0, len(present), 3):
        cols = st.columns(3)
        for col, type_ in zip(cols, present[row:row + 3], strict=False):
            plural = ontology.class_plural(type_)
            col.markdown(f"**{own_prefix} {plural.lower()}**" if type_ == own_type
                         else f"**{plural}**")
            table(components.links_table(list(links[type_]), ontology),
                  [f"link:{link.id}" for link in links[type_]], key=f"{key}:{type_}", where=col)


def link_claims(details: EntityDetails, links: Mapping[str, Sequence[Link]]) -> dict[str, Claim]:
    """One claim per linked entity: the sentences that link it to the page's entity."""
    return {f"link:{link.id}": Claim(f"{details.name} — {link.name} ({link.type}): weight "
                                     f"{link.weight}", "pair", details.id, link.id)
            for group in links.values() for link in group}


def render(uri: str, claims: dict[str, Claim], *, title: str = "Quotes") -> None:
    """The picker (every claim of the page) and the quotes of the chosen one."""
    st.subheader(title)
    labels = {NONE: "— pick a number, a row or a flag above, or choose here —"}
    labels |= {k: c.label for k, c in claims.items()}
    picked = urlstate.choice("Show the quotes behind", list(labels), param=PARAM, default=NONE,
                             format_func=lambda k: labels.get(k, k))
    claim = claims.get(picked or NONE)
    if claim is None:
        return
    if claim.kind == "pair":
        components.render_quotes(state.pair_quotes(uri, claim.a, claim.b), key=f"p:{picked}")
    elif claim.kind == "path":
        _paths(uri, claim, picked)
    elif claim.kind == "fan":
        _fan(uri, claim, picked)
    else:
        found = state.mention_quotes(uri, claim.a, claim.since, claim.until, claim.also)
        st.caption(f"{len(found)} document(s), newest first, each with the sentence that "
                   "names it" + (" (the first 20)" if len(found) >= 20 else "") + ".")
        components.render_quotes(found, key=f"m:{picked}",
                                 empty="No document in this period.")


def _paths(uri: str, claim: Claim, picked: str) -> None:
    paths = state.path_quotes(uri, claim.a, claim.b)
    if not paths:
        st.info("No path of two links joins them any more.")
    for n, path in enumerate(paths):
        st.markdown(f"**Through {path.via}**: {state.name_of(uri, claim.a)} — {path.via} — "
                    f"{state.name_of(uri, claim.b)}")
        components.render_quotes(list(path.first[:2]) + list(path.second[:2]),
                                 key=f"path:{picked}:{n}")


def _fan(uri: str, claim: Claim, picked: str) -> None:
    for n, other in enumerate(x for x in claim.b.split(",") if x):
        found = state.pair_quotes(uri, other, claim.a)
        st.markdown(f"**{state.name_of(uri, other)}**")
        components.render_quotes(found[:3], key=f"fan:{picked}:{n}", empty="Not linked.")
