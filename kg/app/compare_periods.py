"""Compare, two periods of one entity: documents, platforms and co-mentions, then and now.

The periods default to the last 30 days and the 30 before, ending on the
newest document; both are in the URL (``pa``, ``pb`` as ``start..end``) with
the entity (``cmp_one``). Every count opens its documents.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from kg.app import proofs, state, urlstate
from kg.compare import Period, PeriodComparison

DEFAULT_DAYS = 30


def _defaults(latest: date | None) -> tuple[tuple[date, date], tuple[date, date]]:
    end = latest or date.today()
    second = (end - timedelta(days=DEFAULT_DAYS - 1), end)
    first_end = second[0] - timedelta(days=1)
    return (first_end - timedelta(days=DEFAULT_DAYS - 1), first_end), second


def render(uri: str, names: dict[str, str]) -> None:
    entity = urlstate.choice("Entity", list(names), param="cmp_one",
                             format_func=lambda k: names.get(k, k))
    first_default, second_default = _defaults(state.facets(uri).last)
    c1, c2 = st.columns(2)
    first = urlstate.span("Period A", param="pa", default=first_default, where=c1)
    second = urlstate.span("Period B", param="pb", default=second_default, where=c2)
    found = state.period_comparison(uri, entity, first, second)
    claims = _claims(found)
    cols = st.columns(3)
    for col, label, period, key in ((cols[0], "A", found.first, "pa"),
                                    (cols[1], "B", found.second, "pb")):
        col.metric(f"Documents, period {label}", period.documents,
                   help=f"{period.window.start} → {period.window.end}")
        proofs.button(f"The {period.documents}", f"{key}:docs", key=f"q:{key}", where=col)
    change = found.second.documents - found.first.documents
    rate = f"{change / found.first.documents:+.0%}" if found.first.documents else "from 0"
    cols[2].metric("From A to B", f"{change:+d}", delta=rate)
    _side_by_side(found)
    _changes(found)
    proofs.render(uri, claims)


def _side_by_side(found: PeriodComparison) -> None:
    cols = st.columns(2)
    for col, label, period, key in ((cols[0], "A", found.first, "pa"),
                                    (cols[1], "B", found.second, "pb")):
        col.markdown(f"**Period {label}**: {period.window.start} → {period.window.end}")
        weekly = pd.DataFrame({"week": [w.week for w in period.weekly],
                               "documents": [w.documents for w in period.weekly]})
        col.bar_chart(weekly.set_index("week"), height=160)
        col.caption("Platforms (documents)")
        col.dataframe(pd.DataFrame(period.platforms, columns=["platform", "documents"]),
                      hide_index=True, width="stretch")
        col.caption("Named alongside it (documents naming both; select a row for them)")
        proofs.table(_co_frame(period), [f"{key}:co:{r[0]}" for r in period.co_mentioned],
                     key=f"cmp_co:{key}", where=col)


def _co_frame(period: Period) -> pd.DataFrame:
    return pd.DataFrame([{"entity": name, "type": type_, "documents": docs}
                         for _, name, type_, docs in period.co_mentioned],
                        columns=["entity", "type", "documents"])


def _changes(found: PeriodComparison) -> None:
    cols = st.columns(2)
    for col, title, rows, key in ((cols[0], "Appeared in B", found.appeared, "pb"),
                                  (cols[1], "Faded after A", found.faded, "pa")):
        col.markdown(f"**{title}** (named alongside it in one period only)")
        if not rows:
            col.caption("Nothing.")
            continue
        frame = pd.DataFrame([{"entity": r[1], "type": r[2], "documents": r[3]} for r in rows])
        proofs.table(frame, [f"{key}:co:{r[0]}" for r in rows], key=f"cmp_change:{key}",
                     where=col)


def _claims(found: PeriodComparison) -> dict[str, proofs.Claim]:
    claims = {}
    for key, label, period in (("pa", "A", found.first), ("pb", "B", found.second)):
        since, until = period.bounds
        span = f"{period.window.start} → {period.window.end}"
        claims[f"{key}:docs"] = proofs.Claim(
            f"{found.name}, period {label} ({span}): {period.documents} document(s)",
            "mentions", found.id, since=since, until=until)
        changed = found.appeared if key == "pb" else found.faded
        rows = {r[0]: r for r in (*period.co_mentioned, *changed)}
        for other, name, _, _ in rows.values():
            claims[f"{key}:co:{other}"] = proofs.Claim(
                f"{found.name} with {name}, period {label}", "mentions", found.id,
                since=since, until=until, also=other)
    return claims
