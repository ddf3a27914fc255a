"""The view's widgets, one per row of the filter table (dashboard/view.py). Each widget keeps
its value in the session state under `w_<field>`: the URL sets them on a session's first run,
and the View is read back from them on every run."""

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
        st.session_state[f"w_{row.field}"] = list(value) if isinstance(value, tuple) else value


def view_from_widgets(table: tuple[Filter, ...] = FILTERS) -> Any:
    return view_from({row.field: st.session_state[f"w_{row.field}"] for row in table}, table)


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
        _, st.session_state["w_start"], st.session_state["w_end"] = presets[chosen]
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
        st.date_input(row.label, key=key, help=row.help, format="YYYY-MM-DD")
    elif row.widget == "radio":
        st.radio(row.label, list(names), format_func=names.get, key=key, help=row.help, horizontal=True)
    else:
        st.selectbox(row.label, [None, *names], format_func=lambda v: "—" if v is None else names[v], key=key,
                     help=row.help, placeholder=row.placeholder)
