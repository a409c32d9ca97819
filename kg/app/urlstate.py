"""Choices kept in the URL as plain query parameters, written on every run.

Streamlit's bound widgets (``bind="query-params"``) leave a value out of the URL
when it equals the widget's default. That is right for a fixed default (one
hop, weight 1) and wrong for a default that depends on the data: "the most
mentioned trend" or "the newest document" change with the next ingest, so a
shared URL would open on something else. These pickers read their value from
the URL first, write it back on every run (default included), and a change in
the widget goes to the URL through its callback, so a link, a shared URL, the
back button and the widget agree. Values travel as strings: ids or names,
never display labels.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import streamlit as st

Options = Sequence[Any]


def _key(param: str) -> str:
    return f"url:{param}"


def write(param: str, value: Any) -> None:
    """Set one URL parameter (a list becomes a repeated parameter), only when it changes."""
    if isinstance(value, list | tuple):
        wanted = [str(v) for v in value] or [""]  # "" keeps "nothing chosen" in the URL
        if st.query_params.get_all(param) != wanted:
            st.query_params[param] = wanted
    elif value == "" and param not in st.query_params:
        return  # an empty choice needs no "?param=" in the URL
    elif st.query_params.get(param) != str(value):
        st.query_params[param] = str(value)


def _sync(param: str) -> None:
    write(param, st.session_state[_key(param)])


def choice(label: str, options: Options, *, param: str, default: Any = None,
           format_func: Callable[[Any], str] = str, where: Any = st, kind: str = "selectbox",
           **widget: Any) -> Any:
    """A selectbox (or ``kind="radio"``) whose value is ``?param=value``; ``default`` (else
    the first option) when the URL has none or one that is not an option."""
    if not options:
        return None
    by_text = {str(o): o for o in options}
    wanted = st.query_params.get(param)
    value = by_text.get(wanted or "", default if default in options else options[0])
    if st.session_state.get(_key(param)) != value:
        st.session_state[_key(param)] = value
    getattr(where, kind)(label, list(options), format_func=format_func, key=_key(param),
                         on_change=_sync, args=(param,), **widget)
    write(param, value)
    return value


def choices(label: str, options: Options, *, param: str, default: Sequence[Any] = (),
            format_func: Callable[[Any], str] = str, where: Any = st, **widget: Any) -> list:
    """A multiselect whose values are ``?param=a&param=b``; ``default`` when the URL has none."""
    by_text = {str(o): o for o in options}
    if param in st.query_params:
        value = [by_text[v] for v in st.query_params.get_all(param) if v in by_text]
    else:
        value = [o for o in default if o in by_text.values()]
    if st.session_state.get(_key(param)) != value:
        st.session_state[_key(param)] = value
    where.multiselect(label, list(options), format_func=format_func, key=_key(param),
                      on_change=_sync, args=(param,), **widget)
    write(param, value)
    return value


def text(label: str, *, param: str, where: Any = st, **widget: Any) -> str:
    """A text box whose value is ``?param=value``: set by a link or a button callback that
    writes the URL parameter, or typed; written back on every run."""
    value = st.query_params.get(param, "")
    if st.session_state.get(_key(param)) != value:
        st.session_state[_key(param)] = value
    where.text_input(label, key=_key(param), on_change=_sync, args=(param,), **widget)
    write(param, value)
    return value


def drop(param: str) -> None:
    """Remove a parameter from the URL (callbacks and runs alike)."""
    st.query_params.pop(param, None)


def fresh(source: str, value: Any) -> bool:
    """True the first time ``value`` comes from ``source`` (a table selection, a chart
    click): those keep reporting the same value on every run until changed."""
    seen = f"seen:{source}"
    if value is None:  # deselected: the same value may count again later
        st.session_state.pop(seen, None)
        return False
    if st.session_state.get(seen) == value:
        return False
    st.session_state[seen] = value
    return True


def _span_text(value: Sequence[date]) -> str:
    return f"{value[0].isoformat()}..{value[1].isoformat()}"


def _parse_span(text: str | None) -> tuple[date, date] | None:
    try:
        first, last = (date.fromisoformat(x) for x in (text or "").split(".."))
    except ValueError:
        return None
    return (first, last) if first <= last else None


def _sync_span(param: str) -> None:
    value = st.session_state[_key(param)]
    if isinstance(value, tuple | list) and len(value) == 2:
        write(param, _span_text(value))


def span(label: str, *, param: str, default: tuple[date, date], where: Any = st,
         **widget: Any) -> tuple[date, date]:
    """A date range kept as ``?param=2025-10-01..2025-10-31``; ``default`` when absent."""
    value = _parse_span(st.query_params.get(param)) or default
    current = st.session_state.get(_key(param))
    half_picked = isinstance(current, tuple | list) and len(current) == 1
    if not half_picked and tuple(current or ()) != value:
        st.session_state[_key(param)] = value
    where.date_input(label, key=_key(param), on_change=_sync_span, args=(param,), **widget)
    write(param, _span_text(value))
    return value
