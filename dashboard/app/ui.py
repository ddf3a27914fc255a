"""Streamlit rendering of the pure pieces. Text from the data goes into elements that show
plain text (st.text, st.code, st.dataframe); the few Markdown strings built around generated
words go through `markdown_text`. Nothing from the data is ever rendered as HTML. A link to an
original is a Markdown link with our own label, which Streamlit opens in a new tab with
rel="noopener noreferrer"."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from estimates import Dataset
from estimates.export import inert_cell

from ..card import card
from ..headline import Headline
from ..view import dropped_link_notice
from ..words import code_span, figure_words, markdown_text as md, sentence

_CHART_DRAWN = st.components.v2.component("chart_drawn", js=Path(__file__).with_name("chart_drawn.js").read_text())


# Captions of data text (the view in words, the sources line) are drawn with st.text, which never
# turns text into a link (st.caption autolinks www.…, e-mail addresses and https://… even after
# escaping: STACK-NOTES), inside a keyed container that this style gives the caption's small grey
# type. A style-only st.html takes no room on the page (Streamlit 1.67's st.html docs).
CAPTION_STYLE = ("<style>[class*='st-key-caption_'] [data-testid='stText'] "
                 "{font-size: 0.875rem; color: rgba(49, 51, 63, 0.6);}</style>")


def caption_text(text: str, key: str) -> None:
    """Data text as a caption: small and grey, and plain text, so never a link."""
    with st.container(key=f"caption_{key}"):
        st.text(text)


def chart_first() -> bool:
    """Let the browser draw the chart before the rest of the page; call it right after the chart.

    On a session's first run it returns True: stop the script there. A small script in the
    browser reruns the app once the chart is drawn, and that run draws the whole page; later
    runs return False. Loading the other elements' code together with Plotly's delays the
    chart: measured after the restructure (benchmarks/bench_dashboard.py --runs 5 --changes 9,
    two runs each way, interleaved), the first chart takes 0.96-1.03x the one-chart floor with
    this, 1.46-1.63x without it."""
    if st.session_state.get("chart_shown"):
        return False
    st.session_state.chart_shown = True
    _CHART_DRAWN(key="chart_drawn", on_drawn_change=_chart_drawn)
    return True


def _chart_drawn() -> None:
    """The browser drew the chart, and says how long the link it opened was: a link Streamlit
    dropped as too long is named in a notice, like any other link the app could not use."""
    report = (st.session_state.get("chart_drawn") or {}).get("drawn")
    notice = dropped_link_notice(report.get("fields", 0), report.get("chars", 0)) if isinstance(report, dict) else None
    if notice:
        st.session_state.url_notices = [notice, *st.session_state.get("url_notices", [])]


TABLE_COLUMNS = {
    "announced_label": "Announced", "estimator_short": "Estimator", "relayed_by_names": "Relayed by",
    "quantity": "Quantity", "figure": "Figure", "value": "Value", "lower": "Low", "upper": "High",
    "qualifier": "Qualifier", "scope_name": "Scope", "as_of_label": "Refers to", "kind": "Kind",
    "independent": "Independent", "documents": "Documents", "quote": "Quote", "id": "Record",
}


def headline_metrics(items: list[Headline]) -> None:
    for column, item in zip(st.columns(len(items)), items):
        with column.container(border=True):
            st.markdown(f"**{md(item.title)}**")
            st.markdown(f"### {md(item.figure)}")
            st.text(item.source or " ")
            st.text(f"Official: {item.admission}")


def record_card(row: pd.Series, citation_text: str) -> None:
    """Data text goes through st.text: no Markdown, no HTML, no autolinks, ever. The link to an
    original has a fixed label and an http(s) address only (see urls.safe_link)."""
    content = card(row)
    with st.container(border=True, key="record_card"):
        st.markdown("**Record**")
        st.text(content.headline)
        for label, text in content.facts:
            st.text(f"{label}: {text}")
        st.markdown("**Reported by, earliest first, in their own words**")
        for report in content.reports:
            st.text(f"“{report.quote.strip()}”")
            st.text(f"— {report.document}" + (f" ({report.how})" if report.how else ""))
            if report.url:  # an http(s) address with no space, quote or angle bracket (urls.safe_link)
                st.markdown(f"[Read the original ↗](<{report.url}>)")
        if content.notes:
            st.text(f"Notes: {content.notes}")
        st.markdown("**Cite this record**")
        st.code(citation_text, language=None, wrap_lines=True)


def table(frame: pd.DataFrame) -> pd.DataFrame:
    shown = frame.assign(
        figure=[figure_words(r) for _, r in frame.iterrows()],
        quote=[q[0] if q else "" for q in frame["quotes"]],
        documents=[", ".join(d) for d in frame["documents"]],
    )
    # the table's own toolbar ("Download as CSV") writes cells as they are: each text cell is made
    # inert as the app's CSV buttons make theirs (estimates.export), on screen too
    table = shown[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS)
    texts = [c for c in table.columns if not pd.api.types.is_numeric_dtype(table[c])]
    return table.assign(**{c: table[c].map(inert_cell) for c in texts})


def chart_key(left_out: dict[str, int], gap_captions: list[str]) -> None:
    listed = "; ".join(f"{n} {why}" for why, n in left_out.items() if n)
    st.caption("Bars: the range a source gave. Dotted arrows: a one-sided figure, open upwards (\"at least\", "
               "\"more than\") or downwards (\"as many as\"). Faint horizontal bars: dates known only to the month or "
               "a span. Markers with a dot: a flow (\"in the past week\"), its bar spanning the period it counts. "
               "Thin lines join successive estimates by one estimator. Hollow markers: plans or forecasts. "
               "Stars without a label had no room for one: point at them, or see the table. "
               + (f"Listed in the table only: {listed}." if listed else ""))
    for caption in gap_captions:
        st.text(f"Gap: {caption}.")


def data_issues(dataset: Dataset, stale: dict | None = None) -> None:
    for shown, (when, what) in (stale or {}).items():
        st.warning(f"{code_span(shown)} {md(what)}: showing its last valid version, loaded at "
                   f"{when:%H:%M:%S}. Fix the file and the page picks it up on the next rerun.", icon="⏪")
    errors, warnings = dataset.errors, dataset.warnings
    if not errors and not warnings:
        return
    what = f"{len(errors)} data error{'s' if len(errors) != 1 else ''}" if errors else ""
    what += (" and " if errors and warnings else "") + (f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else "")
    box = st.error if errors else st.warning
    box(f"**Data issues: {what}.** Records with errors are left out of the chart; everything else is shown. "
        "Fix the files below, then run `python -m estimates validate`.", icon="⚠️")
    with st.expander("Data issues", expanded=bool(errors)):
        st.code("\n".join(f"{p.file}:{p.line}  {p.field}  {p.message}" for p in dataset.problems), language=None)


def record_names(frame: pd.DataFrame) -> dict[str, str]:
    """Each record in words, for the record's selectbox."""
    return {row["id"]: sentence(row) for _, row in frame.iterrows()}
