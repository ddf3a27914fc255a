"""Partial dates that keep their precision: `2025`, `2025-01`, `2025-01-28`, `late 2024`,
and intervals `2025-08-16/2025-08-31`.

A partial date is stored as the text the contributor wrote and resolved to the span of days
it covers, so that `2024-11` is never silently turned into 1 November 2024.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator

Precision = Literal["day", "month", "year", "part_of_year", "interval"]

_SINGLE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
_PART_OF_YEAR = re.compile(r"^(?P<part>early|mid|late) (?P<year>\d{4})$")
# early = Jan-Apr, mid = May-Aug, late = Sep-Dec: thirds of the year, documented in the README.
_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}

FORMS_HINT = (
    "write YYYY, YYYY-MM, YYYY-MM-DD, 'early|mid|late YYYY', or an interval START/END "
    "of those forms, e.g. '2025-08-16/2025-08-31'"
)


@dataclass(frozen=True)
class Span:
    """The first and last day a partial date can mean, and how precise it is."""

    start: date
    end: date
    precision: Precision


def _single_span(text: str) -> Span:
    match = _SINGLE.match(text)
    if match:
        year = int(match["year"])
        if match["day"]:
            day = date(year, int(match["month"]), int(match["day"]))
            return Span(day, day, "day")
        if match["month"]:
            month = int(match["month"])
            last = calendar.monthrange(year, month)[1]
            return Span(date(year, month, 1), date(year, month, last), "month")
        return Span(date(year, 1, 1), date(year, 12, 31), "year")
    match = _PART_OF_YEAR.match(text)
    if match:
        year = int(match["year"])
        first, last = _PARTS[match["part"]]
        return Span(
            date(year, first, 1),
            date(year, last, calendar.monthrange(year, last)[1]),
            "part_of_year",
        )
    raise ValueError(f"{text!r} is not a partial date: {FORMS_HINT}")


@lru_cache(maxsize=4096)
def parse_span(text: str) -> Span:
    """Resolve a partial date to its span of days. Raises ValueError with a hint."""
    try:
        return _span(text)
    except ValueError as error:  # calendar errors such as month 13 get the hint too
        message = str(error)
        if "partial date" not in message and "ends before" not in message:
            message = f"{text!r} is not a valid date ({message}): {FORMS_HINT}"
        raise ValueError(message) from None


def _span(text: str) -> Span:
    if "/" in text:
        first, _, last = text.partition("/")
        start, end = _single_span(first.strip()), _single_span(last.strip())
        if end.end < start.start:
            raise ValueError(f"interval {text!r} ends before it starts")
        return Span(start.start, end.end, "interval")
    return _single_span(text.strip())


def _check(text: str) -> str:
    parse_span(text)
    return text


def _from_yaml_date(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)  # an unquoted year
    return value


PartialDate = Annotated[
    str,
    BeforeValidator(_from_yaml_date),
    AfterValidator(_check),
]
"""A date as precise as its source: see the module docstring for the accepted forms."""


def label(text: str) -> str:
    """Human wording of a partial date: 'Jan 2025', '28 Apr 2025', 'late 2024'."""
    span = parse_span(text)
    if span.precision == "day":
        return f"{span.start.day} {span.start:%b %Y}"
    if span.precision == "month":
        return f"{span.start:%b %Y}"
    if span.precision == "year":
        return str(span.start.year)
    if span.precision == "part_of_year":
        return text
    first, last = (part.strip() for part in text.split("/"))
    a, b = parse_span(first), parse_span(last)
    if a.precision == b.precision == "day" and (a.start.year, a.start.month) == (b.start.year, b.start.month):
        return f"{a.start.day}–{b.start.day} {b.start:%b %Y}"
    return f"{label(first)} – {label(last)}"
