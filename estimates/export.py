"""Claims -> CSV or JSON, one row per claim (one per figure of an admission that gives several).

Each row carries what a data user needs without the rest of the package: the figure, who
estimated and relayed it, both dates with their spans and how each is known, and the cited
reporting documents' outlet, headline, publication date, URL and coverage, and how many
outlets reported it. `reports.csv` (the data package) has one row per report."""

from __future__ import annotations

import json
import math

import pandas as pd

EXPORT_COLUMNS = [
    "id", "part", "kind", "quantity", "includes", "scope", "counted", "measure", "status", "period", "share_of",
    "value", "low", "high", "qualifier", "lower", "upper",
    "estimator", "estimator_name", "relayed_by",
    "announced", "announced_start", "announced_end", "announced_how",
    "as_of", "as_of_start", "as_of_end", "as_of_how",
    "restates", "background", "scope_evidence", "distinct_because", "label", "admission_kind",
    "report_count", "documents", "outlet", "headline", "published", "urls", "coverage", "quotes", "notes",
]
_DATES = ("announced_start", "announced_end", "as_of_start", "as_of_end")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value: object) -> object:
    """A text cell that starts like a formula (=, +, -, @, a tab, a carriage return), with a `'`
    before it: spreadsheets must show it as text, never run it as a formula. Anything else as it is."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _cell(value: object) -> object:
    if isinstance(value, list):
        value = " | ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return int(value)  # 10000, not 10000.0; shares stay fractions
    return inert_cell(value)


def export_table(frame: pd.DataFrame, extra: list[str] = ()) -> pd.DataFrame:
    """The export's columns as plain Python values: days as ISO dates, empty where not given."""
    table = frame[[*EXPORT_COLUMNS, *extra]].astype(object)
    for column in _DATES:
        table[column] = [d.date().isoformat() if isinstance(d, pd.Timestamp) else None for d in frame[column]]
    given = frame["as_of_given"].astype(bool)
    table.loc[~given, ["as_of_start", "as_of_end"]] = None
    table["part"] = [int(p) for p in frame["part"]]
    table["documents"] = [list(dict.fromkeys(d)) for d in frame["documents"]]  # each document once; quotes keep their order
    return table.where(table.notna(), None)


def cells_csv(table: pd.DataFrame) -> str:
    """A table of plain values as CSV: lists joined with " | ", whole numbers without ".0", and
    no cell a spreadsheet would run as a formula."""
    # built column by column as objects: pandas would turn a column of ints and blanks back into floats
    table = pd.DataFrame({c: pd.Series([_cell(v) for v in table[c]], dtype=object) for c in table.columns})
    return table.to_csv(index=False, lineterminator="\r\n")  # RFC 4180; quotes cells with \r or \n


def to_csv(frame: pd.DataFrame, extra: list[str] = ()) -> str:
    return cells_csv(export_table(frame, extra))


def to_json(frame: pd.DataFrame, **about: object) -> str:
    records = [{k: _json_value(v) for k, v in row.items()} for row in export_table(frame).to_dict(orient="records")]
    return json.dumps({**about, "records": records}, ensure_ascii=False, indent=2, default=str)


def _json_value(value: object) -> object:
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return int(value) if value.is_integer() else value
    return value
