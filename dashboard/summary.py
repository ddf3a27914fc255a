"""Everything a page says around its chart, computed once for the app and the static edition:
the key numbers, who says what, how to read the marks, what the chart leaves to the table, the
gaps to what was admitted, and the sources. Both renderers draw from `page_summary`, so they
cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .credits import sources
from .gap import admission_gaps
from .headline import KeyNumber, key_numbers
from .timeline import not_drawn
from .whosays import who_says_what

CHART_KEY = ("Bars: the range a source gave. Dotted arrows: a one-sided figure, open upwards (\"at least\", "
             "\"more than\") or downwards (\"as many as\"). Faint horizontal bars: dates known only to the month or "
             "a span. Markers with a dot: a flow (\"in the past week\"), its bar spanning the period it counts. Thin "
             "lines join one estimator's successive claims of the same thing. Hollow markers: plans or forecasts. "
             "Stars: what North Korea or Russia said; those without a label had no room for one: point at them, "
             "or see the table.")


@dataclass(frozen=True)
class PageSummary:
    key_numbers: list[KeyNumber]
    who_says_what: pd.DataFrame  # one row per estimator and key quantity (whosays.COLUMNS)
    chart_key: str
    left_out: str  # "Listed in the table only: 3 without a figure (...)", or ""
    gaps: list[str]  # "Latest estimate: about 600 killed (NIS, Apr 2025), 67× the 9 admitted for ..."
    estimators: str  # "Estimates by NIS, HUR, ... Official statements by ..."
    outlets: str  # "Reported in: Yonhap, ..."


def page_summary(visible: pd.DataFrame, log: bool = True) -> PageSummary:
    """The summary of the records a view shows (`visible`, as `view.apply` returns them)."""
    left = "; ".join(f"{n} {why}" for why, n in not_drawn(visible).items() if n)
    estimators, outlets = sources(visible)
    return PageSummary(
        key_numbers=key_numbers(visible), who_says_what=who_says_what(visible), chart_key=CHART_KEY,
        left_out=f"Listed in the table only: {left}." if left else "",
        gaps=[gap.caption() for gap in admission_gaps(visible, log=log)], estimators=estimators, outlets=outlets,
    )
