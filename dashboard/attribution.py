"""Lines a journalist can paste: a claim, or a view's key numbers, as a sentence that names the
originator, the relay, a verb that fits what was said (estimated, said, announced a plan), the
figure as given, where, when, and the link to its source.

    South Korea's National Intelligence Service (NIS) estimated that about 2,000 North Korean
    soldiers had been killed, according to South Korean lawmakers, on 2 Sep 2025 (reported by
    Yonhap: https://...).
"""

from __future__ import annotations

import pandas as pd

from .headline import KeyNumber
from .words import clip, figure_words, lower_first, what_words

# what the figure counts, as the rest of a sentence: "... North Korean soldiers had been killed"
CLAUSES = {
    ("deployed", "total"): ("troops", "had been sent"), ("deployed", "present"): ("troops", "were present"),
    ("deployed", "flow"): ("troops", "had been sent"), ("reinforcements", "total"): ("more troops", "had been sent"),
    ("reinforcements", "present"): ("more troops", "were present"),
    ("reinforcements", "flow"): ("more troops", "had been sent"), ("killed", "total"): ("soldiers", "had been killed"),
    ("killed", "flow"): ("soldiers", "had been killed"), ("wounded", "total"): ("soldiers", "had been wounded"),
    ("wounded", "flow"): ("soldiers", "had been wounded"),
    ("killed_or_wounded", "total"): ("soldiers", "had been killed or wounded"),
    ("killed_or_wounded", "flow"): ("soldiers", "had been killed or wounded"),
    ("casualties", "total"): ("soldiers", "were casualties"), ("casualties", "flow"): ("soldiers", "were casualties"),
    ("captured", "total"): ("soldiers", "had been captured"), ("missing", "total"): ("soldiers", "were missing"),
}
SUBJECTS = {"sent": "North Korean troops sent so far", "present": "North Korean troops there now",
            "killed": "North Korean soldiers killed", "wounded": "North Korean soldiers wounded",
            "killed_or_wounded": "North Korean soldiers killed or wounded", "captured": "North Korean soldiers captured"}
VERBS = {("estimate", "count"): "estimated that", ("admission", "count"): "said that",
         ("estimate", "forecast"): "forecast that", ("estimate", "plan"): "said North Korea planned to send",
         ("admission", "plan"): "announced a plan to send"}


def _when(row: pd.Series) -> str:
    label = str(row["announced_label"])
    return f"on {label}" if label[:1].isdigit() else f"in {label}"  # "on 2 Sep 2025", "in Jan 2025", "in late 2024"


def _where(row: pd.Series) -> str:
    name = row["scope_name"]
    return f" ({clip(lower_first(str(name)), 80)})" if isinstance(name, str) and row["scope"] not in ("war",) else ""


def _reported(row: pd.Series, link: str | None) -> str:
    first = row["reports"][0] if len(row["reports"]) else None
    if first is None:
        return f" ({link})" if link else ""
    outlet = first["outlet"] or "an unnamed outlet"
    return f" (reported by {outlet}: {first['url'] or link or 'archived in the tracker'})"


def attribution(row: pd.Series, link: str | None = None) -> str:
    """A claim as a sentence a reader can paste into an article, with the link to its earliest report."""
    kind, status = row["kind"], row["status"] or "count"
    who = str(row["estimator_name"]) + ("," if "," in str(row["estimator_name"]) else "")  # "Kim Jong Un, leader of North Korea,"
    relays = [r for r in str(row["relayed_by_names"] or "").split(", ") if r]
    according = f", according to {relays[0]}," if relays and kind == "estimate" else ""
    if row["quantity"] is None or pd.isna(row["value"]) and pd.isna(row["lower"]) and pd.isna(row["upper"]):
        return (f"{who}{according} made a statement {_when(row)} (in the tracker's words: "
                f"{row['label'] or 'no figure given'}){_reported(row, link)}.")
    counted = f" ({clip(str(row['counted']), 80)})" if isinstance(row["counted"], str) and row["counted"] else ""
    verb = VERBS.get((kind, status), "said that")
    if status == "forecast":
        return (f"{who}{according} forecast that North Korea would send {figure_words(row)} troops{counted}{_where(row)}, "
                f"{_when(row)}{_reported(row, link)}.")
    if status == "plan":
        return f"{who}{according} {verb} {figure_words(row)} troops{counted}{_where(row)} {_when(row)}{_reported(row, link)}."
    if row["measure"] == "share" or (row["quantity"], row["measure"]) not in CLAUSES:
        return f"{who} {verb} {what_words(row)}{_where(row)}{according} {_when(row)}{_reported(row, link)}."
    noun, clause = CLAUSES[(row["quantity"], row["measure"])]
    return (f"{who} {verb} {figure_words(row)} North Korean {noun}{counted} {clause}{_where(row)}{according} "
            f"{_when(row)}{_reported(row, link)}.")


def key_sentence(item: KeyNumber, link: str) -> str:
    """A key number as a sentence: 'The latest published estimates of North Korean soldiers killed
    range from about 2,000 (NIS, 2 Sep 2025) to at least 6,000 (Ukrainian MFA, 27 Feb 2026),
    according to the tracker of published estimates (link).'"""
    what = SUBJECTS.get(item.key.id, item.title.lower())
    if not item.low:
        return f"No published estimate of {what} in this view ({link})."
    if item.low == item.high:
        said = " and ".join(c.words() for c in item.low)
        return f"The latest published estimate of {what}: {said}, according to the tracker of published estimates ({link})."
    return (f"The latest published estimates of {what} range from {' and '.join(c.words() for c in item.low)} to "
            f"{' and '.join(c.words() for c in item.high)}, according to the tracker of published estimates ({link}).")
