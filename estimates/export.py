"""Records -> CSV or JSON, one row per record."""

from __future__ import annotations

import json

import pandas as pd

EXPORT_COLUMNS = [
    "id", "kind", "quantity", "includes", "scope", "measure", "status", "period", "share_of",
    "value", "low", "high", "qualifier", "lower", "upper",
    "estimator", "estimator_name", "relayed_by", "announced", "as_of", "repeats",
    "label", "admission_kind", "documents", "quotes", "notes",
]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if isinstance(value, list):
        value = " | ".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value  # spreadsheets must show it as text, never run it as a formula
    return value


def to_csv(frame: pd.DataFrame, extra: list[str] = ()) -> str:
    table = frame[[*EXPORT_COLUMNS, *extra]].astype(object).map(_cell)
    return table.to_csv(index=False, lineterminator="\r\n")  # RFC 4180; quotes cells with \r or \n


def to_json(frame: pd.DataFrame, **about: object) -> str:
    table = frame[EXPORT_COLUMNS].astype(object).where(frame[EXPORT_COLUMNS].notna(), None)
    records = table.to_dict(orient="records")
    return json.dumps({**about, "records": records}, ensure_ascii=False, indent=2, default=str)
