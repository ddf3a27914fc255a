"""The view's widgets, one per row of the filter table (dashboard/view.py). Each widget keeps
its value in the session state under `w_<field>`: the URL sets them on a session's first run,
and the View is read back from them on every run. A date is typed as YYYY-MM-DD in a text box,
which applies it on Enter and when the box loses focus (Streamlit's date picker applies a typed
date only on Tab then Escape); a date that does not parse leaves the view unfiltered and says so."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from ..view import FILTERS, Filter, choices, view_from


def set_widgets(view: Any, table: tuple[Filter, ...] = FILTERS) -> None:
    """Give every widget the view's value (before the widgets are drawn)."""
    for row in table:
        value = getattr(view, row.field)
        if row.widget == "date":
            value = value.isoformat() if value else ""
        st.session_state[f"w_{row.field}"] = list(value) if isinstance(value, tuple) else value


def typed_date(text: object) -> date | None:
    """The date typed in a date box, or None for an empty box or one that is not YYYY-MM-DD."""
    if isinstance(text, date):
        return text
    try:
        return date.fromisoformat(str(text).strip()) if str(text or "").strip() else None
    except ValueError:
        return None


def view_from_widgets(table: tuple[Filter, ...] = FILTERS) -> Any:
    values = {row.field: st.session_state[f"w_{row.field}"] for row in table}
    for row in table:
        if row.widget == "date":
            values[row.field] = typed_date(values[row.field])
    return view_from(values, table)


def widgets(frame: pd.DataFrame, table: tuple[Filter, ...] = FILTERS) -> None:
    """Draw the sidebar's widgets, in the table's order; the period presets before the dates."""
    for row in table:
        if row.field == "start":
            period_presets(frame)
        if row.sidebar:
            widget(row, frame)


def periods(frame: pd.DataFrame) -> dict[str, tuple[str, date | None, date | None]]:
    """One click sets both dates: the last three months of records (to the newest announcement),
    each calendar year that has records, or everything."""
    newest = frame["announced_end"].max() if "announced_end" in frame else pd.NaT
    presets: dict[str, tuple[str, date | None, date | None]] = {}
    if pd.notna(newest):
        presets["recent"] = ("Last 3 months", (newest - pd.DateOffset(months=3)).date(), newest.date())
        for year in sorted({d.year for d in frame["announced_start"].dropna()}):
            presets[str(year)] = (str(year), date(year, 1, 1), date(year, 12, 31))
    presets["all"] = ("Everything", None, None)
    return presets


def period_presets(frame: pd.DataFrame) -> None:
    presets = periods(frame)
    st.pills("Period", list(presets), format_func=lambda key: presets[key][0], key="w_period",
             on_change=_apply_period, args=(presets,), help="Sets From and To at once")


def _apply_period(presets: dict) -> None:
    chosen = st.session_state.get("w_period")
    if chosen in presets:
        _, start, end = presets[chosen]
        st.session_state["w_start"], st.session_state["w_end"] = (d.isoformat() if d else "" for d in (start, end))
    st.session_state["w_period"] = None


def widget(row: Filter, frame: pd.DataFrame, names: Mapping[str, str] | None = None) -> None:
    """Draw one row's widget: its label, help, placeholder and values from the row; `names`
    gives the values' words where the frame has no column of them (a record's sentence)."""
    key = f"w_{row.field}"
    names = {v: names.get(v, v) for v in choices(row, frame)} if names is not None else choices(row, frame)
    if row.widget == "multiselect":
        st.multiselect(row.label, list(names), format_func=names.get, key=key, help=row.help,
                       placeholder=row.placeholder)
    elif row.widget == "toggle":
        st.toggle(row.label, key=key, help=row.help)
    elif row.widget == "date":
        st.text_input(row.label, key=key, help=row.help, placeholder="YYYY-MM-DD")
        typed = st.session_state.get(key)
        if typed and typed_date(typed) is None:
            st.caption(f"Not a date: type it as YYYY-MM-DD, e.g. 2025-03-01. The view is not filtered by {row.label.lower()}.")
    elif row.widget == "radio":
        st.radio(row.label, list(names), format_func=names.get, key=key, help=row.help, horizontal=True)
    else:
        st.selectbox(row.label, [None, *names], format_func=lambda v: "—" if v is None else names[v], key=key,
                     help=row.help, placeholder=row.placeholder)
