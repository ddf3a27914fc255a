"""The rules that keep each claim counted once and its details drawn from its evidence.

- The same claim twice: two claims of the same estimator, quantity, scope and figure announced
  within 14 days, or two claims of the same quantity citing the same passage, are an error
  (unless one says in `distinct_because` why it is another claim, or `restates` the other). Official statements: the
  same actor giving the same figures within 14 days, or the same passage cited twice.
- A claim is dated by its earliest report: `announced` after every report's publication is
  a warning.
- `restates` points at an earlier claim of the same estimator.
- A scope narrower than the whole war needs evidence: a reported passage names the place (a
  word of the scope, or of a scope within it, from `actors.yaml`), or `scope_evidence` says
  where the source gives it.
- Notes speak to readers: a note about how the research was done is a warning.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Iterator

from .dates import parse_span
from .models import Admission, Estimate, Scope
from .quotes import normalize

if TYPE_CHECKING:
    from .records import Dataset

SAME_CLAIM_DAYS = 14
# Phrases of a research log, not of a note to readers ("the brief's existing record", "id not given").
RESEARCH_NOTE = re.compile(
    r"\b(?:the brief|brief's|list I was given|given to me|not given to me|id not given|existing record"
    r"|the dataset's existing|candidate record|my search|I searched|we searched)\b", re.IGNORECASE)


def _span(value: str) -> tuple[date, date]:
    span = parse_span(value)
    return span.start, span.end


def days_apart(a: str, b: str) -> int:
    """Days between two partial dates' spans (0 when they overlap)."""
    (a0, a1), (b0, b1) = _span(a), _span(b)
    return max((b0 - a1).days, (a0 - b1).days, 0)


def _figure(figure) -> tuple:
    return (figure.value, figure.low, figure.high)


def _claim_key(record: Estimate | Admission) -> tuple | None:
    if isinstance(record, Estimate):
        if record.qualifier == "vague":
            return None
        return ("estimate", record.estimator, record.quantity, record.scope, record.measure, _figure(record))
    if not record.figures:
        return None
    return ("admission", record.actor, tuple(sorted((f.quantity, *_figure(f)) for f in record.figures)))


def _date(record: Estimate | Admission) -> str:
    return record.announced.value if isinstance(record, Estimate) else record.date.value


def _key(record: Estimate | Admission) -> str:
    return "estimates" if isinstance(record, Estimate) else "admissions"


def _quantities(record: Estimate | Admission) -> set:
    if isinstance(record, Estimate):
        return {record.quantity}
    return {f.quantity for f in record.figures} or {None}


def _linked(later: Estimate | Admission, earlier: Estimate | Admission) -> bool:
    """Declared another claim: with a reason, or as the estimator's restatement of the earlier one."""
    return bool(later.distinct_because or earlier.distinct_because
                or (isinstance(later, Estimate) and later.restates == earlier.id))


def same_claims(dataset: Dataset) -> Iterator[tuple[Estimate | Admission, Estimate | Admission, str]]:
    """(later, earlier, why) for each pair that looks like one claim recorded twice."""
    # in order of date, then of reading (the data folder before files given beside it): of two
    # claims made the same day, the one read second is reported
    order = {id(r): n for n, r in enumerate(dataset.records)}
    records = sorted(dataset.records, key=lambda r: (parse_span(_date(r)).start, order[id(r)]))
    groups: dict[tuple, list] = defaultdict(list)
    for record in records:
        key = _claim_key(record)
        if key is not None:
            groups[key].append(record)
    for group in groups.values():
        for i, later in enumerate(group):
            for earlier in group[:i]:
                if (days_apart(_date(earlier), _date(later)) <= SAME_CLAIM_DAYS and not _linked(later, earlier)):
                    who = "estimator, quantity, scope and figure" if isinstance(later, Estimate) else "actor and figures"
                    yield later, earlier, f"the same {who}, announced within {SAME_CLAIM_DAYS} days"
                    break
    cited: dict[tuple, Estimate | Admission] = {}
    for record in records:
        for report in record.reports:
            for quantity in _quantities(record):
                key = (report.document, normalize(report.quote), quantity)
                earlier = cited.setdefault(key, record)
                if earlier is not record and not _linked(record, earlier):
                    yield record, earlier, f"the same passage of {report.document}"


def _within(scopes: dict[str, Scope], scope_id: str) -> list[Scope]:
    """The scope and every scope inside it."""
    inside = [s for s in scopes.values() if s.within == scope_id]
    return [scopes[scope_id], *(t for s in inside for t in _within(scopes, s.id))] if scope_id in scopes else []


def names_scope(scopes: dict[str, Scope], scope_id: str, text: str) -> bool:
    text = text.casefold()
    return any(word.casefold() in text for scope in _within(scopes, scope_id) for word in scope.words)


def check(dataset: Dataset, report) -> None:
    """Add each problem to `report` (rules._Reporter)."""
    for later, earlier, why in same_claims(dataset):
        report.add(_key(later), later.id, ("id",),
                   f"the same claim as {earlier.id!r} ({why}): add this passage to the `reports` of "
                   f"{earlier.id!r}, or say in `distinct_because` why it is another claim")
    estimates = {e.id: e for e in dataset.estimates}
    for record in dataset.records:
        if (_key(record), record.id) in report.failed:
            continue  # already refused: one error is enough to fix first
        published = [dataset.documents[r.document].meta.published.value for r in record.reports
                     if r.document in dataset.documents]
        if published:
            first = min(published, key=lambda value: parse_span(value).end)
            if parse_span(_date(record)).start > parse_span(first).end:
                field = ("announced",) if isinstance(record, Estimate) else ("date",)
                report.add(_key(record), record.id, (*field, "value"),
                           f"{_date(record)} is after its earliest report ({first}): a claim is dated by its "
                           "earliest report", severity="warning")
        if record.notes and RESEARCH_NOTE.search(record.notes):
            report.add(_key(record), record.id, ("notes",), "this note speaks of how the research was done: "
                       "say what a reader needs to know about the claim", severity="warning")
        for i, item in enumerate(record.reports):
            if item.notes and RESEARCH_NOTE.search(item.notes):
                report.add(_key(record), record.id, ("reports", i, "notes"), "this note speaks of how the research "
                           "was done: say what a reader needs to know about the report", severity="warning")
        if not isinstance(record, Estimate):
            continue
        target = estimates.get(record.restates or "")
        if target is not None and (target.estimator != record.estimator
                                   or parse_span(target.announced.value).start > parse_span(record.announced.value).start):
            report.add("estimates", record.id, ("restates",), f"{target.id!r} is not an earlier claim of "
                       f"{record.estimator!r}: `restates` links a claim to its estimator's earlier one",
                       severity="warning")
        scope = dataset.scopes.get(record.scope)
        if (scope is not None and scope.within is not None and not record.scope_evidence
                and not any(names_scope(dataset.scopes, record.scope, r.quote) for r in record.reports)):
            report.add("estimates", record.id, ("scope",),
                       f"no reported passage names {scope.name!r} ({', '.join(scope.words) or 'no words given'}): "
                       "quote the words that give the place, say where the source gives it in `scope_evidence`, "
                       "or widen the scope", severity="warning")

