"""Who says what: for each estimator, and for North Korea's and Russia's official statements,
the latest claim of each key quantity (vocabulary.KEY_QUANTITIES), with its words, scope and date.

`who_says_what` is one row per estimator and key quantity (the CSV the static edition writes);
`wide` turns it into one row per estimator and one column per key quantity, as the page shows it.
Like the key numbers, a cell never holds a background restatement, a count of a subset, a plan
or a forecast: the latest claim that answers the question as asked.
"""

from __future__ import annotations

import pandas as pd

from .headline import answers
from .vocabulary import KEY_QUANTITIES, OWN_SIDES, SIDE_WORDS
from .words import figure_words, scope_words

COLUMNS = ["estimator", "estimator_name", "question", "quantity", "claim", "figure", "value", "low", "high", "scope",
           "scope_name", "counted", "measure", "status", "announced", "announced_label", "announced_start"]
OFFICIAL = {side: f"{SIDE_WORDS[side]} (official statements)" for side in sorted(OWN_SIDES)}


def _answers(frame: pd.DataFrame, key) -> pd.DataFrame:
    """Every claim that answers `key` as asked, estimates and official figures alike."""
    official = ((frame["kind"] == "admission") & (key.measure == "total") & (frame["quantity"] == key.quantity)
                & (frame["status"] == "count") & (frame["lower"].notna() | frame["upper"].notna()))
    return frame[answers(frame, key) | official]


def who_says_what(frame: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for key in KEY_QUANTITIES:
        answers = _answers(frame, key)
        if answers.empty:
            continue
        answers = answers.assign(speaker=[OFFICIAL[s] if k == "admission" else e for k, s, e in
                                          zip(answers["kind"], answers["side"], answers["estimator"])])
        latest = answers.groupby("speaker")["announced_end"].transform("max")
        for _, row in answers[answers["announced_end"] == latest].sort_values(["speaker", "id"]).iterrows():
            official = row["kind"] == "admission"
            rows.append({
                "estimator": row["side"] if official else row["estimator"], "question": key.title,
                "quantity": key.quantity, "claim": row["id"],
                "estimator_name": row["speaker"] if official else row["estimator_short"],
                "figure": figure_words(row) + (f" ({row['counted']})" if official and row["counted"] else "")
                + (f" by {row['estimator_short']}" if official else ""),
                "value": row["value"], "low": row["low"], "high": row["high"],
                "scope": row["scope"], "scope_name": row["scope_name"], "counted": row["counted"], "measure": row["measure"], "status": row["status"],
                "announced": row["announced"], "announced_label": row["announced_label"],
                "announced_start": row["announced_start"],
            })
    return pd.DataFrame(rows, columns=COLUMNS)


def cell_words(row: pd.Series | dict) -> str:
    """'about 2,000 · 2 Sep 2025', and where, when narrower than the whole deployment."""
    where = scope_words({"scope_name": row["scope_name"], "scope": row["scope"]})
    return f"{row['figure']}{where} · {row['announced_label']}"


def wide(table: pd.DataFrame) -> pd.DataFrame:
    """One row per estimator (the official statements last), one column per key quantity; a cell
    with two claims made the same day holds both."""
    titles = [key.title for key in KEY_QUANTITIES]
    cells = table.assign(words=[cell_words(r) for _, r in table.iterrows()])
    grid = cells.groupby(["estimator_name", "question"])["words"].agg(" / ".join).unstack("question")
    grid = grid.reindex(columns=[t for t in titles if t in grid.columns]).fillna("")
    official = grid.index.isin(OFFICIAL.values())
    return pd.concat([grid[~official].sort_index(key=lambda names: names.str.casefold()), grid[official]])
