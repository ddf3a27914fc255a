"""What the reader is looking at: the filters, declared once, and the View they make.

Each row of `FILTERS` names a View field, its URL key, its widget, its label, its allowed
values, its words in the sentence describing the view, and its predicate on the frame. Reading
a link (`parse_query`), writing one (`to_query`), filtering the frame (`apply`), the sentence
(`describe_view`) and the sidebar's widgets (dashboard/sidebar.py) all loop over that table, so
a new filter is one row. Every function takes the table as `table=`, and `view_class` makes its
View: a frozen dataclass with one field per row.

`parse_query` reads a query string leniently: anything it cannot use is dropped and reported
in plain words, never raised. `to_query` writes only what differs from the default view, so
the default view's link is the bare address.
"""

from __future__ import annotations

import re

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, make_dataclass, replace
from datetime import date
from functools import cache
from typing import Any, Literal, get_args
from urllib.parse import urlencode

import pandas as pd

from estimates.models import EstimatorKind, Quantity, Side

from .vocabulary import BASIS_WORDS, KIND_WORDS, SIDE_WORDS
from .words import QUANTITY_WORDS

QUANTITIES: tuple[str, ...] = get_args(Quantity)
KINDS: tuple[str, ...] = get_args(EstimatorKind)
SIDES: tuple[str, ...] = get_args(Side)
BASES = ("announced", "as_of")
SCALES = ("log", "linear")
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}
MAX_SHOWN = 40  # characters of a rejected value echoed back in a notice

Widget = Literal["multiselect", "toggle", "date", "radio", "selectbox"]
Keep = Callable[[pd.DataFrame, Any, Any], "pd.Series"]  # (frame, the field's value, the whole view) -> rows kept


@dataclass(frozen=True, eq=False)
class Filter:
    """One row of the view's table. The widget sets the value's type: a multiselect holds a tuple
    of strings, a toggle a bool, a date input a date or None, a radio or selectbox one string."""

    field: str  # the View's attribute
    key: str  # the URL's parameter
    widget: Widget
    label: str
    default: Any = None
    options: tuple[str, ...] | str = ()  # the allowed values, or the frame column that holds them
    names: Mapping[str, str] | str | None = None  # each value's words, or the frame column that holds them
    what: str = ""  # what a value is, in notices: "not a known estimator kind", "no such record in the data"
    words: Callable[[Any, Callable[[str], str]], str] | None = None  # (value, a value's words) -> its words, or ""
    joins: bool = False  # its words continue the row before's, after a space ("from X to Y")
    keep: Keep | None = None  # the rows the value keeps, asked only when it differs from the default
    estimates_only: bool = True  # admissions stay whatever it says: they are what estimates are set against
    after: str | None = None  # the field whose value this one may not precede (a range's end)
    help: str | None = None
    placeholder: str | None = None
    sidebar: bool = True  # False: the page draws its widget elsewhere (the record's selectbox)


def _listed(prefix: str, every: str = "") -> Callable[[tuple[str, ...], Callable[[str], str]], str]:
    return lambda value, name: f"{prefix}: {', '.join(map(name, value))}" if value else every


def _among(column: str, unknown_stays: bool = False) -> Keep:
    """Rows whose `column` is one of the chosen values (and, if `unknown_stays`, rows without one)."""
    def keep(frame: pd.DataFrame, value: tuple[str, ...], view: Any) -> pd.Series:
        kept = frame[column].isin(value)
        return kept | frame[column].isna() if unknown_stays else kept
    return keep


def _quantities(value: tuple[str, ...], name: Callable[[str], str]) -> str:
    if value == QUANTITIES:
        return "All quantities"
    return ", ".join(map(name, value)).capitalize() or "No quantities"


FILTERS: tuple[Filter, ...] = (
    Filter("quantities", "quantity", "multiselect", "Quantity", default=QUANTITIES, options=QUANTITIES,
           names=QUANTITY_WORDS, what="quantity", words=_quantities, keep=_among("quantity")),
    Filter("estimators", "estimator", "multiselect", "Estimator", default=(), options="estimator",
           names="estimator_short", what="estimator", words=_listed("estimators", "all estimators"),
           keep=_among("estimator"), placeholder="All estimators"),
    Filter("kinds", "kind", "multiselect", "Estimator kind", default=(), options=KINDS,
           names=KIND_WORDS, what="estimator kind", words=_listed("kinds"),
           keep=_among("estimator_kind"), placeholder="All kinds"),
    Filter("sides", "side", "multiselect", "Estimator's side", default=(), options=SIDES, names=SIDE_WORDS,
           what="side", words=_listed("sides"), keep=_among("side"), placeholder="All sides",
           help="Whose estimates: a party to the war, a third party, or a mixed group. Official admissions stay."),
    Filter("scopes", "scope", "multiselect", "Where / which unit", default=(), options="scope", names="scope_name",
           what="scope", words=_listed("scope"), keep=_among("scope", unknown_stays=True), estimates_only=False,
           placeholder="Everywhere, every unit",
           help="Where the troops a figure counts were, or which unit they were in. Applies to admitted figures "
                "too; admissions without a figure stay."),
    Filter("hide_belligerents", "hide_belligerents", "toggle", "Hide claims by parties to the war", default=False,
           words=lambda value, name: "no claims by parties to the war" if value else "",
           keep=lambda frame, value, view: ~frame["belligerent"],
           help="Leaves out estimates made by North Korea, Russia or Ukraine. Official admissions stay."),
    Filter("independent_only", "independent", "toggle", "Independent claims only", default=False,
           words=lambda value, name: "independent claims only" if value else "",
           keep=lambda frame, value, view: frame["independent"], estimates_only=False,
           help="Hides figures known only from a later article that restates them as background. A claim "
                "reported by many outlets is always one point."),
    Filter("statements_only", "statements", "toggle", "Official statements only", default=False,
           words=lambda value, name: "official statements only" if value else "",
           keep=lambda frame, value, view: frame["kind"] == "admission", estimates_only=False,
           help="Shows only what North Korea and Russia said, with and without figures."),
    Filter("start", "from", "date", "From", words=lambda value, name: f"from {value}" if value else "",
           keep=lambda frame, value, view: frame[f"{view.basis}_end"] >= pd.Timestamp(value), estimates_only=False),
    Filter("end", "to", "date", "To", words=lambda value, name: f"to {value}" if value else "", joins=True,
           keep=lambda frame, value, view: frame[f"{view.basis}_start"] <= pd.Timestamp(value), estimates_only=False,
           after="start"),
    Filter("basis", "basis", "radio", "Place each estimate at", default="announced", options=BASES,
           names=BASIS_WORDS,
           words=lambda value, name: "by date announced" if value == "announced" else "by date the figure refers to"),
    Filter("scale", "scale", "radio", "Scale", default="log", options=SCALES,
           words=lambda value, name: f"{value} scale"),
    Filter("record", "record", "selectbox", "Record (or click a point in the chart, or a row in the table)",
           options="id", what="record", sidebar=False, placeholder="Type an estimator, a figure or a date"),  # drawn by the page, under "Where does a figure come from?"
)
FILTER = {row.field: row for row in FILTERS}


def _without_record(self):
    return replace(self, record=None)


_TYPES = {"multiselect": tuple[str, ...], "toggle": bool, "date": date | None, "radio": str, "selectbox": str | None}


def view_class(table: tuple[Filter, ...] = FILTERS) -> type:
    """The View of a table: a frozen dataclass with one field per row, in the table's order. One
    class per table, however it is asked for (`view_class()` and `view_class(FILTERS)` alike),
    so that views of one table compare equal."""
    return _view_class(table)


@cache
def _view_class(table: tuple[Filter, ...]) -> type:
    view = make_dataclass("View", [(row.field, _TYPES[row.widget], field(default=row.default)) for row in table],
                          frozen=True, namespace={"without_record": _without_record})
    view.__module__ = __name__
    return view


View = view_class()
DEFAULT = View()
# Streamlit 1.67 drops a whole query string past these limits before the app can read it
# (streamlit.runtime.state.query_params.CLIENT_STATE_QUERY_STRING_MAX_FIELDS and _MAX_LENGTH;
# tests/test_limits_and_links.py checks they still match). The browser reports the link's size instead.
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


def choices(row: Filter, frame: Mapping | None = None) -> dict[str, str]:
    """A row's allowed values and each one's words, in the order a widget lists them: its own
    order, or for values from the frame (`frame[row.options]`), by their words."""
    if isinstance(row.options, tuple):
        return {v: row.names.get(v, v) if isinstance(row.names, Mapping) else v for v in row.options}
    if frame is None or row.options not in frame:
        return {}
    values = list(frame[row.options])
    names = list(frame[row.names]) if isinstance(row.names, str) and row.names in frame else values
    found = {v: n if isinstance(n, str) else v for v, n in zip(values, names) if isinstance(v, str)}
    return dict(sorted(found.items(), key=lambda item: item[1]))


@dataclass
class Parsed:
    view: Any  # the table's View
    notices: list[str] = field(default_factory=list)


def _shown(value: str) -> str:
    value = value if len(value) <= MAX_SHOWN else value[: MAX_SHOWN - 1] + "…"
    return repr(value)


def _read(row: Filter, items: list[str], allowed: dict[str, str], notices: list[str]) -> Any:
    """One row's value from the URL's strings, or None for the default; what it cannot use, in `notices`."""
    if row.widget == "multiselect":
        bad = [i for i in items if i not in allowed]
        if bad:
            notices.append(f"Ignored {row.key}={', '.join(_shown(b) for b in bad[:3])}"
                           f"{' and more' if len(bad) > 3 else ''}: not a known {row.what}.")
        good = set(items) - set(bad)
        ordered = [v for v in allowed if v in good] if isinstance(row.options, tuple) else dict.fromkeys(items)
        return tuple(v for v in ordered if v in good) or None
    if len(items) > 1:
        notices.append(f"Several values for {row.key}: used the first, {_shown(items[0])}.")
    text = items[0]
    if row.widget == "toggle":
        if text.lower() in _TRUE | _FALSE:
            return text.lower() in _TRUE
        notices.append(f"Ignored {row.key}={_shown(text)}: use 1 or 0.")
    elif row.widget == "date":
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            notices.append(f"Ignored {row.key}={_shown(text)}: write a date as YYYY-MM-DD.")
    elif text in allowed:
        return text
    elif isinstance(row.options, tuple):
        notices.append(f"Ignored {row.key}={_shown(text)}: use {' or '.join(allowed)}.")
    else:
        notices.append(f"Ignored {row.key}={_shown(text)}: no such {row.what} in the data.")
    return None


def parse_query(params: Mapping[str, str | Sequence[str]], estimator_ids: Iterable[str] = (),
                record_ids: Iterable[str] = (), *, frame: Mapping | None = None,
                table: tuple[Filter, ...] = FILTERS) -> Parsed:
    """Query parameters (one string or a list per key) -> the View, and notices for what was ignored.
    Values taken from the data (estimators, scopes, records) are checked against `frame`'s
    columns; without it, against `estimator_ids` and `record_ids`, and no scope is known."""
    known = frame if frame is not None else {"estimator": list(estimator_ids), "id": list(record_ids)}
    notices: list[str] = []
    values: dict = {}
    for row in table:
        raw = params.get(row.key)
        items = [raw] if isinstance(raw, str) else list(raw or ())
        if items:
            value = _read(row, items, choices(row, known), notices)
            if value is not None:
                values[row.field] = value
    for row in table:
        if row.after and values.get(row.after) and values.get(row.field) and values[row.after] > values[row.field]:
            first = next(r for r in table if r.field == row.after)
            notices.append(f"Ignored {first.key}/{row.key}: the start is after the end.")
            values.pop(row.after), values.pop(row.field)
    keys = {row.key for row in table}
    unknown = [k for k in params if k not in keys]
    if unknown:
        notices.append(f"Ignored unknown parameter{'s' if len(unknown) > 1 else ''} "
                       f"{', '.join(_shown(k) for k in unknown[:5])}{' and more' if len(unknown) > 5 else ''}.")
    return Parsed(view_class(table)(**values), notices)


def view_from(values: Mapping[str, Any], table: tuple[Filter, ...] = FILTERS) -> Any:
    """The View of the widgets' values (`values[field]`, lists for multiselects)."""
    fields = {}
    for row in table:
        value = values[row.field]
        if row.widget == "multiselect":
            value = tuple(v for v in row.options if v in value) if isinstance(row.options, tuple) else tuple(value)
        fields[row.field] = value
    return view_class(table)(**fields)


def to_query(view: Any, table: tuple[Filter, ...] = FILTERS) -> dict[str, str | list[str]]:
    """The View as query parameters, leaving out every default."""
    query: dict[str, str | list[str]] = {}
    for row in table:
        value = getattr(view, row.field)
        if value == row.default:
            continue
        if row.widget == "multiselect":
            query[row.key] = list(value)
        elif row.widget == "toggle":
            query[row.key] = "1" if value else "0"
        else:
            query[row.key] = value.isoformat() if isinstance(value, date) else str(value)
    return query


def query_string(view: Any, table: tuple[Filter, ...] = FILTERS) -> str:
    return urlencode(to_query(view, table), doseq=True)


def permalink(view: Any, base: str) -> str:
    """The address that reopens `view` in the app served at `base` (checked: urls.check_base_url)."""
    query = query_string(view)
    return f"{base.rstrip('/')}/" + (f"?{query}" if query else "")


def apply(frame: pd.DataFrame, view: Any, table: tuple[Filter, ...] = FILTERS) -> pd.DataFrame:
    """The records the view shows: each filter that differs from its default keeps its rows
    (of the estimates only, for the rows marked so; admissions stay)."""
    estimates = frame["kind"] == "estimate"
    keep = pd.Series(True, index=frame.index)
    for row in table:
        value = getattr(view, row.field)
        if row.keep is None or value == row.default:
            continue
        kept = row.keep(frame, value, view)
        keep &= ~estimates | kept if row.estimates_only else kept
    return frame[keep]


def describe_view(view: Any, frame: Mapping | None = None, table: tuple[Filter, ...] = FILTERS) -> str:
    """The filters in words: 'Killed, wounded · estimators: NIS · from 2025-01-01 · log scale'.
    Values taken from the data are named from `frame` (the estimator's short name, the scope's
    name); without it, by their id."""
    parts: list[str] = []
    said = False  # whether the row before said something
    for row in table:
        names = choices(row, frame) if row.words else {}
        words = row.words(getattr(view, row.field), lambda v: names.get(v, v)) if row.words else ""
        if words and row.joins and said:
            parts[-1] += f" {words}"
        elif words:
            parts.append(words)
        said = bool(words)
    return " · ".join(parts)


def view_slug(view: Any, table: tuple[Filter, ...] = FILTERS, limit: int = 60) -> str:
    """The view in a file name: 'all' for the default, else its link's parameters as words
    ('quantity-killed-estimator-rok-nis'), letters, digits and dashes only, at most `limit` long."""
    words = [f"{key}-{'-'.join(value) if isinstance(value, list) else value}"
             for key, value in to_query(view.without_record(), table).items()]
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(words).lower()).strip("-")[:limit].strip("-")
    return slug or "all"
