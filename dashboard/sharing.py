"""A view's figure composed for sharing: title, the filters in words, and a footer that names
the estimators and outlets behind the points, the data version, the date and the permalink.

The footer is part of the figure itself, so any export carries it: ours, and Plotly's own
"download as PNG" button in the app.
"""

from __future__ import annotations

import html
import os
import textwrap
from datetime import date

import pandas as pd
import plotly.graph_objects as go


from .timeline import timeline_parts, unvalidated_figure
from .urls import BadBaseUrl, check_base_url
from .view import View, describe_view, query_string
from .vocabulary import PANELS
from .words import clip

TITLE = "North Korean troops in Russia: published estimates vs official admissions"
BASE_URL_VARIABLE = "TRACKER_BASE_URL"
DEFAULT_BASE_URL = "http://localhost:8501"
FOOTER_LINE_PX = 15
TITLE_LINE_PX, SUBTITLE_LINE_PX, TITLES_PAD_PX = 24, 17, 23  # title 18 px and subtitle 12 px, above the legend
LEGEND_ROW_PX, LEGEND_CHAR_PX, LEGEND_SYMBOL_PX = 30, 6.4, 48  # 11 px text beside markers up to 16 px
PANEL_TITLE_PX = 34  # between the legend and the first panel, whose title sits in it


def base_url(current: str | None = None) -> str:
    """Where permalinks point: TRACKER_BASE_URL if set, else `current` (the address the reader
    has open, in the app), else the local address. A TRACKER_BASE_URL that is not an http(s)
    address raises BadBaseUrl; a `current` that is not falls back to the local address."""
    configured = os.environ.get(BASE_URL_VARIABLE)
    if configured:
        return check_base_url(configured, BASE_URL_VARIABLE)
    try:
        return check_base_url(current) if current else DEFAULT_BASE_URL
    except BadBaseUrl:
        return DEFAULT_BASE_URL


def permalink(view: View, base: str | None = None) -> str:
    query = query_string(view)
    return f"{(base or base_url()).rstrip('/')}/" + (f"?{query}" if query else "")


def sources(frame: pd.DataFrame) -> tuple[str, str]:
    """(estimators, outlets) behind the visible records, in words."""
    estimates = frame[frame["kind"] == "estimate"]
    who = []
    for _, row in estimates.drop_duplicates(["estimator", "relayed_by_names"]).iterrows():
        who.append(f"{row['estimator_short']} (via {row['relayed_by_names']})" if row["relayed_by_names"]
                   else str(row["estimator_short"]))
    official = list(dict.fromkeys(frame.loc[frame["kind"] == "admission", "estimator_short"]))
    estimators = "Estimates by " + (", ".join(dict.fromkeys(who)) or "nobody in this view")
    if official:
        estimators += ". Official statements by " + ", ".join(official)
    cited = {c["document"]: c for cs in frame["citations"] for c in cs}
    named, unnamed = [], 0
    for document_id in sorted(cited):
        outlet, how = cited[document_id]["outlet"], cited[document_id]["outlet_how"]
        if outlet is None:
            unnamed += 1
        else:
            named.append(clip(outlet, 80) + (" (outlet inferred)" if how == "inferred" else ""))
    outlets = "; ".join(sorted(dict.fromkeys(named), key=str.casefold))
    if unnamed:
        outlets += ("; " if outlets else "") + f"{unnamed} article{'s' if unnamed != 1 else ''} from unnamed outlets"
    return estimators + ".", f"Reported in: {outlets or 'no documents'}."


def wrapped(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


def legend_rows(names: list[str], plot_px: int) -> int:
    """How many rows a horizontal legend with these entries takes at a plotting width of
    `plot_px`: entries fill a row left to right, and wrap when the next one does not fit."""
    rows, used = 1, 0.0
    for name in names:
        width = LEGEND_SYMBOL_PX + LEGEND_CHAR_PX * len(name)
        if used and used + width > plot_px:
            rows, used = rows + 1, 0.0
        used += width
    return rows


def footer_lines(frame: pd.DataFrame, version: str, link: str, made_on: date, width: int) -> list[str]:
    estimators, outlets = sources(frame)
    stamp = f"Data version {version} · made {made_on.isoformat()} · quotes and archived sources: {link}"
    return [line for paragraph in (estimators, outlets, stamp) for line in wrapped(paragraph, width)]


def on_screen(frame: pd.DataFrame, view: View, *, version: str, link: str, plot_px: int = 330,
              height: int = 900) -> go.Figure:
    """The timeline as the app shows it: the panels and their legend only, fitting any width. The
    page around it says the title, the view and the sources, in text that wraps to the screen;
    the images people share come from `compose`, which puts all of those in the image."""
    traces, layout = timeline_parts(frame, basis=view.basis, scale=view.scale, plot_px=plot_px, height=height)
    # the legend, whose entries name the strip's stars, stands in for the strip's title
    layout["annotations"] = [a for a in layout["annotations"] if a.get("text") != PANELS[0].title]
    layout.update(
        margin=dict(layout["margin"], t=20, b=30),
        # at the top of the figure, as wide as the plot: the browser pushes the panels down by
        # the legend's own height at the width it is drawn at, so no band is left blank
        legend=dict(orientation="h", yref="container", y=1, yanchor="top", xanchor="left", x=0,
                    font=dict(size=11), itemwidth=30, tracegroupgap=0),
        meta=dict(layout["meta"], permalink=link, data_version=version),
    )
    return unvalidated_figure(traces, layout)


def compose(frame: pd.DataFrame, view: View, *, version: str, made_on: date, link: str,
            plot_px: int = 330, wrap: int = 95, height: int = 900) -> go.Figure:
    """The timeline of `frame` (the visible records) with its title, subtitle and sources
    footer, laid out for an image `plot_px` wide: what a shared snapshot carries."""
    traces, layout = timeline_parts(frame, basis=view.basis, scale=view.scale, plot_px=plot_px, height=height)
    lines = footer_lines(frame, version, link, made_on, wrap)
    # the footer's `wrap` characters at 10 px make the width the title and subtitle wrap at too
    title, subtitle = wrapped(TITLE, wrap * 10 // 18), wrapped(describe_view(view, frame), wrap * 10 // 12)
    titles = TITLES_PAD_PX + TITLE_LINE_PX * len(title) + SUBTITLE_LINE_PX * len(subtitle)
    # the legend, under the title, is given the rows it takes at the narrowest width the figure
    # is made for, so that it never runs into the title or the first panel
    entries = [trace["name"] for trace in traces if trace.get("showlegend") is not False and trace.get("name")]
    bottom = 40 + FOOTER_LINE_PX * len(lines)
    top = titles + LEGEND_ROW_PX * legend_rows(entries, plot_px) + PANEL_TITLE_PX
    paper = height + bottom - top - bottom
    layout.update(
        height=height + bottom,
        title=dict(text="<br>".join(map(html.escape, title)), x=0.01, xanchor="left", yref="container", y=1,
                   yanchor="top", pad=dict(t=12), font=dict(size=18),
                   subtitle=dict(text="<br>".join(map(html.escape, subtitle)), font=dict(size=12, color="#555"))),
        margin=dict(layout["margin"], t=top, b=bottom),
        # grows up from just above the first panel: on a wide screen, the room left over is under
        # the title, and the legend stays beside the chart it is the key to
        legend=dict(orientation="h", yanchor="bottom", y=1 + PANEL_TITLE_PX / paper, xanchor="left", x=0,
                    font=dict(size=11)),
        meta=dict(layout["meta"], permalink=link, data_version=version),
    )
    layout["annotations"].append(dict(
        text="<br>".join(html.escape(line) for line in lines), xref="paper", yref="paper", x=0, y=0,
        xanchor="left", yanchor="top", yshift=-28, align="left", showarrow=False,
        font=dict(size=10, color="#444"), name="footer",
    ))
    figure = unvalidated_figure(traces, layout)
    return figure
