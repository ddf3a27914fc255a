"""Rules that span records and files: unique ids, references, dates, quotes, duplicates."""

from __future__ import annotations

import difflib
from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any, Iterator

from .dates import parse_span
from .limits import CEILINGS, EARLIEST_DATE, REASON_FIELD
from .models import ADMITTING_SIDES, Admission, Estimate
from . import claims
from .problems import Problem

from .records import Dataset, Origin

if TYPE_CHECKING:
    from .yamlfile import YamlFile

_RECORD_LISTS = ("estimates", "admissions")
MAX_DIAGNOSED_QUOTES = 100  # each costs a few ms on a large document; past these, the error says where to look


def taken_id(dataset: Dataset, key: str, item_id: str, origin: Origin) -> Problem | None:
    """The problem if `item_id` is already used (estimates and admissions share ids), else None."""
    namespace = _RECORD_LISTS if key in _RECORD_LISTS else (key,)
    earlier = next((dataset.origins[(k, item_id)] for k in namespace if (k, item_id) in dataset.origins), None)
    if earlier is None:
        return None
    return Problem(origin.file, origin.line, origin.column, f"{item_id}.id",
                   f"id {item_id!r} is already used at {earlier.file}:{earlier.line}: give this one a new id, "
                   "or, if it is the same claim reported again, add its passage to the earlier one's `reports`")


class _Reporter:
    def __init__(self, dataset: Dataset, yfiles: dict[str, YamlFile]):
        self.dataset, self.yfiles, self.problems = dataset, yfiles, []
        self.failed: set[tuple[str, str]] = set()  # (list name, id) of records with an error

    def add(self, key: str, record_id: str, path: tuple, message: str, severity: str = "error") -> None:
        origin = self.dataset.origins[(key, record_id)]
        yfile = self.yfiles.get(origin.file)
        line, column = yfile.position((key, origin.index, *path)) if yfile else (origin.line, origin.column)
        field = ".".join([record_id, *(str(p) for p in path)])
        self.problems.append(Problem(origin.file, line, column, field, message, severity))  # type: ignore[arg-type]
        if severity == "error":
            self.failed.add((key, record_id))


def _dates(record: Estimate | Admission) -> Iterator[tuple[tuple, str]]:
    if isinstance(record, Estimate):
        yield ("announced", "value"), record.announced.value
        if record.as_of:
            yield ("as_of", "value"), record.as_of.value
        if record.period:
            yield ("period",), record.period
    else:
        yield ("date", "value"), record.date.value
        if record.as_of:
            yield ("as_of", "value"), record.as_of.value


def _figures(record: Estimate | Admission) -> Iterator[tuple[tuple, str, float]]:
    """(path, quantity, number) of every number a record gives, shares (fractions) aside."""
    figures = [((), record)] if isinstance(record, Estimate) else [(("figures", i), f) for i, f in enumerate(record.figures)]
    for prefix, figure in figures:
        if getattr(figure, "measure", "total") == "share":
            continue
        for name in ("value", "low", "high"):
            number = getattr(figure, name)
            if number is not None:
                yield (*prefix, name), figure.quantity, number


def closest(value: str, known: Any) -> str:
    """"did you mean 'rok-nis'? " for a mistyped id: the known ids nearest in spelling, and those
    that contain it or end with it (`nis` is `rok-nis`), at most three; "" when none is near."""
    ids = sorted(str(k) for k in known)
    near = [k for k in ids if k.endswith(f"-{value}") or k.startswith(f"{value}-")]
    near += [k for k in difflib.get_close_matches(value, ids, n=3, cutoff=0.75) if k not in near]
    return f"did you mean {' or '.join(repr(k) for k in near[:3])}? " if near else ""


def check(dataset: Dataset, yfiles: dict[str, YamlFile],
          today: date | None = None) -> tuple[list[Problem], set[tuple[str, str]]]:
    """The problems found, and the (list name, id) of each record with an error. Changes nothing."""
    today = today or date.today()
    report = _Reporter(dataset, yfiles)
    estimators, scopes, documents = dataset.estimators, dataset.scopes, dataset.documents
    estimate_ids = {e.id for e in dataset.estimates}

    def ref(key: str, record_id: str, path: tuple, value: str | None, known: Any, what: str) -> None:
        if value is not None and value not in known:
            report.add(key, record_id, path, f"unknown {what} {value!r}: {closest(value, known)}define it first, "
                       "or fix the spelling")

    for scope in scopes.values():
        ref("scopes", scope.id, ("within",), scope.within, scopes, "scope")
        if scope.within == scope.id:
            report.add("scopes", scope.id, ("within",), "a scope cannot be within itself")

    diagnosed = 0
    for key, records in (("estimates", dataset.estimates), ("admissions", dataset.admissions)):
        for record in records:
            if isinstance(record, Estimate):
                ref(key, record.id, ("estimator",), record.estimator, estimators, "estimator")
                ref(key, record.id, ("scope",), record.scope, scopes, "scope")
                ref(key, record.id, ("restates",), record.restates, estimate_ids, "estimate")
                if record.restates == record.id:
                    report.add(key, record.id, ("restates",), "a claim cannot restate itself")
            else:
                ref(key, record.id, ("actor",), record.actor, estimators, "estimator")
                actor = estimators.get(record.actor)
                if actor is not None and actor.side not in ADMITTING_SIDES:
                    report.add(key, record.id, ("actor",),
                               f"{record.actor!r} is on the side {actor.side!r}: an admission is a statement by "
                               f"a side whose own troops it counts ({', '.join(ADMITTING_SIDES)}); record what "
                               "anyone else says as an estimate")
                for i, figure in enumerate(record.figures):
                    ref(key, record.id, ("figures", i, "scope"), figure.scope, scopes, "scope")
            for path, value in _dates(record):
                if parse_span(value).start > today:
                    report.add(key, record.id, path, f"{value} is in the future (today is {today}): check the year")
                elif parse_span(value).start < EARLIEST_DATE and not record.unusual_because:
                    report.add(key, record.id, path, f"{value} is before {EARLIEST_DATE}, the earliest date this tracker "
                               f"expects (estimates/limits.py): check the year, or say why in `{REASON_FIELD}`")
            if not record.unusual_because:
                for path, quantity, figure in _figures(record):
                    ceiling = CEILINGS[quantity]
                    if figure > ceiling:
                        report.add(key, record.id, path, f"{figure:,g} is above the ceiling of {ceiling:,} for "
                                   f"`{quantity}` (estimates/limits.py): check the figure, or say why in "
                                   f"`{REASON_FIELD}`")
            for i, citation in enumerate(record.reports):
                for j, relay in enumerate(citation.relayed_by):
                    ref(key, record.id, ("reports", i, "relayed_by", j), relay, estimators, "estimator")
                if citation.as_reported is not None:
                    ref(key, record.id, ("reports", i, "as_reported", "estimator"), citation.as_reported.estimator,
                        estimators, "estimator")
                    ref(key, record.id, ("reports", i, "as_reported", "scope"), citation.as_reported.scope,
                        scopes, "scope")
                document = documents.get(citation.document)
                if citation.document in dataset.broken_documents:
                    report.add(key, record.id, ("reports", i, "document"),
                               f"document {citation.document!r} is archived but did not load: "
                               f"{dataset.broken_documents[citation.document]}")
                elif document is None:
                    report.add(key, record.id, ("reports", i, "document"),
                               f"unknown document {citation.document!r}: {closest(citation.document, documents)}"
                               "archive it in seeds/ first (`python -m estimates archive`)")
                elif not document.contains(citation.quote):
                    diagnosed += 1
                    why = (document.explain_missing(citation.quote) if diagnosed <= MAX_DIAGNOSED_QUOTES else
                           f"the closest passage is shown for the first {MAX_DIAGNOSED_QUOTES} quotes not found")
                    report.add(key, record.id, ("reports", i, "quote"),
                               f"quote not found verbatim in {citation.document}.txt: copy it exactly "
                               "(only whitespace and typographic quotes or dashes may differ); " + why)

    for document in documents.values():
        if parse_span(document.meta.published.value).start > today:
            report.problems.append(Problem(f"seeds/{document.id}.meta.yaml", 1, 1, "published.value",
                                           "publication date is in the future: check the year"))

    claims.check(dataset, report)
    return report.problems, report.failed


