"""Records in plain words: "NIS (via Yonhap): at least 300 killed, announced Jan 2025"."""

from __future__ import annotations

import html
import math
import re

import pandas as pd

from estimates.dates import label
from estimates.text_rules import printable

from .vocabulary import QUALIFIER_WORDS, QUANTITY, STATUS_WORDS, WIDE_SCOPES

QUANTITY_WORDS = {q: term.words for q, term in QUANTITY.items()}
PRESENT_WORDS = {"deployed": "troops present", "reinforcements": "reinforcements present"}  # a stock at a date, not sent so far
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
    """Who made the claim: the originator, never the outlets that carried it (the card lists them)."""
    return str(row["estimator_short"])


def _given(value: object) -> bool:
    return isinstance(value, str) and bool(value)


def what_words(row: pd.Series | dict) -> str:
    """The figure and what it counts, as the source framed it: 'at least 30 killed over 10–11 Jan
    2025', 'about 50% of the 11-12,000 strong contingent: killed or wounded', '1,000 troops sent
    (sappers), planned'. Never a number the source did not give."""
    quantity = QUANTITY_WORDS.get(row["quantity"], str(row["quantity"]))
    measure = row.get("measure")
    if measure == "present":
        quantity = PRESENT_WORDS.get(row["quantity"], quantity)
    if _given(row.get("counted")):
        quantity += f" ({clip(row['counted'], 80)})"
    if measure == "share" and _given(row.get("share_of")):
        text = f"{figure_words(row)} of {clip(row['share_of'], 100)}: {quantity}"
    else:
        text = f"{figure_words(row)} {quantity}"
        if measure == "flow" and _given(row.get("period")):
            text += f" over {label(row['period'])}"
    status = STATUS_WORDS.get(row.get("status") or "count", "")
    return text + (f", {status}" if status else "")


def scope_words(row: pd.Series | dict) -> str:
    """'', or ' in Russia's Kursk region' style words for a figure narrower than the whole deployment."""
    if not _given(row.get("scope_name")) or row.get("scope") in WIDE_SCOPES:
        return ""
    return f" ({clip(lower_first(row['scope_name']), 80)})"


def sentence(row: pd.Series | dict) -> str:
    """One record as a sentence, for hover text, alt text and the record card."""
    if row["kind"] == "admission" and _missing(row.get("value")):
        return f"{row['estimator_short']}: {row['label']}, {row['announced_label']}"
    if row["kind"] == "admission" and row.get("status") == "plan":  # a decision to send, never a count
        counted = f" ({clip(row['counted'], 80)})" if _given(row.get("counted")) else ""
        return (f"{who(row)}: announced a plan to send {figure_words(row)} troops{counted}{scope_words(row)}, "
                f"{row['announced_label']}")
    verb = "admitted" if row["kind"] == "admission" else "announced"
    return f"{who(row)}: {what_words(row)}{scope_words(row)}, {verb} {row['announced_label']}"


def plotly_text(text: object) -> str:
    """Data text for a plotly title, label, annotation or hover: `<`, `>` and `&` escaped, so no
    tag forms, but quotes kept as typed: plotly.js shows `&quot;` literally (html.escape's default)."""
    return html.escape(str(text), quote=False)


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
