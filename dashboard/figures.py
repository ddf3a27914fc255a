"""A view's figure, composed for the screen or for sharing.

`on_screen` is the timeline as the app and the static pages show it: the panels and their key,
fitting any width; the page around it carries the words. `compose` puts the title, the view in
words and a footer (the estimators and outlets behind the points, the data version, the date and
the permalink) inside the figure itself, so any export carries them: ours, and Plotly's own
"download as PNG" button in the app. `snapshot_figure` is what every shared image is made from.
"""

from __future__ import annotations

import textwrap
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from estimates import Dataset

from .alttext import describe
from .credits import sources
from .timeline import timeline_parts, unvalidated_figure
from .view import View, apply, describe_view, permalink
from .vocabulary import PANELS, TITLE
from .words import plotly_text

FOOTER_LINE_PX = 15
TITLE_LINE_PX, SUBTITLE_LINE_PX, TITLES_PAD_PX = 24, 17, 23  # title 18 px and subtitle 12 px, above the legend
LEGEND_ROW_PX, LEGEND_CHAR_PX, LEGEND_SYMBOL_PX = 30, 6.4, 48  # 11 px text beside markers up to 16 px
PANEL_TITLE_PX = 34  # between the legend and the first panel, whose title sits in it
SNAPSHOT_PLOT_PX, SNAPSHOT_WRAP = 1100, 170  # a 1280-pixel image


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


LEGEND_ON_SCREEN_PX = 110  # the key above the panels at 1280 px (two or three rows), the first panel's title


HIGHLIGHT = dict(symbol="circle-open", size=30, line=dict(width=3, color="#111111"))  # a permalink's record


def _highlight(traces: list[dict], record: str) -> list[dict]:
    """A ring around `record`'s mark, on its panel: a record's permalink opens with its point found."""
    for trace in traces:
        ids = list(trace.get("customdata") if trace.get("customdata") is not None else [])
        if record in ids and trace.get("meta", {}).get("role") in ("estimates", "admitted-figures", "admissions"):
            n = ids.index(record)
            return [dict(type="scatter", x=[list(trace["x"])[n]], y=[list(trace["y"])[n]], mode="markers",
                         marker=HIGHLIGHT, xaxis=trace.get("xaxis"), yaxis=trace.get("yaxis"), showlegend=False,
                         hoverinfo="skip", customdata=[record], meta={"role": "highlight", "record": record})]
    return []


def ringed(figure: go.Figure, record: str) -> go.Figure:
    """`figure` with a ring around `record`'s mark, when it is drawn: a new figure sharing the
    traces, so a view's figure is built once whichever record is open."""
    ring = _highlight([trace.to_plotly_json() for trace in figure.data], record)
    return unvalidated_figure([*figure.data, *ring], figure.layout) if ring else figure


def on_screen(frame: pd.DataFrame, view: View, *, version: str, link: str, plot_px: int = 330) -> go.Figure:
    """The timeline as the app shows it: the panels and their legend only, fitting any width. The
    page around it says the title, the view and the sources, in text that wraps to the screen;
    the images people share come from `compose`, which puts all of those in the image."""
    traces, layout = timeline_parts(frame, basis=view.basis, scale=view.scale, plot_px=plot_px)
    # the legend, whose entries name the strip's stars, stands in for the strip's title
    layout["annotations"] = [a for a in layout["annotations"] if a.get("text") != PANELS[0].title]
    layout.update(
        height=layout["meta"]["plot_px"] + 20 + 30 + LEGEND_ON_SCREEN_PX,
        margin=dict(layout["margin"], t=20, b=30),
        # at the top of the figure, as wide as the plot: the browser pushes the panels down by
        # the legend's own height at the width it is drawn at, so no band is left blank
        legend=dict(orientation="h", yref="container", y=1, yanchor="top", xanchor="left", x=0,
                    font=dict(size=11), itemwidth=30, tracegroupgap=0),
        meta=dict(layout["meta"], permalink=link, data_version=version),
    )
    return unvalidated_figure(traces, layout)


def compose(frame: pd.DataFrame, view: View, *, version: str, made_on: date, link: str,
            plot_px: int = 330, wrap: int = 95) -> go.Figure:
    """The timeline of `frame` (the visible records) with its title, subtitle and sources
    footer, laid out for an image `plot_px` wide: what a shared snapshot carries."""
    traces, layout = timeline_parts(frame, basis=view.basis, scale=view.scale, plot_px=plot_px)
    lines = footer_lines(frame, version, link, made_on, wrap)
    # the footer's `wrap` characters at 10 px make the width the title and subtitle wrap at too
    title, subtitle = wrapped(TITLE, wrap * 10 // 18), wrapped(describe_view(view, frame), wrap * 10 // 12)
    titles = TITLES_PAD_PX + TITLE_LINE_PX * len(title) + SUBTITLE_LINE_PX * len(subtitle)
    # the legend, under the title, is given the rows it takes at the narrowest width the figure
    # is made for, so that it never runs into the title or the first panel
    entries = [trace["name"] for trace in traces if trace.get("showlegend") is not False and trace.get("name")]
    bottom = 40 + FOOTER_LINE_PX * len(lines)
    top = titles + LEGEND_ROW_PX * legend_rows(entries, plot_px) + PANEL_TITLE_PX
    height = layout["meta"]["plot_px"] + top  # the panels keep their heights under any title and legend
    paper = height + bottom - top - bottom
    layout.update(
        height=height + bottom,
        title=dict(text="<br>".join(map(plotly_text, title)), x=0.01, xanchor="left", yref="container", y=1,
                   yanchor="top", pad=dict(t=12), font=dict(size=18),
                   subtitle=dict(text="<br>".join(map(plotly_text, subtitle)), font=dict(size=12, color="#555"))),
        margin=dict(layout["margin"], t=top, b=bottom),
        # grows up from just above the first panel: on a wide screen, the room left over is under
        # the title, and the legend stays beside the chart it is the key to
        legend=dict(orientation="h", yanchor="bottom", y=1 + PANEL_TITLE_PX / paper, xanchor="left", x=0,
                    font=dict(size=11)),
        meta=dict(layout["meta"], permalink=link, data_version=version),
    )
    layout["annotations"].append(dict(
        text="<br>".join(plotly_text(line) for line in lines), xref="paper", yref="paper", x=0, y=0,
        xanchor="left", yanchor="top", yshift=-28, align="left", showarrow=False,
        font=dict(size=10, color="#444"), name="footer",
    ))
    figure = unvalidated_figure(traces, layout)
    return figure


def snapshot_figure(frame: pd.DataFrame, dataset: Dataset, view: View, made_on: date, base: str,
                    *, plot_px: int = SNAPSHOT_PLOT_PX, wrap: int = SNAPSHOT_WRAP) -> tuple[go.Figure, str]:
    """The shareable figure of a view, and its alt text. The defaults suit a 1280-pixel image;
    the app passes a phone's width so the same figure reads on any screen."""
    visible = apply(frame, view)
    figure = compose(visible, view, version=dataset.version, made_on=made_on,
                     link=permalink(view.without_record(), base), plot_px=plot_px, wrap=wrap)
    return figure, describe(visible)
