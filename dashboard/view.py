"""What the reader is looking at: the filters, as a value that round-trips through the URL.

`parse_query` reads a query string leniently: anything it cannot use is dropped and reported
in plain words, never raised. `to_query` writes only what differs from the default view, so
the default view's link is the bare address.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Iterable, Mapping, Sequence, get_args
from urllib.parse import urlencode

import pandas as pd

from estimates.models import EstimatorKind, Quantity

QUANTITIES: tuple[str, ...] = get_args(Quantity)
KINDS: tuple[str, ...] = get_args(EstimatorKind)
BASES = ("announced", "as_of")
SCALES = ("log", "linear")
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}
MAX_SHOWN = 40  # characters of a rejected value echoed back in a notice


@dataclass(frozen=True)
class View:
    quantities: tuple[str, ...] = QUANTITIES
    estimators: tuple[str, ...] = ()  # empty: every estimator
    kinds: tuple[str, ...] = ()  # empty: every kind
    start: date | None = None
    end: date | None = None
    independent_only: bool = False
    hide_belligerents: bool = False
    basis: str = "announced"
    scale: str = "log"
    record: str | None = None

    def without_record(self) -> View:
        return replace(self, record=None)


DEFAULT = View()
# Streamlit 1.67 drops a whole query string past these limits before the app can read it
# (streamlit.runtime.state.query_params.CLIENT_STATE_QUERY_STRING_MAX_FIELDS and _MAX_LENGTH;
# tests/test_links.py checks they still match). The browser reports the link's size instead.
MAX_LINK_FIELDS, MAX_LINK_CHARS = 1000, 512 * 1024


def dropped_link_notice(fields: object, chars: object) -> str | None:
    """The notice for a link Streamlit ignored whole, from its size as the browser reports it."""
    fields = fields if isinstance(fields, int) else 0
    chars = chars if isinstance(chars, int) else 0
    if fields > MAX_LINK_FIELDS:
        return (f"Ignored the whole link: it has {fields:,} parameters, more than the {MAX_LINK_FIELDS:,} a link "
                "may have. Showing the default view.")
    if chars > MAX_LINK_CHARS:
        return (f"Ignored the whole link: it is {chars:,} characters long, more than the {MAX_LINK_CHARS:,} a link "
                "may have. Showing the default view.")
    return None


@dataclass
class Parsed:
    view: View
    notices: list[str] = field(default_factory=list)


def _shown(value: str) -> str:
    value = value if len(value) <= MAX_SHOWN else value[: MAX_SHOWN - 1] + "…"
    return repr(value)


def _date(value: str) -> date:
    return date.fromisoformat(value.strip())


def parse_query(params: Mapping[str, str | Sequence[str]], estimator_ids: Iterable[str] = (),
                record_ids: Iterable[str] = ()) -> Parsed:
    """Query parameters (one string or a list per key) -> the View, and notices for what was ignored."""
    known_estimators, known_records = set(estimator_ids), set(record_ids)
    notices: list[str] = []
    values: dict = {}

    def many(key: str, allowed: Iterable[str], what: str) -> tuple[str, ...] | None:
        raw = params.get(key)
        if raw is None:
            return None
        items = [raw] if isinstance(raw, str) else list(raw)
        allowed = list(allowed)
        good = tuple(dict.fromkeys(i for i in items if i in allowed))
        bad = [i for i in items if i not in allowed]
        if bad:
            notices.append(f"Ignored {key}={', '.join(_shown(b) for b in bad[:3])}"
                           f"{' and more' if len(bad) > 3 else ''}: not a known {what}.")
        return good or None

    def one(key: str) -> str | None:
        raw = params.get(key)
        if raw is None:
            return None
        items = [raw] if isinstance(raw, str) else list(raw)
        if not items:
            return None
        if len(items) > 1:
            notices.append(f"Several values for {key}: used the first, {_shown(items[0])}.")
        return items[0]

    quantities = many("quantity", QUANTITIES, "quantity")
    if quantities:
        values["quantities"] = tuple(q for q in QUANTITIES if q in quantities)
    estimators = many("estimator", sorted(known_estimators), "estimator")
    if estimators:
        values["estimators"] = estimators
    kinds = many("kind", KINDS, "estimator kind")
    if kinds:
        values["kinds"] = kinds
    for key in ("from", "to"):
        text = one(key)
        if text is None:
            continue
        try:
            values["start" if key == "from" else "end"] = _date(text)
        except ValueError:
            notices.append(f"Ignored {key}={_shown(text)}: write a date as YYYY-MM-DD.")
    for key, attribute in (("independent", "independent_only"), ("hide_belligerents", "hide_belligerents")):
        text = one(key)
        if text is None:
            continue
        if text.lower() in _TRUE | _FALSE:
            values[attribute] = text.lower() in _TRUE
        else:
            notices.append(f"Ignored {key}={_shown(text)}: use 1 or 0.")
    for key, allowed in (("basis", BASES), ("scale", SCALES)):
        text = one(key)
        if text is None:
            continue
        if text in allowed:
            values[key] = text
        else:
            notices.append(f"Ignored {key}={_shown(text)}: use {' or '.join(allowed)}.")
    record = one("record")
    if record is not None:
        if record in known_records:
            values["record"] = record
        else:
            notices.append(f"Ignored record={_shown(record)}: no such record in the data.")
    if values.get("start") and values.get("end") and values["start"] > values["end"]:
        notices.append("Ignored from/to: the start is after the end.")
        values.pop("start"), values.pop("end")
    unknown = [k for k in params if k not in _KEYS]
    if unknown:
        notices.append(f"Ignored unknown parameter{'s' if len(unknown) > 1 else ''} "
                       f"{', '.join(_shown(k) for k in unknown[:5])}{' and more' if len(unknown) > 5 else ''}.")
    return Parsed(View(**values), notices)


_KEYS = {"quantity", "estimator", "kind", "from", "to", "independent", "hide_belligerents", "basis", "scale", "record"}


def to_query(view: View) -> dict[str, str | list[str]]:
    """The View as query parameters, leaving out every default."""
    query: dict[str, str | list[str]] = {}
    if view.quantities != DEFAULT.quantities:
        query["quantity"] = list(view.quantities)
    if view.estimators:
        query["estimator"] = list(view.estimators)
    if view.kinds:
        query["kind"] = list(view.kinds)
    if view.start:
        query["from"] = view.start.isoformat()
    if view.end:
        query["to"] = view.end.isoformat()
    if view.independent_only:
        query["independent"] = "1"
    if view.hide_belligerents:
        query["hide_belligerents"] = "1"
    if view.basis != DEFAULT.basis:
        query["basis"] = view.basis
    if view.scale != DEFAULT.scale:
        query["scale"] = view.scale
    if view.record:
        query["record"] = view.record
    return query


def query_string(view: View) -> str:
    return urlencode(to_query(view), doseq=True)


def apply(frame: pd.DataFrame, view: View) -> pd.DataFrame:
    """The records the view shows. Admissions are kept whatever the estimator filters say,
    since they are what the estimates are set against; the date range applies to both."""
    estimates = frame["kind"] == "estimate"
    keep = ~estimates | frame["quantity"].isin(view.quantities)
    if view.estimators:
        keep &= ~estimates | frame["estimator"].isin(view.estimators)
    if view.kinds:
        keep &= ~estimates | frame["estimator_kind"].isin(view.kinds)
    if view.hide_belligerents:
        keep &= ~estimates | ~frame["belligerent"]
    if view.independent_only:
        keep &= frame["independent"]
    start_col, end_col = f"{view.basis}_start", f"{view.basis}_end"
    if view.start:
        keep &= frame[end_col] >= pd.Timestamp(view.start)
    if view.end:
        keep &= frame[start_col] <= pd.Timestamp(view.end)
    return frame[keep]
