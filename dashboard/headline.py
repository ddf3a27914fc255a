"""The headline figures: for a few quantities, the latest estimate beside the latest admission."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .gap import latest_admission, latest_estimate
from .vocabulary import QUANTITY
from .words import figure_words, lower_first, number, scope_words, who

HEADLINE_QUANTITIES = ("deployed", "killed", "killed_or_wounded")


@dataclass(frozen=True)
class Headline:
    quantity: str
    title: str
    figure: str  # "at least 300" or "no estimate in this view"
    source: str  # "NIS (via Yonhap), Jan 2025"
    admission: str  # "North Korea admitted 9 (the engineer regiment...), Dec 2025" or "none"


def headline(frame: pd.DataFrame, quantity: str) -> Headline:
    title = QUANTITY[quantity].label
    estimate = latest_estimate(frame, quantity)
    admitted = latest_admission(frame, quantity)
    if admitted is not None:
        admission = (f"{admitted['estimator_short']} admitted {number(admitted['value'])} "
                     f"for {lower_first(str(admitted['scope_name']))}, {admitted['announced_label']}")
    elif quantity == "deployed" and (confirmed := _confirmation(frame)) is not None:
        admission = f"{confirmed['label']}, no figure given, {confirmed['announced_label']}"
    else:
        admission = "No official figure"
    if estimate is None:
        return Headline(quantity, title, "no estimate in this view", "", admission)
    source = f"{who(estimate)}, {estimate['announced_label']}{scope_words(estimate)}"  # where, when narrower
    return Headline(quantity, title, figure_words(estimate), source, admission)


def _confirmation(frame: pd.DataFrame) -> pd.Series | None:
    rows = frame[(frame["kind"] == "admission") & (frame["admission_kind"] == "confirms_deployment")
                 & (frame["side"] == "north_korea")]
    return None if rows.empty else rows.sort_values("announced_start").iloc[0]


def headlines(frame: pd.DataFrame) -> list[Headline]:
    return [headline(frame, q) for q in HEADLINE_QUANTITIES]
