"""Records in plain words: "NIS (via Yonhap): at least 300 killed, announced Jan 2025"."""

from __future__ import annotations

import math
import re

import pandas as pd

from estimates.text_rules import printable

QUANTITY_WORDS = {
    "deployed": "troops sent",
    "reinforcements": "more troops sent",
    "killed": "killed",
    "wounded": "wounded",
    "killed_or_wounded": "killed or wounded",
    "casualties": "casualties",
    "captured": "captured",
    "missing": "missing",
}
QUALIFIER_WORDS = {
    "exact": "", "about": "about ", "at_least": "at least ", "more_than": "more than ",
    "up_to": "up to ", "as_many_as": "as many as ",
}
_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def number(value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "?"
    if 0 < value < 1:
        return f"{value:.0%}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def figure_words(row: pd.Series | dict) -> str:
    """'at least 300', 'about 600', 'between 2,000 and 3,000', 'no figure given'."""
    qualifier = row["qualifier"]
    if qualifier is None or (isinstance(qualifier, float) and math.isnan(qualifier)):
        return "no figure given"
    if qualifier == "vague":
        return "no figure given"
    low, high, value = row["low"], row["high"], row["value"]
    if qualifier == "range" or (not _missing(low) and not _missing(high) and low != high):
        text = f"between {number(low)} and {number(high)}"
        return text + (f" (best {number(value)})" if not _missing(value) else "")
    return f"{QUALIFIER_WORDS.get(qualifier, '')}{number(value)}"


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def who(row: pd.Series | dict) -> str:
    relays = row.get("relayed_by_names") or ""
    return f"{row['estimator_short']} (via {relays})" if relays else str(row["estimator_short"])


def sentence(row: pd.Series | dict) -> str:
    """One record as a sentence, for hover text and alt text."""
    if row["kind"] == "admission" and _missing(row.get("value")):
        return f"{row['estimator_short']}: {row['label']}, {row['announced_label']}"
    quantity = QUANTITY_WORDS.get(row["quantity"], str(row["quantity"]))
    scope = f" ({clip(row['scope_name'].lower(), 80)})" if row.get("scope_name") and row["scope"] != "war" else ""
    status = f" [{row['status']}]" if row.get("status") not in (None, "count") else ""
    verb = "admitted" if row["kind"] == "admission" else "announced"
    return f"{who(row)}: {figure_words(row)} {quantity}{scope}{status}, {verb} {row['announced_label']}"


def markdown_text(text: object) -> str:
    """Data text made inert for st.markdown: every ASCII punctuation mark is backslash-escaped
    (valid CommonMark), so no link, image, HTML, LaTeX or colour directive can form."""
    return _ASCII_PUNCTUATION.sub(r"\\\1", str(text))


def code_span(text: object) -> str:
    """Text from a link, a file name or the data, for a Markdown-only element (st.info,
    st.warning): one CommonMark code span, shown exactly as written. Backslash escapes are not
    enough: Streamlit's Markdown turns `https://...` and `www....` into links after escapes
    are decoded, but never inside code. Line breaks and invisible characters are shown as
    escapes, so the span cannot be closed early."""
    text = printable(str(text))
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}"


def lower_first(text: str) -> str:
    """'The engineer regiment' -> 'the engineer regiment'; 'NIS' stays 'NIS'."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def clip(text: str, limit: int) -> str:
    """At most `limit` characters: long text from the data must not swamp a chart."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
