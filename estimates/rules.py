"""Rules that span records and files: unique ids, references, dates, quotes, duplicates."""

from __future__ import annotations

import difflib
from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any, Iterator

from .dates import parse_span
from .limits import CEILINGS, EARLIEST_DATE, REASON_FIELD
from .models import ADMITTING_SIDES, Admission, Estimate
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
                   "or mark it `repeats:` the earlier one if it is the same claim reported again")


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
                for i, relay in enumerate(record.relayed_by):
                    ref(key, record.id, ("relayed_by", i), relay, estimators, "estimator")
                ref(key, record.id, ("repeats",), record.repeats, estimate_ids, "estimate")
                if record.repeats == record.id:
                    report.add(key, record.id, ("repeats",), "a record cannot repeat itself")
            else:
                ref(key, record.id, ("actor",), record.actor, estimators, "estimator")
                actor = estimators.get(record.actor)
                if actor is not None and actor.side not in ADMITTING_SIDES:
                    report.add(key, record.id, ("actor",),
                               f"{record.actor!r} is on the side {actor.side!r}: an admission is a statement by "
                               f"a side whose own troops it counts ({', '.join(ADMITTING_SIDES)}); record what "
                               "anyone else says as an estimate")
                for i, relay in enumerate(record.relayed_by):
                    ref(key, record.id, ("relayed_by", i), relay, estimators, "estimator")
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
            for i, citation in enumerate(record.citations):
                document = documents.get(citation.document)
                if citation.document in dataset.broken_documents:
                    report.add(key, record.id, ("citations", i, "document"),
                               f"document {citation.document!r} is archived but did not load: "
                               f"{dataset.broken_documents[citation.document]}")
                elif document is None:
                    known = ", ".join(sorted(documents)) or "none"
                    report.add(key, record.id, ("citations", i, "document"),
                               f"unknown document {citation.document!r}: archive it in seeds/ first (known: {known})")
                elif not document.contains(citation.quote):
                    diagnosed += 1
                    why = (document.explain_missing(citation.quote) if diagnosed <= MAX_DIAGNOSED_QUOTES else
                           f"the closest passage is shown for the first {MAX_DIAGNOSED_QUOTES} quotes not found")
                    report.add(key, record.id, ("citations", i, "quote"),
                               f"quote not found verbatim in {citation.document}.txt: copy it exactly "
                               "(only whitespace and typographic quotes or dashes may differ); " + why)

    for document in documents.values():
        if parse_span(document.meta.published.value).start > today:
            report.problems.append(Problem(f"seeds/{document.id}.meta.yaml", 1, 1, "published.value",
                                           "publication date is in the future: check the year"))

    _report_likely_duplicates(dataset, report)
    _report_repeat_chains(dataset, report)
    return report.problems, report.failed


def _report_repeat_chains(dataset: Dataset, report: _Reporter) -> None:
    """A repeat points at the earliest report of its claim: not at another repeat, nor at a later one."""
    by_id = {e.id: e for e in dataset.estimates}
    for estimate in dataset.estimates:
        target = by_id.get(estimate.repeats or "")
        if target is None:
            continue
        if target.repeats:
            report.add("estimates", estimate.id, ("repeats",),
                       f"{target.id!r} is itself a repeat of {target.repeats!r}: point `repeats` at the original claim",
                       severity="warning")
        elif parse_span(target.announced.value).start > parse_span(estimate.announced.value).end:
            report.add("estimates", estimate.id, ("repeats",),
                       f"{target.id!r} was announced after this record ({target.announced.value} > "
                       f"{estimate.announced.value}): the earlier report is the original; make {target.id!r} "
                       "repeat this one instead", severity="warning")


def _report_likely_duplicates(dataset: Dataset, report: _Reporter) -> None:
    groups: dict[tuple, list[Estimate]] = defaultdict(list)
    for estimate in dataset.estimates:
        if estimate.repeats is None and not estimate.background and estimate.qualifier != "vague":
            key = (estimate.estimator, estimate.quantity, estimate.scope, estimate.value,
                   estimate.low, estimate.high, estimate.announced.value)
            groups[key].append(estimate)
    for group in groups.values():
        for later in group[1:]:
            report.add("estimates", later.id, ("id",),
                       f"likely duplicate of {group[0].id!r} (same estimator, quantity, scope, figure and "
                       f"announced date): add `repeats: {group[0].id}` if it is the same claim",
                       severity="warning")
