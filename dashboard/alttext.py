"""A plain-language description of what a chart shows, generated from its data."""

from __future__ import annotations

import pandas as pd

from .headline import key_numbers
from .vocabulary import OWN_SIDES, QUANTITY
from .words import QUANTITY_WORDS, clip, scope_words, figure_words, lower_first, number

_TRENDS = {1: "rose", -1: "fell", 0: "went"}


def _when(row: pd.Series) -> str:
    return str(row["announced_label"])


def _source(row: pd.Series) -> str:
    """'Pentagon, Nov 2024', and where, for a figure narrower than the whole deployment."""
    where = scope_words(row).strip(" ()")
    return f"{row['estimator_short']}, {_when(row)}" + (f", {where}" if where else "")


def _quantity_sentence(rows: pd.DataFrame, quantity: str) -> str | None:
    rows = rows.sort_values(["announced_end", "announced_start", "id"])
    what = QUANTITY[quantity].subject
    if rows.empty:
        return None
    first, last = rows.iloc[0], rows.iloc[-1]
    if len(rows) == 1:
        return f"One estimate of {what}: {figure_words(first)} ({_source(first)})"
    a, b = first["value"], last["value"]
    trend = _TRENDS[int(b > a) - int(b < a)] if pd.notna(a) and pd.notna(b) else "went"
    return (f"Estimates of {what} {trend} from {figure_words(first)} ({_source(first)}) "
            f"to {figure_words(last)} ({_source(last)}), {len(rows)} estimates in all")


def describe(frame: pd.DataFrame, keys: list | None = None) -> str:
    """The key numbers, then how each quantity's estimates moved and what was admitted. E.g.
    'Latest claims, killed: about 2,000 (NIS, 2 Sep 2025). Estimates of North Korean soldiers killed rose from at least 300 (NIS, Jan 2025) to
    about 600 (South Korean intelligence, Apr 2025), 2 estimates in all. Kim Jong Un admitted 9
    killed (the engineer regiment ...), 12–13 Dec 2025.'"""
    # as the headline figures (gap.latest_estimate): whole counts only, never a subset (`counted`)
    estimates = frame[(frame["kind"] == "estimate") & (frame["measure"] == "total") & (frame["status"] == "count") & frame["independent"]
                      & (frame["lower"].notna() | frame["upper"].notna()) & ~frame["side"].isin(OWN_SIDES)
                      & frame["counted"].isna()]
    present = set(estimates["quantity"])
    latest = [f"{k.title.lower()}: " + (k.sources if k.low == k.high else f"{k.figure} ({k.sources})")
              for k in (key_numbers(frame) if keys is None else keys) if k.low]
    sentences = [f"Latest claims, {'; '.join(latest)}"] if latest else []
    sentences += [s for q in QUANTITY_WORDS
                 if q in present and (s := _quantity_sentence(estimates[estimates["quantity"] == q], q))]
    admissions = frame[frame["kind"] == "admission"].sort_values("announced_start")
    for _, row in admissions[admissions["value"].notna()].iterrows():
        scope = f" ({clip(lower_first(str(row['scope_name'])), 120)})" if row["scope_name"] else ""
        counted = f" ({clip(str(row['counted']), 80)})" if isinstance(row["counted"], str) and row["counted"] else ""
        if row["status"] == "plan":  # a decision to send, never a count
            sentences.append(f"{row['estimator_short']} announced a plan to send {number(row['value'])} "
                             f"troops{counted}{scope}, {_when(row)}")
        else:
            sentences.append(f"{row['estimator_short']} admitted {number(row['value'])} "
                             f"{QUANTITY_WORDS.get(row['quantity'], row['quantity'])}{counted}{scope}, {_when(row)}")
    without = admissions[admissions["value"].isna()]
    if len(without):
        sentences.append(f"{len(without)} other official statement{'s' if len(without) != 1 else ''} by North "
                         f"Korea or Russia gave no figure, from {_when(without.iloc[0])} to {_when(without.iloc[-1])}")
    if not sentences:
        return "The chart shows no records: the filters leave nothing to show."
    return ". ".join(sentences) + "."
