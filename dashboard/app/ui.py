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
from ..headline import KeyNumber
from ..summary import PageSummary
from ..whosays import cell_words
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
    "announced_start": "Announced", "announced_label": "As given", "estimator_short": "Estimator",
    "relayed_by_names": "Relayed by", "report_count": "Reports",
    "quantity": "Quantity", "figure": "Figure", "value": "Value", "lower": "Low", "upper": "High",
    "qualifier": "Qualifier", "scope_name": "Scope", "as_of_label": "Refers to", "kind": "Kind",
    "independent": "Independent", "documents": "Documents", "quote": "Quote", "id": "Record",
}


# The key numbers' cards: small type, so that all six sit above the fold at 1280 x 800.
KEY_STYLE = ("<style>[class*='st-key-key_'] [data-testid='stText'] {font-size: 0.8rem; line-height: 1.3;}"
             "[class*='st-key-key_'] h3 {padding: 0; font-size: 1.35rem;}"
             ".block-container {padding-top: 2.5rem;}</style>")


def key_numbers(items: list[KeyNumber]) -> None:
    """Each key number: its range, who said each end (the data's words as plain text), what was
    admitted, and a link to each claim's card."""
    st.html(KEY_STYLE)
    rows = [st.columns(3) for _ in range(0, len(items), 3)]  # row by row: on a phone they stack in order
    for n, item in enumerate(items):
        with rows[n // 3][n % 3].container(border=True, key=f"key_{item.key.id}"):
            st.markdown(f"**{md(item.title)}**")
            st.markdown(f"### {md(item.figure)}")
            if item.sources:
                st.text(item.sources)
            st.text(f"Official: {item.official}")
            ends = {}  # each claim's card, under fixed words (never the data's)
            for label, claims in (("low", item.low), ("high", item.high), ("official", (item.admission,))):
                for n, claim in enumerate(c for c in claims if c is not None):
                    ends.setdefault(claim.id, label if n == 0 else f"{label} {n + 1}")
            if ends:
                st.pills("Open a card", list(ends), format_func=ends.get, key=f"cards_{item.key.id}",
                         label_visibility="collapsed", on_change=_open_card, args=(f"cards_{item.key.id}",))


def record_card(row: pd.Series, citation_text: str, paste_text: str) -> None:
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
        st.markdown("**Paste into an article**")
        st.code(paste_text, language=None, wrap_lines=True)
        st.markdown("**Cite the data**")
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


def chart_key(summary: PageSummary) -> None:
    st.caption(md(" ".join(filter(None, [summary.chart_key, summary.left_out]))))
    for caption in summary.gaps:
        st.text(f"Gap: {caption}.")


def who_says_what(table: pd.DataFrame) -> None:
    """One row per estimator and question: sortable, its date a date; selecting a row opens the claim's card."""
    shown = pd.DataFrame({
        "Estimator": table["estimator_name"], "Question": table["question"],
        "Latest claim": [cell_words(r) for _, r in table.iterrows()], "Value": table["value"],
        "Announced": table["announced_start"], "Record": table["claim"],
    })
    st.session_state.who_says_what_ids = list(table["claim"])
    st.dataframe(shown.assign(**{c: shown[c].map(inert_cell) for c in ("Estimator", "Question", "Latest claim")}),
                 key="who_says_what", hide_index=True, on_select=_select_claim, selection_mode="single-row",
                 column_config={"Announced": st.column_config.DateColumn("Announced", format="D MMM YYYY",
                                                                          help="The first day of the date as given"),
                                "Latest claim": st.column_config.TextColumn(width="large")})


def _open_card(key: str) -> None:
    if st.session_state.get(key):
        st.session_state.w_record = st.session_state[key]
        st.session_state[key] = None


def _select_claim() -> None:
    rows = st.session_state.who_says_what.selection.rows
    if rows:
        st.session_state.w_record = st.session_state.who_says_what_ids[rows[0]]


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
