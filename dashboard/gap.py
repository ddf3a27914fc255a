"""How far the latest independent estimate is from what North Korea or Russia admitted."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .vocabulary import OWN_SIDES
from .words import QUANTITY_WORDS, clip, figure_words, lower_first, number



@dataclass(frozen=True)
class Gap:
    quantity: str
    admission_id: str
    admitted_value: float
    admitted_scope: str
    admitted_x: pd.Timestamp
    estimate_id: str
    estimate_words: str  # "about 600 killed (South Korean intelligence via South Korean lawmakers, Apr 2025)"
    estimate_figure: str  # "about 600 killed"
    ratio: float
    ratio_is_lower_bound: bool
    log: bool = True

    def ratio_words(self) -> str:
        """'67×', '2.5×', '0.5×': never rounded to '0×'."""
        shown = f"{self.ratio:,.0f}" if self.ratio >= 10 else f"{self.ratio:.2g}"
        return f"{'at least ' if self.ratio_is_lower_bound else ''}{shown}×"

    def caption_lines(self) -> tuple[str, str]:
        return (f"Latest estimate: {self.estimate_words},",
                f"{self.ratio_words()} the {number(self.admitted_value)} admitted for {self.admitted_scope}")

    def short_lines(self) -> tuple[str, str]:
        """For the chart, where space is short: 'Latest estimate, about 600 killed,' / 'is 67× the 9 admitted'."""
        return (f"Latest estimate, {self.estimate_figure},", f"is {self.ratio_words()} the {number(self.admitted_value)} admitted")

    def caption(self) -> str:
        return " ".join(self.caption_lines())


def latest_estimate(frame: pd.DataFrame, quantity: str, like: pd.Series | None = None) -> pd.Series | None:
    """The most recently announced independent estimate of `quantity` that has a number; with
    `like`, only one of the same scope and of the same people counted, so the two compare.
    Without it, never a subset count (a `counted` narrower than the quantity, such as the dead
    North Korea showed at its ceremonies): the key numbers readers copy count the whole quantity."""
    rows = frame[(frame["kind"] == "estimate") & (frame["quantity"] == quantity) & frame["independent"]
                 & frame["lower"].notna() & (frame["measure"] == "total") & (frame["status"] == "count")
                 & ~frame["side"].isin(OWN_SIDES)]
    if like is not None:
        rows = rows[(rows["scope"] == like["scope"]) & (rows["counted"].fillna("") == (like["counted"] or ""))]
    else:
        rows = rows[rows["counted"].isna()]
    if rows.empty:
        return None
    return rows.sort_values(["announced_end", "announced_start", "id"]).iloc[-1]


def latest_admission(frame: pd.DataFrame, quantity: str | None = None) -> pd.Series | None:
    rows = frame[frame["kind"] == "admission"]
    if quantity is not None:
        rows = rows[(rows["quantity"] == quantity) & rows["value"].notna() & (rows["status"] == "count")]
    if rows.empty:
        return None
    return rows.sort_values(["announced_end", "id"]).iloc[-1]


def admission_gaps(frame: pd.DataFrame, log: bool = True) -> list[Gap]:
    gaps = []
    admitted_quantities = set(frame.loc[(frame["kind"] == "admission") & frame["value"].notna(), "quantity"])
    for quantity in QUANTITY_WORDS:
        if quantity not in admitted_quantities:
            continue
        admitted = latest_admission(frame, quantity)
        estimate = latest_estimate(frame, quantity, like=admitted)
        if admitted is None or estimate is None or not admitted["value"]:
            continue
        open_above = bool(estimate["open_above"])
        value = estimate["lower"] if open_above or pd.isna(estimate["value"]) else estimate["value"]
        words = (f"{figure_words(estimate)} {QUANTITY_WORDS[quantity]} "
                 f"({estimate['estimator_short']}, {estimate['announced_label']})")
        gaps.append(Gap(
            quantity=quantity, admission_id=admitted["id"], admitted_value=float(admitted["value"]),
            admitted_scope=clip(lower_first(admitted["scope_name"]), 120) if admitted["scope_name"] else "no scope given",
            admitted_x=admitted["announced_start"] + (admitted["announced_end"] - admitted["announced_start"]) / 2,
            estimate_id=estimate["id"], estimate_words=words,
            estimate_figure=f"{figure_words(estimate)} {QUANTITY_WORDS[quantity]}", ratio=float(value) / float(admitted["value"]),
            ratio_is_lower_bound=open_above, log=log,
        ))
    return gaps
